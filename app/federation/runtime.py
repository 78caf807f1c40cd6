"""Flower's processes, started the way a federation node must start them.

``python -m app.federation.runtime NAME ARGS...`` runs Flower's console command NAME
(flower-superlink, flower-supernode, flower-superexec, flwr-clientapp, flwr-serverapp) in
this interpreter after three things: telemetry and update checks off, the offline guard on
with the allow-list in ENCLAVE_FEDERATION_ALLOW (and ENCLAVE_FEDERATION_LISTEN ports), and —
for flwr-clientapp at a site and flwr-serverapp at the coordinator — a check that the app
bundle is this Enclave version's own before Flower unpacks it. The node and the coordinator
put wrapper scripts first on the PATH of their children, so every Flower process they start
goes through here.
"""

from __future__ import annotations

import hashlib
import os
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

FLOWER_ENV = {"FLWR_TELEMETRY_ENABLED": "0", "FLWR_DISABLE_UPDATE_CHECK": "1", "FLWR_TELEMETRY_LOGGING": "0"}
COMMANDS = (
    "flower-superlink",
    "flower-supernode",
    "flower-superexec",
    "flwr-clientapp",
    "flwr-serverapp",
    "flwr",
)


class ForeignBundle(PermissionError):
    pass


def _guard() -> None:
    from app.core import offline

    os.environ.update(FLOWER_ENV)
    offline.install()
    allowed = [e for e in os.environ.get("ENCLAVE_FEDERATION_ALLOW", "").split(",") if e]
    ports = tuple(int(p) for p in os.environ.get("ENCLAVE_FEDERATION_LISTEN", "").split(",") if p)
    offline.allow(allowed, listen_ports=ports)


def _record_refusal(text: str) -> None:
    """Append a refusal to the node's or coordinator's own log (ENCLAVE_FEDERATION_REFUSALS):
    Flower runs the coordinator's ServerApp processes detached, with their output discarded."""
    import time

    path = os.environ.get("ENCLAVE_FEDERATION_REFUSALS", "")
    if path:
        try:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(f"{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())} {text}\n")
        except OSError:
            pass  # the refusal itself still stands


PINNED = {
    # The command that installs a FAB -> the module whose install_from_fab it calls.
    "flwr-clientapp": "flwr.supernode.runtime.run_clientapp",
    "flwr-serverapp": "flwr.superlink.runtime.run_serverapp",
}


def _pin_bundle(module_name: str = PINNED["flwr-clientapp"]) -> None:
    """Refuse any FAB but this version's own before flwr-clientapp (at a site) or
    flwr-serverapp (at the coordinator) installs it: a foreign ServerApp never runs at the
    coordinator, so it never runs as the coordinator's user beside its signing keys."""
    import importlib

    from app.federation import bundle

    module = importlib.import_module(module_name)
    original = getattr(module, "install_from_fab")  # noqa: B009 - a module of Flower's
    expected = bundle.fab_hash()

    def install_from_fab(fab_file: Any, *args: Any, **kwargs: Any) -> Any:
        content = fab_file if isinstance(fab_file, bytes) else Path(fab_file).read_bytes()
        digest = hashlib.sha256(content).hexdigest()
        if digest != expected:
            refusal = ForeignBundle(
                f"refused an app bundle ({digest[:12]}…) that is not this Enclave version's "
                f"own ({expected[:12]}…): this site runs only its installed code"
            )
            _record_refusal(str(refusal))
            raise refusal
        return original(fab_file, *args, **kwargs)

    setattr(module, "install_from_fab", install_from_fab)  # noqa: B010 - a module of Flower's


# The SuperLink serves its Fleet API (the sites), Control API (who submits runs) and Runtime API
# (its own ServerApp processes) on one HTTPS port. Flower's open-source build authenticates
# the Control API only through an outside OIDC provider, so the coordinator serves Control and
# Runtime requests only to its own machine: a site, or anyone else who reaches the port,
# can connect and authenticate as a node, and nothing more.
OPERATOR_ONLY = ("/v1/control", "/v1/runtime")
OPERATOR_CLIENTS = ("127.0.0.1", "::1")


class OperatorOnly:
    """ASGI middleware: Control and Runtime API requests from any address but this machine's
    loopback get 403 before Flower sees them."""

    def __init__(self, app: Any, allowed: tuple[str, ...] = OPERATOR_CLIENTS) -> None:
        self.app, self.allowed = app, allowed

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope.get("type") == "http":
            path = str(scope.get("path", ""))
            client = scope.get("client") or ("",)
            if path.startswith(OPERATOR_ONLY) and str(client[0]) not in self.allowed:
                from starlette.responses import JSONResponse

                refused = JSONResponse(
                    {"detail": "the coordinator accepts runs only from its own operator"}, status_code=403
                )
                await refused(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _operator_only() -> None:
    """Put OperatorOnly first in the SuperLink's middleware (through Flower's extension hook)."""
    from flwr.superlink import extensions
    from starlette.middleware import Middleware

    original = extensions.get_middleware
    own = [a for a in os.environ.get("ENCLAVE_FEDERATION_OPERATOR", "").split(",") if a]
    allowed = tuple(dict.fromkeys([*OPERATOR_CLIENTS, *own]))

    def get_middleware() -> tuple[Any, ...]:
        return (Middleware(OperatorOnly, allowed=allowed), *original())

    extensions.get_middleware = get_middleware


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in COMMANDS:
        print(f"usage: python -m app.federation.runtime {{{'|'.join(COMMANDS)}}} ARGS...", file=sys.stderr)
        return 2
    name = args[0]
    _guard()
    if name in PINNED:
        _pin_bundle(PINNED[name])
    if name == "flower-superlink":
        _operator_only()
    [entry] = [e for e in entry_points(group="console_scripts") if e.name == name]
    sys.argv = [name, *args[1:]]
    result = entry.load()()
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
