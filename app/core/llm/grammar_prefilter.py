"""Which tokens a grammar could allow, found without asking it about every token.

llama.cpp's grammar sampler decodes each candidate's text into code points (allocating as it
goes) and walks it through the grammar's stacks; over Qwen2.5's 152,064 tokens that costs
more than a whole decode step of a small model. But a token the grammar allows starts with a
byte the grammar allows (its first character, or the start of it, must match), and after that
byte comes one the grammar allows next. So the grammar is asked about the 256 one-byte
tokens; for the big groups of tokens that share an allowed first byte (a space starts half
of a BPE vocabulary) a copy of the grammar advanced by that byte is asked about 256 more;
only tokens whose first two bytes passed go to the real check.

The prefilter drops only tokens the grammar would refuse: the set it allows is exactly the
set the whole-vocabulary pass allows (the test compares them token by token).
"""

from __future__ import annotations

import ctypes
from typing import Any

import numpy as np
from numpy.typing import NDArray

TOKEN_DATA = np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)], align=True)
ALWAYS, NEVER = 256, 257  # first-byte slots: end-of-generation tokens (the grammar decides), empty text
BIG_GROUP = 1024  # tokens sharing an allowed first byte before their second byte is checked too
MAX_SECOND_LOOKS = 4  # copies of the grammar per pass (the biggest groups first)
CACHED_SETS = 64
NO_GAIN = 0.1  # a second look that prunes less than this share of its group is not repeated
FEW_FIRST_BYTES = 48  # up to this many allowed first bytes, a token set is built group by group
MAX_FORCED_BYTES = 64  # the longest run of grammar-forced text looked ahead for a draft


