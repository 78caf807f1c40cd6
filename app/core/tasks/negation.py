"""Is a finding present, absent or possible in a sentence? NegEx-style rules, English and Chinese.

A trigger ("no", "without", "未见", ...) governs the words after it up to the end of its
clause; post triggers ("is not seen", "has resolved", "已吸收") govern the words before them.
A clause ends at a sentence end, a semicolon or colon, "but", "however", "although", "which",
a new clause after "and"/"with" ("and mild atelectasis", "with small residual effusion"),
and at a comma, unless the comma continues a coordinated list ("no consolidation, effusion,
or pneumothorax"). In Chinese the clause comma "，", "；", "但", "伴" and a space between
two characters end it; "、", "及", "和", "或" continue it.

Three kinds of words are read before the triggers, so that their "no"/"not" never counts as
a negation:

- phrases that look negative but affirm the finding ("has not resolved", "no change in",
  "partial resolution of", "未见吸收", "较前无明显变化", "大部分吸收"): masked;
- hedges that carry a negation word ("cannot be excluded", "is not excluded", "not possible
  to exclude", "不除外", "不能排除", "待排"): read as hedges;
- then negations, then the other hedges.

A negation that governs the target wins over a hedge ("no findings suspicious for
pneumonia"). "Resolved"/"cleared" before a finding negate it ("resolved pneumonia"), unless
it came back ("previously resolved ... has recurred"); so do words for a look-alike ("skin fold
mimicking a pneumothorax", "could be mistaken for", "pseudo-", "a vessel rather than a nodule";
"likely atelectasis rather than pneumonia" is a hedge). A resolution on one side of a finding
named on both sides leaves it present ("bilateral effusions, resolved on the left").

A negation about an earlier study ("effusions, previously absent", "not seen on yesterday's
film", "absent in 2022", "前片未见", "原片未见") says the finding is new, not gone: it does not
count. One before the finding counts as about the past only where the sentence also says the
finding is there now ("previously no effusion, now a small left effusion", "前片未见气胸，本次
新见"). A change ("no longer seen", "has resolved") or "either"/"also" is about now. A
resolution on one side that the sentence says goes on elsewhere ("pneumonia, resolved on the
left, persists on the right") leaves it present.

A hedge about what a finding is, not whether it is there ("possibly a
granuloma" after "6 mm nodule", "likely benign nodule", "炎性结节可能", "包裹性积液不除外"),
does not make it possible: the words between the hedge and the finding name its nature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Certainty = Literal["present", "absent", "possible"]

# -- English -----------------------------------------------------------------------------------
_EN_PSEUDO = re.compile(
    r"\b(?:no|not|without)\s+(?:(?:evidence|signs?)\s+of\s+)?(?:(?:significant|significantly|interval|"
    r"appreciable|substantial|definite|"
    r"further|measurable|notable|marked|major|real|much|obvious)\s+)*(?:change|changes|increase|decrease|"
    r"growth|improvement|worsening|progression|difference|reduction|evolution|resolution)\b"
    r"(?:\s+(?:in|of))?"
    r"|\b(?:no|not|without)\s+(?:(?:significant|interval|appreciable|substantial|further|measurable)\s+)+"
    r"enlargement\b(?:\s+(?:in|of))?"
    r"|\bnot\s+(?:significantly\s+|substantially\s+|markedly\s+)?(?:changed|increased|decreased|improved|"
    r"worsened)\b"
    r"|\b(?:has|have|had)\s+not\s+(?:yet\s+|completely\s+|fully\s+|entirely\s+|totally\s+)?"
    r"(?:resolved|cleared|disappeared|improved)\b"
    r"|\bnot\s+(?:yet\s+|completely\s+|fully\s+|entirely\s+|totally\s+)?(?:resolved|cleared|disappeared)\b"
    r"|\b(?:incompletely|partially|partly|nearly|almost|largely|mostly|not\s+completely)\s+"
    r"(?:resolved|cleared)\b|\bunresolved\b"
    r"|\b(?:partial|incomplete|near[- ]?(?:complete|total)|almost\s+complete|subtotal|ongoing|slow|"
    r"slight|some|mild)\s+(?:interval\s+)?(?:resolution|clearing)(?:\s+of)?\b"
    r"|\bnot\s+only\b|\bnot\s+necessarily\b|\bno\s+longer\s+(?:enlarging|growing|increasing)\b"
    # it went and came back: "previously resolved pneumothorax has recurred"
    r"|\b(?:previously|formerly|initially|once|earlier)\s+(?:resolved|cleared|resolving)\b"
    r"|\b(?:to|for)\s+(?:document|confirm|ensure|assess|evaluate|demonstrate)\s+(?:complete\s+)?"
    r"(?:resolution|clearing)(?:\s+of)?\b",
    re.IGNORECASE,
)
# Hedges that hold a negation word; "exclude"/"rule out" come before the finding, "excluded"/
# "ruled out" after it.
_EN_NEG_HEDGE_PRE = re.compile(
    r"\b(?:(?:cannot|can\s*not|can't|could\s*not|couldn't|may\s+not|unable\s+to|not\s+possible\s+to|"
    r"impossible\s+to|difficult\s+to|hard\s+to|not\s+able\s+to)\s+(?:entirely\s+|completely\s+|"
    r"definitely\s+|fully\s+|totally\s+|reliably\s+|confidently\s+)?(?:exclude|rule\s+out))\b"
    r"|\b(?:not|less)\s+likely\b|\bunlikely\b",
    re.IGNORECASE,
)
_EN_NEG_HEDGE_POST = re.compile(
    r"\b(?:(?:cannot|can\s*not|can't|could\s*not|couldn't|may\s+not)\s+be\s+(?:entirely\s+|completely\s+|"
    r"definitely\s+|fully\s+|totally\s+|reliably\s+|confidently\s+)?(?:excluded|ruled\s+out))\b"
    r"|\b(?:(?:is|are|was|were)\s+)?not\s+(?:entirely\s+|completely\s+|definitely\s+|fully\s+|clearly\s+|"
    r"totally\s+|yet\s+)?(?:excluded|ruled\s+out)\b"
    r"|\b(?:(?:is|are|was|were)\s+)?(?:not|less)\s+likely\b|\b(?:(?:is|are|was|were)\s+)?unlikely\b"
    r"|\b(?:may|might|could|can)\s+not\s+be\s+(?:seen|demonstrated|visuali[sz]ed|detected|evident|apparent)\b",
    re.IGNORECASE,
)
_EN_NEG_PRE = re.compile(
    r"(?<![\w-])(?:no\s+(?:(?:radiographic|sonographic|ct|definite|convincing|clear|other|"
    r"additional|further|new|residual|acute)\s+)*(?:evidence|signs?|findings?)\s+(?:of|for|to\s+suggest)|"
    r"negative\s+for|free\s+of|absence\s+of|lack\s+of|clear\s+of|"
    r"(?:interval\s+|complete\s+|total\s+|full\s+)?(?:resolution|clearing|disappearance)\s+of|"
    r"there\s+(?:is|are|was|were)\s+no|no\s+longer|without|no|not|never|neither|nor|denies|denied|"
    r"ruled\s+out|"
    # "resolved pneumonia", "cleared effusion": gone ("partially resolved" is masked before)
    r"(?:completely\s+|fully\s+|since\s+)?(?:resolved|cleared)|"
    # what only looks like the finding: "skin fold mimicking a pneumothorax", "could be mistaken for"
    r"mimick?(?:ing|s|ed)?|mimics?\s+of|simulat(?:ing|es?|ed)|(?:an?\s+)?(?:artefact|artifact)\s+(?:of|simulating)|"
    r"(?:(?:can|could|may|might|should)\s+(?:not\s+)?be\s+|not\s+to\s+be\s+)?mistaken\s+for|"
    r"masquerading\s+as|rather\s+than|instead\s+of)(?![\w-])|(?<![\w-])pseudo-(?=\w)",
    re.IGNORECASE,
)
_EN_NEG_POST = re.compile(
    r"(?<![\w-])(?:(?:is|are|was|were|has\s+been|have\s+been)\s+(?:not|no\s+longer)\s+(?:clearly\s+|"
    r"definitely\s+|currently\s+|now\s+)?(?:seen|identified|present|visuali[sz]ed|visible|evident|"
    r"appreciated|demonstrated|detected|noted|apparent|depicted)|"
    r"(?:no\s+longer|not)\s+(?:clearly\s+|definitely\s+|currently\s+|now\s+)?(?:seen|identified|present|"
    r"visuali[sz]ed|visible|evident|appreciated|demonstrated|detected|noted|apparent)|"
    r"(?:has|have|had)\s+(?:now\s+|since\s+|completely\s+|entirely\s+|fully\s+)?(?:resolved|cleared|"
    r"disappeared|gone)|(?:is|are|was|were)\s+(?:now\s+)?(?:resolved|gone|absent)|"
    r"(?:completely\s+|entirely\s+|fully\s+|now\s+)?resolved|(?:has|have)\s+been\s+(?:excluded|ruled\s+out)|"
    r"(?:is|are)\s+(?:excluded|ruled\s+out)|ruled\s+out|excluded|none|absent|negative|"
    r"(?:has|have|had)\s+not\s+(?:recurred|returned|reappeared|re-?accumulated|re-?developed))(?![\w-])",
    re.IGNORECASE,
)
_EN_HEDGE_PRE = re.compile(
    r"(?<![\w-])(?:possible|possibly|probable|probably|likely|presumed|presumably|presumptive|suspected|"
    r"suspect|suspicious\s+(?:for|of)|concerning\s+for|concern\s+(?:for|of)|worrisome\s+for|worrying\s+for|"
    r"questionable|question\s+of|questioned|question|query|queried|(?:a\s+)?suggestion\s+of|if|unless|whether|"
    r"in\s+case\s+of|equivocal|may|might|could|suggestive\s+of|suggesting|suggests?|"
    r"differential\s+(?:diagnosis\s+)?(?:includes?|considerations?\s+includes?|of)|favou?r(?:ed|s|ing)?|"
    r"consider|considered|raising\s+the\s+possibility\s+of|possibility\s+of|versus|vs\.?|"
    r"(?:to\s+)?rule\s+out|r/o|(?:to\s+)?(?:evaluate|assess)\s+for|to\s+exclude|"
    r"to\s+(?:identify|evaluate|assess|characteri[sz]e|look\s+for|search\s+for|detect|confirm)|"
    r"(?:cannot|can\s*not|could\s*not|can't)\s+be\s+(?:reliably\s+|confidently\s+)?(?:distinguished|"
    r"differentiated|separated|told\s+apart)\s+from|(?:difficult|hard|impossible)\s+to\s+(?:distinguish|"
    r"differentiate|separate)\s+from|indistinguishable\s+from|either)(?![\w-])|\?(?=\s*\w)",
    re.IGNORECASE,
)
_EN_HEDGE_POST = re.compile(
    r"(?<![\w-])(?:(?:is|are|was|were)\s+(?:also\s+)?(?:possible|suspected|questioned|likely|probable|favou?red|"
    r"considered|a\s+consideration|in\s+the\s+differential)|versus|vs\.?|and/or|"
    r"in\s+the\s+(?:appropriate|correct|right|proper)\s+clinical\s+(?:setting|context)|"
    r"or\s+(?!more\b|less\b|greater\b|larger\b|smaller\b|equal\b|so\b|both\b|left\b|right\b|bilateral\b|"
    r"not\b|no\b|without\b|other\b)\w+)(?![\w-])|(?<=\w)\s*\?",
    re.IGNORECASE,
)
_EN_TERMINATORS = re.compile(
    r"[;:()\[\]]|(?<![\w-])(?:but|however|although|though|whereas|yet|except|apart\s+from|aside\s+from|which|"
    r"while|whilst|albeit|other\s+than|besides|save\s+for|otherwise|there\s+(?:is|are|was|were|has\s+been|have\s+been)|(?:and|with|plus)\s+(?:(?:a|an|the|"
    r"there|stable|persistent|persisting|new|unchanged|increased|decreased|increasing|decreasing|mild|"
    r"mildly|moderate|moderately|severe|severely|small|large|tiny|trace|minimal|massive|marked|markedly|"
    r"slight|slightly|subtle|early|residual|resolving|improving|worsening|bilateral|left|right|"
    r"bibasilar|bibasal|basilar|patchy|scattered|multiple|several|few|some|possible|probable|likely|"
    r"suspected|developing|evolving)\b))(?![\w-])",
    re.IGNORECASE,
)
# A comma-separated piece that starts like a new clause ends a negated list ("No pneumothorax,
# small right effusion"); a generic quantifier ("large", "focal") does so only where no "or"
# closes the list ("No consolidation, large effusion, or pneumothorax" is one negated list).
_CLAUSE_WORDS = (
    r"a|an|the|there|this|these|it|stable|persistent|persisting|new|unchanged|increased|decreased|increasing|"
    r"decreasing|mild|mildly|moderate|moderately|severe|severely|small|tiny|trace|minimal|massive|marked|"
    r"markedly|slight|slightly|subtle|early|residual|resolving|improving|worsening|bilateral|left|right|"
    r"bibasilar|bibasal|basilar|patchy|scattered|multiple|several|few|some|possible|probable|likely|"
    r"suspected|developing|evolving|\d"
)
_EN_CLAUSE_START = re.compile(rf"^\s*(?:(?:or|nor|and)\s+)?(?:{_CLAUSE_WORDS})\b", re.IGNORECASE)
_EN_WEAK_START = re.compile(r"^\s*(?:large|big|sizable|sizeable)\b", re.IGNORECASE)
# "effusion present", "effusion noted": a predicate with no "is"/"are" starts a clause of its own.
_EN_BARE_PREDICATE = re.compile(
    r"^\s*(?:(?!is\b|are\b|was\b|were\b|be\b|been\b)[\w-]+\s+){0,3}?(?:present|seen|noted|visible|evident)\b",
    re.IGNORECASE)
_EN_SIDE = re.compile(r"\b(?:right|left|bilateral|bilaterally)\b", re.IGNORECASE)
_EN_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|be|been|seen|noted|present|identified|demonstrated|measuring|"
    r"measures|remains?|persists?|appears?|shows?|suggests?)\b",
    re.IGNORECASE,
)
_EN_LIST_OR = re.compile(r"^\s*(?:or|nor|and)\b|\b(?:or|nor)\b", re.IGNORECASE)
# What a finding is, not whether it is there: a hedge followed by one of these is about nature.
_EN_NATURE = re.compile(
    r"^\s*(?:(?:a|an|the|to\s+be|representing|represent|be)\s+)?(?:benign|malignant|calcified|non-?calcified|"
    r"inflammatory|infectious|post-?inflammatory|post-?infectious|granulomatous|metastatic|reactive|"
    r"neoplastic|cardiogenic|non-?cardiogenic|loculated|pathologic|"
    r"pathological|hemorrhagic|haemorrhagic|parapneumonic|malignancy-related|tuberculous|fibrotic)\b",
    re.IGNORECASE,
)

# -- Chinese -----------------------------------------------------------------------------------
_ZH_PSEUDO = re.compile(
    r"较前(?:无|未见|没有|未)(?:明显|显著|著)?(?:变化|改变|增多|进展|缩小|减少|减轻|吸收|好转|复张|增加|消散)"
    r"|(?:未见|无|没有|未)(?:明显|显著|著)?(?:变化|改变|进展|缩小|减少|减轻|吸收|好转|复张|移位|错位|增多|增加|消散)"
    r"|(?:未|没有)完全(?:吸收|消失|消散|复张)|大部分?(?:吸收|消失|消散|消退)|部分(?:吸收|消失|消散|消退)|基本(?:吸收|消失|消散|消退)"
    r"|吸收不(?:完)?全|较前相仿|无明显差异"
)
_ZH_NEG_HEDGE = re.compile(
    r"(?:不|未|难以|尚不能|尚未能|不能|未能|无法)(?:完全)?(?:除外|排除)|待(?:排除|除外|排|查)|可能性(?:小|不大|较小)")
_ZH_NEG_PRE = re.compile(
    r"未见明显|未见确切|未见明确|未见到|未见|未发现|未显示|未探及|未扫及|未及|无明显|无确切|无(?!名)|没有|"
    r"不伴有?|未伴有?|未合并|否认|(?:可|已)(?:除外|排除)")
_ZH_NEG_POST = re.compile(
    r"未见显示|(?:已|均)?(?:完全)?(?:吸收)?消失|(?:已|均)(?:完全)?吸收|完全吸收|吸收消散|(?:已|均|完全)(?:消退|消散)|"
    r"不明显|阴性|（-）|\(-\)|未见(?:明显|确切|明确)?(?=[，。；,;.！!\s]|$)|"
    r"(?:可|已)(?:除外|排除)")
_ZH_HEDGE_PRE = re.compile(
    r"考虑为|考虑|可能为|可能是|可能|疑似|疑为|可疑|怀疑|疑|似为|似见|(?<![类相近酷貌])似|倾向于|倾向|拟诊|"
    r"(?:类似|酷似|貌似|模拟)(?=[\u4e00-\u9fff]{0,6}$)|"
    r"(?<![可已])(?:排除|除外)|？|\?")
_ZH_HEDGE_POST = re.compile(r"可能性(?:大|较大)|之?可能|可疑|？|\?|或者?(?=[\u4e00-\u9fff])|"
                            r"(?:显示|显影|观察)(?:不清|欠清|不佳)")
_ZH_TERMINATORS = re.compile(
    r"[，,；;：:。！!]|(?<=\S)\s+(?=\S)|但是|但|然而|而|伴有?|并|可见|(?<![未不可])见")
_ZH_NATURE = re.compile(
    r"(?:炎性|炎症性|良性|恶性|转移性?|钙化性?|陈旧性?|增殖性?|肉芽肿性|纤维性|纤维化|结核性?|反应性|包裹性?|"
    r"感染性|肿瘤性|硬化性)的?$")

_SENTENCE_END = re.compile(r"[.;:!\n。；！]|\s-\s")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Assessment:
    certainty: Certainty
    trigger: str = ""  # the words that decided it ("" when nothing did: present)


def is_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def _is_sentence_end(text: str, match: re.Match[str]) -> bool:
    char = match.group()
    at = match.start()
    if char == "." and 0 < at < len(text) - 1 and text[at - 1].isdigit() and text[at + 1].isdigit():
        return False  # "2.5 cm"
    # "vs." and "Dr." do not end a sentence either
    return not (char == "." and at >= 2 and text[at - 2: at].lower() in ("vs", "dr", "st")
                and (at < 3 or not text[at - 3].isalpha()))


# A "sentence" longer than this is cut around the target, so that a document without full stops
# costs the same per mention as one with them.
MAX_SENTENCE = 2000
# How far from the target the rules look, inside its sentence.
_WINDOW_BEFORE, _WINDOW_AFTER = 400, 300


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or clause list) that holds text[start:end]."""
    floor = max(0, start - MAX_SENTENCE)
    left, high = floor, start
    for size in (160, 640, MAX_SENTENCE):  # the nearest stretch first: most sentences are short
        low = max(floor, start - size)
        ends = [m.end() for m in _SENTENCE_END.finditer(text, low, high) if _is_sentence_end(text, m)]
        if ends or low == floor:
            left = ends[-1] if ends else floor
            break
        high = low
    ceiling = min(len(text), end + MAX_SENTENCE)
    right = ceiling
    for match in _SENTENCE_END.finditer(text, end, ceiling):
        if _is_sentence_end(text, match):
            right = match.start()
            break
    return left, right


