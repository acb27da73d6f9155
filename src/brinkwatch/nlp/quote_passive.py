"""Passive attributions with an agent: "the plan was criticised by the unions", "an option seen
by organisers as a lifeboat". The agent is the speaker; what the verb's subject (or the noun a
participle hangs on) names, with the verb's complement, is the content.
"""

from __future__ import annotations

from spacy.tokens import Token

from brinkwatch.nlp.quote_finders import Candidate
from brinkwatch.nlp.quote_lexicon import QuoteLexicon
from brinkwatch.nlp.quote_phrases import candidate, trimmed

_COMPLEMENTS = frozenset({"oprd", "xcomp", "ccomp"})


def _agent(verb: Token) -> Token | None:
    """The noun of the verb's `by` phrase."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    if by is None:
        return None
    return next((c for c in by.children if c.dep_ == "pobj"), None)


def _is_cue(verb: Token, lexicon: QuoteLexicon) -> bool:
    lemma = verb.lemma_.lower()
    return lemma in lexicon.noun_content_verbs or lemma in lexicon.clause_verbs


def _patient(verb: Token) -> tuple[int, int] | None:
    """Token range of what the attribution is about: the passive subject ("the plan was
    criticised"), or the noun phrase before a participle ("an option seen by …")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is not None:
        return subject.left_edge.i, subject.right_edge.i + 1
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i < verb.i:
        noun = verb.head
        return noun.left_edge.i, verb.left_edge.i
    return None


def _complement_end(verb: Token) -> int | None:
    """Where a complement after the verb ends ("seen … as a lifeboat", "asked to leave")."""
    ends = [
        c.right_edge.i + 1
        for c in verb.children
        if c.i > verb.i and (c.dep_ in _COMPLEMENTS or (c.dep_ == "prep" and c.lower_ == "as"))
    ]
    return max(ends) if ends else None


def passive_candidate(verb: Token, lexicon: QuoteLexicon) -> Candidate | None:
    """A cue verb in the passive with an agent: speaker the agent, content the patient and the
    complement after the verb (one span over both, like a split quote's); the cue is the verb
    with its auxiliaries, without `by` (attribution corpora leave it out more often than not)."""
    if verb.tag_ != "VBN" or not _is_cue(verb, lexicon):
        return None
    agent, patient = _agent(verb), _patient(verb)
    if agent is None or patient is None or patient[1] <= patient[0]:
        return None
    start, end = patient
    complement = _complement_end(verb)
    content = trimmed(verb.doc, start, complement or end)
    return candidate("indirect", content, (verb.i, verb.i + 1), verb, agent)
