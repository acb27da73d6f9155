"""The event coder: the `brinkwatch_events` article component.

For every sentence it looks up each verb and event noun in the lexicon (a dict lookup per token),
keeps the most specific matching entry, finds source and target on the parse, resolves them to
actors, and writes `Event` records with CAMEO/PLOVER codes, date, negation, reported speech and
evidence. Every event names the lexicon entry that fired (`pattern`).
"""

# No `from __future__ import annotations`: spaCy reads the factory signature at run time.

import hashlib
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import replace
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc, Token

from brinkwatch.coding import roles
from brinkwatch.coding.codes import GOLDSTEIN_TABLE, CodeTable, code_table
from brinkwatch.coding.lexicon import Entry, Lexicon, lexicon
from brinkwatch.coding.matcher import (
    VERB_POS,
    Match,
    best_match,
    candidates,
    complements,
    doc_rows,
    sentence_bounds,
    sentence_words,
    trigger_positions,
)
from brinkwatch.coding.participants import consumed_tokens, participants
from brinkwatch.coding.reported import (
    Speech,
    future,
    negated,
    obliged,
    quote_speaker,
    speech_head,
)
from brinkwatch.coding.resolve import (
    ActorFinder,
    actor_lookup,
    antecedent,
    date_lookup,
    published_date,
)
from brinkwatch.records import Actor, DateRef, Event
from brinkwatch.records import Span as TextSpan

CLAIM_ROOT = "01"
ATTACK_ROOTS = frozenset({"18", "19", "20"})
FORCE_ROOTS = frozenset({"15", "17", "18", "19", "20"})
COOPERATION_ROOTS = frozenset({"04", "05", "06", "07", "08"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "pobj", "dative", "iobj"})


