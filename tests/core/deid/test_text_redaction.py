# ruff: noqa: E501  (identifier templates read best one per line)
"""Free-text PHI redaction, English and Chinese, measured on IU reports with planted identifiers."""

from __future__ import annotations

import random
from collections import defaultdict

from app.core.deid.text import redact
from tests.conftest import report_text

GIVEN = ["James", "Mary", "Robert", "Linda", "Michael", "Susan", "David", "Karen", "Thomas", "Nancy", "Kevin",
         "Laura", "Brian", "Emily", "Jason", "Helen", "Eric", "Rachel", "Wei", "Priya", "Carlos", "Olga"]
SURNAMES = ["Smith", "Garcia", "Nguyen", "O'Brien", "McDonald", "Kowalski", "Okafor", "Yamamoto", "Schneider",
            "Rossi", "Patel", "Johnson", "Anderson", "Fitzgerald", "Larsen", "Dubois", "Moreno", "Novak"]
CN_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
CN_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"
STREETS = ["Main", "Oak", "Maple", "Cedar", "Washington", "Lake View", "Elm"]
SUFFIXES = ["Street", "St.", "Avenue", "Ave", "Road", "Drive", "Lane", "Boulevard"]
CITIES = ["北京市朝阳区", "上海市浦东新区", "广州市天河区", "杭州市西湖区"]
ROADS = ["建国路", "中山路", "人民大道", "解放街", "南京东路"]
MONTHS = ["January", "Feb", "March", "Apr.", "June", "September", "Oct", "December"]


def _name(r: random.Random) -> str:
    return f"{r.choice(GIVEN)} {r.choice(SURNAMES)}"


def _cn_name(r: random.Random) -> str:
    return r.choice(CN_SURNAMES) + "".join(r.choice(CN_GIVEN) for _ in range(r.choice((1, 2))))


def _date(r: random.Random) -> str:
    y, m, d = r.randint(1990, 2024), r.randint(1, 12), r.randint(1, 28)
    return r.choice([f"{m}/{d}/{y}", f"{m:02d}/{d:02d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{r.choice(MONTHS)} {d}, {y}",
                     f"{d} {r.choice(MONTHS)} {y}", f"{y}年{m}月{d}日", f"{y}.{m:02d}.{d:02d}"])


def _cn_id(r: random.Random) -> str:
    return f"{r.randint(110000, 659999)}{r.randint(1930, 2010)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}" \
           f"{r.randint(0, 999):03d}{r.choice('0123456789X')}"


# (type, template); {v} is the identifier, which is what must be removed.
TEMPLATES: dict[str, list[tuple[str, object]]] = {
    "NAME": [("Findings discussed with Dr. {v} at 10:40.", _name), ("Dictated by: {v}, MD", _name),
             ("Results were called to {v} by the radiologist.", _name), ("Signed by {v}", _name),
             ("Referring physician: {v}.", _name), ("Mr. {v} tolerated the exam.", _name),
             ("Patient: {v}", lambda r: f"{r.choice(SURNAMES).upper()}, {r.choice(GIVEN).upper()}"),
             ("Compared with the study reviewed by {v}, M.D.", _name), ("患者{v}，男，", _cn_name),
             ("报告医师：{v}", _cn_name), ("{v}医生已电话通知。", _cn_name), ("Prior read by Dr. {v}.", lambda r: r.choice(SURNAMES))],
    "DATE": [("Comparison {v}.", _date), ("Prior exam dated {v} showed the same.", _date), ("检查日期：{v}", _date)],
    "ID": [("MRN: {v}", lambda r: f"{r.randint(1000000, 99999999)}"), ("Accession # {v}", lambda r: f"A{r.randint(10**7, 10**8)}"),
           ("Medical record number {v}.", lambda r: f"MR{r.randint(100000, 9999999)}"), ("住院号：{v}", lambda r: f"ZY{r.randint(10**6, 10**8)}"),
           ("身份证号 {v}", _cn_id)],
    "PHONE": [("Call (555) {v} with questions.", lambda r: f"{r.randint(200, 999)}-{r.randint(1000, 9999)}"),
              ("Pager {v}.", lambda r: f"{r.randint(200, 999)}-{r.randint(200, 999)}-{r.randint(1000, 9999)}"),
              ("联系电话：{v}", lambda r: f"1{r.choice('3456789')}{r.randint(100000000, 999999999)}"),
              ("手机 {v}", lambda r: f"1{r.choice('3589')}{r.randint(0, 9)}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}")],
    "EMAIL": [("Send images to {v}.", lambda r: f"{r.choice(GIVEN).lower()}.{r.choice(SURNAMES).lower().replace(chr(39), '')}@hospital.org")],
    "ADDRESS": [("Lives at {v}.", lambda r: f"{r.randint(1, 9999)} {r.choice(STREETS)} {r.choice(SUFFIXES)}"),
                ("住址：{v}。", lambda r: f"{r.choice(CITIES)}{r.choice(ROADS)}{r.randint(1, 300)}号")],
    "AGE": [("A {v} man with cough.", lambda r: f"{r.randint(90, 104)}-year-old"), ("Patient aged {v}.", lambda r: str(r.randint(90, 104))),
            ("{v}, female.", lambda r: f"{r.randint(90, 104)}岁"), ("{v} female with dyspnea.", lambda r: f"{r.randint(90, 104)} yo")],
}  # fmt: skip
STRUCTURED = ("DATE", "ID", "PHONE", "EMAIL", "ADDRESS", "AGE")


