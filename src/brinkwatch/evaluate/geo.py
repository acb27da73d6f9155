"""The `geo` task: is each gold event located where it happened?

A gold record (tests/gold/geo.jsonl, docs/places.md) is a sentence, an optional `dateline`, the
`trigger` word of the event to score, and `expect`: a place with `kind`, `country` and, for a
point, `lat`/`lon` (`radius_km`, default 25), or for a region its `region` name; or `null` when
the event has no location in the text (a capital standing for its government: "Moscow urged…").

Correct means: a point within `radius_km` of the gold coordinates; a region or country that holds
the predicted place (same country, and the region's name in the predicted region or name); no
location where none is expected.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from brinkwatch.evaluate.metrics import Metric, Ratio
from brinkwatch.evaluate.results import Case, Example, Score, failure_examples
from brinkwatch.knowledge.places import gazetteer, normalise
from brinkwatch.process import code_many
from brinkwatch.records import Article, Event, Failure, Location
from brinkwatch.settings import Settings

POINT_KINDS = frozenset({"city", "landmark", "sea", "strait", "island", "area"})
EARTH_KM = 6371.0
DEFAULT_RADIUS_KM = 25.0


@dataclass(frozen=True, slots=True)
class GeoGold:
    id: str
    text: str
    dateline: str | None
    trigger: str | None
    expect: Mapping[str, Any] | None  # None: no location expected


def parse_geo(raw: Mapping[str, Any]) -> GeoGold:
    expect = raw["expect"]
    if expect is not None and ("kind" not in expect or "country" not in expect):
        raise ValueError("`expect` needs `kind` and `country` (or is null)")
    if expect is not None and expect["kind"] in POINT_KINDS and "lat" not in expect:
        raise ValueError(f"a {expect['kind']} needs `lat` and `lon`")
    text = raw["text"]
    if not isinstance(text, str):
        raise ValueError("`text` must be a string")
    return GeoGold(str(raw["id"]), text, raw.get("dateline"), raw.get("trigger"), expect)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def located_correctly(expect: Mapping[str, Any] | None, found: Location | None) -> bool:
    if expect is None:
        return found is None
    if found is None:
        return False
    if expect["kind"] in POINT_KINDS:
        radius = float(expect.get("radius_km", DEFAULT_RADIUS_KM))
        return distance_km(expect["lat"], expect["lon"], found.lat, found.lon) <= radius
    if (found.country or "") != (expect["country"] or ""):
        return False
    if expect["kind"] == "region":
        return _in_region(expect["region"], expect["country"], found)
    return True  # a country holds anything in it


def _in_region(region: str, country: str, found: Location) -> bool:
    """The gold region (by any of its names, "Bavaria" for "Bayern") holds the found place."""
    codes = {
        p.adm1
        for name in (region, f"{region} Province", f"{region} Region", f"{region} State")
        for p in gazetteer().candidates(name)
        if p.kind == "region" and p.country == country and p.adm1
    }
    if found.adm1 and found.adm1 in codes:
        return True
    wanted = normalise(region)
    return any(wanted in normalise(n or "") for n in (found.region, found.name))


def pick_event(events: Sequence[Event], trigger: str | None) -> Event | None:
    """The event at the gold's trigger word, else the first one."""
    for event in events:
        if trigger and event.trigger.text.lower() == trigger.lower():
            return event
    return events[0] if events else None


GeoCase = Case[GeoGold, Location | None]


def geo_cases(golds: Sequence[GeoGold], settings: Settings, n_process: int = 1) -> list[GeoCase]:
    inputs = [{"id": g.id, "text": g.text, "dateline": g.dateline} for g in golds]
    records: list[Article | Failure] = list(code_many(inputs, n_process, settings=settings))
    cases: list[GeoCase] = []
    for gold, record in zip(golds, records, strict=True):
        if isinstance(record, Failure):
            cases.append(Case(gold, None, f"{record.error.code}: {record.error.message}"))
            continue
        event = pick_event(record.events, gold.trigger)
        error = None if event is not None else "no event coded"
        cases.append(Case(gold, event.location if event else None, error))
    return cases


def _kind(gold: GeoGold) -> str:
    if gold.expect is None:
        return "none"
    return "point" if gold.expect["kind"] in POINT_KINDS else "region"


def _miss(case: GeoCase) -> Example:
    found = case.predicted
    return Example(case.gold.id, {
        "text": case.gold.text, "expected": str(dict(case.gold.expect or {}) or None),
        "predicted": f"{found.full_name} ({found.lat:.2f}, {found.lon:.2f}) by {found.source}"
        if found else "nothing", "error": case.error or "",
    })  # fmt: skip


def score_geo(cases: Sequence[GeoCase]) -> Score:
    """Accuracy over every record, and by kind: points (within the radius), regions and
    countries (inside), no-location records (metonyms: nothing located)."""
    right = [c.error is None and located_correctly(c.gold.expect, c.predicted) for c in cases]
    metrics: dict[str, Metric] = {"accuracy": Ratio(sum(right), len(cases))}
    for kind in ("point", "region", "none"):
        picked = [r for c, r in zip(cases, right, strict=True) if _kind(c.gold) == kind]
        metrics[f"{kind}_accuracy"] = Ratio(sum(picked), len(picked))
    located = sum(1 for c in cases if c.predicted is not None and c.gold.expect is not None)
    metrics["located"] = Ratio(located, sum(1 for c in cases if c.gold.expect is not None))
    misses = tuple(_miss(c) for c, r in zip(cases, right, strict=True) if not r)
    return Score(
        task="geo", records=len(cases), metrics=metrics, misses=misses,
        failures=failure_examples(cases),
    )  # fmt: skip
