"""Token bytes to text as it streams: whole UTF-8 characters only, and stop strings cut.

Text that could be the start of a stop string is held back until the next token decides it,
as llama-cpp-python's completion does, so a stop string never reaches the screen.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence


class TextStream:
    def __init__(self, stops: Sequence[str] = ()) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._stops = [s for s in stops if s]
        self._held = ""
        self.text = ""  # everything released so far
        self.stopped = False

    def push(self, piece: bytes) -> str:
        """Add a token's bytes; returns the text that may be shown now."""
        if self.stopped:
            return ""
        self._held += self._decoder.decode(piece)
        return self._release(final=False)

    def finish(self) -> str:
        if self.stopped:
            return ""
        self._held += self._decoder.decode(b"", final=True)
        return self._release(final=True)

    def _release(self, *, final: bool) -> str:
        held = self._held
        for stop in self._stops:
            at = held.find(stop)
            if at >= 0:
                self.stopped = True
                self._held = ""
                self.text += held[:at]
                return held[:at]
        keep = 0
        if not final:
            for stop in self._stops:  # the longest tail that begins a stop string
                for size in range(min(len(stop) - 1, len(held)), 0, -1):
                    if stop.startswith(held[-size:]):
                        keep = max(keep, size)
                        break
        out, self._held = (held[: len(held) - keep], held[len(held) - keep:]) if keep else (held, "")
        self.text += out
        return out
