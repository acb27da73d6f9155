"""The `brinkwatch_actors` component: every actor mention of an article, resolved to CAMEO codes.

Sets `doc._.bw_actors` (a list of `Actor` in text order) and `doc._.bw_actor_index` (token index
→ `Actor`), which `actor_for_token` and `actor_for_span` read in constant time. Mentions come
from `actor_rules`, chains from `coref`; the gazetteers are loaded once per process.
"""

from collections import Counter
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from brinkwatch.nlp.actor_rules import (
    Mention,
    accept_place,
    add_leader,
    build_mentions,
    group_anchors,
    person_spans,
    pronoun_mentions,
)
from brinkwatch.nlp.coref import link_mentions
from brinkwatch.nlp.gazetteer import Gazetteer, Match, Place, SectorTerm, gazetteer_for
from brinkwatch.records import Actor

ORG_ROOTS = frozenset({"IGO", "NGO", "NGM"})
_SECTORED = frozenset({"capital", "igo"})

for _name in ("bw_actors", "bw_actor_index", "bw_published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class ActorsComponent:
    """Finds and resolves actor mentions; the gazetteer index is built once, in `__init__`."""

    def __init__(self, nlp: Language, name: str = "brinkwatch_actors") -> None:
        self.name = name
        self.gazetteer = gazetteer_for(nlp.tokenizer)

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_mentions(doc, self.gazetteer, doc._.bw_published)
        text = doc.text  # built by joining tokens: once per article, not per actor
        actors = [_to_actor(doc, text, m) for m in mentions if _informative(m)]
        index: dict[int, Actor] = {}
        for mention, actor in zip((m for m in mentions if _informative(m)), actors, strict=True):
            for i in range(mention.start, mention.end):
                index[i] = actor
        doc._.bw_actors = actors
        doc._.bw_actor_index = index
        return doc


@Language.factory("brinkwatch_actors")
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent(nlp, name)


def find_mentions(doc: Doc, gaz: Gazetteer, published: date | None) -> list[Mention]:
    """All actor mentions of `doc`, linked into coreference chains, in text order."""
    places, sectors, persons = _anchors(doc, gaz)
    place_at = {
        i: m.item for m in places for i in range(m.start, m.end) if isinstance(m.item, Place)
    }
    mentions: list[Mention] = []
    for head, anchors in group_anchors(doc, places, sectors, persons).items():
        mentions.extend(build_mentions(doc, doc[head], anchors, place_at))
    mentions = _without_overlaps(mentions)
    taken = [i for m in mentions for i in range(m.start, m.end)]
    mentions = sorted(mentions + pronoun_mentions(doc, taken), key=lambda m: m.start)
    for mention in mentions:
        if mention.kind == "person":
            add_leader(mention, gaz, published)
    link_mentions(doc, mentions)
    _context_country(mentions, gaz)
    return mentions


def _anchors(doc: Doc, gaz: Gazetteer) -> tuple[list[Match], list[Match], list[Span]]:
    lower = doc.to_array("LOWER").tolist()
    lemma = doc.to_array("LEMMA").tolist()
    person_at = {i: e for e in doc.ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
    places = [m for m in gaz.match_places(doc, lower) if accept_place(doc, m, person_at)]
    in_place = {i: m.item for m in places for i in range(m.start, m.end)}
    sectors = [m for m in gaz.match_sectors(lower, lemma) if _sector_ok(m, in_place)]
    titles = {m.start: m.end for m in sectors if isinstance(m.item, SectorTerm) and m.item.title}
    persons = []
    tagged = set(person_at)
    for start, end in gaz.match_people(doc, lower):
        if not any(i in tagged or i in in_place for i in range(start, end)):
            persons.append(doc[start:end])  # a leader's name the tagger missed
    for span in person_spans(doc, places):
        start = span.start
        while start in titles and titles[start] < span.end:
            start = titles[start]  # "General Kim" tagged as one name: the title is not part of it
        if not any(i in in_place for i in range(start, span.end)):
            persons.append(doc[start : span.end])
    return places, sectors, sorted(persons, key=lambda p: p.start)


def _sector_ok(match: Match, in_place: dict[int, Place | SectorTerm]) -> bool:
    assert isinstance(match.item, SectorTerm)
    """A sector word inside a name counts only on a capital or an organisation's office
    ("the Pentagon" -> defence, "UN Secretary-General" -> its executive)."""
    for i in range(match.start, match.end):
        place = in_place.get(i)
        if place is None:
            continue
        if not isinstance(place, Place) or place.kind not in _SECTORED:
            return False
        if place.kind == "igo" and not match.item.title:  # "European Union" is not a trade union
            return False
    return True


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _context_country(mentions: list[Mention], gaz: Gazetteer) -> None:
    """A titled person with no country takes the country the article is mostly about."""
    counts = Counter(m.country for m in mentions if m.country and m.country not in ORG_ROOTS)
    if not counts:
        return
    country = counts.most_common(1)[0][0]
    entry = gaz.countries.get(country)
    for mention in mentions:
        if mention.kind == "person" and mention.sector and mention.country is None:
            mention.country = country
            mention.code_root = entry.code if entry else country


def _informative(mention: Mention) -> bool:
    if mention.kind == "pronoun" and mention.entity is None:
        return False
    return bool(mention.name or mention.country or mention.sector)


def _to_actor(doc: Doc, text: str, mention: Mention) -> Actor:
    first, last = doc[mention.start], doc[mention.end - 1]
    start, end = first.idx, last.idx + len(last.text)
    return Actor(
        text=text[start:end],
        start=start,
        end=end,
        name=mention.name,
        code=_code(mention),
        country=mention.country,
        sector=mention.sector[:3] if mention.sector else None,
        role=mention.role,
        entity=f"E{mention.entity}" if mention.entity is not None else None,
    )


def _code(mention: Mention) -> str | None:
    """The CAMEO actor code: country + agent code(s) ("USAGOV"); an organisation's own code."""
    root, sector = mention.code_root, mention.sector or ""
    if root is None:
        return sector or None
    if mention.country in ORG_ROOTS:
        return root
    return root + sector


def actor_for_token(doc: Doc, token: Token) -> Actor | None:
    """The resolved actor whose mention contains `token` (pronouns included), or None."""
    index = doc._.bw_actor_index
    return index.get(token.i) if index else None


def actor_for_span(doc: Doc, start_char: int, end_char: int) -> Actor | None:
    """The actor best covering a character span, preferring the mention of the span's head."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is not None and len(span):
        found = actor_for_token(doc, span.root)
        if found is not None:
            return found
    best, overlap = None, 0
    for actor in doc._.bw_actors or ():
        shared = min(end_char, actor.end) - max(start_char, actor.start)
        if shared > overlap:
            best, overlap = actor, shared
    return best


def resolve_phrase(
    nlp: Language, text: str, *, context: str = "", published: date | None = None
) -> Actor | None:
    """Resolve a short actor phrase ("Iraqi soldiers", "the Kremlin") to one `Actor`.

    The phrase is parsed on its own; the mention holding its syntactic head wins, else the
    longest one. `context` (a sentence or a country name) supplies a missing country.
    """
    actor = _best_actor(_parse(nlp, text, published))
    if actor is None or actor.country is not None or not context.strip():
        return actor
    hint = _best_actor(_parse(nlp, context, published))
    if hint is None or hint.country is None:
        return actor
    code = (
        (hint.code or "")[:3] + (actor.sector or "") if hint.country not in ORG_ROOTS else hint.code
    )
    return Actor(
        actor.text, actor.start, actor.end, actor.name, code, hint.country, actor.sector,
        actor.role, actor.entity,
    )  # fmt: skip


def _parse(nlp: Language, text: str, published: date | None) -> Doc:
    doc = nlp.make_doc(text)
    for name, pipe in nlp.pipeline:
        if not name.startswith("brinkwatch_"):
            doc = pipe(doc)
    doc._.bw_published = published
    component = (
        nlp.get_pipe("brinkwatch_actors")
        if "brinkwatch_actors" in nlp.pipe_names
        else ActorsComponent(nlp)
    )
    return component(doc)


def _best_actor(doc: Doc) -> Actor | None:
    actors = doc._.bw_actors or []
    if not actors:
        return None
    root = next(iter(doc.sents)).root
    return actor_for_token(doc, root) or max(actors, key=lambda a: a.end - a.start)
