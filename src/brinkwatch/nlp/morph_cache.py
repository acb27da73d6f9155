"""The attribute ruler and the lemmatizer as one look-up per token, with the same results.

Both spaCy components are slow for what they do (about 11% of the parse, 8 µs a token): the
ruler runs a Matcher over every Doc and the lemmatizer rules per token. Their single-token
patterns and rules depend only on the token's text, tag and dependency label, so a token's
tag, POS, morphology, lemma and label after them are a function of (orth, tag, dep) known once
seen. The ruler's context patterns are handled apart: "there is" (a pattern on the previous
token's label) adds that label to the key; a Doc where any other multi-token pattern matches
("gon na", "let 's") goes through the real components. Tokens not seen yet are run through
them once, together, each after a newline, and the table learns them.

Learning is the dear part (the rule lemmatizer and the ruler's Matcher over every new word: about
a fifth of the coding time of a fresh process over 168 news articles), and every process paid it
again, each `--n-process` worker for its own share. So the table is kept in the disk cache
(brinkwatch.diskcache), keyed by spaCy's version, the model and the digest of the two
components' patterns and tables: a process reads what earlier ones learnt the first time a Doc
brings many unseen keys (not for one sentence, where reading would cost more than learning).
Values are string hashes, so the strings they name (lemmas, morphology) are stored with them.

The stored table is two arrays, keys sorted and their values, so reading it is a copy of bytes
(0.006 s for 25,000 entries, where unmarshalling 120,000 into a dict took 0.09 s before adding
them to one more) and a key is found by binary search, when a Doc brings it, in one vectorised
step. A write merges this process's new entries into the arrays it read.
"""

from __future__ import annotations

import hashlib
import sys
import typing
import warnings
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from brinkwatch import diskcache

# What the two components may set; the values of a token after them.
_OUT = [TAG, POS, MORPH, LEMMA, DEP]
_MAX_ENTRIES = 500_000  # a long-running process starts a new table past this
# Token attributes a pattern may test for the key (orth, tag, dep) to decide it; NORM is not one
# (tokenizer exceptions set it per token).
_KEYED = frozenset({"ORTH", "TEXT", "LOWER", "TAG", "DEP", "IS_SPACE"})
_HASHED = (0, 2, 3, 4)  # places in a value that hold string hashes (POS is a symbol)
_STORE_NAME = "morph-table"
_STORE_GROWTH = 1.25  # the stored table is rewritten when it has grown by a quarter
_STORE_MIN_NEW = 1_000  # ... and by this many keys at least
# Unseen keys that make reading the stored table worth it: learning costs about 125 µs a key,
# reading 1 µs a stored entry, so a short text (a sentence: a few dozen keys) is learnt directly
# and a start-up stays quick, and a batch of articles reads the table. Counted over the Docs a
# process has seen, not per Doc: articles come as one Doc per paragraph, none of which alone
# brings 256 (a fresh process learnt 1,800 keys of 168 articles the store already held).
_LOAD_AT = 256


