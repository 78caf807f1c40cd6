"""The fixed sentences app/core shows to a user, as templates the interface can translate.

Core code has no Qt, so it marks each sentence with :func:`QT_TRANSLATE_NOOP` (the name Qt's
``lupdate`` looks for: the strings land in the .ts files) and fills the ``{name}`` fields with
``str.format``. What core returns stays plain English text — it is what the command line
prints, what the vault stores and what an export carries. The GUI turns any such text back
into its template and fields with :func:`parse` and shows the translation, so a session
stored by an older version is translated on reopening too.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

CONTEXT = "Messages"

_registered: dict[str, None] = {}  # insertion-ordered set of every marked template


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation; returns it unchanged."""
    if context == CONTEXT:
        _registered[text] = None
    return text


# -- the model engine --------------------------------------------------------------------------
NO_GPU_BUILD = QT_TRANSLATE_NOOP(
    "Messages", "CPU only: this llama.cpp build has no GPU support, answers will be slow. "
    "Install the CUDA build (README, 'GPU set-up').")
NO_LAYER_OFFLOADED = QT_TRANSLATE_NOOP(
    "Messages", "CPU only: no layer was offloaded to the GPU; answers will be slow.")
SOME_LAYERS_ON_GPU = QT_TRANSLATE_NOOP(
    "Messages", "Only {offloaded} of {total} layers run on the GPU ({backend}); the rest run on the CPU "
    "and answers will be slower. A smaller quantisation (Q4_K_M) or a shorter context (n_ctx) lets the "
    "whole model fit.")
CONTEXT_REDUCED = QT_TRANSLATE_NOOP(
    "Messages", "The context was reduced from {requested} to {used} tokens to fit in GPU memory.")
NO_CHAT_TEMPLATE = QT_TRANSLATE_NOOP("Messages", "The model file has no chat template; using ChatML.")
CPU_SUMMARY = QT_TRANSLATE_NOOP("Messages", "CPU only: answers will be slow · {model}")
GPU_SUMMARY = QT_TRANSLATE_NOOP("Messages", "{backend} · {device} · {offloaded}/{total} layers on GPU · "
                                            "{gib} GB")

# -- reading report files ----------------------------------------------------------------------
FILE_PREFIX = QT_TRANSLATE_NOOP("Messages", "{file}: {message}")
READ_AS_UTF16 = QT_TRANSLATE_NOOP("Messages", "read as {encoding} (no byte-order mark)")
INVALID_UTF8 = QT_TRANSLATE_NOOP(
    "Messages", "bytes that are not valid UTF-8 (the first at byte {offset}; {count} character(s) in all) "
    "were replaced by \ufffd; check the text there")
ENCODING_GUESSED = QT_TRANSLATE_NOOP(
    "Messages", "the text encoding was guessed as {encoding}; check that the characters read correctly")
READ_AS_LATIN1 = QT_TRANSLATE_NOOP("Messages", "read as Latin-1; check that the characters read correctly")

# -- images that may carry burned-in text --------------------------------------------------------
BURNED_IN_FLAG = QT_TRANSLATE_NOOP(
    "Messages", "the file says text is burned into the pixels (BurnedInAnnotation YES)")
BURNED_IN_MODALITY = QT_TRANSLATE_NOOP("Messages", "{kind} images often have text burned into the pixels")
ULTRASOUND = QT_TRANSLATE_NOOP("Messages", "ultrasound")
SECONDARY_CAPTURE = QT_TRANSLATE_NOOP("Messages", "secondary capture")
OTHER_IMAGES = QT_TRANSLATE_NOOP("Messages", "other")
CAMERA_PHOTOGRAPH = QT_TRANSLATE_NOOP("Messages", "external camera photograph")
SCANNED_DOCUMENT = QT_TRANSLATE_NOOP("Messages", "scanned document")

