"""DICOM on real files: pydicom's own test files and pydicom-data, series, pixels, SR, zip, DICOMDIR."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pydicom
from pydicom.data import get_testdata_file

from app.core.documents.dicom_pixels import Window, apply_window
from app.core.documents.model import DocumentError
from app.core.documents.registry import read_document, read_paths
from tests.core.documents import makers


def _corpus() -> list[Path]:
    folders = [Path(pydicom.data.__file__).parent / "test_files"]
    try:
        import data_store  # pydicom-data

        folders.append(Path(data_store.__file__).parent / "data")
    except ImportError:
        pass
    return sorted(p for f in folders for p in f.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc"))


def _testfile(name: str) -> Path:
    found = get_testdata_file(name, download=False)
    assert found is not None, name
    return Path(str(found))


def test_every_shipped_file_opens_or_gives_a_clear_error() -> None:
    files = _corpus()
    assert len(files) >= 80
    opened = errors = frames_ok = frames_failed = 0
    for path in files:
        outcome = read_paths([path])[0]
        for error in outcome.errors:
            assert isinstance(error, DocumentError) and str(error).startswith(path.name), str(error)
        errors += len(outcome.errors)
        for doc in outcome.documents:
            opened += 1
            for series in doc.series:
                try:
                    image = series.frame(0)
                    assert image.dtype == np.uint8 and image.shape[:2] == (series.rows, series.columns)
                    frames_ok += 1
                except DocumentError as exc:
                    assert str(exc).startswith(path.name), str(exc)
                    frames_failed += 1
    print(f"\nDICOM corpus: {len(files)} files, {opened} documents, {errors} clear errors; "
          f"first frame decoded for {frames_ok} series, clear decode errors for {frames_failed}")
    assert frames_ok >= 80


def test_series_from_a_folder_is_ordered_along_the_normal(tmp_path: Path) -> None:
    makers.ct_series(tmp_path / "ct", 12)
    docs = read_paths([tmp_path / "ct"])[0].documents
    assert len(docs) == 1 and len(docs[0].series) == 1
    series = docs[0].series[0]
    assert series.frame_count == 12
    z = [float(i.header.ImagePositionPatient[2]) for i in series.instances]
    assert z == sorted(z)
    assert [i.instance_number for i in series.instances] == list(range(12, 0, -1))


def test_modality_lut_and_window(tmp_path: Path) -> None:
    doc = read_document(_testfile("CT_small.dcm"))
    series = doc.series[0]
    ds = pydicom.dcmread(_testfile("CT_small.dcm"))
    hu = series.modality_frame(0)
    expected = ds.pixel_array * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
    assert np.allclose(hu, expected)
    window = Window(40, 400)
    image = series.frame(0, window)
    assert image.min() == 0 or hu.min() > -160
    assert np.array_equal(image, apply_window(hu, window))
    assert series.thumbnail(32).shape[0] <= 32


def test_monochrome1_is_inverted() -> None:
    path = _testfile("MR_small.dcm")
    series = read_document(path).series[0]
    normal = series.frame(0)
    series.instances[0].header.PhotometricInterpretation = "MONOCHROME1"
    series._cache.clear()
    assert np.array_equal(series.frame(0), 255 - normal)


def test_colour_and_multiframe() -> None:
    rgb = read_document(_testfile("SC_rgb_rle_2frame.dcm")).series[0]
    assert rgb.frame_count == 2 and rgb.frame(1).shape == (rgb.rows, rgb.columns, 3)
    palette = read_document(_testfile("examples_palette.dcm")).series[0]
    assert palette.frame(0).shape[-1] == 3
    ybr = read_document(_testfile("SC_ybr_full_422_uncompressed.dcm")).series[0]
    assert ybr.frame(0).shape[-1] == 3


def test_burned_in_flags() -> None:
    us = read_document(_testfile("US1_J2KR.dcm") if get_testdata_file("US1_J2KR.dcm", download=False)
                       else _testfile("examples_ybr_color.dcm"))  # fmt: skip
    assert us.series[0].burned_in and us.burned_in_warnings
    assert read_document(_testfile("CT_small.dcm")).series[0].burned_in is None


def test_sr_text_and_measurements() -> None:
    doc = read_document(_testfile("test-SR.dcm"))
    assert doc.kind == "dicom-sr" and doc.has_text


def test_zip_of_dicom_and_dicomdir(tmp_path: Path) -> None:
    paths = makers.ct_series(tmp_path / "ct", 5)
    archive = tmp_path / "study.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for p in paths:
            z.write(p, f"ct/{p.name}")
        z.writestr("report.txt", "FINDINGS: normal.")
    outcome = read_paths([archive])[0]
    kinds = sorted(d.kind for d in outcome.documents)
    assert kinds == ["dicom", "text"], outcome.errors
    study = next(d for d in outcome.documents if d.kind == "dicom")
    assert study.series[0].frame_count == 5 and study.series[0].frame(2).shape == (128, 128)

    dicomdir = _testfile("DICOMDIR")
    docs = read_paths([dicomdir])[0].documents
    assert docs and all(d.kind.startswith("dicom") for d in docs)
