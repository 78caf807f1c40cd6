"""The coordinator's side of a training run (called by server_app.py for a training plan).

1. Every participant checks the plan (signature, approval, budget, enough labelled reports).
2. Each round: the global weights go out; every site trains and sends its update through
   SecAgg+ (the coordinator unmasks only the sum); FedAvg makes the next global model. A
   round that fewer sites than the plan requires finish ends the run: no model is issued.
3. The final model is signed with the consortium's signing key, written to the coordinator's
   state, and sent to every participant, which checks it against its own trusted keys before
   installing it.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from flwr.common import Context, ndarrays_to_parameters
from flwr.server import Grid, LegacyContext, ServerConfig
from flwr.server.strategy import FedAvg
from flwr.server.workflow import DefaultWorkflow, SecAggPlusWorkflow
from flwr.server.workflow.constant import MAIN_PARAMS_RECORD

from app.core.federation import accounting, model_file
from app.core.federation.findings_model import FindingsModel
from app.core.federation.secagg import MAX_WEIGHT, UpdateScale
from app.core.federation.site_training import decode_sum
from app.core.federation.training import initial_model, recipe
from app.core.federation.training_plan import TrainingPlan


class TrainingFailed(RuntimeError):
    pass


class _RoundFedAvg(FedAvg):
    """FedAvg over SecAgg+'s unmasked mean; remembers how many sites it came from."""

    answered = 0
    failures = 0

    def aggregate_fit(self, server_round: int, results: Any, failures: Any) -> Any:
        self.answered, self.failures = len(results), len(failures)
        return super().aggregate_fit(server_round, results, failures)


def _round(
    grid: Grid,
    context: Context,
    plan: TrainingPlan,
    config: dict[str, Any],
    model: FindingsModel,
    number: int,
    timeout: float,
) -> tuple[FindingsModel, int]:
    scale = UpdateScale()
    sites = len(plan.participants)
    scale.check_sites(sites)
    strategy = _RoundFedAvg(
        fraction_fit=1.0,
        fraction_evaluate=0.0,
        min_fit_clients=plan.required_sites,
        min_available_clients=plan.required_sites,
        accept_failures=True,
        initial_parameters=ndarrays_to_parameters([model.weights.ravel()]),
        on_fit_config_fn=lambda _r: {**config, "round": number},
    )
    legacy = LegacyContext(context=context, config=ServerConfig(num_rounds=1), strategy=strategy)
    workflow = DefaultWorkflow(
        fit_workflow=SecAggPlusWorkflow(
            num_shares=sites,
            # Flower needs threshold < shares; the plan's min_sites decides if a round with a
            # dropped site still counts (below).
            reconstruction_threshold=max(2, min(plan.required_sites, sites - 1)),
            max_weight=MAX_WEIGHT,
            clipping_range=float(scale.clipping_range),
            quantization_range=scale.quantization_range,
            modulus_range=scale.modulus_range,
            timeout=timeout,
        )
    )
    workflow(grid, legacy)
    if strategy.answered < plan.required_sites:
        raise TrainingFailed(
            f"round {number}: {strategy.answered} of {sites} sites finished (the plan needs "
            f"{plan.required_sites}); training stopped and no model was issued"
        )
    arrays = legacy.state.array_records[MAIN_PARAMS_RECORD].to_numpy_ndarrays()
    mean = np.concatenate([np.asarray(a, dtype=float).ravel() for a in arrays])
    return decode_sum(model, mean * strategy.answered), strategy.answered


def train(
    grid: Grid, context: Context, ask: Any, participants: dict[str, int], timeout: float
) -> dict[str, Any]:
    """Run the plan of ``context``; ``ask`` sends get_properties to nodes (server_app._ask)."""
    plan = TrainingPlan.from_dict(json.loads(str(context.run_config["plan"])))
    config = {
        "kind": "training",
        "plan": str(context.run_config["plan"]),
        "signature": str(context.run_config["signature"]),
    }
    nodes = [participants[s] for s in plan.participants]
    checks = ask(grid, nodes, {**config, "phase": "check"})
    problems = [f"{r.get('site', n)}: {r['error']}" for n, r in checks.items() if r.get("error")]
    if problems:
        raise TrainingFailed("the training cannot start: " + "; ".join(problems))
    model = initial_model(plan.dims)
    rounds: list[dict[str, Any]] = []
    progress = Path(str(context.run_config["result"])).with_suffix(".progress")
    for number in range(1, plan.rounds + 1):
        connected = set(grid.get_node_ids())
        present = [s for s in plan.participants if participants[s] in connected]
        if len(present) < plan.required_sites:
            missing = ", ".join(s for s in plan.participants if s not in present)
            raise TrainingFailed(
                f"round {number}: not connected: {missing}; training stopped, no model issued"
            )
        started = time.perf_counter()
        model, answered = _round(grid, context, plan, config, model, number, timeout)
        rounds.append(
            {"round": number, "sites": answered, "seconds": round(time.perf_counter() - started, 2)}
        )
        progress.write_text(json.dumps(rounds[-1]), encoding="utf-8")
    provenance = model_file.Provenance(
        plan=plan.study_id,
        fingerprint=plan.fingerprint(),
        rounds=plan.rounds,
        sites=plan.participants,
        epsilon=plan.epsilon,
        delta=plan.delta if plan.epsilon is not None else None,
        accountant=accounting.ACCOUNTANT if plan.epsilon is not None else "",
        recipe={
            **vars(recipe(plan.epsilon is not None)),
            "fedavg": "report-weighted",
            "aggregation": "SecAgg+",
        },
        created=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    data = model_file.encode(model, provenance, Path(str(context.run_config["signing_key"])))
    folder = Path(str(context.run_config["result"])).parent.parent / "models"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{plan.study_id}-{time.strftime('%Y%m%dT%H%M%S')}{model_file.SUFFIX}"
    path.write_bytes(data)
    installed = ask(grid, nodes, {**config, "phase": "install", "model": data})
    return {
        "ok": True,
        "kind": "training",
        "plan": plan.study_id,
        "rounds": rounds,
        "sites": list(plan.participants),
        "epsilon": plan.epsilon,
        "delta": plan.delta,
        "model": str(path),
        "bytes": len(data),
        "installed": {
            str(r.get("site", n)): r.get("installed") or f"refused: {r.get('error')}"
            for n, r in installed.items()
        },
    }
