"""Small file-system helpers: private files, atomic replacement, an inter-process lock."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

PRIVATE_MODE = 0o600


def make_private(path: Path) -> None:
    """Owner-only permissions (POSIX). Windows files inherit the per-user profile's ACL."""
    if os.name == "posix":
        with contextlib.suppress(OSError):  # missing, or a read-only disk (reported on write)
            if path.stat().st_mode & 0o777 != PRIVATE_MODE:
                path.chmod(PRIVATE_MODE)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable: on POSIX the directory entry itself must be flushed."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` so that a crash at any moment leaves the old file or the new one."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if os.name == "posix":
                os.fchmod(handle.fileno(), PRIVATE_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


class ProcessLock:
    """An advisory lock file beside the database.

    Every process holds it shared while the vault is open; rekey and restore replace the
    database file and so take it exclusively (a process still writing to the replaced file
    would lose its writes). POSIX uses flock; on Windows an open database cannot be
    replaced at all, so the lock is a no-op there and the replace itself fails clearly.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, exclusive: bool) -> bool:
        """Take the lock without waiting; False if another process holds it incompatibly."""
        if os.name != "posix":
            return True
        import fcntl

        if self._fd is None:
            try:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_MODE)
            except OSError:
                try:  # a read-only folder: flock works on a read-only descriptor too
                    self._fd = os.open(self.path, os.O_RDONLY)
                except OSError:
                    return True  # nothing can be written here, so nothing can be replaced
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(self._fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None

    @contextlib.contextmanager
    def held(self, exclusive: bool) -> Iterator[bool]:
        ok = self.acquire(exclusive)
        try:
            yield ok
        finally:
            self.release()
