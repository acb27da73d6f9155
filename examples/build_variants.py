#!/usr/bin/env python3
"""Generate the HTML and JSONL variants of the example corpus from its Markdown files.

The Markdown files in ``examples/corpus/md/`` are the source of truth. Each one has
exactly this shape (blank lines included)::

    # Title Of The Article

    By [Outlet Name](#)

    October 3, 2026

    **MANILA**

    First paragraph...

    Second paragraph...

    Original url:

    <https://outlet.example/2026/10/03/slug>

From them this script writes:

* ``examples/corpus/html/NN-slug.html``: one small HTML5 page per article;
* ``examples/corpus/corpus.jsonl``: one JSON object per article, in file-name order,
  with the keys ``id``, ``title``, ``outlet``, ``published``, ``url`` and ``text``
  (the body paragraphs joined by a blank line; the dateline is not part of ``text``).

The output is deterministic (sorted inputs, fixed key order, ``\\n`` line endings), so
``--check`` can verify in CI that the committed variants are up to date.

Standard library only. Usage::

    python examples/build_variants.py           # (re)write the variants
    python examples/build_variants.py --check   # exit 1 if they are stale
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
MD_DIR = CORPUS_DIR / "md"
HTML_DIR = CORPUS_DIR / "html"
JSONL_PATH = CORPUS_DIR / "corpus.jsonl"

_STEM_RE = re.compile(r"^(?P<num>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)$")
_TITLE_RE = re.compile(r"^# (?P<title>\S.*\S|\S)$")
_BYLINE_RE = re.compile(r"^By \[(?P<outlet>[^\]\n]+)\]\(#\)$")
_DATELINE_RE = re.compile(r"^\*\*(?P<city>[A-Z][A-Z .,'-]*[A-Z.])\*\*$")
_URL_RE = re.compile(r"^<(?P<url>https://[^\s<>]+)>$")
# Anything that would make a body paragraph more than plain text.
_MARKDOWN_RE = re.compile(r"(^\s*(#|>|[-*+] |\d+\. ))|\*|`|\[[^\]]*\]\(|<|>|^\s|\s$")

# Soft limits from the corpus brief; breaking them only prints a warning.
WORDS_MIN, WORDS_MAX = 150, 280
PARAS_MIN, PARAS_MAX = 4, 8


class CorpusFormatError(ValueError):
    """A Markdown article does not have the expected shape."""


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    outlet: str
    published: dt.date
    dateline: str
    paragraphs: tuple[str, ...]
    url: str

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def display_date(self) -> str:
        return f"{self.published:%B} {self.published.day}, {self.published.year}"


def _blocks(raw: str) -> list[str]:
    """Split a document into blocks separated by exactly one blank line."""
    if not raw.endswith("\n") or raw.endswith("\n\n"):
        raise CorpusFormatError("file must end with exactly one newline")
    if "\r" in raw or "\t" in raw:
        raise CorpusFormatError("file must use LF line endings and no tabs")
    body = raw[:-1]
    if "\n\n\n" in body:
        raise CorpusFormatError("blocks must be separated by exactly one blank line")
    blocks = body.split("\n\n")
    for block in blocks:
        if "\n" in block:
            raise CorpusFormatError(f"block spans several lines: {block[:60]!r}")
        if block != block.strip():
            raise CorpusFormatError(f"leading/trailing whitespace in: {block[:60]!r}")
    return blocks


def _match(pattern: re.Pattern[str], block: str, what: str) -> re.Match[str]:
    m = pattern.match(block)
    if m is None:
        raise CorpusFormatError(f"bad {what} line: {block!r}")
    return m


def parse_markdown(path: Path) -> Article:
    """Parse one corpus Markdown file, raising CorpusFormatError on any deviation."""
    stem = _match(_STEM_RE, path.stem, "file name")
    try:
        blocks = _blocks(path.read_bytes().decode("utf-8"))
    except CorpusFormatError as exc:
        raise CorpusFormatError(f"{path.name}: {exc}") from None
    try:
        if len(blocks) < 7:
            raise CorpusFormatError("too few blocks")
        title = _match(_TITLE_RE, blocks[0], "title").group("title")
        outlet = _match(_BYLINE_RE, blocks[1], "byline").group("outlet")
        try:
            published = dt.datetime.strptime(blocks[2], "%B %d, %Y").date()
        except ValueError:
            raise CorpusFormatError(f"bad date line: {blocks[2]!r}") from None
        dateline = _match(_DATELINE_RE, blocks[3], "dateline").group("city")
        if blocks[-2] != "Original url:":
            raise CorpusFormatError(f"expected 'Original url:', got {blocks[-2]!r}")
        url = _match(_URL_RE, blocks[-1], "url").group("url")
        paragraphs = tuple(blocks[4:-2])
        if not paragraphs:
            raise CorpusFormatError("no body paragraphs")
        for para in paragraphs:
            if _MARKDOWN_RE.search(para):
                raise CorpusFormatError(f"body paragraph is not plain text: {para[:60]!r}")
        article = Article(
            id=path.stem,
            title=title,
            outlet=outlet,
            published=published,
            dateline=dateline,
            paragraphs=paragraphs,
            url=url,
        )
        if blocks[2] != article.display_date:
            raise CorpusFormatError(f"date line should read {article.display_date!r}")
        expected_tail = f"/{published:%Y/%m/%d}/{stem.group('slug')}"
        if not url.endswith(expected_tail):
            raise CorpusFormatError(f"url should end with {expected_tail!r}: {url!r}")
    except CorpusFormatError as exc:
        raise CorpusFormatError(f"{path.name}: {exc}") from None
    return article


def render_html(a: Article) -> str:
    def e(s: str) -> str:
        return html.escape(s, quote=True)

    iso = a.published.isoformat()
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(a.title)}</title>",
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{e(a.title)}">',
        f'<meta property="og:site_name" content="{e(a.outlet)}">',
        f'<meta property="og:url" content="{e(a.url)}">',
        f'<meta property="article:published_time" content="{iso}">',
        f'<link rel="canonical" href="{e(a.url)}">',
        "</head>",
        "<body>",
        "<article>",
        f"<h1>{e(a.title)}</h1>",
        f'<p class="byline">By {e(a.outlet)}</p>',
        f'<time datetime="{iso}">{e(a.display_date)}</time>',
        f'<p class="dateline">{e(a.dateline)}</p>',
        *(f"<p>{e(p)}</p>" for p in a.paragraphs),
        "</article>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def render_jsonl(articles: list[Article]) -> str:
    rows = []
    for a in articles:
        obj = {
            "id": a.id,
            "title": a.title,
            "outlet": a.outlet,
            "published": a.published.isoformat(),
            "url": a.url,
            "text": a.text,
        }
        rows.append(json.dumps(obj, ensure_ascii=False) + "\n")
    return "".join(rows)


def load_articles(md_dir: Path = MD_DIR) -> list[Article]:
    paths = sorted(md_dir.glob("*.md"))
    if not paths:
        raise CorpusFormatError(f"no Markdown files in {md_dir}")
    articles = [parse_markdown(p) for p in paths]
    ids = [a.id[:2] for a in articles]
    if len(set(ids)) != len(ids):
        raise CorpusFormatError("duplicate article numbers")
    return articles


def expected_outputs(articles: list[Article]) -> dict[Path, str]:
    out = {HTML_DIR / f"{a.id}.html": render_html(a) for a in articles}
    out[JSONL_PATH] = render_jsonl(articles)
    return out


def _warn_soft_limits(articles: list[Article]) -> None:
    for a in articles:
        words = len(a.text.split())
        if not WORDS_MIN <= words <= WORDS_MAX:
            print(f"warning: {a.id}: {words} words (want {WORDS_MIN}-{WORDS_MAX})", file=sys.stderr)
        if not PARAS_MIN <= len(a.paragraphs) <= PARAS_MAX:
            print(
                f"warning: {a.id}: {len(a.paragraphs)} paragraphs (want {PARAS_MIN}-{PARAS_MAX})",
                file=sys.stderr,
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if any variant is stale"
    )
    args = parser.parse_args(argv)

    try:
        articles = load_articles()
    except CorpusFormatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    _warn_soft_limits(articles)
    wanted = expected_outputs(articles)
    stale_html = sorted(set(HTML_DIR.glob("*.html")) - set(wanted))

    if args.check:
        bad = [
            p
            for p, text in wanted.items()
            if not p.is_file() or p.read_bytes() != text.encode("utf-8")
        ]
        bad += stale_html
        for p in sorted(bad):
            print(f"stale: {p.relative_to(CORPUS_DIR)}", file=sys.stderr)
        if bad:
            print("run: python examples/build_variants.py", file=sys.stderr)
            return 1
        print(f"ok: {len(articles)} articles, variants up to date")
        return 0

    HTML_DIR.mkdir(parents=True, exist_ok=True)
    for p in stale_html:
        p.unlink()
    for p, text in sorted(wanted.items()):
        p.write_bytes(text.encode("utf-8"))
    print(f"wrote {len(articles)} HTML pages and {JSONL_PATH.relative_to(CORPUS_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
