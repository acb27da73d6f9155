"""Versioned data files (code tables, gazetteers, lexicons) shipped in `brinkwatch/data/`.

Every file starts with `# ` comment lines, one of them `# version: X.Y.Z`; TSV files then have a
header row. Loaders here report problems with file and line, so an analyst can fix an entry.
"""

from __future__ import annotations

import csv
import functools
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from brinkwatch.errors import DataFileError

_VERSION = re.compile(r"^#\s*version:\s*(\S+)\s*$")
DATA_SUFFIXES = (".tsv", ".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class TsvRow:
    """One data row with the line it came from, for error messages."""

    line: int
    values: dict[str, str]


def data_root() -> Path:
    return Path(str(resources.files("brinkwatch") / "data"))


def data_path(relative: str) -> Path:
    return data_root() / relative


def file_version(path: Path) -> str | None:
    """The `# version:` of a data file, read from its comment header."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                return None
            match = _VERSION.match(line.strip())
            if match:
                return match.group(1)
    return None


def versioned_yaml(path: Path, what: str) -> tuple[str, Any]:
    """A YAML rule file's `# version:` line and its parsed content; `what` names the rules in
    the error a missing version or a syntax error raises."""
    import yaml  # only the files that need YAML pay for it

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(str(path), None, f"cannot read {what}: {exc}") from None
    version = file_version(path)
    if version is None:
        raise DataFileError(str(path), 1, f"{what}: expected a '# version:' line")
    return version, data


def read_tsv(path: Path) -> Iterator[TsvRow]:
    """Rows of a TSV data file as dicts keyed by its header; comment and blank lines skipped."""
    with path.open(encoding="utf-8", newline="") as handle:
        header: list[str] | None = None
        for number, line in enumerate(handle, start=1):
            if line.startswith("#") or not line.strip():
                continue
            cells = next(csv.reader([line.rstrip("\r\n")], delimiter="\t", quoting=csv.QUOTE_NONE))
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) > len(header):
                raise DataFileError(
                    str(path), number, f"{len(cells)} cells, header has {len(header)}"
                )
            cells += [""] * (len(header) - len(cells))
            yield TsvRow(number, {k: v.strip() for k, v in zip(header, cells, strict=True)})


@functools.cache
def lexicon_versions() -> dict[str, str]:
    """`{relative path: version}` of every versioned data file: recorded with each coded article."""
    root = data_root()
    versions: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.suffix in DATA_SUFFIXES and path.is_file():
            version = file_version(path)
            if version:
                versions[path.relative_to(root).as_posix()] = version
    return versions


@contextmanager
def gc_paused() -> Iterator[None]:
    """Build a large index without the cyclic garbage collector: each of the collections that
    hundreds of thousands of new strings, lists and tuples set off walks every object of the
    process (spaCy's model too), which doubled the time to load the places gazetteer. An index
    holds no reference cycles, so there is nothing for the collector to find."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
