"""Promise 3 by fuzzing: every reader (DICOM, PDF, DOCX, RTF, HL7, text, zip of DICOM) and the
GGUF header check, a short bounded run each in CI (coverage-guided with atheris when it is
installed, else the seeded mutation fuzzer in tests/fuzz/mutate.py), plus a replay of every
input that ever found a bug (tests/fuzz/regressions/TARGET/). The long run is documented in
tests/fuzz/fuzz_readers.py and docs/security.md."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from tests.fuzz import targets

pytestmark = [pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]
REGRESSIONS = Path(__file__).parent / "regressions"
# CI replays a fixed number of inputs from a fixed seed, so a run is repeatable: a time budget
# made the inputs tried depend on the machine's load, and a bug the fuzzer could reach only on
# a fast machine failed CI at random. ENCLAVE_FUZZ_SECONDS=N explores by time instead (the
# longer run; copy what it finds into regressions/ and fix it).
RUNS_PER_TARGET = int(os.environ.get("ENCLAVE_FUZZ_RUNS", "500"))
EXPLORE_SECONDS = int(os.environ.get("ENCLAVE_FUZZ_SECONDS", "0"))
SECONDS_PER_TARGET = EXPLORE_SECONDS or 4  # x 8 targets, plus start-up: about a minute in CI
HAVE_ATHERIS = importlib.util.find_spec("atheris") is not None


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, Path]:
    return targets.make_seeds(tmp_path_factory.mktemp("fuzz-seeds"))


def _regression_inputs() -> list[tuple[str, Path]]:
    return [(folder.name, path) for folder in sorted(REGRESSIONS.iterdir()) if folder.is_dir()
            for path in sorted(folder.iterdir()) if path.is_file()]  # fmt: skip


@pytest.mark.parametrize(("target", "path"), _regression_inputs(), ids=lambda v: getattr(v, "name", v))
def test_inputs_that_once_found_a_bug(target, path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        targets.TARGETS[target](path.read_bytes())


@pytest.mark.parametrize("target", sorted(targets.TARGETS))
def test_bounded_fuzz_run(target, seeds, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    if HAVE_ATHERIS:
        command = [sys.executable, "-m", "tests.fuzz.fuzz_readers", target, str(corpus), str(seeds[target]),
                   f"-max_total_time={EXPLORE_SECONDS}" if EXPLORE_SECONDS else f"-runs={RUNS_PER_TARGET}",
                   "-timeout=10", "-rss_limit_mb=3072", "-seed=1",
                   f"-artifact_prefix={tmp_path}/crash-", "-print_final_stats=1"]  # fmt: skip
    else:
        command = [sys.executable, "-m", "tests.fuzz.mutate", target, str(seeds[target]),
                   "--seconds", str(SECONDS_PER_TARGET), "--artifacts", str(tmp_path)]  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(REPO), TMPDIR=str(tmp_path))  # libFuzzer skips atexit
    result = subprocess.run(command, capture_output=True, text=True, env=env,
                            timeout=SECONDS_PER_TARGET + 300)  # fmt: skip
    crashes = sorted(p.name for p in [*tmp_path.glob("crash-*"), *tmp_path.glob("timeout-*")])
    assert result.returncode == 0 and not crashes, (
        f"{target}: the fuzzer found a bug ({crashes}); copy the input into {REGRESSIONS / target}/\n"
        f"{result.stderr[-4000:]}")  # fmt: skip
    runs = int(re.findall(r"Done (\d+) runs", result.stderr)[-1])
    assert runs > 20, f"{target}: only {runs} inputs were tried"
    print(f"\nfuzz {target}: {runs} inputs "
          f"({'atheris' if HAVE_ATHERIS else 'mutation'})")
