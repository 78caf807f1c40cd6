
"""The log scrub filter: what slips into a log message leaves it without identifiers."""

from __future__ import annotations

import io
import logging

import pytest

from app.core.logs import ScrubFilter, scrub


@pytest.mark.parametrize(("message", "identifier"), [
    ("sent to jane.doe@hospital.org", "jane.doe@hospital.org"),
    ("study of 2024-03-02 opened", "2024-03-02"),
    ("study of 03/02/2024 opened", "03/02/2024"),
    ("DICOM date 20240302", "20240302"),
    ("call (555) 123-4567", "123-4567"),
    ("MRN 12345678 not found", "12345678"),
    ("file DOE^JOHN^Q.dcm", "DOE^JOHN"),
    ("Patient: John Smith admitted", "John Smith"),
    ("姓名：张伟 已导入", "张伟"),
])  # fmt: skip
def test_scrub_removes_each_kind(message: str, identifier: str) -> None:
    cleaned = scrub(message)
    assert identifier not in cleaned
    assert cleaned != message


def test_scrub_keeps_ordinary_messages() -> None:
    message = "model loaded: 28/28 layers on GPU, n_ctx 8192, 61.5 tok/s"
    assert scrub(message) == message


def _logger() -> tuple[logging.Logger, io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(ScrubFilter())
    logger = logging.getLogger(f"test-scrub-{id(out)}")
    logger.propagate = False
    logger.addHandler(handler)
    return logger, out


def test_the_filter_scrubs_formatted_arguments_and_drops_exception_text() -> None:
    logger, out = _logger()
    logger.warning("could not open %s for %s", "DOE^JANE.dcm", "MRN 98765432")
    try:
        raise ValueError("patient Jane Doe, MRN 98765432, born 1950-01-02")
    except ValueError:
        logger.exception("reading failed")
    text = out.getvalue()
    assert "DOE^JANE" not in text and "98765432" not in text and "1950-01-02" not in text
    assert "Jane Doe" not in text
    assert "ValueError (details scrubbed)" in text and "could not open" in text
