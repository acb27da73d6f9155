"""A worker initialiser for tests: the real one, then a dates component that stalls on any
article holding the word "stall" (spawned workers import this module by name)."""

from __future__ import annotations

import time

from brinkwatch import workers
from brinkwatch.nlp.dates import DatesComponent
from brinkwatch.settings import Settings

STALL_S = 30.0


def init_slow_worker(settings: Settings) -> None:
    workers._init_worker(settings)
    stall_on_word(DatesComponent)


def stall_on_word(component: type, seconds: float = STALL_S) -> None:
    """Make `component` sleep `seconds` before an article that holds "stall"."""
    original = component.__call__

    def call(self, doc):  # type: ignore[no-untyped-def]
        if "stall" in doc.text:
            time.sleep(seconds)
        return original(self, doc)

    component.__call__ = call  # type: ignore[method-assign]
