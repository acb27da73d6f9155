"""Actors and dates for the event coder, from the actors and dates stages.

The stages own resolution (`nlp.actors.actor_for_token`, `nlp.dates.date_for_token`); this module
calls them and, where a phrase resolves to no known actor, keeps the mention itself as an
uncoded actor (text and offsets only) so the event still says who acted, in the text's words.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Token

from brinkwatch.coding.roles import phrase_span, phrase_tokens
from brinkwatch.nlp.gazetteer import Gazetteer
from brinkwatch.records import Actor, DateRef

ActorLookup = Callable[[Doc, Token], Actor | None]
DateLookup = Callable[[Doc, Token], DateRef]
_NOT_ACTORS = frozenset({"it", "this", "that", "there", "which", "what", "one", "something"})
_NOT_ACTOR_ENTITIES = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)
_ACTOR_ENTITIES = frozenset({"GPE", "ORG", "NORP", "PERSON"})
_PLACE_ENTITIES = frozenset({"NORP", "GPE"})
_NAMED = frozenset({"ORG", "PERSON"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def _optional(module: str, name: str) -> Any:
    """A stage's lookup function, or None while that stage is not installed."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def actor_lookup() -> ActorLookup | None:
    return _optional("brinkwatch.nlp.actors", "actor_for_token")


def date_lookup() -> DateLookup | None:
    return _optional("brinkwatch.nlp.dates", "date_for_token")


def could_be_actor(head: Token, agents: frozenset[str] | None) -> bool:
    """Whether an unresolved phrase head may name an actor. Sources may be any noun (the verb
    says someone acted); targets must look like an actor: a named person, group or place, or
    a noun for people (`agents`; None: no such check)."""
    if head.pos_ not in ("NOUN", "PROPN", "PRON") or head.lower_ in _NOT_ACTORS:
        return False
    if head.ent_type_ in _NOT_ACTOR_ENTITIES:
        return False
    if agents is None:
        return True
    if head.ent_type_ in _ACTOR_ENTITIES or head.pos_ == "PRON":
        return True
    # lemma or word: the class lists both singulars and plurals ("neighbour", "troops")
    return (
        (head.pos_ == "PROPN" and not head.ent_type_)
        or head.lemma_.lower() in agents
        or head.lower_ in agents
    )


def mention(doc: Doc, head: Token, agents: frozenset[str] | None = None) -> Actor | None:
    """The phrase headed by `head` as an uncoded actor; None for words that name nobody."""
    if not could_be_actor(head, agents):
        return None
    start, end = phrase_span(head)
    span = doc[start:end]
    return Actor(text=span.text, start=span.start_char, end=span.end_char)


