"""De-identified DICOM: consistent UIDs within a study, private/overlay/curve data gone, still valid."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pydicom
import pytest
from pydicom.data import get_testdata_file

from app.core.deid.dicom import APP_OPTIONS, Deidentifier
from app.services import documents as documents_service
from tests.core.documents import makers

SECRET = b"k" * 32


def _ct() -> Path:
    found = get_testdata_file("CT_small.dcm", download=False)
    assert found is not None
    return Path(str(found))


def test_uids_consistent_within_a_study_and_keyed(tmp_path: Path) -> None:
    paths = makers.ct_series(tmp_path / "ct", 3)
    tool = Deidentifier(SECRET)
    sets = [pydicom.dcmread(p) for p in paths]
    originals = [(ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.SOPInstanceUID) for ds in sets]
    for ds in sets:
        tool.apply(ds)
    assert len({ds.StudyInstanceUID for ds in sets}) == 1
    assert len({ds.SOPInstanceUID for ds in sets}) == 3
    assert all(ds.StudyInstanceUID != o[0] for ds, o in zip(sets, originals, strict=True))
    assert all(ds.file_meta.MediaStorageSOPInstanceUID == ds.SOPInstanceUID for ds in sets)
    other = Deidentifier(b"z" * 32).new_uid(originals[0][0])
    assert other != sets[0].StudyInstanceUID  # another vault secret, other UIDs


def test_private_overlay_and_curve_data_removed_pixels_kept() -> None:
    ds = pydicom.dcmread(_ct())
    ds.add_new(0x60004000, "LT", "overlay comment with Jane Doe")
    ds.add_new(0x50000010, "US", 1)
    pixels = ds.pixel_array.copy()
    assert any(e.tag.is_private for e in ds)
    report = Deidentifier(SECRET).apply(ds)
    assert not any(e.tag.is_private for e in ds)
    assert 0x60004000 not in ds and 0x50000010 not in ds
    assert report.actions["P"] > 0
    assert (ds.pixel_array == pixels).all()
    assert not ds.PatientName and ds.PatientID in (None, "", "ANONYMIZED")


def test_sr_text_is_cleaned_and_tree_kept(tmp_path: Path) -> None:
    parts = [("FINDINGS", "Discussed with Dr. Alan Grant on 03/04/2024.")]
    path = makers.write_sr(tmp_path / "sr.dcm", parts)
    ds = pydicom.dcmread(path)
    documents_service.deidentifier(APP_OPTIONS).apply(ds)
    text = ds.ContentSequence[1].ContentSequence[0].TextValue
    assert "Grant" not in text and "[NAME]" in text and "[DATE]" in text


def _errors(path: Path) -> set[str]:
    out = subprocess.run(["dciodvfy", str(path)], capture_output=True, text=True, timeout=60)
    lines = (out.stdout + out.stderr).splitlines()
    return {re.sub(r"\s+", " ", line) for line in lines if line.startswith("Error")}


@pytest.mark.skipif(shutil.which("dciodvfy") is None, reason="dicom3tools is not installed")
@pytest.mark.parametrize("name", ["CT_small.dcm", "MR_small.dcm", "SC_rgb.dcm"])
def test_dciodvfy_finds_no_new_errors(tmp_path: Path, name: str) -> None:
    found = get_testdata_file(name, download=False)
    if found is None:
        pytest.skip(f"{name} is not shipped")
    source = Path(str(found))
    written = documents_service.deidentify_files(source, tmp_path / "out.dcm")
    assert written[0].error == "" and written[0].target is not None
    new = _errors(written[0].target) - _errors(source)
    assert not new, new
