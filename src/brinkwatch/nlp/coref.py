"""Rule-based coreference within one article, on the parse (no model is available offline).

- A person's later full or short name ("Logvinov") joins the chain of the earlier full mention.
- "he"/"she" go to the most recent person, preferring the subject of the nearest sentence that has
  one; "it" to the most recent singular country or organisation that is not its co-argument,
  main-clause subjects first; "they" to the most recent group.
- "we"/"us" take the speaker's side: the nearest person in the same sentence, outside the quote.
- "the official", "the minister" join the most recent person with the same sector.
- Appositions ("Grigory Logvinov, a senior Russian official") join their two phrases.
Every chain gets one entity number; its mentions share the chain's name, country and sector.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from brinkwatch.nlp.actor_rules import Mention
from brinkwatch.nlp.sentences import sentence_starts

_WINDOW_SENTENCES = 3
_DESCRIPTION_WINDOW = 6
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_FIELDS = ("name", "country", "code_root", "sector", "role", "plover", "plover_of")
# what a description or pronoun of a person takes from the person, whatever it had
_PERSON_OVERRIDES = ("name", "country", "code_root", "sector", "plover", "plover_of")


@dataclass(slots=True)
class _Chain:
    members: list[Mention]


class Resolver:
    """Links the mentions of one article into chains; see the module docstring for the rules."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.mentions = mentions
        self.sent_starts: list[int] = []
        self.chains: list[_Chain] = []
        self.by_name: dict[str, _Chain] = {}
        self.by_first: dict[str, _Chain] = {}
        self.by_code: dict[tuple[str | None, str | None, str | None], _Chain] = {}
        self.chain_of: dict[int, _Chain] = {}  # id(mention) -> chain

    def run(self) -> None:
        self._number_sentences()
        deferred = []
        for index, mention in enumerate(self.mentions):
            if mention.kind == "pronoun" and self.doc[mention.head].lower_ in ("we", "us"):
                deferred.append(mention)  # the speaker usually comes after the quote
                continue
            self._add(mention, self._chain_for(index, mention))
        for mention in deferred:
            self._add(mention, self._speaker_chain(mention))
        self._join_appositions()
        self._share()

    def _add(self, mention: Mention, chain: _Chain | None) -> None:
        if chain is not None:
            chain.members.append(mention)
            self.chain_of[id(mention)] = chain

    def _number_sentences(self) -> None:
        self.sent_starts = sentence_starts(self.doc)

    def _sent(self, mention: Mention) -> int:
        """The number of the sentence holding `mention` (a bisect, no per-token walk)."""
        return bisect.bisect_right(self.sent_starts, mention.head) - 1

    def _new(self, mention: Mention) -> _Chain:
        chain = _Chain([])
        self.chains.append(chain)
        return chain

    def _chain_for(self, index: int, mention: Mention) -> _Chain | None:
        if mention.kind == "person":
            return self._person_chain(mention)
        if mention.kind == "pronoun":
            return self._pronoun_chain(index, mention)
        if mention.kind == "description":
            found = self._description_antecedent(index, mention)
            return found if found is not None else self._new(mention)
        key = (mention.code_root, mention.sector, mention.name or mention.role)
        if mention.code_root is None:
            return self._new(mention)
        if key not in self.by_code:
            self.by_code[key] = self._new(mention)
        return self.by_code[key]

    def _person_chain(self, mention: Mention) -> _Chain:
        assert mention.name is not None
        name = mention.name.lower()
        words = name.split()
        chain = self.by_name.get(name)
        if chain is None and len(words) == 1:
            # a surname, or a family name written first ("Li" after "Li Wei")
            chain = self.by_name.get(words[0]) or self.by_first.get(words[0])
        if chain is None:
            chain = self._new(mention)
        self.by_name.setdefault(name, chain)
        if len(words) > 1:
            self.by_name.setdefault(words[-1], chain)
            self.by_first.setdefault(words[0], chain)
        return chain

    def _candidates(self, index: int, window: int) -> list[Mention]:
        """Earlier mentions within `window` sentences, most recent first."""
        here = self._sent(self.mentions[index])
        found = []
        for other in reversed(self.mentions[:index]):
            if here - self._sent(other) > window:
                break
            if id(other) in self.chain_of:
                found.append(other)
        return found

    def _pronoun_chain(self, index: int, mention: Mention) -> _Chain | None:
        word = self.doc[mention.head].lower_
        candidates = self._candidates(index, _WINDOW_SENTENCES)
        if word in ("he", "she", "him", "her"):
            pick = _prefer_subject(self.doc, [c for c in candidates if _is_person(self, c)], self)
        elif word == "it":
            pick = self._it_antecedent(mention, candidates)
        else:
            pick = next((c for c in candidates if c.plural or c.kind == "place"), None)
        return self.chain_of[id(pick)] if pick is not None else None

    def _it_antecedent(self, mention: Mention, candidates: list[Mention]) -> Mention | None:
        """The most recent singular thing that is not the pronoun's co-argument, a main-clause
        subject first ("the vessel intruded … ships took measures to expel it" -> the vessel)."""
        barred = _co_arguments(self.doc[mention.head])
        pool = [
            c
            for c in candidates
            if not _is_person(self, c) and not c.plural and c.head not in barred
        ]
        subjects = [c for c in pool if _main_subject(self.doc[c.head])]
        ranked = subjects or pool
        return ranked[0] if ranked else None

    def _speaker_chain(self, mention: Mention) -> _Chain | None:
        """'We' in a quote is the speaker's side: the nearest person in the same sentence."""
        here = self._sent(mention)
        people = [
            m
            for m in self.mentions
            if m.kind == "person" and self._sent(m) == here and id(m) in self.chain_of
        ]
        if not people:
            return None
        nearest = min(people, key=lambda m: abs(m.head - mention.head))
        return self.chain_of[id(nearest)]

    def _description_antecedent(self, index: int, mention: Mention) -> _Chain | None:
        """'the official' -> the most recent person whose office names that word;
        'the bombers' -> the most recent group with the same role and a country."""
        word = self.doc[mention.head].lemma_.lower()
        for other in self._candidates(index, _DESCRIPTION_WINDOW):
            if other.kind == "pronoun" or _is_person(self, other) != mention.person_like:
                continue
            chain = self.chain_of[id(other)]
            if mention.person_like:
                roles = " ".join(m.role or "" for m in chain.members).lower()
                if word in roles.split():
                    return chain
            elif other.role == mention.role and other.country and other.plural == mention.plural:
                return chain
        return None

    def _join_appositions(self) -> None:
        by_head = {m.head: m for m in self.mentions if id(m) in self.chain_of}
        for mention in list(by_head.values()):
            token = self.doc[mention.head]
            if token.dep_ != "appos" or token.head.i not in by_head:
                continue
            self._merge(self.chain_of[id(by_head[token.head.i])], self.chain_of[id(mention)])

    def _merge(self, keep: _Chain, drop: _Chain) -> None:
        if keep is drop or not _compatible(keep, drop):
            return
        for member in drop.members:
            self.chain_of[id(member)] = keep
        keep.members.extend(drop.members)
        keep.members.sort(key=lambda m: m.start)
        drop.members = []

    def _share(self) -> None:
        """Give members their chain's values; number chains in order of first mention.

        In a person's chain every mention takes the person's full name. In a chain of places or
        groups only pronouns and definite descriptions borrow values; each name keeps its own.
        """
        live = sorted(
            (c for c in self.chains if c.members), key=lambda c: min(m.start for m in c.members)
        )
        for number, chain in enumerate(live, start=1):
            values = {f: _chain_value(chain, f) for f in _FIELDS}
            person = any(m.kind == "person" for m in chain.members)
            for member in chain.members:
                member.entity = number
                if member.kind in ("pronoun", "description") and person:
                    _fill(member, values, override=_PERSON_OVERRIDES)
                elif person or member.kind in ("pronoun", "description"):
                    _fill(member, values, override=("name",) if person else ())
                if member.kind == "pronoun" and self.doc[member.head].lower_ in ("we", "us"):
                    member.name = None  # the speaker's side, not the speaker


