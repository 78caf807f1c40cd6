# ruff: noqa: E501  (report sentences read best one per line; Chinese punctuation intended)
"""An evaluation set for free-text redaction, written apart from the redactor's rules.

The sentences are phrased as Chinese and English reports, consent notes, request forms and
letters phrase them (not from app/core/deid/text.py's cue lists); the identifiers are drawn
from value lists that are also independent of the redactor's word lists (names include
compound and less common surnames, given names the redactor's list lacks). Each placeholder
is one identifier of the kind its name says; everything else in a sentence is clinical text
that must survive. ``cases(seed, n)`` yields (text, [(start, end, kind)]).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator

# -- values ------------------------------------------------------------------------------
CN_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文")
CN_COMPOUND = ["欧阳", "司马", "上官", "诸葛", "慕容", "尉迟", "司徒", "东方"]
CN_GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂红华建国志兰凤玉萍鹏飞宇浩然子轩梓涵欣怡晨阳佳琪俊杰思远雨桐帆宁博文嘉怡")
EN_GIVEN = ["Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Noah", "Mia", "Jack", "Ivy", "Leo", "Freya", "Arthur", "Florence",
            "Muhammad", "Grace", "Oscar", "Poppy", "Theodore", "Evie", "Finley", "Matilda", "Rory", "Imogen", "Declan", "Siobhan",
            "Ngozi", "Chidi", "Anjali", "Rohan", "Mei", "Hamish", "Bronwyn", "Tobias", "Ingrid", "Marcus", "Esther", "Gareth"]
EN_SURNAMES = ["Thompson", "Whitfield", "Okonkwo", "Fernandes", "MacLeod", "O'Sullivan", "Kaur", "Brennan", "Hughes", "Lindqvist",
               "Abernathy", "Castellano", "Haddad", "Pemberton", "Wójcik", "Nakamura", "Delacroix", "Achterberg", "Ferreira",
               "Gallagher", "Iyer", "Montgomery", "Osei", "Radcliffe", "Sandoval", "Trevelyan", "Van der Berg", "Whitaker"]
CN_PROVINCES = ["广东省", "浙江省", "江苏省", "四川省", "河南省", "湖北省"]
CN_CITIES = ["广州市", "杭州市", "南京市", "成都市", "郑州市", "武汉市"]
CN_DISTRICTS = ["天河区", "西湖区", "鼓楼区", "武侯区", "金水区", "洪山区"]
CN_COUNTIES = ["桐庐县", "沛县", "郫县", "固始县", "罗田县"]
CN_TOWNS = ["城关镇", "分水镇", "大桥乡", "柳林乡", "石桥镇"]
CN_VILLAGES = ["新华村", "王庄村", "上河村", "东湖村", "李家村"]
CN_ROADS = ["天河路", "文三路", "中山北路", "人民南路", "花园路", "解放大道"]
CN_ESTATES = ["锦绣花园", "阳光小区", "翠苑", "和平里", "金色家园"]
EN_STREETS = ["Ashford Road", "Kings Avenue", "Station Lane", "Harbour Street", "Elmwood Drive", "Mill Road", "Queens Crescent"]
EN_TOWNS = ["Leeds", "Bristol", "Cambridge", "Springfield", "Portland"]
CN_HOSPITALS = ["广州市第一人民医院", "浙江大学医学院附属第二医院", "四川大学华西医院", "北京协和医院", "桐庐县中医院", "武汉市中心医院",
                "复旦大学附属中山医院", "郑州大学第一附属医院"]
EN_HOSPITALS = ["St Thomas' Hospital", "Leeds General Infirmary", "Massachusetts General Hospital", "Royal Brompton Hospital",
                "Mercy Medical Center", "Addenbrooke's Hospital"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
CN_DIGITS = "〇一二三四五六七八九"


def _cn_number(n: int) -> str:
    if n < 10:
        return "一二三四五六七八九"[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else "一二三四五六七八九"[tens - 1]) + "十" + ("" if ones == 0 else "一二三四五六七八九"[ones - 1])


def cn_name(r: random.Random) -> str:
    surname = r.choice(CN_COMPOUND) if r.random() < 0.1 else r.choice(CN_SURNAMES)
    return surname + "".join(r.choice(CN_GIVEN) for _ in range(r.choice((1, 2, 2))))


def en_name(r: random.Random) -> str:
    return f"{r.choice(EN_GIVEN)} {r.choice(EN_SURNAMES)}"


def en_surname(r: random.Random) -> str:
    return r.choice(EN_SURNAMES)


def date_numeric(r: random.Random) -> str:
    y, m, d = r.randint(2015, 2026), r.randint(1, 12), r.randint(1, 28)
    return r.choice([f"{y}-{m:02d}-{d:02d}", f"{y}/{m}/{d}", f"{y}.{m}.{d}", f"{y}.{m:02d}.{d:02d}", f"{d:02d}/{m:02d}/{y}",
                     f"{m}/{d}/{y}", f"{y % 100:02d}/{m:02d}/{d:02d}", f"{d}.{m}.{y}", f"{y}{m:02d}{d:02d}"])


def date_words(r: random.Random) -> str:
    y, m, d = r.randint(2015, 2026), r.randint(1, 12), r.randint(1, 28)
    return r.choice([f"{d} {MONTHS_EN[m - 1]} {y}", f"{MONTHS_EN[m - 1]} {d}, {y}", f"{MONTHS_EN[m - 1][:3]} {d} {y}",
                     f"{d}th {MONTHS_EN[m - 1]}"])


def date_cn(r: random.Random) -> str:
    y, m, d = r.randint(2015, 2026), r.randint(1, 12), r.randint(1, 28)
    written = "".join(CN_DIGITS[int(c)] for c in str(y))
    return r.choice([f"{y}年{m}月{d}日", f"{y}年{m:02d}月{d:02d}日", f"{m}月{d}日", f"{written}年{_cn_number(m)}月{_cn_number(d)}日",
                     f"{y}年{m}月{d}号"])


def mrn(r: random.Random) -> str:
    return r.choice([str(r.randint(1000000, 99999999)), f"{r.choice(['MR', 'RX', 'H'])}{r.randint(100000, 9999999)}"])


def cn_record(r: random.Random) -> str:
    return r.choice([f"{r.choice(['ZY', 'MZ', 'JZ', 'CT', 'DR', 'MR', 'BL'])}{r.randint(2015, 2026)}{r.randint(100000, 999999)}",
                     str(r.randint(10000000, 999999999)), f"{r.randint(2015, 2026)}-{r.randint(10000, 99999)}"])


def cn_resident_id(r: random.Random) -> str:
    return (f"{r.randint(110000, 659999)}{r.randint(1930, 2010)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
            f"{r.randint(0, 999):03d}{r.choice('0123456789X')}")


def nhs_number(r: random.Random) -> str:
    return f"{r.randint(400, 499)} {r.randint(100, 999)} {r.randint(1000, 9999)}"


def cn_mobile(r: random.Random) -> str:
    n = f"1{r.choice('3456789')}{r.randint(0, 9)}{r.randint(10000000, 99999999)}"
    return r.choice([n, f"{n[:3]}-{n[3:7]}-{n[7:]}", f"{n[:3]} {n[3:7]} {n[7:]}", f"+86 {n}"])


def cn_landline(r: random.Random) -> str:
    area = r.choice(["010", "020", "021", "0571", "028", "0755"])
    local = str(r.randint(20000000, 89999999))
    return r.choice([f"{area}-{local}", f"({area}){local[:4]}-{local[4:]}", f"（{area}）{local}", f"{area} {local}"])


def uk_phone(r: random.Random) -> str:
    return r.choice([f"020 7{r.randint(100, 999)} {r.randint(1000, 9999)}", f"07{r.randint(700, 999)} {r.randint(100000, 999999)}",
                     f"+44 20 7{r.randint(100, 999)} {r.randint(1000, 9999)}", f"0113 {r.randint(200, 999)} {r.randint(1000, 9999)}",
                     f"01632 {r.randint(100000, 999999)}"])


def us_phone(r: random.Random) -> str:
    return r.choice([f"({r.randint(201, 989)}) {r.randint(200, 999)}-{r.randint(1000, 9999)}",
                     f"{r.randint(201, 989)}-{r.randint(200, 999)}-{r.randint(1000, 9999)}",
                     f"{r.randint(201, 989)}.{r.randint(200, 999)}.{r.randint(1000, 9999)}"])


def email(r: random.Random) -> str:
    return f"{r.choice(EN_GIVEN).lower()}.{r.choice(EN_SURNAMES).lower().replace(chr(39), '').replace(' ', '')}@{r.choice(['nhs.net', 'hospital.org', 'qq.com', '163.com'])}"


def wechat(r: random.Random) -> str:
    return r.choice([f"wxid_{r.randint(10**9, 10**10)}", f"{r.choice(['li', 'wang', 'zhang', 'chen'])}{r.choice(['_', ''])}{r.randint(1970, 2005)}",
                     f"{r.choice(['Sunny', 'mumu', 'xiaoyu'])}_{r.randint(100, 999)}"])


def cn_address(r: random.Random) -> str:
    city = r.choice(CN_PROVINCES) + r.choice(CN_CITIES) + r.choice(CN_DISTRICTS)
    return r.choice([
        f"{city}{r.choice(CN_ROADS)}{r.randint(1, 300)}号",
        f"{city}{r.choice(CN_ROADS)}{r.randint(1, 300)}号院{r.randint(1, 20)}号楼{r.randint(1, 6)}单元{r.randint(101, 2402)}",
        f"{r.choice(CN_CITIES)}{r.choice(CN_DISTRICTS)}{r.choice(CN_ESTATES)}{r.randint(1, 30)}栋{r.randint(101, 1802)}室",
        f"{r.choice(CN_PROVINCES)}{r.choice(CN_COUNTIES)}{r.choice(CN_TOWNS)}{r.choice(CN_VILLAGES)}",
        f"{r.choice(CN_COUNTIES)}{r.choice(CN_TOWNS)}{r.choice(CN_VILLAGES)}{r.randint(1, 12)}组",
    ])


def en_address(r: random.Random) -> str:
    return r.choice([f"{r.randint(1, 250)} {r.choice(EN_STREETS)}, {r.choice(EN_TOWNS)}",
                     f"Flat {r.randint(1, 40)}, {r.randint(1, 250)} {r.choice(EN_STREETS)}",
                     f"{r.randint(1, 9999)} {r.choice(EN_STREETS)}"])


def cn_postcode(r: random.Random) -> str:
    return f"{r.randint(100000, 850000)}"


def uk_postcode(r: random.Random) -> str:
    return r.choice(["SW1A 1AA", "LS1 3EX", "M13 9WL", "CB2 0QQ", "EC1A 1BB", "B15 2TT", "G12 8QQ", "BS2 8HW"])


def cn_hospital(r: random.Random) -> str:
    return r.choice(CN_HOSPITALS)


def en_hospital(r: random.Random) -> str:
    return r.choice(EN_HOSPITALS)


def old_age(r: random.Random) -> str:
    return r.choice([f"{r.randint(90, 101)}-year-old", f"{r.randint(90, 101)}岁", f"{r.randint(90, 101)} years old"])


MAKERS: dict[str, tuple[str, Callable[[random.Random], str]]] = {
    "CNNAME": ("NAME", cn_name), "ENNAME": ("NAME", en_name), "ENSURNAME": ("NAME", en_surname),
    "DATE": ("DATE", date_numeric), "DATEWORDS": ("DATE", date_words), "CNDATE": ("DATE", date_cn),
    "MRN": ("ID", mrn), "CNREC": ("ID", cn_record), "CNID": ("ID", cn_resident_id), "NHS": ("ID", nhs_number),
    "CNMOBILE": ("PHONE", cn_mobile), "CNLAND": ("PHONE", cn_landline), "UKPHONE": ("PHONE", uk_phone), "USPHONE": ("PHONE", us_phone),
    "EMAIL": ("EMAIL", email), "WECHAT": ("ID", wechat), "CNADDR": ("ADDRESS", cn_address), "ENADDR": ("ADDRESS", en_address),
    "CNPOST": ("ADDRESS", cn_postcode), "UKPOST": ("ADDRESS", uk_postcode),
    "CNHOSP": ("HOSPITAL", cn_hospital), "ENHOSP": ("HOSPITAL", en_hospital), "AGE": ("AGE", old_age),
}  # fmt: skip

# -- sentences ---------------------------------------------------------------------------
# {CNNAME#1} twice in a sentence is the same person (a name that recurs).
CHINESE = [
    "患者{CNNAME#1}既往体健，此次因咳嗽两周来诊。",
    "患者{CNNAME#1}因胸闷3天入院，胸部CT示右肺上叶结节。",
    "{CNNAME#1}，男，67岁，体检发现肺结节。",
    "{CNNAME#1}，女，52岁，乳腺癌术后复查。",
    "家属签字:{CNNAME}",
    "儿子{CNNAME}陪同检查，已告知相关风险。",
    "母亲{CNNAME}代为签署知情同意书。",
    "其妻{CNNAME}表示理解并同意增强扫描。",
    "紧急联系人：{CNNAME}（女儿），电话{CNMOBILE}。",
    "姓名 | {CNNAME} | 性别 | 男 | 年龄 | 58岁",
    "报告医生：{CNNAME}    审核医生：{CNNAME}",
    "申请科室：呼吸内科  申请医生：{CNNAME}",
    "已电话告知临床{CNNAME}医师，对方已知晓。",
    "复查时{CNNAME#1}诉胸痛较前减轻，{CNNAME#1}拒绝穿刺活检。",
    "患者{CNNAME#1}于{CNDATE}行胸部CT平扫。",
    "于{DATE}就诊，与{DATE}片对比病灶略增大。",
    "检查时间：{DATE} 09:32",
    "与{CNDATE}外院CT比较，结节大小无明显变化。",
    "住院号：{CNREC}    床号：12",
    "门诊号{CNREC}，检查号{CNREC}。",
    "影像号:{CNREC}",
    "身份证号码：{CNID}",
    "联系电话：{CNMOBILE}",
    "家属电话{CNMOBILE}，已通知复诊。",
    "放射科咨询电话{CNLAND}（工作日）",
    "预约电话：{CNLAND}",
    "住址：{CNADDR}",
    "现住{CNADDR}，务农。",
    "家庭地址 {CNADDR}，邮编{CNPOST}",
    "邮政编码：{CNPOST}",
    "患者微信：{WECHAT}，可线上随访。",
    "微信号{WECHAT}",
    "外院（{CNHOSP}）CT提示左肺下叶磨玻璃结节。",
    "{CNHOSP}放射科 胸部CT检查报告单",
    "患者曾于{CNHOSP}行肺叶切除术。",
    "建议转诊至{CNHOSP}胸外科进一步诊治。",
    "电子邮件：{EMAIL}",
    "{AGE}高龄患者，双肺多发陈旧性病变。",
]
ENGLISH = [
    "Findings were discussed with Dr {ENSURNAME} at 14:20 on {DATE}.",
    "Discussed by telephone with {ENNAME}, the referring registrar.",
    "Urgent result phoned to {ENNAME} (ward 7 nurse in charge).",
    "Report verified by {ENNAME}, Consultant Radiologist.",
    "Requested by: {ENNAME}",
    "The patient's wife, {ENNAME}, was present and consented on his behalf.",
    "History provided by daughter {ENNAME}.",
    "Next of kin: {ENNAME} (son), tel {UKPHONE}.",
    "{ENNAME#1} was seen in clinic; {ENNAME#1} reports less dyspnoea.",
    "Mrs {ENSURNAME} tolerated the procedure well.",
    "cc: {ENNAME}, GP",
    "Comparison: CT chest of {DATEWORDS}.",
    "Prior study dated {DATE} is available for comparison.",
    "Date of examination: {DATE}",
    "Follow-up CT recommended; last seen {DATEWORDS}.",
    "MRN {MRN}; accession {MRN}.",
    "Hospital number: {MRN}",
    "NHS number {NHS}",
    "Please contact the radiology hotline on {UKPHONE}.",
    "Call {USPHONE} to schedule the follow-up scan.",
    "Bleep/phone {UKPHONE} for the on-call registrar.",
    "Images sent to {EMAIL} for the MDT.",
    "Address: {ENADDR}, {UKPOST}",
    "Lives alone at {ENADDR}.",
    "Postcode {UKPOST}.",
    "Previously imaged at {ENHOSP}; outside films reviewed.",
    "Transferred from {ENHOSP} for further management.",
    "{AGE} woman with a fall; chest radiograph.",
    "Patient is {AGE}, frail, for palliative review.",
]
# A second set, written after the rules were tuned on the first and never used to tune them:
# its figures are the honest estimate (the README quotes both).
CHINESE_HELDOUT = [
    "病人{CNNAME#1}自述活动后气促半年，{CNNAME#1}否认吸烟史。",
    "受检者：{CNNAME}   检查项目：胸部低剂量CT",
    "今由其女儿{CNNAME}陪同来院复查。",
    "经治医师：{CNNAME}",
    "{CNNAME}，女性，外院诊断“肺炎”。",
    "签名：{CNNAME}  日期：{CNDATE}",
    "患儿{CNNAME}，因发热咳嗽就诊。",
    "与{DATE}本院胸片对照，右下肺渗出较前吸收。",
    "末次检查日期{DATE}。",
    "{CNDATE}行冠脉CTA检查。",
    "病案号：{CNREC}",
    "就诊卡号 {CNREC}",
    "请致电{CNLAND}预约复查。",
    "手机号码：{CNMOBILE}（本人）",
    "户籍地址：{CNADDR}",
    "居住于{CNADDR}。",
    "原片由{CNHOSP}提供。",
    "{CNHOSP}影像科会诊意见：考虑良性病变。",
    "QQ号{WECHAT}",
    "邮箱：{EMAIL}",
    "年龄：{AGE}",
]
ENGLISH_HELDOUT = [
    "Clinical details from Dr. {ENSURNAME}: persistent cough.",
    "Case reviewed with {ENNAME} at the thoracic MDT.",
    "Result conveyed to {ENNAME}, SHO, at 16:05.",
    "Her husband {ENNAME} accompanied her.",
    "{ENNAME#1} attended with her sister; {ENNAME#1} consented to contrast.",
    "Reported by {ENNAME} FRCR",
    "Ordering provider: {ENNAME}",
    "Compared with the radiograph of {DATEWORDS}.",
    "Scan performed on {DATE} at 08:15.",
    "DOB withheld; exam date {DATE}.",
    "Accession number: {MRN}",
    "Unit no. {MRN}",
    "Direct line {UKPHONE}.",
    "Office {USPHONE}, fax {USPHONE}.",
    "Correspondence: {ENADDR}, {UKPOST}.",
    "Originally scanned at {ENHOSP}.",
    "E-mail {EMAIL} with any queries.",
    "A {AGE} man, nursing home resident.",
]
HELDOUT = {"zh": CHINESE_HELDOUT, "en": ENGLISH_HELDOUT}

# Clinical text with no identifier: it must come out unchanged (precision). Chinese; the
# English background is the IU corpus.
CLINICAL_CHINESE = [
    "右肺上叶尖段见一实性结节，大小约8×6mm，边缘可见毛刺，建议3个月后复查。",
    "双肺纹理增多，左肺下叶见斑片状磨玻璃影，考虑炎症可能。",
    "纵隔内未见明显肿大淋巴结，双侧胸腔未见积液。",
    "肝右叶见一低密度灶，直径约12mm，增强扫描未见强化，考虑囊肿。",
    "与我院2号CT机前片比较，病灶变化不明显，本院建议随访。",
    "ADC值约1.2×10⁻³mm²/s，T2WI呈稍高信号。",
    "主动脉弓钙化，心影不大，气管居中。",
    "右侧第5、6肋骨陈旧性骨折，骨痂形成。",
    "甲状腺左叶见一结节，TI-RADS 3类。",
    "左肾上极见一约15mm×12mm囊性灶，Bosniak I类。",
    "王氏征阴性，墨菲征阴性。",
    "胸廓对称，双侧膈面光整，肋膈角锐利。",
    "脑实质内未见异常密度影，中线结构居中。",
    "腰4/5椎间盘向后突出，硬膜囊受压。",
    "肺动脉CTA未见明确充盈缺损，请结合临床。",
    "建议上级医院进一步检查，必要时行PET/CT。",
    "诊断意见：1. 右肺上叶结节，Lung-RADS 4A类；2. 肺气肿。",
    "心脏彩超示EF 55%，左室舒张功能减低。",
    "检查方法：胸部CT平扫，层厚1.25mm，肺窗及纵隔窗重建。",
    "血压130/80mmHg，心率78次/分。",
    "右侧张力性气胸，纵隔向左侧移位。",
    "左肺下叶见高密度影，周围见晕征。",
    "请高年资医师复核，必要时请胸外科医生会诊。",
    "马凡综合征术后改变，主动脉根部扩张。",
    "石棉肺可能，建议结合职业史。",
    "双肺多发结节，考虑转移瘤，建议至上级医院行PET/CT检查。",
    "患者家属要求出具书面报告。",
    "王氏征阳性提示阑尾炎可能。",
    "检查医生已告知患者注意事项。",
    "白细胞计数升高，C反应蛋白12mg/L。",
    # Added after a review found 患者 + a clinical word redacted as a name (rules fixed since).
    "患者高热3天，时有咳嗽。", "患者曾于外院就诊。", "患者明显消瘦，安静状态下胸痛。", "患者于今日行CT检查。",
]

_PLACEHOLDER = re.compile(r"\{([A-Z]+)(?:#(\d))?\}")


def fill(template: str, r: random.Random) -> tuple[str, list[tuple[int, int, str]]]:
    """The sentence with every placeholder replaced, and the identifiers' spans."""
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    same: dict[str, str] = {}
    last = 0
    length = 0
    for match in _PLACEHOLDER.finditer(template):
        literal = template[last:match.start()]
        out.append(literal)
        length += len(literal)
        kind, make = MAKERS[match.group(1)]
        key = f"{match.group(1)}#{match.group(2)}" if match.group(2) else ""
        value = same[key] if key and key in same else make(r)
        if key:
            same[key] = value
        out.append(value)
        spans.append((length, length + len(value), kind))
        length += len(value)
        last = match.end()
    out.append(template[last:])
    return "".join(out), spans


def cases(seed: int, per_template: int, english_background: list[str],
          heldout: bool = False) -> Iterator[tuple[str, str, list[tuple[int, int, str]]]]:
    """(language, text, identifier spans): each sentence set inside clinical text."""
    r = random.Random(seed)
    sets = (("zh", CHINESE_HELDOUT), ("en", ENGLISH_HELDOUT)) if heldout else (("zh", CHINESE), ("en", ENGLISH))
    for language, templates in sets:
        for template in templates:
            for _ in range(per_template):
                sentence, spans = fill(template, r)
                before = r.choice(CLINICAL_CHINESE) if language == "zh" else r.choice(english_background)
                after = r.choice(CLINICAL_CHINESE) if language == "zh" else r.choice(english_background)
                # Run-on only after a sentence's own full stop; a form field ends its line.
                run_on = sentence.rstrip()[-1:] in "。.）)"
                joiner = "\n" if r.random() < 0.5 or not run_on else ("" if language == "zh" else " ")
                text = before + joiner + sentence + joiner + after
                shift = len(before) + len(joiner)
                yield language, text, [(s + shift, e + shift, k) for s, e, k in spans]
