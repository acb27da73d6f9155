"""Finding attributions in a parsed article: which words are quoted and which verb attributes them.

Direct quotes start from the quoted stretches of `quote_marks` and look for a cue clause right
after (`"…," Logvinov told Interfax`) or right before (`Logvinov said: "…"`). Indirect quotes
start from a cue verb with a complement clause (`Russia warned that …`), a speech act with noun
content (`urged restraint`) or a source phrase (`according to Interfax, …`). Mixed quotes are
indirect quotes whose content holds quoted words.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from brinkwatch.nlp.quote_lexicon import QuoteLexicon
from brinkwatch.nlp.quote_marks import Stretch

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_SHARES_SUBJECT = frozenset({"conj", "advcl", "xcomp"})
_CLOSING_PUNCT = frozenset(",.!?…—–:;-")
_SENTENCE_END = frozenset({".", "!", "?"})
_WINDOW = 25  # tokens: how far from a quote its cue clause may start
_NO_SPEAKER = frozenset({"it", "there"})
_DATELINE = frozenset({"—", "--", "–"})
_CUE_LEFT = frozenset({"aux", "auxpass", "neg", "advmod"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One attribution before it becomes a `Quote` record; token indices into the `Doc`."""

    type: str
    content_start: int  # character offsets
    content_end: int
    cue_start: int | None  # token range of the cue words
    cue_end: int | None
    verb: int | None  # the cue's head token: speaker, medium and date hang off it
    subject: int | None  # head token of the speaker mention


class Sentences:
    """Token bounds of the sentences, computed once (`Token.sent` walks the whole `Doc`)."""

    def __init__(self, doc: Doc) -> None:
        self.bounds = [(sent.start, sent.end) for sent in doc.sents]
        self.starts = [start for start, _ in self.bounds]

    def of(self, index: int) -> tuple[int, int]:
        return self.bounds[bisect_right(self.starts, index) - 1]


def _breaks_paragraph(token: Token) -> bool:
    return "\n" in token.whitespace_ or (token.is_space and "\n" in token.text)


def _passive(verb: Token) -> bool:
    return any(child.dep_ in ("auxpass", "agent") for child in verb.children)


