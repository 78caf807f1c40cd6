"""The window's brain, without widgets: model state, documents, the conversation.

It calls app.services only through workers (see workers.py) and tells the widgets what
changed through signals, so the GUI thread never waits on the model, a file or the disk.
"""

from __future__ import annotations

import copy
import itertools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.core import settings as settings_mod
from app.core.deid.text import protect_question
from app.core.documents.model import Document, DocumentError
from app.core.llm.engine import LoadReport, Timings
from app.core.tasks.image_tasks import ImageAnswer
from app.core.tasks.results import TaskResult
from app.core.tasks.runner import TaskRequest
from app.core.vision.key_images import KeyImageChoice
from app.services import Services
from app.ui.workers import AnswerJob, AnswerResult, BatchJob, LlmThread, LlmWorker, StreamBuffer, run_job

log = logging.getLogger(__name__)

FRAME_MS = 33  # streamed text is shown at about 30 frames a second, not once per token

# Settings whose change needs the model loaded again.
RELOAD_FIELDS = ("model_path", "n_gpu_layers", "n_ctx", "n_batch", "n_threads", "flash_attn",
                 "kv_cache_type", "prompt_lookup_decoding")  # fmt: skip


@dataclass
class Turn:
    """One message of the conversation."""

    id: int
    role: str  # "user" | "assistant"
    text: str
    request: TaskRequest | None = None
    state: str = "done"  # "waiting" | "streaming" | "done" | "cancelled" | "failed"
    timings: Timings | None = None
    prompt_ref: str = ""
    model_name: str = ""
    error: str = ""
    result: TaskResult | None = None  # the typed result: findings, Fleischner panel, checks
    buffer: StreamBuffer | None = field(default=None, repr=False)
    analysis_id: int | None = None  # the stored analysis of ``result``, once the vault has it
    feedback: dict[int, Any] = field(default_factory=dict)  # finding index -> the clinician's decision
    pending_feedback: list[tuple[int, str, str | None, str | None]] = field(default_factory=list)
    picks: list[tuple[Any, KeyImageChoice]] | None = None  # the key images of an image task
    image_answer: ImageAnswer | None = None  # what the vision model saw, and in which images

    @property
    def active(self) -> bool:
        return self.state in ("waiting", "streaming")


@dataclass
class FileStatus:
    path: Path
    state: str  # "queued" | "reading" | "ok" | "failed" | "model"
    message: str = ""


def _read_files(services: Services, paths: list[str], report: Callable[[Any], None]) -> int:
    """Runs on the pool: read what was dropped (files and folders; DICOM files are grouped
    into studies by the reader), reporting progress as it goes and each file's outcome."""
    items = [Path(p) for p in paths]
    models = [p for p in items if p.suffix.lower() == ".gguf" and p.is_file()]
    rest = [p for p in items if p not in models]
    for model in models:
        report(("model", model))
    if not rest:
        return 0
    report(("queued", rest))
    try:
        result = services.read_documents(
            rest, progress=lambda done, total, name: report(("progress", done, total, name)))
    except Exception as exc:  # a reader bug must not take the window down; say which files
        for path in rest:
            report(("failed", path, f"{path.name}: could not be read ({type(exc).__name__})"))
        return 0
    failed_paths: set[Path] = set()
    for error in result.errors:
        path = Path(getattr(error, "path", "") or "?")
        failed_paths.add(path)
        report(("failed", path, str(error)))
    for document in result.documents:
        report(("ok", document.source, document))
    for path in rest:  # an input that gave neither a document nor an error of its own
        if path not in failed_paths and not any(
                d.source == path or path in d.source.parents for d in result.documents):
            report(("failed", path, f"{path.name}: nothing readable was found in it"))
    return len(result.documents)


