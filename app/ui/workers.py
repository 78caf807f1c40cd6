"""Work that may block runs here, off the GUI thread; results come back by Qt signal.

* :func:`run_job` runs one call on a thread pool (file parsing, database work, exports).
* :class:`LlmWorker` lives on its own QThread and is the only UI object that calls the
  model: loads and generations queue there in order, so a task asked for while the model
  is still loading simply starts when the load ends.
* Streamed text goes into a :class:`StreamBuffer`; the GUI drains it on a frame timer
  (see ``controller.FRAME_MS``) instead of handling one signal per token.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal, Slot

from app.core.documents.model import Document
from app.core.llm.engine import LoadReport, Timings
from app.core.llm.errors import EngineError
from app.core.tasks.image_tasks import ImageAnswer
from app.core.tasks.results import TaskResult
from app.core.tasks.runner import TaskRequest
from app.core.vision.key_images import KeyImageChoice
from app.services import Services
from app.services import tasks as task_service
from app.services import vision as vision_service

log = logging.getLogger(__name__)


class _JobSignals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(object)


def _done(*_args: Any, **_kwargs: Any) -> None:
    """What a finished job holds instead of its function."""


class Job(QRunnable):
    """One call on the pool. ``fn`` gets a ``report(value)`` callable when ``progress`` is set."""

    def __init__(self, fn: Callable[..., Any], args: Sequence[Any], progress: bool) -> None:
        super().__init__()
        self.signals = _JobSignals()
        self._fn = fn
        self._args = tuple(args)
        self._progress = progress
        self.finished = threading.Event()

    def run(self) -> None:
        try:
            if self._progress:
                result = self._fn(*self._args, report=self.signals.progress.emit)
            else:
                result = self._fn(*self._args)
        except BaseException as exc:  # every failure goes back to the GUI
            log.warning("background job %s failed: %s", getattr(self._fn, "__name__", "?"),
                        type(exc).__name__)  # fmt: skip
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)
        finally:
            # A finished job may outlive its call (the pool, a queued signal): drop what it was
            # given, which may be a vault or a document (Lock must leave none behind).
            self._fn = _done
            self._args = ()
            self.finished.set()


_live: set[Job] = set()
_pool: QThreadPool | None = None


def pool() -> QThreadPool:
    """The pool for file parsing and other blocking calls (two threads: the LLM has its own)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
    return _pool


def run_job(fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None] | None = None,
            on_failed: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[Any], None] | None = None) -> Job:  # fmt: skip
    job = Job(fn, args, progress=on_progress is not None)
    _live.add(job)
    job.signals.done.connect(lambda _r: _live.discard(job))
    job.signals.failed.connect(lambda _e: _live.discard(job))
    if on_done is not None:
        job.signals.done.connect(on_done)
    if on_failed is not None:
        job.signals.failed.connect(on_failed)
    if on_progress is not None:
        job.signals.progress.connect(on_progress)
    job.setAutoDelete(False)
    pool().start(job)
    return job


def wait_for_jobs(msecs: int = 30_000) -> bool:
    return pool().waitForDone(msecs)


