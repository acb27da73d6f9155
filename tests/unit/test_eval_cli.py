"""`brinkwatch evaluate` end to end on our own small gold files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from brinkwatch.cli.main import cli
from brinkwatch.process import Coder

GOLD = Path(__file__).resolve().parent.parent / "gold"


def test_evaluate_prints_json_and_writes_a_report(coder: Coder, tmp_path: Path) -> None:
    report = tmp_path / "actors.md"
    args = ["evaluate", str(GOLD / "actors.jsonl"), "--task", "actors", "--json"]
    result = CliRunner().invoke(cli, [*args, "--report", str(report)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["task"] == "actors" and data["records"] == 44
    assert 0.0 < data["flat"]["actors.country_accuracy"] <= 1.0
    assert "| country_accuracy |" in report.read_text(encoding="utf-8")


def test_events_task_on_a_file_without_events_says_what_to_do(coder: Coder, tmp_path: Path) -> None:
    gold = tmp_path / "sentences.jsonl"
    record = {"id": "x", "text": "Troops fired on the crowd.", "penta": 4, "spans": None}
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(gold), "--task", "events"])
    assert result.exit_code != 0
    assert "use --task penta" in str(result.exception)
