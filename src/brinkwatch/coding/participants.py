"""Who acts and who is acted on in one lexicon match, and which tokens a match has used up.

Works on phrase heads (tokens); `coder.py` resolves them to actors. Verbs take the subject (the
`by` agent of a passive), then the entry's preposition, the object, the complement's subject or
object; event nouns take a possessor, a `by`/`from` phrase or a modifier ("Chinese warnings").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from brinkwatch.coding import roles
from brinkwatch.coding.matcher import VERB_POS, Match, complements
from brinkwatch.coding.mood import intended_by_noun
from brinkwatch.coding.targets import (
    NO_WORDS,
    IsActor,
    TargetWords,
    inner_actors,
    is_quantity,
    physical_targets,
    verb_targets,
)

_KIND_DEPS = frozenset({"compound", "amod", "nmod"})
NOUN_TARGET_PREPS = (*tuple(p for p in roles.TARGET_PREPS if p != "between"), "for")


@dataclass(frozen=True, slots=True)
class Participants:
    """The phrase heads of one match: who acts, who is acted on, and, when no actor is acted
    on, what an act of force hit (`things`: "stormed a hotel")."""

    sources: list[Token]
    targets: list[Token]
    things: list[Token] = field(default_factory=list)


def participants(match: Match, is_actor: IsActor, words: TargetWords = NO_WORDS) -> Participants:
    """Source and target phrase heads of a match, by the shape of its trigger; `is_actor` says
    whether a phrase head resolves to an actor (targets are searched until one does)."""
    trigger, entry = match.trigger, match.entry
    if trigger.pos_ not in VERB_POS:
        return _noun_participants(match, is_actor)
    passive = roles.is_passive(trigger)
    if passive and trigger.lemma_.lower() in words.experiencers:  # "X was appalled by Y"
        passive = False
        sources = roles.passive_subjects(trigger) or roles.subjects(trigger)
    elif intended_by_noun(trigger, words.intent_nouns):  # "X announced plans to withdraw"
        holders = [c for c in trigger.head.children if c.dep_ == "poss"]  # "X's plans to …"
        sources = holders or _ancestor_subjects(trigger)
    else:
        sources = roles.agents(trigger) if passive else roles.subjects(trigger)
    sources = [a for s in sources for a in _agents_of_event_noun(_counted(s))]
    # a passive without `by` names no one; nor does a clause whose subject was moved out
    if not sources and not passive and not roles.extracted_subject(trigger):
        sources = _ancestor_subjects(trigger)
    if entry.target in ("none", "content"):  # "content": the coder reads the statement's content
        return Participants(sources, [])
    targets = verb_targets(match, passive, is_actor, words)
    things = [] if targets else physical_targets(match, passive, words)
    return Participants(sources, targets, things)


def _noun_participants(match: Match, is_actor: IsActor) -> Participants:
    noun = match.trigger
    # the entry's own modifier is what kind of act it is, not who did it ("a mediation effort"),
    # and so is any modifier that names no actor ("travel warnings", "an arms deal")
    sources = [
        s
        for s in roles.noun_sources(noun)
        if s != match.object and (s.dep_ not in _KIND_DEPS or (is_actor(s) and not _kind_word(s)))
    ]
    if not sources and noun.dep_ in ("dobj", "pobj", "attr") and noun.head.pos_ in VERB_POS:
        sources = roles.subjects(noun.head)
    if not sources and _setting(match):  # "during talks with Putin, Erdogan said": Erdogan's
        sources = roles.subjects(noun.head.head)
    targets = roles.prep_objects(noun, NOUN_TARGET_PREPS)
    if not any(is_actor(t) for t in targets):
        targets = _noun_targets_elsewhere(noun, targets, is_actor)
    between = roles.prep_objects(noun, _party_preps(match))
    if between and match.entry.reciprocal:
        return Participants(between if not sources else sources + between, [])
    if not sources and len(between) >= 2:
        return Participants(between, [])
    if between and not any(is_actor(t) for t in targets):  # a mediation between A and B
        targets = between
    return Participants(sources, targets)


def _party_preps(match: Match) -> tuple[str, ...]:
    """Prepositions that name a joint act's parties: "talks **between** A and B"; and `of` where
    a reciprocal entry names it: "a meeting **of** Kenyan and Ugandan ministers" (the `of` of
    other nouns is what was done to: "the bombing of Gaza")."""
    if match.entry.reciprocal and "of" in match.entry.preps:
        return ("between", "among", "of")
    return ("between", "among")


_NAMED_ENTITIES = frozenset({"NORP", "GPE", "ORG", "LOC", "PERSON", "FAC"})


def _kind_word(token: Token) -> bool:
    """A lower-case adjective says what kind of act it is even when it could name a sector:
    "military cooperation", "economic aid" (a demonym names a doer: "Chinese aid")."""
    return token.pos_ == "ADJ" and token.ent_type_ not in _NAMED_ENTITIES


# prepositions that make an event noun the time or occasion of its clause's act
_SETTING_PREPS = frozenset({"during", "at", "after", "before", "following", "ahead"})
CONSULT_ROOT = "04"


def _setting(match: Match) -> bool:
    """ "**During** a meeting with Putin, Erdogan said …": a meeting or visit (CAMEO 04) that is
    the occasion of the clause's act is attended by that clause's subject (a clash or attack is
    not done by it); "at a summit **between** A and B" names its own parties."""
    noun = match.trigger
    prep = noun.head
    return (
        match.entry.code.startswith(CONSULT_ROOT)
        and not roles.prep_objects(noun, ("between", "among"))
        and noun.dep_ == "pobj"
        and prep.lower_ in _SETTING_PREPS
        and prep.dep_ == "prep"
        and prep.head.pos_ in VERB_POS
    )


def _noun_targets_elsewhere(noun: Token, found: list[Token], is_actor: IsActor) -> list[Token]:
    """Actors inside the noun's non-actor objects ("the attack on a base of the Syrian army",
    "the deployment of troops to X"), or the target preposition the parser hung on the verb
    whose object the noun is ("launched an attack yesterday on X")."""
    hosts = [*found, *roles.prep_objects(noun, ("of",))]
    inner = inner_actors(hosts, is_actor)
    if inner or noun.dep_ not in ("dobj", "obj") or noun.head.pos_ not in VERB_POS:
        return inner
    return [t for t in roles.prep_objects(noun.head, roles.TARGET_PREPS) if is_actor(t)]


def _counted(head: Token) -> Token:
    """ "Hundreds of Kurds demonstrated", "dozens of students marched": a quantity's `of` object
    stands for it (the same rule as for objects, `targets._objects`)."""
    if is_quantity(head):
        counted = roles.prep_objects(head, ("of",))
        if counted:
            return counted[0]
    return head


def _agents_of_event_noun(head: Token) -> list[Token]:
    """ "A bombing by X killed…": the one who acted is the `by` agent of the event noun; "the
    summit between A and B failed": A and B."""
    if head.pos_ != "NOUN":
        return [head]
    agents = roles.prep_objects(head, ("by",))
    if agents:
        return agents[:1]
    return roles.prep_objects(head, ("between", "among")) or [head]


