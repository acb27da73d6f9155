"""Shared pieces of the indirect-quote finders: token ranges of phrases, the speaker of a cue
verb, and turning token ranges into a `Candidate`."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from brinkwatch.nlp.quote_finders import Candidate, subject_of
from brinkwatch.nlp.quote_lexicon import QuoteLexicon

TRIM = frozenset(",.;:!?-—–")
NO_SPEAKER = frozenset({"it", "there"})
PREP_OBJECTS = frozenset({"pobj", "pcomp"})
_NEXT = frozenset({"conj", "advcl"})
_JOINERS = frozenset({"and", "but", "or", ",", ";", "while", "whereas", "as"})


def phrase(tokens: list[Token]) -> tuple[int, int]:
    """Token range covering the subtrees of `tokens`, trailing punctuation trimmed."""
    start = min(t.left_edge.i for t in tokens)
    end = max(t.right_edge.i for t in tokens) + 1
    return trimmed(tokens[0].doc, start, end)


def trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """`start:end` without punctuation or spaces at either end (one token at least stays)."""
    while end > start + 1 and (doc[end - 1].text in TRIM or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].text in TRIM or doc[start].is_space):
        start += 1
    return start, end


def speaker_of(verb: Token) -> Token | None:
    """The cue verb's speaker (`subject_of`), but not the empty "it" of "it is said that"."""
    subject = subject_of(verb)
    if subject is None:
        return None
    if subject.lower_ in NO_SPEAKER and subject.dep_ == "nsubjpass":
        return None  # "it is said that …"
    return subject


def candidate(
    kind: str, content: tuple[int, int], cue: tuple[int, int], verb: Token, subject: Token | None
) -> Candidate:
    """A candidate from token ranges of content and cue (the content kept as characters)."""
    doc = verb.doc
    start, end = doc[content[0]].idx, doc[content[1] - 1].idx + len(doc[content[1] - 1])
    return Candidate(kind, start, end, cue[0], cue[1], verb.i, subject.i if subject else None)


def until_next_speaker(doc: Doc, span: tuple[int, int], lexicon: QuoteLexicon) -> tuple[int, int]:
    """`span` up to a later clause in which someone else reports: "Rubio said that X, while
    Cruz said that Y" (one content per attribution, as attribution corpora mark them)."""
    start, end = span
    for token in doc[start + 1 : end]:
        if (
            token.dep_ in _NEXT
            and token.lemma_.lower() in lexicon.clause_verbs
            and any(c.dep_ == "nsubj" and c.i > start for c in token.children)
        ):
            cut = token.left_edge.i
            while cut > start + 1 and (doc[cut - 1].lower_ in _JOINERS or doc[cut - 1].is_space):
                cut -= 1
            return trimmed(doc, start, cut)
    return span
