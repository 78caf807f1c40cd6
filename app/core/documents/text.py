"""Plain-text reports: encoding detection (UTF-8, UTF-16 with BOM, GB18030, Latin-1)."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from app.core import messages
from app.core.documents.limits import DEFAULT_LIMITS, Limits, human
from app.core.documents.model import Document, DocumentError, Section

MAX_TEXT_BYTES = DEFAULT_LIMITS.report_bytes

# Report headings as radiology reports write them, English and Chinese: "Findings:",
# "【检查所见】", or a heading alone on its line ("检查结论", "IMPRESSION"). Longer titles first.
_TITLES = (
    r"(?:clinical\s+)?(?:indications?|history|reason\s+for\s+(?:exam|study)|comparisons?|"
    r"techniques?|findings|impressions?|conclusions?|recommendations?|exam(?:ination)?|procedure|"
    r"临床病史|临床资料|临床诊断|病史摘要|病史|检查部位|检查项目|检查方法|检查技术|扫描方法|技术|对比|比较|"
    r"(?:CT|MRI?|DR|CR|X线|超声|PET/CT|PET-CT)(?:表现|所见|诊断|提示)|影像学表现|影像学所见|影像表现|影像所见|"
    r"检查所见|检查结果|检查结论|超声所见|超声提示|表现|所见|意见及建议|诊断及建议|诊断意见|影像诊断|"
    r"影像学诊断|印象|诊断|结论|意见|建议)"
)
_HEADING = re.compile(
    rf"^[ \t]*(?:[【\[]\s*(?P<bracketed>{_TITLES})\s*[】\]][ \t]*[:：]?|(?P<colon>{_TITLES})[ \t]*[:：]|"
    rf"(?P<alone>{_TITLES})[ \t]*(?=\n|$))[ \t]*(?P<rest>.*)$",
    re.IGNORECASE | re.MULTILINE,
)


# The commonest characters of Chinese reports, simplified and traditional: an encoding that
# yields many of them is the file's encoding (GB18030 and Big5 decode each other's bytes
# without error, into rare characters).
_COMMON_HAN = frozenset(
    "的一是不了在有人中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机"
    "当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正"
    "心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题"
    "见检查影像所诊断印象肺结节双侧左右叶段支气管胸膜腔积液心脏纵隔淋巴未异常密度增高低灶病变大约"
    "囊肿钙化磨玻璃实性边缘清晰模糊强化扫描平片患者男女岁医院科报告日期复随访建议考虑可能伴及周围"
    "檢查診斷雙側葉氣積縱隔無異常變圍邊緣晰強報醫院議慮隨訪與及於為個們這來會說時實體發現經過條"
)
_COMMON_HAN_RE = re.compile("[" + "".join(sorted(_COMMON_HAN)) + "]")
_PLAIN_RE = re.compile("[\t\n\r\x20-\x7e\u00a0-\u024f]")
_OTHER_PLAUSIBLE_RE = re.compile("[\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_BAD_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_SAMPLE = 32_768


def _score(text: str) -> float:
    """How much ``text`` looks like a report, per character: common Han characters count most
    (3), ASCII and Latin letters 1, punctuation and Han characters 0.5; replacement characters and
    control characters -4. The right decoding of a file scores highest."""
    if not text:
        return 0.0
    common = len(_COMMON_HAN_RE.findall(text))
    plain = len(_PLAIN_RE.findall(text))
    other = len(_OTHER_PLAUSIBLE_RE.findall(text)) - common
    bad = len(_BAD_RE.findall(text))
    return (3 * common + plain + 0.5 * other - 4 * bad) / len(text)


def _utf16_candidates(data: bytes) -> list[str]:
    """UTF-16 without a byte-order mark: the byte order whose NULs fall on the high bytes."""
    head = data[:_SAMPLE - _SAMPLE % 2]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if len(data) % 2 or max(even, odd) < len(head) // 64 + 1:
        return []
    return ["utf-16-le" if odd > even else "utf-16-be"]


def decode_text_with_warnings(data: bytes, path: Path) -> tuple[str, list[str]]:
    """The text of a report file and what the reader had to do to get it (for the user).

    UTF-8 (a few invalid bytes are replaced, with a warning naming the offset), UTF-16 with or
    without a byte-order mark, GB18030 and Big5 (chosen by what the text looks like), then
    charset-normalizer's guess. A file with NUL bytes that is not UTF-16 gets its own error.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), []
    sample = data[:_SAMPLE]
    if b"\x00" in data:
        for encoding in _utf16_candidates(data):
            text = data.decode(encoding, errors="replace")
            if _score(text[:_SAMPLE]) > 0.5:
                return text, [_about(path, messages.READ_AS_UTF16.format(encoding=encoding.upper()))]
        raise DocumentError(path, f"holds NUL bytes (the first at byte {data.index(0):,}): it is binary data "
                                  "or text in an encoding that cannot be recognised, not a text report")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    candidates: list[tuple[float, str]] = []
    for encoding in ("utf-8", "gb18030", "big5", "cp1252"):
        try:
            decoded = sample.decode(encoding, errors="replace" if encoding == "utf-8" else "strict")
        except UnicodeDecodeError as exc:
            if exc.start < len(sample) - 4:  # not just a character cut at the sample's end
                continue
            decoded = sample[:exc.start].decode(encoding)
        candidates.append((_score(decoded), encoding))
    if candidates:
        score, encoding = max(candidates, key=lambda c: c[0])
        if score > 0.2:
            text = data.decode(encoding, errors="replace")
            if encoding != "utf-8":
                return text, []
            bad = text.count("\ufffd")
            invalid = messages.INVALID_UTF8.format(offset=f"{first_bad:,}", count=f"{bad:,}")
            return text, [_about(path, invalid)]
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return str(best), [_about(path, messages.ENCODING_GUESSED.format(encoding=best.encoding))]
    except ImportError:  # pragma: no cover - a dependency, present in every install
        pass
    return data.decode("latin-1"), [_about(path, messages.READ_AS_LATIN1)]


