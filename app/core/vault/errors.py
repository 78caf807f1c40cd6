"""What can go wrong with the vault, as exceptions whose messages a clinician can act on.

Messages never carry stored content (it may be patient data), only file names and causes.
"""

from __future__ import annotations


class VaultError(Exception):
    """Base class: every vault failure the faces show to the user."""


class VaultNotFoundError(VaultError):
    """There is no vault in this data folder yet (``enclave vault init`` creates one)."""


class VaultExistsError(VaultError):
    """A vault already exists where a new one was to be created."""


class NeedsSecretError(VaultError):
    """The keyring cannot open the vault: a passphrase or the recovery key is needed."""


class WrongSecretError(VaultError):
    """The passphrase or recovery key does not open this vault (nothing was changed)."""


class RecoveryKeyFormatError(WrongSecretError):
    """The recovery key is mistyped (its checksum does not match)."""


class VaultBusyError(VaultError):
    """Another process holds the vault (a lock it did not release in time)."""


class PassphraseRequiredError(VaultError):
    """No OS keyring works here: a vault made without a passphrase would open only with the
    recovery key, so a passphrase is required."""


class WeakPassphraseError(VaultError):
    """The passphrase is too easy to guess to protect the vault's key."""


class VaultStorageError(VaultError):
    """The disk refused a write (full, read-only, I/O error); committed data is intact."""


class VaultCorruptError(VaultError):
    """The database file is damaged or is not an Enclave vault."""


class UnknownItemError(VaultError, KeyError):
    """A session, message or document id that does not exist (or was deleted)."""

    def __str__(self) -> str:  # KeyError would print the repr of the argument
        return str(self.args[0]) if self.args else "unknown item"
