"""Toponym spans in a parsed article and the syntactic role each plays.

A toponym is a GPE/LOC/FAC entity the gazetteer knows, or a capitalised name after a locative
preposition that the tagger missed ("in Kupiansk"). A following "province"/"region"/"oblast" joins
the span and asks for a region. What a toponym does in its clause decides whether it can be where
an event happened: "shelling in Kharkiv" (locative) can, "Moscow urged…" (a capital standing for
its government: subject, possessor, agent) cannot.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from brinkwatch.knowledge.places import Gazetteer, Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
REGION_NOUNS = frozenset(
    {"province", "region", "oblast", "governorate", "state", "prefecture", "district", "county"}
)
# Prepositions that put something at a place: "in", "near", "off the coast of"…
LOCATIVE = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "off", "along", "around", "throughout",
     "within", "into", "over", "between", "beyond", "towards", "toward", "through", "on"}
)  # fmt: skip
# Nouns that stand between a locative preposition and the place: "in the town of X", "near the
# border with X", "off the coast of X", "in the outskirts of X", "in northern parts of X".
PLACE_NOUNS = frozenset(
    {"town", "city", "village", "coast", "outskirts", "border", "region", "province", "area",
     "part", "parts", "north", "south", "east", "west", "centre", "center", "suburb", "suburbs",
     "district", "capital", "port", "state", "oblast", "governorate", "waters", "island",
     "islands", "strait", "sea", "gulf", "county", "prefecture", "camp", "streets", "street",
     "square", "frontier", "enclave", "territory", "settlement", "neighbourhood", "neighborhood",
     "heart", "edge", "shores", "shore", "side", "vicinity"}
)  # fmt: skip
OTHER_LABELS = frozenset({"ORG", "NORP", "PERSON"})
# "travelled to Japan", "sent troops to the border": "to" places an event only after these
MOTION_VERBS = frozenset(
    {"travel", "fly", "go", "come", "return", "arrive", "head", "deploy", "send", "move", "sail",
     "march", "rush", "dispatch", "trip", "visit", "journey"}
)  # fmt: skip
ACTOR_DEPS = frozenset({"nsubj", "csubj", "poss", "expl"})
_CHAIN_DEPS = frozenset({"conj", "appos", "compound"})
_MAX_TOKENS = 5
WELL_KNOWN_CITY = 100_000


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name on tokens `start`..`end` (exclusive), `root` its head token index."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    root: int
    hint: str | None  # "region" when a region noun follows ("Idlib province")
    candidates: tuple[Place, ...]


def find(doc: Doc, gaz: Gazetteer) -> list[Toponym]:
    """Toponyms in text order: tagged entities first, then untagged names after locatives."""
    found = [t for t in (_from_entity(doc, e, gaz) for e in doc.ents) if t is not None]
    taken = {i for t in found for i in range(t.start, t.end)}
    found.extend(t for t in _untagged(doc, gaz) if t.start not in taken)
    return sorted(found, key=lambda t: t.start)


def _from_entity(doc: Doc, ent: Span, gaz: Gazetteer) -> Toponym | None:
    """A tagged place; or, since a small tagger often calls a town an organisation or a person
    ("in Marseille" as ORG), any entity in a locative phrase that the gazetteer knows."""
    if ent.label_ not in PLACE_LABELS and not (
        ent.label_ in OTHER_LABELS and _in_locative_phrase(ent.root)
    ):
        return None
    start, end = ent.start, ent.end
    hint = None
    if end < len(doc) and doc[end].lower_ in REGION_NOUNS:
        end, hint = end + 1, "region"
    elif end < len(doc) and doc[end].is_alpha and gaz.candidates(doc[start : end + 1].text):
        end += 1  # "the Rafah crossing", "the Kerch bridge": a named place with a common noun
    return _toponym(doc, start, end, hint, gaz)


def _in_locative_phrase(token: Token) -> bool:
    token = chain_head(token)
    if token.dep_ != "pobj":
        return False
    prep = token.head
    word = prep.lower_
    return (
        word in LOCATIVE
        or (word == "of" and prep.head.lower_ in PLACE_NOUNS)
        or (word == "to" and prep.head.lemma_ in MOTION_VERBS)
    )


def _toponym(doc: Doc, start: int, end: int, hint: str | None, gaz: Gazetteer) -> Toponym | None:
    while start < end and doc[start].lower_ == "the":
        start += 1
    if start >= end:
        return None
    span = doc[start:end]
    candidates = gaz.candidates(span.text)
    if not candidates and hint:  # "Idlib province": the gazetteer knows "Idlib"
        candidates = gaz.candidates(doc[start : end - 1].text)
    if not candidates:
        return None
    return Toponym(
        start, end, span.start_char, span.end_char, span.text, span.root.i, hint,
        tuple(candidates),
    )  # fmt: skip


def _untagged(doc: Doc, gaz: Gazetteer) -> Iterator[Toponym]:
    """Capitalised names the tagger left without an entity label: after a locative preposition
    any known place ("in Kupiansk"); elsewhere only a well-known one ("Kyiv's forces") — a
    country, region, named sea or area, or a city of 100,000 or more — so a surname that is
    also a village does not become a place."""
    i = 0
    while i < len(doc):
        if not _bare(doc[i]):
            i += 1
            continue
        last = i
        while last + 1 < len(doc) and last - i < _MAX_TOKENS and _bare(doc[last + 1]):
            last += 1
        found = _longest(doc, i, last, gaz, _after_locative(doc, i))
        if found is not None:
            yield found
        i = last + 1


def _after_locative(doc: Doc, i: int) -> bool:
    before = doc[i - 1] if i > 0 else None
    if before is not None and before.lower_ == "the" and i > 1:
        before = doc[i - 2]
    return before is not None and before.lower_ in LOCATIVE


def _longest(doc: Doc, first: int, last: int, gaz: Gazetteer, anywhere: bool) -> Toponym | None:
    for end in range(last + 1, first, -1):
        hint = "region" if end < len(doc) and doc[end].lower_ in REGION_NOUNS else None
        found = _toponym(doc, first, end + (hint is not None), hint, gaz)
        if found is not None and (anywhere or any(_well_known(p) for p in found.candidates)):
            return found
    return None


def _well_known(place: Place) -> bool:
    return place.kind != "city" or place.population >= WELL_KNOWN_CITY


def _bare(token: Token) -> bool:
    return not token.ent_type_ and _capitalised(token)


def _capitalised(token: Token) -> bool:
    return token.is_alpha and token.text[:1].isupper() and token.pos_ == "PROPN"


def chain_head(token: Token) -> Token:
    """Climb conjunctions, appositions and compounds: "Gaza and Lebanon", "Paris, Texas",
    "Idlib province" all take the role of their first member's head."""
    while token.dep_ in _CHAIN_DEPS and token.head is not token:
        if token.dep_ == "compound" and token.head.lower_ not in REGION_NOUNS | PLACE_NOUNS:
            break
        token = token.head
    return token


