"""Whom a verb's act is done to: the target search, in the order news English gives it.

A target is an actor. The search goes slot by slot and takes the first slot that holds one:

1. a direct object that is an actor and not the entry's own object ("blamed **Israel** for the
   attack", "asked **the EU** for aid"): it beats the entry's preposition;
2. the object of the entry's preposition ("aid **to Mali**", "sanctions against **Iran**");
3. the subject of the entry's complement clause ("hope that **all parties** will …");
4. a target preposition or dative on the trigger ("talks **with Kyiv**", "gave **Egypt** …");
5. the entry's own object when it names people ("arrested **a Lebanese man**", "summoned **the
   French ambassador**") — after the prepositions, so "sent troops **to Mali**" targets Mali;
6. inside a non-actor object: its target prepositions and their objects, one level down
   ("imposed sanctions **on Iranian banks**", "rejected a demand **for the release of X**");
8. for acts whose place is whom they reach, a named place after "in" ("deployed observers **in
   Zimbabwe**", "imposed a curfew **in Bangkok**"); never for others ("met in Geneva").
7. whom the complement clause's act is done to, where the frame has one ("refused to lift
   sanctions **on Abkhazia**", "urged it to free **X**"): the same search on the clause's verb.

`is_actor` tells whether a phrase head resolves to an actor (the coder's resolver, strict): a
non-actor object does not end the search. A phrase whose modifiers name an actor ("a **U.S.**
call", "**Iran's** demand") resolves to that actor, so it counts at its own slot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from brinkwatch.coding import roles
from brinkwatch.coding.matcher import VERB_POS, Match, complements, window

IsActor = Callable[[Token], bool]
# prepositions that lead from a non-actor object to whom it concerns ("sanctions on X", "a
# demand for X's release"); not "in"/"at": a place inside an object is where, not whom
INNER_PREPS = ("on", "against", "to", "for", "with", "of", "from", "toward", "towards", "over")
_QUANTITY_TAGS = frozenset({"CD"})


@dataclass(frozen=True, slots=True)
class TargetWords:
    """The lexicon's word classes the target search reads (`_classes.yaml`): `instruments`, the
    source's own means ("sent troops", "its forces"), as the entry's own object what was used,
    not whom it was used on; `places`, acts whose place is whom they reach; `movers`, verbs whose
    object is moved; `physical`, acts of force whose object is what they hit even when it is a
    thing ("stormed a hotel"), and `physical_nouns`, the attack nouns of "launched an attack on
    …"; `creators`, verbs whose object did not exist before the act; `missions`, the force or
    mission a deployment joins ("troops to the UN mission in Mali": Mali)."""

    instruments: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    movers: frozenset[str] = frozenset()
    physical: frozenset[str] = frozenset()
    physical_nouns: frozenset[str] = frozenset()
    creators: frozenset[str] = frozenset()
    # verbs whose passive subject feels and whose agent is the cause: "Britain was appalled by
    # the attacks" is Britain's disapproval of the attackers
    experiencers: frozenset[str] = frozenset()
    # nouns whose infinitive is an act of whoever holds them ("announced plans to withdraw")
    intent_nouns: frozenset[str] = frozenset()
    missions: frozenset[str] = frozenset()


NO_WORDS = TargetWords()


def verb_targets(
    match: Match, passive: bool, is_actor: IsActor, words: TargetWords = NO_WORDS
) -> list[Token]:
    """Target phrase heads of a verb match (empty when no slot holds an actor)."""
    trigger, entry = match.trigger, match.entry
    instruments, movers = words.instruments, words.movers
    objects = _patients(trigger) if passive else _objects(trigger)
    # the entry's own object and its conjuncts are what was done ("sent food and doctors")
    mine = match.object is not None and any(match.object in o.subtree for o in objects)
    own, others = (objects, []) if mine else ([], objects)
    if entry.target == "object" and own:
        return own
    own = [o for o in own if not _instrument(o, instruments)]
    if trigger.lemma_.lower() in movers:  # "sent troops to Mali": the troops are the means
        others = [o for o in others if not _instrument(o, instruments)]
    for slot in _slots(match, others, own, is_actor, words):
        found = [t for t in slot() if t != match.object or t in own]
        actors = [t for t in found if is_actor(t)]
        if actors:
            return (
                _destinations(actors, trigger, is_actor, words)
                if trigger.lemma_.lower() in movers
                else actors
            )
    return []


def _destinations(
    actors: list[Token], trigger: Token, is_actor: IsActor, words: TargetWords
) -> list[Token]:
    """Where a deployment goes, for a mission in a named place: "sent troops to the UN
    peacekeeping force in South Sudan" reaches South Sudan; the mission is the means."""
    found: list[Token] = []
    for actor in actors:
        places = []
        if actor.lemma_.lower() in words.missions:
            places = [
                p for p in roles.prep_objects(actor, ("in",)) if _named_place(p) and is_actor(p)
            ]
        found += places or [actor]
    return found


