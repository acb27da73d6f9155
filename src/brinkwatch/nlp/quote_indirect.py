"""Indirect and mixed quotes: cue verbs with a complement clause, speech acts and stances with
noun content, parenthetical cues ("…, he said, …"), views attributed to no one ("seems",
"is expected to"), cue nouns ("his claim that …"), source phrases ("according to Interfax") and
headline colons.

Content is the complement's phrase as the parser attaches it (`that` included, closing
punctuation of the sentence left out); a complement that holds quoted words makes a mixed quote.
The span conventions follow PolNeAR's attribution annotation (docs/quotes.md).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import numpy
from spacy.attrs import LEMMA, LOWER, ORTH, POS
from spacy.strings import get_string_id
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from brinkwatch.nlp.quote_finders import Candidate, Sentences
from brinkwatch.nlp.quote_lexicon import QuoteLexicon
from brinkwatch.nlp.quote_nouns import carries_cue_noun, noun_candidate
from brinkwatch.nlp.quote_passive import passive_candidate
from brinkwatch.nlp.quote_phrases import (
    NO_SPEAKER,
    PREP_OBJECTS,
    TRIM,
    candidate,
    phrase,
    speaker_of,
    trimmed,
    until_next_speaker,
)

_CLAUSE_DEPS = frozenset({"ccomp"})
_NOUN_DEPS = frozenset({"dobj", "xcomp", "ccomp", "oprd"})
_NOT_CONTENT = frozenset({"punct", "cc", "conj", "advcl", "parataxis", "npadvmod", "relcl", "dep"})
_RAISED = frozenset({"xcomp", "acomp", "attr", "oprd"})
_TIMES = frozenset({"DATE", "TIME"})
_CUE_POS_IDS = [VERB, AUX, NOUN]
_COLON = get_string_id(":")
_LABELS = frozenset(
    {"correction", "update", "updated", "look", "watch", "note", "editor's note", "read",
     "related", "video", "photos", "exclusive", "breaking", "analysis", "opinion", "q",
     "question"}
)  # fmt: skip


def _object_phrase(tokens: list[Token]) -> tuple[int, int]:
    """A speech act's object without a closing aside: a relative clause set off by a comma
    ("questioned the wisdom of backing Scott, who has never faced a race") is the writer's."""
    start, end = phrase(tokens)
    doc = tokens[0].doc
    for token in doc[start:end]:
        if (
            token.dep_ == "relcl"
            and token.right_edge.i + 1 >= end
            and doc[token.left_edge.i - 1].text == ","
        ):
            return trimmed(doc, start, token.left_edge.i - 1)
    return start, end


def _asked(verb: Token) -> bool:
    """ "When asked whether …": a question put to someone the sentence names elsewhere."""
    return verb.lemma_.lower() == "ask" and verb.tag_ == "VBN" and verb.dep_ == "advcl"


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
    """Content of a speech act or stance and the preposition it takes: the object and its
    complements ("urged restraint", "called the plan "a disgrace"", "described him as kind",
    "wants to win"), or only the preposition's object ("called for talks", "accused them of
    lying"), as attribution corpora mark it."""
    particles = lexicon.noun_content_verbs.get(verb.lemma_.lower(), frozenset())
    particle = next(
        (c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ in particles), None
    )
    if particle is not None and particle.dep_ == "prep":
        if _when(particle):
            return [], None  # "spoke on Monday": a time, not a topic
        objects = [c for c in particle.children if c.dep_ in PREP_OBJECTS]
        # "called on Trump to apologize": the infinitive often hangs on the verb
        return objects + [
            c for c in verb.children if c.dep_ == "xcomp" and c.i > particle.i
        ], particle
    if "" not in particles and particle is None:
        return [], None
    objects = [c for c in verb.children if c.i > verb.i and _complement(c)]
    if not any(c.dep_ != "prep" for c in objects):
        return [], None
    # the object's own modifiers hang on the verb as often as on the noun ("urged her to
    # release them", "blasted the tactics from years ago"): take the verb's right dependents
    rest = [
        c
        for c in verb.children
        if c.i > objects[0].i and c.dep_ not in _NOT_CONTENT and not _when(c)
    ]
    return objects + rest, particle


