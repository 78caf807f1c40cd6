"""Every socket path that can send a packet or resolve a name is refused (issue 18, item 3).

The test walks the ``socket`` and ``_socket`` modules: each public function and each socket
method is either guarded (and proven refused for IPv4 and IPv6) or listed here as local-only
with the reason. A function a new Python adds fails the walk until someone classifies it.
"""

from __future__ import annotations

import _socket
import socket
from collections.abc import Callable
from typing import Any

import pytest

from app.core import offline

pytestmark = pytest.mark.network_refusals  # these tests provoke refusals on purpose

# Public functions that cannot reach another machine, and why.
LOCAL_FUNCTIONS = {
    "close": "closes a descriptor", "dup": "duplicates a descriptor", "fromfd": "wraps a descriptor",
    "socket": "creates a socket (its sending methods are guarded)", "socketpair": "AF_UNIX pair on POSIX",
    "SocketType": "the guarded socket type", "getdefaulttimeout": "a setting",
    "setdefaulttimeout": "a setting",
    "gethostname": "this machine's own name", "sethostname": "sets this machine's name (needs root)",
    "getprotobyname": "reads /etc/protocols", "getservbyname": "reads /etc/services",
    "getservbyport": "reads /etc/services", "has_dualstack_ipv6": "a local capability check",
    "htonl": "byte order", "htons": "byte order", "ntohl": "byte order", "ntohs": "byte order",
    "inet_aton": "parses an address", "inet_ntoa": "formats an address", "inet_pton": "parses an address",
    "inet_ntop": "formats an address", "if_nameindex": "local interfaces",
    "if_nametoindex": "local interfaces",
    "if_indextoname": "local interfaces", "CMSG_LEN": "arithmetic", "CMSG_SPACE": "arithmetic",
    "recv_fds": "AF_UNIX only (recvmsg)", "send_fds": "AF_UNIX only (goes through the guarded sendmsg)",
}  # fmt: skip
# Socket methods that cannot put a packet on the wire by themselves.
LOCAL_METHODS = {
    "accept", "close", "detach", "dup", "family", "fileno", "get_inheritable", "getblocking", "getpeername",
    "getsockname", "getsockopt", "gettimeout", "listen", "makefile", "proto", "recv", "recv_into", "recvfrom",
    "recvfrom_into", "recvmsg", "recvmsg_into", "set_inheritable", "setblocking", "setsockopt", "settimeout",
    "shutdown", "timeout", "type", "sendmsg_afalg",  # AF_ALG: the kernel's crypto API, not a network
}  # fmt: skip

V4, V6 = ("192.0.2.1", 53), ("2001:db8::1", 53, 0, 0)


def _public(names: list[str], owner: Any) -> set[str]:
    return {n for n in names if (not n.startswith("_") and callable(getattr(owner, n))
            and not (isinstance(getattr(owner, n), type) and issubclass(getattr(owner, n), BaseException))
            and not n[0].isupper()) or n in ("SocketType", "CMSG_LEN", "CMSG_SPACE")}  # fmt: skip


@pytest.mark.parametrize("module", [socket, _socket], ids=["socket", "_socket"])
def test_every_module_function_is_guarded_or_known_local(module: Any) -> None:
    names = _public(dir(module), module)
    names = {n for n in names if not isinstance(getattr(module, n), type) or n in ("socket", "SocketType")}
    unclassified = names - set(offline.GUARDED_FUNCTIONS) - set(LOCAL_FUNCTIONS)
    assert not unclassified, f"classify these {module.__name__} functions: {sorted(unclassified)}"


def test_every_socket_method_is_guarded_or_known_local() -> None:
    for cls in (socket.socket, _socket.socket):
        names = {n for n in dir(cls) if not n.startswith("_")}
        unclassified = names - set(offline.GUARDED_METHODS) - LOCAL_METHODS
        assert not unclassified, f"classify these {cls.__module__}.socket methods: {sorted(unclassified)}"


FUNCTION_CALLS: dict[str, Callable[[Any], Any]] = {
    "getaddrinfo": lambda m: m.getaddrinfo("example.org", 443),
    "gethostbyname": lambda m: m.gethostbyname("example.org"),
    "gethostbyname_ex": lambda m: m.gethostbyname_ex("example.org"),
    "gethostbyaddr": lambda m: m.gethostbyaddr("8.8.8.8"),
    "getnameinfo": lambda m: m.getnameinfo(("8.8.8.8", 53), 0),
    "create_connection": lambda m: m.create_connection(V4[:2], timeout=1),
    "create_server": lambda m: m.create_server(("127.0.0.1", 0)),
    "getfqdn": lambda m: m.getfqdn("8.8.8.8"),
}


def test_function_table_covers_every_guarded_function() -> None:
    assert set(FUNCTION_CALLS) == set(offline.GUARDED_FUNCTIONS)