class MorphCache:
    """Call on a Doc that the tagger and parser have annotated, instead of the two components."""

    def __init__(
        self, nlp: Language, ruler: str = "attribute_ruler", lemmatizer: str = "lemmatizer"
    ):
        self.ruler = typing.cast(AttributeRuler, nlp.get_pipe(ruler))
        self.lemmatizer = nlp.get_pipe(lemmatizer)
        self.names = (ruler, lemmatizer)
        self.vocab = nlp.vocab
        self.context_deps: list[int] = []
        self.matcher = Matcher(nlp.vocab)
        for number, pattern in enumerate(_patterns(self.ruler)):
            self._add(number, pattern, nlp)
        self.table: dict[tuple[int, ...], tuple[int, ...]] = {}  # what this process uses
        self.learnt: set[tuple[int, ...]] = set()  # keys of `table` the stored table lacks
        self.store = _Stored.empty()  # the stored table as last read or written
        self.store_key = _store_key(nlp, self.ruler, self.lemmatizer)
        self.loaded = False  # whether the stored table has been read
        self.unseen = 0  # unseen keys met before the stored table was read

    @property
    def stored(self) -> int:
        """Entries the disk cache held when last read or written."""
        return len(self.store)

    def known(self) -> dict[tuple[int, ...], tuple[int, ...]]:
        """Every entry this table can answer from: the stored ones and those in memory."""
        return {**self.store.as_dict(), **self.table}

    def _add(self, number: int, pattern: list[dict[str, Any]], nlp: Language) -> None:
        if len(pattern) > 1 and _keyed(pattern):
            self.context_deps.append(nlp.vocab.strings.add(pattern[0]["DEP"]))
        elif len(pattern) > 1:
            self.matcher.add(f"context-{number}", [pattern])

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if self.matcher(doc):  # a multi-token pattern applies: no table can say what it sets
            return self.lemmatizer(self.ruler(doc))
        if len(self.table) > _MAX_ENTRIES:
            self.table.clear()
            self.learnt.clear()
        keys = self._keys(doc)
        table = self.table
        unseen = list({key for key in keys if key not in table})
        if unseen and not self.loaded:
            self.unseen += len(unseen)
            if self.unseen >= _LOAD_AT:
                self.load()
        if unseen and self.store:
            table.update(self.store.find(unseen))
            unseen = [key for key in unseen if key not in table]
        if unseen and not self._learn(unseen):
            return self.lemmatizer(self.ruler(doc))
        doc.from_array(_OUT, numpy.array([table[k] for k in keys], dtype="uint64"))  # type: ignore[arg-type]
        return doc

    def _learn(self, keys: list[tuple[int, ...]]) -> bool:
        """Run the real components once over the unseen keys, each as a token after a newline
        whose label is the key's context label; False (nothing learnt) if a multi-token pattern
        matches there, as none of this model's does."""
        words: list[str] = []
        labels: list[list[int]] = []  # (tag, dep) per token
        strings = self.vocab.strings
        for orth, tag, dep, previous in keys:
            words += ["\n", strings[orth]]
            labels += [[0, previous], [tag, dep]]
        doc = Doc(self.vocab, words=words)
        doc.from_array([TAG, DEP], numpy.array(labels, dtype="uint64"))  # type: ignore[arg-type]
        if self.matcher(doc):
            return False
        with warnings.catch_warnings():  # W108: the newlines have no POS before the ruler
            warnings.simplefilter("ignore", UserWarning)
            values = self.lemmatizer(self.ruler(doc)).to_array(_OUT)[1::2].tolist()
        self.table.update(zip(keys, map(tuple, values), strict=True))
        self.learnt.update(keys)
        return True

    def load(self) -> None:
        """Take in the table earlier processes stored, with the strings its values name."""
        self.loaded = True
        stored = _Stored.read(self.store_key)
        if stored:
            self._adopt(stored)

    def _adopt(self, stored: _Stored) -> None:
        for string in stored.strings:
            self.vocab.strings.add(string)
        self.store = stored
        self.learnt -= stored.find(list(self.learnt)).keys()

    def persist(self, force: bool = False) -> None:
        """Store what this process learnt when the table has grown enough since it was last
        read or written (writes stay few: the stored size grows geometrically), merged with
        what other processes stored meanwhile; `force` stores any growth."""
        new = len(self.learnt)
        small = new < _STORE_MIN_NEW or self.stored + new < self.stored * _STORE_GROWTH
        if new <= 0 or (small and not force):
            return
        self.loaded = True
        stored = _Stored.read(self.store_key)
        if stored and len(stored) + new <= _MAX_ENTRIES:
            self._adopt(stored)  # what others stored, with its strings (values are the same)
            if not self.learnt:
                return  # this process learnt nothing the store lacks: no rewrite
            base, entries = stored, {key: self.table[key] for key in self.learnt}
        else:  # nothing stored, or too much: this process's table starts the store again
            base, entries = _Stored.empty(), dict(self.table)
        strings = self.vocab.strings
        named = {v[i] for v in entries.values() for i in _HASHED if v[i]}
        missing = {h for h in named if h not in strings}  # type: ignore[operator]
        if missing:  # never store a value whose string a later process could not read
            entries = {k: v for k, v in entries.items() if not missing.intersection(v)}
        self.store = base.merged(entries, [strings[h] for h in named - missing])
        self.store.write(self.store_key)
        self.learnt -= self.store.find(list(self.learnt)).keys()

    def _keys(self, doc: Doc) -> list[tuple[int, ...]]:
        """(orth, tag, dep, previous token's label if a context pattern names it, else 0)."""
        array = doc.to_array([ORTH, TAG, DEP])
        previous = numpy.zeros(len(doc), dtype="uint64")
        if self.context_deps:
            deps = array[:-1, 2]
            previous[1:] = numpy.where(numpy.isin(deps, self.context_deps), deps, 0)
        return list(zip(*array.T.tolist(), previous.tolist(), strict=True))


