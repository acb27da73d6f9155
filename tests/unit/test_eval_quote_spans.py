"""Per-role span figures of the quotes scorer, on a hand-made article."""

from __future__ import annotations

from brinkwatch.evaluate.gold import Attribution, DocumentGold
from brinkwatch.evaluate.metrics import Counts
from brinkwatch.evaluate.quote_spans import predicted_pieces, span_counts, trim
from brinkwatch.evaluate.results import PredQuote
from brinkwatch.records import Span

TEXT = (
    '"The talks are over," the envoy said, "and we are going home." '
    "Aid groups\u00a0fear a long winter ahead. The mayor said the bridge would reopen."
)


def _s(words: str, after: int = 0) -> Span:
    start = TEXT.index(words, after)
    return Span(start, start + len(words), words)


GOLD = DocumentGold("doc", TEXT, None, (
    # a split quote: one attribution, its content in two pieces
    Attribution("E1", "Attribution", (_s("the envoy"),), (_s("said"),),
                (_s('"The talks are over,"'), _s('"and we are going home."'))),
    Attribution("E2", "Attribution", (_s("Aid groups\u00a0"),), (_s("fear"),),
                (_s("a long winter"),)),
))  # fmt: skip


def test_a_content_around_its_cue_is_cut_into_the_pieces_a_tagger_would_label() -> None:
    whole = PredQuote(
        content=Span(0, TEXT.index("home.") + 7, ""), cue=_s("said"), source=_s("the envoy")
    )
    pieces = predicted_pieces(TEXT, [whole], "content")
    assert sorted(TEXT[s:e] for s, e in pieces) == ["The talks are over", "and we are going home"]
    assert predicted_pieces(TEXT, [whole], "cue") == {(_s("said").start, _s("said").end)}


def test_roles_are_scored_as_sets_without_linking() -> None:
    quotes = (
        PredQuote(Span(0, TEXT.index("home.") + 7, ""), _s("said"), _s("the envoy")),
        # right source and cue, content too long: still counts for source and cue
        PredQuote(_s("a long winter ahead"), _s("fear"), _s("Aid groups")),
        # not in the gold at all: a false hit for every role it has
        PredQuote(_s("the bridge would reopen"), _s("said", TEXT.index("mayor")), _s("The mayor")),
    )
    counts = span_counts(GOLD, quotes)
    assert counts["span_source_exact"] == Counts(tp=2, fp=1)  # a no-break space is trimmed
    assert counts["span_cue_exact"] == Counts(tp=2, fp=1)
    assert counts["span_content_exact"] == Counts(tp=2, fp=2, fn=1)
    # "a long winter ahead" covers 3 of the gold's 3 tokens, and 3 of its own 4: 0.75
    assert counts["span_content_overlap30"] == Counts(tp=3, fp=1)
    assert counts["span_content_overlap80"] == Counts(tp=2, fp=2, fn=1)


def test_trim_strips_marks_punctuation_and_any_whitespace() -> None:
    text = ' \u00a0"Yes," '
    assert text[slice(*trim(text, 0, len(text)))] == "Yes"
