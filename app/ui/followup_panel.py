"""The Fleischner calculator in the window: its answer, every input with the words it came from,
and the clinician's corrections.

The panel is computed by app/core (``followup.build_panel``); this widget only shows it and
asks for corrections. "Correct an input…" opens a dialog listing every input the calculator
used (age, examination, exclusions, each risk factor, the count, the guide, and each nodule's
size, type and status); the chosen value goes out as ``correction_requested({"field", "value"})``
and the main window recomputes the panel through app/services and stores the change.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core import messages
from app.ui.messages import translated

# The values a field can take in the dialog: (value, what the clinician reads).
_PRESENCE = ((True, "present"), (False, "absent"), (None, "unknown"))
_KINDS = {"age": "number", "modality": "modality", "count": "count", "guide": "guide"}


def _field_value_text(value: Any) -> str:
    if value is True:
        return translated(messages.FL_VALUES["present"])
    if value is False:
        return translated(messages.FL_VALUES["absent"])
    if value is None:
        return translated(messages.FL_VALUES["unknown"])
    return translated(str(messages.FL_VALUES.get(str(value), str(value))))


def _quotes(evidence: Any) -> str:
    quotes = [str(getattr(e, "quote", "") or "") for e in evidence or []]
    quotes = [q for q in dict.fromkeys(quotes) if q]
    return " · ".join(f"“{html.escape(q)}”" for q in quotes[:3])


def _input_label(item: Any) -> str:
    key = str(item.key)
    label = str(getattr(item, "label", "") or "")
    if label:
        return translated(label)
    if key in messages.FL_INPUT_LABELS:
        return translated(messages.FL_INPUT_LABELS[key])
    return key


class FollowupCorrectionDialog(QDialog):
    """Choose an input of the calculator and the value it should have."""

    def __init__(self, panel: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Correct an input of the follow-up calculator"))
        self.field = QComboBox()
        self.choice = QComboBox()
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("a number, or empty for not stated"))
        form = QFormLayout(self)
        explain = QLabel(self.tr("The panel is recomputed from the report with your correction; the "
                                 "original reading is kept and the change is stored and audited."))
        explain.setWordWrap(True)
        form.addRow(explain)
        form.addRow(self.tr("Input"), self.field)
        form.addRow(self.tr("Value"), self.choice)
        form.addRow(self.tr("Number"), self.number)
        standard = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(standard.Ok | standard.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._fields: list[tuple[str, str]] = []  # (field, kind): kind "presence", "number", "choice:..."
        for item in getattr(panel, "inputs", None) or []:
            key = str(item.key)
            kind = _KINDS.get(key, "presence")
            self._fields.append((key, kind))
            self.field.addItem(f"{_input_label(item)} — {_field_value_text(item.value)}", key)
        self._nodules = list(getattr(panel, "nodules", None) or [])
        for nodule in self._nodules:
            where = translated(messages.FL_WHERE.get(str(nodule.location or ""), "")) or str(nodule.id)
            size = f"{nodule.size_mm} mm" if nodule.size_mm is not None else _field_value_text(None)
            kind_text = str(nodule.nodule_type or "—")
            rows = (("size_mm", "number", self.tr("size (mm): {0}").format(size)),
                    ("type", "type", self.tr("type: {0}").format(kind_text)),
                    ("status", "status", self.tr("counted or not: {0}").format(str(nodule.status))))
            for part, kind, shown in rows:
                key = f"nodule.{nodule.id}.{part}"
                self._fields.append((key, kind))
                name = self.tr("Nodule {0}").format(nodule.id)
                self.field.addItem(f"{name} ({where}) — {shown}", key)
        self.field.currentIndexChanged.connect(self._field_changed)
        self._field_changed()

    def _field_changed(self) -> None:
        index = self.field.currentIndex()
        kind = self._fields[index][1] if 0 <= index < len(self._fields) else "presence"
        self.choice.clear()
        options: list[tuple[Any, str]] = []
        if kind == "presence":
            options = [(v, _field_value_text(v)) for v, _ in _PRESENCE]
        elif kind == "modality":
            options = [("CT", "CT"), ("radiograph", self.tr("radiograph")), ("other", self.tr("other"))]
        elif kind == "count":
            options = [("single", _field_value_text("single")), ("multiple", _field_value_text("multiple")),
                       (None, _field_value_text(None))]  # fmt: skip
        elif kind == "guide":
            options = [(str(n.id), self.tr("Nodule {0}").format(n.id)) for n in self._nodules]
        elif kind == "type":
            options = [("solid", self.tr("solid")), ("part_solid", self.tr("part-solid")),
                       ("ground_glass", self.tr("ground-glass")), (None, _field_value_text(None))]
        elif kind == "status":
            options = [("counted", self.tr("a nodule the table counts"))] + [
                (key, translated(text)) for key, text in messages.FL_STATUS.items()]
        for value, text in options:
            self.choice.addItem(text, value)
        self.choice.setVisible(kind != "number")
        self.number.setVisible(kind == "number")
        self.number.clear()

    def correction(self) -> dict[str, Any] | None:
        """{"field", "value"} as chosen, or None when the number cannot be read."""
        index = self.field.currentIndex()
        if not 0 <= index < len(self._fields):
            return None
        field, kind = self._fields[index]
        if kind != "number":
            return {"field": field, "value": self.choice.currentData()}
        raw = self.number.text().strip().replace(",", ".")
        if not raw:
            return {"field": field, "value": None}
        try:
            number = float(raw)
        except ValueError:
            return None
        return {"field": field, "value": int(number) if field == "age" and number.is_integer() else number}


class FollowupPanelView(QWidget):
    """The calculator's answer and inputs (read-only text) with "Correct an input…"."""

    correction_requested = Signal(object)  # {"field": ..., "value": ...}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel: Any = None
        self.can_correct = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QTextBrowser()
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        self.correct_button = QPushButton()
        self.correct_button.clicked.connect(self._ask_correction)
        row.addWidget(self.correct_button)
        row.addStretch(1)
        layout.addLayout(row)
        self._retranslate()

    def _retranslate(self) -> None:
        self.correct_button.setText(self.tr("Correct an input…"))
        self.correct_button.setToolTip(self.tr(
            "Set or correct the age, the examination, an exclusion, a risk factor or a nodule's size, type "
            "or status; the panel is recomputed and the change is kept in the vault."))

    def set_panel(self, panel: Any, can_correct: bool = True) -> None:
        self.panel = panel
        self.can_correct = can_correct
        has_inputs = panel is not None and bool(getattr(panel, "inputs", None))
        self.correct_button.setEnabled(has_inputs and can_correct)
        self.text.setHtml(self.panel_html(panel))

    def toPlainText(self) -> str:
        return self.text.toPlainText()

    def _ask_correction(self) -> None:
        if self.panel is None:
            return
        dialog = FollowupCorrectionDialog(self.panel, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            correction = dialog.correction()
            if correction is not None:
                self.correction_requested.emit(correction)

    def _value_text(self, key: str, value: Any) -> str:
        """An input's value in the interface language (the examination's values are words too)."""
        if key == "modality" and isinstance(value, str):
            names = {"CT": "CT", "radiograph": self.tr("radiograph"), "other": self.tr("other")}
            return names.get(value, value)
        return _field_value_text(value)

    def _type_text(self, nodule_type: Any) -> str:
        names = {"solid": self.tr("solid"), "part-solid": self.tr("part-solid"),
                 "ground-glass": self.tr("ground-glass")}  # fmt: skip
        return names.get(str(nodule_type), self.tr("type not stated"))

    def panel_html(self, panel: Any) -> str:
        esc = html.escape
        t = translated
        if panel is None:
            none = self.tr("No Fleischner assessment for this session.")
            return f"<p><i>{esc(none)}</i></p>"
        heading = str(getattr(panel, "heading", "") or messages.FL_HEADING_COMPUTED)
        colour = "#1e8449" if getattr(panel, "status", "") == "recommendation" else "#b9770e"
        parts = [f"<h4 style='color:{colour}'>{esc(t(heading))}</h4>"]
        recommendation = panel.recommendation
        if recommendation is not None and recommendation.recommendation is not None:
            parts.append(f"<p><b>{esc(t(recommendation.recommendation))}</b></p>")
        elif recommendation is not None and getattr(recommendation, "by_risk", None):
            both = self.tr("The risk is not stated: both rows of the table apply.")
            parts.append(f"<p>{esc(both)}</p><ul>")
            by_risk = recommendation.by_risk
            items = vars(by_risk).items() if not isinstance(by_risk, dict) else by_risk.items()
            for risk, text in items:
                if_risk = self.tr("If {0} risk:").format(t(risk))
                parts.append(f"<li>{esc(if_risk)} <b>{esc(t(text))}</b></li>")
            parts.append("</ul>")
        notes = [str(n) for n in getattr(panel, "notes", None) or []]
        missing = [str(m) for m in getattr(panel, "missing", None) or []]
        if missing:
            needs = self.tr("No recommendation. What it needs:")
            parts.append(f"<p>{esc(needs)}</p><ul>")
            parts += [f"<li>{esc(t(m))}</li>" for m in missing]
            parts.append("</ul>")
        elif getattr(panel, "status", "") == "out_of_scope" and notes:
            parts.append(f"<p><b>{esc(t(notes[0]))}</b></p>")
        nodules = list(getattr(panel, "nodules", None) or [])
        if nodules:
            nodules_title = self.tr("Nodules (★ guides management):")
            parts.append(f"<p>{esc(nodules_title)}</p><ul>")
            for index, nodule in enumerate(nodules):
                guide = " ★" if getattr(panel, "guiding", None) == index else ""
                size = f"{nodule.size_mm} mm" if getattr(nodule, "size_mm", None) is not None \
                    else self.tr("size not stated")  # fmt: skip
                source = t(messages.FL_SOURCES.get(str(getattr(nodule, "size_source", "report")), ""))
                kind = self._type_text(getattr(nodule, "nodule_type", None))
                status = messages.FL_STATUS.get(str(getattr(nodule, "status", "")), "")
                name = esc(str(getattr(nodule, "id", index + 1)))
                line = f"<b>{name}</b>{guide}: {esc(size)} ({esc(source)}), "
                line += esc(kind) + (f"; {esc(t(status))}" if status else "")
                quotes = _quotes(getattr(nodule, "size_evidence", None) or getattr(nodule, "mentions", None))
                line += f"<br><span style='color:#555'>{quotes or esc(str(nodule.evidence))}</span>"
                if getattr(nodule, "model_size_mm", None) is not None:
                    model_reads = self.tr("the model reads {0} mm (second reader)").format(
                        f"{nodule.model_size_mm:g}")
                    line += f"<br><i>{esc(model_reads)}</i>"
                if getattr(nodule, "conflict", ""):
                    line += f"<br><span style='color:#c0392b'>{esc(t(str(nodule.conflict)))}</span>"
                parts.append(f"<li>{line}</li>")
            parts.append("</ul>")
        inputs = list(getattr(panel, "inputs", None) or [])
        shown = [i for i in inputs if not (str(i.key).startswith("risk.") and i.value is None
                                           and i.source == "default")]  # fmt: skip
        if shown:
            inputs_title = self.tr("Inputs and where they came from:")
            parts.append(f"<p>{esc(inputs_title)}</p><ul>")
            for item in shown:
                source = t(messages.FL_SOURCES.get(str(item.source), str(item.source)))
                quotes = _quotes(item.evidence)
                value = self._value_text(str(item.key), item.value)
                parts.append(f"<li>{esc(_input_label(item))}: <b>{esc(value)}</b> "
                             f"({esc(source)}){' — ' + quotes if quotes else ''}</li>")
            parts.append("</ul>")
        unstated = [i for i in inputs
                    if str(i.key).startswith("risk.") and i.value is None and i.source == "default"]
        if unstated:
            names = ", ".join(_input_label(i) for i in unstated)
            not_stated = self.tr("Risk factors not stated: {0}").format(names)
            parts.append(f"<p style='font-size:small'>{esc(not_stated)}</p>")
        overrides = list(getattr(panel, "overrides", None) or [])
        if overrides:
            corrections_title = self.tr("Your corrections:")
            parts.append(f"<p>{esc(corrections_title)}</p><ul>")
            for override in overrides:
                get = override.get if isinstance(override, dict) else lambda k, o=override: getattr(o, k, "")
                parts.append(f"<li>{esc(str(get('field')))} = {esc(_field_value_text(get('value')))}"
                             f" <span style='color:#555'>{esc(str(get('at') or ''))}</span></li>")
            parts.append("</ul>")
        rest = notes[1:] if getattr(panel, "status", "") == "out_of_scope" else notes
        rest += list(recommendation.notes) if recommendation is not None else []
        if rest:
            parts.append("<p style='font-size:small'>" + "<br>".join(esc(t(n)) for n in dict.fromkeys(rest))
                         + "</p>")
        if recommendation is not None:
            parts.append(f"<p style='font-size:small'><i>{esc(t(recommendation.citation))}</i></p>")
        return "".join(parts)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.text.setHtml(self.panel_html(self.panel))
        super().changeEvent(event)
