"""After Lock, the vault's raw key and the session's decrypted text are out of reach of every
Python object in the process, and unlocking needs the passphrase again (issue 17, item 5).

The scan walks every object the garbage collector tracks and everything they refer to. The
needles are kept only as digests (the key) or rebuilt inside the scan (the text), so the
test's own variables are not what it finds."""

from __future__ import annotations

import gc
import hashlib

from app.services.vault import VaultService

PASSPHRASE = "radiology handover at seven 交班"
_REVERSED = "ecnetnes yranac eht si airotsiuq fo regdel nezorf ehT"  # the canary, written backwards


def _reachable_hits(key_digest: bytes, key_length: int) -> list[str]:
    needle = _REVERSED[::-1]
    skip = {id(needle), id(_REVERSED)}
    hits: list[str] = []
    seen: set[int] = set()
    for holder in gc.get_objects():
        for value in gc.get_referents(holder):
            if id(value) in seen or id(value) in skip:
                continue
            seen.add(id(value))
            if isinstance(value, bytes | bytearray) and len(value) == key_length:
                if hashlib.sha256(value).digest() == key_digest:
                    hits.append(f"raw key held by {type(holder).__name__}")
            elif isinstance(value, str) and needle in value:
                hits.append(f"session text held by {type(holder).__name__}: {value[:60]!r}")
    return hits


def test_lock_closes_the_vault_and_nothing_of_the_session_stays(qtbot, make_window, enclave_home,
                                                                tmp_path):  # fmt: skip
    import keyring
    from keyring.backends import fail

    from app.ui.session_store import SessionStore

    keyring.set_keyring(fail.Keyring())  # no keyring: only the passphrase opens the vault
    service = VaultService(folder=enclave_home / "vault")
    service.create(PASSPHRASE)
    store = SessionStore(service.vault, lambda: "standard", service)
    window = make_window(store=store)
    qtbot.waitUntil(lambda: window.controller.model_state == "ready", timeout=60_000)
    report = tmp_path / "report.txt"
    report.write_text("FINDINGS: " + _REVERSED[::-1] + ". Mild cardiomegaly.\n", encoding="utf-8")
    window.import_paths([str(report)])
    qtbot.waitUntil(lambda: bool(window.controller.documents), timeout=30_000)
    turn = window.controller.run_task("summary")
    qtbot.waitUntil(lambda: not turn.active, timeout=60_000)
    qtbot.waitUntil(lambda: store.session_id is not None, timeout=30_000)
    session_id = store.session_id
    qtbot.waitUntil(lambda: len(service.vault.messages(session_id)) == 2, timeout=30_000)
    key = service.vault._key
    key_digest, key_length = hashlib.sha256(key).digest(), len(key)
    del key
    assert _reachable_hits(key_digest, key_length)  # control: before the lock both are reachable

    window.lock_action.trigger()
    qtbot.waitUntil(lambda: store._closed.is_set(), timeout=30_000)
    assert window.locked and store.vault is None and not service.is_open
    gc.collect()
    hits = _reachable_hits(key_digest, key_length)
    assert hits == [], hits

    window.lock_screen.secret.setText("not the passphrase")
    window.lock_screen.button.click()
    qtbot.waitUntil(lambda: window.lock_screen.error.isVisible(), timeout=30_000)
    assert window.locked and not service.is_open
    window.lock_screen.secret.setText(PASSPHRASE)
    window.lock_screen.button.click()
    qtbot.waitUntil(lambda: not window.locked, timeout=30_000)
    assert service.is_open and store.vault is service.vault
    assert [s.id for s in service.vault.list_sessions()] == [session_id]  # the session is still stored

