"""Subcommands of ``enclave`` that live in their own modules.

Each module listed in ``COMMAND_MODULES`` defines ``register(subparsers) -> dict`` that adds
its parsers and returns ``{command_name: handler}``; a handler takes the parsed
``argparse.Namespace`` and returns the exit status (0 ok, 1 failure explained on stderr).
"""

from __future__ import annotations

COMMAND_MODULES: list[str] = [
    "app.commands.bench",
    "app.commands.batch",
    "app.commands.vault",
    "app.commands.review",
    "app.commands.inspect",
    "app.commands.look",
    "app.commands.deid",
    "app.commands.eval",
    "app.federation.commands",  # imports no Flower code until a federation command runs
]
