"""Is a finding present, absent or uncertain in a whole report? One answer per label, with evidence.

The reader finds every mention of the label's words (each label has its English and Chinese
terms: "pleural fluid", "胸水", "the heart is enlarged", "肿大淋巴结" ...) and reads each one
in its own clause with the sentence rules of :mod:`app.core.tasks.negation`. The report's
answer follows the evaluation sets' convention:

- present if the finding is affirmed anywhere ("No right effusion. Small left effusion.");
- otherwise uncertain ("possible") if it is hedged anywhere;
- otherwise absent (negated, or never mentioned).

A structured line "Label: none in X; 6 mm in Y" affirms the finding where a later piece of
the same line names a place and an amount ("Pleural effusion: none on the right; small on the
left").

What does not count: mentions in the indication, clinical history, comparison or technique
sections (INDICATION:, CLINICAL HISTORY:, 临床诊断：, 病史：...), a history or a question in
a finding's own words ("history of pneumothorax", "rule out pneumonia" in the findings is a
hedge, "既往肺炎病史", "食管裂孔疝术后"), and words that name another thing ("pericardial
effusion", "心包积液", "mass effect", "subcutaneous emphysema").

The reader asks instead of guessing: for a label it has no words for, a report with no text
outside those sections, or more mentions than it reads (MAX_MENTIONS) with none affirmed, the
answer is None with the reason. Every answer carries the sentence and the trigger words that
decided it (reading stops at the first affirmed mention: nothing later can change it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from app.core.tasks.negation import Certainty, assess, sentence_around

# Why the reader gave no answer, or why "absent" has no sentence behind it.
UNKNOWN_LABEL = "unknown_label"  # no words for this label: the reader cannot read it
NO_FINDINGS_TEXT = "no_findings_text"  # nothing outside the indication / history to read
NOT_MENTIONED = "not_mentioned"  # absent because no finding section names it
ONLY_IN_CONTEXT = "only_in_context"  # absent: named only in the indication, history or as a question
TOO_MANY_MENTIONS = "too_many_mentions"  # more mentions than the reader reads, none affirmed
MAX_MENTIONS = 400

Section = Literal["findings", "context"]


@dataclass(frozen=True)
class _Concept:
    name: str
    terms: re.Pattern[str]
    # Text just before / after a bare term that makes it another thing ("pericardial effusion").
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None


_GAP_EN = r"(?:\s+(?!and\b|but\b|with\b|or\b)[\w-]+){0,4}?\s+"
_CONCEPTS: tuple[_Concept, ...] = (
    _Concept(
        "pleural effusion",
        re.compile(r"\bpleural\s+effusions?\b|\b(?P<bare>effusions?)\b|\bpleural\s+fluid\b|\bhydrothora(?:x|ces)\b|"
                   r"\bhydropneumothora(?:x|ces)\b|\bfluid\s+(?:in|within)\s+the\s+(?:(?:right|left|bilateral|"
                   r"minor|major|horizontal|oblique)\s+)?(?:pleural\s+spaces?|fissures?)\b|\bfissural\s+fluid\b|"
                   r"胸腔积液|胸水|液气胸|(?P<zhbare>积液)", re.IGNORECASE),
        re.compile(r"(?:pericardial|joint|knee|subdeltoid|peritoneal|middle\s+ear|sinus|mastoid|"
                   r"心包|腹腔|盆腔|关节|鞘膜|胆囊|肝周|脾周|腹|鼻窦|乳突)[^,.;，。；\n]{0,6}$",
                   re.IGNORECASE),
    ),
    _Concept("pneumothorax", re.compile(r"\b(?:hydro)?pneumothora(?:x|ces)\b|\bptx\b|气胸", re.IGNORECASE)),
    _Concept("consolidation", re.compile(r"\bconsolidat\w*|实变", re.IGNORECASE)),
    _Concept("pneumonia", re.compile(r"\b(?:broncho)?pneumonias?\b|\bpneumonic\b|\bpna\b|肺炎(?!性假瘤)|"
                                     r"肺部感染|肺感染|炎症|炎性病变|感染性病变", re.IGNORECASE)),
    _Concept(
        "atelectasis",
        re.compile(r"\batelecta\w*|\b(?P<bare>collapsed?)\b|肺不张|膨胀不全|不张|肺萎陷", re.IGNORECASE),
        re.compile(r"(?:vertebra\w*|bod(?:y|ies)|compression|dis[ck]|trach\w*|airway|tracheobronchial|"
                   r"height|circulatory|cardiovascular)\s+(?:[\w-]+\s+)?$", re.IGNORECASE),
        re.compile(r"^\s+(?:of\s+)?(?:the\s+)?(?:[\w-]+\s+)?(?:vertebra\w*|body|bodies|[TL]\d)",
                   re.IGNORECASE),
    ),
    _Concept(
        "cardiomegaly",
        re.compile(r"\bcardiomegaly\b|\bcardiac\s+enlargement\b|"
                   r"\b(?:heart|cardiac\s+silhouette|cardiac\s+shadow|cardiac\s+contours?|cardiac\s+size|heart\s+size|"
                   r"cardiomediastinal\s+silhouette|cardiothoracic\s+ratio|ctr)" + _GAP_EN +
                   r"(?P<head>enlarged|enlargement|increased|elevated)\b|"
                   r"\b(?P<head2>enlarged|enlargement\s+of\s+the|large|increased)\s+(?:[\w-]+\s+){0,2}?"
                   r"(?:heart|cardiac\s+silhouette|cardiac\s+size|heart\s+size)\b(?!\s+(?:size\s+)?(?:is\s+)?normal)|"
                   r"\b(?:heart|heart\s+size|cardiac\s+size|cardiac\s+silhouette)\s*:\s*(?:[\w-]+\s+)?"
                   r"(?P<head3>enlarged|increased)\b|"
                   r"心影(?:稍|略|轻度|明显|中度|显著|普遍)?大(?!小)|心(?:影|脏)[^，。；,;\s]{0,8}?(?P<head4>增大|扩大)",
                   re.IGNORECASE),
    ),
    _Concept("edema", re.compile(r"\bo?edema(?:tous)?\b|\boedema\b|水肿", re.IGNORECASE)),
    _Concept("nodule", re.compile(r"\b(?:micro)?nodul(?:e|es|(?P<adjective>ar|arity))\b|结节(?!病)",
                                  re.IGNORECASE)),
    _Concept(
        "mass",
        re.compile(r"\bmass(?:es)?\b(?!\s+effect|-?like)|肿块|肿物|团块|占位(?!效应)", re.IGNORECASE),
        re.compile(r"(?:body|muscle|bone|lean|fat)\s+$", re.IGNORECASE),
    ),
    _Concept("fracture", re.compile(r"\bfractur\w*|\bfx\b|骨折", re.IGNORECASE)),
    _Concept(
        "emphysema",
        re.compile(r"\bemphysema(?:tous)?\b|\bcopd\b|\bchronic\s+obstructive\s+(?:pulmonary|lung|airways?)\s+disease\b|"
                   r"肺气肿|慢阻肺|慢性阻塞性肺", re.IGNORECASE),
        re.compile(r"(?:subcutaneous|surgical|soft[- ]tissue|mediastinal|interstitial|chest\s+wall|subq)\s+"
                   r"(?:[\w-]+\s+)?$", re.IGNORECASE),
    ),
    _Concept("hiatal hernia", re.compile(
        r"\bhiat(?:al|us)\s+hernias?\b|\bhiatal\s+herniation\b|\bpara-?o?esophageal\s+hernias?\b|"
        r"\bintrathoracic\s+stomach\b|食管裂孔疝|裂孔疝|(?:胃|胃底|贲门)[^，。；,;]{0,6}疝入",
        re.IGNORECASE)),
    _Concept("lymphadenopathy", re.compile(
        r"\b(?:lymph)?adenopath\w*|\blymph\s*node\s+enlargement\b|"
        r"\b(?P<head>enlarged|bulky|pathologically\s+enlarged)\s+(?:[\w-]+\s+){0,3}?(?:lymph\s+)?nodes?\b|"
        r"\b(?:lymph\s+)?nodes?\s+(?:(?!and\b|but\b)[\w-]+\s+){0,3}?(?P<head2>enlarged)\b|"
        r"淋巴结[^，。；,;\s]{0,6}?(?P<head3>肿大|增大)|(?:肿大|增大)的?淋巴结", re.IGNORECASE)),
    _Concept("granuloma", re.compile(r"\bgranulom\w*|肉芽肿", re.IGNORECASE)),
    _Concept(
        "opacity",
        re.compile(r"\bopacit(?:y|ies)\b|\bdensit(?:y|ies)\b|\binfiltrat\w*|\bair[- ]?space\s+disease\b|阴影|"
                   r"密度增高影|渗出|斑片状?影|模糊影", re.IGNORECASE),
        re.compile(r"(?:bone|soft[- ]tissue|mineral)\s+$", re.IGNORECASE),
    ),
)
CONCEPTS: dict[str, _Concept] = {concept.name: concept for concept in _CONCEPTS}
LABELS: tuple[str, ...] = tuple(CONCEPTS)

# -- sections ----------------------------------------------------------------------------------
_CONTEXT_EN = (
    r"indications?|clinical\s+indications?|indication\s+for\s+(?:the\s+)?(?:exam|examination|study)|"
    r"reasons?\s+for\s+(?:the\s+)?(?:exam|examination|study|request|referral|imaging)|reason|"
    r"(?:clinical|medical|past\s+medical|relevant|brief)\s+history|history|hx|pmh|"
    r"(?:clinical|provisional|working|admitting|admission|referring|referral|presumptive)\s+diagnos[ie]s|"
    r"clinical\s+(?:information|info|details|data|notes?|question|summary|indications?|background)|clinical|"
    r"comparisons?|compared\s+with|prior\s+studies|technique|techniques|examination|exam|procedure|"
    r"study|type\s+of\s+(?:exam|examination|study)|exam\s+type|request|referral|presenting\s+complaint|"
    r"clinical\s+question"
)
_FINDINGS_EN = (
    r"findings?|impressions?|conclusions?|opinion|interpretation|summary|diagnosis|diagnoses|results?|"
    r"comments?|report|assessment|recommendations?|findings\s+and\s+impression|impression\s+and\s+plan"
)
_CONTEXT_ZH = (
    r"临床诊断|临床资料|临床病史|临床信息|临床表现|临床症状|临床印象|初步诊断|入院诊断|门诊诊断|申请诊断|临床|"
    r"简要病史|病史摘要|病史|现病史|既往史|主诉|"
    r"申请目的|检查目的|检查原因|检查项目|检查方法|检查技术|扫描方法|扫描技术|检查部位|对比|比较|对照|"
    r"检查名称|检查类型"
)
_FINDINGS_ZH = (
    r"检查所见|影像所见|影像表现|影像学表现|所见|诊断意见|影像诊断|影像学诊断|检查结论|诊断|印象|结论|意见|提示|"
    r"表现|报告"
)
_HEADING = re.compile(
    rf"(?:^|(?<=[\n.;。；]))[ \t]*(?:[-*•#]+[ \t]*)?[【\[]?(?P<name>(?i:{_CONTEXT_EN}|{_FINDINGS_EN})|"
    rf"{_CONTEXT_ZH}|{_FINDINGS_ZH})(?:[ \t]*(?:/|&|,|\band\b|\bor\b)[ \t]*[A-Za-z][A-Za-z ]{{0,30}}?)?"
    rf"[ \t]*(?:\([^()\n]{{0,40}}\))?[】\]]?[ \t]*(?:[:：]|(?<=[】\]])|(?=[ \t]*\n))",
    re.MULTILINE,
)
_FINDINGS_NAME = re.compile(rf"(?i:{_FINDINGS_EN})|{_FINDINGS_ZH}")

# A history, a repair or a question in the finding's own clause: not a finding of this study.
_HISTORY_BEFORE = re.compile(
    r"(?:\b(?:(?:known\s+|prior\s+|past\s+|previous\s+|remote\s+)?history\s+of|hx\s+of|h/o|"
    r"(?:repair|resection|fixation|excision|removal|surgery|treatment)\s+(?:of|for)|status\s+post|s/p|"
    r"post-?operative|presenting\s+with|admitted\s+with|treated\s+for|"
    r"(?:under|on)\s+treatment\s+for|follow(?:ing)?[- ]up\s+(?:of|for))\b"
    r"|既往|曾患|曾有|曾行|治疗后的?|术后的?)"
    # ... up to the finding, unless a new statement starts ("s/p chest tube with small pneumothorax")
    r"(?:(?!\b(?:with|and|but|now|showing|shows?|demonstrat\w*|there|new|residual|persist\w*|again|currently|"
    r"still|small|large|mild|moderate|tiny|trace)\b|见|现|仍|残留|新)[^,;:，；。]){0,40}$",
    re.IGNORECASE,
)
_HISTORY_AFTER = re.compile(
    r"^(?:\s+(?:repair|repaired|resection|resected|surgery|fixation|excision|removal|operation)\b|"
    r"[^，。；,;\s]{0,4}?(?:术后|修补|切除|手术|治疗后|病史|史(?![\u4e00-\u9fff])))",
    re.IGNORECASE,
)
# A question in the finding's clause ("to rule out pneumonia", "evaluate for fracture", "排除骨折"):
# not a finding, unless it is the hedge "cannot rule out".
_QUESTION_BEFORE = re.compile(
    r"(?:\b(?:rule\s+out|r/o|(?:evaluate|evaluation|assess|assessment|screen|screening|search|look)\s+for|"
    r"to\s+exclude)\b|(?<![不能未可已法])(?<!难以)(?:排除|除外))[^,;:，；。]{0,40}$",
    re.IGNORECASE,
)
_CANNOT_BEFORE = re.compile(
    r"(?:cannot|can\s*not|can't|could\s*not|couldn't|unable\s+to|not\s+possible\s+to|impossible\s+to|"
    r"difficult\s+to|hard\s+to|may\s+not|not)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_OR_BEFORE = re.compile(r"\s*(?P<word>\bor\b|\band/or\b|或|或者)\s*(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_STRUCTURED_VALUE = re.compile(r"[ \t]*(?:[:：]|[ \t][-–—][ \t])[ \t]*(?P<value>[^\n.;。；]*)")
_VALUE_NEGATIVE = re.compile(
    r"^(?:none|no|nil|absent|negative|not\s+(?:seen|present|identified|detected|demonstrated|visuali[sz]ed)|"
    r"normal|resolved|cleared|n/?a|-|—|无|未见|阴性|否|正常|已吸收|消失|（-）|\(-\))(?![\w])",
    re.IGNORECASE,
)
_VALUE_HEDGE = re.compile(
    r"^(?:possible|possibly|probable|questionable|equivocal|indeterminate|suspected|\?|可疑|可能|不除外|待排|？)",
    re.IGNORECASE,
)


# "Label: none in X; <size or grade> in Y" on one line: the label's value goes on in the next
# pieces, and one naming a place and not negated says the finding is there.
_VALUE_PLACE = re.compile(
    r"\b(?:right|left|bilateral|both|R[UML]L|L[UL]L|lingula\w*|lobes?|lungs?|bases?|apex|apices|hemithorax|"
    r"hilum|hila|mediastinum|side)\b|左|右|双|两|肺|叶|段|侧", re.IGNORECASE)
_VALUE_GOES_ON_NEG = re.compile(
    r"^\s*(?:none|no|nil|absent|negative|not|normal|resolved|cleared|without|n/?a|无|未见|未|阴性|正常|消失)(?![\w])|"
    r"未见|消失|阴性|(?<![\w])(?:not|absent|resolved|none|clear|normal|unremarkable|free)(?![\w])",
    re.IGNORECASE)
# ... and it must say how much or how many ("6 mm", "small", "two", "少量").
_VALUE_AMOUNT = re.compile(
    r"\d|\b(?:small|large|moderate|mild|minimal|trace|tiny|massive|few|several|multiple|one|two|three|single|"
    r"present|seen|noted|visible|yes|positive)\b|少量|中量|大量|少许|可见|见|多发|单发|个|枚", re.IGNORECASE)


def _affirmed_elsewhere(report: str, at: int) -> str:
    """The next piece of a "Label: none in X; ..." line that affirms the finding in another
    place ("6 mm in the RLL", "small on the left"), or ""."""
    line_end = report.find("\n", at)
    line = report[at: line_end if line_end >= 0 else len(report)]
    for piece in re.split(r"[;；]", line)[1:]:
        words = re.split(r"(?<!\d)[.。](?!\d)", piece)[0].strip()
        if not words or len(words.split()) > 8 or re.search(r"[:：]", words):
            return ""  # another label, or a sentence of its own
        if any(concept.terms.search(words) for concept in _CONCEPTS):
            return ""  # it names another finding
        if _VALUE_PLACE.search(words) and _VALUE_AMOUNT.search(words) and \
                not _VALUE_GOES_ON_NEG.search(words) and not _VALUE_HEDGE.match(words):  # fmt: skip
            return words
    return ""


@dataclass(frozen=True)
class MentionReading:
    """One mention of the label and how it reads in its own clause."""

    start: int  # the words that name the finding, as offsets into the report
    end: int
    certainty: Certainty | None  # None: the mention does not count (indication, history, question)
    trigger: str  # the words that decided ("" when stated plainly)
    sentence: str  # the sentence it sits in
    section: Section
    why_ignored: str = ""  # for a mention that does not count: "indication", "history"


@dataclass
class CertaintyReading:
    """The reader's answer for one label in one report, with what decided it."""

    certainty: Certainty | None
    label: str | None = None  # the label on the reader's list ("pleural effusion"), None if unknown
    trigger: str = ""  # the words that decided ("no", "cannot be excluded"; "" when stated plainly)
    evidence: str = ""  # the sentence that decided ("" when nothing in the report names the finding)
    start: int | None = None  # the deciding mention, as offsets into the report
    end: int | None = None
    reason: str = ""  # UNKNOWN_LABEL, NO_FINDINGS_TEXT, NOT_MENTIONED, ONLY_IN_CONTEXT or ""
    mentions: list[MentionReading] = field(default_factory=list)

    @property
    def prediction(self) -> str | None:
        """The evaluation sets' word: "present", "absent", "uncertain", or None (asks)."""
        return {"possible": "uncertain"}.get(self.certainty or "", self.certainty)