def _mask(text: str, pattern: re.Pattern[str], fill: str = "#") -> str:
    return pattern.sub(lambda m: fill * len(m.group()), text)


def _en_scope_open(between: str, after_target: str) -> bool:
    """Whether a pre trigger still governs across ``between`` (the words from the trigger to
    the target); ``after_target`` is the rest of the clause, where a list may end ("or X")."""
    if _EN_TERMINATORS.search(between):
        return False
    if "," not in between:
        return True
    pieces = between.split(",")[1:]  # the pieces after the trigger's own
    for piece in pieces:
        if _EN_VERB.search(piece) or _EN_CLAUSE_START.match(piece) or _EN_SIDE.search(piece):
            return False
    stop = _EN_TERMINATORS.search(after_target)
    rest = ",".join(pieces) + (after_target[: stop.start()] if stop else after_target)
    if re.search(r"(?:^|,)\s*(?:or|nor|and)\b|\b(?:or|nor)\b|/", rest, re.IGNORECASE):
        return True  # a list that ends with "or X": every item is governed
    if not pieces[-1].strip() and _EN_BARE_PREDICATE.match(after_target.split(",")[0]):
        return False  # "No pneumothorax, effusion present on the right": a clause of its own
    return not any(_EN_WEAK_START.match(piece) for piece in pieces)


