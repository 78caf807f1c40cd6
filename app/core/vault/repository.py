"""All SQL the vault runs on a connection. Functions run on the DB thread only.

Writes open their own transaction; full-text rows are kept in step with their source
rows inside the same transaction.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from typing import Any, Literal, cast

from app.core.vault.db import Connection, transaction
from app.core.vault.errors import UnknownItemError
from app.core.vault.models import (
    DECISIONS,
    ROLES,
    Analysis,
    AuditEntry,
    Decision,
    DocumentInput,
    DocumentRecord,
    Feedback,
    Message,
    Role,
    SearchHit,
    SessionInfo,
    StoredPrivacy,
)
from app.core.vault.search import HIT_END, HIT_START, clean_snippet, fts_query, index_text

_SESSION_COLUMNS = """s.id, s.title, s.created, s.updated, s.privacy_level, s.pinned,
    (SELECT count(*) FROM messages m WHERE m.session_id = s.id),
    (SELECT count(*) FROM documents d WHERE d.session_id = s.id)"""
_MESSAGE_COLUMNS = "id, session_id, role, content, task, model, timings, created, edited"
_DOCUMENT_COLUMNS = ("id, session_id, kind, source_name, sha256, text, metadata, size, original IS NOT NULL, "
                     "created")


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _unjson(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _session(row: Sequence[Any]) -> SessionInfo:
    return SessionInfo(row[0], row[1], row[2], row[3], cast(StoredPrivacy, row[4]), bool(row[5]),
                       row[6], row[7])  # fmt: skip


def _message(row: Sequence[Any]) -> Message:
    return Message(row[0], row[1], cast(Role, row[2]), row[3], row[4], row[5], _unjson(row[6]), row[7],
                   row[8])  # fmt: skip


def _document(row: Sequence[Any]) -> DocumentRecord:
    return DocumentRecord(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]), row[7],
                          bool(row[8]), row[9])  # fmt: skip


# -- sessions ----------------------------------------------------------------------------------


def create_session(conn: Connection, session_id: str, title: str, privacy_level: str) -> SessionInfo:
    now = time.time()
    with transaction(conn):
        conn.execute("INSERT INTO sessions(id, title, created, updated, privacy_level) VALUES (?,?,?,?,?)",
                     (session_id, title, now, now, privacy_level))  # fmt: skip
    return get_session(conn, session_id)


def get_session(conn: Connection, session_id: str) -> SessionInfo:
    row = conn.execute(f"SELECT {_SESSION_COLUMNS} FROM sessions s WHERE s.id = ?", (session_id,)).fetchone()  # noqa: S608
    if row is None:
        raise UnknownItemError(f"no session {session_id}")
    return _session(row)


def list_sessions(conn: Connection) -> list[SessionInfo]:
    rows = conn.execute(f"SELECT {_SESSION_COLUMNS} FROM sessions s ORDER BY s.pinned DESC, s.updated DESC")  # noqa: S608
    return [_session(r) for r in rows.fetchall()]


def _touch(conn: Connection, session_id: str) -> None:
    cursor = conn.execute("UPDATE sessions SET updated = ? WHERE id = ?", (time.time(), session_id))
    if cursor.rowcount == 0:
        raise UnknownItemError(f"no session {session_id}")


def rename_session(conn: Connection, session_id: str, title: str) -> SessionInfo:
    with transaction(conn):
        _touch(conn, session_id)
        conn.execute("UPDATE sessions SET title = ? WHERE id = ?", (title, session_id))
    return get_session(conn, session_id)


def pin_session(conn: Connection, session_id: str, pinned: bool) -> SessionInfo:
    with transaction(conn):
        cursor = conn.execute("UPDATE sessions SET pinned = ? WHERE id = ?", (int(pinned), session_id))
        if cursor.rowcount == 0:
            raise UnknownItemError(f"no session {session_id}")
    return get_session(conn, session_id)


def delete_session(conn: Connection, session_id: str) -> None:
    """Delete the session and everything in it (the index rows too, with FTS secure-delete)."""
    with transaction(conn):
        get_session(conn, session_id)
        conn.execute("DELETE FROM messages_fts WHERE rowid IN (SELECT id FROM messages WHERE session_id = ?)",
                     (session_id,))  # fmt: skip
        conn.execute("DELETE FROM documents_fts WHERE rowid IN "
                     "(SELECT id FROM documents WHERE session_id = ?)", (session_id,))  # fmt: skip
        conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))  # cascades


# -- messages ----------------------------------------------------------------------------------


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")


def _insert_message(conn: Connection, session_id: str, role: str, content: str, task: str | None,
                    model: str | None, timings: dict[str, Any] | None, now: float) -> int:  # fmt: skip
    _check_role(role)
    cursor = conn.execute(
        "INSERT INTO messages(session_id, role, content, task, model, timings, created) "
        "VALUES (?,?,?,?,?,?,?)",
        (session_id, role, content, task, model, _json(timings), now),
    )
    message_id = int(cursor.lastrowid)
    conn.execute("INSERT INTO messages_fts(rowid, body) VALUES (?, ?)", (message_id, index_text(content)))
    return message_id


def add_message(conn: Connection, session_id: str, role: str, content: str, task: str | None = None,
                model: str | None = None, timings: dict[str, Any] | None = None) -> Message:  # fmt: skip
    with transaction(conn):
        _touch(conn, session_id)
        message_id = _insert_message(conn, session_id, role, content, task, model, timings, time.time())
    return get_message(conn, message_id)


def add_messages(conn: Connection, session_id: str, items: Iterable[tuple[str, str]]) -> int:
    """Many (role, content) messages in one transaction (imports, benchmarks)."""
    count = 0
    now = time.time()
    with transaction(conn):
        _touch(conn, session_id)
        for role, content in items:
            _insert_message(conn, session_id, role, content, None, None, None, now)
            count += 1
    return count


def get_message(conn: Connection, message_id: int) -> Message:
    row = conn.execute(f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE id = ?", (message_id,)).fetchone()  # noqa: S608
    if row is None:
        raise UnknownItemError(f"no message {message_id}")
    return _message(row)


def edit_message(conn: Connection, session_id: str, message_id: int, content: str) -> Message:
    with transaction(conn):
        cursor = conn.execute("UPDATE messages SET content = ?, edited = ? WHERE id = ? AND session_id = ?",
                              (content, time.time(), message_id, session_id))  # fmt: skip
        if cursor.rowcount == 0:
            raise UnknownItemError(f"no message {message_id} in session {session_id}")
        conn.execute("DELETE FROM messages_fts WHERE rowid = ?", (message_id,))
        conn.execute("INSERT INTO messages_fts(rowid, body) VALUES (?, ?)", (message_id, index_text(content)))
        _touch(conn, session_id)
    return get_message(conn, message_id)


def messages(conn: Connection, session_id: str) -> list[Message]:
    rows = conn.execute(f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE session_id = ? ORDER BY id",  # noqa: S608
                        (session_id,))  # fmt: skip
    return [_message(r) for r in rows.fetchall()]


# -- documents and analyses --------------------------------------------------------------------


def attach_document(conn: Connection, session_id: str, doc: DocumentInput,
                    original_cap: int) -> DocumentRecord:  # fmt: skip
    original = doc.original if doc.original is not None and len(doc.original) <= original_cap else None
    size = len(doc.original) if doc.original is not None else len(doc.text.encode("utf-8"))
    with transaction(conn):
        _touch(conn, session_id)
        cursor = conn.execute(
            "INSERT INTO documents(session_id, kind, source_name, sha256, text, metadata, original, size, "
            "created) VALUES (?,?,?,?,?,?,?,?,?)",
            (session_id, doc.kind, doc.source_name, doc.sha256, doc.text,
             json.dumps(doc.metadata, ensure_ascii=False, sort_keys=True), original, size, time.time()),
        )  # fmt: skip
        doc_id = int(cursor.lastrowid)
        conn.execute("INSERT INTO documents_fts(rowid, body) VALUES (?, ?)",
                     (doc_id, index_text(f"{doc.source_name}\n{doc.text}")))  # fmt: skip
    row = conn.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()  # noqa: S608
    return _document(row)


def documents(conn: Connection, session_id: str) -> list[DocumentRecord]:
    rows = conn.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE session_id = ? ORDER BY id",  # noqa: S608
                        (session_id,))  # fmt: skip
    return [_document(r) for r in rows.fetchall()]


def document_original(conn: Connection, document_id: int) -> bytes | None:
    row = conn.execute("SELECT original FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        raise UnknownItemError(f"no document {document_id}")
    return None if row[0] is None else bytes(row[0])


def add_analysis(conn: Connection, session_id: str, task: str, prompt_version: str, result: Any,
                 grounding: Any | None = None, message_id: int | None = None) -> Analysis:  # fmt: skip
    with transaction(conn):
        _touch(conn, session_id)
        cursor = conn.execute(
            "INSERT INTO analyses(session_id, message_id, task, prompt_version, result, grounding, created)"
            " VALUES (?,?,?,?,?,?,?)",
            (session_id, message_id, task, prompt_version, _json(result), _json(grounding), time.time()),
        )
    return analyses(conn, session_id, int(cursor.lastrowid))[0]


def analyses(conn: Connection, session_id: str, only_id: int | None = None) -> list[Analysis]:
    sql = ("SELECT id, session_id, message_id, task, prompt_version, result, grounding, created "
           "FROM analyses WHERE session_id = ?")  # fmt: skip
    params: tuple[Any, ...] = (session_id,)
    if only_id is not None:
        sql += " AND id = ?"
        params += (only_id,)
    rows = conn.execute(sql + " ORDER BY id", params).fetchall()
    return [Analysis(r[0], r[1], r[2], r[3], r[4], _unjson(r[5]), _unjson(r[6]), r[7]) for r in rows]


def add_correction(conn: Connection, session_id: str, analysis_id: int, result: Any,
                   fields: Sequence[str]) -> Analysis:  # fmt: skip
    """A clinician's correction of an analysis (the Fleischner calculator's inputs): a new analysis
    row beside the same message, holding the recomputed result with every correction in it, and
    an audit entry naming the corrected inputs (names only: their values are patient data and
    stay in the encrypted analysis row). The original analysis is kept unchanged."""
    with transaction(conn):
        row = conn.execute("SELECT message_id, task, prompt_version FROM analyses WHERE id = ? "
                           "AND session_id = ?", (analysis_id, session_id)).fetchone()
        if row is None:
            raise UnknownItemError(f"no analysis {analysis_id} in session {session_id}")
        message_id, task, prompt_version = row
        version = prompt_version if prompt_version.endswith("+clinician") else f"{prompt_version}+clinician"
        _touch(conn, session_id)
        cursor = conn.execute(
            "INSERT INTO analyses(session_id, message_id, task, prompt_version, result, grounding, created)"
            " VALUES (?,?,?,?,?,?,?)",
            (session_id, message_id, task, version, _json(result), None, time.time()),
        )
        new_id = int(cursor.lastrowid)
        audit(conn, "analysis.corrected", session_id,
              {"analysis": analysis_id, "correction": new_id, "task": task, "inputs": sorted(set(fields))})
    return analyses(conn, session_id, new_id)[0]


# -- a clinician's review of extracted findings -------------------------------------------------

_CERTAINTIES = ("present", "absent", "possible")
MAX_LABEL_CHARS = 120


def add_feedback(conn: Connection, session_id: str, analysis_id: int, finding: int, decision: Decision,
                 label: str | None = None, certainty: str | None = None) -> Feedback:  # fmt: skip
    """Record a decision on finding ``finding`` of analysis ``analysis_id`` (committed before
    it returns: a decision survives the app being killed the moment after)."""
    if decision not in DECISIONS:
        raise ValueError(f"a decision is one of {', '.join(DECISIONS)}, not {decision!r}")
    if decision == "correct":
        label = (label or "").strip()
        if not label or len(label) > MAX_LABEL_CHARS:
            raise ValueError(f"a corrected finding needs a label of 1-{MAX_LABEL_CHARS} characters")
        if certainty not in _CERTAINTIES:
            raise ValueError(f"a corrected finding's certainty is one of {', '.join(_CERTAINTIES)}")
    else:
        label = certainty = None
    with transaction(conn):
        found = analyses(conn, session_id, analysis_id)
        if not found:
            raise UnknownItemError(f"no analysis {analysis_id} in session {session_id}")
        result = found[0].result
        findings = result.get("findings") if isinstance(result, dict) else None
        if not isinstance(findings, list) or not 0 <= finding < len(findings):
            raise UnknownItemError(f"analysis {analysis_id} has no finding {finding + 1}")
        cursor = conn.execute(
            "INSERT INTO finding_feedback(session_id, analysis_id, finding, decision, label, certainty, "
            "created) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (session_id, analysis_id, finding, decision, label, certainty, time.time()),
        )
        _touch(conn, session_id)
        audit(conn, "finding.reviewed", session_id, {"analysis": analysis_id, "finding": finding,
                                                     "decision": decision})  # fmt: skip
    row = conn.execute(f"SELECT {_FEEDBACK_COLUMNS} FROM finding_feedback WHERE id = ?",  # noqa: S608
                       (cursor.lastrowid,)).fetchone()  # fmt: skip
    return _feedback(row)


_FEEDBACK_COLUMNS = "id, session_id, analysis_id, finding, decision, label, certainty, created"


def _feedback(row: Sequence[Any]) -> Feedback:
    return Feedback(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7])


def feedback(conn: Connection, session_id: str | None = None) -> list[Feedback]:
    """The newest decision on each reviewed finding (of one session, or of all)."""
    where = "WHERE f.session_id = ?" if session_id is not None else ""
    sql = (f"SELECT {_FEEDBACK_COLUMNS} FROM finding_feedback f {where} AND f.id = (SELECT max(id) FROM "  # noqa: S608
           "finding_feedback g WHERE g.analysis_id = f.analysis_id AND g.finding = f.finding) "
           "ORDER BY analysis_id, finding")  # fmt: skip
    if not where:
        sql = sql.replace(" AND f.id", " WHERE f.id", 1)
    rows = conn.execute(sql, (session_id,) if session_id is not None else ()).fetchall()
    return [_feedback(r) for r in rows]


# -- search ------------------------------------------------------------------------------------


HitKind = Literal["message", "document"]
RANK_WINDOW = 1000
_TABLES: tuple[tuple[HitKind, str, str], ...] = (("message", "messages", "messages_fts"),
                                                 ("document", "documents", "documents_fts"))  # fmt: skip
# bm25 over the newest RANK_WINDOW matches: FTS5 walks rowids newest first and stops there,
# so a word found in half of 100k messages still answers in milliseconds; a rarer term
# (fewer matches than the window) is ranked over all of its matches.
_TOP_SQL = {
    kind: f"""
        WITH recent AS (
            SELECT rowid AS id, bm25({fts}) AS score FROM {fts}
            WHERE {fts} MATCH :q ORDER BY rowid DESC LIMIT :window
        )
        SELECT recent.id, t.session_id, s.title, recent.score
        FROM recent JOIN {table} t ON t.id = recent.id JOIN sessions s ON s.id = t.session_id
        ORDER BY recent.score LIMIT :limit
        """  # noqa: S608 (constant table names only)
    for kind, table, fts in _TABLES
}
_SNIPPET_SQL = {
    kind: f"SELECT rowid, snippet({fts}, 0, ?, ?, '…', 16) FROM {fts} WHERE {fts} MATCH ? AND rowid IN "  # noqa: S608
    for kind, _table, fts in _TABLES
}


def search(conn: Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Ranked (bm25) matches in messages and documents, best first, each with a snippet.

    Words match whole (English and Chinese alike); ``cardio*`` matches as a prefix.
    """
    match = fts_query(query)
    if not match:
        return []
    params: dict[str, Any] = {"q": match, "limit": limit, "window": max(RANK_WINDOW, limit)}
    top = [(kind, row) for kind, sql in _TOP_SQL.items() for row in conn.execute(sql, params).fetchall()]
    top = sorted(top, key=lambda item: item[1][3])[:limit]
    snippets: dict[tuple[str, int], str] = {}
    for kind in {k for k, _ in top}:  # one pass per table for all of its hits
        ids = [row[0] for k, row in top if k == kind]
        sql = _SNIPPET_SQL[kind] + "(" + ",".join("?" * len(ids)) + ")"
        for rowid, text in conn.execute(sql, (HIT_START, HIT_END, match, *ids)).fetchall():
            snippets[(kind, rowid)] = text
    return [SearchHit(session_id, title, kind, item_id, score,
                      clean_snippet(snippets.get((kind, item_id), "")))
            for kind, (item_id, session_id, title, score) in top]  # fmt: skip


