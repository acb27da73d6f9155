"""Linear time on hostile text: each reader step timed on an input and on one ten times larger.

    python benchmarks/linear.py [--size 100000] [--json out.json]

A linear step costs about ×10 on the larger input; a quadratic one ×100. The patterns themselves
are checked by structure in tests/reliability/test_linear_patterns.py (tests never time).
"""

from __future__ import annotations

import argparse
import io
import json
import time
from collections.abc import Callable
from pathlib import Path

from brinkwatch.ingest.datelines import find_dateline, split_front_matter
from brinkwatch.ingest.html import tame_tags
from brinkwatch.ingest.jsonl import read_jsonl_lines
from brinkwatch.ingest.markdown import parse_markdown
from brinkwatch.nlp.pipeline import segment
from brinkwatch.nlp.quote_marks import find_quote_marks


def _jsonl(text: str) -> object:
    return list(read_jsonl_lines(io.BytesIO(text.encode()), name="b", max_bytes=10**8))


CASES: dict[str, tuple[Callable[[str], object], str]] = {
    "markdown: emphasis runs": (parse_markdown, "**a _"),
    "markdown: unclosed links": (parse_markdown, "[a]("),
    "markdown: open brackets": (parse_markdown, "!["),
    "markdown: backtick runs": (parse_markdown, "``x"),
    "markdown: unterminated front matter": (parse_markdown, "---\ntitle: *x_\n"),
    "text: unterminated front matter": (split_front_matter, "title: x\n"),
    "html: tag with many attributes": (tame_tags, ' a="x"'),
    "quote marks: unbalanced": (find_quote_marks, 'a "\n\n'),
    "datelines: capitals without a dash": (find_dateline, "AB "),
    "sentences: no full stop": (lambda t: segment(t, 50_000, 2_000), "word "),
    "jsonl: one long line": (_jsonl, "["),
}


def _time(step: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        step(text)
        best = min(best, time.perf_counter() - started)
    return best


def _inputs(name: str, unit: str, size: int) -> tuple[str, str]:
    body = (unit * (size // len(unit) + 1))[:size]
    if name.startswith("text: unterminated"):
        return "---\n" + body, "---\n" + body * 10
    if name.startswith("html"):
        return f"<div{body}><p>text</p>", f"<div{body * 10}><p>text</p>"
    return body, body * 10


def measure(size: int) -> list[dict[str, object]]:
    """Each step at `size` characters (grown until a run takes 20 ms, so timer noise and caches
    do not decide the ratio) and at ten times that."""
    rows = []
    for name, (step, unit) in CASES.items():
        n = size
        while True:
            small, large = _inputs(name, unit, n)
            a = _time(step, small)
            if a >= 0.02 or n >= 4_000_000:
                break
            n *= 2
        b = _time(step, large)
        ratio = round(b / max(a, 1e-6), 1)
        rows.append(
            {
                "step": name,
                "chars": n,
                "seconds": round(a, 4),
                "seconds_x10": round(b, 4),
                "ratio": ratio,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = measure(args.size)
    for row in rows:
        print(
            f"{row['step']:<40} {row['seconds']:>8.4f} s  ×10 input: {row['seconds_x10']:>8.4f} s  (×{row['ratio']})"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
