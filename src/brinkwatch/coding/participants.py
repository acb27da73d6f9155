"""Who acts and who is acted on in one lexicon match, and which tokens a match has used up.

Works on phrase heads (tokens); `coder.py` resolves them to actors. Verbs take the subject (the
`by` agent of a passive), then the entry's preposition, the object, the complement's subject or
object; event nouns take a possessor, a `by`/`from` phrase or a modifier ("Chinese warnings").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from brinkwatch.coding import roles
from brinkwatch.coding.matcher import VERB_POS, Match, complements, window

NOUN_TARGET_PREPS = (*tuple(p for p in roles.TARGET_PREPS if p != "between"), "for")


@dataclass(frozen=True, slots=True)
class Participants:
    """The phrase heads of one match: who acts, who is acted on, and whether each is a pair."""

    sources: list[Token]
    targets: list[Token]


def participants(match: Match) -> Participants:
    """Source and target phrase heads of a match, by the shape of its trigger."""
    trigger, entry = match.trigger, match.entry
    if trigger.pos_ not in VERB_POS:
        return _noun_participants(match)
    passive = roles.is_passive(trigger)
    sources = roles.agents(trigger) if passive else roles.subjects(trigger)
    sources = [_agent_of_event_noun(s) for s in sources]
    if not sources and not passive:  # a passive without `by` names no one
        sources = _ancestor_subjects(trigger)
    if entry.target == "none":
        return Participants(sources, [])
    return Participants(sources, _verb_targets(match, passive))


def _verb_targets(match: Match, passive: bool) -> list[Token]:
    trigger, entry = match.trigger, match.entry
    if match.prep_object is not None and entry.target in ("auto", "prep"):
        return [match.prep_object]
    objects = _patients(trigger) if passive else roles.direct_objects(trigger)
    # the entry's own object is what was done ("hold talks"), not who it was done to, unless
    # the entry says so ("train Malian soldiers": the soldiers are the target)
    if entry.target != "object" and match.object is not None:
        objects = [o for o in objects if match.object not in o.subtree]
    if objects and entry.target in ("auto", "object"):
        return objects
    if match.comp is not None and roles.own_subjects(match.comp):
        return roles.own_subjects(match.comp)
    found = roles.prep_objects(trigger, roles.TARGET_PREPS) + roles.datives(trigger)
    if match.object is not None:  # "the release of prisoners", "food and medicine to Nepal"
        for host in roles.with_conjuncts(match.object):
            found += roles.prep_objects(host, ("of", *roles.TARGET_PREPS))
    for host in window(trigger):
        found += roles.prep_objects(host, roles.TARGET_PREPS)
    found = [t for t in found if t is not match.object]
    if found or entry.target == "prep":
        return found
    comps = [match.comp] if match.comp is not None else complements(trigger)
    if match.object is not None:
        hosts = (match.object, match.object.head)
        comps += [c for h in hosts for c in complements(h) if _infinitive(c)]
    return [
        o
        for c in comps[:1]
        for o in roles.direct_objects(c) + roles.prep_objects(c, roles.TARGET_PREPS)
    ]


def _patients(trigger: Token) -> list[Token]:
    """Who a passive verb acts on: its subject, or the noun a participle describes ("rebels
    backed by Turkey", "troops, supported by militias, …")."""
    if trigger.dep_ == "acl" and trigger.head.pos_ in ("NOUN", "PROPN"):
        return roles.with_conjuncts(trigger.head)
    return roles.passive_subjects(trigger)


def _noun_participants(match: Match) -> Participants:
    noun = match.trigger
    sources = roles.noun_sources(noun)
    if not sources and noun.dep_ in ("dobj", "pobj", "attr") and noun.head.pos_ in VERB_POS:
        sources = roles.subjects(noun.head)
    targets = roles.prep_objects(noun, NOUN_TARGET_PREPS)
    between = roles.prep_objects(noun, ("between", "among"))
    if between and match.entry.reciprocal:
        return Participants(between if not sources else sources + between, [])
    if not sources and len(between) >= 2:
        return Participants(between, [])
    return Participants(sources, targets)


def _agent_of_event_noun(head: Token) -> Token:
    """ "A bombing by X killed…": the one who acted is the `by` agent of the event noun."""
    agents = roles.prep_objects(head, ("by",))
    return agents[0] if agents and head.pos_ == "NOUN" else head


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
            used.update(c.i for h in hosts for c in complements(h) if _infinitive(c))
            used.update(s.i for s in roles.subjects(match.trigger) if s.pos_ == "NOUN")
            used.update(o.i for o in roles.direct_objects(match.trigger))
    return used


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
