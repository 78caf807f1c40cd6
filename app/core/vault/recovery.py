"""The printable recovery key: 160 random bits in base32, with a checksum that catches typos.

Shown as nine groups of four characters, e.g. ``K7QF-2M4X-...``. Parsing is forgiving of
what people do when they copy a key by hand: lower case, spaces or no dashes, full-width
characters from a Chinese input method, and 0/1/8 typed for O/I/B (base32 has no 0, 1, 8).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import unicodedata

from app.core.vault.errors import RecoveryKeyFormatError

SECRET_BYTES = 20  # 160 bits: far beyond brute force, so a fast KDF (HKDF) is enough
_CHECK_CHARS = 4  # 20 bits of checksum: a typo slips through about once in a million
_GROUP = 4
_CONFUSABLE = str.maketrans({"0": "O", "1": "I", "8": "B"})


def _checksum(body: str) -> str:
    digest = hashlib.sha256(b"enclave-recovery-v1:" + body.encode("ascii")).digest()
    return base64.b32encode(digest).decode("ascii")[:_CHECK_CHARS]


def format_key(secret: bytes) -> str:
    if len(secret) != SECRET_BYTES:
        raise ValueError("a recovery secret is 20 bytes")
    body = base64.b32encode(secret).decode("ascii")  # 32 characters, no padding
    chars = body + _checksum(body)
    return "-".join(chars[i:i + _GROUP] for i in range(0, len(chars), _GROUP))


def new_key() -> tuple[str, bytes]:
    """A fresh recovery key: (printable text, the secret it encodes)."""
    secret = secrets.token_bytes(SECRET_BYTES)
    return format_key(secret), secret


def parse_key(text: str) -> bytes:
    """The secret in a typed recovery key; RecoveryKeyFormatError names what is wrong."""
    cleaned = unicodedata.normalize("NFKC", text).upper().translate(_CONFUSABLE)
    chars = "".join(ch for ch in cleaned if ch.isalnum())
    expected = 32 + _CHECK_CHARS
    if len(chars) != expected:
        raise RecoveryKeyFormatError(
            f"a recovery key has {expected} letters and digits; this one has {len(chars)}"
        )
    body, check = chars[:32], chars[32:]
    if any(ch not in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" for ch in body + check):
        raise RecoveryKeyFormatError("a recovery key uses only the letters A-Z and digits 2-7")
    if _checksum(body) != check:
        raise RecoveryKeyFormatError("the recovery key has a typo (its checksum does not match)")
    return base64.b32decode(body)
