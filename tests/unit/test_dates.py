"""Date expressions resolved against the publication date, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

from brinkwatch.nlp.dates import date_for_token, resolve_text
from brinkwatch.nlp.pipeline import ArticleText
from brinkwatch.process import Coder

SUNDAY = date(2013, 3, 31)


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("Saturday", "2013-03-30", "day"),
        ("Friday", "2013-03-29", "day"),
        ("February", "2013-02", "month"),
        ("last year", "2012", "year"),
        ("yesterday", "2013-03-30", "day"),
        ("two days ago", "2013-03-29", "day"),
        ("March 5", "2013-03-05", "day"),
        ("earlier this month", "2013-03", "month"),
        ("this week", "2013-03-31", "day"),
        ("Feb. 5, 2012", "2012-02-05", "day"),
        ("2006", "2006", "year"),
        ("today", "2013-03-31", "day"),
        ("Sunday", "2013-03-31", "day"),  # the publication weekday is the publication day
        ("on Sunday", "2013-03-31", "day"),
        ("Sunday night", "2013-03-31", "day"),
        ("Monday morning", "2013-03-25", "day"),
        ("last Sunday", "2013-03-24", "day"),
        ("Friday, March 22", "2013-03-22", "day"),  # an explicit date wins over the weekday
    ],
)
def test_resolve_text(text: str, value: str, granularity: str) -> None:
    assert resolve_text(text, SUNDAY) == (value, granularity)


def test_relative_phrase_without_published_date_has_no_value() -> None:
    assert resolve_text("last year", None) == (None, None)
    assert resolve_text("March 5, 2012", None) == ("2012-03-05", "day")


def _doc(coder: Coder, text: str, published: date | None = SUNDAY) -> Doc:
    return next(coder.parser.pipe([ArticleText(text, published)]))


def _token(doc: Doc, word: str):  # type: ignore[no-untyped-def]
    return next(t for t in doc if t.text == word)


def test_each_clause_gets_its_own_date(coder: Coder) -> None:
    doc = _doc(
        coder,
        "Seoul protested on Saturday after the North fired two missiles on Friday, officials said.",
    )
    assert date_for_token(doc, _token(doc, "protested")).value == "2013-03-30"
    fired = date_for_token(doc, _token(doc, "fired"))
    assert (fired.value, fired.text, fired.source) == ("2013-03-29", "Friday", "text")


def test_event_noun_and_month(coder: Coder) -> None:
    doc = _doc(coder, "The test in February angered Tokyo.")
    ref = date_for_token(doc, _token(doc, "test"))
    assert (ref.value, ref.granularity) == ("2013-02", "month")


def test_reported_clause_takes_the_reporting_date(coder: Coder) -> None:
    doc = _doc(coder, "Moscow said on Friday that troops were moving.")
    assert date_for_token(doc, _token(doc, "moving")).value == "2013-03-29"


def test_fallback_is_the_publication_date(coder: Coder) -> None:
    doc = _doc(coder, "We may see talks now, the minister said.")
    ref = date_for_token(doc, _token(doc, "said"))
    assert (ref.value, ref.source, ref.text) == ("2013-03-31", "published", None)
    assert doc._.bw_dates == []
    undated = _doc(coder, "The minister said so.", None)
    assert date_for_token(undated, _token(undated, "said")).value is None


def test_dates_have_offsets_and_no_false_hits(coder: Coder) -> None:
    text = "In May, the 67-year-old envoy spent six years abroad; he returned on May 3."
    doc = _doc(coder, text)
    for ref in doc._.bw_dates:
        assert ref.start is not None and text[ref.start : ref.end] == ref.text
    values = [r.value for r in doc._.bw_dates]
    assert "2013-05-03" not in values  # prefers the past
    assert all("year" not in (r.text or "") for r in doc._.bw_dates)


def test_date_stays_in_its_sentence(coder: Coder) -> None:
    doc = _doc(coder, "Troops crossed the border on Saturday. Officials met in Geneva.")
    assert date_for_token(doc, _token(doc, "crossed")).value == "2013-03-30"
    assert date_for_token(doc, _token(doc, "met")).source == "published"


def test_sentence_starts_are_computed_once(coder: Coder) -> None:
    doc = _doc(coder, "Kyiv said on Friday that talks failed. Moscow replied.")
    assert doc._.bw_sent_starts == [s.start for s in doc.sents]
    doc._.bw_sent_starts = None  # a Doc the dates component did not see
    assert date_for_token(doc, _token(doc, "failed")).value == "2013-03-29"
    assert doc._.bw_sent_starts == [s.start for s in doc.sents]