def _slots(
    match: Match, others: list[Token], own: list[Token], is_actor: IsActor, words: TargetWords
) -> list[Callable[[], list[Token]]]:
    """The search order of the module doc, each slot computed only when reached."""
    trigger, entry = match.trigger, match.entry
    if entry.target == "prep":
        return [lambda: _prep_slot(match), lambda: inner_actors([*others, *own], is_actor)]
    return [
        lambda: others,
        lambda: _prep_slot(match),
        lambda: roles.own_subjects(match.comp) if match.comp is not None else [],
        lambda: _object_clause_subjects(match),
        lambda: _ranked_preps(trigger, is_actor) + roles.datives(trigger),
        lambda: own,
        lambda: _near_preps(match),
        lambda: inner_actors([*others, *own], is_actor),
        lambda: _comp_targets(match, is_actor, words),
        lambda: _place_targets(match, words.places),
    ]


def _instrument(token: Token, instruments: frozenset[str]) -> bool:
    """The source's own means: a word of `instruments`, or a phrase owned by a pronoun ("its
    forces", "their ambassador")."""
    if token.lemma_.lower() in instruments or token.lower_ in instruments:
        return True
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)


_PLACE_ENTITIES = frozenset({"GPE", "LOC"})


def _place_targets(match: Match, places: frozenset[str]) -> list[Token]:
    """For acts whose place is whom they reach (`places`: "deployed observers **in Zimbabwe**",
    "imposed a curfew **in Bangkok**"), a named place after "in"/"into" on the trigger or its
    object; never for other acts ("met in Geneva" is where, not whom)."""
    trigger = match.trigger
    if trigger.lemma_.lower() not in places:
        return []
    hosts = [trigger, *roles.direct_objects(trigger)]
    found = [o for h in hosts for o in roles.prep_objects(h, ("in", "into", "inside"))]
    found += [o for f in found for o in roles.prep_objects(f, ("of",))]  # "in parts of Kashmir"
    return [o for o in found if _named_place(o)]


def _named_place(token: Token) -> bool:
    """A name that is no person: NER tags some places ORG ("Crimea"); the resolver decides."""
    return token.ent_type_ in _PLACE_ENTITIES or (
        token.pos_ == "PROPN" and token.ent_type_ not in ("PERSON", "NORP")
    )


def _ranked_preps(trigger: Token, is_actor: IsActor) -> list[Token]:
    """The trigger's target prepositions in rank order ("against" before "at"), each taken with
    the actors inside its object: "protested at the university against the siege **of Kashmir**"
    is against Kashmir, not at the university."""
    for prep in sorted(
        (
            c
            for c in trigger.children
            if c.dep_ in ("prep", "dative") and c.lower_ in roles.TARGET_PREPS
        ),
        key=lambda p: roles.TARGET_PREPS.index(p.lower_),
    ):
        objects = [o for c in prep.children if c.dep_ == "pobj" for o in roles.with_conjuncts(c)]
        actors = [o for o in objects if is_actor(o)] or inner_actors(objects, is_actor)
        if actors:
            return actors
    return []


def _object_clause_subjects(match: Match) -> list[Token]:
    """ "renewed its demand that Guyana withdraw", "repeated calls for Iran to …": the subject of
    the clause the entry's own object (a demand, a call) carries is whom it is made of."""
    if match.object is None:
        return []
    clauses = [c for c in match.object.children if c.dep_ in ("acl", "ccomp")]
    return [s for c in clauses if c.pos_ in VERB_POS for s in roles.own_subjects(c)]


def _prep_slot(match: Match) -> list[Token]:
    return roles.with_conjuncts(match.prep_object) if match.prep_object is not None else []


def _objects(trigger: Token) -> list[Token]:
    """Direct objects; a quantity's `of` object stands for it ("dozens of protesters")."""
    found: list[Token] = []
    for obj in roles.direct_objects(trigger):
        found.append(obj)
        if is_quantity(obj):
            found += roles.prep_objects(obj, ("of",))
    return found


_QUANTITY_WORDS = frozenset(
    {"dozens", "hundreds", "thousands", "scores", "some", "many", "several", "most", "all",
     "members", "number", "group", "groups", "millions", "tens", "part", "rest", "percentage",
     "proportion", "majority", "share", "half", "third", "quarter", "fraction", "handful"}
)  # fmt: skip


