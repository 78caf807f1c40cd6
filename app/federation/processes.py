"""Starting and stopping a coordinator (SuperLink) and a site node (SuperNode).

Every Flower process runs through app/federation/runtime.py (offline guard with the
allow-list, telemetry and update checks off, the bundle pinned), in its own process group so
that stopping the node or coordinator stops every child it started.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from app.core import offline
from app.federation.config import ConsortiumConfig, SiteConfig
from app.federation.runtime import COMMANDS, FLOWER_ENV

CONNECTION = "consortium"


class FederationError(RuntimeError):
    """A coordinator, node or study could not start or finish; the message says why."""


def _wrappers(folder: Path) -> Path:
    """Scripts named like Flower's commands that run them through app.federation.runtime."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in COMMANDS:
        path = folder / name
        path.write_text(
            f"#!{sys.executable}\nimport sys\nfrom app.federation.runtime import main\n"
            f"sys.exit(main([{name!r}, *sys.argv[1:]]))\n",
            encoding="utf-8",
        )
        path.chmod(0o755)
    return folder


def _env(state: Path, allow: list[str], listen: tuple[int, ...] = ()) -> dict[str, str]:
    env = dict(os.environ)
    env.update(FLOWER_ENV)
    env["FLWR_HOME"] = str(state / "flwr")
    env["ENCLAVE_FEDERATION_ALLOW"] = ",".join(allow)
    env["ENCLAVE_FEDERATION_LISTEN"] = ",".join(str(p) for p in listen)
    (state / "logs").mkdir(parents=True, exist_ok=True)
    env["ENCLAVE_FEDERATION_REFUSALS"] = str(state / "logs" / "refused.log")
    env["PATH"] = os.pathsep.join(
        [str(_wrappers(state / "bin")), str(Path(sys.executable).parent), env.get("PATH", "")]
    )
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def _runtime(name: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "app.federation.runtime", name, *args]


def _split(endpoint: str) -> tuple[str, int]:
    host, _, port = endpoint.rpartition(":")
    return host.strip("[]"), int(port)


def wait_for_port(endpoint: str, timeout: float, proc: subprocess.Popen[bytes] | None = None) -> None:
    host, port = _split(endpoint)
    deadline = time.monotonic() + timeout
    with offline.allowing([endpoint]):  # this one address, for as long as we wait
        while time.monotonic() < deadline:
            if proc is not None and proc.poll() is not None:
                raise FederationError(
                    f"the process exited ({proc.returncode}) before {endpoint} was listening"
                )
            with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
                return
            time.sleep(0.2)
    raise FederationError(f"nothing is listening on {endpoint} after {timeout:.0f} s")


@dataclass
class Running:
    """A started process group with its log."""

    proc: subprocess.Popen[bytes]
    log: Path
    _handle: IO[bytes] | None = field(default=None, repr=False)

    def stop(self, timeout: float = 10.0) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)  # children left behind by Flower
        if self._handle is not None:
            self._handle.close()


def _start(command: list[str], env: dict[str, str], log: Path, cwd: Path) -> Running:
    log.parent.mkdir(parents=True, exist_ok=True)
    handle = log.open("ab")
    proc = subprocess.Popen(
        command, env=env, stdout=handle, stderr=subprocess.STDOUT, cwd=cwd, start_new_session=True
    )
    return Running(proc, log, handle)


def _write_flower_config(state: Path, connect: str, ca: Path) -> None:
    folder = state / "flwr"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(
        f'[superlink]\ndefault = "{CONNECTION}"\n\n[superlink.{CONNECTION}]\naddress = "{connect}"\n'
        f'root-certificates = "{ca}"\n',
        encoding="utf-8",
    )


def coordinator_allow(config: ConsortiumConfig) -> list[str]:
    _, port = _split(config.address)
    return [config.connect, f"127.0.0.1:{port}", f"localhost:{port}"]


def _flwr(config: ConsortiumConfig, *args: str, timeout: float = 120.0) -> subprocess.CompletedProcess[str]:
    env = _env(config.state, coordinator_allow(config))
    return subprocess.run(
        _runtime("flwr", *args),
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=config.state,
        check=False,
    )


