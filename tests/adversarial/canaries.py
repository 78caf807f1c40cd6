"""Canary identifiers planted in a report, in DICOM tags and in SR text, and the search for
them over every file Enclave wrote: raw bytes, case-insensitive, as UTF-8 and UTF-16."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pydicom

from tests.conftest import report_text
from tests.core.documents.makers import ct_series, write_sr

GIVEN, FAMILY = "Zephyrine", "Quillfeather"
MRN = "K7Q40417733"
PHONE = "(617) 555-0148"
SENTENCE = "The heliotrope ledger of Marrowgate was signed twice."
SENTENCE_ZH = "紫铜灯塔的账簿被签了两次。"

# Identifiers: what must never be found in a clear file (nor, at privacy high, in the store).
IDENTIFIERS = {
    "family name": FAMILY,
    "given name": GIVEN,
    "MRN": MRN,
    "birth date (ISO)": "1937-04-12",
    "birth date (DICOM)": "19370412",
    "birth date (US)": "04/12/1937",
    "phone": "555-0148",
}
# Unique sentences: not identifiers, so they reach the store, but never a clear file.
SENTENCES = {"sentence": "heliotrope ledger of Marrowgate", "sentence (zh)": "紫铜灯塔的账簿"}
ALL = {**IDENTIFIERS, **SENTENCES}


def canary_report(row: dict[str, str]) -> str:
    header = (f"PATIENT: {GIVEN} {FAMILY}\nMRN: {MRN}\nDOB: 04/12/1937\nPHONE: {PHONE}\n"
              f"NOTE: {SENTENCE} {SENTENCE_ZH}\n")  # fmt: skip
    return header + report_text(row)


def write_inputs(folder: Path, row: dict[str, str]) -> list[Path]:
    """A TXT report, a 4-slice CT series and an SR, all carrying the canaries."""
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / "report.txt"
    report.write_text(canary_report(row), encoding="utf-8")
    series = folder / "ct"
    for path in ct_series(series, 4):
        ds = pydicom.dcmread(path)
        ds.PatientName = f"{FAMILY}^{GIVEN}"
        ds.PatientID = MRN
        ds.PatientBirthDate = "19370412"
        ds.PatientTelephoneNumbers = PHONE
        ds.ImageComments = SENTENCE
        ds.save_as(path)
    sr = write_sr(folder / "sr.dcm", [("FINDINGS", f"{SENTENCE} Cardiomegaly. Seen for {GIVEN} {FAMILY}."),
                                      ("IMPRESSION", "Enlarged heart.")], patient=f"{FAMILY}^{GIVEN}")
    ds = pydicom.dcmread(sr)
    ds.PatientID, ds.PatientBirthDate = MRN, "19370412"
    ds.save_as(sr)
    return [report, series, sr]


@dataclass(frozen=True)
class Hit:
    path: Path
    canary: str
    encoding: str


def _needles() -> list[tuple[str, str, bytes]]:
    needles = []
    for label, value in ALL.items():
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            needles.append((label, encoding, value.lower().encode(encoding)))
    return needles


def search(roots: list[Path]) -> tuple[list[Hit], int]:
    """Every canary found in any file under ``roots`` (symlinks not followed); also the
    number of files searched, so a test can tell that it looked at something."""
    hits: list[Hit] = []
    searched = 0
    needles = _needles()
    for root in roots:
        if not root.exists():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_symlink() or not path.is_file():
                continue
            data = path.read_bytes().lower()
            searched += 1
            hits.extend(Hit(path, label, enc) for label, enc, needle in needles if needle in data)
    return hits, searched


def find_in_text(text: str, which: dict[str, str] = ALL) -> list[str]:
    lowered = text.lower()
    return [label for label, value in which.items() if value.lower() in lowered]