# -- structured findings -----------------------------------------------------------------------
PART_PREFIX = QT_TRANSLATE_NOOP("Messages", "part {number}: {message}")
FINDING_NOT_OBJECT = QT_TRANSLATE_NOOP("Messages", "finding {number} is not an object; skipped")
NO_STRUCTURED_FINDINGS = QT_TRANSLATE_NOOP("Messages", "no structured findings: {reason}")
FINDINGS_CUT_SHORT = QT_TRANSLATE_NOOP(
    "Messages", "the findings JSON was cut short; its {count} complete findings are kept")
NOT_FINDINGS_JSON = QT_TRANSLATE_NOOP(
    "Messages", "the output is not findings JSON (it breaks off at character {position})")
NO_OUTPUT = QT_TRANSLATE_NOOP("Messages", "the model returned no output")
STOPPED_BEFORE_LIST = QT_TRANSLATE_NOOP("Messages", "the output stopped before the findings list began")
NO_FINDINGS_LIST = QT_TRANSLATE_NOOP("Messages", "the output has no \"findings\" list")
REPEATED_FINDINGS = QT_TRANSLATE_NOOP(
    "Messages", "{count} finding(s) repeated word for word were left out")

# -- the consortium's findings model, a second opinion beside the draft ---------------------------
CONSORTIUM_SAYS_PRESENT = QT_TRANSLATE_NOOP(
    "Messages", "consortium model: {label} present, {probability} — the draft says {draft}")
CONSORTIUM_SAYS_ABSENT = QT_TRANSLATE_NOOP(
    "Messages", "consortium model: {label} unlikely, {probability} — the draft says {draft}")
DRAFT_ABSENT = QT_TRANSLATE_NOOP("Messages", "absent")
DRAFT_PRESENT = QT_TRANSLATE_NOOP("Messages", "present")
DRAFT_NOT_STATED = QT_TRANSLATE_NOOP("Messages", "nothing")
CONSORTIUM_UNCALIBRATED = QT_TRANSLATE_NOOP(
    "Messages", "consortium model (uncalibrated, not a flag): {label} {probability}")
CONSORTIUM_PROBABILITY = QT_TRANSLATE_NOOP("Messages", "consortium model: {label} {probability}")

# -- a model that repeats itself (decoding stops) ------------------------------------------------
REPETITION_STOPPED = QT_TRANSLATE_NOOP(
    "Messages", "The model began repeating itself ({reason}); it was stopped there, and what it wrote "
    "before is kept.")
REPEATED_ENTRY = QT_TRANSLATE_NOOP("Messages", "the same entry again: {entry}")
REPEATED_SENTENCE = QT_TRANSLATE_NOOP("Messages", "the same sentence {count} times: {sentence}")
BLANK_RUN = QT_TRANSLATE_NOOP("Messages", "{count} characters of blank space")
REPEATED_LOOP = QT_TRANSLATE_NOOP("Messages", "the same short text {count} times in a row: {unit}")

# -- Fleischner follow-up: the panel's notes and the nodules' reasons ----------------------------
NO_NODULE_STATED = QT_TRANSLATE_NOOP("Messages", "No pulmonary nodule is stated in the documents.")
EXCLUDED_BY_CONTEXT = QT_TRANSLATE_NOOP(
    "Messages", "The Fleischner 2017 recommendations do not apply: the documents mention \u201c{quote}\u201d "
    "(lung cancer screening, known cancer or immunosuppression are outside their scope).")
UNDER_35 = QT_TRANSLATE_NOOP(
    "Messages", "The Fleischner 2017 recommendations apply to adults aged 35 or over; the documents give "
    "an age of {age}.")
RISK_NOT_STATED = QT_TRANSLATE_NOOP(
    "Messages", "Patient risk is not stated in the documents (no smoking history or other risk factor the "
    "guideline names): the risk is unknown, so both rows are shown.")
LOW_RISK_DEFINED = QT_TRANSLATE_NOOP(
    "Messages", "Low risk as the guideline defines it: minimal or absent smoking history and no other risk "
    "factor stated in the documents.")
RADIOGRAPH_ONLY = QT_TRANSLATE_NOOP(
    "Messages", "These documents describe a radiograph: the table is defined for nodules characterised and "
    "measured on CT.")
