"""The GUI entry point (``enclave-gui``; ``enclave`` with no arguments)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from app.core import offline, paths, startup_trace


def main(argv: Sequence[str] | None = None) -> int:
    startup_trace.mark("gui_main")
    offline.install_from_environment()
    paths.make_files_private()
    try:
        # Qt and the start window only: llama.cpp and the rest load behind the first window,
        # on a background thread, llama.cpp first (app/ui/launch.py, app/core/native_libs.py).
        from app.ui.launch import run

        startup_trace.mark("launch imported")
    except ImportError as exc:
        print(f"enclave: the desktop app cannot start: {exc}", file=sys.stderr)
        return 1
    return int(run(list(sys.argv[1:] if argv is None else argv)))


if __name__ == "__main__":
    raise SystemExit(main())
