"""Who said it, through which medium, to whom: the speaker, medium and addressee of a cue.

The speaker keeps its surface mention (`text/start/end`: "he", "Logvinov", "the senator") and
takes its identity (`name`, `code`, `country`, `sector`, `role`) from the actor resolver; a
pronoun the resolver could not place falls back to the last named speaker.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from brinkwatch.datafiles import data_path, read_tsv
from brinkwatch.nlp.actors import actor_for_span, actor_for_token
from brinkwatch.nlp.quote_finders import mention_bounds
from brinkwatch.nlp.quote_lexicon import QuoteLexicon
from brinkwatch.records import Actor
from brinkwatch.records import Span as TextSpan

MEDIA_FILE = "gazetteers/media.tsv"
_RELATIVES = frozenset({"who", "which", "that"})
_PERSONAL = frozenset({"he", "she", "him", "her", "his"})
_TELL_LIKE = frozenset({"tell", "inform", "assure", "reassure", "brief", "notify", "remind"})
_OBJECTS = frozenset({"dobj", "dative", "iobj"})


@dataclass(frozen=True, slots=True)
class Channel:
    """Where a statement went: the outlet or format, and the people it was addressed to."""

    medium: TextSpan | None
    addressee: TextSpan | None


@functools.cache
def media_names() -> frozenset[str]:
    """Lower-cased names and aliases of the outlets in the media gazetteer."""
    names: set[str] = set()
    for row in read_tsv(data_path(MEDIA_FILE)):
        names.add(row.values["name"].lower())
        names.update(
            a.strip().lower() for a in row.values.get("aliases", "").split("|") if a.strip()
        )
    return frozenset(names)


def _text_span(doc: Doc, start: int, end: int) -> TextSpan:
    span = doc[start:end]
    return TextSpan(span.start_char, span.end_char, span.text)


def _noun_phrase(token: Token) -> tuple[int, int]:
    """Token range of `token`'s phrase without a leading determiner ("a statement" → "statement")."""
    start, end = mention_bounds(token)
    doc = token.doc
    if (
        doc[start].dep_ in ("det", "poss")
        and start < token.i
        and doc[start].lower_ in ("a", "an", "the")
    ):
        start += 1
    return start, end


def is_medium(token: Token, lexicon: QuoteLexicon) -> bool:
    """An outlet: resolved to the media sector, named in the media gazetteer, or an outlet noun."""
    actor = actor_for_token(token.doc, token)
    if actor is not None and actor.sector == "MED":
        return True
    start, end = _noun_phrase(token)
    phrase = token.doc[start:end].text.lower()
    names = media_names()
    return phrase in names or token.lower_ in names or token.lemma_.lower() in lexicon.medium_heads


def _interview_outlet(noun: Token, lexicon: QuoteLexicon) -> Token | None:
    """ "an interview with CNN" → CNN (an outlet, not a person interviewing)."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "with":
            for obj in prep.children:
                if obj.dep_ == "pobj" and is_medium(obj, lexicon):
                    return obj
    return None


def _prep_medium(prep: Token, lexicon: QuoteLexicon) -> Token | None:
    nouns = lexicon.medium_nouns.get(prep.lower_)
    if not nouns:
        return None
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        if obj.lemma_.lower() in lexicon.interview_nouns:
            return _interview_outlet(obj, lexicon) or obj
        if obj.lemma_.lower() in nouns or obj.lower_ in nouns:
            return obj
    return None


def _addressee_of(prep: Token, lexicon: QuoteLexicon) -> Token | None:
    """ "said to reporters", "asked by reporters": a person or group spoken to."""
    if prep.lower_ not in ("to", "by"):
        return None
    for obj in prep.children:
        if obj.dep_ == "pobj" and obj.lemma_.lower() in lexicon.addressee_nouns:
            return obj
    return None


def channel(verb: Token, lexicon: QuoteLexicon) -> Channel:
    """Medium and addressee hanging off a cue verb (and off "when asked by …" clauses)."""
    medium: Token | None = None
    addressee: Token | None = None
    for child in verb.children:
        if child.dep_ in _OBJECTS and verb.lemma_.lower() in _TELL_LIKE:
            if child.lemma_.lower() not in lexicon.addressee_nouns and is_medium(child, lexicon):
                medium = medium or child
            else:
                addressee = addressee or child
        elif child.dep_ in ("prep", "agent", "dative"):
            medium = medium or _prep_medium(child, lexicon)
            addressee = addressee or _addressee_of(child, lexicon)
        elif child.dep_ == "advcl" and child.lemma_ == "ask":
            for grandchild in child.children:
                if grandchild.dep_ == "agent":
                    addressee = addressee or _addressee_of(grandchild, lexicon)
    doc = verb.doc
    return Channel(
        _text_span(doc, *_noun_phrase(medium)) if medium is not None else None,
        _text_span(doc, *_noun_phrase(addressee)) if addressee is not None else None,
    )


def outlet_channel(found: Channel, outlet: Token | None, lexicon: QuoteLexicon) -> Channel:
    """`found`, with the outlet of an "according to" around the statement as its medium when
    the verb names none ("X said Y, according to the state news agency KCNA")."""
    if found.medium is not None or outlet is None or not is_medium(outlet, lexicon):
        return found
    return Channel(_text_span(outlet.doc, *_noun_phrase(outlet)), found.addressee)


def _identity(subject: Token, mention: Span) -> Actor | None:
    doc = subject.doc
    anchor = subject
    if subject.lower_ in _RELATIVES and subject.head.dep_ == "relcl":
        anchor = subject.head.head  # "Trump, who said …": the noun the clause hangs on
    found = actor_for_token(doc, anchor)
    if found is None and anchor == subject:
        found = actor_for_span(doc, mention.start_char, mention.end_char)
    return found


def _is_person(subject: Token, actor: Actor) -> bool:
    return actor.sector != "MED" and (subject.ent_type_ == "PERSON" or actor.role is not None)


class SpeakerResolver:
    """Resolves speakers in text order, remembering the last named one for bare pronouns."""

    def __init__(self) -> None:
        self.last_person: Actor | None = None

    def speaker(self, subject: Token) -> Actor:
        doc = subject.doc
        mention = doc[slice(*mention_bounds(subject, closing_comma=True))]
        found = _identity(subject, mention)
        if (found is None or found.name is None) and subject.lower_ in _PERSONAL:
            found = self.last_person or found
        elif found is not None and found.name and _is_person(subject, found):
            self.last_person = found
        if found is None:
            return Actor(mention.text, mention.start_char, mention.end_char)
        return Actor(
            mention.text, mention.start_char, mention.end_char, found.name, found.code,
            found.country, found.sector, found.role, found.entity,
        )  # fmt: skip
