"""The CAMEO code table: loading, the values events copy from it, and errors with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from brinkwatch.coding.codes import code_table, load_code_table, quad_class_of_root
from brinkwatch.errors import DataFileError

HEADER = "# version: 0.0.1\ncode\troot\tname\tgoldstein\tquad_class\tpenta_class\tplover_event\tplover_mode\n"


def test_every_root_and_code_is_there() -> None:
    table = code_table()
    assert table.version
    assert {table[c].root for c in table} == {f"{n:02d}" for n in range(1, 21)}
    assert len(table) >= 300


@pytest.mark.parametrize(
    ("code", "goldstein", "quad", "plover"),
    [
        ("010", 0.0, 1, None),
        ("042", 1.9, 1, "CONSULT"),
        ("112", -2.0, 3, "ACCUSE"),
        ("138", -7.0, 3, "THREATEN"),
        ("152", -7.2, 4, "MOBILIZE"),
        ("190", -10.0, 4, "ASSAULT"),
        # the 2023-24 PLOVER manual where it differs from the 2021 table (cameo.tsv's header)
        ("0353", 7.0, 1, "CONCEDE"),
        ("0813", 5.0, 2, "CONCEDE"),
        ("0841", 7.0, 2, "RETREAT"),
        ("116", -2.0, 3, "SANCTION"),
        # the 2024 manual's REQUEST takes in requests (appeals), and regret is a concession
        ("020", 3.0, 1, "REQUEST"),
        ("055", 7.0, 1, "CONCEDE"),
    ],
)
def test_values_events_copy(code: str, goldstein: float, quad: int, plover: str | None) -> None:
    entry = code_table()[code]
    assert (entry.goldstein, entry.quad_class, entry.plover_event) == (goldstein, quad, plover)
    assert entry.root == code[:2]


@pytest.mark.parametrize(
    ("root", "quad"),
    [("01", 1), ("05", 1), ("06", 2), ("09", 2), ("10", 3), ("14", 3), ("15", 4), ("20", 4)],
)
def test_quad_class_by_root(root: str, quad: int) -> None:
    assert quad_class_of_root(root) == quad


def _write(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "cameo.tsv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_small_table_loads(tmp_path: Path) -> None:
    table = load_code_table(_write(tmp_path, "190\t19\tFight\t-10.0\t4\t4\tASSAULT\t\n"))
    assert table["190"].plover_mode is None
    assert table.version == "0.0.1"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("999\t99\tBad\t0\t1\t0\t\t\n", "bad CAMEO code"),
        ("190\t18\tFight\t-10\t4\t4\t\t\n", "root"),
        ("190\t19\tFight\tlots\t4\t4\t\t\n", "goldstein is not a number"),
        ("190\t19\tFight\t-12\t4\t4\t\t\n", "outside"),
        ("190\t19\tFight\t-10\t2\t4\t\t\n", "quad_class"),
        ("190\t19\tFight\t-10\t4\t4\t\t\n190\t19\tAgain\t-10\t4\t4\t\t\n", "twice"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message) as info:
        load_code_table(_write(tmp_path, row))
    assert info.value.path.endswith("cameo.tsv")
    assert info.value.line is not None and info.value.line >= 3