def _zh_scope_open(between: str) -> bool:
    return not _ZH_TERMINATORS.search(between)


# Words between a finding and a post trigger that show the trigger is about something else
# ("cardiomegaly with no failure or pneumonia").
_EN_GAP_STOP = re.compile(r"\b(?:no|not|without|with)\b", re.IGNORECASE)
_EN_BOTH_SIDES = re.compile(r"\b(?:bilateral|bilaterally|both|bibasilar|bibasal|bibasally|biapical)\b",
                            re.IGNORECASE)
_EN_PLACE_AFTER = re.compile(
    r"\s*(?:(?:on|in|at|over|from|within)\s+(?:the\s+)?)?(?:left|right)(?:\s+(?:side|upper|lower|middle|lobes?|"
    r"lungs?|base|apex|hemithorax|zones?|hilum|lingula))*\b", re.IGNORECASE)
_EN_ONE_SIDE_AFTER = re.compile(r"\s*(?:(?:on|in|at|over|from)\s+(?:the\s+)?)?(?:left|right)(?:\s+side)?\b",
                                re.IGNORECASE)


# After "resolved on the left": the finding goes on elsewhere ("..., persists on the right").
_EN_GOES_ON = re.compile(
    r"[\s,]*(?:(?:but|and|while|whilst|though|yet)\s+)?(?:it\s+)?(?:persists?|persisting|remains?|remaining|"
    r"(?:is|are)\s+(?:still|now|again)|still|continues?|(?:is|are)\s+(?:present|seen|noted|visible|unchanged|stable)|"
    r"present|seen|noted|visible|new|now|unchanged|stable|increased|worse|worsened)\b", re.IGNORECASE)


