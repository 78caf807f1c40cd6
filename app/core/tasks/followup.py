"""The Fleischner panel: a calculator with its inputs in view.

Every input the table depends on — each nodule (size, type, whether it counts), the count,
the guide nodule, the examination, age, the exclusions and each risk factor present or
absent — is read from the report with the stretch of text it came from (``Evidence``) and a
source: "report", "default" (age not stated: adult of 35 or over; exclusion not stated:
absent; risk not stated: unknown, both rows), "model" (the draft's reading, shown beside the
report's and never used unless the text confirms it) or "clinician" (a correction).

A recommendation is given only when every input it depends on is known and in scope;
otherwise the panel says what it needs, or why the table does not apply, and gives none.
``apply_overrides(panel, overrides)`` recomputes the panel from the clinician's corrections
(pure: the panel passed in is not changed), so the window, ``enclave analyze --task followup``
and the vault share one way to correct it: ``apply_overrides(build_panel(docs), stored)``.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import cast

from app.core import messages
from app.core.tasks import fleischner
from app.core.tasks.fleischner import Evidence, NoduleInput, Override, PanelInput, Source
from app.core.tasks.nodules import (
    RISK_NAMES,
    DocumentReading,
    Found,
    Statement,
    read_document,
    round_half_up,
    unstated_type_reads_solid,
)
from app.core.tasks.results import Finding, FleischnerPanel, Grounding, NoduleAssessment

# Out-of-scope reasons, in the order the panel names them first (evaluation keys, FORMAT.md).
OUT_OF_SCOPE = ("radiograph", "screening", "known_cancer", "immunocompromised", "age_under_35", "no_nodule",
                "mass", "growth", "benign_calcified", "perifissural")  # fmt: skip
EXCLUSIONS = ("known_cancer", "immunocompromised", "screening")
RISK_KEYS = ("smoking", "asbestos", "radon", "uranium", "family", "emphysema", "fibrosis", "upper_lobe",
             "spiculation")  # fmt: skip
ADULT_AGE = 35
TINY_BELOW = 5  # "tiny" nodules are taken as smaller than a measured one of this size or more
OLDER_AGE = 65
_TYPE_RANK = {"part-solid": 3, "solid": 2, "ground-glass": 1, None: 0}
_STATUS_ORDER = ("mass", "growth", "benign_calcified", "perifissural")


# ---------------------------------------------------------------------------------------------
# From statements to nodules


@dataclass
class _Record:
    doc: int
    s: Statement


@dataclass
class _Nodule:
    records: list[_Record] = field(default_factory=list)
    member: bool = False  # first stated as one of several ("two nodules: 3 mm ... and 4 mm ...")

    @property
    def lobe(self) -> str | None:
        return next((r.s.lobe for r in self.records if r.s.lobe), None)

    @property
    def sizes(self) -> list[int]:
        return list(dict.fromkeys(r.s.size_mm for r in self.records if r.s.size_mm is not None))

    @property
    def calcified(self) -> bool:
        return any(r.s.calcified for r in self.records)

    @property
    def kind(self) -> str:
        return _kind(self.records[0].s)


def _kind(s: Statement) -> str:
    """Records of a calcified, a perifissural and an ordinary nodule are never the same nodule."""
    return "calcified" if s.calcified else "perifissural" if s.perifissural else "nodule"


def _group_nodules(records: list[_Record]) -> list[_Nodule]:
    singles = [r for r in records if not r.s.plural and not r.s.group]
    members = [r for r in records if r.s.plural and not r.s.group]
    groups = [r for r in records if r.s.group]
    nodules: list[_Nodule] = []
    plural_report = bool(members or groups)
    for record in [r for r in singles if r.s.lobe]:
        # Same lobe: the same nodule, unless the text says another one, or a benign one and an ordinary
        # one have different sizes. (A benign word for the same nodule wins: no answer is then given.)
        same = [n for n in nodules if n.lobe == record.s.lobe and not (
            n.kind != _kind(record.s) and record.s.size_mm is not None and n.sizes
            and record.s.size_mm not in n.sizes)]  # fmt: skip
        if same and record.s.distinct and record.s.size_mm not in same[0].sizes:
            same = []
        if not same and not plural_report and not record.s.distinct and record.s.size_mm is not None:
            # the impression restating the findings' nodule in another lobe: the same nodule, in conflict
            same = [n for n in nodules if record.s.size_mm in n.sizes
                    and all(r.s.section != record.s.section for r in n.records)
                    and record.s.nodule_type in (None, *[r.s.nodule_type for r in n.records])]  # fmt: skip
        if same:
            same[0].records.append(record)
        else:
            nodules.append(_Nodule([record]))
    for record in [r for r in singles if not r.s.lobe]:
        size = record.s.size_mm
        matched = [n for n in nodules if size is not None and size in n.sizes]
        if matched:
            matched[0].records.append(record)
        elif size is None and nodules and [n for n in nodules if n.kind == _kind(record.s)]:
            nearest = [n for n in nodules if n.kind == _kind(record.s)]
            if len(nearest) == 1:
                nearest[0].records.append(record)
            # else: an unsized summary of nodules stated elsewhere
        elif len(nodules) == 1 and not plural_report and not record.s.distinct:
            nodules[0].records.append(record)  # "Calcified granuloma." restating the one nodule: it is benign
        elif size is None and nodules and _kind(record.s) == "nodule":
            pass  # an unsized summary of nodules stated elsewhere
        else:
            nodules.append(_Nodule([record]))
    for record in members:
        size = record.s.size_mm
        matched = [n for n in nodules if size in n.sizes and (
            record.s.lobe is None or n.lobe is None or n.lobe == record.s.lobe)]  # fmt: skip
        if matched:
            matched[0].records.append(record)
        else:
            nodules.append(_Nodule([record], member=True))
    sized = [n for n in nodules if n.sizes and not n.calcified]
    for record in groups:
        if record.s.calcified:
            if not any(n.calcified for n in nodules):
                nodules.append(_Nodule([record], member=True))
            continue
        same_group = [n for n in nodules if n.member and not n.sizes and not n.calcified]
        stated_sizes = [n for n in nodules if n.member and n.sizes and not n.calcified]
        if same_group:
            same_group[0].records.append(record)
        elif stated_sizes:  # "multiple nodules, the largest 5 mm" stated elsewhere
            max(stated_sizes, key=lambda n: max(n.sizes)).records.append(record)
        elif record.s.tiny and sized and max(max(n.sizes) for n in sized) >= TINY_BELOW:
            # "a 7 mm nodule; scattered tiny nodules elsewhere": several, and the measured one is the largest
            max(sized, key=lambda n: max(n.sizes)).records.append(record)
        elif len([n for n in nodules if not n.calcified]) < 2:
            nodules.append(_Nodule([record], member=True))  # several nodules and no size for them
        else:
            target = max(sized, key=lambda n: max(n.sizes))
            target.records.append(record)
    return nodules


_LEADING_HEADING = re.compile(r"[A-Z][A-Za-z /]{1,30}[:：]\s*|[\u4e00-\u9fff]{2,6}[:：]\s*")


def _evidence(
    sources: Sequence[str], names: Sequence[str] | None, doc: int, start: int, end: int
) -> Evidence:
    text = sources[doc]
    while start < end and text[start] in " \t\r\n,，:：;；":
        start += 1
    heading = _LEADING_HEADING.match(text, start, end)
    if heading and heading.end() < end:
        start = heading.end()
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return Evidence(doc, start, end, text[start:end], names[doc] if names else None)


def _assess(nodule: _Nodule, index: int, sources: Sequence[str], names: Sequence[str] | None,
            unreadable: dict[int, list[tuple[int, int]]]) -> NoduleAssessment:  # fmt: skip
    first = nodule.records[0]
    mention = [_evidence(sources, names, r.doc, r.s.start, r.s.end) for r in nodule.records]
    sized = [r for r in nodule.records if r.s.size_mm is not None]
    # "1.1 x 0.9 x 0.8 cm" in the findings and "a 1.1 cm nodule" in the impression: the second gives
    # the long axis of the first again, it is not another size (the table reads the mean of the axes)
    restated = [r for r in sized if _restates_long_axis(r, sized)]
    sized = [r for r in sized if r not in restated]
    sizes = list(dict.fromkeys(r.s.size_mm for r in sized if r.s.size_mm is not None))
    types = list(dict.fromkeys(r.s.nodule_type for r in nodule.records if r.s.nodule_type))
    typed = [r for r in nodule.records if r.s.nodule_type]
    subsolid = any(r.s.subsolid for r in nodule.records)
    where = nodule.lobe
    lobes = list(dict.fromkeys(r.s.lobe for r in nodule.records if r.s.lobe))
    conflict = ""
    if len(sizes) > 1 and not nodule.member:
        sizes_text = ", ".join(f"{s} mm" for s in sizes)
        conflict = (
            messages.FL_SIZE_CONFLICT.format(where=messages.FL_WHERE[where], sizes=sizes_text)
            if where in messages.FL_WHERE
            else messages.FL_SIZE_CONFLICT_ANY.format(sizes=sizes_text)
        )
    elif len(lobes) > 1 and not nodule.member:
        conflict = messages.FL_LOBE_CONFLICT.format(lobes=" / ".join(lobes))
    elif len(types) > 1:
        types_text = " / ".join(types)
        conflict = (
            messages.FL_TYPE_CONFLICT.format(where=messages.FL_WHERE[where], types=types_text)
            if where in messages.FL_WHERE
            else messages.FL_TYPE_CONFLICT_ANY.format(types=types_text)
        )
    elif any(r.s.is_range and not _one_row(r.s.dimensions_mm) for r in sized) and not any(
            r.s.plural for r in sized):  # fmt: skip
        quote = next(sources[r.doc][r.s.size_span[0] : r.s.size_span[1]] for r in sized if r.s.size_span)
        conflict = messages.FL_RANGE_ONE_NODULE.format(quote=quote)
    odd = next((r for r in nodule.records if r.s.odd_calcification is not None), None)
    if odd is not None and not conflict and odd.s.odd_calcification is not None:
        start, end = odd.s.odd_calcification
        conflict = messages.FL_CALCIFICATION_NOT_BENIGN.format(quote=sources[odd.doc][start:end].strip())
    size = max(sizes) if sizes else None
    if conflict and len(sizes) > 1:
        size = None
    nodule_type = types[0] if len(types) == 1 else None
    type_source: Source = "report"
    spans = [(r.doc, r.s.start, r.s.end) for r in nodule.records]
    if not types and not subsolid and all(
        unstated_type_reads_solid(sources[d], [(a, b)]) for d, a, b in spans
    ):
        nodule_type, type_source = "solid", "default"  # "a 4 mm nodule": read as solid, a default shown
    status = "counted"
    status_at: list[_Record] = []
    for candidate in _STATUS_ORDER:
        hits = [r for r in nodule.records if _has_status(r.s, candidate)]
        if hits:
            status, status_at = candidate, hits
            break
    size_records = [r for r in sized if r.s.size_mm == size] if size is not None else sized
    prior = next((r.s.prior_size_mm for r in nodule.records if r.s.prior_size_mm is not None), None)
    assessment = NoduleAssessment(
        evidence=mention[0].quote,
        grounding=Grounding(True, first.doc, names[first.doc] if names else None, mention[0].start,
                            mention[0].end,
                            "exact"),
        nodule=NoduleInput(float(size) if size is not None else None, nodule_type, None, None,
                           subsolid and nodule_type is None),
        calcified=nodule.calcified, recommendation=None,
        id=f"n{index + 1}", location=where, size_mm=size,
        dimensions_mm=size_records[0].s.dimensions_mm if size_records else [],
        size_source="report", size_evidence=[_evidence(sources, names, r.doc, r.s.start, r.s.end)
                                             for r in size_records],
        sizes_stated=sizes, prior_size_mm=prior,
        nodule_type=nodule_type, type_source=type_source,
        type_evidence=[_evidence(sources, names, r.doc, r.s.start, r.s.end) for r in typed],
        types_stated=[str(t) for t in types], status=status, status_source="report",
        status_evidence=[_evidence(sources, names, r.doc, r.s.start, r.s.end) for r in status_at],
        group=nodule.member and not sizes, conflict=conflict, mentions=mention,
    )  # fmt: skip
    if size is None and not conflict:
        bad = [(r.doc, span) for r in nodule.records for span in unreadable.get(r.doc, [])
               if r.s.start <= span[0] < r.s.end]  # fmt: skip
        if bad:
            doc, (start, end) = bad[0]
            assessment.conflict = messages.FL_SIZE_UNREADABLE.format(quote=sources[doc][start:end].strip())
    return assessment


def _restates_long_axis(record: _Record, sized: list[_Record]) -> bool:
    """One axis stated alone that is the long axis of a measurement of several axes stated for the
    same nodule (not a range, not a prior)."""
    if record.s.is_range or len(record.s.dimensions_mm) > 1:
        return False
    axis = record.s.dimensions_mm[0] if record.s.dimensions_mm else float(record.s.size_mm or 0)
    return any(
        len(other.s.dimensions_mm) > 1 and not other.s.is_range and other.s.size_mm != record.s.size_mm
        and abs(max(other.s.dimensions_mm) - axis) < 0.05
        for other in sized
    )


def _one_row(dimensions: list[float]) -> bool:
    """Whether both ends of a range for one nodule fall in the same row of the table."""
    ends = [fleischner_size(min(dimensions)), fleischner_size(max(dimensions))]
    return len({fleischner.size_band(e) for e in ends}) == 1


def _compare_with_history(grouped: list[_Nodule], nodules: list[NoduleAssessment],
                          readings: list[DocumentReading], sources: Sequence[str],
                          names: Sequence[str] | None) -> None:  # fmt: skip
    """A size the history gives for the nodule ("follow-up of a 4 mm RLL nodule") that differs
    from today's: the nodule changed against a prior, outside the table."""
    priors = [(d, p) for d, reading in enumerate(readings) for p in reading.priors if not p.plural]
    counted = [(n, a) for n, a in zip(grouped, nodules, strict=True) if a.status == "counted" and a.size_mm]
    for doc, prior in priors:
        same = [(n, a) for n, a in counted if prior.lobe is not None and n.lobe == prior.lobe]
        if not same and prior.lobe is None and len(counted) == 1:
            same = counted
        if (not same and prior.lobe is None and len(counted) > 1 and prior.size_mm is not None
                and prior.section not in ("history", "comparison")):
            # "Prior CT: 3 mm." after several nodules: which one it was is not said; ask
            quote = sources[doc][prior.start:prior.end].strip()
            for _, assessment in counted:
                if assessment.size_mm != prior.size_mm and not assessment.conflict:
                    assessment.conflict = messages.FL_PRIOR_WHICH_NODULE.format(quote=quote)
        for _, assessment in same:
            if prior.size_mm is not None and prior.size_mm != assessment.size_mm:
                assessment.prior_size_mm = prior.size_mm
                assessment.status = "growth"
                assessment.status_evidence = [_evidence(sources, names, doc, prior.start, prior.end)]


