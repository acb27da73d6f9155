"""Negation and reported speech around a trigger.

Negation: a `not`/`never` on the trigger, or on the verb whose complement it is ("did not agree to
meet"). Reported speech: the trigger sits inside a quote (the quotes stage found its speaker), or
in the complement clause of a speech verb ("A said B attacked C" → reported by A).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from brinkwatch.records import Actor

NEGATORS = frozenset({"not", "n't", "never", "no"})
OBLIGATION = frozenset({"must", "should"})
FUTURE = frozenset({"will", "would", "shall", "'ll"})
# "failed to reach a deal": the complement did not happen
NEGATING_VERBS = frozenset({"fail"})
_REPORT_DEPS = frozenset(
    {"ccomp", "xcomp", "conj", "advcl", "parataxis", "relcl", "pcomp", "pobj", "prep"}
)


@dataclass(frozen=True, slots=True)
class Speech:
    """Lemmas of speech and report verbs ("say", "accuse", "tell"), taken from the lexicon."""

    lemmas: frozenset[str]


def _has_negator(token: Token) -> bool:
    return any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATORS) for c in token.children
    )


def negated(trigger: Token) -> bool:
    """True for "did not attack", "never met", "did not agree to meet", "no soldier fired"."""
    if _has_negator(trigger) or _negative_subject(trigger):
        return True
    if trigger.dep_ in ("xcomp", "ccomp") and trigger.head.pos_ in ("VERB", "AUX"):
        head = trigger.head
        return trigger.dep_ == "xcomp" and (
            _has_negator(head) or head.lemma_.lower() in NEGATING_VERBS
        )
    if trigger.pos_ == "NOUN":
        return any(c.lower_ == "no" and c.dep_ == "det" for c in trigger.children)
    return False


def _negative_subject(verb: Token) -> bool:
    """ "no Chinese personnel used force", "none of the troops fired": nobody did it."""
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        if subject.lower_ in ("none", "nobody", "no-one"):
            return True
        if any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children):
            return True
    return False


def future(verb: Token) -> bool:
    """ "… it will begin", "… they would release": a clause about what is yet to happen."""
    return any(c.dep_ == "aux" and c.lower_ in FUTURE for c in verb.children)


def obliged(verb: Token) -> bool:
    """ "… B must withdraw", "… B should talk": a clause of obligation."""
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in verb.children)


def speech_head(trigger: Token, speech: Speech, limit: int = 4) -> Token | None:
    """The speech verb this trigger's clause is reported under, if any."""
    token = trigger
    for _ in range(limit):
        if token.dep_ not in _REPORT_DEPS or token.head is token:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in speech.lemmas:
            return token
    return None


def quote_speaker(doc: Doc, trigger: Token) -> Actor | None:
    """The speaker of the quote whose content contains the trigger (from the quotes stage)."""
    for quote in doc._.bw_quotes or ():
        if quote.content.start <= trigger.idx < quote.content.end and quote.speaker is not None:
            return quote.speaker
    return None
