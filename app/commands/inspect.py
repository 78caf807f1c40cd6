"""``enclave inspect FILE|FOLDER [--json]``: what was read, without loading the model."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from app.core import settings as settings_mod
from app.services import documents as documents_service


def register(sub: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    parser = sub.add_parser("inspect", help="show what Enclave reads from files or folders (no model)")
    parser.add_argument("paths", nargs="+", metavar="FILE|FOLDER")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--privacy", choices=settings_mod.PRIVACY_LEVELS, default=None,
                        help="privacy level to apply (default: the settings)")
    parser.add_argument("--text", action="store_true", help="also print the text the model would read")
    return {"inspect": run}


def run(args: argparse.Namespace) -> int:
    level = args.privacy or settings_mod.load().privacy_level

    def progress(done: int, total: int, name: str) -> None:
        if not args.json and total > 20 and name and done % 50 == 0:
            print(f"enclave: reading {done}/{total}", file=sys.stderr, flush=True)

    read = documents_service.read(args.paths, level, progress)
    docs = [documents_service.describe(d) for d in read.documents]
    if args.text or args.json:
        for described, doc in zip(docs, read.documents, strict=True):
            described["text"] = doc.text()
    errors = [{"file": e.path.name, "problem": e.problem} for e in read.errors]
    if args.json:
        print(json.dumps({"privacy_level": level, "documents": docs, "errors": errors},
                         ensure_ascii=False, indent=2))  # fmt: skip
    else:
        print(f"privacy level: {level}")
        for item in docs:
            _print_document(item, args.text)
        for error in read.errors:
            print(f"enclave: {error}", file=sys.stderr)
    if not read.documents:
        print("enclave: no document could be read", file=sys.stderr)
        return 1
    return 1 if read.errors else 0


def _print_document(item: dict[str, Any], with_text: bool) -> None:
    print(f"\n{item['name']}  [{item['kind']}]  {item['text_chars']} characters of text")
    for section in item["sections"]:
        page = f" page {section['page']}" if section["page"] else ""
        span = f"{section['start']}-{section['end']}"
        print(f"  section {section['title'] or '(untitled)'!r}: chars {span}{page}")
    for series in item["series"]:
        print(f"  {series['label']}: {series['instances']} file(s), {series['frames']} frame(s), "
              f"{series['rows']}x{series['columns']} {series['photometric']}, decoder: {series['decoder']}")
        if series["burned_in"]:
            print(f"    WARNING: {series['burned_in']}")
    privacy = item["privacy"]
    if privacy.get("deidentified"):
        redactions = ", ".join(f"{k} {v}" for k, v in sorted(privacy.get("text_redactions", {}).items()))
        print(f"  de-identified: text redactions: {redactions or 'none found'}")
        if privacy.get("dicom_profile"):
            print(f"  DICOM profile: {', '.join(privacy['dicom_profile'])}")
    for warning in item["warnings"]:
        print(f"  note: {warning}")
    if with_text:
        print("  --- text the model reads ---")
        print("\n".join("  " + line for line in item.get("text", "").splitlines()))
