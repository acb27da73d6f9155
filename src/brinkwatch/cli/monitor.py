"""`brinkwatch dyad`, `brinkwatch alerts`, `brinkwatch top-dyads`: the monitor's commands.

The only place where the monitor meets the store: events are read through
`store.monitor_io`, handed to the (pure) monitor, and its alerts are upserted back.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import click
import pandas as pd

from brinkwatch.cli.validate import country_option, output_path
from brinkwatch.monitor.alerts import KINDS, alert_to_dict, detect
from brinkwatch.monitor.escalation import tension_frame
from brinkwatch.monitor.params import MonitorParams
from brinkwatch.monitor.series import dyad_series, events_frame, top_dyads
from brinkwatch.records import Alert
from brinkwatch.settings import Settings, load_settings
from brinkwatch.store.db import open_existing
from brinkwatch.store.monitor_io import UNCHANGED, StoredAlert, load_alerts, monitor_events
from brinkwatch.store.monitor_io import upsert_alerts as store_alerts

TABLE_COLUMNS = {
    "events": "{:.0f}",
    "q1": "{:.0f}",
    "q2": "{:.0f}",
    "q3": "{:.0f}",
    "q4": "{:.0f}",
    "cooperation": "{:.1f}",
    "conflict": "{:.1f}",
    "goldstein_mean": "{:+.2f}",
    "conflict_share": "{:.0%}",
    "tension": "{:+.2f}",
    "z": "{:+.1f}",
}


def _options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--db, --config, --since, --until: shared by the monitor's commands."""
    for option in reversed(
        [
            click.option("--db", help="Database path or URL (default: BRINKWATCH_DB)."),
            click.option("--config", "config_file", type=click.Path(dir_okay=False)),
            click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="First day."),
            click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Last day."),
        ]
    ):
        func = option(func)
    return func


def _settings(db: str | None, config_file: str | None) -> Settings:
    return load_settings(config_file=config_file, overrides={"db": db})


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _history_start(since: date | None, params: MonitorParams) -> date | None:
    """Read this far back before `since`, so baselines and episodes have their history."""
    if since is None:
        return None
    periods = params.baseline_window + params.min_history + params.deescalation_lookback
    return since - timedelta(days=periods * params.period_days + params.mom_days * 2)


@click.command("dyad")
@click.argument("a", callback=country_option)
@click.argument("b", callback=country_option)
@_options
@click.option("--freq", type=click.Choice(["day", "week"]), help="Period (default: settings).")
@click.option("--directed", is_flag=True, help="Only A → B events (default: both directions).")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), help="Write a PNG here.")
@click.option("--csv", "as_csv", is_flag=True, help="The full series as CSV on stdout.")
def dyad_command(
    a: str,
    b: str,
    db: str | None,
    config_file: str | None,
    since: datetime | None,
    until: datetime | None,
    freq: str | None,
    directed: bool,
    plot_path: str | None,
    as_csv: bool,
) -> None:
    """The series of country pair A–B (ISO3 codes or names, e.g. CHN PHL or China Philippines): cooperation, conflict, the
    tension index and its change signal per day or week, and the pair's alerts."""
    if plot_path:
        output_path(plot_path, param_hint="--plot")
    settings = _settings(db, config_file)
    params = dataclasses.replace(settings.monitor, freq=freq or settings.monitor.freq)
    first, last = _day(since), _day(until)
    engine = open_existing(settings.db)
    events = monitor_events(engine, since=_history_start(first, params), until=last, pair=(a, b))
    frame = events_frame(events, params.weight)
    full = dyad_series(frame, a, b, params, directed=directed, until=last)
    tension = tension_frame(full, params)
    alerts = [x for x in detect(events, params, until=last) if _shown(x, first)]
    shown = slice(pd.Timestamp(first), None) if first else slice(None)
    series, tension = full.loc[shown], tension.loc[shown]
    if as_csv:
        click.echo(series.join(tension.drop(columns="net_conflict")).to_csv(), nl=False)
    else:
        arrow = "→" if directed else "–"
        click.echo(f"{a} {arrow} {b}, per {params.freq} (weights: {params.weight})")
        click.echo(render_table(series, tension))
        click.echo(render_alerts(alerts) if alerts else "no alerts for this pair")
    if plot_path:
        from brinkwatch.monitor.plot import plot_dyad

        title = f"{a} {'→' if directed else '–'} {b}: cooperation, conflict and tension"
        out = plot_dyad(
            series, tension, alerts, plot_path, title=title, period_days=params.period_days
        )
        click.echo(f"plot written to {out}", err=True)


def _shown(alert: Alert, since: date | None) -> bool:
    return since is None or alert.window_end >= since


def render_table(series: pd.DataFrame, tension: pd.DataFrame) -> str:
    table = series.join(tension[["tension", "z", "signal"]])
    if table.empty:
        return "(no periods in range)"
    out = pd.DataFrame(index=table.index.strftime("%Y-%m-%d"))
    for column, fmt in TABLE_COLUMNS.items():
        out[column] = [("" if pd.isna(v) else fmt.format(v)) for v in table[column]]
    out["signal"] = ["▲" if s else "" for s in table["signal"]]
    out.index.name = "period"
    return out.to_string()


