"""Use cases for clinical tasks: run a task to a typed result, ask a question, run a batch.

Both faces call these. ``start`` returns at once with a streaming generation (the GUI
shows the text as it comes); ``finish`` turns the finished text into a :class:`TaskResult`
with the checks that are computed, not generated: structured findings with grounding and
negation rules, the Fleischner panel, reading level, kept terms and quoted support.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core import messages
from app.core.documents.model import Document
from app.core.federation import consortium_models
from app.core.federation.second_opinion import compare
from app.core.llm.engine import Timings
from app.core.tasks import checks
from app.core.tasks import findings as findings_mod
from app.core.tasks.batch import BatchSummary, ProgressFn, list_inputs, run_batch
from app.core.tasks.catalogue import AI_DRAFT_LABEL, ASK
from app.core.tasks.catalogue import task as task_prompt
from app.core.tasks.evaluation import Evaluation, corpus_report_text
from app.core.tasks.followup import build_panel
from app.core.tasks.results import TaskResult
from app.core.tasks.runner import TaskRequest, build_messages, schema_for

if TYPE_CHECKING:
    from app.services import Services, TaskRun

TextCallback = Callable[[str], None]
EvalProgress = Callable[[int, int, str, TaskResult], None]  # (done, total, report name, its result)
PANEL_TASKS = ("findings", "followup")


def start(services: Services, documents: Sequence[Document], request: TaskRequest,
          max_tokens: int | None = None) -> TaskRun:  # fmt: skip
    """Start a task; iterate ``run.generation`` for text, then call :func:`finish`.
    A task with a JSON schema (findings) is held to it by a llama.cpp grammar."""
    from app.services import TaskRun, sampling_params

    prompt = task_prompt(request.task_id)
    messages = build_messages(request, documents)
    generation = services.engine.stream(messages, sampling_params(services.settings, max_tokens),
                                        json_schema=schema_for(prompt))  # fmt: skip
    name = services.engine.report.model_name if services.engine.report else "unknown"
    return TaskRun(request, prompt.ref, generation, list(documents), name)


def finish(run: TaskRun, text: str, *, demo_model: bool = False,
           timings: Timings | None = None) -> TaskResult:  # fmt: skip
    """The typed result of a finished (or cancelled) run, with every computed check
    (``timings``: those of a task run in parts, instead of the run's own)."""
    request = run.request
    language = request.answer_language
    timings = timings or run.generation.timings
    finish_reason = timings.finish_reason if timings else "stop"
    sources = [document.text() for document in run.documents]
    names = [document.name for document in run.documents]
    result = TaskResult(
        task=request.task_id,
        prompt=run.prompt_ref,
        model=run.model_name,
        language=language,
        label=AI_DRAFT_LABEL.get(language, AI_DRAFT_LABEL["en"]),
        text=text,
        documents=[{"name": d.name, "kind": d.kind} for d in run.documents],
        # A loop stopped by the repetition guard ends the answer; it is not cut short.
        complete=finish_reason in ("stop", "repetition"),
        timings=vars(timings) if timings else None,
        demo_model=demo_model,
    )
    if finish_reason == "length":
        result.warnings.append("The answer stopped at the token limit; it may be incomplete.")
    elif finish_reason == "cancelled":
        result.warnings.append("The answer was cancelled before it was complete.")
    elif finish_reason == "repetition" and timings is not None:
        result.warnings.append(messages.REPETITION_STOPPED.format(reason=timings.stopped_because))
    if task_prompt(request.task_id).output == "json":
        try:
            parsed = findings_mod.parse(text)
        except findings_mod.FindingsFormatError as exc:
            result.json_valid = False
            result.findings = []
            result.warnings.append(f"No structured findings: {exc}.")
        else:
            result.json_valid = parsed.complete
            # Stopped in a loop: the list ends after the last new finding, nothing is missing.
            looped = finish_reason == "repetition"
            result.complete = result.complete and (parsed.complete or looped)
            result.warnings.extend(parsed.warnings)
            if not parsed.complete and not looped:
                result.warnings.append(f"The findings JSON was cut short; the {len(parsed.items)} "
                                       "complete findings are kept.")  # fmt: skip
            result.findings = findings_mod.check(parsed.items, sources, names)
            missing = sum(not f.grounding.grounded and not f.grounding.located for f in result.findings)
            refused = sum(not f.grounding.grounded and f.grounding.located for f in result.findings)
            if missing:
                result.warnings.append(f"{missing} finding(s) quote words that are not in the "
                                       "documents: check them against the source.")  # fmt: skip
            if refused:
                result.warnings.append(f"{refused} finding(s) quote the documents, but the quote does not "
                                       "support what the finding says (side, size, negation or another "
                                       "finding): check them against the source.")  # fmt: skip
            mislabelled = sum(f.label_in_evidence is False for f in result.findings)
            if mislabelled:
                result.warnings.append(f"{mislabelled} finding(s) have a label that their quote does not "
                                       "name.")  # fmt: skip
            result.checks["grounded_share"] = result.grounded_share
            _second_opinion(result, sources)
    if request.task_id in PANEL_TASKS:
        result.fleischner = build_panel(sources, names, result.findings or ())
    if request.task_id == "patient":
        result.checks["reading_level"] = checks.reading_level(text)
    if request.task_id == "translate":
        result.checks["terms"] = checks.kept_terms("\n\n".join(sources), text)
    if request.task_id in (ASK, "summary", "impression", "followup"):
        result.checks["quotes"] = checks.quoted_support(text, sources)
    return result


def _second_opinion(result: TaskResult, sources: Sequence[str]) -> None:
    """The consortium's model beside the draft: flags where they disagree (never a change)."""
    installed = consortium_models.current()
    if installed is None or result.findings is None:
        return
    result.second_opinion = compare(installed.model, "\n\n".join(sources), result.findings)
    made = installed.provenance
    result.checks["consortium_model"] = {
        "plan": made.plan, "rounds": made.rounds, "sites": list(made.sites), "epsilon": made.epsilon,
        "sha256": installed.sha256,
    }  # fmt: skip


def _drain(run: TaskRun, on_text: TextCallback | None, cancel: threading.Event | None) -> str:
    """The run's whole text (cancelled when ``cancel`` is set), passing each chunk on."""
    chunks: list[str] = []
    try:
        for chunk in run.generation:
            chunks.append(chunk)
            if on_text is not None:
                on_text(chunk)
            if cancel is not None and cancel.is_set():
                run.generation.cancel()
    except BaseException:
        run.generation.cancel()
        for _ in run.generation:  # let the worker finish before the caller moves on
            pass
        raise
    return "".join(chunks)


def analyze(services: Services, documents: Sequence[Document], request: TaskRequest, *,
            max_tokens: int | None = None, on_text: TextCallback | None = None,
            cancel: threading.Event | None = None,
            on_progress: Callable[[str], None] | None = None) -> TaskResult:  # fmt: skip
    """Run a task to the end (or until ``cancel`` is set) and return its typed result.
    Documents too long for the context with the prompt and the answer budget are read in
    parts and the answers combined (app/services/long_documents.py); never cut silently.
    ``on_progress`` hears, in words, how many parts there are and which one is running."""
    from app.services.long_documents import analyze_in_parts

    prompt_tokens = _prompt_tokens(services, documents, request)
    if prompt_tokens + _answer_budget(services, max_tokens) > services.engine.n_ctx:
        return analyze_in_parts(services, documents, request, max_tokens=max_tokens,
                                prompt_tokens=prompt_tokens, on_text=on_text, cancel=cancel,
                                on_progress=on_progress)  # fmt: skip
    run = start(services, documents, request, max_tokens)
    text = _drain(run, on_text, cancel)
    return finish(run, text, demo_model=is_demo(services))


def _prompt_tokens(services: Services, documents: Sequence[Document], request: TaskRequest) -> int:
    return services.engine.count_prompt_tokens(build_messages(request, documents))


def _answer_budget(services: Services, max_tokens: int | None) -> int:
    from app.services import sampling_params

    return sampling_params(services.settings, max_tokens).max_tokens


def needs_parts(services: Services, documents: Sequence[Document], request: TaskRequest,
                max_tokens: int | None = None) -> bool:  # fmt: skip
    """True when the documents, the prompt and the answer budget exceed the context, so
    :func:`analyze` will read the documents in parts (the GUI asks before streaming)."""
    budget = _answer_budget(services, max_tokens)
    return _prompt_tokens(services, documents, request) + budget > services.engine.n_ctx


def is_demo(services: Services) -> bool:
    return bool(services.model_choice and services.model_choice.is_demo)


def ask(services: Services, documents: Sequence[Document], question: str, *, language: str = "en",
        max_tokens: int | None = None, on_text: TextCallback | None = None) -> TaskResult:  # fmt: skip
    """A free question about the session's documents (several reports and studies)."""
    from app.core.deid.text import protect_question

    if not question.strip():
        raise ValueError("the question is empty")
    question = protect_question(question.strip(), documents, services.settings.privacy_level)
    request = TaskRequest(ASK, language=language, question=question)
    return analyze(services, documents, request, max_tokens=max_tokens, on_text=on_text)


def batch(services: Services, folder: Path, out: Path, request: TaskRequest, *,
          max_tokens: int | None = None, progress: ProgressFn | None = None,
          retry_errors: bool = False, cancel: threading.Event | None = None,
          parallel: int = 1) -> BatchSummary:  # fmt: skip
    """Run ``request`` over every file in ``folder``, appending one JSON line per file to
    ``out``; files finished by an earlier run (same content, prompt, language, model) are
    skipped. ``parallel`` > 1 decodes that many documents at once as parallel sequences in
    one llama.cpp context (app/core/llm/parallel.py). The model must be loaded."""
    files = list_inputs(folder, exclude=[out])
    prompt = task_prompt(request.task_id)
    model = services.engine.report.model_name if services.engine.report else "unknown"
    key = f"{prompt.ref}|{request.answer_language}|{model}"

    def process(path: Path) -> dict[str, Any]:
        read = services.read_documents([path])
        if read.errors:
            raise read.errors[0]
        result = analyze(services, read.documents, request, max_tokens=max_tokens, cancel=cancel)
        return result.to_dict()

    def process_many(paths: list[Path]) -> list[dict[str, Any] | Exception]:
        return [r if isinstance(r, Exception) else r.to_dict()
                for r in analyze_parallel(services, paths, request, max_tokens=max_tokens)]  # fmt: skip

    return run_batch(files, process, out, task_key=key, root=folder, progress=progress,
                     retry_errors=retry_errors, cancel=cancel,
                     process_many=process_many if parallel > 1 else None, group_size=parallel)  # fmt: skip


def analyze_parallel(services: Services, paths: Sequence[Path], request: TaskRequest, *,
                     max_tokens: int | None = None) -> list[TaskResult | Exception]:  # fmt: skip
    """One result (or the error) per file, the files' answers decoded together as parallel
    sequences. A file whose prompt does not fit the context alone goes the one-at-a-time way
    (read in parts)."""
    from app.core.llm.engine import Generation
    from app.core.llm.parallel import generate_parallel
    from app.services import TaskRun, sampling_params

    sampling = sampling_params(services.settings, max_tokens)
    prompt = task_prompt(request.task_id)
    model = services.engine.report.model_name if services.engine.report else "unknown"
    results: list[TaskResult | Exception] = []
    together: list[tuple[int, list[Document], list[Any]]] = []  # (slot, documents, messages)
    for path in paths:
        read = services.read_documents([path])
        if read.errors or not read.documents:
            results.append(read.errors[0] if read.errors else ValueError(f"{path.name}: nothing to read"))
            continue
        messages = build_messages(request, read.documents)
        if services.engine.count_prompt_tokens(messages) + sampling.max_tokens > services.engine.n_ctx:
            try:
                results.append(analyze(services, read.documents, request, max_tokens=max_tokens))
            except Exception as exc:
                results.append(exc)
            continue
        together.append((len(results), read.documents, messages))
        results.append(ValueError("not run"))  # replaced below
    if together:
        run = generate_parallel(services.engine, [m for _, _, m in together], sampling, schema_for(prompt))
        share = run.seconds / len(together)
        for (slot, documents, _), output in zip(together, run.outputs, strict=True):
            generation = Generation(services.engine)  # a finished stand-in carrying this answer's timings
            timings = Timings(prompt_tokens=output.prompt_tokens, generated_tokens=len(output.tokens),
                              total_seconds=share, finish_reason=output.finish_reason,
                              decode_tokens_per_second=run.tokens_per_second)  # fmt: skip
            task_run = TaskRun(request, prompt.ref, generation, list(documents), model)
            results[slot] = finish(task_run, output.text, demo_model=is_demo(services), timings=timings)
    return results


def evaluate_findings(services: Services, rows: Sequence[dict[str, str]], *, max_tokens: int | None = None,
                      progress: EvalProgress | None = None) -> Evaluation:  # fmt: skip
    """Findings extraction over corpus rows (read in memory, never written to disk), each
    de-identified per the privacy level as a dropped file would be, scored against its
    'Problems' codes. The model must be loaded."""
    from app.core.deid.document import protect
    from app.core.documents.text import text_document
    from app.core.tasks.vocabulary import iu_labels
    from app.services.documents import deidentifier

    tool = deidentifier()
    evaluation = Evaluation()
    for index, row in enumerate(rows, start=1):
        name = f"iu-{row.get('uid') or index}.txt"
        document = text_document(corpus_report_text(row), Path(name), "text")
        protect(document, services.settings.privacy_level, tool)
        started = time.perf_counter()
        result = analyze(services, [document], TaskRequest("findings"), max_tokens=max_tokens)
        seconds = time.perf_counter() - started
        evaluation.add(document.text(), iu_labels(row.get("Problems") or ""), result.findings or [],
                       bool(result.json_valid), seconds)  # fmt: skip
        if progress is not None:
            progress(index, len(rows), name, result)
    return evaluation
