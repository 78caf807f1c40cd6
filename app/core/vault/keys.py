"""Keys: the raw database key, the header that wraps it, and the OS keyring.

A random 256-bit raw key opens the database (``PRAGMA key = "x'..'"``: no KDF at open).
It lives in the OS keyring (service "Enclave", one entry per vault). The header file beside
the database is not secret: it holds the raw key wrapped (AES-256-GCM) by a key derived
from the recovery key (HKDF: the recovery key has 160 random bits) and, if the user set
one, from the passphrase (Argon2id). So the vault still opens when the keyring is missing,
was replaced, or lost its entry.

During a key rotation the header and the keyring hold both keys (new first); whatever
moment a crash hits, one of them opens the database file that is in place.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.core import fileops
from app.core.vault.errors import VaultCorruptError, WrongSecretError
from app.core.vault.recovery import parse_key

log = logging.getLogger(__name__)

KEY_BYTES = 32
KEYRING_SERVICE = "Enclave"
HEADER_FORMAT = "enclave-vault-header"
HEADER_VERSION = 1
SlotKind = Literal["recovery", "passphrase"]


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost. The default follows RFC 9106's second recommended option
    (64 MiB, 3 passes): about 0.1-0.3 s on a workstation, paid only when the keyring
    cannot open the vault."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4


DEFAULT_ARGON2 = Argon2Params()


def new_raw_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def key_id(raw_key: bytes) -> str:
    """A short public fingerprint that says which key a header slot or keyring entry holds."""
    return hashlib.sha256(b"enclave-key-id:" + raw_key).hexdigest()[:16]


def pragma_key(raw_key: bytes) -> str:
    """The SQLCipher raw-key literal (no KDF at open)."""
    return f"x'{raw_key.hex()}'"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _passphrase_kek(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
    return hash_secret_raw(passphrase.encode("utf-8"), salt, time_cost=params.time_cost,
                           memory_cost=params.memory_kib, parallelism=params.parallelism,
                           hash_len=KEY_BYTES, type=Type.ID)  # fmt: skip


def _recovery_kek(secret: bytes, salt: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"enclave-recovery-kek")
    return hkdf.derive(secret)


@dataclass
class Slot:
    """The raw key wrapped by one secret."""

    kind: SlotKind
    salt: bytes
    nonce: bytes
    wrapped: bytes
    argon2: Argon2Params | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "salt": _b64(self.salt), "nonce": _b64(self.nonce),
                                "wrapped": _b64(self.wrapped)}  # fmt: skip
        if self.argon2 is not None:
            data["kdf"] = {"name": "argon2id", "t": self.argon2.time_cost,
                           "m": self.argon2.memory_kib, "p": self.argon2.parallelism}  # fmt: skip
        else:
            data["kdf"] = {"name": "hkdf-sha256"}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        kdf = data["kdf"]
        params = None
        if kdf["name"] == "argon2id":
            params = Argon2Params(int(kdf["t"]), int(kdf["m"]), int(kdf["p"]))
        kind = data["kind"]
        if kind not in ("recovery", "passphrase"):
            raise ValueError(f"unknown slot kind {kind!r}")
        return cls(kind, _unb64(data["salt"]), _unb64(data["nonce"]), _unb64(data["wrapped"]), params)


@dataclass
class KeyEntry:
    """One raw key's slots (a header holds two only while a rotation is under way)."""

    key_id: str
    slots: list[Slot] = field(default_factory=list)

    def slot(self, kind: SlotKind) -> Slot | None:
        return next((s for s in self.slots if s.kind == kind), None)


@dataclass
class Header:
    vault_id: str
    keys: list[KeyEntry]
    keyring_backend: str | None = None
    created: str = ""

    def to_bytes(self) -> bytes:
        data = {
            "format": HEADER_FORMAT, "version": HEADER_VERSION, "vault_id": self.vault_id,
            "created": self.created, "keyring_backend": self.keyring_backend,
            "keys": [{"key_id": k.key_id, "slots": [s.to_json() for s in k.slots]} for k in self.keys],
        }  # fmt: skip
        return (json.dumps(data, indent=2) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes, name: str = "header") -> Header:
        try:
            data = json.loads(raw.decode("utf-8"))
            if data.get("format") != HEADER_FORMAT:
                raise ValueError("not an Enclave vault header")
            if int(data.get("version", 0)) > HEADER_VERSION:
                raise ValueError("written by a newer Enclave")
            keys = [KeyEntry(str(k["key_id"]), [Slot.from_json(s) for s in k["slots"]])
                    for k in data["keys"]]  # fmt: skip
            return cls(str(data["vault_id"]), keys, data.get("keyring_backend"), str(data.get("created", "")))
        except (ValueError, KeyError, TypeError) as exc:
            raise VaultCorruptError(f"{name}: the vault header is damaged ({exc})") from exc

    def key(self, kid: str) -> KeyEntry | None:
        return next((k for k in self.keys if k.key_id == kid), None)


def read_header(path: Path) -> Header:
    return Header.from_bytes(path.read_bytes(), path.name)


def write_header(path: Path, header: Header) -> None:
    fileops.atomic_write(path, header.to_bytes())


def _aad(vault_id: str, kid: str, kind: SlotKind) -> bytes:
    return f"enclave-vault:{vault_id}:{kid}:{kind}".encode()