def _ancestor_subjects(trigger: Token) -> list[Token]:
    """The parser sometimes hangs a verb off a noun ("Kim … put units on standby"): take the
    subject of the nearest clause above it, unless that subject is inside the verb's phrase."""
    for ancestor in list(trigger.ancestors)[:6]:
        found = roles.subjects(ancestor)
        if found and not any(f in trigger.subtree for f in found):
            return found
    return []


def consumed_tokens(matches: list[Match]) -> set[int]:
    """Tokens a larger pattern already used: its object, its complement, its subject noun."""
    used: set[int] = set()
    for match in matches:
        for token in (match.object, match.comp):
            if token is not None:
                used.add(token.i)
        if match.trigger.pos_ in VERB_POS and not match.entry.speech:
            hosts = {
                match.trigger,
                *(t for t in (match.object, match.prep_object) if t is not None),
            }
            if match.object is not None:
                hosts.add(match.object.head)
            used.update(c.i for h in hosts for c in complements(h) if roles.is_infinitive(c))
            # "considering sending aid", "stopped shelling": the complement is the act's content
            used.update(c.i for c in match.trigger.children if c.dep_ == "xcomp")
            used.update(s.i for s in roles.subjects(match.trigger) if s.pos_ == "NOUN")
            used.update(o.i for o in roles.direct_objects(match.trigger))
    return used
