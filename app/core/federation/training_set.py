"""A site's training set for the findings model, read from its own vault.

Two sources: labelled reports imported from a coded CSV (the ``training_examples`` table),
and findings a clinician reviewed in Enclave. A findings analysis is a training example once
*every* one of its findings has a decision — a half-reviewed analysis would teach the model
that the unreviewed findings were right. Its text is the session's documents, its labels
the reviewed findings: confirmed ones as drafted, corrected ones as corrected, rejected ones
dropped; a label counts as present only where the final certainty is "present".
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.core.federation.labelled import LabelledReport, label_row
from app.core.federation.records import STUDY_LABELS
from app.core.tasks.vocabulary import normalise_label
from app.core.vault import repository
from app.core.vault.db import Connection
from app.core.vault.models import Feedback
from app.core.vault.vault import Vault


@dataclass(frozen=True)
class TrainingCounts:
    imported: int
    reviewed: int  # findings analyses reviewed in full
    partly_reviewed: int  # analyses with some findings still without a decision

    @property
    def total(self) -> int:
        return self.imported + self.reviewed


def import_reports(vault: Vault, reports: Sequence[LabelledReport], source: str) -> int:
    """Store labelled reports (a report of the same unit is replaced); returns how many."""
    now = time.time()
    rows = [(r.unit, source[:200], r.text, json.dumps(dict(r.labels), sort_keys=True), now) for r in reports]

    def write(conn: Connection) -> int:
        conn.executemany(
            "INSERT INTO training_examples(unit, source, text, labels, imported) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(unit) DO UPDATE SET source = excluded.source, text = excluded.text, "
            "labels = excluded.labels, imported = excluded.imported",
            rows,
        )
        repository.audit(conn, "federation.training_imported", detail={"count": len(rows), "epsilon": None})
        return len(rows)

    return vault.run_in_transaction(write)


def final_labels(findings: Sequence[Any], decisions: dict[int, Feedback]) -> set[str] | None:
    """The study labels stated present once every finding's decision is applied; None while
    a finding has no decision yet."""
    present: set[str] = set()
    for index, finding in enumerate(findings):
        decision = decisions.get(index)
        if decision is None:
            return None
        if decision.decision == "reject":
            continue
        if decision.decision == "correct":
            label, certainty = normalise_label(decision.label or ""), decision.certainty
        else:
            label = finding.get("vocabulary_label") or normalise_label(str(finding.get("label", "")))
            certainty = finding.get("certainty")
        if label in STUDY_LABELS and certainty == "present":
            present.add(label)
    return present


def _reviewed(conn: Connection) -> tuple[list[tuple[LabelledReport, float]], int]:
    by_analysis: dict[int, dict[int, Feedback]] = {}
    for item in repository.feedback(conn):
        by_analysis.setdefault(item.analysis_id, {})[item.finding] = item
    reports: list[tuple[LabelledReport, float]] = []
    partly = 0
    for analysis_id, decisions in sorted(by_analysis.items()):
        row = conn.execute("SELECT session_id, result FROM analyses WHERE id = ?", (analysis_id,)).fetchone()
        result = json.loads(row[1]) if row and row[1] else None
        findings = result.get("findings") if isinstance(result, dict) else None
        if not isinstance(findings, list):
            continue
        present = final_labels(findings, decisions)
        if present is None:
            partly += 1
            continue
        texts = [
            r[0]
            for r in conn.execute(
                "SELECT text FROM documents WHERE session_id = ? ORDER BY id", (row[0],)
            ).fetchall()
        ]
        if not any(t.strip() for t in texts):
            continue
        newest = max(d.created for d in decisions.values())
        reports.append(
            (LabelledReport(f"analysis-{analysis_id}", "\n\n".join(texts), label_row(present)), newest)
        )
    return reports, partly


def training_set(vault: Vault, cutoff: float | None = None) -> list[LabelledReport]:
    """Every labelled report of this site; with ``cutoff``, only those labelled by then (a
    training run keeps the set it started with, so its privacy accounting holds)."""

    def read(conn: Connection) -> list[LabelledReport]:
        rows = conn.execute(
            "SELECT unit, text, labels, imported FROM training_examples ORDER BY rowid"
        ).fetchall()
        reports = [
            LabelledReport(u, t, json.loads(labels))
            for u, t, labels, at in rows
            if cutoff is None or at <= cutoff
        ]
        reviewed, _ = _reviewed(conn)
        return reports + [r for r, at in reviewed if cutoff is None or at <= cutoff]

    return vault.run_in_transaction(read)


def counts(vault: Vault) -> TrainingCounts:
    def read(conn: Connection) -> TrainingCounts:
        imported = int(conn.execute("SELECT count(*) FROM training_examples").fetchone()[0])
        reviewed, partly = _reviewed(conn)
        return TrainingCounts(imported, len(reviewed), partly)

    return vault.run_in_transaction(read)