CALCIFIED_NODULE = QT_TRANSLATE_NOOP("Messages", "calcified: a benign pattern, outside the table")
OUTSIDE_SCOPE = QT_TRANSLATE_NOOP("Messages", "outside the guideline's scope (see notes)")
RISK_FACTOR = QT_TRANSLATE_NOOP("Messages", "{factor}: \u201c{evidence}\u201d")
RISK_LOW = QT_TRANSLATE_NOOP("Messages", "low")
RISK_HIGH = QT_TRANSLATE_NOOP("Messages", "high")

# -- the vault ---------------------------------------------------------------------------------
KEY_NOW_IN_KEYRING = QT_TRANSLATE_NOOP("Messages", "the key is now kept in the OS keyring ({backend})")
READ_ONLY_FOR_NOW = QT_TRANSLATE_NOOP("Messages", "read-only for now: {reason}")

# -- the vision model: where it runs, what it looked at ------------------------------------------
VISION_NO_GPU = QT_TRANSLATE_NOOP(
    "Messages", "The vision model runs on the CPU (no GPU build or no GPU found): each image takes about a "
    "minute to encode.")
VISION_BOTH_ON_GPU = QT_TRANSLATE_NOOP(
    "Messages", "The vision model runs on the GPU beside the text model: it needs {need} GB and {free} GB "
    "are free.")
VISION_ON_GPU = QT_TRANSLATE_NOOP(
    "Messages", "The vision model runs on the GPU: it needs {need} GB and {free} GB are free.")
VISION_ON_CPU = QT_TRANSLATE_NOOP(
    "Messages", "The vision model runs on the CPU: it needs {need} GB of GPU memory and only {free} GB are "
    "free beside the text model. Each image takes about a minute; a GPU with more memory runs both.")
LOOKED_AT = QT_TRANSLATE_NOOP(
    "Messages", "The model looked at {count} image(s): {images}. It did not look at any other image or "
    "slice.")
NOT_SENT_BURNED_IN = QT_TRANSLATE_NOOP(
    "Messages", "{image} was not sent: {reason}. Confirm it in the viewer to send it at privacy level high.")
IMAGE_AT_INSTANCE = QT_TRANSLATE_NOOP("Messages", "{series}, instance {instance}, {window}")
IMAGE_AT_FRAME = QT_TRANSLATE_NOOP("Messages", "{series}, frame {frame}, {window}")
WINDOW_OF_FILE = QT_TRANSLATE_NOOP("Messages", "the file's window")
WINDOW_SET = QT_TRANSLATE_NOOP("Messages", "window C {center} / W {width}")
WINDOW_PRESET = QT_TRANSLATE_NOOP("Messages", "{preset} window C {center} / W {width}")
PRESET_NAMES = (QT_TRANSLATE_NOOP("Messages", "lung"), QT_TRANSLATE_NOOP("Messages", "mediastinum"),
                QT_TRANSLATE_NOOP("Messages", "bone"), QT_TRANSLATE_NOOP("Messages", "brain"))  # fmt: skip
NUMBERED_IMAGE = QT_TRANSLATE_NOOP("Messages", "image {number}: {image}")
IMAGE_OBSERVATION = QT_TRANSLATE_NOOP("Messages", "**Image {number}** ({image}): {observation}")
REPORT_NOT_SEEN = QT_TRANSLATE_NOOP("Messages", "In the report, not seen in these images:")
SEEN_NOT_IN_REPORT = QT_TRANSLATE_NOOP("Messages", "Seen in the images, not in the report:")
QUOTE_NOT_IN_REPORT = QT_TRANSLATE_NOOP("Messages", "(quote not found in the report)")
ANSWER_AT_TOKEN_LIMIT = QT_TRANSLATE_NOOP(
    "Messages", "The answer stopped at the token limit; it may be incomplete.")
