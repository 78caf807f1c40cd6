"""The command line end to end, with the real demo model (SmolLM2-135M-Instruct)."""

import json
import os
import shutil
import subprocess
import sys

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def enclave(*args, env_extra=None, prefix=(), timeout=300):
    env = dict(os.environ)
    env.update(env_extra or {})
    return subprocess.run([*prefix, sys.executable, "-m", "app", *args], capture_output=True,
                          text=True, env=env, timeout=timeout)


def test_version_and_usage_errors():
    result = enclave("--version")
    assert result.returncode == 0 and result.stdout.startswith("Enclave ")
    assert enclave("analyze").returncode == 2
    assert enclave("analyze", "x.txt", "--task", "nonsense").returncode == 2


# The coded main finding of an IU report -> words an English summary of it must use.
FINDING_WORDS = {
    "Cardiomegaly": ("cardiomegaly", "enlarged", "heart", "cardiac"),
    "Pleural Effusion": ("effusion",),
    "Opacity": ("opacit",),
    "Spondylosis": ("spondylosis",),
    "Atelectasis": ("atelecta",),
    "Granulomatous Disease": ("granulom",),
    "Emphysema": ("emphysema",),
    "Nodule": ("nodul",),
}


def test_analyze_summary_mentions_the_main_finding(tmp_path, iu_rows):
    """Six IU reports with one coded finding each: every answer is English text with the
    draft label, and the demo model names the coded finding in at least half of them.

    SmolLM2-135M is a demonstration model, not the clinical one: with the version-2 prompts it
    named the finding in 3 of these 6 and 5 of the first 12 such reports (measured); greedy
    decoding with a fixed seed makes the count repeatable on the same build."""
    from tests.conftest import report_text

    chosen = []
    for row in iu_rows:
        words = FINDING_WORDS.get(row["Problems"])
        body = (row["findings"] + " " + row["impression"]).lower()
        if words and any(w in body for w in words):
            chosen.append((row, words))
        if len(chosen) == 6:
            break
    hits = 0
    for index, (row, words) in enumerate(chosen):
        path = tmp_path / f"report-{index}.txt"
        path.write_text(report_text(row), encoding="utf-8")
        result = enclave("analyze", str(path), "--task", "summary", "--max-tokens", "120")
        assert result.returncode == 0, result.stderr
        answer = result.stdout.lower()
        assert "ai-generated draft" in answer
        assert sum(c.isascii() for c in answer) / len(answer) > 0.95  # English text
        hits += any(w in answer for w in words)
        # The timings line goes to stderr; the demo-model notice is never silent.
        assert "tok/s" in result.stderr
        assert "demonstration model" in result.stderr
    assert hits >= 3, f"only {hits} of 6 summaries named the report's coded finding"


def test_analyze_json_output(report_file):
    result = enclave("analyze", str(report_file), "--task", "impression", "--json",
                     "--max-tokens", "60")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["task"] == "impression"
    assert data["prompt"].startswith("impression@")
    assert data["demo_model"] is True
    assert data["timings"]["generated_tokens"] > 0
    assert data["text"].strip()


def test_unreadable_input_is_named_and_fails(tmp_path):
    bad = tmp_path / "scan.bin"
    bad.write_bytes(b"\x00\x01\x02binary" * 100)
    result = enclave("analyze", str(bad))
    assert result.returncode == 1
    assert "scan.bin" in result.stderr and "no document could be read" in result.stderr


def test_strict_offline_mode_records_zero_attempts(report_file, tmp_path):
    out = tmp_path / "attempts.json"
    result = enclave("analyze", str(report_file), "--max-tokens", "40",
                     env_extra={"ENCLAVE_OFFLINE_STRICT": "1", "ENCLAVE_OFFLINE_REPORT": str(out)})
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text()) == {"attempts": []}


def _unshare_works():
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
    return probe.returncode == 0


