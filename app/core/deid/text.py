# ruff: noqa: E501  (the patterns read best one per line)
"""Free-text PHI redaction for reports, SR text and DICOM descriptions (English and Chinese).

Rules, not a statistical model (nothing to download, every rule tested): names (after titles,
labels and verbs such as "discussed with", before credentials, DICOM Last^First, common
given names, Chinese names after labels or before honorifics), dates, record and accession
numbers, phone and mobile numbers, e-mail, street addresses, ages over 89, Chinese resident
ID numbers. Each is replaced by a token such as [NAME] so the model still reads fluent text;
with a day shift, dates move instead (intervals kept). Eponyms (Parkinson, Hodgkin, Down
syndrome, Graves, Kerley B lines...) are medicine, not people, and stay.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.core.deid.names import EPONYMS, GIVEN_NAMES, SURNAMES_CN

TOKENS = {"NAME": "[NAME]", "DATE": "[DATE]", "ID": "[ID]", "PHONE": "[PHONE]", "EMAIL": "[EMAIL]",
          "ADDRESS": "[ADDRESS]", "AGE": "[AGE]", "URL": "[URL]"}  # fmt: skip

_CAP = r"(?:Mc[A-Z][a-z]+|O'[A-Z][a-z]+|[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?|[A-Z]\.)"
_CAP_WORD = rf"(?:{_CAP}|[A-Z]{{2,}}(?:[-'][A-Z]{{2,}})?)"
_NAME = rf"{_CAP}(?:\s+{_CAP}){{0,2}}"
_UPPER_NAME = r"(?:[A-Z]'|MC)?[A-Z]{2,}(?:-[A-Z]{2,})?,[ ]?[A-Z]{2,}(?:[ ][A-Z]\.?(?![A-Za-z]))?"  # SMITH, JOHN
_TITLES = r"(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Sister)"
_LABELS = (r"(?:patient(?:'s)?\s+name|patient|pt|name|physician|radiologist|attending|resident|"
           r"referring(?:\s+(?:physician|doctor|provider|clinician))?|"
           r"ordering(?:\s+(?:physician|doctor|provider|clinician))?|requested\s+by|"
           r"(?:electronically\s+)?signed\s+by|dictated\s+by|reviewed\s+by|read\s+by|reported\s+by|"
           r"transcribed\s+by|verified\s+by|approved\s+by|interpreted\s+by|cc|copy\s+to|"
           r"discussed\s+with|d/w|spoke\s+with|spoken\s+with|called\s+to|communicated\s+to|"
           r"relayed\s+to|notified|paged|informed|per)")  # fmt: skip
_CREDENTIALS = r"(?:M\.?D\.?|D\.?O\.?|R\.?N\.?|N\.?P\.?|P\.?A\.?(?:-C)?|Ph\.?D\.?|MBBS|FRCR|FRCPC|DNP|RT)"
_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|Jun(?:e)?|Jul(?:y)?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")  # fmt: skip
_HAN = r"[\u4e00-\u9fff]"

_PATTERNS: list[tuple[str, re.Pattern[str], int | str]] = []  # (type, pattern, group holding the PHI)


def _add(kind: str, pattern: str, group: int | str = 0, flags: int = 0) -> None:
    _PATTERNS.append((kind, re.compile(pattern, flags), group))


# -- structured identifiers ---------------------------------------------------------------
_add("EMAIL", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_add("URL", r"\bhttps?://\S+|\bwww\.\S+\.\S+")
_add("ID", r"(?<![\dA-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
           r"(?![\dA-Za-z])")  # Chinese resident ID (18 digits)  # fmt: skip
_add("ID", r"\b\d{3}-\d{2}-\d{4}\b")  # US SSN
_add("ID", r"(?:\b(?:MRN|MR#|MR\s*No\.?|medical\s+record(?:\s+(?:number|no\.?|#))?|record\s+(?:number|no\.?|#)|"
           r"accession(?:\s+(?:number|no\.?|#))?|acc(?:\.|#)?|patient\s+ID|pt\s+ID|chart(?:\s+(?:number|no\.?|#))?|"
           r"account(?:\s+(?:number|no\.?|#))?|encounter(?:\s+(?:number|no\.?|#))?|visit\s+(?:number|no\.?)|"
           r"study\s+ID|order(?:\s+(?:number|no\.?|#))|ID)\s*(?:is\s+|[:#=]\s*|\s)\s*)"
           r"(?P<v>[A-Z]{0,4}[-#]?\d[\dA-Z-]{3,}\b)", "v", re.IGNORECASE)  # fmt: skip
_add("ID", r"(?:住院号|门诊号|病历号|病案号|影像号|检查号|登记号|ID号|身份证号?|医保号|卡号|流水号)\s*[:：]?\s*"
           r"(?P<v>[A-Za-z0-9-]{4,})", "v")  # fmt: skip
_add("ID", r"\b(?=[A-Z]*\d)[A-Z]{1,3}\d{6,12}\b")  # e.g. MR1234567, A20231234
_add("ID", r"(?<![\d.,/-])\d{7,}(?![\d.,/]\d)")  # long bare numbers: no measurement has 7 digits
_add("PHONE", r"(?:(?<=\s)|(?<=^)|(?<=[(:：]))(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)", flags=re.M)
_add("PHONE", r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)")  # Chinese landline
_add("PHONE", r"(?<![\w/])(?:\+?1[-.\s]?)?(?:\(\d{3}\)\s?|\d{3}[-.\s])\d{3}[-.\s]\d{4}(?:\s*(?:x|ext\.?)\s*\d{1,5})?"
              r"(?![\d/])", flags=re.IGNORECASE)  # fmt: skip
_add("PHONE", r"(?:电话|手机|联系电话|Tel|Phone|Fax|pager|beeper)\.?\s*[:：#]?\s*(?P<v>\+?[\d][\d\s()-]{5,}\d)",
     "v", re.IGNORECASE)  # fmt: skip

# -- dates -------------------------------------------------------------------------------
_add("DATE", r"\b\d{4}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?\b")
_add("DATE", r"\b(?:0?[1-9]|1[0-2])[/-](?:0?[1-9]|[12]\d|3[01])[/-](?:\d{4}|\d{2})\b")
_add("DATE", r"\b(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:\d{4})\b")
_add("DATE", rf"\b{_MONTHS}\.?\s+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b")
_add("DATE", rf"\b(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?(?:\s+\d{{4}})?\b")
_add("DATE", rf"\b{_MONTHS}\.?,?\s+\d{{4}}\b")
_add("DATE", r"\b(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\b")  # DICOM DA
_add("DATE", r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]")

# -- ages over 89 ------------------------------------------------------------------------
_OLD = r"(?:9\d|1[0-4]\d)"
_add("AGE", rf"\b{_OLD}(?:\s*|-)(?:years?|yrs?|y)(?:\s*|-)(?:old|of\s+age)\b", flags=re.IGNORECASE)
_add("AGE", rf"\b{_OLD}\s*(?:yo|y/o|y\.o\.|yr|yrs|years?)(?![a-z])", flags=re.IGNORECASE)
_add("AGE", rf"\b(?:aged?|age:)\s*(?P<v>{_OLD})\b", "v", re.IGNORECASE)
_add("AGE", rf"(?:年龄|年齡)\s*[:：]?\s*{_OLD}\s*岁?|{_OLD}\s*岁")
_add("AGE", r"\b(?:09\d|1[0-4]\d)Y\b")  # DICOM AS

# -- addresses ---------------------------------------------------------------------------
_STREET = (r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
           r"Terrace|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq)")  # fmt: skip
_add("ADDRESS", rf"\b\d{{1,6}}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){{1,3}}{_STREET}\b\.?"
                rf"(?:,?\s*(?:Apt|Apartment|Suite|Unit|#)\.?\s*[\w-]+)?"
                rf"(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?(?:,?\s*[A-Z]{{2}})?(?:\s+\d{{5}}(?:-\d{{4}})?)?")  # fmt: skip
_add("ADDRESS", rf"(?:{_HAN}{{2,7}}(?:省|自治区))?(?:{_HAN}{{2,7}}市)?(?:{_HAN}{{1,7}}(?:区|县))?"
                rf"{_HAN}{{1,12}}(?:路|街|大道|巷|弄|胡同)(?:\d+|[一二三四五六七八九十]+)(?:号|弄)"
                rf"(?:\d+(?:号楼|栋|幢))?(?:\d+(?:单元))?(?:\d+(?:室|号))?")  # fmt: skip
_add("ADDRESS", r"(?:住址|地址|家庭住址|现住址)\s*[:：]\s*(?P<v>[^\n,，。;；]{4,40})", "v")

# -- names -------------------------------------------------------------------------------
_add("NAME", rf"\b{_TITLES}\.?\s+(?P<v>{_NAME}|{_UPPER_NAME})", "v")
_add("NAME", rf"\b(?i:{_LABELS})\s*[:\-]?\s*(?:{_TITLES}\.?\s+)?(?P<v>{_UPPER_NAME}|{_NAME})", "v")
_add("NAME", rf"\b(?P<v>{_NAME}|{_UPPER_NAME})\s*,\s*{_CREDENTIALS}(?![A-Za-z])", "v")
_add("NAME", rf"\b(?P<v>{_NAME})\s+(?:M\.D\.|MD|D\.O\.|Ph\.?D\.?|MBBS|FRCR)(?![A-Za-z])", "v")
_add("NAME", r"\b[A-Za-z][A-Za-z'-]+\^[A-Za-z][A-Za-z'^ -]*")  # DICOM PN Last^First^Middle
_add("NAME", rf"(?:患者|病人|姓名|病患|受检者|被检者|就诊者|家属|联系人|医师|医生|报告医师|审核医师|报告医生|"
             rf"审核医生|申请医生|申请医师|送检医生|检查医生|记录者|报告者|审核者|技师|操作者|签名)\s*[:：]?\s*"
             rf"(?P<v>[{SURNAMES_CN}]{_HAN}{{1,2}})(?=[,，。;；:：\s(（]|$|先生|女士|医生|医师|"
             rf"主任|教授|护士|,|性别|男|女|年龄|\d)", "v", re.M)  # fmt: skip
_add("NAME", rf"(?P<v>[{SURNAMES_CN}]{_HAN}{{0,2}}?)(?:先生|女士|医生|医师|主任|教授|护士长|护士|老师)", "v")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


@dataclass
class Redaction:
    text: str  # the redacted text
    spans: list[Span] = field(default_factory=list)  # in the original text
    source: str = ""

    def counts(self) -> dict[str, int]:
        return dict(Counter(span.kind for span in self.spans))


_GIVEN = re.compile(rf"\b(?P<v>(?:{'|'.join(sorted(GIVEN_NAMES, key=len, reverse=True))})"
                    rf"(?:\s+[A-Z]\.)?\s+(?:Mc|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")  # fmt: skip
_NOT_NAMES = {w.lower() for w in EPONYMS} | {
    "the", "a", "an", "this", "that", "no", "there", "findings", "impression", "chest", "lung", "left",
    "right", "normal", "heart", "see", "and", "or", "with", "without", "report", "exam", "study", "view",
    "views", "ap", "pa", "lateral", "ct", "mri", "us", "xr", "er", "ed", "icu", "am", "pm", "phone",
}  # fmt: skip


def _plausible_name(text: str) -> bool:
    words = [w.strip(".,'") for w in re.split(r"[\s^,]+", text) if w.strip(".,'")]
    if not words:
        return False
    return not all(w.lower() in _NOT_NAMES for w in words) and words[0].lower() not in _NOT_NAMES


_PRIORITY = ("EMAIL", "URL", "PHONE", "ADDRESS", "DATE", "AGE", "ID", "NAME")


def _known_spans(text: str, known: Sequence[tuple[str, str]]) -> list[Span]:
    """Where the text repeats an identifier the file's header gave (any case, whole words)."""
    spans: list[Span] = []
    for kind, value in known:
        value = value.strip()
        if len(value) < 2 or kind not in TOKENS:
            continue
        edge = r"(?<!\w)" if value[0].isascii() else ""
        tail = r"(?!\w)" if value[-1].isascii() else ""
        for match in re.finditer(edge + re.escape(value) + tail, text, re.IGNORECASE):
            spans.append(Span(match.start(), match.end(), kind))
    return spans


