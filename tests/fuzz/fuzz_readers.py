"""Coverage-guided fuzzing of the readers with atheris (libFuzzer).

    .venv/bin/python -m tests.fuzz.fuzz_readers TARGET [CORPUS_DIR ...] [libFuzzer flags]

TARGET is one of tests/fuzz/targets.py TARGETS (dicom, pdf, docx, rtf, hl7, text, zip, gguf).
``--make-seeds DIR`` writes the seed corpora first. The long documented run (docs/security.md):

    .venv/bin/python -m tests.fuzz.fuzz_readers --make-seeds /tmp/seeds
    export ENCLAVE_FUZZ_DEEP=1
    for t in dicom pdf docx rtf hl7 text zip gguf; do
      .venv/bin/python -m tests.fuzz.fuzz_readers $t /tmp/corpus/$t /tmp/seeds/$t \\
          -max_total_time=3600 -timeout=10 -rss_limit_mb=3072 -artifact_prefix=/tmp/crash-$t-
    done

A crash, a timeout or an RSS overrun leaves the input under -artifact_prefix: copy it into
tests/fuzz/regressions/TARGET/ so that tests/fuzz/test_fuzz.py replays it for ever.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

import atheris

warnings.simplefilter("ignore")  # library warnings about malformed values are expected here
# Instrumenting only our code starts in seconds; ENCLAVE_FUZZ_DEEP=1 also instruments the
# parsing libraries (much slower to start, better coverage: for the long run).
LIBRARIES = ["pydicom", "pypdf", "striprtf", "hl7", "docx"] if os.environ.get("ENCLAVE_FUZZ_DEEP") else []
with atheris.instrument_imports(include=["app", *LIBRARIES]):
    from tests.fuzz import targets


def main(argv: list[str]) -> int:
    if argv[:1] == ["--make-seeds"]:
        for name, folder in targets.make_seeds(Path(argv[1])).items():
            print(f"{name}: {len(list(folder.iterdir()))} seeds in {folder}")
        return 0
    target = targets.TARGETS[argv[0]]
    atheris.Setup([sys.argv[0], *argv[1:]], target)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