class EventCoder:
    """Codes events on a joined article `Doc`; data files are loaded once, here."""

    def __init__(self, codes: CodeTable | None = None, lex: Lexicon | None = None) -> None:
        self.codes = codes or code_table()
        self.lexicon = lex or lexicon()
        self.actor_of = ActorFinder(actor_lookup(), self.lexicon.classes.get("AGENTS", frozenset()))
        self.date_of = date_lookup()
        self._date_key: tuple[int, int] | None = None
        self._date = DateRef(None, None, None, None)
        self.speech = Speech(
            frozenset(
                lemma
                for lemma, entries in self.lexicon.by_verb.items()
                if any(e.speech for e in entries)
            )
        )

    def __call__(self, doc: Doc) -> Doc:
        self._date_key = None
        rows = doc_rows(doc)
        positions = trigger_positions(doc, self.lexicon, rows)
        events: list[Event] = []
        text = doc.text if positions else ""  # built from the tokens: once per article
        for start, end in sentence_bounds(rows, positions):
            words = sentence_words(rows, start, end)
            first, last = bisect_left(positions, start), bisect_left(positions, end)
            tokens = [doc[i] for i in positions[first:last]]
            matches = [m for t in tokens if (m := best_match(t, self.lexicon, words))]
            if matches:
                events.extend(self.matched_events(doc, _sentence(doc, text, start, end), matches))
        doc._.bw_events = events
        return doc

    # -- one sentence -------------------------------------------------------------------------

    def matched_events(self, doc: Doc, sentence: TextSpan, matches: list[Match]) -> list[Event]:
        """Events of one sentence's lexicon matches: roles, speech, order."""
        if not matches:
            return []
        consumed = consumed_tokens(matches)
        events: list[Event] = []
        speech: list[Match] = []
        speakers: dict[int, Actor | None] = {}
        for match in (m for m in matches if m.entry.speech and m.trigger.i not in consumed):
            speakers[match.trigger.i] = self.speaker(doc, match.trigger)
            events.extend(self.demands(doc, sentence, match, consumed, speakers[match.trigger.i]))
        for match in matches:
            if match.trigger.i in consumed:
                continue
            if match.entry.speech:
                speech.append(match)
                continue
            events.extend(self.match_events(doc, sentence, match))
        if len(events) > 1:
            depth = {m.trigger.idx: self._depth(m.trigger) for m in matches}
            events.sort(key=lambda e: (depth.get(e.trigger.start, 9), e.trigger.start))
        triggers = [m.trigger for m in matches]  # every event's trigger is one of these
        said: list[Event] = []  # speech acts come after what they report…
        claims: list[Event] = []  # …except claims: "X claimed it attacked" is a claim
        for match in speech:
            speaker = speakers.get(match.trigger.i)
            for event in self.speech_events(doc, sentence, match, events, speaker, triggers):
                (claims if event.cameo_root == CLAIM_ROOT else said).append(event)
        return claims + events + said

    def _depth(self, trigger: Token) -> int:
        """How deep in subordinate clauses an event sits: main-clause events come first (speech
        verbs above a reported clause do not count). A participle describing a noun ("forces
        backed by Russia", "troops, supported by allies, attacked") counts one deeper: it says
        who a participant is, not what the sentence reports."""
        reduced = trigger.dep_ == "acl" and trigger.tag_ == "VBN"
        return reduced + sum(
            1
            for a in trigger.ancestors
            if a.pos_ in VERB_POS and a.lemma_.lower() not in self.speech.lemmas
        )

    def speech_events(
        self,
        doc: Doc,
        sent: TextSpan,
        match: Match,
        found: list[Event],
        speaker: Actor | None,
        tokens: list[Token],
    ) -> list[Event]:
        """A speech act about the clause it governs: the speaker's own future force is a threat
        and own future cooperation an intent (the clause's event, not yet real, is dropped from
        `found`); the speaker's own attack is a claim; another actor's hostile act is an
        accusation; else a plain statement when nothing else was coded in the sentence.
        `tokens` are the sentence's matched triggers, among which every event's trigger is."""
        clause = {t.idx: t for t in tokens if match.trigger.is_ancestor(t)}
        inner = [e for e in found if e.trigger.start in clause]
        entries = _report_entries(candidates(match.trigger, self.lexicon))
        if speaker is None or not inner or not entries:
            return [] if found else list(self.match_events(doc, sent, match))
        own = [e for e in inner if same_actor(e.source, speaker)]
        for event in (e for e in own if future(clause[e.trigger.start])):
            kind = _future_kind(event.cameo_root)
            if kind in entries:
                found.remove(event)
                said = Match(entries[kind], match.trigger)
                return [self.event(doc, sent, said, event.source, event.target, False, None)]
        attacks = [e for e in own if e.cameo_root in ATTACK_ROOTS]
        if attacks and "own-hostile" in entries:
            claim = Match(entries["own-hostile"], match.trigger)
            return [self.event(doc, sent, claim, attacks[0].source, attacks[0].target, False, None)]
        # a government does not accuse its own side: "Beijing said Chinese ships expelled it"
        other = [e for e in inner if e.quad_class >= 3 and e not in own and not _allied(e, speaker)]
        if other and "hostile" in entries:
            accusation = Match(entries["hostile"], match.trigger)
            return [self.event(doc, sent, accusation, speaker, other[0].source, False, None)]
        return []

    def demands(
        self, doc: Doc, sent: TextSpan, match: Match, consumed: set[int], speaker: Actor | None
    ) -> list[Event]:
        """ "A said B must/should …": A demands of B; B's act is only asked for, so its words
        are used up (`consumed`) and give no event of their own."""
        entry = _report_entries(candidates(match.trigger, self.lexicon)).get("obligation")
        if entry is None or speaker is None:
            return []
        events: list[Event] = []
        for clause in (c for c in complements(match.trigger) if obliged(c)):
            for head in roles.own_subjects(clause):
                target = self.actor_of(doc, head, strict=True)
                if target is not None and not same_actor(speaker, target):
                    demand = Match(entry, match.trigger, comp=clause)
                    events.append(self.event(doc, sent, demand, speaker, target, False, None))
                    consumed.update(t.i for t in clause.subtree)
        return events

    def speaker(self, doc: Doc, verb: Token) -> Actor | None:
        subjects = roles.subjects(verb) or roles.agents(verb)
        return self.actor_of(doc, subjects[0]) if subjects else None

    def match_events(self, doc: Doc, sent: TextSpan, match: Match) -> Iterator[Event]:
        people = participants(match)
        reporter = self.reporter(doc, match.trigger)
        sources = self.sources(doc, people.sources, reporter)
        targets = self.targets(doc, people.targets, sources)
        is_negated = negated(match.trigger)
        entry = match.entry
        if is_negated and entry.negated_code:
            entry, is_negated = _with_code(entry, entry.negated_code), False
            match = Match(entry, match.trigger, match.object, match.prep_object, match.comp)
        for source, target in islice(_pairs(entry, sources, targets), MAX_PAIRS):
            reporter_for_event = None if same_actor(source, reporter) else reporter
            yield self.event(doc, sent, match, source, target, is_negated, reporter_for_event)

    def sources(self, doc: Doc, heads: list[Token], reporter: Actor | None) -> list[Actor]:
        """Source actors; a pronoun the resolver left open, in reported speech, is the speaker
        ("X said it will …", "we were in contact" in X's quote)."""
        actors: list[Actor] = []
        for head in heads:
            actor = self.actor_of(doc, head)
            if reporter is not None and head.pos_ == "PRON" and (actor is None or not actor.code):
                actor = reporter
            if actor is not None and actor not in actors:
                actors.append(actor)
        return actors

    def targets(self, doc: Doc, heads: list[Token], sources: list[Actor]) -> list[Actor]:
        """Target actors other than the sources. A plain pronoun in an object slot never names
        the subject of its own clause ("warnings from China for it not to…", "A urged it to…"),
        so one resolved to a source is a coreference slip: it takes the nearest other antecedent."""

        def is_source(actor: Actor) -> bool:
            return any(same_actor(s, actor) for s in sources)

        actors: list[Actor] = []
        for head in heads:
            actor = self.actor_of(doc, head, strict=True)
            if actor is not None and is_source(actor) and _plain_pronoun(head):
                actor = antecedent(doc, head, is_source)
            if actor is not None and actor not in actors and not is_source(actor):
                actors.append(actor)
        return actors

    def reporter(self, doc: Doc, trigger: Token) -> Actor | None:
        """Who reports this event: a quote's speaker, or the subject of a speech verb above it."""
        speaker = quote_speaker(doc, trigger)
        if speaker is not None:
            return speaker
        head = speech_head(trigger, self.speech)
        return None if head is None else self.speaker(doc, head)

    def when(self, doc: Doc, trigger: Token) -> DateRef:
        """The event's date, asked of the dates stage once per trigger."""
        key = (id(doc), trigger.i)
        if self._date_key != key:
            self._date_key = key
            self._date = self.date_of(doc, trigger) if self.date_of else published_date(doc)
        return self._date

    # -- records ------------------------------------------------------------------------------

    def event(
        self,
        doc: Doc,
        sent: TextSpan,
        match: Match,
        source: Actor,
        target: Actor | None,
        is_negated: bool,
        reporter: Actor | None,
    ) -> Event:
        code = self.codes[match.entry.code]
        trigger = match.trigger
        when = self.when(doc, trigger)
        evidence = _evidence(sent, trigger, source, target)
        return Event(
            id=_event_id(sent.start, trigger, code.code, source, target),
            sentence=sent,
            evidence=evidence,
            trigger=TextSpan(trigger.idx, trigger.idx + len(trigger.text), trigger.text),
            source=source,
            target=target,
            cameo=code.code,
            cameo_root=code.root,
            cameo_name=code.name,
            goldstein=code.goldstein,
            goldstein_table=GOLDSTEIN_TABLE,
            quad_class=code.quad_class,
            plover_event=code.plover_event,
            plover_mode=code.plover_mode,
            date=when.value,
            date_text=when.text,
            date_granularity=when.granularity,
            date_source=when.source,
            negated=is_negated,
            reported_by=reporter,
            pattern=match.entry.ref,
        )


