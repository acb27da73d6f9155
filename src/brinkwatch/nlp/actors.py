"""The `brinkwatch_actors` component: every actor mention of an article, resolved to CAMEO codes.

Sets `doc._.bw_actors` (a list of `Actor` in text order) and `doc._.bw_actor_index` (token index
→ `Actor`), which `actor_for_token` and `actor_for_span` read in constant time. Mentions come
from `actor_rules`, chains from `coref`; the gazetteers are loaded once per process.
"""

import dataclasses
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from brinkwatch.nlp.actor_rules import (
    ORG_ROOTS,
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
from brinkwatch.nlp.person_context import place_persons
from brinkwatch.nlp.plover_sectors import plover_sector
from brinkwatch.records import Actor

_SECTORED = frozenset({"capital", "igo"})
# a sector noun's lemma reached from another word class: "a firmer response", "the move forces"
_NOT_NOUN_FORMS = frozenset({"JJR", "JJS", "RBR", "RBS", "VBD", "VBZ", "VBP"})

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
        kept = [m for m in mentions if _informative(m)]
        actors = [_to_actor(doc, m) for m in kept]
        index: dict[int, Actor] = {}
        for mention, actor in zip(kept, actors, strict=True):
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
    # the countries the article names decide between people of the same name
    countries = frozenset(m.country for m in mentions if m.country and m.kind != "person")
    for mention in mentions:
        if mention.kind == "person":
            add_leader(mention, gaz, published, countries)
    link_mentions(doc, mentions)
    place_persons(doc, mentions, gaz.country_code)
    return mentions


def _anchors(doc: Doc, gaz: Gazetteer) -> tuple[list[Match], list[Match], list[Span]]:
    lower = doc.to_array("LOWER").tolist()
    lemma = doc.to_array("LEMMA").tolist()
    ents = doc.ents  # a new tuple of Spans on every access: read once
    person_at = {i: e for e in ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
    places = [m for m in gaz.match_places(doc, lower) if accept_place(doc, m, person_at)]
    in_place = {i: m.item for m in places for i in range(m.start, m.end)}
    sectors = [
        m
        for m in gaz.match_sectors(lower, lemma)
        if _sector_ok(m, in_place) and doc[m.end - 1].tag_ not in _NOT_NOUN_FORMS
    ]
    titles = {m.start: m.end for m in sectors if isinstance(m.item, SectorTerm) and m.item.title}
    persons = []
    tagged = set(person_at)
    known = list(gaz.match_people(doc, lower)) + _kb_names(doc, gaz, titles, in_place)
    for start, end in known:
        if not any(i in tagged or i in in_place for i in range(start, end)):
            persons.append(doc[start:end])  # a leader's name the tagger missed
    for span in person_spans(ents, places):
        start, end = span.start, span.end
        while start in titles and titles[start] < end:
            start = titles[start]  # "General Kim" tagged as one name: the title is not part of it
        for k_start, k_end in known:  # the tagger cut a known name short ("Jean-Yves Le| Drian")
            if k_start < end and start < k_end:
                start, end = min(start, k_start), max(end, k_end)
        if not any(i in in_place for i in range(start, end)):
            persons.append(doc[start:end])
    persons += _short_names(doc, persons, in_place)
    return places, sectors, sorted(persons, key=lambda p: p.start)


def _short_names(
    doc: Doc, persons: list[Span], in_place: dict[int, Place | SectorTerm]
) -> list[Span]:
    """A proper noun repeating the surname (or a short family name written first: "Xi") of a
    person named earlier, which the tagger did not read as a person ("Nabiullina" tagged GPE);
    coreference then joins it to that person."""
    first_seen: dict[str, int] = {}
    for span in persons:
        words = [t for t in span if t.is_alpha]
        if len(words) < 2:
            continue
        first_seen.setdefault(words[-1].lower_, span.end)
        if len(words[0]) <= 4:
            first_seen.setdefault(words[0].lower_, span.end)
    if not first_seen:
        return []
    covered = {i for span in persons for i in range(span.start, span.end)}
    keys = {doc.vocab.strings[w]: end for w, end in first_seen.items()}
    lower = doc.to_array("LOWER").tolist()
    found = []
    for i, word in enumerate(lower):
        if keys.get(word, len(doc)) > i or i in covered or i in in_place:
            continue
        token = doc[i]
        if token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.is_title):
            found.append(doc[i : i + 1])
    return found


def _kb_names(
    doc: Doc, gaz: Gazetteer, titles: dict[int, int], in_place: dict[int, Place | SectorTerm]
) -> list[tuple[int, int]]:
    """Runs of proper nouns (titles left out) that name a known person, whether or not the
    tagger saw a person there (a given name tagged a place and the surname a person)."""
    words = _name_words(doc)
    found = []
    i, n = 0, len(doc)
    while i < n:
        if not words[i]:
            i += 1
            continue
        j = i
        while j < n and words[j]:
            j += 1
        start = i
        while start in titles and titles[start] < j:
            start = titles[start]
        if (
            2 <= j - start <= 6
            and not any(k in in_place for k in range(start, j))
            and gaz.person_form(doc[start:j].text) is not None
        ):
            found.append((start, j))
        i = j
    return found


def _name_words(doc: Doc) -> list[bool]:
    """Which tokens are words of a name: proper nouns, and a hyphen or apostrophe joining two
    with no space ("Kassym-Jomart"). Read from arrays: a Token per word costs more."""
    propn = doc.vocab.strings["PROPN"]
    pos = [p == propn for p in doc.to_array("POS").tolist()]
    for i in range(1, len(doc) - 1):
        if not pos[i] and pos[i - 1] and pos[i + 1] and doc[i].text in ("-", "'"):
            pos[i] = not doc[i - 1].whitespace_ and not doc[i].whitespace_
    return pos


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


def _informative(mention: Mention) -> bool:
    if mention.kind == "pronoun" and mention.entity is None:
        return False
    return bool(mention.name or mention.country or mention.sector or mention.plover)


def _to_actor(doc: Doc, mention: Mention) -> Actor:
    # the span's own text: joining a few tokens per actor is cheaper than `doc.text` per article
    span = doc[mention.start : mention.end]
    start, end = span.start_char, span.end_char
    return Actor(
        text=span.text,
        start=start,
        end=end,
        name=mention.name,
        code=_code(mention),
        country=mention.country,
        sector=mention.sector[:3] if mention.sector else None,
        role=mention.role,
        entity=f"E{mention.entity}" if mention.entity is not None else None,
        plover_sector=_plover_sector(mention),
    )


def _plover_sector(mention: Mention) -> str | None:
    """Our knowledge's PLOVER sector while the CAMEO code it came with stands, else the CAMEO
    code's PLOVER counterpart (a paramilitary later called "former …" is ELI in both)."""
    if mention.plover and mention.plover_of == mention.sector:
        return mention.plover
    return plover_sector(mention.sector)


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
    nlp: Language,
    text: str,
    *,
    context: str = "",
    published: date | None = None,
    known_country: str | None = None,
) -> Actor | None:
    """Resolve a short actor phrase ("Iraqi soldiers", "the Kremlin") to one `Actor`.

    The phrase is parsed on its own; the mention holding its syntactic head wins, else the most
    informative one. A missing country comes from `known_country` (ISO3), else from `context` (a
    sentence or a country name). A phrase that resolves to neither a country nor a sector (a
    name no table of ours holds, "a demand") gives None rather than a guess.
    """
    actor = _best_actor(_parse(nlp, text, published))
    if actor is None and context.strip():  # a surname or pronoun: read after its context
        actor = _in_context(nlp, text, context, published)
    if actor is not None and actor.country is None:
        hint = _country_hint(nlp, context, published, known_country)
        if hint is not None:
            country, root = hint
            code = root if country in ORG_ROOTS else root[:3] + (actor.sector or "")
            actor = dataclasses.replace(actor, code=code, country=country)
    return actor if actor is not None and _informative_actor(actor) > 0 else None


