"""Export the session where the user chooses: PDF (QTextDocument + QPdfWriter), DOCX
(python-docx) or Markdown. Every answer carries the AI-draft label. Files are written on
the worker pool."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QFileDialog, QWidget

from app import __version__
from app.core.tasks.catalogue import AI_DRAFT_LABEL
from app.ui.controller import Controller, Turn
from app.ui.conversation import task_title
from app.ui.errors import relay
from app.ui.workers import run_job

FORMATS = {"pdf": "PDF (*.pdf)", "docx": "Word (*.docx)", "md": "Markdown (*.md)"}


def session_markdown(documents: list[str], turns: list[Turn], language: str) -> str:
    label = AI_DRAFT_LABEL.get(language, AI_DRAFT_LABEL["en"])
    title = QCoreApplication.translate("Export", "Enclave session")
    exported = QCoreApplication.translate("Export", "Exported {0} · Enclave {1}").format(
        time.strftime("%Y-%m-%d %H:%M"), __version__)
    lines = [f"# {title}", "", f"_{exported}_", "", f"**{label}**", ""]
    if documents:
        heading = QCoreApplication.translate("Export", "Documents")
        lines += [f"## {heading}", ""] + [f"- {name}" for name in documents] + [""]
    for turn in turns:
        if turn.role == "user":
            task_id = turn.request.task_id if turn.request is not None else "ask"
            is_question = task_id == "ask"
            heading = QCoreApplication.translate("Export", "Question") if is_question else task_title(task_id)
            lines += [f"## {heading}", ""]
            if is_question:
                lines += [f"> {line}" for line in turn.text.splitlines()] + [""]
        else:
            empty = QCoreApplication.translate("Export", "(no answer)")
            lines += [turn.text.strip() or f"_{empty}_", ""]
            if turn.state == "cancelled":
                stopped = QCoreApplication.translate("Export", "Stopped before the end.")
                lines += [f"_{stopped}_", ""]
            lines += [f"_{label}_" + (f" · {turn.model_name}" if turn.model_name else "")
                      + (f" · {turn.prompt_ref}" if turn.prompt_ref else ""), ""]  # fmt: skip
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(text: str, path: Path) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def write_pdf(text: str, path: Path) -> Path:
    document = QTextDocument()
    document.setMarkdown(text)
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    writer.setTitle("Enclave session")
    writer.setCreator(f"Enclave {__version__}")
    document.print_(writer)
    return path


def write_docx(text: str, path: Path) -> Path:
    import docx

    out = docx.Document()
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            level = min(3, len(stripped) - len(stripped.lstrip("#")))
            out.add_heading(stripped.lstrip("#").strip(), level=level)
        elif stripped.startswith(("- ", "* ")):
            out.add_paragraph(stripped[2:], style="List Bullet")
        elif stripped.startswith("> "):
            out.add_paragraph(stripped[2:], style="Quote")
        else:
            paragraph = out.add_paragraph()
            run = paragraph.add_run(stripped.strip("_*"))
            run.italic = stripped.startswith("_")
            run.bold = stripped.startswith("**")
    out.core_properties.title = "Enclave session"
    out.save(str(path))
    return path


WRITERS = {"md": write_markdown, "pdf": write_pdf, "docx": write_docx}


def export(text: str, path: Path, on_done: object = None) -> None:
    """Write ``text`` (the session's Markdown) to ``path`` in the format its suffix names."""
    fmt = path.suffix.lower().lstrip(".")
    writer = WRITERS.get(fmt if fmt in WRITERS else "md")
    assert writer is not None
    run_job(writer, text, path, on_done=on_done,  # type: ignore[arg-type]
            on_failed=lambda exc: relay().report(
                exc, QCoreApplication.translate("Export", "The export failed")))


class ExportDialog:
    @staticmethod
    def start(parent: QWidget, controller: Controller) -> QFileDialog:
        dialog = QFileDialog(parent, QCoreApplication.translate("Export", "Export the session"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(list(FORMATS.values()))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile("enclave-session.pdf")
        text = session_markdown([d.name for d in controller.documents], list(controller.turns),
                                controller.language)  # fmt: skip

        def chosen(name: str) -> None:
            path = Path(name)
            if path.suffix.lower().lstrip(".") not in WRITERS:
                suffix = next(k for k, v in FORMATS.items() if v == dialog.selectedNameFilter())
                path = path.with_suffix("." + suffix)
            export(text, path, on_done=lambda p: parent.statusBar().showMessage(  # type: ignore[attr-defined]
                QCoreApplication.translate("Export", "Exported to {0}").format(p), 6000))

        dialog.fileSelected.connect(chosen)
        dialog.open()
        return dialog