def subject_of(verb: Token) -> Token | None:
    """The speaker: the verb's subject, or that of the verb it hangs on ("…, saying …")."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                return child
        if verb.dep_ not in _SHARES_SUBJECT or verb.head is verb or _passive(verb):
            return None
        if verb.dep_ == "advcl" and verb.tag_ != "VBG":
            return None  # "…, saying …" shares the subject; "when asked by …" does not
        verb = verb.head
    return None


def mention_bounds(subject: Token, closing_comma: bool = False) -> tuple[int, int]:
    """Token range of a mention: the subject's phrase, outer punctuation trimmed.

    A dateline before the subject ("RENO, Nev. (AP) — Trump said") is cut off. With
    `closing_comma`, the comma that closes an apposition stays, as attribution corpora mark
    it ("Chris Cox, who runs the lobbying arm, said").
    """
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    doc = subject.doc
    dash = next((t.i for t in reversed(doc[start : subject.i]) if t.text in _DATELINE), None)
    start = dash + 1 if dash is not None else start
    while end - 1 > subject.i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < subject.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    inner_comma = any(t.text == "," for t in doc[start:end])
    if closing_comma and inner_comma and end < len(doc) and doc[end].text == ",":
        end += 1
    return start, end


def cue_bounds(verb: Token, end: int) -> tuple[int, int]:
    """The cue words: the verb with the auxiliaries, negation and adverbs right before it
    ("has also said", "did not say") and a colon right after it ("said:")."""
    doc = verb.doc
    start = verb.i
    while start > 0 and doc[start - 1].head is verb and doc[start - 1].dep_ in _CUE_LEFT:
        start -= 1
    if end < len(doc) and doc[end].text == ":":
        end += 1
    return start, end


def _is_cue_verb(token: Token, lexicon: QuoteLexicon) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lexicon.clause_verbs


def _speaker_outside(verb: Token, first: int, last: int) -> Token | None:
    subject = subject_of(verb)
    if subject is None or first <= subject.i < last or subject.lower_ in _NO_SPEAKER:
        return None
    return subject


def _after_cue(doc: Doc, first: int, last: int, lexicon: QuoteLexicon) -> Candidate | None:
    """`"…," Logvinov told Interfax` / `"…," said Logvinov`: the clause right after the quote."""
    position = last
    while position < len(doc) and doc[position].is_punct and doc[position].text not in '"“':
        position += 1
    if position >= len(doc) or _breaks_paragraph(doc[position - 1]):
        return None
    opener = doc[position]
    for token in doc[position : min(len(doc), position + _WINDOW)]:
        if token.text in _SENTENCE_END or token.text in '"“”':
            return None
        if not _is_cue_verb(token, lexicon):
            continue
        subject = _speaker_outside(token, first, last)
        starts_here = opener.i == token.i or (
            subject is not None and mention_bounds(subject)[0] <= opener.i <= subject.i
        )
        if subject is not None and starts_here:
            return Candidate("direct", 0, 0, token.i, token.i + 1, token.i, subject.i)
        return None
    return None


def _before_cue(doc: Doc, first: int, lexicon: QuoteLexicon) -> Candidate | None:
    """`Logvinov said: "…"` / `He added, “…”`: a cue clause ending in `:` or `,` before the quote."""
    position = first - 1
    while position >= 0 and doc[position].is_space:
        position -= 1
    if position < 0 or (
        doc[position].text not in (":", ",") and not _is_cue_verb(doc[position], lexicon)
    ):
        return None
    if doc[position].text == "," and _breaks_paragraph(doc[position]):
        return None
    for token in reversed(doc[max(0, position - _WINDOW) : position + 1]):
        if token.text in _SENTENCE_END or token.text in '"”“':
            return None
        if _is_cue_verb(token, lexicon):
            subject = _speaker_outside(token, first, first)
            if subject is None or (subject.i > token.i and subject.i >= position):
                return None
            return Candidate("direct", 0, 0, token.i, token.i + 1, token.i, subject.i)
    return None


def _clause_like(doc: Doc, text: str, stretch: Stretch, first: int) -> bool:
    """A quote that is a sentence or clause of its own, not a few scare-quoted words."""
    inner = text[stretch.start + 1 : stretch.end - 1].rstrip("'")
    previous = doc[first - 1] if first > 0 else None
    at_start = previous is None or previous.text in (":", ",", ".") or previous.is_space
    return bool(inner) and (inner[-1] in _CLOSING_PUNCT or (at_start and len(inner.split()) >= 4))


def direct_candidates(
    doc: Doc, text: str, stretches: tuple[Stretch, ...], lexicon: QuoteLexicon
) -> Iterator[Candidate]:
    """One candidate per quoted stretch that has a cue next to it (split quotes come merged)."""
    previous: Candidate | None = None
    for stretch in stretches:
        span = doc.char_span(stretch.start, stretch.end, alignment_mode="expand")
        if span is None or not _clause_like(doc, text, stretch, span.start):
            continue
        found = _after_cue(doc, span.start, span.end, lexicon) or _before_cue(
            doc, span.start, lexicon
        )
        if previous is not None and _continues(doc, previous, found, span):
            previous = replace(previous, content_end=stretch.end)
            continue
        if previous is not None:
            yield previous
        previous = None
        if found is not None:
            previous = replace(found, content_start=stretch.start, content_end=stretch.end)
    if previous is not None:
        yield previous


def _continues(doc: Doc, previous: Candidate, found: Candidate | None, span: Span) -> bool:
    """`"X," he said, "Y."`: the second part shares the first one's cue, or follows its cue
    clause with no cue of its own in the same paragraph."""
    if found is not None:
        return found.verb == previous.verb
    assert previous.verb is not None
    if doc[previous.verb].idx < previous.content_start:
        return False
    between = doc[previous.verb : span.start]
    ends = sum(t.text in _SENTENCE_END for t in between)
    return len(between) < _WINDOW and ends <= 1 and not any(_breaks_paragraph(t) for t in between)
