"""Indirect and mixed quotes: cue verbs with a complement clause, speech acts with noun content,
and source phrases ("according to Interfax").

Content is the complement's phrase as the parser attaches it (`that` included, closing
punctuation of the sentence left out); a complement that holds quoted words makes a mixed quote.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from brinkwatch.nlp.quote_finders import Candidate, Sentences, subject_of
from brinkwatch.nlp.quote_lexicon import QuoteLexicon

_CLAUSE_DEPS = frozenset({"ccomp"})
_NOUN_DEPS = frozenset({"dobj", "xcomp", "ccomp"})
_TRIM = frozenset(",.;:!?-—–")
_NO_SPEAKER = frozenset({"it", "there"})


def _phrase(tokens: list[Token]) -> tuple[int, int]:
    """Token range covering the subtrees of `tokens`, trailing punctuation trimmed."""
    start = min(t.left_edge.i for t in tokens)
    end = max(t.right_edge.i for t in tokens) + 1
    doc = tokens[0].doc
    while end > start + 1 and (doc[end - 1].text in _TRIM or doc[end - 1].is_space):
        end -= 1
    while start < end - 1 and (doc[start].text in _TRIM or doc[start].is_space):
        start += 1
    return start, end


def _speaker(verb: Token) -> Token | None:
    subject = subject_of(verb)
    if subject is None:
        return None
    if subject.lower_ in _NO_SPEAKER and subject.dep_ == "nsubjpass":
        return None  # "it is said that …"
    return subject


def _clause_content(verb: Token) -> list[Token]:
    return [child for child in verb.children if child.dep_ in _CLAUSE_DEPS]


def _object_content(verb: Token, lemma: str, lexicon: QuoteLexicon) -> list[Token]:
    """ "said so", "told them not to worry": an object or infinitive as the content of a
    reporting verb ("tell"'s object is the addressee, so only its infinitive counts)."""
    if lemma not in lexicon.object_verbs:
        return []
    deps = ("xcomp",) if lemma == "tell" else ("dobj", "xcomp")
    return [child for child in verb.children if child.dep_ in deps]


def _noun_content(verb: Token, lexicon: QuoteLexicon) -> tuple[list[Token], Token | None]:
    """Content children of a speech act ("urged restraint", "called for talks") and its particle."""
    particles = lexicon.noun_content_verbs.get(verb.lemma_.lower(), frozenset())
    particle = next(
        (c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ in particles), None
    )
    objects = [c for c in verb.children if c.dep_ in _NOUN_DEPS]
    if particle is not None and particle.dep_ == "prep":
        objects += [c for c in particle.children if c.dep_ == "pobj"]
    elif "" not in particles and particle is None:
        return [], None
    if not objects:
        return [], None
    return objects, particle


def _candidate(
    kind: str, content: tuple[int, int], cue: tuple[int, int], verb: Token, subject: Token | None
) -> Candidate:
    doc = verb.doc
    start, end = doc[content[0]].idx, doc[content[1] - 1].idx + len(doc[content[1] - 1])
    return Candidate(kind, start, end, cue[0], cue[1], verb.i, subject.i if subject else None)


def verb_candidates(doc: Doc, lexicon: QuoteLexicon, skip: frozenset[int]) -> Iterator[Candidate]:
    """Cue verbs outside `skip` (tokens already cueing direct quotes or inside their content)."""
    for verb in doc:
        lemma = verb.lemma_.lower()
        if verb.i in skip or verb.pos_ not in ("VERB", "AUX"):
            continue
        subject = _speaker(verb)
        if subject is None:
            continue
        clauses = _clause_content(verb) or _object_content(verb, lemma, lexicon)
        if clauses and (lemma in lexicon.clause_verbs or lemma in lexicon.belief_verbs):
            yield _candidate("indirect", _phrase(clauses), (verb.i, verb.i + 1), verb, subject)
            continue
        if lemma not in lexicon.noun_content_verbs:
            continue
        objects, particle = _noun_content(verb, lexicon)
        if objects:
            cue_end = (
                particle.i + 1 if particle is not None and particle.i == verb.i + 1 else verb.i + 1
            )
            yield _candidate("indirect", _phrase(objects), (verb.i, cue_end), verb, subject)


def _phrase_at(doc: Doc, index: int, words: list[str]) -> bool:
    if index + len(words) > len(doc):
        return False
    return all(doc[index + k].lower_ == word for k, word in enumerate(words))


def _rest_of_sentence(
    doc: Doc, sentence: tuple[int, int], phrase: tuple[int, int]
) -> tuple[int, int] | None:
    """The larger side of the sentence around "according to X", commas and the period trimmed."""
    before = (sentence[0], phrase[0])
    after = (phrase[1], sentence[1])
    start, end = max(before, after, key=lambda side: side[1] - side[0])
    while end > start and (doc[end - 1].text in _TRIM or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].text in _TRIM or doc[start].is_space):
        start += 1
    return (start, end) if end - start >= 2 else None


def source_phrase_candidates(
    doc: Doc, lexicon: QuoteLexicon, sentences: Sentences
) -> Iterator[Candidate]:
    """`according to X, …` / `…, according to X`: X is the source, the rest of the sentence the content."""
    phrases = [phrase.split() for phrase in sorted(lexicon.source_phrases)]
    firsts = frozenset(words[0] for words in phrases)
    for token in doc:
        if token.lower_ not in firsts:
            continue
        for words in phrases:
            if not _phrase_at(doc, token.i, words):
                continue
            preposition = doc[token.i + len(words) - 1]
            source = next((c for c in preposition.children if c.dep_ == "pobj"), None)
            if source is None:
                continue
            phrase = (token.i, source.right_edge.i + 1)
            content = _rest_of_sentence(doc, sentences.of(token.i), phrase)
            if content is not None:
                cue = (token.i, token.i + len(words))
                yield _candidate("indirect", content, cue, preposition, source)


def colon_candidates(doc: Doc, sentences: Sentences) -> Iterator[Candidate]:
    """Headline style `Trump: Wall will be built`: a short name, a colon, then the content."""
    for start, end in sentences.bounds:
        colon = next((t for t in doc[start : min(end, start + 6)] if t.text == ":"), None)
        if colon is None or colon.i == start or colon.i + 2 >= end:
            continue
        names = doc[start : colon.i]
        if not all(t.pos_ == "PROPN" or t.is_punct for t in names):
            continue
        content = _rest_of_sentence(doc, (start, end), (start, colon.i + 1))
        if content is not None:
            yield _candidate("direct", content, (colon.i, colon.i + 1), colon, names.root)
