"""Score the development sets in ../shared/dev and regenerate the figures of docs/evaluation.md.

    .venv/bin/python scripts/eval_dev.py [--dev ../shared/dev] [--limit N] [-n PROCESSES]

Exits 0 with a message when the dev sets are absent (a fresh clone has no ../shared). Writes the
full reports (JSON and markdown, with examples of misses) to out/eval-dev/ and replaces the text
between the figure markers of the doc with the figures alone (no dev texts in the repository).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

from brinkwatch._version import __version__
from brinkwatch.evaluate.report import to_json, to_markdown
from brinkwatch.evaluate.run import evaluate_file
from brinkwatch.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "evaluation.md"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"
DEV_FILES = (  # (file, task): the task each dev set scores
    ("events-dev.jsonl", "penta"),
    ("actors-dev.jsonl", "actors"),
    ("quotes-dev.jsonl", "quotes"),
    ("plover-synthetic.jsonl", "events"),
)


def _section(dev: Path, limit: int | None, n_process: int, out: Path) -> str:
    settings = load_settings(overrides={"n_process": n_process})
    parts = [
        f"Measured {date.today().isoformat()} with brinkwatch {__version__}"
        + (f", first {limit} records of each file" if limit else ", every record")
        + " (`scripts/eval_dev.py`).",
        "",
    ]
    for name, task in DEV_FILES:
        began = time.perf_counter()
        score = evaluate_file(dev / name, task, settings, n_process=n_process, limit=limit)
        seconds = time.perf_counter() - began
        (out / f"{name.removesuffix('.jsonl')}.{task}.json").write_text(
            json.dumps(to_json(score, name), indent=2, ensure_ascii=False), encoding="utf-8"
        )
        (out / f"{name.removesuffix('.jsonl')}.{task}.md").write_text(
            to_markdown(score, name), encoding="utf-8"
        )
        # the doc gets figures only: dev texts are never copied into the repository
        parts += [to_markdown(score, name, texts=False).rstrip(), "",
                  f"_{score.records} records in {seconds:.0f} s on {n_process} process(es)._", ""]  # fmt: skip
        print(f"{name} ({task}): {score.records} records, {seconds:.0f} s", file=sys.stderr)
    return "\n".join(parts)


def replace_figures(doc: str, figures: str) -> str:
    """The doc with the text between the markers replaced (the markers kept)."""
    head, found, rest = doc.partition(START)
    _, found_end, tail = rest.partition(END)
    if not (found and found_end):
        raise SystemExit(f"{DOC}: markers {START} … {END} not found")
    return f"{head}{START}\n{figures.rstrip()}\n{END}{tail}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "dev")
    parser.add_argument("--limit", type=int, help="score only the first N records of each file")
    parser.add_argument("-n", "--n-process", type=int, default=1)
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite docs/evaluation.md")
    args = parser.parse_args()
    if not all((args.dev / name).is_file() for name, _ in DEV_FILES):
        print(f"eval-dev: the dev sets are not in {args.dev}; skipped")
        return
    out = ROOT / "out" / "eval-dev"
    out.mkdir(parents=True, exist_ok=True)
    figures = _section(args.dev, args.limit, args.n_process, out)
    (out / "figures.md").write_text(figures, encoding="utf-8")
    if not args.no_doc:
        DOC.write_text(replace_figures(DOC.read_text(encoding="utf-8"), figures), encoding="utf-8")
        print(f"updated {DOC}", file=sys.stderr)


if __name__ == "__main__":
    main()
