"""The candidate-sentence filter: only sentences with a trigger, a known actor or a quote mark
are parsed; the others keep their tokens and offsets."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import LOWER, ORTH

from brinkwatch.coding.candidates import candidate_filter, entry_needs
from brinkwatch.coding.lexicon import lexicon
from brinkwatch.nlp.candidates import CandidateFilter, CandidateWords, inflections
from brinkwatch.nlp.pipeline import ArticleParser, ArticleText


@pytest.fixture(scope="module")
def blank() -> CandidateFilter:
    nlp = spacy.blank("en")
    key = tuple(t.lower for t in nlp.make_doc("according to"))
    words = CandidateWords(
        triggers=frozenset({"attack", "ban"}),
        guarded={"make": [(frozenset({"visit"}),)]},
        phrases=frozenset({key}),
        cased=frozenset({"US"}),
    )
    return CandidateFilter(nlp, words)


def candidate(filt: CandidateFilter, sentence: str) -> bool:
    lowers, orths = filt.nlp.make_doc(sentence).to_array([LOWER, ORTH]).T.tolist()
    return filt.is_candidate(lowers, orths)


def test_inflections_cover_regular_and_irregular_forms():
    forms = inflections("ban", {"ban": set()})
    assert {"ban", "bans", "banned", "banning"} <= forms
    assert "said" in inflections("say", {"say": {"said"}})


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rebels attacked the town.", True),  # an inflected trigger
        ("The town banned cars.", True),
        ("The weather was nice.", False),  # stop words alone never count
        ("He makes a cake.", False),  # a stop-word trigger without what its entries need
        ("He makes visits to the capital.", True),
        ("According to the mayor, it rained.", True),  # a phrase, token by token
        ("The accord was signed.", False),
        ("The US sent envoys.", True),  # a cased entry as written …
        ("He told us nothing.", False),  # … and not as a pronoun
        ("“Never,” she wrote.", True),  # a quote mark
    ],
)
def test_candidate_sentences(blank: CandidateFilter, sentence: str, expected: bool):
    assert candidate(blank, sentence) is expected


def test_runs_keep_every_character_and_tokenize_once(blank: CandidateFilter):
    text = "Tickets cost ten dollars.  Rebels attacked the town. It rained.\n\n"
    runs = list(blank.runs(text))
    assert "".join(piece for piece, _, _ in runs) == text
    assert [parse for _, _, parse in runs] == [False, True, False]
    assert all(doc.text == piece for piece, doc, _ in runs)
    assert runs[0][1].has_annotation("SENT_START") and not runs[1][1].has_annotation("SENT_START")
    assert (blank.sentences, blank.skipped) == (3, 2)


def test_stop_word_triggers_need_their_entries_words():
    entries = lexicon().by_verb["make"]
    assert all(entry_needs(e) for e in entries)  # so "make" alone is no candidate
    alone = {w for w, entries in lexicon().by_verb.items() if not all(map(entry_needs, entries))}
    assert "say" in alone  # an entry of "say" needs nothing else


@pytest.mark.slow
def test_the_lexicons_words_pick_the_sentences(nlp):
    filt = candidate_filter(nlp)
    assert not candidate(filt, "The weather was nice on the coast.")
    assert candidate(filt, "Russia condemned the attack.")
    assert candidate(filt, "The White House said nothing.")
    assert candidate(filt, "He made a visit to the capital.")  # "made": the model's irregulars
    assert not candidate(filt, "He made a cake.")


@pytest.mark.slow
def test_non_candidate_sentences_are_only_tokenized(nlp):
    text = "Tickets cost ten dollars. Russia condemned the attack."
    parser = ArticleParser(nlp, candidates=candidate_filter(nlp))
    [parts] = parser.parse_paragraphs([ArticleText(text)])
    assert "".join(p.text for p in parts) == text
    assert len(parts) == 2
    assert not parts[0].has_annotation("DEP") and parts[1].has_annotation("DEP")
    assert parser.candidates is not None and parser.candidates.skipped == 1


@pytest.mark.slow
def test_coding_with_the_filter_keeps_text_offsets_and_events():
    from brinkwatch.process import get_coder
    from brinkwatch.records import Article
    from brinkwatch.settings import Settings

    text = "Tickets cost ten dollars.\n\nRussia condemned the attack on Kyiv. The weather was nice."
    records = [
        get_coder(Settings(candidate_filter=flag)).code_batch([_document(text)])[0]
        for flag in (False, True)
    ]
    off, on = (r for r in records if isinstance(r, Article))
    assert on.text == text
    assert [(e.cameo, e.trigger) for e in on.events] == [(e.cameo, e.trigger) for e in off.events]
    assert on.events


def _document(text: str):  # type: ignore[no-untyped-def]
    from brinkwatch.process import _as_document

    return _as_document(text, 0)
