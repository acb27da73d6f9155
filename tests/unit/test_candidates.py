"""The candidate-sentence filter: only sentences with a trigger, a known actor or a quote mark
are parsed; the others keep their tokens and offsets."""

from __future__ import annotations

import pytest

from brinkwatch.nlp.candidates import inflections
from brinkwatch.nlp.pipeline import ArticleParser, ArticleText
from brinkwatch.process import candidate_filter


def test_inflections_cover_regular_and_irregular_forms():
    forms = inflections("ban", {"ban": set()})
    assert {"ban", "bans", "banned", "banning"} <= forms
    assert "said" in inflections("say", {"say": {"said"}})


@pytest.mark.slow
def test_non_candidate_sentences_are_only_tokenized(nlp):
    text = "Tickets cost ten dollars. Russia condemned the attack."
    parser = ArticleParser(nlp, candidates=candidate_filter(nlp))
    [parts] = parser.parse_paragraphs([ArticleText(text)])
    assert "".join(p.text for p in parts) == text
    assert len(parts) == 2
    assert not parts[0].has_annotation("DEP") and parts[1].has_annotation("DEP")
    assert parser.candidates is not None and parser.candidates.skipped == 1