# -- audit and settings ------------------------------------------------------------------------


def audit(conn: Connection, action: str, session_id: str | None = None,
          detail: dict[str, Any] | None = None) -> None:  # fmt: skip
    """Append to the audit log. ``detail`` must hold no patient data (ids, formats, counts)."""
    conn.execute("INSERT INTO audit_log(at, action, session_id, detail) VALUES (?, ?, ?, ?)",
                 (time.time(), action, session_id, json.dumps(detail or {}, sort_keys=True)))  # fmt: skip


def audit_entries(conn: Connection, limit: int = 100, session_id: str | None = None) -> list[AuditEntry]:
    sql = "SELECT id, at, action, session_id, detail FROM audit_log"
    params: tuple[Any, ...] = ()
    if session_id is not None:
        sql += " WHERE session_id = ?"
        params = (session_id,)
    rows = conn.execute(sql + " ORDER BY id DESC LIMIT ?", (*params, limit)).fetchall()
    return [AuditEntry(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]


def get_setting(conn: Connection, key: str, default: str) -> str:
    row = conn.execute("SELECT value FROM vault_settings WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else default


def set_setting(conn: Connection, key: str, value: str) -> None:
    with transaction(conn):
        conn.execute("INSERT INTO vault_settings(key, value) VALUES (?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))  # fmt: skip


def counts(conn: Connection) -> dict[str, int]:
    tables = ("sessions", "messages", "documents", "analyses", "audit_log")
    return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}  # noqa: S608
