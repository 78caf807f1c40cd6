"""A rotating log file whose records are scrubbed of patient identifiers.

Enclave never logs document text on purpose; the filter is the second line of defence
for what slips into messages (a file name with a patient's name, an exception text).
"""

from __future__ import annotations

import logging
import logging.handlers
import re

from app.core import paths

_SCRUBBERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"), "[email]"),
    (re.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b"), "[date]"),
    (re.compile(r"\b(19|20)\d{6}\b"), "[date]"),  # DICOM DA
    (re.compile(r"\+?\(?\d{2,4}\)?[\s-]?\d{3,4}[\s-]\d{3,4}\b"), "[phone]"),
    (re.compile(r"\b\d{6,}\b"), "[number]"),  # MRNs, accession and ID numbers
    (re.compile(r"\b[A-Za-z][A-Za-z'-]+\^[A-Za-z][A-Za-z'^-]*"), "[name]"),  # DICOM PN
    (re.compile(r"(?i)\b(patient|name|mrn|dob|姓名|患者)\s*[:：=]\s*\S+(\s+\S+)?"), r"\1: [redacted]"),
)


def scrub(text: str) -> str:
    for pattern, replacement in _SCRUBBERS:
        text = pattern.sub(replacement, text)
    return text


class ScrubFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            # Exception texts can echo file content; keep only the type.
            record.exc_text = f"{type(record.exc_info[1]).__name__} (details scrubbed)"
            record.exc_info = None
        record.msg = scrub(message)
        record.args = ()
        return True


_configured = False


def setup_logging(*, console: bool = False, level: int = logging.INFO) -> None:
    """Log to ``logs/enclave.log`` in the data folder (5 x 1 MB, rotated)."""
    global _configured
    if _configured:
        return
    root = logging.getLogger()
    root.setLevel(level)
    scrubber = ScrubFilter()
    handler = logging.handlers.RotatingFileHandler(
        paths.logs_dir() / "enclave.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(scrubber)
    root.addHandler(handler)
    if console:
        stream = logging.StreamHandler()
        stream.addFilter(scrubber)
        root.addHandler(stream)
    _configured = True
