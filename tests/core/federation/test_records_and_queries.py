"""A site's records and the study queries over them: real corpus counts, bounded contributions."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from app.core.federation.queries import (
    BoundedMean,
    CrossTab,
    FindingCounts,
    FleischnerCategories,
    QueryError,
    cells,
    query_from_dict,
    query_to_dict,
)
from app.core.federation.records import (
    CERTAINTIES,
    STUDY_LABELS,
    RecordsError,
    SiteRecord,
    age_band,
    read_batch_jsonl,
    read_coded_csv,
    read_records,
)
from app.core.tasks.vocabulary import iu_labels
from tests.conftest import iu_reports


def test_the_corpus_imports_with_its_coded_findings(corpus_records):
    rows = iu_reports()
    assert len(corpus_records) == len(rows) == 3080
    expected = sum("cardiomegaly" in iu_labels(r["Problems"]) for r in rows)
    counted = FindingCounts(("cardiomegaly",)).evaluate(corpus_records)[0]
    assert counted[0] == 3080 and counted[1] == expected > 100  # reports, cardiomegaly|present
    assert counted[2] == counted[3] == 0  # coded labels are presence only
    assert {r.modality for r in corpus_records} <= {"XR", None}
    assert sum(r.modality == "XR" for r in corpus_records) > 2500
    # Nothing but labels and coarse attributes is kept: no text of the report.
    assert all(set(vars(r)) == {"unit", "findings", "age_band", "sex", "modality", "fleischner"}
               for r in corpus_records[:50])  # fmt: skip


def test_bad_findings_files_name_the_file_and_line(tmp_path: Path):
    no_column = tmp_path / "site.csv"
    no_column.write_text("uid,findings\n1,clear\n", encoding="utf-8")
    with pytest.raises(RecordsError, match=r"site\.csv: no 'Problems' column"):
        read_coded_csv(no_column)
    binary = tmp_path / "bad.csv"
    binary.write_bytes(b"uid,Problems\n1,\xff\xfe\n")
    with pytest.raises(RecordsError, match=r"bad\.csv: not UTF-8"):
        read_coded_csv(binary)
    broken = tmp_path / "batch.jsonl"
    broken.write_text('{"key": "a", "findings": []}\n{"key": \n', encoding="utf-8")
    with pytest.raises(RecordsError, match=r"batch\.jsonl, line 2: not JSON"):
        read_batch_jsonl(broken)
    with pytest.raises(RecordsError, match=r"notes\.txt: findings are imported from"):
        read_records(tmp_path / "notes.txt")


def test_batch_output_becomes_records_on_the_study_vocabulary(tmp_path: Path):
    out = tmp_path / "batch.jsonl"
    lines = [
        {
            "key": "r1",
            "file": "a.txt",
            "result": {
                "findings": [
                    {"label": "Pleural effusion", "certainty": "absent", "evidence": "No effusion."},
                    {"label": "enlarged heart", "certainty": "present", "evidence": "The heart is enlarged."},
                    {"label": "pleural effusion", "certainty": "possible", "evidence": "possible effusion"},
                ]
            },
        },
        {"key": "r2", "file": "b.txt", "error": "could not read"},
        {"key": "r3", "findings": [{"label": "something new", "certainty": "present"}]},
    ]
    out.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    records = read_batch_jsonl(out)
    assert [r.unit for r in records] == ["r1", "r3"]
    assert dict(records[0].findings) == {"pleural effusion": "possible", "cardiomegaly": "present"}
    assert dict(records[1].findings) == {}


def _random_record(rng: random.Random, unit: str) -> SiteRecord:
    labels = rng.sample(STUDY_LABELS, rng.randint(0, 5))
    return SiteRecord(unit, {label: rng.choice(CERTAINTIES) for label in labels},
                      age_band=rng.choice([None, age_band(rng.randint(0, 99))]),
                      sex=rng.choice([None, "F", "M"]), modality=rng.choice([None, "XR", "CT"]),
                      fleischner=rng.choice([None, "no routine follow-up", "CT at 3-6 months"]))  # fmt: skip


QUERIES = [FindingCounts(), FindingCounts(("nodule", "pneumothorax")), CrossTab("nodule", "age_band"),
           CrossTab("cardiomegaly", "sex"), FleischnerCategories(), BoundedMean(upper=4)]  # fmt: skip


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.kind)
def test_one_unit_changes_each_part_by_at_most_its_stated_sensitivity(query):
    """The noise is calibrated to these bounds: adding any one unit (with several reports of
    its own) to any site must move each part's vector by at most the part's sensitivity."""
    rng = random.Random(7)
    for trial in range(200):
        base = [_random_record(rng, f"u{i}") for i in range(rng.randint(0, 30))]
        newcomer = [_random_record(rng, "new") for _ in range(rng.randint(1, 3))]
        before = query.evaluate(base)
        after = query.evaluate(base + newcomer)
        for part, a, b in zip(query.parts(), before, after, strict=True):
            assert len(a) == len(part.cells)
            assert sum(abs(x - y) for x, y in zip(a, b, strict=True)) <= part.sensitivity, trial


def test_queries_round_trip_and_malformed_ones_are_refused():
    for query in QUERIES:
        again = query_from_dict(json.loads(json.dumps(query_to_dict(query))))
        assert again == query and cells(again) == cells(query)
    with pytest.raises(QueryError, match="unknown finding label"):
        FindingCounts(("heart attack",))
    with pytest.raises(QueryError, match="by age_band, sex, modality"):
        CrossTab("nodule", "postcode")
    with pytest.raises(QueryError, match="kind is one of"):
        query_from_dict({"kind": "raw_rows"})
    with pytest.raises(QueryError, match="unexpected field"):
        query_from_dict({"kind": "cross_tab", "label": "nodule", "by": "sex", "patient_names": True})
    with pytest.raises(QueryError, match="bounds"):
        BoundedMean(lower=5, upper=2)
