"""A bounded, seeded, deterministic mutation fuzzer: the fallback when atheris is not
installed (same targets, no coverage guidance). Prints 'Done N runs'; on the first input
that makes a target raise anything but a clear error it writes the input to
``--artifacts`` and exits 1.

    .venv/bin/python -m tests.fuzz.mutate TARGET SEED_DIR [--seconds S] [--seed N] [--artifacts DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
import warnings
from pathlib import Path

from tests.fuzz import targets


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        choice = rng.randrange(6)
        at = rng.randrange(len(out) + 1)
        if choice == 0 and out:  # flip bits
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif choice == 1:  # insert interesting bytes
            out[at:at] = rng.choice([b"\xff\xff\xff\xff", b"\x00\x00\x00\x80", b"\x00", b"[", b"{", b"(",
                                     b"<<", b"|", b"^", b"\r", b"\xfe\xff", b"\x7f\xff\xff\xff"])
        elif choice == 2 and out:  # delete a run
            del out[at:at + rng.randint(1, 64)]
        elif choice == 3 and out:  # duplicate a chunk
            start = rng.randrange(len(out))
            out[at:at] = out[start:start + rng.randint(1, 256)]
        elif choice == 4 and out:  # truncate
            del out[rng.randrange(len(out)):]
        elif out:  # overwrite with a random integer
            out[at:at + 4] = rng.getrandbits(32).to_bytes(4, "little")
    return bytes(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("target", choices=sorted(targets.TARGETS))
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--artifacts", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    run = targets.TARGETS[args.target]
    seeds = [p.read_bytes() for p in sorted(args.seeds.iterdir()) if p.is_file()] or [b""]
    rng = random.Random(f"{args.target}:{args.seed}")
    deadline, runs = time.monotonic() + args.seconds, 0
    while time.monotonic() < deadline:
        data = mutate(rng.choice(seeds), rng)
        runs += 1
        try:
            run(data)
        except Exception:
            artifact = args.artifacts / f"crash-{args.target}-{runs}"
            artifact.write_bytes(data)
            traceback.print_exc()
            print(f"crash: {artifact}", file=sys.stderr)
            return 1
    print(f"Done {runs} runs in {args.seconds:g} second(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
