"""``enclave eval``: findings extraction scored against a labelled corpus, and the deterministic
readers run alone on a case file.

``enclave eval followup|certainty|grounding|redaction --cases F.jsonl --predictions OUT.jsonl``
runs one reader (no model) on every case and writes one prediction per case in the shape of
the evaluation sets' FORMAT.md, for their ``score.py``.

``enclave eval findings --corpus CSV --n N``: findings extraction scored against a labelled corpus.

The corpus is a CSV with the report parts (image, indication, comparison, findings,
impression) and a 'Problems' column of reference codes, as the IU chest X-ray collection
has. Printed: precision, recall and F1 per label on the small vocabulary (all findings, and
grounded ones only), the share of grounded evidence, JSON validity, seconds per report, and
the model-free baseline beside them. ``--json F`` also writes the figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAIL = 0, 1


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def register(subparsers: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    parser = subparsers.add_parser("eval", help="score a task against a labelled corpus")
    kinds = parser.add_subparsers(dest="eval_kind", required=True, metavar="KIND")
    findings = kinds.add_parser("findings", help="findings extraction against the corpus's 'Problems' codes")
    findings.add_argument("--corpus", required=True, type=Path, metavar="CSV")
    findings.add_argument("--n", type=_positive, default=20, help="reports to run (default 20)")
    findings.add_argument("--start", type=int, default=0, help="first report (taken in order)")
    findings.add_argument("--json", metavar="F", type=Path, default=None, help="also write the figures here")
    findings.add_argument("--max-tokens", type=_positive, default=None)
    findings.add_argument("--model", metavar="PATH", help="GGUF model file")
    readers = {
        "followup": "the Fleischner calculator on fleischner.jsonl cases",
        "certainty": "the certainty reader on certainty.jsonl cases",
        "grounding": "the grounding check on grounding.jsonl cases",
        "redaction": "privacy-high redaction on redaction.jsonl cases",
    }
    for kind, text in readers.items():
        reader = kinds.add_parser(kind, help=f"{text} (no model)")
        reader.add_argument("--cases", required=True, type=Path, metavar="F.jsonl")
        reader.add_argument("--predictions", required=True, type=Path, metavar="OUT.jsonl")
    return {"eval": run}


def _eprint(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    if args.eval_kind != "findings":
        return run_reader(args)
    return run_findings(args)


def run_reader(args: argparse.Namespace) -> int:
    """One deterministic reader on a case file; a prediction line per case, problems on stderr."""
    from app.services.reader_eval import CaseFileError, predict_file

    try:
        summary = predict_file(args.eval_kind, args.cases, args.predictions, on_problem=_eprint)
    except CaseFileError as exc:
        _eprint(f"enclave: {exc}")
        return EXIT_FAIL
    _eprint(f"enclave: {summary.cases} cases, {summary.answered} answered, {summary.declined} without an "
            f"answer ({summary.unreadable} unreadable); predictions in {args.predictions}")
    return EXIT_OK


def run_findings(args: argparse.Namespace) -> int:
    from app.core.llm.errors import EngineError
    from app.core.tasks.evaluation import CorpusError, read_corpus
    from app.core.tasks.results import TaskResult
    from app.services import Services
    from app.services import tasks as task_services

    try:
        rows = read_corpus(args.corpus, args.n, max(args.start, 0))
    except CorpusError as exc:
        _eprint(f"enclave: {exc}")
        return EXIT_FAIL
    if not rows:
        _eprint(f"enclave: {args.corpus.name}: has no report from number {args.start}")
        return EXIT_FAIL

    def progress(done: int, total: int, name: str, result: TaskResult) -> None:
        found = result.findings or []
        grounded = sum(f.grounding.grounded for f in found)
        _eprint(f"enclave: [{done}/{total}] {name}: {len(found)} findings ({grounded} grounded), "
                f"json {'ok' if result.json_valid else 'cut/invalid'}")  # fmt: skip

    services = Services(model_path=args.model)
    try:
        report = services.load_model()
        for warning in report.warnings:
            _eprint(f"enclave: note: {warning}")
        _eprint(f"enclave: model {report.model_name} · {report.summary()}")
        evaluation = task_services.evaluate_findings(services, rows, max_tokens=args.max_tokens,
                                                     progress=progress)  # fmt: skip
    except KeyboardInterrupt:
        _eprint("\nenclave: interrupted")
        return EXIT_FAIL
    except EngineError as exc:
        _eprint(f"enclave: {exc}")
        return EXIT_FAIL
    finally:
        services.close()
    sys.stdout.write(evaluation.text(report.model_name))
    if args.json is not None:
        data = {"task": "findings", "corpus": args.corpus.name, "start": args.start,
                "model": report.model_name, "backend": report.summary(), "max_tokens": args.max_tokens,
                **evaluation.to_dict()}  # fmt: skip
        try:
            args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            _eprint(f"enclave: {args.json}: cannot be written ({exc.strerror or exc})")
            return EXIT_FAIL
    return EXIT_OK
