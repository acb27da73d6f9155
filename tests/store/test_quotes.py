"""Stored quotes: the filters of `brinkwatch quotes`, and `export --what quotes` in each format."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from brinkwatch.cli.main import cli
from brinkwatch.records import Span
from brinkwatch.store.quote_exports import export_quotes
from brinkwatch.store.quote_queries import QuoteFilter, find_quotes
from brinkwatch.store.writer import StoreWriter
from tests.store.conftest import article, quote

WARN = "We will not accept any boat in our waters, the minister said in a statement."
PRAISE = "Tokyo values the restraint shown by Manila, the envoy told reporters."
LATER = "Beijing's spokesman said the patrols were routine."


def _said(text: str, speaker: str, *, day: str | None, medium: str | None = None, qid: str = "q1"):
    made = quote(text, speaker)
    where = Span(0, len(medium), medium) if medium else None
    return dataclasses.replace(made, id=qid, date=day, medium=where)


@pytest.fixture
def stored(engine: Engine) -> Engine:
    first = article(
        f"{WARN} {PRAISE}",
        aid="may",
        published=date(2024, 5, 2),
        quotes=(
            _said(WARN, "China", day="2024-05-02", medium="a statement"),
            _said(PRAISE, "Japan", day="2024-05-03", medium="reporters", qid="q2"),
        ),
    )
    second = article(
        LATER, aid="june", published=date(2024, 6, 10), quotes=(_said(LATER, "China", day=None),)
    )
    StoreWriter(engine).write([(first, None), (second, None)])
    return engine


def _contents(engine: Engine, **kwargs: object) -> list[str]:
    return [q.content for q in find_quotes(engine, QuoteFilter(**kwargs))]  # type: ignore[arg-type]


def test_quote_filters(stored: Engine) -> None:
    assert _contents(stored) == [WARN, PRAISE, LATER]
    assert _contents(stored, country="CHN") == [WARN, LATER]
    assert _contents(stored, speaker="japan") == [PRAISE]
    assert _contents(stored, speaker="JPN") == [PRAISE]  # the speaker's code
    assert _contents(stored, medium="STATEMENT") == [WARN]
    assert _contents(stored, medium="%") == []  # a wildcard character is taken literally
    # a quote without its own date counts on its article's publication day
    assert _contents(stored, since=date(2024, 6, 1)) == [LATER]
    assert _contents(stored, until=date(2024, 5, 2)) == [WARN]
    assert _contents(stored, limit=1) == [WARN]


def test_quotes_carry_their_article(stored: Engine) -> None:
    [later] = find_quotes(stored, QuoteFilter(since=date(2024, 6, 1)))
    assert (later.article_id, later.published, later.outlet) == (
        "june",
        date(2024, 6, 10),
        "Harbour Times",
    )


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_quote_exports_round_trip(stored: Engine, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"quotes.{fmt}"
    assert export_quotes(stored, fmt, str(path), QuoteFilter(country="CHN")) == 2
    if fmt == "jsonl":
        rows = [json.loads(line) for line in path.read_text().splitlines()]
        frame = pd.DataFrame(rows)
    elif fmt == "csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    else:
        frame = pd.read_parquet(path)
        assert frame["published"].iloc[0] == date(2024, 5, 2)
    assert list(frame["content"]) == [WARN, LATER]
    assert list(frame["speaker_code"]) == ["CHNGOV", "CHNGOV"]
    assert not list(tmp_path.glob("*.part"))


def test_a_failed_quote_export_leaves_no_file(stored: Engine, tmp_path: Path, monkeypatch) -> None:
    import brinkwatch.store.quote_exports as module

    def broken(found: object, handle: object) -> int:
        raise RuntimeError("disk trouble")

    monkeypatch.setitem(module._WRITERS, "jsonl", (broken, False))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RuntimeError):
        export_quotes(stored, "jsonl", str(out / "quotes.jsonl"))
    assert list(out.iterdir()) == []  # neither the file nor its .part


def _cli(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_quotes_command(stored: Engine) -> None:
    db = str(stored.url)
    table = _cli("quotes", "--db", db, "--country", "Chinese")
    assert table.exit_code == 0, table.output
    assert [line.split()[0] for line in table.stdout.splitlines()] == ["2024-05-02", "2024-06-10"]
    assert "2 quotes" in table.stderr
    rows = _cli("quotes", "--db", db, "--speaker", "japan", "--format", "jsonl").stdout
    assert [json.loads(line)["content"] for line in rows.splitlines()] == [PRAISE]
    csv_out = _cli("quotes", "--db", db, "--medium", "statement", "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith('"article_id"') and len(csv_out.splitlines()) == 2


def test_quotes_command_refuses_bad_input(stored: Engine, tmp_path: Path) -> None:
    assert _cli("quotes", "--db", str(stored.url), "--country", "Chna").exit_code == 2
    missing = tmp_path / "nope" / "x.db"
    result = _cli("quotes", "--db", str(missing))
    assert result.exit_code != 0 and not missing.parent.exists()


def test_export_what_quotes(stored: Engine, tmp_path: Path) -> None:
    db, out = str(stored.url), tmp_path / "q.csv"
    done = _cli("export", "--what", "quotes", "--db", db, "--format", "csv", "-o", str(out))
    assert done.exit_code == 0, done.output
    assert "wrote 3 quotes" in done.stderr and len(out.read_text().splitlines()) == 4
    default = _cli("export", "--what", "quotes", "--db", db, "--speaker", "japan").stdout
    assert [json.loads(line)["content"] for line in default.splitlines()] == [PRAISE]
    # formats and filters that belong to events are refused, not ignored
    assert _cli("export", "--what", "quotes", "--db", db, "--format", "gdelt").exit_code == 2
    assert _cli("export", "--what", "quotes", "--db", db, "--dyad", "CHN:PHL").exit_code == 2
    assert _cli("export", "--db", db, "--speaker", "japan").exit_code == 2
