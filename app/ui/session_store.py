"""Sessions in the encrypted vault, seen from the window: every call runs on the worker pool
(the vault has its own DB thread; its methods block) and answers by callback on the GUI
thread. ``vault`` is the open vault app.services hands out (``app.core.vault.vault.Vault``
API: create_session, list_sessions, search, view_session, add_message, ...)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.documents.model import Document, sections_from_text
from app.core.llm.engine import Timings
from app.core.tasks.runner import TaskRequest
from app.services.vault import document_input
from app.ui.controller import Controller, Turn
from app.ui.errors import relay
from app.ui.workers import run_job

log = logging.getLogger(__name__)
Callback = Callable[[Any], None]


def _namespace(value: Any) -> Any:
    """A stored result dict as attribute objects, the shape the findings panel reads."""
    if isinstance(value, dict):
        return SimpleNamespace(**{k: _namespace(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_namespace(v) for v in value]
    return value


class SessionStore(QObject):
    """The current session's id and the calls that keep it in the vault."""

    changed = Signal()  # the list of sessions changed
    feedback_saved = Signal(object)  # a Turn: a decision on one of its findings is in the vault
    correction_saved = Signal(object)  # a Turn: a correction of its follow-up inputs is in the vault
    failed = Signal(str)

    def __init__(self, vault: Any, privacy_level: Callable[[], str], service: Any = None) -> None:
        super().__init__()
        self.vault = vault
        self.service = service  # the VaultService: lets Lock close the vault and unlock reopen it
        self._closed = threading.Event()
        self._transition = threading.Lock()
        self.privacy_level = privacy_level
        self.session_id: str | None = None
        self._saved_documents: set[int] = set()  # id() of documents already stored
        self._pending: list[Callable[[], None]] = []
        self._creating = False

    def verify_secret(self, secret: str) -> bool:
        """Blocking (the lock screen calls it from a worker): does ``secret`` open the vault?"""
        if self.service is not None:
            return bool(self.service.verify_secret(secret))
        return bool(self.vault.verify_secret(secret))

    # -- lock -------------------------------------------------------------------------------

    def lock(self) -> None:
        """Close the vault (its raw key and decrypted rows leave Python's reach) until
        :meth:`reopen`. Without a service to reopen it the vault stays open (tests' stores)."""
        if self.service is None or self.vault is None:
            return
        self.vault = None
        self.session_id = None
        self._saved_documents.clear()
        self._pending.clear()
        self._closed.clear()

        def close() -> None:
            with self._transition:
                self.service.close()
            self._closed.set()

        run_job(close)

    def reopen(self, secret: str) -> bool:
        """Blocking (the lock screen calls it from a worker): open the vault again with the
        passphrase or the recovery key; False when ``secret`` opens neither."""
        if self.service is None:
            return self.verify_secret(secret)
        if self.vault is not None:  # not locked: only check the secret
            return self.verify_secret(secret)
        self._closed.wait(60)  # the close runs first, whatever the order the workers start in
        from app.core.vault.errors import NeedsSecretError, WrongSecretError

        with self._transition:
            for kwargs in ({"passphrase": secret}, {"recovery_key": secret}):
                try:
                    self.service.unlock(**kwargs)
                except (WrongSecretError, NeedsSecretError):
                    continue
                self.vault = self.service.vault
                return True
        return False

    # -- generic ----------------------------------------------------------------------------

    def call(self, fn: Callable[..., Any], *args: Any, done: Callback | None = None,
             what: str = "") -> None:  # fmt: skip
        def failed(exc: BaseException) -> None:
            relay().report(exc, what or self.tr("The session store failed"))
            self.failed.emit(str(exc))

        run_job(fn, *args, on_done=done, on_failed=failed)

    def list_sessions(self, query: str, done: Callback) -> None:
        if query.strip():
            self.call(self.vault.search, query.strip(), 50, done=done)
        else:
            self.call(self.vault.list_sessions, done=done)

    def rename(self, session_id: str, title: str) -> None:
        self.call(self.vault.rename_session, session_id, title, done=lambda _r: self.changed.emit())

    def pin(self, session_id: str, pinned: bool) -> None:
        self.call(self.vault.pin_session, session_id, pinned, done=lambda _r: self.changed.emit())

    def delete(self, session_id: str) -> None:
        if session_id == self.session_id:
            self.forget_current()
        self.call(self.vault.delete_session, session_id, done=lambda _r: self.changed.emit())

    def forget_current(self) -> None:
        self.session_id = None
        self._saved_documents.clear()
        self._pending.clear()

    # -- saving the current session ---------------------------------------------------------

    def _with_session(self, title: str, then: Callable[[], None]) -> None:
        """Run ``then`` once the current session exists (created on first need)."""
        if self.session_id is not None:
            then()
            return
        self._pending.append(then)
        if self._creating:
            return
        self._creating = True

        def created(info: Any) -> None:
            self._creating = False
            self.session_id = info.id
            pending, self._pending = self._pending, []
            for action in pending:
                action()
            self.changed.emit()

        self.call(self.vault.create_session, title[:120], self.privacy_level(), done=created)

    def save_documents(self, documents: list[Document]) -> None:
        new = [d for d in documents if id(d) not in self._saved_documents]
        if not new:
            return
        for document in new:
            self._saved_documents.add(id(document))

        def store() -> None:
            session_id = self.session_id

            def attach() -> None:
                for document in new:
                    record = document_input(document)
                    if document.series:
                        record.metadata["series"] = [s.label for s in document.series]
                    self.vault.attach_document(session_id, record)

            self.call(attach)

        self._with_session(new[0].name, store)

    def save_exchange(self, controller: Controller, answer: Turn) -> None:
        """Store a finished answer and the request before it (documents first)."""
        self.save_documents(controller.documents)
        index = controller.turns.index(answer) if answer in controller.turns else -1
        question = controller.turns[index - 1] if index > 0 else None
        title = question.text if question and answer.request and answer.request.task_id == "ask" else (
            controller.documents[0].name if controller.documents else answer.request.task_id
            if answer.request else "session")  # fmt: skip

        def store() -> None:
            session_id = self.session_id
            request = answer.request

            def write() -> int | None:
                task = request.task_id if request else None
                if question is not None:
                    self.vault.add_message(session_id, "user", question.text, task=task)
                timings = vars(answer.timings) if answer.timings else None
                message = self.vault.add_message(session_id, "assistant", answer.text, task=task,
                                                 model=answer.model_name or None,
                                                 timings=timings)  # fmt: skip
                result = answer.result if answer.result is not None else answer.image_answer
                if result is not None:
                    stored = self.vault.add_analysis(session_id, result.task, result.prompt, result.to_dict(),
                                                     message_id=message.id)  # fmt: skip
                    return int(stored.id)
                return None

            def stored(analysis_id: int | None) -> None:
                answer.analysis_id = analysis_id
                pending, answer.pending_feedback = answer.pending_feedback, []
                for item in pending:  # decisions given before the analysis reached the vault
                    self.save_feedback(answer, *item)
                self.changed.emit()

            self.call(write, done=stored)

        self._with_session(title, store)

    # -- a clinician's review of the findings -------------------------------------------------

    def save_feedback(self, turn: Turn, finding: int, decision: str, label: str | None = None,
                      certainty: str | None = None) -> None:  # fmt: skip
        """Store a decision on finding ``finding`` of ``turn``'s analysis (queued until the
        analysis is stored); ``feedback_saved`` says when it is committed."""
        if turn.analysis_id is None:
            turn.pending_feedback.append((finding, decision, label, certainty))
            return
        session_id, analysis_id = self.session_id, turn.analysis_id

        def saved(feedback: Any) -> None:
            turn.feedback[feedback.finding] = feedback
            self.feedback_saved.emit(turn)

        self.call(self.vault.add_feedback, session_id, analysis_id, finding, decision, label, certainty,
                  done=saved, what=self.tr("The review could not be saved"))  # fmt: skip

    # -- a clinician's correction of the follow-up calculator's inputs ------------------------

    def save_correction(self, turn: Turn, fields: list[str]) -> None:
        """Store ``turn``'s recomputed result as a correction of its analysis (the original is
        kept; the audit names the corrected inputs); later corrections build on this one."""
        from app.services.followup import plain

        if turn.analysis_id is None or turn.result is None:
            return
        session_id, analysis_id, result = self.session_id, turn.analysis_id, plain(turn.result)

        def saved(analysis: Any) -> None:
            turn.analysis_id = analysis.id
            self.correction_saved.emit(turn)

        self.call(self.vault.add_correction, session_id, analysis_id, result, fields,
                  done=saved, what=self.tr("The correction could not be saved"))  # fmt: skip

    # -- loading a stored session -----------------------------------------------------------

    def load(self, session_id: str, controller: Controller, done: Callback | None = None) -> None:
        def shown(detail: Any) -> None:
            controller.clear()
            self.forget_current()
            self.session_id = session_id
            language = controller.language
            for record in detail.documents:
                document = Document(Path(record.source_name), record.kind, source_text=record.text,
                                    sections=sections_from_text(record.text))  # fmt: skip
                if record.metadata.get("series"):
                    document.warnings.append(self.tr("The images of this study are not kept in the vault; "
                                                     "open the files again to view them."))
                controller.documents.append(document)
                self._saved_documents.add(id(document))
            analyses = {a.message_id: a for a in detail.analyses}
            turns: list[Turn] = []
            for message in detail.messages:
                if message.role not in ("user", "assistant"):
                    continue
                task = message.task or "ask"
                asked = task in ("ask", "ask_images")  # the user's own words, shown again
                question = message.content if asked else ""
                request = TaskRequest(task, language=language, question=question)
                turn = controller.new_turn(message.role, message.content if message.role == "assistant"
                                           or asked else task, request)  # fmt: skip
                if message.timings:
                    known = {k: v for k, v in message.timings.items() if k in Timings.__dataclass_fields__}
                    turn.timings = Timings(**known)
                turn.model_name = message.model or ""
                analysis = analyses.get(message.id)
                if analysis is not None:
                    turn.prompt_ref = analysis.prompt_version
                    turn.result = _namespace(analysis.result)
                    turn.analysis_id = analysis.id
                    turn.feedback = {f.finding: f for f in detail.feedback if f.analysis_id == analysis.id}
                turns.append(turn)
            controller.turns.extend(turns)
            controller.documents_changed.emit()
            controller.turns_reset.emit()
            if done is not None:
                done(detail)

        self.call(self.vault.view_session, session_id, done=shown)