def concept_for(label: str) -> str | None:
    """The reader's label for a free-text finding label ("small left pleural effusion",
    "enlarged heart", "胸腔积液"), or None when the reader has no words for it. The earliest,
    longest mention in the label wins."""
    text = " ".join(label.split())
    lowered = text.casefold()
    if lowered in CONCEPTS:
        return lowered
    best: tuple[int, int, str] | None = None
    for concept in _CONCEPTS:
        for match in concept.terms.finditer(text):
            if _excluded(concept, text, match):
                continue
            key = (match.start(), -(match.end() - match.start()), concept.name)
            if best is None or key < best:
                best = key
            break
    return best[2] if best else None


# A line that goes on below it: it ends with a comma or a joining word, or the next line starts
# in lower case ("INDICATION: 60M with cough and\nfever, evaluate for pneumonia").
_LINE_GOES_ON = re.compile(
    r"(?:[,，、/&(-]|\b(?:and|or|with|of|for|to|the|a|an|in|on|at|by|from|versus|vs)\b)[ \t]*$",
    re.IGNORECASE)
_NEXT_LINE_GOES_ON = re.compile(r"[ \t]*[a-z(,]")


def _context_end(report: str, heading_end: int, limit: int) -> int:
    """Where a context section (indication, comparison, technique ...) ends: with its content
    on the heading's own line ("Comparison: 6 hours prior."), at that line's end, unless the
    line plainly goes on below; with its content below the heading, at the first blank line.
    What follows, up to the next heading, is unlabelled findings."""
    line_end = report.find("\n", heading_end, limit)
    if line_end < 0:
        return limit
    if report[heading_end:line_end].strip():
        line_start = heading_end
        while line_end >= 0:  # a wrapped line takes the next one with it
            if not (_LINE_GOES_ON.search(report, line_start, line_end)
                    or _NEXT_LINE_GOES_ON.match(report, line_end + 1)):  # fmt: skip
                return line_end
            line_start, line_end = line_end + 1, report.find("\n", line_end + 1, limit)
        return limit
    blank = re.compile(r"\n[ \t]*\n").search(report, line_end, limit)
    if blank is None or not report[line_end:blank.start()].strip():
        return limit
    return blank.start()


