"""`scripts/build_actor_kb.py`: the sector an office's words give its holder."""

from __future__ import annotations

import importlib.util
import re
import sqlite3
import sys
from datetime import date
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


@pytest.fixture(scope="module")
def add(build: ModuleType) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "actor_kb_add", SCRIPT.with_name("actor_kb_add.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # imports build_actor_kb, registered by `build`
    return module


def _person(build: ModuleType, name: str, office: str, start: date) -> object:
    person = build.Person(name, "QAT", office, build.office_sector(office), "wikidata")
    person.terms.append(build.Term(start, None))
    return person


def test_added_sources_merge_without_duplicates(
    build: ModuleType, add: ModuleType, tmp_path: Path
) -> None:
    path = tmp_path / "people.sqlite"
    held = _person(build, "Hamad Khalifa", "Minister of Foreign Affairs", date(2013, 6, 26))
    build.write_people(path, [held], date(2000, 1, 1))
    new = _person(build, "Hamad Khalifa", "Minister of Foreign Affairs", date(2013, 6, 26))
    other = _person(build, "Khalid Attiyah", "Minister of Defence", date(2016, 1, 27))
    assert add.merge_into(path, [new, other], "# note\n") == {"QAT": 1}  # the held term kept
    assert add.merge_into(path, [new, other], "# note\n") == {}  # run again: nothing added
    db = sqlite3.connect(path)
    rows = db.execute(
        "SELECT p.name, o.office, o.sector, t.start FROM terms t JOIN persons p ON p.id ="
        " t.person JOIN offices o ON o.id = t.office ORDER BY p.name"
    ).fetchall()
    assert rows == [
        ("Hamad Khalifa", "Minister of Foreign Affairs", "GOV", "2013-06-26"),
        ("Khalid Attiyah", "Minister of Defence", "GOVMIL", "2016-01-27"),
    ]
    assert db.execute("SELECT person FROM names WHERE key = 'khalid attiyah'").fetchone() == (2,)


@pytest.mark.parametrize(
    ("office", "category"),
    [
        ("Minister of Public Security", "interior ministers"),
        ("Minister of Territorial Administration and Decentralization", "interior ministers"),
        ("Minister of Justice", "other ministers and executive offices"),
    ],
)
def test_office_categories(build: ModuleType, office: str, category: str) -> None:
    found = next(c for c, p in build.CATEGORIES if re.search(p, office, re.IGNORECASE))
    assert found == category
