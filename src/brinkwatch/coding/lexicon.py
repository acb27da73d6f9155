"""The verb-pattern lexicon: YAML files under `data/lexicon/`, validated and indexed once.

Each file holds `entries:`, a list of patterns; `_classes.yaml` holds noun/verb classes that
entries name as `$CLASS`. docs/lexicon.md describes the format. Every problem is reported as a
`DataFileError` naming the file and line, so an analyst can fix the entry.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from spacy.strings import hash_string  # type: ignore[attr-defined]

from brinkwatch.coding.codes import CodeTable, code_table
from brinkwatch.datafiles import data_path, file_version
from brinkwatch.diskcache import cached
from brinkwatch.errors import DataFileError

LEXICON_DIR = "lexicon"
CLASSES_FILE = "_classes.yaml"
EVENT_FILES = "[0-9][0-9]-*.yaml"  # one file per CAMEO root; other stages keep their own files here
# What a speech verb's entry reports: another actor's hostile act (an accusation), the speaker's
# own attack (a claim of responsibility), what another actor must do (a demand), or what the
# speaker will do: force or coercion (a threat), cooperation (an intent).
REPORT_KINDS = (
    "hostile",
    "own-hostile",
    "obligation",
    "own-future-force",
    "own-future-cooperation",
)
TARGET_MODES = ("auto", "none", "object", "comp", "prep", "content")
_LIST_KEYS = ("verb", "noun", "particle", "prep", "object", "comp", "comp_object")
_KEYS = frozenset(
    (
        *_LIST_KEYS,
        *(
            "id",
            "code",
            "target",
            "negated",
            "reciprocal",
            "speech",
            "reports",
            "directive",
            "plover",
            "note",
        ),
    )
)
_LINE = "__line__"


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader (libyaml's C parser when present: ~10x faster start-up) that records the
    line of every mapping, for error messages."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[_LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)
# YAML 1.1 reads on/off/yes/no as booleans; in a lexicon "on" is a preposition.
_BOOL = "tag:yaml.org,2002:bool"
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|false|False)$"), list("tTfF"))


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon pattern. Empty constraint sets mean "anything"; `ref` is `file:id`."""

    id: str
    file: str
    line: int
    code: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    particles: frozenset[str]
    preps: frozenset[str]
    objects: frozenset[str]
    comps: frozenset[str]
    comp_objects: frozenset[str]
    target: str
    negated_code: str | None
    reciprocal: bool
    speech: bool
    reports: str | None = None
    # the complement must be an order, not a report: "told X to leave", not "told Y that X left"
    directive: bool = False
    # PLOVER (category, mode) where the 2023-24 manual names the act apart from its CAMEO code's
    # category ("resigned": CAMEO 0831, PLOVER RETREAT/resign); None: the code's own
    plover: tuple[str, str | None] | None = None
    # the constraints' words as spaCy string hashes, one set per constraint ("*" excluded):
    # an entry none of whose words in one set occurs in a sentence cannot match there
    needs: tuple[frozenset[int], ...] = ()

    @property
    def ref(self) -> str:
        return f"{self.file}:{self.id}"

    @property
    def specificity(self) -> int:
        """How much of the parse the entry pins down: the most specific match wins. A listed
        object pins down more than a preposition ("signed a memorandum on trade" is a signing,
        not "agreed on")."""
        return (
            2 * bool(self.particles)
            + 4 * bool(self.preps)
            + _weight(self.objects, 5)
            + _weight(self.comps, 6)
            + 2 * bool(self.comp_objects)
            + 4 * bool(self.reports)
        )