class _Stored:
    """The stored table: keys as rows of four uint64, sorted as 32-byte strings, and their
    values as rows of five, with the strings the values name."""

    def __init__(self, keys: numpy.ndarray, values: numpy.ndarray, strings: list[str]) -> None:
        self.keys = keys  # one 32-byte void per key, sorted
        self.values = values  # (len(keys), 5) uint64
        self.strings = strings

    @classmethod
    def empty(cls) -> _Stored:
        return cls(numpy.empty(0, dtype="V32"), numpy.empty((0, len(_OUT)), dtype="uint64"), [])

    @classmethod
    def build(cls, entries: dict[tuple[int, ...], tuple[int, ...]], strings: list[str]) -> _Stored:
        return cls.empty().merged(entries, strings)

    def merged(
        self, entries: dict[tuple[int, ...], tuple[int, ...]], strings: list[str]
    ) -> _Stored:
        """This table with `entries` (keys it lacks) and the strings they name added."""
        new = numpy.array(list(entries.values()), dtype="uint64").reshape(-1, len(_OUT))
        keys = numpy.concatenate([self.keys, _rows(list(entries))])
        values = numpy.concatenate([self.values, new])
        order = numpy.argsort(keys, kind="stable")
        texts = list(dict.fromkeys([*self.strings, *strings]))
        return _Stored(keys[order], values[order], texts)

    @classmethod
    def read(cls, store_key: str) -> _Stored | None:
        """The stored table, or None: nothing stored, or an entry of another shape (it is
        relearnt and replaced, as a missing one is)."""
        stored = diskcache.read_entry(_STORE_NAME, store_key, diskcache.MARSHAL)
        if stored is None:
            return None
        try:
            keys, values, strings = stored
            table = cls(
                numpy.frombuffer(keys, dtype="V32"),
                numpy.frombuffer(values, dtype="uint64").reshape(-1, len(_OUT)),
                [str(string) for string in strings],
            )
        except (TypeError, ValueError):
            return None
        return table if len(table.keys) == len(table.values) > 0 else None

    def write(self, store_key: str) -> None:
        value = (self.keys.tobytes(), self.values.tobytes(), self.strings)
        diskcache.write_entry(_STORE_NAME, store_key, value, diskcache.MARSHAL)

    def __len__(self) -> int:
        return len(self.keys)

    def find(self, keys: list[tuple[int, ...]]) -> dict[tuple[int, ...], tuple[int, ...]]:
        """The stored values of those of `keys` the table holds."""
        if not len(self.keys):
            return {}
        wanted = _rows(keys)
        at = numpy.minimum(numpy.searchsorted(self.keys, wanted), len(self.keys) - 1)
        hit = numpy.flatnonzero(self.keys[at] == wanted)
        rows = self.values[at[hit]].tolist()
        return {keys[i]: tuple(row) for i, row in zip(hit.tolist(), rows, strict=True)}

    def as_dict(self) -> dict[tuple[int, ...], tuple[int, ...]]:
        keys = self.keys.view("uint64").reshape(-1, 4).tolist()
        return dict(zip(map(tuple, keys), map(tuple, self.values.tolist()), strict=True))


def _rows(keys: list[tuple[int, ...]]) -> numpy.ndarray:
    """Keys as 32-byte strings (native byte order: the store key names it) to sort and compare."""
    return numpy.array(keys, dtype="uint64").reshape(-1, 4).view("V32").ravel()


def morph_cache(nlp: Language) -> MorphCache | None:
    """The table for `nlp`, when it has both components in spaCy's usual order after the parser."""
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names:
        return None
    ruler, lemma = names.index("attribute_ruler"), names.index("lemmatizer")
    before = set(names[:ruler])
    if lemma != ruler + 1 or not {"tagger", "parser"} <= before:
        return None
    patterns = _patterns(typing.cast(AttributeRuler, nlp.get_pipe("attribute_ruler")))
    if not all(set(token) <= _KEYED for p in patterns if _keyed(p) for token in p):
        return None  # a pattern the table answers tests what the key does not hold
    return MorphCache(nlp)


def _store_key(nlp: Language, ruler: AttributeRuler, lemmatizer: Any) -> str:
    """What a stored table depends on: this module, spaCy, the model, the ruler's patterns and
    the lemmatizer's mode and tables."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr(ruler.patterns).encode())
    digest.update(f"{getattr(lemmatizer, 'mode', '')}|{_MAX_ENTRIES}".encode())
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is not None:
        digest.update(lookups.to_bytes())
    meta = nlp.meta
    model = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
    salt = f"{spacy.__version__}|{model}|{sys.byteorder}"
    return diskcache.entry_key([Path(__file__)], f"{salt}|{digest.hexdigest()}")


def _patterns(ruler: AttributeRuler) -> list[list[dict[str, Any]]]:
    """Every token pattern of the ruler, one list of token specs each."""
    entries = typing.cast(list[dict[str, Any]], ruler.patterns)
    return [pattern for entry in entries for pattern in entry["patterns"]]


def _keyed(pattern: list[dict[str, Any]]) -> bool:
    """Patterns the table answers: one token, or a token after one with a given label."""
    first = pattern[0]
    context = set(first) == {"DEP"} and isinstance(first["DEP"], str)
    return len(pattern) == 1 or (len(pattern) == 2 and context)
