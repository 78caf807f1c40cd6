"""Word lists for name detection.

Given names: common US given names (first names that are also everyday or clinical words,
such as May, Will, Grace, Mark or Bill, are left out). Chinese surnames: the common single
and some compound surnames. Eponyms: people's names that are medicine in a report.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())

GIVEN_NAMES = _words("""
Aaron Abigail Adam Ahmed Aisha Akira Alan Albert Alexander Alexis Ali Alice Amanda Amy Ana Andrea
Andrew Angela Anil Ann Anna Anthony Arthur Ashley Barbara Benjamin Betty Beverly Billy Bobby Brandon
Brenda Brian Brittany Bruce Bryan Carl Carlos Carmen Carol Carolyn Catherine Charles Charlotte
Cheryl Christian Christina Christine Christopher Cynthia Daniel Danielle David Deborah Debra Denise
Dennis Diana Diane Dmitri Donald Donna Dorothy Douglas Dylan Edward Elena Elijah Elizabeth Emily
Emma Eric Ethan Eugene Evelyn Fatima Frances Francois Frank Gabriel Gary George Gerald Giovanni
Giuseppe Gloria Gregory Hannah Hans Harold Heather Helen Henry Hiroshi Hong Hui Isabella Ivan Jack
Jacob Jacqueline Jacques James Janet Janice Jason Jean Jeffrey Jennifer Jeremy Jerry Jesse Jessica
Jin Jing Joan Joe John Jonathan Jordan Jorge Jose Joseph Joshua Joyce Juan Judith Judy Julie Jun
Justin Karen Katherine Kathleen Kathryn Kayla Keith Kelly Kenji Kenneth Kevin Kimberly Klaus Kyle
Larry Laura Lauren Lei Li Linda Lisa Logan Lori Louis Luca Lucia Luis Madison Marco Margaret Maria
Marie Marilyn Martha Mary Mason Matthew Megan Melissa Michael Michelle Miguel Min Ming Mohammed
Muhammad Nancy Natalie Nathan Nicholas Nicole Noah Olga Olivia Omar Pamela Patricia Patrick Paul
Pedro Peter Philip Pierre Priya Rachel Raj Ralph Randy Ravi Raymond Rebecca Richard Robert Roger
Ronald Rosa Roy Russell Ruth Ryan Samantha Samuel Sandra Sanjay Sara Sarah Scott Sean Sharon Shirley
Sofia Soo Sophia Stephanie Stephen Steven Sunil Susan Svetlana Takeshi Teresa Terry Theresa Thomas
Timothy Tyler Victoria Vincent Virginia Walter Wayne Wei William Willie Xin Yan Ying Yuki Zachary
""")

SURNAMES_CN = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
    "严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包"
    "宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤"
    "阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师"
    "和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝赖洪武黄")

EPONYMS = _words("""
Adamkiewicz Addison Addison's Alzheimer Alzheimer's Amyand Ann Arbor Aschoff Atlanta BI Baker's
Balthazar Bankart Barre Barrett Barrett's Bartholin Batson Behcet Bell's Bertolotti Binswanger
Bismuth Blakemore Bochdalek Boerhaave Bohler Bohler's Bosniak Boxer Brenner Breslow Broca Broviac
Budd Calve Caroli Chiari Chilaiditi Cobb Colles Couinaud Courvoisier Creutzfeldt Crohn Crohn's
Cushing Cushing's Dandy Deauville Denver Dobhoff Down Down's Dubin Ebstein Ebstein's Eisenmenger
Essex Eustachian Ewing Ewing's Fallot Fleischner Flint Foley Fournier Freiberg Galeazzi Galen Ganz
Gartland Gartner Gerota Gerota's Gissane Glasgow Gleason Glisson Graves Graves' Greenfield Groshong
Guillain Gustilo Hampton Hangman Harrington Hashimoto Hashimoto's Hemovac Heschl Hickman Hinchey
Hippel Hirschsprung Hodgkin Hodgkin's Horner Horner's Hounsfield Huntington Huntington's Impella
Jakob Jefferson Kaposi Kartagener Kawasaki Kehr Kellgren Kerley Kienbock Kiesselbach Klinefelter
Kohler Korsakoff Krukenberg Kussmaul LI Lauge Legg Leriche Lindau Lisfranc Littre Lopresti Lugano
Luque Luschka Magendie Mallory Marfan Marfan's McBurney Meckel Meckel's Mediport Meigs Milch
Minnesota Mirizzi Monro Monteggia Morgagni Moyamoya Mullerian Nabothian Neer Osgood Osler
Outerbridge Paget Paget's Pancoast Parkinson Parkinson's Penrose Perthes Peyronie PleurX Pleurx
Poland Port Pott Pott's Pratt Preiser Pugh Quinton RADS Rads Ranson Rathke Rathke's Raynaud
Raynaud's Reimers Riedel Riedel's Risser Rokitansky Rolando Rotor Rovsing Sachs Salem Salter
Schatzker Schatzki Scheuermann Schlatter Schmorl Schmorl's Segond Sengstaken Sjogren Sjogren's Skene
Spiegel Spigelian Stensen Sturge Swan Swan-Ganz Swyer Sylvian TI Takayasu Tenckhoff Tietze Treitz
Trendelenburg Tscherne Turner's Valsalva Virchow Virchow's Waldeyer Watchman Wegener Wegener's Weiss
Wernicke Westermark Wharton Whipple Willis Wilms Wilson's Wolffian Zenker Zenker's Zuckerkandl
""")

# Romanised Chinese names ("Zhang Wei", "Wang Xiaoming", "Ouyang Li", "LIU JIANGUO", "Chen, Li-Hua"):
# the Hanyu Pinyin of the common surnames above, and a given name of one to three pinyin syllables.
SURNAMES_PINYIN = _words("""
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang
Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Du Ye Cheng Su Wei
Lu Lyu Lv Ding Ren Shen Yao Cui Zhong Tan Fan Jin Shi Liao Jia Xia Fu Fang Bai Zou Meng Xiong Qin
Qiu Yin Xue Yan Duan Lei Hou Long Tao Gu Mao Hao Gong Shao Wan Qian Dai Mo Kong Xiang Chang Wen
Kang Niu Ge Xing An Qi Qiao Pang Ni Zhuang Nie Yue Zhai Zhan Ou Geng Guan Lan Jiao Zuo Gan Bao
Ning Shang Shu Ruan Ke Ji Mei Tong Ling Bi Shan Pei Huo Tu Miao Sheng Qu Weng Ran You Xin Chai
Hua Pu Teng Rao Mu Ai Che Lian Zang Min Ouyang Sima Shangguan Zhuge Dongfang Huangfu Linghu
Murong Xiahou Situ Duanmu Nangong Ximen Yuwen Gongsun Zhangsun Huyan
""")
_PINYIN_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
                    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|van|ian|iao|ai|ei|ao|ou|an|en|in|un|vn|"
                    r"ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)")  # fmt: skip
_PINYIN_GIVEN = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{1,3}}")
_PINYIN_SURNAMES = frozenset(s.lower() for s in SURNAMES_PINYIN)


def pinyin_syllables(word: str) -> bool:
    """Whether ``word`` (any case, parts joined by a hyphen or an apostrophe) is one to three
    pinyin syllables ("Xiaoming", "Li-Hua", "JIANGUO", "Xi'an")."""
    parts = [p for p in re.split(r"[-'’]", word.lower()) if p]
    return bool(parts) and len(parts) <= 3 and all(_PINYIN_GIVEN.fullmatch(p) for p in parts)


def pinyin_name(surname: str, given: str) -> bool:
    """A romanised Chinese name: a pinyin surname and a pinyin given name, written in the same
    case style (both capitalised or both in capitals)."""
    if surname.lower() not in _PINYIN_SURNAMES or not pinyin_syllables(given):
        return False
    return surname.isupper() == given.replace("-", "").isupper() or len(surname) == 1