def find(text: str, known: Sequence[tuple[str, str]] = ()) -> list[Span]:
    """PHI spans in ``text`` (overlaps resolved: the longer span wins). ``known``: the
    patient's own (kind, value) identifiers from the file, found wherever they recur."""
    found: list[Span] = _known_spans(text, known)
    for kind, pattern, group in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span(group)
            if start < 0 or end <= start:
                continue
            if kind == "NAME" and not _plausible_name(match.group(group)):
                continue
            found.append(Span(start, end, kind))
    for match in _GIVEN.finditer(text):
        words = match.group("v").split()
        if words[-1].lower() in _NOT_NAMES or words[-1].rstrip(".").lower() in _NOT_NAMES:
            continue
        found.append(Span(match.start("v"), match.end("v"), "NAME"))
    found.sort(key=lambda s: (s.start, -(s.end - s.start), _PRIORITY.index(s.kind)))
    merged: list[Span] = []
    for span in found:
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            if span.end > last.end:
                merged[-1] = Span(last.start, span.end, last.kind)
            continue
        merged.append(span)
    return merged


def _shifted(value: str, days: int) -> str | None:
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%m/%d/%Y", "%m-%d-%Y", "%Y%m%d", "%d.%m.%Y"):
        try:
            moved = dt.datetime.strptime(value.strip(), fmt) - dt.timedelta(days=days)
        except ValueError:
            continue
        return moved.strftime("%Y-%m-%d")
    match = re.fullmatch(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]", value.strip())
    if match:
        try:
            year, month, day = (int(g) for g in match.groups())
            moved = dt.datetime(year, month, day) - dt.timedelta(days=days)
        except ValueError:
            return None
        return f"{moved.year}年{moved.month}月{moved.day}日"
    return None


def redact(text: str, date_shift_days: int | None = None,
           known: Sequence[tuple[str, str]] = ()) -> Redaction:  # fmt: skip
    """Replace PHI by tokens. With ``date_shift_days``, full dates move back by that many days
    (intervals between them kept) instead of becoming [DATE]. ``known``: see :func:`find`."""
    spans = find(text, known)
    parts: list[str] = []
    last = 0
    for span in spans:
        parts.append(text[last:span.start])
        original = text[span.start:span.end]
        replacement = TOKENS[span.kind]
        if span.kind == "DATE" and date_shift_days is not None:
            replacement = _shifted(original, date_shift_days) or replacement
        parts.append(replacement)
        last = span.end
    parts.append(text[last:])
    return Redaction("".join(parts), spans, text)


def redact_text(text: str) -> str:
    return redact(text).text
