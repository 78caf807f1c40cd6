"""The clinician corrects an input of the Fleischner calculator: the panel is recomputed from
the report with every correction so far, and what changed is stored beside the original.

Both faces use this: the window's "Correct an input…" and ``enclave analyze --task followup
--set FIELD=VALUE``. A panel read back from the vault is a plain namespace; it is rebuilt
from the session's documents and its stored corrections are applied again, so the answer
never depends on a stored recommendation that the rules would no longer give.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass
from types import SimpleNamespace
from typing import Any

from app.core.tasks.fleischner import Override, OverrideError
from app.core.tasks.followup import apply_overrides, build_panel
from app.core.tasks.results import FleischnerPanel

__all__ = ["OverrideError", "corrected_panel", "plain", "stored_overrides"]


def plain(value: Any) -> Any:
    """A result (dataclass, namespace, lists of them) as plain JSON-ready data."""
    if is_dataclass(value) and not isinstance(value, type):
        return plain(asdict(value))
    if isinstance(value, SimpleNamespace):
        return {k: plain(v) for k, v in vars(value).items()}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def stored_overrides(panel: Any) -> list[dict[str, Any]]:
    """The corrections a panel (dataclass or stored namespace) already carries."""
    return [plain(o) for o in getattr(panel, "overrides", None) or []]


def corrected_panel(panel: Any, sources: Sequence[str], names: Sequence[str] | None,
                    corrections: Sequence[Override | dict[str, Any]]) -> FleischnerPanel:  # fmt: skip
    """``panel`` with ``corrections`` applied (each stamped with the time), recomputed.
    Raises OverrideError, naming the input, for a correction the panel cannot take."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    stamped = [Override.from_dict(c.to_dict() if isinstance(c, Override) else c) for c in corrections]
    stamped = [o if o.at else Override(o.field, o.value, now, o.by) for o in stamped]
    if isinstance(panel, FleischnerPanel):
        return apply_overrides(panel, stamped)
    base = build_panel(list(sources), list(names) if names is not None else None)
    return apply_overrides(base, [*stored_overrides(panel), *[o.to_dict() for o in stamped]])
