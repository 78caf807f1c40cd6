"""Exports and batch outputs made at privacy high or ephemeral carry none of the planted
identifiers; at standard the same flow's export does carry them, so the search is real
(issue 17, item 4). The exported files are read back as a reader would see them: the PDF's
and the DOCX's text extracted, not their compressed bytes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.adversarial import canaries


def _exported_text(path: Path) -> str:
    if path.suffix == ".pdf":
        import pypdf

        return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        import re

        return re.sub(r"<[^>]+>", "", xml)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("level", ["high", "ephemeral", "standard"])
def test_session_exports(qtbot, make_window, ui_settings, tmp_path, iu_rows, level):
    from app.ui import export

    inputs = canaries.write_inputs(tmp_path / "in", iu_rows[3])
    ui_settings.privacy_level = level
    window = make_window(settings=ui_settings)
    qtbot.waitUntil(lambda: window.controller.model_state == "ready", timeout=60_000)
    window.import_paths([str(p) for p in inputs])
    qtbot.waitUntil(lambda: len(window.controller.documents) >= 3, timeout=60_000)
    controller = window.controller
    # The clinician types the patient's name and number into a question.
    turn = controller.ask(f"Has {canaries.GIVEN} {canaries.FAMILY} (MRN {canaries.MRN}) improved "
                          f"since the last study?")  # fmt: skip
    qtbot.waitUntil(lambda: not turn.active, timeout=60_000)
    second = controller.run_task("summary")
    qtbot.waitUntil(lambda: not second.active, timeout=60_000)
    text = export.session_markdown([d.name for d in controller.documents], controller.turns, "en")
    done: list[object] = []
    paths = [tmp_path / f"session.{suffix}" for suffix in ("md", "pdf", "docx")]
    for path in paths:
        export.export(text, path, on_done=done.append)
    qtbot.waitUntil(lambda: len(done) == 3, timeout=30_000)
    for path in paths:
        read_back = " ".join(_exported_text(path).split())  # PDF text comes with tabs between words
        found = canaries.find_in_text(read_back, canaries.IDENTIFIERS)
        if level == "standard":  # control: the question is exported as typed
            assert {"family name", "given name", "MRN"} <= set(found), (path.name, found)
        else:
            assert not found, (level, path.name, found)
            assert "improved since the last study" in read_back  # the question itself is there


@pytest.mark.parametrize("level", ["high", "ephemeral"])
def test_batch_jsonl_and_csv(tmp_path, tiny_model, iu_rows, level):
    folder = tmp_path / "reports"
    folder.mkdir()
    for index, row in enumerate(iu_rows[:3]):
        (folder / f"report-{index}.txt").write_text(canaries.canary_report(row), encoding="utf-8")
    from app.core import settings as settings_mod

    settings_mod.save(settings_mod.Settings(privacy_level=level))  # in the test's own ENCLAVE_HOME
    env = dict(os.environ)
    for task in ("findings", "summary"):
        out, csv = tmp_path / f"{task}.jsonl", tmp_path / f"{task}.csv"
        done = subprocess.run([sys.executable, "-m", "app", "batch", str(folder), "--task", task, "--out",
                               str(out), "--csv", str(csv), "--max-tokens", "40", "--model", str(tiny_model)],
                              capture_output=True, text=True, env=env, timeout=300)  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(records) >= 3 and all(r["status"] == "ok" for r in records)
        for path in (out, csv):
            found = canaries.find_in_text(path.read_text(encoding="utf-8"), canaries.IDENTIFIERS)
            assert not found, (level, task, path.name, found)
        assert not canaries.find_in_text(done.stdout + done.stderr, canaries.IDENTIFIERS)