def _weight(words: frozenset[str], weight: int) -> int:
    """A constraint's weight in specificity; a `*` wildcard counts as little as possible."""
    if not words:
        return 0
    return 2 if "*" in words else weight


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Entries indexed by trigger lemma, so matching is a dict lookup per token."""

    by_verb: Mapping[str, tuple[Entry, ...]]
    by_noun: Mapping[str, tuple[Entry, ...]]
    versions: Mapping[str, str]
    classes: Mapping[str, frozenset[str]]
    verb_ids: Mapping[int, tuple[Entry, ...]]
    noun_ids: Mapping[int, tuple[Entry, ...]]

    @property
    def entries(self) -> tuple[Entry, ...]:
        seen = {
            e.ref: e for group in (self.by_verb, self.by_noun) for es in group.values() for e in es
        }
        return tuple(seen.values())


def _fail(path: Path, line: int | None, message: str) -> DataFileError:
    return DataFileError(str(path), line, message)


def _load_yaml(path: Path) -> dict[str, Any]:
    if file_version(path) is None:
        raise _fail(path, 1, "missing '# version: X.Y.Z' header line")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise _fail(path, mark.line + 1 if mark else None, f"not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise _fail(path, None, "expected a mapping with 'entries' or 'classes'")
    return data


def load_classes(path: Path) -> dict[str, frozenset[str]]:
    """`$NAME` classes: lists of lemmas shared by entries of every file."""
    data = _load_yaml(path)
    classes = data.get("classes")
    if not isinstance(classes, dict):
        raise _fail(path, data.get(_LINE), "expected 'classes:' mapping NAME → list of lemmas")
    line = classes.pop(_LINE, None)
    result: dict[str, frozenset[str]] = {}
    for name, words in classes.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise _fail(path, line, f"class {name!r} must be a list of words")
        result[str(name)] = frozenset(w.lower() for w in words)
    return result


def _words(
    value: Any, classes: Mapping[str, frozenset[str]], where: tuple[Path, int], key: str
) -> frozenset[str]:
    """A lemma list: a string or list of strings, where `$NAME` expands a class."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise _fail(*where, f"{key!r} must be a word or a list of words")
    words: set[str] = set()
    for item in items:
        if item.startswith("$"):
            if item[1:] not in classes:
                raise _fail(*where, f"unknown class {item!r} in {key!r}")
            words |= classes[item[1:]]
        else:
            words.add(item.strip().lower())
    return frozenset(words)


def _code(raw: dict[str, Any], key: str, codes: CodeTable, where: tuple[Path, int]) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    code = str(value)
    if code not in codes:
        raise _fail(*where, f'unknown CAMEO code {code!r} in {key!r} (quote codes: "0243")')
    return code


def _plover(raw: Any, codes: CodeTable, where: tuple[Path, int]) -> tuple[str, str | None] | None:
    """`plover: CATEGORY` or `CATEGORY/mode`, a category the code table knows."""
    value = raw.get("plover")
    if value is None:
        return None
    category, _, mode = str(value).partition("/")
    known = {p for c in codes if (p := codes[c].plover_event)}
    if category not in known:
        raise _fail(*where, f"plover category {category!r} is not one of {sorted(known)}")
    return category, mode or None


def parse_entry(
    raw: Any, path: Path, classes: Mapping[str, frozenset[str]], codes: CodeTable
) -> Entry:
    """Validate one raw YAML entry into an `Entry`."""
    if not isinstance(raw, dict):
        raise _fail(path, None, f"entry {raw!r} is not a mapping")
    where = (path, int(raw.get(_LINE, 0)) or 0)
    unknown = set(raw) - _KEYS - {_LINE}
    if unknown:
        raise _fail(*where, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(_KEYS)}")
    if not isinstance(raw.get("id"), str) or not raw["id"]:
        raise _fail(*where, "entry needs an 'id'")
    if ("verb" in raw) == ("noun" in raw):
        raise _fail(*where, f"entry {raw['id']!r} needs exactly one of 'verb' or 'noun'")
    code = _code(raw, "code", codes, where)
    if code is None:
        raise _fail(*where, f"entry {raw['id']!r} needs a 'code'")
    target = raw.get("target", "auto")
    if target not in TARGET_MODES:
        raise _fail(*where, f"target {target!r} is not one of {TARGET_MODES}")
    if raw.get("reports", REPORT_KINDS[0]) not in REPORT_KINDS:
        raise _fail(*where, f"'reports' must be one of {REPORT_KINDS}")
    if "comp_object" in raw and "comp" not in raw:
        raise _fail(*where, "'comp_object' needs 'comp'")
    lists = {k: _words(raw[k], classes, where, k) if k in raw else frozenset() for k in _LIST_KEYS}
    return Entry(
        id=raw["id"],
        file=path.name,
        line=where[1],
        code=code,
        verbs=lists["verb"],
        nouns=lists["noun"],
        particles=lists["particle"],
        preps=lists["prep"],
        objects=lists["object"],
        comps=lists["comp"],
        comp_objects=lists["comp_object"],
        target=target,
        negated_code=_code(raw, "negated", codes, where),
        reciprocal=bool(raw.get("reciprocal", False)),
        speech=bool(raw.get("speech", False)) or "reports" in raw,
        reports=raw.get("reports"),
        directive=bool(raw.get("directive", False)),
        plover=_plover(raw, codes, where),
        needs=_needs(lists),
    )


