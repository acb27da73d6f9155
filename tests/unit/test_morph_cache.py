"""The morph table gives what the attribute ruler and lemmatizer give, token for token."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from brinkwatch.nlp.morph_cache import MorphCache, morph_cache
from brinkwatch.settings import Settings

TEXTS = [
    "There is a ceasefire, and there were talks in Geneva on Monday.",
    "The minister said there's no plan; we're gonna wait, let's see.",
    "They ain't leaving.  Y'all know it \n and they got ta go.",
    "Officials said the troops were shelling the town, which is what there was.",
    "Is there a deal? Talks are continuing, he says.",
]
ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START"]


def _parsed(nlp: Language, text: str) -> Doc:
    """`text` through the tagger and parser only, as the table receives it."""
    keep = {"tok2vec", "tagger", "parser"}
    with nlp.select_pipes(enable=[n for n in nlp.pipe_names if n in keep]):
        return nlp(text)


def _expected(nlp: Language, text: str) -> list[tuple[object, ...]]:
    doc = nlp.get_pipe("lemmatizer")(nlp.get_pipe("attribute_ruler")(_parsed(nlp, text)))
    return _values(doc)


def _values(doc: Doc) -> list[tuple[object, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture
def table(nlp: Language) -> MorphCache:
    found = morph_cache(nlp)
    assert found is not None
    return found


def test_cold_and_warm_tables_match_the_components(nlp: Language, table: MorphCache) -> None:
    for _ in range(2):  # first pass fills the table, the second reads it
        for text in TEXTS:
            assert _values(table(_parsed(nlp, text))) == _expected(nlp, text), text
    assert table.table


def test_context_patterns_are_not_read_from_the_table(nlp: Language, table: MorphCache) -> None:
    """ "is" after expletive "there" is a VERB; elsewhere an AUX: the key tells them apart."""
    for text in TEXTS:
        table(_parsed(nlp, text))
    doc = table(_parsed(nlp, "There is hope. It is late."))
    assert [(t.text, t.pos_) for t in doc if t.lower_ == "is"] == [("is", "VERB"), ("is", "AUX")]
    gonna = table(_parsed(nlp, "We are gonna talk."))
    assert [t.lemma_ for t in gonna][2:4] == ["go", "to"]


def test_the_table_is_only_used_for_the_usual_pipeline_order(nlp: Language) -> None:
    with nlp.select_pipes(disable=["lemmatizer"]):
        assert morph_cache(nlp) is None


def test_a_full_table_starts_again_with_the_same_results(
    nlp: Language, table: MorphCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("brinkwatch.nlp.morph_cache._MAX_ENTRIES", 5)
    for text in TEXTS * 2:
        assert _values(table(_parsed(nlp, text))) == _expected(nlp, text), text
    assert len(table.table) < 40


def test_the_table_is_kept_for_the_next_process(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What one process learnt, a new table starts with (merged with what others stored),
    and the strings its values name come with it."""
    monkeypatch.setenv("BRINKWATCH_CACHE_DIR", str(tmp_path))
    first = MorphCache(nlp)
    assert not first.table  # an empty cache directory
    for text in TEXTS[:3]:
        first(_parsed(nlp, text))
    first.persist()
    assert first.stored == 0, "a few new keys are not worth a write"
    first.persist(force=True)
    assert first.stored == len(first.table) > 0
    other = MorphCache(nlp)
    assert not other.table, "read only when a Doc brings many unseen keys"
    other.load()
    assert not other.table, "stored entries are looked up as Docs bring their keys"
    assert other.known() == first.known()
    for text in TEXTS[3:]:
        other(_parsed(nlp, text))
    other.persist(force=True)
    third = MorphCache(nlp)
    third.load()
    assert third.known() == {**first.known(), **other.known()}
    for text in TEXTS:
        assert _values(third(_parsed(nlp, text))) == _expected(nlp, text), text