def _has_status(s: Statement, status: str) -> bool:
    if status == "mass":
        return s.mass
    if status == "growth":
        return s.growth or (
            s.prior_size_mm is not None and s.size_mm is not None and s.prior_size_mm != s.size_mm
        )
    if status == "benign_calcified":
        return s.calcified
    return s.perifissural


# ---------------------------------------------------------------------------------------------
# Patient inputs


def _found(sources: Sequence[str], names: Sequence[str] | None, doc: int, found: Found) -> Evidence:
    return _evidence(sources, names, doc, found.start, found.end)


def _input(key: str, value: str | int | float | bool | None, source: Source, evidence: list[Evidence],
           label: str = "") -> PanelInput:  # fmt: skip
    label = label or messages.FL_INPUT_LABELS.get(key, "") or RISK_NAMES.get(key.split(".", 1)[-1], "")
    return PanelInput(key, value, source, evidence, label, value, source, list(evidence))


def _patient_inputs(readings: list[DocumentReading], sources: Sequence[str], names: Sequence[str] | None,
                    nodule_docs: set[int], records: list[_Record]) -> list[PanelInput]:  # fmt: skip
    inputs: list[PanelInput] = []
    # modality: of the documents that state the nodules
    docs = sorted(nodule_docs) or list(range(len(readings)))
    modalities = {readings[d].patient.modality for d in docs}
    stated = [(d, readings[d].patient) for d in docs if readings[d].patient.modality is not None]
    if stated and None not in modalities and len(modalities) == 1:
        doc, patient = next(((d, p) for d, p in stated if not p.modality_inferred), stated[0])
        assert patient.modality_at is not None
        seen = _found(sources, names, doc, patient.modality_at)
        label = messages.FL_MODALITY_INFERRED.format(words=seen.quote) if patient.modality_inferred else ""
        inputs.append(_input("modality", patient.modality, "report", [seen], label))
    elif any(p.modality in ("radiograph", "other") for _, p in stated):
        doc, patient = next((d, p) for d, p in stated if p.modality != "CT")
        assert patient.modality_at is not None
        inputs.append(
            _input("modality", patient.modality, "report", [_found(sources, names, doc, patient.modality_at)])
        )
    else:
        inputs.append(_input("modality", None, "default", []))
    # age
    ages = [(d, r.patient) for d, r in enumerate(readings) if r.patient.age is not None]
    all_ages = sorted({a for r in readings for a in r.patient.ages})
    if ages:
        doc, patient = ages[0]
        assert patient.age_at is not None
        age_input = _input("age", patient.age, "report", [_found(sources, names, doc, patient.age_at)])
        if len(all_ages) > 1 and min(all_ages) < ADULT_AGE <= max(all_ages):
            age_input.value = age_input.read_value = None  # two ages either side of 35: ask
            age_input.label = messages.FL_AGE_CONFLICT.format(ages=", ".join(str(a) for a in all_ages))
        inputs.append(age_input)
    else:
        inputs.append(_input("age", None, "default", [], messages.FL_AGE_DEFAULT))
    # exclusions: stated present, stated absent, or not stated (absent by default)
    for key in EXCLUSIONS:
        present = [
            _found(sources, names, d, f)
            for d, r in enumerate(readings)
            for f in r.patient.exclusions.get(key, [])
        ]
        absent = [_found(sources, names, d, f) for d, r in enumerate(readings)
                  for f in r.patient.exclusions_absent.get(key, [])]  # fmt: skip
        if present:
            inputs.append(_input(f"exclusion.{key}", True, "report", _unique(present)))
        elif absent:
            inputs.append(_input(f"exclusion.{key}", False, "report", _unique(absent)))
        else:
            inputs.append(_input(f"exclusion.{key}", False, "default", []))
    # risk factors, in both directions
    for key in RISK_KEYS:
        if key in ("upper_lobe", "spiculation"):
            hits = [r for r in records if (key == "spiculation" and r.s.spiculated) or (
                key == "upper_lobe" and ((r.s.lobe or "").endswith("upper lobe") or r.s.lobe == "lingula"
                                         or (r.s.lobe is None and r.s.upper_lobe)
                                         or (r.s.plural and r.s.upper_lobe)))]  # fmt: skip
            evidence = _unique([_evidence(sources, names, r.doc, r.s.start, r.s.end) for r in hits])
            inputs.append(_input(f"risk.{key}", True, "report", evidence) if hits
                          else _input(f"risk.{key}", None, "default", []))  # fmt: skip
            continue
        present = [
            _found(sources, names, d, f)
            for d, r in enumerate(readings)
            for f in r.patient.factors.get(key, [])
        ]
        absent = [_found(sources, names, d, f) for d, r in enumerate(readings)
                  for f in r.patient.factors_absent.get(key, [])]  # fmt: skip
        if key == "smoking":
            absent = [
                _found(sources, names, d, f) for d, r in enumerate(readings) for f in r.patient.never_smoker
            ]
        if present and absent and key == "smoking":
            inputs.append(_input("risk.smoking", None, "report", _unique(present + absent)))  # says both: ask
        elif present:
            inputs.append(_input(f"risk.{key}", True, "report", _unique(present)))
        elif absent:
            inputs.append(_input(f"risk.{key}", False, "report", _unique(absent)))
        else:
            inputs.append(_input(f"risk.{key}", None, "default", []))
    return inputs


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    seen: set[tuple[int | None, int | None, int | None]] = set()
    out = []
    for item in evidence:
        if (item.document, item.start, item.end) not in seen:
            seen.add((item.document, item.start, item.end))
            out.append(item)
    return out


