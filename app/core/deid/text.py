# ruff: noqa: E501  (the patterns read best one per line)
"""Free-text PHI redaction for reports, SR text and DICOM descriptions (English and Chinese).

Rules, not a statistical model (nothing to download, every rule tested): names (after titles,
labels and verbs such as "discussed with", before credentials, DICOM Last^First, common
given names, Chinese names after labels or before honorifics), dates, record and accession
numbers, phone and mobile numbers, e-mail, street addresses, ages over 89, Chinese resident
ID numbers. Each is replaced by a token such as [NAME] so the model still reads fluent text;
with a day shift, dates move instead (intervals kept). Eponyms (Parkinson, Hodgkin, Down
syndrome, Graves, Kerley B lines...) are medicine, not people, and stay.

A capitalised phrase found where a name may stand is checked against clinical vocabularies
(app.core.deid.vocabulary: ICD-10-CM, drug names, the CheXpert phrases): "Congestive Heart
Failure" or "Father: Lung Cancer" is medicine, and so is a phrase a clinical noun follows ("Sister
Mary Joseph nodule"). Names are caught as they are written: a header field's whole value
("PATIENT: NGUYEN, THANH BINH", "Lee, Min-jun"), romanised Chinese names ("Zhang Wei"), logins
after a role ("Dictated by: jsmith"), employers, device serial numbers.

A title goes with the name it belongs to ("Dr. Stokes" becomes one [NAME]); after a title or in a
person's field an eponym is a surname ("Mr Graves", "Name: BAKER, T"), and a name learnt in one
place is never replaced inside a hyphenated eponym elsewhere ("Cheyne-Stokes"). The other form of
a person written beside a found one is caught too: a login or a name in brackets ("T. Ng, DO
(tng)", "jdoe2 (Doe, Jane)", "LIU YANG（刘洋）"). Phones, IDs and addresses are read in their
national forms (Australian, British, Hong Kong, Indian, Singaporean numbers; member, group, study
subject, provider and health-card numbers; check digits in brackets).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.deid.names import EPONYMS, GIVEN_NAMES, SURNAMES_CN, pinyin_name
from app.core.deid.vocabulary import clinical_phrase, clinical_word, noun_follows, role_phrase

TOKENS = {"NAME": "[NAME]", "DATE": "[DATE]", "ID": "[ID]", "PHONE": "[PHONE]", "EMAIL": "[EMAIL]",
          "ADDRESS": "[ADDRESS]", "AGE": "[AGE]", "URL": "[URL]", "HOSPITAL": "[HOSPITAL]",
          "EMPLOYER": "[EMPLOYER]"}  # fmt: skip

_UP = "A-ZÀ-ÖØ-Þ"  # capitals, Latin-1 included (Wójcik, Müller, Ó Briain)
_LOW = "a-zß-öø-ÿ"
_PARTICLE = r"(?:van der|van den|van de|van|von|der|den|ter|ten|de la|de|da|di|du|del|della|le|la|bin|ibn|al|el|ap)"
_CAP = (rf"(?:Mc[{_UP}][{_LOW}]+|Mac[{_UP}][{_LOW}]+|[{_UP}]['’][{_UP}][{_LOW}]+(?:-(?:[{_UP}]['’])?[{_UP}][{_LOW}]+)?|[{_UP}][{_LOW}]+(?:['’][{_UP}][{_LOW}]+|-(?:[{_UP}]['’])?[{_UP}{_LOW}][{_LOW}]+)?|"
        rf"[{_UP}]\.)")  # fmt: skip
_CAP_WORD = rf"(?:{_CAP}|[A-Z]{{2,}}(?:[-'][A-Z]{{2,}})?)"
# One space or tab between the words: never across a line break, nor across the wide gap that
# ends a header field ("Name: Ruth Abernathy    Exam: CT").
_NAME = rf"{_CAP}(?:[ \t](?:(?i:{_PARTICLE})[ \t])?{_CAP}){{0,2}}"
_UPPER_NAME = r"(?:[A-Z]'|MC)?[A-Z]{2,}(?:-[A-Z]{2,})?,[ ]?[A-Z]{2,}(?:[ ][A-Z]\.?(?![A-Za-z]))?"  # SMITH, JOHN
# "Lee, Min-jun", "Kowalczyk, Irena M.", "Alvarez-Ruiz, Martin": Last, First (Middle or initial).
_COMMA_NAME = (rf"[{_UP}][{_LOW}]+(?:['’-][{_UP}][{_LOW}]+)?,[ \t]?[{_UP}][{_LOW}]+(?:-[{_UP}{_LOW}][{_LOW}]+)?"
               rf"(?:[ \t][{_UP}](?:\.|[{_LOW}]+)(?![{_LOW}]|[ \t]*[:：]))?(?![{_LOW}])")  # fmt: skip
_TITLES = r"(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Sister|Sr|Rev|Revd)"
# "name" alone labels a person unless another word names what it is ("Protocol name:", "Device name:").
_LABELS = (r"(?:patient(?:'s)?\s+name|pt\.?\s+name|patient|pt|(?<![A-Za-z][ \t])name|physician|radiologist|attending|resident|registrar|consultant|"
           r"referring(?:\s+(?:physician|doctor|provider|clinician))?|"
           r"ordering(?:\s+(?:physician|doctor|provider|clinician))?|requested\s+by|"
           r"(?:electronically\s+)?signed\s+by|signed\s+electronically(?:\s+by)?|dictated\s+by|reviewed\s+by|read\s+by|reported\s+by|"
           r"transcribed\s+by|verified\s+by|approved\s+by|interpreted\s+by|authori[sz]ed\s+by|cc|copy\s+to|"
           r"discussed\s+with|d/w|spoke\s+with|spoken\s+with|called\s+to|communicated\s+to|"
           r"relayed\s+to|notified|paged|informed|per|"
           r"(?:his|her|their|the\s+patient's)?\s*(?:wife|husband|son|daughter|mother|father|brother|sister|partner|"
           r"spouse|fianc[ée]e?|guardian|carer|caregiver|friend|niece|nephew|grandson|granddaughter)|"
           r"next\s+of\s+kin|NOK|emergency\s+contact|contact)")  # fmt: skip
# "discussed by telephone with", "phoned to", "handed over to": a verb of telling, up to three
# words, then with/to and the person.
_TOLD = (r"(?:discussed|spoke|spoken|communicated|conveyed|relayed|phoned|telephoned|called|faxed|e-?mailed|"
         r"reported|escalated|handed\s+over|given|explained|sent)\b(?:\s+[a-z]+){0,3}?\s+(?:with|to)")
_CREDENTIALS = r"(?:M\.?D\.?|D\.?O\.?|R\.?N\.?|N\.?P\.?|P\.?A\.?(?:-C)?|Ph\.?D\.?|MBBS|FRCR|FRCPC|DNP|RT(?:\([A-Z]{1,3}\))?|MRCP|FRCS)"
_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|Jun(?:e)?|Jul(?:y)?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")  # fmt: skip
_HAN = r"[\u4e00-\u9fff〇]"  # 〇 too: "第三〇一医院"
# Numbers in Chinese text touch Han characters ("于2026/3/2就诊"), where \b does not hold.
_D0, _D1 = r"(?<![\d./-])", r"(?!\d|[.,]\d)"
_A0, _A1 = r"(?<![A-Za-z0-9])", r"(?![A-Za-z0-9])"

_PATTERNS: list[tuple[str, re.Pattern[str], int | str]] = []  # (type, pattern, group holding the PHI)


def _add(kind: str, pattern: str, group: int | str = 0, flags: int = 0) -> None:
    _PATTERNS.append((kind, re.compile(pattern, flags), group))


# -- structured identifiers ---------------------------------------------------------------
_add("EMAIL", r"(?<![\w.+'-])[\w.+'-]{1,64}@[\w-]+(?:\.[\w-]+)+\b")  # bounded: no quadratic scan of long words
_add("URL", r"\bhttps?://\S+|\bwww\.\S+\.\S+")
_add("ID", r"(?<![\dA-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
           r"(?![\dA-Za-z])")  # Chinese resident ID (18 digits)  # fmt: skip
_add("ID", r"\b\d{3}-\d{2}-\d{4}\b")  # US SSN
_add("ID", r"(?:\b(?:MRN|MR#|MR\s*No\.?|medical\s+record(?:\s+(?:number|no\.?|#))?|record\s+(?:number|no\.?|#)|"
           r"accession(?:\s+(?:number|no\.?|#))?|acc(?:\.|#)?|patient\s+ID|pt\s+ID|chart(?:\s+(?:number|no\.?|#))?|"
           r"account(?:\s+(?:number|no\.?|#))?|encounter(?:\s+(?:number|no\.?|#))?|visit\s+(?:number|no\.?)|"
           r"hospital\s+(?:number|no\.?)|NHS\s+(?:number|no\.?)|CHI\s+(?:number|no\.?)|unit\s+(?:number|no\.?)|"
           r"study\s+ID|order(?:\s+(?:number|no\.?|#))|serial(?:\s+(?:number|no\.?|#))?|S/N|SN|"
           r"device\s+(?:ID|serial)|lot(?:\s+(?:number|no\.?|#))|insurance(?:\s+(?:number|no\.?|ID|#))?|"
           r"policy(?:\s+(?:number|no\.?|#))?|member\s+(?:ID|number|no\.?)|subscriber\s+ID|"
           r"medicare(?:\s+(?:number|no\.?|ID))?|medicaid(?:\s+(?:number|no\.?|ID))?|health\s+card(?:\s+(?:number|no\.?))?|"
           r"NI\s+(?:number|no\.?)|badge(?:\s+(?:number|no\.?|#))?|(?:employee|staff)\s+(?:ID|number|no\.?)|"
           r"(?:study\s+)?subject\s+(?:ID|number|no\.?|#)|study\s+subject|participant(?:\s+(?:ID|number|no\.?|#))?|"
           r"prov(?:ider)?\.?\s*(?:number|no\.?|#)|reg(?:istration)?\.?\s*(?:number|no\.?|#)|hosp\.?\s+(?:number|no\.?|#)|"
           r"passport(?:\s+(?:number|no\.?|#))?|(?:driver'?s?\s+)?licen[cs]e\s+(?:number|no\.?|#)|CSN|NRIC|FIN|HKID|UHID|IHI|OHIP|PHN|NHI|MBI|HCN|RAMQ|DVA(?:\s+(?:number|no\.?))?|IP\s*(?:number|no\.?)|(?-i:UR|RN|HN)(?:\s*(?:number|no\.?|#))?|ID)"
           r"\s*(?:is\s+|[:#=]\s*|\s)\s*)"
           r"(?P<v>(?-i:[A-Z]{2,4})[ ]\d{3,6}(?:[ ]\d{2,6}){0,3}(?!\d|[.,]\d|[ \t]*(?:mm|cm|x)\b)|"
           r"[A-Z]{0,4}[-#]?\d[\dA-Z-]{3,}(?:\s\d{3}\s\d{4}(?!\d)|(?:[ ]\d{2,6}(?![\d.,]|[ \t]*(?:mm|cm|x)\b)){1,3}"
           r"(?:[ ]\d(?=[ \t]*(?:$|[\n,;)])|[ \t]{2,}|\t))?)?(?:\([\dA-Z]\)|\b))", "v", re.IGNORECASE)
# "group 04417" (an insurance group): four digits or more after the word.
_add("ID", r"(?<![A-Za-z])(?i:group)(?:[ \t]+(?i:number|no\.?|#|ID))?[ \t]*[:#]?[ \t]*(?P<v>[A-Z]{0,3}\d{4,}[\dA-Z-]*)(?![\w.,]\d)", "v")  # fmt: skip
# A device's unique identifier ("UDI: (01)00643169001763(17)160712").
# A network address or a DICOM UID in a footer ("192.168.10.24", "1.2.840.113619.2.55.3"): no
# measurement has four dotted parts.
_add("ID", r"(?<![\d.])(?=[\d.]*\d{2})\d{1,6}(?:\.\d{1,20}){3,}(?![\d.]?\d)")
# Dictation initials at a report's foot ("JRS/kl": the author's, then the typist's); checked in
# find() so that "AP/lat" stays.
_add("ID", r"^[ \t]*(?P<v>[A-Z]{2,4}/[a-z]{2,3})(?=[ \t]*(?:$|[ \t](?:D|T|DD|DT):))", "v", re.M)
_INITIALS = _PATTERNS[-1][1]
# Any named number after "#": "Acct #: A000123", "Visit #: V12345", "Case# 2024-0113".
_add("ID", r"(?<![A-Za-z])[A-Za-z]{2,12}\.?[ \t]*#[ \t]*:?[ \t]*(?P<v>[A-Z]{0,4}-?\d[\dA-Z-]{3,})(?![\w.,]\d)", "v")
_add("ID", r"(?<![A-Za-z])UDI[ \t]*[:#]?[ \t]*(?P<v>[(\dA-Za-z][()\dA-Za-z+/.-]{5,})", "v")
_add("ID", r"(?:住院号|门诊号|急诊号|就诊号|就诊卡号|病历号|病案号|影像号|检查号|检查单号|申请单号|登记号|条码号|病理号|放射号|"
           r"X线号|CT号|MR号|片号|档案号|ID号|身份证号码?|护照号码?|通行证号码?|军官证号码?|驾驶证号码?|医保卡?号|社保卡?号|卡号|流水号|编号|工号|工作证号|序列号|"
           r"设备编号|保险单?号|保单号)\s*(?:码)?\s*[:：]?\s*"
           r"(?P<v>[A-Za-z]{1,4}[ ]\d{2,6}(?:[ ]\d{2,6}(?!\d)){0,4}(?![\d.,]|[ \t]*(?:mm|cm|毫米|厘米))|[A-Za-z0-9][A-Za-z0-9-]{3,}(?:[ ]\d{3,6}(?!\d)){0,4}(?:[(（][\dA-Z][)）])?)", "v")  # fmt: skip
_add("ID", r"(?<![A-Za-z0-9])(?:微信号?|(?i:wechat)(?:[ \t]*ID)?|QQ号?|钉钉号?)[ \t]*[:：]?[ \t]*"
           r"(?P<v>[A-Za-z0-9][-_A-Za-z0-9]{4,24})", "v")  # fmt: skip
_add("ID", rf"{_A0}(?=[A-Z]*\d)[A-Z]{{1,4}}\d{{6,14}}[A-Z]{{0,2}}{_A1}")  # e.g. MR1234567, JZ2026030501, PJN204117H
_add("ID", r"(?<![\d.,/-])\d{7,}(?![\d.,/]\d)")  # long bare numbers: no measurement has 7 digits
_add("ID", r"(?<![\d.,/-])(?!(?:(?:19|20)\d{2}[ -]?){3})\d{4}(?:[ -]\d{4}){2,3}(?![\d.,/]?\d)")  # "8003 6080 0000 1234": card and health numbers
_add("PHONE", r"(?<![\d+])(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)")  # Chinese mobile
_add("PHONE", r"(?<!\d)0\d{2,3}[-\s]\d{7,8}(?!\d)|[(（]0\d{2,4}[)）]\s*-?\s*\d{3,4}[-\s]?\d{3,4}(?!\d)")  # landline
_add("PHONE", r"(?<![\w/])(?:\+?1[-.\s]?)?(?:\(\d{3}\)\s?|\d{3}[-.\s])\d{3}[-.\s]\d{4}(?:\s*(?:x|ext\.?)\s*\d{1,5})?"
              r"(?![\d/])", flags=re.IGNORECASE)  # fmt: skip
# Australian and other national forms: "(02) 9876 5432", "0412 345 678", "080-4123 7788", "+61 3 9345 6789".
_add("PHONE", r"(?<![\d+])\(0\d\)[ \t]?\d{4}[ \t-]?\d{4}(?!\d)|(?<![\d+.,])04\d{2}[ \t]?\d{3}[ \t]?\d{3}(?![\d.,]\d?)|(?<![\d+.,])0\d{3}[ \t]\d{3}[ \t]\d{3}(?![\d.,]\d?)|"
              r"(?<![\d.,])0\d{2,4}-\d{3,4}[ \t]\d{4}(?!\d)")  # fmt: skip
_add("PHONE", r"(?<![\d.,:])0[1-9](?:[ .]\d{2}){4}(?![\d.,:]?\d)")  # "01 23 45 67 89"
_add("PHONE", r"(?<![\w+])\+\d{1,3}(?:[ \t-]?\(\d{1,4}\))?(?:[ \t-]?\d{1,5}){2,5}(?![\d.,]?\d)(?<=\d{4})")
_add("PHONE", r"(?<![A-Za-z])(?:Ph|PH|ph|Mob|MOB|mob|Cell|cell|Tel|TEL|tel|Telephone|telephone|Contact|contact)(?:[ \t]*(?:no\.?|number|#))?\.?[ \t]*[:：#]?[ \t]*"
              r"(?P<v>\+?[\d(][\d \t()-]{5,}\d)(?![\d.,]\d)", "v")  # fmt: skip
_add("PHONE", r"(?<![\d+])(?:\+44\s?(?:\(0\)\s?)?|0)(?:\d{2}\s?\d{4}\s?\d{4}|\d{3}\s?\d{3}\s?\d{4}|\d{4}\s?\d{6}|"
              r"\d{4}\s?\d{3}\s?\d{3}|\d{3}\s?\d{4}\s?\d{3})(?!\d)")  # UK  # fmt: skip
# A pager, bleep or extension is a short number ("pager 4432", "bleep 1187", "ext. 52231").
_add("PHONE", r"(?<![A-Za-z])(?i:pager|beeper|bleep|ext\.?|extension|分机号?|短号)[ \t]*(?:number|no\.?|#)?[ \t]*[:：#]?[ \t]*"
              r"(?P<v>\d{3,6})(?!\d)", "v")  # fmt: skip
_add("PHONE", r"(?:电话|手机|联系电话|座机|固话|Tel|Phone|Fax|pager|beeper|bleep|mobile)\.?\s*(?:号码?)?\s*[:：#]?\s*"
              r"(?P<v>\+?[\d(（][\d\s()（）-]{5,}\d)", "v", re.IGNORECASE)  # fmt: skip

# -- dates -------------------------------------------------------------------------------
# One separator throughout: "16.2/24.7" is a ratio, not a date.
_add("DATE", rf"{_D0}\d{{4}}(?P<s>[-/.])(?:0?[1-9]|1[0-2])(?P=s)(?:0?[1-9]|[12]\d|3[01])"
             rf"(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?{_D1}")  # fmt: skip
_add("DATE", rf"{_D0}(?:0?[1-9]|1[0-2])(?P<s>[/-])(?:0?[1-9]|[12]\d|3[01])(?P=s)(?:\d{{4}}|\d{{2}}){_D1}")  # m/d/y
_add("DATE", rf"{_D0}(?:0?[1-9]|[12]\d|3[01])(?P<s>[/.-])(?:0?[1-9]|1[0-2])(?P=s)(?:\d{{4}}|\d{{2}}){_D1}")  # d/m/y
_add("DATE", rf"{_D0}\d{{2}}/(?:0[1-9]|1[0-2])/(?:0[1-9]|[12]\d|3[01]){_D1}")  # yy/mm/dd
_add("DATE", rf"\b{_MONTHS}\.?\s+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b")
_add("DATE", rf"\b(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?(?:\s+\d{{4}})?\b")
_add("DATE", rf"\b{_MONTHS}\.?,?\s+\d{{4}}\b")
# "Mar '23", "March 5 '24": a year written with an apostrophe.
_add("DATE", rf"\b{_MONTHS}\.?(?:\s+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?)?,?\s*['’]\d{{2}}(?![\d'’])")
# A day and month alone after "on" or "dated" ("seen on 12/04", "at the clinic on 4/6"); not a ratio
# or a fraction ("on 2/3 of images").
_add("DATE", r"(?<![A-Za-z])(?i:on|dated)[ \t]+(?P<v>(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|[12]\d|3[01]))(?![\d/.,]?\d|[ \t]+(?i:of|views?|images?|slices?|nodes?|cores?|levels?|ribs?)\b)", "v")
# "14-Mar-2024", "05-MAR-24", "5.Mar.2024", "2024-Mar-05", "Mar-05-2024" (any case).
_add("DATE", rf"{_D0}(?:0?[1-9]|[12]\d|3[01])(?P<s>[-/. ])(?i:{_MONTHS})\.?(?P=s)(?:\d{{4}}|\d{{2}}){_D1}")
_add("DATE", rf"{_D0}\d{{4}}(?P<s>[-/ ])(?i:{_MONTHS})(?P=s)(?:0?[1-9]|[12]\d|3[01]){_D1}")
_add("DATE", rf"(?<![A-Za-z0-9])(?:0?[1-9]|[12]\d|3[01])(?i:{_MONTHS})(?:\d{{4}}|\d{{2}})(?![A-Za-z0-9])")  # 05MAR2024
_add("DATE", rf"(?<![A-Za-z])(?i:{_MONTHS})(?P<s>[-/])(?:0?[1-9]|[12]\d|3[01])(?P=s)(?:\d{{4}}|\d{{2}}){_D1}")
_add("DATE", rf"{_D0}(?:19|20)\d{{2}}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]){_D1}")  # DICOM DA
_add("DATE", rf"{_D0}(?:0?[1-9]|1[0-2])[/.-](?:19|20)\d{{2}}{_D1}|{_D0}(?:19|20)\d{{2}}[/.-](?:0[1-9]|1[0-2]){_D1}")  # 03/2024, 2024-03
# A year of birth alone ("DOB: 1956", "born 1961", "出生年份：1962").
_add("DATE", r"(?<![A-Za-z])(?i:DOB|D\.O\.B\.?|date\s+of\s+birth|born(?:\s+in)?|birth\s*year|year\s+of\s+birth|YOB)"
             r"[ \t]*[:：]?[ \t]*(?P<v>(?:19|20)\d{2})(?![\d/.-])", "v")
_add("DATE", r"(?:出生年份|出生年|出生于)[ \t]*[:：]?[ \t]*(?P<v>(?:19|20)\d{2})(?![\d/.-])", "v")
_add("DATE", r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]")
_add("DATE", r"(?<!\d)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]")  # "24年3月5日"
_add("DATE", r"[〇零○一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月(?:\s*[一二三四五六七八九十]{1,3}\s*[日号])?")

# -- ages over 89 ------------------------------------------------------------------------
_OLD = r"(?:9\d|1[0-4]\d)"
_add("AGE", rf"\b{_OLD}(?:\s*|-)(?:years?|yrs?|y)(?:\s*|-)(?:old|of\s+age)(?![A-Za-z])", flags=re.IGNORECASE)
_add("AGE", rf"\b{_OLD}\s*(?:yo|y/o|y\.o\.|yr|yrs|years?)(?![a-z])", flags=re.IGNORECASE)
_add("AGE", rf"\b(?:aged?|age:)\s*(?P<v>{_OLD})\b", "v", re.IGNORECASE)
_add("AGE", rf"(?:年龄|年齡)\s*[:：]?\s*{_OLD}\s*岁?|(?<!\d){_OLD}\s*(?:岁|周岁)")
_add("AGE", r"\b(?:09\d|1[0-4]\d)Y\b")  # DICOM AS

# -- addresses ---------------------------------------------------------------------------
_STREET = (r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Close|Crescent|"
           r"Gardens|Grove|Terrace|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq|Row|Mews|Walk|Hill)")  # fmt: skip
_add("ADDRESS", rf"(?:\b(?:Flat|Apartment|Apt|Unit|Suite)\.?\s*(?:\d+[A-Z]?,?\s*|(?=\d+[A-Z]?/)))?(?<![\d/])(?:\d{{1,4}}[A-Z]?/)?\d{{1,6}}[A-Z]?\s+(?:[NSEW]\.?\s+)?"
                rf"(?:[A-Z][a-z'’]+\s+){{1,3}}{_STREET}\b\.?"
                rf"(?:,?\s*(?:Apt|Apartment|Suite|Unit|#)\.?\s*[\w-]+)?"
                rf"(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?(?:,?\s*[A-Z]{{2,3}}(?![A-Za-z0-9]))?(?:\s+\d{{5}}(?:-\d{{4}})?|\s+\d{{4}}(?!\d))?")  # fmt: skip
_add("ADDRESS", r"(?<![A-Za-z])(?i:home|residence|lives\s+at)[ \t]*[:：]?[ \t]*(?P<v>(?:(?:No\.?|Flat|Unit|Apt\.?|House)[ \t]*)?\d{1,5}[A-Za-z]?,?[ \t]+[A-Z0-9][^\n;|]{3,70}?)"
                r"(?=[ \t]{2,}|\t|[ \t]*\n|[ \t]*$|[ \t]*[;|]|\.[ \t]*(?:\n|$))", "v")  # fmt: skip
_add("ADDRESS", r"(?<![A-Za-z])(?i:(?:home\s+|postal\s+|mailing\s+)?address|addr\.?)[ \t]*[:：][ \t]*"
                r"(?P<v>[^\n;|]{4,80}?)(?=[ \t]{2,}|\t|[ \t]*\n|[ \t]*$|[ \t]*[;|])", "v")  # fmt: skip
_add("ADDRESS", rf"{_A0}(?:[A-Z]{{1,2}}\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{{2}}{_A1}")  # UK postcode
# A town with its state and postcode ("Ballarat, VIC 3350", "Springfield, IL 62704") or, after a comma,
# an Indian PIN ("..., Pune - 411001").
_add("ADDRESS", r"(?<![A-Za-z])[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?,?[ \t]+(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)[ \t]+\d{4}(?!\d)|"
                r"(?<![A-Za-z])[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?,[ \t]*[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?(?!\d)|"
                r"(?<=,)[ \t]*[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?[ \t]*[-–]?[ \t]*\d{6}(?!\d)")  # fmt: skip
_TOWN = _PATTERNS[-1][1]  # checked in find(): the town is no clinical word ("Chest, CT 40012")
_CN_NUMBER = r"(?:\d+|[一二三四五六七八九十]+)"
_CN_REGION = (rf"(?:{_HAN}{{2,7}}(?:省|自治区))?(?:{_HAN}{{2,7}}(?:市|州|盟))?(?:{_HAN}{{1,7}}(?:区|县|旗))?"
              rf"(?:{_HAN}{{1,7}}(?:镇|乡|街道))?")  # fmt: skip
_CN_UNIT = (rf"(?:{_CN_NUMBER}(?:号楼|栋|幢|座|号院|院))?(?:{_CN_NUMBER}单元)?(?:{_CN_NUMBER}(?:层|楼))?"
            rf"(?:\d+(?:室|号|户)?)?")  # fmt: skip
_add("ADDRESS", rf"{_CN_REGION}{_HAN}{{1,12}}(?:路|街|大道|大街|巷|弄|胡同){_CN_NUMBER}(?:号|弄)(?:院)?{_CN_UNIT}")
_add("ADDRESS", rf"{_CN_REGION}{_HAN}{{2,10}}(?:小区|花园|家园|公寓|大厦|苑|新村|里){_CN_NUMBER}(?:号楼|栋|幢|座|号院|号)"
                rf"{_CN_UNIT}")  # fmt: skip
_add("ADDRESS", rf"(?:{_HAN}{{2,7}}(?:省|自治区))?(?:{_HAN}{{2,7}}市)?{_HAN}{{1,7}}(?:县|旗|区){_HAN}{{1,7}}(?:镇|乡)"
                rf"(?:{_HAN}{{1,7}}(?:村|社区))?(?:{_CN_NUMBER}组|{_HAN}{{1,4}}组)?(?:{_CN_NUMBER}号)?")  # fmt: skip
_add("ADDRESS", r"(?:住址|地址|家庭住址|现住址|户籍地址|居住地|现住)\s*[:：]?\s*(?P<v>[^\n,，。;；]{4,40})", "v")
_add("ADDRESS", r"(?:邮编|邮政编码|postcode|post\s+code|zip(?:\s+code)?)\s*[:：]?\s*(?P<v>\d{6}|\d{5}(?:-\d{4})?)"
                r"(?!\d)", "v", re.IGNORECASE)  # fmt: skip

# -- institutions (the Basic profile removes them from DICOM; text names them too) ---------
_add("HOSPITAL", r"(?:(?<=[（(《“\"\s，,。；;:：、|])|(?<=^)|(?<=[于至在到转经由从往赴]))"
                 rf"(?P<v>{_HAN}{{2,18}}?(?:医院|卫生院|卫生服务中心|卫生服务站|卫生室|卫生所|保健站|医疗中心|保健院|疗养院|诊所|体检中心|影像中心|"
                 rf"诊断中心|检验中心|门诊部)(?:[东南西北中]院区|[东南西北中]院(?!区)|{_HAN}{{1,6}}?(?:院区|分院|分部|病区|医院|医学中心))?(?:[（(](?:[东南西北中]|本部|总部|{_HAN}{{1,6}}?(?:院区|分院|校区|分部|院))[)）])?)", "v", re.M)  # fmt: skip
_add("HOSPITAL", rf"(?P<v>(?:(?:St|Saint)\.?\s+)?(?:(?:[{_UP}][{_LOW}'’-]{{1,30}}|[A-Z]{{2,6}})\s+(?:&\s+)?){{1,4}}"
                 r"(?:Hospital|Infirmary|Medical\s+Cent(?:er|re)|Health\s+(?:System|Centre|Center)|Clinic|Hospice|Surgery|"
                 r"(?:Medical|General|Family|Group)\s+Practice|Diagnostics|(?:Imaging|Radiology|Medical|Diagnostic)\s+(?:Partners|Associates|Group|Services|Network)|"
                 r"(?:Diagnostic|Imaging|Radiology|Scan|Health|Medical)\s+Cent(?:er|re)s?|Medical\s+Imaging|Radiology|"
                 r"Imaging\s+Cent(?:er|re)|Cancer\s+Cent(?:er|re)|Surgery\s+Cent(?:er|re)|Medical\s+Group|"
                 r"(?:NHS\s+)?(?:Foundation\s+)?Trust)"
                 rf"(?:\s+of\s+(?:the\s+)?(?:[{_UP}][{_LOW}'’-]+\s+){{1,3}}(?:University|College|School\s+of\s+Medicine))?)\b",
     "v")  # fmt: skip
# Where a study was done, named without a kind of place ("performed at Kaiser Permanente on ..."):
# checked in find() (some word is no clinical or common word).
_add("HOSPITAL", r"(?<![A-Za-z])(?i:performed|done|obtained|acquired|scanned|imaged|undertaken|taken)[ \t]+(?i:at)[ \t]+"
                 r"(?:the[ \t]+)?(?P<v>[A-Z][A-Za-z'’-]+(?:[ \t]+(?:&[ \t]+)?[A-Z][A-Za-z'’-]+){0,4})(?![A-Za-z])", "v")  # fmt: skip
_AT_PLACE = _PATTERNS[-1][1]
# A comparison from another place named without "Hospital" ("outside CT from Mercy General", "prior
# at Riverside Regional"): two or more capitalised words after from/at; checked in find() like
# the pattern above. And a saint's name with its possessive ("St Mary's 2021", "Saint Jude's").
_add("HOSPITAL", r"(?<![A-Za-z])(?i:from|at|outside)[ \t]+(?:the[ \t]+)?(?P<v>(?:St\.?[ \t]+|Saint[ \t]+)?[A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+){1,3})(?![A-Za-z])", "v")
_FROM_PLACE = _PATTERNS[-1][1]
# Words that make the phrase after from/at a time or a study, not a place ("from Baseline Study").
_NOT_PLACE_WORDS = frozenset(["baseline", "study", "studies", "exam", "exams", "examination", "scan", "scans", "film", "films", "image", "images", "imaging", "radiograph", "radiographs", "series", "report", "reports", "result", "results", "view", "views", "sequence", "sequences", "protocol", "today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"])
_add("HOSPITAL", r"(?<![A-Za-z])(?P<v>(?:St\.?|Saint)[ \t]+[A-Z][a-z]+['’]s)(?![A-Za-z])", "v")
# Universities, which name a hospital's or an employer's place ("Sichuan University").
_add("HOSPITAL", rf"(?P<v>(?:[{_UP}][{_LOW}'’-]{{1,30}}\s+){{1,3}}University|University\s+of\s+(?:[{_UP}][{_LOW}]+\s?){{1,3}})"
                 r"(?![A-Za-z])", "v")  # fmt: skip
# In capitals, as a letterhead writes it: "ST. ALDRIC MEDICAL CENTER", "QUEEN MARY'S HOSPITAL".
_add("HOSPITAL", r"(?<![A-Za-z'’-])(?P<v>(?:ST\.?[ \t]+|SAINT[ \t]+)?(?:[A-Z][A-Z'’-]{1,30}[ \t]+){1,4}"
                 r"(?:HOSPITALS?|INFIRMARY|MEDICAL[ \t]+CENT(?:ER|RE)|HEALTH[ \t]+(?:SYSTEM|CENTRE|CENTER)|CLINIC|"
                 r"HOSPICE|IMAGING[ \t]+CENT(?:ER|RE)|CANCER[ \t]+CENT(?:ER|RE)))(?![A-Za-z])", "v")  # fmt: skip
# Employers ("30 years at Northgate Foundry", "职业史：青禾石棉制品厂工人").
_add("EMPLOYER", rf"(?<![{_UP}{_LOW}'’])(?P<v>(?:[{_UP}][{_LOW}'’]{{1,30}}[ \t]+){{1,4}}(?:Foundry|Foundries|Factory|Factories|Mills?|Works|Mines?|Collier(?:y|ies)|Shipyards?|"
                 r"Dockyards?|Docks|Refiner(?:y|ies)|Quarr(?:y|ies)|Plant|Yards|Company|Corporation|Corp\.?|Industries|Manufacturing|Inc\.?|Ltd\.?|LLC|"
                 r"Co\.|Plc|PLC|Steelworks|Brickworks|Ironworks))(?![A-Za-z])", "v")  # fmt: skip
_add("EMPLOYER", rf"(?:职业史|职业|工作单位|单位|工作地点|就职于|任职于|受雇于|供职于|工作于)[ \t]*[:：]?[ \t]*"
                 rf"(?P<v>{_HAN}{{2,16}}?(?:有限公司|公司|集团|厂|煤矿|矿|工地|车间|研究所))", "v")  # fmt: skip
_add("EMPLOYER", rf"(?P<v>{_HAN}{{2,14}}?(?:有限公司|公司|集团|厂|煤矿))(?=工作|工人|职工|上班|务工|退休)", "v")
# "Chest X-Ray From Outside Hospital", "seen at the Local Hospital": words before these are not a
# hospital's name, and "Outside Hospital" alone names none.
_GENERIC_LEAD = re.compile(r"^.*\b(?i:from|at|to|in|of|for|with|by|and|or|the|an?|our|this|that|another|other|outside|local|referring|"
                           r"nearest|nearby|any|same|previous|prior)\s+", re.S)
_INSTITUTION_HEAD = re.compile(r"\b(?:Hospital|Infirmary|Medical|Health|Clinic|Hospice|Imaging|Cancer|Surgery|Trust|Diagnostics?|Practice|Radiology|Scan|"
                               r"University|HOSPITALS?|INFIRMARY|MEDICAL|HEALTH|CLINIC|HOSPICE|IMAGING|CANCER)\b")
_CN_INSTITUTION_HEAD = re.compile(r"(?:医院|卫生院|卫生服务中心|卫生服务站|卫生室|卫生所|保健站|医疗中心|保健院|疗养院|诊所|体检中心|影像中心|诊断中心|检验中心|门诊部)$")
# The end of a field or a list item, after an institution.
_FIELD_STOP = re.compile(r"[ \t]*(?:$|\n|[,;|(]|\.[ \t]*(?:\n|$)|[ \t]{2,}|\t|[-–][ \t])")
# A place after an institution and a comma, up to the field's end: "Royal Park Hospital, Kew Gardens -",
# "X Imaging Centre, Jayanagar, Bengaluru - 560041."
_PLACE_AFTER = re.compile(r",[ \t]*(?P<p>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?(?:,[ \t]*[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)?"
                          r"(?:[ \t]*[-–]?[ \t]*\d{4,6}(?!\d))?)(?=[ \t]*(?:$|\n|[.;|]|[-–][ \t]|[ \t]{2,}|\t))")
_HOSPITAL_LEAD = re.compile(r"^.*(?:[于至在到赴往]|转诊|转院|建议|来自|就诊|住院|曾|外院|本院|我院)")
# Words that make "...医院" a kind of hospital, not one hospital's name ("建议上级医院").
_NOT_INSTITUTIONS = re.compile(r"上级|当地|基层|各级|综合|专科|定点|三甲|外院|我院|本院|该院|上述|其他|同一|建议|一家|附近|^送检|^就诊|^转诊|^申请|^来源|^检查|^报告|^所在|^收治|^首诊|^外院")

# -- names -------------------------------------------------------------------------------
_add("NAME", r"(?<![A-Za-z])(?:DR|MR|MRS|MS|PROF)\.?[ \t]+(?P<v>(?:[A-Z]\.?[ \t])?[A-Z]{2,}(?:['-][A-Z]{2,})?(?:[ \t][A-Z]{2,}(?:['-][A-Z]{2,})?){0,2})(?![A-Za-z])", "v")
_SURNAME_FIRST = r"[A-Z]{2,}(?:-[A-Z]{2,})?(?:[ \t][A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2}(?![A-Za-z])"  # "LEUNG Ka Wing"
_add("NAME", rf"\b{_TITLES}\.?\s+(?P<v>{_COMMA_NAME}|[{_UP}][ \t]{_NAME}|{_NAME}|{_UPPER_NAME}|{_SURNAME_FIRST}|(?i:{_PARTICLE})\s+{_NAME})", "v")
_add("NAME", rf"\b(?i:{_LABELS})(?![A-Za-z])\s*[:\-,(]?\s*(?:is\s+)?(?:{_TITLES}\.?\s+)?(?P<v>{_UPPER_NAME}|{_COMMA_NAME}|{_SURNAME_FIRST}|{_NAME})", "v")
_add("NAME", rf"\b(?i:{_TOLD})\s+(?:(?i:the\s+)?(?:{_TITLES}\.?\s+))?(?P<v>{_UPPER_NAME}|{_COMMA_NAME}|{_SURNAME_FIRST}|{_NAME})", "v")
# ("CC:" is left out: a chief complaint as often as a copy, "CC: SOB".)
# A field of a header: "PATIENT: NGUYEN, THANH BINH    MRN", "Patient Name: María José Ortega
# Villalobos", "Referring: Okafor, Adaeze": the whole value up to the end of the field (a wide gap,
# a tab, a line end, ";" or "|"), each word capitalised or in capitals, whatever the names are.
_FIELD_WORD = (rf"(?:[{_UP}][{_UP}{_LOW}'’]*(?:-[{_UP}{_LOW}][{_UP}{_LOW}'’]*)*\.?|(?i:{_PARTICLE})(?=[ \t]+[{_UP}]))")
_FIELD_END = r"(?=[ \t]*(?:\n|$)|[ \t]{2,}|\t|\u3000|[ \t]*[;|(（]|,[ \t]*(?:\d|" + _CREDENTIALS + r"\b)|\.[ \t]*(?:\n|$))"
# Roles that label a person only as a field (with a colon): "Technologist: J. Ruiz".
_FIELD_LABELS = (rf"(?:{_LABELS}|(?:referring|ordering|requesting|attending|treating|consulting|reporting|primary)\s+"
                 r"(?:MD|Dr\.?|doctor|physician|clinician|provider|consultant|surgeon|radiologist|GP)|(?:nurse\s+|clinical\s+nurse\s+)(?:practitioner|specialist)|physician\s+(?:assistant|associate)|"
                 r"(?:charge|staff|scrub|practice|specialist|registered|research)\s+nurse|technologist|radiographer|sonographer|nurse|fellow|surgeon|clinician|doctor|GP|"
                 r"provider|author|reader|typist|transcriptionist|scribe|operator|reporter|requester|"
                 r"(?:primary\s+care|family)\s+(?:physician|doctor)|(?:first|last|given|family|sur|fore|middle|christian|full|legal|maiden)\s*name|"
                 r"(?:preliminary|final|prelim)\s+(?:read|report)|signature|rad|radiol|ref\.?(?:[ \t]+by)?|referrer|req|requesting|rep|tech|sono|reg|"
                 r"(?:signed|dictated|typed|reported|verified|approved|reviewed|read|authori[sz]ed|interpreted|transcribed)"
                 r"(?:\s+by)?)")  # fmt: skip
_add("NAME", rf"(?<![A-Za-z])(?!(?i:cc)[ \t]*[:：])(?i:{_FIELD_LABELS})[ \t]*[:：][ \t]*(?:{_TITLES}\.?[ \t]+|(?:{_CREDENTIALS})[ \t]+)?"
             rf"(?P<v>{_FIELD_WORD}(?:(?:[ \t]|,[ \t]?){_FIELD_WORD}){{0,5}}){_FIELD_END}", "v", re.M)  # fmt: skip
# A person's field: its whole value is a person even when it is also an eponym ("Name: BAKER, T").
_PERSON_FIELD = _PATTERNS[-1][1]
# A staff role, then initials and a surname ("Technologist R. Alvarez", "by sonographer - K. Osei"): an
# initial before a capitalised word is a person.
_add("NAME", rf"(?<![A-Za-z])(?i:technologist|radiographer|sonographer|scribe|transcriptionist|nurse|tech|therapist|midwife)"
             rf"[ \t]*[:\-–]?[ \t]*(?P<v>[A-Z]\.[ \t]?(?:[A-Z]\.[ \t]?)?{_CAP})(?![{_LOW}])", "v")  # fmt: skip
# Clinicians named by their role's initials ("called to RN Chen Xiaoli", "paged NP Ortiz").
_add("NAME", rf"(?<![A-Za-z])(?:RN|NP|PA|CNS|RT|RRT|SHO|FY1|FY2|SpR|HO)[ \t]+(?P<v>{_COMMA_NAME}|{_NAME})", "v")
# User IDs after a role word ("Dictated by: jsmith", "Typed by mwong2", "Preliminary read:
# kwong2", "Final: dpatel"): one lower-case login, checked in find() against the vocabularies.
_USER_ROLES = (r"(?:(?:electronically\s+)?signed(?:\s+by)?|dictated(?:\s+by)?|typed(?:\s+by)?|transcribed(?:\s+by)?|"
               r"reported(?:\s+by)?|read(?:\s+by)?|reviewed(?:\s+by)?|verified(?:\s+by)?|approved(?:\s+by)?|"
               r"entered(?:\s+by)?|authori[sz]ed(?:\s+by)?|interpreted(?:\s+by)?|performed(?:\s+by)?|"
               r"preliminary(?:\s+(?:read|report))?|prelim|final(?:\s+(?:read|report))?|attending|resident|fellow|"
               r"radiologist|reader|technologist|tech|radiographer|sonographer|operator|author|user(?:\s*(?:id|name))?|"
               r"login|username|scribe|transcriptionist)")  # fmt: skip
_add("USERID", r"(?:录入|审核|复核|记录|操作员?|用户名?|账号|登录名|报告者|审核者|技师|电子签名|签名|签字|报告医师|审核医师|报告医生|审核医生)[ \t]*[:：][ \t]*"
                r"(?P<v>[a-z][a-z0-9._-]{2,19}|(?=[A-Za-z]*\d)[A-Za-z][A-Za-z0-9._-]{2,19})(?![\w@])", "v")  # fmt: skip
_add("USERID", rf"(?<![A-Za-z])(?i:{_USER_ROLES})(?:[ \t]*[:：][ \t]*|[ \t]+)(?!(?i:{_USER_ROLES}|by)\b)"
                rf"(?P<v>[a-z][a-z0-9._-]{{2,19}}|[a-z][a-z0-9]*_[a-z0-9_.-]{{1,18}}|(?=[A-Za-z]*\d)[A-Z][A-Za-z0-9._-]{{2,19}})(?![\w@])", "v")
_add("NAME", rf"^[ \t]*(?P<v>{_UPPER_NAME})(?=[ \t]*(?:\n|$|[|;]|[ \t]{{2,}}|\t))", "v", re.M)
# Its cue is only where it stands: no word of it may be medicine ("MEDIASTINUM, HILA"), nor a
# short code ("CXR, PA").
_LINE_NAME = _PATTERNS[-1][1]
_add("NAME", rf"\b(?P<v>{_NAME}|{_UPPER_NAME})\s*,\s*{_CREDENTIALS}(?![A-Za-z])(?![ \t]*:)", "v")
_add("NAME", rf"\b(?P<v>{_COMMA_NAME}|{_NAME})\s+(?:M\.D\.|MD|D\.O\.|Ph\.?D\.?|MBBS|FRCR)(?![A-Za-z])(?![ \t]*:)", "v")
_add("NAME", r"(?<![A-Za-z'-])[A-Za-z][A-Za-z'-]{1,64}\^[A-Za-z][A-Za-z'^ -]*")  # DICOM PN Last^First^Middle
# "reviewed with Mei Fernandes", "seen by Oscar Gallagher": a preposition, then two or three
# capitalised words mid-sentence (each checked against medical words below).
_add("NAME", rf"(?<=[a-z,)] )(?:with|by|to|from|for)[ \t]+(?P<v>{_CAP}[ \t]+(?:(?i:{_PARTICLE})[ \t]+)?{_CAP}(?:[ \t]+{_CAP})?)"
             rf"(?![{_LOW}])", "v")  # fmt: skip
# Its cue is weak: any noun after the phrase makes it a term ("related to Pierre Robin sequence").
_WEAK_CUE = _PATTERNS[-1][1]
# Two or three capitalised words starting a sentence, then what a person does ("Leo Ferreira was
# seen in clinic", "Ana Lopes reports less pain").
_add("NAME", rf"(?:^|(?<=[.;:!?]\s)|(?<=[.;:!?]))[ \t]*(?P<v>{_CAP}[ \t]+(?:(?i:{_PARTICLE})[ \t]+)?{_CAP}(?:[ \t]+{_CAP})?)"
             r"[ \t]+(?:was|is|has|had|reports|reported|presents|presented|attended|attends|denies|denied|states|"
             r"stated|complains|complained|underwent|tolerated|declined|agreed|consented|returned|returns|"
             r"remains|feels|felt|says|said|describes|described)\b", "v", re.M)  # fmt: skip
_CN_COMPOUND = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "夏侯", "尉迟", "公孙", "长孙", "宇文",
                "司徒", "端木", "轩辕", "独孤", "南宫", "西门", "呼延", "百里", "东郭", "闻人", "澹台", "申屠", "太史")  # fmt: skip
_CN_SURNAME = rf"(?:{'|'.join(_CN_COMPOUND)}|[{SURNAMES_CN}])"
_add("NAME", rf"(?P<v>{_CN_SURNAME}{_HAN}{{0,2}}?)(?:先生|女士|医生|医师|主任|教授|护士长|护士|老师|大夫)(?!科)", "v")
# Roles that look like a surname and a name before 医生/医师 ("申请医生", "康复医师").
_CN_ROLES = re.compile(r"高年资|年资|检查|申请|主治|主管|主诊|住院|经治|值班|接诊|管床|上级|康复|临床|报告|审核|检查|送检|责任|实习|进修|规培|"
                       r"会诊|门诊|急诊|专科|全科|家庭|乡村|首诊|签约|带教|主任|副主任|科室|病房|本科|外科|内科")  # fmt: skip

# A Chinese name after an English label ("Patient: 王芳", "Radiologist: 陈敏").
_add("NAME", rf"(?<![A-Za-z])(?i:{_FIELD_LABELS})[ \t]*[:：][ \t]*(?P<v>{_CN_SURNAME}{_HAN}{{1,2}})(?!{_HAN})", "v")
# Chinese names, read by :func:`_chinese_names` (a surname, then one or two characters, the
# length chosen by what follows). Cues: the patient, the family, the signatures and the staff.
_CN_CUE = re.compile(
    r"(?P<cue>检查者|检查人|检查技师|申请者|申请人|送检者|送检人|阅片者|阅片医师|阅片医生|诊断医师|诊断医生|影像医师|"
    r"放射医师|上级医师|书写者|书写医师|审阅者|审阅医师|初审医师|复审医师|签发医师|签发者|"
    r"患者|病人|病患|患儿|姓名|受检者|被检者|就诊者|家属签字|家属签名|家属|联系人|紧急联系人|陪同人|陪护|监护人|委托人|"
    r"代理人|签字人|签字|签名|本人签名|报告医师|审核医师|报告医生|审核医生|申请医生|申请医师|送检医生|检查医生|主治医师|主治医生|"
    r"主管医生|住院医师|主任医师|副主任医师|医师|医生|记录者|记录人|报告者|报告人|审核者|审核人|录入者|技师|操作者|操作技师|"
    r"打印者|复核者|核对者|儿子|女儿|长子|次子|长女|次女|母亲|父亲|丈夫|妻子|其妻子|其丈夫|其妻|其夫|爱人|配偶|儿媳|女婿|孙子|孙女|外孙|"
    r"哥哥|姐姐|弟弟|妹妹|亲属|责任护士|护士|其子(?!女)|其女(?!儿|婿)|其母|其父|其兄|其弟|其姐|其妹|之子|之女(?!儿)|之夫|之妻|之母|之父|之兄|之弟|之姐|之妹)"
    r"[\s:：|()（）]*")  # fmt: skip
# What may follow a name: punctuation, an honorific, sex or age, or the words a sentence goes on with.
_CN_AFTER = re.compile(
    r"$|[\s,，。.;；:：、()（）|\[\]【】\"“”'‘’!！?？/\-—~<>《》]|\d|[A-Za-z]|先生|女士|同志|老师|医生|医师|大夫|主任|"
    r"教授|护士|性别|男|女|年龄|因|于|在|诉|主诉|自诉|既往|入院|来院|来诊|就诊|行|经|今|昨|近|反复|无|有|发现|出现|体检|"
    r"术后|咳|胸|腹|头|曾|已|被|为|是|的|和|与|及|等|同|签|代|表示|陪同|确认|知情|同意|拒绝|要求|本人|自|系|现|患|伴|"
    r"诊断|病史|检查|复查|随访|来|去|到|住|电话|手机|联系|之(?:夫|妻|母|父|子|女|兄|弟|姐|妹)")  # fmt: skip
_CN_START = re.compile(rf"(?:^|(?<=[。；;！!？?\n]))[ \t]*(?P<v>{_CN_SURNAME}{_HAN}{{1,2}}?)[,，\s(（]*(?:[男女](?:性)?[,，\s]|\d{{1,3}}岁)",
                       re.M)  # fmt: skip
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
                    rf"(?:\s+[A-Z]\.)?\s+(?:(?i:{_PARTICLE})\s+)?{_CAP})(?![{_LOW}])")  # fmt: skip
# A relative named by a given name alone ("son Daniel found him", "his wife Maria called"): the kin
# word and a common given name (the list leaves out names that are everyday words).
_KIN_GIVEN = re.compile(r"(?<![A-Za-z])(?i:son|daughter|wife|husband|mother|father|brother|sister|partner|spouse|"
                        r"niece|nephew|grandson|granddaughter|grandmother|grandfather|aunt|uncle|cousin|"
                        r"fianc[ée]e?|carer|caregiver|guardian|friend|neighbou?r)(?:-in-law)?[ \t]*,?[ \t]+"
                        rf"(?P<v>(?:{'|'.join(sorted(GIVEN_NAMES, key=len, reverse=True))}))(?![A-Za-z'’-])")  # fmt: skip
_NOT_NAMES = {w.lower() for w in EPONYMS} | {"yes", "pending", "unknown", "declined", "refused", "unavailable",
                                             "signed", "unsigned", "draft", "final", "preliminary", "verified",
    "the", "a", "an", "this", "that", "no", "there", "findings", "impression", "chest", "lung", "left",
    "right", "normal", "heart", "see", "and", "or", "with", "without", "report", "exam", "study", "view",
    "views", "ap", "pa", "lateral", "ct", "mri", "us", "xr", "er", "ed", "icu", "am", "pm", "phone",
    "radiologist", "registrar", "consultant", "resident", "physician", "nurse", "doctor", "ward", "team",
    "negative", "positive",
}  # fmt: skip


_NOT_NAMES_PLAIN = _NOT_NAMES - {w.lower() for w in EPONYMS}
# After a personal title a clinical word is a surname too ("Dr. Lung", "Mrs. Heart"); only grammar and
# the short codes stay out ("Dr. The", "MR CT").
_NOT_NAMES_TITLED = frozenset(w for w in _NOT_NAMES_PLAIN if len(w) < 4 or not clinical_word(w))
# Departments, services and other capitalised words that follow "with", "to", "contact", "per":
# a name holds none of them ("Discussed with Radiology Department", "Per Protocol").
_SERVICE_WORDS = frozenset(["radiology", "cardiology", "pathology", "oncology", "neurology", "neurosurgery", "surgery", "surgical", "department", "dept", "team", "unit", "ward", "lab", "laboratory", "service", "services", "emergency", "protocol", "transport", "nature", "interventional", "nursing", "pharmacy", "medicine", "imaging", "physics", "nuclear", "pulmonology", "respiratory", "gastroenterology", "urology", "orthopaedics", "orthopedics", "paediatrics", "pediatrics", "obstetrics", "gynaecology", "gynecology", "anaesthesia", "anesthesia", "anesthesiology", "psychiatry", "dermatology", "haematology", "hematology", "nephrology", "endocrinology", "rheumatology", "infectious", "diseases", "critical", "care", "intensive", "outpatient", "outpatients", "inpatient", "admissions", "reception", "office", "staff", "desk", "switchboard", "theatre", "theatres", "mdt", "tumour", "tumor", "board", "consult", "consultation", "screening", "programme", "program", "chest", "thoracic"])  # fmt: skip


def _plausible_name(text: str, person: bool = True, titled: bool = False) -> bool:
    """Whether ``text`` may be a name. ``titled``: after "Dr." or "Mr" an eponym is a person's
    surname ("Dr. Stokes", "Mr Graves"), so only the plain words rule it out."""
    tokens = [t for t in re.split(r"[\s^,]+", text) if t.strip(".,'")]
    if len(tokens) > 1 and re.fullmatch(r"[A-Z]\.", tokens[0]):
        tokens = tokens[1:]  # "A. Ng": an initial, not the article
    words = [t.strip(".,'") for t in tokens]
    if not words:
        return False
    if person and any(w.lower() in _SERVICE_WORDS for w in words):
        return False  # a hospital's name may hold them ("Beijing Chest Hospital"); a person's does not
    stop = _NOT_NAMES_TITLED if titled else _NOT_NAMES
    return not all(w.lower() in stop for w in words) and words[0].lower() not in stop


_PRIORITY = ("EMAIL", "URL", "PHONE", "ADDRESS", "HOSPITAL", "EMPLOYER", "DATE", "AGE", "ID", "NAME")
# A personal title before a phrase makes it a person even in front of a noun ("Dr. Wren team").
_PERSONAL_TITLE = re.compile(r"(?:\b(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor)\.?[ \t]+)$")
# What may follow a login: the end of the field or of the sentence, a bracket.
_LOGIN_END = re.compile(r"[ \t]*(?:$|\n|[.;,()|（）；，。]|[ \t]{2,}|\t)")
_LABEL_COLON = re.compile(r"[ \t]*[:：]")
_WEAK_ROLE = re.compile(r"(?i:final|prelim|preliminary|read|reported|reviewed)\b(?![ \t]+by)")
_ENGLISH_ONSET = re.compile(r"(?:[aeiouy]|sch|scr|shr|spl|spr|str|thr|squ|bl|br|ch|cl|cr|dr|dw|fl|fr|gl|gr|gu|gw|kn|kr|"
                            r"ph|pl|pr|ps|qu|rh|sc|sh|sk|sl|sm|sn|sp|st|sw|th|tr|tw|wh|wr|[b-df-hj-np-tv-z][aeiouy])")
# Two capitalised words or words in capitals: a romanised Chinese name is checked on them.
_TWO_WORDS = re.compile(r"(?<![A-Za-z'’-])(?P<a>[A-Z][a-z]+|[A-Z]{2,})(?:,)?[ \t]+"
                        r"(?P<b>[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]+)?|[A-Z]{2,}(?:-[A-Z]{2,})?)(?![A-Za-z])")  # fmt: skip


def _romanised_chinese(text: str) -> list[Span]:
    """"Zhang Wei", "Wang Xiaoming", "LIU JIANGUO", "Chen, Li-Hua", "Weiming Zhang": a pinyin
    surname and a pinyin given name, either order, neither a clinical or common word."""
    spans: list[Span] = []
    position = 0
    while (match := _TWO_WORDS.search(text, position)) is not None:
        a, b = match.group("a"), match.group("b")
        position = match.start("b")
        if b.lower() in _NOT_NAMES or any(w.lower() in _SERVICE_WORDS for w in (a, b)):
            continue
        if noun_follows(text, match.end()):
            continue
        surname_first = pinyin_name(a, b) and not clinical_word(b)
        given_first = len(a) >= 4 and pinyin_name(b, a) and not clinical_word(a) and "," not in match.group(0)
        if surname_first or given_first:
            spans.append(Span(match.start(), match.end(), "NAME"))
    return spans



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


# A name before the verbs a report puts after a person ("复查时张伟诉胸痛", "，王芳拒绝穿刺").
_CN_SAYS = re.compile(rf"(?:^|(?<=[。；;，,！!？?\n\s时后日天]))(?P<v>{_CN_SURNAME}{_HAN}{{1,2}}?)"
                      r"(?:诉|自诉|主诉|自述|拒绝|同意|表示|要求|签字|本人)", re.M)  # fmt: skip


def _role_overlaps(text: str, start: int, end: int) -> bool:
    """Whether a role word ("检查", "申请", "高年资") takes in part of text[start:end]."""
    window = max(0, start - 2)
    return any(m.end() > start for m in _CN_ROLES.finditer(text, window, end))


# After a cue run into the sentence ("患者高热3天", "患者时有咳嗽"), a name needs a clear end:
# punctuation, an honorific, sex or age, or a verb a report puts after the patient.
_CN_AFTER_TIGHT = re.compile(
    r"$|[\s,，。.;；:：、()（）|\[\]【】\"“”'‘’!！?？/\-—~<>《》]|\d{1,3}\s*岁|\d{2,4}\s*年|\d{4}[-/.]|\d{1,2}\s*月\s*\d|\d{1,3}\s*个?(?:月|周|天|年|日)(?:前|余|来|后|以来)|下周|下月|下次|次日|明日|明天|尽快|定期|按时|签发|审核|复核|书写|阅片|会诊|先生|女士|同志|老师|医生|医师|大夫|"
    r"主任|教授|护士|性别|男|女|年龄|因|于|诉|主诉|自诉|自述|既往|入院|来院|来诊|就诊|否认|拒绝|同意|签字|签署|签名|"
    r"本人|陪同|代为|代签|代诉|代述|表示|要求|确认|知情|到场|在场|电话|联系|之(?:夫|妻|母|父|子|女|兄|弟|姐|妹)|的(?:丈夫|妻子|爱人|父亲|母亲|儿子|女儿|家属|哥哥|姐姐|弟弟|妹妹)")  # fmt: skip
# Cues that are field labels even without a colon ("姓名 张伟").
_CN_LABELS = frozenset({"姓名", "家属签字", "家属签名", "签名", "签字人", "本人签名"})
# Field labels whose value is a person whoever they are: after "姓名：" or "报告医师：" a name with a
# rare surname ("盖建平", "仉伟") is still a name (two or three characters, then the field ends).
_CN_NAME_FIELDS = frozenset({"姓名", "报告医师", "审核医师", "报告医生", "审核医生", "申请医生", "申请医师", "送检医生",
                             "检查医生", "主治医师", "主治医生", "主管医生", "住院医师", "主任医师", "副主任医师", "医师",
                             "医生", "记录者", "记录人", "报告者", "报告人", "审核者", "审核人", "录入者", "技师", "操作者",
                             "操作技师", "打印者", "复核者", "核对者", "签名", "签字人", "本人签名", "家属签字", "家属签名",
                             "联系人", "紧急联系人", "监护人", "责任护士", "护士", "检查者", "检查人", "检查技师",
                             "申请者", "申请人", "送检者", "送检人", "阅片者", "阅片医师", "阅片医生", "诊断医师",
                             "诊断医生", "影像医师", "放射医师", "上级医师", "书写者", "书写医师", "审阅者", "审阅医师",
                             "初审医师", "复审医师", "签发医师", "签发者"})  # fmt: skip
# Short sign-off fields ("审核：周建国", "复核：钱小红"): a name there starts with a surname.
_CN_SHORT_FIELD = re.compile(r"(?:审核|复核|核对|录入|签发|书写|记录|校对|初审|复审)[ \t]*[:：][ \t]*")
_CN_FIELD_VALUE = re.compile(r"[\u4e00-\u9fff]{2,3}(?=[ \t\u3000|,，;；、（(]|\n|$)")
# A two-character name spaced out as forms print it ("张  伟").
_CN_SPACED_NAME = re.compile(r"[\u4e00-\u9fff][ \t\u3000]{1,2}[\u4e00-\u9fff](?=[ \t\u3000|,，;；、（(]|\n|$)")
# A name of any surname followed by sex or age ("患者盖建平，男，56岁", "仉伟，女，45岁，体检..."):
# after a patient cue or at the start of a sentence.
_CN_HEADER_WORDS = re.compile(r"患|病|检|诊|查|院|科|性别|年龄|姓名|门诊|住院|体检|复查|成人|儿童|老年|中年|青年|男|女")
_CN_DEMOGRAPHIC = re.compile(r"(?:(?:患者|病人|患儿|受检者|被检者|就诊者)[ \t:：]*|(?:^|(?<=[。；;！!？?\n]))[ \t]*)"
                             r"(?P<v>[\u4e00-\u9fff]{2,3})[,，、 \t]+(?:[男女]性?[,，、 \t。;；]|\d{1,3}\s*岁)", re.M)  # fmt: skip
# Clinical words that start with a surname character and follow 患者 ("患者高热", "患者明显").
_CN_NOT_NAMES = frozenset(["本人", "不详", "未知", "未填", "家属", "高热", "高烧", "高血压", "高龄", "高度", "明显", "明确", "安静", "方便", "时有", "时常", "常有", "常规", "曾于", "曾经", "曾有", "经常", "经过", "于今", "于外", "于我", "全身", "成功", "单纯", "金属", "石棉", "毛刺", "文化", "向上", "向下", "向左", "向右", "余无", "余未", "余下", "平卧", "平素", "平时", "和缓", "良好", "程度", "范围", "方可", "强化"])  # fmt: skip


def _surname_at(text: str, position: int) -> int:
    """The length of the Chinese surname starting at ``position`` (0: none)."""
    if text.startswith(_CN_COMPOUND, position):
        return 2
    return 1 if position < len(text) and text[position] in SURNAMES_CN else 0


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _chinese_name_at(text: str, position: int, strong: bool, after: re.Pattern[str] | None = None) -> int:
    """The end of a Chinese name starting at ``position`` (0: none): a surname and one or two
    characters, the shortest that what follows allows; after a strong cue, two if nothing fits."""
    surname = _surname_at(text, position)
    if not surname:
        return 0
    start = position + surname
    for given in (1, 2):
        end = start + given
        if end > len(text) or not all(_is_han(c) for c in text[start:end]):
            break
        if (after or _CN_AFTER).match(text, end):
            return end
    if strong and start + 2 <= len(text) and all(_is_han(c) for c in text[start:start + 2]):
        return start + 2
    return 0


def _chinese_names(text: str) -> list[Span]:
    spans: list[Span] = []
    for cue in _CN_CUE.finditer(text):
        # "姓名：", "家属签字:", "姓名 | ", "姓名张伟": a field; "患者高热3天" is a sentence.
        separated = cue.end() > cue.end("cue") or cue.group("cue") in _CN_LABELS
        end = _chinese_name_at(text, cue.end(), strong=separated, after=_CN_AFTER if separated else _CN_AFTER_TIGHT)
        if end and text[cue.end():cue.end() + 2] not in _CN_NOT_NAMES and text[cue.end():end] not in _CN_NOT_NAMES:
            spans.append(Span(cue.end(), end, "NAME"))
        elif not end and cue.end() > cue.end("cue") and cue.group("cue") in _CN_NAME_FIELDS:
            value = _CN_FIELD_VALUE.match(text, cue.end()) or _CN_SPACED_NAME.match(text, cue.end())
            if value and value.group() not in _CN_NOT_NAMES:
                spans.append(Span(value.start(), value.end(), "NAME"))
    for label in _CN_SHORT_FIELD.finditer(text):
        value = _CN_FIELD_VALUE.match(text, label.end())
        if value and _surname_at(text, value.start()) and value.group() not in _CN_NOT_NAMES:
            spans.append(Span(value.start(), value.end(), "NAME"))
    for match in _CN_DEMOGRAPHIC.finditer(text):
        word = match.group("v")
        if _CN_CUE.fullmatch(word) or _CN_HEADER_WORDS.search(word) or word in _CN_NOT_NAMES:
            continue  # "患者，男，56岁", "体检，女": the cue or the visit, not a name
        if not _role_overlaps(text, match.start("v"), match.end("v")):
            spans.append(Span(match.start("v"), match.end("v"), "NAME"))
    for pattern in (_CN_START, _CN_SAYS):
        for match in pattern.finditer(text):
            spans.append(Span(match.start("v"), match.end("v"), "NAME"))
    return spans


def _recurrences(text: str, names: list[Span]) -> list[Span]:
    """Every other place a found name recurs ("复查时张伟诉..."), and an English surname alone."""
    values: set[str] = set()
    for span in names:
        value = text[span.start:span.end].strip()
        if len(value) < 2:
            continue
        values.add(value)
        words = value.replace(",", " ").split()
        if value.isascii() and len(words) > 1 and len(words[-1]) > 2 and words[-1].lower() not in _NOT_NAMES:
            values.add(words[-1])
    spans: list[Span] = []
    for value in values:
        edge = r"(?<![A-Za-z-])" if value[0].isascii() else ""
        tail = r"(?![A-Za-z]|-[A-Za-z])" if value[-1].isascii() else ""
        for match in re.finditer(edge + re.escape(value) + tail, text):
            if " " not in value and value.isascii() and noun_follows(text, match.end() + (2 if text.startswith("'s", match.end()) else 0)):
                continue  # "Stokes' disease" style eponym use of a surname learnt elsewhere
            spans.append(Span(match.start(), match.end(), "NAME"))
    return spans


# A person's other form right after a found one: "T. Ng, DO (tng)", "rmehta2 (Mehta, Rohan)",
# "LIU YANG（刘洋）", "Dr. Li Hong 李红", "zhouwb（周文斌）".
_BESIDE = re.compile(rf"(?:,?[ \t]*{_CREDENTIALS}(?![A-Za-z]))?(?:[ \t]*[(（][ \t]*(?P<b>[^()（）\n]{{2,40}}?)[ \t]*[)）]|"
                     rf"[ \t]+(?P<h>{_CN_SURNAME}{_HAN}{{1,2}})(?!{_HAN})|[ \t]*[/、][ \t]*(?P<o>{_CN_SURNAME}{_HAN}{{1,2}})(?!{_HAN}))")  # fmt: skip
_LOGIN = re.compile(r"[a-z][a-z0-9._-]{2,19}")
_LATIN_NAME = re.compile(rf"{_COMMA_NAME}|{_UPPER_NAME}|{_SURNAME_FIRST}|{_NAME}")
_HAN_NAME = re.compile(rf"{_CN_SURNAME}{_HAN}{{1,2}}")


def _beside(text: str, spans: Sequence[Span]) -> list[Span]:
    """The login, name or Chinese name written in brackets (or, in Han, after a space) beside a
    name or login already found: the same person, another form."""
    found: list[Span] = []
    for span in spans:
        if span.kind not in ("NAME", "ID") or not re.search(r"[A-Za-z\u4e00-\u9fff]", text[span.start:span.end]):
            continue
        match = _BESIDE.match(text, span.end)
        if not match:
            continue
        if match.group("o"):  # "王建国/李明": a second signer after a Chinese name
            if _is_han(text[span.start]) and text[match.start("o"):match.end("o")] not in _CN_NOT_NAMES:
                found.append(Span(match.start("o"), match.end("o"), "NAME"))
            continue
        if match.group("h"):
            if text[span.start:span.end].isascii():  # "Dr. Li Hong 李红"; after a Han name a space starts the next word
                    found.append(Span(match.start("h"), match.end("h"), "NAME"))
            continue
        value = match.group("b")
        start, end = match.span("b")
        if _HAN_NAME.fullmatch(value) and not _role_overlaps(text, start, end):
            found.append(Span(start, end, "NAME"))
        elif (_LOGIN.fullmatch(value) and not clinical_word(value) and value not in _NOT_NAMES
              and value not in _SERVICE_WORDS and not role_phrase(value)):
            found.append(Span(start, end, "ID"))
        elif (_LATIN_NAME.fullmatch(value) and len(re.findall(r"[A-Za-z]{2,}", value)) > 1  # "(Pulmonology)": a specialty
              and _plausible_name(value, titled=True)
              and not role_phrase(value) and not clinical_phrase(value)):
            found.append(Span(start, end, "NAME"))
    return found


_EPONYM_WORDS = frozenset(re.sub(r"['’]s$", "", w.lower()) for w in EPONYMS)


def _without_eponyms(value: str) -> str:
    """A person field's value less its eponyms and initials: "BAKER, T" leaves nothing clinical,
    "Graves Disease" leaves "Disease"."""
    words = [w for w in re.findall(r"[A-Za-z'’-]+", value) if len(w) > 1 and re.sub(r"['’]s$", "", w.lower()) not in _EPONYM_WORDS]
    return " ".join(words) if words else "-"


_TITLE_BEFORE = re.compile(rf"(?<![A-Za-z])(?:{_TITLES}|DR|MR|MRS|MS|PROF|DOCTOR)\.?[ \t]+$")


def _with_title(text: str, span: Span) -> Span:
    """A name with the title before it ("Dr. Stokes"): the title goes with the name."""
    if span.kind != "NAME" or not text[span.start:span.start + 1].isascii():
        return span
    title = _TITLE_BEFORE.search(text, max(0, span.start - 12), span.start)
    return Span(title.start(), span.end, span.kind) if title else span


def find(text: str, known: Sequence[tuple[str, str]] = ()) -> list[Span]:
    """PHI spans in ``text`` (overlaps resolved: the longer span wins). ``known``: the
    patient's own (kind, value) identifiers from the file, found wherever they recur."""
    found: list[Span] = _known_spans(text, known)
    for kind, pattern, group in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span(group)
            if start < 0 or end <= start:
                continue
            titled = kind == "NAME" and (_PERSONAL_TITLE.search(text, max(0, start - 12), start) is not None
                                         or pattern is _PERSON_FIELD)
            if pattern in (_AT_PLACE, _FROM_PLACE) and all(clinical_word(w) or w.lower() in _NOT_NAMES or w.lower() in _SERVICE_WORDS
                                            or _GENERIC_LEAD.match(w + " ") for w in re.findall(r"[A-Za-z'’-]+", match.group(group))):
                continue  # "performed at Outside Facility", "done at Radiology"
            if pattern is _FROM_PLACE and (any(w.lower() in _NOT_PLACE_WORDS for w in re.findall(r"[A-Za-z]+", match.group(group)))):
                continue  # "from Baseline Study", "at Mercy General" stays a place
            if pattern is _INITIALS and any(clinical_word(w) or w.lower() in _NOT_NAMES for w in match.group("v").split("/")):
                continue
            if pattern is _TOWN and clinical_word(match.group(group).strip(" \t,").split()[0]):
                continue
            if kind == "NAME" and (not _plausible_name(match.group(group), titled=titled) or role_phrase(match.group(group))):
                continue
            if pattern is _LINE_NAME and any((clinical_word(w) or len(w) < 4) and i < 2
                                             for i, w in enumerate(re.findall(r"[A-Za-z']+", match.group(group)))):
                continue
            if (kind == "NAME" and " " not in match.group(group).strip() and _LABEL_COLON.match(text, end)
                    and not _PERSONAL_TITLE.search(text, max(0, start - 12), start)):
                continue  # "Nurse Practitioner: ...": the title starts a field label ("Dr. Kaur:" does not)
            # Medicine, not a person: "Congestive Heart Failure", "Father: Lung Cancer" (every word
            # clinical), "Sister Mary Joseph nodule", "Swan-Ganz catheter" (a noun follows). After
            # "Dr." or "Mrs." it is a person whatever the words ("Dr. Brown", "Mrs. Small").
            if (kind == "NAME" and not _PERSONAL_TITLE.search(text, max(0, start - 12), start)
                    and (clinical_phrase(_without_eponyms(match.group(group)) if pattern is _PERSON_FIELD else match.group(group))
                         or noun_follows(text, end, known_only=pattern is not _WEAK_CUE))):
                continue
            if kind == "USERID":
                login = match.group(group)
                common = clinical_word(login) or login in _NOT_NAMES or login in _SERVICE_WORDS
                if not any(c.isdigit() or c == "_" for c in login) and (common or not _LOGIN_END.match(text, end)):
                    continue  # "signed by the attending", "Final: negative"
                # After "Final:" or "Preliminary:" a word may be a result ("Final: unremarkable"): a
                # login there has a digit or starts as no English word does ("dpatel", "tkhan").
                weak = _WEAK_ROLE.match(match.group(0))
                if weak and not any(c.isdigit() for c in login) and _ENGLISH_ONSET.match(login):
                    continue
                if weak and not login.islower():
                    continue  # "Final: BIRADS4", "Preliminary: PA2": a code, not a login
                kind = "ID"
            if kind == "HOSPITAL":
                value = match.group(group)
                # "建议转诊至XX医院": the name starts after the last word that leads into it.
                head = _INSTITUTION_HEAD.search(value)
                lead = _HOSPITAL_LEAD.match(value) or _GENERIC_LEAD.match(value, 0, head.start() if head else len(value))
                if lead:
                    start, value = start + lead.end(), value[lead.end():]
                if len(value) < 4 or _NOT_INSTITUTIONS.search(value) or not _plausible_name(value, person=False):
                    continue
                if value.isascii() and len(value.split()) < 2:
                    continue  # "Outside Hospital", "the Local Hospital": no hospital named
                if len(_CN_INSTITUTION_HEAD.sub("", value)) < 2:
                    continue  # "本院影像中心": the lead left only the kind of place
                if value.isascii():
                    head = _INSTITUTION_HEAD.search(value)
                    before = re.findall(r"[A-Za-z'’-]+", value[:head.start()] if head else "")
                    if before and all(clinical_word(w) or w.lower() in _SERVICE_WORDS or w in ("St", "Saint") for w in before):
                        continue  # "Thoracic Surgery", "Chest Clinic": a kind of service, not its name
                    if value.endswith("Surgery") and not _FIELD_STOP.match(text, end):
                        continue  # a GP's surgery ends a field ("Dr A. Lee, Mill Lane Surgery, ..."); "Robotic Surgery was..." is a procedure
                    place = _PLACE_AFTER.match(text, end)
                    words = re.findall(r"[A-Za-z]+", place.group("p")) if place else []
                    if place and not clinical_phrase(place.group("p")) and not any(
                            w.lower() in _NOT_NAMES or w.lower() in _SERVICE_WORDS for w in words):
                        end = place.end("p")  # "St Anne's Hospital, Wattle Grove": the suburb goes with it
            if kind == "NAME" and _is_han(text[start]) and _role_overlaps(text, start, end):
                continue  # "检查医生", "申请医生": a role, not 查 or 申 the surname
            found.append(Span(start, end, kind))
    for match in _KIN_GIVEN.finditer(text):
        if not re.match(r"[ \t]+[A-Z]", text[match.end("v"):]):  # "Sister Mary Joseph nodule": a longer term
            found.append(Span(match.start("v"), match.end("v"), "NAME"))
    for match in _GIVEN.finditer(text):
        words = match.group("v").split()
        if words[-1].lower() in _NOT_NAMES or words[-1].rstrip(".").lower() in _NOT_NAMES:
            continue
        if noun_follows(text, match.end("v"), known_only=False) or clinical_phrase(match.group("v")):
            continue
        found.append(Span(match.start("v"), match.end("v"), "NAME"))
    found.extend(_chinese_names(text))
    found.extend(_romanised_chinese(text))
    found.extend(_recurrences(text, [s for s in found if s.kind == "NAME"]))
    found.extend(_beside(text, found))
    found = [_with_title(text, span) for span in found]
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


# The privacy levels at which text is redacted (DESIGN rule 7); deid.document uses the same.
PROTECTED_LEVELS = ("high", "ephemeral")


def protect_question(question: str, documents: Sequence[Any], level: str) -> str:
    """A question typed about the documents, redacted like their text at a protected level
    (rules plus every identifier the documents' own headers name): it is stored and exported.
    Kept here, beside the rules, so the GUI can use it without importing pydicom."""
    if level not in PROTECTED_LEVELS:
        return question
    known = [identifier for doc in documents for identifier in getattr(doc, "identifiers", [])]
    return redact(question, known=known).text
