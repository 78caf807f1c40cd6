"""Frozen app size and cold start to a visible window, beside a bare PySide6 window frozen the
same way (issue 7, item 6). Figures are printed, never asserted.

    .venv/bin/python -m tests.benchmarks.bench_frozen_start [--rounds 9] [--app DIST/enclave]
        [--bare DIST/bare_window] [--platform offscreen|xcb] [--drop-caches] [--json F]
    xvfb-run -a .venv/bin/python -m tests.benchmarks.bench_frozen_start --platform xcb

Without --app / --bare it builds both into a temporary folder first: packaging/build.sh (the
release build, demo model included) and packaging/bench/bare_window.spec (a QMainWindow, with
enclave.spec's options: one folder, noarchive, no UPX, the same Qt modules left out).

One start = spawn the executable with a fresh HOME and ENCLAVE_HOME (a first start: the app
shows its window, then loads the model and opens the first-run wizard in the background) and
ENCLAVE_REPORT_FIRST_PAINT=FILE and ENCLAVE_REPORT_MAIN_WINDOW=FILE; the process writes
time.monotonic() once its first window (Enclave: the Qt-only start window of app/ui/launch.py)
and its full main window have been painted (app/ui/first_paint.py); each start time is that
minus the clock read just before the spawn. Both are printed: the first is what the goal is
about (a window on screen), the second says when the whole app is there. The process is then
killed. Runs alternate bare / app so both see the same machine load. Each executable gets one
unmeasured run first (the build just wrote its files: the page cache is warm either way);
--drop-caches (root) empties the page cache before every run instead, for a start from disk.
Goal: app median < 1.5x the bare median; the folder without models/ < 400 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GOAL_RATIO, GOAL_MB = 1.5, 400.0


def _files(root: Path) -> list[Path]:
    """Regular files; PyInstaller's symlinks (versioned .so names) count once."""
    return [Path(folder) / name for folder, _, names in os.walk(root) for name in names
            if (Path(folder) / name).is_file() and not (Path(folder) / name).is_symlink()]  # fmt: skip


def _mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def sizes(app: Path, bare: Path) -> dict[str, float]:
    files = _files(app)
    models = [p for p in files if p.relative_to(app).parts[0] == "models"]
    return {"app_mb": round(_mb(files), 1), "app_without_models_mb": round(_mb(files) - _mb(models), 1),
            "models_mb": round(_mb(models), 1), "bare_mb": round(_mb(_files(bare)), 1)}  # fmt: skip


def build(work: Path) -> tuple[Path, Path]:
    env = {**os.environ, "PYTHON": sys.executable}
    print(f"building the app and the bare window in {work} (minutes) ...", file=sys.stderr)
    subprocess.run(["bash", str(REPO / "packaging" / "build.sh"), "--dist", str(work / "dist"),
                    "--work", str(work / "work")], env=env, check=True, stdout=sys.stderr)  # fmt: skip
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(work / "bare-dist"), "--workpath", str(work / "bare-work"),
                    str(REPO / "packaging" / "bench" / "bare_window.spec")],
                   env=env, check=True, stdout=sys.stderr)  # fmt: skip
    return work / "dist" / "enclave", work / "bare-dist" / "bare_window"


def drop_caches() -> None:
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n", encoding="ascii")


def start_once(executable: Path, platform: str, timeout: float = 180.0,
               marks: dict[str, list[float]] | None = None) -> tuple[float, float | None]:  # fmt: skip
    """Seconds from spawn to the first painted frame of the first window, and of the full main
    window (None for the bare window, which has only the one). ``marks`` collects the app's
    ENCLAVE_STARTUP_TRACE moments (app/core/startup_trace.py), in seconds from the spawn."""
    with tempfile.TemporaryDirectory(prefix="enclave-start-") as tmp:
        folder = Path(tmp)
        stamp, main_stamp, trace = folder / "first-paint", folder / "main-window", folder / "trace"
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(folder), "LANG": "C.UTF-8",
               "ENCLAVE_HOME": str(folder / "enclave"), "QT_QPA_PLATFORM": platform,
               "ENCLAVE_REPORT_FIRST_PAINT": str(stamp), "ENCLAVE_REPORT_MAIN_WINDOW": str(main_stamp),
               "ENCLAVE_STARTUP_TRACE": str(trace)}  # fmt: skip
        if platform == "xcb":
            env["DISPLAY"] = os.environ["DISPLAY"]
            env.update({k: v for k, v in os.environ.items() if k == "XAUTHORITY"})
        bare = executable.name == "bare_window"
        started = time.monotonic()
        process = subprocess.Popen([str(executable)], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, start_new_session=True)  # fmt: skip

        def written(path: Path) -> bool:
            return path.exists() and path.read_text(encoding="ascii").endswith("\n")

        try:
            while not (written(stamp) and (bare or written(main_stamp))):
                if process.poll() is not None:
                    raise RuntimeError(f"{executable.name} exited ({process.returncode}) before its window "
                                       f"was painted: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
                if time.monotonic() - started > timeout:
                    raise RuntimeError(f"{executable.name}: no window painted after {timeout:.0f} s")
                time.sleep(0.002)
            first = float(stamp.read_text(encoding="ascii")) - started
            main = None if bare else float(main_stamp.read_text(encoding="ascii")) - started
            if marks is not None and trace.exists():
                for line in trace.read_text(encoding="ascii").splitlines():
                    name, _, value = line.rpartition(" ")
                    marks.setdefault(name, []).append(float(value) - started)
            return first, main
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)  # the app's background threads included
            process.wait()
            if process.stderr is not None:
                process.stderr.close()