def _about(path: Path, message: str) -> str:
    return messages.FILE_PREFIX.format(file=path.name, message=message)


def decode_text(data: bytes, path: Path) -> str:
    return decode_text_with_warnings(data, path)[0]


# Compatibility forms whose NFKC form would change what a measurement says: NFKC turns
# "①5mm" into "15mm", "10⁻³mm²" into "10−3mm2" and "㎡" into "m2". These keep their meaning:
# circled numbers become "(1)", super- and subscripts and fractions stay as written, square
# units keep their exponent ("㎠" -> "cm²").
_KEEP_TAGS = ("<super>", "<sub>", "<fraction>")
_SCAN_RANGES = ((0x00A0, 0x0100), (0x02B0, 0x0370), (0x1D2C, 0x1DC0), (0x2070, 0x20A0), (0x2100, 0x2190),
                (0x2460, 0x2500), (0x2776, 0x2794), (0x3200, 0x3400), (0xA770, 0xA771), (0x1F100, 0x1F200))
@functools.cache
def _special_forms() -> tuple[dict[str, str], re.Pattern[str]]:
    """The characters NFKC must not touch and what each becomes (built once, on first use)."""
    special: dict[str, str] = {}
    for low, high in _SCAN_RANGES:
        for code in range(low, high):
            char = chr(code)
            tag, _, rest = unicodedata.decomposition(char).partition(" ")
            if tag in _KEEP_TAGS:
                special[char] = char
            elif tag == "<circle>":
                special[char] = f"({unicodedata.normalize('NFKC', char)})"
            elif tag == "<square>":
                special[char] = "".join(chr(int(part, 16)) for part in rest.split())
    return special, re.compile("[" + "".join(re.escape(c) for c in special) + "]")


def meaning_preserving_nfkc(text: str) -> str:
    """NFKC (ligatures, full-width digits and letters, compatibility spaces) except where it
    would change a number or a unit: see ``_special_forms``. The result says what the report says."""
    forms, pattern = _special_forms()
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        parts.append(unicodedata.normalize("NFKC", text[last:match.start()]))
        parts.append(forms[match.group()])
        last = match.end()
    parts.append(unicodedata.normalize("NFKC", text[last:]))
    return "".join(parts)


def normalise(text: str) -> str:
    """Meaning-preserving NFKC, one kind of newline, runs of blanks collapsed."""
    text = meaning_preserving_nfkc(text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x00", "")
    text = re.sub(r"[^\S\n]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def split_sections(text: str, page: int | None = None, base: int = 0) -> list[Section]:
    """Cut text at report headings; each section keeps its offset (plus ``base``) into text."""
    sections: list[Section] = []

    def add(title: str, start: int, end: int) -> None:
        body = text[start:end]
        stripped = body.strip()
        if stripped:
            offset = start + (len(body) - len(body.lstrip()))
            sections.append(Section(title, stripped, page, base + offset))

    title, start = "", 0
    for match in _HEADING.finditer(text):
        add(title, start, match.start())
        heading = match.group("bracketed") or match.group("colon") or match.group("alone")
        heading = " ".join(heading.split())
        title = heading.title() if heading.isascii() else heading  # "CT表现", not "Ct表现"
        start = match.start("rest")
    add(title, start, len(text))
    return sections


def text_document(text: str, path: Path, kind: str, limits: Limits = DEFAULT_LIMITS,
                  empty: str = "is empty: there is no text to read") -> Document:  # fmt: skip
    """A Document from already extracted text: normalised, cut into sections."""
    text = normalise(text)
    if len(text) > limits.text_chars:
        raise DocumentError(path, f"holds {len(text):,} characters of text, more than the limit of "
                                  f"{limits.text_chars:,} characters for one document")
    if not text:
        raise DocumentError(path, empty)
    return Document(source=path, kind=kind, sections=split_sections(text), source_text=text)


def read_text_bytes(data: bytes, path: Path, kind: str = "text", limits: Limits = DEFAULT_LIMITS) -> Document:
    if len(data) > limits.report_bytes:
        raise DocumentError(path, f"is larger than the {human(limits.report_bytes)} limit for a report")
    text, warnings = decode_text_with_warnings(data, path)
    document = text_document(text, path, kind, limits)
    document.warnings.extend(warnings)
    return document


def read_bytes_limited(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing one over ``limit``; OSError becomes DocumentError."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise DocumentError(path, f"is larger than the {human(limit)} limit for a report")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise DocumentError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise DocumentError(path, f"is larger than the {human(limit)} limit for a report")
    return data


def read_text(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    return read_text_bytes(read_bytes_limited(path, limits.report_bytes), path, "text", limits)
