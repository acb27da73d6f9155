"""Where each event happened, and where its actors are: the `brinkwatch_locations` component.

Runs after `brinkwatch_events` and replaces each event by one carrying `location`, chosen by the
first rule that finds a place (recorded as `Location.source`):

1. trigger  – a locative phrase on the trigger or on one of its own nouns ("bombed a market in
              Aleppo", "clashes near the town of X"); for material acts (aid, force, visits) also
              a place that is the trigger's object ("shelled Kharkiv", "visited Beijing");
2. sentence – the locative place in the event's sentence nearest the trigger;
3. dateline – the article's dateline ("KYIV —");
4. none.

A place that names who acts — a capital standing for its government ("Moscow urged restraint"),
a possessor ("Kyiv's forces") — is never an event's location. Actors get the place that modifies
them ("protesters in Hong Kong", "the governor of Kherson") or that they are ("Moscow said").
"""

# No `from __future__ import annotations`: spaCy reads the factory signature at run time.

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from brinkwatch.knowledge.places import Gazetteer, Place, gazetteer
from brinkwatch.nlp.places.component import ResolvedToponym
from brinkwatch.nlp.places.toponyms import actor_like, chain_head, locative_anchor, place_head
from brinkwatch.records import Actor, Event, Location

VERB_POS = frozenset({"VERB", "AUX"})
MATERIAL_QUADS = frozenset({2, 4})
VISIT_CODES = frozenset({"042", "043"})
# "shelled Kharkiv", "attacked the port of Odesa", "Donetsk was shelled"
_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass"})
_ACTOR_PREPS = frozenset({"in", "from", "of", "at"})


class LocationFinder:
    """Event and actor locations from the resolved toponyms of one article."""

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self.gaz = gaz or gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        events = doc._.bw_events or []
        toponyms: list[ResolvedToponym] = doc._.bw_toponyms or []
        if events and (toponyms or doc._.bw_dateline_place is not None):
            doc._.bw_events = [self.locate(doc, e, toponyms) for e in events]
        return doc

    def locate(self, doc: Doc, event: Event, toponyms: list[ResolvedToponym]) -> Event:
        trigger = _token_at(doc, event.trigger.start)
        location = None
        if trigger is not None:
            location = self.event_place(doc, event, trigger, toponyms)
        if location is None and doc._.bw_dateline_place is not None:
            location = self.location(
                doc._.bw_dateline_place, doc._.bw_dateline, None, None, "dateline"
            )
        source = self.with_place(doc, event.source, toponyms)
        target = self.with_place(doc, event.target, toponyms) if event.target else None
        return replace(event, location=location, source=source, target=target)

    def event_place(
        self, doc: Doc, event: Event, trigger: Token, toponyms: list[ResolvedToponym]
    ) -> Location | None:
        in_sentence = [
            t for t in toponyms
            if event.sentence.start <= t.toponym.start_char < event.sentence.end
            and not actor_like(doc, t.toponym)
        ]  # fmt: skip
        material = event.quad_class in MATERIAL_QUADS or event.cameo[:3] in VISIT_CODES
        for found in in_sentence:
            anchor = locative_anchor(doc, found.toponym)
            if anchor is not None and _governed_by(anchor, trigger):
                return self.from_toponym(found, "trigger")
            head = place_head(doc, found.toponym)
            if material and head.dep_ in _OBJECT_DEPS and head.head == trigger:
                return self.from_toponym(found, "trigger")
        locative = [t for t in in_sentence if locative_anchor(doc, t.toponym) is not None]
        if locative:
            # distance from the chain's head: "in Tripoli, Lebanon" is about Tripoli
            nearest = min(
                locative, key=lambda t: abs(chain_head(doc[t.toponym.root]).i - trigger.i)
            )
            return self.from_toponym(nearest, "sentence")
        return None

    def with_place(self, doc: Doc, actor: Actor, toponyms: list[ResolvedToponym]) -> Actor:
        """The actor with the place the text gives it, if any."""
        head = _head_of(doc, actor)
        for found in toponyms:
            t = found.toponym
            inside = actor.start <= t.start_char and t.end_char <= actor.end
            if inside or (head is not None and _modifies(doc[t.root], head)):
                return replace(actor, location=self.from_toponym(found, "actor"))
        return actor

    def from_toponym(self, found: ResolvedToponym, source: str) -> Location:
        t = found.toponym
        return self.location(found.place, t.text, t.start_char, t.end_char, source)

    def location(
        self, place: Place, text: str | None, start: int | None, end: int | None, source: str
    ) -> Location:
        region = self.gaz.region(place)
        return Location(
            text=text or place.name,
            start=start,
            end=end,
            name=place.name,
            kind=place.kind,
            country=place.country or None,
            region=region.name if region is not None else None,
            lat=place.lat,
            lon=place.lon,
            geonameid=place.geonameid,
            source=source,
            adm1=place.adm1,
            full_name=self.gaz.full_name(place),
        )


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _head_of(doc: Doc, actor: Actor) -> Token | None:
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _governed_by(anchor: Token, trigger: Token) -> bool:
    """`anchor` is the trigger or one of its own nouns: the first verb above it is the trigger."""
    token = anchor
    for _ in range(12):
        if token == trigger:
            return True
        if token.pos_ in VERB_POS or token.head is token:
            return False
        token = token.head
    return False


def _modifies(place: Token, head: Token) -> bool:
    """ "protesters in Kyiv", "the mayor of Kharkiv", "Kharkiv police": the place hangs on the
    actor's head noun."""
    place = chain_head(place)
    if place.dep_ == "compound" and place.head == head:
        return True
    prep = place.head
    return place.dep_ == "pobj" and prep.lower_ in _ACTOR_PREPS and prep.head == head


@Language.factory("brinkwatch_locations")
def make_locations(nlp: Language, name: str) -> LocationFinder:
    return LocationFinder()
