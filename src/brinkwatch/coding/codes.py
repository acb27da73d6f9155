"""The CAMEO code table: every event code with its name, Goldstein value, QuadClass and PLOVER.

Loaded once from `data/codes/cameo.tsv` (see its header for sources). Goldstein values are
GDELT's table, recorded in every event as `goldstein_table = "gdelt"`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from brinkwatch.datafiles import TsvRow, data_path, file_version, read_tsv
from brinkwatch.errors import DataFileError

CAMEO_FILE = "codes/cameo.tsv"
GOLDSTEIN_TABLE = "gdelt"
_CODE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code with everything an event record needs from the table."""

    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    penta_class: int
    plover_event: str | None
    plover_mode: str | None


def quad_class_of_root(root: str) -> int:
    """GDELT's QuadClass by root: 01-05 → 1, 06-09 → 2, 10-14 → 3, 15-20 → 4."""
    number = int(root)
    return 1 if number <= 5 else 2 if number <= 9 else 3 if number <= 14 else 4


@dataclass(frozen=True, slots=True)
class CodeTable:
    """CAMEO codes by code string ("0243"); `version` is the data file's version."""

    codes: Mapping[str, CameoCode]
    version: str | None

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __getitem__(self, code: str) -> CameoCode:
        return self.codes[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)


def _number(row: TsvRow, column: str, path: Path) -> float:
    try:
        return float(row.values[column])
    except ValueError:
        raise DataFileError(str(path), row.line, f"{column} is not a number") from None


def _parse_row(row: TsvRow, path: Path) -> CameoCode:
    values = row.values
    code = values.get("code", "")
    if not _CODE.match(code):
        raise DataFileError(str(path), row.line, f"bad CAMEO code {code!r}")
    if values.get("root") != code[:2]:
        raise DataFileError(str(path), row.line, f"root {values.get('root')!r} ≠ {code[:2]!r}")
    goldstein = _number(row, "goldstein", path)
    if not -10.0 <= goldstein <= 10.0:
        raise DataFileError(str(path), row.line, f"goldstein {goldstein} outside -10..10")
    quad = int(_number(row, "quad_class", path))
    if quad != quad_class_of_root(code[:2]):
        raise DataFileError(str(path), row.line, f"quad_class {quad} wrong for root {code[:2]}")
    return CameoCode(
        code=code,
        root=code[:2],
        name=values.get("name", ""),
        goldstein=goldstein,
        quad_class=quad,
        penta_class=int(_number(row, "penta_class", path)),
        plover_event=values.get("plover_event") or None,
        plover_mode=values.get("plover_mode") or None,
    )


def load_code_table(path: Path | None = None) -> CodeTable:
    """Read and validate a CAMEO code table; errors name the file and line."""
    path = path or data_path(CAMEO_FILE)
    codes: dict[str, CameoCode] = {}
    for row in read_tsv(path):
        entry = _parse_row(row, path)
        if entry.code in codes:
            raise DataFileError(str(path), row.line, f"code {entry.code} listed twice")
        codes[entry.code] = entry
    if not codes:
        raise DataFileError(str(path), None, "no codes found")
    return CodeTable(codes, file_version(path))


@functools.cache
def code_table() -> CodeTable:
    """The shipped code table, loaded once per process."""
    return load_code_table()
