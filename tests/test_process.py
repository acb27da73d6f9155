"""The core facade: offsets, failures in place, the public API, worker processes."""

from datetime import date

import pytest

import brinkwatch
from brinkwatch.errors import BrinkwatchError, ModelNotFoundError
from brinkwatch.nlp.pipeline import ArticleText, load_language
from brinkwatch.process import code_records
from brinkwatch.records import Document, ErrorInfo, Failure

TEXT = (
    "Manila summoned China's ambassador on Friday.\n\n"
    "  Beijing said its coast guard acted lawfully.\n\n\nTokyo urged calm."
)


def test_code_keeps_text_and_metadata(settings):
    article = brinkwatch.code(
        TEXT, published="2026-10-03", title="T", outlet="O", settings=settings
    )
    assert article.text == TEXT
    assert article.published == date(2026, 10, 3)
    assert (article.title, article.outlet) == ("T", "O")
    assert article.coder.name == "brinkwatch" and article.coder.model.startswith("en_")


def test_joined_doc_offsets_are_article_offsets(coder):
    [doc] = list(coder.parser.pipe([ArticleText(TEXT)]))
    assert doc.text == TEXT
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences[-1] == "Tokyo urged calm."
    for ent in doc.ents:
        assert TEXT[ent.start_char : ent.end_char] == ent.text


def test_sentences_never_cross_paragraphs(coder):
    text = "The talks ended\n\nwithout a deal"
    [doc] = list(coder.parser.pipe([ArticleText(text)]))
    assert all("\n\n" not in s.text.strip() for s in doc.sents)


def test_code_raises_on_bad_input(settings):
    with pytest.raises(BrinkwatchError) as info:
        brinkwatch.code("   ", settings=settings)
    assert info.value.code == "empty"


def test_code_many_yields_failures_in_place(settings):
    items = [
        "Seoul protested.",
        {"id": "x", "text": "Tokyo agreed.", "published": "nope"},
        "Oslo hosted talks.",
    ]
    out = list(brinkwatch.code_many(items, settings=settings))
    assert [type(r).__name__ for r in out] == ["Article", "Failure", "Article"]
    assert out[1].id == "x" and out[1].error.code == "bad_date"


def test_failures_pass_through_code_records(settings):
    failure = Failure("f", ErrorInfo("empty", "input has no text"))
    docs = [Document(id="a", text="Paris hosted talks."), failure]
    out = list(code_records(docs, settings))
    assert out[0].id == "a" and out[1] is failure


def test_one_broken_article_does_not_end_the_batch(coder, monkeypatch):
    original = coder.parser.finish

    def finish(parts, article):
        if "poison" in article.text:
            raise ValueError("boom")
        return original(parts, article)

    monkeypatch.setattr(coder.parser, "finish", finish)
    out = coder.code_batch(
        [Document("a", "Good one."), Document("b", "poison pill"), Document("c", "Fine.")]
    )
    assert [type(r).__name__ for r in out] == ["Article", "Failure", "Article"]
    assert out[1].error.code == "analysis_failed" and "boom" in out[1].error.message


def test_missing_model_is_an_actionable_error():
    with pytest.raises(ModelNotFoundError, match="pip install"):
        load_language("no_such_pipeline_xyz")


@pytest.mark.slow
def test_two_processes_give_the_same_records_as_one(settings):
    # one article per chunk and more chunks than the workers hold in flight, with an input
    # failure in the middle: records must come back complete and in input order
    small = settings.model_copy(update={"batch_size": 1})
    items: list[object] = [f"Envoy {i} met officials in Hanoi on Monday." for i in range(9)]
    items.insert(4, {"id": "no-text"})
    one = [r.to_dict() for r in brinkwatch.code_many(items, n_process=1, settings=small)]
    two = [r.to_dict() for r in brinkwatch.code_many(items, n_process=2, settings=small)]
    assert len(two) == 10 and two[4]["id"] == "no-text" and "error" in two[4]
    assert one == two
