"""A site's approvals, budget and audit of every answer, in its own (SQLCipher) vault."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from app.core.federation import accounting
from app.core.federation.ledger import AlreadyAnswered, BudgetExceeded, NotApproved, SiteLedger
from app.core.federation.queries import CrossTab, FindingCounts
from app.core.federation.records import modality_of
from app.core.federation.site_training import enrol
from app.core.federation.study import Study, StudyError
from app.core.federation.training_plan import TrainingPlan
from app.core.vault.vault import Vault


def _study(**changes):
    fields = {"study_id": "nodules", "title": "Nodule prevalence", "participants": ("a", "b", "c"),
              "query": FindingCounts(("nodule",)), "epsilon": 1.0}  # fmt: skip
    return Study(**{**fields, **changes})


def test_an_answer_needs_the_approval_of_exactly_this_declaration(vault):
    ledger = SiteLedger(vault)
    study = _study()
    with pytest.raises(NotApproved, match="enclave federation study approve nodules"):
        ledger.record_answer(study, [[10, 3, 1, 0]], 1.0, 100)
    ledger.approve(study)
    assert ledger.approved(study)
    changed = _study(query=CrossTab("nodule", "sex"))  # same id, another query: not approved
    assert not ledger.approved(changed)
    with pytest.raises(NotApproved):
        ledger.record_answer(changed, [[1] * 8], 1.0, 100)
    ledger.record_answer(study, [[10, 3, 1, 0]], 1.0, 123)
    [answer] = ledger.answers()
    assert answer["numbers"] == [[10, 3, 1, 0]] and answer["epsilon"] == 1.0 and answer["bytes"] == 123
    assert answer["fingerprint"] == study.fingerprint()


def test_the_budget_refuses_an_overspend_and_survives_reopening(vault, tmp_path):
    # Each answer needs its own approval now (issue 27): the operator approves every run.
    ledger = SiteLedger(vault)
    ledger.set_budget(2.5)
    study = _study()
    ledger.approve(study)
    ledger.record_answer(study, [[1, 1, 0, 0]], 1.0, 10)
    ledger.approve(study)
    ledger.record_answer(study, [[1, 1, 0, 0]], 1.0, 10)
    ledger.approve(study)
    with pytest.raises(BudgetExceeded, match=r"spend ε = 1, but this site has 0.5 of its 2.5 left"):
        ledger.record_answer(study, [[1, 1, 0, 0]], 1.0, 10)
    assert len(ledger.answers()) == 2  # the refused answer left no record
    folder = vault.db_path.parent
    vault.close()
    with Vault.open(folder) as reopened:
        again = SiteLedger(reopened)
        assert again.spent() == pytest.approx(2.0) and again.remaining() == pytest.approx(0.5)
        entries = [e.action for e in reopened.audit_entries(limit=50)]
        assert entries.count("federation.answer") == 2 and "federation.study_approved" in entries


# -- issue 27: the site decides from its own state ---------------------------------------------------


def test_a_study_is_answered_once_per_approval_and_a_replay_spends_nothing(vault):
    """A coordinator that replays an approved study gets one answer per approval (before issue 27
    every replay was answered until the budget ran out)."""
    ledger = SiteLedger(vault)
    study = _study()
    first = ledger.approve(study)
    ledger.record_answer(study, [[10, 3, 1, 0]], 1.0, 100)
    assert ledger.answered(study)
    for _ in range(3):
        with pytest.raises(AlreadyAnswered, match=r"nodules was already answered .* once per approval"):
            ledger.record_answer(study, [[10, 3, 1, 0]], 1.0, 100)
    assert len(ledger.answers()) == 1 and ledger.spent() == pytest.approx(1.0)
    second = ledger.approve(study)  # the operator approves another run: one more answer
    assert second.nonce != first.nonce and not ledger.answered(study)
    ledger.record_answer(study, [[9, 4, 1, 0]], 1.0, 100)
    assert [a["approval"] for a in ledger.answers()] == [first.nonce, second.nonce]
    assert ledger.spent() == pytest.approx(2.0)


def test_the_answer_once_check_reads_the_whole_log_not_a_recent_window(vault):
    ledger = SiteLedger(vault)
    study = _study()
    ledger.approve(study)
    ledger.record_answer(study, [[1, 1, 0, 0]], 1.0, 10)
    # Bury the answer under more audit entries than any "newest N" window would read.
    noise = "INSERT INTO audit_log(at, action, detail) VALUES (?, 'noise', '{}')"
    vault.run_in_transaction(lambda c: c.executemany(noise, [(0.0,)] * 12_000))
    with pytest.raises(AlreadyAnswered):
        ledger.record_answer(study, [[1, 1, 0, 0]], 1.0, 10)


def test_two_connections_racing_to_answer_one_approval_send_one_answer(vault):
    """Check and write are one transaction: two processes (here two vault connections on two
    threads) answering the same approval at once record exactly one answer."""
    study = _study()
    SiteLedger(vault).approve(study)
    other = Vault.open(vault.folder)
    try:
        ledgers = [SiteLedger(vault), SiteLedger(other)] * 4
        outcomes: list[str] = []

        def answer(ledger: SiteLedger) -> None:
            try:
                ledger.record_answer(study, [[1, 1, 0, 0]], 1.0, 10)
                outcomes.append("sent")
            except AlreadyAnswered:
                outcomes.append("refused")

        threads = [threading.Thread(target=answer, args=(ledger,)) for ledger in ledgers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["refused"] * 7 + ["sent"]
        assert len(SiteLedger(other).answers()) == 1
    finally:
        other.close()


def test_an_approval_expires_and_a_declared_expiry_is_honoured(vault):
    ledger = SiteLedger(vault)
    study = _study()
    approval = ledger.approve(study, valid_days=1, now=1_000_000.0)
    assert approval.expires == 1_000_000.0 + 86_400
    with pytest.raises(NotApproved, match="expired"):
        ledger.record_answer(study, [[1, 1, 0, 0]], 1.0, 10, now=1_000_000.0 + 86_401)
    assert ledger.answers() == []
    dated = _study(study_id="dated", run_id="2026-q4-1", expires="2030-01-01T00:00:00Z")
    assert "run: 2026-q4-1" in dated.describe()
    assert dated.fingerprint() != _study(study_id="dated").fingerprint()
    end = datetime(2030, 1, 1, tzinfo=UTC).timestamp()
    approval = ledger.approve(dated, valid_days=30, now=end - 86_400)
    assert approval.expires == end  # the declaration's expiry, sooner than 30 days
    with pytest.raises(NotApproved, match="expired"):
        ledger.record_answer(dated, [[1, 1, 0, 0]], 1.0, 10, now=end + 1)
    with pytest.raises(NotApproved, match="cannot be approved"):
        ledger.approve(dated, now=end + 1)
    with pytest.raises(StudyError, match="ISO 8601"):
        _study(expires="next tuesday")


def _plan(**changes):
    fields = {"study_id": "findings-dp", "title": "Findings model", "participants": ("a", "b", "c"),
              "rounds": 3, "epsilon": 4.0, "delta": 1e-5}  # fmt: skip
    return TrainingPlan(**{**fields, **changes})


def test_training_rounds_are_answered_once_in_order_up_to_the_plan_and_charged_per_round(vault):
    """The review's attack: rounds 1-3, then 1-3 again, then 4, 50, 199, 2, 2, 2. Before issue 27
    all twelve were recorded for one charge; now only the plan's three are, each charged by
    the site's accountant, and their sum is within the ε the site approved."""
    ledger = SiteLedger(vault)
    ledger.set_budget(100.0)
    plan = _plan()
    ledger.approve(plan)
    enrolment = enrol(plan, 600, now=0.0)
    sent, refused = [], []
    for number in (1, 2, 3, 1, 2, 3, 4, 50, 199, 2, 2, 2):
        try:
            sent.append(ledger.record_training_round(plan, number, enrolment, 1_000))
        except AlreadyAnswered as exc:
            refused.append(str(exc))
    assert [r.round for r in sent] == [1, 2, 3]
    assert len(refused) == 9 and all("findings-dp" in r for r in refused)
    assert all("all 3 rounds were answered" in r for r in refused)
    expected = [
        accounting.epsilon(enrolment.noise_multiplier, enrolment.sample_rate, enrolment.steps * k, plan.delta)
        for k in (1, 2, 3)
    ]
    assert [r.cumulative for r in sent] == pytest.approx(expected)
    assert [r.epsilon for r in sent] == pytest.approx([expected[0], expected[1] - expected[0],
                                                       expected[2] - expected[1]])  # fmt: skip
    assert ledger.spent() == pytest.approx(expected[2]) and expected[2] <= plan.epsilon
    assert [a["round"] for a in ledger.answers()] == [1, 2, 3]


