"""The findings table (from the structured findings task) and the Fleischner panel.

Rows come from ``app.core.tasks.results.TaskResult.findings``; each row says how its quote
matched the source (exactly, or after ignoring case, blanks and width), and a finding whose
quoted evidence is not in the source, or does not support what the finding claims (a number,
a side, a negation, another finding), is marked ⚠ and says why. Clicking a row highlights its
evidence in the report. The clinician confirms, rejects or corrects each finding (the
decision is stored in the vault by the session store); where the consortium's findings
model disagrees with the draft, the row is flagged ⚑ — a flag, never a change.
"""

from __future__ import annotations

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
    QVBoxLayout,
    QWidget,
)

from app.core import messages
from app.core.tasks.claim_check import match_text, reasons
from app.ui.followup_panel import FollowupPanelView
from app.ui.messages import template_translation, translated


def located(grounding: Any) -> bool:
    """Whether a finding's quote is in a document: a Grounding says so; a stored session's
    (a plain namespace, without the property) has the quote's offsets."""
    found = getattr(grounding, "located", None)
    return bool(found) if found is not None else getattr(grounding, "start", None) is not None


UNGROUNDED = "⚠"
FLAG = "⚑"
CERTAINTIES = ("present", "absent", "possible")


def quote_check_text(grounding: Any) -> str:
    """How a finding's quote matched ("quote found exactly"), or each reason it does not
    support the finding, in the interface language."""
    found = reasons(grounding)
    if not found:
        return translated(match_text(grounding))
    return "⚠ " + template_translation(messages.GROUNDING_NOT_SUPPORTED).format(
        reason="; ".join(translated(r) for r in found))


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
            how = quote_check_text(finding.grounding)  # how the quote matched, or each mismatch
            mark = QTableWidgetItem("" if grounded else UNGROUNDED)
            mark.setToolTip(how if grounded or located(finding.grounding) else
                            self.tr("The quoted evidence is not in the document: "
                                    "check this finding against the source.") + "\n" + how)  # fmt: skip
            if not grounded:
                mark.setForeground(QColor("#c0392b"))
            site = " ".join(x for x in (finding.laterality, finding.body_site) if x)
            size = f"{finding.size_mm:g} mm" if finding.size_mm else ""
            certainty = self.certainty_text(str(finding.certainty))
            # The rules flag, they never overwrite: both readings are shown when they differ.
            rule_certainty = getattr(finding, "rule_certainty", None)
            conflict = bool(getattr(finding, "certainty_conflict", False)) and rule_certainty is not None
            if conflict:
                certainty = self.tr("{0} ⚠ rules: {1}").format(certainty,
                                                               self.certainty_text(str(rule_certainty)))
            entry = by_finding.get(row)
            is_flag = entry is not None and bool(getattr(entry, "disagrees", True))
            shown = "" if entry is None else translated(entry.text)
            consortium = QTableWidgetItem(f"{FLAG} {shown}" if is_flag else shown)
            if is_flag:
                consortium.setForeground(QColor("#b9770e"))
                consortium.setToolTip(self.tr("The consortium's findings model disagrees with the draft. "
                                              "It is a second opinion: check the report."))  # fmt: skip
            elif entry is not None:
                consortium.setForeground(QColor("#7f8c8d"))
                consortium.setToolTip(self.tr(
                    "The consortium model's probability for this label. Its precision has not been measured, "
                    "so it never contradicts the draft."))
            cells = [mark, QTableWidgetItem(finding.label), QTableWidgetItem(site), QTableWidgetItem(size),
                     QTableWidgetItem(certainty), QTableWidgetItem(f"{finding.evidence}\n{how}"),
                     QTableWidgetItem(self.review_text(self.feedback.get(row))), consortium]  # fmt: skip
            if conflict:
                cells[4].setForeground(QColor("#c0392b"))
                evidence = getattr(finding, "rule_evidence", "") or finding.certainty_rule
                cells[4].setToolTip(self.tr("Conflict: the draft says {0}; the certainty rules read {1} "
                                            "in “{2}”. The draft's answer is kept: check the report "
                                            "and decide.")
                                    .format(self.certainty_text(str(finding.certainty)),
                                            self.certainty_text(str(rule_certainty)), evidence))  # fmt: skip
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


# The Fleischner calculator's panel (its inputs, evidence and corrections) lives in followup_panel.
FleischnerView = FollowupPanelView

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
    # {"field", "value"}: the clinician corrects an input of the Fleischner calculator.
    followup_correction_requested = Signal(object)

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
        self.fleischner = FollowupPanelView()
        self.fleischner.correction_requested.connect(self.followup_correction_requested)
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
        unplaced = [f for f in flags if getattr(f, "finding", None) is None and getattr(f, "disagrees", True)]
        lines = [f"{FLAG} {translated(f.text)}" for f in unplaced]
        if any(not getattr(f, "calibrated", True) for f in flags):
            lines.append(self.tr(
                "Consortium model: uncalibrated (its precision per finding is not known yet), so it shows "
                "probabilities and raises no flags."))
        self.flags_label.setText("\n".join(lines))
        self.flags_label.setVisible(bool(lines))
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
        refused = [f for f in findings if not f.grounding.grounded]
        unsupported = sum(located(f.grounding) for f in refused)
        ungrounded = len(refused) - unsupported
        text = self.tr("{0} findings").format(len(findings))
        if ungrounded:
            text += " · " + self.tr("{0} ⚠ not found in the source").format(ungrounded)
        if unsupported:
            text += " · " + self.tr("{0} ⚠ quoted, but the quote does not support the finding").format(
                unsupported)
        conflicts = sum(bool(getattr(f, "certainty_conflict", False)) for f in findings)
        if conflicts:
            text += " · " + self.tr("{0} ⚠ certainty in conflict with the rules").format(conflicts)
        reviewed = sum(1 for index in range(len(findings)) if index in self.feedback)
        text += " · " + self.tr("{0} of {1} reviewed").format(reviewed, len(findings))
        entries = getattr(self.result, "second_opinion", None) or []
        flags = [f for f in entries if getattr(f, "disagrees", True)]
        if flags:
            text += " · " + self.tr("{0} ⚑ consortium model disagrees").format(len(flags))
        self.summary.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.set_result(self.result, self.feedback, self.review_enabled, self.review_note)
        super().changeEvent(event)
