"""Wire datelines ("ISLAMABAD, May 6 (Reuters) - …", "CAIRO (AFP) — …") and text front matter.

A dateline says where and when the story was filed and by which agency; it is metadata, not news.
Read as prose, its city became the source actor of the first event and the speaker of the first
quote. So readers take its parts into `Document.dateline`, `outlet` and `published`, and
`dateline_mask` blanks it out of what spaCy reads while the article text stays as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from brinkwatch.ingest.metadata import parse_iso_date, parse_month_day
from brinkwatch.records import Document

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# CITY (all capitals; may hold spaces, dots, slashes: "UNITED NATIONS", "WASHINGTON/LONDON")
# [, Region in title case] [, Month Day[, Year]] [(AGENCY)] then a dash.
_DATELINE = re.compile(
    r"^[ \t]*(?P<city>[A-Z][A-Z.'’/\- ]*[A-Z.])"
    r"(?:,[ \t]*(?P<region>(?!"
    + _MONTH
    + r"[ \t]+\d)[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+){0,2}))?"
    r"(?:,[ \t]*(?P<day>" + _MONTH + r"[ \t]+\d{1,2}(?:,?[ \t]+\d{4})?))?"
    r"(?:[ \t]*\((?P<agency>[A-Za-z][A-Za-z .&'-]{0,39})\))?"
    r"[ \t]*(?:-{1,2}|–|—)[ \t]*(?=\S)"
)
# Front matter's fences; the closing one is searched for, not reached through a lazy repeat of
# lines, so an unterminated header costs one scan of the text (issue 18).
_FENCE_OPEN = re.compile(r"---[ \t]*\n")
_FENCE_CLOSE = re.compile(r"^---[ \t]*\n", re.MULTILINE)
_DATELINE_REACH = 400  # a dateline is a short prefix; never scan a whole hostile text for one
FRONT_MATTER_KEYS = ("title", "outlet", "url", "published", "dateline")


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline's parts and where it ends in the text (the first character of the news)."""

    text: str
    city: str
    agency: str | None
    day: date | None
    end: int


def find_dateline(text: str, *, reference: date | None = None) -> Dateline | None:
    """The wire dateline opening `text`, if any. A day without a year is taken as the latest such
    day on or before `reference` (the publication date, else today)."""
    match = _DATELINE.match(text, 0, _DATELINE_REACH)
    if not match or not _confident(match):
        return None
    day = parse_month_day(match["day"], reference=reference) if match["day"] else None
    label = text[: match.end()].strip().rstrip("-–— \t").strip()
    return Dateline(label, match["city"].strip(), match["agency"], day, match.end())


def _confident(match: re.Match[str]) -> bool:
    """An agency or a day makes a dateline; a bare "CITY —" needs a real dash and a word of four
    letters or more, so an opening "US - China talks" or "NATO - …" is not taken for one."""
    if match["agency"] or match["day"]:
        return True
    opening = match.group(0).rstrip()
    long_dash = opening.endswith(("–", "—", "--"))
    return long_dash and sum(c.isalpha() for c in match["city"]) >= 4


def dateline_mask(text: str) -> str:
    """`text` with its opening dateline turned into blank lines of the same length, so the parser
    never reads it and every offset still indexes the original text."""
    found = find_dateline(text)
    if found is None or found.end < 2:
        return text
    return " " * (found.end - 2) + "\n\n" + text[found.end :]


def with_dateline(document: Document, *, reference: date | None = None) -> Document:
    """Fill a document's dateline, outlet (the agency) and publication date from its dateline,
    keeping whatever the input already said."""
    found = find_dateline(document.text, reference=document.published or reference)
    if found is None:
        return document
    return replace(
        document,
        dateline=document.dateline or found.text,
        outlet=document.outlet or found.agency,
        published=document.published or found.day,
    )


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """`---`-fenced `key: value` lines at the top of a text file, and the text after them.

    Unknown keys are an error, so a typo ("pubished") is not silently ignored."""
    opening = _FENCE_OPEN.match(text)
    closing = _FENCE_CLOSE.search(text, opening.end()) if opening else None
    if opening is None or closing is None:
        return {}, text
    fields: dict[str, str] = {}
    for line in text[opening.end() : closing.start()].splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in FRONT_MATTER_KEYS:
            from brinkwatch.errors import InputError

            raise InputError(
                f"front matter line {line.strip()!r} is not one of "
                f"{', '.join(FRONT_MATTER_KEYS)}: value",
                hint="fix the header between the --- lines",
            )
        fields[key] = value.strip().strip("\"'")
    return fields, text[closing.end() :]


def front_matter_document(fields: dict[str, str], document: Document) -> Document:
    """A document with its front matter applied (the publication date must be ISO)."""
    published = parse_iso_date(fields["published"]) if fields.get("published") else None
    return replace(
        document,
        title=fields.get("title") or document.title,
        outlet=fields.get("outlet") or document.outlet,
        url=fields.get("url") or document.url,
        dateline=fields.get("dateline") or document.dateline,
        published=published or document.published,
    )
