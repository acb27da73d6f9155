"""Explained alerts: run the detectors over every pair and turn what they find into `Alert`s,
each with the events (and their evidence sentences) that caused it.

An alert's `key` is kind + sorted pair + the day its episode began, so running the monitor again
over more data finds the same key for an ongoing episode: the store updates that alert instead of
raising a new one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from brinkwatch.monitor.escalation import (
    Episode,
    deescalation_episodes,
    distinct_articles,
    escalation_episodes,
    positions,
    tension_frame,
)
from brinkwatch.monitor.params import MonitorParams
from brinkwatch.monitor.series import (
    FRIENDLY,
    HOSTILE,
    aggregate,
    events_frame,
    observed_range,
    period_range,
)
from brinkwatch.monitor.spirals import spiral_chains
from brinkwatch.records import Alert, DyadEvent

KINDS = ("escalation", "spiral", "de-escalation")


def detect(
    events: Sequence[DyadEvent],
    params: MonitorParams,
    *,
    since: date | None = None,
    until: date | None = None,
) -> list[Alert]:
    """Every alert the events raise between `since` and `until` (default: their whole range)."""
    frame = events_frame(events, params.weight)
    span = observed_range(frame, since, until)
    if span is None:
        return []
    periods = period_range(*span, params.freq)
    end = periods[-1] + pd.Timedelta(days=params.period_days)
    frame = frame[(frame["day"] >= periods[0]) & (frame["day"] < end)]
    alerts: list[Alert] = []
    for (a, b), rows in _candidates(frame, params).groupby(["a", "b"], sort=True):
        alerts.extend(pair_alerts(rows, str(a), str(b), periods, params, events))
    return sorted(alerts, key=lambda x: (x.window_start, KINDS.index(x.kind), x.key))


def _candidates(frame: pd.DataFrame, params: MonitorParams) -> pd.DataFrame:
    """Rows of the pairs with enough hostile events to raise anything (a cheap first cut)."""
    hostile = frame["quad_class"].isin(HOSTILE)
    counts = frame[hostile & (frame["a"] != frame["b"])].groupby(["a", "b"]).size()
    keep = counts[counts >= params.min_events].index
    pair = pd.MultiIndex.from_arrays([frame["a"], frame["b"]])
    return frame[pair.isin(keep)]


def pair_alerts(
    rows: pd.DataFrame,
    a: str,
    b: str,
    periods: pd.DatetimeIndex,
    params: MonitorParams,
    events: Sequence[DyadEvent],
) -> list[Alert]:
    """The alerts of one undirected pair a–b (a < b); `rows` are its `events_frame` rows."""
    tension = tension_frame(aggregate(rows, periods, params.freq), params)
    pos = positions(rows, periods, params.freq)
    rising = escalation_episodes(tension, rows, pos, params)
    falling = deescalation_episodes(tension, rows, pos, rising, params)
    context = _Context(a, b, periods, params, events, tension, rows, pos)
    return (
        [context.escalation(e) for e in rising]
        + [context.deescalation(e) for e in falling]
        + [
            context.spiral(chain)
            for chain in spiral_chains(rows, params)
            if _escalating(chain, tension, params)
        ]
    )


def _escalating(chain: pd.DataFrame, tension: pd.DataFrame, params: MonitorParams) -> bool:
    """A chain is a spiral when it climbs (its last step more intense than its first) or when
    the pair's tension signal fired while it ran; trading the usual complaints at the usual
    level is the pair's normal, not a spiral."""
    if chain["intensity"].iloc[-1] > chain["intensity"].iloc[0]:
        return True
    start = pd.Timestamp(chain["day"].iloc[0]) - pd.Timedelta(days=params.period_days - 1)
    during = tension.loc[start : chain["day"].iloc[-1], "signal"]
    return bool(during.any())