def _one_side_of_two(text: str, target_start: int, target_end: int, trigger: str) -> bool:
    """A post negation limited to one side of a finding named on both sides or in the plural
    ("bilateral effusions, resolved on the left", "effusions, now gone on the right"), or one
    that the sentence says goes on elsewhere ("pneumonia, resolved on the left, persists on
    the right")."""
    at = text.find(trigger, target_end)
    side = _EN_ONE_SIDE_AFTER.match(text, at + len(trigger)) if at >= 0 else None
    if side is None:
        return False
    place = _EN_PLACE_AFTER.match(text, at + len(trigger))
    if place is not None and _EN_GOES_ON.match(text, place.end()):
        return True
    left = max(0, target_start - 60)
    head = text[left:target_end]
    return bool(_EN_BOTH_SIDES.search(head) or re.search(r"(?:s|ces)\s*$", text[target_start:target_end]))


# "X rather than Y" says Y is not there, unless X itself is only likely.
_EN_CONTRAST = re.compile(r"rather\s+than|instead\s+of", re.IGNORECASE)
# A word after a post trigger that makes it a modifier of what follows ("resolved pneumonia").
_EN_PREMODIFIER = re.compile(
    r"\s+(?!(?:since|on|from|in|at|compared|after|following|now|with|by|and|or|over|completely|entirely|"
    r"today|this|the|as|when|per|than|to|of|interval|radiographically)\b)[a-z]", re.IGNORECASE)


