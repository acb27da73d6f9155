"""Bounded work per article: a time budget and the size limits applied before parsing.

The limits keep any one input from taking the machine: an article is coded up to
`max_article_chars` (a note says so), and the worker stops an article that runs past
`article_timeout_s`, which then becomes a `timeout` failure while the batch goes on.

The budget is a deadline that the coding path checks (`check_deadline`) between parser batches,
between article components and per sentence in the event coder, so it holds in any thread: a
web server's worker thread, a Dask worker's, a `--n-process` worker. The size limits bound the
work between two checks. In the main thread a SIGALRM timer also interrupts between checks.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from itertools import islice
from types import FrameType

from brinkwatch.errors import ArticleTimeoutError
from brinkwatch.records import Document, ErrorInfo

# When the article being coded must be done (time.monotonic()), or None: a context variable, so
# each thread (and each asyncio task) has its own.
_DEADLINE: ContextVar[float | None] = ContextVar("brinkwatch_deadline", default=None)
_BUDGET: ContextVar[float] = ContextVar("brinkwatch_budget", default=0.0)  # its seconds


def _can_alarm() -> bool:
    # SIGALRM is delivered to the main thread only; elsewhere the deadline checks alone stop it
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _expired(seconds: float) -> ArticleTimeoutError:
    return ArticleTimeoutError(
        f"coding took more than {seconds:g} s",
        hint="raise article_timeout_s, or split the article",
    )


def check_deadline() -> None:
    """Raise `ArticleTimeoutError` when the enclosing `time_budget` has run out (else nothing)."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise _expired(_BUDGET.get())


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Run the block under a deadline `seconds` away: `check_deadline` inside it raises
    `ArticleTimeoutError` once it has passed (and, in the main thread, so does a timer)."""
    if seconds <= 0:
        yield
        return
    tokens = (_DEADLINE.set(time.monotonic() + seconds), _BUDGET.set(seconds))
    try:
        with _alarm(seconds):
            yield
    finally:
        _DEADLINE.reset(tokens[0])
        _BUDGET.reset(tokens[1])


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Interrupt Python work between deadline checks, where a signal can (the main thread)."""
    if not _can_alarm():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _expired(seconds)

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
