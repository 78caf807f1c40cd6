"""The Qt binding itself: a signal emitted to a Python slot must leave the reference counts of
True, False and None as they were. PySide6 6.12.0 took one from True on every emission, so a
long session (streamed answers emit a signal per chunk) ended in a fatal "bool_dealloc"."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


def test_emitting_signals_does_not_drain_the_singletons_reference_counts(qapp):
    emitter = _Emitter()
    received: list[object] = []
    emitter.fired.connect(received.append)
    emitter.fired.emit(0)  # first use: let the binding cache what it caches
    payloads = (None, 1, "text", {"a": True}) * 250
    before = [sys.getrefcount(x) for x in (True, False, None)]
    for payload in payloads:
        emitter.fired.emit(payload)
    received.clear()
    del payload
    after = [sys.getrefcount(x) for x in (True, False, None)]
    assert [a - b for a, b in zip(after, before, strict=True)] == [0, 0, 0]
