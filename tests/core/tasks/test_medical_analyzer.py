"""``MedicalAnalyzer().process_local(folder)``, the founding example's entry point, offline on
tiny random-weight models: grounded report findings and image observations with sources."""

from __future__ import annotations

from pathlib import Path

from app.api import MedicalAnalyzer
from app.core.tasks import findings as findings_mod
from app.core.tasks.results import TaskResult
from app.services.local_analysis import NO_REPORT, suggestions
from tests.fixtures.dicom_files import write_ct_series

REPORT = "FINDINGS: Small left pleural effusion. No pneumothorax.\n"


def patient_folder(root: Path, with_report: bool = True) -> Path:
    folder = root / "patient_001"
    write_ct_series(folder / "ct", 12)
    if with_report:
        (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    return folder


def test_process_local_names_a_source_for_every_suggestion(
    tmp_path: Path, tiny_vl_pair: tuple[Path, Path]
) -> None:
    text, projector = tiny_vl_pair
    analyzer = MedicalAnalyzer(model=str(text), vision_model=str(text), vision_projector=str(projector),
                               slices=2, preset="lung", max_tokens=3000)  # fmt: skip
    result = analyzer.process_local(patient_folder(tmp_path))
    assert "report.txt" in result.documents and result.series == ["CT series #1"]
    assert result.findings is not None and result.findings.task == "findings"
    assert result.images is not None and result.images.task == "compare_images"  # a report was there
    assert [i["instance_number"] for i in result.images.looked_at] == [4, 10]
    observed = [s for s in result.diagnosis_suggestions if s.kind == "image observation"]
    assert observed, result.images.text  # the bounded schema lets even a random model finish
    for suggestion in observed:
        assert suggestion.source["series"] == "CT series #1"
        assert suggestion.source["instance_number"] in (4, 10) and suggestion.source["preset"] == "lung"
    assert any("The model looked at 2 image(s)" in notice for notice in result.notices)
    assert result.to_dict()["label"].startswith("AI-generated draft")


def test_without_a_vision_model_the_images_are_said_not_looked_at(tmp_path: Path, tiny_model: Path,
                                                                  monkeypatch) -> None:  # fmt: skip
    monkeypatch.delenv("ENCLAVE_VISION_MODEL", raising=False)
    result = MedicalAnalyzer(model=str(tiny_model), max_tokens=16).process_local(
        patient_folder(tmp_path, False)
    )
    assert result.images is None and result.findings is None
    assert NO_REPORT in result.notices
    assert any(
        n.startswith("The images were not looked at: No vision model is installed") for n in result.notices
    )
    assert result.diagnosis_suggestions == []


def test_report_findings_carry_their_span() -> None:
    parsed = findings_mod.parse('{"findings": [{"evidence": "Small left pleural effusion", "label": "pleural '
                                'effusion", "body_site": "pleura", "laterality": "left", "size_mm": null, '
                                '"severity": "mild", "certainty": "present"}]}')  # fmt: skip
    checked = findings_mod.check(parsed.items, [REPORT], ["report.txt"])
    result = TaskResult(task="findings", prompt="findings@1", model="m", language="en", label="", text="",
                        findings=checked)  # fmt: skip
    [suggestion] = suggestions(result, None)
    assert (suggestion.kind, suggestion.text, suggestion.grounded) == (
        "report finding",
        "pleural effusion",
        True,
    )
    start, end = suggestion.source["start"], suggestion.source["end"]
    assert suggestion.source["document"] == "report.txt"
    assert REPORT[start:end] == "Small left pleural effusion"
