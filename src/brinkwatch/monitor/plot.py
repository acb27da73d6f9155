"""A PNG of one pair's series: cooperation and conflict per period, the tension index against
its baseline, and the alerts as shaded windows. Matplotlib's Agg backend: no display needed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from brinkwatch.records import Alert

COLOURS = {"escalation": "#d62728", "spiral": "#ff7f0e", "de-escalation": "#2ca02c"}


def plot_dyad(
    series: pd.DataFrame,
    tension: pd.DataFrame,
    alerts: Sequence[Alert],
    path: str | Path,
    *,
    title: str,
    period_days: int = 1,
) -> Path:
    """Draw `series` (from `dyad_series`), `tension` (from `tension_frame`) and `alerts` (one lane
    per kind, each window a labelled bar) to `path`."""
    fig, (top, middle, lanes) = plt.subplots(
        3, 1, figsize=(11, 7.5), sharex=True, gridspec_kw={"height_ratios": [3, 2.2, 1]}
    )
    width = 0.8 * period_days
    x = series.index
    top.bar(x, series["cooperation"], width=width, color="#1f77b4", label="cooperation")
    top.bar(x, -series["conflict"], width=width, color="#d62728", label="conflict")
    top.axhline(0, color="black", linewidth=0.8)
    top.set_ylabel("weighted Goldstein\n(+ coop., − conflict)")
    top.set_title(title)
    top.legend(loc="best", fontsize=8)
    _tension(middle, tension)
    _alert_lanes(lanes, alerts, period_days)
    lanes.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    fig.autofmt_xdate()
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def _tension(axis: Axes, tension: pd.DataFrame) -> None:
    x = tension.index
    low, high = tension["baseline"] - tension["sigma"], tension["baseline"] + tension["sigma"]
    axis.fill_between(x, low, high, color="grey", alpha=0.2, label="baseline ± σ")
    axis.plot(x, tension["baseline"], color="grey", linestyle="--", label="baseline")
    axis.plot(x, tension["tension"], color="black", linewidth=2, label="tension (EWMA)")
    fired = tension[tension["signal"]]
    axis.scatter(
        fired.index,
        fired["tension"],
        marker="^",
        s=60,
        color="#d62728",
        zorder=3,
        label="change signal",
    )
    axis.axhline(0, color="black", linewidth=0.8)
    axis.set_ylabel("net conflict")
    axis.legend(loc="upper right", fontsize=8, ncol=2)


def _alert_lanes(axis: Axes, alerts: Sequence[Alert], period_days: int) -> None:
    kinds = list(COLOURS)
    for alert in alerts:
        lane = kinds.index(alert.kind) if alert.kind in kinds else len(kinds)
        start = pd.Timestamp(alert.window_start) - pd.Timedelta(hours=12 * period_days)
        days = (alert.window_end - alert.window_start).days + period_days
        axis.barh(
            lane,
            pd.Timedelta(days=days),
            left=start,
            height=0.6,
            color=COLOURS.get(alert.kind, "grey"),
            alpha=0.8,
        )
        axis.text(start, lane, f" {alert.score:g}", va="center", fontsize=8, color="white")
    axis.set_yticks(range(len(kinds)), kinds, fontsize=8)
    axis.set_ylim(-0.6, len(kinds) - 0.4)
    axis.invert_yaxis()
    axis.set_ylabel("alerts")
