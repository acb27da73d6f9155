"""Cue nouns: "his claim that …", "Trump's criticism of the deal", "voiced support for the plan".

The content is the noun's that-clause or infinitive, or the object of one of `noun_particles`
(only with a holder: the subject of a light verb). The possessor or that subject is the speaker.
"""

from __future__ import annotations

from spacy.tokens import Token

from brinkwatch.nlp.quote_finders import Candidate
from brinkwatch.nlp.quote_lexicon import QuoteLexicon
from brinkwatch.nlp.quote_phrases import PREP_OBJECTS, candidate, phrase, speaker_of


def carries_cue_noun(verb: Token, lexicon: QuoteLexicon) -> bool:
    return any(
        c.dep_ == "dobj"
        and c.lemma_.lower() in lexicon.noun_cues
        and _noun_cue_content(c, lexicon)[0] is not None
        for c in verb.children
    )


def noun_candidate(noun: Token, lexicon: QuoteLexicon) -> list[Candidate]:
    """ "his claim that …", "Trump's criticism of the deal", "voiced support for the plan": a
    cue noun with its content; the possessor, or the subject of the light verb the noun is the
    object of, is the speaker, and the cue runs to the preposition."""
    content, cue_end = _noun_cue_content(noun, lexicon)
    if content is None:
        return []
    light = _light_verb(noun, lexicon)
    if content.head.dep_ == "prep" and light is None:
        return []  # a bare "criticism of …" costs more precision than it gains
    verb = _reporting_head(noun, lexicon)
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if verb is not None:  # "said in a statement that …": the verb is the cue
        cue, head, speaker = (verb.i, verb.i + 1), verb, speaker_of(verb)
    elif light is not None and owner is None:  # "expressed concern about …"
        cue, head, speaker = (light.i, cue_end), light, speaker_of(light)
        if speaker is None:
            return []
    else:
        cue, head, speaker = (noun.i, cue_end), noun, owner
    return [candidate("indirect", phrase([content]), cue, head, speaker)]


def _light_verb(noun: Token, lexicon: QuoteLexicon) -> Token | None:
    """The verb a cue noun is the object of when the pair says what the noun says
    ("voiced support for", "raised questions about", "cast doubt on")."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in lexicon.light_verbs:
        return None
    return verb if verb.pos_ in ("VERB", "AUX") else None


def _reporting_head(noun: Token, lexicon: QuoteLexicon) -> Token | None:
    """The reporting verb a cue noun is the medium of ("said in a statement that …")."""
    prep, verb = noun.head, noun.head.head
    if (
        noun.dep_ != "pobj"
        or prep.dep_ != "prep"
        or verb.lemma_.lower() not in lexicon.clause_verbs
    ):
        return None
    return verb


def _noun_cue_content(noun: Token, lexicon: QuoteLexicon) -> tuple[Token | None, int]:
    """The noun's that-clause or infinitive ("the claim that …"), or the object of a
    preposition right after it ("criticism of …"), and where the cue ends."""
    for child in noun.children:
        if child.i < noun.i:
            continue
        opener = child.left_edge.lower_
        if child.dep_ in ("acl", "ccomp", "appos") and opener in ("that", "to"):
            return child, noun.i + 1
        if child.dep_ == "prep" and child.lower_ in lexicon.noun_particles:
            objects = [c for c in child.children if c.dep_ in PREP_OBJECTS]
            if objects and child.i == noun.i + 1:
                return objects[0], child.i + 1
    return None, noun.i + 1
