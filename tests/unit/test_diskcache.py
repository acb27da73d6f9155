"""The disk cache of built indexes: hits, misses on changed sources, corrupt and concurrent files."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from brinkwatch import diskcache
from brinkwatch.diskcache import MARSHAL, cached


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(diskcache.ENV_DIR, str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "table.tsv"
    path.write_text("a\t1\n", encoding="utf-8")
    return path


class Builder:
    """Counts builds; its value says which build made it."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, int]:
        self.calls += 1
        return {"build": self.calls}


def test_second_call_reads_the_stored_copy(root: Path, source: Path) -> None:
    build = Builder()
    first = cached("index", [source], build)
    second = cached("index", [source], build)
    assert first == second == {"build": 1}
    assert build.calls == 1
    assert len(list(root.glob("index-*.bin"))) == 1


def test_a_changed_source_or_salt_rebuilds_and_replaces_the_old_entry(
    root: Path, source: Path
) -> None:
    build = Builder()
    cached("index", [source], build)
    source.write_text("a\t2\n", encoding="utf-8")
    assert cached("index", [source], build) == {"build": 2}
    assert cached("index", [source], build, salt="other tokenizer") == {"build": 3}
    assert build.calls == 3
    assert len(list(root.glob("index-*.bin"))) == 1  # older entries of the name are dropped


@pytest.mark.parametrize("damage", ["truncate", "flip", "foreign"])
def test_a_damaged_entry_is_rebuilt_not_read(root: Path, source: Path, damage: str) -> None:
    build = Builder()
    cached("index", [source], build, codec=MARSHAL)
    (entry,) = root.glob("index-*.bin")
    data = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        entry.write_bytes(data[:-1] + bytes([data[-1] ^ 0xFF]))
    else:
        entry.write_bytes(b"not a cache file")
    assert cached("index", [source], build, codec=MARSHAL) == {"build": 2}
    assert cached("index", [source], build, codec=MARSHAL) == {"build": 2}  # stored again


def test_off_and_unwritable_directories_still_build(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = Builder()
    monkeypatch.setenv(diskcache.ENV_DIR, "off")
    assert diskcache.cache_dir() is None
    assert cached("index", [source], build) == {"build": 1}
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(diskcache.ENV_DIR, str(blocker / "cache"))  # under a file: cannot exist
    assert cached("index", [source], build) == {"build": 2}
    assert cached("index", [source], build) == {"build": 3}


def test_xdg_cache_home_is_used_when_no_directory_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(diskcache.ENV_DIR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert diskcache.cache_dir() == Path("/somewhere/brinkwatch")


def test_concurrent_writers_leave_one_whole_entry(root: Path, source: Path) -> None:
    values = {"rows": list(range(20_000))}
    results: list[object] = []

    def write() -> None:
        results.append(cached("index", [source], lambda: values, codec=MARSHAL))

    threads = [threading.Thread(target=write) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [values] * 8
    assert [p.name for p in root.iterdir() if p.suffix == ".tmp"] == []
    assert cached("index", [source], lambda: {"rows": []}, codec=MARSHAL) == values
