"""`brinkwatch failures`: the stored articles that could not be read or coded, and why."""

from __future__ import annotations

import json

import click

from brinkwatch.cli.ingest import db_option, store_settings


@click.command("failures")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True
)
@db_option
def failures_command(fmt: str, db: str | None) -> None:
    """List failed articles with their error. Retry them with `brinkwatch ingest --retry-failed`."""
    from brinkwatch.store.db import open_existing
    from brinkwatch.store.queries import find_failures

    failures = find_failures(open_existing(store_settings(db).db))
    for f in failures:
        where = f.origin_path or ""
        if f.origin_line:
            where += f":{f.origin_line}"
        if fmt == "jsonl":
            row = {
                "id": f.id,
                "code": f.error_code,
                "message": f.error_message,
                "origin": where or None,
                "attempts": f.attempts,
            }
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            click.echo(f"{f.id[:40]:<40}  [{f.error_code}] x{f.attempts}  {f.error_message}")
    if fmt == "table":
        click.echo(f"{len(failures)} failed articles", err=True)