class TokenPrefixes:
    """The first two bytes of every token's text as the grammar sees it (llama.cpp's piece
    cache, special tokens rendered), and the one-byte token for each byte."""

    def __init__(self, lib: Any, vocab: Any, n_vocab: int) -> None:
        first = np.full(n_vocab, NEVER, dtype=np.int16)
        second = np.full(n_vocab, -1, dtype=np.int16)
        self.byte_token = np.full(256, -1, dtype=np.int32)
        buf = ctypes.create_string_buffer(256)
        for token in range(n_vocab):
            if lib.llama_vocab_is_eog(vocab, token):
                first[token] = ALWAYS
                continue
            size = lib.llama_token_to_piece(vocab, token, buf, len(buf), 0, True)
            if size < 0:  # longer than the buffer: only its first bytes matter
                big = ctypes.create_string_buffer(-size)
                size = lib.llama_token_to_piece(vocab, token, big, len(big), 0, True)
                raw = big.raw[:2]
            else:
                raw = buf.raw[: min(size, 2)]
            if size <= 0 or raw[0] == 0:
                continue  # empty text: the grammar refuses it
            first[token] = raw[0]
            if size >= 2:
                second[token] = raw[1]
            elif self.byte_token[raw[0]] < 0:
                self.byte_token[raw[0]] = token
        # One flat index per token into a 258 x 257 table of "first byte then second byte
        # allowed": column 256 is "no second byte" (always allowed once the first is).
        self._pair = first.astype(np.int32) * 257 + np.where(second < 0, 256, second).astype(np.int32)
        # Token ids grouped by first byte (ascending within a group), with each one's second
        # byte (256: none): a set for a state that allows few first bytes is built from its groups.
        self._by_first = np.argsort(first, kind="stable").astype(np.int64)
        self._group_end = np.cumsum(np.bincount(first.astype(np.int64), minlength=258))
        self._second_by_first = np.where(second < 0, 256, second).astype(np.int64)[self._by_first]
        counts = np.bincount(first[first < 256].astype(np.int64), minlength=256)
        self.group_size = counts
        self._big_groups = [int(b) for b in np.argsort(-counts, kind="stable")
                            if counts[b] > BIG_GROUP and self.byte_token[b] >= 0]  # fmt: skip
        self._cache: dict[bytes, NDArray[np.int64]] = {}
        # How many tokens of each first-byte group have each second byte (256: none).
        self._second_counts = np.bincount(self._pair[first < 256], minlength=258 * 257)[: 256 * 257]
        self._second_counts = self._second_counts.reshape(256, 257)
        self._no_gain: set[bytes] = set()
        self._probe_ids = np.flatnonzero(self.byte_token >= 0)
        self._probe = np.zeros(len(self._probe_ids), dtype=TOKEN_DATA)
        self._probe_array = lib.llama_token_data_array(
            data=self._probe.ctypes.data_as(lib.llama_token_data_p), size=len(self._probe),
            selected=-1, sorted=False)  # fmt: skip

    def _allowed_bytes(self, lib: Any, grammar: Any) -> NDArray[np.bool_]:
        """Bytes the grammar allows next; a byte without a one-byte token counts as allowed."""
        allowed = np.ones(256, dtype=bool)
        allowed[self._probe_ids] = self._probed_bytes(lib, grammar)
        return allowed

    def _probed_bytes(self, lib: Any, grammar: Any) -> NDArray[np.bool_]:
        """For each byte that has a one-byte token (``_probe_ids``), whether the grammar allows it."""
        self._probe["id"] = self.byte_token[self._probe_ids]
        self._probe["logit"] = 0.0
        self._probe_array.size = len(self._probe)
        self._probe_array.selected = -1
        self._probe_array.sorted = False
        lib.llama_sampler_apply(grammar, ctypes.byref(self._probe_array))
        allowed: NDArray[np.bool_] = ~np.isinf(self._probe["logit"])
        return allowed

    def _build(self, first_ok: NDArray[np.bool_], rows: dict[int, NDArray[np.bool_]]) -> NDArray[np.int64]:
        """The ids whose first byte is allowed and, where a second look was made, whose second
        byte is too (or who have none), ascending."""
        firsts = np.flatnonzero(first_ok)
        if len(firsts) > FEW_FIRST_BYTES:  # inside a string: one pass over the vocabulary
            table = np.zeros((258, 257), dtype=bool)
            table[:256, :] = first_ok[:, None]
            table[ALWAYS, :] = True
            for byte, row in rows.items():
                table[byte, :256] = row
            return np.flatnonzero(table.ravel()[self._pair])
        parts = []
        for byte in [*firsts.tolist(), ALWAYS]:
            start, end = (self._group_end[byte - 1] if byte else 0), self._group_end[byte]
            group = self._by_first[start:end]
            if byte in rows:
                group = group[np.append(rows[byte], True)[self._second_by_first[start:end]]]
            parts.append(group)
        return np.sort(np.concatenate(parts))

    def forced_bytes(self, lib: Any, grammar: Any, limit: int = MAX_FORCED_BYTES) -> bytes:
        """The text the grammar forces next: while exactly one byte is allowed (a required
        key in a fixed order, the rest of an enum value once it is the only one left), that
        byte, on a copy of the grammar. Stops at the first choice; a byte without its own
        one-byte token is not looked at (it cannot be probed; the draft is only a guess)."""
        allowed = self._probe_ids[self._probed_bytes(lib, grammar)]
        if len(allowed) != 1 or limit <= 0:
            return b""  # most states: no copy of the grammar made
        out = bytearray()
        probe = lib.llama_sampler_clone(grammar)
        try:
            while len(allowed) == 1 and len(out) < limit:
                out.append(int(allowed[0]))
                lib.llama_sampler_accept(probe, int(self.byte_token[allowed[0]]))
                allowed = self._probe_ids[self._probed_bytes(lib, probe)]
        finally:
            lib.llama_sampler_free(probe)
        return bytes(out)

    def candidates(self, lib: Any, grammar: Any) -> NDArray[np.int64]:
        """Token ids (ascending) that may be allowed; every token the grammar allows is among them."""
        first_ok = self._allowed_bytes(lib, grammar)
        first_key = first_ok.tobytes()
        looks = [] if first_key in self._no_gain else [b for b in self._big_groups if first_ok[b]]
        looks = looks[:MAX_SECOND_LOOKS]
        rows = []
        for byte in looks:
            after = lib.llama_sampler_clone(grammar)
            try:
                lib.llama_sampler_accept(after, int(self.byte_token[byte]))  # allowed: the stacks stay
                row = self._allowed_bytes(lib, after)
            finally:
                lib.llama_sampler_free(after)
            rows.append(row)
            # Inside a string nearly every byte may follow any other: a look that prunes little
            # means the others would too, so none is made when these first bytes come back
            # (fewer looks, never a wrong set).
            if self._second_counts[byte, :256][~row].sum() < NO_GAIN * self.group_size[byte]:
                if len(self._no_gain) >= 16 * CACHED_SETS:
                    self._no_gain.clear()
                self._no_gain.add(first_key)
        # A JSON answer passes through a handful of states (inside a string, after a value, ...):
        # the same bytes come back again and again, so their token sets are kept.
        key = first_key + bytes(looks) + b"".join(row.tobytes() for row in rows)
        ids = self._cache.get(key)
        if ids is None:
            ids = self._build(first_ok, dict(zip(looks, rows, strict=True)))
            if len(self._cache) >= CACHED_SETS:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = ids
        return ids


def allowed_among(lib: Any, grammar: Any, ids: NDArray[np.int64]) -> NDArray[np.int64]:
    """The tokens among ``ids`` (ascending) that the grammar allows next."""
    if not len(ids):
        return ids
    asked = np.zeros(len(ids), dtype=TOKEN_DATA)
    asked["id"] = ids
    data = asked.ctypes.data_as(lib.llama_token_data_p)
    array = lib.llama_token_data_array(data=data, size=len(asked), selected=-1, sorted=False)
    lib.llama_sampler_apply(grammar, ctypes.byref(array))
    allowed: NDArray[np.int64] = ids[~np.isinf(asked["logit"])]
    return allowed
