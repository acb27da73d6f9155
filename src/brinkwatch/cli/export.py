"""`brinkwatch export`: stored events as GDELT 2.0 TSV, PLOVER JSONL, CSV, JSONL or Parquet;
with `--what quotes`, the stored quotes as JSONL, CSV or Parquet."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import click

from brinkwatch.cli.ingest import db_option, store_settings
from brinkwatch.cli.quotes import quote_filter_options
from brinkwatch.cli.validate import country_option, output_path, plover_event, valid_root

# kept here, not imported from the store, so `--help` does not load pyarrow and SQLAlchemy
FORMATS = ("gdelt", "plover", "csv", "jsonl", "parquet")
QUOTE_FORMATS = ("csv", "jsonl", "parquet")

if TYPE_CHECKING:
    from brinkwatch.store.quote_queries import QuoteFilter


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _dyad(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    from brinkwatch.cli.validate import country_code

    parts = value.split(":")
    if len(parts) != 2 or not all(parts):
        raise click.BadParameter(
            "use SOURCE:TARGET country codes, e.g. CHN:PHL", param_hint="--dyad"
        )
    return country_code(parts[0], "--dyad"), country_code(parts[1], "--dyad")


# Locations carry ISO 3166 codes; four CAMEO country codes differ from them (countries.tsv).
_ISO_FROM_CAMEO = {"ROM": "ROU", "MTN": "MNE", "TMP": "TLS", "KSV": "XKX"}


def _iso3(code: str | None) -> str | None:
    return _ISO_FROM_CAMEO.get(code, code) if code else None


@click.command("export")
@click.option(
    "--what",
    type=click.Choice(["events", "quotes"]),
    default="events",
    show_default=True,
    help="Events, or quotes (formats csv, jsonl, parquet).",
)
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), help="[default: gdelt; jsonl for quotes]"
)
@click.option("-o", "--output", default="-", show_default=True, help="Output file; - is stdout.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="First event day (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last event day (YYYY-MM-DD).")
@click.option(
    "--country",
    callback=country_option,
    help="Country on either side: ISO3 code, name or demonym (PHL, Philippines, Filipino).",
)
@click.option("--dyad", help="Directed pair SOURCE:TARGET, e.g. CHN:PHL.")
@click.option(
    "--location-country",
    callback=country_option,
    help="Country where the event happened (its location, not its actors), e.g. UKR.",
)
@click.option("--cameo-root", help="CAMEO root code, 01-20, e.g. 17.")
@click.option("--plover", "plover", help="PLOVER category, e.g. ACCUSE.")
@click.option("--quad-class", type=click.IntRange(1, 4), help="1-4: verbal/material coop/conflict.")
@quote_filter_options
@db_option
def export_command(
    what: str,
    fmt: str | None,
    output: str,
    since: datetime | None,
    until: datetime | None,
    country: str | None,
    dyad: str | None,
    location_country: str | None,
    cameo_root: str | None,
    plover: str | None,
    quad_class: int | None,
    speaker: str | None,
    medium: str | None,
    db: str | None,
) -> None:
    """Write the stored, deduplicated events (or the quotes, --what quotes).

    gdelt: GDELT 2.0's 61 event columns, tab-separated, no header (tone empty);
    load it with brinkwatch.read_gdelt(path) to keep codes such as "057" as text.
    plover: PLOVER records (the manual's Data Fields), one JSON object a line.
    csv, jsonl, parquet: one row per event with counts, granularity and evidence.
    --what quotes: one row per quote (speaker, medium, date, article), filtered by
    --since/--until, --country (the speaker's), --speaker and --medium.
    """
    params = click.get_current_context().params
    if what == "quotes":
        from brinkwatch.store.quote_queries import QuoteFilter

        _refuse(what, params, _EVENT_ONLY)
        wanted = QuoteFilter(_day(since), _day(until), country, speaker, medium)
        _export_quotes(fmt or "jsonl", output, wanted, db)
        return
    _refuse(what, params, ("speaker", "medium"))
    fmt = fmt or "gdelt"
    from brinkwatch.store.db import open_existing
    from brinkwatch.store.exports import export
    from brinkwatch.store.queries import EventFilter

    output_path(output, binary=fmt == "parquet")
    filt = EventFilter(
        since=_day(since),
        until=_day(until),
        country=country,
        dyad=_dyad(dyad),
        cameo_root=valid_root(cameo_root),
        plover_event=plover_event(plover),
        quad_class=quad_class,
        location_country=_iso3(location_country),
    )
    count = export(open_existing(store_settings(db).db), fmt, output, filt)
    if output != "-":
        click.echo(f"wrote {count} events to {output}", err=True)


_EVENT_ONLY = ("dyad", "location_country", "cameo_root", "plover", "quad_class")


def _refuse(what: str, params: dict[str, object], names: tuple[str, ...]) -> None:
    """Options that do not apply to what is exported are an error, not silently ignored."""
    given = [f"--{n.replace('_', '-')}" for n in names if params.get(n) is not None]
    if given:
        raise click.UsageError(f"{', '.join(given)} do not apply to --what {what}")


def _export_quotes(fmt: str, output: str, filt: QuoteFilter, db: str | None) -> None:
    from brinkwatch.store.db import open_existing
    from brinkwatch.store.quote_exports import export_quotes

    if fmt not in QUOTE_FORMATS:
        raise click.BadParameter(
            f"quotes export as {', '.join(QUOTE_FORMATS)}, not {fmt}", param_hint="--format"
        )
    output_path(output, binary=fmt == "parquet")
    count = export_quotes(open_existing(store_settings(db).db), fmt, output, filt)
    if output != "-":
        click.echo(f"wrote {count} quotes to {output}", err=True)
