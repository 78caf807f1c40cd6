"""Decoding one DICOM frame and turning it into display values.

Order as PS3.3 C.11 puts it: stored values -> Modality LUT (rescale slope/intercept or a LUT)
-> VOI LUT (window centre/width or a LUT) -> Presentation (MONOCHROME1 inverted). Colour
images (RGB, YBR converted by pydicom, palette colour) skip the grey pipeline.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydicom.dataset import Dataset
from pydicom.pixels.processing import apply_color_lut, apply_modality_lut, apply_voi_lut
from pydicom.pixels.utils import pixel_array

from app.core.documents.limits import DEFAULT_LIMITS, Limits, human

GREY = ("MONOCHROME1", "MONOCHROME2")


class PixelError(Exception):
    """Pixels that cannot be decoded; the caller adds the file name."""


@dataclass(frozen=True)
class Window:
    center: float
    width: float
    explanation: str = ""


def frame_bytes(ds: Dataset) -> int:
    rows = int(ds.get("Rows", 0) or 0)
    cols = int(ds.get("Columns", 0) or 0)
    samples = int(ds.get("SamplesPerPixel", 1) or 1)
    bits = int(ds.get("BitsAllocated", 8) or 8)
    return rows * cols * samples * max(1, (bits + 7) // 8)


def frame_count(ds: Dataset) -> int:
    try:
        return max(1, int(ds.get("NumberOfFrames", 1) or 1))
    except (TypeError, ValueError):
        return 1


def check_size(ds: Dataset, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse decompression bombs before a decoder allocates anything."""
    one = frame_bytes(ds)
    if one == 0:
        raise PixelError("the image has no rows or columns")
    if one > limits.decoded_frame_bytes:
        raise PixelError(f"one frame would decode to {human(one)}, over the "
                         f"{human(limits.decoded_frame_bytes)} limit")  # fmt: skip
    total = one * frame_count(ds)
    if total > limits.decoded_instance_bytes:
        raise PixelError(f"the frames would decode to {human(total)}, over the "
                         f"{human(limits.decoded_instance_bytes)} limit")  # fmt: skip


def decode(source: Any, header: Dataset, index: int, limits: Limits = DEFAULT_LIMITS) -> NDArray[Any]:
    """Stored values of frame ``index`` (YBR converted to RGB), decoding only that frame.

    ``source`` is a path or bytes of the whole file.
    """
    check_size(header, limits)
    src = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pydicom's warnings may quote element values
            return np.asarray(pixel_array(src, index=index))
    except OSError:
        raise  # the file went away: the caller says so
    except (MemoryError, RecursionError):
        raise PixelError("the pixel data is too large to decode") from None
    except Exception as exc:  # decoders raise many kinds; all mean 'cannot decode'
        raise PixelError(f"the pixel data cannot be decoded ({_reason(exc)})") from exc


def _reason(exc: Exception) -> str:
    text = str(exc).split("\n")[0]
    return text[:200] if text else type(exc).__name__


def _functional(ds: Dataset, index: int, sequence: str) -> Dataset | None:
    """A functional group macro item of an enhanced multi-frame image (per frame first)."""
    for group_kw, per_frame in (("PerFrameFunctionalGroupsSequence", True),
                                ("SharedFunctionalGroupsSequence", False)):  # fmt: skip
        groups = ds.get(group_kw)
        if not groups:
            continue
        item = groups[index] if per_frame and index < len(groups) else groups[0]
        inner = item.get(sequence)
        if inner:
            return inner[0]  # type: ignore[no-any-return]
    return None


def grey_view(ds: Dataset, index: int) -> Dataset:
    """A dataset carrying the rescale and window of frame ``index``, wherever the file keeps them."""
    view = Dataset()
    for kw in ("PhotometricInterpretation", "BitsStored", "BitsAllocated", "PixelRepresentation",
               "RescaleSlope", "RescaleIntercept", "RescaleType", "ModalityLUTSequence",
               "WindowCenter", "WindowWidth", "VOILUTFunction", "VOILUTSequence"):  # fmt: skip
        if kw in ds:
            setattr(view, kw, ds[kw].value)
    rescale = _functional(ds, index, "PixelValueTransformationSequence")
    if rescale is not None and "RescaleSlope" in rescale:
        view.RescaleSlope = rescale.RescaleSlope
        view.RescaleIntercept = rescale.get("RescaleIntercept", 0)
    voi = _functional(ds, index, "FrameVOILUTSequence")
    if voi is not None and "WindowCenter" in voi:
        view.WindowCenter = voi.WindowCenter
        view.WindowWidth = voi.WindowWidth
    return view


def modality_values(stored: NDArray[Any], ds: Dataset, index: int = 0) -> NDArray[Any]:
    """Stored values through the Modality LUT (e.g. Hounsfield units for CT)."""
    view = grey_view(ds, index)
    try:
        return np.asarray(apply_modality_lut(stored, view), dtype=np.float64)
    except Exception:  # a broken LUT: show stored values rather than nothing
        return stored.astype(np.float64)


def _first(value: Any) -> float:
    if isinstance(value, list | tuple) or (hasattr(value, "__getitem__") and not isinstance(value, str)):
        value = value[0]
    return float(value)


