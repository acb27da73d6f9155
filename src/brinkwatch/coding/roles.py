"""Who did it and to whom, read off spaCy's dependency parse.

These functions return tokens (phrase heads); `coder.py` turns them into actors. They follow how
English news sentences are built: the subject acts (the `by` agent of a passive), the object or a
target preposition receives, controlled infinitives take their controller as subject, and
coordinated phrases ("A and B") give one head each.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
TARGET_PREPS = (
    "with",
    "against",
    "on",
    "to",
    "toward",
    "towards",
    "over",
    "at",
    "into",
    "between",
    "from",
    "about",
)
NOUN_SOURCE_PREPS = ("by", "from")
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "appos", "parataxis"})
_AMOUNT_ENTITIES = frozenset({"MONEY", "CARDINAL", "QUANTITY", "PERCENT", "DATE", "TIME"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
VERB_POS = frozenset({"VERB", "AUX"})
_COMP_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj"})
_COMP_HOSTS = frozenset({"prep", "dobj", "pobj"})
_COMP_OF_HOST = frozenset({"pcomp", "acl", "relcl"})


def with_conjuncts(token: Token) -> list[Token]:
    """A phrase head and the heads coordinated with it: "Russia and China" → both. A bare
    singular noun after a singular one with its article is a second title of the same person
    ("a journalist and member of the movement", "the president and chairman of X"), not a second
    actor."""
    return [
        token,
        *(
            c
            for c in token.conjuncts
            if c.pos_ in ("NOUN", "PROPN", "PRON") and not _second_title(token, c)
        ),
    ]


def _second_title(first: Token, other: Token) -> bool:
    def has_det(t: Token) -> bool:
        return any(c.dep_ in ("det", "poss") for c in t.children)

    return (
        first.tag_ == "NN"
        and other.tag_ == "NN"
        and has_det(first)
        and not has_det(other)
        and other.i > first.i
    )


def _children(token: Token, deps: Iterable[str]) -> list[Token]:
    wanted = frozenset(deps)
    return [c for c in token.children if c.dep_ in wanted]


def relative_head(token: Token, reach: int = 1) -> Token:
    """`who` in "troops who attacked" stands for "troops", `whom` in "X, whom Turkey wanted
    extradited" for X (an object's relative clause may be up to `reach` verbs above it).
    "that"/"which" never stands for a person: "an attack on the shrine of Khomeini that killed
    17" hangs on the wrong noun, and the pronoun itself (no actor) is the subject."""
    if token.lower_ not in RELATIVE_PRONOUNS:
        return token
    clause = token.head
    for _ in range(reach - 1):
        if clause.dep_ == "relcl" or clause.head is clause:
            break
        clause = clause.head
    if clause.dep_ != "relcl":
        return token
    noun = clause.head
    if token.lower_ in ("that", "which") and noun.ent_type_ == "PERSON":
        return token
    return noun


def agents(verb: Token) -> list[Token]:
    """The `by` agents of a passive verb."""
    return [p for a in _children(verb, ("agent",)) for p in _children(a, ("pobj",))]


def is_passive(verb: Token) -> bool:
    """ "was attacked", and the bare participle with a `by` agent: "when asked by reporters"."""
    deps = {c.dep_ for c in verb.children}
    return (
        bool(deps & PASSIVE_SUBJECT_DEPS)
        or "auxpass" in deps
        or (verb.tag_ == "VBN" and "agent" in deps)
    )


def own_subjects(verb: Token) -> list[Token]:
    """The subject written on this very verb ("that all parties will exercise")."""
    found = _children(verb, SUBJECT_DEPS)
    return with_conjuncts(found[0]) if found else []


def _controller(verb: Token) -> list[Token]:
    """The understood subject of an infinitive or participle clause."""
    head = verb.head
    if verb.dep_ in ("xcomp", "ccomp", "advcl") and is_infinitive(verb):
        # "called on Iran to free …" is an appeal to Iran; "called Abe to congratulate him" a
        # phone call whose caller congratulates
        direct = [] if head.lemma_ in ON_CONTROL else _children(head, ("dobj",))
        objects = direct + [
            p for prep in _children(head, ("prep",)) if prep.lower_ == "on" for p in prep.children
        ]
        if objects and head.lemma_ in OBJECT_CONTROL:
            return objects
    return subjects(head, depth=1)


