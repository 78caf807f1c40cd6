"""A site's federation records in its own vault: approvals, the privacy budget, every answer sent.

Everything lives in the vault (encrypted at rest): the approval of a study (bound to its
fingerprint), the site's total ε budget, and one append-only audit entry per answer sent —
study, query, the numbers sent (after noise), ε spent and bytes. The budget spent is the sum
over those entries, so it cannot drift from what was sent; checking the budget and recording
the answer happen in one transaction.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Final, Protocol

from app.core.federation.records import SiteRecord
from app.core.federation.site_training import Enrolment
from app.core.federation.study import Study
from app.core.federation.training_plan import TrainingPlan
from app.core.vault import repository
from app.core.vault.db import Connection
from app.core.vault.vault import Vault

BUDGET_KEY: Final = "federation.budget_epsilon"
APPROVAL_PREFIX: Final = "federation.approved."
ANSWER_ACTION: Final = "federation.answer"
APPROVE_ACTION: Final = "federation.study_approved"
REFUSE_ACTION: Final = "federation.study_refused"
DEFAULT_BUDGET: Final = 10.0


class Declaration(Protocol):
    """A study or a training plan: what a site approves and pays for."""

    @property
    def study_id(self) -> str: ...

    @property
    def epsilon(self) -> float | None: ...

    def fingerprint(self) -> str: ...


class BudgetExceeded(ValueError):
    """The answer would spend more ε than the site has left."""


class NotApproved(PermissionError):
    """The site's operator has not approved this study (or approved a different declaration)."""


@dataclass(frozen=True)
class Answer:
    study_id: str
    parts: list[list[int]]
    epsilon: float  # 0.0 for a noise-free study
    bytes_sent: int


def _spent(conn: Connection) -> float:
    row = conn.execute("SELECT COALESCE(SUM(json_extract(detail, '$.epsilon')), 0) FROM audit_log "
                       "WHERE action = ?", (ANSWER_ACTION,)).fetchone()  # fmt: skip
    return float(row[0])