# create_connection, create_server and getfqdn exist in socket only.
FUNCTION_CASES = [(m, n) for m in (socket, _socket) for n in sorted(FUNCTION_CALLS) if hasattr(m, n)]


@pytest.mark.parametrize(("module", "name"), FUNCTION_CASES)
def test_each_resolving_or_connecting_function_is_refused(module: Any, name: str) -> None:
    with pytest.raises(offline.OfflineError, match=name):
        FUNCTION_CALLS[name](module)


METHOD_CALLS: dict[str, Callable[[Any, tuple[Any, ...]], Any]] = {
    "connect": lambda s, a: s.connect(a),
    "connect_ex": lambda s, a: s.connect_ex(a),
    "bind": lambda s, a: s.bind(a),  # a test-net address; loopback is allowed (below)
    "sendto": lambda s, a: s.sendto(b"x", a),
    "sendmsg": lambda s, a: s.sendmsg([b"x"], [], 0, a),
    "send": lambda s, a: s.send(b"x"),
    "sendall": lambda s, a: s.sendall(b"x"),
    "sendfile": lambda s, a: s.sendfile(open(__file__, "rb")),  # noqa: SIM115 - closed with the test
}


def test_method_table_covers_every_guarded_method() -> None:
    assert set(METHOD_CALLS) == set(offline.GUARDED_METHODS)


def _raw(family: int, kind: int) -> Any:
    return _socket.socket(family, kind)  # looked up at call time: the guarded type


METHOD_CASES = [(f, n) for f in (socket.socket, _raw) for n in sorted(METHOD_CALLS)
                if f is socket.socket or hasattr(_socket.socket, n)]  # _socket.socket has no sendfile


@pytest.mark.parametrize(("factory", "name"), METHOD_CASES, ids=lambda v: getattr(v, "__name__", v))
@pytest.mark.parametrize(("family", "address"), [(socket.AF_INET, V4), (socket.AF_INET6, V6)],
                         ids=["v4", "v6"])
@pytest.mark.parametrize("kind", [socket.SOCK_DGRAM, socket.SOCK_STREAM], ids=["udp", "tcp"])
def test_each_sending_method_is_refused_for_ip(factory: Any, family: int, address: tuple[Any, ...],
                                               kind: int, name: str) -> None:  # fmt: skip
    sock = factory(family, kind)
    try:
        with pytest.raises(offline.OfflineError, match=name):
            METHOD_CALLS[name](sock, address)
    finally:
        sock.close()


@pytest.mark.parametrize("address", [("127.0.0.1", 0), ("::1", 0)])
def test_bind_to_a_numeric_loopback_address_is_allowed(address: tuple[str, int]) -> None:
    family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.bind(address)  # reaches no other machine
        with pytest.raises(offline.OfflineError, match="connect"):
            sock.connect(address)  # but connecting, even to loopback, is still refused
    finally:
        sock.close()


@pytest.mark.parametrize("address", [("", 0), ("0.0.0.0", 0), ("localhost", 0), ("192.0.2.1", 0)])
def test_bind_to_anything_else_is_refused(address: tuple[str, int]) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(offline.OfflineError, match="bind"):
            sock.bind(address)  # "localhost" would be resolved by C code, past the guard
    finally:
        sock.close()


def test_strict_mode_records_the_sendmsg_and_reverse_lookup_attempts() -> None:
    was_strict = offline.is_strict()
    offline.install(strict=True)
    offline.clear_attempts()
    try:
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        with pytest.raises(offline.OfflineError):
            udp.sendmsg([b"x"], [], 0, V4)
        udp.close()
        with pytest.raises(offline.OfflineError):
            socket.gethostbyaddr("192.0.2.1")
        assert [a.operation for a in offline.attempts()] == ["socket.sendmsg", "socket.gethostbyaddr"]
    finally:
        offline.clear_attempts()
        offline._state["strict"] = was_strict


def test_uninstall_restores_every_original() -> None:
    before = {n: getattr(socket, n) for n in offline.GUARDED_FUNCTIONS}
    offline.uninstall()
    try:
        assert _socket.socket.__name__ == "socket" and "guarded" not in repr(socket.socket.connect)
        assert socket.getaddrinfo is not before["getaddrinfo"]
        assert not any("_guarded" in getattr(socket.socket, n).__qualname__ for n in offline.GUARDED_METHODS)
    finally:
        offline.install()
    assert socket.getaddrinfo.__name__ == "getaddrinfo" and offline.is_installed()
    with pytest.raises(offline.OfflineError):
        socket.getaddrinfo("example.org", 80)


def test_the_flags_nothing_reads_are_gone() -> None:
    # Flags nothing reads were removed (QT_NETWORK_DISABLE, PYDICOM_DATA_NO_DOWNLOAD).
    assert "QT_NETWORK_DISABLE" not in offline.OFFLINE_ENV
    assert "PYDICOM_DATA_NO_DOWNLOAD" not in offline.OFFLINE_ENV
