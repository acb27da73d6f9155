"""The `actors` task: country and sector of the actor resolved from a short phrase.

A gold `country`/`sector` of "" expects none, null is not asserted (the record does not count for
that field). IGO codes: gold "IGO" matches any IGO actor, and a three-letter organisation code
("UNO", "EUR") matches the code's region letters (`IGOUNO…` → "UNO", `IGOEUREEC` → "EUR").

Sectors: a gold sector is read in the vocabulary it belongs to. A CAMEO agent code is compared
with the actor's CAMEO sector; a code only PLOVER has (PRE, PRM, UNK, JRN, SOC) with its PLOVER
sector; a code both use for different things (MED: CAMEO's media, PLOVER's health) with either,
since the gold does not say which codebook it follows (`codes/plover_sectors.tsv` decides which
codes are which; docs/evaluation.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from brinkwatch.evaluate.gold import ActorGold
from brinkwatch.evaluate.metrics import NONE, Metric, Ratio, confusions
from brinkwatch.evaluate.results import Case, Example, PredActor, Score, failure_examples
from brinkwatch.nlp.plover_sectors import plover_sectors

ActorCase = Case[ActorGold, PredActor | None]


def country_matches(gold: str, predicted: PredActor | None) -> bool:
    country = predicted.country if predicted else None
    if gold == (country or ""):
        return True
    code = (predicted.code if predicted else None) or ""
    return country == "IGO" and code.startswith("IGO") and gold == code[3:6]


def sector_matches(gold: str, predicted: PredActor | None) -> bool:
    cameo = (predicted.sector if predicted else None) or ""
    plover = (predicted.plover_sector if predicted else None) or ""
    table = plover_sectors()
    if gold in table.plover_only:
        return gold == plover
    if gold in table.other_meaning:
        return gold in (cameo, plover)
    return gold == cameo


def _label(value: str | None) -> str:
    return value or NONE


def _checks(case: ActorCase) -> dict[str, bool]:
    """Which asserted fields the prediction gets right."""
    gold, pred = case.gold, case.predicted
    checks: dict[str, bool] = {}
    if gold.expect_none:
        checks["nothing"] = pred is None and case.error is None
    if gold.country is not None:
        checks["country"] = case.error is None and country_matches(gold.country, pred)
    if gold.sector is not None:
        checks["sector"] = case.error is None and sector_matches(gold.sector, pred)
    return checks


def _miss(case: ActorCase) -> Example:
    pred = case.predicted
    return Example(case.gold.id, {
        "text": case.gold.text, "context": case.gold.context,
        "gold": f"{case.gold.country!r} {case.gold.sector!r}",
        "predicted": (
            f"{pred.code} {pred.country!r} {pred.sector!r} plover {pred.plover_sector!r}"
            if pred else "nothing"
        ),
        "error": case.error or "",
    })  # fmt: skip


def score_actors(cases: Sequence[ActorCase]) -> Score:
    """Country accuracy, sector accuracy, "expects nothing" accuracy; confusions of both fields."""
    checks = [_checks(c) for c in cases]
    metrics: dict[str, Metric] = {}
    for field in ("country", "sector", "nothing"):
        asked = [c[field] for c in checks if field in c]
        metrics[f"{field}_accuracy"] = Ratio(sum(asked), len(asked))
    country_pairs = [
        (_label(c.gold.country), _label(c.predicted.country if c.predicted else None))
        for c, ch in zip(cases, checks, strict=True)
        if "country" in ch and not ch["country"]
    ]
    sector_pairs = [
        (_label(c.gold.sector), _label(c.predicted.sector if c.predicted else None))
        for c, ch in zip(cases, checks, strict=True)
        if "sector" in ch and not ch["sector"]
    ]
    misses = tuple(_miss(c) for c, ch in zip(cases, checks, strict=True) if not all(ch.values()))
    return Score(
        task="actors", records=len(cases), metrics=metrics,
        confusions={"country": confusions(country_pairs), "sector": confusions(sector_pairs)},
        misses=misses, failures=failure_examples(cases),
    )  # fmt: skip
