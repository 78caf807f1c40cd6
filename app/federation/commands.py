"""``enclave federation ...``: the opt-in node and coordinator, and the studies they run.

Only this command family may reach another machine, and only the addresses in its config;
it needs the ``enclave[federation]`` extra. Importing this module imports no Flower code.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _eprint(*parts: object) -> None:
    print(*parts, file=sys.stderr)


def register(sub: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    parser = sub.add_parser("federation", help="cross-hospital studies (opt-in node and coordinator)")
    fed = parser.add_subparsers(dest="federation_command", required=True)
    certs = fed.add_parser(
        "certs", help="make the consortium CA, TLS and node keys, and the study-signing key"
    )
    certs.add_argument("--out", required=True, type=Path)
    certs.add_argument("--consortium", required=True, help="the consortium's name")
    certs.add_argument("--host", action="append", required=True, help="coordinator host name or address")
    certs.add_argument("--site", action="append", required=True, help="a site name (repeat for each)")
    he = fed.add_parser("he-keys", help="at the key-holder site: make the homomorphic key pair")
    he.add_argument("--out", required=True, type=Path)
    for name, what in (("coordinator", "consortium.toml"), ("node", "site.toml")):
        run = fed.add_parser(name, help=f"run the {name} until stopped (Ctrl-C)")
        run.add_argument("--config", required=True, type=Path, metavar=what)
    imp = fed.add_parser("import", help="import coded findings (CSV) or batch JSONL into this site's vault")
    imp.add_argument("file", type=Path)
    imp.add_argument("--config", required=True, type=Path, metavar="site.toml")
    budget = fed.add_parser("budget", help="show or set this site's total ε budget")
    budget.add_argument("--config", required=True, type=Path, metavar="site.toml")
    budget.add_argument("--set", type=float, metavar="EPSILON")
    audit = fed.add_parser("audit", help="every answer this site sent")
    audit.add_argument("--config", required=True, type=Path, metavar="site.toml")
    audit.add_argument("--json", action="store_true")
    study = fed.add_parser("study", help="show, approve or run a study")
    studies = study.add_subparsers(dest="study_command", required=True)
    show = studies.add_parser("show", help="what the study computes, sends and costs")
    show.add_argument("study", type=Path, metavar="STUDY.toml")
    approve = studies.add_parser("approve", help="approve a study at this site")
    approve.add_argument("study", type=Path, metavar="STUDY.toml")
    approve.add_argument("--config", required=True, type=Path, metavar="site.toml")
    approve.add_argument("--yes", action="store_true", help="approve without asking (after reading 'show')")
    approve.add_argument(
        "--valid-days",
        type=float,
        default=7.0,
        metavar="DAYS",
        help="the approval lapses after this many days (default 7); it covers one run",
    )
    run_study = studies.add_parser("run", help="at the coordinator: run a study and print the result")
    run_study.add_argument("study", type=Path, metavar="STUDY.toml")
    run_study.add_argument("--config", required=True, type=Path, metavar="consortium.toml")
    run_study.add_argument("--timeout", type=float, default=600.0)
    run_study.add_argument("--json", action="store_true")
    train = fed.add_parser("train", help="at the coordinator: run a federated training plan (SecAgg+, DP)")
    train.add_argument("plan", type=Path, metavar="PLAN.toml")
    train.add_argument("--config", required=True, type=Path, metavar="consortium.toml")
    train.add_argument("--timeout", type=float, default=3600.0)
    train.add_argument("--json", action="store_true")
    return {"federation": _main}


def _main(args: argparse.Namespace) -> int:
    try:
        import flwr  # noqa: F401 - only to say clearly when the extra is missing
    except ImportError:
        _eprint("enclave federation needs the optional extra: pip install 'enclave[federation]'")
        return EXIT_FAIL
    from app.core.federation.homomorphic import HomomorphicError
    from app.core.federation.ledger import BudgetExceeded, NotApproved
    from app.core.federation.model_file import ModelRefused
    from app.core.federation.records import RecordsError
    from app.core.federation.study import StudyError
    from app.core.federation.training import TrainingError
    from app.core.vault.errors import VaultError
    from app.federation.api import StudyFailed, TrainingFailed
    from app.federation.config import ConfigError
    from app.federation.processes import FederationError

    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "certs": _certs,
        "he-keys": _he_keys,
        "coordinator": _coordinator,
        "node": _node,
        "import": _import,
        "budget": _budget,
        "audit": _audit,
        "study": _study,
        "train": _train,
    }
    try:
        return handlers[args.federation_command](args)
    except (
        ConfigError,
        StudyError,
        StudyFailed,
        FederationError,
        RecordsError,
        VaultError,
        NotApproved,
        BudgetExceeded,
        HomomorphicError,
        TrainingFailed,
        TrainingError,
        ModelRefused,
        ValueError,
        OSError,
    ) as exc:
        _eprint(f"enclave federation: {exc}")
        return EXIT_FAIL


def _certs(args: argparse.Namespace) -> int:
    from app.federation.certs import make_consortium

    files = make_consortium(args.out, args.consortium, args.host, args.site)
    print(f"Consortium CA:            {files.ca_cert}  (give to every site)")
    print(f"Coordinator TLS:          {files.server_cert}, {files.server_key}  (coordinator only)")
    print(f"Study-signing key:        {files.signing_key}  (coordinator only)")
    print(f"  its public key:         {files.signing_public}  (every site trusts it)")
    for site, (private, public) in files.node_keys.items():
        print(f"Node key of {site}: {private}  (that site only); register {public} at the coordinator")
    return EXIT_OK


def _he_keys(args: argparse.Namespace) -> int:
    from app.core.federation import homomorphic

    keys = homomorphic.make_keys("bfv")
    args.out.mkdir(parents=True, exist_ok=True)
    secret = args.out / "secret.ctx"
    secret.touch(0o600)
    secret.write_bytes(keys.secret)
    (args.out / "public.ctx").write_bytes(keys.public)
    print(f"Secret context: {secret} (stays at this site: he_secret in site.toml)")
    print(f"Public context: {args.out / 'public.ctx'} (to the coordinator and every site: he_public)")
    return EXIT_OK


def _wait(*running: Any) -> int:
    stop = {"now": False}

    def on_signal(_signum: int, _frame: object) -> None:
        stop["now"] = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        while not stop["now"] and all(r.proc.poll() is None for r in running):
            time.sleep(0.5)
    finally:
        for item in running:
            item.stop()
    failed = [r for r in running if r.proc.returncode not in (0, None, -15)]
    for item in failed:
        _eprint(f"a Flower process exited ({item.proc.returncode}); see {item.log}")
    return EXIT_FAIL if failed else EXIT_OK


def _coordinator(args: argparse.Namespace) -> int:
    from app.federation import processes
    from app.federation.config import ConsortiumConfig

    config = ConsortiumConfig.load(args.config)
    running = processes.start_coordinator(config)
    print(
        f"Coordinator of {config.name} listening on {config.address} (TLS, node authentication); "
        f"{len(config.sites)} site(s) registered. Logs: {running.log}"
    )
    return _wait(running)


def _node(args: argparse.Namespace) -> int:
    from app.federation import processes
    from app.federation.config import SiteConfig
    from app.federation.site import open_vault

    config = SiteConfig.load(args.config)
    with open_vault():  # fail now, not at the first study, when the vault cannot be opened
        pass
    from app.core.federation import consortium_models

    for key in config.trusted_signers:  # the desktop app trusts the models this node trusts
        consortium_models.trust(key)
    running = processes.start_node(config)
    print(f"Node {config.name}: connecting only to {config.coordinator} (TLS). Logs: {running.log}")
    return _wait(running)


def _ledger(config_path: Path) -> tuple[Any, Any]:
    from app.core.federation.ledger import SiteLedger
    from app.federation.config import SiteConfig
    from app.federation.site import open_vault

    SiteConfig.load(config_path)
    vault = open_vault()
    return vault, SiteLedger(vault)


def _import(args: argparse.Namespace) -> int:
    from app.core.federation import training_set
    from app.core.federation.labelled import TEXT_COLUMNS, read_labelled_csv
    from app.core.federation.records import read_records

    records = read_records(args.file)
    labelled = []
    if args.file.suffix.lower() == ".csv":
        import csv

        with args.file.open(newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), [])
        if any(column in header for column in TEXT_COLUMNS):
            labelled = read_labelled_csv(args.file)
    vault, ledger = _ledger(args.config)
    with vault:
        count = ledger.import_records(records, args.file.name)
        total = len(ledger.records())
        if labelled:
            training_set.import_reports(vault, labelled, args.file.name)
        counts = training_set.counts(vault)
    print(
        f"Imported {count:,} record(s) from {args.file.name}: labels and coarse attributes only; "
        f"this site now holds {total:,}."
    )
    if labelled:
        print(
            f"Stored {len(labelled):,} labelled report(s) for training (text and labels stay in this "
            f"site's vault); the training set now has {counts.total:,} ({counts.imported:,} imported, "
            f"{counts.reviewed:,} reviewed in Enclave)."
        )
    return EXIT_OK


def _budget(args: argparse.Namespace) -> int:
    vault, ledger = _ledger(args.config)
    with vault:
        if args.set is not None:
            ledger.set_budget(args.set)
        print(
            f"Privacy budget: ε = {ledger.budget():g} in all; {ledger.spent():g} spent; "
            f"{max(0.0, ledger.remaining()):g} left."
        )
    return EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    vault, ledger = _ledger(args.config)
    with vault:
        answers = ledger.answers()
    if args.json:
        print(json.dumps(answers, ensure_ascii=False, indent=2))
        return EXIT_OK
    for answer in answers:
        numbers = [v for part in answer["numbers"] for v in part]
        when = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(float(answer.get("at", 0))))
        run = f"approval {str(answer.get('approval') or '-')[:8]}"
        if answer.get("run_id"):
            run += f", run {answer['run_id']}"
        if answer.get("round") is not None:
            run += f", round {answer['round']}/{answer.get('of', '?')}"
        print(
            f"{when} {answer['study']} ({run}): {answer['query']['kind']}, ε = {answer['epsilon']:g}, "
            f"{answer['bytes']:,} bytes, sent {numbers[:12]}{' …' if len(numbers) > 12 else ''}"
        )
    if not answers:
        print("This site has sent no study answer.")
    return EXIT_OK


def _train(args: argparse.Namespace) -> int:
    from app.federation.api import Consortium, load_declaration
    from app.federation.api import TrainingPlan as Plan

    plan = load_declaration(args.plan)
    if not isinstance(plan, Plan):
        _eprint(f"enclave federation: {args.plan} is a study, not a training plan ('study run' runs studies)")
        return EXIT_USAGE

    def progress(done: dict[str, Any]) -> None:
        _eprint(f"round {done['round']}/{plan.rounds}: {done['sites']} sites, {done['seconds']:.1f} s")

    _eprint(f"Training {plan.study_id}: {plan.rounds} rounds over {', '.join(plan.participants)} …")
    result = Consortium(args.config).train(plan, timeout=args.timeout, on_progress=progress)
    if args.json:
        print(
            json.dumps(
                {
                    "plan": result.plan,
                    "model": str(result.model),
                    "sites": list(result.sites),
                    "epsilon": result.epsilon,
                    "delta": result.delta,
                    "rounds": result.rounds,
                    "installed": result.installed,
                    "seconds": result.seconds,
                    "bytes_sent": result.bytes_sent,
                    "bytes_received": result.bytes_received,
                },
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    privacy = (
        f"ε = {result.epsilon:g} at δ = {result.delta:g} per report"
        if result.epsilon is not None
        else "no DP"
    )
    print(
        f"Model {result.model} ({len(result.rounds)} rounds, {len(result.sites)} sites, {privacy}), "
        f"signed with the consortium's signing key."
    )
    for site, where in result.installed.items():
        print(f"  {site}: {where}")
    print(f"{result.seconds:.0f} s; {result.bytes_sent:,} bytes sent, {result.bytes_received:,} received.")
    return EXIT_OK


def _study(args: argparse.Namespace) -> int:
    from app.federation.api import Consortium, load_declaration
    from app.federation.api import TrainingPlan as Plan

    study = load_declaration(args.study)
    if isinstance(study, Plan) and args.study_command == "run":
        _eprint(
            f"enclave federation: {args.study} is a training plan: run it with 'enclave federation train'"
        )
        return EXIT_USAGE
    if args.study_command == "show":
        print(study.describe())
        return EXIT_OK
    if args.study_command == "approve":
        print(study.describe())
        if not args.yes:
            if not sys.stdin.isatty():
                _eprint(
                    "enclave federation: give --yes to approve without a terminal (after reading the above)"
                )
                return EXIT_USAGE
            if input("Approve this study at this site? [y/N] ").strip().lower() not in ("y", "yes"):
                print("Not approved.")
                return EXIT_FAIL
        vault, ledger = _ledger(args.config)
        with vault:
            approval = ledger.approve(study, valid_days=args.valid_days)
        what = "training plan" if isinstance(study, Plan) else "study"
        until = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(approval.expires))
        print(
            f"Approved {what} {study.study_id} (fingerprint {study.fingerprint()[:16]}…) for one run: "
            f"approval {approval.nonce[:8]}, valid until {until}."
        )
        return EXIT_OK
    assert not isinstance(study, Plan)
    result = Consortium(args.config).run(study, timeout=args.timeout)
    if args.json:
        print(
            json.dumps(
                {
                    "study": result.study_id,
                    "sites": list(result.sites),
                    "epsilon": result.epsilon,
                    "confidence": result.confidence,
                    "estimates": [vars(e) for e in result.estimates],
                    "mean": vars(result.mean) if result.mean else None,
                },
                ensure_ascii=False,
            )
        )
    else:
        print(result.table())
    return EXIT_OK