class StreamBuffer:
    """Text a worker produces and the GUI takes, both under one lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[str] = []
        self.chunks = 0

    def push(self, text: str) -> None:
        with self._lock:
            self._pending.append(text)
            self.chunks += 1

    def take(self) -> str:
        with self._lock:
            text = "".join(self._pending)
            self._pending.clear()
            return text


class _EventCancel:
    """Lets cancel() stop a run that is cancelled through a threading.Event."""

    def __init__(self, event: threading.Event) -> None:
        self.event = event

    def cancel(self) -> None:
        self.event.set()


@dataclass
class AnswerResult:
    text: str
    timings: Timings | None
    prompt_ref: str
    model_name: str
    error: str = ""
    result: TaskResult | None = None  # findings, Fleischner panel, checks
    image_answer: ImageAnswer | None = None  # what the vision model saw, and in which images

    @property
    def cancelled(self) -> bool:
        return self.timings is not None and self.timings.finish_reason == "cancelled"


@dataclass
class AnswerJob:
    job_id: int
    documents: list[Document]
    request: TaskRequest
    buffer: StreamBuffer
    max_tokens: int | None = None
    # Key images for an image task: (series, choice) pairs; None for a text task.
    picks: list[tuple[Any, KeyImageChoice]] | None = None


@dataclass
class BatchJob:
    folder: Path
    out: Path
    request: TaskRequest
    cancel: threading.Event = field(default_factory=threading.Event)
    max_tokens: int | None = None


class LlmWorker(QObject):
    """Owns every call into the model. Lives on its own QThread (see :class:`LlmThread`)."""

    load_progress = Signal(int, int)  # bytes hashed, total (0, 0: loading into memory)
    loaded = Signal(object)  # LoadReport
    load_failed = Signal(str)
    answer_started = Signal(int)
    answer_done = Signal(int, object)  # job id, AnswerResult
    batch_progress = Signal(object)  # BatchProgress
    batch_done = Signal(object, object)  # BatchJob, BatchSummary or the exception

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self._lock = threading.Lock()
        self._current: Any = None  # the Generation being iterated
        self._current_id = -1
        self._cancelled: set[int] = set()

    # -- called from the GUI thread ----------------------------------------------------------

    def cancel(self, job_id: int | None = None) -> None:
        """Cancel one job (or whatever is running); safe from any thread."""
        with self._lock:
            if job_id is None:
                job_id = self._current_id
            self._cancelled.add(job_id)
            if job_id == self._current_id and self._current is not None:
                self._current.cancel()
                # The engine's own cancel also aborts prompt processing inside llama.cpp.
                with contextlib.suppress(EngineError):
                    self.services.engine.cancel()

    # -- slots, run on the worker thread -----------------------------------------------------

    @Slot(object)
    def load(self, settings: Any) -> None:
        if settings is not None:
            self.services.settings = settings
        try:
            report: LoadReport = self.services.load_model(
                progress=lambda done, total: self.load_progress.emit(done, total) if total else None
            )
        except Exception as exc:  # shown to the user as it is
            self.load_failed.emit(str(exc))
            return
        self.loaded.emit(report)

    @Slot(object)
    def answer(self, job: AnswerJob) -> None:
        with self._lock:
            if job.job_id in self._cancelled:
                self._cancelled.discard(job.job_id)
                self.answer_done.emit(job.job_id, AnswerResult("", Timings(finish_reason="cancelled"),
                                                               "", ""))  # fmt: skip
                return
        self.answer_started.emit(job.job_id)
        if job.picks is not None:
            self.answer_done.emit(job.job_id, self._answer_images(job))
            return
        parts: list[str] = []
        try:
            if task_service.needs_parts(self.services, job.documents, job.request, job.max_tokens):
                result = self._answer_in_parts(job)
                self.answer_done.emit(job.job_id, result)
                return
            run = task_service.start(self.services, job.documents, job.request, job.max_tokens)
            with self._lock:
                self._current, self._current_id = run.generation, job.job_id
                if job.job_id in self._cancelled:
                    run.generation.cancel()
            for chunk in run.generation:
                parts.append(chunk)
                job.buffer.push(chunk)
            text = "".join(parts)
            demo = bool(self.services.model_choice and self.services.model_choice.is_demo)
            typed = task_service.finish(run, text, demo_model=demo)
            result = AnswerResult(text, run.generation.timings, run.prompt_ref, run.model_name, result=typed)
        except Exception as exc:  # shown on the answer itself
            result = AnswerResult("".join(parts), None, "", "", error=str(exc))
        finally:
            with self._lock:
                self._current, self._current_id = None, -1
                self._cancelled.discard(job.job_id)
        self.answer_done.emit(job.job_id, result)

    def _answer_images(self, job: AnswerJob) -> AnswerResult:
        """An image task on the vision model (loaded here, on this thread, the first time)."""
        assert job.picks is not None
        parts: list[str] = []
        try:
            if self.services._vision is None or not self.services._vision.sees_images:
                vision_service.load(self.services)
            run = vision_service.start(self.services, job.documents, job.request.task_id, job.picks,
                                       question=job.request.question, language=job.request.language,
                                       max_tokens=job.max_tokens)  # fmt: skip
            with self._lock:
                self._current, self._current_id = run.generation, job.job_id
                if job.job_id in self._cancelled:
                    run.generation.cancel()
            for chunk in run.generation:
                parts.append(chunk)
                job.buffer.push(chunk)
            answer = vision_service.finish(run, "".join(parts))
            return AnswerResult(answer.markdown(with_label=False), run.generation.timings, answer.prompt,
                                run.model_name, image_answer=answer)  # fmt: skip
        except Exception as exc:  # shown on the answer itself
            return AnswerResult("".join(parts), None, "", "", error=str(exc))
        finally:
            with self._lock:
                self._current, self._current_id = None, -1
                self._cancelled.discard(job.job_id)

    def _answer_in_parts(self, job: AnswerJob) -> AnswerResult:
        """Documents longer than the context: read in parts, answers combined (never cut)."""
        event = threading.Event()
        with self._lock:
            self._current, self._current_id = _EventCancel(event), job.job_id
            if job.job_id in self._cancelled:
                event.set()
        try:
            typed = task_service.analyze(self.services, job.documents, job.request,
                                         max_tokens=job.max_tokens, on_text=job.buffer.push,
                                         cancel=event)  # fmt: skip
        except Exception as exc:  # shown on the answer itself
            return AnswerResult("", None, "", "", error=str(exc))
        finally:
            with self._lock:
                self._current, self._current_id = None, -1
                self._cancelled.discard(job.job_id)
        timings = Timings(**typed.timings) if typed.timings else None
        if event.is_set() and timings is not None:
            timings.finish_reason = "cancelled"
        return AnswerResult(typed.text, timings, typed.prompt, typed.model, result=typed)

    @Slot(object)
    def batch(self, job: BatchJob) -> None:
        try:
            summary = task_service.batch(self.services, job.folder, job.out, job.request,
                                         max_tokens=job.max_tokens, progress=self.batch_progress.emit,
                                         cancel=job.cancel)  # fmt: skip
        except Exception as exc:  # shown in the batch window
            self.batch_done.emit(job, exc)
            return
        self.batch_done.emit(job, summary)

    @Slot()
    def shutdown(self) -> None:
        self.services.close()


class LlmThread(QObject):
    """Starts the worker's thread and hands it requests through queued signals."""

    _load = Signal(object)
    _answer = Signal(object)
    _batch = Signal(object)
    _shutdown = Signal()

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.qthread = QThread()
        self.qthread.setObjectName("enclave-llm-ui")
        self.worker = LlmWorker(services)
        self.worker.moveToThread(self.qthread)
        self._load.connect(self.worker.load)
        self._answer.connect(self.worker.answer)
        self._batch.connect(self.worker.batch)
        self._shutdown.connect(self.worker.shutdown)
        self.qthread.start()

    def load(self, settings: Any = None) -> None:
        self._load.emit(settings)

    def answer(self, job: AnswerJob) -> None:
        self._answer.emit(job)

    def batch(self, job: BatchJob) -> None:
        self._batch.emit(job)

    def stop(self, wait_ms: int = 60_000) -> None:
        if not self.qthread.isRunning():
            return
        self.worker.cancel()
        self._shutdown.emit()
        self.qthread.quit()
        self.qthread.wait(wait_ms)