def sections(report: str) -> list[tuple[int, int, Section]]:
    """The report cut at its headings: (start, end, kind). Text before the first heading, and
    under a heading the reader does not know, counts as findings; so does text after a context
    heading's own short content (see :func:`_context_end`)."""
    cuts: list[tuple[int, Section]] = [(0, "findings")]
    headings = list(_HEADING.finditer(report))
    for index, match in enumerate(headings):
        name = match.group("name")
        kind: Section = "findings" if _FINDINGS_NAME.fullmatch(name) else "context"
        cuts.append((match.end(), kind))
        if kind == "context":
            limit = headings[index + 1].start() if index + 1 < len(headings) else len(report)
            end = _context_end(report, match.end(), limit)
            if end < limit and report[end:limit].strip():
                cuts.append((end, "findings"))
    spans = []
    for index, (start, kind) in enumerate(cuts):
        end = cuts[index + 1][0] if index + 1 < len(cuts) else len(report)
        if index + 1 < len(cuts):  # the next heading's own words belong to no section
            heading = _HEADING.search(report, start)
            end = heading.start() if heading is not None and heading.start() < end else end
        spans.append((start, max(start, end), kind))
    return spans


def _excluded(concept: _Concept, text: str, match: re.Match[str]) -> bool:
    bare = (match.groupdict().get("bare") or match.groupdict().get("zhbare")) is not None
    before = text[max(0, match.start() - 40): match.start()]
    if concept.not_before is not None and (bare or concept.name not in ("pleural effusion", "atelectasis")) \
            and concept.not_before.search(before):  # fmt: skip
        return True
    after = text[match.end(): match.end() + 40]
    return bool(concept.not_after is not None and bare and concept.not_after.search(after))