# -- helpers ------------------------------------------------------------------------------------


def _allied(event: Event, speaker: Actor) -> bool:
    """The event's source is of the speaker's own country."""
    return bool(speaker.country and event.source.country == speaker.country)


def same_actor(a: Actor, b: Actor | None) -> bool:
    """Two mentions of one actor: equal, or the same entity, or the same code."""
    if b is None:
        return False
    return a == b or bool(a.entity and a.entity == b.entity) or bool(a.code and a.code == b.code)


def _plain_pronoun(token: Token) -> bool:
    """A non-reflexive pronoun in an object slot ("warned it", "for it not to"); a clause's
    subject may well be the source ("China warned that it would …")."""
    return (
        token.pos_ == "PRON"
        and token.dep_ in _OBJECT_DEPS
        and not token.lower_.endswith(("self", "selves"))
    )


# Pairs are sources × targets: a hostile "sentence" listing hundreds of actors made tens of
# thousands of events from one verb (issue 18). Real lists ("A, B, C and D met") stay far below.
MAX_PAIRS = 64


def _pairs(
    entry: Entry, sources: list[Actor], targets: list[Actor]
) -> Iterator[tuple[Actor, Actor | None]]:
    """One event per source (× target); reciprocal entries give both directions of a pair."""
    if entry.reciprocal and not targets and len(sources) >= 2:
        yield from ((a, b) for a in sources for b in sources if a != b)
        return
    options: list[Actor | None] = list(targets) or [None]
    for source in sources:
        for target in options:
            yield source, target
    if entry.reciprocal:  # "A met B": B met A too
        yield from ((t, s) for s in sources for t in targets)


