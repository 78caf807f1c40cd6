"""Studies signed by the coordinator, verified by each site against the signers it trusts.

A site runs only its own installed Enclave code: the Flower app bundle the coordinator sends
holds nothing but references to it (see bundle.py), and its hash is part of what is signed.
The coordinator signs (Ed25519) the study's canonical declaration together with that hash;
a node refuses a study whose signature does not verify under one of its trusted keys, or
whose bundle is not the one its own Enclave version builds.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519


class Signable(Protocol):
    """A study or a training plan (its declaration is what is signed)."""

    @property
    def study_id(self) -> str: ...

    def to_dict(self) -> dict[str, Any]: ...


class SignatureError(PermissionError):
    """A study is unsigned, signed by an untrusted key, or altered after signing."""


def _message(study: Signable, bundle_hash: str) -> bytes:
    return json.dumps(
        {"study": study.to_dict(), "bundle": bundle_hash},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()


def sign(study: Signable, bundle_hash: str, key_file: Path) -> str:
    key = serialization.load_pem_private_key(Path(key_file).read_bytes(), password=None)
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise SignatureError(f"{Path(key_file).name}: the study-signing key must be Ed25519")
    return base64.b64encode(key.sign(_message(study, bundle_hash))).decode()


def verify(study: Signable, bundle_hash: str, signature: str, trusted: Sequence[Path]) -> Path:
    """The trusted key that signed this study and bundle; raises SignatureError otherwise."""
    if not signature:
        raise SignatureError(f"study {study.study_id} is not signed: this site runs only signed studies")
    try:
        raw = base64.b64decode(signature, validate=True)
    except ValueError as exc:
        raise SignatureError(f"study {study.study_id}: the signature is not base64") from exc
    message = _message(study, bundle_hash)
    for path in trusted:
        key = serialization.load_ssh_public_key(Path(path).read_bytes())
        if not isinstance(key, ed25519.Ed25519PublicKey):
            continue
        try:
            key.verify(raw, message)
        except InvalidSignature:
            continue
        return Path(path)
    raise SignatureError(
        f"study {study.study_id}: the signature does not verify under any key this site "
        "trusts (an unsigned, altered or foreign study)"
    )


# -- a site's signature over its own homomorphic ciphertext ------------------------------------------


def _contribution(fingerprint: str, site: str, data: bytes) -> bytes:
    return json.dumps(
        {"purpose": "enclave-he-contribution", "study": fingerprint, "site": site,
         "sha256": hashlib.sha256(data).hexdigest()},
        sort_keys=True, separators=(",", ":"),
    ).encode()  # fmt: skip


def sign_contribution(node_key: Path, fingerprint: str, site: str, data: bytes) -> str:
    """``site``'s signature, with its node key, over its ciphertext ``data`` for the study of
    ``fingerprint``: the key-holder decrypts only a sum of ciphertexts each site signed."""
    key = serialization.load_ssh_private_key(Path(node_key).read_bytes(), password=None)
    message = _contribution(fingerprint, site, data)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        raw = key.sign(message, ec.ECDSA(hashes.SHA384()))
    elif isinstance(key, ed25519.Ed25519PrivateKey):
        raw = key.sign(message)
    else:
        raise SignatureError(f"{Path(node_key).name}: a node key is ECDSA or Ed25519")
    return base64.b64encode(raw).decode()


def verify_contribution(public_key: Path, fingerprint: str, site: str, data: bytes, signature: str) -> bool:
    """Whether ``signature`` is ``site``'s (under ``public_key``) over ``data`` for that study."""
    try:
        raw = base64.b64decode(signature, validate=True)
        key = serialization.load_ssh_public_key(Path(public_key).read_bytes())
        message = _contribution(fingerprint, site, data)
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(raw, message, ec.ECDSA(hashes.SHA384()))
        elif isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(raw, message)
        else:
            return False
    except (InvalidSignature, ValueError, OSError):
        return False
    return True