def _post_gap_open(gap: str, chinese: bool) -> bool:
    """A post trigger governs across ``gap`` (target end to trigger start): nothing that ends a
    clause, or only a comma and a word or two of time ("Right pneumothorax, now resolved")."""
    if chinese:
        if re.match(r"^\s*[，,]", gap):
            return bool(re.fullmatch(r"\s*[，,]\s*(?:现|目前|已经?|较前|均|基本|完全)*", gap))
        return not _ZH_TERMINATORS.search(gap) and len(gap) <= 10
    # "Pneumothorax, previously present, has resolved": an aside about the past in between
    core = re.sub(r"^\s*,\s*(?:previously|formerly|initially|earlier)\s+(?:\w+\s+)?(?:present|seen|noted|"
                  r"described|visible|identified|demonstrated)\s*(?=,)", "", gap, flags=re.IGNORECASE)
    core = re.sub(r"^\s*,\s*(?:(?:now|since|currently|which|that)\s+)*", " ", core, flags=re.IGNORECASE)
    if _EN_TERMINATORS.search(core) or "," in core or _EN_GAP_STOP.search(core):
        return False
    return len(core.split()) <= 8


# A negation about an earlier study, not this one ("previously absent", "not seen on yesterday's
# film", "absent in 2022", "前片未见"): it says the finding is new, not that it is gone.
_EN_PAST_BEFORE = re.compile(r"\b(?:previously|formerly|initially|earlier|before)\s*,?\s*$", re.IGNORECASE)
_EN_PAST_AFTER = re.compile(
    r"\s*,?\s*(?:(?:on|in|at|from|with)\s+(?:the\s+|an?\s+)?(?:(?:most\s+)?recent\s+)?(?:prior|previous|preceding|earlier|"
    r"last|old|older|comparison|yesterday'?s|former|baseline|initial|admission)\b|(?:in|on|during)\s+(?:[\w,]+\s+){0,2}"
    r"(?:19|20)\d\d\b|(?:on|in)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}?(?:of|from|dated|in|on)\s+"
    r"(?:[\w,/-]+\s+){0,2}?(?:19|20)\d\d\b|(?:on|in)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:from|of|taken)\s+"
    r"(?:this\s+morning|yesterday|last\s+\w+|earlier|(?:\d+|a|one|two|three|several)\s+\w+\s+ago)\b|(?:previously|before|earlier|formerly|initially|then)\b|at\s+(?:that\s+time|baseline)\b|"
    r"(?:\d+|a|one|two|three|several)\s+(?:days?|weeks?|months?|years?)\s+ago\b)",
    re.IGNORECASE)