def test_analyze_runs_in_a_network_namespace_without_interfaces(report_file):
    assert _unshare_works(), "unshare -rn must work here (util-linux, user namespaces)"
    check = subprocess.run(["unshare", "-rn", sys.executable, "-c",
                            "import socket; s=socket.socket(); s.settimeout(2); "
                            "print(s.connect_ex(('192.0.2.1', 80)))"],
                           capture_output=True, text=True)  # fmt: skip
    assert check.stdout.strip() == "101"  # ENETUNREACH: the namespace really has no route
    result = enclave("analyze", str(report_file), "--max-tokens", "60", prefix=("unshare", "-rn"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_doctor_tells_the_truth(tmp_path):
    result = enclave("doctor", "--json")
    data = json.loads(result.stdout)
    assert data["offline_guard"]["installed"] is True
    assert data["model"]["demo"] is True
    assert data["model"]["verification"] == "verified"
    load = data["model"]["load"]
    if not data["llama_cpp"]["gpu_offload_supported"]:
        assert load["backend"] == "CPU" and load["layers_offloaded"] == 0
        assert any("CPU only" in w for w in data["warnings"])
    if shutil.which("nvidia-smi") is None:  # no NVIDIA GPU here: nothing the doctor should call a problem
        assert data["nvidia_gpus"] == [] and data["problems"] == [] and data["ok"] is True
        assert result.returncode == 0, result.stderr
    else:
        cuda = data["llama_cpp"]["gpu_offload_supported"]
        assert data["nvidia_gpus"] and result.returncode == (0 if cuda else 1)
    text = enclave("doctor")
    assert "llama.cpp backend" in text.stdout and "Offline guard" in text.stdout


def test_doctor_fails_on_a_damaged_model(tmp_path, demo_model):
    bad = tmp_path / demo_model.name
    data = bytearray(demo_model.read_bytes())
    data[10_000] ^= 0xFF
    bad.write_bytes(data)
    result = enclave("doctor", "--json", "--model", str(bad))
    assert result.returncode == 1
    assert any("does NOT match" in p for p in json.loads(result.stdout)["problems"])


def test_models_list_and_verify(demo_model):
    listed = enclave("models", "list", "--json")
    assert listed.returncode == 0
    data = json.loads(listed.stdout)
    assert data["selected"]["demo"] is True
    verify = enclave("models", "verify", str(demo_model))
    assert verify.returncode == 0 and "matches the manifest" in verify.stdout


def test_a_cpu_only_build_on_an_nvidia_machine_exits_1(tmp_path):
    # No NVIDIA GPU can be lent to CI, so nvidia-smi is a script that answers as the driver's does.
    fake = tmp_path / "bin" / "nvidia-smi"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'NVIDIA H200, 143771 MiB, 580.65.06'\n", encoding="utf-8")
    fake.chmod(0o755)
    path = f"{fake.parent}{os.pathsep}{os.environ['PATH']}"
    result = enclave("doctor", "--json", "--no-load", env_extra={"PATH": path})
    data = json.loads(result.stdout)
    assert data["nvidia_gpus"] == ["NVIDIA H200, 143771 MiB, 580.65.06"]
    if data["llama_cpp"]["gpu_offload_supported"]:
        assert result.returncode == 0 and not any("CPU-only" in p for p in data["problems"])
    else:  # the build the README's test command makes
        assert result.returncode == 1 and data["ok"] is False
        said = "NVIDIA GPU is present but this llama.cpp build is CPU-only"
        assert any(said in problem for problem in data["problems"])
        text = enclave("doctor", "--no-load", env_extra={"PATH": path})
        assert text.returncode == 1 and "CPU-only" in text.stdout + text.stderr


def test_bench_quick_prints_and_writes_the_comparisons(tmp_path, tiny_model):
    out = tmp_path / "bench.json"
    result = enclave("bench", "--quick", "--model", str(tiny_model), "--json", str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    labels = [c["label"] for c in data["comparisons"]]
    assert labels == ["decode tok/s (app / bare)", "prompt tok/s (app / bare)",
                      "time to first token (warm follow-up / cold report)",
                      "decode tok/s, JSON grammar / free text",
                      "  llama-cpp-python's grammar path / free text",
                      "decode tok/s, prompt lookup / plain (findings)",
                      "decode tok/s, prompt lookup / plain (impression)",
                      "decode tok/s, prompt lookup / plain (summary)"]
    for comp in data["comparisons"]:
        for side in ("app", "baseline"):
            samples = comp[side]["samples"]
            assert samples and all(v > 0 for v in samples)
            assert comp[side]["median"] == sorted(samples)[len(samples) // 2]
        assert comp["ratio"] == pytest.approx(comp["app"]["median"] / comp["baseline"]["median"])
        assert comp["label"].strip() in result.stdout  # the table is printed too
    assert len(data["comparisons"][0]["app"]["samples"]) == data["repeats"] == 3
    assert data["paths_identical_output"] is True  # greedy: the app path decodes what bare llama.cpp does
    assert data["long_report_tokens"] > 1000 and data["memory"]["idle_mib"] > 0
    assert "max_stall_ms" in data["gui_stalls"] and "GUI thread" in result.stdout
    # Every ratio the issue names, under a key that names it, each printed beside its goal.
    ratios = data["ratios"]
    for key in ("constrained/free", "llama-cpp-python grammar/free", "lookup/plain findings",
                "lookup/plain impression", "lookup/plain summary", "parallel 2/1", "parallel 4/1"):
        assert isinstance(ratios[key], float) and ratios[key] > 0, key
        assert key in result.stdout
    assert ratios["lookup identical"] is True  # exact: the same output as plain decoding
    # The cost of a lookup step of n rows, and the bound it sets: n tokens for that cost.
    cost = data["lookup_verify_batch_ms"]
    assert set(cost) == {"1", "2", "4", "8", "13"} and all(ms > 0 for ms in cost.values())
    assert ratios["lookup ceiling"] == pytest.approx(13 / (cost["13"] / cost["1"]), rel=0.01)
    assert "every draft kept" in result.stderr
    assert ratios["gui max stall ms"] == data["gui_stalls"]["max_stall_ms"]
    assert set(data["parallel_tokens_per_second"]) == {"1", "2", "4"}
