"""The words and phrases that make a sentence worth parsing, read from the loaded lexicons and
gazetteer (never a copy): see `brinkwatch.nlp.candidates` for how sentences are tested.

Stop words never make a sentence a candidate on their own ("the" opens a newspaper's name, "to"
is a preposition an entry needs): a trigger lemma that is a stop word ("make", "give", "take")
counts only together with every word one of its entries needs ("make" … "visit"), unless an
entry of it needs nothing else ("say"). Quote cues that are stop words ("see", "call") are left
out; a quote they introduce is still found when it has quote marks.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language

from brinkwatch.coding.lexicon import Entry, lexicon
from brinkwatch.nlp.candidates import CandidateFilter, CandidateWords, Key
from brinkwatch.nlp.gazetteer import gazetteer_for
from brinkwatch.nlp.quote_lexicon import load_lexicon as quote_lexicon

_CONSTRAINTS = ("particles", "preps", "objects", "comps", "comp_objects")


def entry_needs(entry: Entry) -> tuple[frozenset[str], ...]:
    """The words an entry needs besides its trigger, one set per constraint (wildcards none)."""
    sets = (getattr(entry, name) for name in _CONSTRAINTS)
    return tuple(words for words in sets if words and "*" not in words)


def _event_words(
    stop: frozenset[str],
) -> tuple[set[str], dict[str, list[tuple[frozenset[str], ...]]]]:
    """Trigger lemmas that count alone, and stop-word ones with their entries' needs."""
    triggers: set[str] = set()
    guarded: dict[str, list[tuple[frozenset[str], ...]]] = {}
    events = lexicon()
    for index in (events.by_verb, events.by_noun):
        for lemma, entries in index.items():
            needs = [entry_needs(e) for e in entries]
            if lemma not in stop or not all(needs):
                triggers.add(lemma)
            else:
                guarded.setdefault(lemma, []).extend(needs)
    return triggers, guarded


def _phrases(nlp: Language, texts: Iterable[str]) -> set[Key]:
    return {tuple(t.lower for t in nlp.make_doc(text)) for text in texts}


def candidate_words(nlp: Language) -> CandidateWords:
    """Event triggers, quote cues, quote source phrases and every gazetteer entry; an entry of
    stop words alone counts only as written ("US", not "us")."""
    stop = frozenset(nlp.Defaults.stop_words)
    triggers, guarded = _event_words(stop)
    quotes = quote_lexicon()
    triggers |= {w for w in quotes.cue_lemmas if w not in stop}
    gaz = gazetteer_for(nlp.tokenizer)
    phrases = {*gaz.places, *gaz.sectors, *gaz.people, *_phrases(nlp, quotes.source_phrases)}
    stops = {nlp.vocab.strings.add(word) for word in stop}
    plain = frozenset(k for k in phrases if k and not stops.issuperset(k))
    cased = {p.surface for k in phrases - plain if (p := gaz.places.get(k)) and p.surface}
    return CandidateWords(frozenset(triggers), guarded, plain, frozenset(cased))


def candidate_filter(nlp: Language) -> CandidateFilter:
    return CandidateFilter(nlp, candidate_words(nlp))
