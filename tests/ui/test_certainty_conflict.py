"""The findings table shows both certainty readings where the rules and the draft disagree;
the draft's answer stays the finding's certainty (issue 26: the rules flag, never overwrite)."""

from __future__ import annotations

from types import SimpleNamespace

from app.core.tasks.findings import check


def test_a_conflict_shows_both_readings_and_keeps_the_draft(qtbot):
    from app.ui.findings import FindingsTable

    report = "FINDINGS: No pneumothorax, moderate right pleural effusion."
    items = [{"label": "pleural effusion", "certainty": "absent",
              "evidence": "moderate right pleural effusion"},
             {"label": "pneumothorax", "certainty": "absent", "evidence": "No pneumothorax"}]  # fmt: skip
    findings = check(items, [report], ["r.txt"])
    table = FindingsTable()
    qtbot.addWidget(table)
    table.set_findings(findings)
    conflict, agreed = table.item(0, 4), table.item(1, 4)
    assert conflict.text().startswith("absent") and "⚠" in conflict.text() and "present" in conflict.text()
    assert "moderate right pleural effusion" in conflict.toolTip()
    assert agreed.text() == "absent" and agreed.toolTip() == ""
    assert findings[0].certainty == "absent"  # the draft's answer is kept


def test_a_stored_finding_without_the_rule_fields_still_shows(qtbot):
    from app.ui.findings import FindingsTable

    old = SimpleNamespace(label="nodule", certainty="present", evidence="6 mm nodule", laterality=None,
                          body_site=None, size_mm=6.0, certainty_rule="", model_certainty="present",
                          grounding=SimpleNamespace(grounded=True))  # fmt: skip
    table = FindingsTable()
    qtbot.addWidget(table)
    table.set_findings([old])
    assert table.item(0, 4).text() == "present"
