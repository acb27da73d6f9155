"""Files that appear whole or not at all: written under a temporary name, renamed at the end."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import IO, Any


@contextmanager
def atomic_output(path: str, binary: bool = False) -> Iterator[IO[Any]]:
    """Open `path` for writing; the data goes to `path.part` (same folder, so the rename is
    atomic), is flushed to disk, and replaces `path` only when the block ends without error.
    A killed or failed writer leaves `path` as it was and at most a `.part` file behind."""
    part = f"{path}.part"
    try:
        with open(
            part,
            "wb" if binary else "w",
            encoding=None if binary else "utf-8",
            newline=None if binary else "",
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(part)
        raise
