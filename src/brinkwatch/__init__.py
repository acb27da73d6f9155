"""brinkwatch: political events, quotes and actors from news, with evidence.

The public Python API::

    import brinkwatch
    article = brinkwatch.code(text, published="2013-03-31", outlet="The Moscow Times")
    for record in brinkwatch.code_many(texts_or_dicts, n_process=2):
        ...
"""

from brinkwatch._version import __version__
from brinkwatch.errors import BrinkwatchError
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
    "code",
    "code_many",
    "load_settings",
]
