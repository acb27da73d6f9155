"""Errors, not silence: read commands never create stores, and typos in arguments are errors with
suggestions instead of an empty answer with exit status 0."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from brinkwatch.cli.main import cli
from tests.monitor.test_cli_monitor import db  # noqa: F401  (the fixture: a staged CHN–PHL crisis)

READ_COMMANDS = [
    ["export"],
    ["alerts"],
    ["dyad", "CHN", "PHL"],
    ["top-dyads"],
    ["failures"],
    ["quotes"],
    ["export", "--what", "quotes"],
]


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_refuse_a_missing_store_and_create_nothing(command, tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "news.db"
    result = invoke(*command, "--db", str(missing))
    assert result.exit_code != 0
    assert "no brinkwatch store at" in str(result.exception) and str(missing) in str(
        result.exception
    )
    assert "brinkwatch ingest" in str(result.exception)
    assert not missing.parent.exists()


@pytest.mark.parametrize("spelling", ["China", "chinese", "CHN", "chn", "PRC"])
def test_countries_are_taken_by_name_demonym_or_code(db: str, spelling: str) -> None:  # noqa: F811
    out = invoke("dyad", spelling, "the Philippines", "--db", db, "--csv")
    assert out.exit_code == 0, out.output
    assert sum(float(line.split(",")[1]) for line in out.output.splitlines()[1:]) == 9


def test_export_and_alerts_take_country_names(db: str) -> None:  # noqa: F811
    rows = invoke("export", "--db", db, "--format", "jsonl", "--country", "China").output
    assert len(rows.splitlines()) == 10  # all but JPN→PHL
    alerts = invoke("alerts", "--db", db, "--country", "filipino", "--json").stdout
    assert {json.loads(line)["kind"] for line in alerts.splitlines()} >= {"escalation"}


def test_unknown_country_is_refused_with_suggestions(db: str) -> None:  # noqa: F811
    result = invoke("dyad", "Chna", "PHL", "--db", db)
    assert result.exit_code == 2
    assert "unknown country 'Chna'" in result.output and "China (CHN)" in result.output
    assert invoke("export", "--db", db, "--country", "XYZ").exit_code == 2
    assert invoke("alerts", "--db", db, "--country", "Atlantis").exit_code == 2


def test_cameo_root_and_plover_filters_are_validated(db: str) -> None:  # noqa: F811
    result = invoke("export", "--db", db, "--cameo-root", "190")
    assert result.exit_code == 2 and "190 is a full CAMEO code; its root is 19" in result.output
    assert invoke("export", "--db", db, "--cameo-root", "21").exit_code == 2
    ok = invoke("export", "--db", db, "--format", "jsonl", "--cameo-root", "4")
    assert ok.exit_code == 0 and len(ok.output.splitlines()) == 3
    bad = invoke("export", "--db", db, "--plover", "ACCUZE")
    assert bad.exit_code == 2 and "did you mean ACCUSE" in bad.output


def test_bad_output_paths_are_one_line_errors(db: str, tmp_path: Path) -> None:  # noqa: F811
    nowhere = tmp_path / "no" / "such" / "out.tsv"
    result = invoke("export", "--db", db, "-o", str(nowhere))
    assert result.exit_code == 2 and "does not exist" in result.output
    assert "Traceback" not in result.output
    folder = invoke("export", "--db", db, "-o", str(tmp_path))
    assert folder.exit_code == 2 and "is a folder" in folder.output
    code = invoke("code", "x.txt", "-o", str(nowhere))
    assert code.exit_code == 2 and "does not exist" in code.output


def test_binary_output_to_a_terminal_is_refused(db: str, monkeypatch) -> None:  # noqa: F811
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    from brinkwatch.cli.validate import output_path

    with pytest.raises(Exception, match="binary"):
        output_path("-", binary=True)
