"""Deduplication: exact copies by content hash, near-copies (wire re-posts) by MinHash LSH,
and events across articles by (date, source, target, CAMEO code).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from brinkwatch.records import Article, Event

NUM_PERM = 128
# Stored signatures are only comparable under the scheme that made them (datasketch >= 2).
SCHEME = "affine32"
# Jaccard similarity of word 3-gram shingles above which two articles are the same story: wire
# copies differ by a headline, a dateline or a trailing paragraph, rewrites by far more.
NEAR_DUPLICATE_THRESHOLD = 0.8
SHINGLE_WORDS = 3
_WORD = re.compile(r"\w+", re.UNICODE)


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace collapsed: the same article re-saved hashes the same."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def minhash(text: str) -> MinHash:
    signature = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    signature.update_batch(list(shingles(text)))
    return signature


def signature_bytes(signature: MinHash) -> bytes:
    return np.asarray(signature.hashvalues, dtype=np.uint32).tobytes()


def signature_from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint32).copy()
    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME)


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    original: str
    similarity: float


class NearDuplicateIndex:
    """MinHash LSH over stored articles' signatures; `match` finds the best earlier near-copy."""

    def __init__(self, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}

    def add(self, article_id: str, signature: MinHash) -> None:
        if article_id not in self.signatures:
            self.lsh.insert(article_id, signature)
            self.signatures[article_id] = signature

    def load(self, rows: Iterable[tuple[str, bytes]]) -> None:
        for article_id, data in rows:
            self.add(article_id, signature_from_bytes(data))

    def match(self, signature: MinHash) -> NearDuplicate | None:
        scored = [(self.signatures[k].jaccard(signature), k) for k in self.lsh.query(signature)]
        if not scored:
            return None
        similarity, original = max(scored, key=lambda pair: (pair[0], pair[1]))
        return NearDuplicate(original, round(similarity, 4))


def event_date(event: Event, article: Article) -> str | None:
    """The event's own date; else the article's publication date (as the coder would fall back)."""
    if event.date:
        return event.date
    return article.published.isoformat() if article.published else None


def sqldate(value: str | None) -> int | None:
    """GDELT's SQLDATE (YYYYMMDD) from an ISO day, month or year; missing parts become 01."""
    if not value:
        return None
    parts = [*value.split("-"), "01", "01"]
    return int("".join(parts[:3]))


def actor_key(code: str | None, country: str | None, name: str | None) -> str:
    return code or country or (name or "").casefold()


def event_key(event: Event, article: Article) -> str:
    """The dedup key: the same dyad doing the same coded thing on the same day is one event.

    A negated event ("did not attack") never merges with its affirmative.
    """
    source = actor_key(event.source.code, event.source.country, event.source.name)
    target = event.target
    target_part = actor_key(target.code, target.country, target.name) if target else ""
    day = event_date(event, article) or ""
    return "|".join([day, source, target_part, event.cameo, "neg" if event.negated else ""])
