"""Tit-for-tat spirals: A acts against B, B answers against A within k days, A answers again …
each answer at least as hostile as the act it answers (Goldstein & Pevehouse's reciprocity).

Hostile means QuadClass 3–4 (verbal or material conflict); intensity is −Goldstein. A reply must
come on a later day than the act it answers (within one day the order is not known, and one
article reporting both sides' accusations is one exchange, not a spiral) and at most
`spiral_k_days` after it; its intensity may be at most `spiral_tolerance` below. Hostile events
closer than `spiral_k_days` apart form one episode; each episode reports its longest chain when
the chain has `spiral_min_steps` steps from `min_articles` distinct articles. (`alerts.py` then
keeps the chains that climb or that ran while the pair's tension signal fired.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from brinkwatch.monitor.escalation import distinct_articles
from brinkwatch.monitor.params import MonitorParams
from brinkwatch.monitor.series import HOSTILE


def spiral_chains(rows: pd.DataFrame, params: MonitorParams) -> list[pd.DataFrame]:
    """The spirals among one undirected pair's events (`events_frame` rows), each a chain of rows
    in date order."""
    steps = _steps(rows)
    chains = []
    for episode in _episodes(steps, params.spiral_k_days):
        chain = episode.iloc[_longest_chain(episode, params)]
        if len(chain) >= params.spiral_min_steps and (
            distinct_articles(chain) >= params.min_articles
        ):
            chains.append(chain)
    return chains


def _steps(rows: pd.DataFrame) -> pd.DataFrame:
    """Hostile events as candidate steps: one per (day, direction, intensity), the most reported."""
    steps = rows[rows["quad_class"].isin(HOSTILE)].assign(
        ordinal=lambda f: f["day"].to_numpy().astype("datetime64[D]").astype(np.int64),
        intensity=lambda f: -f["goldstein"],
    )
    steps = steps.sort_values(["ordinal", "forward", "intensity", "w"], ascending=[1, 1, 1, 0])
    steps = steps.drop_duplicates(["ordinal", "forward", "intensity"])
    return steps.sort_values(["ordinal", "intensity", "forward"], kind="stable")


def _episodes(steps: pd.DataFrame, k: int) -> list[pd.DataFrame]:
    if steps.empty:
        return []
    days = steps["ordinal"].to_numpy()
    cuts = np.flatnonzero(np.diff(days) > k) + 1
    return [steps.iloc[a:b] for a, b in zip([0, *cuts], [*cuts, len(steps)], strict=True)]


def _longest_chain(steps: pd.DataFrame, params: MonitorParams) -> list[int]:
    """Positions of the longest alternating, non-decreasing chain (ties: more intense ending,
    then the later one)."""
    days = steps["ordinal"].to_numpy()
    forward = steps["forward"].to_numpy()
    level = steps["intensity"].to_numpy()
    length = np.ones(len(steps), dtype=np.int64)
    previous = np.full(len(steps), -1, dtype=np.int64)
    start = 0
    for i in range(len(steps)):
        while days[start] < days[i] - params.spiral_k_days:
            start += 1
        for j in range(start, i):
            if (
                days[j] < days[i]
                and forward[j] != forward[i]
                and level[i] >= level[j] - params.spiral_tolerance
                and length[j] + 1 > length[i]
            ):
                length[i], previous[i] = length[j] + 1, j
    end = max(range(len(steps)), key=lambda i: (length[i], level[i], i))
    chain = [end]
    while previous[chain[-1]] >= 0:
        chain.append(int(previous[chain[-1]]))
    return chain[::-1]
