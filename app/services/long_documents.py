"""Tasks on documents longer than the model's context: split, map, then reduce.

The documents are cut at sections and pages (app/core/tasks/splitting.py) into parts that
each fit beside the prompt and the answer budget, as counted by the model's own tokenizer;
the same task runs on each part. Then:

- findings: the parts' findings are merged and grounded against the WHOLE documents, so
  every offset points into the original text, as for a document read at once;
- translation: the parts' translations are joined in order (a translation is not condensed);
- other text tasks: a reduce prompt combines the parts' answers (in rounds when the answers
  themselves do not fit at once).

Nothing is cut silently: the result's ``checks["split"]`` says how many parts there were and
what each covered, and a warning says the documents were read in parts.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from app.core.documents.model import Document
from app.core.llm.chat_template import Message
from app.core.llm.engine import Timings
from app.core.tasks import findings as findings_mod
from app.core.tasks import splitting
from app.core.tasks.catalogue import task as task_prompt
from app.core.tasks.results import TaskResult
from app.core.tasks.runner import TaskRequest, build_messages, build_reduce_messages

if TYPE_CHECKING:
    from app.services import Services, TaskRun
    from app.services.tasks import TextCallback


def combined_timings(all_timings: Sequence[Timings]) -> Timings:
    """The timings of several generations as one run's."""
    total = Timings(
        prompt_tokens=sum(t.prompt_tokens for t in all_timings),
        generated_tokens=sum(t.generated_tokens for t in all_timings),
        time_to_first_token=all_timings[0].time_to_first_token if all_timings else 0.0,
        total_seconds=sum(t.total_seconds for t in all_timings),
    )
    reasons = {t.finish_reason for t in all_timings}
    # The worst one says what the whole answer is; a part stopped in a loop says so too.
    for reason in ("cancelled", "length", "repetition"):
        if reason in reasons:
            total.finish_reason = reason
            total.stopped_because = next(t.stopped_because for t in all_timings if t.finish_reason == reason)
            break
    total.decode_steps = sum(t.decode_steps for t in all_timings)
    total.drafted_tokens = sum(t.drafted_tokens for t in all_timings)
    total.accepted_tokens = sum(t.accepted_tokens for t in all_timings)
    prompt_seconds = sum(t.time_to_first_token for t in all_timings)
    if prompt_seconds > 0:
        total.prompt_tokens_per_second = total.prompt_tokens / prompt_seconds
    decoding = [t for t in all_timings if t.generated_tokens > 1 and t.total_seconds > t.time_to_first_token]
    decode_seconds = sum(t.total_seconds - t.time_to_first_token for t in decoding)
    if decode_seconds > 0:
        total.decode_tokens_per_second = sum(t.generated_tokens - 1 for t in decoding) / decode_seconds
    return total


class _Parts:
    """One task in parts: counts tokens against the context and runs each generation."""

    def __init__(self, services: Services, request: TaskRequest, max_tokens: int | None,
                 cancel: threading.Event | None) -> None:  # fmt: skip
        from app.services import sampling_params

        self.services = services
        self.request = request
        self.max_tokens = max_tokens
        self.sampling = sampling_params(services.settings, max_tokens)
        self.n_ctx = services.engine.n_ctx
        self.cancel = cancel
        self.timings: list[Timings] = []
        self.last: TaskRun | None = None

    def fits_messages(self, messages: Sequence[Message]) -> bool:
        return self.services.engine.count_prompt_tokens(messages) + self.sampling.max_tokens <= self.n_ctx

    def fits(self, documents: Sequence[Document]) -> bool:
        return self.fits_messages(build_messages(self.request, documents))

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def _record(self, run: TaskRun, text: str) -> str:
        if run.generation.timings is not None:
            self.timings.append(run.generation.timings)
        self.last = run
        return text

    def map(self, part: Sequence[Document], on_text: TextCallback | None) -> str:
        from app.services.tasks import _drain, start

        run = start(self.services, part, self.request, self.max_tokens)
        return self._record(run, _drain(run, on_text, self.cancel))

    def reduce_once(self, answers: Sequence[str], on_text: TextCallback | None) -> str:
        from app.services import TaskRun
        from app.services.tasks import _drain

        generation = self.services.engine.stream(build_reduce_messages(self.request, answers), self.sampling)
        run = TaskRun(self.request, task_prompt(self.request.task_id).ref, generation, [], "")
        return self._record(run, _drain(run, on_text, self.cancel))

    def reduce(self, answers: list[str], on_text: TextCallback | None) -> tuple[str, int]:
        """One answer from several; returns it and the number of reduce rounds."""
        rounds = 0
        while True:
            rounds += 1
            if self.fits_messages(build_reduce_messages(self.request, answers)):
                return self.reduce_once(answers, on_text), rounds
            groups: list[list[str]] = []
            for answer in answers:
                if groups and self.fits_messages(build_reduce_messages(self.request, [*groups[-1], answer])):
                    groups[-1].append(answer)
                else:
                    groups.append([answer])
            if len(groups) == len(answers):
                raise splitting.SplitError(
                    f"the answers for the parts do not fit together in the model's context ({self.n_ctx} "
                    f"tokens) beside an answer budget of {self.sampling.max_tokens} tokens; lower the answer "
                    "length (max tokens) or raise the context size (n_ctx)")  # fmt: skip
            answers = []
            for group in groups:
                answers.append(self.reduce_once(group, None) if len(group) > 1 else group[0])
                if self.cancelled:
                    return "\n\n".join(answers), rounds