@dataclasses.dataclass(frozen=True, slots=True)
class _Context:
    """What building one pair's alerts needs, so each builder stays short."""

    a: str
    b: str
    periods: pd.DatetimeIndex
    params: MonitorParams
    events: Sequence[DyadEvent]
    tension: pd.DataFrame
    rows: pd.DataFrame
    pos: np.ndarray

    def day(self, position: int, *, end: bool = False) -> date:
        start = self.periods[position].date()
        return start + timedelta(days=self.params.period_days - 1) if end else start

    def picked(self, episode: Episode, classes: tuple[int, ...], sign: float) -> pd.DataFrame:
        """The episode's strongest events of `classes` (by weight × |Goldstein|), by date."""
        inside = (self.pos >= episode.evidence_from) & (self.pos <= episode.last)
        rows = self.rows[inside & self.rows["quad_class"].isin(classes).to_numpy()]
        strength = rows["w"] * rows["goldstein"] * sign
        top = rows.loc[strength.sort_values(ascending=False, kind="stable").index]
        return top.head(self.params.max_alert_events).sort_values(["day", "idx"])

    def records(self, rows: pd.DataFrame) -> tuple[DyadEvent, ...]:
        return tuple(self.events[int(i)] for i in rows["idx"])

    def escalation(self, episode: Episode) -> Alert:
        rows = self.picked(episode, HOSTILE, -1.0)
        t = self.tension
        peak = float(t["tension"].iloc[episode.peak])
        signals = _signal_words(t.iloc[episode.onset : episode.last + 1], self.params)
        reason = (
            f"{self.a}–{self.b} tension rose to {peak:.1f} on {self.day(episode.peak)} from a "
            f"baseline of {t['baseline'].iloc[episode.onset]:.1f} ({signals}); "
            f"{_evidence_words(rows, 'hostile')}; worst: {_worst(rows, -1.0)}"
        )
        return self.alert("escalation", episode, rows, episode.score, reason)

    def deescalation(self, episode: Episode) -> Alert:
        rows = self.picked(episode, FRIENDLY, 1.0)
        level = self.tension["tension"].to_numpy()
        low = episode.first + int(np.argmin(level[episode.first : episode.last + 1]))
        reason = (
            f"{self.a}–{self.b} tension fell from {level[episode.peak]:.1f} on "
            f"{self.day(episode.peak)} to {level[low]:.1f} on {self.day(low)} "
            f"(down {episode.score:.0%} of the peak); {_evidence_words(rows, 'cooperative')}; "
            f"strongest: {_worst(rows, 1.0)}"
        )
        return self.alert("de-escalation", episode, rows, episode.score, reason)

    def alert(
        self, kind: str, episode: Episode, rows: pd.DataFrame, score: float, reason: str
    ) -> Alert:
        """The alert of `episode`: its window spans the listed events and the episode's anchor
        periods (the escalation's onset and last signal, or the de-escalation's first period)."""
        listed = self.pos[self.rows.index.get_indexer(rows.index)]
        if kind == "escalation":
            signal = self.tension["signal"].to_numpy()[episode.onset : episode.last + 1]
            anchors = [episode.onset, episode.onset + int(np.flatnonzero(signal)[-1])]
        else:
            anchors = [episode.first]
        return Alert(
            key=f"{kind}:{self.a}:{self.b}:{self.day(episode.onset)}",
            kind=kind,
            source=self.a,
            target=self.b,
            score=round(score, 3),
            window_start=self.day(int(min([*anchors, *listed]))),
            window_end=self.day(int(max([*anchors, *listed])), end=True),
            reason=reason,
            events=self.records(rows),
        )

    def spiral(self, chain: pd.DataFrame) -> Alert:
        steps = " → ".join(
            f"{r.source}→{r.target} {r.day:%m-%d} ({-r.goldstein:.1f})" for r in chain.itertuples()
        )
        first, last = chain.iloc[0], chain.iloc[-1]
        reason = (
            f"{len(chain)} alternating hostile steps, each within {self.params.spiral_k_days} "
            f"days and no less intense than the last, from {distinct_articles(chain)} articles: "
            f"{steps}"
        )
        return Alert(
            key=f"spiral:{self.a}:{self.b}:{first['day'].date()}",
            kind="spiral",
            source=str(first["source"]),
            target=str(first["target"]),
            score=float(len(chain)),
            window_start=first["day"].date(),
            window_end=last["day"].date(),
            reason=reason,
            events=self.records(chain),
        )


def _signal_words(t: pd.DataFrame, params: MonitorParams) -> str:
    words = [f"peak z {t['z'].max():.1f}", f"EWMA rise {t['rise'].max():.1f}σ"]
    if t["mom"].any():
        words.append(f"conflict ≥ {params.mom_ratio:g}× the previous {params.mom_days} days")
    return ", ".join(words)


def _evidence_words(rows: pd.DataFrame, what: str) -> str:
    return f"{len(rows)} {what} events from {distinct_articles(rows)} articles"


def _worst(rows: pd.DataFrame, sign: float) -> str:
    if rows.empty:
        return "-"
    r = rows.loc[(rows["goldstein"] * sign).idxmax()]
    return (
        f"{r['source']}→{r['target']} {r['cameo']} ({r['goldstein']:+.1f}) on {r['day']:%Y-%m-%d}"
    )


def alert_to_dict(alert: Alert) -> dict[str, Any]:
    """The JSON shape of an alert (delivered to hooks and webhooks, printed by `--json`)."""
    return {"schema": "brinkwatch.alert.v1", **_encode(alert)}


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value
