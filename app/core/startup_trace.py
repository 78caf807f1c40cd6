"""ENCLAVE_STARTUP_TRACE=FILE: named moments of the desktop app's start, for the start-up
benchmark (tests/benchmarks/bench_frozen_start.py --trace).

Each :func:`mark` records ``time.monotonic()`` (CLOCK_MONOTONIC, shared by every process on
Linux, so the benchmark can subtract its own clock reading before the spawn); :func:`write`
appends them to FILE as ``name seconds`` lines. Without the variable nothing is recorded.
"""

from __future__ import annotations

import os
import time

ENV = "ENCLAVE_STARTUP_TRACE"
_marks: list[tuple[str, float]] = []


def mark(name: str) -> None:
    if ENV in os.environ:
        _marks.append((name, time.monotonic()))


def write() -> None:
    target = os.environ.get(ENV)
    if not target or not _marks:
        return
    try:
        with open(target, "a", encoding="ascii") as handle:
            handle.writelines(f"{name} {stamp:.6f}\n" for name, stamp in _marks)
    except OSError:
        pass  # a benchmark aid: never let it stop the app
    _marks.clear()