def test_canaries_and_eponyms() -> None:
    text = ("Parkinson disease, Hodgkin lymphoma, Down syndrome and Graves disease. Kerley B lines. "
            "Discussed with Dr. Sarah Connor on 04/05/2021; MRN 88812345; phone 617-555-0199.")
    result = redact(text)
    for kept in ("Parkinson", "Hodgkin", "Down syndrome", "Graves", "Kerley B"):
        assert kept in result.text
    for gone in ("Sarah", "Connor", "04/05/2021", "88812345", "617-555-0199"):
        assert gone not in result.text
    assert "[NAME]" in result.text and "[DATE]" in result.text


def test_dates_shift_keeping_intervals() -> None:
    result = redact("CT 2024-03-10, follow-up 2024-03-20.", date_shift_days=100)
    assert result.text == "CT 2023-12-01, follow-up 2023-12-11."


def test_planted_identifiers_recall_and_precision(iu_rows: list[dict[str, str]]) -> None:
    r = random.Random(20240601)
    rows = [row for row in iu_rows if row["findings"].strip()]
    planted: dict[str, int] = defaultdict(int)
    found: dict[str, int] = defaultdict(int)
    spans_total = spans_true = 0
    eponym_hits = 0
    for kind, templates in TEMPLATES.items():
        for index in range(520):
            template, make = templates[index % len(templates)]
            value = make(r)  # type: ignore[operator]
            sentence = template.format(v=value)
            row = rows[r.randrange(len(rows))]
            full = report_text(row)  # the whole report: examination line, indication, findings...
            cut = full.index("FINDINGS: ") + len("FINDINGS: ")
            text = f"{full[:cut]}{sentence} {full[cut:]}"
            start = text.index(sentence) + template.index("{v}")
            end = start + len(value)
            result = redact(text)
            planted[kind] += 1
            if any(s.start <= start and s.end >= end for s in result.spans):
                found[kind] += 1
            for span in result.spans:
                spans_total += 1
                if span.start < end and span.end > start:
                    spans_true += 1
    for word in ("Parkinson", "Hodgkin", "Down syndrome", "Graves disease", "Crohn disease", "Kerley B lines"):
        if word not in redact(f"History of {word}. No acute findings.").text:
            eponym_hits += 1
    recall = {k: found[k] / planted[k] for k in planted}
    precision = spans_true / spans_total
    print("\nPHI redaction on IU reports with planted identifiers:")
    for kind in planted:
        print(f"  {kind:<8} planted {planted[kind]:4d}  recall {recall[kind]:.3f}")
    print(f"  precision {precision:.3f} ({spans_true} of {spans_total} redactions hit a planted identifier; "
          "the rest are the corpus's own dates)")
    assert eponym_hits == 0
    for kind in STRUCTURED:
        assert recall[kind] >= 0.99, (kind, recall[kind])
    assert recall["NAME"] >= 0.95
    assert precision >= 0.9