# ---------------------------------------------------------------------------------------------
# The model as a second reader


def _second_reader(nodules: list[NoduleAssessment], findings: Iterable[Finding], sources: Sequence[str],
                   names: Sequence[str] | None) -> list[NoduleAssessment]:  # fmt: skip
    """The model's nodule findings beside the report's: a size the report does not state is
    shown and not used; a size that differs is a conflict; a nodule the rules do not read in
    its quote is shown as the model's, and the clinician decides."""
    added: list[NoduleAssessment] = []
    for finding in findings:
        g = finding.grounding
        if (finding.vocabulary_label or finding.label or "").lower() not in (
            "nodule",
            "nodules",
            "pulmonary nodule",
            "lung nodule",
        ):
            continue
        if finding.certainty == "absent" or g.document is None or g.start is None or g.end is None:
            continue
        if not 0 <= g.document < len(sources):
            continue
        same = [n for n in nodules for m in n.mentions
                if m.document == g.document and m.start is not None and m.end is not None
                and m.start < g.end and g.start < m.end]  # fmt: skip
        if same:
            nodule = same[0]
            if finding.size_mm is not None and finding.size_mm > 0:
                model = float(finding.size_mm)
                nodule.model_size_mm = model
                stated = [float(nodule.size_mm or 0), *nodule.dimensions_mm, *map(float, nodule.sizes_stated)]
                # the model agrees when it gives the mean or one of the axes the text states
                agrees = any(abs(model - value) < 0.51 for value in stated)
                if nodule.size_mm is not None and not agrees and not nodule.conflict:
                    nodule.conflict = messages.FL_MODEL_SIZE_CONFLICT.format(
                        model=f"{model:g}", report=nodule.size_mm
                    )
            continue
        quote = sources[g.document][g.start : g.end]
        evidence = _evidence(sources, names, g.document, g.start, g.end)
        model_size = float(finding.size_mm) if finding.size_mm else None
        added.append(NoduleAssessment(
            evidence=quote,
            grounding=Grounding(True, g.document, names[g.document] if names else None, g.start, g.end,
                                                "exact"),
            nodule=NoduleInput(None, None, None, None), calcified=False, recommendation=None,
            id="", size_mm=None, size_source="model", size_evidence=[evidence], model_size_mm=model_size,
            type_source="model", conflict=messages.FL_MODEL_NODULE.format(quote=quote.strip()),
            mentions=[evidence],
        ))  # fmt: skip
    return added


