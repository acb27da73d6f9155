"""The event coder: the `brinkwatch_events` article component.

For every sentence it looks up each verb and event noun in the lexicon (a dict lookup per token),
keeps the most specific matching entry, finds source and target on the parse, resolves them to
actors, and writes `Event` records with CAMEO/PLOVER codes, date, negation, reported speech and
evidence. Every event names the lexicon entry that fired (`pattern`).
"""

# No `from __future__ import annotations`: spaCy reads the factory signature at run time.

from bisect import bisect_left
from collections.abc import Callable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc, Token

from brinkwatch.budget import check_deadline
from brinkwatch.coding import roles
from brinkwatch.coding.acts import one_per_act
from brinkwatch.coding.clauses import (
    alleged_content,
    describes_noun,
    in_relative_clause,
    purpose,
)
from brinkwatch.coding.codes import GOLDSTEIN_TABLE, CodeTable, code_table
from brinkwatch.coding.eventparts import (
    event_id,
    evidence,
    pairs,
    plain_pronoun,
    same_actor,
    sentence,
    with_code,
)
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
from brinkwatch.coding.mentions import named, split_coordinated
from brinkwatch.coding.mood import (
    CONDITIONAL,
    INTENT,
    QUESTION,
    bare_intentions,
    mood,
    mood_rules,
)
from brinkwatch.coding.participants import consumed_tokens, participants
from brinkwatch.coding.recode import recode_match, recoder
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
from brinkwatch.coding.statements import content_target
from brinkwatch.coding.targets import TargetWords, clause_complements
from brinkwatch.nlp.gazetteer import Gazetteer, gazetteer_for
from brinkwatch.records import Actor, DateRef, Event
from brinkwatch.records import Span as TextSpan

CLAIM_ROOT = "01"
ATTACK_ROOTS = frozenset({"18", "19", "20"})
RIOT = "145"  # violent protest: an attack in a crowd's hands (_recode.yaml), as claimable
FORCE_ROOTS = frozenset({"15", "17", "18", "19", "20"})
COOPERATION_ROOTS = frozenset({"04", "05", "06", "07", "08"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "pobj", "dative", "iobj"})


