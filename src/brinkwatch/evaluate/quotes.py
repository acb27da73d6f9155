"""The `quotes` task: predicted attributions against gold ones (source, cue, content spans).

Attributions are matched one-to-one, best first, by how well their content and cue spans overlap
(a pair with neither overlapping never matches). Then each role of each pair is judged: exact
(same characters once surrounding spaces, quote marks and punctuation are trimmed) and token
overlap at 0.3 and 0.8 (each span covers at least that share of the other's tokens). A role the
gold has and the prediction lacks is a miss; one the prediction has and the gold lacks, a false hit.
The `span_*` figures (`evaluate.quote_spans`) score each role's spans without the linking.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from brinkwatch.evaluate.gold import Attribution, DocumentGold
from brinkwatch.evaluate.matching import match, mutual_coverage, span_tokens
from brinkwatch.evaluate.metrics import Counts, Metric
from brinkwatch.evaluate.quote_spans import ROLES, THRESHOLDS, span_counts, trim
from brinkwatch.evaluate.results import Case, Example, PredQuote, Score, failure_examples
from brinkwatch.records import Span

QuoteCase = Case[DocumentGold, tuple[PredQuote, ...]]
Extent = tuple[tuple[int, int], ...]


def gold_role(a: Attribution, role: str) -> Extent:
    return tuple((s.start, s.end) for s in getattr(a, role))


def pred_role(q: PredQuote, role: str) -> Extent:
    span: Span | None = getattr(q, role)
    return ((span.start, span.end),) if span is not None else ()


def role_ok(text: str, gold: Extent, predicted: Extent, measure: str) -> bool:
    """Whether a predicted role span agrees with the gold one under `measure`."""
    if measure == "exact":
        outer = (min(s for s, _ in gold), max(e for _, e in gold))
        return trim(text, *outer) == trim(text, *predicted[0])
    share = mutual_coverage(span_tokens(text, gold), span_tokens(text, predicted))
    return share >= THRESHOLDS[measure]


def _judge(text: str, gold: Extent, predicted: Extent, measure: str) -> Counts:
    if gold and predicted:
        return Counts(tp=1) if role_ok(text, gold, predicted, measure) else Counts(fp=1, fn=1)
    return Counts(fp=int(bool(predicted)), fn=int(bool(gold)))


def _pair_score(text: str) -> Callable[[Attribution, PredQuote], float]:
    def score(a: Attribution, q: PredQuote) -> float:
        content = mutual_coverage(span_tokens(text, gold_role(a, "content")),
                                  span_tokens(text, pred_role(q, "content")))  # fmt: skip
        cue = mutual_coverage(span_tokens(text, gold_role(a, "cue")),
                              span_tokens(text, pred_role(q, "cue")))  # fmt: skip
        return content + 0.5 * cue if (content or cue) else 0.0

    return score


def document_counts(
    gold: DocumentGold, predicted: Sequence[PredQuote]
) -> tuple[dict[str, Counts], list[Example]]:
    """Counts of one document per metric, and the gold attributions not matched exactly."""
    pairs = match(gold.attributions, predicted, _pair_score(gold.text))
    matched = {p.gold: p.predicted for p in pairs}
    used = set(matched.values())
    counts: dict[str, Counts] = {"attribution": Counts(len(pairs), len(predicted) - len(pairs),
                                                       len(gold.attributions) - len(pairs))}  # fmt: skip
    for role in ROLES:
        for measure in ("exact", *THRESHOLDS):
            total = Counts()
            for i, a in enumerate(gold.attributions):
                q = predicted[matched[i]] if i in matched else None
                total += _judge(gold.text, gold_role(a, role),
                                pred_role(q, role) if q else (), measure)  # fmt: skip
            for j, q in enumerate(predicted):
                if j not in used:
                    total += _judge(gold.text, (), pred_role(q, role), measure)
            counts[f"{role}_{measure}"] = total
    counts.update(span_counts(gold, predicted))
    misses = [
        _miss(gold, a, predicted[matched[i]] if i in matched else None)
        for i, a in enumerate(gold.attributions)
        if i not in matched or not _exact(gold.text, a, predicted[matched[i]])
    ]
    return counts, misses


def _exact(text: str, a: Attribution, q: PredQuote) -> bool:
    return all(_judge(text, gold_role(a, r), pred_role(q, r), "exact").tp or not
               (gold_role(a, r) or pred_role(q, r)) for r in ROLES)  # fmt: skip


def _miss(gold: DocumentGold, a: Attribution, q: PredQuote | None) -> Example:
    fields: dict[str, str] = {}
    for role in ROLES:
        fields[role] = " … ".join(s.text for s in getattr(a, role))[:200]
        span: Span | None = getattr(q, role) if q else None
        fields[f"predicted_{role}"] = span.text[:200] if span else "—"
    return Example(f"{gold.id}:{a.id}", fields)


def score_quotes(cases: Sequence[QuoteCase]) -> Score:
    """Attribution P/R/F1 and, per role, exact and token-overlap (0.3, 0.8) P/R/F1."""
    totals: dict[str, Counts] = {}
    misses: list[Example] = []
    for case in cases:
        counts, wrong = document_counts(case.gold, case.predicted)
        for name, value in counts.items():
            totals[name] = totals.get(name, Counts()) + value
        misses += wrong
    metrics: dict[str, Metric] = dict(totals)
    return Score(
        task="quotes", records=len(cases), metrics=metrics, misses=tuple(misses),
        failures=failure_examples(cases),
    )  # fmt: skip
