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
from typing import Any

from app.core.deid.names import EPONYMS, GIVEN_NAMES, SURNAMES_CN

TOKENS = {"NAME": "[NAME]", "DATE": "[DATE]", "ID": "[ID]", "PHONE": "[PHONE]", "EMAIL": "[EMAIL]",
          "ADDRESS": "[ADDRESS]", "AGE": "[AGE]", "URL": "[URL]", "HOSPITAL": "[HOSPITAL]"}  # fmt: skip

_UP = "A-ZÀ-ÖØ-Þ"  # capitals, Latin-1 included (Wójcik, Müller, Ó Briain)
_LOW = "a-zß-öø-ÿ"
_PARTICLE = r"(?:van der|van den|van de|van|von|der|den|ter|ten|de la|de|da|di|du|del|della|le|la|bin|ibn|al|el|ap)"
_CAP = (rf"(?:Mc[{_UP}][{_LOW}]+|Mac[{_UP}][{_LOW}]+|O['’][{_UP}][{_LOW}]+|[{_UP}][{_LOW}]+(?:[-'’][{_UP}][{_LOW}]+)?|"
        rf"[{_UP}]\.)")  # fmt: skip
_CAP_WORD = rf"(?:{_CAP}|[A-Z]{{2,}}(?:[-'][A-Z]{{2,}})?)"
_NAME = rf"{_CAP}(?:[ \t]+(?:(?i:{_PARTICLE})[ \t]+)?{_CAP}){{0,2}}"  # never across a line break
_UPPER_NAME = r"(?:[A-Z]'|MC)?[A-Z]{2,}(?:-[A-Z]{2,})?,[ ]?[A-Z]{2,}(?:[ ][A-Z]\.?(?![A-Za-z]))?"  # SMITH, JOHN
_TITLES = r"(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Sister|Sr|Rev|Revd)"
_LABELS = (r"(?:patient(?:'s)?\s+name|patient|pt|name|physician|radiologist|attending|resident|registrar|consultant|"
           r"referring(?:\s+(?:physician|doctor|provider|clinician))?|"
           r"ordering(?:\s+(?:physician|doctor|provider|clinician))?|requested\s+by|"
           r"(?:electronically\s+)?signed\s+by|dictated\s+by|reviewed\s+by|read\s+by|reported\s+by|"
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
_CREDENTIALS = r"(?:M\.?D\.?|D\.?O\.?|R\.?N\.?|N\.?P\.?|P\.?A\.?(?:-C)?|Ph\.?D\.?|MBBS|FRCR|FRCPC|DNP|RT|MRCP|FRCS)"
_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|Jun(?:e)?|Jul(?:y)?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")  # fmt: skip
_HAN = r"[\u4e00-\u9fff]"
# Numbers in Chinese text touch Han characters ("于2026/3/2就诊"), where \b does not hold.
_D0, _D1 = r"(?<![\d./-])", r"(?!\d|[.,]\d)"
_A0, _A1 = r"(?<![A-Za-z0-9])", r"(?![A-Za-z0-9])"

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
           r"hospital\s+(?:number|no\.?)|NHS\s+(?:number|no\.?)|CHI\s+(?:number|no\.?)|unit\s+(?:number|no\.?)|"
           r"study\s+ID|order(?:\s+(?:number|no\.?|#))|ID)\s*(?:is\s+|[:#=]\s*|\s)\s*)"
           r"(?P<v>[A-Z]{0,4}[-#]?\d[\dA-Z-]{3,}(?:\s\d{3}\s\d{4}(?!\d))?\b)", "v", re.IGNORECASE)  # fmt: skip
_add("ID", r"(?:住院号|门诊号|急诊号|就诊号|就诊卡号|病历号|病案号|影像号|检查号|检查单号|申请单号|登记号|条码号|病理号|放射号|"
           r"X线号|CT号|MR号|片号|档案号|ID号|身份证号码?|医保卡?号|社保卡?号|卡号|流水号|编号)\s*(?:码)?\s*[:：]?\s*"
           r"(?P<v>[A-Za-z0-9][A-Za-z0-9-]{3,})", "v")  # fmt: skip