def fleischner_size(value: float) -> int:
    """A size in mm as the table reads it: rounded to the nearest mm, half up."""
    return round_half_up(value)


# ---------------------------------------------------------------------------------------------
# Building and recomputing the panel


def build_panel(sources: Sequence[str], names: Sequence[str] | None = None,
                findings: Sequence[Finding] = ()) -> FleischnerPanel:  # fmt: skip
    """The panel read from the documents (and the model's findings as a second reader)."""
    readings = [read_document(source) for source in sources]
    records = [_Record(d, s) for d, reading in enumerate(readings) for s in reading.statements]
    if any(readings[r.doc].patient.modality == "CT" for r in records):
        # a CT and an earlier radiograph in one session: the table reads the CT's nodules
        records = [r for r in records if readings[r.doc].patient.modality in ("CT", None)]
    unreadable = {d: reading.unreadable for d, reading in enumerate(readings)}
    grouped = _group_nodules(records)
    nodules = [_assess(n, i, sources, names, unreadable) for i, n in enumerate(grouped)]
    for group, assessment in zip(grouped, nodules, strict=True):
        if assessment.type_source == "default" and any(
                readings[r.doc].patient.modality != "CT" or readings[r.doc].patient.modality_inferred
                for r in group.records):  # fmt: skip
            # read as solid only on a CT the documents name: nothing else vouches for the reading
            assessment.nodule_type, assessment.type_source = None, "report"
            assessment.nodule = dataclasses.replace(assessment.nodule, nodule_type=None)
    _compare_with_history(grouped, nodules, readings, sources, names)
    nodules += _second_reader(nodules, findings, sources, names)
    for index, nodule in enumerate(nodules):
        nodule.id = nodule.id or f"n{index + 1}"
    pairs = list(zip(grouped, nodules[: len(grouped)], strict=True))
    counted_records = [r for n, a in pairs if a.status == "counted" for r in n.records]
    inputs = _patient_inputs(readings, sources, names, {r.doc for r in records}, counted_records)
    plural = any(r.s.plural for r in counted_records)
    panel = FleischnerPanel(applicable=False, nodules=nodules, inputs=inputs)
    panel.inputs.append(
        _input(
            "count",
            "multiple" if plural else None,
            "report",
            [e for n in nodules for e in n.mentions[:1]] if plural else [],
        )
    )
    panel.inputs.append(_input("guide", None, "report", []))
    return _compute(panel)


