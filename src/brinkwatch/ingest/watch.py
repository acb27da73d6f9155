"""Sources a watch polls: folders (new or changed files) and RSS/Atom feeds (new items).

A poll returns the `Document`s and `Failure`s that appeared since the last one; the caller codes
and stores them. Feed state (ETag, Last-Modified) and which links are already stored come from
the caller, so a restarted watch neither refetches unchanged feeds nor re-downloads pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from brinkwatch.ingest.feeds import FeedState, Fetcher
from brinkwatch.ingest.readers import KNOWN_SUFFIXES, read_path
from brinkwatch.records import Document, Failure

Found = Document | Failure


def is_feed(source: str) -> bool:
    return source.startswith(("http://", "https://"))


@dataclass
class FolderSource:
    """A folder (or one file); a file is new when its size or modification time changes."""

    path: Path
    max_bytes: int = 2_000_000
    seen: dict[Path, tuple[float, int]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.path)

    def _changed(self) -> list[Path]:
        files = [self.path] if self.path.is_file() else sorted(self.path.rglob("*"))
        changed = []
        for file in files:
            if not file.is_file() or file.suffix.lower() not in KNOWN_SUFFIXES:
                continue
            if any(p.startswith(".") for p in file.parts[len(self.path.parts) :]):
                continue
            stat = file.stat()
            if self.seen.get(file) != (stat.st_mtime, stat.st_size):
                self.seen[file] = (stat.st_mtime, stat.st_size)
                changed.append(file)
        return changed

    def poll(self) -> list[Found]:
        return [item for f in self._changed() for item in read_path(f, max_bytes=self.max_bytes)]


@dataclass
class FeedSource:
    """An RSS/Atom feed; items whose link is already stored are not fetched again."""

    state: FeedState
    fetcher: Fetcher
    known_links: Callable[[Iterable[str]], set[str]]
    last_error: str | None = None

    @property
    def name(self) -> str:
        return self.state.url

    def poll(self) -> list[Found]:
        result = self.fetcher.feed(self.state)
        self.last_error = result.error
        if result.error or result.not_modified:
            return []
        self.state = result.state
        known = self.known_links(item.link for item in result.items)
        return [self.fetcher.page(item) for item in result.items if item.link not in known]
