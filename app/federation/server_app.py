"""Enclave's ServerApp: one study per run, at the coordinator.

1. Wait for the study's participants, then ask each node to check the study (signature,
   approval, budget): one refusal, or a missing site, ends the run with every reason listed.
2. Aggregate: Flower's SecAgg+ workflow (the coordinator sees only the sum), or every site's
   signed ciphertext relayed to the key-holder site, which adds them itself and decrypts
   only that sum, once per approval.
3. Combine into a result with intervals (app/core/federation/study.py) and write it, with any
   failure, to the result file the ``enclave federation study run`` command reads.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np
from flwr.common import Context, GetPropertiesIns, Message, ndarrays_to_parameters
from flwr.common.constant import MessageTypeLegacy
from flwr.compat.common.recorddict_compat import (
    getpropertiesins_to_recorddict,
    recorddict_to_getpropertiesres,
)
from flwr.server import Grid, LegacyContext, ServerApp, ServerConfig
from flwr.server.strategy import FedAvg
from flwr.server.workflow import DefaultWorkflow, SecAggPlusWorkflow
from flwr.server.workflow.constant import MAIN_PARAMS_RECORD

from app.core.federation.secagg import MAX_WEIGHT, SecAggScale
from app.core.federation.study import Study, combine

_timeouts = {"join": 120.0, "reply": 300.0}  # seconds; from the run config

app = ServerApp()


class StudyFailed(RuntimeError):
    pass


class _CountingGrid:
    """The Grid, counting the bytes of every message's content sent and received (what a study
    costs on the wire, before TLS and HTTP framing)."""

    def __init__(self, grid: Grid) -> None:
        self._grid = grid
        self.sent = 0
        self.received = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._grid, name)

    @staticmethod
    def _size(message: Message) -> int:
        from flwr.supercore.inflatable.inflatable_object import get_all_nested_objects

        try:  # every object of the message's tree: Flower sends children as their own objects
            return (
                sum(len(o.deflate()) for o in get_all_nested_objects(message.content).values())
                if message.has_content()
                else 0
            )
        except Exception:  # a size is a figure, never a reason to fail a study
            return 0

    def push_messages(self, messages: Any) -> Any:
        messages = list(messages)
        self.sent += sum(self._size(m) for m in messages)
        return self._grid.push_messages(messages)

    def pull_messages(self, message_ids: Any) -> Any:
        replies = list(self._grid.pull_messages(message_ids))
        self.received += sum(self._size(m) for m in replies)
        return replies

    def send_and_receive(self, messages: Any, *, timeout: float | None = None) -> Any:
        messages = list(messages)
        self.sent += sum(self._size(m) for m in messages)
        replies = list(self._grid.send_and_receive(messages, timeout=timeout))
        self.received += sum(self._size(m) for m in replies)
        return replies


def _ask(grid: Grid, nodes: list[int], config: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """A legacy get_properties message to each node; node -> its reply, or {"error": ...}."""
    messages = [
        Message(
            getpropertiesins_to_recorddict(GetPropertiesIns(config)),
            dst_node_id=node,
            message_type=MessageTypeLegacy.GET_PROPERTIES,
        )
        for node in nodes
    ]
    replies: dict[int, dict[str, Any]] = {node: {"error": "no reply within the time limit"} for node in nodes}
    for reply in grid.send_and_receive(messages, timeout=_timeouts["reply"]):
        node = reply.metadata.src_node_id
        if reply.has_error():
            replies[node] = {"error": f"the node failed ({reply.error.reason})"}
        else:
            replies[node] = dict(recorddict_to_getpropertiesres(reply.content).properties)
    return replies


def _nodes(grid: Grid, study: Study) -> list[int]:
    deadline = time.monotonic() + _timeouts["join"]
    while True:
        nodes = sorted(grid.get_node_ids())
        if len(nodes) >= len(study.participants) or time.monotonic() > deadline:
            return nodes
        time.sleep(0.5)


class _CountingFedAvg(FedAvg):
    """FedAvg that remembers how many sites' vectors SecAgg+ unmasked (its mean x that = sum)."""

    answered = 0

    def aggregate_fit(self, server_round: int, results: Any, failures: Any) -> Any:
        self.answered = len(results)
        if failures:
            raise StudyFailed(f"{len(failures)} site(s) failed during secure aggregation")
        return super().aggregate_fit(server_round, results, failures)


