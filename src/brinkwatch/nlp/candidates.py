"""Candidate sentences: only sentences that can hold an event, a quote or a known actor go
through spaCy's tagger, parser and NER; the others keep their tokens and offsets.

The cheap pass is the tokenizer and a punctuation sentencizer, run once: the pieces handed to
the parser are slices of that tokenization, never tokenized again. A sentence is a candidate when
one of its lower-cased tokens is

- an inflected form of a trigger lemma the caller passes in (event lexicon verbs and nouns,
  quote cues), or of a stop-word trigger ("make", "give") together with the words one of its
  lexicon entries needs ("make" … "visit");
- the start of a known phrase (a gazetteer entry, "according to"), matched token by token on
  the tokenizer's output;
- a quote mark.

Inflections come from simple English rules plus the model's own lemmatizer exceptions ("said" →
"say"), so no word list is frozen here: the caller reads the lexicons every time it starts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.attrs import IS_SPACE, LOWER, ORTH
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc

QUOTE_MARKS = ('"', "“", "”", "‘", "«", "»", "``", "''")
_VOWELS = set("aeiou")

Key = tuple[int, ...]
Needs = tuple[frozenset[int], ...]  # one set of word forms per constraint: each must occur


@dataclass(frozen=True)
class CandidateWords:
    """What makes a sentence a candidate, as words (lemmas) and phrases (token keys)."""

    triggers: frozenset[str] = frozenset()  # any form of one suffices
    # stop-word triggers: any form of the lemma and, for one of its entries, every need
    guarded: Mapping[str, Sequence[Sequence[frozenset[str]]]] = field(default_factory=dict)
    phrases: frozenset[Key] = frozenset()  # lower-cased token hashes, as the tokenizer splits
    cased: frozenset[str] = frozenset()  # words that count only as written ("US", "WHO")


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

    def __init__(self, nlp: Language, words: CandidateWords) -> None:
        self.nlp = nlp
        self._irregular = _irregular(nlp)
        self.hashes = self._forms(words.triggers) | {hash_string(m) for m in QUOTE_MARKS}
        self.cased = frozenset(hash_string(word) for word in words.cased)
        self.guarded = {
            form: [tuple(self._forms(need) for need in needs) for needs in entries]
            for lemma, entries in words.guarded.items()
            for form in self._forms([lemma])
        }
        self.phrases = words.phrases
        self.phrase_starts = frozenset(key[0] for key in words.phrases if key)
        self.longest = max((len(key) for key in words.phrases), default=0)
        self.sentencizer = Sentencizer()
        self.sentences = 0
        self.skipped = 0

    def _forms(self, lemmas: Iterable[str]) -> frozenset[int]:
        return frozenset(
            hash_string(form) for lemma in lemmas for form in inflections(lemma, self._irregular)
        )

    def is_candidate(self, lowers: list[int], orths: Iterable[int] = ()) -> bool:
        """Whether a sentence (its tokens' lower-case and verbatim hashes) can hold what the
        coder needs."""
        present = set(lowers)
        if not self.hashes.isdisjoint(present) or not self.cased.isdisjoint(orths):
            return True
        for form in present.intersection(self.guarded):
            if any(
                all(not need.isdisjoint(present) for need in needs) for needs in self.guarded[form]
            ):
                return True
        return self._has_phrase(lowers, present)

    def _has_phrase(self, lowers: list[int], present: set[int]) -> bool:
        if self.phrase_starts.isdisjoint(present):
            return False
        for i, word in enumerate(lowers):
            if word in self.phrase_starts:
                for n in range(1, min(self.longest, len(lowers) - i) + 1):
                    if tuple(lowers[i : i + n]) in self.phrases:
                        return True
        return False

    def runs(self, text: str) -> Iterator[tuple[str, Doc, bool]]:
        """(text, tokens, parse?) for each stretch of `text`: stretches to parse come without
        sentence starts (the parser sets them), skipped ones with the sentencizer's. The texts
        concatenate to `text`."""
        doc = self.nlp.make_doc(text)
        [starts] = self.sentencizer.predict([doc])
        bounds = [i for i, start in enumerate(starts) if start or i == 0] + [len(doc)]
        flags = self._flags(doc, bounds)
        if all(flags) or not flags:  # the common case: parse the paragraph as it is
            yield text, doc, True
            return
        yield from self._split(text, doc, bounds, flags)

    def _flags(self, doc: Doc, bounds: list[int]) -> list[bool]:
        """Whether each sentence (between `bounds`) is a candidate; counts them."""
        lowers, orths, spaces = doc.to_array([LOWER, ORTH, IS_SPACE]).T.tolist()
        flags: list[bool] = []
        for a, b in pairwise(bounds):
            if all(spaces[a:b]):  # white space between sentences goes with its neighbours
                flags.append(flags[-1] if flags else True)
                continue
            flags.append(self.is_candidate(lowers[a:b], orths[a:b]))
            self.sentences += 1
            self.skipped += not flags[-1]
        return flags

    def _split(
        self, text: str, doc: Doc, bounds: list[int], flags: list[bool]
    ) -> Iterator[tuple[str, Doc, bool]]:
        start = 0  # the token where the current run begins
        for i, flag in enumerate(flags):
            if i + 1 == len(flags) or flags[i + 1] != flag:
                end = bounds[i + 1]
                piece = doc[start:end].as_doc()
                begin = doc[start].idx
                stop = doc[end].idx if end < len(doc) else len(text)
                yield text[begin:stop], (piece if flag else self.sentencizer(piece)), flag
                start = end
