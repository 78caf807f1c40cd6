"""The decode loop: sampling in C, the grammar checked on the chosen token only, and exact
prompt-lookup drafts verified in one batch.

Why not ``Llama.create_completion``: it hands llama.cpp's grammar sampler the whole
vocabulary at every token (49k candidates for SmolLM2, 152k for Qwen2.5), so the findings
task decoded at less than half the speed of free text; and its prompt-lookup path needs
``logits_all`` (an n_ctx x n_vocab float buffer: 5 GB for Qwen at 8k context).

Here each step samples from the unconstrained candidates first and asks the grammar about
that one token; when the grammar refuses it, greedy decoding asks about the next-best
candidates one at a time, and only when none of those is allowed (or when sampling) is the
grammar applied to every candidate and the token sampled again (llama.cpp's common sampler
does the same). Penalties, then
greedy or top-k/typical/top-p/min-p/temperature/dist, in that order, as llama-cpp-python
chains them: a token the grammar accepts is the one the grammar-first chain would have
chosen, so greedy output is token-identical to the old path.

Prompt lookup: after each sampled token, the longest recent n-gram that ends the text so far
is looked up in the prompt (the documents) and the answer; the tokens that followed it there
become a draft, cut where the grammar would refuse them. Under a grammar, the text it forces
next (a JSON object's keys in their fixed order, the rest of an enum value) is drafted first,
whatever the copying's record: the first finding's keys cannot be copied from anywhere.
The token and the draft go to ``llama_decode`` in one batch with logits for every row; row
i is sampled exactly as plain decoding would sample it (same sampler, same random draw) and
a draft token is kept only if it equals what was sampled, so the output is what plain
decoding gives, token for token. Rejected rows are removed from the KV cache.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from app.core.llm.errors import EngineError
from app.core.llm.grammar_prefilter import TOKEN_DATA, TokenPrefixes, allowed_among

NGRAM_SIZES = (4, 3)  # longest first; a 2-token match predicted too poorly to pay on the CPU
MAX_DRAFT = 12
FIRST_DRAFT = 4
MIN_DRAFT = 2
MAX_BACKOFF = 16
LEADING_CHUNKS = (32, 512)  # plausible tokens asked in order of logit before the rest
LEADING_SAMPLE = 4096  # logits looked at to set the bar for the first tokens asked
LEADING_TOKENS = 64  # about how many tokens pass that bar, whatever the vocabulary's size


class DecodeAborted(Exception):
    """llama_decode stopped through the abort callback (a cancel)."""


class SamplingLike(Protocol):
    """engine.SamplingParams (not imported: the engine imports this module)."""

    @property
    def temperature(self) -> float: ...
    @property
    def top_p(self) -> float: ...
    @property
    def top_k(self) -> int: ...
    @property
    def repeat_penalty(self) -> float: ...
    @property
    def max_tokens(self) -> int: ...


@dataclass(frozen=True)
class DecodeOptions:
    temperature: float
    top_p: float
    top_k: int
    repeat_penalty: float
    max_tokens: int
    seed: int
    grammar: str | None = None  # GBNF text
    lookup: bool = False
    max_draft: int = MAX_DRAFT

    @classmethod
    def of(cls, sampling: SamplingLike, *, seed: int, grammar: str | None = None,
           lookup: bool = False) -> DecodeOptions:  # fmt: skip
        return cls(temperature=sampling.temperature, top_p=sampling.top_p, top_k=sampling.top_k,
                   repeat_penalty=sampling.repeat_penalty, max_tokens=sampling.max_tokens, seed=seed,
                   grammar=grammar, lookup=lookup)  # fmt: skip


@dataclass
class DecodeStats:
    steps: int = 0  # llama_decode calls after the prompt
    drafted: int = 0  # draft tokens sent to llama_decode
    accepted: int = 0  # of those, kept
    forced_drafted: int = 0  # draft tokens for text the grammar forced (JSON keys), of ``drafted``
    forced_accepted: int = 0  # of those, kept
    grammar_full_passes: int = 0  # tokens for which the grammar saw the whole vocabulary
    finish_reason: str = "stop"  # stop | length | cancelled | (set by the caller: repetition)
    tokens: list[int] = field(default_factory=list)  # the answer's tokens (no end token)

    @property
    def generated(self) -> int:
        return len(self.tokens)


class Sampler:
    """The C sampler chain without the grammar, and the grammar beside it."""

    def __init__(self, lib: Any, vocab: Any, n_vocab: int, options: DecodeOptions,
                 prefixes: TokenPrefixes | None = None) -> None:  # fmt: skip
        self._lib = lib
        self.n_vocab = n_vocab
        self._prefixes = prefixes  # None: the grammar is asked about the whole vocabulary
        chain = lib.llama_sampler_chain_init(lib.llama_sampler_chain_default_params())
        # The same links, in the same order, as Llama._init_sampler. Penalties are called as
        # llama-cpp-python calls them: its binding declares n_vocab first, which the C function
        # (4 arguments) reads as the window, so the whole answer is penalised; a neutral
        # repeat penalty makes the link a no-op inside llama.cpp.
        lib.llama_sampler_chain_add(chain, lib.llama_sampler_init_penalties(
            n_vocab, 64, options.repeat_penalty, 0.0, 0.0))  # fmt: skip
        if options.temperature < 0:
            lib.llama_sampler_chain_add(chain, lib.llama_sampler_init_dist(options.seed))
        elif options.temperature == 0:
            lib.llama_sampler_chain_add(chain, lib.llama_sampler_init_greedy())
        else:
            lib.llama_sampler_chain_add(chain, lib.llama_sampler_init_top_k(options.top_k))
            lib.llama_sampler_chain_add(chain, lib.llama_sampler_init_typical(1.0, 1))
            lib.llama_sampler_chain_add(chain, lib.llama_sampler_init_top_p(options.top_p, 1))
            lib.llama_sampler_chain_add(chain, lib.llama_sampler_init_min_p(0.0, 1))
            lib.llama_sampler_chain_add(chain, lib.llama_sampler_init_temp(options.temperature))
            lib.llama_sampler_chain_add(chain, lib.llama_sampler_init_dist(options.seed))
        self._chain = chain
        self._grammar = None
        if options.grammar is not None:
            self._grammar = lib.llama_sampler_init_grammar(vocab, options.grammar.encode("utf-8"), b"root")
            if not self._grammar:
                lib.llama_sampler_free(chain)
                raise EngineError("llama.cpp could not parse the output grammar")
        self._ids = np.arange(n_vocab, dtype=np.int32)
        self._all_ids = np.arange(n_vocab, dtype=np.int64)
        self._cur = np.zeros(n_vocab, dtype=TOKEN_DATA)
        self._cur_array = lib.llama_token_data_array(
            data=self._cur.ctypes.data_as(lib.llama_token_data_p), size=n_vocab, selected=-1, sorted=False)
        self._one = np.zeros(1, dtype=TOKEN_DATA)
        self._one_array = lib.llama_token_data_array(
            data=self._one.ctypes.data_as(lib.llama_token_data_p), size=1, selected=-1, sorted=False)
        self.full_passes = 0
        self._greedy = options.temperature == 0
        self._plain_greedy = self._greedy and options.repeat_penalty == 1.0  # the penalty link is a no-op
        self._reorders = not self._greedy
        self._cur["id"] = self._ids
        self._refusals = self._leading_tries = self._leading_hits = 0
        self._leading_skipped = False

    def _fill(self, logits: Any) -> None:
        if self._reorders:  # top-k sorts and truncates the array; greedy and the grammar do not
            self._cur["id"] = self._ids
            self._cur["p"] = 0.0
        self._cur["logit"] = np.ctypeslib.as_array(logits, shape=(self.n_vocab,))
        self._cur_array.size = self.n_vocab
        self._cur_array.selected = -1
        self._cur_array.sorted = False

    def _chosen(self) -> int:
        selected = int(self._cur_array.selected)
        if selected < 0:
            raise EngineError("llama.cpp's sampler chose no token")
        return int(self._cur["id"][selected])

    def allows(self, grammar: Any, token: int) -> bool:
        self._one[0] = (token, 0.0, 0.0)
        self._one_array.size = 1
        self._one_array.selected = -1
        self._one_array.sorted = False
        self._lib.llama_sampler_apply(grammar, ctypes.byref(self._one_array))
        return not math.isinf(float(self._one["logit"][0]))

    def sample(self, ctx: Any, row: int) -> int:
        """The token for batch row ``row``; not accepted yet."""
        logits = self._lib.llama_get_logits_ith(ctx, row)
        if not logits:
            raise EngineError(f"llama.cpp has no logits for batch row {row}")
        if self._plain_greedy:
            return self._plain_greedy_token(np.ctypeslib.as_array(logits, shape=(self.n_vocab,)))
        self._fill(logits)
        self._lib.llama_sampler_apply(self._chain, ctypes.byref(self._cur_array))
        token = self._chosen()
        if self._grammar is None or self.allows(self._grammar, token):
            return token
        if self._greedy:
            best = self._best_leading(self._cur["logit"])  # penalised in place by the chain
            if best is not None:
                return best
        self.full_passes += 1
        self._fill(logits)  # index == token id again
        logits_by_id = self._cur["logit"]
        allowed = allowed_among(self._lib, self._grammar, self._plausible())
        kept = logits_by_id[allowed].copy()
        logits_by_id[:] = -math.inf
        logits_by_id[allowed] = kept
        self._lib.llama_sampler_apply(self._chain, ctypes.byref(self._cur_array))
        return self._chosen()

    def _plausible(self) -> NDArray[np.int64]:
        """Token ids the grammar may allow next: the prefilter's, else the whole vocabulary."""
        assert self._grammar is not None
        if self._prefixes is None:
            return self._all_ids
        return self._prefixes.candidates(self._lib, self._grammar)

    def _plain_greedy_token(self, logits: NDArray[np.float32]) -> int:
        """Greedy with a neutral repeat penalty is argmax (the first of equal logits, as
        llama.cpp's greedy link picks), read straight from llama.cpp's buffer; under the
        grammar, the best allowed token, asking the plausible ones in order of logit."""
        token = int(np.argmax(logits))
        if self._grammar is None or self.allows(self._grammar, token):
            return token
        best = self._best_leading(logits)
        if best is not None:
            return best
        ids = self._plausible()
        if self._leading_skipped and len(ids) > 2 * LEADING_CHUNKS[0]:  # the same, among these
            best = self._best_leading(logits, among=ids)
            if best is not None:
                return best
        for size in LEADING_CHUNKS:  # the likeliest first: usually one of them is allowed
            if len(ids) <= 2 * size:
                break
            values = logits[ids]
            kth = np.partition(values, len(values) - size)[len(values) - size]
            top = values >= kth  # every tie of the last one too: nothing left can beat or tie
            allowed = allowed_among(self._lib, self._grammar, ids[top])
            if len(allowed):
                return int(allowed[np.argmax(logits[allowed])])  # ids ascend: ties to the lower id
            ids = ids[~top]
        self.full_passes += 1
        allowed = allowed_among(self._lib, self._grammar, ids)
        if not len(allowed):
            raise EngineError("the output grammar allows no next token")
        return int(allowed[np.argmax(logits[allowed])])

    def _best_leading(self, logits: NDArray[np.float32],
                      among: NDArray[np.int64] | None = None) -> int | None:  # fmt: skip
        """The best allowed of the model's few likeliest tokens (by ``logits``, indexed by
        token id), or None. A trained model's next likeliest tokens nearly always hold an
        allowed one (all 30 of SmolLM2's refusals in a findings answer), so they are asked
        about before any prefilter work. Every token not asked is below the bar, so the best
        allowed one asked (ties to the lower id, as llama.cpp's greedy link breaks them) is
        the best allowed of all. A model for which this keeps failing (random weights) is
        asked only every 16th time, unless ``among`` (ascending ids) narrows the question."""
        assert self._grammar is not None
        if among is None:
            self._refusals += 1
            self._leading_skipped = not (self._leading_hits * 3 + 2 >= self._leading_tries
                                         or self._refusals % 16 == 0)  # fmt: skip
            if self._leading_skipped:
                return None
            self._leading_tries += 1
        sample = logits[:: max(1, self.n_vocab // LEADING_SAMPLE)]
        rank = min(len(sample), max(2, round(LEADING_TOKENS * len(sample) / self.n_vocab)))
        bar = np.partition(sample, len(sample) - rank)[len(sample) - rank]
        leading = np.flatnonzero(logits >= bar)
        if among is not None:
            at = np.minimum(np.searchsorted(among, leading), len(among) - 1)
            leading = leading[among[at] == leading]
        allowed = allowed_among(self._lib, self._grammar, leading)
        if not len(allowed):
            return None
        if among is None:
            self._leading_hits += 1
        return int(allowed[np.argmax(logits[allowed])])  # ids ascend: ties to the lower id

    def accept(self, token: int) -> None:
        if self._grammar is not None:
            self._lib.llama_sampler_accept(self._grammar, token)
        self._lib.llama_sampler_accept(self._chain, token)

    def forced_draft(self, tokenize: Callable[[bytes], list[int]]) -> list[int]:
        """Tokens for the text the grammar forces next (the keys of a JSON object in their
        fixed order, the rest of the one enum value left): a draft like any other, verified
        row by row, so a tokenization the model would not choose only costs its rows."""
        if self._grammar is None or self._prefixes is None:
            return []
        text = self._prefixes.forced_bytes(self._lib, self._grammar)
        # The last token is left out: the model may well merge it with the text after the
        # forced run (``"`` then ``:`` is one token ``":``).
        return tokenize(text)[:-1] if text else []

    def grammar_prefix(self, draft: Sequence[int]) -> int:
        """How many draft tokens the grammar allows from its present state."""
        if self._grammar is None or not draft:
            return len(draft)
        probe = self._lib.llama_sampler_clone(self._grammar)
        try:
            for index, token in enumerate(draft):
                if not self.allows(probe, token):
                    return index
                self._lib.llama_sampler_accept(probe, token)
            return len(draft)
        finally:
            self._lib.llama_sampler_free(probe)

    def close(self) -> None:
        self._lib.llama_sampler_free(self._chain)
        if self._grammar is not None:
            self._lib.llama_sampler_free(self._grammar)


def token_prefixes(llama: Any) -> TokenPrefixes:
    """The model's token prefixes, computed once per loaded model (0.07 s for SmolLM2's 49k
    tokens, 0.2 s for Qwen2.5's 152k; the engine does it while loading) and kept on the
    llama-cpp-python object."""
    import llama_cpp as lib

    cached = getattr(llama, "_enclave_token_prefixes", None)
    if cached is None:
        vocab = lib.llama_model_get_vocab(llama.model)
        cached = TokenPrefixes(lib, vocab, int(lib.llama_vocab_n_tokens(vocab)))
        llama._enclave_token_prefixes = cached
    return cached


class NgramIndex:
    """Where each recent n-gram of the context was last followed by a known token."""

    def __init__(self, tokens: Sequence[int]) -> None:
        self.tokens: list[int] = []
        self._last: dict[int, dict[tuple[int, ...], int]] = {n: {} for n in NGRAM_SIZES}
        self.extend(tokens)

    def extend(self, tokens: Sequence[int]) -> None:
        for token in tokens:
            position = len(self.tokens)
            for n in NGRAM_SIZES:
                if position >= n:
                    self._last[n][tuple(self.tokens[position - n:position])] = position
            self.tokens.append(token)

    def draft(self, limit: int, after: Sequence[int] = ()) -> list[int]:
        """Up to ``limit`` tokens that followed the longest n-gram ending the context (with
        ``after``, tokens already drafted, appended to it)."""
        if limit <= 0:
            return []
        end = len(self.tokens)
        tail = (self.tokens[-NGRAM_SIZES[0]:] + list(after))[-NGRAM_SIZES[0]:]
        for n in NGRAM_SIZES:
            if len(tail) < n:
                continue
            start = self._last[n].get(tuple(tail[-n:]))
            if start is not None and start < end:
                return self.tokens[start:min(start + limit, end)]
        return []


class _Batch:
    def __init__(self, lib: Any, capacity: int) -> None:
        self._lib = lib
        self.capacity = capacity
        self.batch = lib.llama_batch_init(capacity, 0, 1)

    def decode(self, ctx: Any, tokens: Sequence[int], first_position: int) -> None:
        batch = self.batch
        for i, token in enumerate(tokens):
            batch.token[i] = token
            batch.pos[i] = first_position + i
            batch.n_seq_id[i] = 1
            batch.seq_id[i][0] = 0
            batch.logits[i] = True
        batch.n_tokens = len(tokens)
        status = self._lib.llama_decode(ctx, batch)
        if status == 2:
            raise DecodeAborted()
        if status != 0:
            raise EngineError(f"llama.cpp failed while decoding (status {status})")

    def close(self) -> None:
        self._lib.llama_batch_free(self.batch)


def reuse_prefix(llama: Any, tokens: Sequence[int]) -> None:
    """Evaluate the prompt, keeping the longest cached prefix (at least one token is always
    evaluated, so the logits are those of a live decode)."""
    cached = llama.n_tokens
    keep = 0
    if cached > 0:
        for a, b in zip(llama.input_ids[:cached], tokens[:-1], strict=False):
            if a != b:
                break
            keep += 1
    if keep == 0:
        llama.reset()
    else:
        llama.n_tokens = keep
    llama.eval(list(tokens[keep:]))  # removes the stale KV cells from ``keep`` on


def decode(
    llama: Any,
    prompt: Sequence[int],
    options: DecodeOptions,
    *,
    on_tokens: Callable[[list[int]], bool],
    prefill: Callable[[], None] | None = None,
) -> DecodeStats:
    """Generate after ``prompt``. ``on_tokens`` gets each step's new tokens (one, or several
    when a draft was accepted) and returns False to stop. ``prefill``, when given, has
    evaluated the prompt itself (a prompt with images) and left ``llama.n_tokens`` at the
    next position. Runs on the engine's worker."""
    import llama_cpp as lib

    ctx = llama.ctx
    vocab = lib.llama_model_get_vocab(llama.model)
    n_vocab = int(lib.llama_vocab_n_tokens(vocab))
    n_ctx = int(llama.n_ctx())
    stats = DecodeStats()
    if prefill is not None:
        prefill()  # raises its own errors (images that do not fit, a cancelled encode)
    else:
        try:
            reuse_prefix(llama, prompt)
        except RuntimeError as exc:
            raise DecodeAborted() from exc
    sampler = Sampler(lib, vocab, n_vocab, options, token_prefixes(llama) if options.grammar else None)
    batch = _Batch(lib, 1 + (options.max_draft if options.lookup else 0))

    def tokenize(text: bytes) -> list[int]:
        return list(llama.tokenize(text, add_bos=False, special=False))

    index = NgramIndex(prompt) if options.lookup else None
    draft_size = min(FIRST_DRAFT, options.max_draft)
    backoff = 0  # after a draft that missed entirely, skip drafting for this many steps
    skip = 0
    try:
        token = sampler.sample(ctx, -1)  # the prompt's last row
        while True:
            sampler.accept(token)
            if lib.llama_vocab_is_eog(vocab, token):
                return stats
            stats.tokens.append(token)
            if index is not None:
                index.extend([token])
            keep_going = on_tokens([token])
            if not keep_going:
                stats.finish_reason = "cancelled"
                return stats
            if stats.generated >= options.max_tokens:
                stats.finish_reason = "length"
                return stats
            position = llama.n_tokens
            room = min(options.max_tokens - stats.generated, n_ctx - position - 1, options.max_draft)
            forced: list[int] = []
            copied: list[int] = []
            if index is not None:
                # The grammar's forced text is drafted whatever the copying's record; what
                # follows it is copied from the documents and the answer.
                forced = sampler.forced_draft(tokenize)[:room]
                if skip:
                    skip -= 1
                else:
                    copied = index.draft(min(draft_size, room - len(forced)), after=forced)
            draft = forced + copied
            draft = draft[: sampler.grammar_prefix(draft)] if draft else draft
            forced, copied = draft[: len(forced)], draft[len(forced):]
            # ``token`` is accepted; the draft rows are checked one by one below.
            batch.decode(ctx, [token, *draft], position)
            llama.input_ids[position] = token
            stats.steps += 1
            stats.drafted += len(draft)
            kept = 0
            nxt = sampler.sample(ctx, 0)
            while kept < len(draft) and nxt == draft[kept]:
                sampler.accept(nxt)
                llama.input_ids[position + 1 + kept] = nxt
                kept += 1
                if lib.llama_vocab_is_eog(vocab, nxt):
                    break
                nxt = sampler.sample(ctx, kept)
            llama.n_tokens = position + 1 + kept
            if kept < len(draft):
                llama._ctx.kv_cache_seq_rm(-1, llama.n_tokens, -1)
            stats.accepted += kept
            stats.forced_drafted += len(forced)
            stats.forced_accepted += min(kept, len(forced))
            if copied and kept >= len(forced):  # the copied part was reached: judge it
                copied_kept = kept - len(forced)
                # Draft more after a full hit, less after a miss (a miss costs compute).
                draft_size = (min(options.max_draft, draft_size * 2) if copied_kept == len(copied)
                              else max(MIN_DRAFT, copied_kept + 1))  # fmt: skip
                # Prose that does not quote the source misses again and again: back off.
                backoff = 0 if copied_kept else min(MAX_BACKOFF, max(1, backoff * 2))
                skip = backoff
            if kept:
                accepted = list(draft[:kept])
                ended = lib.llama_vocab_is_eog(vocab, accepted[-1])
                if ended:
                    accepted.pop()
                room_left = options.max_tokens - stats.generated
                accepted = accepted[:room_left]
                stats.tokens.extend(accepted)
                if index is not None:
                    index.extend(accepted)
                if accepted and not on_tokens(accepted):
                    stats.finish_reason = "cancelled"
                    return stats
                if ended:
                    return stats
                if stats.generated >= options.max_tokens:
                    stats.finish_reason = "length"
                    return stats
            token = nxt
    finally:
        stats.grammar_full_passes = sampler.full_passes
        sampler.close()
        batch.close()
