# ruff: noqa: E501  (value tables read best one per line)
"""The generated PS3.15 table matches the reference file, and every row acts as it says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydicom.datadict import dictionary_VR
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from app.core.deid.dicom import RULES, Deidentifier, DeidOptions, resolve
from app.core.deid.generate_table import OPTION_KEYS, later_revision
from app.core.deid.profile_table import ADDED, BASE_REVISION, REVISION, ROWS

REFERENCE = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / \
    "ps3.15-annex-e-confidentiality-profile.json"  # fmt: skip
SECRET = b"s" * 32

_VALUES = {"PN": "Doe^Jane", "LO": "Secret Hospital", "SH": "SECRET", "LT": "Jane Doe notes", "ST": "Jane",
           "UT": "Jane Doe", "UC": "Jane", "CS": "SECRET", "AE": "SECRETAE", "DA": "20200102", "TM": "101010",
           "DT": "20200102101010", "AS": "045Y", "IS": "7", "DS": "1.5", "UI": "1.2.3.4.5", "UR": "http://x",
           "US": 7, "SS": 7, "UL": 7, "SL": 7, "FL": 1.5, "FD": 1.5, "OB": b"\x01\x02", "OW": b"\x01\x02",
           "UN": b"\x01\x02", "AT": 0x00100010, "OF": b"\x01\x02\x03\x04", "OD": b"\x01" * 8, "OL": b"\x01" * 4,
           "SV": 7, "UV": 7, "OV": b"\x01" * 8}  # fmt: skip


def test_generated_table_matches_the_reference() -> None:
    assert REFERENCE.exists(), f"reference table expected at {REFERENCE}"
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert len(reference) == 621 and BASE_REVISION == "2024b"
    for (tag, name, basic, options), row in zip(ROWS[:621], reference, strict=True):
        assert (tag, name, basic) == (row["tag"], row["name"], row["basicProfile"])
        assert options == {k: row[k] for k in OPTION_KEYS if row.get(k)}
    # After them, exactly the attributes the later revision added, with no option column.
    assert {row[0] for row in ROWS[621:]} == ADDED and len(ROWS) == 621 + len(ADDED)
    assert all(options == {} for _, _, _, options in ROWS[621:])


def test_every_row_of_the_current_revision_is_in_the_table_with_its_action() -> None:
    # Row by row against dicom-anonymizer's table of the later revision (installed from PyPI).
    assert REVISION == "2026c"
    later = later_revision(REVISION)
    ours = {tag: (name, basic) for tag, name, basic, _ in ROWS}
    assert len(later) == len(ours) - 1  # the odd-group rule is the one row it keeps elsewhere
    for tag, name, basic in later:
        assert tag in ours, (tag, name)
        assert ours[tag][1] == basic, (tag, name, ours[tag][1], basic)
    # Identifiers the 2024b table did not have and a file written today may carry.
    for tag in ("(0010,0012)", "(0010,0011)", "(0010,0013)", "(0010,0045)", "(0040,0556)"):
        assert tag in ADDED and ours[tag][1] in ("X", "D", "X/D", "X/Z", "Z")

def _vr(tag: int) -> str:
    """The VR pydicom's dictionary gives; UN (as an implicit-VR file delivers it) for attributes
    newer than the dictionary of pydicom 3.0 (Name to Use, Pronoun Comment, ...)."""
    try:
        return dictionary_VR(tag).split(" or ")[0]
    except KeyError:
        return "UN"


def _dataset_with(tag: int) -> tuple[Dataset, object]:
    vr = _vr(tag)
    ds = Dataset()
    if vr == "SQ":
        item = Dataset()
        item.ReferencedSOPInstanceUID = "1.2.3.4.5"
        item.PatientName = "Doe^Jane"
        value: object = Sequence([item])
    else:
        value = _VALUES[vr]
    ds.add_new(tag, vr, value)
    return ds, value


@pytest.mark.parametrize("tag", sorted(RULES), ids=lambda t: f"{t:08X}")
def test_every_row_of_the_basic_profile(tag: int) -> None:
    rule = RULES[tag]
    ds, original = _dataset_with(tag)
    Deidentifier(SECRET, DeidOptions()).apply(ds)
    action = resolve(rule.basic)
    vr = _vr(tag)
    if action == "X":
        assert tag not in ds
    elif action == "Z":
        assert tag in ds and (ds[tag].value in (None, "", b"") or (vr == "SQ" and len(ds[tag].value) == 0))
    elif action == "D":
        assert tag in ds
        if vr == "SQ":
            assert "PatientName" not in ds[tag].value[0] or ds[tag].value[0].PatientName != "Doe^Jane"
        elif vr not in ("US", "SS", "UL", "SL", "FL", "FD", "IS", "DS", "SV", "UV", "AT"):
            assert ds[tag].value != original
    elif action == "U":
        assert tag in ds
        if vr == "UI":
            assert ds[tag].value != original and str(ds[tag].value).startswith("2.25.")
            assert ds[tag].value == Deidentifier(SECRET, DeidOptions()).new_uid(str(original))
        else:  # U* on a sequence: the UIDs inside
            assert ds[tag].value[0].ReferencedSOPInstanceUID != "1.2.3.4.5"


def test_options_override_the_basic_action() -> None:
    ds = Dataset()
    ds.StudyDate, ds.StudyDescription, ds.PatientAge, ds.PatientName = "20200301", "CT of Jane Doe", "095Y", "X^Y"
    ds.PatientID = "MRN1"
    options = DeidOptions(dates="shift", clean_descriptions=True, retain_patient_characteristics=True)
    tool = Deidentifier(SECRET, options, cleaner=lambda text: text.replace("Jane Doe", "[NAME]"))
    tool.apply(ds)
    assert ds.StudyDate != "20200301" and len(ds.StudyDate) == 8
    assert ds.StudyDescription == "CT of [NAME]"
    assert ds.PatientAge == "090Y"
    assert ds.PatientIdentityRemoved == "YES"
    assert {i.CodeValue for i in ds.DeidentificationMethodCodeSequence} >= {"113100", "113105", "113107", "113108"}
