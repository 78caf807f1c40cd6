"""Running one task over many documents, resumable, one JSON line per document.

The output file is the record of what is finished: every line is written whole and
flushed to disk before the next document starts, so a run killed at any moment leaves
finished lines and at most one torn last line, which the next run cuts off before it
resumes. A document is identified by the SHA-256 of its bytes plus the task (prompt
id@version and language), so an edited file or a new prompt version is done again.
One bad file gives an error line and the run goes on.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ProcessFn = Callable[[Path], dict[str, Any]]


@dataclass
class BatchProgress:
    done: int  # finished in this run (ok or error)
    total: int  # to do in this run (without those finished before)
    skipped: int  # finished by an earlier run
    failed: int
    elapsed_seconds: float
    current: str = ""

    @property
    def eta_seconds(self) -> float | None:
        if self.done == 0:
            return None
        return self.elapsed_seconds / self.done * (self.total - self.done)

    def line(self) -> str:
        eta = self.eta_seconds
        eta_text = "--:--" if eta is None else f"{int(eta) // 60:02d}:{int(eta) % 60:02d}"
        percent = 100 * self.done / self.total if self.total else 100.0
        return (f"[{self.done}/{self.total}] {percent:5.1f}%  ETA {eta_text}  errors {self.failed}"
                f"  skipped {self.skipped}  {self.current}")  # fmt: skip


ProgressFn = Callable[[BatchProgress], None]


@dataclass
class BatchSummary:
    total_files: int
    processed: int = 0
    skipped: int = 0
    failed: int = 0
    cancelled: bool = False
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, message)
    seconds: float = 0.0


def list_inputs(folder: Path, exclude: Sequence[Path] = ()) -> list[Path]:
    """Every file under ``folder`` (recursively, hidden ones skipped), in a stable order."""
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder}: is not a folder")
    skip = {p.resolve() for p in exclude}
    files = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if path.resolve() in skip:
            continue
        files.append(path)
    return files


def item_key(path: Path, task_key: str) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return f"{digest.hexdigest()}:{task_key}"


def _repair(out: Path) -> None:
    """Cut off a torn last line left by a run that was killed while writing it."""
    if not out.exists() or out.stat().st_size == 0:
        return
    with out.open("rb+") as handle:
        data = handle.read()
        if data.endswith(b"\n"):
            return
        cut = data.rfind(b"\n") + 1
        handle.truncate(cut)


def read_records(out: Path) -> list[dict[str, Any]]:
    """The whole lines of a batch output file (a torn or foreign line is skipped)."""
    records: list[dict[str, Any]] = []
    if not out.exists():
        return records
    with out.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.endswith("\n"):
                break
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and "key" in record:
                records.append(record)
    return records


def finished_keys(out: Path, *, retry_errors: bool = False) -> set[str]:
    last: dict[str, str] = {}
    for record in read_records(out):
        last[str(record["key"])] = str(record.get("status"))
    return {key for key, status in last.items() if status == "ok" or not retry_errors}


ProcessManyFn = Callable[[list[Path]], list["dict[str, Any] | Exception"]]


def _outcomes(items: Sequence[tuple[Path, str, str]], process: ProcessFn,
              process_many: ProcessManyFn | None) -> list[dict[str, Any]]:  # fmt: skip
    """One record body per item: ``process`` one at a time, or ``process_many`` on the group."""
    bodies: list[dict[str, Any]] = [{} for _ in items]
    readable = []
    for index, (path, _key, unreadable) in enumerate(items):
        if unreadable:
            bodies[index] = {"status": "error", "error": f"{path.name}: cannot be read ({unreadable})"}
        else:
            readable.append(index)
    if process_many is not None and len(readable) > 1:
        try:
            results = process_many([items[i][0] for i in readable])
        except Exception as exc:  # the group failed as a whole: each file says so
            results = [exc] * len(readable)
    else:
        results = []
        for i in readable:
            try:
                results.append(process(items[i][0]))
            except Exception as exc:  # one bad file never stops the run
                results.append(exc)
    for i, result in zip(readable, results, strict=True):
        if isinstance(result, Exception):
            bodies[i] = {"status": "error", "error": str(result) or type(result).__name__}
        else:
            bodies[i] = {"status": "ok", "result": result}
    return bodies


def run_batch(files: Sequence[Path], process: ProcessFn, out: Path, *, task_key: str,
              root: Path | None = None, progress: ProgressFn | None = None, retry_errors: bool = False,
              cancel: threading.Event | None = None, process_many: ProcessManyFn | None = None,
              group_size: int = 1) -> BatchSummary:  # fmt: skip
    """Run ``process`` on each file not finished before, appending one line per file.
    With ``process_many`` and ``group_size`` > 1, files go ``group_size`` at a time to
    ``process_many`` (one result or exception per file, in order); lines are still one per file."""
    started = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    _repair(out)
    done_before = finished_keys(out, retry_errors=retry_errors)
    summary = BatchSummary(total_files=len(files))
    todo: list[tuple[Path, str, str]] = []  # (file, key, why it cannot be read)
    for path in files:
        try:
            key, unreadable = item_key(path, task_key), ""
        except OSError as exc:
            key, unreadable = f"unreadable:{path}:{task_key}", str(exc.strerror or exc)
        if key in done_before:
            summary.skipped += 1
        else:
            todo.append((path, key, unreadable))
    state = BatchProgress(0, len(todo), summary.skipped, 0, 0.0)
    if progress:
        progress(state)
    group = max(1, group_size) if process_many is not None else 1

    def name_of(path: Path) -> str:
        return str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)

    with out.open("a", encoding="utf-8") as handle:
        for begin in range(0, len(todo), group):
            if cancel is not None and cancel.is_set():
                summary.cancelled = True
                break
            items = todo[begin:begin + group]
            state.current = name_of(items[0][0])
            item_started = time.perf_counter()
            bodies = _outcomes(items, process, process_many)
            if cancel is not None and cancel.is_set():
                summary.cancelled = True  # the items were cut short: they are not recorded
                break
            seconds = (time.perf_counter() - item_started) / len(items)
            for (path, key, _), body in zip(items, bodies, strict=True):
                name = name_of(path)
                record: dict[str, Any] = {"key": key, "file": name, **body}
                record["seconds"] = round(seconds, 3)
                record["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
                summary.processed += 1
                if record["status"] == "error":
                    summary.failed += 1
                    summary.errors.append((name, str(record["error"])))
                state.done += 1
                state.failed = summary.failed
                state.elapsed_seconds = time.perf_counter() - started
                if progress:
                    progress(state)
    summary.seconds = time.perf_counter() - started
    return summary


CSV_COLUMNS = ("file", "status", "error", "task", "prompt", "model", "label", "findings", "grounded_share",
               "fleischner", "text")  # fmt: skip


def _csv_row(record: dict[str, Any]) -> dict[str, str]:
    result = record.get("result") or {}
    findings = result.get("findings") or []
    listed = "; ".join(
        f"{f.get('label')} ({f.get('certainty')}"
        f"{'' if f.get('grounding', {}).get('grounded') else ', UNGROUNDED'})"
        for f in findings
    )
    panel = result.get("fleischner") or {}
    recommendation = (panel.get("recommendation") or {}).get("recommendation") if panel else None
    return {
        "file": str(record.get("file", "")),
        "status": str(record.get("status", "")),
        "error": str(record.get("error", "")),
        "task": str(result.get("task", "")),
        "prompt": str(result.get("prompt", "")),
        "model": str(result.get("model", "")),
        "label": str(result.get("label", "")),
        "findings": listed,
        "grounded_share": "" if result.get("grounded_share") is None else f"{result['grounded_share']:.2f}",
        "fleischner": recommendation or "",
        "text": str(result.get("text", "")),
    }


def export_csv(jsonl: Path, csv_path: Path) -> int:
    """The batch file as a spreadsheet (the last record per document); returns the rows written."""
    latest: dict[str, dict[str, Any]] = {}
    for record in read_records(jsonl):
        latest[str(record["key"])] = record
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:  # BOM: Excel reads UTF-8
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for record in latest.values():
            writer.writerow(_csv_row(record))
    return len(latest)
