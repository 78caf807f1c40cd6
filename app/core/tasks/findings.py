"""From the model's JSON to checked findings: parse, ground each quote, apply negation rules.

The grammar keeps every prefix of the output valid JSON for the schema, so an answer cut
short by the token limit still holds the findings it finished; those are kept and the
result says it is incomplete, rather than failing the whole answer.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from app.core import messages
from app.core.tasks.certainty import UNKNOWN_LABEL, read_certainty
from app.core.tasks.claim_check import Claim, check_claim_in
from app.core.tasks.grounding import SourceIndex
from app.core.tasks.negation import Certainty, certainty_in, sentence_around
from app.core.tasks.results import Finding, Grounding
from app.core.tasks.schemas import CERTAINTY, LATERALITY, SEVERITY
from app.core.tasks.vocabulary import mentions, normalise_label

MAX_SIZE_MM = 500.0


class FindingsFormatError(ValueError):
    """The model's output is not findings JSON (the message says what is wrong)."""


@dataclass
class ParsedFindings:
    items: list[dict[str, Any]]
    complete: bool
    warnings: list[str] = field(default_factory=list)


def _closed_items(text: str) -> list[int]:
    """End offsets of each complete object inside the top-level "findings" array."""
    ends: list[int] = []
    depth = 0
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if char == "}" and depth == 2:
                ends.append(index + 1)
    return ends


def parse(text: str) -> ParsedFindings:
    """Parse the findings JSON; an unfinished answer keeps its finished items."""
    stripped = text.strip()
    if not stripped:
        raise FindingsFormatError(messages.NO_OUTPUT)
    try:
        data = json.loads(stripped, strict=False)  # raw newlines inside strings are tolerated
        complete = True
    except json.JSONDecodeError as exc:
        ends = _closed_items(stripped)
        if not stripped.startswith("{") or '"findings"' not in stripped[:40]:
            raise FindingsFormatError(messages.NOT_FINDINGS_JSON.format(position=exc.pos + 1)) from exc
        if not ends and "[" not in stripped:
            raise FindingsFormatError(messages.STOPPED_BEFORE_LIST) from exc
        candidate = (stripped[: ends[-1]] if ends else stripped[: stripped.index("[") + 1]) + "]}"
        try:
            data = json.loads(candidate, strict=False)
        except (json.JSONDecodeError, ValueError) as inner:
            raise FindingsFormatError(messages.NOT_FINDINGS_JSON.format(position=exc.pos + 1)) from inner
        complete = False
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise FindingsFormatError(messages.NO_FINDINGS_LIST)
    items: list[dict[str, Any]] = []
    warnings: list[str] = []
    seen: set[str] = set()
    repeated = 0
    for index, item in enumerate(data["findings"]):
        if not isinstance(item, dict):
            warnings.append(messages.FINDING_NOT_OBJECT.format(number=index + 1))
            continue
        key = json.dumps(item, sort_keys=True, ensure_ascii=False)
        if key in seen:  # a model that loops repeats a finding verbatim; once is enough
            repeated += 1
            continue
        seen.add(key)
        items.append(item)
    if repeated:
        warnings.append(messages.REPEATED_FINDINGS.format(count=repeated))
    return ParsedFindings(items, complete, warnings)


def _text(value: Any, allowed: Sequence[str] | None = None) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if allowed is not None:
        text = text.lower()
        if text not in allowed or text == "none":
            return None
    return text


