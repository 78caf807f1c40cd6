"""Relatives, short dates, staff initials, hospitals named without "Hospital" and hyphenated
surnames (inputs written for these tests, English and Chinese). Each row: the text, the
identifiers that must go whole, the clinical words that must stay."""

from __future__ import annotations

import pytest

from app.core.deid.text import redact

CASES = [
    # A Chinese relative after the patient's name: 之夫/之母... then the relative's name.
    ("病人赵敏之妻孙丽电话告知。", ["赵敏", "孙丽"], ["电话告知"]),
    ("患儿周洋之父周建华代诉咳嗽三天。", ["周洋", "周建华"], ["咳嗽三天"]),
    ("患者钱进之女钱小红陪同检查。", ["钱进", "钱小红"], ["陪同检查"]),
    ("患者林峰的妻子何静代签同意书。", ["林峰", "何静"], ["同意书"]),
    ("由其丈夫马超陪同复查。", ["马超"], ["陪同复查"]),
    # A day and month alone after "on" / "dated"; a month with an apostrophe year.
    ("Previous film on 11/07 was similar.", ["11/07"], ["Previous film", "similar"]),
    ("Attended the ED, and was imaged on 3/9 as well.", ["3/9"], ["imaged"]),
    ("Chest radiograph dated 28/02 for comparison.", ["28/02"], ["Chest radiograph"]),
    ("Stable since the Jun '22 examination.", ["Jun '22"], ["Stable", "examination"]),
    ("MRI from Sept 14 '21 shows the same.", ["Sept 14 '21"], ["MRI"]),
    # A staff role, an initial and a surname, with or without a colon.
    ("Radiographer M. Kowalski positioned the patient.", ["M. Kowalski"], ["positioned"]),
    ("Scanned by sonographer T. J. Obi.", ["T. J. Obi"], ["Scanned"]),
    # A relative by a given name alone.
    ("Her husband Michael brought her in after the fall.", ["Michael"], ["fall"]),
    ("daughter Jessica reports confusion", ["Jessica"], ["confusion"]),
    ("Collateral from his son-in-law Brian.", ["Brian"], ["Collateral"]),
    # Hospitals named without the kind of place; a saint with the possessive.
    ("Compared with the CT from Lakeside Regional last year.", ["Lakeside Regional"], ["Compared", "CT"]),
    ("Prior MRI at Cedar Valley Medical.", ["Cedar Valley Medical"], ["Prior MRI"]),
    ("COMPARISON: Saint Brendan's, 2019.", ["Saint Brendan's"], ["COMPARISON"]),
    # A hyphenated surname with an apostrophe part goes whole.
    ("Patient A. Kelly-O'Brien was reviewed.", ["A. Kelly-O'Brien"], ["reviewed"]),
    ("Seen by Dr. O'Hara-Flynn today.", ["O'Hara-Flynn"], ["today"]),
    # A title makes a clinical word a surname.
    ("Discussed with Dr. Heart on the ward.", ["Heart"], ["ward"]),
]


@pytest.mark.parametrize(("text", "identifiers", "kept"), CASES)
def test_identifier_goes_whole_and_clinical_words_stay(
    text: str, identifiers: list[str], kept: list[str]
) -> None:
    result = redact(text)
    for identifier in identifiers:
        at = text.index(identifier)
        whole = any(s.start <= at and at + len(identifier) <= s.end for s in result.spans)
        assert whole, (identifier, result.text)
    for word in kept:
        assert word in result.text, (word, result.text)


@pytest.mark.parametrize("text", [
    "Sister Mary Joseph nodule at the umbilicus.",
    "Nodules seen on 2/3 of the slices.",
    "Grade 2/4 systolic murmur.",
    "Lung fields clear. Heart size normal.",
    "患者的家属表示理解。",
    "Findings from Outside Hospital reviewed.",
    "No change from the prior examination on the left.",
])
def test_clinical_phrasing_is_not_redacted(text: str) -> None:
    assert redact(text).text == text