class ActorFinder:
    """Actor of a phrase head: the resolver on the head, then on its modifiers, else the mention."""

    def __init__(
        self,
        lookup: ActorLookup | None,
        agent_nouns: frozenset[str] = frozenset(),
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.lookup = lookup
        self.agent_nouns = agent_nouns
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc, head: Token, strict: bool = False) -> Actor | None:
        if self.lookup is not None:
            actor = self.lookup(doc, head)
            if actor is not None and (not strict or self._names_someone(head, actor)):
                return actor
            if head.dep_ == "amod":  # "a **Kenyan** inquiry into …", "**Chinese** aid to …"
                actor = self._place(doc, head)
                if actor is not None:
                    return actor
            for token in (t for t in phrase_tokens(head) if t is not head):
                actor = self.lookup(doc, token) or self._place(doc, token)
                if actor is not None and (actor.country or actor.name or self._names_people(head)):
                    return actor
            # "its neighbour Estonia", "the bloc, the EU": the apposition names the actor
            for appos in (c for c in head.children if c.dep_ == "appos"):
                actor = self.lookup(doc, appos)
                if actor is not None:
                    return actor
        found = mention(doc, head, self.agent_nouns if strict else None)
        return found if found is not None or not strict else _named_modifier(doc, head)

    def _place(self, doc: Doc, token: Token) -> Actor | None:
        """A country named by a modifier the actors stage left alone because its noun names no
        one ("a **Chilean** demand", "**Iranian** banks"): looked up in the gazetteer."""
        if self.gazetteer is None or token.ent_type_ not in _PLACE_ENTITIES:
            return None
        span = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        if span is None:
            return None
        place = self.gazetteer.places.get(tuple(t.lower for t in span))
        if place is None or place.kind not in ("country", "adjective"):
            return None
        return Actor(text=span.text, start=span.start_char, end=span.end_char, code=place.code,
                     country=place.country)  # fmt: skip

    def _names_someone(self, head: Token, actor: Actor) -> bool:
        """A target must name someone: a sector-only mention on a thing ("military **aid**", "a
        court **order**") is what was done, not whom it was done to."""
        if actor.country or actor.name or head.pos_ in ("PROPN", "PRON"):
            return True
        return head.ent_type_ in _ACTOR_ENTITIES or self._names_people(head)

    def _names_people(self, head: Token) -> bool:
        """A sector word on a modifier names the head only when the head is people ("security
        forces"), not a thing ("military aid", "joint military exercises")."""
        return head.lemma_.lower() in self.agent_nouns or head.lower_ in self.agent_nouns


def _named_modifier(doc: Doc, head: Token) -> Actor | None:
    """An organisation or person named inside a thing's phrase, kept uncoded: "the **OPCW**
    visit", "**Alitalia**'s future" are about the OPCW and Alitalia."""
    for child in head.children:
        if child.dep_ in _MODIFIERS and child.pos_ == "PROPN" and child.ent_type_ in _NAMED:
            span = next((e for e in doc.ents if e.start <= child.i < e.end), None)
            if span is not None and span.end <= head.i:
                return Actor(text=span.text, start=span.start_char, end=span.end_char)
    return None


def antecedent(doc: Doc, pronoun: Token, avoid: Callable[[Actor], bool]) -> Actor | None:
    """Another antecedent for a pronoun the actors stage tied to the wrong actor (`avoid`): the
    nearest actor mention before it, in its sentence or the one before, that `avoid` allows —
    a subject first, as the topic of a clause is what a later "it" most often names; modifiers
    ("UN sanctions") last. "it" skips plural and personal mentions."""
    index = doc._.bw_actor_index or {}
    sent = pronoun.sent
    first = doc[sent.start - 1].sent.start if sent.start else 0
    found: list[tuple[Token, Actor]] = []
    for i in range(pronoun.i - 1, first - 1, -1):
        actor = index.get(i)
        if actor is not None and not avoid(actor) and _agrees(pronoun, doc[i]):
            found.append((doc[i], actor))
    ranked = sorted(found, key=lambda pair: _salience(pair[0]))  # stable: nearest first
    if not ranked:
        return None
    end = pronoun.idx + len(pronoun.text)
    return replace(ranked[0][1], text=pronoun.text, start=pronoun.idx, end=end)


def _agrees(pronoun: Token, token: Token) -> bool:
    """Number and person: "it" names no plural and no person, "they" a plural or a pair."""
    word = pronoun.lower_
    if word in ("it", "its"):
        return token.tag_ not in _PLURAL_TAGS and token.ent_type_ != "PERSON"
    if word in ("they", "them", "their"):
        return token.tag_ in _PLURAL_TAGS or bool(token.conjuncts)
    return True


def _salience(token: Token) -> int:
    if token.dep_ in _SUBJECTS:
        return 0
    return 2 if token.dep_ in _MODIFIERS else 1


def published_date(doc: Doc) -> DateRef:
    published = doc._.bw_published
    if published is None:
        return DateRef(value=None, granularity=None, text=None, source=None)
    return DateRef(value=published.isoformat(), granularity="day", text=None, source="published")