def _secagg(grid: Grid, context: Context, study: Study, config: dict[str, Any], sites: int) -> list[int]:
    scale = SecAggScale()
    scale.check_sites(sites)
    size = len(study.cells())
    strategy = _CountingFedAvg(
        fraction_fit=1.0,
        fraction_evaluate=0.0,
        min_fit_clients=sites,
        min_available_clients=sites,
        accept_failures=False,
        initial_parameters=ndarrays_to_parameters([np.zeros(size)]),
        on_fit_config_fn=lambda _round: dict(config),
    )
    legacy = LegacyContext(context=context, config=ServerConfig(num_rounds=1), strategy=strategy)
    workflow = DefaultWorkflow(
        fit_workflow=SecAggPlusWorkflow(
            # Flower needs threshold < shares; a site that drops out still fails the study below.
            num_shares=sites,
            reconstruction_threshold=sites - 1,
            max_weight=MAX_WEIGHT,
            clipping_range=float(scale.clipping_range),
            quantization_range=scale.quantization_range,
            modulus_range=scale.modulus_range,
            timeout=_timeouts["reply"],
        )
    )
    workflow(grid, legacy)
    if strategy.answered != sites:
        raise StudyFailed(
            f"secure aggregation ended with {strategy.answered} of {sites} sites: below the "
            "reconstruction threshold, no total is reported"
        )
    arrays = legacy.state.array_records[MAIN_PARAMS_RECORD].to_numpy_ndarrays()
    mean = np.concatenate([np.asarray(a, dtype=float).ravel() for a in arrays])[:size]
    return scale.total_from_mean(mean.tolist(), sites)


def _homomorphic(
    grid: Grid, study: Study, config: dict[str, Any], nodes: list[int], holder: int
) -> list[int]:
    """Every site encrypts and signs its answer; the key-holder is sent every site's signed
    ciphertext, adds them itself and decrypts only that sum (it refuses anything less)."""
    replies = _ask(grid, nodes, {**config, "phase": "encrypt"})
    contributions: dict[str, Any] = {}
    for node, reply in replies.items():
        if "ciphertext" not in reply or not reply.get("site"):
            raise StudyFailed(f"{reply.get('site', node)}: {reply.get('error', 'no ciphertext')}")
        contributions[f"ciphertext.{reply['site']}"] = bytes(reply["ciphertext"])
        contributions[f"signature.{reply['site']}"] = str(reply.get("contribution_signature", ""))
    decrypted = _ask(grid, [holder], {**config, "phase": "decrypt", **contributions})[holder]
    if "values" not in decrypted:
        raise StudyFailed(f"the key-holder could not decrypt the total: {decrypted.get('error')}")
    values = json.loads(str(decrypted["values"]))
    return [int(v) for v in values]


def _plain(grid: Grid, config: dict[str, Any], nodes: list[int]) -> list[int]:
    """The baseline: each site's noised numbers in the clear, summed here."""
    total: list[int] | None = None
    for node, reply in _ask(grid, nodes, {**config, "phase": "plain"}).items():
        if "values" not in reply:
            raise StudyFailed(f"{reply.get('site', node)}: {reply.get('error', 'no answer')}")
        values = [int(v) for v in json.loads(str(reply["values"]))]
        total = values if total is None else [a + b for a, b in zip(total, values, strict=True)]
    return total or []


class _Done(Exception):
    """A training run finished (its outcome is set)."""


