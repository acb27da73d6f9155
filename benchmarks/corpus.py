"""Benchmark corpora: real news from ../shared/dev when present, else the example corpus.

The real-news texts are read at run time and written to a temporary JSONL; they are never copied
into the repository (see /work/shared/dev/README.md).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_NEWS = ROOT.parent / "shared" / "dev" / "quotes-dev.jsonl"  # ~750-word US news articles
FALLBACK = ROOT / "examples" / "corpus" / "corpus.jsonl"


def _sources(path: Path | None) -> tuple[list[dict[str, object]], str]:
    for candidate in [path, REAL_NEWS, Path("/work/shared/dev/quotes-dev.jsonl"), FALLBACK]:
        if candidate is not None and candidate.is_file():
            rows = [json.loads(line) for line in candidate.open(encoding="utf-8") if line.strip()]
            return rows, candidate.name
    raise SystemExit("no corpus found")


def write_corpus(n: int, out: Path, source: Path | None = None) -> tuple[int, int, str]:
    """N articles (cycling through the source if it has fewer) as JSONL; returns
    (articles, words, source name). Ids are made unique so nothing is deduplicated."""
    rows, name = _sources(source)
    random.Random(7).shuffle(rows)
    words = 0
    with out.open("w", encoding="utf-8") as handle:
        for i in range(n):
            row = rows[i % len(rows)]
            text = str(row["text"])
            words += len(text.split())
            record = {
                "id": f"bench-{i}",
                "text": text,
                "published": row.get("published"),
                "outlet": row.get("outlet"),
                "title": row.get("title"),
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return n, words, name