def test_a_round_out_of_order_or_beyond_the_plan_is_refused_and_costs_nothing(vault):
    ledger = SiteLedger(vault)
    plan = _plan(rounds=2)
    ledger.approve(plan)
    enrolment = enrol(plan, 600, now=0.0)
    for number in (2, 0, -1, 7):
        refused = rf"findings-dp: round {number} was asked.*next round is 1 of 2"
        with pytest.raises(AlreadyAnswered, match=refused):
            ledger.record_training_round(plan, number, enrolment, 1_000)
    assert ledger.answers() == [] and ledger.spent() == 0
    assert ledger.next_round(plan) == 1
    ledger.record_training_round(plan, 1, enrolment, 1_000)
    assert ledger.next_round(plan) == 2 and ledger.enrolment(plan) == enrolment
    with pytest.raises(AlreadyAnswered, match=r"round 1 was asked.*next round is 2 of 2"):
        ledger.record_training_round(plan, 1, enrolment, 1_000)


def test_a_rerun_of_a_plan_needs_a_new_approval_and_the_budget_to_allow_it(vault):
    ledger = SiteLedger(vault)
    plan = _plan(rounds=2, epsilon=2.0)
    ledger.approve(plan)
    enrolment = enrol(plan, 600, now=0.0)
    one = ledger.record_training_round(plan, 1, enrolment, 1_000).epsilon
    ledger.record_training_round(plan, 2, enrolment, 1_000)
    first_run = ledger.spent()
    assert 0 < one < first_run <= 2.0
    ledger.set_budget(first_run + one + 0.01)  # room for one more round 1, not for a round 2
    with pytest.raises(AlreadyAnswered, match="a new run needs a new approval"):
        ledger.next_round(plan)
    ledger.approve(plan)  # approved again: round 1 of a new run, charged again
    assert ledger.next_round(plan) == 1 and ledger.enrolment(plan) is None
    ledger.record_training_round(plan, 1, enrolment, 1_000)
    assert ledger.spent() > first_run
    with pytest.raises(BudgetExceeded, match="round 2 of training plan findings-dp"):
        ledger.record_training_round(plan, 2, enrolment, 1_000)  # the budget does not allow the rest
    assert [a["round"] for a in ledger.answers()] == [1, 2, 1]


def test_a_noise_free_plan_charges_nothing_but_still_answers_each_round_once(vault):
    ledger = SiteLedger(vault)
    plan = _plan(epsilon=None, rounds=2)
    ledger.approve(plan)
    enrolment = enrol(plan, 600, now=0.0)
    assert [ledger.record_training_round(plan, n, enrolment, 10).epsilon for n in (1, 2)] == [0.0, 0.0]
    with pytest.raises(AlreadyAnswered):
        ledger.record_training_round(plan, 3, enrolment, 10)


def test_imported_records_live_in_the_vault_and_replace_by_unit(vault, corpus_records):
    ledger = SiteLedger(vault)
    assert ledger.import_records(corpus_records[:300], "site.csv") == 300
    assert ledger.import_records(corpus_records[200:400], "site.csv") == 200
    kept = ledger.records()
    assert len(kept) == 400 and kept[:300] == corpus_records[:300]


def test_modality_is_the_first_one_the_examination_names():
    assert modality_of("PA and lateral chest, comparison CT from 2019") == "XR"
    assert modality_of("CT CHEST WITHOUT CONTRAST") == "CT"
    assert modality_of("Abdominal ultrasound") == "US"
    assert modality_of("") is None
