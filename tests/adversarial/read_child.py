"""Child process: read each path through the real use case (services.documents.read, privacy
high) and touch the pixels of every image series, printing one JSON line per path.

Run with a memory cap (RLIMIT_AS) by the parent, so an unbounded allocation or a crash in
native code ends this process, not the test run: the parent sees a missing line.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    from app.core import offline

    offline.install()
    from app.core.documents.model import DocumentError
    from app.services import documents as document_services

    for raw in argv:
        started = time.monotonic()
        path = Path(raw)
        outcome: dict[str, object] = {"path": raw}
        try:
            read = document_services.read([path], "high")
            outcome["documents"] = [d.kind for d in read.documents]
            outcome["errors"] = [str(e) for e in read.errors]
            pixel_errors = []
            for doc in read.documents:
                for series in doc.series:
                    for index in {0, series.frame_count - 1, series.frame_count // 2}:
                        try:
                            series.frame(index)
                        except DocumentError as exc:
                            pixel_errors.append(str(exc))
            outcome["pixel_errors"] = pixel_errors
        except DocumentError as exc:  # a clear error is a good outcome
            outcome["errors"] = [str(exc)]
        except BaseException as exc:  # anything else is what the test is looking for
            outcome["escaped"] = f"{type(exc).__name__}: {str(exc)[:300]}"
        outcome["seconds"] = round(time.monotonic() - started, 3)
        print(json.dumps(outcome, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
