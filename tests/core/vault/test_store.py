"""Sessions, messages, documents, analyses, search (English and Chinese), export, audit,
ephemeral sessions, backup and restore, concurrency, migrations."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest

from app.core.vault import keys, schema
from app.core.vault.db import connect
from app.core.vault.errors import UnknownItemError, VaultExistsError
from app.core.vault.models import DocumentInput
from app.core.vault.vault import Vault
from tests.conftest import report_text
from tests.core.vault.keyrings import MemoryKeyring


@pytest.fixture
def vault(folder: Path) -> Vault:
    v, _ = Vault.create(folder)
    yield v
    v.close()


def test_session_lifecycle(vault: Vault) -> None:
    a = vault.create_session("A", "standard")
    b = vault.create_session("B")
    vault.pin_session(a.id)
    assert [s.title for s in vault.list_sessions()] == ["A", "B"]  # pinned first
    assert vault.rename_session(b.id, "B2").title == "B2"
    m = vault.add_message(b.id, "user", "hello", task="ask@1")
    edited = vault.edit_message(b.id, m.id, "hello again")
    assert edited.content == "hello again" and edited.edited is not None
    assert vault.get_session(b.id).message_count == 1
    with pytest.raises(ValueError, match="role"):
        vault.add_message(b.id, "robot", "x")
    with pytest.raises(UnknownItemError):
        vault.add_message("nope", "user", "x")
    vault.delete_session(b.id)
    with pytest.raises(UnknownItemError):
        vault.get_session(b.id)
    assert [s.title for s in vault.list_sessions()] == ["A"]


def test_documents_and_original_cap(vault: Vault) -> None:
    s = vault.create_session("docs")
    small = DocumentInput("text", "a.txt", "a" * 64, "text a", {"Modality": "CR"}, original=b"x" * 100)
    big = DocumentInput("text", "b.txt", "b" * 64, "text b", original=b"y" * 5000)
    vault.set_original_max_bytes(1000)
    d1, d2 = vault.attach_document(s.id, small), vault.attach_document(s.id, big)
    assert d1.has_original and not d2.has_original  # over the cap: text only
    assert vault.document_original(s.id, d1.id) == b"x" * 100
    assert vault.documents(s.id)[0].metadata == {"Modality": "CR"}
    analysis = vault.add_analysis(s.id, "findings", "2", {"findings": [{"label": "nodule"}]},
                                  grounding={"grounded_share": 1.0})  # fmt: skip
    assert vault.analyses(s.id) == [analysis]


def test_search_english_and_chinese_real_reports(vault: Vault, iu_rows: list[dict[str, str]]) -> None:
    s = vault.create_session("IU reports")
    rows = [r for r in iu_rows if r["findings"].strip()][:200]
    vault.add_messages(s.id, [("user", report_text(r)) for r in rows])
    expected = sum(bool(re.search(r"\beffusion\b", report_text(r).lower())) for r in rows)  # whole words
    hits = vault.search("effusion", limit=500)
    assert len(hits) == expected > 0
    assert all("effusion" in "".join(t for t, hit in h.snippet_parts if hit).lower() for h in hits)
    assert vault.search("cardiomeg*") and not vault.search("cardiomeg")  # prefix only when asked
    zh = vault.create_session("中文")
    vault.add_message(zh.id, "assistant", "右下肺见结节影，考虑肺炎可能。心影增大。")
    found = vault.search("肺炎")
    assert [h.session_id for h in found] == [zh.id]
    assert "".join(t for t, hit in found[0].snippet_parts if hit) == "肺炎"
    assert vault.search("心影 增大") and not vault.search("肝脏")
    # FTS operators and stray quotes are words, never a syntax error.
    assert vault.search('"unbalanced quote') == []
    words = {t.lower() for h in vault.search("AND OR *") for t, hit in h.snippet_parts if hit}
    assert words == {"and", "or"}


def test_export_markdown_and_json(vault: Vault) -> None:
    s = vault.create_session("导出 export")
    vault.attach_document(s.id, DocumentInput("text", "r.txt", "c" * 64, "FINDINGS: clear."))
    vault.add_message(s.id, "user", "Summarise")
    vault.add_message(s.id, "assistant", "Lungs are clear. 双肺清晰。", task="summary@1", model="qwen2.5")
    md = vault.export_session(s.id, "markdown", assistant_label="AI draft")
    assert md.startswith("# 导出 export") and "Lungs are clear. 双肺清晰。" in md and "*AI draft*" in md
    data = json.loads(vault.export_session(s.id, "json"))
    assert [m["role"] for m in data["messages"]] == ["user", "assistant"]
    assert data["documents"][0]["source_name"] == "r.txt"
    assert [e.action for e in vault.audit_entries(2)] == ["session.exported", "session.exported"]
    with pytest.raises(ValueError, match="format"):
        vault.export_session(s.id, "pdf")  # type: ignore[arg-type]


def test_audit_log_is_append_only(vault: Vault) -> None:
    s = vault.create_session("x")
    vault.view_session(s.id)
    assert vault.audit_entries(1)[0].action == "session.viewed"

    def tamper(conn: object) -> None:
        conn.execute("DELETE FROM audit_log")  # type: ignore[attr-defined]

    with pytest.raises(Exception, match="append-only"):
        vault._run(tamper)


def test_ephemeral_sessions_never_reach_disk(vault: Vault, folder: Path) -> None:
    e = vault.create_session("EPHEMERAL-TITLE", "ephemeral")
    vault.add_message(e.id, "user", "EPHEMERAL-CANARY text")
    assert vault.get_session(e.id).ephemeral
    assert any(h.session_id == e.id for h in vault.search("EPHEMERAL"))
    raw = b"".join(p.read_bytes() for p in folder.iterdir() if p.is_file())
    raw_key = keys.keyring_load(vault.vault_id)[0]
    from tests.core.vault.pages import decrypted_pages

    pages = b"".join(decrypted_pages(raw_key, folder / "vault.db"))
    assert b"EPHEMERAL" not in raw and b"EPHEMERAL" not in pages
    assert vault.status().counts["sessions"] == 0
    vault.close()
    with Vault.open(folder) as again:
        assert again.list_sessions() == []


def test_concurrent_callers(vault: Vault) -> None:
    sessions = [vault.create_session(f"t{i}") for i in range(4)]
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            for j in range(50):
                vault.add_message(sessions[index].id, "user", f"thread {index} msg {j}")
                vault.search(f"thread {index}")
                vault.list_sessions()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "deadlock"
    assert not errors, errors
    for i, s in enumerate(sessions):
        assert [m.content for m in vault.messages(s.id)] == [f"thread {i} msg {j}" for j in range(50)]
    vault.check()


def test_backup_and_restore(folder: Path, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    vault, recovery_key = Vault.create(folder)
    s = vault.create_session("before backup")
    vault.add_message(s.id, "user", "BACKED-UP text")
    result = vault.backup(tmp_path / "b.enclave")
    assert result.counts["messages"] == 1 and result.header.exists()
    assert not (tmp_path / "b.enclave").read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(VaultExistsError):
        vault.backup(tmp_path / "b.enclave")
    vault.add_message(s.id, "user", "after the backup")
    vault.close()
    memory_keyring.items.clear()  # restoring on a new workstation: only the recovery key
    restored = Vault.restore(folder, tmp_path / "b.enclave", recovery_key=recovery_key)
    assert [m.content for m in restored.messages(s.id)] == ["BACKED-UP text"]
    assert restored.audit_entries(1)[0].action == "vault.restored"
    restored.close()
    kept = [p.name for p in folder.iterdir() if "pre-restore" in p.name]
    assert any(n.endswith(".header") for n in kept) and any(not n.endswith(".header") for n in kept)
    with Vault.open(folder) as again:  # the key went into the keyring
        assert again.unlocked_by == "keyring"


def test_migration_from_v1_keeps_data_and_builds_search(folder: Path) -> None:
    vault, _ = Vault.create(folder)
    raw_key = keys.keyring_load(vault.vault_id)[0]
    vault.close()
    for file in folder.glob("vault.db*"):
        file.unlink()
    conn = connect(folder / "vault.db", raw_key, create=True)
    assert schema.migrate(conn, target=1) == 1
    conn.execute("INSERT INTO sessions VALUES ('s1', 'old session', 0, 0, 'high', 1)")
    conn.execute("INSERT INTO messages(session_id, role, content, created) VALUES ('s1', 'user', "
                 "'old pneumothorax note 气胸', 0)")  # fmt: skip
    conn.execute("INSERT INTO documents(session_id, kind, source_name, sha256, text, created) "
                 "VALUES ('s1', 'text', 'old.txt', 'd', 'granuloma text', 0)")  # fmt: skip
    conn.close()
    with Vault.open(folder) as v:
        assert v.status().schema_version == schema.LATEST == 4
        assert v.get_session("s1").pinned
        assert [h.kind for h in v.search("pneumothorax")] == ["message"]
        assert [h.kind for h in v.search("气胸")] == ["message"]
        assert [h.kind for h in v.search("granuloma")] == ["document"]
        actions = [e.action for e in v.audit_entries(10)]
        assert "schema.migrated" in actions


def test_newer_schema_is_refused(folder: Path) -> None:
    vault, _ = Vault.create(folder)
    raw_key = keys.keyring_load(vault.vault_id)[0]
    vault.close()
    conn = connect(folder / "vault.db", raw_key)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.close()
    from app.core.vault.errors import VaultCorruptError

    with pytest.raises(VaultCorruptError, match="newer Enclave"):
        Vault.open(folder)


def test_a_correction_is_kept_beside_the_original_and_audited_without_values(vault: Vault) -> None:
    """A clinician's correction of the Fleischner calculator's inputs: a new analysis of the same
    message, the original unchanged, and an audit entry that names the inputs but not their values."""
    session = vault.create_session("nodule")
    message = vault.add_message(session.id, "assistant", "draft", task="followup")
    reading = {"fleischner": {"status": "needs_input"}}
    original = vault.add_analysis(session.id, "followup", "followup@2", reading, message_id=message.id)
    override = {"field": "age", "value": 71, "at": "2026-12-07T22:00:00"}
    corrected_result = {"fleischner": {"status": "recommendation", "overrides": [override]}}
    correction = vault.add_correction(session.id, original.id, corrected_result, ["age"])
    assert correction.message_id == message.id and correction.id != original.id
    assert correction.prompt_version == "followup@2+clinician"
    stored = vault.analyses(session.id)
    assert [a.result for a in stored] == [{"fleischner": {"status": "needs_input"}}, corrected_result]
    [entry] = [e for e in vault.audit_entries(session_id=session.id) if e.action == "analysis.corrected"]
    assert entry.detail == {"analysis": original.id, "correction": correction.id, "task": "followup",
                            "inputs": ["age"]}
    assert "71" not in json.dumps(entry.detail)
    again = vault.add_correction(session.id, correction.id, corrected_result, ["age", "risk.smoking"])
    assert again.prompt_version == "followup@2+clinician"  # not "+clinician+clinician"
    with pytest.raises(UnknownItemError):
        vault.add_correction(session.id, 9999, corrected_result, ["age"])
