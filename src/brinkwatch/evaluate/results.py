"""What the scorers take and give: prediction records, cases (gold + prediction) and scores.

Predictions are plain records cut down from `Article`s (see `evaluate/predict.py`), so the scorers
are pure functions that tests can feed by hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from brinkwatch.evaluate.metrics import Confusion, Counts, Mean, Metric, Ratio
from brinkwatch.records import Span

G = TypeVar("G")
P = TypeVar("P")


@dataclass(frozen=True, slots=True)
class PredEvent:
    """A predicted event: its codes, its actors' spans and codes, and where its trigger is."""

    cameo: str
    position: int = 0  # trigger offset: events are taken in text order
    source: Span | None = None
    target: Span | None = None
    source_country: str | None = None
    target_country: str | None = None
    source_sector: str | None = None
    plover: str | None = None
    mode: str | None = None
    negated: bool = False

    @property
    def root(self) -> str:
        return self.cameo[:2]


@dataclass(frozen=True, slots=True)
class PredQuote:
    """A predicted attribution: speaker (surface span), cue and content spans."""

    content: Span
    cue: Span | None = None
    source: Span | None = None


@dataclass(frozen=True, slots=True)
class PredActor:
    """The actor resolved from a phrase."""

    country: str | None
    sector: str | None  # CAMEO agent code
    code: str | None = None
    plover_sector: str | None = None


@dataclass(frozen=True, slots=True)
class Case(Generic[G, P]):
    """One gold record with what the pipeline predicted for it, or why it failed."""

    gold: G
    predicted: P
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Example:
    """A record worth a look (a miss or a failure): its id and the fields that show why."""

    id: str
    fields: Mapping[str, str]

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, **self.fields}


@dataclass(frozen=True, slots=True)
class Score:
    """The figures of one task on one gold file."""

    task: str
    records: int
    metrics: Mapping[str, Metric]
    categories: Mapping[str, Mapping[str, Counts]] = field(default_factory=dict)
    confusions: Mapping[str, Sequence[Confusion]] = field(default_factory=dict)
    misses: Sequence[Example] = ()
    failures: Sequence[Example] = ()
    notes: Sequence[str] = ()

    def flat(self) -> dict[str, float]:
        """Every figure under a dotted name (`events.root.f1`, `penta.accuracy`): the gate's keys."""
        out: dict[str, float] = {}
        for name, metric in self.metrics.items():
            if isinstance(metric, Counts):
                for key, value in metric.values().items():
                    out[f"{self.task}.{name}.{key}"] = value
            elif isinstance(metric, Ratio | Mean):
                out[f"{self.task}.{name}"] = metric.value
        return out


def failure_examples(cases: Sequence[Case[G, P]], key: str = "id") -> tuple[Example, ...]:
    """Every case the pipeline failed on: counted as a miss, and listed here."""
    return tuple(Example(str(getattr(c.gold, key)), {"error": c.error}) for c in cases if c.error)
