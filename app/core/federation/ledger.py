"""A site's federation records in its own vault: approvals, the privacy budget, every answer sent.

Everything lives in the vault (encrypted at rest): the approval of a study or training plan
(bound to its fingerprint, with a random approval id — the run it authorises — and an
expiry), the site's total ε budget, and one append-only audit entry per answer sent — study,
approval id, query, the numbers sent (after noise), ε spent and bytes. The budget spent is the
sum over those entries, so it cannot drift from what was sent.

The site decides from this state alone, never from what the coordinator says: a study is
answered once per approval; a training plan's rounds are answered once each, in order, up to
the plan's ``rounds``, each charged the ε its accountant gives for everything sent under the
approval so far. Every check and the record it guards happen in one vault transaction
(``BEGIN IMMEDIATE``: no other writer in between), before any byte may leave.
"""

from __future__ import annotations

import json
import math
import secrets
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, Final, Protocol

from app.core.federation import accounting
from app.core.federation.records import SiteRecord
from app.core.federation.site_training import Enrolment
from app.core.federation.study import Study, parse_expiry
from app.core.federation.training_plan import TrainingPlan
from app.core.vault import repository
from app.core.vault.db import Connection
from app.core.vault.vault import Vault

BUDGET_KEY: Final = "federation.budget_epsilon"
APPROVAL_PREFIX: Final = "federation.approved."
ANSWER_ACTION: Final = "federation.answer"
APPROVE_ACTION: Final = "federation.study_approved"
REFUSE_ACTION: Final = "federation.study_refused"
DECRYPT_ACTION: Final = "federation.decrypted"
INSTALL_ACTION: Final = "federation.model_installed"
DEFAULT_BUDGET: Final = 10.0
DEFAULT_VALID_DAYS: Final = 7.0
MAX_VALID_DAYS: Final = 366.0
_EPS_SLACK: Final = 1e-9


class Declaration(Protocol):
    """A study or a training plan: what a site approves and pays for."""

    @property
    def study_id(self) -> str: ...

    @property
    def epsilon(self) -> float | None: ...

    @property
    def expires(self) -> str: ...

    def fingerprint(self) -> str: ...


class BudgetExceeded(ValueError):
    """The answer would spend more ε than the site has left."""


class NotApproved(PermissionError):
    """The site's operator has not approved this study (or approved a different declaration,
    or the approval has expired)."""


class AlreadyAnswered(NotApproved):
    """This approval was used: the study was answered, or the plan's round was (or cannot be) sent."""


@dataclass(frozen=True)
class Answer:
    study_id: str
    parts: list[list[int]]
    epsilon: float  # 0.0 for a noise-free study
    bytes_sent: int
    approval: str = ""


@dataclass(frozen=True)
class Approval:
    """One approval by the site's operator: of exactly ``fingerprint``, valid until ``expires``
    (seconds since the epoch), for one run — its random ``nonce`` keys what is answered."""

    study_id: str
    fingerprint: str
    nonce: str
    approved: float
    expires: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, text: str) -> Approval | None:
        try:
            data = json.loads(text)
            return cls(str(data["study_id"]), str(data["fingerprint"]), str(data["nonce"]),
                       float(data["approved"]), float(data["expires"]))  # fmt: skip
        except (ValueError, TypeError, KeyError):
            return None  # an approval of an older Enclave (no nonce): the operator approves again

    def when(self) -> str:
        return _stamp(self.approved)


@dataclass(frozen=True)
class RoundCharge:
    """A training round as the site recorded it before sending it."""

    round: int
    epsilon: float  # charged for this round
    cumulative: float  # the accountant's ε over every round sent under this approval
    approval: str


