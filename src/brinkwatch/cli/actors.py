"""`brinkwatch actors lookup NAME`: the offices a name stands for, to check and extend the
actor knowledge base (docs/actors.md)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click


@click.group("actors")
def actors_command() -> None:
    """Check the actor knowledge base: office holders from open data and our leader table."""


@actors_command.command("lookup")
@click.argument("name")
@click.option(
    "--date",
    "when",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Article date: marks the office held then (former holders are ELI).",
)
@click.option(
    "--extra",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="User file of extra actors (leaders.tsv columns); overrides the knowledge base."
    " Default: $BRINKWATCH_ACTORS_FILE.",
)
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="ISO3",
    help="Countries the article names (decide between people of the same name).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per candidate.")
def lookup_command(
    name: str, when: datetime | None, extra: Path | None, countries: tuple[str, ...],
    as_json: bool,
) -> None:  # fmt: skip
    """Print NAME's candidate offices: code, office, dates, source; `*` marks the one chosen."""
    from brinkwatch.nlp.knowledge import KnowledgeBase, lookup_candidates

    kb = KnowledgeBase(extra=extra)
    day = when.date() if when else None
    found = lookup_candidates(name, day, kb, frozenset(c.upper() for c in countries))
    for c in found:
        h = c.holding
        end = h.end.isoformat() if h.end else ""
        if as_json:
            row = {"name": h.name, "code": c.code, "country": h.country, "sector": h.sector,
                   "office": h.office, "start": h.start.isoformat(), "end": end or None,
                   "source": h.source, "chosen": c.chosen or None}  # fmt: skip
            click.echo(json.dumps(row, ensure_ascii=False))
            continue
        mark = f"* {c.chosen:<7}" if c.chosen else " " * 9
        click.echo(f"{mark} {c.code:<10} {h.name:<28} {h.office[:48]:<48} "
                   f"{h.start.isoformat()}..{end:<10}  {h.source}")  # fmt: skip
    if not as_json:
        if not found:
            click.echo(f"no office recorded for {name!r}", err=True)
        elif not any(c.chosen for c in found):
            click.echo("several countries' people share this name: pass --country", err=True)
