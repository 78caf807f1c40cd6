"""Image series: metadata first, pixels decoded on demand, one frame at a time.

A dropped folder, DICOMDIR or zip becomes studies and series (StudyInstanceUID and
SeriesInstanceUID), each ordered by ImagePositionPatient along the slice normal, then
InstanceNumber. Headers stay in memory (a few KB each) so listing is fast; pixels are read
from the file only when a frame is asked for, and a few decoded frames are cached.
"""

from __future__ import annotations

import threading
import warnings
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydicom.dataset import Dataset

from app.core import messages
from app.core.documents import dicom_pixels as px
from app.core.documents.limits import DEFAULT_LIMITS, Limits
from app.core.documents.model import DocumentError

Window = px.Window
HeaderFilter = Callable[[Dataset], Dataset]

# Where text is often burned into the pixels even without BurnedInAnnotation = YES.
_BURN_PRONE_MODALITIES = {"US": messages.ULTRASOUND, "SC": messages.SECONDARY_CAPTURE,
                          "OT": messages.OTHER_IMAGES, "XC": messages.CAMERA_PHOTOGRAPH,
                          "DOC": messages.SCANNED_DOCUMENT}  # fmt: skip
_SECONDARY_CAPTURE_PREFIX = "1.2.840.10008.5.1.4.1.1.7"


@dataclass
class InstanceRef:
    """One DICOM file of a series: where it is and its header (no pixels)."""

    source: Path  # the file, or the zip archive that holds it
    header: Dataset
    member: str | None = None  # the name inside the zip
    frames: int = 1
    position: float | None = None  # along the slice normal, mm

    @property
    def name(self) -> str:
        return f"{self.source.name}:{self.member}" if self.member else self.source.name

    @property
    def instance_number(self) -> int | None:
        try:
            value = self.header.get("InstanceNumber")
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def pixel_source(self) -> Path | bytes:
        if self.member is None:
            return self.source
        with zipfile.ZipFile(self.source) as archive:
            return archive.read(self.member)


@dataclass(frozen=True)
class TagRow:
    tag: str  # "(0010,0010)"
    keyword: str
    name: str
    vr: str
    value: str
    depth: int = 0  # nesting inside sequences


def slice_position(header: Dataset) -> float | None:
    """ImagePositionPatient projected on the normal of ImageOrientationPatient."""
    try:
        ipp = [float(v) for v in header.ImagePositionPatient]
        iop = [float(v) for v in header.ImageOrientationPatient]
        normal = np.cross(np.array(iop[:3]), np.array(iop[3:6]))
        return float(np.dot(normal, np.array(ipp[:3])))
    except (AttributeError, TypeError, ValueError, IndexError):
        return None


def burned_in_reason(header: Dataset) -> str | None:
    """Why pixels may carry patient text, or None when nothing suggests it."""
    flag = str(header.get("BurnedInAnnotation", "") or "").strip().upper()
    if flag == "YES":
        return messages.BURNED_IN_FLAG
    if flag == "NO":
        return None
    modality = str(header.get("Modality", "") or "").upper()
    if modality in _BURN_PRONE_MODALITIES:
        return messages.BURNED_IN_MODALITY.format(kind=_BURN_PRONE_MODALITIES[modality])
    sop_class = str(header.get("SOPClassUID", "") or "")
    if sop_class.startswith(_SECONDARY_CAPTURE_PREFIX):
        return messages.BURNED_IN_MODALITY.format(kind=messages.SECONDARY_CAPTURE)
    return None


def _text(header: Dataset, keyword: str) -> str:
    try:
        value = header.get(keyword, "")
    except Exception:  # a malformed element must not stop a listing
        return ""
    return str(value or "").strip()


