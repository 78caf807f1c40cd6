"""Flower's processes, started the way a federation node must start them.

``python -m app.federation.runtime NAME ARGS...`` runs Flower's console command NAME
(flower-superlink, flower-supernode, flower-superexec, flwr-clientapp, flwr-serverapp) in
this interpreter after three things: telemetry and update checks off, the offline guard on
with the allow-list in ENCLAVE_FEDERATION_ALLOW (and ENCLAVE_FEDERATION_LISTEN ports), and —
for flwr-clientapp — a check that the app bundle is this Enclave version's own before Flower
unpacks it. The node puts wrapper scripts first on the PATH of its children, so every Flower
process it starts goes through here.
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


def _pin_bundle() -> None:
    """Refuse any FAB but this version's own before flwr-clientapp installs it."""
    from flwr.supernode.runtime import run_clientapp

    from app.federation import bundle

    original = run_clientapp.install_from_fab  # type: ignore[attr-defined]
    expected = bundle.fab_hash()

    def install_from_fab(fab_file: Any, *args: Any, **kwargs: Any) -> Any:
        content = fab_file if isinstance(fab_file, bytes) else Path(fab_file).read_bytes()
        digest = hashlib.sha256(content).hexdigest()
        if digest != expected:
            raise ForeignBundle(
                f"refused an app bundle ({digest[:12]}…) that is not this Enclave version's "
                f"own ({expected[:12]}…): this site runs only its installed code"
            )
        return original(fab_file, *args, **kwargs)

    run_clientapp.install_from_fab = install_from_fab  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in COMMANDS:
        print(f"usage: python -m app.federation.runtime {{{'|'.join(COMMANDS)}}} ARGS...", file=sys.stderr)
        return 2
    name = args[0]
    _guard()
    if name == "flwr-clientapp":
        _pin_bundle()
    [entry] = [e for e in entry_points(group="console_scripts") if e.name == name]
    sys.argv = [name, *args[1:]]
    result = entry.load()()
    return int(result or 0)


if __name__ == "__main__":
    sys.exit(main())
