"""The consortium models installed at this site, and the keys it trusts to sign them.

``<ENCLAVE_HOME>/consortium/models/`` holds the signed model files (one per model name: a
newer one replaces the older), ``<ENCLAVE_HOME>/consortium/trusted/`` the signers' public
keys (OpenSSH Ed25519, as ``enclave federation certs`` writes them) that IT put there or the
site's node copied from its site.toml. Every use re-checks the file: a model that fails a
check is listed with its reason and never used.
"""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from app.core import paths
from app.core.federation.findings_model import MODEL_NAME
from app.core.federation.model_file import SUFFIX, ModelRefused, SignedModel, decode, read


def models_folder() -> Path:
    return paths.home() / "consortium" / "models"


def trust_folder() -> Path:
    return paths.home() / "consortium" / "trusted"


def trusted_keys() -> list[Path]:
    folder = trust_folder()
    return sorted(folder.glob("*.pub")) if folder.is_dir() else []


def trust(public_key: Path) -> Path:
    """Copy a signer's public key into the trust folder (checked to be an Ed25519 key)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    data = Path(public_key).read_bytes()
    try:
        key = serialization.load_ssh_public_key(data)
    except ValueError as exc:
        raise ModelRefused(f"{Path(public_key).name}: not an OpenSSH public key ({exc})") from exc
    if not isinstance(key, ed25519.Ed25519PublicKey):
        raise ModelRefused(f"{Path(public_key).name}: a model signer's key must be Ed25519")
    folder = trust_folder()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / Path(public_key).name
    if not target.exists() or target.read_bytes() != data:
        shutil.copyfile(public_key, target)
    return target


def install(data: bytes, source: str) -> tuple[Path, SignedModel]:
    """Check ``data`` against the trusted keys and make it this site's model of its name."""
    signed = decode(data, trusted_keys(), source)
    folder = models_folder()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{MODEL_NAME}{SUFFIX}"
    partial = target.with_suffix(".partial")
    with partial.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(target)
    _cache.clear()
    return target, signed


@dataclass(frozen=True)
class Listed:
    path: Path
    model: SignedModel | None
    refused: str | None  # why it is not used, when it is not


def listing() -> list[Listed]:
    folder = models_folder()
    if not folder.is_dir():
        return []
    entries = []
    keys = trusted_keys()
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        try:
            entries.append(Listed(path, read(path, keys), None))
        except ModelRefused as exc:
            entries.append(Listed(path, None, str(exc)))
    return entries


_cache: dict[tuple[object, ...], SignedModel | None] = {}
_lock = threading.Lock()


def current() -> SignedModel | None:
    """The findings model to run beside the language model, or None (none installed, or the
    installed one is refused). Checked again whenever the file or the trusted keys change."""
    path = models_folder() / f"{MODEL_NAME}{SUFFIX}"
    try:
        stat = path.stat()
    except OSError:
        return None
    keys = trusted_keys()
    key = (
        str(path),
        stat.st_mtime_ns,
        stat.st_size,
        stat.st_ino,
        tuple((str(k), k.stat().st_mtime_ns) for k in keys),
    )
    with _lock:
        if key not in _cache:
            _cache.clear()
            try:
                _cache[key] = read(path, keys)
            except ModelRefused:
                _cache[key] = None
        return _cache[key]
