"""``enclave review``: a clinician confirms, rejects or corrects the findings Enclave extracted.

    enclave review list                                  sessions with findings, and how far reviewed
    enclave review show SESSION                          the findings, their decisions, the consortium's flags
    enclave review confirm|reject SESSION N              finding N (as numbered by 'show')
    enclave review correct SESSION N --label L --certainty present|absent|possible

SESSION is a session id or a unique start of one. Decisions are stored in the vault beside the
analysis (the newest decision per finding counts), exported with the session, and — once
every finding of an analysis is decided — are this site's training labels for the consortium
model. Exit 0 ok, 1 failure (on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
Handler = Callable[[argparse.Namespace], int]
CERTAINTIES = ("present", "absent", "possible")


def _eprint(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


def register(subparsers: Any) -> dict[str, Handler]:
    from app.commands.vault import _secret_options

    review = subparsers.add_parser("review", help="confirm, reject or correct extracted findings")
    sub = review.add_subparsers(dest="review_command", required=True)
    listing = sub.add_parser("list", help="sessions with findings and how far they are reviewed")
    listing.add_argument("--json", action="store_true")
    show = sub.add_parser("show", help="a session's findings with their decisions")
    show.add_argument("session")
    show.add_argument("--json", action="store_true")
    parsers = [listing, show]
    for decision in ("confirm", "reject", "correct"):
        parser = sub.add_parser(decision, help=f"{decision} finding N of a session's findings analysis")
        parser.add_argument("session")
        parser.add_argument("finding", type=int, metavar="N", help="the finding's number in 'show'")
        parser.add_argument("--analysis", type=int, help="the analysis id (default: the session's newest)")
        if decision == "correct":
            parser.add_argument("--label", required=True)
            parser.add_argument("--certainty", required=True, choices=CERTAINTIES)
        parsers.append(parser)
    for parser in parsers:
        _secret_options(parser)
    return {"review": _main}


def _main(args: argparse.Namespace) -> int:
    from app.commands.vault import _unlock
    from app.core.vault.errors import UnknownItemError, VaultError
    from app.services.vault import VaultService

    service = VaultService()
    try:
        _unlock(service, args)
        if args.review_command == "list":
            return _list(service.vault, args)
        session = _session(service.vault, args.session)
        if args.review_command == "show":
            return _show(service.vault, session, args)
        return _decide(service.vault, session, args)
    except (VaultError, UnknownItemError, ValueError) as exc:
        _eprint(f"enclave: {exc}")
        return EXIT_FAIL
    finally:
        service.close()


def _session(vault: Any, given: str) -> str:
    matches = [s.id for s in vault.list_sessions() if s.id.startswith(given.strip())]
    if len(matches) != 1:
        raise ValueError(f"{given!r} names {'no' if not matches else 'more than one'} session")
    return str(matches[0])


def _findings_analyses(detail: Any) -> list[Any]:
    return [
        a
        for a in detail.analyses
        if isinstance(a.result, dict) and isinstance(a.result.get("findings"), list)
    ]


def _list(vault: Any, args: argparse.Namespace) -> int:
    rows = []
    for info in vault.list_sessions():
        detail = vault.view_session(info.id)
        for analysis in _findings_analyses(detail):
            decided = {f.finding for f in detail.feedback if f.analysis_id == analysis.id}
            rows.append(
                {
                    "session": info.id,
                    "title": info.title,
                    "analysis": analysis.id,
                    "findings": len(analysis.result["findings"]),
                    "reviewed": len(decided),
                }
            )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        state = (
            "reviewed"
            if row["reviewed"] == row["findings"]
            else f"{row['reviewed']}/{row['findings']} reviewed"
        )
        print(
            f"{row['session']}  analysis {row['analysis']:<5} {row['findings']:>3} findings  "
            f"{state:<16} {row['title']}"
        )
    if not rows:
        print("No stored session has structured findings ('enclave analyze FILE --task findings --save').")
    return EXIT_OK


def _show(vault: Any, session: str, args: argparse.Namespace) -> int:
    detail = vault.view_session(session)
    analyses = _findings_analyses(detail)
    if not analyses:
        raise ValueError(f"session {session} has no findings analysis")
    analysis = analyses[-1]
    decisions = {f.finding: f for f in detail.feedback if f.analysis_id == analysis.id}
    findings = analysis.result["findings"]
    flags = analysis.result.get("second_opinion") or []
    if args.json:
        print(
            json.dumps(
                {
                    "session": session,
                    "analysis": analysis.id,
                    "findings": [
                        {
                            "number": i + 1,
                            **{k: f.get(k) for k in ("label", "certainty", "evidence")},
                            "decision": vars(decisions[i]) if i in decisions else None,
                        }
                        for i, f in enumerate(findings)
                    ],
                    "second_opinion": flags,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    print(f"Session {session}, analysis {analysis.id} ({analysis.prompt_version}):")
    for index, finding in enumerate(findings):
        decision = decisions.get(index)
        said = ""
        if decision is not None:
            said = f"  [{decision.decision}ed" + (
                f": {decision.label}, {decision.certainty}]" if decision.decision == "correct" else "]"
            )
        print(
            f"{index + 1:>3}. {finding.get('label')} — {finding.get('certainty')}: "
            f"“{finding.get('evidence', '')}”{said}"
        )
    for entry in flags:
        if entry.get("disagrees", True):
            print(f"  ⚑ {entry.get('text')}")
        elif entry.get("finding") is not None or entry.get("model_says") == "present":
            print(f"    {entry.get('text')}")
    left = len(findings) - len(decisions)
    print(f"{left} finding(s) without a decision." if left else "Every finding is reviewed.")
    return EXIT_OK


def _decide(vault: Any, session: str, args: argparse.Namespace) -> int:
    detail = vault.view_session(session)
    analyses = _findings_analyses(detail)
    if args.analysis is not None:
        analyses = [a for a in analyses if a.id == args.analysis]
    if not analyses:
        raise ValueError(f"session {session} has no findings analysis {args.analysis or ''}".rstrip())
    analysis = analyses[-1]
    decision = args.review_command
    saved = vault.add_feedback(
        session,
        analysis.id,
        args.finding - 1,
        decision,
        getattr(args, "label", None),
        getattr(args, "certainty", None),
    )
    finding = analysis.result["findings"][saved.finding]
    change = f" → {saved.label} ({saved.certainty})" if decision == "correct" else ""
    print(
        f"Finding {args.finding} ({finding.get('label')}, {finding.get('certainty')}): {decision}ed{change}."
    )
    return EXIT_OK