def apply_overrides(
    panel: FleischnerPanel, overrides: Iterable[Override | dict[str, object]]
) -> FleischnerPanel:
    """The panel recomputed with the clinician's corrections (later ones win); the panel
    passed in is not changed. Raises OverrideError for a correction that names no input."""
    result = copy.deepcopy(panel)
    checked = [(o if isinstance(o, Override) else Override.from_dict(o)).checked() for o in overrides]
    for override in checked:
        name, value = override.field, override.value
        if name.startswith("nodule."):
            _, nodule_id, what = name.split(".")
            nodule = next((n for n in result.nodules if n.id == nodule_id), None)
            if nodule is None:
                raise fleischner.OverrideError(f"{name}: no nodule {nodule_id} in this panel")
            if what == "size_mm":
                nodule.size_mm = fleischner_size(float(value)) if isinstance(value, (int, float)) else None
                nodule.size_source = "clinician"
                nodule.conflict = ""
            elif what == "type":
                nodule.nodule_type = fleischner.TYPE_KEYS[str(value)] if value is not None else None
                nodule.type_source = "clinician"
                nodule.conflict = ""
            else:
                nodule.status = str(value)
                nodule.status_source = "clinician"
                nodule.conflict = (
                    "" if value != "counted" or nodule.size_source != "model" else nodule.conflict
                )
                if value == "counted" and nodule.size_source == "model":
                    nodule.conflict = ""  # the clinician confirms the model's nodule
        else:
            target = next((i for i in result.inputs if i.key == name), None)
            if target is None:
                target = _input(name, None, "default", [])
                result.inputs.append(target)
            if name == "guide" and value is not None and not any(n.id == value for n in result.nodules):
                raise fleischner.OverrideError(f"guide: no nodule {value} in this panel")
            target.value = value
            target.source = "clinician"
            target.label = messages.FL_INPUT_LABELS.get(name, "") or RISK_NAMES.get(
                name.split(".", 1)[-1], ""
            )
        result.overrides.append(override.to_dict())
    return _compute(result)


