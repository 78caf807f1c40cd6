import socket

import pytest

from app.core import offline

pytestmark = pytest.mark.network_refusals  # these tests provoke refusals on purpose


def test_guard_is_installed_for_every_test():
    assert offline.is_installed()


def test_connect_to_test_net_is_blocked_before_any_packet():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(offline.OfflineError, match=r"192\.0\.2\.1:443"):
            sock.connect(("192.0.2.1", 443))
        with pytest.raises(offline.OfflineError):
            sock.connect_ex(("192.0.2.1", 80))
    finally:
        sock.close()


def test_create_connection_dns_and_udp_are_blocked():
    with pytest.raises(offline.OfflineError, match="create_connection"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises(offline.OfflineError, match="getaddrinfo"):
        socket.getaddrinfo("example.org", 443)
    with pytest.raises(offline.OfflineError):
        socket.gethostbyname("example.org")
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        with pytest.raises(offline.OfflineError, match="sendto"):
            udp.sendto(b"x", ("192.0.2.1", 53))
    finally:
        udp.close()


def test_ipv6_is_blocked():
    sock = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    try:
        with pytest.raises(offline.OfflineError):
            sock.connect(("2001:db8::1", 443, 0, 0))
    finally:
        sock.close()


def test_unix_sockets_stay_allowed(tmp_path):
    path = str(tmp_path / "s")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect(path)  # no OfflineError
        conn, _ = server.accept()
        conn.close()
    finally:
        client.close()
        server.close()


def test_strict_mode_records_attempts_with_the_thread():
    offline.install(strict=True)
    offline.clear_attempts()
    try:
        with pytest.raises(offline.OfflineError):
            socket.getaddrinfo("telemetry.invalid", 443)
        rows = offline.attempts()
        assert [(a.operation, a.target) for a in rows] == [
            ("socket.getaddrinfo", "telemetry.invalid:443")
        ]
        assert rows[0].thread == "MainThread"
    finally:
        offline.clear_attempts()


def test_environment_flags_keep_libraries_offline():
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["TRANSFORMERS_OFFLINE"] == "1"


def test_a_federation_allow_list_lets_exactly_its_endpoints_through():
    """The node's guard: its coordinator and loopback API pass; any other address or name lookup
    is refused and named. The allow-list is scoped, so the rest of the process stays offline."""
    import socket

    from app.core import offline

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    try:
        with offline.allowing([f"127.0.0.1:{port}", "coordinator.example.org:9092"]):
            assert f"127.0.0.1:{port}" in offline.allowed()
            with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
                peer, _ = server.accept()
                client.sendall(b"ping")
                assert peer.recv(4) == b"ping"
                peer.sendall(b"pong")  # the accepted end answers: its own end is allowed
                assert client.recv(4) == b"pong"
                peer.close()
            with pytest.raises(offline.OfflineError, match=rf"127\.0\.0\.1:{port + 1}"):
                socket.create_connection(("127.0.0.1", port + 1), timeout=1)
            with pytest.raises(offline.OfflineError, match=r"example\.com"):
                socket.getaddrinfo("example.com", 443)
            with pytest.raises(offline.OfflineError, match=r"coordinator\.example\.org:9093"):
                socket.getaddrinfo("coordinator.example.org", 9093)  # the right host, another port
        assert offline.allowed() == []
        with pytest.raises(offline.OfflineError):
            socket.create_connection(("127.0.0.1", port), timeout=1)
    finally:
        server.close()
