"""Vault use cases for both faces (GUI and CLI). Every call may block: GUI calls them from a
worker thread, never the GUI thread (DESIGN rule 3); the vault itself runs all database
work on its own single DB thread, so calls from several workers are safe.

API summary (types in app.core.vault.models / app.core.vault.vault; errors in
app.core.vault.errors, all subclasses of VaultError with messages fit to show)::

    svc = VaultService(settings=None, folder=None)   # folder: <data folder>/vault
    svc.exists() -> bool
    svc.create(passphrase: str | None = None) -> CreatedVault      # .recovery_key: show ONCE
    svc.unlock(passphrase=None, recovery_key=None) -> VaultStatus
        # keyring first (silent); else NeedsSecretError (ask for passphrase / recovery key);
        # WrongSecretError / RecoveryKeyFormatError on a wrong or mistyped secret
    svc.is_open -> bool;  svc.vault -> Vault (after unlock);  svc.status() -> VaultStatus
    svc.close()

    # sessions, messages, documents, analyses: the Vault methods, through svc.vault
    v = svc.vault
    v.create_session(title, privacy_level) -> SessionInfo   # 'ephemeral': memory only
    v.list_sessions() -> list[SessionInfo];  v.get_session(id);  v.rename_session(id, title)
    v.pin_session(id, pinned=True);  v.delete_session(id)    # really erases
    v.view_session(id) -> SessionDetail (audited);  v.messages(id) -> list[Message]
    v.add_message(id, role, content, task=, model=, timings=) -> Message
    v.edit_message(id, message_id, content) -> Message
    v.attach_document(id, DocumentInput) -> DocumentRecord;  v.documents(id)
    v.add_analysis(id, task, prompt_version, result, grounding=, message_id=) -> Analysis
    v.set_original_max_bytes(n);  v.audit_entries(limit, session_id=None) -> list[AuditEntry]

    svc.new_session_for(title) -> SessionInfo    # uses the settings' privacy level
    svc.save_task_run(documents, task_ref, model, prompt, answer, timings=None,
                      result=None) -> SessionInfo | None   # None when privacy is ephemeral
    svc.search(query, limit=20) -> list[SearchHit]      # English and Chinese
    svc.export_session(session_id, fmt, dest: Path | None) -> str   # 'markdown' | 'json'
    svc.backup(dest) -> BackupResult;  svc.restore(source, passphrase=, recovery_key=)
    svc.set_passphrase(new: str | None);  svc.rotate_key(passphrase=, on_recovery_key=) -> str
    svc.audit(limit=100) -> list[AuditEntry]

Secrets for scripts: read_passphrase(file) (--passphrase-file or ENCLAVE_PASSPHRASE) and
read_recovery_key(file) (--recovery-key-file or ENCLAVE_RECOVERY_KEY).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core import fileops, paths
from app.core import settings as settings_mod
from app.core.documents.model import Document
from app.core.vault.errors import VaultError, VaultStorageError, WrongSecretError
from app.core.vault.export import ExportFormat
from app.core.vault.models import AuditEntry, DocumentInput, SearchHit, SessionInfo
from app.core.vault.vault import BackupResult, Vault, VaultStatus, exists

__all__ = ["CreatedVault", "VaultService", "read_passphrase", "read_recovery_key"]

PASSPHRASE_ENV, RECOVERY_ENV = "ENCLAVE_PASSPHRASE", "ENCLAVE_RECOVERY_KEY"


def _read_secret(file: str | Path | None, env: str, what: str) -> str | None:
    if file is not None:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except OSError as exc:
            raise VaultError(f"{file}: cannot read the {what} file ({exc.strerror or exc})") from exc
        secret = text.rstrip("\r\n")
        if not secret:
            raise VaultError(f"{file}: the {what} file is empty")
        return secret
    return os.environ.get(env) or None


def read_passphrase(file: str | Path | None = None) -> str | None:
    """The passphrase from FILE (first line ending stripped), else ENCLAVE_PASSPHRASE."""
    return _read_secret(file, PASSPHRASE_ENV, "passphrase")


def read_recovery_key(file: str | Path | None = None) -> str | None:
    """The recovery key from FILE, else ENCLAVE_RECOVERY_KEY."""
    return _read_secret(file, RECOVERY_ENV, "recovery key")


@dataclass(frozen=True)
class CreatedVault:
    recovery_key: str  # show once, ask the user to print or write it down
    status: VaultStatus


def document_input(document: Document) -> DocumentInput:
    """What the vault keeps of a read document (its text as read: de-identify before)."""
    text = document.text()
    try:
        digest = hashlib.sha256(document.source.read_bytes()).hexdigest()
    except OSError:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    metadata: dict[str, Any] = dict(document.metadata)
    if document.warnings:
        metadata["warnings"] = list(document.warnings)
    return DocumentInput(document.kind, document.name, digest, text, metadata)


def check_new_passphrase(passphrase: str | None) -> None:
    """Raise PassphraseRequiredError or WeakPassphraseError with advice a user can follow."""
    from app.core.vault import passphrase_policy
    from app.core.vault.errors import PassphraseRequiredError, WeakPassphraseError
    from app.core.vault.keys import keyring_backend_name

    if passphrase is None or not passphrase.strip():
        if passphrase_policy.required(keyring_backend_name()):
            raise PassphraseRequiredError(
                "no OS keyring works on this system, so a passphrase is required: without one the "
                "vault would open only with the 45-character recovery key, every time "
                "(give one with --passphrase-file FILE or ENCLAVE_PASSPHRASE)")  # fmt: skip
        return
    result = passphrase_policy.strength(passphrase)
    if not result.ok:
        raise WeakPassphraseError(f"the passphrase is too easy to guess (strength {result.score} of 4, "
                                  f"at least {passphrase_policy.MIN_SCORE} is needed): {result.advice}")


class VaultService:
    def __init__(self, settings: settings_mod.Settings | None = None, folder: Path | None = None) -> None:
        self.settings = settings or settings_mod.load()
        self.folder = folder or paths.home() / "vault"
        self._vault: Vault | None = None

    # -- lifecycle ---------------------------------------------------------------------------------

    def exists(self) -> bool:
        return exists(self.folder)

    def create(self, passphrase: str | None = None) -> CreatedVault:
        """A new vault. Without a working OS keyring a passphrase is required, and any
        passphrase must pass the strength check (app/core/vault/passphrase_policy.py)."""
        check_new_passphrase(passphrase)
        vault, recovery_key = Vault.create(self.folder, passphrase=passphrase)
        self._vault = vault
        return CreatedVault(recovery_key, vault.status())

    def unlock(self, passphrase: str | None = None, recovery_key: str | None = None) -> VaultStatus:
        if self._vault is None:
            self._vault = Vault.open(self.folder, passphrase=passphrase, recovery_key=recovery_key)
        return self._vault.status()

    def verify_secret(self, secret: str) -> bool:
        """True when ``secret`` (a passphrase or the recovery key) opens this vault's
        header. The lock screen asks for it; nothing is opened or written."""
        from app.core.vault.keys import read_header, unwrap
        from app.core.vault.vault import HEADER_NAME

        header = read_header(self.folder / HEADER_NAME)
        for kwargs in ({"passphrase": secret}, {"recovery_key": secret}):
            try:
                unwrap(header, **kwargs)
                return True
            except WrongSecretError:
                continue
        return False

    @property
    def is_open(self) -> bool:
        return self._vault is not None

    @property
    def vault(self) -> Vault:
        if self._vault is None:
            raise VaultError("the vault is not unlocked yet")
        return self._vault

    def status(self) -> VaultStatus:
        return self.vault.status()

    def close(self) -> None:
        if self._vault is not None:
            self._vault.close()
            self._vault = None

    # -- sessions ----------------------------------------------------------------------------------

    def new_session_for(self, title: str) -> SessionInfo:
        """A session at the settings' privacy level ('ephemeral' stays in memory)."""
        return self.vault.create_session(title, self.settings.privacy_level)

    def save_task_run(self, documents: Sequence[Document], task_ref: str, model: str, prompt: str,
                      answer: str, timings: dict[str, Any] | None = None, result: Any | None = None,
                      title: str | None = None) -> SessionInfo | None:  # fmt: skip
        """Store one finished task (documents, the request, the answer, model and timings).

        At privacy level 'ephemeral' nothing is written and None is returned.
        """
        if self.settings.privacy_level == "ephemeral":
            return None
        vault = self.vault
        task_id = task_ref.split("@", 1)[0]
        names = ", ".join(d.name for d in documents)
        session = vault.create_session(title or f"{task_id}: {names}"[:200], self.settings.privacy_level)
        for document in documents:
            vault.attach_document(session.id, document_input(document))
        vault.add_message(session.id, "user", prompt, task=task_ref)
        message = vault.add_message(session.id, "assistant", answer, task=task_ref, model=model,
                                    timings=timings)  # fmt: skip
        if result is not None:
            version = task_ref.split("@", 1)[1] if "@" in task_ref else ""
            vault.add_analysis(session.id, task_id, version, result, message_id=message.id)
        return vault.get_session(session.id)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.vault.search(query, limit)

    def export_session(self, session_id: str, fmt: ExportFormat, dest: Path | None = None,
                       assistant_label: str = "AI-generated draft") -> str:  # fmt: skip
        """The export text; written to ``dest`` (where the user said, mode 0600) if given."""
        text = self.vault.export_session(session_id, fmt, assistant_label)
        if dest is not None:
            try:
                fileops.atomic_write(Path(dest), text.encode("utf-8"))
            except OSError as exc:
                raise VaultStorageError(f"{dest}: cannot write the export ({exc.strerror or exc})") from exc
        return text

    def audit(self, limit: int = 100) -> list[AuditEntry]:
        return self.vault.audit_entries(limit)

    # -- keys, backup, restore ---------------------------------------------------------------------

    @staticmethod
    def passphrase_required() -> bool:
        """True where no OS keyring works (a new vault then needs a passphrase). It may talk to
        the keyring daemon: call it from a worker, not the GUI thread."""
        from app.core.vault import passphrase_policy
        from app.core.vault.keys import keyring_backend_name

        return passphrase_policy.required(keyring_backend_name())

    def set_passphrase(self, passphrase: str | None) -> None:
        """Set, change or remove the passphrase, under the same rules as at creation."""
        check_new_passphrase(passphrase)
        self.vault.set_passphrase(passphrase)

    def rotate_key(self, passphrase: str | None = None,
                   on_recovery_key: Callable[[str], None] | None = None) -> str:  # fmt: skip
        return self.vault.rotate_key(passphrase=passphrase, on_recovery_key=on_recovery_key)

    def backup(self, dest: Path) -> BackupResult:
        return self.vault.backup(dest)

    def restore(self, source: Path, passphrase: str | None = None,
                recovery_key: str | None = None) -> VaultStatus:  # fmt: skip
        """Replace the vault with a backup (the current one is kept aside) and open it."""
        self.close()
        self._vault = Vault.restore(self.folder, source, passphrase=passphrase, recovery_key=recovery_key)
        return self._vault.status()
