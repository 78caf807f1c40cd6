"""How long the GUI thread stalls while a model loads, a series imports and an answer streams.

``python -m app.ui.stall_probe [--json] [--slices N] [--model PATH]`` runs the real main
window offscreen on the configured model (``enclave bench`` calls it) and prints the longest
and the 99th-percentile lateness of a 5 ms timer on the GUI thread, plus the process's
memory before the import and at its peak.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer


class StallMeter(QObject):
    """Measures how late a 5 ms timer fires: the GUI thread's stalls."""

    def __init__(self, interval_ms: int = 5) -> None:
        super().__init__()
        self.interval = interval_ms / 1000
        self.stalls: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    @property
    def max_stall(self) -> float:
        return max(self.stalls, default=0.0)

    @property
    def ticks(self) -> int:
        return len(self.stalls)

    def p99(self) -> float:
        if len(self.stalls) < 2:
            return self.max_stall
        return statistics.quantiles(self.stalls, n=100)[98]

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._tick()  # the gap since the last tick is a stall too, if it ran long

    def _tick(self) -> None:
        now = time.perf_counter()
        self.stalls.append(max(0.0, now - self._last - self.interval))
        self._last = now


def _rss_mib() -> dict[str, float]:
    values: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(("VmRSS", "VmHWM")):
                    values[line.split(":")[0]] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return values


def write_series(folder: Path, slices: int) -> Path:
    """A CT series of ``slices`` images made from pydicom's bundled CT_small.dcm."""
    import numpy as np
    import pydicom
    from pydicom.data import get_testdata_file
    from pydicom.uid import generate_uid

    folder.mkdir(parents=True, exist_ok=True)
    # Never download=True: a frozen bundle without pydicom's test files gets a clear error.
    source = get_testdata_file("CT_small.dcm", download=False)
    if source is None:
        raise SystemExit("the stall probe needs pydicom's bundled CT_small.dcm, which this install lacks")
    template = pydicom.dcmread(str(source))
    base = template.pixel_array.astype(np.int16)
    series_uid = generate_uid()
    for index in range(slices):
        ds = template.copy()
        ds.SeriesInstanceUID = series_uid
        ds.SOPInstanceUID = generate_uid()
        ds.InstanceNumber = index + 1
        ds.ImagePositionPatient = [-158.1, -179.0, -75.7 + 2.5 * index]
        ds.PixelData = (base + index).astype(np.int16).tobytes()
        ds.save_as(folder / f"slice{index + 1:04d}.dcm")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.ui.stall_probe")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--slices", type=int, default=300)
    parser.add_argument("--model", metavar="PATH")
    parser.add_argument("--max-tokens", type=int, default=48)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from app.core import offline
    from app.core.native_libs import load_llama_first

    offline.install_from_environment()
    load_llama_first()
    from PySide6.QtWidgets import QApplication

    from app.services import Services
    from app.ui import first_paint
    from app.ui.controller import Controller
    from app.ui.main_window import MainWindow
    from app.ui.prefs import UiPrefs

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="enclave-stall-") as tmp:
        series = write_series(Path(tmp) / "series", args.slices)
        report = Path(tmp) / "report.txt"
        report.write_text("FINDINGS: No pleural effusion. A 5 mm nodule in the right upper lobe.\n"
                          "IMPRESSION: Small pulmonary nodule.\n", encoding="utf-8")  # fmt: skip
        services = Services(model_path=args.model)
        services.settings.sampling.max_tokens = args.max_tokens
        window = MainWindow(Controller(services), UiPrefs(), None)
        window.resize(1200, 800)
        painted: list[bool] = []
        first_paint.on_first_paint(window, lambda: painted.append(True))
        window.show()
        # As the app does (app/ui/application.py): loading and importing start once the window
        # has been painted; the meter measures those, not the window's own first frame.
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline and not painted:
            app.processEvents()
        meter = StallMeter()
        traces: list[str] = []
        if os.environ.get("ENCLAVE_STALL_TRACE") == "1":
            import threading
            import traceback

            gui = threading.get_ident()

            def watch() -> None:
                seen = 0.0
                while not meter_done:
                    time.sleep(0.002)
                    late = time.perf_counter() - meter._last
                    if late > 0.03 and meter._last != seen:
                        seen = meter._last
                        frames = sys._current_frames()
                        lines = [f"stall {late * 1000:.0f} ms at +{time.perf_counter() - started:.2f}s"]
                        for ident, frame in frames.items():
                            name = "GUI" if ident == gui else str(ident)[-4:]
                            stack = traceback.extract_stack(frame)[-3:]
                            lines.append(f"  {name}: " + " <- ".join(
                                f"{Path(f.filename).name}:{f.lineno}:{f.name}" for f in reversed(stack)))
                        traces.append("\n".join(lines))

            meter_done = False
            threading.Thread(target=watch, daemon=True).start()
        before = _rss_mib()
        started = time.perf_counter()
        meter.start()
        only = os.environ.get("ENCLAVE_PROBE_ONLY", "")
        if only != "import":
            window.controller.load_model()
        if only != "load":
            window.import_paths([str(report), str(series)])

        def wait(condition: object, seconds: float) -> bool:
            end = time.perf_counter() + seconds
            while time.perf_counter() < end:
                app.processEvents()
                if condition():  # type: ignore[operator]
                    return True
                time.sleep(0.001)
            return False

        wait(lambda: (only == "import" or window.controller.model_state in ("ready", "failed"))
             and (only == "load" or len(window.controller.documents) >= 2), 600)  # fmt: skip
        turn = window.run_task("summary") if not only else None
        if turn is not None:
            wait(lambda: not turn.active, 600)
        meter.stop()
        meter_done = True
        for trace in traces:
            print(trace, file=sys.stderr)
        after = _rss_mib()
        result = {
            "max_stall_ms": round(meter.max_stall * 1000, 1),
            "p99_stall_ms": round(meter.p99() * 1000, 1),
            "ticks": meter.ticks,
            "seconds": round(time.perf_counter() - started, 1),
            "slices": args.slices,
            "model_state": window.controller.model_state,
            "rss_before_mib": round(before.get("VmRSS", 0.0), 1),
            "rss_peak_mib": round(after.get("VmHWM", 0.0), 1),
        }
        window.close()
        from app.ui.workers import wait_for_jobs

        wait_for_jobs(30_000)
        services.close()
    if args.json:
        print(json.dumps(result))
    else:
        print(f"GUI thread: max stall {result['max_stall_ms']} ms, p99 {result['p99_stall_ms']} ms over "
              f"{result['ticks']} ticks ({args.slices}-slice series, model {result['model_state']}); "
              f"RSS {result['rss_before_mib']} MiB before, peak {result['rss_peak_mib']} MiB")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # A measuring subprocess: skip interpreter teardown, where Qt and the native libraries'
    # objects are destroyed in an order that has crashed (after the figures were printed).
    os._exit(code)