ANSWER_CANCELLED = QT_TRANSLATE_NOOP("Messages", "The answer was cancelled before it was complete.")
ANSWER_NOT_JSON = QT_TRANSLATE_NOOP(
    "Messages", "The answer is not complete JSON; it is shown as the model wrote it.")
QUOTES_NOT_IN_REPORT = QT_TRANSLATE_NOOP(
    "Messages", "{count} report finding(s) quote words that are not in the report: check them against the "
    "source.")
NO_VISION_MODEL = QT_TRANSLATE_NOOP(
    "Messages", "No vision model is installed: put Qwen2.5-VL-7B-Instruct (GGUF) and its mmproj projector "
    "file in the models folder (README, 'The vision model').")

# What the window shows as a warning about speed, not as a notice.
GPU_WARNINGS = (NO_GPU_BUILD, NO_LAYER_OFFLOADED, SOME_LAYERS_ON_GPU)


@dataclass(frozen=True)
class Parsed:
    """A text read back as its template and the values of the template's fields."""

    template: str
    fields: dict[str, str]


# Modules whose module-level QT_TRANSLATE_NOOP calls hold the rest of the catalogue.
MESSAGE_MODULES = ("app.core.messages", "app.core.tasks.fleischner", "app.core.tasks.nodules")


@cache
def catalogue() -> tuple[str, ...]:
    """Every template core can show, after importing the modules that declare them."""
    for name in MESSAGE_MODULES:
        importlib.import_module(name)
    return tuple(_registered)


