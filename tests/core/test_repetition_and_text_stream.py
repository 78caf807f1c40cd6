"""The repetition guard and the streaming text assembler, on their own."""

from __future__ import annotations

import json

import pytest

from app.core.llm.repetition import RepetitionGuard
from app.core.llm.text_stream import TextStream
from app.core.tasks.schemas import CERTAINTY
from tests.conftest import iu_reports, report_text

FINDING = {"evidence": "small left pleural effusion", "label": "pleural effusion", "body_site": "pleura",
           "laterality": "left", "size_mm": None, "severity": "mild", "certainty": "present"}  # fmt: skip


def _feed(guard: RepetitionGuard, text: str, step: int = 3) -> str | None:
    for start in range(0, len(text), step):
        if guard.feed(text[start:start + step]):
            return guard.reason
    return guard.reason


def test_the_same_finding_again_is_caught_when_it_closes():
    one = json.dumps(FINDING)
    text = '{"findings": [' + one + ", " + json.dumps({**FINDING, "certainty": "absent"}) + ", "
    guard = RepetitionGuard(structured=True)
    assert _feed(guard, text) is None  # a different certainty is another finding
    assert _feed(guard, one[:-1]) is None  # the copy is not finished yet
    assert guard.feed("}") is not None
    assert "pleural effusion" in (guard.reason or "")


def test_blank_space_forever_is_caught():
    guard = RepetitionGuard(structured=True)
    assert _feed(guard, '{"findings": [' + " \n" * 20) is None
    assert _feed(guard, " \n" * 40) is not None


def test_quotes_braces_and_escapes_inside_strings_do_not_confuse_the_scanner():
    tricky = {**FINDING, "evidence": 'the "{effusion}" \\ and } more'}
    text = '{"findings": [' + json.dumps(tricky) + ", " + json.dumps(FINDING) + "]}"
    assert _feed(RepetitionGuard(structured=True), text) is None


def test_valid_findings_answers_built_from_the_corpus_are_never_cut():
    # Every report's coded findings as a findings answer (one object per finding and
    # certainty): real answers, none with a repeated entry, must pass untouched.
    checked = 0
    for row in iu_reports():
        labels = dict.fromkeys(label.strip() for label in row["Problems"].split(";") if label.strip())
        items = [{**FINDING, "evidence": report_text(row)[:60], "label": label,
                  "certainty": CERTAINTY[i % len(CERTAINTY)]} for i, label in enumerate(labels)]
        text = json.dumps({"findings": items}, ensure_ascii=False)
        assert _feed(RepetitionGuard(structured=True), text, step=7) is None, text
        checked += 1
    assert checked == 3080


def test_prose_is_stopped_at_the_third_copy_of_a_sentence_not_the_second():
    sentence = "The heart size is within normal limits for this patient. "
    guard = RepetitionGuard(structured=False)
    assert _feed(guard, sentence + "No effusion is seen on either side. " + sentence) is None
    assert _feed(guard, sentence) is not None


def test_no_real_report_read_as_prose_trips_the_guard():
    tripped = [row for row in iu_reports() if _feed(RepetitionGuard(structured=False), report_text(row), 11)]
    assert tripped == []


def test_chinese_sentences_count_too():
    sentence = "双肺纹理清晰，未见明显实质性病变，心影大小形态正常。"
    guard = RepetitionGuard(structured=False)
    assert _feed(guard, sentence * 2) is None
    assert _feed(guard, sentence) is not None


def test_text_stream_keeps_utf8_characters_whole():
    stream = TextStream()
    data = "胸腔积液".encode()
    shown = "".join(stream.push(data[i:i + 1]) for i in range(len(data)))
    assert shown + stream.finish() == "胸腔积液"
    assert "\ufffd" not in shown


def test_text_stream_never_shows_a_stop_string_even_across_tokens():
    stream = TextStream(stops=["</answer>"])
    shown = "".join(stream.push(piece) for piece in (b"Effusion. </an", b"swer> extra"))
    assert shown == "Effusion. "
    assert stream.stopped
    assert stream.push(b"more") == ""


def test_text_stream_releases_a_held_prefix_that_was_not_a_stop():
    stream = TextStream(stops=["STOP"])
    assert stream.push(b"ST") == ""
    assert stream.push(b"ABLE") == "STABLE"
    assert stream.finish() == ""


@pytest.mark.parametrize("unit", ["<code>\n", "no ", "-", "无。", "right lower lobe, "])
def test_a_short_stretch_over_and_over_is_caught_once_it_fills_200_characters(unit):
    guard = RepetitionGuard(structured=False)
    start = "IMPRESSION: small left effusion.\n"
    loop = unit * (200 // len(unit) + 2)
    assert _feed(guard, start + loop[:150]) is None  # 150 characters of it: not yet
    reason = _feed(guard, loop[150:])
    assert reason is not None and unit.strip()[:10] in reason


def test_a_markdown_table_and_a_numbered_list_are_not_a_loop():
    guard = RepetitionGuard(structured=False)
    table = "| finding | side |\n|---|---|\n" + "".join(f"| nodule {i} | left |\n" for i in range(12))
    listing = "".join(f"{i}. No change.\n" for i in range(1, 20))
    assert _feed(guard, table + listing + "-" * 40) is None
