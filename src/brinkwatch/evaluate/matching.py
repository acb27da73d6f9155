"""One-to-one matching and token overlap of text spans, without spaCy.

Tokens are words: runs of word characters (`\\w+`), found on the whole text once, so a gold span
and a predicted span of the same text share token identities. Punctuation and quote marks are not
tokens, so a span with or without its closing comma covers the same tokens. A token belongs to a
span when it overlaps it.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

G = TypeVar("G")
P = TypeVar("P")

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Pair:
    """Gold item `gold` matched to predicted item `predicted` (indexes) with `score`."""

    gold: int
    predicted: int
    score: float


@functools.lru_cache(maxsize=64)
def _token_bounds(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    found = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    return tuple(s for s, _ in found), tuple(e for _, e in found)


def tokens(text: str, start: int, end: int) -> frozenset[int]:
    """Indexes of the tokens of `text` that overlap the characters `start:end`."""
    starts, ends = _token_bounds(text)
    first = bisect.bisect_right(ends, start)  # first token ending after `start`
    last = bisect.bisect_left(starts, end)  # tokens starting before `end`
    return frozenset(range(first, last))


def span_tokens(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """The tokens of several spans together (a discontinuous role)."""
    result: frozenset[int] = frozenset()
    for start, end in spans:
        result |= tokens(text, start, end)
    return result


def coverage(gold: frozenset[int], predicted: frozenset[int]) -> float:
    """Share of the gold tokens the prediction covers (0 when the gold has none)."""
    return len(gold & predicted) / len(gold) if gold else 0.0


def mutual_coverage(gold: frozenset[int], predicted: frozenset[int]) -> float:
    """The lower of the two coverages: each span must cover this share of the other."""
    if not gold or not predicted:
        return 0.0
    return len(gold & predicted) / max(len(gold), len(predicted))


def match(gold: Sequence[G], predicted: Sequence[P], score: Callable[[G, P], float]) -> list[Pair]:
    """Greedy one-to-one matching: the best-scoring pair first; a pair scoring 0 never matches.

    Ties keep text order (lower gold index, then lower predicted index), so results are stable.
    """
    candidates = [
        Pair(i, j, s)
        for i, g in enumerate(gold)
        for j, p in enumerate(predicted)
        if (s := score(g, p)) > 0
    ]
    candidates.sort(key=lambda pair: (-pair.score, pair.gold, pair.predicted))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[Pair] = []
    for pair in candidates:
        if pair.gold not in used_gold and pair.predicted not in used_pred:
            used_gold.add(pair.gold)
            used_pred.add(pair.predicted)
            pairs.append(pair)
    return sorted(pairs, key=lambda pair: pair.gold)
