"""Progress bars: shown with a total on a terminal, never in pipes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from brinkwatch import progress as progress_module
from brinkwatch.cli.main import cli
from brinkwatch.ingest.readers import count_inputs


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("China and the Philippines held talks on Monday.\n")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"text": "Japan met Vietnam."}) + "\n\n" + json.dumps({"text": "x y"}) + "\n"
    )
    return tmp_path


def test_inputs_are_counted_for_the_total(folder: Path) -> None:
    assert count_inputs([folder]) == 3  # one text file, two JSONL lines
    assert count_inputs([folder / "missing.txt", folder / "a.txt"]) == 2
    assert count_inputs(["-"]) is None


def test_a_terminal_gets_a_bar_with_a_total(folder: Path, monkeypatch) -> None:
    monkeypatch.setattr(progress_module, "interactive", lambda: True)
    out = CliRunner().invoke(cli, ["code", str(folder)])
    assert out.exit_code == 0, out.output
    assert "coding" in out.stderr and "/3" in out.stderr
    assert len(out.stdout.splitlines()) == 3  # the bar never mixes into the records


def test_pipes_get_no_bar(folder: Path) -> None:
    out = CliRunner().invoke(cli, ["code", str(folder)])
    assert out.exit_code == 0 and "coding" not in out.stderr
    ingest = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(folder / "x.db"), "-q"])
    assert ingest.exit_code == 0 and ingest.stderr == ""


def test_no_progress_env_switches_it_off(monkeypatch) -> None:
    monkeypatch.setenv("BRINKWATCH_NO_PROGRESS", "1")
    assert progress_module.interactive() is False
