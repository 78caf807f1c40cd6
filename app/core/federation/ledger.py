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
from typing import Any, Final

from app.core.federation.records import SiteRecord
from app.core.federation.study import Study
from app.core.vault import repository
from app.core.vault.db import Connection
from app.core.vault.vault import Vault

BUDGET_KEY: Final = "federation.budget_epsilon"
APPROVAL_PREFIX: Final = "federation.approved."
ANSWER_ACTION: Final = "federation.answer"
APPROVE_ACTION: Final = "federation.study_approved"
REFUSE_ACTION: Final = "federation.study_refused"
DEFAULT_BUDGET: Final = 10.0


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

    def approve(self, study: Study) -> None:
        def write(conn: Connection) -> None:
            conn.execute("INSERT INTO vault_settings(key, value) VALUES (?, ?) ON CONFLICT(key) "
                         "DO UPDATE SET value = excluded.value",
                         (APPROVAL_PREFIX + study.study_id, study.fingerprint()))  # fmt: skip
            repository.audit(conn, APPROVE_ACTION, detail={"study": study.study_id,
                                                           "fingerprint": study.fingerprint(),
                                                           "epsilon_per_answer": study.epsilon})  # fmt: skip

        self.vault.run_in_transaction(write)

    def approved(self, study: Study) -> bool:
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
