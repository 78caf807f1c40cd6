"""Vault benchmark: SQLCipher (the vault's own code) beside plain sqlite3 on the same workload.

    .venv/bin/python -m tests.benchmarks.bench_vault            # quick (CI size)
    ENCLAVE_BENCH_FULL=1 .venv/bin/python -m tests.benchmarks.bench_vault   # 100k messages

The same repository and schema code runs on both connections (WAL, synchronous=FULL,
secure_delete, FTS5 in step). The baseline is the same SQLite build (sqlcipher3's 3.5x) with
no key, i.e. a plain SQLite file, so the ratio is the cost of encryption alone (the
interpreter's own sqlite3 is older and lacks FTS5 secure-delete). Goals (issue 3):
writes >= 0.8x plain SQLite, FTS p95 < 50 ms at 100k messages, open < 20 ms. Figures are
printed, never asserted: wall-clock speed depends on the machine.
"""

from __future__ import annotations

import csv
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3

from app.core.vault import export, keys, repository, schema
from app.core.vault.db import connect
from app.core.vault.models import SessionDetail

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "iu_cxr_reports.csv"
QUERIES = ["effusion", "cardiomegaly", "pneumothorax", "granuloma", "atelectasis", "nodule",
           "pleural effusion", "heart size", "degenerative", "opacity"]  # fmt: skip


def _texts() -> list[str]:
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        return [f"FINDINGS: {r['findings']} IMPRESSION: {r['impression']}" for r in rows if r["findings"]]
    return [f"Report {i}: heart size normal, no pleural effusion, nodule {i % 97}" for i in range(3000)]


def _plain(path: Path) -> Any:
    conn = sqlcipher3.connect(str(path), isolation_level=None)  # no key: a plain SQLite file
    for pragma in ("foreign_keys = ON", "secure_delete = ON", "temp_store = MEMORY", "journal_mode = WAL",
                   "synchronous = FULL"):  # fmt: skip
        conn.execute(f"PRAGMA {pragma}")
    return conn


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(full: bool = False, out: Callable[[str], None] = print) -> dict[str, dict[str, float]]:
    n_insert, n_fts, n_export = 10_000, (100_000 if full else 10_000), 1_000
    if not full:
        n_insert = 2_000
    texts = _texts()
    raw_key = keys.new_raw_key()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="enclave-bench-") as tmp:
        folder = Path(tmp)
        conns: dict[str, Any] = {}
        for name in ("sqlcipher", "sqlite"):
            path = folder / f"{name}.db"
            conn = connect(path, raw_key, create=True) if name == "sqlcipher" else _plain(path)
            schema.migrate(conn)
            repository.create_session(conn, "s1", "bench", "high")
            repository.create_session(conn, "s2", "export", "high")
            conns[name] = conn

        # Open: connection, key, first read (what Vault.open pays before any query).
        for name in ("sqlcipher", "sqlite"):
            path = folder / f"{name}.db"
            times = []
            for _ in range(30):
                def once(name: str = name, path: Path = path) -> None:
                    c = connect(path, raw_key) if name == "sqlcipher" else _plain(path)
                    c.execute("SELECT count(*) FROM sessions").fetchone()
                    c.close()

                times.append(_timed(once))
            results.setdefault("open_ms", {})[name] = statistics.median(times) * 1000

        # Writes: n_insert messages in transactions of 100 (with the FTS index in step).
        for name, conn in conns.items():
            batches = [[("user", texts[(b * 100 + i) % len(texts)]) for i in range(100)]
                       for b in range(n_insert // 100)]  # fmt: skip
            seconds = _timed(lambda conn=conn, batches=batches: [repository.add_messages(conn, "s1", b)
                                                                 for b in batches])  # fmt: skip
            results.setdefault("insert_msgs_per_s", {})[name] = n_insert / seconds

        # FTS: fill to n_fts messages, then ranked queries with snippets.
        for name, conn in conns.items():
            have = n_insert
            while have < n_fts:
                chunk = min(5_000, n_fts - have)
                batch = [("user", texts[(have + i) % len(texts)]) for i in range(chunk)]
                repository.add_messages(conn, "s1", batch)
                have += chunk
            times = []
            for _ in range(5):
                for query in QUERIES:
                    times.append(_timed(lambda conn=conn, query=query: repository.search(conn, query, 20)))
            results.setdefault("fts_p50_ms", {})[name] = _pct(times, 0.5) * 1000
            results.setdefault("fts_p95_ms", {})[name] = _pct(times, 0.95) * 1000

        # Export of a 1k-message session to Markdown (read + render).
        for name, conn in conns.items():
            session = [("assistant", texts[i % len(texts)]) for i in range(n_export)]
            repository.add_messages(conn, "s2", session)

            def do_export(conn: Any = conn) -> None:
                detail = SessionDetail(repository.get_session(conn, "s2"), repository.messages(conn, "s2"),
                                       repository.documents(conn, "s2"), repository.analyses(conn, "s2"))
                export.render(detail, "markdown")

            results.setdefault("export_1k_ms", {})[name] = statistics.median(
                [_timed(do_export) for _ in range(5)]) * 1000  # fmt: skip
        for conn in conns.values():
            conn.close()

    out(f"vault benchmark ({'full' if full else 'quick'}: {n_insert} inserts, FTS over {n_fts} messages)")
    out(f"{'measure':<20} {'SQLCipher':>12} {'sqlite3':>12} {'ratio':>8}")
    for measure, pair in results.items():
        ratio = pair["sqlcipher"] / pair["sqlite"]
        out(f"{measure:<20} {pair['sqlcipher']:>12.2f} {pair['sqlite']:>12.2f} {ratio:>7.2f}x")
    write_ratio = results["insert_msgs_per_s"]["sqlcipher"] / results["insert_msgs_per_s"]["sqlite"]
    out(f"goals: writes {write_ratio:.2f}x plain (>= 0.8), FTS p95 "
        f"{results['fts_p95_ms']['sqlcipher']:.1f} ms (< 50 at 100k), "
        f"open {results['open_ms']['sqlcipher']:.2f} ms (< 20)")
    return results


def test_bench_vault_quick(capsys: Any) -> None:
    """CI runs the quick size and prints the table (run with -s to see it)."""
    results = run(full=bool(os.environ.get("ENCLAVE_BENCH_FULL")))
    assert set(results) == {"open_ms", "insert_msgs_per_s", "fts_p50_ms", "fts_p95_ms", "export_1k_ms"}
    assert all(v > 0 for pair in results.values() for v in pair.values())


if __name__ == "__main__":
    run(full=bool(os.environ.get("ENCLAVE_BENCH_FULL")))
