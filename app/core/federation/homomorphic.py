"""Homomorphic aggregation with TenSEAL: the coordinator adds ciphertexts, one key-holder site
decrypts only the total.

BFV carries the integer vectors of a study exactly (signed values up to ± half the plain
modulus); CKKS carries real vectors (approximately, for model updates). The key-holder makes
the keys; the consortium receives a public context — encryption and addition only, no secret
key — and the coordinator never holds more than that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final, Literal

Scheme = Literal["bfv", "ckks"]
BFV_DEGREE: Final = 4096
BFV_PLAIN_MODULUS: Final = 1073692673  # a 30-bit prime = 1 mod 2 x 8192: batching works
CKKS_DEGREE: Final = 8192
CKKS_BITS: Final = (60, 40, 40, 60)
MAX_CIPHERTEXT_BYTES: Final = 64 * 1024 * 1024


class HomomorphicError(ValueError):
    """A key or ciphertext is malformed, from another consortium, or the wrong kind."""


@cache
def _ts() -> Any:
    import tenseal

    return tenseal


@dataclass(frozen=True)
class KeyPair:
    """The key-holder's secret context and the public one it hands out (both serialised)."""

    secret: bytes
    public: bytes


def make_keys(scheme: Scheme = "bfv") -> KeyPair:
    ts = _ts()
    if scheme == "bfv":
        context = ts.context(
            ts.SCHEME_TYPE.BFV, poly_modulus_degree=BFV_DEGREE, plain_modulus=BFV_PLAIN_MODULUS
        )
    else:
        context = ts.context(ts.SCHEME_TYPE.CKKS, poly_modulus_degree=CKKS_DEGREE,
                             coeff_mod_bit_sizes=list(CKKS_BITS))  # fmt: skip
        context.global_scale = 2**40
    return KeyPair(context.serialize(save_secret_key=True), context.serialize(save_secret_key=False))


def _context(blob: bytes, need_secret: bool) -> Any:
    try:
        context = _ts().context_from(blob)
    except Exception as exc:  # TenSEAL raises bare errors on bad bytes
        raise HomomorphicError(f"not a TenSEAL context ({type(exc).__name__})") from exc
    if need_secret and not context.is_private():
        raise HomomorphicError("this context holds no secret key: only the key-holder can decrypt")
    if not need_secret and context.is_private():
        raise HomomorphicError("a public context must not hold the secret key")
    return context


def encrypt(public: bytes, values: Sequence[int] | Sequence[float], scheme: Scheme = "bfv") -> bytes:
    """``values`` encrypted under the consortium's public context."""
    ts = _ts()
    context = _context(public, need_secret=False)
    if scheme == "bfv":
        limit = BFV_PLAIN_MODULUS // 2
        ints = [int(v) for v in values]
        if any(abs(v) >= limit for v in ints) or ints != list(values):
            raise HomomorphicError(f"BFV carries integers below {limit:,} in size")
        return bytes(ts.bfv_vector(context, ints).serialize())
    return bytes(ts.ckks_vector(context, [float(v) for v in values]).serialize())


def _vector(context: Any, blob: bytes, scheme: Scheme) -> Any:
    ts = _ts()
    if len(blob) > MAX_CIPHERTEXT_BYTES:
        raise HomomorphicError(f"a ciphertext of {len(blob):,} bytes is larger than any study needs")
    try:
        return (ts.bfv_vector_from if scheme == "bfv" else ts.ckks_vector_from)(context, blob)
    except Exception as exc:
        raise HomomorphicError(
            f"not a {scheme.upper()} ciphertext for this consortium ({type(exc).__name__})"
        ) from exc


def add(public: bytes, ciphertexts: Sequence[bytes], scheme: Scheme = "bfv") -> bytes:
    """The encrypted sum of ``ciphertexts`` (what the coordinator computes, without any secret)."""
    if not ciphertexts:
        raise HomomorphicError("nothing to add")
    context = _context(public, need_secret=False)
    total = _vector(context, ciphertexts[0], scheme)
    for blob in ciphertexts[1:]:
        other = _vector(context, blob, scheme)
        if other.size() != total.size():
            raise HomomorphicError(f"a ciphertext of {other.size()} values among ones of {total.size()}")
        total = total + other
    return bytes(total.serialize())


def decrypt(secret: bytes, ciphertext: bytes, scheme: Scheme = "bfv") -> list[int] | list[float]:
    """The key-holder's decryption of a total."""
    context = _context(secret, need_secret=True)
    values = _vector(context, ciphertext, scheme).decrypt()
    return [int(v) for v in values] if scheme == "bfv" else [float(v) for v in values]
