"""The findings table (from the structured findings task) and the Fleischner panel.

Rows come from ``app.core.tasks.results.TaskResult.findings``; a finding whose quoted
evidence is not in the source is marked ⚠ and says so. Clicking a row highlights its
evidence in the report.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.messages import translated

UNGROUNDED = "⚠"


class FindingsTable(QTableWidget):
    evidence_clicked = Signal(str)

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, self.COLUMNS, parent)
        self.findings: list[Any] = []
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
                                        self.tr("Certainty"), self.tr("Evidence")])  # fmt: skip
        self.set_findings(self.findings)

    def certainty_text(self, certainty: str) -> str:
        return {"present": self.tr("present"), "absent": self.tr("absent"),
                "possible": self.tr("possible")}.get(certainty, certainty)  # fmt: skip

    def set_findings(self, findings: list[Any] | None) -> None:
        self.findings = list(findings or [])
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
            cells = [mark, QTableWidgetItem(finding.label), QTableWidgetItem(site), QTableWidgetItem(size),
                     QTableWidgetItem(certainty), QTableWidgetItem(finding.evidence)]  # fmt: skip
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


class FindingsPanel(QWidget):
    evidence_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical)
        self.table = FindingsTable()
        self.table.evidence_clicked.connect(self.evidence_clicked)
        split.addWidget(self.table)
        self.fleischner = FleischnerView()
        split.addWidget(self.fleischner)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.result: Any = None
        self.set_result(None)

    def set_result(self, result: Any) -> None:
        """``result``: a TaskResult (findings and/or fleischner), or None to clear."""
        self.result = result
        findings = getattr(result, "findings", None)
        self.table.set_findings(findings)
        self.fleischner.set_panel(getattr(result, "fleischner", None))
        self._summarise()

    def _summarise(self) -> None:
        findings = self.table.findings
        if not findings:
            self.summary.setText(self.tr("Run the Findings task to fill this table."))
            return
        ungrounded = sum(not f.grounding.grounded for f in findings)
        text = self.tr("{0} findings").format(len(findings))
        if ungrounded:
            text += " · " + self.tr("{0} ⚠ not found in the source").format(ungrounded)
        self.summary.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.set_result(self.result)
        super().changeEvent(event)
