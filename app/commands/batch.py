"""``enclave batch FOLDER --task T --out F.jsonl``: one task over many documents, resumable.

Progress with an ETA goes to stderr; one JSON line per document goes to the output file
(``--csv`` also writes a spreadsheet of it at the end). Run the same command again after
an interruption and it continues where it stopped.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.core.tasks.catalogue import TASKS

EXIT_OK, EXIT_FAIL = 0, 1


def register(subparsers: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    parser = subparsers.add_parser("batch", help="run a task over every document in a folder "
                                   "(resumable, one JSON line per document)")  # fmt: skip
    parser.add_argument("folder", metavar="FOLDER")
    parser.add_argument("--task", choices=TASKS, default="findings")
    parser.add_argument("--out", required=True, metavar="F.jsonl", help="output file (appended; resumable)")
    parser.add_argument("--csv", metavar="F.csv", default=None, help="also write a CSV of the results")
    parser.add_argument("--lang", choices=("en", "zh_CN"), default=None)
    parser.add_argument("--to", choices=("en", "zh_CN"), default=None, help="target for --task translate")
    parser.add_argument("--max-tokens", type=int, default=None)
    parser.add_argument("--parallel", type=int, default=None, metavar="N",
                        help="decode N documents at once in one context (default: the batch_parallel "
                        "setting, else 1)")  # fmt: skip
    parser.add_argument("--retry-errors", action="store_true", help="run again the files that failed before")
    parser.add_argument("--model", metavar="PATH", help="GGUF model file")
    return {"batch": run}


def _eprint(text: str, end: str = "\n") -> None:
    sys.stderr.write(text + end)
    sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from app.core.llm.errors import EngineError
    from app.core.tasks.batch import BatchProgress, export_csv
    from app.core.tasks.runner import TaskRequest
    from app.services import Services
    from app.services import tasks as task_services

    folder, out = Path(args.folder), Path(args.out)
    if not folder.is_dir():
        _eprint(f"enclave: {folder}: is not a folder")
        return EXIT_FAIL
    services = Services(model_path=args.model)
    interactive = sys.stderr.isatty()

    def progress(state: BatchProgress) -> None:
        if interactive:
            _eprint("\r" + state.line()[:150].ljust(150), end="")
        else:
            _eprint(f"enclave: {state.line()}")

    try:
        _eprint("enclave: loading the model")
        report = services.load_model()
        for warning in report.warnings:
            _eprint(f"enclave: note: {warning}")
        _eprint(f"enclave: model {report.model_name} · {report.summary()}")
        language = args.lang or services.settings.language
        request = TaskRequest(args.task, language=language, target_language=args.to or "")
        parallel = args.parallel or int(getattr(services.settings, "batch_parallel", 1))
        summary = task_services.batch(services, folder, out, request, max_tokens=args.max_tokens,
                                      progress=progress, retry_errors=args.retry_errors,
                                      parallel=max(1, parallel))  # fmt: skip
    except KeyboardInterrupt:
        _eprint("\nenclave: interrupted; run the same command again to continue")
        return EXIT_FAIL
    except EngineError as exc:
        _eprint(f"enclave: {exc}")
        return EXIT_FAIL
    finally:
        services.close()
    if interactive:
        _eprint("")
    for name, message in summary.errors:
        _eprint(f"enclave: {name}: {message}")
    _eprint(f"enclave: {summary.processed} done ({summary.failed} errors), {summary.skipped} already "
            f"done before, {summary.seconds:.1f} s; results in {out}")  # fmt: skip
    if args.csv:
        rows = export_csv(out, Path(args.csv))
        _eprint(f"enclave: {rows} rows written to {args.csv}")
    return EXIT_FAIL if summary.failed else EXIT_OK
