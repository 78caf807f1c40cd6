"""When a passphrase is required, and whether one is strong enough.

Without a working OS keyring the raw key is kept nowhere but in the wrapped slots of the
header, so a vault made without a passphrase would open only with the 45-character recovery
key, every time. A passphrase is therefore required where no keyring backend works, and
optional where one does. Strength is zxcvbn's estimate (offline, no word lists fetched):
score 3 or more ("safely unguessable" against an offline attack on a slow hash; the
passphrase wraps the key with Argon2id).
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_SCORE = 3


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (trivial) .. 4 (very strong), zxcvbn's scale
    ok: bool
    advice: str  # what to do about a weak one ("" when strong)


def strength(passphrase: str) -> Strength:
    from zxcvbn import zxcvbn

    result = zxcvbn(passphrase[:100])  # zxcvbn slows on very long input; 100 characters decide it
    score = int(result["score"])
    feedback = result.get("feedback") or {}
    parts = [str(feedback.get("warning") or "")] + [str(s) for s in feedback.get("suggestions") or []]
    advice = " ".join(p for p in parts if p) or "use a longer passphrase: several unrelated words"
    return Strength(score, score >= MIN_SCORE, "" if score >= MIN_SCORE else advice)


def required(keyring_backend: str | None) -> bool:
    """A passphrase is required exactly when no OS keyring backend works here."""
    return keyring_backend is None
