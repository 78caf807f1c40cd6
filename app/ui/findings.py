"""The findings table (from the structured findings task) and the Fleischner panel.

Rows come from ``app.core.tasks.results.TaskResult.findings``; a finding whose quoted
evidence is not in the source is marked ⚠ and says so. Clicking a row highlights its
evidence in the report. The clinician confirms, rejects or corrects each finding (the
decision is stored in the vault by the session store); where the consortium's findings
model disagrees with the draft, the row is flagged ⚑ — a flag, never a change.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.messages import translated

UNGROUNDED = "⚠"
FLAG = "⚑"
CERTAINTIES = ("present", "absent", "possible")


class FindingsTable(QTableWidget):
    evidence_clicked = Signal(str)

    COLUMNS = 8
    REVIEW, CONSORTIUM = 6, 7

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, self.COLUMNS, parent)
        self.findings: list[Any] = []
        self.feedback: dict[int, Any] = {}
        self.flags: list[Any] = []
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.cellClicked.connect(self._clicked)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(["", self.tr("Finding"), self.tr("Site"), self.tr("Size"),
                                        self.tr("Certainty"), self.tr("Evidence"), self.tr("Review"),
                                        self.tr("Consortium model")])  # fmt: skip
        self.set_findings(self.findings, self.feedback, self.flags)

    def certainty_text(self, certainty: str) -> str:
        return {"present": self.tr("present"), "absent": self.tr("absent"),
                "possible": self.tr("possible")}.get(certainty, certainty)  # fmt: skip

    def review_text(self, decision: Any) -> str:
        if decision is None:
            return ""
        if decision.decision == "confirm":
            return self.tr("✓ confirmed")
        if decision.decision == "reject":
            return self.tr("✗ rejected")
        certainty = self.certainty_text(str(decision.certainty))
        return self.tr("✎ corrected: {0}, {1}").format(decision.label, certainty)

    def set_findings(self, findings: list[Any] | None, feedback: dict[int, Any] | None = None,
                     flags: list[Any] | None = None) -> None:  # fmt: skip
        self.findings = list(findings or [])
        self.feedback = dict(feedback or {})
        self.flags = list(flags or [])
        by_finding = {f.finding: f for f in self.flags if getattr(f, "finding", None) is not None}
        self.setRowCount(len(self.findings))
        for row, finding in enumerate(self.findings):
            grounded = bool(finding.grounding.grounded)
            mark = QTableWidgetItem("" if grounded else UNGROUNDED)
            mark.setToolTip("" if grounded else self.tr("The quoted evidence is not in the document: "
                                                        "check this finding against the source."))
            if not grounded:
                mark.setForeground(QColor("#c0392b"))
            site = " ".join(x for x in (finding.laterality, finding.body_site) if x)
            size = f"{finding.size_mm:g} mm" if finding.size_mm else ""
            certainty = self.certainty_text(str(finding.certainty))
            if finding.certainty_rule:
                certainty += " *"
            flag = by_finding.get(row)
            consortium = QTableWidgetItem(f"{FLAG} {translated(flag.text)}" if flag is not None else "")
            if flag is not None:
                consortium.setForeground(QColor("#b9770e"))
                consortium.setToolTip(self.tr("The consortium's findings model disagrees with the draft. "
                                              "It is a second opinion: check the report."))  # fmt: skip
            cells = [mark, QTableWidgetItem(finding.label), QTableWidgetItem(site), QTableWidgetItem(size),
                     QTableWidgetItem(certainty), QTableWidgetItem(finding.evidence),
                     QTableWidgetItem(self.review_text(self.feedback.get(row))), consortium]  # fmt: skip
            if finding.certainty_rule:
                cells[4].setToolTip(self.tr("Set by the negation rules (“{0}”); the model said: {1}")
                                    .format(finding.certainty_rule, self.certainty_text(
                                        str(finding.model_certainty))))  # fmt: skip
            for column, item in enumerate(cells):
                item.setData(Qt.ItemDataRole.UserRole, row)
                self.setItem(row, column, item)
        self.resizeRowsToContents()

    def _clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.findings):
            self.evidence_clicked.emit(self.findings[row].evidence)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class FleischnerView(QTextBrowser):
    """The guideline's computed answer, with what it was computed from."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel: Any = None

    def set_panel(self, panel: Any) -> None:
        self.panel = panel
        if panel is None:
            none = html.escape(self.tr("No Fleischner assessment for this session."))
            self.setHtml(f"<p><i>{none}</i></p>")
            return
        esc = html.escape
        t = translated
        title = self.tr("Fleischner follow-up (incidental pulmonary nodules)")
        parts = [f"<h4>{esc(title)}</h4>"]
        if not panel.applicable:
            not_applicable = self.tr("The guideline does not apply here.")
            parts.append(f"<p>{esc(not_applicable)}</p>")
        recommendation = panel.recommendation
        if recommendation is not None:
            # The field, not the `complete` property: a stored session's result is a plain namespace.
            if recommendation.recommendation is not None:
                parts.append(f"<p><b>{esc(t(recommendation.recommendation))}</b></p>")
            else:
                missing = self.tr("Not enough information for one answer. Missing:")
                parts.append(f"<p>{esc(missing)}</p><ul>")
                parts += [f"<li>{esc(t(m))}</li>" for m in recommendation.missing]
                parts.append("</ul>")
                for risk, text in recommendation.by_risk.items():
                    if_risk = self.tr("If {0} risk:").format(t(risk))
                    parts.append(f"<p>{esc(if_risk)} {esc(t(text))}</p>")
        factors = getattr(panel, "risk_factors", [])
        risk_line = self.tr("Risk: {0}").format(t(panel.risk)) if panel.risk else ""
        if panel.risk == "high" and factors:
            parts.append(f"<p>{esc(risk_line)}</p><ul>")
            parts += [f"<li>{esc(t(factor))}</li>" for factor in factors]
            parts.append("</ul>")
        elif panel.risk:
            parts.append(f"<p>{esc(risk_line)}"
                         + (f" — “{esc(panel.risk_evidence)}”" if panel.risk_evidence else "") + "</p>")
        elif panel.nodules:
            unknown = self.tr("Risk: unknown (not stated in the documents)")
            parts.append(f"<p>{esc(unknown)}</p>")
        if panel.nodules:
            stated = self.tr("Nodules stated in the report:")
            parts.append(f"<p>{esc(stated)}</p><ul>")
            for index, nodule in enumerate(panel.nodules):
                guide = " ★" if panel.guiding == index else ""
                reason = f" ({esc(t(nodule.reason))})" if nodule.reason else ""
                parts.append(f"<li>“{esc(nodule.evidence)}”{guide}{reason}</li>")
            parts.append("</ul>")
        notes = list(panel.notes) + (list(recommendation.notes) if recommendation is not None else [])
        if notes:
            parts.append("<p style='font-size:small'>" + "<br>".join(esc(t(n)) for n in dict.fromkeys(notes))
                         + "</p>")
        if recommendation is not None:
            parts.append(f"<p style='font-size:small'><i>{esc(t(recommendation.citation))}</i></p>")
        self.setHtml("".join(parts))