def _head(match: re.Match[str]) -> tuple[int, int]:
    """The words the negation rules read the mention from: the head word of a phrase with a
    gap ("heart is not [enlarged]", "淋巴结未见[肿大]"), else the whole match."""
    for name, value in match.groupdict().items():
        if value is not None and name.startswith("head"):
            return match.start(name), match.end(name)
    return match.start(), match.end()


def _clause_before(report: str, start: int, floor: int) -> str:
    return report[max(floor, start - 80): start]


def _read_mention(report: str, match: re.Match[str], section: tuple[int, int, Section]) -> MentionReading:
    start, end = _head(match)
    left, right = sentence_around(report, match.start(), match.end())
    left = max(left, section[0])
    sentence = report[left:right].strip()
    if section[2] == "context":
        return MentionReading(start, end, None, "", sentence, "context", "indication")
    before = _clause_before(report, match.start(), left)
    if _HISTORY_BEFORE.search(before) or _HISTORY_AFTER.search(report[match.end(): right]):
        return MentionReading(start, end, None, "", sentence, "findings", "history")
    asked = _QUESTION_BEFORE.search(before)
    if asked is not None and not _CANNOT_BEFORE.search(before[: asked.start()]):
        return MentionReading(start, end, None, "", sentence, "findings", "question")
    near = max(0, match.start() - 200)
    line_start = report.rfind("\n", near, match.start()) + 1 or near
    value = _STRUCTURED_VALUE.match(report, match.end())
    prefix = re.split(r"[。.;；:：]", report[max(line_start, section[0]): match.start()])[-1]
    if value is not None and not re.sub(r"[-*•\s\d)、]", "", prefix):
        words = value.group("value").strip()
        if not words:
            return MentionReading(start, end, None, "", sentence, "findings", "heading")
        if _VALUE_NEGATIVE.match(words):
            elsewhere = _affirmed_elsewhere(report, value.end())
            if elsewhere:  # "Nodule: none in the left lung; 6 mm in the RLL."
                return MentionReading(start, end, "present", "", elsewhere, "findings")
            return MentionReading(start, end, "absent", words, sentence, "findings")
        if _VALUE_HEDGE.match(words):
            return MentionReading(start, end, "possible", words, sentence, "findings")
        return MentionReading(start, end, "present", "", sentence, "findings")
    # The rules read the sentence from the section's start on, never across a heading.
    sentence_left, sentence_right = sentence_around(report, start, end)
    sentence_left = max(sentence_left, section[0])
    assessment = assess(report[sentence_left:sentence_right], start - sentence_left, end - sentence_left)
    if assessment.certainty == "present":
        alternative = _alternative_before(report[max(sentence_left, match.start() - 80): match.start()])
        if alternative:
            return MentionReading(start, end, "possible", alternative, sentence, "findings")
    return MentionReading(start, end, assessment.certainty, assessment.trigger, sentence, "findings")


