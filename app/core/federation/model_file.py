"""The signed file a consortium model travels in, and the checks a site makes before using it.

Layout (all of it covered by the signature)::

    ENCLAVE-MODEL 1\\n
    <header: one line of JSON>\\n
    <weights: (dims + 1) x labels float64, little-endian, row-major>
    <signature: 64 bytes, Ed25519 over everything before it>

The header says what the model is (name, labels, feature version and width), how it was
made (rounds, sites, ε and δ with the accountant, the training recipe, the plan's
fingerprint) and the SHA-256 of the weights. A site refuses a file that is not this format,
whose signature does not verify under a key it trusts (unsigned, tampered or foreign), or
whose shape is not what this Enclave's features and labels give. The file holds numbers
only: no report text, no word list (the features are hashed).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from app.core.federation.features import FEATURE_VERSION
from app.core.federation.findings_model import MODEL_NAME, FindingsModel
from app.core.federation.records import STUDY_LABELS

MAGIC: Final = b"ENCLAVE-MODEL 1\n"
SUFFIX: Final = ".enclave-model"
SIGNATURE_BYTES: Final = 64
MAX_FILE_BYTES: Final = 64 * 1024 * 1024
MAX_HEADER_BYTES: Final = 256 * 1024


class ModelRefused(ValueError):
    """A model file is not used; the message says why (and names the file)."""


@dataclass(frozen=True)
class Provenance:
    """How a consortium model was made, as its header states it."""

    plan: str  # the training plan's id
    fingerprint: str  # the plan's fingerprint (what every site approved)
    rounds: int
    sites: tuple[str, ...]
    epsilon: float | None  # per report, at ``delta``; None: trained without DP
    delta: float | None
    accountant: str = ""
    recipe: dict[str, Any] = field(default_factory=dict)
    created: str = ""  # ISO 8601, UTC


@dataclass(frozen=True)
class SignedModel:
    model: FindingsModel
    provenance: Provenance
    signer: str  # the trusted key file that verified it
    sha256: str  # of the whole file


def _key_fingerprint(public: ed25519.Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def encode(model: FindingsModel, provenance: Provenance, signing_key: Path) -> bytes:
    """The signed file bytes (the coordinator's study-signing key, Ed25519 PEM)."""
    key = serialization.load_pem_private_key(Path(signing_key).read_bytes(), password=None)
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise ModelRefused(f"{Path(signing_key).name}: the model-signing key must be Ed25519")
    weights = np.ascontiguousarray(model.weights, dtype="<f8").tobytes()
    header = {
        "name": MODEL_NAME,
        "labels": list(model.labels),
        "features": {"version": model.feature_version, "dims": model.dims},
        "shape": [model.dims + 1, len(model.labels)],
        "weights_sha256": hashlib.sha256(weights).hexdigest(),
        "signer": _key_fingerprint(key.public_key()),
        "plan": provenance.plan,
        "fingerprint": provenance.fingerprint,
        "rounds": provenance.rounds,
        "sites": list(provenance.sites),
        "epsilon": provenance.epsilon,
        "delta": provenance.delta,
        "accountant": provenance.accountant,
        "recipe": provenance.recipe,
        "created": provenance.created,
    }
    body = MAGIC + json.dumps(header, sort_keys=True, ensure_ascii=False).encode() + b"\n" + weights
    return body + key.sign(body)


def _trusted_keys(trusted: Sequence[Path]) -> list[tuple[Path, ed25519.Ed25519PublicKey]]:
    keys = []
    for path in trusted:
        try:
            key = serialization.load_ssh_public_key(Path(path).read_bytes())
        except (OSError, ValueError):
            continue  # an unreadable trust file trusts nothing
        if isinstance(key, ed25519.Ed25519PublicKey):
            keys.append((Path(path), key))
    return keys


def decode(data: bytes, trusted: Sequence[Path], name: str = "the model file") -> SignedModel:
    """The model in ``data`` once its signature, format and shape have all been checked."""
    if len(data) > MAX_FILE_BYTES:
        raise ModelRefused(f"{name}: {len(data):,} bytes is larger than any consortium model")
    if not data.startswith(MAGIC):
        raise ModelRefused(f"{name}: not an Enclave consortium model file")
    if len(data) < len(MAGIC) + SIGNATURE_BYTES + 2:
        raise ModelRefused(f"{name}: the file is cut short")
    body, signature = data[:-SIGNATURE_BYTES], data[-SIGNATURE_BYTES:]
    keys = _trusted_keys(trusted)
    if not keys:
        raise ModelRefused(f"{name}: this site trusts no model signer (no Ed25519 public key configured)")
    signer = None
    for path, key in keys:
        try:
            key.verify(signature, body)
        except InvalidSignature:
            continue
        signer = path
        break
    if signer is None:
        raise ModelRefused(
            f"{name}: the signature does not verify under any key this site trusts "
            "(an unsigned, altered or foreign model)"
        )
    end = body.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER_BYTES)
    if end < 0:
        raise ModelRefused(f"{name}: no header line")
    try:
        header = json.loads(body[len(MAGIC) : end])
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelRefused(f"{name}: the header is not JSON ({exc})") from exc
    return SignedModel(
        _model(header, body[end + 1 :], name),
        _provenance(header, name),
        str(signer),
        hashlib.sha256(data).hexdigest(),
    )


