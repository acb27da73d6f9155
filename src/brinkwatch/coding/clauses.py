"""Which clauses report an act of their own: the coder's filters for phantom events.

A participle that describes a noun ("a convicted bomber", "soldiers killed in the blast"), an
infinitive of purpose ("sent aid to help Haiti") and a relative clause without an actor of its
own ("the attack that killed 40") describe; they do not report a second act.
"""

from __future__ import annotations

from spacy.tokens import Token

from brinkwatch.coding.matcher import VERB_POS
from brinkwatch.coding.roles import is_infinitive


def purpose(trigger: Token) -> bool:
    """An infinitive of purpose ("sent aid to help Haiti", "attacked to retaliate") says why
    the main act was done, not a second act that was."""
    return trigger.dep_ == "advcl" and is_infinitive(trigger)


def in_relative_clause(trigger: Token) -> bool:
    """A verb of a clause that describes a noun ("the attack that killed 40", "the group Iran
    funds"), or a verb coordinated with one."""
    token = trigger
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    # a noun as the sentence's root is a misparse of a main clause ("Both armies abided by …")
    return token.dep_ in ("relcl", "acl") and token.pos_ in VERB_POS and token.head.dep_ != "ROOT"


def describes_noun(trigger: Token) -> bool:
    """A participle that only describes a noun names no act of its own: "a convicted bomber",
    "fleeing civilians", "soldiers killed in the blast" (no agent). With its agent it reports one:
    "rebels backed by Turkey"."""
    if trigger.pos_ not in VERB_POS:
        return False
    if trigger.dep_ == "amod":
        # after a noun it is a main verb the parser took for an adjective ("Kim on Friday put
        # units on standby"); a describing participle follows a determiner or an adjective
        before = trigger.doc[trigger.i - 1] if trigger.i else None
        return before is None or before.pos_ not in ("NOUN", "PROPN", "PRON")
    return (
        trigger.dep_ == "acl"
        and trigger.tag_ == "VBN"
        and not any(c.dep_ == "agent" for c in trigger.children)
        and not _misparsed_main_verb(trigger)
    )


def _misparsed_main_verb(trigger: Token) -> bool:
    """A noun as the sentence's root with a "participle" that has an object or a clause of its
    own: a main verb ("Workers called on lawmakers to extend …"), not a headline's passive
    ("Three soldiers killed in blast")."""
    own = any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in trigger.children)
    return trigger.head.dep_ == "ROOT" and own


_CLAUSE_LINKS = frozenset({"conj", "xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "prep"})


def alleged_content(trigger: Token, content_nouns: frozenset[str]) -> bool:
    """An act in the clause of a noun of allegation, report or hope ("denied charges **that it
    tortured** a priest", "a report that agencies **were reviewing** ties"): content someone
    asserts, not an act the text reports as done."""
    token = trigger
    for _ in range(6):
        if token.dep_ not in _CLAUSE_LINKS or token.head is token:
            return False
        head = token.head
        if head.pos_ == "NOUN" and token.dep_ in ("acl", "ccomp", "relcl"):
            return head.lemma_.lower() in content_nouns or head.lower_ in content_nouns
        token = head
    return False