def _alternative_before(before: str) -> str:
    """"or"/"and/or" when the finding is the second of two offered readings ("atelectasis or
    early pneumonia", "肺不张或肺炎"): the words before the "or" name another finding."""
    found = _OR_BEFORE.search(before)
    if found is None:
        return ""
    head = before[: found.start()]
    for concept in _CONCEPTS:
        for match in concept.terms.finditer(head, max(0, len(head) - 40)):
            if not head[match.end():].strip(" -"):
                return found.group("word")
    return ""


def _described_then_questioned(report: str, concept: _Concept, parts: list[tuple[int, int, Section]],
                               affirmed: MentionReading) -> bool:  # fmt: skip
    """An adjective ("nodular opacity") describes a shape, not the finding: when it is the only
    affirmed mention and the report asks whether the finding itself is there ("may represent a
    nipple shadow versus a pulmonary nodule", "?nodule"), the report is unsure of it."""
    named = False
    for start, end, kind in parts:
        if kind != "findings":
            continue
        for match in concept.terms.finditer(report, start, end):
            if _excluded(concept, report, match):
                continue
            adjective = match.groupdict().get("adjective") is not None
            if adjective:
                continue
            reading = _read_mention(report, match, (start, end, kind))
            if reading.certainty == "present":
                return False
            named = named or reading.certainty == "possible"
    if not named:
        return False
    first = concept.terms.match(report, affirmed.start if affirmed.start >= 0 else 0)
    return first is not None and first.groupdict().get("adjective") is not None