def start_coordinator(config: ConsortiumConfig, timeout: float = 60.0) -> Running:
    """The SuperLink with TLS and SuperNode authentication; the consortium's sites registered."""
    config.state.mkdir(parents=True, exist_ok=True)
    _write_flower_config(config.state, config.connect, config.ca)
    host, port = _split(config.address)
    command = _runtime(
        "flower-superlink",
        "--ssl-ca-certfile",
        str(config.ca),
        "--ssl-certfile",
        str(config.certificate),
        "--ssl-keyfile",
        str(config.key),
        "--enable-supernode-auth",
        "--disable-runtime-dependency-installation",
        "--isolation",
        "subprocess",
        "--database",
        str(config.state / "superlink.db"),
        "--host",
        host,
        "--port",
        str(port),
    )
    env = _env(config.state, coordinator_allow(config), listen=(port,))
    # Who may use the Control and Runtime APIs: this machine (loopback, and the addresses it
    # listens and connects on, where its own ServerApp processes come from); never a site.
    own = {h for h in (host, _split(config.connect)[0]) if h not in ("0.0.0.0", "::", "")}  # noqa: S104
    env["ENCLAVE_FEDERATION_OPERATOR"] = ",".join(sorted(own))
    running = _start(command, env, config.state / "logs" / "superlink.log", config.state)
    try:
        wait_for_port(config.connect, timeout, running.proc)
        registered = (
            set(json.loads((config.state / "registered.json").read_text()))
            if (config.state / "registered.json").exists()
            else set()
        )
        for site, key in config.sites.items():
            fingerprint = f"{site}:{key.read_text().strip()}"
            if fingerprint in registered:
                continue
            done = _flwr(config, "supernode", "register", str(key), CONNECTION, "--name", site)
            if done.returncode != 0 and "already" not in (done.stdout + done.stderr).lower():
                raise FederationError(
                    f"registering {site}'s node key failed: {_tail(done.stdout + done.stderr)}"
                )
            registered.add(fingerprint)
        (config.state / "registered.json").write_text(json.dumps(sorted(registered)))
    except BaseException:
        running.stop()
        raise
    return running


def site_state(config: SiteConfig) -> Path:
    return config.path.parent / "state"


def start_node(
    config: SiteConfig, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()
) -> Running:
    """The site's SuperNode: TLS to the coordinator, authenticated with the site's node key."""
    state = site_state(config)
    command = _runtime(
        "flower-supernode",
        "--root-certificates",
        str(config.ca),
        "--superlink",
        config.coordinator,
        "--auth-supernode-private-key",
        str(config.node_key),
        "--node-config",
        f"site-config='{config.path}'",
        "--host",
        "127.0.0.1",
        "--port",
        str(config.runtime_port),
        "--isolation",
        "subprocess",
    )
    full = _env(state, config.allowed_endpoints())
    full.update(env or {})
    return _start([*prefix, *command], full, state / "logs" / "supernode.log", state)


def _tail(text: str, lines: int = 6) -> str:
    kept = [
        line for line in text.strip().splitlines() if line.strip() and not set(line.strip()) <= set("╭╮╰╯─│ ")
    ]
    return " ".join(line.strip(" │") for line in kept[-lines:])


@contextlib.contextmanager
def running(*starts: Running) -> Iterator[tuple[Running, ...]]:
    try:
        yield starts
    finally:
        for item in reversed(starts):
            item.stop()


def submit_study(
    config: ConsortiumConfig,
    study_json: str,
    signature: str,
    *,
    timeout: float = 600.0,
    extra: dict[str, Any] | None = None,
    bundle_folder: Path | None = None,
    key: str = "study",
    on_progress: Any = None,
) -> dict[str, Any]:
    """Run one study (``key`` "study") or training plan ("plan") on the running coordinator;
    its outcome as the ServerApp wrote it. ``bundle_folder`` replaces Enclave's own bundle
    (tests of what a node refuses); ``on_progress`` gets each finished round of a training."""
    import tomli_w

    from app.federation import bundle

    folder = bundle_folder or bundle.write(config.state / "bundle")
    results = config.state / "results"
    results.mkdir(parents=True, exist_ok=True)
    result = results / f"{json.loads(study_json)['study_id']}-{time.strftime('%Y%m%dT%H%M%S')}.json"
    overrides = {key: study_json, "signature": signature, "result": str(result), **(extra or {})}
    override_file = config.state / "run-config.toml"
    override_file.write_text(tomli_w.dumps(overrides), encoding="utf-8")
    done = _flwr(config, "run", str(folder), CONNECTION, "--run-config", str(override_file))
    if done.returncode != 0:
        raise FederationError(f"the coordinator did not accept the run: {_tail(done.stdout + done.stderr)}")
    deadline = time.monotonic() + timeout
    progress, seen = result.with_suffix(".progress"), ""
    while not result.exists():
        if time.monotonic() > deadline:
            raise FederationError(f"no result after {timeout:.0f} s (see {config.state / 'logs'})")
        if on_progress is not None and progress.exists():
            with contextlib.suppress(OSError, ValueError):
                text = progress.read_text(encoding="utf-8")
                if text and text != seen:
                    seen = text
                    on_progress(json.loads(text))
        time.sleep(0.5)
    outcome: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    return outcome
