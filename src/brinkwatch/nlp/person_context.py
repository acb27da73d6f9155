"""The country of a titled person the text does not give one ("Foreign Minister Haruka Tanabe").

News names an official's country once and then leans on context, in a few fixed ways:
a location lead-in ("In Washington, Defense Secretary X said"), or the subject of the sentence
just before ("Japan welcomed the pullback. Foreign Minister X said …"). Only when neither is there
does the person take the country the article is mostly about.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc

from brinkwatch.nlp.actor_rules import ORG_ROOTS, Mention
from brinkwatch.nlp.sentences import sentence_starts

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_LOOK_BACK = 3  # sentences with words: further back, the subject is rarely still the one in view
# who speaks in the sentence before is the likeliest voice of the next ("X, the Coast Guard said.")
_SPEECH = frozenset({"say", "tell", "announce", "state", "add", "report", "warn", "confirm"})


def place_persons(doc: Doc, mentions: list[Mention], code_of: Callable[[str], str]) -> None:
    """Give each countryless titled person (and its chain) a country from its context."""
    starts = sentence_starts(doc)
    dominant = _dominant(mentions)
    for mention in mentions:  # text order: a person placed here can place the next one
        if mention.kind != "person" or not mention.sector or mention.country is not None:
            continue
        sent = bisect_right(starts, mention.start) - 1
        context = _lead_in(doc, mentions, starts[sent], mention) or _previous_subject(
            doc, mentions, starts, sent
        )
        if context is not None and context.country:
            _assign(mentions, mention, context.country, context.code_root or context.country)
        elif dominant:
            _assign(mentions, mention, dominant, code_of(dominant))


def _dominant(mentions: list[Mention]) -> str | None:
    counts = Counter(m.country for m in mentions if _national(m))
    return counts.most_common(1)[0][0] if counts else None


def _national(mention: Mention) -> bool:
    return bool(mention.country) and mention.country not in ORG_ROOTS


def _lead_in(doc: Doc, mentions: list[Mention], sent_start: int, person: Mention) -> Mention | None:
    """ "In Washington, …": a place right after a sentence-initial "in", closed by a comma."""
    if doc[sent_start].lower_ != "in":
        return None
    for mention in mentions:
        if mention.start == sent_start + 1 and mention.end < person.start and _national(mention):
            return mention if doc[mention.end].text == "," else None
    return None


def _previous_subject(
    doc: Doc, mentions: list[Mention], starts: list[int], sent: int
) -> Mention | None:
    """The speaker or main subject of one of the sentences just before (a country's actor, or an
    organisation's: the UN chief's spokesperson is the UN's)."""
    looked = 0
    for back in range(sent - 1, -1, -1):
        end = starts[back + 1] if back + 1 < len(starts) else len(doc)
        if not any(t.is_alpha for t in doc[starts[back] : end]):
            continue  # a stray closing quote the parser cut off as a sentence
        subjects = [
            m for m in mentions if starts[back] <= m.head < end and _subject(doc, m, starts[back])
        ]
        ranked = sorted(subjects, key=lambda m: (_rank(doc, m), m.start))
        if ranked:
            return ranked[0]
        looked += 1
        if looked == _LOOK_BACK:
            break
    return None


def _subject(doc: Doc, mention: Mention, sent_start: int) -> bool:
    head = doc[mention.head]
    return (
        bool(mention.country)
        and head.dep_ in _SUBJECTS
        and not _quoted(doc, sent_start, mention.head)
    )


def _rank(doc: Doc, mention: Mention) -> int:
    """0: the subject of a speech verb; 1: of the sentence's main verb; 2: any other."""
    verb = doc[mention.head].head
    if verb.lemma_ in _SPEECH:
        return 0
    return 1 if verb.dep_ == "ROOT" else 2


def _quoted(doc: Doc, sent_start: int, token: int) -> bool:
    """Whether a token sits inside quotation marks opened earlier in its sentence."""
    before = doc.text[doc[sent_start].idx : doc[token].idx]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _assign(mentions: list[Mention], person: Mention, country: str, code_root: str) -> None:
    """Set the country on the person and on every later mention of the same entity."""
    for mention in mentions:
        same = mention is person or (person.entity is not None and mention.entity == person.entity)
        if same and mention.country is None:
            mention.country = country
            mention.code_root = code_root
