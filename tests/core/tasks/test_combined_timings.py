"""The timings of a document read in parts, as one answer's."""

from app.core.llm.engine import Timings
from app.services.long_documents import combined_timings


def _part(reason: str, because: str = "", drafted: int = 0) -> Timings:
    return Timings(prompt_tokens=100, generated_tokens=50, time_to_first_token=1.0, total_seconds=2.0,
                   finish_reason=reason, stopped_because=because, drafted_tokens=drafted,
                   accepted_tokens=drafted // 2)


def test_a_part_stopped_in_a_loop_makes_the_whole_answer_say_so():
    total = combined_timings([_part("stop"), _part("repetition", "the same entry again: x"), _part("stop")])
    assert total.finish_reason == "repetition"
    assert total.stopped_because == "the same entry again: x"


def test_a_cut_or_cancelled_part_outranks_a_loop():
    assert combined_timings([_part("repetition", "r"), _part("length")]).finish_reason == "length"
    assert combined_timings([_part("length"), _part("cancelled")]).finish_reason == "cancelled"
    assert combined_timings([_part("stop"), _part("stop")]).finish_reason == "stop"


def test_draft_counts_add_up():
    total = combined_timings([_part("stop", drafted=10), _part("stop", drafted=4)])
    assert (total.drafted_tokens, total.accepted_tokens, total.generated_tokens) == (14, 7, 100)
