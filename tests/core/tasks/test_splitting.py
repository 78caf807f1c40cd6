"""Cutting long documents into parts that fit, keeping offsets into the original (no model)."""

from pathlib import Path

import pytest

from app.core.documents.text import text_document
from app.core.tasks import findings as findings_mod
from app.core.tasks.splitting import SplitError, halve, split

SENTENCES = [f"Sentence {i} describes the {'left' if i % 2 else 'right'} lung base in some detail."
             for i in range(40)]  # fmt: skip
IMPRESSION = "There is a 7 mm solid nodule in the right upper lobe. No pleural effusion."
FINDINGS = " ".join(SENTENCES)
LONG = f"EXAMINATION: CT chest\nINDICATION: cough\nFINDINGS: {FINDINGS}\nIMPRESSION: {IMPRESSION}\n"


def fits_chars(limit):
    return lambda documents: sum(len(d.text()) for d in documents) <= limit


def covered(parts):
    """(document index in the original list, start, end) of each piece, in order."""
    return [(d.name, s.start, s.end) for part in parts for d in part for s in d.sections]


def test_parts_fit_and_hold_every_character_in_order():
    document = text_document(LONG, Path("ct.txt"), "text")
    fits = fits_chars(600)
    assert not fits([document])
    parts = split([document], fits)
    assert len(parts) >= 3 and all(fits(part) for part in parts)
    pieces = [s for part in parts for d in part for s in d.sections]
    for piece in pieces:  # a piece's offsets point into the original source text
        assert document.source_text[piece.start:piece.end] == piece.text
    # Every section is there whole, cut only where pieces meet: nothing dropped, nothing repeated.
    for section in document.sections:
        inside = [p for p in pieces if section.start <= p.start < section.end]
        assert "".join(p.text for p in inside) == section.text
        assert inside[0].start == section.start and inside[-1].end == section.end
    # Long sections are cut after a sentence, not in a word.
    findings = [p for p in pieces if p.title == "Findings"]
    assert len(findings) >= 2 and all(p.text.rstrip().endswith(".") for p in findings[:-1])


def test_documents_that_fit_stay_whole_and_small_sections_are_packed_together():
    document = text_document(LONG, Path("ct.txt"), "text")
    whole = split([document], fits_chars(10_000))
    assert len(whole) == 1 and len(whole[0]) == 1 and whole[0][0].text() == document.text()
    other = text_document("FINDINGS: Normal heart size.\n", Path("b.txt"), "text")
    parts = split([document, other], fits_chars(900))
    assert [d.name for d in parts[-1]][-1] == "b.txt"  # the second document comes last, in order
    assert sum(len(part) for part in parts) >= 2


def test_chinese_is_cut_after_a_full_stop():
    body = "".join(f"第{i}段描述右肺下叶的表现，未见胸腔积液。" for i in range(30))
    text = f"检查：胸部CT\n所见：{body}\n"
    document = text_document(text, Path("zh.txt"), "text")
    parts = split([document], fits_chars(200))
    pieces = [s for part in parts for d in part for s in d.sections]
    assert len(parts) >= 3
    assert all(p.text.rstrip().endswith("。") for p in pieces[:-1] if p.title == pieces[-1].title)
    assert all(document.source_text[p.start:p.end] == p.text for p in pieces)


def test_halve_refuses_a_tiny_section_and_split_says_why():
    document = text_document("FINDINGS: a short report body.\n", Path("x.txt"), "text")
    assert halve(document.sections[0]) is None
    with pytest.raises(SplitError, match=r"x\.txt: even a few characters of it do not fit"):
        split([document], lambda documents: False)


def test_findings_from_parts_are_grounded_against_the_original_text():
    document = text_document(LONG, Path("ct.txt"), "text")
    parts = split([document], fits_chars(600))
    last, first = parts[-1][0].text(), parts[0][0].text()
    quote = "7 mm solid nodule in the right upper lobe"
    assert quote in last and quote not in first
    nodule = '{"evidence": "' + quote + '", "label": "nodule", "size_mm": 7, "certainty": "present"}'
    answers = [
        '{"findings": [{"evidence": "Sentence 1 describes the left lung base", "label": "left lung base", '
        '"certainty": "present"}]}',
        '{"findings": [' + nodule + ",",  # cut short by the token limit
        '{"findings": [' + nodule + ","
        ' {"evidence": "No pleural effusion", "label": "pleural effusion", "certainty": "present"}]}',
    ]
    merged = findings_mod.merge(answers)
    assert not merged.complete
    assert any(w.startswith("part 2: the findings JSON was cut short") for w in merged.warnings)
    assert [i["label"] for i in merged.items] == ["left lung base", "nodule", "pleural effusion"]
    original = document.text()
    checked = findings_mod.check(merged.items, [original], ["ct.txt"])
    nodule = checked[1].grounding
    assert nodule.grounded and original[nodule.start:nodule.end] == quote
    assert nodule.start == original.index(quote) and nodule.start > len(first)  # not an offset into the part
    # the rules read the original sentence and flag the draft's "present"; they never overwrite it
    assert checked[2].rule_certainty == "absent" and checked[2].certainty_conflict
    assert checked[2].certainty == "present"
    assert findings_mod.merge(["not json"]).warnings[0].startswith("part 1: no structured findings")


def _greedy(documents, fits):
    """The packing by one check per piece that split() replaced: the parts must be the same."""
    from app.core.tasks.splitting import _documents, pieces

    parts, current = [], []
    for piece in pieces(documents, fits):
        if not current or fits(_documents(documents, [*current, piece])):
            current.append(piece)
        else:
            parts.append(_documents(documents, current))
            current = [piece]
    return [*parts, _documents(documents, current)] if current else parts


@pytest.mark.parametrize("limit", [150, 333, 600, 1000, 5000])
def test_bisecting_packs_the_same_parts_as_one_check_per_piece_with_fewer_checks(limit):
    many = [text_document("\n".join(f"Findings: {s}" for s in SENTENCES[k:] + SENTENCES[:k]),
                          Path(f"r{k}.txt"), "text") for k in range(3)]  # fmt: skip
    assert all(len(d.sections) == 40 for d in many)
    calls = {"split": 0, "greedy": 0}

    def counting(name):
        inner = fits_chars(limit)

        def fits(documents):
            calls[name] += sum(len(d.sections) for d in documents) > 1  # whole-part checks only
            return inner(documents)
        return fits

    ours, reference = split(many, counting("split")), _greedy(many, counting("greedy"))
    assert covered(ours) == covered(reference)
    assert [[d.name for d in part] for part in ours] == [[d.name for d in part] for part in reference]
    assert calls["split"] <= calls["greedy"] + 2 * len(ours)


def test_bisecting_needs_a_few_checks_per_part_not_one_per_piece():
    text = "\n".join(f"{'Findings' if i % 2 else 'Impression'}: {SENTENCES[i % 40]}" for i in range(400))
    document = text_document(text, Path("long.txt"), "text")
    assert len(document.sections) == 400
    checks = []
    inner = fits_chars(4000)

    def fits(documents):
        checks.append(sum(len(d.sections) for d in documents))
        return inner(documents)

    parts = split([document], fits)
    whole_part_checks = sum(1 for n in checks if n > 1)
    assert covered(parts) == covered(_greedy([document], fits_chars(4000)))
    assert len(parts) >= 5 and whole_part_checks <= 16 * len(parts) < 400
