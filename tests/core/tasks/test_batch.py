"""Resumable batch runs: finished work is never redone, a torn line is cut, errors are per file."""

import csv
import json
import threading

import pytest

from app.core.tasks.batch import export_csv, list_inputs, read_records, run_batch


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "reports"
    (root / "sub").mkdir(parents=True)
    for index in range(5):
        (root / f"r{index}.txt").write_text(f"report {index}: no pleural effusion", encoding="utf-8")
    (root / "sub" / "r5.txt").write_text("报告：未见胸腔积液", encoding="utf-8")
    (root / ".hidden.txt").write_text("skip me", encoding="utf-8")
    return root


def word_count(calls):
    def process(path):
        calls.append(path.name)
        text = path.read_text(encoding="utf-8")
        if "bad" in text:
            raise ValueError(f"{path.name}: cannot be read (bad content)")
        return {"text": text, "words": len(text.split())}

    return process


def test_lists_files_recursively_without_hidden_ones_or_the_output(folder):
    out = folder / "out.jsonl"
    out.write_text("", encoding="utf-8")
    names = [p.relative_to(folder).as_posix() for p in list_inputs(folder, exclude=[out])]
    assert names == ["r0.txt", "r1.txt", "r2.txt", "r3.txt", "r4.txt", "sub/r5.txt"]
    with pytest.raises(NotADirectoryError):
        list_inputs(folder / "r0.txt")


def test_a_second_run_redoes_nothing(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    calls = []
    files = list_inputs(folder)
    first = run_batch(files, word_count(calls), out, task_key="t@1", root=folder)
    assert first.processed == 6 and first.skipped == 0 and len(calls) == 6
    second = run_batch(files, word_count(calls), out, task_key="t@1", root=folder)
    assert second.processed == 0 and second.skipped == 6 and len(calls) == 6
    records = read_records(out)
    assert [r["file"] for r in records] == ["r0.txt", "r1.txt", "r2.txt", "r3.txt", "r4.txt", "sub/r5.txt"]
    assert records[5]["result"]["text"] == "报告：未见胸腔积液"


def test_a_new_prompt_version_or_an_edited_file_is_done_again(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    calls = []
    files = list_inputs(folder)
    run_batch(files, word_count(calls), out, task_key="t@1")
    (folder / "r2.txt").write_text("report 2 edited", encoding="utf-8")
    again = run_batch(files, word_count(calls), out, task_key="t@1")
    assert again.processed == 1 and calls[-1] == "r2.txt"
    other = run_batch(files, word_count(calls), out, task_key="t@2")
    assert other.processed == 6


def test_interrupted_run_resumes_after_the_last_finished_file(folder, tmp_path):
    out = tmp_path / "out.jsonl"
    files = list_inputs(folder)
    calls = []

    def killed_on_the_fourth(path):
        if len(calls) == 3:
            raise KeyboardInterrupt  # what Ctrl-C or a kill does mid-document
        calls.append(path.name)
        return {"ok": True}

    with pytest.raises(KeyboardInterrupt):
        run_batch(files, killed_on_the_fourth, out, task_key="t@1")
    assert len(read_records(out)) == 3
    # A kill while writing leaves a torn last line; the next run cuts it off.
    with out.open("a", encoding="utf-8") as handle:
        handle.write('{"key": "torn", "fi')
    resumed_calls = []
    summary = run_batch(files, word_count(resumed_calls), out, task_key="t@1")
    assert summary.skipped == 3 and summary.processed == 3
    assert resumed_calls == ["r3.txt", "r4.txt", "r5.txt"]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6 and all(json.loads(line)["status"] == "ok" for line in lines)


def test_one_bad_file_is_an_error_line_and_the_run_goes_on(folder, tmp_path):
    (folder / "r1.txt").write_text("bad", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    calls = []
    summary = run_batch(list_inputs(folder), word_count(calls), out, task_key="t@1", root=folder)
    assert summary.processed == 6 and summary.failed == 1
    assert summary.errors == [("r1.txt", "r1.txt: cannot be read (bad content)")]
    statuses = {r["file"]: r["status"] for r in read_records(out)}
    assert statuses["r1.txt"] == "error" and statuses["r2.txt"] == "ok"
    # Errors are not retried unless asked; when asked, only they are.
    assert run_batch(list_inputs(folder), word_count(calls), out, task_key="t@1").processed == 0
    (folder / "r1.txt").write_text("bad", encoding="utf-8")
    retried = run_batch(list_inputs(folder), word_count(calls), out, task_key="t@1", retry_errors=True)
    assert retried.processed == 1 and calls[-1] == "r1.txt"


def test_progress_counts_and_eta(folder, tmp_path):
    seen = []
    run_batch(list_inputs(folder), word_count([]), tmp_path / "o.jsonl", task_key="t",
              progress=lambda p: seen.append((p.done, p.total, p.eta_seconds, p.line())))  # fmt: skip
    assert [s[0] for s in seen] == [0, 1, 2, 3, 4, 5, 6]
    assert all(s[1] == 6 for s in seen)
    assert seen[0][2] is None and seen[-1][2] == 0
    assert "[3/6]" in seen[3][3] and "ETA" in seen[3][3]


def test_cancel_stops_without_writing_the_cut_item(folder, tmp_path):
    out = tmp_path / "o.jsonl"
    cancel = threading.Event()

    def cancel_during_second(path):
        if path.name == "r1.txt":
            cancel.set()
        return {"ok": True}

    summary = run_batch(list_inputs(folder), cancel_during_second, out, task_key="t", cancel=cancel)
    assert summary.cancelled and summary.processed == 1
    assert [r["file"].endswith("r0.txt") for r in read_records(out)] == [True]


def test_export_csv(folder, tmp_path):
    out = tmp_path / "o.jsonl"

    def result(path):
        return {"task": "findings", "prompt": "findings@2", "text": "x", "grounded_share": 0.5,
                "findings": [{"label": "pleural effusion", "certainty": "absent",
                              "grounding": {"grounded": False}}]}  # fmt: skip

    run_batch(list_inputs(folder), result, out, task_key="t", root=folder)
    rows = export_csv(out, tmp_path / "o.csv")
    assert rows == 6
    with (tmp_path / "o.csv").open(encoding="utf-8-sig") as handle:
        table = list(csv.DictReader(handle))
    assert table[0]["findings"] == "pleural effusion (absent, UNGROUNDED)"
    assert table[0]["grounded_share"] == "0.50" and table[5]["file"] == "sub/r5.txt"