def render_alert(alert: Alert, stored: StoredAlert | None = None, status: str = "") -> str:
    """One alert on one screen: what, how strong, when, why, and the evidence."""
    pair = (
        f"{alert.source}→{alert.target}"
        if alert.kind == "spiral"
        else (f"{alert.source}–{alert.target}")
    )
    head = (
        f"[{alert.kind.upper()}] {pair}  score {alert.score:g}  "
        f"{alert.window_start} … {alert.window_end}"
    )
    if stored is not None:
        head += f"  (first seen {stored.first_seen:%Y-%m-%d %H:%M}, {stored.updates} updates)"
    lines = [head + (f"  [{status}]" if status else ""), f"  why: {alert.reason}", "  evidence:"]
    for e in alert.events:
        sentence = " ".join((e.evidence or "(no sentence stored)").split())
        sentence = sentence if len(sentence) <= 110 else sentence[:107] + "…"
        lines.append(
            f"    {e.date} {e.source}→{e.target} {e.cameo:<4} {e.goldstein:+5.1f} "
            f"×{e.articles}  “{sentence}” [{e.url or e.article_id or '-'}]"
        )
    return "\n".join(lines)


def render_alerts(alerts: Sequence[Alert]) -> str:
    return "\n\n".join(render_alert(a) for a in alerts)


@click.command("alerts")
@_options
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only these.")
@click.option(
    "--country",
    callback=country_option,
    help="Only alerts involving this country (ISO3, name or demonym).",
)
@click.option("--notify", "command", help="Run CMD with each new or updated alert's JSON on stdin.")
@click.option("--webhook", help="POST each new or updated alert's JSON to this URL.")
@click.option(
    "--redeliver",
    is_flag=True,
    help="Retry every undelivered alert now, whatever its backoff (all stored channels, or "
    "those of --notify/--webhook).",
)
@click.option("--json", "as_json", is_flag=True, help="One alert JSON object per line.")
def alerts_command(
    db: str | None,
    config_file: str | None,
    since: datetime | None,
    until: datetime | None,
    kinds: tuple[str, ...],
    country: str | None,
    command: str | None,
    webhook: str | None,
    redeliver: bool,
    as_json: bool,
) -> None:
    """Run the monitor over the stored events, store its alerts (an ongoing alert is updated,
    not repeated) and show those whose window ends on or after --since.

    New and updated alerts are delivered to --notify and --webhook at least once: a failed
    delivery is stored and retried on later runs, backing off from a minute to six hours;
    --redeliver retries at once. Unchanged, delivered alerts are not sent again.
    """
    settings = _settings(db, config_file)
    params, first, last = settings.monitor, _day(since), _day(until)
    engine = open_existing(settings.db)
    events = monitor_events(engine, since=_history_start(first, params), until=last)
    statuses = {a.key: s for a, s in store_alerts(engine, detect(events, params, until=last))}
    shown = [
        s
        for s in load_alerts(engine, since=first, kinds=kinds, country=country)
        if last is None or s.alert.window_start <= last
    ]
    for stored in shown:
        status = statuses.get(stored.alert.key, "stored")
        if as_json:
            row = {**alert_to_dict(stored.alert), "status": status, "updates": stored.updates}
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            click.echo(render_alert(stored.alert, stored, status) + "\n")
    fresh = [s for s in shown if statuses.get(s.alert.key, UNCHANGED) != UNCHANGED]
    click.echo(f"{len(shown)} alerts, {len(fresh)} new or updated", err=True)
    channels = [("notify", command)] if command else []
    channels += [("webhook", webhook)] if webhook else []
    if channels or redeliver:
        _deliver(engine, channels, fresh, redeliver)


def _deliver(
    engine: Any, channels: list[tuple[str, str]], fresh: list[StoredAlert], redeliver: bool
) -> None:
    from brinkwatch.cli.alert_delivery import deliver
    from brinkwatch.errors import DeliveryError

    outcome = deliver(engine, channels, fresh, redeliver=redeliver)
    if outcome.delivered or outcome.failed:
        click.echo(f"delivered {outcome.delivered}, failed {len(outcome.failed)}", err=True)
    if outcome.failed:
        raise DeliveryError(
            f"{len(outcome.failed)} alert deliveries failed: " + "; ".join(outcome.failed[:5]),
            hint="they are stored and retried on later runs with backoff; "
            "`brinkwatch alerts --redeliver` retries now",
        )


@click.command("top-dyads")
@_options
@click.option("-n", "--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option(
    "--by",
    type=click.Choice(["conflict", "cooperation", "events", "weight"]),
    default="conflict",
    show_default=True,
)
def top_dyads_command(
    db: str | None,
    config_file: str | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    by: str,
) -> None:
    """Country pairs ranked by weighted conflict (or cooperation, events) over the range."""
    settings = _settings(db, config_file)
    engine = open_existing(settings.db)
    events = monitor_events(engine, since=_day(since), until=_day(until))
    if not events:
        click.echo("no country-to-country events stored in that range")
        return
    table = top_dyads(events_frame(events, settings.monitor.weight), limit, by=by)
    table.index = [f"{s}–{t}" for s, t in table.index]
    shown = table[["events", "articles", "q1", "q2", "q3", "q4", "cooperation", "conflict"]]
    # counts are summed as floats by the series; show them as the whole numbers they are
    shown = shown.assign(goldstein_mean=table["goldstein_mean"].round(2)).astype(
        {"events": int, "articles": int}
    )
    click.echo(shown.to_string(float_format=lambda v: f"{v:.1f}"))
