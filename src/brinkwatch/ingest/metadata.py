"""Small shared pieces of ingestion: byte checks, ids, publication dates."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime

from brinkwatch.errors import (
    BadDateError,
    BinaryInputError,
    EmptyInputError,
    TooLargeInputError,
    UndecodableInputError,
)
from brinkwatch.textsafe import clean_text

# The shapes a byline date takes; they gate dateparser, which would read "May" or "Tuesday" alone
# as a date and so mistake a first paragraph for a date line.
_MDY = re.compile(r"^(?P<m>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})$")
_DMY = re.compile(r"^(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})$")


def content_id(text: str) -> str:
    """Stable id for an article without one: a hash of its analysed text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def check_size(size: int, *, max_bytes: int) -> None:
    if size > max_bytes:
        raise TooLargeInputError(
            f"input is {size:,} bytes, over the limit of {max_bytes:,}",
            hint="split it, or raise max_article_bytes in the settings",
        )


def decode_bytes(data: bytes, *, max_bytes: int) -> str:
    """Bytes to text, refusing what is not a news article: empty, binary, huge, not UTF-8."""
    check_size(len(data), max_bytes=max_bytes)
    if b"\x00" in data[:8192]:
        raise BinaryInputError("input looks binary (it contains NUL bytes)", hint="pass text files")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UndecodableInputError(
            f"input is not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r})",
            hint="re-encode the file as UTF-8",
        ) from exc
    return check_text(clean_text(text))


def check_text(text: str) -> str:
    if not text.strip():
        raise EmptyInputError("input has no text", hint="remove the empty file or line")
    return text


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_date_line(line: str) -> date | None:
    """A byline date as news sites print it ("March 31, 2013", "31 March 2013", ISO), or None."""
    line = line.strip()
    try:
        return parse_iso_date(line)
    except BadDateError:
        pass
    if not (_MDY.match(line) or _DMY.match(line)):
        return None
    return _dateparser(line, {"STRICT_PARSING": True})


def parse_month_day(text: str, *, reference: date | None = None) -> date | None:
    """ "May 6" (or "May 6, 2024") as a date: without a year, the latest such day on or before
    `reference` (default today), as a wire dateline means it."""
    base = reference or date.today()
    settings = {
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": datetime(base.year, base.month, base.day, 12),
        "REQUIRE_PARTS": ["day", "month"],
    }
    return _dateparser(text, settings)


def _dateparser(text: str, settings: dict[str, object]) -> date | None:
    import dateparser  # slow to import; only needed for month names

    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def parse_iso_date(value: str) -> date:
    """ISO date or date-time (the date part is kept); anything else is a `bad_date` error."""
    value = value.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise BadDateError(
            f"published date {value!r} is not an ISO date", hint="use YYYY-MM-DD"
        ) from exc
