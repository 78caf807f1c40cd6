"""Documents longer than the context on the tiny qwen2 model: split only when needed, every
part's prompt fits, the answers are combined, and the result says so (real llama.cpp)."""

import itertools
from pathlib import Path

import pytest

from app.core.documents.text import text_document
from app.core.llm.errors import EngineError
from app.core.tasks.runner import TaskRequest
from app.services import Services
from app.services import tasks as task_services

SHORT = "FINDINGS: Small left pleural effusion.\nIMPRESSION: Effusion.\n"
LINE = "Line {i}.{j}: the {side} lower lobe is clear."
SECTIONS = [f"SECTION {i}: " + " ".join(LINE.format(i=i, j=j, side="right" if j % 2 else "left")
                                        for j in range(6))
            for i in range(8)]  # fmt: skip
LONG = "\n".join(SECTIONS) + "\nIMPRESSION: There is a 7 mm solid nodule in the right upper lobe.\n"
BUDGET = 12


@pytest.fixture(scope="module")
def services(tiny_model):
    svc = Services(model_path=str(tiny_model))
    svc.settings.n_ctx = 2048  # the tiny model's tokens are bytes: prompts alone are ~0.8-1.5k tokens
    svc.settings.n_threads = 2
    svc.load_model()
    yield svc
    svc.close()


@pytest.fixture
def prompts(services, monkeypatch):
    """The prompt sizes of every generation the engine runs (the real engine still runs them)."""
    engine = services.engine
    seen = []
    real_stream = engine.stream

    def stream(messages, sampling=None, **kwargs):
        seen.append(engine.count_prompt_tokens(messages) + sampling.max_tokens)
        return real_stream(messages, sampling, **kwargs)

    monkeypatch.setattr(engine, "stream", stream)
    return seen


def document(text, name="long.txt"):
    return text_document(text, Path(name), "text")


def test_a_document_that_fits_is_read_at_once(services, prompts):
    result = task_services.analyze(services, [document(SHORT)], TaskRequest("summary"), max_tokens=BUDGET)
    assert len(prompts) == 1 and "split" not in result.checks
    assert not any("parts" in warning for warning in result.warnings)


def test_findings_on_a_long_document_are_split_and_grounded_in_the_original(services, prompts):
    long = document(LONG)
    result = task_services.analyze(services, [long], TaskRequest("findings"), max_tokens=BUDGET)
    split = result.checks["split"]
    n_ctx = services.engine.n_ctx
    assert split["prompt_tokens"] + BUDGET > n_ctx  # it did not fit whole ...
    assert split["parts"] >= 2 and len(prompts) == split["parts"]  # ... so each part ran once, no reduce
    assert all(size <= n_ctx for size in prompts)  # and every part fit
    assert f"read in {split['parts']} parts" in result.warnings[0]
    # The parts cover the whole text in order: offsets into the original source text.
    covers = [piece for part in split["covers"] for piece in part]
    assert covers[0]["start"] == long.sections[0].start and covers[-1]["end"] == long.sections[-1].end
    assert all(a["end"] <= b["start"] for a, b in itertools.pairwise(covers))
    # 12 tokens per part cannot finish a findings object: the merged answer says it is cut.
    # (Grounding across parts is checked on answers that quote: test_grounding_on_demo_model.py.)
    assert result.json_valid is False and not result.complete
    assert result.to_dict()["checks"]["split"]["parts"] == split["parts"]


def test_a_text_task_is_combined_by_a_reduce_prompt(services, prompts):
    result = task_services.analyze(services, [document(LONG)], TaskRequest("summary"), max_tokens=BUDGET)
    split = result.checks["split"]
    assert split["combined"] == "combined by the model" and split["reduce_rounds"] >= 1
    assert len(prompts) > split["parts"]  # the parts, then at least one reduce generation
    assert all(size <= services.engine.n_ctx for size in prompts)
    assert result.timings["prompt_tokens"] > split["prompt_tokens"]  # all the generations are counted


def test_translation_parts_are_joined_in_order(services, prompts):
    streamed = []
    result = task_services.analyze(services, [document(LONG)], TaskRequest("translate"), max_tokens=BUDGET,
                                   on_text=streamed.append)  # fmt: skip
    split = result.checks["split"]
    assert split["combined"] == "joined in order" and len(prompts) == split["parts"]
    assert "".join(streamed).strip() == result.text.strip()


def test_an_answer_budget_that_leaves_no_room_is_a_clear_error(services):
    with pytest.raises(EngineError, match="do not fit the model's context"):
        task_services.analyze(services, [document(LONG)], TaskRequest("findings"), max_tokens=1400)


def test_answers_too_long_to_combine_at_once_are_combined_in_rounds(services, prompts):
    # Several 150-token answers do not fit one reduce prompt of a 2k context beside 150 more.
    result = task_services.analyze(services, [document(LONG * 2)], TaskRequest("summary"), max_tokens=150)
    split = result.checks["split"]
    assert split["parts"] >= 3 and split["reduce_rounds"] >= 2
    assert len(prompts) >= split["parts"] + 2 and all(size <= services.engine.n_ctx for size in prompts)