_add("ID", r"(?<![A-Za-z0-9])(?:微信号?|(?i:wechat)(?:[ \t]*ID)?|QQ号?|钉钉号?)[ \t]*[:：]?[ \t]*"
           r"(?P<v>[A-Za-z0-9][-_A-Za-z0-9]{4,24})", "v")  # fmt: skip
_add("ID", rf"{_A0}(?=[A-Z]*\d)[A-Z]{{1,4}}\d{{6,14}}{_A1}")  # e.g. MR1234567, JZ2026030501
_add("ID", r"(?<![\d.,/-])\d{7,}(?![\d.,/]\d)")  # long bare numbers: no measurement has 7 digits
_add("PHONE", r"(?<![\d+])(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)")  # Chinese mobile
_add("PHONE", r"(?<!\d)0\d{2,3}[-\s]\d{7,8}(?!\d)|[(（]0\d{2,3}[)）]\s*-?\s*\d{3,4}-?\d{4}(?!\d)")  # landline
_add("PHONE", r"(?<![\w/])(?:\+?1[-.\s]?)?(?:\(\d{3}\)\s?|\d{3}[-.\s])\d{3}[-.\s]\d{4}(?:\s*(?:x|ext\.?)\s*\d{1,5})?"
              r"(?![\d/])", flags=re.IGNORECASE)  # fmt: skip
_add("PHONE", r"(?<![\d+])(?:\+44\s?(?:\(0\)\s?)?|0)(?:\d{2}\s?\d{4}\s?\d{4}|\d{3}\s?\d{3}\s?\d{4}|\d{4}\s?\d{6}|"
              r"\d{4}\s?\d{3}\s?\d{3}|\d{3}\s?\d{4}\s?\d{3})(?!\d)")  # UK  # fmt: skip
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
_add("DATE", rf"{_D0}(?:19|20)\d{{2}}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]){_D1}")  # DICOM DA
_add("DATE", r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]")
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
_add("ADDRESS", rf"(?:\b(?:Flat|Apartment|Apt|Unit|Suite)\.?\s*\d+[A-Z]?,?\s*)?\b\d{{1,6}}[A-Z]?\s+(?:[NSEW]\.?\s+)?"
                rf"(?:[A-Z][a-z]+\s+){{1,3}}{_STREET}\b\.?"
                rf"(?:,?\s*(?:Apt|Apartment|Suite|Unit|#)\.?\s*[\w-]+)?"
                rf"(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?(?:,?\s*[A-Z]{{2}})?(?:\s+\d{{5}}(?:-\d{{4}})?)?")  # fmt: skip
_add("ADDRESS", rf"{_A0}(?:[A-Z]{{1,2}}\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{{2}}{_A1}")  # UK postcode
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
                 rf"(?P<v>{_HAN}{{2,18}}?(?:医院|卫生院|卫生服务中心|医疗中心|保健院|疗养院|诊所))", "v", re.M)  # fmt: skip
_add("HOSPITAL", rf"(?P<v>(?:St\.?\s+[{_UP}][{_LOW}]+['’]?s?\s+|(?:[{_UP}][{_LOW}'’]+\s+){{1,4}})"
                 r"(?:Hospital|Infirmary|Medical\s+Cent(?:er|re)|Health\s+(?:System|Centre|Center)|Clinic|Hospice))\b",
     "v")  # fmt: skip
_HOSPITAL_LEAD = re.compile(r"^.*(?:[于至在到赴往]|转诊|转院|建议|来自|就诊|住院|曾|外院|本院|我院)")
# Words that make "...医院" a kind of hospital, not one hospital's name ("建议上级医院").
_NOT_INSTITUTIONS = re.compile(r"上级|当地|基层|各级|综合|专科|定点|三甲|外院|我院|本院|该院|上述|其他|同一|建议|一家|附近")

