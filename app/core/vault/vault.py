"""The vault: one SQLCipher 4 database, its key header, and the thread that owns it.

Files in the vault folder (all mode 0600): ``vault.db`` (+ ``-wal``, ``-shm``),
``vault.header`` (wrapped keys, not secret) and ``vault.lock`` (inter-process lock).

Every method blocks until the DB thread has done the work: call from a worker thread, never
from the GUI thread. Sessions created with privacy level 'ephemeral' live in an in-memory
database on the same thread and are never written to disk.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

import sqlcipher3

from app.core import fileops, messages
from app.core.vault import export, keys, recovery, repository, schema
from app.core.vault.db import (
    DB_ERRORS,
    STORAGE_ERRORS,
    Connection,
    DbThread,
    connect,
    sidecar_files,
    transaction,
    translate,
)
from app.core.vault.errors import (
    NeedsSecretError,
    UnknownItemError,
    VaultBusyError,
    VaultCorruptError,
    VaultError,
    VaultExistsError,
    VaultNotFoundError,
    VaultStorageError,
    WrongSecretError,
)
from app.core.vault.models import (
    Analysis,
    AuditEntry,
    DocumentInput,
    DocumentRecord,
    Feedback,
    Message,
    SearchHit,
    SessionDetail,
    SessionInfo,
)

log = logging.getLogger(__name__)

T = TypeVar("T")
DB_NAME, HEADER_NAME, LOCK_NAME = "vault.db", "vault.header", "vault.lock"
CREATING, REKEYING, RESTORING, RESTORE_JOURNAL = (
    "vault.db.creating", "vault.db.rekey", "vault.db.restoring", "vault.restore.json")  # fmt: skip
UnlockMethod = Literal["keyring", "passphrase", "recovery-key", "new"]
ORIGINAL_CAP_KEY = "original_max_bytes"
DEFAULT_ORIGINAL_CAP = 0  # originals are not kept unless the user sets a cap


@dataclass(frozen=True)
class VaultStatus:
    folder: Path
    vault_id: str
    schema_version: int
    cipher_version: str
    unlocked_by: UnlockMethod
    keyring_backend: str | None  # None: no usable OS keyring on this system
    keyring_holds_key: bool
    has_passphrase: bool
    counts: dict[str, int]
    size_bytes: int
    original_max_bytes: int
    notes: list[str]


@dataclass(frozen=True)
class BackupResult:
    database: Path
    header: Path
    size_bytes: int
    counts: dict[str, int]


def exists(folder: Path) -> bool:
    return (folder / HEADER_NAME).exists() or (folder / DB_NAME).exists()


def _now_tag() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _remove_db_files(path: Path) -> None:
    for file in sidecar_files(path):
        file.unlink(missing_ok=True)


def _export_to(conn: Connection, dest: Path, raw_key: bytes) -> None:
    """sqlcipher_export: a complete, compacted copy of the database under ``raw_key``."""
    _remove_db_files(dest)
    conn.execute(f"ATTACH DATABASE ? AS target KEY \"{keys.pragma_key(raw_key)}\"", (str(dest),))
    try:
        conn.execute("SELECT sqlcipher_export('target')").fetchall()
    finally:
        conn.execute("DETACH DATABASE target")
    fileops.make_private(dest)
    fileops.fsync_file(dest)


def _check_integrity(conn: Connection, name: str) -> None:
    for pragma in ("integrity_check", "cipher_integrity_check"):
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
        if rows not in ([], ["ok"]):
            raise VaultCorruptError(f"{name}: {pragma} failed ({rows[0]})")


def _finish_restore(folder: Path) -> None:
    """Roll an interrupted restore forward (every step can be repeated safely)."""
    journal_path = folder / RESTORE_JOURNAL
    journal = json.loads(journal_path.read_text(encoding="utf-8"))
    restoring, db = folder / RESTORING, folder / DB_NAME
    if restoring.exists():
        if db.exists():
            aside = folder / journal["aside"]
            header = folder / HEADER_NAME
            if header.exists() and not (folder / (journal["aside"] + ".header")).exists():
                fileops.atomic_write(folder / (journal["aside"] + ".header"), header.read_bytes())
            for src, dst in zip(sidecar_files(db), sidecar_files(aside), strict=True):
                if src.exists():
                    os.replace(src, dst)
        os.replace(restoring, db)
        fileops.fsync_dir(folder)
    fileops.atomic_write(folder / HEADER_NAME, journal["header"].encode("utf-8"))
    journal_path.unlink()
    fileops.fsync_dir(folder)


class Vault:
    """An open vault. Create one with :meth:`create`, :meth:`open` or :meth:`restore`."""

    def __init__(self, folder: Path, header: keys.Header, raw_key: bytes, db: DbThread,
                 lock: fileops.ProcessLock, unlocked_by: UnlockMethod) -> None:  # fmt: skip
        self.folder = folder
        self._header = header
        self._key = raw_key
        self._db = db
        self._lock = lock
        self.unlocked_by: UnlockMethod = unlocked_by
        self._conn: Connection | None = None
        self._memory: Connection | None = None
        self._ephemeral: set[str] = set()
        self.notes: list[str] = []

    # -- opening -------------------------------------------------------------------------------

    @property
    def vault_id(self) -> str:
        return self._header.vault_id

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    @classmethod
    def create(cls, folder: Path, passphrase: str | None = None,
               argon2: keys.Argon2Params = keys.DEFAULT_ARGON2) -> tuple[Vault, str]:  # fmt: skip
        """A new vault; returns it and the recovery key to show the user once."""
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            folder.chmod(0o700)
        if exists(folder):
            raise VaultExistsError(f"{folder}: a vault already exists here")
        lock = fileops.ProcessLock(folder / LOCK_NAME)
        if not lock.acquire(exclusive=True):
            raise VaultBusyError(f"{folder}: another process is creating or using a vault here")
        try:
            vault_id = uuid.uuid4().hex
            raw_key = keys.new_raw_key()
            recovery_text, recovery_secret = recovery.new_key()
            slots = [keys.recovery_slot(raw_key, recovery_secret, vault_id)]
            if passphrase:
                slots.append(keys.passphrase_slot(raw_key, passphrase, vault_id, argon2))
            backend = keys.keyring_backend_name()
            header = keys.Header(vault_id, [keys.KeyEntry(keys.key_id(raw_key), slots)], backend,
                                 datetime.now(UTC).isoformat(timespec="seconds"))  # fmt: skip
            # The database is built under a temporary name and moved in after the header
            # exists, so a crash never leaves a header without a database or the reverse.
            db = DbThread()
            creating = folder / CREATING

            def build() -> None:
                _remove_db_files(creating)
                conn = connect(creating, raw_key, create=True)
                try:
                    schema.migrate(conn)
                    repository.audit(conn, "vault.created", detail={"passphrase": bool(passphrase)})
                    conn.execute("PRAGMA journal_mode = DELETE")  # fold the WAL in before the move
                finally:
                    conn.close()
                fileops.fsync_file(creating)

            try:
                db.call(build)
                keys.write_header(folder / HEADER_NAME, header)
                os.replace(creating, folder / DB_NAME)
                fileops.fsync_dir(folder)
            except BaseException as exc:
                db.shutdown()
                if isinstance(exc, STORAGE_ERRORS):
                    raise translate(exc, folder.name) from exc
                raise
            if backend and not keys.keyring_store(vault_id, [raw_key]):
                header.keyring_backend = None
                keys.write_header(folder / HEADER_NAME, header)
            lock.release()
            lock.acquire(exclusive=False)
            vault = cls(folder, header, raw_key, db, lock, "new")
            vault._start()
            return vault, recovery_text
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open(cls, folder: Path, passphrase: str | None = None, recovery_key: str | None = None) -> Vault:
        """Open silently with the keyring, else with the passphrase or recovery key.

        NeedsSecretError says why the keyring could not open it; WrongSecretError means the
        secret is wrong (the database file is not touched in either case).
        """
        lock = fileops.ProcessLock(folder / LOCK_NAME)
        try:
            return cls._open_locked(folder, lock, passphrase, recovery_key)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_locked(cls, folder: Path, lock: fileops.ProcessLock, passphrase: str | None,
                     recovery_key: str | None) -> Vault:  # fmt: skip
        header_path = folder / HEADER_NAME
        if not header_path.exists():
            if (folder / DB_NAME).exists():
                raise VaultCorruptError(f"{folder / HEADER_NAME}: the vault header is missing; restore "
                                        "it from a backup (the database cannot open without it)")  # fmt: skip
            raise VaultNotFoundError(f"{folder}: no vault yet (create one with 'enclave vault init')")
        if not lock.acquire(exclusive=False):
            raise VaultBusyError(f"{folder}: another Enclave process is changing the vault's key or "
                                 "restoring it; try again in a moment")  # fmt: skip
        if any((folder / name).exists() for name in (RESTORE_JOURNAL, CREATING, REKEYING)):
            cls._recover_interrupted(folder, lock)
        header = keys.read_header(header_path)
        if not (folder / DB_NAME).exists():
            raise VaultCorruptError(f"{folder / DB_NAME}: the database file is missing; restore a backup")
        db = DbThread()
        try:
            return cls._unlock(folder, header, db, lock, passphrase, recovery_key)
        except BaseException:
            db.shutdown()
            raise

    @staticmethod
    def _recover_interrupted(folder: Path, lock: fileops.ProcessLock) -> None:
        """Finish or discard work a crash interrupted (under the exclusive lock)."""
        lock.release()
        if not lock.acquire(exclusive=True):
            raise VaultBusyError(f"{folder}: another Enclave process is using the vault; try again")
        try:
            if (folder / RESTORE_JOURNAL).exists():
                _finish_restore(folder)
            if (folder / CREATING).exists() and not (folder / DB_NAME).exists() \
                    and (folder / HEADER_NAME).exists():  # fmt: skip
                os.replace(folder / CREATING, folder / DB_NAME)  # the header was written last
            for leftover in (CREATING, REKEYING, RESTORING):
                _remove_db_files(folder / leftover)
        finally:
            lock.release()
            if not lock.acquire(exclusive=False):
                raise VaultBusyError(f"{folder}: another Enclave process is using the vault; try again")

    @classmethod
    def _unlock(cls, folder: Path, header: keys.Header, db: DbThread, lock: fileops.ProcessLock,
                passphrase: str | None, recovery_key: str | None) -> Vault:  # fmt: skip
        known = {k.key_id for k in header.keys}
        backend = keys.keyring_backend_name()
        candidates = [k for k in keys.keyring_load(header.vault_id) if keys.key_id(k) in known]
        path = folder / DB_NAME
        for raw_key in candidates:
            try:
                conn = db.call(connect, path, raw_key)
            except WrongSecretError:
                continue  # the other key of an interrupted rotation
            vault = cls(folder, header, raw_key, db, lock, "keyring")
            vault._conn = conn
            vault._start()
            return vault
        if not passphrase and not recovery_key:
            if backend is None:
                reason = "there is no OS keyring on this system"
            elif header.keyring_backend and header.keyring_backend != backend:
                reason = f"the OS keyring changed (was {header.keyring_backend}, now {backend})"
            else:
                reason = "the OS keyring holds no key for this vault"
            raise NeedsSecretError(f"{reason}: give the passphrase or the recovery key to open the vault")
        found = keys.unwrap(header, passphrase=passphrase, recovery_key=recovery_key)
        method: UnlockMethod = "passphrase" if passphrase else "recovery-key"
        for raw_key in found:
            try:
                conn = db.call(connect, path, raw_key)
            except WrongSecretError:
                continue
            vault = cls(folder, header, raw_key, db, lock, method)
            vault._conn = conn
            if backend is not None and keys.keyring_store(header.vault_id, [raw_key]):
                vault.notes.append(messages.KEY_NOW_IN_KEYRING.format(backend=backend))
                header.keyring_backend = backend
                keys.write_header(folder / HEADER_NAME, header)
            vault._start()
            return vault
        raise WrongSecretError(f"{path.name}: the {method.replace('-', ' ')} matches the header but not the "
                               "database (was the database replaced by another vault's?)")  # fmt: skip

    def _start(self) -> None:
        """Migrate, finish an interrupted rotation, open the ephemeral store, record the open."""

        def start() -> None:
            if self._conn is None:
                self._conn = connect(self.db_path, self._key)
            schema.migrate(self._conn)
            memory = sqlcipher3.connect(":memory:", isolation_level=None)
            memory.execute("PRAGMA foreign_keys = ON")
            schema.migrate(memory)
            self._memory = memory
            try:
                repository.audit(self._conn, "vault.opened", detail={"method": self.unlocked_by})
            except DB_ERRORS as exc:
                # A full or read-only disk must not also lock the user out of reading.
                self.notes.append(messages.READ_ONLY_FOR_NOW.format(reason=translate(exc, DB_NAME)))

        try:
            self._db.call(start)
        except DB_ERRORS as exc:
            self.close()
            raise translate(exc, DB_NAME) from exc
        except BaseException:
            self.close()
            raise
        if len(self._header.keys) > 1:
            self._settle_rotation()

    def _settle_rotation(self) -> None:
        """A rotation was interrupted: keep only the key that opened the database."""
        kid = keys.key_id(self._key)
        rolled_forward = self._header.keys[0].key_id == kid
        self._header = replace(self._header, keys=[k for k in self._header.keys if k.key_id == kid])
        keys.write_header(self.folder / HEADER_NAME, self._header)
        keys.keyring_store(self.vault_id, [self._key])
        self.notes.append("an interrupted key rotation was " + (
            "completed: use the new recovery key" if rolled_forward else
            "rolled back: the previous recovery key still holds"))  # fmt: skip
        detail = {"completed": rolled_forward}
        self._run(lambda c: repository.audit(c, "key.rotation_recovered", detail=detail))

    def close(self) -> None:
        def shut() -> None:
            for conn in (self._conn, self._memory):
                if conn is not None:
                    with contextlib.suppress(*DB_ERRORS):
                        conn.close()
            self._conn = self._memory = None

        with contextlib.suppress(RuntimeError):  # already shut down
            self._db.call(shut)
        self._db.shutdown()
        self._lock.release()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- running work on the DB thread -----------------------------------------------------------

    def _run(self, fn: Callable[[Connection], T], session_id: str | None = None) -> T:
        def job() -> T:
            conn = self._memory if session_id is not None and session_id in self._ephemeral else self._conn
            if conn is None:
                raise VaultError("the vault is closed")
            try:
                return fn(conn)
            except DB_ERRORS as exc:
                raise translate(exc, DB_NAME) from exc

        try:
            return self._db.call(job)
        except RuntimeError as exc:
            if "shutdown" in str(exc):
                raise VaultError("the vault is closed") from exc
            raise

    def _mark(self, info: SessionInfo) -> SessionInfo:
        return replace(info, privacy_level="ephemeral") if info.id in self._ephemeral else info

    def _detail(self, conn: Connection, session_id: str) -> SessionDetail:
        return SessionDetail(self._mark(repository.get_session(conn, session_id)),
                             repository.messages(conn, session_id), repository.documents(conn, session_id),
                             repository.analyses(conn, session_id),
                             repository.feedback(conn, session_id))  # fmt: skip

    # -- sessions -------------------------------------------------------------------------------

    def create_session(self, title: str, privacy_level: str = "high") -> SessionInfo:
        """A new session; 'ephemeral' ones are kept in memory only, until the vault closes."""
        if privacy_level not in ("standard", "high", "ephemeral"):
            raise ValueError(f"unknown privacy level {privacy_level!r}")
        session_id = uuid.uuid4().hex
        if privacy_level == "ephemeral":
            self._db.call(self._ephemeral.add, session_id)
            info = self._run(lambda c: repository.create_session(c, session_id, title, "high"), session_id)
        else:
            info = self._run(lambda c: repository.create_session(c, session_id, title, privacy_level))
        return self._mark(info)

    def list_sessions(self) -> list[SessionInfo]:
        def both(conn: Connection) -> list[SessionInfo]:
            assert self._memory is not None
            stored = repository.list_sessions(conn)
            return [self._mark(s) for s in repository.list_sessions(self._memory)] + stored

        return self._run(both)

    def get_session(self, session_id: str) -> SessionInfo:
        return self._mark(self._run(lambda c: repository.get_session(c, session_id), session_id))

    def rename_session(self, session_id: str, title: str) -> SessionInfo:
        return self._mark(self._run(lambda c: repository.rename_session(c, session_id, title), session_id))

    def pin_session(self, session_id: str, pinned: bool = True) -> SessionInfo:
        return self._mark(self._run(lambda c: repository.pin_session(c, session_id, pinned), session_id))

    def delete_session(self, session_id: str) -> None:
        """Delete and really erase: zeroed pages (secure_delete), FTS secure-delete, VACUUM,
        and a truncated WAL, so the text is in neither the file nor its decrypted pages."""
        if self._db.call(lambda: session_id in self._ephemeral):
            self._run(lambda c: repository.delete_session(c, session_id), session_id)
            self._db.call(self._ephemeral.discard, session_id)
            return

        def erase(conn: Connection) -> None:
            repository.delete_session(conn, session_id)
            repository.audit(conn, "session.deleted", session_id)
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

        self._run(erase)

    def view_session(self, session_id: str) -> SessionDetail:
        """Everything in a session; recorded in the audit log as a view."""

        def load(conn: Connection) -> SessionDetail:
            detail = self._detail(conn, session_id)
            if conn is self._conn:
                repository.audit(conn, "session.viewed", session_id)
            return detail

        return self._run(load, session_id)

    # -- messages, documents, analyses ------------------------------------------------------------

    def add_message(self, session_id: str, role: str, content: str, *, task: str | None = None,
                    model: str | None = None, timings: dict[str, Any] | None = None) -> Message:  # fmt: skip
        return self._run(lambda c: repository.add_message(c, session_id, role, content, task, model, timings),
                         session_id)  # fmt: skip

    def add_messages(self, session_id: str, items: list[tuple[str, str]]) -> int:
        """Many (role, content) pairs in one transaction."""
        return self._run(lambda c: repository.add_messages(c, session_id, items), session_id)

    def edit_message(self, session_id: str, message_id: int, content: str) -> Message:
        return self._run(lambda c: repository.edit_message(c, session_id, message_id, content), session_id)

    def messages(self, session_id: str) -> list[Message]:
        return self._run(lambda c: repository.messages(c, session_id), session_id)

    def attach_document(self, session_id: str, document: DocumentInput) -> DocumentRecord:
        """Store a document's text and metadata; its original bytes only under the size cap."""
        cap = self.original_max_bytes()
        return self._run(lambda c: repository.attach_document(c, session_id, document, cap), session_id)

    def documents(self, session_id: str) -> list[DocumentRecord]:
        return self._run(lambda c: repository.documents(c, session_id), session_id)

    def document_original(self, session_id: str, document_id: int) -> bytes | None:
        return self._run(lambda c: repository.document_original(c, document_id), session_id)

    def add_analysis(self, session_id: str, task: str, prompt_version: str, result: Any, *,
                     grounding: Any | None = None, message_id: int | None = None) -> Analysis:  # fmt: skip
        return self._run(lambda c: repository.add_analysis(c, session_id, task, prompt_version, result,
                                                           grounding, message_id), session_id)  # fmt: skip

    def analyses(self, session_id: str) -> list[Analysis]:
        return self._run(lambda c: repository.analyses(c, session_id), session_id)

    def add_correction(self, session_id: str, analysis_id: int, result: Any,
                       fields: Sequence[str]) -> Analysis:  # fmt: skip
        """Store a clinician's correction of analysis ``analysis_id`` as a new analysis of the same
        message (the original is kept), and audit which inputs were corrected."""
        return self._run(lambda c: repository.add_correction(c, session_id, analysis_id, result, fields),
                         session_id)

    def add_feedback(self, session_id: str, analysis_id: int, finding: int, decision: str,
                     label: str | None = None, certainty: str | None = None) -> Feedback:  # fmt: skip
        """A clinician's decision on one finding: confirm, reject, or correct (label, certainty)."""
        if decision not in ("confirm", "reject", "correct"):
            raise ValueError(f"a decision is confirm, reject or correct, not {decision!r}")
        return self._run(lambda c: repository.add_feedback(c, session_id, analysis_id, finding, decision,  # type: ignore[arg-type]
                                                           label, certainty), session_id)  # fmt: skip

    def feedback(self, session_id: str | None = None) -> list[Feedback]:
        """The newest decision per reviewed finding, of one session or of every stored one."""
        return self._run(lambda c: repository.feedback(c, session_id), session_id)

    # -- search, export, audit, settings -----------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """FTS5 search (English and Chinese) over messages and document text, best first."""

        def both(conn: Connection) -> list[SearchHit]:
            assert self._memory is not None
            hits = repository.search(conn, query, limit) + repository.search(self._memory, query, limit)
            return sorted(hits, key=lambda h: h.rank)[:limit]

        return self._run(both)

    def export_session(self, session_id: str, fmt: export.ExportFormat,
                       assistant_label: str = "AI-generated draft") -> str:  # fmt: skip
        """The session as Markdown or JSON text (the caller writes it where the user says)."""
        if fmt not in export.EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r} (use {' or '.join(export.EXPORT_FORMATS)})")

        def load(conn: Connection) -> SessionDetail:
            detail = self._detail(conn, session_id)
            if conn is self._conn:
                repository.audit(conn, "session.exported", session_id, {"format": fmt})
            return detail

        return export.render(self._run(load, session_id), fmt, assistant_label)

    def audit_entries(self, limit: int = 100, session_id: str | None = None) -> list[AuditEntry]:
        return self._run(lambda c: repository.audit_entries(c, limit, session_id))

    def run_in_transaction(self, fn: Callable[[Connection], T]) -> T:
        """``fn(conn)`` on the DB thread inside one transaction (all or nothing): for records that
        must be checked and written together, such as a privacy budget and the answer it pays for."""

        def job(conn: Connection) -> T:
            with transaction(conn):
                return fn(conn)

        return self._run(job)

    def original_max_bytes(self) -> int:
        value = self._run(lambda c: repository.get_setting(c, ORIGINAL_CAP_KEY, str(DEFAULT_ORIGINAL_CAP)))
        return int(value)

    def set_original_max_bytes(self, cap: int) -> None:
        """Keep documents' original bytes inside the vault when they are at most ``cap`` bytes."""
        if cap < 0:
            raise ValueError("the size cap cannot be negative")
        self._run(lambda c: repository.set_setting(c, ORIGINAL_CAP_KEY, str(cap)))

    def status(self) -> VaultStatus:
        def collect(conn: Connection) -> tuple[int, str, dict[str, int]]:
            cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
            return schema.version(conn), cipher, repository.counts(conn)

        version, cipher, counts = self._run(collect)
        entry = self._header.key(keys.key_id(self._key))
        backend = keys.keyring_backend_name()
        size = sum(f.stat().st_size for f in sidecar_files(self.db_path) if f.exists())
        return VaultStatus(self.folder, self.vault_id, version, cipher, self.unlocked_by, backend,
                           self._key in keys.keyring_load(self.vault_id),
                           bool(entry and entry.slot("passphrase")), counts, size,
                           self.original_max_bytes(), list(self.notes))  # fmt: skip

    def check(self) -> None:
        """PRAGMA integrity_check and cipher_integrity_check; VaultCorruptError on a problem."""
        self._run(lambda c: _check_integrity(c, DB_NAME))

    # -- keys ------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _exclusive(self) -> Any:
        self._lock.release()
        if not self._lock.acquire(exclusive=True):
            self._lock.acquire(exclusive=False)
            raise VaultBusyError("the vault is open in another Enclave process; close it and try again")
        try:
            yield
        finally:
            self._lock.release()
            self._lock.acquire(exclusive=False)

    def set_passphrase(self, passphrase: str | None, argon2: keys.Argon2Params = keys.DEFAULT_ARGON2) -> None:
        """Set, change or (None) remove the passphrase. One atomic header write."""
        with self._exclusive():
            kid = keys.key_id(self._key)
            entry = self._header.key(kid)
            assert entry is not None
            slots = [s for s in entry.slots if s.kind != "passphrase"]
            if passphrase:
                slots.append(keys.passphrase_slot(self._key, passphrase, self.vault_id, argon2))
            header = replace(self._header, keys=[keys.KeyEntry(kid, slots)])
            keys.write_header(self.folder / HEADER_NAME, header)
            self._header = header
        action = "passphrase.changed" if passphrase else "passphrase.removed"
        self._run(lambda c: repository.audit(c, action))

    def rotate_key(self, passphrase: str | None = None, on_recovery_key: Callable[[str], None] | None = None,
                   argon2: keys.Argon2Params = keys.DEFAULT_ARGON2) -> str:  # fmt: skip
        """A new raw key and a new recovery key (returned, and given to ``on_recovery_key``
        before anything changes, so the user has it whatever happens next).

        If the vault has a passphrase, ``passphrase`` is required (the same or a new one).
        The database is copied under the new key (sqlcipher_export) and moved over the old
        file; the header and keyring hold both keys until the move is done, so a kill at any
        moment leaves a vault that opens with the old key or the new one. (PRAGMA rekey in
        place is not used: in WAL mode it leaves pages the new key cannot read.)
        """
        entry = self._header.key(keys.key_id(self._key))
        assert entry is not None
        if entry.slot("passphrase") is not None and not passphrase:
            raise NeedsSecretError("this vault has a passphrase: give it (or a new one) to rotate the key")
        with self._exclusive():
            new_key = keys.new_raw_key()
            recovery_text, recovery_secret = recovery.new_key()
            if on_recovery_key is not None:
                on_recovery_key(recovery_text)
            slots = [keys.recovery_slot(new_key, recovery_secret, self.vault_id)]
            if passphrase:
                slots.append(keys.passphrase_slot(new_key, passphrase, self.vault_id, argon2))
            new_entry = keys.KeyEntry(keys.key_id(new_key), slots)
            tmp, header_path = self.folder / REKEYING, self.folder / HEADER_NAME
            try:
                self._run(lambda c: _export_to(c, tmp, new_key))
                both = replace(self._header, keys=[new_entry, entry])
                keys.write_header(header_path, both)
                self._header = both
                in_keyring = keys.keyring_store(self.vault_id, [new_key, self._key])

                def swap() -> None:
                    assert self._conn is not None
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
                    self._conn.execute("PRAGMA journal_mode = DELETE")  # removes -wal and -shm
                    self._conn.close()
                    self._conn = None
                    os.replace(tmp, self.db_path)
                    fileops.fsync_dir(self.folder)
                    self._conn = connect(self.db_path, new_key)

                self._db.call(swap)
            except BaseException as exc:
                _remove_db_files(tmp)
                if self._conn is None:  # the swap failed before the move: the old key holds
                    self._conn = self._db.call(connect, self.db_path, self._key)
                if isinstance(exc, STORAGE_ERRORS):
                    raise translate(exc, DB_NAME) from exc
                raise
            self._key = new_key
            self._header = replace(self._header, keys=[new_entry])
            keys.write_header(header_path, self._header)
            if in_keyring:
                keys.keyring_store(self.vault_id, [new_key])
        self._run(lambda c: repository.audit(c, "key.rotated"))
        return recovery_text

    # -- backup and restore ----------------------------------------------------------------------

    def backup(self, dest: Path) -> BackupResult:
        """An encrypted copy (same key) at ``dest`` plus its header at ``dest.header``.

        It opens with this vault's keyring entry, recovery key or passphrase as they are
        now. Written under a temporary name and checked before it takes the final name.
        """
        dest = Path(dest)
        header_dest = dest.with_name(dest.name + ".header")
        if dest.exists() or header_dest.exists():
            raise VaultExistsError(f"{dest}: already exists; choose another name")
        if not dest.parent.is_dir():
            raise VaultStorageError(f"{dest.parent}: no such folder")
        partial = dest.with_name(dest.name + ".partial")

        def make(conn: Connection) -> dict[str, int]:
            _export_to(conn, partial, self._key)
            check = connect(partial, self._key)
            try:
                _check_integrity(check, dest.name)
                found = repository.counts(check)
                check.execute("PRAGMA journal_mode = DELETE")
            finally:
                check.close()
            repository.audit(conn, "backup.created", detail={"counts": found})
            return found

        try:
            found = self._run(make)
            current = [k for k in self._header.keys if k.key_id == keys.key_id(self._key)]
            header = replace(self._header, keys=current)
            fileops.atomic_write(header_dest, header.to_bytes())
            os.replace(partial, dest)
            fileops.fsync_dir(dest.parent)
        except OSError as exc:
            _remove_db_files(partial)
            raise translate(exc, dest.name) from exc
        except BaseException:
            _remove_db_files(partial)
            raise
        return BackupResult(dest, header_dest, dest.stat().st_size, found)

    @classmethod
    def restore(cls, folder: Path, source: Path, passphrase: str | None = None,
                recovery_key: str | None = None) -> Vault:  # fmt: skip
        """Replace the vault with a backup and open it. The vault that was there is kept
        beside it (``vault.db.pre-restore-<time>`` with its header), never deleted.

        The backup is checked (key, integrity) before anything in ``folder`` changes; the
        switch is journaled, so a crash midway is completed at the next open.
        """
        source = Path(source)
        header_src = source.with_name(source.name + ".header")
        if not source.is_file():
            raise VaultNotFoundError(f"{source}: no such backup file")
        if not header_src.is_file():
            raise VaultCorruptError(f"{header_src}: the backup's header file is missing")
        header = keys.read_header(header_src)
        candidates = [k for k in keys.keyring_load(header.vault_id)
                      if keys.key_id(k) in {e.key_id for e in header.keys}]  # fmt: skip
        if passphrase or recovery_key:
            candidates += keys.unwrap(header, passphrase=passphrase, recovery_key=recovery_key)
        if not candidates:
            raise NeedsSecretError(f"{source.name}: give the passphrase or recovery key the vault had "
                                   "when this backup was made")  # fmt: skip
        verified = False
        for raw_key in candidates:
            try:
                conn = connect(source, raw_key)
            except WrongSecretError:
                continue
            try:
                _check_integrity(conn, source.name)
                conn.execute("PRAGMA journal_mode = DELETE")
            finally:
                conn.close()
            verified = True
            break
        if not verified:
            raise WrongSecretError(f"{source.name}: no key at hand opens this backup")
        folder.mkdir(parents=True, exist_ok=True)
        lock = fileops.ProcessLock(folder / LOCK_NAME)
        if not lock.acquire(exclusive=True):
            raise VaultBusyError(f"{folder}: the vault is open in another Enclave process; close it first")
        try:
            restoring = folder / RESTORING
            _remove_db_files(restoring)
            shutil.copyfile(source, restoring)
            fileops.make_private(restoring)
            fileops.fsync_file(restoring)
            journal = {"header": header_src.read_text(encoding="utf-8"),
                       "aside": f"{DB_NAME}.pre-restore-{_now_tag()}"}  # fmt: skip
            fileops.atomic_write(folder / RESTORE_JOURNAL, json.dumps(journal).encode("utf-8"))
            _finish_restore(folder)
        except OSError as exc:
            raise translate(exc, folder.name) from exc
        finally:
            lock.release()
        vault = cls.open(folder, passphrase=passphrase, recovery_key=recovery_key) if (
            passphrase or recovery_key) else cls.open(folder)  # fmt: skip
        vault._run(lambda c: repository.audit(c, "vault.restored", detail={"from": source.name}))
        return vault


__all__ = ["BackupResult", "UnknownItemError", "Vault", "VaultStatus", "exists"]
