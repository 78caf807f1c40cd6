"""``enclave look FILES... [--task describe|compare|ask]``: the vision model looks at key
images of a DICOM series (and reads any report given with them)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from app.core.vision.key_images import PRESETS

TASK_NAMES = {"describe": "describe_images", "compare": "compare_images", "ask": "ask_images"}


def register(sub: Any) -> dict[str, Callable[[argparse.Namespace], int]]:
    parser = sub.add_parser("look", help="let the vision model look at key images of a DICOM series")
    parser.add_argument("files", nargs="+", metavar="FILE|FOLDER", help="DICOM files or folders, and reports")
    parser.add_argument(
        "--task",
        choices=tuple(TASK_NAMES),
        default="describe",
        help="describe the images, compare them with the report, or ask (--question)",
    )
    parser.add_argument("--question", default="", help="the question, for --task ask")
    parser.add_argument(
        "--series", type=int, default=1, metavar="N", help="which series (1 = the first found)"
    )
    parser.add_argument(
        "--frames",
        default="",
        metavar="N,N,...",
        help="the key images by frame number (1-based); default: --slices evenly spaced",
    )
    parser.add_argument("--slices", type=int, default=3, help="how many evenly spaced slices (default 3)")
    parser.add_argument(
        "--preset",
        choices=tuple(PRESETS),
        default=None,
        help="window preset (default: the file's own window)",
    )
    parser.add_argument(
        "--confirm-burned-in",
        action="store_true",
        help="I have looked: send images that may carry burned-in text at privacy high",
    )
    parser.add_argument("--lang", choices=("en", "zh_CN"), default=None)
    parser.add_argument("--max-tokens", type=int, default=None)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--vision-model", metavar="PATH", default=None)
    parser.add_argument("--vision-projector", metavar="PATH", default=None)
    return {"look": run}


def _eprint(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


def _frames(text: str) -> list[int]:
    try:
        numbers = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ValueError(f"--frames {text!r}: give frame numbers like 12,30,45") from None
    if any(n < 1 for n in numbers):
        raise ValueError("--frames: frame numbers start at 1")
    return [n - 1 for n in numbers]


def run(args: argparse.Namespace) -> int:
    from app.core.llm.errors import EngineError
    from app.core.vision.key_images import KeyImageError
    from app.services import Services, vision

    if args.task == "ask" and not args.question.strip():
        _eprint("enclave: --task ask needs --question")
        return 2
    services = Services()
    if args.vision_model:
        services.settings.vision_model_path = args.vision_model
    if args.vision_projector:
        services.settings.vision_projector_path = args.vision_projector
    language = args.lang or services.settings.language
    try:
        read = services.read_documents(args.files)
        for error in read.errors:
            _eprint(f"enclave: {error}")
        found = vision.all_series(read.documents)
        if not found:
            _eprint("enclave: no DICOM image series among the files given")
            return 1
        if not 1 <= args.series <= len(found):
            _eprint(f"enclave: --series {args.series}: there are {len(found)} series (1..{len(found)})")
            return 1
        series = found[args.series - 1]
        picks = vision.picks_for(
            series,
            frames=_frames(args.frames),
            slices=args.slices,
            preset_name=args.preset,
            confirm_burned_in=args.confirm_burned_in,
        )
        loaded = vision.load(services)
        for warning in loaded.report.warnings:
            _eprint(f"enclave: note: {warning}")
        if not args.json:
            _eprint(
                f"enclave: {series.label}: looking at {len(picks)} image(s) with {loaded.report.model_name}"
            )
        run_ = vision.start(
            services,
            read.documents,
            TASK_NAMES[args.task],
            picks,
            question=args.question,
            language=language,
            max_tokens=args.max_tokens,
        )
        answer = vision.finish(run_, "".join(run_.generation))
    except (EngineError, KeyImageError, ValueError) as exc:
        _eprint(f"enclave: {exc}")
        return 1
    finally:
        services.close()
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(answer.markdown())
        for warning in answer.warnings:
            _eprint(f"enclave: note: {warning}")
    return 0