def _seal(kek: bytes, raw_key: bytes, vault_id: str, kind: SlotKind) -> tuple[bytes, bytes]:
    nonce = secrets.token_bytes(12)
    return nonce, AESGCM(kek).encrypt(nonce, raw_key, _aad(vault_id, key_id(raw_key), kind))


def passphrase_slot(raw_key: bytes, passphrase: str, vault_id: str,
                    params: Argon2Params = DEFAULT_ARGON2) -> Slot:  # fmt: skip
    if not passphrase:
        raise ValueError("the passphrase is empty")
    salt = secrets.token_bytes(16)
    nonce, wrapped = _seal(_passphrase_kek(passphrase, salt, params), raw_key, vault_id, "passphrase")
    return Slot("passphrase", salt, nonce, wrapped, params)


def recovery_slot(raw_key: bytes, recovery_secret: bytes, vault_id: str) -> Slot:
    salt = secrets.token_bytes(16)
    nonce, wrapped = _seal(_recovery_kek(recovery_secret, salt), raw_key, vault_id, "recovery")
    return Slot("recovery", salt, nonce, wrapped)


def _unseal(kek: bytes, slot: Slot, vault_id: str, kid: str) -> bytes | None:
    try:
        raw = AESGCM(kek).decrypt(slot.nonce, slot.wrapped, _aad(vault_id, kid, slot.kind))
    except InvalidTag:
        return None
    return raw if key_id(raw) == kid else None


def unwrap(header: Header, *, passphrase: str | None = None, recovery_key: str | None = None) -> list[bytes]:
    """Every raw key in the header that the given secret opens (new key first).

    Raises WrongSecretError when the secret opens none of them, RecoveryKeyFormatError
    when the recovery key is mistyped. Nothing on disk is read or written but the header.
    """
    found: list[bytes] = []
    recovery_secret = parse_key(recovery_key) if recovery_key is not None else None
    kek_cache: dict[tuple[bytes, Argon2Params], bytes] = {}
    for entry in header.keys:
        for slot in entry.slots:
            if slot.kind == "passphrase" and passphrase and slot.argon2 is not None:
                cache_key = (slot.salt, slot.argon2)
                if cache_key not in kek_cache:
                    kek_cache[cache_key] = _passphrase_kek(passphrase, slot.salt, slot.argon2)
                kek = kek_cache[cache_key]
            elif slot.kind == "recovery" and recovery_secret is not None:
                kek = _recovery_kek(recovery_secret, slot.salt)
            else:
                continue
            raw = _unseal(kek, slot, header.vault_id, entry.key_id)
            if raw is not None:
                found.append(raw)
                break
    if not found:
        what = "recovery key" if recovery_key is not None and not passphrase else "passphrase"
        if recovery_key is not None and passphrase:
            what = "passphrase or recovery key"
        raise WrongSecretError(f"that {what} does not open this vault")
    return found


# -- the OS keyring ---------------------------------------------------------------------------


_keyring_ready = threading.Event()


def _init_keyring() -> None:
    """keyring's first get_keyring() detects the backend, and what it keeps from that (a
    frame of the detection, through a cached exception) holds every caller frame above it
    alive: called from Vault.create, the new vault's raw key would outlive a Lock. So the
    detection runs once on a thread of its own, with no caller frame worth keeping."""
    if _keyring_ready.is_set():
        return

    def detect() -> None:
        with contextlib.suppress(Exception):  # the caller sees the failure itself
            import keyring

            keyring.get_keyring()

    thread = threading.Thread(target=detect, name="keyring-detect", daemon=True)
    thread.start()
    thread.join(30)
    _keyring_ready.set()


def keyring_backend_name() -> str | None:
    """The usable keyring backend's dotted name, or None (no backend, e.g. headless Linux)."""
    _init_keyring()
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring configuration must not stop the app
        log.warning("keyring unavailable: %s", type(exc).__name__)
        return None
    if isinstance(backend, fail.Keyring):
        return None
    chained = getattr(backend, "backends", None)
    if chained is not None and not chained:
        return None
    return f"{type(backend).__module__}.{type(backend).__name__}"


def _username(vault_id: str) -> str:
    return f"vault-{vault_id}"


def keyring_load(vault_id: str) -> list[bytes]:
    """Raw keys kept for this vault (newest first); empty when none or no keyring."""
    if keyring_backend_name() is None:
        return []
    import keyring

    try:
        value = keyring.get_password(KEYRING_SERVICE, _username(vault_id))
    except Exception as exc:
        log.warning("keyring read failed: %s", type(exc).__name__)
        return []
    keys: list[bytes] = []
    for part in (value or "").split():
        try:
            raw = bytes.fromhex(part)
        except ValueError:
            continue
        if len(raw) == KEY_BYTES:
            keys.append(raw)
    return keys


def keyring_store(vault_id: str, raw_keys: list[bytes]) -> bool:
    """Keep the raw key(s) in the OS keyring; False when there is none or it refused."""
    if keyring_backend_name() is None:
        return False
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, _username(vault_id), " ".join(k.hex() for k in raw_keys))
    except Exception as exc:
        log.warning("keyring write failed: %s", type(exc).__name__)
        return False
    return True


def keyring_delete(vault_id: str) -> None:
    if keyring_backend_name() is None:
        return
    import keyring

    try:
        keyring.delete_password(KEYRING_SERVICE, _username(vault_id))
    except Exception as exc:
        log.info("keyring delete: %s", type(exc).__name__)
