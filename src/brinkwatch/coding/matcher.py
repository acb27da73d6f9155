"""Match lexicon entries on a trigger token of the parse.

A trigger's candidate entries come from a dict lookup on its lemma; each entry's constraints
(particle, preposition, object, complement) are checked against the token's dependents. The small
model mis-attaches some phrases ("put units on standby"), so objects and prepositions may also be
found a few words to the right of the trigger, inside the same clause.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER, POS, SENT_START
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.symbols import AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Token

from brinkwatch.coding.lexicon import Entry, Lexicon
from brinkwatch.coding.roles import (  # VERB_POS, complements: re-exported for the coder
    VERB_POS,
    complements,
    direct_objects,
    passive_subjects,
    with_conjuncts,
)

WINDOW = 6
ANY = "*"
NOUN_POS = frozenset({"NOUN", "PROPN"})
_STOP_POS = frozenset({"VERB", "AUX", "PUNCT", "SCONJ", "CCONJ"})
_OF = frozenset({"of"})
_OBJECT_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
_TIME_ENTITIES = frozenset({"DATE", "TIME"})


@dataclass(frozen=True, slots=True)
class Match:
    """An entry that fired on a trigger, with the tokens that satisfied its constraints."""

    entry: Entry
    trigger: Token
    object: Token | None = None
    prep_object: Token | None = None
    comp: Token | None = None


def forms(token: Token) -> tuple[str, str]:
    """The lemma and the lower-cased word: lexicon words may be either ("talks", "talk")."""
    return token.lemma_.lower(), token.lower_


def _hit(token: Token, words: frozenset[str]) -> bool:
    """Whether the token is one of `words`; `*` in `words` takes any token."""
    lemma, lower = forms(token)
    return lemma in words or lower in words or ANY in words


def window(trigger: Token, size: int = WINDOW) -> list[Token]:
    """Tokens right of the trigger up to the next clause boundary (a verb, punctuation…)."""
    tokens: list[Token] = []
    doc = trigger.doc
    for i in range(trigger.i + 1, min(trigger.i + 1 + size, len(doc))):
        token = doc[i]
        if token.is_sent_start:
            break
        if token.is_quote or token.text == "-":
            continue
        if token.pos_ in _STOP_POS:
            break
        tokens.append(token)
    return tokens


def _particle_ok(trigger: Token, entry: Entry) -> bool:
    if not entry.particles:
        return True
    doc = trigger.doc
    near = [c for c in trigger.children if c.dep_ in ("prt", "prep", "advmod")]
    near += [doc[i] for i in range(trigger.i + 1, min(trigger.i + 3, len(doc)))]
    return any(_hit(t, entry.particles) for t in near)


def _prep_children(token: Token, preps: frozenset[str]) -> list[Token]:
    """The token's prepositions among `preps`; "on Monday" is a time, never a pattern's part."""
    return [
        c
        for c in token.children
        if c.dep_ in ("prep", "prt", "dative", "agent")
        and c.lower_ in preps
        and not any(o.ent_type_ in _TIME_ENTITIES for o in c.children)
    ]


def _pobjs(preps: Iterable[Token]) -> list[Token]:
    return [
        o
        for p in preps
        for c in p.children
        if c.dep_ in ("pobj", "dobj")
        for o in with_conjuncts(c)
    ]


def base_objects(trigger: Token) -> list[Token]:
    """Object heads of any entry: direct objects, passive subjects, predicatives; for an event
    noun its modifiers ("nuclear test") and of/on/with objects."""
    if trigger.pos_ in NOUN_POS:
        mods = [c for c in trigger.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
        return mods + _pobjs(_prep_children(trigger, frozenset({"of", "on", "with"})))
    objects = direct_objects(trigger) + passive_subjects(trigger)
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN":
        objects.append(trigger.head)  # "video released by the navy": the noun is what was released
    return objects + [c for c in trigger.children if c.dep_ in ("attr", "oprd", "acomp")]


def _find_object(trigger: Token, entry: Entry, view: TriggerView) -> tuple[bool, Token | None]:
    """The entry's object among the trigger's objects (and their `of` objects: "state of
    emergency"), the objects of the entry's prepositions, or the nouns nearby."""
    words = entry.objects
    if not words:
        return True, None
    own = _with_of(_pobjs(_prep_children(trigger, entry.preps))) if entry.preps else []
    if ANY in words:  # a wildcard takes only real objects, not nearby words
        found = [*view.base, *own]
        return (True, found[0]) if found else (False, None)
    if not words.isdisjoint(view.object_forms):
        return True, next(t for t in view.objects if _hit(t, words))
    for token in own:
        if _hit(token, words):
            return True, token
    if not words.isdisjoint(view.near_forms):
        return True, next(t for t in view.near_nouns if _hit(t, words))
    return False, None


def _with_of(tokens: list[Token]) -> list[Token]:
    """Each token followed by the objects of its `of` phrases."""
    return [x for t in tokens for x in (t, *_pobjs(_prep_children(t, _OF)))]


def _forms_of(tokens: list[Token]) -> frozenset[str]:
    return frozenset(form for t in tokens for form in forms(t))


def _find_prep(
    trigger: Token, entry: Entry, obj: Token | None, view: TriggerView
) -> tuple[bool, Token | None]:
    """The entry's preposition on the trigger (or on its object); gives the target's head."""
    if not entry.preps:
        return True, None
    hosts = [trigger] + ([obj] if obj is not None else [])
    preps = [p for h in hosts for p in _prep_children(h, entry.preps)]
    if preps:
        pobjs = [o for o in _pobjs(preps) if o is not obj]
        return True, pobjs[0] if pobjs else None
    loose = [t for t in view.near if t.lower_ in entry.preps and _loose_prep(t)]
    return (True, None) if loose or _for_clause(trigger, entry, view) else (False, None)


def _for_clause(trigger: Token, entry: Entry, view: TriggerView) -> bool:
    """Whether a clause's "for" follows the window: in "called on Friday for Britain to stay"
    the parser makes "for" the mark of the clause, which ends the window."""
    last = view.near[-1] if view.near else trigger
    doc = trigger.doc
    if last.i + 1 >= len(doc):
        return False
    after = doc[last.i + 1]
    return after.pos_ == "SCONJ" and after.lower_ in entry.preps and after.head.head.i == trigger.i


def _loose_prep(token: Token) -> bool:
    """A nearby word may stand for the entry's preposition unless it is an infinitive's "to"
    ("signed a pact to end …") or heads a time ("agreed on Friday", "signed it on Sunday")."""
    if token.tag_ == "TO":
        return False
    return not any(o.ent_type_ in _TIME_ENTITIES for o in token.children)


def _find_comp(entry: Entry, view: TriggerView) -> tuple[bool, Token | None]:
    if not entry.comps:
        return True, None
    for comp in view.comps:
        if entry.directive and not _directive(comp):
            continue
        if _hit(comp, entry.comps) and _comp_object_ok(comp, entry):
            return True, comp
    return False, None


def _directive(comp: Token) -> bool:
    """An order's clause is non-finite and has no modal ("to leave", "that they leave"); a
    report's is finite ("that the ship left", "we will not leave")."""
    if comp.tag_ not in ("VB", "VBG"):
        return False
    return not any(c.dep_ == "aux" and c.tag_ == "MD" for c in comp.children)


def _comp_object_ok(comp: Token, entry: Entry) -> bool:
    if not entry.comp_objects:
        return True
    candidates = [*direct_objects(comp), *_pobjs(comp.children), *window(comp)]
    return any(_hit(t, entry.comp_objects) for t in candidates)


class TriggerView:
    """What the entries tried on one trigger look at, each part computed once and only when an
    entry needs it: nearby words (`window`), objects (`base_objects`), `complements`."""

    __slots__ = ("_base", "_comps", "_near", "_nouns", "_objects", "token")

    def __init__(self, token: Token) -> None:
        self.token = token
        self._near: list[Token] | None = None
        self._base: list[Token] | None = None
        self._comps: list[Token] | None = None
        self._objects: tuple[list[Token], frozenset[str]] | None = None
        self._nouns: tuple[list[Token], frozenset[str]] | None = None

    @property
    def objects(self) -> list[Token]:
        """`base` with the objects of their `of` phrases."""
        return self._object_parts()[0]

    @property
    def object_forms(self) -> frozenset[str]:
        return self._object_parts()[1]

    def _object_parts(self) -> tuple[list[Token], frozenset[str]]:
        if self._objects is None:
            objects = _with_of(self.base)
            self._objects = (objects, _forms_of(objects))
        return self._objects

    @property
    def near_nouns(self) -> list[Token]:
        return self._noun_parts()[0]

    @property
    def near_forms(self) -> frozenset[str]:
        return self._noun_parts()[1]

    def _noun_parts(self) -> tuple[list[Token], frozenset[str]]:
        if self._nouns is None:
            nouns = [t for t in self.near if t.pos_ in _OBJECT_POS]
            self._nouns = (nouns, _forms_of(nouns))
        return self._nouns

    @property
    def near(self) -> list[Token]:
        if self._near is None:
            self._near = window(self.token)
        return self._near

    @property
    def base(self) -> list[Token]:
        if self._base is None:
            self._base = base_objects(self.token)
        return self._base

    @property
    def comps(self) -> list[Token]:
        if self._comps is None:
            self._comps = complements(self.token)
        return self._comps


def match_entry(trigger: Token, entry: Entry, view: TriggerView | None = None) -> Match | None:
    """`entry` applied to `trigger`: a `Match` when every constraint holds."""
    view = view or TriggerView(trigger)
    if not _particle_ok(trigger, entry):
        return None
    ok, comp = _find_comp(entry, view)
    if not ok:
        return None
    ok, obj = _find_object(trigger, entry, view)
    if not ok:
        return None
    ok, prep_object = _find_prep(trigger, entry, obj, view)
    if not ok:
        return None
    return Match(entry, trigger, obj, prep_object, comp)


def candidates(token: Token, lexicon: Lexicon) -> tuple[Entry, ...]:
    """Entries whose trigger lemma is this token's (verbs for verbs, nouns for nouns)."""
    index = lexicon.by_verb if token.pos_ in VERB_POS else lexicon.by_noun
    if token.pos_ not in VERB_POS and token.pos_ not in NOUN_POS:
        return ()
    lemma, lower = forms(token)
    return index.get(lemma) or index.get(lower) or ()


_VERB_IDS = frozenset({VERB, AUX})
_NOUN_IDS = frozenset({NOUN, PROPN})
_HYPHEN = hash_string("-")


def doc_rows(doc: Doc) -> list[list[int]]:
    """Each token's part of speech, lemma, lower-cased word and sentence-start flag as spaCy
    ids (no Token built)."""
    return doc.to_array([POS, LEMMA, LOWER, SENT_START]).tolist()


def sentence_bounds(rows: list[list[int]], positions: list[int]) -> list[tuple[int, int]]:
    """The token range [start, end) of each sentence holding a trigger, in order: read from the
    rows (`doc.sents` builds a Span for every sentence, most of which hold no trigger)."""
    bounds: list[tuple[int, int]] = []
    for i in positions:
        if bounds and i < bounds[-1][1]:
            continue
        start = i
        while start > 0 and rows[start][3] != 1:
            start -= 1
        end = i + 1
        while end < len(rows) and rows[end][3] != 1:
            end += 1
        bounds.append((start, end))
    return bounds


def sentence_words(rows: list[list[int]], start: int, end: int) -> set[int]:
    """The lemma and word ids of tokens `start`..`end` and the two after them (a particle may
    follow a sentence's last verb): what `possible` checks entries against."""
    words = {row[1] for row in rows[start : end + 2]}
    words.update(row[2] for row in rows[start : end + 2])
    return words


def possible(entry: Entry, words: AbstractSet[int]) -> bool:
    """Whether every constraint of `entry` has one of its words among `words`; a cheap test that
    spares the parse checks for most entries of a common verb ("say", "call", "meet")."""
    return all(not need.isdisjoint(words) for need in entry.needs)


def trigger_positions(doc: Doc, lexicon: Lexicon, rows: list[list[int]] | None = None) -> list[int]:
    """Indices of the tokens whose lemma or word is a trigger of their part of speech, read
    from the Doc's arrays in one pass (most tokens are not triggers; no Token is built)."""
    rows = doc_rows(doc) if rows is None else rows
    found: list[int] = []
    for i, (pos, lemma, lower, _) in enumerate(rows):
        if pos in _VERB_IDS:
            if i and rows[i - 1][2] == _HYPHEN:  # "Iran-backed", "Saudi-led": a modifier
                continue
            index = lexicon.verb_ids
        elif pos in _NOUN_IDS:
            index = lexicon.noun_ids
        else:
            continue
        if lemma in index or lower in index:
            found.append(i)
    return found


def best_match(
    token: Token, lexicon: Lexicon, words: AbstractSet[int] | None = None
) -> Match | None:
    """The most specific entry that matches; entries are pre-sorted by specificity. `words`
    (`sentence_words`) lets entries whose words the sentence lacks be skipped unchecked."""
    entries = candidates(token, lexicon)
    if not entries:
        return None
    view = TriggerView(token)
    loose: Match | None = None  # the best match so far whose object is only a nearby word
    for entry in entries:
        if loose is not None and entry.specificity < loose.entry.specificity:
            break
        if entry.reports:  # chosen by the coder once the reported clause is known
            continue
        if words is not None and not possible(entry, words):
            continue
        found = match_entry(token, entry, view)
        if found is not None and not _loose_object(found, view):
            return found
        loose = loose or found
    return loose


_OBJECT_PREPS = frozenset({"for", "of", "on", "about", "over"})


def _loose_object(found: Match, view: TriggerView) -> bool:
    """The match's object is a word near the trigger, not one of its objects or prepositional
    objects: an equally specific entry with a real object wins ("suspended aid to Kabul in
    protest at …" suspends aid; it ends no protest)."""
    obj = found.object
    if obj is None or obj in view.objects or obj.head in view.objects:  # or its modifier
        return False
    if obj.dep_ == "pobj" and obj.head.lower_ in _OBJECT_PREPS and obj.head.head in view.objects:
        return False  # the object's own complement: "rejected a proposal **for talks**"
    if obj.dep_ == "pobj":  # the object of one of the entry's own prepositions
        return not (obj.head.head == found.trigger and obj.head.lower_ in found.entry.preps)
    # a modifier of a phrase on the trigger: "sent troops to the UN peacekeeping force"
    head = obj.head
    return not (head.dep_ == "pobj" and head.head.head == found.trigger)
