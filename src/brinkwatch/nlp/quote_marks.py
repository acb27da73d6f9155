"""Quotation marks on the character level: which stretches of an article are quoted.

Works on the article text, not on tokens, because a quote can span paragraphs (news style opens
every paragraph of a long quote and closes only the last one) and spaCy sentences. Curly marks
say which way they face; straight `"` (and the `''` of some wires) are read from the characters
around them. Single marks are left alone here: inside a double quote they are scare quotes, and
elsewhere most `'`/`’` are apostrophes ("Russia's", "Sanders' record").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Longest alternatives first, so `''` is one mark and not two apostrophes.
_MARK = re.compile(r"''|``|[\"“”«»„]")
_OPENING = frozenset({"“", "«", "„", "``"})
_CLOSING = frozenset({"”", "»"})
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_OPEN_BEFORE = frozenset(" \t\n([{—–-/")
_CLOSE_AFTER = frozenset(" \t\n.,;:!?)]}—–-")


@dataclass(frozen=True, slots=True)
class Stretch:
    """A quoted stretch: `text[start:end]` begins with its opening mark and ends with its closing one."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Unbalanced:
    """A quotation mark that could not be paired; its quote is skipped."""

    position: int
    mark: str
    reason: str


@dataclass(frozen=True, slots=True)
class QuoteMarks:
    stretches: tuple[Stretch, ...]
    unbalanced: tuple[Unbalanced, ...]


def _looks_opening(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before in _OPEN_BEFORE and not after.isspace()


def _looks_closing(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isspace() and after in _CLOSE_AFTER


def _direction(text: str, match: re.Match[str], inside: bool) -> str:
    """'open' or 'close': curly marks say so; a straight mark is read from its neighbours."""
    mark, start, end = match.group(), match.start(), match.end()
    if mark in _OPENING:
        return "open"
    if mark in _CLOSING:
        return "close"
    opening, closing = _looks_opening(text, start, end), _looks_closing(text, start, end)
    if opening != closing:
        return "open" if opening else "close"
    return "close" if inside else "open"


def _paragraph_start(text: str, position: int) -> bool:
    """Whether only a paragraph break (or the article's start) and blanks precede `position`."""
    before = text[max(0, position - 80) : position]
    blanks = before[len(before.rstrip()) :]  # a break followed by blanks lies within them
    return bool(_PARAGRAPH_BREAK.search(blanks)) or (position <= 80 and not before.strip())


def _breaks_between(text: str, start: int, end: int) -> int:
    return len(_PARAGRAPH_BREAK.findall(text, start, end))


class _Scanner:
    """Pairs marks left to right; a paragraph break inside an open quote must be followed by a
    paragraph that opens again, or the quote is unbalanced."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.open_at: int | None = None
        self.open_mark = ""
        self.last = 0
        self.stretches: list[Stretch] = []
        self.unbalanced: list[Unbalanced] = []

    def _fail(self, reason: str) -> None:
        assert self.open_at is not None
        self.unbalanced.append(Unbalanced(self.open_at, self.open_mark, reason))
        self.open_at = None

    def feed(self, match: re.Match[str]) -> None:
        start = match.start()
        direction = _direction(self.text, match, self.open_at is not None)
        breaks = _breaks_between(self.text, self.last, start)
        self.last = match.end()
        if self.open_at is not None and breaks:
            if breaks == 1 and match.group() not in _CLOSING and _paragraph_start(self.text, start):
                return  # the next paragraph of the same quote opens again
            self._fail("no closing mark before the paragraph ends")
            direction = _direction(self.text, match, False)
        if direction == "open":
            if self.open_at is not None:
                self._fail("opened again before it was closed")
            self.open_at, self.open_mark = start, match.group()
        elif self.open_at is None:
            self.unbalanced.append(Unbalanced(start, match.group(), "closing mark without opening"))
        else:
            self.stretches.append(Stretch(self.open_at, match.end()))
            self.open_at = None

    def finish(self) -> QuoteMarks:
        if self.open_at is not None:
            ends = "paragraph" if _PARAGRAPH_BREAK.search(self.text, self.open_at) else "article"
            self._fail(f"no closing mark before the {ends} ends")
        return QuoteMarks(tuple(self.stretches), tuple(self.unbalanced))


def find_quote_marks(text: str) -> QuoteMarks:
    """Every balanced quoted stretch of `text`, and the marks that could not be paired."""
    scanner = _Scanner(text)
    for match in _MARK.finditer(text):
        scanner.feed(match)
    return scanner.finish()