_FIELD = re.compile(r"\{(\w+)\}")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Templates with fields as regular expressions, the most literal text first (so that
    "{file}: {message}" is tried after every template that says more)."""
    compiled: list[tuple[int, re.Pattern[str], str]] = []
    for template in catalogue():
        names = _FIELD.findall(template)
        if not names:
            continue
        pieces = _FIELD.split(template)
        regex = "".join(re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>.+?)"
                        for i, piece in enumerate(pieces))  # fmt: skip
        literal = sum(len(piece) for piece in pieces[::2])
        compiled.append((literal, re.compile(regex + r"\Z", re.DOTALL), template))
    compiled.sort(key=lambda item: -item[0])
    return tuple((pattern, template) for _, pattern, template in compiled)


def parse(text: str) -> list[Parsed]:
    """Every template ``text`` may have been made from, the most specific first, with the
    values of its fields; empty for any other text."""
    if text in catalogue():
        return [Parsed(text, {})]
    found: list[Parsed] = []
    for pattern, template in _patterns():
        match = pattern.match(text)
        if match:
            found.append(Parsed(template, match.groupdict()))
    return found


def made_from(text: str, template: str) -> bool:
    """Whether ``text`` is ``template`` with its fields filled in."""
    return any(parsed.template == template for parsed in parse(text))


# Fields that hold another message, translated in turn. A reading whose message is not a
# known message, or whose kind is not one fixed word of the catalogue, is the
# wrong reading (":" also occurs in file names and series labels).
_NESTED = frozenset({"message", "factor", "reason", "window", "image", "where"})
_MUST_PARSE = frozenset({"message", "factor"})
_FIXED = frozenset({"kind", "preset"})


def render(text: str, translate: Callable[[str], str]) -> str:
    """``text`` in another language: its template passed through ``translate`` (the GUI
    passes Qt's translator) and filled with its field values, nested messages translated
    too. Text that is not from the catalogue comes back unchanged."""
    return _render(text, translate, depth=0) or text


def _render(text: str, translate: Callable[[str], str], depth: int) -> str | None:
    if depth > 4:
        return None
    for parsed in parse(text):
        values: dict[str, str] = {}
        for name, value in parsed.fields.items():
            if name in _FIXED:
                if value not in catalogue():
                    break
                values[name] = translate(value)
                continue
            inner = _render(value, translate, depth + 1) if name in _NESTED else None
            if inner is None and name in _MUST_PARSE:
                break
            values[name] = inner if inner is not None else value
        else:
            try:
                return translate(parsed.template).format(**values)
            except (KeyError, IndexError, ValueError):  # a translation that broke a field
                return parsed.template.format(**values)
    return None


# -- the Fleischner calculator: its inputs, defaults and what it needs (issue 26, part 1) -------
FL_HEADING_COMPUTED = QT_TRANSLATE_NOOP(
    "Messages", "Fleischner 2017: computed from the report, not by the model")
FL_HEADING_CORRECTED = QT_TRANSLATE_NOOP(
    "Messages", "Fleischner 2017: computed from the report and your corrections, not by the model")
FL_HEADING_NEEDS_INPUT = QT_TRANSLATE_NOOP("Messages", "Fleischner 2017: needs your input")
FL_HEADING_OUT_OF_SCOPE = QT_TRANSLATE_NOOP("Messages", "Fleischner 2017: the table does not apply")
FL_WHERE = {
    "right upper lobe": QT_TRANSLATE_NOOP("Messages", "in the right upper lobe"),
    "right middle lobe": QT_TRANSLATE_NOOP("Messages", "in the right middle lobe"),
    "right lower lobe": QT_TRANSLATE_NOOP("Messages", "in the right lower lobe"),
    "left upper lobe": QT_TRANSLATE_NOOP("Messages", "in the left upper lobe"),
    "left lower lobe": QT_TRANSLATE_NOOP("Messages", "in the left lower lobe"),
    "lingula": QT_TRANSLATE_NOOP("Messages", "in the lingula"),
}
FL_SIZE_NOT_STATED = QT_TRANSLATE_NOOP("Messages", "the size of the nodule {where} is not stated")
FL_SIZE_NOT_STATED_ANY = QT_TRANSLATE_NOOP("Messages", "the size of a nodule is not stated")
FL_SIZES_NOT_STATED = QT_TRANSLATE_NOOP(
    "Messages", "the sizes of the nodules stated together are not given (which one is the largest?)")
FL_SIZE_UNREADABLE = QT_TRANSLATE_NOOP(
    "Messages", "a size next to a nodule cannot be read: \u201c{quote}\u201d")
FL_RANGE_ONE_NODULE = QT_TRANSLATE_NOOP(
    "Messages", "a range of sizes is given for one nodule: \u201c{quote}\u201d")
FL_TYPE_NOT_STATED = QT_TRANSLATE_NOOP(
    "Messages", "the type (solid, part-solid or ground-glass) of the nodule {where} is not stated")
FL_TYPE_NOT_STATED_ANY = QT_TRANSLATE_NOOP(
    "Messages", "the type (solid, part-solid or ground-glass) of a nodule is not stated")
FL_SUBSOLID_TYPE = QT_TRANSLATE_NOOP(
    "Messages", "the nodule {where} is called subsolid: is it part-solid or ground-glass?")
FL_SUBSOLID_TYPE_ANY = QT_TRANSLATE_NOOP(
    "Messages", "a nodule is called subsolid: is it part-solid or ground-glass?")
FL_SIZE_CONFLICT = QT_TRANSLATE_NOOP(
    "Messages", "the report gives different sizes for the nodule {where}: {sizes}")
FL_SIZE_CONFLICT_ANY = QT_TRANSLATE_NOOP(
    "Messages", "the report gives different sizes for one nodule: {sizes}")
FL_TYPE_CONFLICT = QT_TRANSLATE_NOOP(
    "Messages", "the report gives different types for the nodule {where}: {types}")
FL_TYPE_CONFLICT_ANY = QT_TRANSLATE_NOOP(
    "Messages", "the report gives different types for one nodule: {types}")
FL_LOBE_CONFLICT = QT_TRANSLATE_NOOP("Messages", "the report places one nodule in different lobes: {lobes}")
FL_MODEL_SIZE_CONFLICT = QT_TRANSLATE_NOOP(
    "Messages", "the model reads {model} mm where the report reads {report} mm: decide which is right")
FL_MODEL_SIZE_UNCONFIRMED = QT_TRANSLATE_NOOP(
    "Messages", "the model reads {model} mm, which the report does not state: not used")
FL_MODEL_NODULE = QT_TRANSLATE_NOOP(
    "Messages",
    "the model reports a nodule that the rules do not read in \u201c{quote}\u201d: confirm or remove it")
FL_MODALITY_NOT_STATED = QT_TRANSLATE_NOOP(
    "Messages", "the examination is not stated to be a CT (the table is for nodules seen on CT)")
FL_AGE_CONFLICT = QT_TRANSLATE_NOOP("Messages", "the documents give different ages: {ages}")
FL_GUIDE_UNCLEAR = QT_TRANSLATE_NOOP(
    "Messages", "solid and subsolid nodules are both stated: choose the nodule that guides management")
FL_AGE_DEFAULT = QT_TRANSLATE_NOOP("Messages", "age not stated: the table is for adults of 35 or over")
FL_OLDER_AGE = QT_TRANSLATE_NOOP(
    "Messages", "age {age}: older age is not used to set the risk (the guideline gives no cut-off)")
FL_OUT_OF_SCOPE = QT_TRANSLATE_NOOP("Messages", "The Fleischner 2017 table does not apply: {reason}.")
FL_OUT_OF_SCOPE_QUOTE = QT_TRANSLATE_NOOP(
    "Messages", "The Fleischner 2017 table does not apply: {reason} (\u201c{quote}\u201d).")
FL_NEEDS = QT_TRANSLATE_NOOP("Messages", "No recommendation until this is settled: {reason}.")
FL_REASONS = {
    "radiograph": QT_TRANSLATE_NOOP(
        "Messages", "the examination is not a CT (a radiograph or another modality)"),
    "known_cancer": QT_TRANSLATE_NOOP("Messages", "the patient has a known primary cancer"),
    "immunocompromised": QT_TRANSLATE_NOOP("Messages", "the patient is immunocompromised"),
    "age_under_35": QT_TRANSLATE_NOOP("Messages", "the patient is under 35"),
    "screening": QT_TRANSLATE_NOOP("Messages", "a lung cancer screening CT (Lung-RADS applies)"),
    "no_nodule": QT_TRANSLATE_NOOP("Messages", "no pulmonary nodule is stated"),
    "benign_calcified": QT_TRANSLATE_NOOP("Messages", "a benign pattern of calcification or fat"),
    "perifissural": QT_TRANSLATE_NOOP("Messages", "a typical perifissural nodule"),
    "mass": QT_TRANSLATE_NOOP("Messages", "a mass (30 mm or more)"),
    "growth": QT_TRANSLATE_NOOP("Messages", "a nodule that changed against a prior study"),
    "conflict": QT_TRANSLATE_NOOP("Messages", "the inputs disagree"),
    "size_unknown": QT_TRANSLATE_NOOP("Messages", "a nodule's size is not known"),
}
FL_SOURCES = {
    "report": QT_TRANSLATE_NOOP("Messages", "from the report"),
    "default": QT_TRANSLATE_NOOP("Messages", "default"),
    "model": QT_TRANSLATE_NOOP("Messages", "from the model"),
    "clinician": QT_TRANSLATE_NOOP("Messages", "set by the clinician"),
}
FL_INPUT_LABELS = {
    "age": QT_TRANSLATE_NOOP("Messages", "age"),
    "modality": QT_TRANSLATE_NOOP("Messages", "examination"),
    "count": QT_TRANSLATE_NOOP("Messages", "number of nodules"),
    "guide": QT_TRANSLATE_NOOP("Messages", "guide nodule"),
    "exclusion.known_cancer": QT_TRANSLATE_NOOP("Messages", "known primary cancer"),
    "exclusion.immunocompromised": QT_TRANSLATE_NOOP("Messages", "immunocompromised"),
    "exclusion.screening": QT_TRANSLATE_NOOP("Messages", "lung cancer screening"),
}
FL_VALUES = {
    "present": QT_TRANSLATE_NOOP("Messages", "present"),
    "absent": QT_TRANSLATE_NOOP("Messages", "absent"),
    "unknown": QT_TRANSLATE_NOOP("Messages", "not stated"),
    "never": QT_TRANSLATE_NOOP("Messages", "never smoker"),
    "single": QT_TRANSLATE_NOOP("Messages", "single"),
    "multiple": QT_TRANSLATE_NOOP("Messages", "multiple"),
}
FL_STATUS = {
    "benign_calcified": CALCIFIED_NODULE,
    "perifissural": QT_TRANSLATE_NOOP("Messages", "typical perifissural nodule: not counted"),
    "mass": QT_TRANSLATE_NOOP("Messages", "a mass: outside the table"),
    "growth": QT_TRANSLATE_NOOP("Messages", "changed against a prior: outside the table"),
    "not_a_nodule": QT_TRANSLATE_NOOP("Messages", "not a nodule (set by the clinician)"),
}


# -- certainty: the rules flag a disagreement with the draft, they never overwrite it (issue 26, part 2)
CERTAINTY_CONFLICT = QT_TRANSLATE_NOOP(
    "Messages", "certainty in conflict: the draft says {draft}, the certainty rules read {rule} in "
    "\u201c{evidence}\u201d; the draft's answer is kept, check the report")

# -- grounding: does the quoted evidence support what the finding claims (issue 26, part 3) -----
GROUNDING_EXACT = QT_TRANSLATE_NOOP("Messages", "quote found exactly")
GROUNDING_NORMALISED = QT_TRANSLATE_NOOP(
    "Messages", "quote found after ignoring case, blanks and character width")
GROUNDING_NOT_SUPPORTED = QT_TRANSLATE_NOOP("Messages", "the quote does not support this finding: {reason}")
GROUNDING_REASONS: dict[str, str] = {
    "not_in_report": QT_TRANSLATE_NOOP("Messages", "the quote is not in the report"),
    "loose": QT_TRANSLATE_NOOP(
        "Messages", "the quote is in the report only with its punctuation changed (\u201c{quoted}\u201d)"),
    "number_differs": QT_TRANSLATE_NOOP(
        "Messages", "a number differs: the draft says {claimed}, the report says {quoted}"),
    "comparator_differs": QT_TRANSLATE_NOOP(
        "Messages", "a comparator differs: the draft says {claimed}, the report says {quoted}"),
    "laterality_differs": QT_TRANSLATE_NOOP(
        "Messages", "the side differs: the draft says {claimed}, the report says {quoted}"),
    "negated_in_context": QT_TRANSLATE_NOOP(
        "Messages", "the report does not state it as present there ({quoted}); the draft says {claimed}"),
    "certainty_differs": QT_TRANSLATE_NOOP(
        "Messages", "the report reads it as {quoted} there; the draft says {claimed}"),
    "other_finding": QT_TRANSLATE_NOOP(
        "Messages", "the quote does not name the finding ({claimed}); it names: {quoted}"),
    "spans_sentences": QT_TRANSLATE_NOOP(
        "Messages", "the quote joins words from different sentences"),
}

# -- Fleischner calculator: inputs read from evidence the report gives indirectly (issue 26, part 1) --
FL_MODALITY_INFERRED = QT_TRANSLATE_NOOP(
    "Messages", "examination (not named: CT inferred from \u201c{words}\u201d, which only CT describes)")
FL_CALCIFICATION_NOT_BENIGN = QT_TRANSLATE_NOOP(
    "Messages", "the calcification (\u201c{quote}\u201d) is not one of the benign patterns: is the nodule "
    "managed by the table?")
FL_TYPE_DEFAULT = QT_TRANSLATE_NOOP(
    "Messages", "type not stated: a nodule the report does not call ground-glass or part-solid is read as "
    "solid (correct it if it is not)")

# -- Fleischner calculator: an earlier size stated on its own (urgent follow-up fixes) --
FL_PRIOR_WHICH_NODULE = QT_TRANSLATE_NOOP(
    "Messages", "an earlier size (\u201c{quote}\u201d) is stated without saying which nodule it belongs to: "
    "has one of them changed?")