class Controller(QObject):
    model_loading = Signal(int, int)  # bytes verified, total; (0, 0): loading into memory
    model_ready = Signal(object)  # LoadReport
    model_failed = Signal(str)
    file_status = Signal(object)  # FileStatus
    import_finished = Signal(int, int)  # documents read, files failed
    documents_changed = Signal()
    model_file_dropped = Signal(str)
    read_progress = Signal(int, int, str)  # files done, total, current name
    turn_added = Signal(object)
    turn_updated = Signal(object)
    turns_reset = Signal()
    busy_changed = Signal(bool)
    answer_finished = Signal(object)  # Turn

    def __init__(self, services: Services | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services or Services()
        self.settings: settings_mod.Settings = self.services.settings
        self.documents: list[Document] = []
        self.turns: list[Turn] = []
        self.report: LoadReport | None = None
        self.model_error = ""
        self.model_state = "idle"  # "idle" | "loading" | "ready" | "failed"
        self.importing = 0
        self._ids = itertools.count(1)
        self._jobs: dict[int, Turn] = {}
        self._llm = LlmThread(self.services)
        worker = self._llm.worker
        worker.load_progress.connect(self._on_load_progress)
        worker.loaded.connect(self._on_loaded)
        worker.load_failed.connect(self._on_load_failed)
        worker.answer_started.connect(self._on_answer_started)
        worker.answer_done.connect(self._on_answer_done)
        self._frame = QTimer(self)
        self._frame.setInterval(FRAME_MS)
        self._frame.timeout.connect(self._drain)
        self._closed = False
        self._batches: list[BatchJob] = []

    # -- model ------------------------------------------------------------------------------

    def load_model(self) -> None:
        self.model_state = "loading"
        self.model_error = ""
        self.model_loading.emit(0, 0)
        self._llm.load(copy.deepcopy(self.settings))

    def apply_settings(self, new: settings_mod.Settings) -> bool:
        """Save ``new``; reload the model when a field it depends on changed. Returns whether
        a reload started."""
        reload = any(getattr(new, name) != getattr(self.settings, name) for name in RELOAD_FIELDS)
        self.settings = new
        self.services.settings = copy.deepcopy(new)  # a plain swap; the LLM thread reads it per call
        settings_mod.save(new)
        if reload or self.model_state == "failed":
            self.load_model()
            return True
        return False

    def use_model_file(self, path: str) -> None:
        new = copy.deepcopy(self.settings)
        new.model_path = str(path)
        self.apply_settings(new)

    def _on_load_progress(self, done: int, total: int) -> None:
        self.model_loading.emit(done, total)

    def _on_loaded(self, report: LoadReport) -> None:
        self.report = report
        self.model_state = "ready"
        self.model_ready.emit(report)

    def _on_load_failed(self, message: str) -> None:
        self.report = None
        self.model_state = "failed"
        self.model_error = message
        self.model_failed.emit(message)

    @property
    def is_demo_model(self) -> bool:
        choice = self.services.model_choice
        return bool(choice and choice.is_demo)

    # -- documents --------------------------------------------------------------------------

    def import_paths(self, paths: Iterable[str | Path]) -> None:
        """Read files and folders in the background; per-file progress comes by file_status."""
        names = [str(p) for p in paths]
        if not names:
            return
        self.importing += 1
        counts = {"failed": 0}

        def progress(item: Any) -> None:
            kind = item[0]
            if kind == "queued":
                for file in item[1]:
                    self.file_status.emit(FileStatus(file, "reading"))
            elif kind == "progress":
                self.read_progress.emit(item[1], item[2], str(item[3]))
            elif kind == "ok":
                self.documents.append(item[2])
                self.file_status.emit(FileStatus(item[1], "ok"))
                self.documents_changed.emit()
            elif kind == "failed":
                counts["failed"] += 1
                self.file_status.emit(FileStatus(item[1], "failed", item[2]))
            elif kind == "model":
                self.file_status.emit(FileStatus(item[1], "model"))
                self.model_file_dropped.emit(str(item[1]))

        def finished(read: int) -> None:
            self.importing -= 1
            self.import_finished.emit(read, counts["failed"])

        def failed(exc: BaseException) -> None:
            self.importing -= 1
            self.import_finished.emit(0, counts["failed"] + 1)
            if not isinstance(exc, DocumentError):
                raise exc  # to the central error handler

        run_job(_read_files, self.services, names, on_done=finished, on_failed=failed,
                on_progress=progress)  # fmt: skip

    def remove_document(self, index: int) -> None:
        if 0 <= index < len(self.documents):
            del self.documents[index]
            self.documents_changed.emit()

    def clear(self) -> None:
        """A new, empty session (the current answer, if any, is stopped)."""
        self.stop()
        self.documents.clear()
        self.turns.clear()
        self._jobs.clear()
        self._frame.stop()
        self.documents_changed.emit()
        self.turns_reset.emit()
        self.busy_changed.emit(False)

    # -- conversation -----------------------------------------------------------------------

    @property
    def language(self) -> str:
        return self.settings.language if self.settings.language in ("en", "zh_CN") else "en"

    @property
    def busy(self) -> bool:
        return any(turn.active for turn in self.turns)

    def run_task(self, task_id: str, *, target_language: str = "", max_tokens: int | None = None) -> Turn:
        request = TaskRequest(task_id, language=self.language, target_language=target_language)
        self._add(Turn(next(self._ids), "user", task_id, request=request))
        return self._start_answer(request, max_tokens)

    def ask(self, question: str, *, max_tokens: int | None = None) -> Turn:
        # At privacy high a typed question is redacted like the reports: it is stored and exported.
        question = protect_question(question.strip(), self.documents, self.settings.privacy_level)
        request = TaskRequest("ask", language=self.language, question=question)
        self._add(Turn(next(self._ids), "user", question, request=request))
        return self._start_answer(request, max_tokens)

    def look(self, task_id: str, picks: list[tuple[Any, KeyImageChoice]], question: str = "", *,
             max_tokens: int | None = None) -> Turn:  # fmt: skip
        """An image task: the vision model looks at ``picks`` (series, choice) only."""
        question = protect_question(question.strip(), self.documents, self.settings.privacy_level)
        request = TaskRequest(task_id, language=self.language, question=question)
        self._add(Turn(next(self._ids), "user", question or task_id, request=request, picks=list(picks)))
        return self._start_answer(request, max_tokens, list(picks))

    def regenerate(self, turn: Turn | None = None) -> Turn | None:
        """Answer the last request again, replacing the last answer."""
        if self.busy:
            return None
        answers = [t for t in self.turns if t.role == "assistant"]
        turn = turn or (answers[-1] if answers else None)
        if turn is None or turn.request is None:
            return None
        index = self.turns.index(turn)
        del self.turns[index:]
        self.turns_reset.emit()
        return self._start_answer(turn.request, None, turn.picks)

    def edit_and_resend(self, turn: Turn, text: str) -> Turn | None:
        """Replace a question (and everything after it) with ``text`` and ask again."""
        if self.busy or turn not in self.turns or turn.role != "user":
            return None
        del self.turns[self.turns.index(turn):]
        self.turns_reset.emit()
        return self.ask(text)

    def stop(self) -> None:
        for job_id, turn in list(self._jobs.items()):
            if turn.active:
                self._llm.worker.cancel(job_id)

    def new_turn(self, role: str, text: str, request: TaskRequest | None) -> Turn:
        """A finished turn (a stored session being shown again); not added to the list."""
        return Turn(next(self._ids), role, text, request=request)

    def _add(self, turn: Turn) -> None:
        self.turns.append(turn)
        self.turn_added.emit(turn)

    def _start_answer(self, request: TaskRequest, max_tokens: int | None,
                      picks: list[tuple[Any, KeyImageChoice]] | None = None) -> Turn:  # fmt: skip
        turn = Turn(next(self._ids), "assistant", "", request=request, state="waiting",
                    buffer=StreamBuffer(), picks=picks)  # fmt: skip
        self._add(turn)
        self._jobs[turn.id] = turn
        self.busy_changed.emit(True)
        assert turn.buffer is not None
        self._llm.answer(AnswerJob(turn.id, list(self.documents), request, turn.buffer, max_tokens, picks))
        return turn

    def _on_answer_started(self, job_id: int) -> None:
        turn = self._jobs.get(job_id)
        if turn is not None and turn.state == "waiting":
            turn.state = "streaming"
            self.turn_updated.emit(turn)
            self._frame.start()

    def _drain(self) -> None:
        """Once a frame: move streamed text into the turns and tell the view once."""
        streaming = False
        for turn in self._jobs.values():
            if turn.buffer is None or not turn.active:
                continue
            streaming = True
            text = turn.buffer.take()
            if text:
                turn.text += text
                self.turn_updated.emit(turn)
        if not streaming:
            self._frame.stop()

    def _on_answer_done(self, job_id: int, result: AnswerResult) -> None:
        turn = self._jobs.pop(job_id, None)
        if turn is None:
            return
        if turn.buffer is not None:
            turn.buffer.take()
        turn.text = result.text
        turn.timings = result.timings
        turn.prompt_ref = result.prompt_ref
        turn.model_name = result.model_name
        turn.error = result.error
        turn.result = result.result
        turn.image_answer = result.image_answer
        turn.state = "failed" if result.error else "cancelled" if result.cancelled else "done"
        turn.buffer = None
        self.turn_updated.emit(turn)
        self.answer_finished.emit(turn)
        if not self.busy:
            self.busy_changed.emit(False)

    # -- batch ------------------------------------------------------------------------------

    def start_batch(self, job: BatchJob) -> None:
        """Queue a batch on the model's worker (after any answer in progress)."""
        self._batches.append(job)
        self._llm.batch(job)

    @property
    def llm_worker(self) -> LlmWorker:
        return self._llm.worker

    # -- shutdown ---------------------------------------------------------------------------

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._frame.stop()
        for job in self._batches:
            job.cancel.set()
        self._llm.stop()
