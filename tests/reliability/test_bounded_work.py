"""Bounded work per article: size limits before the parser, a time budget in the worker."""

import json
import threading
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import brinkwatch
from brinkwatch import workers
from brinkwatch.budget import check_deadline, time_budget, truncate
from brinkwatch.errors import ArticleTimeoutError, BrinkwatchError
from brinkwatch.nlp.pipeline import segment
from brinkwatch.process import Coder
from brinkwatch.records import Article, Document, Failure
from brinkwatch.settings import Settings
from tests.reliability.slow_worker import init_slow_worker


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


def _in_thread(work: Any) -> Any:
    """What `work()` returns or raises, run in a thread of its own (no signals there)."""
    out: list[Any] = []

    def run() -> None:
        try:
            out.append(work())
        except Exception as exc:
            out.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    return out[0]


def test_the_deadline_holds_in_a_thread_and_only_inside_the_budget():
    def spin() -> int:
        checks = 0
        with time_budget(0.2):
            while True:
                check_deadline()
                checks += 1
                time.sleep(0.01)

    assert isinstance(_in_thread(spin), ArticleTimeoutError)
    check_deadline()  # outside any budget: nothing to stop
    with time_budget(30):
        assert _in_thread(check_deadline) is None  # a budget belongs to its own thread


def _stalling_batch() -> list[Document | Failure]:
    return [Document(id="a", text="Talks stall."), Document(id="b", text="Envoys met.")]


def _timeout_then_article(records: list[Any]) -> bool:
    first, second = records
    timed_out = isinstance(first, Failure) and first.error.code == "timeout"
    return timed_out and isinstance(second, Article) and second.id == "b"


@pytest.mark.slow
def test_a_slow_component_is_a_timeout_in_a_server_thread(coder, monkeypatch):
    from brinkwatch.nlp.dates import DatesComponent
    from tests.reliability.slow_worker import stall_on_word

    monkeypatch.setattr(DatesComponent, "__call__", DatesComponent.__call__)  # restored after
    stall_on_word(DatesComponent, seconds=1.0)
    slow = Coder(Settings(article_timeout_s=0.3))
    records = _in_thread(lambda: slow.code_batch(_stalling_batch()))
    assert _timeout_then_article(records)


@pytest.mark.slow
def test_a_slow_component_is_a_timeout_in_a_worker_process(monkeypatch):
    monkeypatch.setattr(workers, "_init_worker", init_slow_worker)  # what spawned workers run
    settings = Settings(article_timeout_s=1.0)
    records = list(workers.code_in_workers([_stalling_batch()], settings, n_process=1))
    assert _timeout_then_article(records)


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
