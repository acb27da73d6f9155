"""A disk cache for indexes built from data files, so each process need not rebuild them.

Building the places gazetteer and the actor gazetteer takes about a third of a second of CPU at
every start; reading a built copy takes a tenth of that. An entry is keyed by a digest of what
its content depends on: the cache format, the Python version, the bytes of every source file (the
data files and the modules that build and define the index) and a caller's salt (e.g. the
tokenizer's identity). A changed file changes the key, so a stale entry is never read; a newer
build replaces older entries of the same name.

Each file holds a magic line, the digest of its payload and the payload: a torn or corrupted file
fails the check and is rebuilt. Writers write a private temporary file and rename it into place
(atomic on POSIX and Windows), so concurrent writers of the same entry cannot interleave. Where
the cache directory cannot be written the index is built in memory, as without a cache.

The cache lives in `$BRINKWATCH_CACHE_DIR`, else `$XDG_CACHE_HOME/brinkwatch`, else
`~/.cache/brinkwatch`; `BRINKWATCH_CACHE_DIR=off` turns it off. Entries are only read from the
user's own cache directory: like any pickle they must not come from elsewhere.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import pickle
import sys
import tempfile
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from brinkwatch.datafiles import gc_paused

T = TypeVar("T")
FORMAT = b"brinkwatch-cache 1\n"
ENV_DIR = "BRINKWATCH_CACHE_DIR"
_DIGEST = 32  # bytes of a BLAKE2b digest of the payload


def cache_dir() -> Path | None:
    """Where entries live; None when the cache is turned off."""
    chosen = os.environ.get(ENV_DIR)
    if chosen:
        return None if chosen.lower() in {"off", "0", "false", "no"} else Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "brinkwatch" if xdg else Path.home() / ".cache" / "brinkwatch"


def entry_key(sources: Iterable[Path], salt: str = "") -> str:
    """The digest of everything an entry's content depends on."""
    digest = hashlib.blake2b(FORMAT, digest_size=16)
    digest.update(f"{sys.version_info[:2]}|{salt}".encode())
    for path in sources:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class Codec:
    """How an entry's value becomes bytes: marshal for plain containers, pickle for objects."""

    def __init__(self, dumps: Callable[[Any], bytes], loads: Callable[[memoryview], Any]) -> None:
        self.dumps, self.loads = dumps, loads


MARSHAL = Codec(marshal.dumps, marshal.loads)
PICKLE = Codec(lambda v: pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL), pickle.loads)


def cached(
    name: str,
    sources: Iterable[Path],
    build: Callable[[], T],
    *,
    salt: str = "",
    codec: Codec = PICKLE,
) -> T:
    """`build()`, or its copy from the cache when one was stored for the same sources and salt."""
    if cache_dir() is None:
        return build()
    key = entry_key(sources, salt)
    stored = read_entry(name, key, codec)
    if stored is not None:
        return typing.cast(T, stored)
    value = build()
    write_entry(name, key, value, codec)
    return value


def read_entry(name: str, key: str, codec: Codec = PICKLE) -> Any | None:
    """The value stored under `name` and `key` (see `entry_key`), or None: no cache, no entry,
    or a torn or foreign file."""
    root = cache_dir()
    return None if root is None else _read(root / f"{name}-{key}.bin", codec)


def write_entry(name: str, key: str, value: Any, codec: Codec = PICKLE) -> None:
    """Store `value` under `name` and `key`, replacing every older entry of `name`; nothing
    happens when the cache is off or cannot be written."""
    root = cache_dir()
    if root is not None:
        _write(root, name, root / f"{name}-{key}.bin", codec.dumps(value))


def _read(path: Path, codec: Codec) -> Any | None:
    """The stored value, or None when the file is missing, foreign, torn or corrupted."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(FORMAT) + _DIGEST
    if not data.startswith(FORMAT) or len(data) < head:
        return None
    payload = memoryview(data)[head:]
    if hashlib.blake2b(payload, digest_size=_DIGEST).digest() != data[len(FORMAT) : head]:
        return None
    try:
        with gc_paused():  # hundreds of thousands of new objects, no cycles among them
            return codec.loads(payload)
    except Exception:  # an unreadable entry is rebuilt, as a missing one is
        return None


def _write(root: Path, name: str, path: Path, payload: bytes) -> None:
    """Store atomically (temporary file, then rename) and drop older entries of `name`."""
    digest = hashlib.blake2b(payload, digest_size=_DIGEST).digest()
    try:
        root.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=root, prefix=f".{name}-", suffix=".tmp")
    except OSError:  # a read-only disk: the value is still returned, just not kept
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(FORMAT + digest + payload)
        os.replace(temporary, path)
    except OSError:  # a full disk
        _remove(Path(temporary))
        return
    for old in root.glob(f"{name}-*.bin"):
        if old != path:
            _remove(old)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # another process may have removed it first
        path.unlink()