OBJECT_CONTROL = frozenset(
    {
        "urge",
        "call",
        "ask",
        "tell",
        "order",
        "force",
        "press",
        "push",
        "persuade",
        "invite",
        "encourage",
        "appeal",
        "request",
        "instruct",
        "command",
        "pressure",
        "warn",
        "advise",
    }
)


# verbs whose infinitive's subject is only their "on" object, never their direct object
ON_CONTROL = frozenset({"call"})


def is_infinitive(verb: Token) -> bool:
    """A verb with the infinitive marker: "to help", "to meet"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """Heads of the active subject of `verb`, inherited through conjunction and control."""
    found = _children(verb, SUBJECT_DEPS)
    if found and _authored_text(verb, found[0]):
        return subjects(verb.head.head, depth + 1)
    if found:
        return [relative_head(t) for t in with_conjuncts(found[0])]
    if depth > 3 or verb.dep_ == "ROOT":
        return []
    if verb.dep_ == "conj":
        return subjects(verb.head, depth + 1)
    if _message_content(verb):  # "issued a statement welcoming X": the issuer welcomes
        return subjects(verb.head.head, depth + 1)
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        named = _for_subject(verb)
        if named or is_passive(verb):
            return named
        return [verb.head]
    if extracted_subject(verb):
        return []
    if verb.dep_ in ("xcomp", "ccomp", "advcl"):
        return _controller(verb)
    if verb.dep_ == "pcomp":
        return subjects(verb.head.head, depth + 1)
    return []


# modals of a finite clause: such a clause names its own subject, never its governor's
_FINITE_MODALS = frozenset(
    {"will", "would", "shall", "can", "could", "may", "might", "must", "'ll"}
)


def extracted_subject(verb: Token) -> bool:
    """A finite complement clause inside a relative clause, without a subject of its own: the
    subject was moved out of it ("a trip Britain hopes will cement ties": the trip would),
    so it is that moved phrase, never the subject of the verb the
    clause completes (a headline's "Kenya says will send troops" keeps its speaker)."""
    return (
        verb.dep_ == "ccomp"
        and verb.head.dep_ == "relcl"
        and not _children(verb, SUBJECT_DEPS)
        and any(c.dep_ == "aux" and c.lower_ in _FINITE_MODALS for c in verb.children)
    )


# nouns of a written or spoken message whose "-ing" clause is what its sender says or does
MESSAGE_NOUNS = frozenset(
    {"statement", "letter", "message", "communique", "note", "declaration", "resolution", "report"}
)


def _message_content(verb: Token) -> bool:
    """ "issued a statement welcoming", "sent a letter urging": the participle describing a
    message that a verb's subject sent."""
    noun = verb.head
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBG"
        and noun.lemma_.lower() in MESSAGE_NOUNS
        and noun.dep_ in ("dobj", "obj")
        and noun.head.pos_ in ("VERB", "AUX")
    )


# texts that act for whoever issues or enacts them, and the verbs that do so
AUTHORED_TEXTS = MESSAGE_NOUNS | frozenset(
    {
        "law",
        "bill",
        "decree",
        "legislation",
        "order",
        "ruling",
        "directive",
        "regulation",
        "amendment",
    }
)
_ENACT_VERBS = frozenset(
    {"pass", "adopt", "approve", "enact", "issue", "sign", "introduce", "publish", "release",
     "send", "deliver", "unveil", "announce", "table", "sponsor", "promulgate", "endorse"}
)  # fmt: skip


def _authored_text(verb: Token, subject: Token) -> bool:
    """ "passed a law **that** bans rallies", "adopted a resolution which condemns …": the
    relative clause of a text its enacter issued says what the enacter does. A text someone
    else only talks about is not theirs ("criticised a law that bans rallies")."""
    noun = verb.head
    return (
        verb.dep_ == "relcl"
        and subject.lower_ in ("that", "which")
        and noun.lemma_.lower() in AUTHORED_TEXTS
        and noun.dep_ in ("dobj", "obj")
        and noun.head.lemma_.lower() in _ENACT_VERBS
    )


def _for_subject(verb: Token) -> list[Token]:
    """ "calls from A for B to release …": the `for` object of the noun is the infinitive's
    subject (the noun itself is the appeal, not the actor)."""
    if not is_infinitive(verb):
        return []
    preps = [p for p in _children(verb.head, ("prep",)) if p.lower_ == "for" and p.i < verb.i]
    objects = [o for p in preps for o in _children(p, ("pobj",)) if not _amount(o)]
    return with_conjuncts(objects[0]) if objects else []


