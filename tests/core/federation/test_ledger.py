"""A site's approvals, budget and audit of every answer, in its own (SQLCipher) vault."""

from __future__ import annotations

import pytest

from app.core.federation.ledger import BudgetExceeded, NotApproved, SiteLedger
from app.core.federation.queries import CrossTab, FindingCounts
from app.core.federation.records import modality_of
from app.core.federation.study import Study
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
    ledger = SiteLedger(vault)
    ledger.set_budget(2.5)
    study = _study()
    ledger.approve(study)
    ledger.record_answer(study, [[1, 1, 0, 0]], 1.0, 10)
    ledger.record_answer(study, [[1, 1, 0, 0]], 1.0, 10)
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
