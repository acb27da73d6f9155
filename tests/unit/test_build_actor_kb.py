"""`scripts/build_actor_kb.py`: the sector an office's words give its holder."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_actor_kb.py"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_actor_kb", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_actor_kb"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("office", "sector"),
    [
        ("Minister of Defence", "GOVMIL"),
        ("Chief of the General Staff", "MIL"),
        ("member of the National Assembly", "LEG"),
        ("federal deputy representing Ceará", "LEG"),  # Brazil's lower house
        ("state deputy", "LEG"),
        ("Deputy Prime Minister", "GOV"),  # a deputy, but not a legislator
        ("Parliamentary Under-Secretary of State for Transport", "GOV"),  # a junior minister
        ("Speaker of the House of Commons", "LEG"),
    ],
)
def test_office_sector(build: ModuleType, office: str, sector: str) -> None:
    assert build.office_sector(office) == sector
