"""Clinical tasks from the command line: structured findings, the Fleischner panel, ask, batch."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

CT_REPORT = ("EXAMINATION: CT chest without contrast\nINDICATION: 64-year-old smoker with cough.\n"
             "FINDINGS: There is a 9 x 7 mm solid nodule in the left upper lobe. No pleural effusion.\n"
             "IMPRESSION: Solid left upper lobe nodule.\n")  # fmt: skip


def _plain(text):
    """NFKC, case-folded, whitespace collapsed: how a quote is compared with the report here."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFKC", text).casefold().split()).strip(" .")


def _parses_as_findings(text):
    try:
        data = json.loads(text, strict=False)
    except ValueError:
        return False
    return isinstance(data, dict) and isinstance(data.get("findings"), list)


def enclave(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          env=dict(os.environ), timeout=timeout)  # fmt: skip


def test_findings_json_with_the_demo_model(report_file):
    result = enclave("analyze", str(report_file), "--task", "findings", "--json", "--max-tokens", "120")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["prompt"] == "findings@2" and data["demo_model"] is True
    assert data["label"].startswith("AI-generated draft")
    # json_valid says whether the answer parses as the schema's object: checked by parsing it here.
    assert data["json_valid"] == _parses_as_findings(data["text"])
    from app.services import Services

    # Offsets point into the text the model read: the document as read and de-identified at the
    # privacy level, with its headings (Document.text()), the text the document pane shows.
    source = Services().read_documents([report_file]).documents[0].text()
    assert data["findings"], "the demo model quotes this report: at least one finding is expected"
    for finding in data["findings"]:
        grounding = finding["grounding"]
        assert finding["certainty"] in ("present", "absent", "possible")
        quoted = _plain(finding["evidence"]) in _plain(source)
        if grounding["start"] is not None:  # located: offsets point at the quoted words
            assert grounding["document_name"] == report_file.name
            assert _plain(source[grounding["start"]:grounding["end"]]) == _plain(finding["evidence"])
            # in the report, yet refused: the claim check says why (side, size, negation, finding)
            assert grounding["grounded"] or (grounding["verdict"] == "unsupported" and grounding["why"])
        else:  # not located only when the quote really is not in the report
            assert not quoted and not grounding["grounded"], finding
    assert data["fleischner"] is not None  # computed even when the report has no nodule
    assert data["timings"]["generated_tokens"] > 0
    grounded = sum(f["grounding"]["grounded"] for f in data["findings"])
    assert data["grounded_share"] == pytest.approx(grounded / len(data["findings"]))


def test_findings_text_shows_the_computed_fleischner_panel(tmp_path, tiny_model):
    path = tmp_path / "ct.txt"
    path.write_text(CT_REPORT, encoding="utf-8")
    result = enclave("analyze", str(path), "--task", "findings", "--model", str(tiny_model),
                     "--max-tokens", "60")  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Fleischner 2017" in out
    # 9 x 7 mm -> 8 mm, single solid, high risk (smoker): CT at 6-12 months, then CT at 18-24 months.
    assert "CT at 6-12 months, then CT at 18-24 months." in out
    assert "[AI-generated draft" in out


def test_followup_json_has_the_panel_and_missing_inputs(tmp_path, tiny_model):
    path = tmp_path / "ct.txt"
    path.write_text("CT CHEST: 5 mm nodular opacity in the right lower lobe.\n", encoding="utf-8")
    result = enclave("analyze", str(path), "--task", "followup", "--json", "--model", str(tiny_model),
                     "--max-tokens", "20")  # fmt: skip
    assert result.returncode == 0, result.stderr
    panel = json.loads(result.stdout)["fleischner"]
    assert panel["recommendation"]["recommendation"] is None
    assert panel["recommendation"]["missing"] == [
        "the type (solid, part-solid or ground-glass) of the nodule in the right lower lobe is not stated"]


def test_ask_json(tmp_path, tiny_model):
    path = tmp_path / "ct.txt"
    path.write_text(CT_REPORT, encoding="utf-8")
    result = enclave("ask", str(path), "Is there an effusion?", "--json", "--model", str(tiny_model),
                     "--max-tokens", "10", "--lang", "zh_CN")  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["task"] == "ask" and data["label"].startswith("AI 生成的草稿")


def test_batch_usage_errors(tmp_path):
    assert enclave("batch", str(tmp_path)).returncode == 2  # --out is required
    missing = enclave("batch", str(tmp_path / "nope"), "--out", str(tmp_path / "o.jsonl"))
    assert missing.returncode == 1 and "is not a folder" in missing.stderr


def test_batch_resumes_after_a_killed_run_without_redoing_finished_files(tmp_path, tiny_model, iu_rows):
    from tests.conftest import report_text

    folder = tmp_path / "reports"
    folder.mkdir()
    count = 8
    for index, row in enumerate(iu_rows[:count]):
        (folder / f"iu-{index}.txt").write_text(report_text(row), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = [sys.executable, "-m", "app", "batch", str(folder), "--task", "findings", "--out", str(out),
            "--model", str(tiny_model), "--max-tokens", "400"]  # fmt: skip
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and out.read_text(encoding="utf-8").count("\n") >= 2:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    whole_lines = out.read_text(encoding="utf-8").split("\n")[:-1]  # a torn last line has no newline
    finished = [json.loads(line) for line in whole_lines]
    assert 2 <= len(finished) <= count
    done_before = {r["file"] for r in finished}

    resumed = enclave(*args[3:], "--csv", str(tmp_path / "out.csv"))
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(done_before)} already done before" in resumed.stderr
    assert "ETA" in resumed.stderr  # progress on stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    files = [json.loads(line)["file"] for line in lines]
    assert sorted(files) == sorted(f"iu-{i}.txt" for i in range(count))  # each file exactly once
    assert files[: len(done_before)] == [r["file"] for r in finished]
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").startswith("file,status,")



def test_eval_findings_on_two_reports_with_the_demo_model(tmp_path):
    from pathlib import Path

    from tests.conftest import CORPUS as corpus

    out = tmp_path / "eval.json"
    result = enclave("eval", "findings", "--corpus", str(corpus), "--n", "2", "--max-tokens", "8",
                     "--json", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "[2/2] iu-" in result.stderr
    assert "Findings extraction on 2 reports" in result.stdout
    assert "-- model, grounded findings only --" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["reports"] == 2 and data["task"] == "findings" and Path(corpus).name == data["corpus"]
    assert 0.0 <= data["json_validity"] <= 1.0 and data["seconds_per_report"] > 0
    # The model-free baseline on the first two IU reports (normal; cardiomegaly) gets both right.
    assert data["baseline_scores"]["micro"]["f1"] == 1.0
    assert {"micro"} < set(data["scores"])


def test_eval_usage_and_corpus_errors(tmp_path):
    assert enclave("eval", "findings", "--n", "2").returncode == 2  # --corpus is required
    assert enclave("eval", "findings", "--corpus", "x.csv", "--n", "0").returncode == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    result = enclave("eval", "findings", "--corpus", str(bad), "--n", "1")
    assert result.returncode == 1 and "bad.csv: is not a report corpus" in result.stderr