def read_certainty(report: str, label: str) -> CertaintyReading:
    """Present, absent or possible for ``label`` in the whole ``report`` (None: the reader asks)."""
    name = concept_for(label)
    if name is None:
        return CertaintyReading(None, None, reason=UNKNOWN_LABEL)
    concept = CONCEPTS[name]
    parts = sections(report)
    if not any(kind == "findings" and report[start:end].strip() for start, end, kind in parts):
        return CertaintyReading(None, name, reason=NO_FINDINGS_TEXT)
    mentions: list[MentionReading] = []
    for part in parts:
        for match in concept.terms.finditer(report, part[0], part[1]):
            if _excluded(concept, report, match):
                continue
            mentions.append(_read_mention(report, match, part))
            if mentions[-1].certainty == "present":
                break  # affirmed once is enough: the rest cannot change the answer
            if len(mentions) >= MAX_MENTIONS:
                return CertaintyReading(None, name, reason=TOO_MANY_MENTIONS, mentions=mentions)
        if mentions and mentions[-1].certainty == "present":
            break
    if mentions and mentions[-1].certainty == "present" and _described_then_questioned(
            report, concept, parts, mentions[-1]):  # fmt: skip
        mentions[-1] = replace(mentions[-1], certainty="possible", trigger="?")
    for wanted in ("present", "possible", "absent"):
        for mention in mentions:
            if mention.certainty == wanted:
                return CertaintyReading(wanted, name, mention.trigger, mention.sentence, mention.start,
                                        mention.end, "", mentions)  # fmt: skip
    reason = ONLY_IN_CONTEXT if mentions else NOT_MENTIONED
    return CertaintyReading("absent", name, reason=reason, mentions=mentions)
