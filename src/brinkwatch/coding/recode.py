"""Acts recoded by who does them (`_recode.yaml`): "rioters attacked a police station" is a riot
(145), not an armed attack; "Human Rights Watch withdrew from Georgia" ends an organisation's
presence (166), not a military engagement (087). The lexicon codes the words; these rules read
the resolved source, which the lexicon cannot see.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from brinkwatch.coding.eventparts import with_code
from brinkwatch.coding.matcher import Match
from brinkwatch.datafiles import data_path, versioned_yaml
from brinkwatch.errors import DataFileError
from brinkwatch.records import Actor

RECODE_FILE = "lexicon/_recode.yaml"


@dataclass(frozen=True, slots=True)
class RecodeRule:
    id: str
    codes: tuple[str, ...]
    source_words: frozenset[str]
    source_codes: frozenset[str]
    except_codes: frozenset[str]
    target_codes: frozenset[str]
    code: str

    def holds(self, code: str, source: Actor, target: Actor | None, head_lemma: str | None) -> bool:
        if not code.startswith(self.codes):
            return False
        if self.target_codes and not (
            target is not None and _code_parts(target.code) & self.target_codes
        ):
            return False
        if self.source_words:
            return head_lemma is not None and head_lemma in self.source_words
        parts = _code_parts(source.code)
        return bool(parts & self.source_codes) and not parts & self.except_codes


@dataclass(frozen=True, slots=True)
class Recoder:
    rules: tuple[RecodeRule, ...]
    version: str

    def check(self, known: Collection[str], path: str = RECODE_FILE) -> Recoder:
        """Every code a rule names must be in the code table."""
        for rule in self.rules:
            if rule.code not in known:
                raise DataFileError(
                    path, None, f"rule {rule.id!r}: unknown CAMEO code {rule.code!r}"
                )
        return self

    def code_for(
        self, doc: Doc, code: str, source: Actor, target: Actor | None = None
    ) -> str | None:
        """The code the act takes in this source's hands (on this target), or None to keep its
        own."""
        rules = [r for r in self.rules if code.startswith(r.codes)]
        if not rules:  # most acts: no rule names their code, no head lemma to look up
            return None
        lemma = _head_lemma(doc, source)
        return next((r.code for r in rules if r.holds(code, source, target, lemma)), None)


def _code_parts(code: str | None) -> frozenset[str]:
    code = code or ""
    return frozenset(code[i : i + 3] for i in range(0, len(code) - 2, 3))


def _head_lemma(doc: Doc, actor: Actor) -> str | None:
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span.root.lemma_.lower() if span is not None and len(span) else None


def recode_match(
    recode: Recoder, doc: Doc, match: Match, source: Actor, target: Actor | None
) -> Match:
    """The match with the code its actors make of it ("rioters attacked": 145)."""
    code = recode.code_for(doc, match.entry.code, source, target)
    if code is None or code == match.entry.code:
        return match
    entry = with_code(match.entry, code)
    return Match(entry, match.trigger, match.object, match.prep_object, match.comp)


@functools.cache
def recoder(path: Path | None = None) -> Recoder:
    """Load and check `_recode.yaml` once per process."""
    path = path or data_path(RECODE_FILE)
    version, data = versioned_yaml(path, "recode rules")
    rules = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(rules, list):
        raise DataFileError(str(path), 1, "expected a 'rules' list")
    return Recoder(tuple(_rule(path, raw) for raw in rules), version)


def _rule(path: Path, raw: Any) -> RecodeRule:
    if not isinstance(raw, dict) or not {"id", "codes", "code"} <= raw.keys():
        raise DataFileError(str(path), None, f"a rule needs id, codes and code: {raw!r}")
    words, parts = _words(raw, "source_words"), _words(raw, "source_codes")
    if bool(words) == bool(parts):
        raise DataFileError(
            str(path), None, f"rule {raw['id']!r}: give source_words or source_codes"
        )
    return RecodeRule(
        id=str(raw["id"]),
        codes=tuple(str(c) for c in raw["codes"]),
        source_words=words,
        source_codes=frozenset(w.upper() for w in parts),
        except_codes=frozenset(w.upper() for w in _words(raw, "except_codes")),
        target_codes=frozenset(w.upper() for w in _words(raw, "target_codes")),
        code=str(raw["code"]),
    )


def _words(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in raw.get(key) or ())
