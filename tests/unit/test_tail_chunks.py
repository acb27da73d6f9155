"""Chunks for `--n-process`: full chunks while the input goes on, shrinking ones at its end."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given
from hypothesis import strategies as st

from brinkwatch.workers import IN_FLIGHT_PER_WORKER, tail_chunks


@given(st.integers(0, 400), st.integers(1, 16), st.integers(2, 4))
def test_every_item_comes_once_in_order(count: int, size: int, n_process: int) -> None:
    chunks = list(tail_chunks(range(count), size, n_process))
    assert [item for chunk in chunks for item in chunk] == list(range(count))
    assert all(0 < len(chunk) <= size for chunk in chunks)


def test_chunks_are_full_until_the_end_and_shrink_to_one_article() -> None:
    sizes = [len(chunk) for chunk in tail_chunks(range(168), 8, 2)]
    window = 8 * 2 * IN_FLIGHT_PER_WORKER
    assert set(sizes[: (168 - window) // 8]) == {8}
    tail = sizes[(168 - window) // 8 :]
    assert tail == sorted(tail, reverse=True) and tail[-1] == 1 and len(set(tail)) > 2


def test_the_reader_runs_no_further_ahead_than_the_workers_queue() -> None:
    read = 0

    def items() -> Iterator[int]:
        nonlocal read
        for number in range(10_000):
            read += 1
            yield number

    first = next(tail_chunks(items(), 8, 2))
    assert first == list(range(8))
    assert read == 8 * 2 * IN_FLIGHT_PER_WORKER + 1