def _needs(lists: Mapping[str, frozenset[str]]) -> tuple[frozenset[int], ...]:
    keys = ("particle", "prep", "object", "comp", "comp_object")
    return tuple(
        frozenset(hash_string(w) for w in lists[k])
        for k in keys
        if lists[k] and "*" not in lists[k]
    )


def load_entries(
    path: Path, classes: Mapping[str, frozenset[str]], codes: CodeTable
) -> list[Entry]:
    """The validated entries of one lexicon file; ids must be unique within it."""
    data = _load_yaml(path)
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list):
        raise _fail(path, data.get(_LINE), "expected 'entries:' with a list of patterns")
    entries: list[Entry] = []
    seen: set[str] = set()
    for raw in raw_entries:
        entry = parse_entry(raw, path, classes, codes)
        if entry.id in seen:
            raise _fail(path, entry.line, f"duplicate id {entry.id!r}")
        seen.add(entry.id)
        entries.append(entry)
    return entries


def _index(entries: list[Entry], attribute: str) -> dict[str, tuple[Entry, ...]]:
    index: dict[str, list[Entry]] = {}
    for entry in entries:
        for lemma in getattr(entry, attribute):
            index.setdefault(lemma, []).append(entry)
    return {k: tuple(sorted(v, key=lambda e: -e.specificity)) for k, v in index.items()}


def load_lexicon(directory: Path | None = None, codes: CodeTable | None = None) -> Lexicon:
    """Load, validate and index every `*.yaml` lexicon file of `directory`."""
    directory = directory or data_path(LEXICON_DIR)
    codes = codes or code_table()
    classes_path = directory / CLASSES_FILE
    classes = load_classes(classes_path) if classes_path.exists() else {}
    entries: list[Entry] = []
    versions: dict[str, str] = {}
    for path in sorted(directory.glob(EVENT_FILES)):
        versions[f"{LEXICON_DIR}/{path.name}"] = file_version(path) or ""
        entries.extend(load_entries(path, classes, codes))
    if not entries:
        raise _fail(directory, None, "no lexicon entries found")
    by_verb, by_noun = _index(entries, "verbs"), _index(entries, "nouns")
    return Lexicon(by_verb, by_noun, versions, classes, _by_id(by_verb), _by_id(by_noun))


def _by_id(index: dict[str, tuple[Entry, ...]]) -> dict[int, tuple[Entry, ...]]:
    """The index keyed by spaCy's string hash, to scan a Doc's arrays without making Tokens."""
    return {hash_string(word): entries for word, entries in index.items()}


@functools.cache
def lexicon() -> Lexicon:
    """The shipped lexicon, loaded once per process; from the disk cache (brinkwatch.diskcache)
    when a copy built from the same lexicon and code files by the same coding modules is there."""
    return cached("event-lexicon", _sources(), load_lexicon)


def _sources() -> list[Path]:
    files = [*data_path(LEXICON_DIR).glob("*.yaml"), *data_path("codes").glob("*.tsv")]
    return sorted(files) + sorted(Path(__file__).parent.glob("*.py"))