def _informative_actor(actor: Actor) -> int:
    """How much an actor tells: a country, a sector in either codebook."""
    return bool(actor.country) + bool(actor.sector or actor.plover_sector)


def _in_context(nlp: Language, text: str, context: str, published: date | None) -> Actor | None:
    """The phrase's actor when it follows its context ("Elvira Nabiullina spoke." + "Nabiullina"), so
    coreference can reach an earlier full mention; None unless that gives it a country."""
    offset = len(context.rstrip()) + 1
    doc = _parse(nlp, context.rstrip() + " " + text, published)
    found = [a for a in doc._.bw_actors or () if a.start >= offset]
    best = max(found, key=lambda a: (_informative_actor(a), a.end - a.start), default=None)
    return best if best is not None and best.country else None


def _country_hint(
    nlp: Language, context: str, published: date | None, known_country: str | None
) -> tuple[str, str] | None:
    """(country, code root) that the caller knows or the context names, if any."""
    if known_country:
        entry = gazetteer_for(nlp.tokenizer).countries.get(known_country.upper())
        return (entry.country, entry.code) if entry else None
    if not context.strip():
        return None
    hint = _best_actor(_parse(nlp, context, published))
    if hint is None or hint.country is None or hint.code is None:
        return None
    return hint.country, hint.code


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
    found = actor_for_token(doc, root)
    if found is None:  # the most informative mention, then the longest
        found = max(actors, key=lambda a: (_informative_actor(a), a.end - a.start))
    return found