def _stamp(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M UTC")


def declared_expiry(declaration: Declaration) -> float | None:
    """The declaration's own expiry, or None."""
    text = (declaration.expires or "").strip()
    return parse_expiry(text) if text else None


def _spent(conn: Connection) -> float:
    row = conn.execute("SELECT COALESCE(SUM(json_extract(detail, '$.epsilon')), 0) FROM audit_log "
                       "WHERE action = ?", (ANSWER_ACTION,)).fetchone()  # fmt: skip
    return float(row[0])


def _budget(conn: Connection) -> float:
    return float(repository.get_setting(conn, BUDGET_KEY, str(DEFAULT_BUDGET)))


def _approval(conn: Connection, study_id: str) -> Approval | None:
    text = repository.get_setting(conn, APPROVAL_PREFIX + study_id, "")
    return Approval.from_json(text) if text else None


def _valid_approval(conn: Connection, declaration: Declaration, what: str, now: float) -> Approval:
    """The operator's current approval of exactly ``declaration``; NotApproved otherwise."""
    approval = _approval(conn, declaration.study_id)
    if approval is None or approval.fingerprint != declaration.fingerprint():
        raise NotApproved(f"{what} {declaration.study_id} is not approved at this site (run 'enclave "
                          f"federation study approve {declaration.study_id}' after reading it)")  # fmt: skip
    if now >= approval.expires:
        raise NotApproved(
            f"{what} {declaration.study_id}: this site's approval of {approval.when()} "
            f"expired at {_stamp(approval.expires)}; its operator must approve it again"
        )
    declared = declared_expiry(declaration)
    if declared is not None and now >= declared:
        raise NotApproved(f"{what} {declaration.study_id} expired at {_stamp(declared)} (its declaration "
                          "says so); it is no longer answered")  # fmt: skip
    return approval


def _entries(conn: Connection, action: str, study_id: str, nonce: str) -> list[dict[str, Any]]:
    """Every entry of ``action`` for this study under this approval, oldest first (the whole
    log: no window of recent entries)."""
    rows = conn.execute(
        "SELECT detail FROM audit_log WHERE action = ? AND json_extract(detail, '$.study') = ? "
        "AND json_extract(detail, '$.approval') = ? ORDER BY id",
        (action, study_id, nonce),
    ).fetchall()
    return [json.loads(r[0]) for r in rows]


def _check_budget(conn: Connection, what: str, charge: float) -> None:
    budget, spent = _budget(conn), _spent(conn)
    if spent + charge > budget + _EPS_SLACK:
        raise BudgetExceeded(
            f"{what} would spend ε = {charge:g}, but this site has "
            f"{max(0.0, budget - spent):g} of its {budget:g} left; it is refused"
        )


class SiteLedger:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def budget(self) -> float:
        return float(self.vault.run_in_transaction(_budget))

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

    # -- approvals -------------------------------------------------------------------------------

    def approve(self, study: Declaration, valid_days: float = DEFAULT_VALID_DAYS,
                now: float | None = None) -> Approval:  # fmt: skip
        """Approve exactly this declaration for one run: a fresh approval id (nonce) and an
        expiry (``valid_days`` from now, or the declaration's own expiry if sooner). An earlier
        approval of the same study id is replaced; what was answered under it stays answered."""
        if not (math.isfinite(valid_days) and 0 < valid_days <= MAX_VALID_DAYS):
            raise ValueError(f"an approval is valid for more than 0 and at most {MAX_VALID_DAYS:g} days")
        moment = time.time() if now is None else now
        expires = moment + valid_days * 86_400
        declared = declared_expiry(study)
        if declared is not None:
            if declared <= moment:
                raise NotApproved(f"{study.study_id} expired at {_stamp(declared)}: it cannot be approved")
            expires = min(expires, declared)
        approval = Approval(study.study_id, study.fingerprint(), secrets.token_hex(16), moment, expires)

        def write(conn: Connection) -> None:
            conn.execute("INSERT INTO vault_settings(key, value) VALUES (?, ?) ON CONFLICT(key) "
                         "DO UPDATE SET value = excluded.value",
                         (APPROVAL_PREFIX + study.study_id, json.dumps(approval.to_dict())))  # fmt: skip
            repository.audit(conn, APPROVE_ACTION, detail={"study": study.study_id,
                                                           "fingerprint": study.fingerprint(),
                                                           "approval": approval.nonce,
                                                           "expires": approval.expires,
                                                           "epsilon_per_answer": study.epsilon})  # fmt: skip

        self.vault.run_in_transaction(write)
        return approval

    def check_approval(self, study: Declaration, what: str = "study", now: float | None = None) -> Approval:
        """The current, unexpired approval of exactly ``study``; NotApproved (saying why) otherwise."""
        moment = time.time() if now is None else now
        return self.vault.run_in_transaction(lambda c: _valid_approval(c, study, what, moment))

    def approval(self, study: Declaration, now: float | None = None) -> Approval | None:
        """The current, unexpired approval of exactly ``study``, or None."""
        try:
            return self.check_approval(study, now=now)
        except NotApproved:
            return None

    def approved(self, study: Declaration, now: float | None = None) -> bool:
        return self.approval(study, now) is not None

    def refuse(self, study_id: str, reason: str) -> None:
        """Record a refusal (the reason names no patient data: it is about the study)."""
        self.vault.run_in_transaction(
            lambda c: repository.audit(c, REFUSE_ACTION, detail={"study": study_id, "reason": reason[:300]})
        )

    # -- studies ---------------------------------------------------------------------------------

    def answered(self, study: Declaration, now: float | None = None) -> bool:
        """Whether the current approval of ``study`` was already used (a study answered, or any
        round of a plan sent); False when there is no valid approval."""
        moment = time.time() if now is None else now

        def read(conn: Connection) -> bool:
            try:
                approval = _valid_approval(conn, study, "study", moment)
            except NotApproved:
                return False
            return bool(_entries(conn, ANSWER_ACTION, study.study_id, approval.nonce))

        return self.vault.run_in_transaction(read)

    def record_answer(
        self,
        study: Study,
        parts: Sequence[Sequence[int]],
        epsilon: float,
        bytes_sent: int,
        sha256: str | None = None,
        now: float | None = None,
    ) -> Answer:
        """Check the approval (exactly this declaration, unexpired, not yet used) and the budget,
        and write the audit entry, in one transaction; raises before anything is recorded (and
        so before anything may be sent) when a check fails."""
        fingerprint = study.fingerprint()
        numbers = [[int(v) for v in part] for part in parts]
        moment = time.time() if now is None else now

        def write(conn: Connection) -> Answer:
            approval = _valid_approval(conn, study, "study", moment)
            if _entries(conn, ANSWER_ACTION, study.study_id, approval.nonce):
                raise AlreadyAnswered(
                    f"study {study.study_id} was already answered under this site's approval of "
                    f"{approval.when()} (approval {approval.nonce[:8]}); it is answered once per "
                    "approval: its operator must approve it again for another run"
                )
            _check_budget(conn, f"study {study.study_id}", epsilon)
            repository.audit(
                conn,
                ANSWER_ACTION,
                detail={
                    "study": study.study_id,
                    "fingerprint": fingerprint,
                    "approval": approval.nonce,
                    "run_id": getattr(study, "run_id", ""),
                    "query": study.to_dict()["query"],
                    "aggregation": study.aggregation,
                    "numbers": numbers,
                    "epsilon": epsilon,
                    "bytes": bytes_sent,
                    "sha256": sha256,
                },
            )
            return Answer(study.study_id, numbers, epsilon, bytes_sent, approval.nonce)

        return self.vault.run_in_transaction(write)

    def own_answer(self, study: Study, now: float | None = None) -> dict[str, Any] | None:
        """What this site sent for ``study`` under its current approval, or None."""
        moment = time.time() if now is None else now

        def read(conn: Connection) -> dict[str, Any] | None:
            approval = _valid_approval(conn, study, "study", moment)
            found = _entries(conn, ANSWER_ACTION, study.study_id, approval.nonce)
            return found[0] if found else None

        return self.vault.run_in_transaction(read)

    def record_decryption(self, study: Study, decrypt: Any, now: float | None = None) -> Any:
        """At the key-holder: ``decrypt()`` once per approval of ``study`` — the check, the
        decryption and its record in one transaction (a failed decryption records nothing)."""
        moment = time.time() if now is None else now

        def write(conn: Connection) -> Any:
            approval = _valid_approval(conn, study, "study", moment)
            if _entries(conn, DECRYPT_ACTION, study.study_id, approval.nonce):
                raise AlreadyAnswered(f"the total of study {study.study_id} was already decrypted once under "
                                      f"this site's approval of {approval.when()}")  # fmt: skip
            values = decrypt()
            detail = {"study": study.study_id, "approval": approval.nonce,
                      "fingerprint": study.fingerprint(), "epsilon": None}  # fmt: skip
            repository.audit(conn, DECRYPT_ACTION, detail=detail)
            return values

        return self.vault.run_in_transaction(write)

    def answers(self) -> list[dict[str, Any]]:
        rows = self.vault.run_in_transaction(
            lambda c: c.execute(
                "SELECT at, detail FROM audit_log WHERE action = ? ORDER BY id", (ANSWER_ACTION,)
            ).fetchall()
        )
        return [{**json.loads(r[1]), "at": float(r[0])} for r in rows]

    # -- federated training ----------------------------------------------------------------------

    def enrolment(self, plan: TrainingPlan, now: float | None = None) -> Enrolment | None:
        """This site's enrolment in ``plan`` under its current approval (made at its round 1), or None."""
        moment = time.time() if now is None else now

        def read(conn: Connection) -> Enrolment | None:
            try:
                approval = _valid_approval(conn, plan, "training plan", moment)
            except NotApproved:
                return None
            for entry in _entries(conn, ANSWER_ACTION, plan.study_id, approval.nonce):
                if entry.get("round") == 1 and isinstance(entry.get("enrolment"), dict):
                    return Enrolment.from_dict(entry["enrolment"])
            return None

        return self.vault.run_in_transaction(read)

    def rounds_sent(self, plan: TrainingPlan, now: float | None = None) -> int:
        """How many rounds of ``plan`` this site sent under its current approval."""
        moment = time.time() if now is None else now

        def read(conn: Connection) -> int:
            approval = _valid_approval(conn, plan, "training plan", moment)
            return len(_entries(conn, ANSWER_ACTION, plan.study_id, approval.nonce))

        return int(self.vault.run_in_transaction(read))

    def next_round(self, plan: TrainingPlan, now: float | None = None) -> int:
        """The one round this site will answer next under its approval of ``plan`` (1 to
        ``plan.rounds``); raises NotApproved / AlreadyAnswered when it will answer none."""
        moment = time.time() if now is None else now

        def read(conn: Connection) -> int:
            approval = _valid_approval(conn, plan, "training plan", moment)
            return _next_round(plan, approval, _entries(conn, ANSWER_ACTION, plan.study_id, approval.nonce))

        return int(self.vault.run_in_transaction(read))

    def record_training_round(self, plan: TrainingPlan, round_number: int, enrolment: Enrolment,
                              bytes_sent: int, now: float | None = None) -> RoundCharge:  # fmt: skip
        """In one transaction, before the update may leave: check the approval, that
        ``round_number`` is the next round this site answers under it (each once, in order, at
        most ``plan.rounds``), charge the ε its accountant gives for this round — the ε over every
        round sent under the approval, less what the earlier rounds were charged — against the
        site's budget and the plan's ε, and write the round's audit entry."""
        fingerprint = plan.fingerprint()
        moment = time.time() if now is None else now

        def write(conn: Connection) -> RoundCharge:
            approval = _valid_approval(conn, plan, "training plan", moment)
            history = _entries(conn, ANSWER_ACTION, plan.study_id, approval.nonce)
            expected = _next_round(plan, approval, history)
            if round_number != expected:
                raise AlreadyAnswered(
                    f"training plan {plan.study_id}: round {round_number} was asked, but this site "
                    f"answers each round once and in order, and its next round is {expected} of "
                    f"{plan.rounds}; round {round_number} is refused"
                )
            enrolled = enrolment
            if expected > 1:
                first = history[0].get("enrolment")
                if not isinstance(first, dict):
                    raise NotApproved(f"training plan {plan.study_id}: no enrolment was recorded at round 1")
                enrolled = Enrolment.from_dict(first)
            charged = sum(float(e.get("epsilon") or 0.0) for e in history)
            cumulative, charge = 0.0, 0.0
            if plan.epsilon is not None:
                if enrolled.noise_multiplier is None:
                    raise NotApproved(f"training plan {plan.study_id} is private; its enrolment has no noise")
                cumulative = accounting.epsilon(enrolled.noise_multiplier, enrolled.sample_rate,
                                                enrolled.steps * expected, plan.delta)  # fmt: skip
                if cumulative > plan.epsilon + _EPS_SLACK:
                    raise BudgetExceeded(
                        f"training plan {plan.study_id}: round {expected} would bring this site's ε "
                        f"to {cumulative:g}, above the {plan.epsilon:g} it approved"
                    )
                charge = max(0.0, cumulative - charged)
                _check_budget(conn, f"round {expected} of training plan {plan.study_id}", charge)
            repository.audit(conn, ANSWER_ACTION, detail={
                "study": plan.study_id, "fingerprint": fingerprint, "approval": approval.nonce,
                "run_id": plan.run_id,
                "query": {"kind": "training", "model": plan.model, "parameters": plan.parameters()},
                "aggregation": plan.aggregation, "numbers": [], "round": expected, "of": plan.rounds,
                "enrolment": enrolled.to_dict() if expected == 1 else None,
                "epsilon": charge, "cumulative_epsilon": cumulative, "bytes": bytes_sent,
            })  # fmt: skip
            return RoundCharge(expected, charge, cumulative, approval.nonce)

        return self.vault.run_in_transaction(write)

    def record_install(
        self,
        plan: TrainingPlan,
        sha256: str,
        install: Any,
        detail: dict[str, Any] | None = None,
        now: float | None = None,
    ) -> Any:
        """``install()`` the model of ``plan`` once per approval, and only after this site sent
        every one of the plan's rounds under it: the check, the install and its record in one
        transaction."""
        moment = time.time() if now is None else now

        def write(conn: Connection) -> Any:
            approval = _valid_approval(conn, plan, "training plan", moment)
            sent = len(_entries(conn, ANSWER_ACTION, plan.study_id, approval.nonce))
            if sent < plan.rounds:
                raise NotApproved(
                    f"training plan {plan.study_id}: this site sent {sent} of its {plan.rounds} "
                    "rounds under its approval, so no model of this run is installed"
                )
            if _entries(conn, INSTALL_ACTION, plan.study_id, approval.nonce):
                raise AlreadyAnswered(
                    f"training plan {plan.study_id}: a model of this run was already installed "
                    f"under this site's approval of {approval.when()}"
                )
            where = install()
            repository.audit(conn, INSTALL_ACTION, detail={**(detail or {}), "study": plan.study_id,
                                                            "approval": approval.nonce, "sha256": sha256,
                                                            "epsilon": None})  # fmt: skip
            return where

        return self.vault.run_in_transaction(write)

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


def _next_round(plan: TrainingPlan, approval: Approval, history: Sequence[dict[str, Any]]) -> int:
    done = len(history)
    if done >= plan.rounds:
        raise AlreadyAnswered(
            f"training plan {plan.study_id}: all {plan.rounds} rounds were answered under this "
            f"site's approval of {approval.when()}; a new run needs a new approval (after reading "
            "the plan again: 'enclave federation study approve')"
        )
    return done + 1
