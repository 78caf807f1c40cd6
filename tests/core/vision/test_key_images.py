"""Which frames the vision model is shown, windowed how, and which it is not shown."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.core.documents.series import ImageSeries
from app.core.vision import key_images as ki
from app.core.vision.placement import estimate_gib, plan
from app.services.documents import read
from tests.fixtures.dicom_files import write_ct_series


def series_of(folder: Path, privacy: str = "high") -> ImageSeries:
    result = read([folder], privacy)
    assert not result.errors
    [document] = [d for d in result.documents if d.series]
    [series] = document.series
    return series


@pytest.fixture
def ct60(tmp_path: Path) -> ImageSeries:
    return series_of(write_ct_series(tmp_path / "ct", 60))


def test_evenly_spaced_slices_are_the_middles_of_equal_parts() -> None:
    assert ki.evenly_spaced(60, 3) == [(10, "evenly spaced"), (30, "evenly spaced"), (50, "evenly spaced")]
    assert ki.evenly_spaced(5, 1) == [(2, "evenly spaced")]
    # more than the series holds: every frame once
    assert [f for f, _ in ki.evenly_spaced(3, 10)] == [0, 1, 2]


def test_the_slice_on_screen_is_added_and_marked() -> None:
    chosen = ki.evenly_spaced(60, 3, on_screen=12)
    assert chosen == [(10, "evenly spaced"), (12, "on screen"), (30, "evenly spaced"), (50, "evenly spaced")]
    # on screen and already chosen: once, marked as on screen
    assert ki.evenly_spaced(60, 3, on_screen=30)[1] == (30, "on screen")


def test_never_more_than_the_context_allows() -> None:
    chosen = ki.evenly_spaced(300, 50, on_screen=0)
    assert len(chosen) == ki.MAX_IMAGES
    assert (0, "on screen") in chosen


@pytest.mark.parametrize(("frames", "count", "on_screen", "problem"), [
    (0, 3, None, "no frames"), (10, 0, None, "at least one"), (10, 3, 10, "frame 11 is not in the series"),
])  # fmt: skip
def test_bad_choices_are_named(frames: int, count: int, on_screen: int | None, problem: str) -> None:
    with pytest.raises(ki.KeyImageError, match=problem):
        ki.evenly_spaced(frames, count, on_screen)


def test_presets_window_the_hounsfield_values(ct60: ImageSeries) -> None:
    lung, mediastinum = (ki.render(ct60, ki.KeyImageChoice(30, ki.preset(name), name)) for name in
                         ("lung", "mediastinum"))  # fmt: skip
    assert lung.pixels.dtype == np.uint8 and lung.pixels.ndim == 3 and lung.pixels.shape[2] == 3
    assert lung.pixels.shape[:2] == (ct60.rows, ct60.columns)
    assert not np.array_equal(lung.pixels, mediastinum.pixels)
    # the same frame through the series' own windowing with the lung window, grey to RGB
    expected = ct60.frame(30, ki.PRESETS["lung"])
    assert np.array_equal(lung.pixels[:, :, 0], expected) and np.array_equal(lung.pixels[:, :, 2], expected)
    assert lung.label.endswith("instance 31, lung window C -600 / W 1500")
    assert lung.source()["window_center"] == -600.0 and lung.source()["instance_number"] == 31


def test_the_viewer_window_is_kept_as_the_clinician_set_it(ct60: ImageSeries) -> None:
    window = ki.Window(55.0, 350.0)
    image = ki.render(ct60, ki.KeyImageChoice(4, window))
    assert image.window_text == "window C 55 / W 350"
    assert np.array_equal(image.pixels[:, :, 1], ct60.frame(4, window))
    plain = ki.render(ct60, ki.KeyImageChoice(4))
    assert plain.window_text == "the file's window"


def test_representative_choice_uses_the_preset(ct60: ImageSeries) -> None:
    choices = ki.representative(ct60, 3, on_screen=7, preset_name="bone")
    assert [c.frame for c in choices] == [7, 10, 30, 50]
    assert all(c.window == ki.PRESETS["bone"] and c.preset == "bone" for c in choices)
    with pytest.raises(ki.KeyImageError, match="unknown window preset 'liver'"):
        ki.representative(ct60, 3, preset_name="liver")


def test_a_large_frame_is_reduced_in_memory() -> None:
    frame = np.zeros((3000, 2000), dtype=np.uint8)
    assert max(ki._rgb(frame).shape[:2]) <= ki.MAX_SIDE


def test_burned_in_images_are_held_back_at_privacy_high(tmp_path: Path) -> None:
    burned = series_of(write_ct_series(tmp_path / "burned", 4, burned_in=True))
    clean = series_of(write_ct_series(tmp_path / "clean", 4))
    choices = [ki.KeyImageChoice(1), ki.KeyImageChoice(2, confirmed_burned_in=True)]
    images = [ki.render(burned, c) for c in choices]
    assert all(i.burned_in and "BurnedInAnnotation YES" in i.burned_in for i in images)
    held = ki.refused_for_privacy(images, choices, "high")
    assert held == [images[0]]  # the confirmed one goes, one by one
    assert ki.refused_for_privacy(images, choices, "ephemeral") == [images[0]]
    assert ki.refused_for_privacy(images, choices, "standard") == []
    fine = [ki.render(clean, ki.KeyImageChoice(1))]
    assert ki.refused_for_privacy(fine, [ki.KeyImageChoice(1)], "high") == []


def test_placement_says_which_runs_where() -> None:
    need = estimate_gib(4_680_000_000, 1_350_000_000, 8192)
    assert 7.0 < need < 8.5
    assert not plan(gpu_build=False, free_gib=None, need_gib=need, text_on_gpu=False).vision_on_gpu
    # an 8 GB card with the 7B text model on it: about 2.5 GB free, the vision model goes to the CPU
    small = plan(gpu_build=True, free_gib=2.5, need_gib=need, text_on_gpu=True)
    assert not small.vision_on_gpu and "only 2.5 GB are free beside the text model" in small.notice
    big = plan(gpu_build=True, free_gib=40.0, need_gib=need, text_on_gpu=True)
    assert big.vision_on_gpu and "beside the text model" in big.notice and big.where == "GPU"
