"""brinkwatch: political events, quotes and actors from news, with evidence.

The public Python API::

    import brinkwatch
    article = brinkwatch.code(text, published="2013-03-31", outlet="The Moscow Times")
    for record in brinkwatch.code_many(texts_or_dicts, n_process=2):
        ...
    frame = brinkwatch.events_frame(records)          # a typed pandas DataFrame
    events = brinkwatch.read_store("news.db").events(country="PHL")
    nlp = brinkwatch.load()                           # the spaCy pipeline, components included

Names are imported on first use (PEP 562), so `import brinkwatch` and the CLI's start-up do not
pay for spaCy, the store or the monitor until something needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from brinkwatch._version import __version__

if TYPE_CHECKING:  # what type checkers and IDEs see; at run time __getattr__ loads these
    from brinkwatch.errors import BrinkwatchError
    from brinkwatch.frames import events_frame, read_gdelt
    from brinkwatch.nlp.user_pipeline import add_pipes, load
    from brinkwatch.process import code, code_many
    from brinkwatch.records import (
        Actor,
        Article,
        CoderInfo,
        Document,
        ErrorInfo,
        Event,
        Failure,
        Quote,
        Span,
    )
    from brinkwatch.settings import Settings, load_settings
    from brinkwatch.store.reader import read_store

# public name → the module that defines it
_LAZY = {
    "Actor": "brinkwatch.records",
    "Article": "brinkwatch.records",
    "BrinkwatchError": "brinkwatch.errors",
    "CoderInfo": "brinkwatch.records",
    "Document": "brinkwatch.records",
    "ErrorInfo": "brinkwatch.records",
    "Event": "brinkwatch.records",
    "Failure": "brinkwatch.records",
    "Quote": "brinkwatch.records",
    "Settings": "brinkwatch.settings",
    "Span": "brinkwatch.records",
    "code": "brinkwatch.process",
    "code_many": "brinkwatch.process",
    "load_settings": "brinkwatch.settings",
    "read_gdelt": "brinkwatch.frames",
    "events_frame": "brinkwatch.frames",
    "read_store": "brinkwatch.store.reader",
    "load": "brinkwatch.nlp.user_pipeline",
    "add_pipes": "brinkwatch.nlp.user_pipeline",
}

__all__ = [
    "Actor",
    "Article",
    "BrinkwatchError",
    "CoderInfo",
    "Document",
    "ErrorInfo",
    "Event",
    "Failure",
    "Quote",
    "Settings",
    "Span",
    "__version__",
    "add_pipes",
    "code",
    "code_many",
    "events_frame",
    "load",
    "load_settings",
    "read_gdelt",
    "read_store",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'brinkwatch' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