class EventCoder:
    """Codes events on a joined article `Doc`; data files are loaded once, here."""

    def __init__(
        self,
        codes: CodeTable | None = None,
        lex: Lexicon | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.codes = codes or code_table()
        self.gazetteer = gazetteer  # splits coordinated place modifiers; None: no splitting
        self.lexicon = lex or lexicon()
        classes = self.lexicon.classes
        self.actor_of = ActorFinder(actor_lookup(), classes.get("AGENTS", frozenset()), gazetteer)
        self.symmetric = classes.get("SYMMETRIC_VERBS", frozenset())
        self.one_sided = classes.get("ONE_SIDED_VERBS", frozenset())
        self.joint = classes.get("JOINT_ACT_VERBS", frozenset())
        self.doers = classes.get("DOER_NOUNS", frozenset()) | classes.get(
            "SOURCE_NOUNS", frozenset()
        )
        self.person_endings = tuple(sorted(classes.get("PERSON_NOUN_ENDINGS", frozenset())))
        self.thing_endings = tuple(sorted(classes.get("THING_NOUN_ENDINGS", frozenset())))
        self.mood = mood_rules()
        self.occurrences = classes.get("OCCURRENCE_VERBS", frozenset())
        self.recode = recoder().check(self.codes)
        self.content_nouns = classes.get("CONTENT_NOUNS", frozenset())
        self.target_words = TargetWords(
            instruments=classes.get("MILITARY", frozenset()) | classes.get("POLICE", frozenset()),
            places=classes.get("PLACE_TARGET_VERBS", frozenset()),
            movers=classes.get("MOVE_VERBS", frozenset()),
            physical=classes.get("PHYSICAL_TARGET_VERBS", frozenset()),
            physical_nouns=classes.get("PHYSICAL_TARGET_NOUNS", frozenset()),
            creators=classes.get("CREATE_VERBS", frozenset()),
            missions=classes.get("MISSION_NOUNS", frozenset()),
            experiencers=classes.get("OUTRAGE_VERBS", frozenset())
            | classes.get("CONCERN_VERBS", frozenset()),
            intent_nouns=self.mood.intent_nouns,
        )
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
            check_deadline()  # the longest loop of the coding path: one check a sentence
            words = sentence_words(rows, start, end)
            first, last = bisect_left(positions, start), bisect_left(positions, end)
            tokens = [doc[i] for i in positions[first:last]]
            matches = [m for t in tokens if (m := best_match(t, self.lexicon, words))]
            if matches:
                events.extend(self.matched_events(doc, sentence(doc, text, start, end), matches))
        doc._.bw_events = events
        return doc

    # -- one sentence -------------------------------------------------------------------------

    def matched_events(self, doc: Doc, sentence: TextSpan, matches: list[Match]) -> list[Event]:
        """Events of one sentence's lexicon matches. A bare intention ("announced its intention
        to lay down arms", 030) yields to the intended act when that act gives an event."""
        bare, intended = bare_intentions(matches, self.mood.intent_nouns, self.mood.ready_words)
        if bare:
            events = self.sentence_events(doc, sentence, [m for m in matches if m not in bare])
            if any(e.trigger.start in intended for e in events):
                return events
        return self.sentence_events(doc, sentence, matches)

    def sentence_events(self, doc: Doc, sentence: TextSpan, matches: list[Match]) -> list[Event]:
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
            if match.trigger.i in consumed or describes_noun(match.trigger):
                continue
            if match.entry.speech:
                speech.append(match)
                continue
            events.extend(self.match_events(doc, sentence, match))
        if len(events) > 1:
            depth = {m.trigger.idx: self._depth(m.trigger) for m in matches}
            events.sort(key=lambda e: (depth.get(e.trigger.start, 9), e.trigger.start))
        triggers = [m.trigger for m in matches]  # every event's trigger is one of these
        events = one_per_act(events, {t.idx: t for t in triggers})
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
        attacks = [e for e in own if e.cameo_root in ATTACK_ROOTS or e.cameo.startswith(RIOT)]
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

    def _moved_forces(self, doc: Doc, match: Match) -> list[Actor]:
        """An agentless passive of a force posture or withdrawal whose subject is the forces
        moved: they act for their own side ("Russian troops were deployed to the border",
        "Ugandan police were withdrawn"), as GDELT codes them Actor1. Forces arrested, trained
        or attacked are the act's target (entries with `target: object`, other roots)."""
        obj, entry = match.object, match.entry
        if obj is None or entry.target == "object" or not _moves_forces(entry.code):
            return []
        if obj.lemma_.lower() not in self.target_words.instruments:
            return []
        actor = self.actor_of(doc, obj, strict=True)
        return [actor] if actor is not None and actor.code else []

    def speaker(self, doc: Doc, verb: Token) -> Actor | None:
        subjects = roles.subjects(verb) or roles.agents(verb)
        return self.actor_of(doc, subjects[0]) if subjects else None

    def match_events(self, doc: Doc, sent: TextSpan, match: Match) -> Iterator[Event]:
        state = mood(match.trigger, self.mood)
        if state in (CONDITIONAL, QUESTION) or purpose(match.trigger):
            return
        if alleged_content(match.trigger, self.content_nouns):
            return
        if code := self.mood.act_code(
            match.entry.code, match.trigger, state, negated(match.trigger)
        ):
            match = Match(with_code(match.entry, code), match.trigger, match.object,
                          match.prep_object, match.comp)  # fmt: skip
        people = participants(
            match, lambda t: self.actor_of(doc, t, strict=True) is not None, self.target_words
        )
        reporter = self.reporter(doc, match.trigger)
        sources = self.sources(doc, people.sources, reporter)
        if in_relative_clause(match.trigger) and not any(s.code for s in sources):
            return  # "an attack that killed 40", "in which Moon offered": no act of an actor
        targets = self.targets(doc, people.targets, sources) or self.things(doc, people.things)
        passive = not sources and roles.is_passive(match.trigger)
        if passive:
            sources = self._moved_forces(doc, match)  # "Russian troops were deployed to …"
        if not sources and targets and passive:
            sources = [_unnamed(match.trigger)]  # "the journalist was arrested in Cairo"
        elif not sources and roles.occurs(match.trigger, self.occurrences):
            sources = [_unnamed(match.trigger)]  # "riots broke out in the capital"
        if not targets and len(sources) == 1 and _verbal(match):
            about = content_target(doc, match.trigger, sources[0], reporter)
            targets = [about] if about is not None else []
        is_negated = negated(match.trigger)
        entry = match.entry
        # a negated act: the entry's own code for it, or an intent's refusal ("will not send aid")
        if is_negated and (code := entry.negated_code or self.mood.refusal_code(entry.code, state)):
            entry, is_negated = with_code(entry, code), False
            match = Match(entry, match.trigger, match.object, match.prep_object, match.comp)
        # an intent is the speaker's own ("Kenya will meet Somalia": Kenya's intent, not Somalia's)
        both_ways = self.reciprocal(match, len(sources)) and (state != INTENT or len(sources) > 1)
        if both_ways and targets and self._one_way_complement(match):
            both_ways = False  # "A and B agreed to lift tariffs on C": each to C, not to each other
        for source, target in islice(pairs(both_ways, sources, targets), MAX_PAIRS):
            reporter_for_event = None if same_actor(source, reporter) else reporter
            act = recode_match(self.recode, doc, match, source, target)
            yield self.event(doc, sent, act, source, target, is_negated, reporter_for_event)

    def reciprocal(self, match: Match, sources: int) -> bool:
        """Whether the act goes both ways: an entry marked reciprocal, or a symmetric verb with
        co-agents ("A and B clashed", "A clashed with B"), unless the verb is one-sided
        ("ratified the deal with B"). A symmetric verb's other targets are not co-agents: "A
        agreed to grant asylum to refugees" is not done by the refugees."""
        trigger = match.trigger
        lemma = trigger.lemma_.lower()
        if lemma in self.one_sided:
            return False
        if match.entry.reciprocal:
            return True
        if trigger.pos_ not in VERB_POS or lemma not in self.symmetric:
            return False
        return sources >= 2 or any(
            c.dep_ == "prep" and c.lower_ == "with" for c in trigger.children
        )

    def _one_way_complement(self, match: Match) -> bool:
        """The symmetric verb carries a clause whose act is not symmetric ("agreed to lift
        tariffs on C", not "agreed to meet"): with a target, it is what the co-agents will do to
        that third party."""
        comps = clause_complements(match)
        return bool(comps) and comps[0].lemma_.lower() not in self.symmetric | self.joint

    def split(self, head: Token, actor: Actor) -> list[Actor]:
        if self.gazetteer is None:
            return [actor]
        return split_coordinated(self.gazetteer, head, actor)

    def sources(self, doc: Doc, heads: list[Token], reporter: Actor | None) -> list[Actor]:
        """Source actors; a pronoun the resolver left open, in reported speech, is the speaker
        ("X said it will …", "we were in contact" in X's quote)."""
        actors: list[Actor] = []
        for head in heads:
            actor = self.actor_of(doc, head)
            if reporter is not None and head.pos_ == "PRON" and (actor is None or not actor.code):
                actor = reporter
            if actor is not None and actor not in actors and self._can_act(doc, head, actor):
                actors.extend(self.split(head, named(doc, actor)))
        return actors

    def _can_act(self, doc: Doc, head: Token, actor: Actor) -> bool:
        """A source names a doer: someone (a name, a pronoun, an actor noun, a code) or a weapon
        or act of force news makes the subject ("a car bombing killed 75"). A thing is no doer:
        "the program would meet the deadline", "its commitment to support X"."""
        lemma = head.lemma_.lower()
        if head.pos_ != "NOUN" or actor.code or lemma in self.doers or self._person_noun(lemma):
            return True
        return self.actor_of(doc, head, strict=True) is not None

    def _person_noun(self, lemma: str) -> bool:
        """A noun for people past any closed list ("hackers", "employees"), by its ending."""
        return lemma.endswith(self.person_endings) and not lemma.endswith(self.thing_endings)

    def targets(self, doc: Doc, heads: list[Token], sources: list[Actor]) -> list[Actor]:
        """Target actors other than the sources. A plain pronoun in an object slot never names
        the subject of its own clause ("warnings from China for it not to…", "A urged it to…"),
        so one resolved to a source is a coreference slip: it takes the nearest other antecedent."""

        def is_source(actor: Actor) -> bool:
            return any(same_actor(s, actor) for s in sources)

        found: list[tuple[Token, Actor]] = []
        for head in (roles.relative_head(h, reach=3) for h in heads):  # "X, whom Turkey wanted …"
            if head.pos_ == "PRON" and head.lower_.endswith(("self", "selves")):
                continue  # "among themselves", "blew himself up": the source itself
            actor = self.actor_of(doc, head, strict=True)
            if actor is not None and is_source(actor) and plain_pronoun(head):
                actor = antecedent(doc, head, is_source)
            if actor is not None and all(actor != a for _, a in found) and not is_source(actor):
                found += [(head, a) for a in self.split(head, named(doc, actor))]
        return _coded_first(found)

    def things(self, doc: Doc, heads: list[Token]) -> list[Actor]:
        """What an act of force hit, as a target mention with the codes its words give ("a police
        station": COP; "a hotel": none)."""
        found = (self.actor_of(doc, head) for head in heads)
        return [a for a in found if a is not None]

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
        span = evidence(sent, trigger, source, target)
        return Event(
            id=event_id(sent.start, trigger, code.code, source, target),
            sentence=sent,
            evidence=span,
            trigger=TextSpan(trigger.idx, trigger.idx + len(trigger.text), trigger.text),
            source=source,
            target=target,
            cameo=code.code,
            cameo_root=code.root,
            cameo_name=code.name,
            goldstein=code.goldstein,
            goldstein_table=GOLDSTEIN_TABLE,
            quad_class=code.quad_class,
            plover_event=match.entry.plover[0] if match.entry.plover else code.plover_event,
            plover_mode=match.entry.plover[1] if match.entry.plover else code.plover_mode,
            date=when.value,
            date_text=when.text,
            date_granularity=when.granularity,
            date_source=when.source,
            negated=is_negated,
            background=when.background,
            reported_by=reporter,
            pattern=match.entry.ref,
        )


# -- helpers ------------------------------------------------------------------------------------


def _coded_first(found: list[tuple[Token, Actor]]) -> list[Actor]:
    """Coded targets, when there are any, and the uncoded names coordinated with them: "shared
    evidence with Mexico under a treaty …" is with Mexico, while "sanctions on Rosneft and the
    Iranian oil ministry" are on both."""
    coded = {head.i for head, actor in found if actor.code}
    if not coded:
        return [actor for _, actor in found]
    return [
        actor
        for head, actor in found
        if actor.code or (_named(head) and any(c.i in coded for c in head.conjuncts))
    ]


def _named(head: Token) -> bool:
    """A name, not a vague set ("Saudi Arabia and other nations": the other nations are no one
    in particular)."""
    return head.pos_ == "PROPN" or bool(head.ent_type_)


def _moves_forces(code: str) -> bool:
    """Force posture (15: deploy, mobilise, alert) and withdrawal or demobilisation (087x)."""
    return code.startswith(("15", "087"))


def _unnamed(trigger: Token) -> Actor:
    """The source of an agentless passive: no one named (GDELT leaves Actor1 blank), an empty
    mention at the trigger; the store and the monitor count the event for its target alone."""
    return Actor(text="", start=trigger.idx, end=trigger.idx)


def _allied(event: Event, speaker: Actor) -> bool:
    """The event's source is of the speaker's own country."""
    return bool(speaker.country and event.source.country == speaker.country)


# Pairs are sources × targets: a hostile "sentence" listing hundreds of actors made tens of
# thousands of events from one verb (issue 18). Real lists ("A, B, C and D met") stay far below.
MAX_PAIRS = 64


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


VERBAL_ROOTS = frozenset(f"{n:02d}" for n in range(1, 14))


def _verbal(match: Match) -> bool:
    """A verbal act (CAMEO 01-13: statements, appeals, accusations, warnings …) is about whom
    its content names, when nothing else gave it a target; never a `target: none` entry."""
    return match.entry.target != "none" and match.entry.code[:2] in VERBAL_ROOTS


@Language.factory("brinkwatch_events")
def make_event_coder(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The coder; on a pipeline without brinkwatch's earlier components, the coder running
    them itself (coding/standalone.py), so `nlp.add_pipe("brinkwatch_events")` works alone."""
    from brinkwatch.coding.standalone import with_prerequisites

    return with_prerequisites(nlp, EventCoder(gazetteer=gazetteer_for(nlp.tokenizer)))
