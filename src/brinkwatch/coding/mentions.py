"""Actor mentions inside events: a pronoun reported as its antecedent, coordinated modifiers split.

"Finland says **it** will …" reports Finland's span and code; "**Chinese and Philippine**
diplomats" are two actors (CHNGOV and PHLGOV), so "… met" gives a pair.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from brinkwatch.nlp.gazetteer import Gazetteer
from brinkwatch.records import Actor

_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


_PRONOUNS = frozenset(
    {"it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "us", "our"}
)


def named(doc: Doc, actor: Actor) -> Actor:
    """A pronoun actor reported as its antecedent: the nearest earlier mention of the same
    entity that is not a pronoun gives the span ("Finland says **it** will …" → Finland)."""
    if actor.text.lower() not in _PRONOUNS or not actor.entity:
        return actor
    before = [
        m
        for m in doc._.bw_actors or ()
        if m.entity == actor.entity and m.end <= actor.start and m.text.lower() not in _PRONOUNS
    ]
    if not before:
        return actor
    named = before[-1]
    return replace(actor, text=named.text, start=named.start, end=named.end)


def split_coordinated(gaz: Gazetteer, head: Token, actor: Actor) -> list[Actor]:
    """The actor, and one more per coordinated place modifier of another country: "Chinese
    and Philippine diplomats" → CHN diplomats, PHL diplomats (each with the head's sector)."""
    if actor.country is None:
        return [actor]
    found = [actor]
    for modifier in (c for c in head.children if c.dep_ in _MODIFIER_DEPS and c.conjuncts):
        for other in modifier.conjuncts:
            place = gaz.places.get((other.lower,))
            if place is None or place.country in (actor.country, *(a.country for a in found)):
                continue
            country = place.country
            end = head.idx + len(head.text)
            found.append(replace(
                actor, text=head.doc.text[other.idx:end], start=other.idx, end=end, name=None,
                country=country, code=gaz.country_code(country) + (actor.sector or ""), entity=None,
            ))  # fmt: skip
    return found
