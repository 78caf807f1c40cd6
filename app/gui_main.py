"""The GUI entry point (``enclave-gui``; ``enclave`` with no arguments)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from app.core import offline, paths


def main(argv: Sequence[str] | None = None) -> int:
    offline.install_from_environment()
    paths.make_files_private()
    from app.core.native_libs import load_llama_first

    load_llama_first()  # before any DICOM codec extension (see app/core/native_libs.py)
    try:
        from app.ui.application import run
    except ImportError as exc:
        print(f"enclave: the desktop app cannot start: {exc}", file=sys.stderr)
        return 1
    return int(run(list(sys.argv[1:] if argv is None else argv)))


if __name__ == "__main__":
    raise SystemExit(main())
