"""Redaction benchmark: recall per identifier kind and precision, Chinese and English.

    .venv/bin/python -m tests.benchmarks.bench_redaction

Measured on tests/deid_eval (sentences written apart from the redactor's cue lists, values
from independent lists, set inside real IU report text and Chinese clinical sentences), on
the development set the rules were tuned on and on the held-out set. The goals (issue 18):
recall >= 0.99 for structured identifiers and >= 0.97 for names in each language, precision
>= 0.95; tests/core/deid/test_redaction_goals.py asserts them.

Then the issue-26 case set (../shared/evaluation/redaction.jsonl, scored as its score.py does: a
surviving digit or two letters in a row of an identifier is a leak; a clinical phrase must appear
unchanged): goals identifier recall >= 0.99 and clinical phrases kept >= 0.995. And the IU corpus,
already de-identified: how many of its words the redactor takes (0 expected).
"""

from __future__ import annotations

import importlib.util
import json
import re

from app.core.deid.text import redact
from tests.conftest import SHARED, iu_reports
from tests.deid_eval.measure import measure, table


def main() -> None:
    rows = [r for r in iu_reports() if r["findings"].strip()]
    background = [r["findings"].strip() for r in rows[::10]]
    for name, heldout in (("development set", False), ("held-out set", True)):
        scores = measure(background, heldout=heldout)
        print(f"\nText redaction, {name} ({sum(scores.planted.values())} planted identifiers):")
        print(table(scores))
    case_set()
    corpus = list(iu_reports())
    words = 0
    for row in corpus:
        text = "\n".join(row[k] for k in ("indication", "comparison", "findings", "impression") if row[k])
        words += sum(len(re.findall(r"\w+", text[s.start:s.end])) for s in redact(text).spans)
    print(f"\nIU corpus: {len(corpus)} reports, {words} words redacted")


def case_set() -> None:
    path = SHARED / "evaluation" / "redaction.jsonl"
    spec = importlib.util.spec_from_file_location("evaluation_score", SHARED / "evaluation" / "score.py")
    if not path.exists() or spec is None or spec.loader is None:
        print("\n(no ../shared/evaluation: the case set is not measured)")
        return
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    totals: dict[str, list[int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        out = redact(case["report"]).text
        t = totals.setdefault(case["lang"], [0, 0, 0, 0])
        t[0] += sum(not score.leaked(i, case["report"], out) for i in case["identifiers"])
        t[1] += len(case["identifiers"])
        t[2] += sum(k in out for k in case["keep"])
        t[3] += len(case["keep"])
    print("\nIssue-26 case set (identifier recall, clinical phrases kept; goals 0.99, 0.995):")
    for lang, (removed, ids, kept, phrases) in sorted(totals.items()):
        print(f"  {lang}: {removed / ids:.3f} of {ids}   {kept / phrases:.3f} of {phrases}")


if __name__ == "__main__":
    main()
