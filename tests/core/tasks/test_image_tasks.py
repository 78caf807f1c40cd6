"""Image tasks: the messages the vision model gets, the answer's parsing and provenance, and a
whole run through the services on the tiny random-weight Qwen2.5-VL pair."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.core.documents.model import Document, Section
from app.core.llm.projector import IMAGE_SLOT
from app.core.settings import Settings
from app.core.tasks import image_tasks
from app.core.vision import key_images as ki
from app.services import Services
from app.services import vision as vision_service
from tests.fixtures.dicom_files import write_ct_series

REPORT = "FINDINGS: Small left pleural effusion. No pneumothorax.\nIMPRESSION: Left effusion."


def report(text: str = REPORT) -> Document:
    return Document(source=Path("report.txt"), kind="text", sections=[Section(title="", text=text)])


def key_image(number: int) -> ki.KeyImage:
    import numpy as np

    return ki.KeyImage(series_label="CT series #2 CHEST", series_uid="1.2.3", frame=number - 1,
                       instance_number=number, window=ki.PRESETS["lung"], preset="lung",
                       chosen_by="clinician", pixels=np.zeros((28, 28, 3), dtype=np.uint8))  # fmt: skip


def test_one_slot_per_image_and_none_from_untrusted_text() -> None:
    sneaky = report(f"FINDINGS: effusion {IMAGE_SLOT} here")
    chat = image_tasks.build_image_messages("ask_images", [key_image(1), key_image(2)], [sneaky],
                                            language="zh_CN", question=f"what {IMAGE_SLOT}?")  # fmt: skip
    user = chat[1]["content"]
    assert user.count(IMAGE_SLOT) == 2
    assert 'shows="CT series #2 CHEST, instance 1, lung window C -600 / W 1500"' in user
    assert "effusion  here" in user and "what ?" in user
    assert "Simplified Chinese" in chat[0]["content"]
    assert "never claim" in chat[0]["content"]


def test_the_schema_only_names_images_that_were_shown() -> None:
    schema = image_tasks.schema("compare_images", 3)
    assert schema is not None
    item = schema["properties"]["observations"]["items"]
    assert item["properties"]["image"] == {"enum": [1, 2, 3]}
    assert set(schema["required"]) == {"observations", "report_not_seen", "seen_not_in_report"}
    assert image_tasks.schema("ask_images", 3) is None  # free text


def test_an_answer_names_its_sources_and_checks_its_quotes() -> None:
    images = [key_image(1), key_image(2)]
    text = json.dumps({
        "observations": [{"image": 2, "observation": "fluid at the left base"},
                         {"image": 7, "observation": "an image that was never shown"}],
        "report_not_seen": [{"finding": "pneumothorax", "quote": "No pneumothorax."},
                            {"finding": "nodule", "quote": "a 6 mm nodule"}],
        "seen_not_in_report": [{"image": 1, "observation": "a rib fracture"}],
    })  # fmt: skip
    answer = image_tasks.finish("compare_images", text, images, [report()], model="m", language="en",
                                finish_reason="stop")  # fmt: skip
    assert [(o.image, o.source["instance_number"]) for o in answer.observations] == [(2, 2)]  # 7 dropped
    found = [(f.finding, f.grounded) for f in answer.report_not_seen]
    assert found == [("pneumothorax", True), ("nodule", False)]
    assert any("1 report finding(s) quote words that are not in the report" in w for w in answer.warnings)
    assert answer.seen_not_in_report[0].source["window_center"] == -600.0
    shown = answer.markdown()
    assert "**Image 2** (CT series #2 CHEST, instance 2, lung window C -600 / W 1500): fluid" in shown
    assert "The model looked at 2 image(s)" in shown and "did not look at any other image" in shown
    assert "AI-generated draft" in shown
    assert "(quote not found in the report)" in shown


def test_a_cut_answer_is_shown_as_written_and_marked_incomplete() -> None:
    answer = image_tasks.finish("describe_images", '{"observations": [{"image": 1, "observ', [key_image(1)],
                                [], model="m", language="en", finish_reason="length")  # fmt: skip
    assert not answer.complete
    assert any("token limit" in w for w in answer.warnings)
    assert any("not complete JSON" in w for w in answer.warnings)
    assert '"observ' in answer.markdown()


@pytest.fixture
def services(tiny_vl_pair: tuple[Path, Path]) -> Services:
    text, projector = tiny_vl_pair
    settings = Settings(privacy_level="high", n_ctx=2048, vision_model_path=str(text),
                        vision_projector_path=str(projector), vision_max_image_tokens=64)  # fmt: skip
    settings.sampling.max_tokens = 48
    services = Services(settings=settings)
    yield services
    services.close()


def test_a_whole_image_task_through_the_services(services: Services, tmp_path: Path) -> None:
    clean = write_ct_series(tmp_path / "ct", 12)
    burned = write_ct_series(tmp_path / "sc", 2, burned_in=True)
    read = services.read_documents([clean, burned])
    assert not read.errors
    series = {len(s.instances): s for d in read.documents for s in d.series}
    ct, sc = series[12], series[2]
    loaded = vision_service.load(services)
    assert loaded.placement.where == "CPU" and "CPU" in loaded.report.warnings[0]
    picks = [(ct, c) for c in ki.representative(ct, 2, on_screen=4, preset_name="lung")]
    picks.append((sc, ki.KeyImageChoice(0)))  # burned-in, not confirmed: held back at privacy high
    run = vision_service.start(services, [report(), *read.documents], "compare_images", picks)
    text = "".join(run.generation)
    answer = vision_service.finish(run, text)
    assert run.generation.timings is not None and run.generation.timings.images == 3
    assert [(item["instance_number"], item["chosen_by"]) for item in answer.looked_at] == [
        (4, "evenly spaced"), (5, "on screen"), (10, "evenly spaced")]  # fmt: skip
    assert all(item["preset"] == "lung" for item in answer.looked_at)
    assert len(answer.not_sent) == 1 and "was not sent" in answer.not_sent[0]
    assert "BurnedInAnnotation YES" in answer.not_sent[0]
    # held to the schema: an observation of one of the three images shown
    assert re.match(r'\{\s*"observations"\s*:\s*\[\s*\{\s*"image"\s*:\s*[123]\s*,', text)
    assert "The model looked at 3 image(s)" in answer.markdown()


def test_only_burned_in_images_is_a_clear_refusal(services: Services, tmp_path: Path) -> None:
    read = services.read_documents([write_ct_series(tmp_path / "sc", 2, burned_in=True)])
    [series] = [s for d in read.documents for s in d.series]
    vision_service.load(services)
    from app.core.llm.errors import ModelError

    with pytest.raises(ModelError, match=r"was not sent.*Confirm it in the viewer"):
        vision_service.start(services, [], "describe_images", [(series, ki.KeyImageChoice(0))])
    confirmed = [(series, ki.KeyImageChoice(0, confirmed_burned_in=True))]
    run = vision_service.start(services, [], "describe_images", confirmed)
    "".join(run.generation)
    assert vision_service.finish(run, "").looked_at[0]["instance_number"] == 1


def test_no_vision_model_says_how_to_install_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.llm.errors import ModelError

    monkeypatch.setenv("ENCLAVE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("ENCLAVE_VISION_MODEL", raising=False)
    services = Services(settings=Settings())
    try:
        assert vision_service.find(services) is None
        with pytest.raises(ModelError, match=r"No vision model is installed.*mmproj"):
            vision_service.load(services)
    finally:
        services.close()
