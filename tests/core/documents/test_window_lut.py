"""Windowing through a per-value lookup table (dicom_pixels._window_by_lut) gives exactly the
pixels of the direct float path, for every integer type, rescale, Modality LUT, sigmoid and
MONOCHROME1; non-integer or very wide frames take the direct path."""

from __future__ import annotations

import numpy as np
import pytest
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from app.core.documents import dicom_pixels as px


def _dataset(photometric: str = "MONOCHROME2", slope: float | None = None, intercept: float | None = None,
             sigmoid: bool = False) -> Dataset:  # fmt: skip
    ds = Dataset()
    ds.PhotometricInterpretation = photometric
    if slope is not None:
        ds.RescaleSlope, ds.RescaleIntercept, ds.RescaleType = slope, intercept or 0.0, "HU"
    if sigmoid:
        ds.VOILUTFunction = "SIGMOID"
    return ds


def _direct(stored: np.ndarray, ds: Dataset, window: px.Window, sigmoid: bool = False) -> np.ndarray:
    out = px.apply_window(px.modality_values(stored, ds), window, sigmoid)
    return 255 - out if ds.PhotometricInterpretation == "MONOCHROME1" else out


CASES = [
    ("int16 CT with rescale", np.int16, (-1024, 3071), dict(slope=1.0, intercept=-1024.0),
     px.Window(40, 400)),
    ("int16 fractional slope", np.int16, (-2000, 2000), dict(slope=0.37, intercept=12.5),
     px.Window(-600, 1500)),
    ("uint16 MR", np.uint16, (0, 4095), {}, px.Window(1200, 2000)),
    ("uint16 full range", np.uint16, (0, 65535), {}, px.Window(30000, 20000)),
    ("uint8", np.uint8, (0, 255), {}, px.Window(127.5, 100)),
    ("MONOCHROME1", np.uint16, (0, 1023), dict(photometric="MONOCHROME1"), px.Window(512, 300)),
    ("sigmoid", np.int16, (-500, 1500), dict(slope=1.0, intercept=0.0, sigmoid=True), px.Window(100, 700)),
    ("narrow window", np.int16, (-1024, 1024), dict(slope=1.0, intercept=0.0), px.Window(0, 1)),
]


@pytest.mark.parametrize(("name", "dtype", "span", "options", "window"), CASES, ids=[c[0] for c in CASES])
def test_lookup_table_equals_the_direct_path(
    name: str, dtype: type, span: tuple[int, int], options: dict[str, object], window: px.Window
) -> None:
    rng = np.random.default_rng(7)
    stored = rng.integers(span[0], span[1] + 1, size=(96, 80)).astype(dtype)
    stored[0, 0], stored[0, 1] = span  # both ends of the range present
    ds = _dataset(**options)  # type: ignore[arg-type]
    sigmoid = bool(options.get("sigmoid"))
    fast = px._window_by_lut(stored, ds, 0, window, sigmoid)
    assert fast is not None
    expected = px.apply_window(px.modality_values(stored, ds), window, sigmoid)
    assert fast.dtype == np.uint8 and np.array_equal(fast, expected)
    assert np.array_equal(px.display(stored, ds, 0, window), _direct(stored, ds, window, sigmoid))


def test_modality_lut_sequence_is_applied_per_value() -> None:
    ds = _dataset()
    item = Dataset()
    item.LUTDescriptor = [256, 0, 16]
    item.LUTData = [int(v) for v in (np.arange(256) ** 1.5).astype(np.uint16)]
    item.ModalityLUTType = "OD"
    ds.ModalityLUTSequence = Sequence([item])
    stored = np.random.default_rng(3).integers(0, 300, size=(64, 64)).astype(np.uint16)  # some past the LUT
    window = px.Window(1500, 2500)
    fast = px._window_by_lut(stored, ds, 0, window, False)
    assert fast is not None
    assert np.array_equal(fast, px.apply_window(px.modality_values(stored, ds), window))


def test_float_and_very_wide_frames_take_the_direct_path() -> None:
    ds = _dataset()
    window = px.Window(0, 100)
    assert px._window_by_lut(np.zeros((4, 4), dtype=np.float32), ds, 0, window, False) is None
    wide = np.array([[0, 2**20]], dtype=np.int32)
    assert px._window_by_lut(wide, ds, 0, window, False) is None
    assert px.display(wide, ds, 0, window).dtype == np.uint8
