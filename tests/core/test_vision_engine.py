"""The real multimodal path on a tiny random-weight Qwen2.5-VL pair written at test time:
pixels -> llama.cpp's preprocessor -> ViT -> merger -> embeddings -> decode, in CI."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.core.llm.engine import Engine, EngineConfig, SamplingParams
from app.core.llm.errors import EngineError, ModelError
from app.core.llm.projector import IMAGE_SLOT, ImagesDoNotFitError, open_projector

GREEDY = SamplingParams(temperature=0.0, max_tokens=16)


def picture(seed: int, height: int = 200, width: int = 300) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (height, width, 3), dtype=np.uint8)


def ask(n_images: int) -> list[dict[str, str]]:
    slots = "\n".join(f"Image {n}: {IMAGE_SLOT}" for n in range(1, n_images + 1))
    return [{"role": "user", "content": f"{slots}\nDescribe the images."}]


@pytest.fixture(scope="module")
def vision(tiny_vl_pair: tuple[Path, Path]) -> Engine:
    text, projector = tiny_vl_pair
    engine = Engine()
    engine.load(text, EngineConfig(n_ctx=2048, projector_path=str(projector), max_image_tokens=64))
    yield engine
    engine.close()


def answer(engine: Engine, messages: list[dict[str, str]], images: list[np.ndarray],
           sampling: SamplingParams = GREEDY) -> tuple[str, object]:  # fmt: skip
    generation = engine.stream(messages, sampling, images=images)
    return "".join(generation), generation.timings


def test_the_projector_loads_beside_the_model_and_says_where(vision: Engine) -> None:
    assert vision.sees_images
    assert vision.report is not None
    assert vision.report.projector == "mmproj-tiny-qwen2.5-vl.gguf"
    assert vision.report.projector_backend == "CPU"  # this build has no GPU


def test_an_image_goes_through_the_encoder_into_the_answer(vision: Engine) -> None:
    text, timings = answer(vision, ask(1), [picture(1)])
    assert text and timings.finish_reason == "length"
    assert timings.images == 1
    # 300 x 200 pixels -> resized to 252 x 168 (multiples of 28) -> 9 x 6 merged tokens
    assert timings.image_tokens == 54
    assert len(timings.image_encode_seconds) == 1
    again, _ = answer(vision, ask(1), [picture(1)])
    assert again == text  # greedy: the same pixels give the same answer
    other, _ = answer(vision, ask(1), [picture(2)])
    assert other != text  # the pixels reach the model: other pixels, another answer


def test_two_images_each_get_their_tokens(vision: Engine) -> None:
    _, one = answer(vision, ask(1), [picture(1)])
    _, two = answer(vision, ask(2), [picture(1), picture(3, 112, 112)])
    assert two.images == 2
    assert two.image_tokens == 54 + 16  # 112 x 112 -> 4 x 4 merged tokens
    assert len(two.image_encode_seconds) == 2
    assert two.prompt_tokens > one.prompt_tokens


def test_a_text_answer_after_an_image_answer_is_unchanged(vision: Engine, tiny_model: Path) -> None:
    plain = [{"role": "user", "content": "Say something."}]
    before = "".join(vision.stream(plain, GREEDY))
    answer(vision, ask(1), [picture(4)])
    after = "".join(vision.stream(plain, GREEDY))
    assert after == before  # the image's KV cells and positions were dropped


def test_slots_and_images_must_match(vision: Engine) -> None:
    with pytest.raises(EngineError, match="2 image slot"):
        answer(vision, ask(2), [picture(1)])


def test_a_marker_inside_the_text_makes_no_image(vision: Engine) -> None:
    # libmtmd's own marker, as a report might contain it: text, never an image request
    messages = [{"role": "user", "content": f"Report says <__media__> here. Image: {IMAGE_SLOT}"}]
    _, timings = answer(vision, messages, [picture(1)])
    assert timings.images == 1 and timings.image_tokens == 54


def test_images_that_do_not_fit_get_a_clear_error(vision: Engine) -> None:
    with pytest.raises(ImagesDoNotFitError) as caught:
        answer(vision, ask(1), [picture(1)], SamplingParams(temperature=0.0, max_tokens=2000))
    message = str(caught.value)
    assert "1 image(s) need 54 tokens" in message and "2048" in message and "fewer images" in message


def test_a_model_without_projector_refuses_images(tiny_model: Path) -> None:
    engine = Engine()
    try:
        engine.load(tiny_model, EngineConfig(n_ctx=512))
        assert not engine.sees_images
        with pytest.raises(EngineError, match="cannot look at images"):
            engine.stream(ask(1), GREEDY, images=[picture(1)])
    finally:
        engine.close()


def test_cancel_stops_the_encoder_mid_image(tiny_vl_pair: tuple[Path, Path]) -> None:
    text, projector = tiny_vl_pair
    engine = Engine()
    try:
        # a large image budget, so one image keeps the encoder busy for a while
        engine.load(text, EngineConfig(n_ctx=4096, projector_path=str(projector), max_image_tokens=2048))
        big = picture(5, 1024, 1024)
        full, full_timings = answer(engine, ask(1), [big])
        assert full_timings.image_tokens > 1000
        encoder = engine._projector
        assert encoder is not None
        stops_before = encoder.interrupted
        generation = engine.stream(ask(1), GREEDY, images=[big])
        assert encoder.encoding.wait(30)
        generation.cancel()  # while the encoder runs (about 0.3 s for this image here)
        assert "".join(generation) == ""
        assert generation.timings is not None and generation.timings.finish_reason == "cancelled"
        assert encoder.interrupted == stops_before + 1  # the graph was stopped, not run to its end
        again, _ = answer(engine, ask(1), [big])
        assert again == full  # and the next answer is whole
    finally:
        engine.close()


def test_a_projector_for_another_model_is_refused(tiny_vl_pair: tuple[Path, Path], tmp_path: Path) -> None:
    import gguf

    from tests.fixtures.tiny_qwen2_vl import add_vision_tensors, mmproj_writer

    text, _ = tiny_vl_pair
    wrong = tmp_path / "mmproj-other.gguf"
    writer = mmproj_writer(wrong, name="other", hidden=32, layers=1, heads=2, ffn=64, out_hidden=48,
                           window_pattern=1, max_tokens=16, file_type=gguf.LlamaFileType.ALL_F32)  # fmt: skip
    add_vision_tensors(writer, hidden=32, layers=1, ffn=64, out_hidden=48, rng=np.random.default_rng(0))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    engine = Engine()
    try:
        with pytest.raises(ModelError, match="48-wide embeddings, but the language model takes 64"):
            engine.load(text, EngineConfig(n_ctx=512, projector_path=str(wrong)))
        assert not engine.is_loaded
    finally:
        engine.close()


def test_a_text_model_is_not_a_projector(tiny_vl_pair: tuple[Path, Path]) -> None:
    text, _ = tiny_vl_pair
    with pytest.raises(ModelError, match="not a vision projector"):
        open_projector(text, None, text_width=64, use_gpu=False, n_threads=1, max_image_tokens=64)


def test_a_truncated_projector_is_refused(tiny_vl_pair: tuple[Path, Path], tmp_path: Path) -> None:
    _, projector = tiny_vl_pair
    cut = tmp_path / "mmproj-cut.gguf"
    cut.write_bytes(projector.read_bytes()[: projector.stat().st_size // 2])
    with pytest.raises(ModelError, match="truncated"):
        open_projector(cut, None, text_width=64, use_gpu=False, n_threads=1, max_image_tokens=64)