def _fill(member: Mention, values: dict[str, str | None], *, override: tuple[str, ...]) -> None:
    for name, value in values.items():
        if getattr(member, name) is None or name in override:
            setattr(member, name, value)


def _chain_value(chain: _Chain, field: str) -> str | None:
    """The chain's value of `field`: the longest name, else the first value any member has."""
    values = [getattr(m, field) for m in chain.members if getattr(m, field)]
    if not values:
        return None
    return max(values, key=len) if field == "name" else values[0]


def _compatible(a: _Chain, b: _Chain) -> bool:
    for field in ("country", "name"):
        x, y = _chain_value(a, field), _chain_value(b, field)
        if x and y and x != y:
            return False
    return True


def _co_arguments(pronoun: Token) -> set[int]:
    """Tokens an object pronoun cannot refer to: the other arguments of its own head ("warnings
    from China for it not to …") and the unspoken subject of its infinitive ("ships took measures
    to expel it"). A pronoun that is itself a subject is bound by neither."""
    if pronoun.dep_ in _SUBJECTS:
        return set()
    head = pronoun.head.head if pronoun.head.dep_ == "prep" else pronoun.head
    subjects = {c.i for c in head.children if c.dep_ in _SUBJECTS}
    if not subjects and head.pos_ in ("VERB", "AUX") and head.dep_ in ("xcomp", "advcl", "conj"):
        subjects = {c.i for c in head.head.children if c.dep_ in _SUBJECTS}  # shared subject
    return subjects | {g.i for c in head.children if c.dep_ == "prep" for g in c.children}


def _main_subject(token: Token) -> bool:
    """A subject outside relative clauses ("the name Beijing uses" is only a gloss)."""
    return token.dep_ in _SUBJECTS and token.head.dep_ not in ("relcl", "acl")


def _is_person(resolver: Resolver, mention: Mention) -> bool:
    chain = resolver.chain_of.get(id(mention))
    return chain is not None and any(m.kind == "person" for m in chain.members)


def _prefer_subject(doc: Doc, people: list[Mention], resolver: Resolver) -> Mention | None:
    """The most recent person, but a subject over a non-subject in the same sentence."""
    if not people:
        return None
    nearest = resolver._sent(people[0])
    same = [p for p in people if resolver._sent(p) == nearest]
    subjects = [p for p in same if doc[p.head].dep_ in _SUBJECTS]
    return subjects[0] if subjects else same[0]


def link_mentions(doc: Doc, mentions: list[Mention]) -> None:
    """Set `entity` on every mention and share each chain's values (in place)."""
    Resolver(doc, mentions).run()