def file_window(ds: Dataset, index: int = 0) -> Window | None:
    view = grey_view(ds, index)
    try:
        if "WindowCenter" in view and "WindowWidth" in view:
            width = _first(view.WindowWidth)
            if width >= 1:
                explanation = view.get("WindowCenterWidthExplanation", "")
                return Window(_first(view.WindowCenter), width, str(explanation or ""))
    except (TypeError, ValueError, IndexError):
        return None
    return None


def apply_window(values: NDArray[Any], window: Window, sigmoid: bool = False) -> NDArray[np.uint8]:
    """PS3.3 C.11.2.1.2 linear (or sigmoid) windowing to 0..255."""
    c, w = window.center, max(window.width, 1.0)
    if sigmoid:
        out = 1.0 / (1.0 + np.exp(-4.0 * (values - c) / w))
    else:
        out = np.clip((values - (c - 0.5)) / max(w - 1.0, 1.0) + 0.5, 0.0, 1.0)
    return np.asarray(np.round(out * 255.0), dtype=np.uint8)


def _stretch(values: NDArray[Any]) -> NDArray[np.uint8]:
    finite = values[np.isfinite(values)] if values.dtype.kind == "f" else values
    if finite.size == 0:
        return np.zeros(values.shape, dtype=np.uint8)
    low, high = float(finite.min()), float(finite.max())
    if high <= low:
        return np.zeros(values.shape, dtype=np.uint8)
    scaled = (values.astype(np.float64) - low) / (high - low)
    return np.asarray(np.round(np.clip(scaled, 0, 1) * 255.0), dtype=np.uint8)


def auto_window(values: NDArray[Any]) -> Window:
    """A window from the 1st to 99th percentile when the file gives none."""
    low, high = (float(v) for v in np.percentile(values, [1, 99]))
    if high <= low:
        low, high = float(values.min()), float(values.max()) + 1.0
    return Window((low + high) / 2.0, high - low, "automatic (1st-99th percentile)")


def display(stored: NDArray[Any], ds: Dataset, index: int = 0,
            window: Window | None = None) -> NDArray[np.uint8]:  # fmt: skip
    """Display-ready uint8 pixels: (rows, cols) grey or (rows, cols, 3) RGB."""
    photometric = str(ds.get("PhotometricInterpretation", "MONOCHROME2")).upper()
    if photometric == "PALETTE COLOR":
        try:
            rgb = np.asarray(apply_color_lut(stored, ds))
        except Exception as exc:
            raise PixelError(f"the palette colour table is unusable ({_reason(exc)})") from exc
        return _to_uint8(rgb)
    if photometric not in GREY or stored.ndim == 3:
        return _to_uint8(stored)
    view = grey_view(ds, index)
    chosen = window or file_window(ds, index)
    if chosen is not None:
        sigmoid = str(view.get("VOILUTFunction", "")).upper() == "SIGMOID"
        out = _window_by_lut(stored, ds, index, chosen, sigmoid)
        if out is None:
            out = apply_window(modality_values(stored, ds, index), chosen, sigmoid)
        if photometric == "MONOCHROME1":
            out = np.asarray(255 - out, dtype=np.uint8)
        return out
    values = modality_values(stored, ds, index)
    if "VOILUTSequence" in view:
        try:
            out = _stretch(np.asarray(apply_voi_lut(values.astype(np.int64), view, prefer_lut=True)))
        except Exception:
            out = apply_window(values, auto_window(values))
    else:
        out = apply_window(values, auto_window(values))
    if photometric == "MONOCHROME1":
        out = np.asarray(255 - out, dtype=np.uint8)
    return out


_LUT_MAX_ENTRIES = 1 << 17  # stored values spanning more than this take the direct path


def _window_by_lut(stored: NDArray[Any], ds: Dataset, index: int, window: Window,
                   sigmoid: bool) -> NDArray[np.uint8] | None:  # fmt: skip
    """The same pixels as ``apply_window(modality_values(stored))``, computed once per distinct
    stored value and then looked up: integer frames hold at most 2^16 values, while the direct
    path makes several float64 passes over every pixel (each drag of window/level repeats it).
    None when the frame is not integer or spans too many values."""
    if stored.dtype.kind not in "ui" or stored.dtype.itemsize > 2 or stored.size == 0:
        return None
    low, high = int(stored.min()), int(stored.max())
    if high - low >= _LUT_MAX_ENTRIES:
        return None
    domain = np.arange(low, high + 1, dtype=stored.dtype)
    lut = apply_window(modality_values(domain, ds, index), window, sigmoid)
    offsets = stored.astype(np.int32) - low if low else stored
    return np.asarray(lut[offsets], dtype=np.uint8)


def _to_uint8(values: NDArray[Any]) -> NDArray[np.uint8]:
    if values.dtype == np.uint8:
        return values
    if values.dtype.kind in "ui":
        bits = values.dtype.itemsize * 8
        peak = int(values.max()) if values.size else 0
        if peak <= 255:
            return values.astype(np.uint8)
        shift = max(0, min(bits, int(peak).bit_length()) - 8)
        return np.asarray(values >> shift, dtype=np.uint8)
    return _stretch(values)


def thumbnail(image: NDArray[np.uint8], max_size: int = 128) -> NDArray[np.uint8]:
    """A small copy keeping the aspect ratio (Pillow's area filter)."""
    from PIL import Image

    pil = Image.fromarray(image)
    pil.thumbnail((max_size, max_size), Image.Resampling.BOX)
    return np.asarray(pil, dtype=np.uint8)
