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

_BLANK = re.compile(r"\n[ \t]*\n+")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", re.DOTALL)
_EM_UNDER = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", re.DOTALL)
_STRIKE = re.compile(r"~~(.+?)~~", re.DOTALL)
_CODE = re.compile(r"`+([^`]+)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_LINE_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,3}[.)]\s+)")
_HRULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
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
    for pattern in (_STRONG, _STRIKE):
        text = pattern.sub(lambda m: m.group(m.lastindex or 1), text)
    text = _EM_STAR.sub(r"\1", text)
    text = _EM_UNDER.sub(r"\1", text)
    return "".join(
        chr(ord(c) - _PROTECT) if _PROTECT <= ord(c) < _PROTECT + 128 else c for c in text
    )


def block_to_text(block: str) -> str:
    """One markdown block to one plain paragraph: line prefixes dropped, soft wraps joined."""
    lines = [_LINE_PREFIX.sub("", line).strip() for line in block.split("\n")]
    return strip_inline(" ".join(line for line in lines if line))


def split_blocks(text: str) -> list[str]:
    text = _REF_DEF.sub("", text)
    return [b.strip("\n") for b in _BLANK.split(text) if b.strip() and not _HRULE.match(b)]


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
