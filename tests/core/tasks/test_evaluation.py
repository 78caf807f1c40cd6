"""Scoring findings against reference labels, and reading a labelled corpus (no model needed)."""

import csv

import pytest

from app.core.tasks.evaluation import (
    CorpusError,
    Evaluation,
    Scores,
    corpus_report_text,
    predicted_labels,
    read_corpus,
)
from app.core.tasks.findings import check
from app.core.tasks.vocabulary import iu_labels

SOURCE = "FINDINGS: The heart is enlarged. No pleural effusion. Small left basilar atelectasis.\n"


def test_scores_per_label_and_micro():
    scores = Scores()
    scores.add({"cardiomegaly", "atelectasis"}, {"cardiomegaly", "pleural effusion"})
    scores.add({"normal"}, {"normal"})
    assert (scores.labels["cardiomegaly"].tp, scores.labels["atelectasis"].fp) == (1, 1)
    assert scores.labels["pleural effusion"].fn == 1 and scores.labels["normal"].tp == 1
    micro = scores.micro
    assert (micro.tp, micro.fp, micro.fn) == (2, 1, 1)
    assert micro.precision == pytest.approx(2 / 3) and micro.f1 == pytest.approx(2 / 3)
    data = scores.to_dict()
    assert set(data) == {"cardiomegaly", "atelectasis", "pleural effusion", "normal", "micro"}
    assert data["pleural effusion"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 1}


def test_evaluation_counts_grounding_validity_and_the_baseline():
    items = [
        {"evidence": "The heart is enlarged", "label": "cardiomegaly", "certainty": "present"},
        {"evidence": "No pleural effusion", "label": "pleural effusion", "certainty": "absent"},
        {"evidence": "a 2 cm mass in the liver", "label": "mass", "certainty": "present"},  # made up
    ]
    found = check(items, [SOURCE], ["r.txt"])
    assert [f.grounding.grounded for f in found] == [True, True, False]
    # The negation rule turns the effusion to absent, so it is not predicted.
    assert predicted_labels(found) == {"cardiomegaly"}
    evaluation = Evaluation()
    evaluation.add(SOURCE, {"cardiomegaly", "atelectasis"}, found, json_valid=True, seconds=2.0)
    evaluation.add(SOURCE, {"cardiomegaly"}, [], json_valid=False, seconds=4.0)
    assert evaluation.reports == 2 and evaluation.json_validity == 0.5
    assert evaluation.grounded_share == pytest.approx(2 / 3) and evaluation.seconds_per_report == 3.0
    assert evaluation.model_all.labels["cardiomegaly"].tp == 1
    assert evaluation.model_all.labels["normal"].fp == 1  # nothing found: "normal" was predicted
    # The model-free reader finds cardiomegaly and atelectasis, not the negated effusion, both times.
    assert evaluation.baseline.labels["cardiomegaly"].tp == 2
    assert evaluation.baseline.labels["atelectasis"].tp == 1
    assert evaluation.baseline.labels["pleural effusion"].fp == 0
    data = evaluation.to_dict()
    assert data["json_validity"] == 0.5 and data["grounded_findings"] == 2
    assert data["scores"]["micro"] == {"precision": 0.5, "recall": 0.3333, "f1": 0.4, "tp": 1, "fp": 1,
                                      "fn": 2}
    text = evaluation.text("m")
    assert "valid JSON 1/2 (50%)" in text and "grounded 2/3 (67%)" in text and "3.00 s per report" in text


COLUMNS = ("uid", "image", "indication", "comparison", "findings", "impression", "Problems")


def _write(path, rows, fields=COLUMNS):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_read_corpus_takes_rows_with_text_in_order(tmp_path):
    blank = dict.fromkeys(COLUMNS, "") | {"uid": "1", "image": "Chest", "Problems": "normal"}
    rows = [blank] + [dict(blank, uid=str(i), findings=f"Report {i}. 胸腔积液。") for i in range(2, 6)]
    path = _write(tmp_path / "c.csv", rows)
    taken = read_corpus(path, 2, start=1)
    assert [r["uid"] for r in taken] == ["3", "4"]
    assert corpus_report_text(taken[0]) == "EXAMINATION: Chest\nFINDINGS: Report 3. 胸腔积液。\n"


def test_iu_problems_map_to_the_vocabulary():
    assert iu_labels("Cardiomegaly;Pulmonary Atelectasis;Spondylosis") == {"cardiomegaly", "atelectasis"}
    assert iu_labels("Density;Infiltrate") == {"opacity"}


def test_corpus_errors_name_the_file_and_the_problem(tmp_path):
    with pytest.raises(CorpusError, match=r"nope\.csv: cannot be read"):
        read_corpus(tmp_path / "nope.csv", 1)
    wrong = _write(tmp_path / "wrong.csv", [], fields=("uid", "text"))
    with pytest.raises(CorpusError, match=r"wrong\.csv: is not a report corpus: .*findings.*Problems"):
        read_corpus(wrong, 1)
    (tmp_path / "bin.csv").write_bytes(b"\xff\xfe\x00bad\x80\x81")
    with pytest.raises(CorpusError, match=r"bin\.csv: "):
        read_corpus(tmp_path / "bin.csv", 1)
    empty = _write(tmp_path / "empty.csv", [])
    with pytest.raises(CorpusError, match=r"empty\.csv: holds no report"):
        read_corpus(empty, 1)
