from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from brinkwatch.store.dedup import (
    NearDuplicateIndex,
    content_hash,
    event_key,
    minhash,
    signature_bytes,
    signature_from_bytes,
    sqldate,
)
from tests.store.conftest import article, event

STORY = " ".join(
    f"Line {i}: the defence ministry said patrols near the border would continue."
    for i in range(15)
)


def test_content_hash_ignores_whitespace_layout_only() -> None:
    assert content_hash("China  warned\n\nJapan.") == content_hash("China warned Japan.")
    assert content_hash("China warned Japan.") != content_hash("China warned japan.")


def test_sqldate_fills_missing_parts_with_01() -> None:
    assert [sqldate("2024-05-02"), sqldate("2024-05"), sqldate("2024"), sqldate(None)] == [
        20240502,
        20240501,
        20240101,
        None,
    ]


def test_signatures_survive_storage() -> None:
    signature = minhash(STORY)
    assert signature_from_bytes(signature_bytes(signature)).jaccard(signature) == 1.0


def test_near_duplicate_index_finds_copies_not_other_stories() -> None:
    index = NearDuplicateIndex()
    index.add("orig", minhash(STORY))
    copy = index.match(minhash("WASHINGTON (Wire) " + STORY + " Editing by the desk."))
    assert copy is not None and copy.original == "orig" and copy.similarity > 0.8
    other = "Farmers in the valley expect a record harvest after heavy spring rains. " * 5
    assert index.match(minhash(other)) is None


def test_event_key_falls_back_to_publication_date() -> None:
    text = "China warned Japan."
    undated = event(text, "China", "Japan", day=None)
    assert event_key(undated, article(text)).startswith("2024-05-02|CHNGOV|JPNGOV|172|")


@given(st.text(max_size=300))
def test_content_hash_is_stable_hex(text: str) -> None:
    digest = content_hash(text)
    assert len(digest) == 64 and digest == content_hash(" ".join(text.split()))
