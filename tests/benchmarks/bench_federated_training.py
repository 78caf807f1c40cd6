"""Federated training of the findings model, measured on the IU corpus (../shared/corpus).

    python -m tests.benchmarks.bench_federated_training [--rounds 20] [--repeats 3] [--json F]

The 3,059 reports with text are shuffled (fixed seed) into a held-out test set (20 %) and
three sites of 60 / 30 / 10 % of the rest. Every arm trains with the code the nodes run
(app/core/federation/site_training.py: enrolment, local rounds, the SecAgg+ encoding of the
updates, FedAvg); only the transport is left out (the loopback consortium tests cover it).
Arms: (a) each site alone, (b) federated, (c) central training on the pooled reports,
(d) federated with DP-SGD at each site at ε = 1, 3 and 8 (δ = 1e-5, per report). DP arms draw
fresh noise each repeat and are reported as mean ± standard deviation over the repeats.
Macro-F1 is over the finding labels with at least one positive in the test set; the
"common" column is over the labels with at least 20 test positives.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from app.core.federation.features import featurise
from app.core.federation.findings_model import FindingsModel, f1_scores, labels_matrix
from app.core.federation.labelled import LabelledReport, read_labelled_csv, split
from app.core.federation.site_training import simulate
from app.core.federation.training import initial_model, train_alone
from app.core.federation.training_plan import TrainingPlan

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "iu_cxr_reports.csv"
SITES = ("hospital_a", "hospital_b", "hospital_c")
SHARES = (0.2, 0.48, 0.24, 0.08)  # test, then 60 / 30 / 10 % of the remaining 80 %
COMMON = 20


def alone(reports: list[LabelledReport], rounds: int, dims: int) -> FindingsModel:
    features = featurise([r.text for r in reports], dims)
    targets = labels_matrix([dict(r.labels) for r in reports])
    return train_alone(features, targets, rounds, np.random.default_rng(20261202))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    reports = read_labelled_csv(args.corpus)
    test, *parts = split(reports, SHARES, seed=7)
    sites = dict(zip(SITES, parts, strict=True))
    plan = TrainingPlan("bench", "benchmark", SITES, rounds=args.rounds, epsilon=None)
    features = featurise([r.text for r in test], plan.dims)
    targets = labels_matrix([dict(r.labels) for r in test])
    positives = targets.sum(axis=0)
    common = [
        label for label, n in zip(initial_model(plan.dims).labels, positives, strict=True) if n >= COMMON
    ]
    rows: list[dict[str, Any]] = []

    def score(name: str, models: list[FindingsModel], seconds: float) -> None:
        results = [f1_scores(m, features, targets) for m in models]
        macro = [r.macro_f1 for r in results]
        common_f1 = [statistics.mean(r.per_label[label] for label in common) for r in results]
        rows.append(
            {
                "arm": name,
                "macro_f1": statistics.mean(macro),
                "sd": statistics.stdev(macro) if len(macro) > 1 else 0.0,
                "common_f1": statistics.mean(common_f1),
                "seconds": seconds / len(models),
                "per_label": {
                    k: statistics.mean(r.per_label[k] for r in results) for k in results[0].per_label
                },
            }
        )
        row = rows[-1]
        spread = f" ± {row['sd']:.3f}" if len(models) > 1 else ""
        print(
            f"  {name:<34} {row['macro_f1']:.3f}{spread:<8}  {row['common_f1']:.3f}   "
            f"{row['seconds']:6.1f} s",
            flush=True,
        )

    print(
        f"{len(reports):,} labelled reports: test {len(test)}, "
        + ", ".join(f"{s} {len(p)}" for s, p in sites.items())
        + f"; {args.rounds} rounds, {plan.dims} features"
    )
    print(
        "  test positives:",
        dict(zip(initial_model(plan.dims).labels, positives.astype(int).tolist(), strict=True)),
    )
    print(f"  {'arm':<34} {'macro-F1':<14}  {'common':<6}  {'time/run':>8}")
    for name in SITES:
        started = time.perf_counter()
        score(
            f"(a) {name} alone ({len(sites[name])})",
            [alone(sites[name], args.rounds, plan.dims)],
            time.perf_counter() - started,
        )
    started = time.perf_counter()
    score("(b) federated, 3 sites", [simulate(plan, sites)], time.perf_counter() - started)
    started = time.perf_counter()
    pooled = [r for part in parts for r in part]
    score(
        f"(c) central, pooled ({len(pooled)})",
        [alone(pooled, args.rounds, plan.dims)],
        time.perf_counter() - started,
    )
    for epsilon in (8.0, 3.0, 1.0):
        private = TrainingPlan("bench", "benchmark", SITES, rounds=args.rounds, epsilon=epsilon)
        started = time.perf_counter()
        models = [simulate(private, sites) for _ in range(args.repeats)]
        score(f"(d) federated, DP ε = {epsilon:g}", models, time.perf_counter() - started)
    central = next(r for r in rows if r["arm"].startswith("(c)"))["macro_f1"]
    federated = next(r for r in rows if r["arm"].startswith("(b)"))["macro_f1"]
    dp8 = next(r for r in rows if "ε = 8" in r["arm"])["macro_f1"]
    smallest = next(r for r in rows if r["arm"].startswith(f"(a) {SITES[-1]}"))["macro_f1"]
    ratios = {
        "federated/central": federated / central,
        "federated ε=8/central": dp8 / central,
        "smallest site: federated - alone": federated - smallest,
        "smallest site: federated ε=8 - alone": dp8 - smallest,
    }
    print(
        f"  federated / central = {ratios['federated/central']:.3f} (goal ≥ 0.97: "
        f"{'met' if ratios['federated/central'] >= 0.97 else 'NOT met'})"
    )
    print(
        f"  federated ε = 8 / central = {ratios['federated ε=8/central']:.3f} (goal ≥ 0.9: "
        f"{'met' if ratios['federated ε=8/central'] >= 0.9 else 'NOT met'})"
    )
    print(
        f"  smallest site's gain: +{ratios['smallest site: federated - alone']:.3f} macro-F1 federated, "
        f"{ratios['smallest site: federated ε=8 - alone']:+.3f} at ε = 8"
    )
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "ratios": ratios, "rounds": args.rounds}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