class CorrectionDialog(QDialog):
    """The finding as the clinician says it is: its label and certainty."""

    def __init__(self, label: str, certainty: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Correct the finding"))
        form = QFormLayout(self)
        self.label = QLineEdit(label)
        self.label.setMaxLength(120)
        self.certainty = QComboBox()
        words = {"present": self.tr("present"), "absent": self.tr("absent"), "possible": self.tr("possible")}
        for value in CERTAINTIES:
            self.certainty.addItem(words[value], value)
        self.certainty.setCurrentIndex(CERTAINTIES.index(certainty) if certainty in CERTAINTIES else 0)
        form.addRow(self.tr("Finding"), self.label)
        form.addRow(self.tr("Certainty"), self.certainty)
        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(standard.Ok | standard.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.label.textChanged.connect(
            lambda text: buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip())))

    def values(self) -> tuple[str, str]:
        return self.label.text().strip(), str(self.certainty.currentData())


class FindingsPanel(QWidget):
    evidence_clicked = Signal(str)
    # (finding index, "confirm" | "reject" | "correct", label, certainty): for the session store.
    review_requested = Signal(int, str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.table = FindingsTable()
        self.table.evidence_clicked.connect(self.evidence_clicked)
        top_layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.confirm_button = QPushButton()
        self.reject_button = QPushButton()
        self.correct_button = QPushButton()
        for button in (self.confirm_button, self.reject_button, self.correct_button):
            actions.addWidget(button)
        actions.addStretch(1)
        top_layout.addLayout(actions)
        self.confirm_button.clicked.connect(lambda: self._decide("confirm"))
        self.reject_button.clicked.connect(lambda: self._decide("reject"))
        self.correct_button.clicked.connect(self._correct)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.review_enabled = False
        self.review_note = ""
        self.flags_label = QLabel()
        self.flags_label.setWordWrap(True)
        self.flags_label.setStyleSheet("color: #b9770e")
        top_layout.addWidget(self.flags_label)
        split.addWidget(top)
        self.fleischner = FleischnerView()
        split.addWidget(self.fleischner)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.result: Any = None
        self.feedback: dict[int, Any] = {}
        self._retranslate_buttons()
        self.set_result(None)

    def _retranslate_buttons(self) -> None:
        self.confirm_button.setText(self.tr("Confirm"))
        self.reject_button.setText(self.tr("Reject"))
        self.correct_button.setText(self.tr("Correct…"))
        for button in (self.confirm_button, self.reject_button, self.correct_button):
            button.setToolTip(self.tr("Your decision on the selected finding is stored with the session; "
                                      "reviewed findings are this site's training labels.")
                              if self.review_enabled else self.review_note)  # fmt: skip

    def set_result(self, result: Any, feedback: dict[int, Any] | None = None, can_review: bool = False,
                   note: str = "") -> None:  # fmt: skip
        """``result``: a TaskResult (findings and/or fleischner), or None to clear; ``feedback``:
        the decisions already given (finding index -> decision); ``can_review``: whether
        decisions can be stored (a vault is open), else ``note`` says why not."""
        self.result = result
        self.feedback = dict(feedback or {})
        self.review_enabled = can_review
        self.review_note = note
        findings = getattr(result, "findings", None)
        flags = list(getattr(result, "second_opinion", None) or [])
        self.table.set_findings(findings, self.feedback, flags)
        unplaced = [f for f in flags if getattr(f, "finding", None) is None]
        self.flags_label.setText("\n".join(f"{FLAG} {translated(f.text)}" for f in unplaced))
        self.flags_label.setVisible(bool(unplaced))
        self.fleischner.set_panel(getattr(result, "fleischner", None))
        self._summarise()
        self._retranslate_buttons()
        self._update_buttons()

    def set_feedback(self, feedback: dict[int, Any]) -> None:
        self.feedback = dict(feedback)
        self.table.set_findings(self.table.findings, self.feedback, self.table.flags)
        self._summarise()

    def _selected(self) -> int | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        return rows.pop() if len(rows) == 1 else None

    def _update_buttons(self) -> None:
        enabled = self.review_enabled and self._selected() is not None
        for button in (self.confirm_button, self.reject_button, self.correct_button):
            button.setEnabled(enabled)

    def _decide(self, decision: str) -> None:
        row = self._selected()
        if row is not None and self.review_enabled:
            self.review_requested.emit(row, decision, "", "")

    def _correct(self) -> None:
        row = self._selected()
        if row is None or not self.review_enabled:
            return
        finding = self.table.findings[row]
        dialog = CorrectionDialog(str(finding.label), str(finding.certainty), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            label, certainty = dialog.values()
            self.review_requested.emit(row, "correct", label, certainty)

    def _summarise(self) -> None:
        findings = self.table.findings
        if not findings:
            self.summary.setText(self.tr("Run the Findings task to fill this table."))
            return
        ungrounded = sum(not f.grounding.grounded for f in findings)
        text = self.tr("{0} findings").format(len(findings))
        if ungrounded:
            text += " · " + self.tr("{0} ⚠ not found in the source").format(ungrounded)
        reviewed = sum(1 for index in range(len(findings)) if index in self.feedback)
        text += " · " + self.tr("{0} of {1} reviewed").format(reviewed, len(findings))
        flags = list(getattr(self.result, "second_opinion", None) or [])
        if flags:
            text += " · " + self.tr("{0} ⚑ consortium model disagrees").format(len(flags))
        self.summary.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.set_result(self.result, self.feedback, self.review_enabled, self.review_note)
        super().changeEvent(event)
