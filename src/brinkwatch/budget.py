"""Bounded work per article: a time budget and the size limits applied before parsing.

The limits keep any one input from taking the machine: an article is coded up to
`max_article_chars` (a note says so), and the worker stops an article that runs past
`article_timeout_s`, which then becomes a `timeout` failure while the batch goes on.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice
from types import FrameType

from brinkwatch.errors import ArticleTimeoutError
from brinkwatch.records import Document, ErrorInfo


def _can_alarm() -> bool:
    # SIGALRM is delivered to the main thread only; elsewhere (a web server's worker thread)
    # the article runs unbounded and the size limits alone keep it in check.
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Run the block, raising `ArticleTimeoutError` inside it once `seconds` have passed."""
    if seconds <= 0 or not _can_alarm():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise ArticleTimeoutError(
            f"coding took more than {seconds:g} s",
            hint="raise article_timeout_s, or split the article",
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# What spaCy will make a token of, roughly: a word, or one symbol or punctuation mark. Text of
# emoji makes a token of nearly every character, so characters alone do not bound the work.
_TOKENISH = re.compile(r"\w+|[^\w\s]")
CHARS_PER_TOKEN = 4  # prose runs at five or six characters a token


def _cut_point(text: str, max_chars: int) -> int | None:
    """Where to cut `text` so that it holds at most `max_chars` characters and about
    `max_chars / CHARS_PER_TOKEN` tokens, or None when it fits."""
    limit = max_chars // CHARS_PER_TOKEN
    over = next(islice(_TOKENISH.finditer(text, 0, max_chars + 1), limit, None), None)
    if over is None and len(text) <= max_chars:
        return None
    end = over.start() if over is not None else max_chars
    cut = text.rfind(" ", end // 2, end)
    return end if cut == -1 else cut


def truncate(document: Document, max_chars: int) -> tuple[Document, tuple[ErrorInfo, ...]]:
    """`document` cut to the size limit (at whitespace where one is near), and the note that says
    so; offsets into the kept text are unchanged."""
    cut = _cut_point(document.text, max_chars)
    if cut is None:
        return document, ()
    note = ErrorInfo(
        "truncated",
        f"the article has {len(document.text):,} characters; the first {cut:,} were coded "
        f"(max_article_chars; text dense in symbols stops at 1/{CHARS_PER_TOKEN} as many tokens)",
    )
    return replace(document, text=document.text[:cut]), (note,)


def sentence_note(cuts: int, max_chars: int) -> tuple[ErrorInfo, ...]:
    if not cuts:
        return ()
    message = (
        f"{cuts} cut(s) made in stretches of over {max_chars:,} characters without a sentence "
        "end (max_sentence_chars)"
    )
    return (ErrorInfo("sentence_split", message),)
