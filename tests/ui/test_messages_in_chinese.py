"""The engine's, the readers' and the Fleischner rule's messages appear in Chinese in the Chinese
interface: every template of app.core.messages is translated with its fields kept, and real
messages — made by loading a model, reading awkward files and building follow-up panels — leave
no English word behind once translated (only file names, quotes from reports and fixed
technical names may stay)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from app.core import messages
from app.core.documents.registry import read_document
from app.core.llm.engine import Engine, EngineConfig
from app.core.tasks import findings as findings_mod
from app.core.tasks.followup import build_panel
from app.ui import i18n
from app.ui.messages import translated
from tests.fixtures.dicom_files import bundled_dicom_file

ROOT = Path(__file__).resolve().parents[2]
FIELD = re.compile(r"\{(\w+)\}")
CJK = re.compile(r"[\u4e00-\u9fff]")
# Names that stay as they are in Chinese text (products, formats, standards, units).
TECHNICAL = {"CPU", "GPU", "CUDA", "README", "ChatML", "llama", "cpp", "UTF", "Latin", "JSON",
             "BurnedInAnnotation",
             "YES", "PET", "Fleischner", "MacMahon", "Radiology", "n_ctx", "Q4_K_M", "findings", "LE", "BE"}


def english_left(text: str, allowed: set[str]) -> list[str]:
    """Words of four letters or more that are neither allowed values nor technical names."""
    for value in sorted(allowed, key=len, reverse=True):
        text = text.replace(value, " ")
    text = re.sub(r"“[^”]*”", " ", text)  # quotes from the report stay in the report's language
    return [w for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]{3,}", text) if w not in TECHNICAL]


def templates_in(text: str) -> set[str]:
    """The templates a message was made from, nested ones included."""
    found: set[str] = set()
    for parsed in messages.parse(text):
        found.add(parsed.template)
        for value in parsed.fields.values():
            found |= templates_in(value)
    return found


@pytest.fixture
def chinese(qapp):
    assert i18n.install("zh_CN")
    yield
    i18n.install("en")


def test_every_core_message_has_a_chinese_translation_that_keeps_its_fields(chinese):
    templates = messages.catalogue()
    assert len(templates) > 60
    for template in templates:
        text = QCoreApplication.translate(messages.CONTEXT, template)
        assert text != template or not re.search(r"[A-Za-z]{4,}", template), f"{template!r} is not translated"
        assert sorted(FIELD.findall(text)) == sorted(FIELD.findall(template)), f"{template!r} -> {text!r}"
        if re.search(r"[A-Za-z]{4,}", FIELD.sub("", template)):
            assert CJK.search(text), f"{template!r} was left in English: {text!r}"


def _document_warnings(tmp_path: Path) -> list[tuple[str, set[str]]]:
    utf16 = tmp_path / "utf16-report.txt"
    utf16.write_bytes("FINDINGS: The lungs are clear.\n".encode("utf-16-le"))
    broken = tmp_path / "broken-utf8.txt"
    broken.write_bytes("FINDINGS: Heart size normal. 心脏大小正常。\n".encode() + b"\xff\xfe\xfa tail\n")
    ultrasound = bundled_dicom_file("US1_UNCR.dcm")
    found: list[tuple[str, set[str]]] = []
    for path in (utf16, broken, ultrasound):
        document = read_document(path)
        assert document.warnings, f"{path.name} gave no warning"
        labels = {s.label for s in document.series} | {path.name}
        found += [(w, labels) for w in document.warnings]
    return found


def _findings_warnings() -> list[tuple[str, set[str]]]:
    cut = ('{"findings": [{"label": "cardiomegaly", "certainty": "present", '
           '"evidence": "Heart is enlarged"}, 7, ')
    merged = findings_mod.merge([cut, "not json at all", '{"no": 1}'])
    assert len(merged.warnings) >= 3
    return [(w, set()) for w in merged.warnings]


PANEL_REPORTS = [
    "FINDINGS: The lungs are clear. No pleural effusion.",
    "CT CHEST: A 7 mm solid nodule in the right upper lobe. Moderate emphysema. 70-year-old smoker.",
    "CT CHEST: A 5 mm ground-glass nodule. Known primary cancer with metastases.",
    "CT CHEST: A 4 mm solid nodule. The patient is 30 years old.",
    "CT CHEST: Multiple nodules, the largest part-solid. Never smoker.",
    "Chest x-ray PA and lateral: a nodule in the left lower zone.",
    "CT CHEST: A calcified granuloma (nodule) in the left lower lobe, and a 9 mm solid nodule. "
    "Asbestos exposure.",
    "CT CHEST: Subsolid nodule. Family history of lung cancer in his father. Pulmonary fibrosis.",
]


def _panel_texts() -> list[tuple[str, set[str]]]:
    found: list[tuple[str, set[str]]] = []
    for report in PANEL_REPORTS:
        panel = build_panel([report])
        texts = list(panel.notes) + list(panel.risk_factors) + [n.reason for n in panel.nodules if n.reason]
        if panel.risk:
            texts.append(panel.risk)
        if panel.recommendation is not None:
            r = panel.recommendation
            texts += [r.citation, *r.notes, *r.missing, *r.by_risk.values(), *r.by_risk.keys()]
            if r.recommendation:
                texts.append(r.recommendation)
        found += [(t, set()) for t in texts]
    return found


def test_real_engine_document_findings_and_fleischner_messages_leave_no_english(chinese, tmp_path,
                                                                                tiny_model):
    engine = Engine()
    report = engine.load(tiny_model, EngineConfig(n_ctx=512, n_threads=2))
    try:
        produced = [(w, set()) for w in report.warnings] + [(report.summary(), {report.model_name,
                                                                               report.quantization})]
    finally:
        engine.close()
    produced += _document_warnings(tmp_path) + _findings_warnings() + _panel_texts()
    kinds = {template for text, _ in produced for template in templates_in(text)}
    # The corpus of real messages covers the engine, the readers, the findings parser and the rule.
    for template in (messages.NO_GPU_BUILD, messages.READ_AS_UTF16, messages.INVALID_UTF8,
                     messages.BURNED_IN_MODALITY, messages.PART_PREFIX, messages.FINDINGS_CUT_SHORT,
                     messages.NOT_FINDINGS_JSON, messages.NO_FINDINGS_LIST, messages.NO_NODULE_STATED,
                     messages.EXCLUDED_BY_CONTEXT, messages.UNDER_35, messages.RADIOGRAPH_ONLY,
                     messages.LOW_RISK_DEFINED, messages.RISK_FACTOR, messages.CALCIFIED_NODULE):
        assert template in kinds, f"no real message came from {template!r}"
    untranslated = []
    for text, allowed in produced:
        shown = translated(text)
        left = english_left(shown, allowed)
        if left:
            untranslated.append((text, shown, left))
    assert not untranslated, "\n".join(f"{t!r} -> {s!r}: {w}" for t, s, w in untranslated)


def test_text_that_is_not_a_message_is_shown_unchanged(chinese):
    for text in ("report.txt: something the catalogue does not know", "The heart is enlarged.",
                 "CT 1: ultrasound-like artefact"):
        assert translated(text) == text


def test_core_adds_no_warning_or_note_that_bypasses_the_catalogue():
    """A literal or f-string appended to a warnings/notes list in app/core would reach the
    screen untranslated: every such text must be made from an app.core.messages template."""
    offenders = []
    for path in sorted((ROOT / "app" / "core").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) \
                    and getattr(node.exc.func, "id", "") == "FindingsFormatError" and node.exc.args \
                    and isinstance(node.exc.args[0], ast.JoinedStr | ast.Constant):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")  # shown as a warning
                continue
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("append", "extend") and node.args):
                continue
            target = node.func.value
            name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
            if not re.search(r"warnings$|notes$", name):
                continue
            arg = node.args[0]
            literal = isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant)
                                                          and isinstance(arg.value, str))
            if isinstance(arg, ast.GeneratorExp | ast.ListComp):
                literal = isinstance(arg.elt, ast.JoinedStr)
            if literal:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, "untranslatable warnings: " + ", ".join(offenders)


def test_the_fleischner_panel_reads_in_chinese(chinese, qtbot):
    from app.ui.findings import FleischnerView

    view = FleischnerView()
    qtbot.addWidget(view)
    for report in PANEL_REPORTS[1:]:
        view.set_panel(build_panel([report]))
        shown = view.toPlainText()
        assert CJK.search(shown)
        assert not english_left(shown, set()), f"{report!r} -> {shown!r}"