# -- names -------------------------------------------------------------------------------
_add("NAME", rf"\b{_TITLES}\.?\s+(?P<v>{_NAME}|{_UPPER_NAME}|(?i:{_PARTICLE})\s+{_NAME})", "v")
_add("NAME", rf"\b(?i:{_LABELS})\s*[:\-,]?\s*(?:is\s+)?(?:{_TITLES}\.?\s+)?(?P<v>{_UPPER_NAME}|{_NAME})", "v")
_add("NAME", rf"\b(?i:{_TOLD})\s+(?:(?i:the\s+)?(?:{_TITLES}\.?\s+))?(?P<v>{_UPPER_NAME}|{_NAME})", "v")
_add("NAME", rf"\b(?P<v>{_NAME}|{_UPPER_NAME})\s*,\s*{_CREDENTIALS}(?![A-Za-z])", "v")
_add("NAME", rf"\b(?P<v>{_NAME})\s+(?:M\.D\.|MD|D\.O\.|Ph\.?D\.?|MBBS|FRCR)(?![A-Za-z])", "v")
_add("NAME", r"\b[A-Za-z][A-Za-z'-]+\^[A-Za-z][A-Za-z'^ -]*")  # DICOM PN Last^First^Middle
# "reviewed with Mei Fernandes", "seen by Oscar Gallagher": a preposition, then two or three
# capitalised words mid-sentence (each checked against medical words below).
_add("NAME", rf"(?<=[a-z,)] )(?:with|by|to|from|for)[ \t]+(?P<v>{_CAP}[ \t]+(?:(?i:{_PARTICLE})[ \t]+)?{_CAP}(?:[ \t]+{_CAP})?)"
             rf"(?![{_LOW}])", "v")  # fmt: skip
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

# Chinese names, read by :func:`_chinese_names` (a surname, then one or two characters, the
# length chosen by what follows). Cues: the patient, the family, the signatures and the staff.
_CN_CUE = re.compile(
    r"(?P<cue>患者|病人|病患|患儿|姓名|受检者|被检者|就诊者|家属签字|家属签名|家属|联系人|紧急联系人|陪同人|陪护|监护人|委托人|"
    r"代理人|签字人|签字|签名|本人签名|报告医师|审核医师|报告医生|审核医生|申请医生|申请医师|送检医生|检查医生|主治医师|主治医生|"
    r"主管医生|住院医师|主任医师|副主任医师|医师|医生|记录者|记录人|报告者|报告人|审核者|审核人|录入者|技师|操作者|操作技师|"
    r"打印者|复核者|核对者|儿子|女儿|长子|次子|长女|次女|母亲|父亲|丈夫|妻子|其妻|其夫|爱人|配偶|儿媳|女婿|孙子|孙女|外孙|"
    r"哥哥|姐姐|弟弟|妹妹|亲属|责任护士|护士)"
    r"[\s:：|()（）]*")  # fmt: skip
# What may follow a name: punctuation, an honorific, sex or age, or the words a sentence goes on with.
_CN_AFTER = re.compile(
    r"$|[\s,，。.;；:：、()（）|\[\]【】\"“”'‘’!！?？/\-—~<>《》]|\d|[A-Za-z]|先生|女士|同志|老师|医生|医师|大夫|主任|"
    r"教授|护士|性别|男|女|年龄|因|于|在|诉|主诉|自诉|既往|入院|来院|来诊|就诊|行|经|今|昨|近|反复|无|有|发现|出现|体检|"
    r"术后|咳|胸|腹|头|曾|已|被|为|是|的|和|与|及|等|同|签|代|表示|陪同|确认|知情|同意|拒绝|要求|本人|自|系|现|患|伴|"
    r"诊断|病史|检查|复查|随访|来|去|到|住|电话|手机|联系")  # fmt: skip
