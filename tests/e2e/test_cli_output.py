"""The command line says what it is doing and writes what it says (issue 18, item 10)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.core import settings as settings_mod

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def enclave(*args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          env=dict(os.environ), timeout=timeout)  # fmt: skip


def test_inspect_into_a_pipe_that_closes_early_ends_without_a_traceback(tmp_path: Path) -> None:
    report = tmp_path / "long.txt"
    lines = (f"FINDINGS: line {i} of a long report." for i in range(6000))
    report.write_text("\n".join(lines), encoding="utf-8")
    # Far more than a pipe holds, so the write after `head` exits meets a closed pipe.
    shell = f"{sys.executable} -m app inspect {report} | head -n 1; echo \"status=${{PIPESTATUS[0]}}\""
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, env=dict(os.environ),
                          timeout=120)  # fmt: skip
    assert done.stdout.count("\n") == 2 and "status=1" in done.stdout, done.stdout
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr


def test_deid_to_docx_writes_a_real_word_document(tmp_path: Path) -> None:
    from tests.core.documents import makers

    source = makers.write_docx(tmp_path / "in.docx", [("FINDINGS", "Discussed with Dr. Jonathan Miller on "
                                                                   "2024-03-02. Small left effusion.")])
    out = tmp_path / "out.docx"
    result = enclave("deid", str(source), str(out))
    assert result.returncode == 0, result.stderr
    assert zipfile.is_zipfile(out)  # not plain text under a .docx name
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Small left effusion." in text and "Miller" not in text and "[NAME]" in text


def test_deid_refuses_an_output_name_it_cannot_honour(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("FINDINGS: Small left effusion.\n", encoding="utf-8")
    result = enclave("deid", str(source), str(tmp_path / "out.pdf"))
    assert result.returncode == 1
    assert "out.pdf: a de-identified report is written as text (.txt) or as Word (.docx)" in result.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_analyze_says_up_front_how_many_parts_it_reads_and_shows_progress(tmp_path: Path,
                                                                          tiny_model: Path) -> None:
    settings = settings_mod.load()
    settings.n_ctx = 2048  # the tiny model's tokens are bytes: this report needs several parts
    settings_mod.save(settings)
    report = tmp_path / "long.txt"
    report.write_text("\n".join(f"SECTION {i}: the {'left' if i % 2 else 'right'} lower lobe is clear. " * 3
                                for i in range(60)), encoding="utf-8")  # fmt: skip
    result = enclave("analyze", str(report), "--task", "summary", "--model", str(tiny_model),
                     "--max-tokens", "4")  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("enclave: ")]
    assert lines[0] == "enclave: reading 1 file(s)"
    announced = next(line for line in lines if "reading the documents in" in line)
    count = int(announced.split(" in ")[1].split()[0])
    assert count >= 2
    parts = [line for line in lines if line.startswith("enclave: part ")]
    assert parts == [f"enclave: part {n} of {count}" for n in range(1, count + 1)]
    assert lines.index(announced) < lines.index(parts[0])
