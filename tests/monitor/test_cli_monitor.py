"""`brinkwatch dyad`, `alerts`, `top-dyads` on a small store holding a staged crisis."""

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from brinkwatch.cli.main import cli
from brinkwatch.store.db import open_engine
from brinkwatch.store.writer import StoreWriter
from tests.store.conftest import article, event

START = date(2026, 3, 2)
# (day, source, target, cameo, quad, goldstein): a crisis, a tit-for-tat, then talks.
STORY = [
    (0, "CHN", "PHL", "112", 3, -2.0),
    (1, "PHL", "CHN", "120", 3, -4.0),
    (3, "CHN", "PHL", "138", 3, -7.0),
    (5, "PHL", "CHN", "150", 4, -7.2),
    (7, "CHN", "PHL", "182", 4, -9.0),
    (10, "CHN", "PHL", "040", 1, 1.0),
    (11, "PHL", "CHN", "040", 1, 1.0),
    (12, "CHN", "PHL", "057", 2, 8.0),
    (13, "PHL", "CHN", "051", 1, 3.4),
    (2, "JPN", "CHN", "040", 1, 1.0),
    (6, "JPN", "PHL", "051", 1, 3.4),
]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.db"
    engine = open_engine(str(path))
    writer = StoreWriter(engine)
    items = []
    for n, (day, source, target, cameo, quad, goldstein) in enumerate(STORY):
        when = START + timedelta(days=day)
        text = f"Report {n}: officials of {source} acted toward {target} today."
        ev = event(text, source, target, cameo, quad=quad, goldstein=goldstein, day=str(when))
        items.append((article(text, aid=f"story-{n}", events=(ev,), published=when), None))
    writer.write(items)
    engine.dispose()
    return str(path)


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_dyad_prints_the_table_and_the_pairs_alerts_and_draws_a_png(db, tmp_path):
    png = tmp_path / "chn_phl.png"
    out = run("dyad", "chn", "phl", "--db", db, "--plot", str(png)).output
    assert "CHN – PHL, per day" in out and "2026-03-09" in out and "▲" in out
    assert "[ESCALATION] CHN–PHL" in out and "[SPIRAL] CHN→PHL" in out
    assert "[DE-ESCALATION] CHN–PHL" in out and "Report 4: officials of CHN" in out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


def test_dyad_weekly_csv_sums_to_the_stored_events(db):
    out = run("dyad", "CHN", "PHL", "--db", db, "--freq", "week", "--csv").output
    lines = out.strip().splitlines()
    header = lines[0].split(",")
    assert header[:2] == ["period", "events"]
    assert sum(float(line.split(",")[1]) for line in lines[1:]) == 9


def test_alerts_stores_once_and_updates_instead_of_repeating(db, tmp_path):
    out = tmp_path / "hook.jsonl"
    first = run("alerts", "--db", db, "--notify", f"cat >> {out}", "--json")
    rows = [json.loads(line) for line in first.stdout.splitlines()]
    assert sorted(r["kind"] for r in rows) == ["de-escalation", "escalation", "spiral"]
    assert {r["status"] for r in rows} == {"new"} and all(r["events"] for r in rows)
    assert len(out.read_text().splitlines()) == 3
    second = run("alerts", "--db", db, "--notify", f"cat >> {out}")
    assert "[unchanged]" in second.stdout and "[new]" not in second.stdout
    assert len(out.read_text().splitlines()) == 3  # nothing delivered twice
    assert "3 alerts, 0 new or updated" in second.stderr


def test_alerts_filters_by_kind_and_since(db):
    out = run("alerts", "--db", db, "--kind", "spiral", "--json").stdout.splitlines()
    assert [json.loads(x)["kind"] for x in out] == ["spiral"]
    assert run("alerts", "--db", db, "--since", "2026-06-01").stdout == ""


def test_top_dyads_puts_the_fighting_pair_first(db):
    out = run("top-dyads", "--db", db).output.splitlines()
    assert out[1].startswith("CHN–PHL") and any(x.startswith("CHN–JPN") for x in out)
