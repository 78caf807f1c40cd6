"""A site's structured findings: one record per report, holding only what a study may count.

No text, quote, identifier or date is kept: a finding label with its certainty, and the
coarse attributes a study may cross-tabulate by (age band, sex, modality, Fleischner
category). ``unit`` is the privacy unit's key — the report, or the patient where the site
knows it — used only to bound each unit's contribution and never sent.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from app.core.tasks.vocabulary import IU_PROBLEMS, LABELS, NORMAL, normalise_label

CERTAINTIES: Final = ("present", "absent", "possible")
SEXES: Final = ("F", "M", "other")
AGE_BANDS: Final = ("0-17", "18-34", "35-49", "50-64", "65-79", "80+")
MODALITIES: Final = ("XR", "CT", "MR", "US", "other")
STUDY_LABELS: Final = tuple(LABELS)
_RANK: Final = {"absent": 0, "possible": 1, "present": 2}

MAX_FILE_BYTES: Final = 200 * 1024 * 1024
MAX_RECORDS: Final = 1_000_000


class RecordsError(ValueError):
    """A findings file could not be imported; the message names the file and the line."""


@dataclass(frozen=True)
class SiteRecord:
    unit: str
    findings: Mapping[str, str] = field(default_factory=dict)  # label -> certainty
    age_band: str | None = None
    sex: str | None = None
    modality: str | None = None
    fleischner: str | None = None

    def __post_init__(self) -> None:
        for label, certainty in self.findings.items():
            if label not in STUDY_LABELS:
                raise ValueError(f"unknown finding label {label!r}")
            if certainty not in CERTAINTIES:
                raise ValueError(f"unknown certainty {certainty!r} for {label}")
        for name, value, allowed in (("age band", self.age_band, AGE_BANDS), ("sex", self.sex, SEXES),
                                     ("modality", self.modality, MODALITIES)):  # fmt: skip
            if value is not None and value not in allowed:
                raise ValueError(f"unknown {name} {value!r}")


def age_band(age: int) -> str:
    if age < 0 or age > 130:
        raise ValueError(f"an age of {age} is not plausible")
    for band, upper in zip(AGE_BANDS, (17, 34, 49, 64, 79), strict=False):
        if age <= upper:
            return band
    return AGE_BANDS[-1]


_MODALITY_WORDS: Final = (
    ("CT", re.compile(r"\bCT\b|computed tomography|\bHRCT\b", re.IGNORECASE)),
    ("MR", re.compile(r"\bMRI?\b|magnetic resonance", re.IGNORECASE)),
    ("US", re.compile(r"ultrasound|sonogra|\bUS\b", re.IGNORECASE)),
    ("XR", re.compile(r"x-?ray|radiograph|\bcxr\b|\bchest\b|\b(?:pa|ap|lateral|frontal|portable)\b|"
                      r"\bviews?\b|\b2v\b", re.IGNORECASE)),
)


def modality_of(text: str) -> str | None:
    """The coarse modality a report's examination line names first ('PA and lateral chest,
    comparison CT' is an X-ray; 'CT chest' is a CT)."""
    found = [(match.start(), order, code) for order, (code, pattern) in enumerate(_MODALITY_WORDS)
             if (match := pattern.search(text))]  # fmt: skip
    return min(found)[2] if found else None


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RecordsError(f"{path.name}: cannot be read ({exc.strerror})") from exc
    if size > MAX_FILE_BYTES:
        raise RecordsError(
            f"{path.name}: {size:,} bytes is more than the {MAX_FILE_BYTES:,} a findings file may hold"
        )


def coded_labels(problems: str) -> set[str]:
    """The study labels a ``Problems`` cell codes as present ("normal" codes none)."""
    labels = {IU_PROBLEMS[c.strip()] for c in problems.split(";") if c.strip() in IU_PROBLEMS}
    labels.discard(NORMAL)
    return labels


def read_coded_csv(path: Path) -> list[SiteRecord]:
    """Records from a CSV with coded findings, the IU corpus format: a ``Problems`` column of
    codes separated by ';' ("normal" for none). Codes outside the vocabulary are not counted;
    a listed code is a present finding. The ``image`` column, when there, gives the modality."""
    _check_size(path)
    records: list[SiteRecord] = []
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "Problems" not in reader.fieldnames:
                raise RecordsError(f"{path.name}: no 'Problems' column (the coded findings)")
            for number, row in enumerate(reader, start=2):
                if len(records) >= MAX_RECORDS:
                    raise RecordsError(f"{path.name}: more than {MAX_RECORDS:,} rows")
                problems = row.get("Problems")
                if problems is None:
                    raise RecordsError(f"{path.name}, line {number}: the row is cut short")
                labels = coded_labels(problems)
                unit = (row.get("uid") or "").strip() or f"row-{number}"
                records.append(SiteRecord(unit, {label: "present" for label in sorted(labels)},
                                          modality=modality_of(row.get("image") or "")))  # fmt: skip
    except UnicodeDecodeError as exc:
        raise RecordsError(f"{path.name}: not UTF-8 text (byte {exc.start:,})") from exc
    except csv.Error as exc:
        raise RecordsError(f"{path.name}: not a readable CSV ({exc})") from exc
    return records


def _findings_of(record: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    for holder in (record, record.get("result") if isinstance(record.get("result"), Mapping) else None):
        if holder is not None and isinstance(holder.get("findings"), list):
            return [f for f in holder["findings"] if isinstance(f, Mapping)]
    return []


def read_batch_jsonl(path: Path) -> list[SiteRecord]:
    """Records from ``enclave batch --task findings`` output: each line's findings, labels put
    on the study vocabulary; lines that failed are skipped, a broken line is an error."""
    _check_size(path)
    records: list[SiteRecord] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RecordsError(f"{path.name}, line {number}: not JSON ({exc.msg})") from exc
            if not isinstance(record, dict) or record.get("error"):
                continue
            findings: dict[str, str] = {}
            for finding in _findings_of(record):
                label = normalise_label(str(finding.get("label", "")))
                certainty = str(finding.get("certainty", "present"))
                # Present wins over possible over absent when a report states a label twice.
                if label in STUDY_LABELS and certainty in CERTAINTIES and (
                        label not in findings or _RANK[certainty] > _RANK[findings[label]]):
                    findings[label] = certainty
            records.append(SiteRecord(str(record.get("key") or f"line-{number}"), findings))
            if len(records) > MAX_RECORDS:
                raise RecordsError(f"{path.name}: more than {MAX_RECORDS:,} records")
    return records


def read_records(path: Path) -> list[SiteRecord]:
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return read_coded_csv(path)
    if path.suffix.lower() in (".jsonl", ".json"):
        return read_batch_jsonl(path)
    raise RecordsError(f"{path.name}: findings are imported from a coded CSV or a batch .jsonl file")