def _training(grid: Grid, context: Context) -> dict[str, Any]:
    from app.core.federation.training_plan import TrainingPlan
    from app.federation import server_training

    plan = TrainingPlan.from_dict(json.loads(str(context.run_config["plan"])))
    nodes = sorted(grid.get_node_ids())
    deadline = time.monotonic() + _timeouts["join"]
    while len(nodes) < len(plan.participants) and time.monotonic() < deadline:
        time.sleep(0.5)
        nodes = sorted(grid.get_node_ids())
    config = {"kind": "training", "plan": str(context.run_config["plan"]),
              "signature": str(context.run_config["signature"]), "phase": "check"}  # fmt: skip
    # Which node is which site: every node names itself in its check reply.
    replies = _ask(grid, nodes, config)
    by_site = {str(r.get("site")): node for node, r in replies.items() if r.get("site")}
    missing = [s for s in plan.participants if s not in by_site]
    if missing:
        raise StudyFailed(f"the training cannot start: not connected: {', '.join(missing)}")
    return server_training.train(grid, context, _ask, by_site, _timeouts["reply"])


@app.main()
def main(grid: Grid, context: Context) -> None:
    started = time.perf_counter()
    grid = _CountingGrid(grid)  # type: ignore[assignment]
    result_path = Path(str(context.run_config["result"]))
    outcome: dict[str, Any]
    try:
        _timeouts["join"] = float(context.run_config.get("join_timeout", 120))
        _timeouts["reply"] = float(context.run_config.get("reply_timeout", 300))
        if str(context.run_config.get("plan", "")):
            outcome = _training(grid, context)
            raise _Done
        study = Study.from_dict(json.loads(str(context.run_config["study"])))
        config = {
            "study": str(context.run_config["study"]),
            "signature": str(context.run_config["signature"]),
        }
        nodes = _nodes(grid, study)
        checks = _ask(grid, nodes, {**config, "phase": "check"})
        by_site = {str(r.get("site")): node for node, r in checks.items() if r.get("site")}
        problems = [f"{r.get('site', node)}: {r['error']}" for node, r in checks.items() if r.get("error")]
        missing = [s for s in study.participants if s not in by_site]
        if missing:
            problems.append(f"not connected: {', '.join(missing)}")
        if problems:
            raise StudyFailed("the study cannot run: " + "; ".join(problems))
        nodes = [by_site[s] for s in study.participants]
        if study.aggregation == "secagg":
            flat = _secagg(grid, context, study, config, len(nodes))
        elif study.aggregation == "plain":
            flat = _plain(grid, config, nodes)
        else:
            holder_site = str(context.run_config.get("he_key_holder", ""))
            if holder_site not in by_site:
                raise StudyFailed("the homomorphic key-holder site is not among the participants")
            flat = _homomorphic(grid, study, config, nodes, by_site[holder_site])
        totals, at = [], 0
        for part in study.query.parts():
            totals.append(flat[at : at + len(part.cells)])
            at += len(part.cells)
        result = combine(study, totals, study.participants)
        outcome = {
            "ok": True,
            "study": study.study_id,
            "sites": list(result.sites),
            "epsilon": result.epsilon,
            "confidence": result.confidence,
            "notes": result.notes,
            "totals": totals,
            "estimates": [vars(e) for e in result.estimates],
            "mean": vars(result.mean) if result.mean else None,
        }
    except _Done:
        pass
    except Exception as exc:  # the run's one outcome: written for the command to report
        outcome = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    counted = grid if isinstance(grid, _CountingGrid) else None
    outcome["seconds"] = round(time.perf_counter() - started, 3)
    outcome["bytes_sent"] = counted.sent if counted else 0
    outcome["bytes_received"] = counted.received if counted else 0
    result_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = result_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(outcome, ensure_ascii=False), encoding="utf-8")
    tmp.replace(result_path)
