"""Progress bars for long runs: on stderr, with a total, a rate and the time left, when stderr is
a terminal; nothing at all in pipes, files and CI logs (or with BRINKWATCH_NO_PROGRESS set)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def interactive() -> bool:
    """Whether a person is watching: stderr is a terminal and progress is not switched off."""
    return sys.stderr.isatty() and not os.environ.get("BRINKWATCH_NO_PROGRESS")


def progress(
    items: Iterable[T],
    *,
    total: int | None = None,
    desc: str | None = None,
    unit: str = " articles",
    enabled: bool | None = None,
) -> Iterator[T]:
    """`items`, unchanged, with a progress bar when `enabled` (default: `interactive()`)."""
    if not (interactive() if enabled is None else enabled):
        yield from items
        return
    from tqdm import tqdm  # only paid for when a bar is shown

    yield from tqdm(
        items, total=total, desc=desc, unit=unit, file=sys.stderr, leave=False, dynamic_ncols=True
    )