def summary(values: list[float]) -> dict[str, float]:
    quartiles = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
    return {"median_s": statistics.median(values), "min_s": min(values), "max_s": max(values),
            "iqr_s": quartiles[2] - quartiles[0], "runs": len(values)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--app", type=Path, help="a built dist/enclave folder (default: build one)")
    parser.add_argument("--bare", type=Path, help="a built bare_window folder (default: build one)")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--platform", choices=("offscreen", "xcb"), default="offscreen",
                        help="Qt platform; xcb needs a display (run under xvfb-run -a)")
    parser.add_argument("--drop-caches", action="store_true",
                        help="empty the page cache before every run (root; slows the whole machine)")
    parser.add_argument("--json", type=Path, metavar="F", help="also write the figures to F")
    args = parser.parse_args(argv)
    if args.platform == "xcb" and not os.environ.get("DISPLAY"):
        parser.error("--platform xcb needs a display: run under xvfb-run -a")
    work: Path | None = None
    if args.app is None or args.bare is None:
        work = Path(tempfile.mkdtemp(prefix="enclave-bench-start-"))
        built_app, built_bare = build(work)
        args.app, args.bare = args.app or built_app, args.bare or built_bare
    app_exe, bare_exe = args.app / "enclave-gui", args.bare / "bare_window"
    try:
        if not args.drop_caches:
            start_once(bare_exe, args.platform)
            start_once(app_exe, args.platform)
        times: dict[str, list[float]] = {"bare": [], "app": [], "app_main_window": []}
        marks: dict[str, dict[str, list[float]]] = {"bare": {}, "app": {}}
        for _ in range(args.rounds):
            for name, exe in (("bare", bare_exe), ("app", app_exe)):
                if args.drop_caches:
                    drop_caches()
                first, main_window = start_once(exe, args.platform, marks=marks[name])
                times[name].append(first)
                if main_window is not None:
                    times["app_main_window"].append(main_window)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    bare, app, full = summary(times["bare"]), summary(times["app"]), summary(times["app_main_window"])
    ratio = app["median_s"] / bare["median_s"]
    full_ratio = full["median_s"] / bare["median_s"]
    ratios = sorted(a / b for a, b in zip(times["app"], times["bare"], strict=True))
    size = sizes(args.app, args.bare)
    cache = "page cache dropped before each run" if args.drop_caches else "page cache warm"
    print(f"cold start to a painted window, Qt {args.platform}, {cache}, {args.rounds} rounds, "
          f"{os.cpu_count()} CPUs")
    print(f"  {'':<34}{'median':>9}{'min':>9}{'max':>9}{'IQR':>9}")
    for label, row in (("bare PySide6 window", bare), ("Enclave: first window (start)", app),
                       ("Enclave: full main window", full)):  # fmt: skip
        cells = (row[k] * 1000 for k in ("median_s", "min_s", "max_s", "iqr_s"))
        print(f"  {label:<34}" + "".join(f"{ms:>7.0f}ms" for ms in cells))
    print(f"  first window: ratio of medians {ratio:.2f}x (per-round {ratios[0]:.2f}x .. {ratios[-1]:.2f}x); "
          f"goal < {GOAL_RATIO}x: {'met' if ratio < GOAL_RATIO else 'NOT met'}")
    print(f"  full main window (llama.cpp, services and vault code loaded): {full_ratio:.2f}x "
          "the bare window")
    for name, label in (("bare", "bare window"), ("app", "Enclave")):
        if marks[name]:
            print(f"  {label}: where the first window's time goes (median ms after the spawn, "
                  "ENCLAVE_STARTUP_TRACE):")
            ordered = sorted(marks[name].items(), key=lambda item: statistics.median(item[1]))
            print("    " + ", ".join(f"{mark} {statistics.median(values) * 1000:.0f}"
                                     for mark, values in ordered))
    print(f"size: Enclave {size['app_mb']:.0f} MB, without models/ {size['app_without_models_mb']:.0f} MB "
          f"(goal < {GOAL_MB:.0f} MB: {'met' if size['app_without_models_mb'] < GOAL_MB else 'NOT met'}); "
          f"models/ {size['models_mb']:.0f} MB; bare window {size['bare_mb']:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps({
            "platform": args.platform, "drop_caches": args.drop_caches, "rounds": args.rounds,
            "bare": bare, "app": app, "app_main_window": full, "ratio": ratio,
            "main_window_ratio": full_ratio, "per_round_ratios": ratios, "runs": times, "marks": marks,
            **size,
        }, indent=2), encoding="utf-8")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
