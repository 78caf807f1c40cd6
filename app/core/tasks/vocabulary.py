"""A small finding vocabulary (English and Chinese words for each label) and a medical glossary.

Used to put the model's free labels and the IU corpus's 'Problems' codes on one scale for
scoring, and to check that a translation kept the standard Chinese/English terms.
"""

from __future__ import annotations

import re

# label -> words that name it (lower case; English matched on word starts, Chinese anywhere).
LABELS: dict[str, tuple[str, ...]] = {
    "cardiomegaly": ("cardiomegaly", "enlarged heart", "heart is enlarged", "cardiac enlargement",
                     "enlarged cardiac silhouette", "heart size is enlarged", "心脏增大", "心影增大",
                     "心脏扩大", "心影扩大"),
    "pleural effusion": ("pleural effusion", "effusion", "pleural fluid", "胸腔积液", "胸水"),
    "pneumothorax": ("pneumothorax", "气胸"),
    "consolidation": ("consolidation", "实变"),
    "atelectasis": ("atelectasis", "atelectatic", "collapse", "肺不张"),
    "opacity": ("opacity", "opacities", "density", "densities", "airspace disease", "airspace",
                "infiltrate", "阴影", "密度增高影", "渗出"),
    "nodule": ("nodule", "nodular", "结节"),
    "granuloma": ("granuloma", "granulomatous", "肉芽肿"),
    "edema": ("edema", "oedema", "水肿"),
    "pneumonia": ("pneumonia", "肺炎"),
    "emphysema": ("emphysema", "copd", "chronic obstructive", "hyperinflat", "肺气肿"),
    "fracture": ("fracture", "骨折"),
    "hiatal hernia": ("hiatal hernia", "hiatus hernia", "食管裂孔疝"),
}
NORMAL = "normal"
VOCABULARY: tuple[str, ...] = (*LABELS, NORMAL)

# IU 'Problems' codes -> vocabulary label; codes not listed are outside the vocabulary.
IU_PROBLEMS: dict[str, str] = {
    "normal": NORMAL,
    "Cardiomegaly": "cardiomegaly",
    "Pleural Effusion": "pleural effusion",
    "Pneumothorax": "pneumothorax",
    "Consolidation": "consolidation",
    "Pulmonary Atelectasis": "atelectasis",
    "Opacity": "opacity",
    "Density": "opacity",
    "Airspace Disease": "opacity",
    "Infiltrate": "opacity",
    "Nodule": "nodule",
    "Calcified Granuloma": "granuloma",
    "Granulomatous Disease": "granuloma",
    "Granuloma": "granuloma",
    "Pulmonary Edema": "edema",
    "Pneumonia": "pneumonia",
    "Emphysema": "emphysema",
    "Pulmonary Emphysema": "emphysema",
    "Pulmonary Disease, Chronic Obstructive": "emphysema",
    "Fractures, Bone": "fracture",
    "Hernia, Hiatal": "hiatal hernia",
}

_ASCII_WORD = re.compile(r"[a-z]")


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for word in sorted(words, key=len, reverse=True):
        escaped = re.escape(word)
        parts.append(rf"\b{escaped}" if _ASCII_WORD.match(word) else escaped)
    return re.compile("|".join(parts), re.IGNORECASE)


_LABEL_PATTERNS = {label: _pattern(words) for label, words in LABELS.items()}


def normalise_label(text: str) -> str | None:
    """The vocabulary label a free-text finding label names, or None. The earliest,
    longest mention wins ("pleural effusion with atelectasis" -> pleural effusion)."""
    best: tuple[int, int, str] | None = None
    for label, pattern in _LABEL_PATTERNS.items():
        match = pattern.search(text)
        if match:
            key = (match.start(), -len(match.group()), label)
            if best is None or key < best:
                best = key
    return best[2] if best else None


def mentions(text: str) -> list[tuple[str, int, int]]:
    """Every vocabulary word in ``text``: (label, start, end), in order."""
    found: list[tuple[str, int, int]] = []
    for label, pattern in _LABEL_PATTERNS.items():
        for match in pattern.finditer(text):
            found.append((label, match.start(), match.end()))
    found.sort(key=lambda item: (item[1], -(item[2] - item[1])))
    kept: list[tuple[str, int, int]] = []
    for item in found:  # drop a shorter word inside a longer one ("effusion" in "pleural effusion")
        if kept and item[1] < kept[-1][2]:
            continue
        kept.append(item)
    return kept


def iu_labels(problems: str) -> set[str]:
    """The vocabulary labels of an IU report's 'Problems' field (';'-separated codes)."""
    return {IU_PROBLEMS[code.strip()] for code in problems.split(";") if code.strip() in IU_PROBLEMS}


# English term -> accepted Simplified Chinese renderings (for translation checks, both ways).
GLOSSARY: dict[str, tuple[str, ...]] = {
    "pleural effusion": ("胸腔积液", "胸水"),
    "pneumothorax": ("气胸",),
    "consolidation": ("实变",),
    "cardiomegaly": ("心脏增大", "心影增大", "心脏扩大"),
    "atelectasis": ("肺不张",),
    "nodule": ("结节",),
    "ground-glass": ("磨玻璃",),
    "emphysema": ("肺气肿",),
    "pneumonia": ("肺炎",),
    "granuloma": ("肉芽肿",),
    "edema": ("水肿",),
    "fracture": ("骨折",),
    "mediastinum": ("纵隔",),
    "hilar": ("肺门",),
    "opacity": ("阴影", "密度增高影", "模糊影", "混浊"),
    "scoliosis": ("脊柱侧弯", "脊柱侧凸"),
    "hiatal hernia": ("食管裂孔疝",),
    "pulmonary embolism": ("肺栓塞",),
    "lymphadenopathy": ("淋巴结肿大", "淋巴结增大"),
    "calcified": ("钙化",),
}
