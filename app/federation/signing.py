"""Studies signed by the coordinator, verified by each site against the signers it trusts.

A site runs only its own installed Enclave code: the Flower app bundle the coordinator sends
holds nothing but references to it (see bundle.py), and its hash is part of what is signed.
The coordinator signs (Ed25519) the study's canonical declaration together with that hash;
a node refuses a study whose signature does not verify under one of its trusted keys, or
whose bundle is not the one its own Enclave version builds.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519


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
