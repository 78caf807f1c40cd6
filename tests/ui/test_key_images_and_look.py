"""Key images in the viewer and the vision model's answer, on the tiny random-weight
Qwen2.5-VL pair: mark slices (K), Look, and the answer names exactly what it looked at."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.fixtures.dicom_files import write_ct_series
from tests.ui.conftest import drop_files


@pytest.fixture
def vision_settings(ui_settings, tiny_vl_pair):
    settings = copy.deepcopy(ui_settings)
    text, projector = tiny_vl_pair
    settings.vision_model_path, settings.vision_projector_path = str(text), str(projector)
    settings.vision_max_image_tokens = 64
    settings.sampling.max_tokens = 1500  # the bounded schema ends even a random model's JSON
    settings.n_ctx = 4096
    return settings


def _open(qtbot, make_window, folder, settings):
    window = make_window(load=False, settings=settings)
    drop_files(window, [folder])
    qtbot.waitUntil(lambda: len(window.controller.documents) == 1, timeout=60_000)
    viewer = window.documents.viewer
    qtbot.waitUntil(lambda: viewer.canvas.image is not None and not viewer.canvas.busy, timeout=30_000)
    return window, viewer


def test_marked_key_images_are_what_the_vision_model_looks_at(qtbot, make_window, ct_series, vision_settings):
    window, viewer = _open(qtbot, make_window, ct_series, vision_settings)
    qtbot.waitUntil(lambda: viewer.vision_available, timeout=10_000)
    assert viewer.note.text().startswith("The text model reads text only")
    canvas = viewer.canvas
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_2)  # lung
    qtbot.waitUntil(lambda: canvas.width_ == 1500 and not canvas.busy, timeout=10_000)
    QTest.keyClick(canvas, Qt.Key.Key_K)
    QTest.keyClick(canvas, Qt.Key.Key_Down)
    QTest.keyClick(canvas, Qt.Key.Key_K)
    QTest.keyClick(canvas, Qt.Key.Key_K)  # the same slice twice: once
    assert viewer.key_list.count() == 2
    assert "instance 3 · lung" in viewer.key_list.item(0).text()
    assert viewer.look_button.isEnabled()
    viewer.look_button.click()
    controller = window.controller
    qtbot.waitUntil(lambda: len(controller.turns) == 2 and not controller.turns[1].active, timeout=120_000)
    answer = controller.turns[1]
    assert answer.state == "done", answer.error
    assert answer.image_answer is not None
    looked = [(i["instance_number"], i["preset"], i["chosen_by"]) for i in answer.image_answer.looked_at]
    assert looked == [(3, "lung", "clinician"), (4, "lung", "clinician")]
    assert "The model looked at 2 image(s)" in answer.text
    assert answer.timings is not None and answer.timings.images == 2
    assert controller.turns[0].request.task_id == "describe_images"


def test_without_marks_the_app_chooses_and_says_so(qtbot, make_window, tmp_path, vision_settings):
    folder = write_ct_series(tmp_path / "ct20", 20)
    _window, viewer = _open(qtbot, make_window, folder, vision_settings)
    qtbot.waitUntil(lambda: viewer.vision_available, timeout=10_000)
    picks = viewer.picks()
    assert [(c.frame, c.chosen_by) for _, c in picks] == [(3, "evenly spaced"), (10, "on screen"),
                                                          (16, "evenly spaced")]  # fmt: skip


def test_burned_in_images_wait_for_the_clinicians_tick(qtbot, make_window, tmp_path, vision_settings):
    folder = write_ct_series(tmp_path / "burned", 3, burned_in=True)
    window, viewer = _open(qtbot, make_window, folder, vision_settings)
    qtbot.waitUntil(lambda: viewer.vision_available, timeout=10_000)
    viewer.mark_key_image()
    item = viewer.key_list.item(0)
    assert item.flags() & Qt.ItemFlag.ItemIsUserCheckable and item.checkState() == Qt.CheckState.Unchecked
    assert "burned into the pixels" in item.toolTip()
    assert viewer.picks()[0][1].confirmed_burned_in is False
    viewer.look_button.click()  # not ticked: held back, and with nothing else to send, refused
    controller = window.controller
    qtbot.waitUntil(lambda: len(controller.turns) == 2 and not controller.turns[1].active, timeout=120_000)
    assert controller.turns[1].state == "failed" and "was not sent" in controller.turns[1].error
    item.setCheckState(Qt.CheckState.Checked)
    assert viewer.picks()[0][1].confirmed_burned_in is True


def test_no_vision_model_no_look(qtbot, make_window, ct_series, ui_settings, monkeypatch):
    monkeypatch.delenv("ENCLAVE_VISION_MODEL", raising=False)
    _window, viewer = _open(qtbot, make_window, ct_series, ui_settings)
    qtbot.wait(200)
    assert not viewer.vision_available and not viewer.look_button.isEnabled()
    assert "A vision model" in viewer.note.text()
    assert viewer.mark_button.isEnabled()  # marking still works; there is nothing to send it to


def test_an_image_answer_reads_in_chinese(qapp):
    import json

    import numpy as np

    from app.core.tasks import image_tasks
    from app.core.vision import key_images as ki
    from app.ui import i18n
    from app.ui.messages import template_translation

    image = ki.KeyImage(series_label="CT series #2", series_uid="", frame=30, instance_number=31,
                        window=ki.PRESETS["lung"], preset="lung", chosen_by="clinician",
                        pixels=np.zeros((28, 28, 3), dtype=np.uint8))  # fmt: skip
    text = json.dumps({"observations": [{"image": 1, "observation": "左下肺斑片影"}],
                       "report_not_seen": [{"finding": "结节", "quote": "右上肺结节"}],
                       "seen_not_in_report": []})  # fmt: skip
    answer = image_tasks.finish("compare_images", text, [image], [], model="m", language="zh_CN",
                                finish_reason="length")  # fmt: skip
    i18n.install("zh_CN")
    shown = answer.markdown(translate=template_translation)
    assert "**图像 1**（CT series #2，实例 31，肺窗（窗位 -600 / 窗宽 1500））：左下肺斑片影" in shown
    assert "报告中提到、但在这些图像中未见" in shown and "（报告中找不到该引文）" in shown
    assert "模型查看了 1 幅图像：图像 1：CT series #2，实例 31" in shown
    assert "instance" not in shown and "window" not in shown and "looked at" not in shown
    assert answer.label.startswith("AI 生成的草稿")
