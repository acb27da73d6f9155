"""The quote-cue lexicon (`data/lexicon/quote_cues.yaml`), loaded once into frozen sets.

Analysts extend the cue verbs, medium phrases and addressee nouns in the YAML file; this module
only checks its shape and reports a problem with the file's name.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from brinkwatch.datafiles import data_path, file_version
from brinkwatch.errors import DataFileError

CUES_FILE = "lexicon/quote_cues.yaml"
# libyaml's C parser where installed: the same documents, a tenth of the pure-Python time
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """Cue words by role; every word is a lower-case lemma or phrase."""

    version: str
    clause_verbs: frozenset[str]
    tag_verbs: frozenset[str]  # "…," he continued: cue a direct quote next to them, nothing else
    belief_verbs: frozenset[str]
    object_verbs: frozenset[str]
    noun_content_verbs: Mapping[str, frozenset[str]]  # lemma -> particles ("" = direct object)
    source_phrases: frozenset[str]
    medium_nouns: Mapping[str, frozenset[str]]  # preposition -> head nouns
    interview_nouns: frozenset[str]
    addressee_nouns: frozenset[str]
    medium_heads: frozenset[str]
    raising_verbs: frozenset[str]  # "seems to", "is expected to": the content holds the subject
    noun_cues: frozenset[str]  # "his claim that …", "criticism of …"
    noun_particles: frozenset[str]  # prepositions whose object is a cue noun's content
    light_verbs: frozenset[str]  # "voiced support for", "raised questions about"
    cue_adverbs: frozenset[str]  # "said repeatedly", "said dryly": part of the cue
    cue_lemmas: frozenset[str]  # every cue verb, view verb and cue noun, to find them fast


def _words(raw: Mapping[str, Any], key: str, path: Path) -> frozenset[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(str(path), None, f"`{key}` must be a list of words")
    return frozenset(v.strip().lower() for v in value)


def _listed(value: Any, path: Path) -> list[str]:
    """A word or a list of words ("lemma: [talk, speak]"), lower-cased."""
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) for v in values):  # a bare `on` reads as true
        raise DataFileError(str(path), None, f'{value!r}: quote words such as "on"')
    return [v.strip().lower() for v in values]


def _noun_content(raw: Mapping[str, Any], path: Path) -> dict[str, frozenset[str]]:
    entries = raw.get("noun_content_verbs")
    if not isinstance(entries, list):
        raise DataFileError(str(path), None, "`noun_content_verbs` must be a list")
    table: dict[str, set[str]] = {}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("lemma"), (str, list)):
            raise DataFileError(str(path), None, f"bad noun_content_verbs entry {entry!r}")
        for lemma in _listed(entry["lemma"], path):
            table.setdefault(lemma, set()).update(_listed(entry.get("particle", ""), path))
    return {lemma: frozenset(particles) for lemma, particles in table.items()}


def _medium_nouns(raw: Mapping[str, Any], path: Path) -> dict[str, frozenset[str]]:
    table = raw.get("medium_nouns")
    if not isinstance(table, dict):
        raise DataFileError(str(path), None, "`medium_nouns` must map prepositions to nouns")
    for prep in table:
        if not isinstance(prep, str):
            raise DataFileError(str(path), None, f"medium_nouns key {prep!r} must be quoted")
    return {prep.lower(): _words(table, prep, path) for prep in table}


def parse_lexicon(raw: Any, path: Path, version: str) -> QuoteLexicon:
    if not isinstance(raw, dict):
        raise DataFileError(str(path), None, "expected a mapping of cue lists")
    words = {
        key: _words(raw, key, path)
        for key in ("clause_verbs", "belief_verbs", "object_verbs", "raising_verbs", "noun_cues")
    }
    noun_content = _noun_content(raw, path)
    return QuoteLexicon(
        version=version,
        clause_verbs=words["clause_verbs"],
        tag_verbs=words["clause_verbs"] | _words(raw, "tag_verbs", path),
        belief_verbs=words["belief_verbs"],
        object_verbs=words["object_verbs"],
        noun_content_verbs=noun_content,
        source_phrases=_words(raw, "source_phrases", path),
        medium_nouns=_medium_nouns(raw, path),
        interview_nouns=_words(raw, "interview_nouns", path),
        addressee_nouns=_words(raw, "addressee_nouns", path),
        medium_heads=_words(raw, "medium_heads", path),
        raising_verbs=words["raising_verbs"],
        noun_cues=words["noun_cues"],
        noun_particles=_words(raw, "noun_particles", path),
        light_verbs=_words(raw, "light_verbs", path),
        cue_adverbs=_words(raw, "cue_adverbs", path),
        cue_lemmas=frozenset().union(*words.values(), noun_content),
    )


@functools.cache
def load_lexicon(path: Path | None = None) -> QuoteLexicon:
    """The cue lexicon at `path` (default: the shipped file)."""
    path = path or data_path(CUES_FILE)
    version = file_version(path)
    if version is None:
        raise DataFileError(str(path), None, "missing `# version: X.Y.Z` header line")
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        raise DataFileError(str(path), None, f"not valid YAML: {exc}") from exc
    return parse_lexicon(raw, path, version)
