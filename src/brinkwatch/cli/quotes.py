"""`brinkwatch quotes`: the stored quotes, by speaker, country, medium and date."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING

import click

from brinkwatch.cli.ingest import db_option, store_settings
from brinkwatch.cli.validate import country_option

if TYPE_CHECKING:  # the store modules load SQLAlchemy: only when the command runs
    from brinkwatch.store.quote_queries import StoredQuote


def quote_filter_options(func: click.decorators.FC) -> click.decorators.FC:
    """--speaker and --medium: the quote filters that events do not have."""
    func = click.option(
        "--medium", help="Part of the medium, ignoring case, e.g. statement, interview."
    )(func)
    return click.option(
        "--speaker", help="Part of the speaker's words, name or code, ignoring case."
    )(func)


def table_line(quote: StoredQuote) -> str:
    day = quote.date or (quote.published.isoformat() if quote.published else "----------")
    who = quote.speaker_name or quote.speaker_text or "(unknown)"
    code = f" [{quote.speaker_code}]" if quote.speaker_code else ""
    content = " ".join(quote.content.split())
    return f"{day:<10}  {(who + code)[:36]:<36}  {content[:90]}"


@click.command("quotes")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv"]),
    default="table",
    show_default=True,
)
@click.option(
    "--country",
    callback=country_option,
    help="The speaker's country: ISO3 code, name or demonym (CHN, China, Chinese).",
)
@quote_filter_options
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="First day (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last day (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many quotes.")
@db_option
def quotes_command(
    fmt: str,
    country: str | None,
    speaker: str | None,
    medium: str | None,
    since: datetime | None,
    until: datetime | None,
    limit: int | None,
    db: str | None,
) -> None:
    """List stored quotes: who said what, when. A quote's day is its own date, else its
    article's; `brinkwatch export --what quotes` writes them to files (Parquet too)."""
    from brinkwatch.store.db import open_existing
    from brinkwatch.store.quote_exports import write_csv, write_jsonl
    from brinkwatch.store.quote_queries import QuoteFilter, find_quotes

    filt = QuoteFilter(
        since=since.date() if since else None,
        until=until.date() if until else None,
        country=country,
        speaker=speaker,
        medium=medium,
        limit=limit,
    )
    found = find_quotes(open_existing(store_settings(db).db), filt)
    out = sys.stdout
    if fmt == "jsonl":
        write_jsonl(found, out)
    elif fmt == "csv":
        write_csv(found, out)
    else:
        for quote in found:
            click.echo(table_line(quote))
        click.echo(f"{len(found)} quotes", err=True)
