"""Optional parts are extras; a command that needs a missing one names the extra to install."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from brinkwatch.errors import ConfigError
from brinkwatch.store.db import create
from brinkwatch.store.exports import export

ROOT = Path(__file__).resolve().parents[1]


def test_postgres_and_parquet_are_extras_and_make_installs_them() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    base = " ".join(project["dependencies"])
    assert "psycopg" not in base and "pyarrow" not in base
    extras = project["optional-dependencies"]
    assert any("psycopg" in d for d in extras["postgres"])
    assert any("pyarrow" in d for d in extras["parquet"])
    assert "'.[dev,all]'" in (ROOT / "Makefile").read_text()


def test_a_missing_driver_names_the_postgres_extra(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if not installed
    with pytest.raises(ConfigError, match=r"brinkwatch\[postgres\]"):
        create("postgresql://user@localhost/news")


def test_a_missing_pyarrow_names_the_parquet_extra(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    engine = create(str(tmp_path / "x.db"))
    with pytest.raises(ConfigError, match=r"brinkwatch\[parquet\]"):
        export(engine, "parquet", str(tmp_path / "x.parquet"))
