"""The network guard (DESIGN rule 1).

Installed first thing by every entry point and by the tests' conftest. Any attempt to
open an IP connection or resolve a host name raises :class:`OfflineError` naming what
tried. AF_UNIX sockets (D-Bus for the keyring, X11/Wayland) stay allowed.

A Python-level guard cannot see native code; the adversarial suite adds ``unshare -rn``
and strace for that. In *strict* mode every attempt is also recorded, so a test can
assert that a whole flow made zero attempts (rather than only that none succeeded).
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

__all__ = [
    "GUARDED_FUNCTIONS",
    "GUARDED_METHODS",
    "OFFLINE_ENV",
    "Attempt",
    "OfflineError",
    "allow",
    "allowed",
    "allowing",
    "attempts",
    "clear_attempts",
    "install",
    "is_installed",
    "is_strict",
    "uninstall",
]

# Environment flags that keep libraries from reaching out on their own; each is read by the
# library named beside it (a flag nothing reads would only look like protection).
OFFLINE_ENV: dict[str, str] = {
    "HF_HUB_OFFLINE": "1",  # huggingface_hub (pulled in by gguf tooling)
    "HF_DATASETS_OFFLINE": "1",  # datasets
    "TRANSFORMERS_OFFLINE": "1",  # transformers
    "HF_HUB_DISABLE_TELEMETRY": "1",  # huggingface_hub
    "DO_NOT_TRACK": "1",  # the cross-tool convention (huggingface_hub, many CLIs)
    "PIP_NO_INDEX": "1",  # pip: never an index, only local wheels
    "NO_PROXY": "*",  # urllib, requests, httpx: no proxy discovery for any host
}

_ALLOWED_FAMILIES = {getattr(socket, "AF_UNIX", -1)}

# Socket methods that can put a packet on an IP network, and where their address argument is
# (None: the socket must already be connected, which only a guarded call can have done, unless
# the descriptor came from outside Python). Every one is refused for IP families; bind only
# for an address that is not a numeric loopback address.
GUARDED_METHODS: dict[str, int | None] = {
    "connect": 0, "connect_ex": 0, "bind": 0, "sendto": -1, "sendmsg": 3,
    "send": None, "sendall": None, "sendfile": None,
}  # fmt: skip
# Module functions that resolve names or addresses, or open IP connections: always refused.
GUARDED_FUNCTIONS = ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo",
                     "create_connection", "create_server", "getfqdn")  # fmt: skip


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
# The federation node and coordinator only (DESIGN rule 1's one exception): "host:port" entries
# they may reach, and the addresses those names resolved to. Empty everywhere else.
_allowed: set[tuple[str, int]] = set()
_allowed_ips: set[tuple[str, int]] = set()
_listen_ports: set[int] = set()  # a coordinator's listening port: replies on accepted sockets


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


def _loopback_literal(address: object) -> bool:
    """A numeric loopback address (127.0.0.0/8, ::1). Names are not accepted: the C socket
    code would resolve them itself, past the guard."""
    if not isinstance(address, tuple) or not address or not isinstance(address[0], str):
        return False
    import ipaddress  # only on this rare path: the guard is imported first at start-up

    try:
        return ipaddress.ip_address(address[0].split("%")[0]).is_loopback
    except ValueError:
        return False


def _endpoint(address: object) -> tuple[str, int] | None:
    if isinstance(address, tuple) and len(address) >= 2 and isinstance(address[0], str):
        try:
            return address[0].split("%")[0].lower(), int(address[1])
        except (TypeError, ValueError):
            return None
    return None


def _is_allowed(address: object) -> bool:
    endpoint = _endpoint(address)
    return endpoint is not None and (endpoint in _allowed or endpoint in _allowed_ips)


def _connected_to_allowed(sock: Any) -> bool:
    """A socket whose peer, or whose own (listening) end, is an allowed endpoint."""
    for method in ("getpeername", "getsockname"):
        try:
            address = getattr(sock, method)()
        except OSError:
            continue
        if _is_allowed(address):
            return True
        endpoint = _endpoint(address)
        if method == "getsockname" and endpoint is not None and endpoint[1] in _listen_ports:
            return True
    return False


def _guarded_method(name: str, where: int | None, original: Callable[..., Any]) -> Callable[..., Any]:
    def guarded(self: Any, *args: Any, **kwargs: Any) -> Any:
        # Binding to loopback reaches no other machine (libraries probe IPv6 support that way).
        if name == "bind" and args and _loopback_literal(args[0]):
            return original(self, *args, **kwargs)
        if _allowed and self.family not in _ALLOWED_FAMILIES:
            target_address = args[where] if where is not None and -len(args) <= where < len(args) else None
            if (target_address is not None and _is_allowed(target_address)) or (
                    where is None and _connected_to_allowed(self)):
                return original(self, *args, **kwargs)
        if self.family not in _ALLOWED_FAMILIES:
            target: object = "a connected peer"
            if where is not None and args:
                target = args[where] if -len(args) <= where < len(args) else None
            raise _refuse(f"socket.{name}", target)
        return original(self, *args, **kwargs)

    guarded.__name__ = name
    guarded.__doc__ = original.__doc__
    return guarded


def _guarded_function(name: str, original: Callable[..., Any] | None = None) -> Callable[..., Any]:
    def guarded(*args: Any, **kwargs: Any) -> Any:
        target = args[:2] if len(args) > 1 and name == "getaddrinfo" else args[0] if args else None
        if _allowed and original is not None and name in ("getaddrinfo", "create_connection"):
            endpoint = _endpoint(tuple(args[:2]) if name == "getaddrinfo" else args[0] if args else None)
            if endpoint is not None and (endpoint in _allowed or endpoint in _allowed_ips):
                result = original(*args, **kwargs)
                if name == "getaddrinfo":  # what an allowed name resolves to may be connected to
                    with _lock:
                        _allowed_ips.update((str(info[4][0]).lower(), endpoint[1]) for info in result)
                return result
        raise _refuse(f"socket.{name}", target)

    guarded.__name__ = name
    return guarded


def allow(endpoints: list[str], listen_ports: tuple[int, ...] = ()) -> None:
    """Let this process reach exactly ``endpoints`` ("host:port"): the federation node's
    coordinator and its own loopback APIs. ``listen_ports``: a coordinator may answer on the
    connections it accepted on these ports. Everything else stays refused and named."""
    parsed: set[tuple[str, int]] = set()
    for entry in endpoints:
        host, _, port = entry.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"an allowed endpoint is host:port, not {entry!r}")
        parsed.add((host.strip("[]").lower(), int(port)))
    with _lock:
        _allowed.clear()
        _allowed.update(parsed)
        _allowed_ips.clear()
        _allowed_ips.update(parsed)
        _listen_ports.clear()
        _listen_ports.update(listen_ports)


@contextlib.contextmanager
def allowing(endpoints: list[str]) -> Iterator[None]:
    """``endpoints`` added to the allow-list for the length of a ``with`` block."""
    with _lock:
        before = (set(_allowed), set(_allowed_ips), set(_listen_ports))
    allow([*[f"{h}:{p}" for h, p in before[0]], *endpoints], tuple(before[2]))
    try:
        yield
    finally:
        with _lock:
            _allowed.clear()
            _allowed.update(before[0])
            _allowed_ips.clear()
            _allowed_ips.update(before[1])
            _listen_ports.clear()
            _listen_ports.update(before[2])


def allowed() -> list[str]:
    with _lock:
        return sorted(f"{host}:{port}" for host, port in _allowed)


def install(*, strict: bool = False) -> None:
    """Install the guard (idempotent). ``strict`` also records every attempt.

    It covers the ``socket`` module, its ``socket`` class and the C-level ``_socket`` module
    (its functions, and its socket type replaced by a guarded subclass), so code that skips the
    ``socket`` wrapper is refused too. Native code is out of a Python guard's reach: the
    adversarial suite runs whole flows in a network namespace for that.
    """
    import _socket

    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    with _lock:
        _state["strict"] = _state["strict"] or strict
        if _state["installed"]:
            return
        originals: dict[tuple[object, str], Any] = {}

        def replace(owner: Any, name: str, value: Any) -> None:
            if hasattr(owner, name):
                originals[(owner, name)] = owner.__dict__.get(name, getattr(owner, name))
                setattr(owner, name, value)

        for name, where in GUARDED_METHODS.items():
            if hasattr(socket.socket, name):
                replace(socket.socket, name, _guarded_method(name, where, getattr(socket.socket, name)))
        raw_type = _socket.socket
        guarded_raw = type("socket", (raw_type,), {
            name: _guarded_method(name, where, getattr(raw_type, name))
            for name, where in GUARDED_METHODS.items() if hasattr(raw_type, name)
        })  # fmt: skip
        guarded_raw.__module__ = "_socket"
        replace(_socket, "socket", guarded_raw)
        replace(_socket, "SocketType", guarded_raw)
        for module in (socket, _socket):
            for name in GUARDED_FUNCTIONS:
                replace(module, name, _guarded_function(name, getattr(module, name, None)))
        _state["originals"] = originals
        _state["installed"] = True


def uninstall() -> None:
    """Remove the guard (only tests of the guard itself do this)."""
    with _lock:
        if not _state["installed"]:
            return
        for (owner, name), original in _state["originals"].items():
            setattr(owner, name, original)
        _state["originals"] = {}
        _state["installed"] = False
        _state["strict"] = False
        _allowed.clear()
        _allowed_ips.clear()
        _listen_ports.clear()


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
