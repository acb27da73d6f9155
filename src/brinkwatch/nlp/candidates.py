"""Candidate sentences: only sentences that can hold an event, a quote or a known actor go
through spaCy's tagger, parser and NER; the others keep their tokens and offsets.

The cheap pass is the tokenizer and a punctuation sentencizer. A sentence is a candidate when one
of its tokens (lower-cased) is an inflected form of a trigger word the caller passes in (event
lexicon verbs and nouns, quote cues), the first word of a gazetteer entry, or a quote mark.
Inflections come from simple English rules plus the model's own lemmatizer exceptions ("said" →
"say"), so no word list is frozen here: the caller reads the lexicons every time it starts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc

QUOTE_MARKS = ('"', "“", "”", "‘", "«", "»", "``", "''")
_VOWELS = set("aeiou")


def _irregular(nlp: Language) -> dict[str, set[str]]:
    """lemma → irregular forms, from the model lemmatizer's exception tables."""
    forms: dict[str, set[str]] = {}
    if "lemmatizer" not in nlp.pipe_names:
        return forms
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or "lemma_exc" not in lookups.tables:
        return forms
    table = lookups.get_table("lemma_exc")
    for pos in ("verb", "noun"):
        for form, lemmas in (table.get(pos) or {}).items():
            for lemma in lemmas:
                forms.setdefault(lemma, set()).add(form)
    return forms


def inflections(lemma: str, irregular: dict[str, set[str]]) -> set[str]:
    """The lemma's regular verb and noun forms, and its irregular ones."""
    w = lemma.lower()
    out = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        out.add(w[:-1] + "ing")
    if w.endswith("y"):
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) > 2 and w[-1] not in _VOWELS and w[-2] in _VOWELS and w[-3] not in _VOWELS:
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # "ban" → "banned", "banning"
    return out | irregular.get(w, set())


class CandidateFilter:
    """Splits paragraphs into runs of candidate and non-candidate sentences."""

    def __init__(self, nlp: Language, words: Iterable[str], starts: Iterable[int] = ()) -> None:
        self.nlp = nlp
        irregular = _irregular(nlp)
        forms: set[str] = set(QUOTE_MARKS)
        for phrase in words:
            for word in phrase.split():
                forms |= inflections(word, irregular)
        self.hashes = frozenset(hash_string(f) for f in forms) | frozenset(starts)
        self.sentencizer = Sentencizer()
        self.sentences = 0
        self.skipped = 0

    def is_candidate(self, lowers: list[int]) -> bool:
        hashes = self.hashes
        return any(h in hashes for h in lowers)

    def runs(self, text: str) -> Iterator[tuple[str, Doc | None]]:
        """(text, None) for a stretch to parse, (text, tokens-only Doc) for one to skip; the
        texts concatenate to `text`."""
        doc = self.sentencizer(self.nlp.make_doc(text))
        lowers = doc.to_array(LOWER).tolist()
        flags = [self.is_candidate(lowers[s.start : s.end]) for s in doc.sents]
        self.sentences += len(flags)
        self.skipped += flags.count(False)
        if all(flags) or not flags:  # the common case: parse the paragraph as it is
            yield text, None
            return
        if not any(flags):
            yield text, doc
            return
        yield from self._split(text, doc, flags)

    def _split(self, text: str, doc: Doc, flags: list[bool]) -> Iterator[tuple[str, Doc | None]]:
        sents = list(doc.sents)
        start = 0
        for i in range(len(sents)):
            last = i + 1 == len(sents)
            if last or flags[i + 1] != flags[i]:
                end = len(text) if last else sents[i + 1][0].idx
                piece = text[start:end]
                yield piece, (None if flags[i] else self._tokens(piece))
                start = end

    def _tokens(self, piece: str) -> Doc:
        return self.sentencizer(self.nlp.make_doc(piece))
