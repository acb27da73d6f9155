"""The `brinkwatch_dates` component: every date expression of an article, resolved against the
publication date, and `date_for_token`, the date of the clause a verb or event noun heads.

Only short phrases are resolved (spaCy DATE entities, plus weekday and month-day phrases a
regular expression finds that the tagger missed), with `dateparser` on the article's
`published` date as base, preferring the past; results are cached per (text, base).
"On Friday" in a story published on Sunday 2013-03-31 is 2013-03-29.
"""

import bisect
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from brinkwatch.nlp.background import PAST_PERIOD, is_background
from brinkwatch.nlp.sentences import sentence_starts
from brinkwatch.records import DateRef

for _name in ("bw_dates", "bw_date_anchors", "bw_published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# Phrases the tagger sometimes misses; searched in the text once, merged with DATE entities.
_EXTRA = re.compile(
    rf"\b(?:(?:{_WEEKDAYS})|yesterday|(?:(?:{_MONTHS}|(?:{_MONTH_ABBR})\.?)\s+\d{{1,2}}(?:,\s*\d{{4}})?))\b"
)
_DATE_WORD = re.compile(
    rf"\b(?:{_MONTHS}|{_MONTH_ABBR}|{_WEEKDAYS}|yesterday|today|tonight|week|weekend|month|year|"
    r"ago|morning|afternoon|evening|night)\b|\d",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"^(?:the\s+)?(?:past|last|next|first|coming|previous|recent)?\s*"
    r"(?:few|several|many|\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\s+"
    r"(?:days?|weeks?|months?|years?|decades?|hours?)$",
    re.IGNORECASE,
)
_AGE = re.compile(r"-year-old|\byears? old\b|\bdecades?\b|\bcentur", re.IGNORECASE)
_QUALIFIER = re.compile(
    r"^(?:the\s+)?(?:(?:earlier|later|early|late|mid-?|end of|beginning of|start of|middle of)\s+)+",
    re.IGNORECASE,
)
_DAY_NUMBER = re.compile(r"(?<![\d-])\b(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b(?![\d-])")
_DAY_WORD = re.compile(
    rf"\b(?:{_WEEKDAYS}|yesterday|today|tonight|weeks?|weekend|days?|morning|afternoon|evening|night)\b",
    re.IGNORECASE,
)
_MONTH_WORD = re.compile(rf"\b(?:{_MONTHS}|{_MONTH_ABBR}|months?)\b", re.IGNORECASE)
_MAY_CUES = frozenset(
    {"in", "on", "since", "until", "by", "of", "early", "late", "mid", "last", "next"}
)
_VERBAL = frozenset({"VERB", "AUX"})
_WEEKDAY_INDEX = {day.lower(): i for i, day in enumerate(_WEEKDAYS.split("|"))}
# "on Friday", "Friday night"; not "Friday, March 29" (the date decides) or "last Friday"
_BARE_WEEKDAY = re.compile(
    rf"(?:on\s+)?({_WEEKDAYS})(?:\s+(?:morning|afternoon|evening|night))?", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class _Found:
    span: Span
    ref: DateRef


def _published(doc: Doc) -> date | None:
    value = doc._.bw_published
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


class DatesComponent:
    """Finds and resolves date expressions; sets `doc._.bw_dates` and the anchors index."""

    def __init__(self, nlp: Language, name: str = "brinkwatch_dates") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        published = _published(doc)
        found = [f for span in _date_spans(doc) if (f := _resolve_span(span, published))]
        doc._.bw_dates = [f.ref for f in found]
        doc._.bw_date_anchors = [(_anchor(f.span).i, f.ref) for f in found]
        return doc


@Language.factory("brinkwatch_dates")
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent(nlp, name)


def _date_spans(doc: Doc) -> list[Span]:
    spans = [e for e in doc.ents if e.label_ == "DATE"]
    covered = {i for e in spans for i in range(e.start, e.end)}
    for match in _EXTRA.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not any(i in covered for i in range(span.start, span.end)):
            spans.append(span)
            covered.update(range(span.start, span.end))
    return sorted((t for s in spans if (t := _trim(s)) is not None), key=lambda s: s.start)


def _trim(span: Span) -> Span | None:
    """Drop whitespace and punctuation the tagger left at either end of a DATE entity."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_space or span.doc[start].is_punct):
        start += 1
    while end > start and (span.doc[end - 1].is_space or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[start:end] if end > start else None


def _plausible(span: Span) -> bool:
    """No false dates: durations, ages, "now", "may" and mis-tagged words are not dates."""
    text = span.text.strip()
    if not _DATE_WORD.search(text) or _DURATION.match(text) or _AGE.search(text):
        return False
    if text.lower() == "may":
        if text != "May":
            return False  # the modal verb
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        after = span.doc[span.end] if span.end < len(span.doc) else None
        return before in _MAY_CUES or (after is not None and after.like_num)
    return True


def _resolve_span(span: Span, published: date | None) -> _Found | None:
    past_period = PAST_PERIOD.search(span.text.strip()) is not None
    if not past_period and not _plausible(span):
        return None
    value, granularity = (None, None) if past_period else resolve_text(span.text, published)
    if value is None and published is not None and not past_period:
        return None  # nothing a reader could date: not a date expression after all
    before = span.doc.text[max(0, span.start_char - 20) : span.start_char]
    background = is_background(value, granularity, span.text, published, before)
    ref = DateRef(value, granularity, span.text, "text", span.start_char, span.end_char, background)
    return _Found(span, ref)


def resolve_text(text: str, published: date | None) -> tuple[str | None, str | None]:
    """An ISO value and granularity for a date phrase, or (None, None)."""
    granularity = _granularity(text)
    stripped = _QUALIFIER.sub("", text.strip()).strip()
    weekday = _BARE_WEEKDAY.fullmatch(stripped)
    if weekday is not None and published is not None:
        return _weekday_on_or_before(weekday.group(1), published).isoformat(), "day"
    parsed = _parse(stripped or text, published)
    if parsed is None:
        return None, None
    return _format(parsed, granularity), granularity


def _weekday_on_or_before(name: str, published: date) -> date:
    """A bare weekday is the latest such day up to publication: "on Sunday" in a Sunday paper is
    that Sunday, "on Friday" the Friday before it (news reports what happened, not what will)."""
    back = (published.weekday() - _WEEKDAY_INDEX[name.lower()]) % 7
    return published - timedelta(days=back)


def _granularity(text: str) -> str:
    if _DAY_WORD.search(text) or (_MONTH_WORD.search(text) and _DAY_NUMBER.search(text)):
        return "day"
    if _MONTH_WORD.search(text):
        return "month"
    return "year"


def _format(value: date, granularity: str) -> str:
    if granularity == "year":
        return f"{value.year:04d}"
    if granularity == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def _parse(text: str, published: date | None) -> date | None:
    base = published or date(1900, 1, 1)
    return _cached_parse(text.lower(), base, published is not None)


@functools.lru_cache(maxsize=4096)
def _cached_parse(text: str, base: date, relative_ok: bool) -> date | None:
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if relative_ok:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    elif not re.search(r"\b\d{4}\b", text):
        return None  # a relative phrase with no publication date cannot be placed in time
    import dateparser  # here, not at the top: its import costs 0.03 s and many texts never need it

    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None


def _anchor(span: Span) -> Token:
    """The word a date phrase modifies: the first verb or non-date noun above its root."""
    token = span.root
    while token.head.i != token.i and (span.start <= token.i < span.end or token.pos_ == "ADP"):
        token = token.head
    return token


def date_for_token(doc: Doc, token: Token) -> DateRef:
    """The date of the clause `token` (a verb or event noun) heads; else the publication date."""
    starts = sentence_starts(doc)
    here = bisect.bisect_right(starts, token.i)
    anchors = [
        (i, ref) for i, ref in doc._.bw_date_anchors or () if bisect.bisect_right(starts, i) == here
    ]
    found = _in_clause(doc, token, anchors)
    for ancestor in token.ancestors if found is None else ():
        found = _in_clause(doc, ancestor, anchors)
        if found is not None:
            break
    if found is not None:
        return found
    published = _published(doc)
    value = published.isoformat() if published else None
    return DateRef(value, "day" if published else None, None, "published")


def _in_clause(doc: Doc, token: Token, anchors: list[tuple[int, DateRef]]) -> DateRef | None:
    """The closest date whose anchor reaches `token` without passing through another verb."""
    best: tuple[int, DateRef] | None = None
    for anchor, ref in anchors:
        steps = _steps_to(doc[anchor], token)
        if steps is not None and (best is None or steps < best[0]):
            best = (steps, ref)
    return best[1] if best else None


def _steps_to(start: Token, target: Token) -> int | None:
    steps, node = 0, start
    while node.i != target.i:
        if node.pos_ in _VERBAL or node.head.i == node.i:
            return None
        node, steps = node.head, steps + 1
    return steps
