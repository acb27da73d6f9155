"""The `penta` task: the PentaClass of a sentence, and its source/target actor spans.

A sentence's class is that of its first predicted event in text order; a sentence without events
has no class ("none": a miss). Spans: a gold span is matched one-to-one to a predicted source (or
target) span of any event of the sentence that covers enough of its tokens (any, or half).
"""

from __future__ import annotations

from collections.abc import Sequence

from brinkwatch.evaluate.dyads import dyad_metrics
from brinkwatch.evaluate.gold import SentenceGold
from brinkwatch.evaluate.matching import coverage, match, tokens
from brinkwatch.evaluate.metrics import (
    NONE,
    Counts,
    Metric,
    accuracy,
    confusions,
    macro_f1,
    per_label,
)
from brinkwatch.evaluate.results import Case, Example, PredEvent, Score, failure_examples
from brinkwatch.records import Span

PENTA_NAMES = {
    0: "statement/appeal (01-02)",
    1: "verbal cooperation (03-05)",
    2: "material cooperation (06-08)",
    3: "verbal conflict (09-13, 16)",
    4: "material conflict (14, 15, 17-20)",
}
LABELS = tuple(str(k) for k in PENTA_NAMES)
THRESHOLDS = {"any": 0.0, "half": 0.5}  # share of gold tokens a predicted span must cover

PentaCase = Case[SentenceGold, tuple[PredEvent, ...]]


def penta_of_root(root: str) -> int:
    """Phoenix's PentaClass of a CAMEO root ("01" … "20")."""
    number = int(root[:2])
    if number <= 2:
        return 0
    if number <= 5:
        return 1
    if number <= 8:
        return 2
    return 3 if number <= 13 or number == 16 else 4


def sentence_penta(events: Sequence[PredEvent]) -> str:
    """The class of the first event in text order, or `NONE`."""
    if not events:
        return NONE
    return str(penta_of_root(min(events, key=lambda e: e.position).root))


def span_counts(text: str, gold: Sequence[Span], predicted: Sequence[Span], least: float) -> Counts:
    """One-to-one matching of gold to predicted spans covering more than (or at least) `least`."""
    gold_tokens = [tokens(text, s.start, s.end) for s in gold]
    unique = sorted({(s.start, s.end) for s in predicted})
    pred_tokens = [tokens(text, start, end) for start, end in unique]

    def score(g: frozenset[int], p: frozenset[int]) -> float:
        share = coverage(g, p)
        return share if (share > 0 and share >= least) else 0.0

    tp = len(match(gold_tokens, pred_tokens, score))
    return Counts(tp, len(pred_tokens) - tp, len(gold_tokens) - tp)


def _span_metrics(cases: Sequence[PentaCase]) -> dict[str, Counts]:
    totals: dict[str, Counts] = {}
    for case in cases:
        g = case.gold
        if g.sources is None or g.targets is None:
            continue
        sources, targets = _role_spans(g, case.predicted)
        for name, least in THRESHOLDS.items():
            for role, gold, pred in (
                ("source", g.sources, sources),
                ("target", g.targets, targets),
            ):
                key = f"{role}_{name}"
                totals[key] = totals.get(key, Counts()) + span_counts(g.text, gold, pred, least)
    return totals


def _mirrors(events: Sequence[PredEvent]) -> set[int]:
    """Indexes of the mirror records of symmetric acts: "A met B" is coded A→B and B→A (the
    GDELT convention the issue asks for); the gold codes such an act once, A as source and B as
    target (both as "reciprocal" only for "A and B met")."""
    found: set[int] = set()
    for i, event in enumerate(events):
        if any(
            j not in found and other.position == event.position
            and other.source == event.target and other.target == event.source
            for j, other in enumerate(events[:i])
        ):  # fmt: skip
            found.add(i)
    return found


def _role_spans(gold: SentenceGold, events: Sequence[PredEvent]) -> tuple[list[Span], list[Span]]:
    """Predicted source and target spans. A mirror record's spans are the mirrored act's own
    participants in the other role: they count where the gold has them in that role (a
    reciprocal actor), and are never false spans. The empty source of an agentless passive
    ("was arrested") names no one: no span."""
    mirrors = _mirrors(events)

    def gold_has(span: Span, spans: Sequence[Span]) -> bool:
        mine = tokens(gold.text, span.start, span.end)
        return any(mine & tokens(gold.text, s.start, s.end) for s in spans)

    sources: list[Span] = []
    targets: list[Span] = []
    for i, event in enumerate(events):
        mirror = i in mirrors
        source = event.source
        named = source is not None and source.end > source.start
        if source is not None and named and (not mirror or gold_has(source, gold.sources or ())):
            sources.append(source)
        if event.target is not None and (not mirror or gold_has(event.target, gold.targets or ())):
            targets.append(event.target)
    return sources, targets


def _miss(case: PentaCase, predicted: str) -> Example:
    first = min(case.predicted, key=lambda e: e.position) if case.predicted else None
    return Example(case.gold.id, {
        "text": case.gold.text, "gold": str(case.gold.penta), "predicted": predicted,
        "first_event": first.cameo if first else "",
        "error": case.error or "",
    })  # fmt: skip


def score_penta(cases: Sequence[PentaCase]) -> Score:
    """Accuracy, macro-F1 over the five classes, per-class figures, confusions, span overlap."""
    pairs = [(str(c.gold.penta), sentence_penta(c.predicted)) for c in cases]
    table = per_label(pairs, LABELS)
    metrics: dict[str, Metric] = {"accuracy": accuracy(pairs), "macro_f1": macro_f1(table, LABELS)}
    metrics.update(_span_metrics(cases))
    metrics.update(dyad_metrics(cases))
    misses = tuple(_miss(c, p) for c, (g, p) in zip(cases, pairs, strict=True) if g != p)
    return Score(
        task="penta", records=len(cases), metrics=metrics, categories={"penta": table},
        confusions={"penta": confusions(pairs)}, misses=misses, failures=failure_examples(cases),
    )  # fmt: skip
