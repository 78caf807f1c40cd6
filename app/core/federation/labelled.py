"""Labelled reports, the training examples of the findings model: report text and, for every
study label, whether the report states it as present (1) or not (0).

They come from two places at a site, both kept in the site's vault (encrypted at rest, never
sent): a CSV of coded findings with the report text (the IU corpus format: ``findings`` and
``impression`` columns beside ``Problems``), and findings a clinician reviewed in Enclave
(app/core/federation/feedback_labels.py).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from app.core.federation.records import MAX_FILE_BYTES, MAX_RECORDS, STUDY_LABELS, RecordsError, coded_labels

TEXT_COLUMNS: Final = ("findings", "impression")
MAX_REPORT_CHARS: Final = 100_000


@dataclass(frozen=True)
class LabelledReport:
    unit: str
    text: str
    labels: Mapping[str, int]  # every study label -> 1 (present) or 0

    def __post_init__(self) -> None:
        unknown = set(self.labels) - set(STUDY_LABELS)
        if unknown:
            raise ValueError(f"unknown finding labels {sorted(unknown)}")


def label_row(present: set[str]) -> dict[str, int]:
    return {label: int(label in present) for label in STUDY_LABELS}


def read_labelled_csv(path: Path) -> list[LabelledReport]:
    """Labelled reports from a coded-findings CSV with report text; rows without text are
    skipped (they can still be counted in studies), a broken file is an error naming the line."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RecordsError(f"{path.name}: cannot be read ({exc.strerror})") from exc
    if size > MAX_FILE_BYTES:
        raise RecordsError(f"{path.name}: {size:,} bytes is more than the {MAX_FILE_BYTES:,} allowed")
    reports: list[LabelledReport] = []
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            fields = reader.fieldnames or []
            if "Problems" not in fields or not any(c in fields for c in TEXT_COLUMNS):
                raise RecordsError(
                    f"{path.name}: training labels need a 'Problems' column and the report text "
                    f"({' and/or '.join(TEXT_COLUMNS)} columns)"
                )
            for number, row in enumerate(reader, start=2):
                if len(reports) >= MAX_RECORDS:
                    raise RecordsError(f"{path.name}: more than {MAX_RECORDS:,} rows")
                problems = row.get("Problems")
                if problems is None:
                    raise RecordsError(f"{path.name}, line {number}: the row is cut short")
                text = "\n".join(t.strip() for c in TEXT_COLUMNS if (t := row.get(c) or "").strip())
                if not text:
                    continue
                if len(text) > MAX_REPORT_CHARS:
                    raise RecordsError(f"{path.name}, line {number}: {len(text):,} characters of report text")
                unit = (row.get("uid") or "").strip() or f"row-{number}"
                reports.append(LabelledReport(unit, text, label_row(coded_labels(problems))))
    except UnicodeDecodeError as exc:
        raise RecordsError(f"{path.name}: not UTF-8 text (byte {exc.start:,})") from exc
    except csv.Error as exc:
        raise RecordsError(f"{path.name}: not a readable CSV ({exc})") from exc
    return reports


def split(
    reports: Sequence[LabelledReport], shares: Sequence[float], seed: int
) -> list[list[LabelledReport]]:
    """``reports`` shuffled with ``seed`` and cut into consecutive parts of the given shares."""
    import random

    order = list(reports)
    random.Random(seed).shuffle(order)  # noqa: S311 - a reproducible split, not a secret
    parts, at = [], 0
    for index, share in enumerate(shares):
        end = len(order) if index == len(shares) - 1 else at + round(share * len(order))
        parts.append(order[at:end])
        at = end
    return parts
