"""``enclave vault init|status|unlock|sessions|backup|restore|rekey|search|export|audit``.

Secrets never need a terminal: --passphrase-file FILE or ENCLAVE_PASSPHRASE, and
--recovery-key-file FILE or ENCLAVE_RECOVERY_KEY. Exit 0 ok, 1 failure (on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
Handler = Callable[[argparse.Namespace], int]


def _eprint(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


def _secret_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--passphrase-file", metavar="FILE", help="read the passphrase from FILE "
                        "(default: ENCLAVE_PASSPHRASE)")  # fmt: skip
    parser.add_argument("--recovery-key-file", metavar="FILE", help="read the recovery key from FILE "
                        "(default: ENCLAVE_RECOVERY_KEY)")  # fmt: skip


def register(subparsers: Any) -> dict[str, Handler]:
    vault = subparsers.add_parser("vault", help="the encrypted store of sessions")
    sub = vault.add_subparsers(dest="vault_command", required=True, parser_class=type(vault))

    init = sub.add_parser("init", help="create the vault and show its recovery key once")
    init.add_argument("--passphrase-file", metavar="FILE",
                      help="also protect it with the passphrase in FILE (or ENCLAVE_PASSPHRASE)")
    status = sub.add_parser("status", help="where the vault is, how it opens, what it holds")
    status.add_argument("--json", action="store_true")
    _secret_options(status)
    unlock = sub.add_parser("unlock", help="open with a passphrase or recovery key and keep the key "
                            "in the OS keyring (after a keyring change)")  # fmt: skip
    _secret_options(unlock)
    sessions = sub.add_parser("sessions", help="list the stored sessions")
    sessions.add_argument("--json", action="store_true")
    _secret_options(sessions)
    backup = sub.add_parser("backup", help="write an encrypted backup (and its .header file)")
    backup.add_argument("dest", metavar="FILE")
    _secret_options(backup)
    restore = sub.add_parser("restore", help="replace the vault with a backup (the old one is kept aside)")
    restore.add_argument("source", metavar="FILE")
    _secret_options(restore)
    rekey = sub.add_parser("rekey", help="change the passphrase or rotate the key")
    what = rekey.add_mutually_exclusive_group(required=True)
    what.add_argument("--new-passphrase-file", metavar="FILE", help="set or change the passphrase")
    what.add_argument("--remove-passphrase", action="store_true")
    what.add_argument("--rotate-key", action="store_true",
                      help="new database key and new recovery key (printed first)")
    _secret_options(rekey)
    search = sub.add_parser("search", help="full-text search of sessions and documents")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--json", action="store_true")
    _secret_options(search)
    export = sub.add_parser("export", help="a session as Markdown or JSON")
    export.add_argument("session", metavar="SESSION_ID")
    export.add_argument("--format", choices=("markdown", "json"), default="markdown")
    export.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
    _secret_options(export)
    audit = sub.add_parser("audit", help="the audit log (opened, viewed, exported, deleted, keys)")
    audit.add_argument("--limit", type=int, default=50)
    audit.add_argument("--json", action="store_true")
    _secret_options(audit)
    return {"vault": _main}


def _main(args: argparse.Namespace) -> int:
    from app.core.vault.errors import VaultError
    from app.services.vault import VaultService

    service = VaultService()
    try:
        return _COMMANDS[args.vault_command](service, args)
    except VaultError as exc:
        _eprint(f"enclave: {exc}")
        return EXIT_FAIL
    finally:
        service.close()


def _unlock(service: Any, args: argparse.Namespace) -> None:
    from app.services.vault import read_passphrase, read_recovery_key

    service.unlock(passphrase=read_passphrase(getattr(args, "passphrase_file", None)),
                   recovery_key=read_recovery_key(getattr(args, "recovery_key_file", None)))  # fmt: skip
    for note in service.vault.notes:
        _eprint(f"enclave: note: {note}")


def _when(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M")


def _init(service: Any, args: argparse.Namespace) -> int:
    from app.services.vault import read_passphrase

    created = service.create(passphrase=read_passphrase(args.passphrase_file))
    print("Vault created:", created.status.folder)
    print()
    print("RECOVERY KEY (shown only now; print it or write it down and keep it safe):")
    print()
    print(f"    {created.recovery_key}")
    print()
    if created.status.keyring_backend is None:
        print("There is no OS keyring on this system: the vault opens with the passphrase or "
              "this recovery key.")  # fmt: skip
    else:
        print(f"The key is kept in the OS keyring ({created.status.keyring_backend}); the vault "
              "opens without asking on this account.")  # fmt: skip
    return EXIT_OK


def _status(service: Any, args: argparse.Namespace) -> int:
    _unlock(service, args)
    status = service.status()
    if args.json:
        data = asdict(status)
        data["folder"] = str(status.folder)
        print(json.dumps(data, indent=2))
        return EXIT_OK
    rows = [
        ("Vault", str(status.folder)), ("Vault id", status.vault_id),
        ("Cipher", f"SQLCipher {status.cipher_version}"), ("Schema version", str(status.schema_version)),
        ("Opened with", status.unlocked_by), ("OS keyring", status.keyring_backend or "none on this system"),
        ("Key in keyring", "yes" if status.keyring_holds_key else "no"),
        ("Passphrase", "set" if status.has_passphrase else "not set"),
        ("Size", f"{status.size_bytes / 1024:.0f} KiB"),
    ] + [(name.replace("_", " ").capitalize(), str(n)) for name, n in status.counts.items()]  # fmt: skip
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return EXIT_OK


def _unlock_cmd(service: Any, args: argparse.Namespace) -> int:
    _unlock(service, args)
    status = service.status()
    print(f"The vault opens ({status.unlocked_by}); key in the OS keyring: "
          f"{'yes' if status.keyring_holds_key else 'no'}")  # fmt: skip
    return EXIT_OK


def _sessions(service: Any, args: argparse.Namespace) -> int:
    _unlock(service, args)
    sessions = service.vault.list_sessions()
    if args.json:
        print(json.dumps([asdict(s) for s in sessions], ensure_ascii=False, indent=2))
        return EXIT_OK
    for s in sessions:
        pin = "*" if s.pinned else " "
        print(f"{pin} {s.id}  {_when(s.updated)}  {s.message_count:>3} msg  {s.title}")
    return EXIT_OK


def _backup(service: Any, args: argparse.Namespace) -> int:
    _unlock(service, args)
    result = service.backup(Path(args.dest))
    print(f"Backup written: {result.database} ({result.size_bytes / 1024:.0f} KiB) and {result.header}")
    print(f"Checked: {result.counts['sessions']} sessions, {result.counts['messages']} messages")
    return EXIT_OK


def _restore(service: Any, args: argparse.Namespace) -> int:
    from app.services.vault import read_passphrase, read_recovery_key

    status = service.restore(Path(args.source), passphrase=read_passphrase(args.passphrase_file),
                             recovery_key=read_recovery_key(args.recovery_key_file))  # fmt: skip
    print(f"Restored from {args.source}: {status.counts['sessions']} sessions, "
          f"{status.counts['messages']} messages (the previous vault is kept beside it)")  # fmt: skip
    return EXIT_OK


def _rekey(service: Any, args: argparse.Namespace) -> int:
    from app.services.vault import read_passphrase

    _unlock(service, args)
    if args.new_passphrase_file:
        service.set_passphrase(read_passphrase(args.new_passphrase_file))
        print("Passphrase changed.")
    elif args.remove_passphrase:
        service.set_passphrase(None)
        print("Passphrase removed: the vault opens with the keyring or the recovery key.")
    else:
        def show(recovery_key: str) -> None:
            print("NEW RECOVERY KEY (it replaces the old one when the rotation completes):")
            print()
            print(f"    {recovery_key}")
            print(flush=True)

        service.rotate_key(passphrase=read_passphrase(args.passphrase_file), on_recovery_key=show)
        print("Key rotated: the database is encrypted with a new key.")
    return EXIT_OK


def _search(service: Any, args: argparse.Namespace) -> int:
    _unlock(service, args)
    hits = service.search(args.query, limit=args.limit)
    if args.json:
        print(json.dumps([{"session_id": h.session_id, "session_title": h.session_title, "kind": h.kind,
                           "item_id": h.item_id, "rank": h.rank, "snippet": h.snippet} for h in hits],
                         ensure_ascii=False, indent=2))  # fmt: skip
        return EXIT_OK
    for hit in hits:
        print(f"{hit.session_id}  [{hit.kind}]  {hit.session_title}")
        print(f"    {' '.join(hit.snippet.split())}")
    if not hits:
        _eprint("enclave: no matches")
    return EXIT_OK


def _export(service: Any, args: argparse.Namespace) -> int:
    _unlock(service, args)
    text = service.export_session(args.session, args.format, Path(args.out) if args.out else None)
    if args.out:
        _eprint(f"enclave: exported to {args.out}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _audit(service: Any, args: argparse.Namespace) -> int:
    _unlock(service, args)
    entries = service.audit(limit=args.limit)
    if args.json:
        print(json.dumps([asdict(e) for e in entries], indent=2))
        return EXIT_OK
    for e in entries:
        detail = json.dumps(e.detail) if e.detail else ""
        print(f"{_when(e.at)}  {e.action:<24} {e.session_id or '':<32}  {detail}".rstrip())
    return EXIT_OK


_COMMANDS: dict[str, Callable[[Any, argparse.Namespace], int]] = {
    "init": _init, "status": _status, "unlock": _unlock_cmd, "sessions": _sessions, "backup": _backup,
    "restore": _restore, "rekey": _rekey, "search": _search, "export": _export, "audit": _audit,
}  # fmt: skip


def save_task_result(settings: Any, documents: Any, result: Any, question: str = "",
                     passphrase_file: str | None = None, uncorrected: dict[str, Any] | None = None,
                     corrected_fields: list[str] | None = None) -> bool:  # fmt: skip
    """``enclave analyze --save``: store the finished task; False (explained) on failure. With
    ``uncorrected`` (the result before the clinician's --set corrections), that reading is stored
    as the analysis and the corrected one as its audited correction, as the window does."""
    from app.core.vault.errors import VaultError
    from app.services.vault import VaultService, read_passphrase, read_recovery_key

    if settings.privacy_level == "ephemeral":
        _eprint("enclave: privacy level is 'ephemeral': the session was not saved (nothing was written)")
        return True
    service = VaultService(settings=settings)
    try:
        service.unlock(passphrase=read_passphrase(passphrase_file), recovery_key=read_recovery_key())
        prompt = question or f"Task: {result.task} ({result.language})"
        structured = None
        if getattr(result, "findings", None) is not None or getattr(result, "fleischner", None) is not None:
            structured = result.to_dict()  # the shape the window stores: reviewable alike
        session = service.save_task_run(documents, result.prompt, result.model, prompt, result.text,
                                        timings=result.timings,
                                        result=uncorrected if uncorrected is not None else structured)
        if session is not None and uncorrected is not None:
            [analysis] = service.vault.analyses(session.id)
            service.vault.add_correction(session.id, analysis.id, structured, corrected_fields or [])
    except VaultError as exc:
        _eprint(f"enclave: the session was not saved: {exc}")
        return False
    finally:
        service.close()
    if session is not None:
        _eprint(f"enclave: saved as session {session.id}")
    return True