def _amount(token: Token) -> bool:
    """ "an appeal for USD 88 million to help …": a sum, not who is to act."""
    return token.ent_type_ in _AMOUNT_ENTITIES or any(c.dep_ == "nummod" for c in token.children)


def passive_subjects(verb: Token) -> list[Token]:
    found = _children(verb, PASSIVE_SUBJECT_DEPS)
    return with_conjuncts(relative_head(found[0])) if found else []


def direct_objects(verb: Token) -> list[Token]:
    found = _children(verb, ("dobj", "obj"))
    return with_conjuncts(found[0]) if found else []


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the given prepositions attached to `token`, in `preps` order."""
    wanted = tuple(preps)
    result: list[Token] = []
    for prep in sorted(_children(token, ("prep", "dative", "prt")), key=lambda p: _rank(p, wanted)):
        if prep.lower_ in wanted:
            objects = _children(prep, ("pobj",))
            if objects:
                result.extend(with_conjuncts(objects[0]))
    return result


def _rank(prep: Token, wanted: tuple[str, ...]) -> int:
    return wanted.index(prep.lower_) if prep.lower_ in wanted else len(wanted)


def datives(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON")]


def noun_sources(noun: Token) -> list[Token]:
    """Who did a noun-phrase event: "A's attack", "an attack by A", "warnings from A"."""
    possessors = _children(noun, ("poss",))
    if possessors:
        return with_conjuncts(possessors[0])
    by = prep_objects(noun, NOUN_SOURCE_PREPS)
    if by:
        return by
    return [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]


def phrase_tokens(head: Token) -> list[Token]:
    """The head and its modifiers (not its clauses): where an actor mention may sit."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in _MODIFIER_DEPS:
            tokens.extend(phrase_tokens(child))
        elif child.dep_ == "prep" and child.lower_ in ("by", "of", "from"):
            tokens.extend(t for p in _children(child, ("pobj",)) for t in phrase_tokens(p))
    return sorted(tokens, key=lambda t: t.i)


def phrase_span(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase up to and including its head."""
    start = head.i
    for child in head.lefts:
        if child.dep_ not in _CLAUSE_DEPS and child.dep_ not in ("punct", "cc"):
            start = min(start, child.left_edge.i)
            break
    return start, head.i + 1


# verbs whose own complement is the act they lead to: "promised to work with Dhaka to scrap
# the restrictions" promises the scrapping (English grammar, not lexicon knowledge)
_LEAD_VERBS = frozenset(
    {"work", "help", "seek", "try", "strive", "endeavour", "endeavor", "move", "act"}
)


def complements(verb: Token) -> list[Token]:
    """Clauses that complete a verb: "urged X to exercise", "accused X of attacking"; through a
    leading verb, its own act too ("vowed to work with X to lift …": work, lift)."""
    found = _own_complements(verb)
    return found + [g for c in found if c.lemma_ in _LEAD_VERBS for g in _own_complements(c)]


def _own_complements(verb: Token) -> list[Token]:
    found: list[Token] = []
    for child in verb.children:
        dep = child.dep_
        if dep in _COMP_DEPS:
            # a participle clause ("…, saying …", "…, killing …") is a second event
            if child.pos_ in VERB_POS and (dep != "advcl" or child.tag_ != "VBG"):
                found.append(child)
        elif dep == "acomp":  # "is ready to meet": the adjective's clause completes the verb
            found.extend(g for g in child.children if g.dep_ == "xcomp")
        elif dep in _COMP_HOSTS:
            for grand in child.children:
                if grand.dep_ in _COMP_OF_HOST:
                    found.append(grand)
                elif grand.dep_ == "prep":
                    found.extend(g for g in grand.children if g.dep_ == "pcomp")
    return [c for c in found if c.pos_ in VERB_POS]


def occurs(trigger: Token, verbs: frozenset[str]) -> bool:
    """An event noun that is the subject of a verb of occurrence ("riots **broke out**",
    "clashes **erupted**", "protests **continued**"): the act happened, by no one named."""
    head = trigger.head
    return (
        trigger.pos_ == "NOUN"
        and trigger.dep_ == "nsubj"
        and head.pos_ == "VERB"
        and head.lemma_.lower() in verbs
    )
