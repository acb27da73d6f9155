"""Every regex that reads untrusted text is linear by its structure.

Backtracking costs super-linear time when an unbounded repeat can be retried in many ways
(a repeat inside a repeat) or when a failing match rescans the same stretch from every start
(a search for `[^]]*]` from each `[` of "[[[[…"). These tests parse each pattern and check it
against rules under which the engine reads each character a bounded number of times:

1. an unbounded repeat holds a single character set, or is possessive/atomic (never retried);
2. in a pattern that is searched (not anchored at its start), each unbounded repeat stops at the
   pattern's opening character, so scans from different starts never overlap.

Exceptions would be listed with the reason they are linear all the same. The benchmark
`benchmarks/linear.py` measures the time of each hostile input at two sizes.
"""

import re
from re import _compiler, _constants, _parser  # type: ignore[attr-defined]

import pytest

import brinkwatch.budget
import brinkwatch.ingest.datelines
import brinkwatch.ingest.html
import brinkwatch.ingest.jsonl
import brinkwatch.ingest.markdown
import brinkwatch.ingest.metadata
import brinkwatch.nlp.pipeline
import brinkwatch.nlp.quote_marks
import brinkwatch.textsafe

MODULES = [
    brinkwatch.budget,
    brinkwatch.ingest.datelines,
    brinkwatch.ingest.html,
    brinkwatch.ingest.jsonl,
    brinkwatch.ingest.markdown,
    brinkwatch.ingest.metadata,
    brinkwatch.nlp.pipeline,
    brinkwatch.nlp.quote_marks,
    brinkwatch.textsafe,
]
EXCEPTIONS: set[str] = set()  # none needed today; add "module.NAME" with the reason it is linear
UNBOUNDED = _constants.MAXREPEAT
REPEATS = {_constants.MAX_REPEAT, _constants.MIN_REPEAT}
SAFE_REPEATS = {_constants.POSSESSIVE_REPEAT}
SINGLE = {
    _constants.LITERAL,
    _constants.NOT_LITERAL,
    _constants.IN,
    _constants.ANY,
    _constants.CATEGORY,
}


def _patterns():
    for module in MODULES:
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                yield f"{module.__name__}.{name}", value


def _repeats(items, inside=False):
    """(op, body, nested) for every repeat in a parsed pattern."""
    for op, av in items:
        if op in REPEATS or op in SAFE_REPEATS:
            _low, high, body = av
            yield op, high, body, inside
            yield from _repeats(body, inside or (op in REPEATS and high == UNBOUNDED))
        elif op in (_constants.SUBPATTERN,):
            yield from _repeats(av[-1], inside)
        elif op == _constants.ATOMIC_GROUP:
            yield from _repeats(av, True)
        elif op == _constants.BRANCH:
            for branch in av[1]:
                yield from _repeats(branch, inside)
        elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
            yield from _repeats(av[1], inside)


def _anchored(parsed) -> bool:
    first = parsed.data[0] if parsed.data else None
    return (
        first is not None
        and first[0] == _constants.AT
        and first[1]
        in (
            _constants.AT_BEGINNING,
            _constants.AT_BEGINNING_STRING,
        )
    )


def _opening_chars(items) -> str:
    """Characters the pattern can open with, as far as its first item says."""
    op, av = items[0]
    if op == _constants.LITERAL:
        return chr(av)
    if op == _constants.IN:
        return "".join(chr(v) for kind, v in av if kind == _constants.LITERAL)
    if op == _constants.SUBPATTERN:
        return _opening_chars(av[-1])
    if op == _constants.BRANCH:
        return "".join(_opening_chars(branch) for branch in av[1])
    return ""


def _matches(body, flags: int, char: str) -> bool:
    sub = _parser.SubPattern(_parser.State(), list(body))
    return bool(_compile(sub, flags).fullmatch(char))


def _compile(sub, flags):
    code = _compiler._code(sub, flags)
    return _compiler._sre.compile(
        "", flags | sub.state.flags, code, sub.state.groups - 1, {}, tuple([None])
    )


@pytest.mark.parametrize(("name", "pattern"), list(_patterns()), ids=lambda v: str(v))
def test_pattern_is_linear_by_structure(name, pattern):
    if name in EXCEPTIONS:
        return
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    opening = "" if _anchored(parsed) else _opening_chars(parsed.data)
    last = parsed.data[-1]
    for op, high, body, nested in _repeats(parsed.data):
        if high != UNBOUNDED or op in SAFE_REPEATS:
            continue
        if not nested and last[0] in REPEATS and last[1][2] is body:
            continue  # the pattern's last item: nothing after it can fail and force a rescan
        assert not nested, f"{name}: an unbounded repeat inside another"
        assert len(body) == 1 and body[0][0] in SINGLE, (
            f"{name}: unbounded repeat of a group; make it possessive or a character set"
        )
        for char in opening:
            assert not _matches(body, pattern.flags, char), (
                f"{name}: a repeat runs over the opening {char!r}, so searches can rescan"
            )


def test_the_rules_catch_the_patterns_that_hung():
    bad = [r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\[([^\]]+)\]\(", r"^\s{0,3}([-*_])(\s*\1){2,}\s*$"]
    for source in bad:
        with pytest.raises(AssertionError):
            test_pattern_is_linear_by_structure("probe", re.compile(source, re.DOTALL))
