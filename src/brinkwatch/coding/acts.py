"""One event per act: a sentence's events that restate or only frame another event are dropped.

News sentences report one act and describe it: its consequence ("stormed a base, killing five"),
its setting ("At a summit in Sochi, Putin rejected …"), what a noun was doing ("their role in
defending Kirkuk"). Coded as events of their own, these double-count the act for the dyad series
(the monitor sums events per pair and day), so the coder keeps:

- a participle of consequence or manner (adverbial "-ing" clause, or one coordinated with it) only
  when it is a different kind of act than the verb it hangs on, or done by someone else
  ("attacked …, killing 12" is one attack; "refused talks, demanding …" is a refusal and a demand);
- an event noun inside a prepositional phrase only when no other event's verb governs it
  ("At a summit …, X rejected …": the rejection is the news, the summit its setting);
- a gerund after a preposition only when that preposition belongs to a verb ("role in defending"
  describes the role);
- one record per (code, source, target) in a sentence, as GDELT keeps one record for events with
  the same actors and code (a record without a target adds nothing beside one with it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Token

from brinkwatch.coding.eventparts import same_actor
from brinkwatch.coding.matcher import VERB_POS
from brinkwatch.records import Event

_NOUN_POS = frozenset({"NOUN", "PROPN"})


def _clause_head(trigger: Token) -> Token:
    """The first token of a coordination chain: "killing five and injuring 22" → killing."""
    token = trigger
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


_FORCE = frozenset({"18", "19", "20"})


def _kind(event: Event) -> str:
    """The kind of act: its CAMEO root; assault, fighting and mass violence are one kind
    ("ambushed a convoy, killing five": the killing is the ambush's outcome)."""
    return "force" if event.cameo_root in _FORCE else event.cameo_root


def _consequence(trigger: Token, by_token: Mapping[int, list[Event]], event: Event) -> bool:
    """An adverbial participle that restates its governing verb's act: same source, same kind."""
    head = _clause_head(trigger)
    if head.dep_ != "advcl" or head.tag_ not in ("VBG", "VBN"):
        return False
    governing = by_token.get(head.head.i, [])
    return any(
        same_actor(event.source, other.source)
        and _kind(other) == _kind(event)
        and (other.target is not None or event.target is None)  # else it says whom: kept
        for other in governing
    )


def _setting(trigger: Token, by_token: Mapping[int, list[Event]]) -> bool:
    """An event noun in a prepositional phrase under another event's verb: its setting."""
    if trigger.pos_ not in _NOUN_POS or trigger.dep_ != "pobj":
        return False
    for ancestor in trigger.ancestors:
        if ancestor.pos_ in VERB_POS:
            return ancestor.i in by_token
    return False


def _describing_gerund(trigger: Token) -> bool:
    """ "their role in defending Kirkuk": a gerund after a preposition that belongs to a noun."""
    prep = trigger.head
    return (
        trigger.dep_ == "pcomp"
        and trigger.tag_ == "VBG"
        and prep.dep_ == "prep"
        and prep.head.pos_ in _NOUN_POS
    )


def _key(event: Event) -> tuple[str, str, str]:
    source = event.source.code or event.source.text
    return event.cameo, source, (event.target.code or event.target.text) if event.target else ""


def _restated(event: Event, kept: Sequence[Event], events: Sequence[Event]) -> bool:
    """The same code, source and target as a kept record; or no target, where another record
    of the sentence has the same code and source and a target."""
    if any(_key(event) == _key(other) for other in kept):
        return True
    return event.target is None and any(
        other.target is not None
        and other.cameo == event.cameo
        and same_actor(event.source, other.source)
        for other in events
    )


def one_per_act(events: Sequence[Event], triggers: Mapping[int, Token]) -> list[Event]:
    """The events that report an act of their own, in their order. `triggers` maps a trigger's
    character offset to its token (every event's trigger is there)."""
    by_token: dict[int, list[Event]] = {}
    for event in events:
        by_token.setdefault(triggers[event.trigger.start].i, []).append(event)
    acts = [e for e in events if _own_act(triggers[e.trigger.start], by_token, e)]
    kept: list[Event] = []
    for event in acts:
        if not _restated(event, kept, acts):
            kept.append(event)
    return kept


def _own_act(trigger: Token, by_token: Mapping[int, list[Event]], event: Event) -> bool:
    return not (
        _consequence(trigger, by_token, event)
        or _setting(trigger, by_token)
        or _describing_gerund(trigger)
    )