def _value(panel: FleischnerPanel, key: str) -> str | int | float | bool | None:
    return next((i.value for i in panel.inputs if i.key == key), None)


def _get(panel: FleischnerPanel, key: str) -> PanelInput | None:
    return next((i for i in panel.inputs if i.key == key), None)


def _where(nodule: NoduleAssessment) -> str | None:
    return messages.FL_WHERE.get(nodule.location or "")


def _compute(panel: FleischnerPanel) -> FleischnerPanel:
    """Everything derived from the inputs: reasons, what is missing, the guide, the answer."""
    reasons: list[str] = []
    quotes: dict[str, str] = {}
    modality = _value(panel, "modality")
    if modality in ("radiograph", "other"):
        reasons.append("radiograph")
    for key in ("screening", "known_cancer", "immunocompromised"):
        if _value(panel, f"exclusion.{key}") is True:
            reasons.append(key)
            item = _get(panel, f"exclusion.{key}")
            if item is not None and item.evidence:
                quotes[key] = item.evidence[0].quote
    age = _value(panel, "age")
    if isinstance(age, int) and not isinstance(age, bool) and age < ADULT_AGE:
        reasons.append("age_under_35")
    nodules = [n for n in panel.nodules if n.status != "not_a_nodule"]
    counted = [n for n in nodules if n.status == "counted"]
    if not nodules:
        reasons.append("no_nodule")
    for status in ("mass", "growth"):
        if any(n.status == status for n in nodules):
            reasons.append(status)
            quotes[status] = next(n.evidence for n in nodules if n.status == status)
    if nodules and not counted:
        for status in ("benign_calcified", "perifissural"):
            if any(n.status == status for n in nodules):
                reasons.append(status)
    if "radiograph" in reasons:
        item = _get(panel, "modality")
        if item is not None and item.evidence:
            quotes["radiograph"] = item.evidence[0].quote
    reasons = [r for r in OUT_OF_SCOPE if r in reasons]

    # what it needs
    missing: list[str] = []
    need_reasons: list[str] = []
    for nodule in counted:
        if nodule.conflict:
            missing.append(nodule.conflict)
            need_reasons.append("conflict" if "cannot be read" not in nodule.conflict else "size_unknown")
        elif nodule.size_mm is None:
            where = _where(nodule)
            missing.append(messages.FL_SIZES_NOT_STATED if nodule.group else
                           messages.FL_SIZE_NOT_STATED.format(where=where) if where else
                           messages.FL_SIZE_NOT_STATED_ANY)  # fmt: skip
            need_reasons.append("size_unknown")
    for nodule in counted:
        if nodule.nodule_type is None and not nodule.conflict and not nodule.group:
            where = _where(nodule)
            if nodule.nodule.subsolid and nodule.type_source == "report":
                missing.append(messages.FL_SUBSOLID_TYPE.format(where=where) if where
                               else messages.FL_SUBSOLID_TYPE_ANY)  # fmt: skip
            else:
                missing.append(messages.FL_TYPE_NOT_STATED.format(where=where) if where
                               else messages.FL_TYPE_NOT_STATED_ANY)  # fmt: skip
            need_reasons.append("type_unknown")
    age_input = _get(panel, "age")
    if age_input is not None and age_input.value is None and age_input.source == "report":
        missing.append(age_input.label)
        need_reasons.append("conflict")
    if modality is None and nodules:
        missing.append(messages.FL_MODALITY_NOT_STATED)
        need_reasons.append("modality_unknown")

    # count, guide
    count_input = _get(panel, "count")
    stated_count = count_input.read_value if count_input is not None else None  # "two nodules", "multiple"
    count: str | None
    if count_input is not None and count_input.source == "clinician":
        count = str(count_input.value) if count_input.value else None
    else:
        count = (
            "multiple"
            if (len(counted) > 1 or stated_count == "multiple")
            else ("single" if counted else None)
        )
    guide: NoduleAssessment | None = None
    guide_input = _get(panel, "guide")
    if guide_input is not None and guide_input.source == "clinician" and guide_input.value:
        guide = next((n for n in counted if n.id == guide_input.value), None)
    complete = [n for n in counted if n.size_mm is not None and n.nodule_type is not None and not n.conflict]
    if guide is None and complete and len(complete) == len(counted):
        guide = max(complete, key=lambda n: (_TYPE_RANK[n.nodule_type] if n.nodule_type != "solid" else 0,
                                              n.size_mm or 0))  # fmt: skip
        kinds = {n.nodule_type == "solid" for n in complete}
        if len(kinds) > 1:  # solid and subsolid: is the answer the same whichever guides?
            solid = max((n for n in complete if n.nodule_type == "solid"), key=lambda n: n.size_mm or 0)
            answers = {_cells(n, count or "single") == _cells(guide, count or "single") for n in (solid,)}
            if answers != {True}:
                guide = None
                missing.append(messages.FL_GUIDE_UNCLEAR)
                need_reasons.append("guide_unknown")

    # risk
    risk, factors, low_evidence = _risk(panel)

    panel.reasons = reasons
    panel.missing = missing
    panel.count = count
    panel.risk = risk
    panel.risk_factors = [messages.RISK_FACTOR.format(factor=name, evidence=quote) for name, quote in factors]
    panel.risk_evidence = "; ".join(dict.fromkeys(q for _, q in factors)) if risk == "high" else low_evidence
    panel.guiding = panel.nodules.index(guide) if guide is not None else None
    if guide_input is not None and guide_input.source != "clinician":
        guide_input.value = guide.id if guide is not None else None
    if count_input is not None and count_input.source != "clinician":
        count_input.value = count
    notes: list[str] = []
    for nodule in panel.nodules:
        nodule.nodule = _nodule_input(nodule.size_mm, nodule.nodule_type, count, risk,
                                      nodule.nodule.subsolid and nodule.nodule_type is None)  # fmt: skip
        nodule.calcified = nodule.status == "benign_calcified"
        nodule.reason = messages.FL_STATUS.get(nodule.status, "") if nodule.status != "counted" else ""
        nodule.recommendation = None
    if reasons:
        reason = reasons[0]
        notes.append(_out_of_scope_note(reason, quotes.get(reason), age, modality))
        panel.status, panel.reason, panel.applicable = "out_of_scope", reason, False
        panel.heading = messages.FL_HEADING_OUT_OF_SCOPE
        panel.recommendation = None
        panel.cells = {}
        panel.guiding = None
    elif missing or guide is None or count is None:
        panel.status, panel.applicable = "needs_input", True  # in scope, not yet computable
        order = ("conflict", "size_unknown", "type_unknown", "guide_unknown", "modality_unknown")
        panel.reason = next((r for r in order if r in need_reasons), None)
        panel.heading = messages.FL_HEADING_NEEDS_INPUT
        panel.recommendation = fleischner.Recommendation(None, missing=list(missing))
        panel.cells = {}
        notes += [messages.FL_NEEDS.format(reason=m) for m in missing]
    else:
        assert guide.size_mm is not None and guide.nodule_type is not None
        recommendation = fleischner.recommend(_nodule_input(guide.size_mm, guide.nodule_type, count, risk))
        guide.recommendation = recommendation
        panel.recommendation = recommendation
        panel.status, panel.reason, panel.applicable = "recommendation", None, True
        panel.cells = _cells(guide, count)
        evidenced = all((n.size_source in ("report", "clinician") and n.type_source in ("report", "clinician")
                        and n.size_evidence) or n.size_source == "clinician" for n in counted)  # fmt: skip
        modality_input = _get(panel, "modality")
        evidenced = (
            evidenced and modality_input is not None and modality_input.source in ("report", "clinician")
        )
        if not evidenced:
            panel.heading = messages.FL_HEADING_NEEDS_INPUT
        elif panel.overrides:
            panel.heading = messages.FL_HEADING_CORRECTED
        else:
            panel.heading = messages.FL_HEADING_COMPUTED
    if risk is None and nodules:
        notes.append(messages.RISK_NOT_STATED)
    elif risk == "low":
        notes.append(messages.LOW_RISK_DEFINED)
    if any(n.type_source == "default" and n.nodule_type for n in counted):
        notes.append(messages.FL_TYPE_DEFAULT)
    if age is None and age_input is not None and age_input.source == "default":
        notes.append(messages.FL_AGE_DEFAULT)
    elif isinstance(age, int) and age >= OLDER_AGE:
        notes.append(messages.FL_OLDER_AGE.format(age=age))
    panel.notes = list(dict.fromkeys(notes))
    return panel


