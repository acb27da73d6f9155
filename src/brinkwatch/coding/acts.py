"""One event per act: a sentence's events that restate or only frame another event are dropped.

News sentences report one act and describe it: its consequence ("stormed a base, killing five"),
its setting ("after talks in Doha, Qatar announced …"), what a noun was doing ("their role in
defending Kirkuk"). Coded as events of their own, these double-count the act for the dyad series
(the monitor sums events per pair and day), so the coder keeps:

- an act in a clause under another act's trigger only when it has actors of its own: a source
  other than the outer act's and a target ("attacked the town, killing 12" is one attack;
  "condemned the raid after Chad expelled its envoy" is two acts), or the only target of the pair
  ("stormed a base, killing five soldiers": the killing says whom);
- a gerund after a preposition only when that preposition belongs to a verb ("role in defending"
  describes the role);
- one record per (CAMEO root, source, target) in a sentence, as GDELT keeps one record for events
  with the same actors and code (a record without a target adds nothing beside one with it);
- an agentless passive only when no act of the same kind names its doer ("26 people were killed
  when a car bomb struck a bus"), and a plain statement only when its source did nothing more
  specific in the sentence ("issued a statement welcoming the deal" is a welcome).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Token

from brinkwatch.coding.eventparts import same_actor
from brinkwatch.records import Actor, Event

_NOUN_POS = frozenset({"NOUN", "PROPN"})
_FORCE = frozenset({"18", "19", "20"})
STATEMENT = "010"


def _clause_head(trigger: Token) -> Token:
    """The first token of a coordination chain: "killing five and injuring 22" → killing."""
    token = trigger
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def _describing_gerund(trigger: Token) -> bool:
    """ "their role in defending Kirkuk": a gerund after a preposition that belongs to a noun."""
    prep = trigger.head
    return (
        trigger.dep_ == "pcomp"
        and trigger.tag_ == "VBG"
        and prep.dep_ == "prep"
        and prep.head.pos_ in _NOUN_POS
    )


def _same(a: Actor | None, b: Actor | None) -> bool:
    """One actor for the purpose of one record: the same entity, or the same code unless both
    are named people ("former President X and ex-Prime Minister Y" are two targets of one
    code; "Kenyatta at State House, Nairobi" one)."""
    if a is None or b is None:
        return a is b
    if a.entity and a.entity == b.entity:
        return True
    if a.code:
        return a.code == b.code and not (a.name and b.name and a.name != b.name)
    return not b.code and a.text == b.text


def _restates(event: Event, other: Event) -> bool:
    return (
        event.cameo_root == other.cameo_root
        and _same(event.source, other.source)
        and _same(event.target, other.target)
    )


def _restated(event: Event, kept: Sequence[Event], events: Sequence[Event]) -> bool:
    """The same kind of act (CAMEO root), source and target as a kept record ("killed six
    soldiers and wounded four"); or no target, where another record of the sentence has the same
    root and source and a target."""
    if any(_restates(event, other) for other in kept):
        return True
    return event.target is None and any(
        other.target is not None
        and other.cameo_root == event.cameo_root
        and same_actor(event.source, other.source)
        for other in events
    )


def one_per_act(events: Sequence[Event], triggers: Mapping[int, Token]) -> list[Event]:
    """The events that report an act of their own, in their order. `triggers` maps a trigger's
    character offset to its token (every event's trigger is there)."""
    by_token: dict[int, list[Event]] = {}
    for event in events:
        by_token.setdefault(triggers[event.trigger.start].i, []).append(event)
    acts = [
        e
        for e in events
        if _own_act(triggers[e.trigger.start], by_token, e)
        and not _doer_named_elsewhere(e, events)
        and not _said_more_specifically(e, events)
    ]
    kept: list[Event] = []
    for event in acts:
        if not _restated(event, kept, acts):
            kept.append(event)
    return kept


def _outer_events(trigger: Token, by_token: Mapping[int, list[Event]]) -> list[Event]:
    """The events of the nearest trigger above this act's clause (not through coordination:
    "rejected the plan and recalled its envoy" are two acts of one clause level). An act with no
    named source ("26 people were killed when a car bomb struck …") frames nothing: the clause
    under it is where its doer is named."""
    for ancestor in _clause_head(trigger).ancestors:
        named = [e for e in by_token.get(ancestor.i, []) if e.source.text]
        if named:
            return named
    return []


def _dependent(trigger: Token, by_token: Mapping[int, list[Event]], event: Event) -> bool:
    """An act in a clause under another act, without actors of its own: its source is the outer
    act's ("stormed the town, burning homes", "agreed to talks after meeting Kim") or it has no
    target, so it adds no pair to the outer act's; it is that act's manner or outcome."""
    outer = _outer_events(trigger, by_token)
    if outer and all(o.cameo == STATEMENT and same_actor(event.source, o.source) for o in outer):
        return False  # "issued a statement welcoming X": the welcome is what was said
    if not outer or event.target is None:
        return bool(outer)
    # the outer act's own source: dependent, unless only this clause says whom it was done to
    return any(same_actor(event.source, o.source) and o.target is not None for o in outer)


def _said_more_specifically(event: Event, events: Sequence[Event]) -> bool:
    """A plain statement beside a more specific act of its source in the same sentence: CAMEO
    codes the specific act ("issued a statement welcoming the deal" is a welcome)."""
    return event.cameo == STATEMENT and any(
        other.cameo != STATEMENT and same_actor(event.source, other.source) for other in events
    )


def _kind(event: Event) -> str:
    """The kind of act: its CAMEO root; assault, fighting and mass violence are one kind."""
    return "force" if event.cameo_root in _FORCE else event.cameo_root


def _doer_named_elsewhere(event: Event, events: Sequence[Event]) -> bool:
    """An agentless passive beside an act of the same kind whose doer is named ("26 people were
    killed when a car bomb struck a bus"): the named act reports it."""
    return not event.source.text and any(
        other.source.text and _kind(other) == _kind(event) for other in events
    )


def _own_act(trigger: Token, by_token: Mapping[int, list[Event]], event: Event) -> bool:
    return not (_dependent(trigger, by_token, event) or _describing_gerund(trigger))
