"""The rules flag, they never overwrite: a finding keeps the draft's certainty, and where the
certainty reader reads the report otherwise both readings are shown as a conflict (the CLI's
findings table, the export; the window's table is tested in tests/ui)."""

from __future__ import annotations

import json

from app.core import messages
from app.core.tasks.findings import check
from app.core.tasks.render import findings_table
from app.core.tasks.results import TaskResult
from app.core.vault.export import to_json, to_markdown
from app.core.vault.models import Analysis, SessionDetail, SessionInfo

REPORT = ("INDICATION: Breathless, rule out pneumothorax.\n"
          "FINDINGS: No pneumothorax, moderate right pleural effusion. Heart size normal. "
          "Right basal pneumonia cannot be excluded.\nIMPRESSION: Right pleural effusion.")  # fmt: skip


def finding(label: str, certainty: str, evidence: str, laterality: str = "none") -> dict[str, str]:
    return {"label": label, "certainty": certainty, "evidence": evidence, "laterality": laterality,
            "body_site": "", "severity": "none"}  # fmt: skip


def test_the_draft_is_kept_and_a_disagreement_is_flagged():
    items = [
        finding("pleural effusion", "absent", "No pneumothorax, moderate right pleural effusion"),
        finding("pneumothorax", "absent", "No pneumothorax"),
        finding("pneumonia", "present", "Right basal pneumonia cannot be excluded"),
        finding("cardiomegaly", "present", "Heart size normal"),
    ]
    effusion, pneumothorax, pneumonia, heart = check(items, [REPORT], ["r.txt"])
    # the draft's answer stays the finding's certainty
    kept = [f.certainty for f in (effusion, pneumothorax, pneumonia, heart)]
    assert kept == ["absent", "absent", "present", "present"]
    # the rules' reading stands beside it, with the sentence that decided
    assert effusion.rule_certainty == "present" and effusion.certainty_conflict
    assert effusion.rule_evidence.startswith("No pneumothorax, moderate right pleural effusion")
    assert pneumothorax.rule_certainty == "absent" and not pneumothorax.certainty_conflict
    assert pneumonia.rule_certainty == "possible" and pneumonia.certainty_conflict
    assert pneumonia.certainty_rule == "cannot be excluded"
    assert heart.rule_certainty == "absent" and heart.certainty_conflict


def test_a_label_the_rules_cannot_read_gets_no_flag():
    found = check([finding("sternotomy wires", "present", "Heart size normal")], [REPORT])[0]
    assert found.rule_certainty is None and not found.certainty_conflict and found.certainty == "present"


def test_a_finding_of_one_side_is_read_in_its_quote():
    report = "FINDINGS: No right pleural effusion. Small left pleural effusion."
    right = check([finding("pleural effusion", "absent", "No right pleural effusion", "right")], [report])[0]
    assert right.rule_certainty == "absent" and not right.certainty_conflict
    whole = check([finding("pleural effusion", "absent", "No right pleural effusion")], [report])[0]
    assert whole.rule_certainty == "present" and whole.certainty_conflict  # the report has one, on the left


def test_the_cli_table_shows_both_readings():
    items = [finding("pleural effusion", "absent", "No pneumothorax, moderate right pleural effusion"),
             finding("pneumothorax", "absent", "No pneumothorax")]  # fmt: skip
    result = TaskResult("findings", "findings@1", "m", "en", "draft", "", findings=check(items, [REPORT]))
    table = findings_table(result)
    first, second = table.split("\n 2.")
    assert "certainty in conflict: the draft says absent, the certainty rules read present" in first
    assert "conflict" not in second
    assert messages.made_from(first.split("[", 1)[1].split("]")[0], messages.CERTAINTY_CONFLICT)


def test_the_export_carries_both_readings():
    items = [finding("pleural effusion", "absent", "No pneumothorax, moderate right pleural effusion")]
    result = TaskResult("findings", "findings@1", "m", "en", "draft", "", findings=check(items, [REPORT]))
    detail = SessionDetail(
        SessionInfo("s1", "Chest", 0.0, 0.0, "standard", False), [], [],
        [Analysis(1, "s1", None, "findings", "findings@1", result.to_dict(), None, 0.0)])
    stored = json.loads(to_json(detail))["analyses"][0]["result"]["findings"][0]
    assert stored["certainty"] == "absent" and stored["rule_certainty"] == "present"
    assert stored["certainty_conflict"] is True
    markdown = to_markdown(detail)
    line = "- Finding 1, pleural effusion: certainty in conflict: the draft says absent, the certainty rules"
    assert line + " read present" in markdown