def _out_of_scope_note(reason: str, quote: str | None, age: object, modality: object) -> str:
    """Why the table does not apply, in the words the window already knows where they fit."""
    if reason == "no_nodule":
        return messages.NO_NODULE_STATED
    if reason == "radiograph" and modality == "radiograph":
        return messages.RADIOGRAPH_ONLY
    if reason == "age_under_35" and isinstance(age, int):
        return messages.UNDER_35.format(age=age)
    if reason in EXCLUSIONS and quote:
        return messages.EXCLUDED_BY_CONTEXT.format(quote=quote)
    what = messages.FL_REASONS[reason]
    return (messages.FL_OUT_OF_SCOPE_QUOTE.format(reason=what, quote=quote) if quote
            else messages.FL_OUT_OF_SCOPE.format(reason=what))  # fmt: skip


def _nodule_input(size: int | None, nodule_type: str | None, count: str | None, risk: str | None,
                  subsolid: bool = False) -> NoduleInput:  # fmt: skip
    """The table's input from the panel's plain values (checked against the table's words)."""
    known_type = nodule_type if nodule_type in fleischner.NODULE_TYPES else None
    kind = cast("fleischner.NoduleType | None", known_type)
    number = cast("fleischner.Count | None", count if count in fleischner.COUNTS else None)
    level = cast("fleischner.Risk | None", risk if risk in fleischner.RISKS else None)
    return NoduleInput(float(size) if size is not None else None, kind, number, level, subsolid)


