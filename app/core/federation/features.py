"""Report text to a fixed-size feature vector: hashed words and bigrams, negation-aware.

No vocabulary is kept: a token goes to one of ``dims`` columns by a stable hash (CRC-32, the
same on every platform and Python version), with a second hash bit for its sign so that
collisions cancel on average instead of adding up. A model trained on these features holds
column weights, never words. Words inside a negation's scope ("no pleural effusion",
"未见胸腔积液") become different tokens ("neg:effusion") from the same words stated, because
for a findings classifier the two must point in opposite directions.

English: lower-cased words; the IU corpus's anonymisation mark "XXXX" is dropped. Chinese:
character unigrams and bigrams of each run of Han characters (no word segmenter needed).
A negation scope runs from its trigger to the end of the clause.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

FEATURE_VERSION: Final = 1  # bump when tokens or hashing change: old models are then refused
DEFAULT_DIMS: Final = 4096
MAX_TEXT_CHARS: Final = 200_000  # a report longer than this is read up to here

_CLAUSE = re.compile(r"[.;:!?\n。；！？，,]|\b(?:but|however|although|except|which|whereas)\b")
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[\u4e00-\u9fff]+")
_EN_NEGATION: Final = frozenset(
    {"no", "not", "without", "negative", "free", "absent", "absence", "none", "denies", "resolved", "clear"}
)
_ZH_NEGATION: Final = ("未见", "未发现", "未显示", "没有", "无", "未", "排除", "否认")
_DROP: Final = frozenset({"xxxx", "x"})


def _han_tokens(run: str, negated: bool) -> tuple[list[str], bool]:
    """Character unigrams and bigrams of a Han run; a negation word starts a scope."""
    tokens: list[str] = []
    at = 0
    while at < len(run):
        trigger = next((t for t in _ZH_NEGATION if run.startswith(t, at)), None)
        if trigger is not None:
            negated = True
            at += len(trigger)
            continue
        prefix = "neg:" if negated else ""
        tokens.append(prefix + run[at])
        if at + 1 < len(run):
            tokens.append(prefix + run[at : at + 2])
        at += 1
    return tokens, negated


def tokens(text: str) -> list[str]:
    """The tokens of ``text``, those in a negation scope prefixed ``neg:``; word bigrams of
    adjacent English tokens in one clause are added as ``a_b``."""
    out: list[str] = []
    for clause in _CLAUSE.split(text[:MAX_TEXT_CHARS].lower()):
        negated = False
        previous: str | None = None
        for match in _TOKEN.finditer(clause):
            word = match.group()
            if "\u4e00" <= word[0] <= "\u9fff":
                han, negated = _han_tokens(word, negated)
                out.extend(han)
                previous = None
                continue
            if word in _DROP:
                continue
            if word in _EN_NEGATION:
                negated = True
                previous = None
                continue
            token = ("neg:" if negated else "") + word
            out.append(token)
            if previous is not None:
                out.append(f"{previous}_{word}")
            previous = token
    return out


@dataclass(frozen=True)
class FeatureMatrix:
    """Rows of hashed features in compressed sparse row form (numpy only: no SciPy in the app).
    Each row has unit L2 norm (or is all zero for a text with no tokens)."""

    indptr: npt.NDArray[np.int64]
    indices: npt.NDArray[np.int64]
    values: npt.NDArray[np.float64]
    dims: int

    @property
    def rows(self) -> int:
        return len(self.indptr) - 1

    def take(self, rows: Sequence[int] | npt.NDArray[np.int64]) -> FeatureMatrix:
        picked = np.asarray(rows, dtype=np.int64)
        starts, ends = self.indptr[picked], self.indptr[picked + 1]
        lengths = ends - starts
        indptr = np.zeros(len(picked) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        spans = [np.arange(s, e) for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
        order = np.concatenate(spans) if spans else np.zeros(0, dtype=np.int64)
        return FeatureMatrix(indptr, self.indices[order], self.values[order], self.dims)

    def dot(self, weights: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """X @ weights for weights of shape (dims, k)."""
        out = np.zeros((self.rows, weights.shape[1]))
        if len(self.indices):
            contributions = self.values[:, None] * weights[self.indices]
            row_of = np.repeat(np.arange(self.rows), np.diff(self.indptr))
            np.add.at(out, row_of, contributions)
        return out

    def transpose_dot(self, residuals: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """X.T @ residuals for residuals of shape (rows, k)."""
        out = np.zeros((self.dims, residuals.shape[1]))
        if len(self.indices):
            row_of = np.repeat(np.arange(self.rows), np.diff(self.indptr))
            np.add.at(out, self.indices, self.values[:, None] * residuals[row_of])
        return out


def _column(token: str, dims: int) -> tuple[int, float]:
    code = zlib.crc32(token.encode("utf-8"))
    return code % dims, (1.0 if (code >> 31) & 1 == 0 else -1.0)


def featurise(texts: Iterable[str], dims: int = DEFAULT_DIMS) -> FeatureMatrix:
    """Hashed, sign-folded, log-scaled and L2-normalised token counts of each text."""
    if dims < 16 or dims > 1 << 20:
        raise ValueError(f"feature dimensions must be between 16 and {1 << 20:,}, not {dims}")
    indptr = [0]
    indices: list[int] = []
    values: list[float] = []
    for text in texts:
        row: dict[int, float] = {}
        for token in tokens(text):
            column, sign = _column(token, dims)
            row[column] = row.get(column, 0.0) + sign
        scaled = {c: math.copysign(math.log1p(abs(v)), v) for c, v in row.items() if v}
        norm = math.sqrt(sum(v * v for v in scaled.values())) or 1.0
        for column in sorted(scaled):
            indices.append(column)
            values.append(scaled[column] / norm)
        indptr.append(len(indices))
    return FeatureMatrix(
        np.asarray(indptr, dtype=np.int64),
        np.asarray(indices, dtype=np.int64),
        np.asarray(values, dtype=np.float64),
        dims,
    )
