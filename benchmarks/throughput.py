"""Throughput: spaCy's `nlp.pipe` alone vs. the full `brinkwatch code` path, and peak memory.

Builds N articles of about 600 words from the example corpus's paragraphs (shuffled with a fixed
seed), then times (i) `nlp.pipe` of the bare model over the article texts, and over their
paragraphs (what brinkwatch hands spaCy), and (ii) the whole coding path (`process.code_records`: paragraphs, pipe, joining, article components, records).

    python benchmarks/throughput.py --articles 200 [--n-process 2] [--write docs/performance.md]
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc

from brinkwatch.ingest import read_path
from brinkwatch.nlp.pipeline import ArticleText
from brinkwatch.process import code_records, get_coder
from brinkwatch.records import Article, Document
from brinkwatch.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def build_corpus(n: int, words: int = 600, seed: int = 13) -> list[Document]:
    sources = [d for d in read_path(ROOT / "examples" / "corpus" / "md") if isinstance(d, Document)]
    paragraphs = [p for d in sources for p in d.text.split("\n\n")]
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        chosen: list[str] = []
        while sum(len(p.split()) for p in chosen) < words:
            chosen.append(rng.choice(paragraphs))
        published = sources[i % len(sources)].published
        docs.append(Document(id=f"bench-{i}", text="\n\n".join(chosen), published=published))
    return docs


def time_nlp_pipe(model: str, texts: list[str], batch_size: int) -> float:
    nlp = spacy.load(model)
    list(nlp.pipe(texts[:4]))  # warm up
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_full(docs: list[Document], settings: Settings, n_process: int) -> tuple[float, int]:
    if n_process == 1:
        get_coder(settings).code_batch(docs[:4])  # load and warm up outside the timing
    start = time.perf_counter()
    records = list(code_records(docs, settings, n_process))
    elapsed = time.perf_counter() - start
    return elapsed, sum(1 for r in records if isinstance(r, Article))


def time_components(docs: list[Document], settings: Settings) -> tuple[float, dict[str, float]]:
    """CPU seconds of the paragraph parse (spaCy's own pipes, as brinkwatch batches them) and of
    each article component on the joined Docs, in the same process: the ratios the issues gate
    on ("adds <= 10% to nlp.pipe") without the noise of a second process."""
    parser = get_coder(settings).parser
    articles = [ArticleText(d.text, d.published) for d in docs]
    start = time.process_time()
    grouped = parser.parse_paragraphs(articles)
    parse_s = time.process_time() - start
    spent = dict.fromkeys(parser.article_components, 0.0)
    for parts, article in zip(grouped, articles, strict=True):
        doc = Doc.from_docs(parts, ensure_whitespace=False)
        doc._.bw_published = article.published
        for name in parser.article_components:
            began = time.process_time()
            doc = parser.nlp.get_pipe(name)(doc)
            spent[name] += time.process_time() - began
    return parse_s, spent


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--model", default=Settings().model)
    parser.add_argument("--write", type=Path, help="append the result table to this markdown file")
    args = parser.parse_args()
    settings = Settings(model=args.model)
    docs = build_corpus(args.articles)
    words = sum(len(d.text.split()) for d in docs)
    pipe_s = time_nlp_pipe(args.model, [d.text for d in docs], batch_size=64)
    paragraphs = [p for d in docs for p in d.text.split("\n\n")]
    para_s = time_nlp_pipe(args.model, paragraphs, batch_size=64)
    full_s, coded = time_full(docs, settings, args.n_process)
    parse_s, spent = time_components(docs, settings)
    rows = [
        ("nlp.pipe alone, whole articles", pipe_s),
        ("nlp.pipe alone, paragraphs", para_s),
        (f"brinkwatch code (n_process={args.n_process})", full_s),
    ]
    lines = [
        f"{args.articles} articles, {words:,} words, model {args.model}",
        "",
        "| path | seconds | words/s | articles/s |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {s:.2f} | {words / s:,.0f} | {args.articles / s:.1f} |" for name, s in rows
    ]
    lines += [
        "",
        f"full / pipe(articles) time ratio: {full_s / pipe_s:.3f}; "
        f"full / pipe(paragraphs): {full_s / para_s:.3f}; coded {coded}; "
        f"peak RSS {peak_rss_mb():.0f} MB",
    ]
    lines += ["", "| article component | CPU s | share of the paragraph parse |", "|---|---:|---:|"]
    lines += [f"| {name} | {sec:.2f} | {sec / parse_s:.1%} |" for name, sec in spent.items()]
    total = sum(spent.values())
    lines += [f"| all components | {total:.2f} | {total / parse_s:.1%} |"]
    report = "\n".join(lines)
    print(report)
    if args.write:
        with args.write.open("a", encoding="utf-8") as handle:
            handle.write("\n" + report + "\n")


if __name__ == "__main__":
    main()
