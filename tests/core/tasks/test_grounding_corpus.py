"""Grounding finds every quote that differs from the report only in case, hyphens and spacing,
measured on the IU corpus (issue 17, item 7)."""

from __future__ import annotations

import random
import re

from app.core.tasks.grounding import SourceIndex
from tests.conftest import report_text


def _compact(text: str) -> str:
    return re.sub(r"\W+$", "", re.sub(r"[\s-]+", "", text.casefold()))  # trailing punctuation aside


def _variant(sentence: str, r: random.Random) -> str:
    """The sentence with only case, hyphens and spacing changed, as a model copies a quote."""
    words = sentence.split()
    out = []
    for word in words:
        choice = r.random()
        if "-" in word and choice < 0.5:
            # "X-ray" -> "Xray" / "X ray"; a hyphen at a digit is a range or a sign ("8-12",
            # "-80"): dropping it changes the number, and such a quote must not be found
            word = re.sub(r"(?<!\d)-(?!\d)", r.choice(["", " "]), word)
        elif word.isalpha() and len(word) >= 5 and choice < 0.15:
            cut = r.randrange(1, len(word) - 1)
            word = word[:cut] + "-" + word[cut:]  # "Xray" -> "X-ray"
        word = r.choice([word, word.lower(), word.upper(), word.title()])
        out.append(word)
    return "".join(w + r.choice([" ", "  ", "\n"]) for w in out).strip()


def test_false_ungrounded_rate_is_zero_on_the_corpus(iu_rows: list[dict[str, str]]) -> None:
    r = random.Random(17)
    tried = missed = 0
    examples: list[str] = []
    for row in iu_rows:
        source = report_text(row)
        index = SourceIndex(source)
        sentences = [s.strip() for s in re.split(r"(?<=\.)\s+", source) if len(s.strip()) > 12]
        for sentence in r.sample(sentences, min(2, len(sentences))):
            sentence = sentence.split(": ", 1)[-1]  # "FINDINGS: ..." -> the quoted words
            if len(re.findall(r"[A-Za-z]{2,}", sentence)) < 2:
                continue  # "1." is no quote
            quote = _variant(sentence, r)
            tried += 1
            span = index.locate(quote)
            if span is None:
                missed += 1
                examples.append(f"{quote!r} in {source!r}")
            else:  # the offsets hold the sentence the quote came from
                assert _compact(source[span.start : span.end]) == _compact(sentence), (quote, sentence)
    print(f"\ngrounding, quotes differing only in case/hyphens/spacing: {missed} of {tried} not found")
    assert tried > 5000 and missed == 0, examples[:5]


def test_a_hyphen_dropped_from_a_number_is_not_found() -> None:
    source = "IMPRESSION: Followup radiographs in 8-12 weeks. Fat of -80 HU in the nodule."
    index = SourceIndex(source)
    assert index.locate("followup radiographs in 8-12 WEEKS") is not None
    assert index.locate("followup radiographs in 8 12 weeks") is None
    assert index.locate("followup radiographs in 812 weeks") is None
    assert index.locate("Fat of 80 HU in the nodule") is None


def test_the_reported_miss() -> None:
    source = "EXAMINATION: Xray Chest PA and Lateral\nFINDINGS: No acute disease."
    span = SourceIndex(source).locate("X-ray chest PA and Lateral")
    assert span is not None and source[span.start : span.end] == "Xray Chest PA and Lateral"
