"""Dyad figures of a sentence set: does the coder say who did what to WHOM, and how often.

The monitor is built on country pairs, so what counts is an event whose source AND target are the
gold ones. These figures go with the `penta` (and sentence `events`) scores:

- `dyad_recall`: of the gold sentences with a source span and a target span, the share where one
  predicted event's source overlaps a gold source and its target overlaps a gold target;
- `events_per_sentence`: predicted event records over sentences (gold news sentences hold about
  one); `acts_per_sentence` counts each act once (one trigger), as the records of a reciprocal
  act ("A met B": A→B and B→A) or of coordinated actors ("fired at A and B") are one act;
- `with_target`: the share of predicted events that have a target;
- `negated_share`: the share of predicted events marked negated.
"""

from __future__ import annotations

from collections.abc import Sequence

from brinkwatch.evaluate.gold import SentenceGold
from brinkwatch.evaluate.matching import tokens
from brinkwatch.evaluate.metrics import Ratio
from brinkwatch.evaluate.results import Case, PredEvent
from brinkwatch.records import Span

# A figure that must stay BELOW its pinned value (the gate's ceilings): more events per sentence
# than gold has are phantom events.
CEILING_METRICS = ("events_per_sentence", "acts_per_sentence")


def _overlaps(text: str, gold: Sequence[Span], predicted: Span | None) -> bool:
    if predicted is None:
        return False
    mine = tokens(text, predicted.start, predicted.end)
    return any(mine & tokens(text, g.start, g.end) for g in gold)


def has_dyad(text: str, sources: Sequence[Span], targets: Sequence[Span],
             events: Sequence[PredEvent]) -> bool:  # fmt: skip
    """One event whose source overlaps a gold source and whose target overlaps a gold target."""
    return any(
        _overlaps(text, sources, e.source) and _overlaps(text, targets, e.target) for e in events
    )


def dyad_metrics(cases: Sequence[Case[SentenceGold, tuple[PredEvent, ...]]]) -> dict[str, Ratio]:
    """The dyad figures of sentence cases."""
    hits = scored = 0
    events = [e for c in cases for e in c.predicted]
    for case in cases:
        gold = case.gold
        if not gold.sources or not gold.targets:
            continue
        scored += 1
        hits += has_dyad(gold.text, gold.sources, gold.targets, case.predicted)
    acts = sum(len({e.position for e in c.predicted}) for c in cases)
    return {
        "dyad_recall": Ratio(hits, scored),
        "events_per_sentence": Ratio(len(events), len(cases)),
        "acts_per_sentence": Ratio(acts, len(cases)),
        "with_target": Ratio(sum(1 for e in events if e.target is not None), len(events)),
        "negated_share": Ratio(sum(1 for e in events if e.negated), len(events)),
    }