def _future_kind(root: str) -> str | None:
    if root in FORCE_ROOTS:
        return "own-future-force"
    return "own-future-cooperation" if root in COOPERATION_ROOTS else None


def _report_entries(entries: tuple[Entry, ...]) -> dict[str, Entry]:
    """A speech verb's entries by what they report (the first of each kind)."""
    found: dict[str, Entry] = {}
    for entry in entries:
        if entry.reports and entry.reports not in found:
            found[entry.reports] = entry
    return found


def _with_code(entry: Entry, code: str) -> Entry:
    return replace(entry, code=code, negated_code=None)


def _sentence(doc: Doc, text: str, start: int, end: int) -> TextSpan:
    """Tokens `start`..`end` as a text span, sliced from the article's text (Span.text joins
    the tokens again for every sentence)."""
    first, last = doc[start], doc[end - 1]
    start_char, end_char = first.idx, last.idx + len(last.text)
    return TextSpan(start_char, end_char, text[start_char:end_char])


def _evidence(sent: TextSpan, trigger: Token, source: Actor, target: Actor | None) -> TextSpan:
    """The clause around the trigger, widened to take in source and target, within the sentence."""
    starts = [trigger.left_edge.idx, trigger.idx]
    ends = [trigger.right_edge.idx + len(trigger.right_edge.text)]
    for actor in (source, target):
        if actor is not None and sent.start <= actor.start < sent.end:
            starts.append(actor.start)
            ends.append(min(actor.end, sent.end))
    start, end = max(min(starts), sent.start), min(max(ends), sent.end)
    # slice the sentence's text: `doc.text` is rebuilt from the tokens on every access
    return TextSpan(start, end, sent.text[start - sent.start : end - sent.start])


def _event_id(
    sent_start: int, trigger: Token, code: str, source: Actor, target: Actor | None
) -> str:
    key = f"{sent_start}|{trigger.idx}|{code}|{source.code or source.text}|"
    key += f"{target.code or target.text}" if target is not None else "-"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@Language.factory("brinkwatch_events")
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    return EventCoder()
