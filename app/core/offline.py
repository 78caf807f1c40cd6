"""The network guard (DESIGN rule 1).

Installed first thing by every entry point and by the tests' conftest. Any attempt to
open an IP connection or resolve a host name raises :class:`OfflineError` naming what
tried. AF_UNIX sockets (D-Bus for the keyring, X11/Wayland) stay allowed.

A Python-level guard cannot see native code; the adversarial suite adds ``unshare -rn``
and strace for that. In *strict* mode every attempt is also recorded, so a test can
assert that a whole flow made zero attempts (rather than only that none succeeded).
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from typing import Any, NamedTuple

__all__ = [
    "OFFLINE_ENV",
    "Attempt",
    "OfflineError",
    "attempts",
    "clear_attempts",
    "install",
    "is_installed",
    "is_strict",
    "uninstall",
]

# Environment flags that keep well-known libraries from reaching out on their own.
OFFLINE_ENV: dict[str, str] = {
    "HF_HUB_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
    "PIP_NO_INDEX": "1",
    "QT_NETWORK_DISABLE": "1",
    "PYDICOM_DATA_NO_DOWNLOAD": "1",
    "NO_PROXY": "*",
}

_ALLOWED_FAMILIES = {getattr(socket, "AF_UNIX", -1)}


class OfflineError(ConnectionError):
    """Raised instead of any network access. Enclave never uses the network."""


class Attempt(NamedTuple):
    """One recorded network attempt (strict mode). A NamedTuple, not a dataclass: this module is
    imported first by every entry point, before the desktop app's first window."""

    operation: str
    target: str
    thread: str
    stack: str


_lock = threading.Lock()
_attempts: list[Attempt] = []
_state: dict[str, Any] = {"installed": False, "strict": False, "originals": {}}


def _describe(address: object) -> str:
    if isinstance(address, tuple) and address:
        return ":".join(str(part) for part in address[:2])
    return repr(address)


def _refuse(operation: str, target: object) -> OfflineError:
    description = _describe(target)
    if _state["strict"]:
        import traceback  # only when recording; keeps the import light

        with _lock:
            _attempts.append(
                Attempt(
                    operation=operation,
                    target=description,
                    thread=threading.current_thread().name,
                    stack="".join(traceback.format_stack(limit=12)),
                )
            )
    return OfflineError(
        f"Enclave is offline by design: {operation} to {description} was blocked "
        "(no network access is ever made)."
    )


def _guarded_method(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    def guarded(self: socket.socket, address: Any, *args: Any, **kwargs: Any) -> Any:
        if self.family not in _ALLOWED_FAMILIES:
            raise _refuse(f"socket.{name}", address)
        return original(self, address, *args, **kwargs)

    guarded.__name__ = name
    guarded.__doc__ = original.__doc__
    return guarded


def _guarded_sendto(original: Callable[..., Any]) -> Callable[..., Any]:
    def sendto(self: socket.socket, data: Any, *args: Any) -> Any:
        if self.family not in _ALLOWED_FAMILIES:
            raise _refuse("socket.sendto", args[-1] if args else None)
        return original(self, data, *args)

    return sendto


def _guarded_create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
    raise _refuse("socket.create_connection", address)


def _guarded_getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
    raise _refuse("socket.getaddrinfo", (host, port))


def _guarded_gethostbyname(host: Any, *args: Any) -> Any:
    raise _refuse("socket.gethostbyname", host)


def install(*, strict: bool = False) -> None:
    """Install the guard (idempotent). ``strict`` also records every attempt."""
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    with _lock:
        _state["strict"] = _state["strict"] or strict
        if _state["installed"]:
            return
        originals: dict[str, Any] = {
            "connect": socket.socket.connect,
            "connect_ex": socket.socket.connect_ex,
            "sendto": socket.socket.sendto,
            "create_connection": socket.create_connection,
            "getaddrinfo": socket.getaddrinfo,
            "gethostbyname": socket.gethostbyname,
            "gethostbyname_ex": socket.gethostbyname_ex,
        }
        _state["originals"] = originals
        socket.socket.connect = _guarded_method("connect", originals["connect"])  # type: ignore[method-assign]
        socket.socket.connect_ex = _guarded_method("connect_ex", originals["connect_ex"])  # type: ignore[method-assign]
        socket.socket.sendto = _guarded_sendto(originals["sendto"])  # type: ignore[method-assign]
        socket.create_connection = _guarded_create_connection
        socket.getaddrinfo = _guarded_getaddrinfo
        socket.gethostbyname = _guarded_gethostbyname
        socket.gethostbyname_ex = _guarded_gethostbyname
        _state["installed"] = True


def uninstall() -> None:
    """Remove the guard (only tests of the guard itself do this)."""
    with _lock:
        if not _state["installed"]:
            return
        originals = _state["originals"]
        socket.socket.connect = originals["connect"]  # type: ignore[method-assign]
        socket.socket.connect_ex = originals["connect_ex"]  # type: ignore[method-assign]
        socket.socket.sendto = originals["sendto"]  # type: ignore[method-assign]
        socket.create_connection = originals["create_connection"]
        socket.getaddrinfo = originals["getaddrinfo"]
        socket.gethostbyname = originals["gethostbyname"]
        socket.gethostbyname_ex = originals["gethostbyname_ex"]
        _state["installed"] = False
        _state["strict"] = False


def is_installed() -> bool:
    return bool(_state["installed"])


def is_strict() -> bool:
    return bool(_state["strict"])


def attempts() -> list[Attempt]:
    """Attempts recorded in strict mode, oldest first."""
    with _lock:
        return list(_attempts)


def clear_attempts() -> None:
    with _lock:
        _attempts.clear()


def install_from_environment() -> None:
    """Install the guard as every entry point does.

    ``ENCLAVE_OFFLINE_STRICT=1`` turns on strict mode; with ``ENCLAVE_OFFLINE_REPORT=FILE``
    the recorded attempts are written there as JSON when the process exits, so a test can
    prove that a whole run made zero attempts.
    """
    strict = os.environ.get("ENCLAVE_OFFLINE_STRICT", "") not in ("", "0")
    install(strict=strict)
    report = os.environ.get("ENCLAVE_OFFLINE_REPORT")
    if strict and report:
        import atexit
        import json

        def _write_report() -> None:
            rows = [
                {"operation": a.operation, "target": a.target, "thread": a.thread}
                for a in attempts()
            ]
            with open(report, "w", encoding="utf-8") as handle:
                json.dump({"attempts": rows}, handle)

        atexit.register(_write_report)
