"""``enclave deid IN OUT``: write de-identified DICOM (PS3.15 Basic profile) or redacted text.

A file written here is for someone else, so it gets the Basic Application Level
Confidentiality Profile alone unless options are asked for by name; the app's own reading
(privacy high) uses cleaning options, which keep free text the redactor may not recognise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.core.deid.dicom import DeidOptions
from app.core.deid.profile_table import REVISION
from app.services import documents as documents_service

# (DeidOptions field, the option's name in PS3.15 Table E.1-1, what it does)
OPTIONS = (
    ("clean_descriptions", "Clean Descriptors", "redact free-text descriptions, not remove them"),
    ("clean_structured_content", "Clean Structured Content", "redact SR text, keep the tree"),
    ("clean_graphics", "Clean Graphics", ""),
    ("retain_patient_characteristics", "Retain Patient Characteristics",
     "age, sex, size, weight; ages over 89 -> 90Y"),
    ("retain_device_identity", "Retain Device Identity", ""),
    ("retain_institution_identity", "Retain Institution Identity", ""),
    ("retain_uids", "Retain UIDs", ""),
)


def register(sub: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    parser = sub.add_parser("deid", help="write de-identified copies of DICOM files or reports")
    parser.add_argument("source", metavar="IN", help="a file or folder")
    parser.add_argument("target", metavar="OUT", help="the output file or folder")
    options = parser.add_argument_group(
        "PS3.15 options (none by default: the Basic profile alone)")  # fmt: skip
    for flag, name, detail in OPTIONS:
        options.add_argument("--" + flag.replace("_", "-"), action="store_true",
                             help=f"{name} Option" + (f": {detail}" if detail else ""))  # fmt: skip
    options.add_argument("--dates", choices=("remove", "shift", "keep"), default="remove",
                         help="remove (Basic), shift (Retain Longitudinal Temporal Information with "
                              "Modified Dates), keep (... with Full Dates)")  # fmt: skip
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
    options = DeidOptions(dates=args.dates, **{flag: getattr(args, flag) for flag, _, _ in OPTIONS})
    applied = describe(options)
    print(f"enclave: PS3.15 (revision {REVISION}) {applied}", file=sys.stderr)
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


_DATE_NAMES = {"shift": "Retain Longitudinal Temporal Information with Modified Dates",
               "keep": "Retain Longitudinal Temporal Information with Full Dates"}  # fmt: skip


def describe(options: DeidOptions) -> str:
    """The profile and the options applied, in the standard's names."""
    names = [name for flag, name, _ in OPTIONS if getattr(options, flag)]
    if options.dates in _DATE_NAMES:
        names.append(_DATE_NAMES[options.dates])
    if not names:
        return "Basic Application Level Confidentiality Profile, no options"
    return "Basic Application Level Confidentiality Profile with: " + "; ".join(f"{n} Option" for n in names)
