"""Pick one gazetteer entry for each toponym.

Each candidate gets a score: a prior by kind (a country name nearly always means the country;
curated seas and disputed areas are few and deliberate; a town counts by the log of its
population), plus evidence from the article: its country is one the article is about (actors'
countries, unambiguous places, the dateline), or the next name qualifies it ("Paris, Texas",
"Tripoli, Lebanon"), or a region noun asked for a region ("Idlib province"). A region that merely
shares its name with its own main city ("Donetsk", "Aleppo") yields to the city unless asked for.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from brinkwatch.knowledge.places import Place, normalise
from brinkwatch.nlp.places.toponyms import Toponym

KIND_PRIOR = {
    "country": 9.0,
    "region": 5.5,
    "sea": 9.0,
    "strait": 9.0,
    "island": 8.5,
    "area": 9.0,
    "landmark": 8.5,
}
CONTEXT_BONUS = 4.0  # the article is about the candidate's country
QUALIFIED_BONUS = 6.0  # "Paris, Texas": the next name holds the candidate
HINT_BONUS = 4.0  # "Idlib province" asked for a region
CITY_NAMESAKE_PENALTY = 1.5  # region "Donetsk" when the city Donetsk lies in it
MAIN_NAME_BONUS = 1.0  # "Islamabad" is the city's name, and only a former name of Chattogram


def prior(place: Place) -> float:
    if place.kind == "city":
        return math.log10(place.population + 1)
    return KIND_PRIOR.get(place.kind, 5.0)


def contains(outer: Place, inner: Place) -> bool:
    """`outer` is a country or region that holds `inner`."""
    if outer.kind == "country":
        return inner.country == outer.country and inner is not outer
    if outer.kind == "region":
        return (
            inner.country == outer.country
            and inner.admin1 == outer.admin1
            and inner.kind != "region"
        )
    return False


def context_countries(toponyms: Sequence[Toponym], extra: Iterable[str]) -> Counter[str]:
    """Countries the article is about: those of places with one possible country, and `extra`
    (actors' countries, the dateline's)."""
    counts: Counter[str] = Counter(c for c in extra if c)
    for toponym in toponyms:
        countries = {p.country for p in toponym.candidates}
        if len(countries) == 1 and "" not in countries:
            counts[countries.pop()] += 1
    return counts


def choose(
    doc: Doc | None, toponyms: Sequence[Toponym], context: Counter[str]
) -> list[Place | None]:
    """The chosen entry for each toponym, in order."""
    chosen: list[Place | None] = []
    for index, toponym in enumerate(toponyms):
        qualifier = _qualifier(doc, toponyms, index)
        scored = [
            (score(p, toponym, context, qualifier), -i, p) for i, p in enumerate(toponym.candidates)
        ]
        chosen.append(max(scored)[2] if scored else None)
    return chosen


def score(
    place: Place, toponym: Toponym, context: Counter[str], qualifier: Toponym | None
) -> float:
    value = prior(place)
    if place.country and context.get(place.country):
        value += CONTEXT_BONUS
    if qualifier is not None and any(contains(q, place) for q in qualifier.candidates):
        value += QUALIFIED_BONUS
    if normalise(place.name) == normalise(toponym.text):
        value += MAIN_NAME_BONUS
    if toponym.hint == "region" and place.kind == "region":
        value += HINT_BONUS
    if place.kind == "region" and toponym.hint is None and _namesake_city(place, toponym):
        value -= CITY_NAMESAKE_PENALTY
    return value


def _namesake_city(region: Place, toponym: Toponym) -> bool:
    return any(
        p.kind == "city" and p.country == region.country and p.admin1 == region.admin1
        for p in toponym.candidates
    )


def _qualifier(doc: Doc | None, toponyms: Sequence[Toponym], index: int) -> Toponym | None:
    """The toponym right after ", " that may say which one this is ("Paris, Texas")."""
    if index + 1 >= len(toponyms):
        return None
    here, after = toponyms[index], toponyms[index + 1]
    if after.start != here.end + 1:
        return None
    if doc is not None and doc[here.end].text != ",":
        return None
    return after
