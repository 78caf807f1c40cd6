"""Promises 1, 2 and 5 on the whole desktop flow (enclave-gui, offscreen, tiny model): a
report, a CT series and an SR, all carrying canary identifiers, opened and analysed at
each privacy level.

* never the network: one run under ``strace -f -e trace=%network`` (every thread and child,
  native code included) makes zero connect/sendto/sendmsg calls to AF_INET or AF_INET6;
  another runs inside ``unshare -rn`` (a network namespace without interfaces);
* no patient data in clear: every file written under the data folder, TMPDIR, HOME and the
  XDG cache/config/data/state/runtime folders is searched as raw bytes (UTF-8, UTF-16) for
  every canary: zero hits at every level. The decrypted store is the control that the
  search looks at the right thing: at standard it holds the identifiers, at high only the
  non-identifying sentence, at ephemeral nothing;
* access: the data folder and everything in it is 0700 / 0600.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from tests.adversarial import canaries
from tests.adversarial.flow import PASSPHRASE, FlowRun, run_flow

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

# A connect/sendto/sendmsg whose address is IPv4 or IPv6, in strace's output.
INET_CALL = re.compile(r"\b(connect|sendto|sendmsg|sendmmsg)\(.*sa_family=AF_INET6?\b")
INET_BIND = re.compile(r"\bbind\(.*sa_family=AF_INET6?\b")
LOOPBACK = re.compile(r'inet_(addr|pton)\((AF_INET6, )?"(::1|127\.[0-9.]+)"')


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, iu_rows: list[dict[str, str]]) -> list[Path]:
    row = next(r for r in iu_rows if r["Problems"] == "Cardiomegaly")
    return canaries.write_inputs(tmp_path_factory.mktemp("canary-inputs"), row)


def _strace(trace: Path) -> list[str]:
    return ["strace", "-f", "-qq", "-e", "trace=%network", "-e", "signal=none", "-s", "256",
            "-o", str(trace)]  # fmt: skip


def _stored_text(home: Path) -> tuple[int, str]:
    """Sessions and everything in them, decrypted with the passphrase (the control)."""
    from app.core.vault.vault import Vault

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        vault = Vault.open(home / "vault", passphrase=PASSPHRASE)
        try:
            sessions = vault.list_sessions()
            return len(sessions), "\n".join(vault.export_session(s.id, "json") for s in sessions)
        finally:
            vault.close()
    finally:
        keyring.set_keyring(previous)


def _check_common(run: FlowRun) -> None:
    result = run.result
    assert result.returncode == 0, result.stderr[-3000:]
    hits, searched = canaries.search(run.written_roots)
    assert searched >= 5, f"only {searched} files were written: the flow did not run"
    # The log is among the searched files and really holds the flow's records: a search that
    # finds no canary in a log that was never written would prove nothing.
    log = run.home / "logs" / "enclave.log"
    assert log.is_file() and log.stat().st_size > 0, "the flow wrote no log"
    assert not hits, "canaries in clear files:\n" + "\n".join(
        f"{h.path.relative_to(run.home.parent)}: {h.canary} ({h.encoding})" for h in hits)
    assert not canaries.find_in_text(result.stdout + result.stderr)  # nothing echoed to the user
    _check_private(run.home)


def _check_private(home: Path) -> None:
    wrong = []
    for path in [home, *home.rglob("*")]:
        mode = path.stat().st_mode & 0o777
        expected = 0o700 if path.is_dir() else 0o600
        if mode != expected:
            wrong.append(f"{path.relative_to(home)}: {mode:o}, expected {expected:o}")
    assert not wrong, "files not private to the user:\n" + "\n".join(wrong)


def test_strace_control_sees_an_inet_connect(tmp_path):
    """The trace parser really catches a connect to AF_INET (so zero below means zero)."""
    trace = tmp_path / "trace.txt"
    code = "import socket; s=socket.socket(); s.settimeout(1); s.connect_ex(('127.0.0.1', 9))"
    subprocess.run([*_strace(trace), sys.executable, "-c", code], check=True, timeout=60)
    assert any(INET_CALL.search(line) for line in trace.read_text().splitlines())


def test_standard_flow_under_strace_makes_no_inet_call(tmp_path, tiny_model, inputs):
    assert shutil.which("strace"), "strace is needed (tests/install_system_packages.sh installs it)"
    trace = tmp_path / "trace.txt"
    run = run_flow(tmp_path / "run", tiny_model, inputs, "standard", "findings", prefix=_strace(trace))
    _check_common(run)
    lines = trace.read_text(errors="replace").splitlines()
    pids = {line.split()[0] for line in lines if line.strip()}
    inet = [line for line in lines if INET_CALL.search(line)]
    assert not inet, f"{len(inet)} IPv4/IPv6 connect/send calls:\n" + "\n".join(inet[:20])
    # urllib3 (imported by pydicom.data) probes for IPv6 at import time by binding a socket to
    # ::1; a bind to loopback sends nothing. Any other address would be a listening server.
    binds = [line for line in lines if INET_BIND.search(line) and not LOOPBACK.search(line)]
    assert not binds, "binds to a non-loopback address:\n" + "\n".join(binds[:20])
    assert len(lines) > 0 and len(pids) >= 1  # strace traced the app (AF_UNIX calls at least)
    # No canary is in the buffers strace shows for the %network calls (sendto/sendmsg/connect on
    # any socket, AF_UNIX included). Writes with write/writev are not traced, and the flow runs
    # offscreen with no session bus: no claim is made about D-Bus or X11 traffic.
    assert not canaries.find_in_text("\n".join(lines), canaries.IDENTIFIERS)
    sessions, stored = _stored_text(run.home)
    assert sessions == 1
    # Control: at standard the identifiers are in the store (only there, and encrypted).
    assert set(canaries.find_in_text(stored)) >= {"family name", "MRN", "sentence"}


def test_high_flow_in_a_network_namespace(tmp_path, tiny_model, inputs):
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
    assert probe.returncode == 0, "unshare -rn must work here (util-linux, user namespaces)"
    run = run_flow(tmp_path / "run", tiny_model, inputs, "high", "summary", prefix=["unshare", "-rn"])
    _check_common(run)
    sessions, stored = _stored_text(run.home)
    assert sessions == 1
    leaked = canaries.find_in_text(stored, canaries.IDENTIFIERS)
    assert not leaked, f"privacy high stored identifiers: {leaked}"
    assert canaries.find_in_text(stored, canaries.SENTENCES)  # the text itself was kept


def test_ephemeral_flow_writes_no_session(tmp_path, tiny_model, inputs):
    run = run_flow(tmp_path / "run", tiny_model, inputs, "ephemeral", "impression")
    _check_common(run)
    sessions, stored = _stored_text(run.home)
    assert sessions == 0 and not canaries.find_in_text(stored)
