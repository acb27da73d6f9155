"""Parts of an event record: the pairs an act gives, its evidence span, its stable id.

`pairs` gives one (source, target) per source × target, both directions for a reciprocal act;
`evidence` is the clause around the trigger widened to its actors; `event_id` is stable across
runs (sentence offset, trigger, code and actors), so a re-coded article stores nothing twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from brinkwatch.coding.lexicon import Entry
from brinkwatch.records import Actor
from brinkwatch.records import Span as TextSpan

_OBJECT_DEPS = frozenset({"dobj", "obj", "pobj", "dative", "iobj"})


def same_actor(a: Actor, b: Actor | None) -> bool:
    """Two mentions of one actor: equal, or the same entity, or the same code."""
    if b is None:
        return False
    return a == b or bool(a.entity and a.entity == b.entity) or bool(a.code and a.code == b.code)


def plain_pronoun(token: Token) -> bool:
    """A non-reflexive pronoun in an object slot ("warned it", "for it not to"); a clause's
    subject may well be the source ("China warned that it would …")."""
    return (
        token.pos_ == "PRON"
        and token.dep_ in _OBJECT_DEPS
        and not token.lower_.endswith(("self", "selves"))
    )


def pairs(
    reciprocal: bool, sources: list[Actor], targets: list[Actor]
) -> Iterator[tuple[Actor, Actor | None]]:
    """One event per source (× target); a reciprocal act gives both directions of a pair."""
    if reciprocal and len(sources) >= 2:  # "A and B signed a pact to help C": A↔B
        yield from ((a, b) for a in sources for b in sources if a != b)
        return
    options: list[Actor | None] = list(targets) or [None]
    for source in sources:
        for target in options:
            yield source, target
    if reciprocal:  # "A met B": B met A too
        yield from ((t, s) for s in sources for t in targets)


def with_code(entry: Entry, code: str) -> Entry:
    return replace(entry, code=code, negated_code=None, plover=None)


def sentence(doc: Doc, text: str, start: int, end: int) -> TextSpan:
    """Tokens `start`..`end` as a text span, sliced from the article's text (Span.text joins
    the tokens again for every sentence)."""
    first, last = doc[start], doc[end - 1]
    start_char, end_char = first.idx, last.idx + len(last.text)
    return TextSpan(start_char, end_char, text[start_char:end_char])


def evidence(sent: TextSpan, trigger: Token, source: Actor, target: Actor | None) -> TextSpan:
    """The clause around the trigger, widened to take in source and target, within the sentence."""
    starts = [trigger.left_edge.idx, trigger.idx]
    ends = [trigger.right_edge.idx + len(trigger.right_edge.text)]
    for actor in (source, target):
        if actor is not None and sent.start <= actor.start < sent.end:
            starts.append(actor.start)
            ends.append(min(actor.end, sent.end))
    start, end = max(min(starts), sent.start), min(max(ends), sent.end)
    # slice the sentence's text: `doc.text` is rebuilt from the tokens on every access
    return TextSpan(start, end, sent.text[start - sent.start : end - sent.start])


def event_id(
    sent_start: int, trigger: Token, code: str, source: Actor, target: Actor | None
) -> str:
    key = f"{sent_start}|{trigger.idx}|{code}|{source.code or source.text}|"
    key += f"{target.code or target.text}" if target is not None else "-"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
