"""The verb-pattern lexicon: coverage of the shipped files and clear errors for bad entries."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.strings import hash_string  # type: ignore[attr-defined]

from brinkwatch.coding.codes import code_table
from brinkwatch.coding.lexicon import lexicon, load_lexicon
from brinkwatch.coding.matcher import possible
from brinkwatch.errors import DataFileError

CLASSES = "# version: 0.0.1\nclasses:\n  TALKS: [talks, negotiations]\n"


def test_shipped_lexicon_covers_every_root_and_200_codes() -> None:
    entries = lexicon().entries
    codes = {e.code for e in entries}
    assert {c[:2] for c in codes} == {f"{n:02d}" for n in range(1, 21)}
    assert len(codes) >= 200
    assert all(code in code_table() for code in codes)


def test_shipped_lexicon_is_versioned_and_indexed() -> None:
    lex = lexicon()
    assert "lexicon/19-fight.yaml" in lex.versions
    assert all(lex.versions.values())
    assert any(e.code == "0256" for e in lex.by_verb["urge"])
    assert any(e.code.startswith("04") for e in lex.by_noun["talks"])


def test_index_is_sorted_most_specific_first() -> None:
    for entries in lexicon().by_verb.values():
        scores = [e.specificity for e in entries]
        assert scores == sorted(scores, reverse=True)


def test_an_entry_is_possible_only_where_each_constraint_has_a_word(tmp_path: Path) -> None:
    body = (
        '  - {id: hold-talks, verb: hold, object: $TALKS, prep: [with], code: "040"}\n'
        '  - {id: hold-any, verb: hold, object: "*", code: "040"}\n'
    )
    lex = load_lexicon(_lexicon_dir(tmp_path, body))
    talks, anything = sorted(lex.by_verb["hold"], key=lambda e: e.id != "hold-talks")
    words = {hash_string(w) for w in ("iran", "hold", "negotiations", "with", "oman")}
    assert possible(talks, words)
    assert not possible(talks, words - {hash_string("with")})
    assert not possible(talks, words - {hash_string("negotiations")})
    assert anything.needs == () and possible(anything, set())  # "*" needs no word


def _lexicon_dir(tmp_path: Path, body: str, header: str = "# version: 0.0.1\n") -> Path:
    (tmp_path / "_classes.yaml").write_text(CLASSES, encoding="utf-8")
    (tmp_path / "04-test.yaml").write_text(header + "entries:\n" + body, encoding="utf-8")
    return tmp_path


def test_small_lexicon_loads_with_classes_and_prepositions(tmp_path: Path) -> None:
    body = '  - {id: hold-talks, verb: hold, object: $TALKS, prep: [on, with], code: "040"}\n'
    lex = load_lexicon(_lexicon_dir(tmp_path, body))
    (entry,) = lex.by_verb["hold"]
    assert entry.objects == {"talks", "negotiations"}
    assert entry.preps == {"on", "with"}  # YAML 1.1 would read `on` as true
    assert entry.ref == "04-test.yaml:hold-talks"
    assert entry.line == 3


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('  - {id: a, verb: meet, code: "999"}\n', "unknown CAMEO code '999'"),
        ('  - {id: a, verb: meet, code: "040", colour: red}\n', "unknown key"),
        ('  - {id: a, verb: meet, object: $NOPE, code: "040"}\n', "unknown class"),
        ('  - {id: a, code: "040"}\n', "exactly one of 'verb' or 'noun'"),
        ('  - {id: a, verb: meet, noun: talks, code: "040"}\n', "exactly one of"),
        ('  - {verb: meet, code: "040"}\n', "needs an 'id'"),
        ("  - {id: a, verb: meet}\n", "needs a 'code'"),
        ('  - {id: a, verb: [meet, 3], code: "040"}\n', "must be a word or a list"),
        ('  - {id: a, verb: meet, target: sideways, code: "040"}\n', "target"),
        ('  - {id: a, verb: meet, code: "040", plover: MEET}\n', "plover category 'MEET'"),
        (
            '  - {id: a, verb: meet, comp_object: talks, code: "040"}\n',
            "'comp_object' needs 'comp'",
        ),
        (
            '  - {id: a, verb: meet, code: "040"}\n  - {id: a, verb: see, code: "040"}\n',
            "duplicate id",
        ),
        ('  - {id: a, verb: meet, code: "040"\n', "not valid YAML"),
    ],
)
def test_bad_entries_name_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message) as info:
        load_lexicon(_lexicon_dir(tmp_path, body))
    assert info.value.path.endswith("04-test.yaml")
    assert info.value.line is not None and info.value.line >= 3


def test_missing_version_header_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="version"):
        load_lexicon(_lexicon_dir(tmp_path, '  - {id: a, verb: meet, code: "040"}\n', header=""))