def _risk(panel: FleischnerPanel) -> tuple[str | None, list[tuple[str, str]], str]:
    """High when any named factor is present; low only for a never smoker with none; else unknown."""
    factors: list[tuple[str, str]] = []
    for key in RISK_KEYS:
        item = _get(panel, f"risk.{key}")
        if item is not None and item.value is True:
            quote = item.evidence[0].quote if item.evidence else messages.FL_SOURCES[item.source]
            factors.append((RISK_NAMES[key], quote))
    if factors:
        return "high", factors, ""
    smoking = _get(panel, "risk.smoking")
    if smoking is not None and smoking.value is False:
        quote = smoking.evidence[0].quote if smoking.evidence else messages.FL_SOURCES[smoking.source]
        return "low", [], quote
    return None, [], ""


def _cells(nodule: NoduleAssessment, count: str) -> dict[str, str]:
    if nodule.size_mm is None or nodule.nodule_type is None:
        return {}
    band = fleischner.size_band(nodule.size_mm)
    return {risk: _cell_key(nodule.nodule_type, count, band, risk) for risk in ("low", "high")}


_TYPE_KEY = {kind: key for key, kind in fleischner.TYPE_KEYS.items()}  # the inverse of the correction keys


def _cell_key(nodule_type: str, count: str, band: str, risk: str) -> str:
    """The evaluation format's key of a table cell (FORMAT.md)."""
    size = {"<6": "LT6", "6-8": "6TO8", ">8": "GT8"}[band]
    if nodule_type == "solid":
        if count == "single" and band == ">8":
            return "S1_GT8"
        prefix = "S1" if count == "single" else "SM"
        return f"{prefix}_{size}_{risk.upper()}"
    size = "LT6" if band == "<6" else "GE6"
    if count == "multiple":
        return f"SSM_{size}"
    return f"{'GG1' if nodule_type == 'ground-glass' else 'PS1'}_{size}"


_FORMAT_REASONS = frozenset({"radiograph", "known_cancer", "immunocompromised", "age_under_35", "screening",
                             "no_nodule", "benign_calcified", "perifissural", "mass", "growth",
                             "size_unknown",
                             "conflict"})  # fmt: skip


def case_prediction(panel: FleischnerPanel) -> dict[str, object] | None:
    """The panel in the evaluation format (FORMAT.md): the guide nodule's cells for both
    risks, or no recommendation with the reason."""
    risk = panel.risk or "unknown"
    if panel.status != "recommendation" or panel.guiding is None or not panel.cells:
        reason = panel.reason if panel.reason in _FORMAT_REASONS else None
        return {"applicable": False, "reason": reason, "guide": None, "risk": risk, "recommendation": None}
    guide = panel.nodules[panel.guiding]
    assert guide.size_mm is not None and guide.nodule_type is not None
    return {"applicable": True, "reason": None,
            "guide": {"size_mm": guide.size_mm, "type": _TYPE_KEY[guide.nodule_type], "count": panel.count},
            "risk": risk, "recommendation": dict(panel.cells)}  # fmt: skip


def overrides_from_options(pairs: Iterable[str]) -> list[Override]:
    """Corrections written ``FIELD=VALUE`` (the command line): ``age=52``, ``risk.smoking=false``,
    ``nodule.n1.size_mm=7``, ``nodule.n2.status=benign_calcified``, ``count=multiple``; ``null``
    (or an empty value) makes an input unknown."""
    found: list[Override] = []
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep or not name.strip():
            raise fleischner.OverrideError(f"{pair!r}: write FIELD=VALUE, e.g. age=52 or nodule.n1.size_mm=7")
        found.append(Override(name.strip(), _parse_value(name.strip(), raw.strip())).checked())
    return found


def _parse_value(name: str, raw: str) -> str | int | float | bool | None:
    lowered = raw.lower()
    if lowered in ("", "null", "none", "unknown"):
        return None
    if lowered in ("true", "yes", "present"):
        return True
    if lowered in ("false", "no", "absent"):
        return False
    if name == "age" and re.fullmatch(r"\d{1,3}", raw):
        return int(raw)
    if name.endswith(".size_mm"):
        try:
            return float(raw.replace(",", "."))
        except ValueError:
            raise fleischner.OverrideError(f"{name}: {raw!r} is not a number") from None
    return raw
