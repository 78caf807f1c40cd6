"""The conversation: one widget per message, answers rendered with Qt's own Markdown support.

While an answer streams, only its own widget is re-rendered, once per frame (the controller
coalesces tokens), so a long conversation costs nothing extra per token.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.tasks.catalogue import AI_DRAFT_LABEL
from app.ui.controller import Turn
from app.ui.messages import template_translation, translated
from app.ui.resources import icon
from app.ui.theme import ink

TASK_TITLES: dict[str, str] = {
    "summary": str(QT_TRANSLATE_NOOP("Tasks", "Summary")),
    "findings": str(QT_TRANSLATE_NOOP("Tasks", "Findings")),
    "impression": str(QT_TRANSLATE_NOOP("Tasks", "Impression")),
    "followup": str(QT_TRANSLATE_NOOP("Tasks", "Follow-up")),
    "patient": str(QT_TRANSLATE_NOOP("Tasks", "Patient explanation")),
    "translate": str(QT_TRANSLATE_NOOP("Tasks", "Translate")),
    "ask": str(QT_TRANSLATE_NOOP("Tasks", "Question")),
    "describe_images": str(QT_TRANSLATE_NOOP("Tasks", "Describe the key images")),
    "compare_images": str(QT_TRANSLATE_NOOP("Tasks", "Compare the images with the report")),
    "ask_images": str(QT_TRANSLATE_NOOP("Tasks", "Question about the images")),
}
QUESTION_TASKS = ("ask", "ask_images")  # the user's turn is their own words
JSON_TASKS = ("findings", "describe_images", "compare_images")  # shown as JSON while it streams


def task_title(task_id: str) -> str:
    return QCoreApplication.translate("Tasks", TASK_TITLES.get(task_id, task_id))


class MarkdownView(QTextBrowser):
    """A read-only Markdown view as tall as its text (the conversation scrolls, not it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().setDocumentMargin(2)
        self.renders = 0

    def set_markdown(self, text: str) -> None:
        self.renders += 1
        self.document().setMarkdown(text, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        self.document().setTextWidth(max(50, self.viewport().width()))
        height = int(self.document().size().height()) + 6
        if height != self.height():
            self.setFixedHeight(height)


class MessageWidget(QFrame):
    copy_requested = Signal(object)
    regenerate_requested = Signal(object)
    edit_requested = Signal(object)

    def __init__(self, turn: Turn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.turn = turn
        self.setObjectName("message")
        self.setProperty("role", turn.role)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        head = QHBoxLayout()
        self.role_label = QLabel()
        self.role_label.setObjectName("messageRole")
        head.addWidget(self.role_label)
        head.addStretch(1)
        self.buttons: dict[str, QToolButton] = {}
        for name, icon_name in (("copy", "copy"), ("regenerate", "regenerate"), ("edit", "edit")):
            button = QToolButton()
            button.setIcon(icon(icon_name, ink()))
            button.setAutoRaise(True)
            self.buttons[name] = button
            head.addWidget(button)
        self.buttons["copy"].clicked.connect(lambda: self.copy_requested.emit(self.turn))
        self.buttons["regenerate"].clicked.connect(lambda: self.regenerate_requested.emit(self.turn))
        self.buttons["edit"].clicked.connect(lambda: self.edit_requested.emit(self.turn))
        layout.addLayout(head)
        self.body = MarkdownView()
        layout.addWidget(self.body)
        self.draft_label = QLabel()
        self.draft_label.setObjectName("draftLabel")
        self.draft_label.setWordWrap(True)
        layout.addWidget(self.draft_label)
        self.meta = QLabel()
        self.meta.setObjectName("messageMeta")
        self.meta.setWordWrap(True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.meta)
        self._language = "en"
        self.refresh()

    def set_language(self, language: str) -> None:
        self._language = language
        self.refresh()

    def refresh(self) -> None:
        turn = self.turn
        is_answer = turn.role == "assistant"
        if is_answer:
            self.role_label.setText(self.tr("Enclave (AI draft)"))
        elif turn.request is not None and turn.request.task_id not in QUESTION_TASKS:
            self.role_label.setText(self.tr("You asked for: {0}").format(task_title(turn.request.task_id)))
        else:
            self.role_label.setText(self.tr("You"))
        self.buttons["copy"].setToolTip(self.tr("Copy"))
        self.buttons["regenerate"].setToolTip(self.tr("Regenerate"))
        self.buttons["edit"].setToolTip(self.tr("Edit and resend"))
        self.buttons["regenerate"].setVisible(is_answer and not turn.active)
        self.buttons["copy"].setVisible(not turn.active)
        self.buttons["edit"].setVisible(not is_answer and turn.request is not None
                                        and turn.request.task_id == "ask")  # fmt: skip
        text = turn.text
        if not is_answer and turn.request is not None and turn.request.task_id not in QUESTION_TASKS:
            text = ""
        if is_answer and turn.state == "waiting":
            text = self.tr("_Waiting for the model…_")
        elif is_answer and getattr(turn.result, "findings", None) is not None:
            text = self.findings_markdown(turn.result)
        elif is_answer and turn.image_answer is not None:  # rendered again in the language on screen
            text = turn.image_answer.markdown(with_label=False, translate=template_translation)
        elif (is_answer and turn.request is not None and turn.request.task_id in JSON_TASKS and text
              and (turn.request.task_id == "findings" or turn.active)):  # fmt: skip
            text = f"```json\n{text}\n```"  # structured output, shown as it streams
        self.body.setVisible(bool(text) or is_answer)
        self.body.set_markdown(text)
        self.draft_label.setVisible(is_answer and turn.state == "done")
        label = AI_DRAFT_LABEL.get(turn.request.language if turn.request else "en", AI_DRAFT_LABEL["en"])
        self.draft_label.setText(label)
        self.meta.setVisible(is_answer and not turn.active)
        self.meta.setText(self._meta_text())

    def findings_markdown(self, result: Any) -> str:
        """The structured findings as a list; ⚠ marks a quote that is not in the source."""
        lines: list[str] = []
        for finding in result.findings:
            mark = "" if finding.grounding.grounded else " ⚠"
            size = f", {finding.size_mm:g} mm" if finding.size_mm else ""
            site = " ".join(x for x in (finding.laterality, finding.body_site) if x)
            certainty = {"present": self.tr("present"), "absent": self.tr("absent"),
                         "possible": self.tr("possible")}.get(str(finding.certainty), str(finding.certainty))
            lines.append(f"- **{finding.label}**{mark} — {certainty}{size}"
                         + (f" ({site})" if site else "") + f"  \n  “{finding.evidence}”")  # fmt: skip
        if not lines:
            lines.append(self.tr("_No findings were extracted._"))
        panel = getattr(result, "fleischner", None)
        recommendation = getattr(panel, "recommendation", None) if panel is not None else None
        if recommendation is not None and getattr(recommendation, "recommendation", None):
            follow_up = translated(recommendation.recommendation)
            lines += ["", self.tr("**Fleischner 2017 follow-up:** {0}").format(follow_up)]
        for warning in getattr(result, "warnings", []) or []:
            lines += ["", f"_{translated(warning)}_"]
        return "\n".join(lines)

    def _meta_text(self) -> str:
        turn = self.turn
        if turn.state == "failed":
            return self.tr("Failed: {0}").format(turn.error)
        parts: list[str] = []
        if turn.state == "cancelled":
            parts.append(self.tr("Stopped"))
        if turn.timings is not None and turn.timings.generated_tokens:
            parts.append(self.tr("{0} tokens · {1:.1f} tokens/s · first token after {2:.1f} s").format(
                turn.timings.generated_tokens, turn.timings.decode_tokens_per_second,
                turn.timings.time_to_first_token))  # fmt: skip
        if turn.model_name:
            parts.append(turn.model_name)
        if turn.prompt_ref:
            parts.append(self.tr("prompt {0}").format(turn.prompt_ref))
        return " · ".join(parts)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)


class ConversationView(QScrollArea):
    """The scrolling list of messages; follows the end while an answer streams."""

    copy_requested = Signal(object)
    regenerate_requested = Signal(object)
    edit_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setContentsMargins(8, 8, 8, 8)
        self._layout.setSpacing(8)
        self.hint = QLabel()
        self.hint.setObjectName("dropHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self._layout.addWidget(self.hint, 1)
        self._layout.addStretch(0)
        self.setWidget(self._inner)
        self.widgets: dict[int, MessageWidget] = {}
        self._follow = True
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.verticalScrollBar().rangeChanged.connect(self._on_range)
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(self.tr("Drop reports, DICOM files or folders anywhere on this window, "
                                  "or press Ctrl+O.\nThen choose a task above, or ask a question below."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def add(self, turn: Turn) -> MessageWidget:
        widget = MessageWidget(turn)
        widget.copy_requested.connect(self._copy)
        widget.regenerate_requested.connect(self.regenerate_requested)
        widget.edit_requested.connect(self.edit_requested)
        self._layout.insertWidget(self._layout.count() - 1, widget)
        self.widgets[turn.id] = widget
        self.hint.setVisible(False)
        self._follow = True
        return widget

    def update_turn(self, turn: Turn) -> None:
        widget = self.widgets.get(turn.id)
        if widget is not None:
            widget.refresh()

    def show_turns(self, turns: list[Turn]) -> None:
        for widget in self.widgets.values():
            widget.setParent(None)
            widget.deleteLater()
        self.widgets.clear()
        for turn in turns:
            self.add(turn)
        self.hint.setVisible(not turns)

    def _copy(self, turn: Turn) -> None:
        QGuiApplication.clipboard().setText(turn.text)
        self.copy_requested.emit(turn)

    def _on_scroll(self, value: int) -> None:
        self._follow = value >= self.verticalScrollBar().maximum() - 24

    def _on_range(self, _minimum: int, maximum: int) -> None:
        if self._follow:
            self.verticalScrollBar().setValue(maximum)