def _when(child: Token) -> bool:
    """ "on Saturday", "last week": when it was said, not part of what was said."""
    return child.ent_type_ in _TIMES or any(
        c.dep_ == "pobj" and c.ent_type_ in _TIMES for c in child.children
    )


def _complement(child: Token) -> bool:
    return child.dep_ in _NOUN_DEPS or (child.dep_ == "prep" and child.lower_ == "as")


def indirect_candidates(
    doc: Doc, lexicon: QuoteLexicon, skip: frozenset[int], sentences: Sentences
) -> list[Candidate]:
    """Every indirect candidate, listed by kind in priority order: cue verbs, source phrases,
    headline colons, views without a holder, cue nouns. Words in `skip` (direct quotes' cues
    and everything inside quotation marks) cue nothing."""
    kinds: tuple[list[Candidate], ...] = ([], [], [], [])
    phrases = [phrase.split() for phrase in sorted(lexicon.source_phrases)]
    firsts = frozenset(words[0] for words in phrases)
    for index in _cue_words(doc, lexicon, firsts):
        token = doc[index]
        if token.lower_ in firsts:
            kinds[1].extend(_sourcephrase(token, phrases, sentences))
        if index in skip:
            continue
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN":
            kinds[3].extend(noun_candidate(token, lexicon) if lemma in lexicon.noun_cues else ())
            continue
        kinds[0].extend(_verb_candidates(token, lemma, lexicon, sentences))
        if lemma in lexicon.raising_verbs:
            kinds[2].extend(_raising_candidate(token, lemma))
    return [*kinds[0], *kinds[1], *colon_candidates(doc, sentences), *kinds[2], *kinds[3]]


def _cue_words(doc: Doc, lexicon: QuoteLexicon, firsts: frozenset[str]) -> list[int]:
    """Indices of the words that may cue: a lexicon lemma as verb or noun, or the first word of
    a source phrase. Read from the arrays: walking every `Token` of a long article costs."""
    if not len(doc):
        return []
    pos, lemma, lower = doc.to_array([POS, LEMMA, LOWER]).T
    cue = numpy.isin(pos, _CUE_POS_IDS) & numpy.isin(lemma, _hashes(lexicon.cue_lemmas))
    return numpy.flatnonzero(cue | numpy.isin(lower, _hashes(firsts))).tolist()


@functools.cache
def _hashes(words: frozenset[str]) -> numpy.ndarray:
    """spaCy's string hashes of `words` as written and capitalised ("Says" opens a sentence)."""
    return numpy.array(
        sorted({get_string_id(w) for word in words for w in (word, word.title())}), dtype="uint64"
    )


def _verb_candidates(
    verb: Token, lemma: str, lexicon: QuoteLexicon, sentences: Sentences
) -> list[Candidate]:
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    passive = passive_candidate(verb, lexicon)
    if passive is not None:
        return [passive]
    subject = speaker_of(verb)
    if subject is None and not _asked(verb):
        return []
    found = _verb_candidate(verb, subject, lexicon, sentences)
    return [found] if found is not None else []


def _verb_candidate(
    verb: Token, subject: Token | None, lexicon: QuoteLexicon, sentences: Sentences
) -> Candidate | None:
    """A reporting verb's clause or object, the sentence around a parenthetical "he said",
    or a speech act's or stance's object, in that order."""
    lemma = verb.lemma_.lower()
    if lemma in lexicon.light_verbs and carries_cue_noun(verb, lexicon):
        return None  # "voiced support for …": the cue noun's candidate has it
    cue = (verb.i, verb.i + 1)
    clauses = _clause_content(verb) or _object_content(verb, lemma, lexicon)
    if clauses and (lemma in lexicon.clause_verbs or lemma in lexicon.belief_verbs):
        content = until_next_speaker(verb.doc, phrase(clauses), lexicon)
        return candidate("indirect", content, cue, verb, subject)
    if (
        not clauses
        and lemma in lexicon.clause_verbs
        and subject is not None
        and verb.dep_ != "relcl"
    ):
        around = _parenthetical_content(verb, subject, sentences.of(verb.i))
        if around is not None:
            return candidate("indirect", around, cue, verb, subject)
    if lemma not in lexicon.noun_content_verbs or _completes_cue(verb, lexicon):
        return None  # "wants to back Cruz": the stance is the wanting, one attribution
    objects, particle = _noun_content(verb, lexicon)
    if not objects:
        return None
    if particle is not None and particle.i == verb.i + 1:
        cue = (verb.i, particle.i + 1)  # "called for", "ruled out"
    return candidate("indirect", _object_phrase(objects), cue, verb, subject)


