"""The per-installation secret that keys UID replacement and date shifts.

Kept in a 0600 file in the data folder (the vault may take it over later). Without it, the
same study read twice would get different UIDs, and studies could no longer be linked.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_BYTES = 32


def load_or_create(path: Path) -> bytes:
    try:
        data = path.read_bytes()
        if len(data) >= SECRET_BYTES:
            return data[:SECRET_BYTES]
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    data = secrets.token_bytes(SECRET_BYTES)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return data
