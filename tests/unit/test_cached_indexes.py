"""The indexes read back from the disk cache equal the ones built from the data files."""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch import diskcache
from brinkwatch.coding import lexicon as event_lexicon
from brinkwatch.knowledge import places
from brinkwatch.nlp import gazetteer


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(diskcache.ENV_DIR, str(tmp_path))
    return tmp_path


def _read_twice(cache: Path, read):  # type: ignore[no-untyped-def]
    """The value of a cold read (built, then stored) and of a warm one (from the file)."""
    cold = read()
    assert list(cache.glob("*.bin")), "nothing was stored"
    return cold, read()


def test_places_index_from_the_cache_equals_the_built_one(cache: Path) -> None:
    cold, warm = _read_twice(cache, places.gazetteer.__wrapped__)
    built = places.load(places.data_path(places.PLACES_FILE))
    for gaz in (cold, warm):
        assert gaz.rows == built.rows and gaz.version == built.version
        assert gaz.by_name == built.by_name
        assert gaz.countries == built.countries and gaz.regions == built.regions
    assert [p.name for p in warm.candidates("Kyiv")] == [p.name for p in built.candidates("Kyiv")]


def test_actor_gazetteer_from_the_cache_equals_the_built_one(cache: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    built = gazetteer.build_gazetteer(nlp.tokenizer)
    cold, warm = _read_twice(cache, lambda: gazetteer.gazetteer_for.__wrapped__(nlp.tokenizer))
    for gaz in (cold, warm):
        assert gaz.places == built.places and gaz.sectors == built.sectors
        assert gaz.people == built.people and gaz.leaders == built.leaders
        assert gaz.starts == built.starts and gaz.countries == built.countries
        assert gaz.kb is not None
    strings = nlp.vocab.strings
    assert all(strings[h] for key in warm.places for h in key)  # the keys' words are interned


def test_event_lexicon_from_the_cache_equals_the_built_one(cache: Path) -> None:
    cold, warm = _read_twice(cache, event_lexicon.lexicon.__wrapped__)
    built = event_lexicon.load_lexicon()
    assert cold == built and warm == built


def test_a_changed_data_file_is_not_read_from_the_cache(cache: Path, tmp_path: Path) -> None:
    table = tmp_path / "organisations.tsv"
    table.write_text("x", encoding="utf-8")
    first = diskcache.entry_key([table])
    table.write_text("y", encoding="utf-8")
    assert diskcache.entry_key([table]) != first