_CN_START = re.compile(rf"(?:^|(?<=[。；;！!？?\n]))[ \t]*(?P<v>{_CN_SURNAME}{_HAN}{{1,2}}?)[,，\s]*(?:[男女](?:性)?[,，\s]|\d{{1,3}}岁)",
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
_NOT_NAMES = {w.lower() for w in EPONYMS} | {
    "the", "a", "an", "this", "that", "no", "there", "findings", "impression", "chest", "lung", "left",
    "right", "normal", "heart", "see", "and", "or", "with", "without", "report", "exam", "study", "view",
    "views", "ap", "pa", "lateral", "ct", "mri", "us", "xr", "er", "ed", "icu", "am", "pm", "phone",
    "radiologist", "registrar", "consultant", "resident", "physician", "nurse", "doctor", "ward", "team",
    "negative", "positive",
}  # fmt: skip


# Departments, services and other capitalised words that follow "with", "to", "contact", "per":
# a name holds none of them ("Discussed with Radiology Department", "Per Protocol").
_SERVICE_WORDS = frozenset(["radiology", "cardiology", "pathology", "oncology", "neurology", "neurosurgery", "surgery", "surgical", "department", "dept", "team", "unit", "ward", "lab", "laboratory", "service", "services", "emergency", "protocol", "transport", "nature", "interventional", "nursing", "pharmacy", "medicine", "imaging", "physics", "nuclear", "pulmonology", "respiratory", "gastroenterology", "urology", "orthopaedics", "orthopedics", "paediatrics", "pediatrics", "obstetrics", "gynaecology", "gynecology", "anaesthesia", "anesthesia", "anesthesiology", "psychiatry", "dermatology", "haematology", "hematology", "nephrology", "endocrinology", "rheumatology", "infectious", "diseases", "critical", "care", "intensive", "outpatient", "outpatients", "inpatient", "admissions", "reception", "office", "staff", "desk", "switchboard", "theatre", "theatres", "mdt", "tumour", "tumor", "board", "consult", "consultation", "screening", "programme", "program", "chest", "thoracic"])  # fmt: skip


def _plausible_name(text: str, person: bool = True) -> bool:
    words = [w.strip(".,'") for w in re.split(r"[\s^,]+", text) if w.strip(".,'")]
    if not words:
        return False
    if person and any(w.lower() in _SERVICE_WORDS for w in words):
        return False  # a hospital's name may hold them ("Beijing Chest Hospital"); a person's does not
    return not all(w.lower() in _NOT_NAMES for w in words) and words[0].lower() not in _NOT_NAMES


_PRIORITY = ("EMAIL", "URL", "PHONE", "ADDRESS", "HOSPITAL", "DATE", "AGE", "ID", "NAME")


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
    r"$|[\s,，。.;；:：、()（）|\[\]【】\"“”'‘’!！?？/\-—~<>《》]|\d{1,3}\s*岁|先生|女士|同志|老师|医生|医师|大夫|"
    r"主任|教授|护士|性别|男|女|年龄|因|于|诉|主诉|自诉|自述|既往|入院|来院|来诊|就诊|否认|拒绝|同意|签字|签署|签名|"
    r"本人|陪同|代为|代签|表示|要求|确认|知情|到场|在场|电话|联系")  # fmt: skip
# Cues that are field labels even without a colon ("姓名 张伟").
_CN_LABELS = frozenset({"姓名", "家属签字", "家属签名", "签名", "签字人", "本人签名"})
# Clinical words that start with a surname character and follow 患者 ("患者高热", "患者明显").
_CN_NOT_NAMES = frozenset(["高热", "高烧", "高血压", "高龄", "高度", "明显", "明确", "安静", "方便", "时有", "时常", "常有", "常规", "曾于", "曾经", "曾有", "经常", "经过", "于今", "于外", "于我", "全身", "成功", "单纯", "金属", "石棉", "毛刺", "文化", "向上", "向下", "向左", "向右", "余无", "余未", "余下", "平卧", "平素", "平时", "和缓", "良好", "程度", "范围", "方可", "强化"])  # fmt: skip


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
        edge = r"(?<![A-Za-z])" if value[0].isascii() else ""
        tail = r"(?![A-Za-z])" if value[-1].isascii() else ""
        for match in re.finditer(edge + re.escape(value) + tail, text):
            spans.append(Span(match.start(), match.end(), "NAME"))
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
            if kind == "HOSPITAL":
                value = match.group(group)
                # "建议转诊至XX医院": the name starts after the last word that leads into it.
                lead = _HOSPITAL_LEAD.match(value)
                if lead:
                    start, value = start + lead.end(), value[lead.end():]
                if len(value) < 4 or _NOT_INSTITUTIONS.search(value) or not _plausible_name(value, person=False):
                    continue
            if kind == "NAME" and _is_han(text[start]) and _role_overlaps(text, start, end):
                continue  # "检查医生", "申请医生": a role, not 查 or 申 the surname
            found.append(Span(start, end, kind))
    for match in _GIVEN.finditer(text):
        words = match.group("v").split()
        if words[-1].lower() in _NOT_NAMES or words[-1].rstrip(".").lower() in _NOT_NAMES:
            continue
        found.append(Span(match.start("v"), match.end("v"), "NAME"))
    found.extend(_chinese_names(text))
    found.extend(_recurrences(text, [s for s in found if s.kind == "NAME"]))
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