_ZH_PAST = re.compile(r"(?:前片|原片|旧片|老片|前次|上次|上一次|既往片|前一次|之前|此前|先前|以前|"
                      r"\d{4}年[^，。；,;]{0,6}?)"
                      r"(?:检查|CT|片|平片|胸片|图像|影像)?[上中内时]?$")
# A negation that says something changed, or one in the present tense after "previously"
# ("the pneumothorax seen previously is no longer present"), is about now.
_EN_CHANGE = re.compile(r"\b(?:no\s+longer|now|resolved|cleared|gone|disappeared|excluded|ruled\s+out|"
                        r"recurred|returned|reappeared|re-?accumulated|re-?developed|since)\b", re.IGNORECASE)
# "also absent previously", "not seen on the prior either": absent then and now.
_EN_ALSO_BEFORE = re.compile(r"\b(?:also|again|still)\s*$", re.IGNORECASE)
_EN_EITHER_AFTER = re.compile(r"\s*(?:study|exam|film|radiograph|ct|\s)*(?:either|too|as\s+well)\b",
                              re.IGNORECASE)
_EN_PRESENT_TENSE = re.compile(r"\s*(?:is|are|has|have)\b", re.IGNORECASE)
# ... and, for a negation before the finding, the sentence must say it is there now.
_EN_NOW = re.compile(
    r"\b(?:now(?!\s+(?:no|not|none|absent|gone|resolved|cleared|clear|free|normal|unremarkable)\b)|newly|new|"
    r"interval\s+(?:development|appearance)|(?:has|have)\s+(?:since\s+)?(?:developed|appeared))\b",
    re.IGNORECASE)