class SiteLedger:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def budget(self) -> float:
        return float(
            self.vault.run_in_transaction(
                lambda c: repository.get_setting(c, BUDGET_KEY, str(DEFAULT_BUDGET))
            )
        )

    def set_budget(self, epsilon: float) -> None:
        if not 0 < epsilon <= 100:
            raise ValueError("a site's total ε budget must be above 0 and at most 100")

        def write(conn: Connection) -> None:
            conn.execute("INSERT INTO vault_settings(key, value) VALUES (?, ?) ON CONFLICT(key) "
                         "DO UPDATE SET value = excluded.value",
                         (BUDGET_KEY, repr(float(epsilon))))  # fmt: skip
            repository.audit(conn, "federation.budget_set", detail={"epsilon": None, "budget": epsilon})

        self.vault.run_in_transaction(write)

    def spent(self) -> float:
        return float(self.vault.run_in_transaction(_spent))

    def remaining(self) -> float:
        return self.budget() - self.spent()

    def approve(self, study: Declaration) -> None:
        def write(conn: Connection) -> None:
            conn.execute("INSERT INTO vault_settings(key, value) VALUES (?, ?) ON CONFLICT(key) "
                         "DO UPDATE SET value = excluded.value",
                         (APPROVAL_PREFIX + study.study_id, study.fingerprint()))  # fmt: skip
            repository.audit(conn, APPROVE_ACTION, detail={"study": study.study_id,
                                                           "fingerprint": study.fingerprint(),
                                                           "epsilon_per_answer": study.epsilon})  # fmt: skip

        self.vault.run_in_transaction(write)

    def approved(self, study: Declaration) -> bool:
        fingerprint = self.vault.run_in_transaction(
            lambda c: repository.get_setting(c, APPROVAL_PREFIX + study.study_id, "")
        )
        return bool(fingerprint) and fingerprint == study.fingerprint()

    def refuse(self, study_id: str, reason: str) -> None:
        """Record a refusal (the reason names no patient data: it is about the study)."""
        self.vault.run_in_transaction(
            lambda c: repository.audit(c, REFUSE_ACTION, detail={"study": study_id, "reason": reason[:300]})
        )

    def record_answer(self, study: Study, parts: Sequence[Sequence[int]], epsilon: float,
                      bytes_sent: int) -> Answer:  # fmt: skip
        """Check the approval and the budget and write the audit entry, in one transaction;
        raises before anything is recorded (and so before anything may be sent) when either fails."""
        fingerprint = study.fingerprint()
        numbers = [[int(v) for v in part] for part in parts]

        def write(conn: Connection) -> Answer:
            if repository.get_setting(conn, APPROVAL_PREFIX + study.study_id, "") != fingerprint:
                raise NotApproved(f"study {study.study_id} is not approved at this site (run 'enclave "
                                  f"federation study approve {study.study_id}' after reading it)")
            budget = float(repository.get_setting(conn, BUDGET_KEY, str(DEFAULT_BUDGET)))
            spent = _spent(conn)
            if spent + epsilon > budget + 1e-9:
                raise BudgetExceeded(
                    f"study {study.study_id} would spend ε = {epsilon:g}, but this site has "
                    f"{max(0.0, budget - spent):g} of its {budget:g} left; it is refused"
                )
            repository.audit(
                conn,
                ANSWER_ACTION,
                detail={
                    "study": study.study_id,
                    "fingerprint": fingerprint,
                    "query": study.to_dict()["query"],
                    "aggregation": study.aggregation,
                    "numbers": numbers,
                    "epsilon": epsilon,
                    "bytes": bytes_sent,
                },
            )
            return Answer(study.study_id, numbers, epsilon, bytes_sent)

        return self.vault.run_in_transaction(write)

    def answers(self) -> list[dict[str, Any]]:
        rows = self.vault.run_in_transaction(
            lambda c: c.execute(
                "SELECT detail FROM audit_log WHERE action = ? ORDER BY id", (ANSWER_ACTION,)
            ).fetchall()
        )
        return [json.loads(r[0]) for r in rows]

    # -- federated training ----------------------------------------------------------------------

    def enrolment(self, plan: TrainingPlan) -> Enrolment | None:
        """This site's enrolment in ``plan`` (made at its round 1), or None."""
        for entry in self.answers():
            if (entry.get("study") == plan.study_id and entry.get("fingerprint") == plan.fingerprint()
                    and entry.get("round") == 1 and isinstance(entry.get("enrolment"), dict)):  # fmt: skip
                return Enrolment.from_dict(entry["enrolment"])
        return None

    def record_training_round(self, plan: TrainingPlan, round_number: int, enrolment: Enrolment,
                              bytes_sent: int) -> None:  # fmt: skip
        """Check the approval (and at round 1 the budget, charging the plan's ε) and write
        the round's audit entry, in one transaction, before the update may leave."""
        fingerprint = plan.fingerprint()

        def write(conn: Connection) -> None:
            if repository.get_setting(conn, APPROVAL_PREFIX + plan.study_id, "") != fingerprint:
                raise NotApproved(f"training plan {plan.study_id} is not approved at this site (run 'enclave "
                                  f"federation study approve' on it after reading it)")  # fmt: skip
            rows = conn.execute("SELECT detail FROM audit_log WHERE action = ?", (ANSWER_ACTION,)).fetchall()
            enrolled = any(d.get("study") == plan.study_id and d.get("fingerprint") == fingerprint
                           and d.get("round") == 1 for d in (json.loads(r[0]) for r in rows))  # fmt: skip
            charge = 0.0
            if round_number == 1 and not enrolled:
                charge = float(enrolment.epsilon or 0.0)
                budget = float(repository.get_setting(conn, BUDGET_KEY, str(DEFAULT_BUDGET)))
                if _spent(conn) + charge > budget + 1e-9:
                    left = max(0.0, budget - _spent(conn))
                    raise BudgetExceeded(f"training plan {plan.study_id} would spend ε = {charge:g}, but "
                                         f"this site has {left:g} of its {budget:g} left")  # fmt: skip
            elif not enrolled:
                raise NotApproved(f"round {round_number} of {plan.study_id}: this site did not take part "
                                  "in round 1, so no privacy cost was accounted for it; it does not join "
                                  "late")  # fmt: skip
            repository.audit(conn, ANSWER_ACTION, detail={
                "study": plan.study_id, "fingerprint": fingerprint,
                "query": {"kind": "training", "model": plan.model, "parameters": plan.parameters()},
                "aggregation": plan.aggregation, "numbers": [], "round": round_number,
                "enrolment": enrolment.to_dict() if round_number == 1 else None,
                "epsilon": charge, "bytes": bytes_sent,
            })  # fmt: skip

        self.vault.run_in_transaction(write)

    # -- the site's structured findings --------------------------------------------------------

    def import_records(self, records: Sequence[SiteRecord], source: str) -> int:
        """Store ``records`` (replacing earlier ones of the same unit); returns how many."""
        now = time.time()
        rows = [(r.unit, source[:200], json.dumps(asdict(r), sort_keys=True), now) for r in records]

        def write(conn: Connection) -> int:
            conn.executemany("INSERT INTO federation_records(unit, source, record, imported) "
                             "VALUES (?, ?, ?, ?) "
                             "ON CONFLICT(unit) DO UPDATE SET source = excluded.source, "
                             "record = excluded.record, imported = excluded.imported", rows)  # fmt: skip
            repository.audit(
                conn, "federation.records_imported", detail={"count": len(rows), "epsilon": None}
            )
            return len(rows)

        return self.vault.run_in_transaction(write)

    def records(self) -> list[SiteRecord]:
        rows = self.vault.run_in_transaction(
            lambda c: c.execute("SELECT record FROM federation_records ORDER BY rowid").fetchall()
        )
        return [SiteRecord(**json.loads(r[0])) for r in rows]
