"""HTML articles through trafilatura: main text and metadata, boilerplate dropped."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from brinkwatch.errors import BadHTMLError
from brinkwatch.ingest.metadata import parse_date_line

# trafilatura logs every page it cannot parse; a failure record already says so.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


# libxml2 checks each attribute against all earlier ones of its tag, so a tag with tens of
# thousands of attributes costs minutes. No article needs a tag this long: it keeps its name
# and loses its attributes. The span stops at the next `<` or `>`, so the search is linear.
_MAX_TAG_CHARS = 4_000
_LONG_TAG = re.compile(rf"<(/?[A-Za-z][A-Za-z0-9:-]{{0,40}})[^<>]{{{_MAX_TAG_CHARS},}}+>")


def tame_tags(html: str) -> str:
    """`html` with every over-long tag cut down to its name."""
    return _LONG_TAG.sub(r"<\1>", html)


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    text: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    dateline: str | None = None


def _is_dateline(line: str) -> bool:
    """A short all-capitals line before the body ("MANILA", "UNITED NATIONS")."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and len(line.split()) <= 4 and all(c.isupper() for c in letters)


def _paragraphs(text: str, title: str | None) -> tuple[str, str | None]:
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    # trafilatura repeats the headline as the first line of the text.
    if title and lines and lines[0] == title:
        lines = lines[1:]
    dateline = None
    if len(lines) > 1 and _is_dateline(lines[0]):
        dateline, lines = lines[0], lines[1:]
    return "\n\n".join(lines), dateline


def parse_html(html: str) -> HtmlArticle:
    import trafilatura  # here, not at the top: ~0.2 s of imports that text inputs never need

    try:
        doc = trafilatura.bare_extraction(tame_tags(html), with_metadata=True, include_tables=False)
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise BadHTMLError(f"HTML could not be parsed: {exc}") from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not any(ch.isalpha() for ch in text):
        raise BadHTMLError(
            "no article text found in the HTML", hint="is this an article page, not an index?"
        )
    title = getattr(doc, "title", None) or None
    published = getattr(doc, "date", None) or None
    if published is not None and parse_date_line(published) is None:
        published = None
    body, dateline = _paragraphs(text, title)
    return HtmlArticle(
        text=body,
        dateline=dateline,
        title=title,
        outlet=getattr(doc, "sitename", None) or None,
        published=published,
        url=getattr(doc, "url", None) or None,
    )
