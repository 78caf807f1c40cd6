"""Findings extraction measured against the IU corpus's 'Problems' codes (printed, not asserted).

    .venv/bin/python -m tests.benchmarks.bench_findings --n 20 [--model PATH] [--max-tokens 384]

For each of N reports it runs the findings task (JSON schema, grounding, negation rules)
and scores the labels on the small vocabulary: precision, recall and F1 per label, for all
findings and for grounded findings only, with the share of grounded evidence and of valid
JSON. The baseline beside it is the model-free reader (vocabulary words + negation rules),
so the figures say what the model adds. With the demo model (SmolLM2-135M) the scores are
low; the same command runs unchanged with Qwen2.5-7B on a GPU.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

from app.core import offline

offline.install()

from app.core.tasks.evaluation import Scores, predicted_labels  # noqa: E402
from app.core.tasks.findings import rule_findings  # noqa: E402
from app.core.tasks.runner import TaskRequest  # noqa: E402
from app.core.tasks.vocabulary import iu_labels  # noqa: E402
from app.services import Services  # noqa: E402
from app.services import tasks as task_services  # noqa: E402

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "iu_cxr_reports.csv"


def report_text(row: dict[str, str]) -> str:
    parts = [("EXAMINATION", row["image"]), ("INDICATION", row["indication"]),
             ("COMPARISON", row["comparison"]), ("FINDINGS", row["findings"]),
             ("IMPRESSION", row["impression"])]  # fmt: skip
    return "\n".join(f"{title}: {text}" for title, text in parts if text.strip()) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--model", default=None)
    parser.add_argument("--max-tokens", type=int, default=384)
    parser.add_argument("--start", type=int, default=0, help="first row (reports are taken in order)")
    args = parser.parse_args(argv)

    with args.corpus.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if (r["findings"] + r["impression"]).strip()]
    rows = rows[args.start: args.start + args.n]
    services = Services(model_path=args.model)
    services.settings.n_ctx = min(services.settings.n_ctx, 4096)
    report = services.load_model()
    print(f"model: {report.model_name} · {report.summary()}", file=sys.stderr)

    model_all, model_grounded, baseline = Scores(), Scores(), Scores()
    valid = findings_total = grounded_total = 0
    model_seconds = baseline_seconds = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for index, row in enumerate(rows, start=1):
            path = Path(folder) / f"iu-{row['uid']}.txt"
            path.write_text(report_text(row), encoding="utf-8")
            documents = services.read_documents([path]).documents
            reference = iu_labels(row["Problems"])

            started = time.perf_counter()
            rules = rule_findings(documents[0].text())
            baseline_seconds += time.perf_counter() - started
            baseline.add(predicted_labels(rules), reference)

            started = time.perf_counter()
            result = task_services.analyze(services, documents, TaskRequest("findings"),
                                           max_tokens=args.max_tokens)  # fmt: skip
            model_seconds += time.perf_counter() - started
            found = result.findings or []
            valid += bool(result.json_valid)
            findings_total += len(found)
            grounded_total += sum(f.grounding.grounded for f in found)
            model_all.add(predicted_labels(found), reference)
            model_grounded.add(predicted_labels(found, grounded_only=True), reference)
            print(f"[{index}/{len(rows)}] uid {row['uid']}: {len(found)} findings, "
                  f"json {'ok' if result.json_valid else 'cut/invalid'}", file=sys.stderr)
    services.close()

    n = len(rows)
    print(f"\nFindings extraction on {n} IU reports (reference: the 'Problems' codes)")
    print(f"model {report.model_name}: valid JSON {valid}/{n} ({valid / n:.0%}); "
          f"{findings_total} findings, grounded {grounded_total}/{findings_total} "
          f"({grounded_total / findings_total if findings_total else 0:.0%}); "
          f"{model_seconds / n:.2f} s per report")
    print("\n-- model, all findings --")
    print(model_all.table())
    print("\n-- model, grounded findings only --")
    print(model_grounded.table())
    print(f"\n-- baseline: vocabulary words + negation rules, no model ({baseline_seconds / n * 1000:.1f} ms "
          "per report) --")
    print(baseline.table())
    ratio = model_all.micro.f1 / baseline.micro.f1 if baseline.micro.f1 else float("nan")
    print(f"\nmicro-F1: model {model_all.micro.f1:.2f}, grounded-only {model_grounded.micro.f1:.2f}, "
          f"baseline {baseline.micro.f1:.2f} (model / baseline = {ratio:.2f}); time per report "
          f"model / baseline = {model_seconds / max(baseline_seconds, 1e-9):.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
