"""The SQLCipher connection and the one thread that owns it.

Every database call goes through ``DbThread.call``: a single-thread executor runs it on
the thread that opened the connection (DESIGN rule 3; sqlcipher3 also refuses a
connection used from another thread). Callers block, so the GUI calls from workers only.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import sqlcipher3

from app.core import fileops
from app.core.vault.errors import (
    VaultBusyError,
    VaultCorruptError,
    VaultError,
    VaultStorageError,
    WrongSecretError,
)
from app.core.vault.keys import pragma_key

log = logging.getLogger(__name__)

T = TypeVar("T")
Connection = Any  # sqlcipher3.Connection has no type stubs
BUSY_TIMEOUT_MS = 5000
DB_ERRORS: tuple[type[BaseException], ...] = (sqlcipher3.Error, sqlite3.Error)
STORAGE_ERRORS: tuple[type[BaseException], ...] = (OSError, *DB_ERRORS)


def sidecar_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def translate(exc: BaseException, name: str) -> VaultError:
    """A clear, content-free message for a database error."""
    if isinstance(exc, VaultError):
        return exc
    text = str(exc).lower()
    if "disk is full" in text or "no space" in text:
        return VaultStorageError(f"{name}: the disk is full; the last change was not saved "
                                 "(everything saved before it is intact)")  # fmt: skip
    if "readonly" in text or "read-only" in text:
        return VaultStorageError(f"{name}: the folder or file is read-only; nothing can be saved")
    if "unable to open" in text:
        return VaultStorageError(f"{name}: the database cannot be opened (missing folder, no permission, "
                                 "or a read-only disk)")  # fmt: skip
    if "locked" in text or "busy" in text:
        return VaultBusyError(f"{name}: the vault is locked by another process; try again when it is done")
    if "i/o error" in text:
        return VaultStorageError(f"{name}: the disk reported an I/O error; the last change was not saved")
    if "not a database" in text or "malformed" in text:
        return VaultCorruptError(f"{name}: the database is damaged or is not an Enclave vault")
    if isinstance(exc, OSError):
        return VaultStorageError(f"{name}: {exc.strerror or exc}")
    return VaultError(f"{name}: database error ({type(exc).__name__}: {exc})")


def connect(path: Path, raw_key: bytes, *, create: bool = False) -> Connection:
    """Open (or create) the database with the raw key, in this thread.

    A wrong key raises WrongSecretError before anything is written: SQLCipher checks the
    first page's HMAC on the first read, and WAL mode is only set after that succeeds.
    """
    if not create and not path.exists():
        raise VaultCorruptError(f"{path.name}: the database file is missing")
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except DB_ERRORS as exc:
        raise translate(exc, path.name) from exc
    try:
        # Before the key: a wrong key would otherwise print HMAC errors to stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"{pragma_key(raw_key)}\"")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except DB_ERRORS as exc:
            if "not a database" in str(exc).lower():
                raise WrongSecretError(f"{path.name}: this key does not open the database") from exc
            raise
        conn.execute("PRAGMA foreign_keys = ON")
        # secure_delete: deleted content is overwritten with zeros, not left in free pages.
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA temp_store = MEMORY")  # no temp files that could hold PHI
        if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise VaultStorageError(f"{path.name}: write-ahead logging could not be enabled")
        # FULL, not NORMAL: in WAL mode NORMAL survives an application crash but a power
        # loss can drop the last commits; a clinical record must survive both. Commits are
        # user-paced, so the extra fsync per commit costs nothing anyone notices.
        conn.execute("PRAGMA synchronous = FULL")
    except BaseException as exc:
        conn.close()
        if isinstance(exc, VaultError):
            raise
        raise translate(exc, path.name) from exc
    for file in sidecar_files(path):
        fileops.make_private(file)
    return conn


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """BEGIN IMMEDIATE ... COMMIT; any error rolls back, so a failed write changes nothing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        with contextlib.suppress(*DB_ERRORS):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class DbThread:
    """A single-thread executor that owns one connection (or more, all on its thread)."""

    def __init__(self, name: str = "enclave-db") -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._thread_id: int | None = None
        self._pool.submit(self._remember_thread).result()

    def _remember_thread(self) -> None:
        self._thread_id = threading.get_ident()

    def on_thread(self) -> bool:
        return threading.get_ident() == self._thread_id

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        return self._pool.submit(fn, *args)

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` on the DB thread and return its result (re-entrant)."""
        if self.on_thread():
            return fn(*args)
        return self._pool.submit(fn, *args).result()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
