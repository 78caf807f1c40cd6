"""`enclave inspect` and `enclave deid` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pydicom
import pytest
from pydicom.data import get_testdata_file

from tests.core.documents import makers

pytestmark = pytest.mark.e2e


def enclave(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})  # fmt: skip


def test_inspect_a_mixed_folder_as_json(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    parts = [("FINDINGS", "Seen by Dr. Gregory House on 2024-01-02. Mild cardiomegaly."),
             ("IMPRESSION", "Cardiomegaly.")]
    makers.write_docx(folder / "a.docx", parts)
    makers.write_sr(folder / "b.dcm", parts)
    makers.ct_series(folder / "ct", 3)
    (folder / "junk.bin").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    out = enclave("inspect", str(folder), "--json", "--privacy", "high")
    assert out.returncode == 1, out.stderr  # junk.bin is a per-file error; the rest is read
    report = json.loads(out.stdout)
    kinds = sorted(d["kind"] for d in report["documents"])
    assert kinds == ["dicom", "dicom-sr", "docx"]
    assert [e["file"] for e in report["errors"]] == ["junk.bin"]
    for doc in report["documents"]:
        assert "House" not in doc["text"] and "2024-01-02" not in doc["text"]
        assert doc["privacy"]["deidentified"] is True
    study = next(d for d in report["documents"] if d["kind"] == "dicom")
    assert study["series"][0]["frames"] == 3

    plain = enclave("inspect", str(folder / "a.docx"), "--privacy", "standard", "--text")
    assert plain.returncode == 0 and "Gregory House" in plain.stdout


def test_deid_writes_dicom_and_text(tmp_path: Path) -> None:
    ct = get_testdata_file("CT_small.dcm", download=False)
    assert ct is not None
    src = tmp_path / "in"
    src.mkdir()
    (src / "SMITH_JOHN.dcm").write_bytes(Path(str(ct)).read_bytes())
    (src / "note.txt").write_text("FINDINGS: Discussed with Dr. Alan Grant. MRN: 55512345.", encoding="utf-8")
    out = enclave("deid", str(src), str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    written = sorted(p.name for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert "note.txt" in written and not any("SMITH" in n for n in written)
    dcm = next(p for p in (tmp_path / "out").glob("*.dcm"))
    ds = pydicom.dcmread(dcm)
    assert ds.PatientIdentityRemoved == "YES" and not ds.PatientName
    text = (tmp_path / "out" / "note.txt").read_text(encoding="utf-8")
    assert "Grant" not in text and "55512345" not in text and "[NAME]" in text

    same = enclave("deid", str(src), str(src))
    assert same.returncode == 2


def test_deid_for_sharing_is_the_basic_profile_unless_options_are_named(tmp_path: Path) -> None:
    ct = get_testdata_file("CT_small.dcm", download=False)
    assert ct is not None
    ds = pydicom.dcmread(str(ct))
    # Free text the redactor does not recognise as PHI, and an attribute newer than 2024b.
    ds.ProtocolName = "Lung nodule follow-up for Bartholomew Quince"
    ds.StudyDescription = "CT chest, requested by Bartholomew"
    ds.add_new(0x00100012, "LO", "Barty")  # Name to Use, added to Table E.1-1 after 2024b
    src = tmp_path / "in.dcm"
    ds.save_as(src)
    basic = enclave("deid", str(src), str(tmp_path / "basic.dcm"))
    assert basic.returncode == 0, basic.stderr
    said = "PS3.15 (revision 2026c) Basic Application Level Confidentiality Profile, no options"
    assert said in basic.stderr
    out = pydicom.dcmread(tmp_path / "basic.dcm")
    assert "Bartholomew" not in str(out.get("ProtocolName", "")) + str(out.get("StudyDescription", ""))
    assert 0x00100012 not in out  # Name to Use: removed
    cleaned = enclave("deid", str(src), str(tmp_path / "cleaned.dcm"), "--clean-descriptions",
                      "--dates", "shift")  # fmt: skip
    assert cleaned.returncode == 0, cleaned.stderr
    assert ("with: Clean Descriptors Option; Retain Longitudinal Temporal Information with Modified "
            "Dates Option") in cleaned.stderr
    kept = pydicom.dcmread(tmp_path / "cleaned.dcm")
    assert kept.StudyDescription.startswith("CT chest")  # cleaned, not removed: the option was asked for
