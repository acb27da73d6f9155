"""Mood: whether an act is reported as done, only intended or threatened, conditional, or asked.

"Iran will retaliate", "Japan plans to send aid", "X is ready to meet Y": the act is not done;
it is coded as the intent (CAMEO 03) or threat (13) of that act (`_mood.yaml`), and a negated
intent to cooperate ("will not send aid", "does not plan to meet") as its refusal (12); an
appeal in forceful words ("called for immediate talks") is a demand (10). "If Iran
attacks, …" and "Will Iran attack?" report no act and give no event. Negation lives in
`reported.negated`; verbs the lexicon codes with their complement ("threatened to", "refused
to") use up that complement before it gets here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from brinkwatch.coding.matcher import ANY, Match
from brinkwatch.datafiles import data_path, versioned_yaml
from brinkwatch.errors import DataFileError

MOOD_FILE = "lexicon/_mood.yaml"
DONE, INTENT, CONDITIONAL, QUESTION = "done", "intent", "conditional", "question"
_CLAUSE_UP = frozenset({"xcomp", "conj", "ccomp", "advcl", "acomp"})
_PERFECT = frozenset({"have", "has", "had", "'ve"})
_WORD_LISTS = (
    "intent_verbs",
    "intent_nouns",
    "ready_words",
    "future",
    "possible",
    "conditional_marks",
    "forceful",
)
APPEAL_ROOT, DEMAND_ROOT = "02", "10"
# what an appeal asks for and how: its object, complement clause, prepositions, adverbs
_ASKED_DEPS = frozenset({"dobj", "obj", "dative", "xcomp", "ccomp", "prep", "advmod", "acomp"})
_OTHER_CLAUSE_DEPS = frozenset({"advcl", "relcl", "acl", "conj", "cc", "parataxis", "punct"})


@dataclass(frozen=True, slots=True)
class MoodRules:
    """The word lists and the act → intent/threat code table of `_mood.yaml`."""

    intent_verbs: frozenset[str]
    intent_nouns: frozenset[str]
    ready_words: frozenset[str]
    future: frozenset[str]
    possible: frozenset[str]
    conditional_marks: frozenset[str]
    forceful: frozenset[str]
    intent: Mapping[str, str]
    refusal: Mapping[str, str]
    version: str

    def act_code(self, code: str, trigger: Token, state: str, is_negated: bool) -> str | None:
        """The code an act takes from how it is reported, or None to keep its own: an intent or
        threat when it is only intended (not negated), a demand when an appeal is forceful."""
        intended = self.intent_code(code) if state == INTENT and not is_negated else None
        return intended or self.demand_code(code, trigger)

    def demand_code(self, code: str, trigger: Token) -> str | None:
        """An appeal (CAMEO 02) asked in forceful words ("called for immediate talks", "urged
        X to act swiftly") is a demand (10, the same topic: 023 → 103): PLOVER draws the line
        between them by the reporter's language."""
        if not code.startswith(APPEAL_ROOT):
            return None
        if not any(t.lower_ in self.forceful for t in _asked(trigger)):
            return None
        return DEMAND_ROOT + code[len(APPEAL_ROOT) :]

    def intent_code(self, code: str) -> str | None:
        """The intent or threat code of an act's code (longest prefix), or None to keep it."""
        return _longest_prefix(self.intent, code)

    def refusal_code(self, code: str, state: str) -> str | None:
        """The refusal (CAMEO 12) of a negated cooperative act in the INTENT mood ("will not
        send aid"), or None to keep the act with its negation ("did not send aid")."""
        return _longest_prefix(self.refusal, code) if state == INTENT else None


def _longest_prefix(table: Mapping[str, str], code: str) -> str | None:
    for size in range(len(code), 1, -1):
        found = table.get(code[:size])
        if found:
            return found
    return None


@functools.cache
def mood_rules(path: Path | None = None) -> MoodRules:
    """Load and check `_mood.yaml` once per process."""
    path = path or data_path(MOOD_FILE)
    version, data = versioned_yaml(path, "mood rules")
    if not isinstance(data, dict):
        raise DataFileError(str(path), 1, "expected a mapping of lists")
    lists = {key: _words(path, data, key) for key in _WORD_LISTS}
    intent, refusal = (_code_table(path, data, key) for key in ("intent", "refusal"))
    return MoodRules(**lists, intent=intent, refusal=refusal, version=version)


def _code_table(path: Path, data: dict[str, Any], key: str) -> dict[str, str]:
    table = data.get(key)
    if not isinstance(table, dict):
        raise DataFileError(str(path), None, f"{key!r} must map CAMEO codes to codes")
    return {str(k): str(v) for k, v in table.items()}


def _asked(trigger: Token) -> Iterator[Token]:
    """What an appeal asks for and how, within its own clause: "called for an **immediate**
    ceasefire", "urged X to act **swiftly**", not "…, as the crisis worsened swiftly"."""
    stack = [c for c in trigger.children if c.dep_ in _ASKED_DEPS]
    while stack:
        token = stack.pop()
        yield token
        stack.extend(c for c in token.children if c.dep_ not in _OTHER_CLAUSE_DEPS)


def _words(path: Path, data: dict[str, Any], key: str) -> frozenset[str]:
    words = data.get(key)
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise DataFileError(str(path), None, f"{key!r} must be a list of words")
    return frozenset(w.lower() for w in words)


def mood(trigger: Token, rules: MoodRules) -> str:
    """DONE, INTENT, CONDITIONAL or QUESTION for the act of `trigger`."""
    if trigger.sent.text.rstrip().rstrip("\"'”’").endswith("?"):
        return QUESTION
    token = trigger
    for _ in range(6):  # the trigger's clause and the clauses it completes
        if _marked(token, rules.conditional_marks):
            return CONDITIONAL
        if _future(token, rules) or intended_by_noun(token, rules.intent_nouns):
            return INTENT
        if token.dep_ not in _CLAUSE_UP or token.head is token:
            return DONE
        governor = token.head
        if token.dep_ in ("xcomp", "acomp") and _intending(governor, rules):
            return INTENT
        if token.dep_ not in ("xcomp", "conj", "acomp"):
            return DONE  # a subordinate clause does not take its governor's mood
        token = governor
    return DONE


INTENT_ROOT = "03"


def bare_intentions(
    matches: list[Match], nouns: frozenset[str], ready: frozenset[str] = frozenset()
) -> tuple[list[Match], set[int]]:
    """Matches that only name an intention (an 03 act on a noun of intent whose infinitive the
    lexicon codes), and the character offsets of those intended acts' triggers."""
    coded = {m.trigger.i for m in matches}
    bare: list[Match] = []
    intended: set[int] = set()
    for m in (m for m in matches if m.entry.code.startswith(INTENT_ROOT)):
        if m.object is not None and yields_to_intended(m.object, coded, nouns):
            bare.append(m)  # "announced its intention to lay down arms"
            intended.update(c.idx for c in m.object.children)
        elif _pledged_act(m, coded):
            bare.append(m)  # "Iran agreed to open its bases to X": the act pledged is coded
            intended.add(m.comp.idx)  # type: ignore[union-attr]
        elif m.object is not None and m.object.lower_ in ready:
            acts = [c for c in m.object.children if c.dep_ == "xcomp" and c.i in coded]
            if acts:  # "Morocco is willing to open a dialogue with X": the act it is ready for
                bare.append(m)
                intended.update(c.idx for c in acts)
    return bare, intended


def _pledged_act(match: Match, coded: set[int]) -> bool:
    """A pledge of any act (a `*` complement) by one actor, whose act the lexicon codes; a
    joint pledge ("A and B agreed to share intelligence") stays the mutual intent it is."""
    comp = match.comp
    if ANY not in match.entry.comps or comp is None or comp.i not in coded:
        return False
    subjects = [c for c in match.trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "Japanese and Australian armies", "A and B": joint
    return len(subjects) == 1 and not any(t.dep_ == "cc" for t in subjects[0].subtree)


def yields_to_intended(
    match_object: Token | None, triggers: set[int], nouns: frozenset[str]
) -> bool:
    """ "announced its intention **to lay down** arms": an act that only names an intention
    (its object, a noun of intent) yields to the intended act when the lexicon codes that act."""
    if match_object is None or match_object.lemma_.lower() not in nouns:
        return False
    return any(c.i in triggers and intended_by_noun(c, nouns) for c in match_object.children)


def intended_by_noun(token: Token, nouns: frozenset[str]) -> bool:
    """ "announced plans **to withdraw**", "its intention **to lay down** arms": an infinitive
    on a noun of intent is an act intended by whoever holds the plan."""
    head = token.head
    return (
        token.dep_ == "acl"
        and head.pos_ == "NOUN"
        and head.lemma_.lower() in nouns
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    )


def _marked(token: Token, marks: frozenset[str]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in marks for c in token.children)


def _future(token: Token, rules: MoodRules) -> bool:
    """ "will attack", and "could/may ban" held out as possible; not a guess about the past
    ("may have attacked")."""
    aux = [c.lower_ for c in token.children if c.dep_ == "aux"]
    if any(a in rules.future for a in aux):
        return True
    return any(a in rules.possible for a in aux) and not any(a in _PERFECT for a in aux)


def _intending(governor: Token, rules: MoodRules) -> bool:
    """ "plans to", "is ready to", "is set to", "is going to"."""
    lemma = governor.lemma_.lower()
    if lemma in rules.intent_verbs or governor.lower_ in rules.ready_words:
        return True
    return lemma == "go" and governor.tag_ == "VBG"