def is_quantity(token: Token) -> bool:
    """A number or a word of quantity ("dozens", "hundreds") whose `of` object stands for it."""
    return token.tag_ in _QUANTITY_TAGS or token.lower_ in _QUANTITY_WORDS


def _patients(trigger: Token) -> list[Token]:
    """Who a passive verb acts on: its subject, or the noun a participle describes ("rebels
    backed by Turkey", "troops, supported by militias, …")."""
    if trigger.dep_ == "acl" and trigger.head.pos_ in ("NOUN", "PROPN"):
        return roles.with_conjuncts(trigger.head)
    return roles.passive_subjects(trigger)


def _near_preps(match: Match) -> list[Token]:
    """Target prepositions the parser hung on a nearby word ("put units on alert near X")."""
    found: list[Token] = []
    for host in window(match.trigger):
        found += roles.prep_objects(host, roles.TARGET_PREPS)
    return found


def inner_actors(objects: list[Token], is_actor: IsActor, depth: int = 2) -> list[Token]:
    """Actors one or two prepositions inside non-actor objects ("sanctions on Iranian banks",
    "a demand for the release of X")."""
    found: list[Token] = []
    for obj in objects:
        for inner in roles.prep_objects(obj, INNER_PREPS):
            if is_actor(inner):
                found.append(inner)
            elif depth > 1:
                found += inner_actors([inner], is_actor, depth - 1)
    return found


def _comp_targets(match: Match, is_actor: IsActor, words: TargetWords) -> list[Token]:
    """Whom the act of the entry's complement clause is done to, where the frame has one:
    "refused to lift sanctions **on Abkhazia**", "is ready to contribute troops **to Somalia**",
    "urged it to free **the sailors**". Only the first complement (the one the frame names, an
    `xcomp`, or an infinitive after the object) is searched. What a complement creates ("agreed
    to set up a centre", "to build two hospitals") did not exist before: never whom; nor is
    whom it is for ("a centre for Animation") whom the agreement is made with."""
    trigger = match.trigger
    comps = clause_complements(match)
    if match.object is not None:
        hosts = (match.object, match.object.head)
        comps += [c for h in hosts for c in complements(h) if roles.is_infinitive(c)]
    if not comps:
        comps = complements(trigger)[:1]
    for comp in comps[:1]:
        # what a complement creates, and whom it is for, is the plan's content; its partner
        # ("agreed to set up a fund with Kenya") is still whom
        creates = comp.lemma_.lower() in words.creators
        objects = [o for o in _objects(comp) if not (creates or _instrument(o, words.instruments))]
        preps = roles.TARGET_PREPS if creates else (*roles.TARGET_PREPS, "for")
        for slot in (
            objects,
            roles.prep_objects(comp, preps) + roles.datives(comp),
            inner_actors(objects, is_actor),
        ):
            actors = [t for t in slot if is_actor(t)]
            if actors:
                return actors
    return []


def clause_complements(match: Match) -> list[Token]:
    """The complement clauses of a match: the one its entry names, then the trigger's `xcomp`
    verbs ("agreed **to lift** sanctions")."""
    comps = [match.comp] if match.comp is not None else []
    return comps + [c for c in match.trigger.children if c.dep_ == "xcomp" and c.pos_ in VERB_POS]


def physical_targets(match: Match, passive: bool, words: TargetWords) -> list[Token]:
    """What an act of force hit when no actor fills a target slot: its object, even a thing
    ("stormed **a hotel**", "ambushed **a convoy**", "a convoy was attacked"); verbs only: an
    event noun's modifiers are too often its manner ("a brazen attack on …") to name its doer.
    GDELT leaves such an Actor2 blank; the span still says what was hit."""
    trigger = match.trigger
    if trigger.pos_ not in VERB_POS:
        return []
    attack = match.object
    if attack is not None and attack.lemma_.lower() in words.physical_nouns:
        # "launched an attack on a police station": the attack noun's object, wherever the
        # parser hung the preposition
        found = [o for h in (attack, trigger) for o in roles.prep_objects(h, ("on", "against"))]
        return [o for o in found if o.pos_ in ("NOUN", "PROPN") and o != attack]
    if trigger.lemma_.lower() not in words.physical:
        return []
    found = _patients(trigger) if passive else _objects(trigger)
    return [
        o for o in found if o.pos_ in ("NOUN", "PROPN") and not _instrument(o, words.instruments)
    ]
