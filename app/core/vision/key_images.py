"""Key images: which frames of a series the vision model looks at, rendered how.

A key image is one frame, windowed as the clinician saw it (the viewer's window/level) or by
a named preset, turned into 8-bit RGB pixels in memory. Nothing here writes a file: the
pixels go to llama.cpp's bitmap API as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from app.core import messages
from app.core.documents.dicom_pixels import Window
from app.core.documents.series import ImageSeries, burned_in_reason

# Window centre / width in Hounsfield units, as radiology workstations name them.
PRESETS: dict[str, Window] = {
    "lung": Window(-600.0, 1500.0, "lung"),
    "mediastinum": Window(40.0, 400.0, "mediastinum"),
    "bone": Window(480.0, 2500.0, "bone"),
    "brain": Window(40.0, 80.0, "brain"),
}
MAX_IMAGES = 8  # more than this does not fit a 7B model's context with room to answer
MAX_SIDE = 1024  # llama.cpp resizes to its own budget; a larger array is only wasted memory


class KeyImageError(ValueError):
    """A key image that cannot be chosen or rendered (the message names it)."""


@dataclass(frozen=True)
class KeyImageChoice:
    """What the clinician (or the app) picked: a frame and how to window it."""

    frame: int
    window: Window | None = None  # None: the file's own window, else the viewer's or a preset
    preset: str | None = None
    chosen_by: str = "clinician"  # "clinician" | "evenly spaced" | "on screen"
    confirmed_burned_in: bool = False  # the clinician looked and allowed it at privacy high


@dataclass
class KeyImage:
    """One rendered frame and the description every answer quotes."""

    series_label: str
    series_uid: str
    frame: int
    instance_number: int | None
    window: Window | None
    preset: str | None
    chosen_by: str
    pixels: NDArray[np.uint8] = field(repr=False)
    burned_in: str | None = None  # why the pixels may carry patient text, or None

    @property
    def window_text(self) -> str:
        """Made from catalogue templates, so the window shows it in the user's language."""
        if self.window is None:
            return messages.WINDOW_OF_FILE
        center, width = f"{self.window.center:g}", f"{self.window.width:g}"
        if self.preset:
            return messages.WINDOW_PRESET.format(preset=self.preset, center=center, width=width)
        return messages.WINDOW_SET.format(center=center, width=width)

    @property
    def label(self) -> str:
        if self.instance_number is not None:
            return messages.IMAGE_AT_INSTANCE.format(series=self.series_label, instance=self.instance_number,
                                                     window=self.window_text)  # fmt: skip
        return messages.IMAGE_AT_FRAME.format(series=self.series_label, frame=self.frame + 1,
                                              window=self.window_text)  # fmt: skip

    def source(self) -> dict[str, object]:
        """The provenance stored with an answer (no pixels, no identifiers: the series UID
        stays out, it is an identifier the de-identification profile replaces)."""
        return {
            "series": self.series_label,
            "frame": self.frame,
            "instance_number": self.instance_number,
            "preset": self.preset,
            "window_center": self.window.center if self.window else None,
            "window_width": self.window.width if self.window else None,
            "chosen_by": self.chosen_by,
        }


def preset(name: str) -> Window:
    try:
        return PRESETS[name.strip().lower()]
    except KeyError:
        raise KeyImageError(f"unknown window preset {name!r}; known: {', '.join(PRESETS)}") from None


def evenly_spaced(frame_count: int, count: int, on_screen: int | None = None) -> list[tuple[int, str]]:
    """``count`` frames spread through the series (the middle of equal parts, so neither end
    slice, which is often outside the organ), plus the frame on screen if it is not one of
    them. Returns (frame, chosen_by) in frame order."""
    if frame_count <= 0:
        raise KeyImageError("the series has no frames")
    if count < 1:
        raise KeyImageError("at least one image must be chosen")
    count = min(count, frame_count, MAX_IMAGES)
    picked = {int((part + 0.5) * frame_count / count): "evenly spaced" for part in range(count)}
    if on_screen is not None:
        if not 0 <= on_screen < frame_count:
            raise KeyImageError(f"frame {on_screen + 1} is not in the series (1..{frame_count})")
        if on_screen not in picked and len(picked) >= MAX_IMAGES:
            picked.pop(max(picked, key=lambda f: -abs(f - on_screen)))  # drop the farthest
        picked[on_screen] = "on screen"
    return sorted(picked.items())


def representative(
    series: ImageSeries,
    count: int,
    on_screen: int | None = None,
    window: Window | None = None,
    preset_name: str | None = None,
) -> list[KeyImageChoice]:
    """The app's choice when the clinician marked none."""
    chosen_window = preset(preset_name) if preset_name else window
    return [
        KeyImageChoice(frame, chosen_window, preset_name, chosen_by)
        for frame, chosen_by in evenly_spaced(series.frame_count, count, on_screen)
    ]


def _rgb(frame: NDArray[np.uint8]) -> NDArray[np.uint8]:
    if frame.ndim == 2:
        frame = np.repeat(frame[:, :, None], 3, axis=2)
    elif frame.ndim == 3 and frame.shape[2] == 4:
        frame = frame[:, :, :3]
    if frame.ndim != 3 or frame.shape[2] != 3:
        raise KeyImageError(f"pixels of shape {frame.shape} are not an image")
    step = max(1, int(np.ceil(max(frame.shape[:2]) / MAX_SIDE)))
    return np.ascontiguousarray(frame[::step, ::step], dtype=np.uint8)


def render(series: ImageSeries, choice: KeyImageChoice) -> KeyImage:
    """Window the frame and return it as RGB in memory."""
    if not 0 <= choice.frame < series.frame_count:
        raise KeyImageError(
            f"{series.label}: frame {choice.frame + 1} is not in the series (1..{series.frame_count})"
        )
    instance, _inner = series.locate(choice.frame)
    pixels = _rgb(series.frame(choice.frame, choice.window))
    return KeyImage(
        series_label=series.label,
        series_uid=series.series_uid,
        frame=choice.frame,
        instance_number=instance.instance_number,
        window=choice.window,
        preset=choice.preset,
        chosen_by=choice.chosen_by,
        pixels=pixels,
        burned_in=burned_in_reason(instance.header),
    )


def render_all(pairs: Iterable[tuple[ImageSeries, KeyImageChoice]]) -> list[KeyImage]:
    images = [render(series, choice) for series, choice in pairs]
    if len(images) > MAX_IMAGES:
        raise KeyImageError(f"{len(images)} key images chosen; at most {MAX_IMAGES} fit one question")
    return images


def refused_for_privacy(
    images: Sequence[KeyImage], choices: Sequence[KeyImageChoice], privacy: str
) -> list[KeyImage]:
    """At privacy high (and ephemeral, which is high plus nothing stored), images that may
    carry burned-in text and that the clinician has not confirmed, one by one. At standard
    they are sent (the clinician chose that level)."""
    if privacy not in ("high", "ephemeral"):
        return []
    return [
        image
        for image, choice in zip(images, choices, strict=True)
        if image.burned_in and not choice.confirmed_burned_in
    ]