class ImageSeries:
    """One series of images. Frames are numbered 0..frame_count-1 across its instances."""

    def __init__(self, instances: list[InstanceRef], limits: Limits = DEFAULT_LIMITS) -> None:
        if not instances:
            raise ValueError("a series needs at least one instance")
        self.instances = instances
        self.limits = limits
        first = instances[0].header
        self.study_uid = _text(first, "StudyInstanceUID")
        self.series_uid = _text(first, "SeriesInstanceUID")
        self.modality = _text(first, "Modality")
        self.description = _text(first, "SeriesDescription")
        self.study_description = _text(first, "StudyDescription")
        self.body_part = _text(first, "BodyPartExamined")
        self.rows = int(first.get("Rows", 0) or 0)
        self.columns = int(first.get("Columns", 0) or 0)
        self.photometric = _text(first, "PhotometricInterpretation")
        self.transfer_syntax = _text(getattr(first, "file_meta", Dataset()), "TransferSyntaxUID")
        try:
            self.number: int | None = int(first.get("SeriesNumber")) if first.get("SeriesNumber") else None
        except (TypeError, ValueError):
            self.number = None
        reasons = {r for r in (burned_in_reason(i.header) for i in instances) if r}
        self.burned_in: str | None = sorted(reasons)[0] if reasons else None
        # Installed by the de-identification stage: header -> de-identified copy.
        self.header_filter: HeaderFilter | None = None
        self.deidentified = False  # True when the privacy level applies to this series
        self._offsets = np.cumsum([0] + [i.frames for i in instances])
        self._cache: OrderedDict[int, NDArray[Any]] = OrderedDict()
        self._lock = threading.Lock()

    # -- listing ------------------------------------------------------------------------

    @property
    def frame_count(self) -> int:
        return int(self._offsets[-1])

    @property
    def label(self) -> str:
        number = f"#{self.number} " if self.number is not None else ""
        return f"{self.modality or 'DICOM'} series {number}{self.description}".strip()

    def locate(self, index: int) -> tuple[InstanceRef, int]:
        """The instance holding frame ``index`` and the frame's index inside it."""
        if not 0 <= index < self.frame_count:
            raise IndexError(f"frame {index} is out of range (0..{self.frame_count - 1})")
        which = int(np.searchsorted(self._offsets, index, side="right")) - 1
        return self.instances[which], index - int(self._offsets[which])

    # -- pixels -------------------------------------------------------------------------

    def stored_frame(self, index: int) -> NDArray[Any]:
        """The frame as stored (after decompression; YBR converted to RGB)."""
        with self._lock:
            cached = self._cache.get(index)
            if cached is not None:
                self._cache.move_to_end(index)
                return cached
        instance, inner = self.locate(index)
        try:
            source = instance.pixel_source()
            array = px.decode(source, instance.header, inner, self.limits)
        except px.PixelError as exc:
            raise DocumentError(instance.name, str(exc)) from exc
        except (OSError, zipfile.BadZipFile) as exc:
            reason = getattr(exc, "strerror", None) or type(exc).__name__
            raise DocumentError(instance.name, f"cannot be read any more ({reason})") from exc
        with self._lock:
            self._cache[index] = array
            while len(self._cache) > 8:
                self._cache.popitem(last=False)
        return array

    def modality_frame(self, index: int) -> NDArray[np.float64]:
        """Grey frames through the Modality LUT (Hounsfield units for CT)."""
        instance, inner = self.locate(index)
        return px.modality_values(self.stored_frame(index), instance.header, inner)

    def frame(self, index: int, window: Window | None = None) -> NDArray[np.uint8]:
        """Display-ready uint8: (rows, cols) grey or (rows, cols, 3) RGB, with the Modality
        LUT, then ``window`` or the file's VOI LUT / window, MONOCHROME1 inverted."""
        instance, inner = self.locate(index)
        stored = self.stored_frame(index)
        try:
            return px.display(stored, instance.header, inner, window)
        except px.PixelError as exc:
            raise DocumentError(instance.name, str(exc)) from exc

    def default_window(self, index: int = 0) -> Window | None:
        """The file's window for that frame (None when it has none: frame() picks one)."""
        instance, inner = self.locate(index)
        return px.file_window(instance.header, inner)

    def thumbnail(self, max_size: int = 128, index: int | None = None) -> NDArray[np.uint8]:
        """A small display image of the middle frame (or ``index``)."""
        middle = self.frame_count // 2 if index is None else index
        return px.thumbnail(self.frame(middle), max_size)

    # -- tags ---------------------------------------------------------------------------

    def header(self, index: int = 0, deidentified: bool | None = None) -> Dataset:
        """The header of the instance holding frame ``index``. ``deidentified`` None means:
        as the privacy level says for this document."""
        instance, _ = self.locate(index)
        want = self.deidentified if deidentified is None else deidentified
        if not want:
            return instance.header
        if self.header_filter is None:
            raise ValueError("no de-identification is attached to this series "
                             "(documents read through app.services have one)")  # fmt: skip
        return self.header_filter(instance.header)

    def tags(self, index: int = 0, deidentified: bool | None = None) -> list[TagRow]:
        return tag_rows(self.header(index, deidentified))

    def __repr__(self) -> str:
        return f"<ImageSeries {self.label!r} {self.frame_count} frames>"


def tag_rows(ds: Dataset, depth: int = 0, max_value: int = 200) -> list[TagRow]:
    rows: list[TagRow] = []
    for element in ds:
        if element.tag == 0x7FE00010:
            value = "(pixel data)"
        elif element.VR == "SQ":
            value = f"{len(element.value)} item(s)"
        else:
            try:
                value = str(element.value) if not isinstance(element.value, bytes) else \
                    f"({len(element.value)} bytes)"  # fmt: skip
            except Exception:
                value = "(unreadable)"
        rows.append(TagRow(f"({element.tag.group:04X},{element.tag.element:04X})", element.keyword,
                           element.name, str(element.VR), value[:max_value], depth))  # fmt: skip
        if element.VR == "SQ" and depth < 8:
            for item in element.value:
                rows.extend(tag_rows(item, depth + 1, max_value))
    return rows


@dataclass
class Study:
    study_uid: str
    series: list[ImageSeries] = field(default_factory=list)
    description: str = ""


def group_series(instances: Iterable[InstanceRef], limits: Limits = DEFAULT_LIMITS) -> list[ImageSeries]:
    """Group by (study, series) and order each series along the slice normal, then number."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydicom's value warnings quote the values (PHI)
        return _group_series(instances, limits)


def _group_series(instances: Iterable[InstanceRef], limits: Limits) -> list[ImageSeries]:
    groups: dict[tuple[str, str], list[InstanceRef]] = {}
    for instance in instances:
        instance.position = slice_position(instance.header)
        key = (_text(instance.header, "StudyInstanceUID"), _text(instance.header, "SeriesInstanceUID"))
        groups.setdefault(key, []).append(instance)
    result: list[ImageSeries] = []
    for members in groups.values():
        positioned = all(m.position is not None for m in members)

        def order(m: InstanceRef, positioned: bool = positioned) -> tuple[float, int, str]:
            number = m.instance_number if m.instance_number is not None else 0
            return (m.position if positioned and m.position is not None else 0.0, number, m.name)

        members.sort(key=order)
        result.append(ImageSeries(members, limits))
    result.sort(key=lambda s: (s.study_uid, s.number if s.number is not None else 0, s.series_uid))
    return result
