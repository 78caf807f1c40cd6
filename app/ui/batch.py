"""The batch window: one task over a folder of reports, with progress, ETA, a results table
and CSV export. The batch runs on the model's worker (it is the only one that calls the
model) and resumes where an earlier run over the same folder stopped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.tasks.catalogue import TASKS
from app.core.tasks.runner import TaskRequest
from app.ui.controller import Controller
from app.ui.conversation import task_title
from app.ui.errors import relay
from app.ui.workers import BatchJob, run_job


def _records(out: Path) -> list[dict[str, Any]]:
    """The last record per file from the batch's JSON-lines output (torn lines skipped)."""
    latest: dict[str, dict[str, Any]] = {}
    try:
        with out.open(encoding="utf-8") as handle:
            for line in handle:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(record, dict) and "key" in record:
                    latest[str(record["key"])] = record
    except OSError:
        return []
    return list(latest.values())


def _export_csv(out: Path, csv_path: Path) -> int:
    from app.services import tasks as task_service

    exporter: Any = getattr(task_service, "export_csv", None)
    if exporter is None:  # until app.services.tasks exposes it
        from app.core.tasks import batch as core_batch

        exporter = core_batch.export_csv
    return int(exporter(out, csv_path))


class BatchWindow(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self.job: BatchJob | None = None
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        row = QHBoxLayout()
        self.folder = QLineEdit()
        self.choose = QPushButton()
        self.choose.clicked.connect(self._choose_folder)
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        self.folder_label = QLabel()
        form.addRow(self.folder_label, row)
        self.task = QComboBox()
        for task_id in TASKS:
            self.task.addItem(task_title(task_id), task_id)
        self.task_label = QLabel()
        form.addRow(self.task_label, self.task)
        self.out = QLineEdit()
        self.out_label = QLabel()
        form.addRow(self.out_label, self.out)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.start_button = QPushButton()
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.csv_button = QPushButton()
        self.csv_button.clicked.connect(self.export_csv)
        self.csv_button.setEnabled(False)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.csv_button)
        layout.addLayout(buttons)
        self.progress = QProgressBar()
        layout.addWidget(self.progress)
        self.status = QLabel()
        layout.addWidget(self.status)
        self.table = QTableWidget(0, 3)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        worker = controller.llm_worker
        worker.batch_progress.connect(self._on_progress)
        worker.batch_done.connect(self._on_done)
        self.folder.textChanged.connect(self._suggest_out)
        self.task.currentIndexChanged.connect(lambda _i: self._suggest_out())
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Batch analysis"))
        self.folder_label.setText(self.tr("Folder of reports"))
        self.choose.setText(self.tr("Choose…"))
        self.task_label.setText(self.tr("Task"))
        self.out_label.setText(self.tr("Results file (JSON lines)"))
        self.start_button.setText(self.tr("Start"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.csv_button.setText(self.tr("Export CSV…"))
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Status"), self.tr("Result")])
        for index in range(self.task.count()):
            self.task.setItemText(index, task_title(self.task.itemData(index)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _choose_folder(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a folder of reports"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.folder.setText)
        dialog.open()

    def _suggest_out(self) -> None:
        folder = Path(self.folder.text().strip())
        if self.folder.text().strip():
            self.out.setText(str(folder.parent / f"{folder.name}-enclave-{self.task.currentData()}.jsonl"))

    def start(self) -> None:
        folder = Path(self.folder.text().strip())
        if not folder.is_dir():
            self.status.setText(self.tr("Choose a folder that exists."))
            return
        out = Path(self.out.text().strip() or folder.parent / f"{folder.name}-enclave.jsonl")
        request = TaskRequest(str(self.task.currentData()), language=self.controller.language)
        self.job = BatchJob(folder, out, request)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("Waiting for the model…"))
        self.controller.start_batch(self.job)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel.set()
            self.status.setText(self.tr("Cancelling after the current file…"))

    def _on_progress(self, progress: Any) -> None:
        if self.job is None:
            return
        self.progress.setRange(0, max(1, progress.total))
        self.progress.setValue(progress.done)
        eta = progress.eta_seconds
        eta_text = "--:--" if eta is None else f"{int(eta) // 60:02d}:{int(eta) % 60:02d}"
        self.status.setText(self.tr("{0} of {1} · {2} failed · {3} done before · about {4} left · {5}")
                            .format(progress.done, progress.total, progress.failed, progress.skipped,
                                    eta_text, progress.current))  # fmt: skip
        if self.job is not None:
            run_job(_records, self.job.out, on_done=self._show_records)

    def _on_done(self, job: BatchJob, summary: Any) -> None:
        if job is not self.job:
            return
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        if isinstance(summary, BaseException):
            self.status.setText(self.tr("The batch stopped: {0}").format(summary))
            return
        self.status.setText(self.tr("{0} processed, {1} failed, {2} done before{3}.").format(
            summary.processed, summary.failed, summary.skipped,
            self.tr(" (cancelled)") if summary.cancelled else ""))  # fmt: skip
        self.csv_button.setEnabled(True)
        run_job(_records, job.out, on_done=self._show_records)

    def _show_records(self, records: list[dict[str, Any]]) -> None:
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            result = record.get("result") or {}
            text = record.get("error") or " ".join(str(result.get("text", "")).split())[:200]
            for column, value in enumerate((record.get("file", ""), record.get("status", ""), text)):
                self.table.setItem(row, column, QTableWidgetItem(str(value)))
        self.table.resizeColumnToContents(0)

    def export_csv(self) -> None:
        if self.job is None:
            return
        out = self.job.out
        dialog = QFileDialog(self, self.tr("Export CSV"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("CSV (*.csv)")
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(str(out.with_suffix(".csv")))
        dialog.fileSelected.connect(lambda name: run_job(
            _export_csv, out, Path(name),
            on_done=lambda rows: self.status.setText(self.tr("{0} rows written to {1}").format(rows, name)),
            on_failed=lambda exc: relay().report(exc, self.tr("The CSV export failed"))))  # fmt: skip
        dialog.open()

    def closeEvent(self, event: Any) -> None:
        self.cancel()
        super().closeEvent(event)
