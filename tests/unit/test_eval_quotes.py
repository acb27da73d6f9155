"""The quotes scorer on a hand-made article with known attributions."""

from __future__ import annotations

import pytest

from brinkwatch.evaluate.gold import Attribution, DocumentGold
from brinkwatch.evaluate.metrics import Counts
from brinkwatch.evaluate.quotes import score_quotes
from brinkwatch.evaluate.results import Case, PredQuote
from brinkwatch.records import Span

TEXT = (
    '"We will not retreat from the border," the defence minister said on Monday. '
    "Farmers believe the new tariff will ruin them."
)


def _s(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start, start + len(words), words)


GOLD = DocumentGold("doc", TEXT, None, (
    Attribution("E1", "Attribution", (_s("the defence minister"),), (_s("said"),),
                (_s("We will not retreat from the border,"),)),
    Attribution("E2", "Attribution", (_s("Farmers"),), (_s("believe"),),
                (_s("the new tariff will ruin them"),)),
))  # fmt: skip


def test_exact_and_overlap_per_role() -> None:
    found = PredQuote(
        content=_s('"We will not retreat from the border,"'),  # quote marks trimmed: exact
        cue=_s("said"),
        source=_s("minister"),  # 1 of 3 gold tokens: 0.33 coverage
    )
    score = score_quotes([Case(GOLD, (found,))])
    m = score.metrics
    assert m["attribution"] == Counts(tp=1, fn=1)
    assert m["content_exact"] == Counts(tp=1, fn=1)
    assert m["cue_exact"] == Counts(tp=1, fn=1)
    assert m["source_exact"] == Counts(fp=1, fn=2)
    assert m["source_overlap30"] == Counts(tp=1, fn=1)
    assert m["source_overlap80"] == Counts(fp=1, fn=2)
    assert [e.id for e in score.misses] == ["doc:E1", "doc:E2"]  # E1: source not exact
    assert score.flat()["quotes.content_exact.recall"] == pytest.approx(0.5)


def test_spurious_quote_and_failure() -> None:
    stray = PredQuote(content=_s("on Monday"), cue=None, source=None)
    m = score_quotes([Case(GOLD, (stray,))]).metrics
    assert m["attribution"] == Counts(fp=1, fn=2)  # shares no content or cue tokens: no match
    assert m["content_overlap30"] == Counts(fp=1, fn=2)
    assert m["cue_exact"] == Counts(fn=2)  # a role absent on both sides counts for nothing
    failed = score_quotes([Case(GOLD, (), error="analysis_failed: x")])
    assert failed.metrics["attribution"] == Counts(fn=2) and len(failed.failures) == 1