def test_a_stored_table_names_its_strings(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value holds string hashes: a fresh vocabulary must be able to read its lemmas."""
    import spacy

    monkeypatch.setenv("BRINKWATCH_CACHE_DIR", str(tmp_path))
    table = MorphCache(nlp)
    doc = table(_parsed(nlp, "The envoys were quarrelling over glorbnaks."))
    table.persist(force=True)
    lemmas = {token.lemma_ for token in doc}
    # another process that never read the table stores what it learnt: the merge keeps the
    # first one's strings although this process's vocabulary never held them
    other = spacy.load(Settings().model, exclude=["ner"])
    assert {lemma for lemma in lemmas if lemma not in other.vocab.strings}  # the made-up word
    writer = MorphCache(other)
    writer(_parsed(other, "Delegates were bickering over snorfles."))
    writer.persist(force=True)
    fresh = spacy.load(Settings().model, exclude=["ner"])
    loaded = MorphCache(fresh)
    loaded.load()
    assert loaded.stored and all(lemma in fresh.vocab.strings for lemma in lemmas)
    text = "Glorbnaks quarrelled over glorbnaks."
    assert _values(loaded(_parsed(fresh, text))) == _expected(fresh, text)


def test_off_cache_stores_nothing(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRINKWATCH_CACHE_DIR", "off")
    table = MorphCache(nlp)
    table(_parsed(nlp, TEXTS[0]))
    table.persist(force=True)
    later = MorphCache(nlp)
    later.load()
    assert not later.known()


def test_a_doc_with_many_unseen_words_reads_the_stored_table(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRINKWATCH_CACHE_DIR", str(tmp_path))
    first = MorphCache(nlp)
    first(_parsed(nlp, TEXTS[0]))
    first.persist(force=True)
    short, long = MorphCache(nlp), MorphCache(nlp)
    short(_parsed(nlp, "Talks resumed."))
    assert not short.loaded
    many = " ".join(f"Envoy{n} met delegate{n} in town{n} on day{n}." for n in range(100))
    long(_parsed(nlp, many))
    assert long.loaded and first.table.items() <= long.known().items()


def test_unseen_keys_add_up_over_docs_to_read_the_stored_table(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Articles come one Doc per paragraph, none of which alone brings many unseen keys."""
    monkeypatch.setenv("BRINKWATCH_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr("brinkwatch.nlp.morph_cache._LOAD_AT", 20)
    paragraphs = [
        "Envoys met in Oslo on Monday.",
        "Delegates argued over fishing quotas.",
        "Farmers blocked roads near the border.",
        "Ministers signed a grain accord in Kyiv.",
    ]
    first = MorphCache(nlp)
    for text in paragraphs:
        first(_parsed(nlp, text))
    first.persist(force=True)
    later = MorphCache(nlp)
    later(_parsed(nlp, paragraphs[0]))
    assert not later.loaded, "one short paragraph is learnt directly"
    for text in paragraphs[1:]:
        later(_parsed(nlp, text))
    assert later.loaded and first.table.items() <= later.known().items()


def test_a_process_that_learnt_nothing_new_does_not_rewrite_the_store(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRINKWATCH_CACHE_DIR", str(tmp_path))
    first = MorphCache(nlp)
    for text in TEXTS:
        first(_parsed(nlp, text))
    first.persist(force=True)
    writes: list[object] = []
    monkeypatch.setattr("brinkwatch.diskcache.write_entry", lambda *a, **k: writes.append(a))
    again = MorphCache(nlp)  # learns the same keys before it reads the store
    again(_parsed(nlp, TEXTS[0]))
    again.persist(force=True)
    assert again.loaded and not writes
    again(_parsed(nlp, "Glorbnaks quarrelled with snorfles."))
    again.persist(force=True)
    assert len(writes) == 1


def test_the_stored_table_finds_exactly_the_keys_it_holds() -> None:
    """Keys are found by binary search over their bytes: hits give their own values, misses
    (keys between and after stored ones) give nothing."""
    from brinkwatch.nlp.morph_cache import _Stored

    entries = {(n, n * 7 % 11, 2**63 + n, n % 2): (n, 1, 2, 3, 4) for n in range(0, 400, 3)}
    stored = _Stored.build(entries, ["x"])
    assert stored.as_dict() == entries
    wanted = [(n, n * 7 % 11, 2**63 + n, n % 2) for n in range(402)]
    assert stored.find(wanted) == {key: entries[key] for key in wanted if key in entries}
    assert stored.find([(5, 5, 5, 5)]) == {}
    assert _Stored.empty().find(wanted) == {}


@pytest.mark.parametrize(
    "entry",
    [
        ("not", "arrays"),
        (b"\0" * 32, b"\0" * 39, []),  # values not a whole row
        (b"\0" * 64, b"\0" * 40, []),  # two keys, one value
        (b"", b"", ["x"]),
    ],
)
def test_a_stored_entry_of_another_shape_is_relearnt(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry: tuple[object, ...]
) -> None:
    from brinkwatch import diskcache
    from brinkwatch.nlp.morph_cache import _STORE_NAME

    monkeypatch.setenv("BRINKWATCH_CACHE_DIR", str(tmp_path))
    table = MorphCache(nlp)
    diskcache.write_entry(_STORE_NAME, table.store_key, entry, diskcache.MARSHAL)
    table.load()
    assert table.loaded and not table.stored
    text = TEXTS[3]
    assert _values(table(_parsed(nlp, text))) == _expected(nlp, text)
