"""``enclave deid IN OUT``: write de-identified DICOM (PS3.15 Basic profile) or redacted text."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.core.deid.dicom import APP_OPTIONS, DeidOptions
from app.services import documents as documents_service


def register(sub: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    parser = sub.add_parser("deid", help="write de-identified copies of DICOM files or reports")
    parser.add_argument("source", metavar="IN", help="a file or folder")
    parser.add_argument("target", metavar="OUT", help="the output file or folder")
    parser.add_argument("--basic", action="store_true",
                        help="the Basic profile only: remove descriptions and dates instead of "
                             "cleaning descriptions and shifting dates")  # fmt: skip
    parser.add_argument("--json", action="store_true")
    return {"deid": run}


def run(args: argparse.Namespace) -> int:
    source, target = Path(args.source), Path(args.target)
    if not source.exists():
        print(f"enclave: {source}: does not exist", file=sys.stderr)
        return 1
    if source.resolve() == target.resolve():
        print("enclave: OUT must differ from IN (the originals are never overwritten)", file=sys.stderr)
        return 2
    options = DeidOptions() if args.basic else APP_OPTIONS
    written = documents_service.deidentify_files(source, target, options)
    failed = [w for w in written if w.error]
    if args.json:
        print(json.dumps([{"source": str(w.source), "target": str(w.target) if w.target else None,
                           "kind": w.kind, "actions": w.actions, "warning": w.warning, "error": w.error}
                          for w in written], ensure_ascii=False, indent=2))  # fmt: skip
    else:
        for w in written:
            if w.error:
                continue
            actions = ", ".join(f"{k} {v}" for k, v in sorted(w.actions.items())) or "nothing to change"
            print(f"{w.source.name} -> {w.target}: {actions}")
            if w.warning:
                print(f"  WARNING: {w.warning}; the pixels were not changed, check them before sharing")
    for w in failed:
        print(f"enclave: {w.error}", file=sys.stderr)
    ok = [w for w in written if not w.error]
    if not ok:
        print("enclave: nothing was de-identified", file=sys.stderr)
        return 1
    return 1 if failed else 0
