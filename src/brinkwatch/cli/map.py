"""`brinkwatch map`: stored events on a map, as a self-contained HTML page or a PNG."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from brinkwatch.cli.ingest import db_option, store_settings
from brinkwatch.cli.validate import country_option

if TYPE_CHECKING:
    from brinkwatch.monitor.eventmap import MapPoint
    from brinkwatch.store.queries import StoredEvent


@click.command("map")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="map.html (self-contained page) or map.png.")  # fmt: skip
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="First event day (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last event day (YYYY-MM-DD).")
@click.option("--country", callback=country_option, help="Only events located in this country.")
@db_option
def map_command(
    output: Path,
    since: datetime | None,
    until: datetime | None,
    country: str | None,
    db: str | None,
) -> None:
    """Draw the stored events that have a location, coloured by QuadClass."""
    from brinkwatch.monitor.eventmap import render_html, render_png
    from brinkwatch.store.db import open_existing
    from brinkwatch.store.queries import EventFilter, find_events

    suffix = output.suffix.lower()
    if suffix not in (".html", ".png"):
        raise click.BadParameter("give a .html or .png file", param_hint="-o/--output")
    iso = {"ROM": "ROU", "MTN": "MNE", "TMP": "TLS", "KSV": "XKX"}.get(country or "", country)
    filt = EventFilter(
        since=since.date() if since else None,
        until=until.date() if until else None,
        location_country=iso,
    )
    events = find_events(open_existing(store_settings(db).db), filt)
    points = [_point(e) for e in events if e.action_geo_lat is not None and not e.negated]
    title = f"brinkwatch events{f' in {country}' if country else ''}"
    if suffix == ".png":
        render_png(points, output, title)
    else:
        output.write_text(render_html(points, title), encoding="utf-8")
    click.echo(f"wrote {len(points)} of {len(events)} events to {output}", err=True)


def _point(event: StoredEvent) -> MapPoint:
    from brinkwatch.monitor.eventmap import MapPoint

    first = event.evidence[0] if event.evidence else None
    return MapPoint(
        lat=float(event.action_geo_lat or 0.0),
        lon=float(event.action_geo_lon or 0.0),
        quad_class=event.quad_class,
        place=event.action_geo_full_name or event.action_geo_name or "",
        date=event.date,
        cameo=event.cameo,
        text=first.sentence if first else None,
    )