def _model(header: Any, weights: bytes, name: str) -> FindingsModel:
    if not isinstance(header, dict) or header.get("name") != MODEL_NAME:
        raise ModelRefused(f"{name}: not a {MODEL_NAME} model")
    labels, features, shape = header.get("labels"), header.get("features"), header.get("shape")
    if labels != list(STUDY_LABELS):
        raise ModelRefused(f"{name}: its labels {labels} are not this Enclave's finding labels")
    if not isinstance(features, dict) or features.get("version") != FEATURE_VERSION:
        raise ModelRefused(
            f"{name}: made for feature version "
            f"{features.get('version') if isinstance(features, dict) else '?'}, "
            f"this Enclave computes version {FEATURE_VERSION}"
        )
    dims = features.get("dims")
    if not isinstance(dims, int) or not 16 <= dims <= 1 << 20 or shape != [dims + 1, len(labels)]:
        raise ModelRefused(
            f"{name}: its shape {shape} does not match {dims} features and {len(labels)} labels"
        )
    if len(weights) != (dims + 1) * len(labels) * 8:
        raise ModelRefused(
            f"{name}: {len(weights):,} bytes of weights where its shape needs "
            f"{(dims + 1) * len(labels) * 8:,}"
        )
    if hashlib.sha256(weights).hexdigest() != header.get("weights_sha256"):
        raise ModelRefused(f"{name}: the weights do not match their checksum")
    matrix = np.frombuffer(weights, dtype="<f8").reshape(dims + 1, len(labels)).astype(np.float64)
    if not np.isfinite(matrix).all():
        raise ModelRefused(f"{name}: the weights hold values that are not finite")
    return FindingsModel(tuple(labels), dims, matrix)


def _provenance(header: dict[str, Any], name: str) -> Provenance:
    try:
        epsilon = header.get("epsilon")
        delta = header.get("delta")
        provenance = Provenance(
            plan=str(header["plan"]),
            fingerprint=str(header["fingerprint"]),
            rounds=int(header["rounds"]),
            sites=tuple(str(s) for s in header["sites"]),
            epsilon=None if epsilon is None else float(epsilon),
            delta=None if delta is None else float(delta),
            accountant=str(header.get("accountant", "")),
            recipe=dict(header.get("recipe") or {}),
            created=str(header.get("created", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelRefused(f"{name}: the header does not say how the model was made ({exc})") from exc
    if provenance.epsilon is not None and not (math.isfinite(provenance.epsilon) and provenance.epsilon > 0):
        raise ModelRefused(f"{name}: its ε {provenance.epsilon!r} is not a privacy guarantee")
    return provenance


def read(path: Path, trusted: Sequence[Path]) -> SignedModel:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ModelRefused(f"{path.name}: {size:,} bytes is larger than any consortium model")
        data = path.read_bytes()
    except OSError as exc:
        raise ModelRefused(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc
    return decode(data, trusted, path.name)