_ZH_NOW_DENIED = re.compile(r"(?:未|无|没有|不)[^，。；,;]{0,4}$")
_EN_NOW_DENIED = re.compile(r"\b(?:no|not|none|without|nor)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_ZH_NOW = re.compile(r"(?<![未无不])(?:新见|新出现|新发|新增|现可见|现见|现出现|本次(?:新)?(?:可)?见|"
                     r"目前可见|此次(?:新)?(?:可)?见)")


def _about_the_past(text: str, start: int, end: int, target_start: int, target_end: int,
                    chinese: bool) -> bool:  # fmt: skip
    """Whether the negation text[start:end] is about an earlier study. One before the finding
    counts only where the sentence also says the finding is there now."""
    if chinese:
        return bool(_ZH_PAST.search(text, max(0, start - 14), start)) and (
            end > target_start or any(not _ZH_NOW_DENIED.search(text, max(0, now.start() - 6), now.start())
                                      for now in _ZH_NOW.finditer(text, end)))
    trigger = text[start:end]
    if _EN_CHANGE.search(trigger):
        return False  # "have resolved, previously seen on the right": a change is about now
    before = not _EN_PRESENT_TENSE.match(trigger) and \
        bool(_EN_PAST_BEFORE.search(text, max(0, start - 30), start))  # fmt: skip
    after = _EN_PAST_AFTER.match(text, end)
    if _EN_ALSO_BEFORE.search(text, max(0, start - 12), start) or (
            after is not None and _EN_EITHER_AFTER.match(text, after.end())):  # fmt: skip
        return False  # "was not seen on the prior either": absent then and now
    past = before or after is not None
    if not past or end > target_start:
        return past
    return any(not _EN_NOW_DENIED.search(text, max(0, now.start() - 20), now.start())
               for now in _EN_NOW.finditer(text, end))


def _pre(text: str, target_start: int, target_end: int, pattern: re.Pattern[str], chinese: bool,
         nature: bool = False, past: bool = False) -> str:  # fmt: skip
    """The nearest trigger before the target that still governs it ("" when none does). Scopes
    nest: once a trigger's scope has ended before the target, every earlier one's has too."""
    # (searched up to the target's end, so that a lookahead such as "?(?=word)" sees the target)
    before = [m for m in pattern.finditer(text, 0, target_end) if m.end() <= target_start]
    for match in reversed(before):
        between = text[match.end(): target_start]
        is_open = _zh_scope_open(between) if chinese else _en_scope_open(between, text[target_end:])
        if not is_open:
            break
        if nature and (_ZH_NATURE.search(between) if chinese else _EN_NATURE.match(between)):
            continue  # a hedge about what the finding is ("likely benign nodule", "考虑炎性结节")
        if past and _about_the_past(text, match.start(), match.end(), target_start, target_end, chinese):
            continue  # "前片未见气胸，本次新见": not seen before, seen now
        return match.group().strip()
    return ""


def _post(text: str, target_start: int, target_end: int, pattern: re.Pattern[str], chinese: bool,
          nature: bool = False, past: bool = False) -> str:  # fmt: skip
    for match in pattern.finditer(text, target_end):
        gap = text[target_end: match.start()]
        if not _post_gap_open(gap, chinese):
            break
        # "X or Y", "X in the appropriate clinical setting", "肺不张或纤维灶": only when X is right there
        side_by_side = re.match(r"or\b|in\s+the\b", match.group(), re.IGNORECASE)
        if not chinese and side_by_side and (len(gap.split()) > 3 or re.search(r",\s*\w", gap)):
            break  # "consolidation, likely pneumonia in the ... setting": the hedge is about pneumonia
        if chinese and match.group().startswith("或") and gap:
            break
        if not chinese and "," in gap and _EN_PREMODIFIER.match(text, match.end()):
            break  # "atelectasis, resolved pneumonia": the participle is about the next finding
        if nature and chinese and _ZH_NATURE.search(text[max(0, target_start - 8): target_start]):
            return ""  # "炎性结节可能": the hedge is about what the nodule is
        if past and _about_the_past(text, match.start(), match.end(), target_start, target_end, chinese):
            continue  # "effusions, previously absent": absent then, present now
        return match.group().strip()
    return ""


def assess(sentence: str, target_start: int = -1, target_end: int = -1) -> Assessment:
    """Certainty of the target ``sentence[target_start:target_end]``; without a target the
    whole sentence is judged as if the finding sat at its end."""
    if target_start < 0:
        target_start = target_end = len(sentence)
    if target_start > _WINDOW_BEFORE or len(sentence) - target_end > _WINDOW_AFTER:
        cut = max(0, target_start - _WINDOW_BEFORE)
        sentence = sentence[cut: target_end + _WINDOW_AFTER]
        target_start, target_end = target_start - cut, target_end - cut
    chinese = is_chinese(sentence)
    if chinese:
        text = _mask(sentence, _ZH_PSEUDO)
        neg_hedges = [m for m in _ZH_NEG_HEDGE.finditer(text)]
        masked = _mask(text, _ZH_NEG_HEDGE, "~")
        negated = _pre(masked, target_start, target_end, _ZH_NEG_PRE, True, past=True) or \
            _post(masked, target_start, target_end, _ZH_NEG_POST, True, past=True)  # fmt: skip
        if negated:
            return Assessment("absent", negated)
        for match in neg_hedges:  # a Chinese hedge with a negation word goes either side
            if match.end() <= target_start and _zh_scope_open(text[match.end(): target_start]) and \
                    not _ZH_NATURE.search(text[match.end(): target_start]):  # fmt: skip
                return Assessment("possible", match.group())
            if match.start() >= target_end and _post_gap_open(text[target_end: match.start()], True) and \
                    not _ZH_NATURE.search(text[max(0, target_start - 8): target_start]):  # fmt: skip
                return Assessment("possible", match.group())
        hedge = _pre(masked, target_start, target_end, _ZH_HEDGE_PRE, True, nature=True) or \
            _post(masked, target_start, target_end, _ZH_HEDGE_POST, True, nature=True)  # fmt: skip
        return Assessment("possible", hedge) if hedge else Assessment("present")
    text = _mask(sentence, _EN_PSEUDO)
    neg_hedge = _pre(text, target_start, target_end, _EN_NEG_HEDGE_PRE, False, nature=True) or \
        _post(text, target_start, target_end, _EN_NEG_HEDGE_POST, False, nature=True)  # fmt: skip
    masked = _mask(_mask(text, _EN_NEG_HEDGE_PRE, "~"), _EN_NEG_HEDGE_POST, "~")
    negated = _pre(masked, target_start, target_end, _EN_NEG_PRE, False, past=True) or \
        _post(masked, target_start, target_end, _EN_NEG_POST, False, past=True)  # fmt: skip
    if negated and _one_side_of_two(masked, target_start, target_end, negated):
        negated = ""  # "bilateral effusions, resolved on the left": the right one is still there
    if negated and not neg_hedge:
        if _EN_CONTRAST.fullmatch(negated) and _pre(masked, target_start - len(negated), target_start,
                                                     _EN_HEDGE_PRE, False):  # fmt: skip
            return Assessment("possible", negated)  # "likely atelectasis rather than pneumonia"
        return Assessment("absent", negated)
    if neg_hedge:
        return Assessment("possible", neg_hedge)
    hedge = _pre(masked, target_start, target_end, _EN_HEDGE_PRE, False, nature=True) or \
        _post(masked, target_start, target_end, _EN_HEDGE_POST, False, nature=True)  # fmt: skip
    return Assessment("possible", hedge) if hedge else Assessment("present")


def certainty_in(text: str, start: int, end: int) -> Assessment:
    """Certainty of ``text[start:end]`` judged within its own sentence."""
    left, right = sentence_around(text, start, end)
    return assess(text[left:right], start - left, end - left)