def _completes_cue(verb: Token, lexicon: QuoteLexicon) -> bool:
    """An infinitive under a cue verb ("wants to back Cruz") is part of that verb's content;
    under any other verb ("went on to call him a liar", "rose to praise") it is the cue."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lexicon.cue_lemmas


def _parenthetical_content(
    verb: Token, subject: Token, sentence: tuple[int, int]
) -> tuple[int, int] | None:
    """ "Many days, former employees said, she stayed late" / "It is over, he said": a cue
    clause set into the sentence it attributes; the content is that sentence without it."""
    doc, head = verb.doc, verb.head
    first = min(verb.left_edge.i, subject.left_edge.i)
    if verb.dep_ == "parataxis" and head != verb:
        start, end = phrase([head])
    elif first > sentence[0] + 1 and doc[first - 1].text == ",":
        start, end = sentence  # "…, said Wilders": the parser may take the clause for a subject
    else:
        return None
    start, end = trimmed(doc, start, end)
    if first > start and verb.right_edge.i + 1 >= end:
        start, end = trimmed(doc, start, first)
    return (start, end) if end - start >= 2 else None


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
    while end > start and (doc[end - 1].text in TRIM or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].text in TRIM or doc[start].is_space):
        start += 1
    return (start, end) if end - start >= 2 else None


def _sourcephrase(token: Token, phrases: list[list[str]], sentences: Sentences) -> list[Candidate]:
    """`according to X, …` / `…, according to X`: X is the source, the rest of the sentence the content."""
    doc = token.doc
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
            return [candidate("indirect", content, cue, preposition, source)]
    return []


def _title_noun(token: Token) -> bool:
    """A capitalised noun in a headline ("Sanders: …" is often tagged as a plural noun)."""
    return token.pos_ == "NOUN" and (token.is_title or token.is_upper)


def _raising_candidate(verb: Token, lemma: str) -> list[Candidate]:
    """ "He seemed rattled", "Nabisco is expected to cut jobs": a view attributed to no one;
    the content runs from the subject to the complement, the cue is the verb."""
    passive = verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children)
    if lemma not in ("seem", "appear") and not passive:
        return []
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    complement = [c for c in verb.children if c.i > verb.i and c.dep_ in _RAISED]
    if subject is None or not complement or subject.lower_ in NO_SPEAKER:
        return []
    start, end = phrase([subject, *complement])
    return [candidate("indirect", (start, end), (verb.i, verb.i + 1), verb, None)]


def colon_candidates(doc: Doc, sentences: Sentences) -> Iterator[Candidate]:
    """Headline style `Trump: Wall will be built`: a short name, a colon, then the content."""
    colons = numpy.flatnonzero(doc.to_array([ORTH]) == _COLON).tolist() if len(doc) else []
    for index in colons:  # fewer than the sentences: start from the colons
        start, end = sentences.of(index)
        colon = doc[index]
        first = next((t.i for t in doc[start:index] if t.text == ":"), index)
        if first != index or index >= start + 6 or index == start or index + 2 >= end:
            continue
        names = doc[start : colon.i]
        if not all(t.pos_ == "PROPN" or t.is_punct or _title_noun(t) for t in names):
            continue
        speaker = _name_before(names)
        content = _rest_of_sentence(doc, (start, end), (start, colon.i + 1))
        if content is not None and speaker is not None:
            yield candidate("direct", content, (colon.i, colon.i + 1), colon, speaker)


def _name_before(names: Span) -> Token | None:
    """The name before a headline colon ("A:" in a transcript too), or None for a label
    ("Correction:", "LOOK:")."""
    return None if names.text.lower() in _LABELS else names.root
