"""Bounded work per article: size limits before the parser, a time budget in the worker."""

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import brinkwatch
from brinkwatch.budget import time_budget, truncate
from brinkwatch.errors import ArticleTimeoutError, BrinkwatchError
from brinkwatch.nlp.pipeline import segment
from brinkwatch.process import Coder
from brinkwatch.records import Article, Document, Failure
from brinkwatch.settings import Settings


def test_a_stretch_without_sentence_ends_is_cut_and_counted():
    text = "Envoys met. " + "word " * 1000 + "end. Talks resumed."
    chunks, cuts = segment(text, 50_000, 1_000)
    assert "".join(chunks) == text and cuts >= 4
    assert max(map(len, chunks)) <= 1_000 + len("Envoys met. ")
    assert segment("Envoys met. Talks resumed.", 50_000, 1_000) == (
        ["Envoys met. Talks resumed."],
        0,
    )


def test_truncate_keeps_a_prefix_and_says_so():
    document = Document(id="d", text="word " * 1_000)
    short, notes = truncate(document, 1_000)
    assert document.text.startswith(short.text) and len(short.text) <= 1_000
    assert [n.code for n in notes] == ["truncated"]
    emoji = Document(id="e", text="\U0001f600" * 900)  # a token a character
    assert len(truncate(emoji, 1_000)[0].text) <= 1_000 // 4
    assert truncate(Document(id="s", text="Talks resumed."), 1_000) == (
        Document(id="s", text="Talks resumed."),
        (),
    )


def test_time_budget_interrupts_python_work():
    with pytest.raises(ArticleTimeoutError), time_budget(0.2):
        time.sleep(5)
    with time_budget(0):  # off
        pass


@pytest.mark.slow
def test_an_article_over_budget_is_a_timeout_and_the_batch_goes_on(coder, monkeypatch):
    slow = Coder(Settings(article_timeout_s=0.5))
    finish = slow.parser.finish

    def finish_slowly(parts, article):  # type: ignore[no-untyped-def]
        if "stall" in article.text:
            time.sleep(10)
        return finish(parts, article)

    monkeypatch.setattr(slow.parser, "finish", finish_slowly)
    baseline = list(slow.nlp.pipe_names)
    batch = [Document(id="a", text="Talks stall."), Document(id="b", text="Envoys met.")]
    started = time.monotonic()
    first, second = slow.code_batch(batch)
    assert time.monotonic() - started < 8
    assert isinstance(first, Failure) and first.error.code == "timeout"
    assert isinstance(second, Article) and second.id == "b"
    assert list(slow.nlp.pipe_names) == baseline and not set(baseline) & set(slow.nlp.disabled)


@pytest.mark.slow
def test_long_and_unpunctuated_articles_are_coded_within_limits():
    coder = Coder(Settings(max_article_chars=1_000, max_sentence_chars=200))
    text = "officials said troops moved " * 60  # 1,680 characters, no full stop
    [article] = coder.code_batch([Document(id="x", text=text)])
    assert isinstance(article, Article) and len(article.text) <= 1_000
    assert {e.code for e in article.errors} >= {"truncated", "sentence_split"}


# every code point, lone surrogates and NUL included
ODD = st.sampled_from(["\ud800", "\udfff", "\x00", "\x1b", "\u2028", "\ufeff", "\U0010ffff"])
ANY_TEXT = st.text(alphabet=st.one_of(st.characters(), ODD), max_size=40)


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=ANY_TEXT)
def test_code_takes_any_str(text):
    try:
        article = brinkwatch.code(text)
    except BrinkwatchError:
        return
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")


@pytest.mark.slow
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts=st.lists(ANY_TEXT, min_size=1, max_size=6))
def test_code_many_gives_a_writable_record_per_input(texts):
    records = list(brinkwatch.code_many(texts))
    assert len(records) == len(texts)
    for record in records:
        json.dumps(record.to_dict(), ensure_ascii=False).encode("utf-8")
