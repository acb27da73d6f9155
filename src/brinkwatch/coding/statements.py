"""Whom a plain statement is about: the target of "X said …" with nothing more specific coded.

A statement has a target when its content names another actor: "Manila said **Chinese ships**
blocked the boats" is a statement by PHL about CHN. The content is the quote the verb cues, else
its complement clause, or (for "…, officials said") the rest of the sentence. The target is
the first coded actor there that is not the speaker and, where the speaker has a country, not of
the speaker's own country ("Beijing said its coast guard …" is about no one else).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from brinkwatch.records import Actor

_CONTENT_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})


def content_ranges(doc: Doc, trigger: Token, rest: bool = True) -> list[tuple[int, int]]:
    """Character ranges of what the speech verb reports; `rest`: a verb with no clause of its
    own reports the rest of its sentence ("…, Ibarra said")."""
    ranges = [
        (q.content.start, q.content.end)
        for q in doc._.bw_quotes or ()
        if q.cue is not None and q.cue.start <= trigger.idx < q.cue.end
    ]
    clauses = [c for c in trigger.children if c.dep_ in _CONTENT_DEPS]
    ranges += [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in clauses]
    if rest and not clauses and trigger.dep_ in ("parataxis", "ccomp", "advcl"):
        sent = trigger.sent  # "…, Ibarra said": the rest of the sentence is what was said
        own = (trigger.left_edge.idx, trigger.right_edge.idx + len(trigger.right_edge.text))
        ranges += [(sent.start_char, own[0]), (own[1], sent.end_char)]
    return ranges


def content_target(
    doc: Doc, trigger: Token, speaker: Actor, reporter: Actor | None = None
) -> Actor | None:
    """The first coded actor of the content that is neither the speaker nor of its country,
    nor who reports the act: an act reported by someone is that report's content, so the rest
    of the sentence is the report's frame ("the minister told reporters Japan would send aid"
    is aid to neither)."""
    own_words = (
        reporter is None
        or reporter.start == speaker.start
        or (reporter.entity is not None and reporter.entity == speaker.entity)
    )  # "…, Ibarra said": his own statement, whose content is the rest of the sentence
    ranges = content_ranges(doc, trigger, rest=own_words)
    for actor in doc._.bw_actors or ():
        if not actor.code or not any(s <= actor.start < e for s, e in ranges):
            continue
        if actor.entity is not None and actor.entity == speaker.entity:
            continue
        if actor.code == speaker.code or (speaker.country and actor.country == speaker.country):
            continue
        return actor
    return None
