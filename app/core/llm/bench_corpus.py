"""Report text for benchmarks on a workstation, where no report corpus is installed.

The sentences are written for this purpose (typical chest CT phrasing, no patient data);
``enclave bench --reports FILE.csv`` uses real reports instead (the IU corpus layout).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

_FINDINGS = [
    "There is a {size} mm solid nodule in the {lobe}, unchanged in size.",
    "No pleural effusion or pneumothorax is seen.",
    "The heart size is within normal limits and there is no pericardial effusion.",
    "Mild centrilobular emphysema is present in both upper lobes.",
    "There is bibasilar subsegmental atelectasis without focal consolidation.",
    "The mediastinal and hilar lymph nodes are not enlarged by size criteria.",
    "A {size} mm ground-glass opacity is noted in the {lobe}.",
    "Degenerative changes of the thoracic spine are present without acute fracture.",
    "The central airways are patent and there is no bronchial wall thickening.",
    "Coronary artery calcification is noted in the left anterior descending artery.",
    "The visualized upper abdomen is unremarkable apart from a small hepatic cyst.",
    "There is no suspicious osseous lesion in the visualized skeleton.",
]
_LOBES = ["right upper lobe", "right middle lobe", "right lower lobe", "left upper lobe",
          "left lower lobe", "lingula"]  # fmt: skip


def synthetic_report(seed: int, sentences: int = 12) -> str:
    rng = random.Random(seed)  # noqa: S311 - reproducible text, not a secret
    lines = [rng.choice(_FINDINGS).format(size=rng.randint(3, 14), lobe=rng.choice(_LOBES))
             for _ in range(sentences)]  # fmt: skip
    return (
        "EXAMINATION: CT chest without contrast.\n"
        "INDICATION: Follow-up of pulmonary nodules; former smoker.\n"
        "COMPARISON: Prior CT chest.\n"
        f"FINDINGS: {' '.join(lines)}\n"
        "IMPRESSION: Findings as described above; see follow-up recommendations.\n"
    )


def load_reports(csv_path: Path | None, count: int) -> list[str]:
    """``count`` report texts: from an IU-style CSV when given, else synthetic ones."""
    if csv_path is None:
        return [synthetic_report(seed) for seed in range(count)]
    reports: list[str] = []
    with csv_path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            findings = (row.get("findings") or "").strip()
            if len(findings) < 120:
                continue
            reports.append(
                f"EXAMINATION: {row.get('image', '')}\nINDICATION: {row.get('indication', '')}\n"
                f"FINDINGS: {findings}\nIMPRESSION: {row.get('impression', '')}\n"
            )
            if len(reports) == count:
                break
    return reports
