"""Findings extraction measured against the IU corpus's 'Problems' codes (printed, not asserted).

    .venv/bin/python -m tests.benchmarks.bench_findings --n 20 [--model PATH] [--max-tokens 384]

(The same figures as ``enclave eval findings``; the logic lives in app/core/tasks/evaluation.py.)

For each of N reports it runs the findings task (JSON schema, grounding, negation rules)
and scores the labels on the small vocabulary: precision, recall and F1 per label, for all
findings and for grounded findings only, with the share of grounded evidence and of valid
JSON. The baseline beside it is the model-free reader (vocabulary words + negation rules),
so the figures say what the model adds. With the demo model (SmolLM2-135M) the scores are
low; the same command runs unchanged with Qwen2.5-7B on a GPU.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.core import offline

offline.install()

from app.core.tasks.evaluation import read_corpus  # noqa: E402
from app.core.tasks.results import TaskResult  # noqa: E402
from app.services import Services  # noqa: E402
from app.services import tasks as task_services  # noqa: E402

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "iu_cxr_reports.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--model", default=None)
    parser.add_argument("--max-tokens", type=int, default=384)
    parser.add_argument("--start", type=int, default=0, help="first row (reports are taken in order)")
    args = parser.parse_args(argv)

    rows = read_corpus(args.corpus, args.n, args.start)
    services = Services(model_path=args.model)
    services.settings.n_ctx = min(services.settings.n_ctx, 4096)
    report = services.load_model()
    print(f"model: {report.model_name} · {report.summary()}", file=sys.stderr)

    def progress(done: int, total: int, name: str, result: TaskResult) -> None:
        print(f"[{done}/{total}] {name}: {len(result.findings or [])} findings, "
              f"json {'ok' if result.json_valid else 'cut/invalid'}", file=sys.stderr)

    try:
        evaluation = task_services.evaluate_findings(services, rows, max_tokens=args.max_tokens,
                                                     progress=progress)  # fmt: skip
    finally:
        services.close()
    print()
    print(evaluation.text(report.model_name), end="")
    ratio = evaluation.model_seconds / max(evaluation.baseline_seconds, 1e-9)
    print(f"time per report model / baseline = {ratio:.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