def _size(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if 0 < value <= MAX_SIZE_MM else None


def check(items: Sequence[dict[str, Any]], sources: Sequence[str],
          names: Sequence[str] | None = None) -> list[Finding]:  # fmt: skip
    """Ground each finding's evidence in ``sources`` (each document's text) and read its
    certainty with the rules: the draft's certainty is kept, the rules' reading is recorded
    beside it and a difference is flagged as a conflict for the clinician."""
    indexes = [SourceIndex(source) for source in sources]
    findings: list[Finding] = []
    for item in items:
        evidence = _text(item.get("evidence")) or ""
        label = _text(item.get("label")) or ""
        if label.casefold() in ("", "none", "n/a", "null", "无"):
            continue  # not a finding: nothing to show or check
        said = _text(item.get("certainty"), CERTAINTY) or "present"
        model_certainty = cast(Certainty, said)
        # The quote is checked against what the draft claims (claim_check); a refused quote
        # keeps its offsets (grounding.located) with grounded False and the reasons.
        grounding = _ground(indexes, names, Claim(label, said, evidence, _size(item.get("size_mm")),
                                                  _text(item.get("laterality"), LATERALITY)))  # fmt: skip
        # The draft's certainty is kept; the rules' reading stands beside it, flagged when it differs.
        certainty = model_certainty
        side = _text(item.get("laterality"), LATERALITY)
        rule_certainty, rule, rule_evidence = _rule_reading(sources, grounding, label, side)
        vocabulary = normalise_label(label)
        in_quote = {m[0] for m in mentions(evidence)}
        findings.append(Finding(
            label=label, body_site=_text(item.get("body_site")),
            laterality=_text(item.get("laterality"), LATERALITY), size_mm=_size(item.get("size_mm")),
            severity=_text(item.get("severity"), SEVERITY), certainty=certainty, evidence=evidence,
            grounding=grounding, model_certainty=model_certainty, certainty_rule=rule,
            vocabulary_label=vocabulary or normalise_label(evidence),
            label_in_evidence=(vocabulary in in_quote) if vocabulary else None,
            rule_certainty=rule_certainty, rule_evidence=rule_evidence,
            certainty_conflict=rule_certainty is not None and rule_certainty != model_certainty,
        ))  # fmt: skip
    return findings


def _rule_reading(sources: Sequence[str], grounding: Grounding, label: str,
                  laterality: str | None) -> tuple[Certainty | None, str, str]:  # fmt: skip
    """The certainty rules' own reading of a finding: (certainty, trigger words, sentence).

    A finding of one side ("left") is read in its quote, where the quote names it; any other
    finding on the reader's list in the whole document that holds the quote (all documents
    when the quote is not found), one answer for the report; a label the reader has no words
    for only in its quote. (None, "", "") when the rules cannot tell."""
    located = grounding.located and grounding.document is not None
    quoted: tuple[Certainty, str, str] | None = None
    if located:
        assert grounding.document is not None and grounding.start is not None and grounding.end is not None
        source = sources[grounding.document]
        start, end, named = _target(source, grounding.start, grounding.end, label)
        if named:
            assessment = certainty_in(source, start, end)
            left, right = sentence_around(source, start, end)
            quoted = (assessment.certainty, assessment.trigger, source[left:right].strip())
    if quoted is not None and laterality in ("left", "right"):
        return quoted
    text = sources[grounding.document] if located and grounding.document is not None else "\n\n".join(sources)
    reading = read_certainty(text, label)
    if reading.certainty is not None:
        return reading.certainty, reading.trigger, reading.evidence
    if reading.reason == UNKNOWN_LABEL and quoted is not None:
        return quoted
    return None, "", ""


def _ground(indexes: Sequence[SourceIndex], names: Sequence[str] | None, claim: Claim) -> Grounding:
    """Where the claim's quote is, and whether it supports the claim (see claim_check)."""
    if not claim.evidence:
        return Grounding(False, verdict="unsupported", why="not_in_report",
                         mismatches=[{"kind": "not_in_report", "claimed": "", "quoted": ""}])  # fmt: skip
    number, result = check_claim_in(indexes, claim)
    return Grounding(result.supported, number, names[number] if names and number is not None else None,
                     result.start, result.end, result.match, result.verdict, result.why,
                     [m.to_dict() for m in result.mismatches])  # fmt: skip


def _target(source: str, start: int, end: int, label: str) -> tuple[int, int, bool]:
    """The label's words inside the quoted span, so the negation scope is judged from them;
    the end of the quote when the label is not there (the quote's own words decide)."""
    quoted = source[start:end].casefold()
    words = [w for w in label.casefold().replace("-", " ").split() if len(w) > 2]
    positions = [quoted.find(w) for w in words if quoted.find(w) >= 0]
    if positions:
        first = min(positions)
        return start + first, start + first + max(len(w) for w in words if quoted.find(w) >= 0), True
    if label and label.casefold() in quoted:  # Chinese labels have no spaces to split on
        at = quoted.find(label.casefold())
        return start + at, start + at + len(label), True
    return end, end, False


def rule_findings(source: str) -> list[Finding]:
    """The vocabulary words of the source with their certainty, without a model: the
    baseline the model's extraction is measured against, and a check on it."""
    found: list[Finding] = []
    for label, start, end in mentions(source):
        assessment = certainty_in(source, start, end)
        left, right = sentence_around(source, start, end)
        found.append(Finding(
            label=label, body_site=None, laterality=None, size_mm=None, severity=None,
            certainty=assessment.certainty, evidence=source[left:right].strip(),
            grounding=Grounding(True, 0, None, start, end, "exact"), model_certainty=assessment.certainty,
            certainty_rule=assessment.trigger, vocabulary_label=label, rule_certainty=assessment.certainty,
        ))  # fmt: skip
    return found


def merge(texts: Sequence[str]) -> ParsedFindings:
    """The answers for the parts of a split document as one findings list: each parsed as
    :func:`parse` does, the same finding (label and quote) kept once. ``complete`` only
    when every part's JSON was whole. Grounding is left to :func:`check` on the whole
    documents, so offsets point into the original text, not into a part."""
    items: list[dict[str, Any]] = []
    warnings: list[str] = []
    complete = True
    seen: set[tuple[str, str]] = set()
    for number, text in enumerate(texts, start=1):
        try:
            parsed = parse(text)
        except FindingsFormatError as exc:
            complete = False
            warnings.append(messages.PART_PREFIX.format(
                number=number, message=messages.NO_STRUCTURED_FINDINGS.format(reason=exc)))
            continue
        warnings.extend(messages.PART_PREFIX.format(number=number, message=warning)
                        for warning in parsed.warnings)
        if not parsed.complete:
            complete = False
            warnings.append(messages.PART_PREFIX.format(
                number=number, message=messages.FINDINGS_CUT_SHORT.format(count=len(parsed.items))))
        for item in parsed.items:
            key = (str(item.get("label", "")).strip().casefold(),
                   " ".join(str(item.get("evidence", "")).split()).casefold())  # fmt: skip
            if key not in seen:
                seen.add(key)
                items.append(item)
    return ParsedFindings(items, complete, warnings)