def actor_like(doc: Doc, toponym: Toponym) -> bool:
    """The place names who acts, not where: a subject ("Moscow urged"), a possessor ("Kyiv's
    forces"), a passive agent ("by Beijing"), or a modifier of a non-place noun ("Moscow
    officials")."""
    token = chain_head(doc[toponym.root])
    if token.dep_ in ACTOR_DEPS:
        return True
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return True
    return token.dep_ in {"compound", "nmod", "amod"} and token.head.lower_ not in PLACE_NOUNS


def locative_anchor(doc: Doc, toponym: Toponym) -> Token | None:
    """The word a locative phrase holding the toponym attaches to ("bombed" or "market" in
    "bombed a market in Aleppo"), through place nouns ("in the town of X", "off the coast of
    Y"); None when the toponym is not in a locative phrase."""
    token = chain_head(doc[toponym.root])
    anchor: Token | None = None
    for _ in range(6):  # nested place nouns are few; the bound guards odd parses
        if token.dep_ != "pobj" or token.head.pos_ != "ADP":
            return anchor
        prep = token.head
        if prep.lower_ == "of" and prep.head.lower_ in PLACE_NOUNS:
            token = chain_head(prep.head)
            continue
        motion = prep.lower_ == "to" and prep.head.lemma_ in MOTION_VERBS
        if prep.lower_ not in LOCATIVE and not motion:
            return anchor
        anchor = prep.head
        if anchor.lower_ not in PLACE_NOUNS:
            return anchor
        token = chain_head(anchor)
    return anchor


def place_head(doc: Doc, toponym: Toponym) -> Token:
    """The noun a toponym names through "of": "the port of Odesa" -> "port" (or the toponym's own
    chain head)."""
    token = chain_head(doc[toponym.root])
    while (
        token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in PLACE_NOUNS
    ):
        token = chain_head(token.head.head)
    return token
