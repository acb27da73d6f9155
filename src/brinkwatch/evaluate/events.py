"""The `events` task: predicted events against gold events, and PLOVER stories.

Sentences (our gold, `events` lists): at each level an event is reduced to a key (its CAMEO root,
its code, its source country …) and gold and predicted keys of a sentence are matched one-to-one
on equality; an event without a value at a level (no target, no sector) has no key there.
Stories (`plover-synthetic`): one PLOVER category per story, scored as a document label.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Protocol

from brinkwatch.evaluate.dyads import dyad_metrics
from brinkwatch.evaluate.gold import SentenceGold, StoryGold
from brinkwatch.evaluate.matching import match
from brinkwatch.evaluate.metrics import (
    NONE,
    Counts,
    Metric,
    Ratio,
    accuracy,
    confusions,
    macro_f1,
    multiset_counts,
    per_label,
)
from brinkwatch.evaluate.results import Case, Example, PredEvent, Score, failure_examples


class Coded(Protocol):
    """What gold and predicted events share."""

    @property
    def cameo(self) -> str: ...
    @property
    def root(self) -> str: ...
    @property
    def source_country(self) -> str | None: ...
    @property
    def target_country(self) -> str | None: ...
    @property
    def source_sector(self) -> str | None: ...


def _triple(e: Coded) -> str:
    return f"{e.source_country or '-'}>{e.target_country or '-'}:{e.root}"


LEVELS: dict[str, Callable[[Coded], str | None]] = {
    "root": lambda e: e.root,
    "code": lambda e: e.cameo,
    "source_country": lambda e: e.source_country,
    "target_country": lambda e: e.target_country,
    "source_sector": lambda e: e.source_sector,
    "triple": _triple,
}

EventCase = Case[SentenceGold, tuple[PredEvent, ...]]
StoryCase = Case[StoryGold, tuple[PredEvent, ...]]


def _keys(events: Sequence[Coded], level: str) -> list[str]:
    key = LEVELS[level]
    return [k for e in events if (k := key(e))]


def level_counts(gold: Sequence[Coded], predicted: Sequence[Coded]) -> dict[str, Counts]:
    """Counts of one sentence at every level."""
    return {level: multiset_counts(_keys(gold, level), _keys(predicted, level)) for level in LEVELS}


def _agreement(g: Coded, p: Coded) -> float:
    same = (g.root == p.root, g.cameo == p.cameo, g.source_country == p.source_country,
            g.target_country == p.target_country)  # fmt: skip
    return 0.5 + 4 * same[0] + 2 * same[1] + same[2] + same[3]


def root_pairs(gold: Sequence[Coded], predicted: Sequence[Coded]) -> list[tuple[str, str]]:
    """(gold root, predicted root) of the best one-to-one alignment; `NONE` for the unmatched."""
    pairs = match(gold, predicted, _agreement)
    out = [(gold[p.gold].root, predicted[p.predicted].root) for p in pairs]
    matched_gold, matched_pred = {p.gold for p in pairs}, {p.predicted for p in pairs}
    out += [(g.root, NONE) for i, g in enumerate(gold) if i not in matched_gold]
    out += [(NONE, p.root) for j, p in enumerate(predicted) if j not in matched_pred]
    return out


def _describe(events: Sequence[Coded]) -> str:
    return "; ".join(f"{e.cameo} {_triple(e)} {e.source_sector or '-'}" for e in events)


def score_events(cases: Sequence[EventCase]) -> Score:
    """P/R/F1 at each level, per-root figures and the root confusion table."""
    totals = {level: Counts() for level in LEVELS}
    pairs: list[tuple[str, str]] = []
    misses: list[Example] = []
    scored = [c for c in cases if c.gold.events is not None]
    for case in scored:
        gold = case.gold.events or ()
        counts = level_counts(gold, case.predicted)
        totals = {level: totals[level] + counts[level] for level in LEVELS}
        pairs += root_pairs(gold, case.predicted)
        if counts["triple"].fp or counts["triple"].fn:
            misses.append(Example(case.gold.id, {
                "text": case.gold.text, "gold": _describe(gold),
                "predicted": _describe(case.predicted), "error": case.error or "",
            }))  # fmt: skip
    notes = [f"{len(cases) - len(scored)} records without `events` were not scored"]
    metrics: dict[str, Metric] = {**totals, **dyad_metrics(scored)}
    return Score(
        task="events", records=len(scored), metrics=metrics,
        categories={"root": per_label(pairs)}, confusions={"root": confusions(pairs)},
        misses=tuple(misses), failures=failure_examples(scored),
        notes=tuple(notes) if len(scored) < len(cases) else (),
    )  # fmt: skip


def story_label(events: Sequence[PredEvent]) -> tuple[str, str]:
    """A story's PLOVER category (its most frequent, the earliest on a tie) and that one's mode."""
    labelled = sorted((e for e in events if e.plover), key=lambda e: e.position)
    if not labelled:
        return NONE, NONE
    counts = Counter(e.plover for e in labelled)
    top = max(counts, key=lambda k: counts[k])  # Counter keeps first-seen order on ties
    mode = next((e.mode for e in labelled if e.plover == top and e.mode), None)
    return str(top), (mode or NONE).lower()


def score_stories(cases: Sequence[StoryCase]) -> Score:
    """Document-level PLOVER category: accuracy, macro-F1, "any event has it", mode accuracy."""
    labels = [story_label(c.predicted) for c in cases]
    pairs = [(c.gold.label, top) for c, (top, _) in zip(cases, labels, strict=True)]
    table = per_label(pairs)
    found = sum(1 for c in cases if any(e.plover == c.gold.label for e in c.predicted))
    with_mode = [(c.gold.mode, m) for c, (_, m) in zip(cases, labels, strict=True) if c.gold.mode]
    metrics: dict[str, Metric] = {
        "plover_accuracy": accuracy(pairs),
        "plover_macro_f1": macro_f1(table),
        "plover_any": Ratio(found, len(cases)),
        "mode_accuracy": Ratio(sum(1 for g, p in with_mode if g == p), len(with_mode)),
    }
    misses = tuple(
        Example(
            c.gold.id,
            {"title_or_text": c.gold.text[:160], "gold": g, "predicted": p, "error": c.error or ""},
        )
        for c, (g, p) in zip(cases, pairs, strict=True)
        if g != p
    )
    return Score(
        task="events", records=len(cases), metrics=metrics, categories={"plover": table},
        confusions={"plover": confusions(pairs)}, misses=misses, failures=failure_examples(cases),
    )  # fmt: skip