def analyze_in_parts(services: Services, documents: Sequence[Document], request: TaskRequest, *,
                     max_tokens: int | None = None, prompt_tokens: int = 0,
                     on_text: TextCallback | None = None,
                     cancel: threading.Event | None = None,
                     on_progress: Callable[[str], None] | None = None) -> TaskResult:  # fmt: skip
    """Run ``request`` on ``documents`` in parts that fit, and combine the answers."""
    def say(message: str) -> None:
        if on_progress is not None:
            on_progress(message)

    from app.services import TaskRun
    from app.services.tasks import finish, is_demo

    job = _Parts(services, request, max_tokens, cancel)
    say(f"the documents ({prompt_tokens:,} tokens with the prompt) do not fit the model's context "
        f"({job.n_ctx:,} tokens) beside the answer: cutting them into parts")
    parts = splitting.split(documents, job.fits)
    say(f"reading the documents in {len(parts)} parts")
    prompt = task_prompt(request.task_id)
    translate = request.task_id == "translate"
    answers: list[str] = []
    for number, part in enumerate(parts):
        if translate and number and on_text is not None:
            on_text("\n\n")
        # A translation streams as it goes (parts are joined in order); other answers are
        # shown once combined.
        say(f"part {number + 1} of {len(parts)}")
        answers.append(job.map(part, on_text if translate else None))
        if job.cancelled:
            break
    merged: findings_mod.ParsedFindings | None = None
    rounds = 0
    if prompt.output == "json":
        merged = findings_mod.merge(answers)
        text, how = json.dumps({"findings": merged.items}, ensure_ascii=False), "findings merged"
    elif translate:
        text, how = "\n\n".join(answer.strip() for answer in answers), "joined in order"
    elif len(answers) == 1 or job.cancelled:
        text, how = "\n\n".join(answers), "not combined (cancelled)"
    else:
        say(f"combining the {len(answers)} answers")
        text, rounds = job.reduce(answers, on_text)
        how = "combined by the model"
    assert job.last is not None
    model = services.engine.report.model_name if services.engine.report else "unknown"
    run = TaskRun(request, prompt.ref, job.last.generation, list(documents), model)
    result = finish(run, text, demo_model=is_demo(services), timings=combined_timings(job.timings))
    if merged is not None:
        result.json_valid = bool(result.json_valid) and merged.complete
        result.complete = result.complete and merged.complete
        result.warnings.extend(merged.warnings)
    result.warnings.insert(0, f"The documents ({prompt_tokens} tokens with the prompt) do not fit the "
                           f"model's context ({job.n_ctx} tokens) beside the answer: they were read in "
                           f"{len(parts)} parts, at section and page boundaries, and the answers {how}.")
    split: dict[str, Any] = {
        "parts": len(parts), "parts_run": len(answers), "prompt_tokens": prompt_tokens, "n_ctx": job.n_ctx,
        "answer_budget": job.sampling.max_tokens, "combined": how, "reduce_rounds": rounds,
        "covers": [splitting.spans(part) for part in parts],
    }  # fmt: skip
    result.checks["split"] = split
    return result
