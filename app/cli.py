"""The command line: the same services as the GUI, headless.

Exit status: 0 success, 1 a failure explained on stderr, 2 a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from app.core import offline, paths

offline.install_from_environment()  # before anything else can open a socket

from app.core.native_libs import load_llama_first  # noqa: E402

load_llama_first()  # before any DICOM codec extension (see app/core/native_libs.py)

from app import __version__  # noqa: E402
from app.commands import COMMAND_MODULES  # noqa: E402
from app.core.tasks.catalogue import TASKS  # noqa: E402

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
_EXTRA_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on usage errors; keep that
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"enclave: error: {message}\n")


def _eprint(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


def _add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", metavar="PATH", help="GGUF model file (default: ENCLAVE_MODEL, "
                        "the settings, models/ beside the install, the data folder, the demo model)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="enclave", description="Enclave: offline clinical report assistant. "
                     "With no command, the desktop app starts.")  # fmt: skip
    parser.add_argument("--version", action="version", version=f"Enclave {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    analyze = sub.add_parser("analyze", help="run a task on report files, streaming the answer")
    analyze.add_argument("files", nargs="+", metavar="FILE")
    analyze.add_argument("--task", choices=TASKS, default="summary")
    analyze.add_argument("--lang", choices=("en", "zh_CN"), default=None,
                         help="language of the answer (default: the settings)")
    analyze.add_argument("--to", choices=("en", "zh_CN"), default=None,
                         help="target language for --task translate")
    analyze.add_argument("--max-tokens", type=int, default=None)
    analyze.add_argument("--json", action="store_true", help="print one JSON object at the end")
    analyze.add_argument("--save", action="store_true", help="store the session in the encrypted vault "
                         "(nothing is written at privacy level 'ephemeral')")
    analyze.add_argument("--passphrase-file", metavar="FILE",
                         help="with --save, when the keyring cannot open the vault (or ENCLAVE_PASSPHRASE)")
    analyze.add_argument("--set", dest="corrections", action="append", default=[], metavar="FIELD=VALUE",
                         help="correct an input of the Fleischner panel (--task findings or followup) "
                         "and recompute it: age=52, modality=CT, risk.smoking=false, "
                         "exclusion.known_cancer=true, "
                         "count=multiple, guide=n2, nodule.n1.size_mm=7, nodule.n1.type=solid, "
                         "nodule.n2.status=benign_calcified; null makes an input unknown; repeatable")
    analyze.add_argument("--corrections", dest="corrections_file", metavar="FILE",
                         help="corrections of the Fleischner panel as a JSON list of "
                         '{"field": ..., "value": ...} (applied before --set)')
    _add_model_option(analyze)

    ask = sub.add_parser("ask", help="ask a free question about report files")
    ask.add_argument("files", nargs="+", metavar="FILE")
    ask.add_argument("question")
    ask.add_argument("--lang", choices=("en", "zh_CN"), default=None)
    ask.add_argument("--max-tokens", type=int, default=None)
    ask.add_argument("--json", action="store_true")
    _add_model_option(ask)

    doctor = sub.add_parser("doctor", help="the truth about this workstation")
    doctor.add_argument("--json", action="store_true")
    doctor.add_argument("--no-load", action="store_true", help="do not load the model")
    _add_model_option(doctor)

    models = sub.add_parser("models", help="the model catalogue and checksums")
    models_sub = models.add_subparsers(dest="models_command", required=True, parser_class=_Parser)
    models_list = models_sub.add_parser("list", help="known models and where they are")
    models_list.add_argument("--json", action="store_true")
    verify = models_sub.add_parser("verify", help="check SHA-256 of model files")
    verify.add_argument("files", nargs="*", metavar="FILE")
    verify.add_argument("--json", action="store_true")
    install = models_sub.add_parser("install", help="install a consortium model file (checked against "
                                    "the trusted signers first)")  # fmt: skip
    install.add_argument("file", type=Path)
    trust = models_sub.add_parser("trust", help="trust a consortium's model-signing public key")
    trust.add_argument("key", type=Path, metavar="KEY.pub")

    for module_name in COMMAND_MODULES:
        module = importlib.import_module(module_name)
        _EXTRA_HANDLERS.update(module.register(sub))
    return parser


# -- analyze / ask ---------------------------------------------------------------------------


def _panel_corrections(args: argparse.Namespace) -> list[Any] | None:
    """The clinician's corrections of the Fleischner panel (--corrections FILE, then --set), each
    stamped with the time; None after saying on stderr what is wrong with one."""
    from datetime import UTC, datetime

    from app.core.tasks.fleischner import Override, OverrideError
    from app.core.tasks.followup import overrides_from_options

    now = datetime.now(UTC).isoformat(timespec="seconds")
    found: list[Override] = []
    try:
        path = getattr(args, "corrections_file", None)
        if path:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            if not isinstance(data, list):
                raise OverrideError(f"{path}: a JSON list of corrections is expected")
            found += [Override.from_dict(item).checked() for item in data]
        found += overrides_from_options(getattr(args, "corrections", None) or [])
    except (OSError, ValueError) as exc:  # OverrideError and JSON errors are ValueErrors
        _eprint(f"enclave: {exc}")
        return None
    return [Override(o.field, o.value, o.at or now, o.by) for o in found]


def _run_task(args: argparse.Namespace, task_id: str, question: str = "") -> int:
    from app.core.llm.errors import EngineError
    from app.core.tasks.runner import TaskRequest
    from app.services import Services

    corrections = _panel_corrections(args)
    if corrections is None:
        return EXIT_USAGE
    services = Services(model_path=args.model)
    language = args.lang or services.settings.language
    if not args.json:
        _eprint(f"enclave: reading {len(args.files)} file(s)")
    read = services.read_documents(args.files)
    for error in read.errors:
        _eprint(f"enclave: {error}")
    if not read.documents:
        _eprint("enclave: no document could be read")
        return EXIT_FAIL
    try:
        report = services.load_model()
        for warning in report.warnings:
            _eprint(f"enclave: note: {warning}")
        if not args.json:
            _eprint(f"enclave: model {report.model_name} · {report.summary()}")
        request = TaskRequest(task_id, language=language, question=question,
                              target_language=getattr(args, "to", None) or "")  # fmt: skip
        from app.core.llm.engine import Timings
        from app.core.tasks import render
        from app.services import tasks as task_services

        # Findings come as JSON held to a schema: show the checked table, not the raw JSON.
        stream = not args.json and task_id != "findings"

        def on_text(chunk: str) -> None:
            sys.stdout.write(chunk)
            sys.stdout.flush()

        try:
            result = task_services.analyze(services, read.documents, request, max_tokens=args.max_tokens,
                                           on_text=on_text if stream else None,
                                           on_progress=lambda said: _eprint(f"enclave: {said}"))  # fmt: skip
        except KeyboardInterrupt:
            _eprint("\nenclave: cancelled")
            return EXIT_FAIL
        uncorrected: dict[str, Any] | None = None
        if corrections and result.fleischner is not None:
            from app.services import followup as followup_service

            uncorrected = result.to_dict()  # kept in the vault beside the correction (--save)
            try:
                result.fleischner = followup_service.corrected_panel(result.fleischner, [], None, corrections)
            except followup_service.OverrideError as exc:
                _eprint(f"enclave: {exc}")
                return EXIT_USAGE
        elif corrections:
            _eprint("enclave: note: --set/--corrections apply to the Fleischner panel "
                    "(--task findings or followup)")
        if args.json:
            out: dict[str, Any] = result.to_dict()
            out["backend"] = report.summary()
            out["errors"] = [str(e) for e in read.errors]
            print(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            if result.findings is not None:
                sys.stdout.write(render.findings_table(result))
                for entry in result.second_opinion or []:
                    if entry.disagrees:
                        sys.stdout.write(f"\n⚑ {entry.text}")
                    elif entry.finding is not None or entry.model_says == "present":
                        sys.stdout.write(f"\n  {entry.text}")
            if result.fleischner is not None:
                sys.stdout.write("\n" + render.fleischner_panel(result.fleischner))
            sys.stdout.write(f"\n\n[{result.label}]\n")
            sys.stdout.flush()
        for warning in result.warnings:
            _eprint(f"enclave: note: {warning}")
        if result.timings is not None:
            _eprint(f"enclave: {Timings(**result.timings).line()}")
        if getattr(args, "save", False):
            from app.commands.vault import save_task_result

            fields = [c.field for c in corrections] if uncorrected is not None else []
            if not save_task_result(services.settings, read.documents, result, question,
                                    getattr(args, "passphrase_file", None), uncorrected, fields):  # fmt: skip
                return EXIT_FAIL
        return EXIT_OK if not read.errors else EXIT_FAIL
    except EngineError as exc:
        _eprint(f"enclave: {exc}")
        return EXIT_FAIL
    finally:
        services.close()


# -- doctor ----------------------------------------------------------------------------------


def _doctor(args: argparse.Namespace) -> int:
    from app.services import doctor

    report = doctor(model_path=args.model, load=not args.no_load)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        build = report.get("llama_cpp", {})
        model = report.get("model", {})
        load = model.get("load") or {}
        rows = [
            ("Enclave", report["enclave"]),
            ("Python", report["python"]),
            ("Platform", report["platform"]),
            ("llama-cpp-python", build.get("llama_cpp_python", "not loadable")),
            ("llama.cpp backend", f"{build.get('backend')} (GPU offload supported: "
                                  f"{build.get('gpu_offload_supported')})"),
            ("NVIDIA GPUs", "; ".join(report["nvidia_gpus"]) or "none found"),
            ("Model", f"{model.get('path', 'none')} [{model.get('source', '-')}]"),
            ("Model check", model.get("verification", "-")),
            ("Model on load", load.get("summary", "not loaded")),
            ("Keyring", report.get("keyring")),
            ("Data folder", report["data_folder"]),
            ("Offline guard", "installed" if report["offline_guard"]["installed"] else "MISSING"),
        ]  # fmt: skip
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            print(f"{name:<{width}}  {value}")
        for warning in report["warnings"]:
            print(f"warning: {warning}")
        for problem in report["problems"]:
            print(f"PROBLEM: {problem}")
        print("OK" if report["ok"] else "NOT OK")
    return EXIT_OK if report["ok"] else EXIT_FAIL


# -- models ----------------------------------------------------------------------------------


def _models(args: argparse.Namespace) -> int:
    from app.core import paths
    from app.core.llm import catalogue
    from app.core.llm.errors import ModelError

    if args.models_command in ("install", "trust"):
        return _consortium_model_command(args)
    manifest = catalogue.load_manifest()
    if args.models_command == "list":
        folders = [paths.install_models_dir(), paths.user_models_dir()]
        present = {p.name.lower(): p for f in folders if f.is_dir() for p in f.glob("*.gguf")}
        demo = catalogue.embedded_demo_model()
        if demo is not None:
            present.setdefault(demo.name.lower(), demo)
        rows: list[dict[str, Any]] = []
        for entry in manifest.entries:
            found = [str(present[f.name.lower()]) for f in entry.files if f.name.lower() in present]
            found += [str(p) for n, p in present.items()
                      if entry.matches(n) and str(p) not in found]  # fmt: skip
            rows.append({
                "id": entry.id, "name": entry.name, "role": entry.role,
                "default": entry.id == manifest.default, "licence": entry.licence,
                "files": [f.name for f in entry.files],
                "hash_published": all(f.verifiable for f in entry.files),
                "present": found,
            })  # fmt: skip
        try:
            chosen = catalogue.find_model()
            current = {"path": str(chosen.path), "source": chosen.source, "demo": chosen.is_demo}
        except ModelError as exc:
            current = {"error": str(exc)}
        consortium = _consortium_rows()
        if args.json:
            print(json.dumps({"models": rows, "selected": current, "consortium": consortium}, indent=2,
                             ensure_ascii=False))  # fmt: skip
            return EXIT_OK
        for row in rows:
            mark = "*" if row["default"] else " "
            status = "present" if row["present"] else "not installed"
            hashes = "" if row["hash_published"] else " (unverified: no published hash recorded)"
            print(f"{mark} {row['id']:<34} {status}{hashes}")
            for found in row["present"]:
                print(f"      {found}")
        print(f"\nselected: {current.get('path', current.get('error'))}")
        if any(not row["hash_published"] for row in rows):
            print(f"note: {catalogue.UNVERIFIED_NOTICE}")
        if current.get("demo"):
            print(f"note: {catalogue.DEMO_NOTICE}")
        if consortium:
            print("\nconsortium models (a second opinion on findings; never replaces the draft):")
        for row in consortium:
            if row["refused"]:
                print(f"  REFUSED {row['path']}\n      {row['refused']}")
                continue
            privacy = "no differential privacy"
            if row["epsilon"] is not None:
                privacy = f"ε = {row['epsilon']:g} at δ = {row['delta']:g} per report"
            sites = f"{len(row['sites'])} sites ({', '.join(row['sites'])})"
            print(f"  {row['name']} from plan {row['plan']}: {row['rounds']} rounds, {sites}, {privacy}; "
                  f"signed by {row['signer']}\n      {row['path']}")  # fmt: skip
        return EXIT_OK

    files = [Path(f) for f in args.files]
    if not files:
        try:
            files = [catalogue.find_model().path]
        except ModelError as exc:
            _eprint(f"enclave: {exc}")
            return EXIT_FAIL
    results = []
    failed = False
    for file in files:
        if not file.is_file():
            _eprint(f"enclave: {file}: does not exist")
            failed = True
            continue
        check = catalogue.verify(file, manifest, use_cache=False)
        failed = failed or not check.ok
        results.append({"path": str(file), "sha256": check.sha256, "status": check.status,
                        "message": check.message()})  # fmt: skip
        if not args.json:
            print(check.message())
    if args.json:
        print(json.dumps(results, indent=2))
    return EXIT_FAIL if failed else EXIT_OK


def _consortium_rows() -> list[dict[str, Any]]:
    from app.core.federation import consortium_models

    rows = []
    for item in consortium_models.listing():
        made = item.model.provenance if item.model else None
        rows.append({
            "path": str(item.path), "refused": item.refused, "name": "findings",
            "plan": made.plan if made else None, "rounds": made.rounds if made else None,
            "sites": list(made.sites) if made else [], "epsilon": made.epsilon if made else None,
            "delta": made.delta if made else None, "created": made.created if made else None,
            "signer": Path(item.model.signer).name if item.model else None,
            "sha256": item.model.sha256 if item.model else None,
        })  # fmt: skip
    return rows


def _consortium_model_command(args: argparse.Namespace) -> int:
    from app.core.federation import consortium_models
    from app.core.federation.model_file import ModelRefused

    try:
        if args.models_command == "trust":
            target = consortium_models.trust(args.key)
            print(f"Trusting consortium models signed by {args.key.name} (copied to {target}).")
            return EXIT_OK
        if args.file.stat().st_size > 64 * 1024 * 1024:
            raise ModelRefused(f"{args.file.name}: too large for a consortium model")
        path, signed = consortium_models.install(args.file.read_bytes(), args.file.name)
    except (ModelRefused, OSError) as exc:
        _eprint(f"enclave: {exc}")
        return EXIT_FAIL
    made = signed.provenance
    print(f"Installed {path}: plan {made.plan}, {made.rounds} rounds, {len(made.sites)} sites, "
          f"ε = {made.epsilon if made.epsilon is not None else 'none'}; "
          f"signed by {Path(signed.signer).name}.")
    return EXIT_OK


def _start_gui(argv: Sequence[str]) -> int:
    from app.gui_main import main as gui_main

    return gui_main(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    paths.make_files_private()
    if not argv:
        return _start_gui([])
    if argv[0] == "--self-test":  # the installation check (packaging/README.md)
        from app.selftest import main as self_test

        return self_test(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from app.core.logs import setup_logging

    setup_logging(console=bool(os.environ.get("ENCLAVE_DEBUG")))
    handlers = {
        "analyze": lambda: _run_task(args, args.task),
        "ask": lambda: _run_task(args, "ask", question=args.question),
        "doctor": lambda: _doctor(args),
        "models": lambda: _models(args),
    }
    try:
        if args.command in _EXTRA_HANDLERS:
            return _EXTRA_HANDLERS[args.command](args)
        return handlers[args.command]()
    except BrokenPipeError:
        # The reader of our output left (`enclave inspect ... | head`): no traceback. Point
        # stdout at devnull so the interpreter's final flush does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAIL


if __name__ == "__main__":
    raise SystemExit(main())
