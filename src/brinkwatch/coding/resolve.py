"""Actors and dates for the event coder, from the actors and dates stages.

The stages own resolution (`nlp.actors.actor_for_token`, `nlp.dates.date_for_token`); this module
calls them and, where a phrase resolves to no known actor, keeps the mention itself as an
uncoded actor (text and offsets only) so the event still says who acted, in the text's words.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Token

from brinkwatch.coding.roles import phrase_span, phrase_tokens
from brinkwatch.records import Actor, DateRef

ActorLookup = Callable[[Doc, Token], Actor | None]
DateLookup = Callable[[Doc, Token], DateRef]
_NOT_ACTORS = frozenset({"it", "this", "that", "there", "which", "what", "one", "something"})
_NOT_ACTOR_ENTITIES = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)
_ACTOR_ENTITIES = frozenset({"GPE", "ORG", "NORP", "PERSON"})


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
    return (head.pos_ == "PROPN" and not head.ent_type_) or head.lemma_.lower() in agents


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
        self, lookup: ActorLookup | None, agent_nouns: frozenset[str] = frozenset()
    ) -> None:
        self.lookup = lookup
        self.agent_nouns = agent_nouns

    def __call__(self, doc: Doc, head: Token, strict: bool = False) -> Actor | None:
        if self.lookup is not None:
            for token in [head, *(t for t in phrase_tokens(head) if t is not head)]:
                actor = self.lookup(doc, token)
                if actor is not None:
                    return actor
        return mention(doc, head, self.agent_nouns if strict else None)


def published_date(doc: Doc) -> DateRef:
    published = doc._.bw_published
    if published is None:
        return DateRef(value=None, granularity=None, text=None, source=None)
    return DateRef(value=published.isoformat(), granularity="day", text=None, source="published")
