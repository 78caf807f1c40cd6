"""Schema with versioned migrations.

``schema_version`` holds one row. Migration N (``MIGRATIONS[N - 1]``) upgrades a database
at version N - 1 to N inside one transaction together with the version bump, so a crash
mid-migration leaves the old version intact (SQLite DDL is transactional). Released
migrations are never edited; a schema change adds a function.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from app.core.vault.db import Connection, transaction
from app.core.vault.errors import VaultCorruptError
from app.core.vault.search import index_text

_V1_STATEMENTS = (
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created REAL NOT NULL,
        updated REAL NOT NULL,
        privacy_level TEXT NOT NULL CHECK (privacy_level IN ('standard', 'high')),
        pinned INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
        content TEXT NOT NULL,
        task TEXT,
        model TEXT,
        timings TEXT,
        created REAL NOT NULL,
        edited REAL
    )
    """,
    """
    CREATE INDEX messages_session ON messages(session_id, id)
    """,
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        source_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        text TEXT NOT NULL,
        metadata TEXT NOT NULL DEFAULT '{}',
        original BLOB,
        size INTEGER NOT NULL DEFAULT 0,
        created REAL NOT NULL
    )
    """,
    """
    CREATE INDEX documents_session ON documents(session_id, id)
    """,
    """
    CREATE TABLE analyses (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        task TEXT NOT NULL,
        prompt_version TEXT NOT NULL,
        result TEXT NOT NULL,
        grounding TEXT,
        created REAL NOT NULL
    )
    """,
    """
    CREATE INDEX analyses_session ON analyses(session_id, id)
    """,
    """
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        action TEXT NOT NULL,
        session_id TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
    )
    """,
    # Append-only: the log of who saw, exported or deleted what cannot be edited.
    """
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
    """,
    """
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
    """,
    "CREATE TABLE vault_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)


def _v1_base(conn: Connection) -> None:
    # One statement at a time: executescript() would COMMIT the migration's transaction.
    for statement in _V1_STATEMENTS:
        conn.execute(statement)


_TOKENIZER = "unicode61 remove_diacritics 2"


def _v2_search(conn: Connection) -> None:
    """Full-text search over messages and document text, backfilled from existing rows."""
    for table in ("messages_fts", "documents_fts"):
        conn.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(body, tokenize='{_TOKENIZER}')")
        # secure-delete: a deleted row's terms leave the index at once, not at the next merge.
        conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('secure-delete', 1)")  # noqa: S608
    rows = conn.execute("SELECT id, content FROM messages")
    conn.executemany("INSERT INTO messages_fts(rowid, body) VALUES (?, ?)",
                     ((rid, index_text(body)) for rid, body in rows.fetchall()))  # fmt: skip
    rows = conn.execute("SELECT id, source_name, text FROM documents")
    conn.executemany("INSERT INTO documents_fts(rowid, body) VALUES (?, ?)",
                     ((rid, index_text(f"{name}\n{text}")) for rid, name, text in rows.fetchall()))


def _v3_federation(conn: Connection) -> None:
    """Structured findings a site imports for cross-hospital studies: labels and coarse
    attributes only, one row per privacy unit (app/core/federation/records.py)."""
    conn.execute("CREATE TABLE federation_records (unit TEXT PRIMARY KEY, source TEXT NOT NULL, "
                 "record TEXT NOT NULL, imported REAL NOT NULL)")


def _v4_review_and_training(conn: Connection) -> None:
    """A clinician's review of each extracted finding (append-only history: the newest
    decision per finding counts), and the labelled reports a site trains the consortium's
    findings model on (app/core/federation/labelled.py)."""
    conn.execute("CREATE TABLE finding_feedback (id INTEGER PRIMARY KEY, "
                 "session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE, "
                 "analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE, "
                 "finding INTEGER NOT NULL CHECK (finding >= 0), "
                 "decision TEXT NOT NULL CHECK (decision IN ('confirm', 'reject', 'correct')), "
                 "label TEXT, certainty TEXT CHECK (certainty IN ('present', 'absent', 'possible')), "
                 "created REAL NOT NULL)")  # fmt: skip
    conn.execute("CREATE INDEX finding_feedback_analysis ON finding_feedback(analysis_id, finding, id)")
    conn.execute("CREATE INDEX finding_feedback_session ON finding_feedback(session_id)")
    conn.execute("CREATE TABLE training_examples (unit TEXT PRIMARY KEY, source TEXT NOT NULL, "
                 "text TEXT NOT NULL, labels TEXT NOT NULL, imported REAL NOT NULL)")


MIGRATIONS: list[Callable[[Connection], None]] = [
    _v1_base,
    _v2_search,
    _v3_federation,
    _v4_review_and_training,
]
LATEST = len(MIGRATIONS)


def version(conn: Connection) -> int:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: Connection, target: int = LATEST) -> int:
    """Bring the database to ``target``, one migration per transaction; returns the version."""
    current = version(conn)
    if current > LATEST:
        raise VaultCorruptError(f"the vault was written by a newer Enclave (schema {current}); "
                                "update Enclave to open it")  # fmt: skip
    while current < target:
        with transaction(conn):
            if current == 0:
                conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
                conn.execute("INSERT INTO schema_version VALUES (0)")
            MIGRATIONS[current](conn)
            current += 1
            conn.execute("UPDATE schema_version SET version = ?", (current,))
            conn.execute("INSERT INTO audit_log(at, action, detail) VALUES (?, 'schema.migrated', ?)",
                         (time.time(), json.dumps({"version": current})))  # fmt: skip
    return current
