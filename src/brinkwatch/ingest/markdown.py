"""Markdown articles: the news layout we ingest (`# Title`, `By [Outlet](…)`, a date line, an
optional bold dateline, body paragraphs, `Original url: <…>`) and markdown-to-plain-text.

The analysed text is plain prose: markdown syntax would otherwise confuse the tokenizer and
leak into evidence spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from brinkwatch.ingest.metadata import parse_date_line

# Every pattern here runs on untrusted text, so each must stay linear in its input: spans that
# could run on stop at the next opening delimiter (a link text never holds `[`, a URL never `[`
# or `]`), quantifiers that must not give back are possessive, and emphasis is not a regex at all
# (a lazy `(.+?)` between markers rescans the rest of the text from every unmatched marker).
# tests/unit/test_linear_inputs.py checks both the shapes and the work done on hostile inputs.
_BLANK = re.compile(r"\n[ \t]*\n+")
_URL_PART = r"\((?:[^()\[\]]|\([^()\[\]]*+\))*+\)"
_IMAGE = re.compile(r"!\[[^\[\]]*+\]" + _URL_PART)
_LINK = re.compile(r"\[([^\[\]]++)\]" + _URL_PART)
_REF_LINK = re.compile(r"\[([^\[\]]++)\]\[[^\[\]]*+\]")
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\[\]\n]++\]:[ \t]++\S.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]++)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*+(?:\s[^<>]*+)?/?>")
_CODE = re.compile(r"(?<!`)`++([^`]++)`++")
_DELIMITER_RUN = re.compile(r"\*++|_++|~~++")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_LINE_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,3}[.)]\s+)")
_ORIGINAL_URL = re.compile(r"^original\s+url\s*:\s*(.*)$", re.IGNORECASE | re.DOTALL)
_BOLD_ONLY = re.compile(r"^(\*\*|__)(.+)\1$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class MarkdownArticle:
    text: str
    title: str | None
    outlet: str | None
    published: date | None
    dateline: str | None
    url: str | None


_PROTECT = 0xE000  # escaped characters hide in the private-use area while syntax is stripped


def strip_inline(text: str) -> str:
    """Markdown inline syntax to plain text (links keep their words, emphasis its content)."""
    text = _ESCAPE.sub(lambda m: chr(_PROTECT + ord(m.group(1))), text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _CODE.sub(r"\1", text)
    text = _strip_emphasis(text)
    return "".join(
        chr(ord(c) - _PROTECT) if _PROTECT <= ord(c) < _PROTECT + 128 else c for c in text
    )


def _opens(before: str, after: str) -> bool:
    """CommonMark's left-flanking run: a word (or punctuation after a space) follows it."""
    if after.isspace():
        return False
    return after.isalnum() or before.isspace() or not before.isalnum()


def _strip_emphasis(text: str) -> str:
    """Drop runs of `*`, `_` and `~~` that open or close emphasis, in one pass.

    A run flanked on one side only is a marker ("*Saturday*", "__strong__"); one with words on
    both sides ("snake_case") or spaces on both ("2 * 3") is text. Unlike pairing markers with a
    regex, this reads each character once whatever the input."""

    def replace(match: re.Match[str]) -> str:
        start, end = match.span()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        return "" if _opens(before, after) != _opens(after, before) else match.group()

    return _DELIMITER_RUN.sub(replace, text)


def block_to_text(block: str) -> str:
    """One markdown block to one plain paragraph: line prefixes dropped, soft wraps joined."""
    lines = [_LINE_PREFIX.sub("", line).strip() for line in block.split("\n")]
    return strip_inline(" ".join(line for line in lines if line))


def split_blocks(text: str) -> list[str]:
    text = _REF_DEF.sub("", text)
    return [b.strip("\n") for b in _BLANK.split(text) if b.strip() and not _is_rule(b)]


def _is_rule(block: str) -> bool:
    """A thematic break ("---", "* * *"); not a regex, whose repeated group is quadratic here."""
    if len(block) - len(block.lstrip()) > 3:
        return False
    marks = "".join(block.split())
    return len(marks) >= 3 and marks[0] in "-*_" and marks == marks[0] * len(marks)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _url_from(rest: str) -> str | None:
    rest = rest.strip().strip("<>").strip()
    return rest or None


def parse_markdown(text: str) -> MarkdownArticle:
    """Split a markdown article into metadata and plain body text (paragraphs joined by a blank line)."""
    blocks = split_blocks(text)
    title = outlet = dateline = url = None
    published: date | None = None
    body: list[str] = []
    i = 0
    while i < len(blocks):
        block = blocks[i].strip()
        original = _ORIGINAL_URL.match(block)
        if original:
            url = _url_from(original.group(1))
            if url is None and i + 1 < len(blocks):
                url = _url_from(blocks[i + 1])
                i += 1
        elif not body and title is None and block.startswith("# "):
            title = _squash(strip_inline(block[2:]))
        elif not body and outlet is None and block.lower().startswith("by "):
            outlet = _squash(strip_inline(block[3:]))
        elif not body and published is None and parse_date_line(block) is not None:
            published = parse_date_line(block)
        elif not body and dateline is None and (bold := _BOLD_ONLY.match(block)):
            dateline = _squash(strip_inline(bold.group(2)))
        else:
            paragraph = block_to_text(block)
            if paragraph:
                body.append(paragraph)
        i += 1
    if dateline and outlet and _squash(dateline).lower() == _squash(outlet).lower():
        dateline = None  # some sites repeat the outlet in bold where a dateline would stand
    return MarkdownArticle("\n\n".join(body), title, outlet, published, dateline, url)
