"""Actor mentions from one parsed article: gazetteer hits, sector nouns and PERSON entities are
grouped by the noun phrase they belong to, and each phrase becomes one `Mention`.

"senior Russian Foreign Ministry official Grigory Logvinov" is one phrase headed by "Logvinov":
a person, with "Russian" giving the country and "Foreign Ministry official" the sector and role.
"two U.S. stealth bombers" is headed by a sector noun; "Moscow" by a capital; "Russia's eastern
borders" is headed by a word that is no actor, so only "Russia" becomes a mention.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from brinkwatch.nlp.gazetteer import Gazetteer, Match, Place, SectorTerm
from brinkwatch.nlp.knowledge import CURRENT, LATER

_MOD_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nummod"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_PRONOUNS = frozenset({"he", "she", "him", "her", "it", "they", "them", "we", "us"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "we", "us"})
_DEFINITE = frozenset({"the", "this", "that"})
# Roles of single people that a definite description ("the official") can refer back to.
_PERSON_ROLES = frozenset(
    {"official", "spokesperson", "diplomat", "envoy", "negotiator", "leader", "commander"}
)
_NOT_IN_PHRASE = frozenset({"VERB", "AUX", "ADP", "PUNCT", "SPACE", "CCONJ", "SCONJ", "PART"})
_FORMER = frozenset({"former", "ex", "retired", "erstwhile"})
_SKIP_ROLE_WORDS = frozenset({"the", "a", "an", "this", "that", "'s", "’s", ",", "former"})
# "ordinary Russians" are the country's people (CVL), not the country itself.
_CIVILIAN_MODIFIERS = frozenset({"ordinary", "average", "common", "local", "young", "elderly"})
# Sector nouns that, used as adjectives, mean something else ("official residence", "official visit").
# organisations, not countries, in an actor's `country` field (as igos.tsv writes them)
ORG_ROOTS = frozenset({"IGO", "NGO", "NGM"})
_ADJECTIVE_SENSES = frozenset(
    {"official", "christian", "muslim", "buddhist", "hindu", "catholic", "protestant", "sikh",
     "sunni", "shiite", "shia", "jewish", "islamic", "druze", "coptic"}
)  # fmt: skip
# Prepositions whose object tells a sector noun's country ("the President of the United States",
# "a professor at Oxford University"); "in" only for civilians ("people in the UK"): troops in a
# country are rarely its troops.
_OWNER_PREPS = frozenset({"of", "at", "from"})
_CIVILIAN_PREPS = frozenset({"of", "at", "from", "in"})
# Sectors of people who belong where they are, so "in X" tells their country ("Christian leaders
# in Nigeria", "students in Iran", "the displaced in Gaza"); troops or envoys in X are not X's.
_PEOPLE_OF_PLACE = frozenset(
    {"CVL", "REL", "EDU", "LAB", "AGR", "HLH", "BUD", "CHR", "MOS", "HIN", "JEW", "CTH", "PRO",
     "SIK", "SUN", "SHI", "DRZ", "CPT", "COP", "JUD", "LEG", "OPP", "HRI", "ENV"}
)  # fmt: skip
# Offices and bodies that exist only inside their country, so "in X" tells it too ("the junta in
# Myanmar", "county governors in Kenya", "the transitional government in Chad"); officials at large
# are not among them ("officials in Iraq" may be anyone's) unless a word makes them local.
_LOCAL_ROLES = frozenset(
    {"displaced person", "governor", "deputy governor", "mayor", "junta", "chief minister",
     "deputy chief minister", "local official", "government", "presidency", "cabinet"}
)  # fmt: skip
_LOCAL_MODIFIERS = frozenset(
    {"local", "regional", "provincial", "municipal", "district", "county", "state", "city"}
)


@dataclass(slots=True)
class Mention:
    """A mention being resolved (mutable working state; `actors.py` freezes it into `Actor`)."""

    start: int  # token offsets, end exclusive
    end: int
    head: int
    kind: str  # person | group | place | pronoun | description
    name: str | None = None
    country: str | None = None  # ISO3 or IGO/NGO/NGM
    code_root: str | None = None  # CAMEO country or organisation code
    sector: str | None = None  # full CAMEO agent code, may be composite (GOVMIL)
    role: str | None = None
    # a PLOVER sector our knowledge names (PRM, UNK, PRE), valid while `sector` is still the
    # CAMEO code it came with (`plover_of`); else the PLOVER sector follows the CAMEO code
    plover: str | None = None
    plover_of: str | None = None
    plural: bool = False
    person_like: bool = False  # a sector noun naming one person ("the official")
    entity: int | None = None


@dataclass(slots=True)
class Anchors:
    """Everything found in one noun phrase, before deciding what the phrase is."""

    places: list[Match]
    sectors: list[Match]
    person: Span | None = None


def np_head(token: Token) -> Token:
    """The head noun of the phrase `token` modifies (itself when it heads one)."""
    while token.dep_ in _MOD_DEPS and token.head.i > token.i and token.head.pos_ in _NOMINAL:
        token = token.head
    return token


def phrase_start(doc: Doc, head: Token) -> int:
    """First token of `head`'s phrase: its left edge (a parse never crosses sentences), without
    leading punctuation or words of the clause around it."""
    start = head.left_edge.i
    while start < head.i and (doc[start].pos_ in _NOT_IN_PHRASE or doc[start].is_punct):
        start += 1
    return start


def accept_place(doc: Doc, match: Match, persons: dict[int, Span]) -> bool:
    """Reject a gazetteer hit that is part of a person's name or an ambiguous common word."""
    place = match.item
    assert isinstance(place, Place)
    ent = persons.get(match.start)
    if ent is not None and (ent.start < match.start or ent.end > match.end):
        return False
    if not place.ambiguous:
        return True
    follows = doc[match.end].lower_ if match.end < len(doc) else ""
    if ent is not None:
        return follows in ("'s", "’s")
    return doc[match.start].pos_ == "PROPN" or doc[match.start].ent_type_ in ("GPE", "NORP")


def person_spans(ents: Sequence[Span], places: list[Match]) -> list[Span]:
    """PERSON entities that are not outlets or places mis-tagged as people ("Xinhua said")."""
    taken = {(m.start, m.end) for m in places}
    spans = []
    for ent in ents:
        if ent.label_ != "PERSON" or (ent.start, ent.end) in taken:
            continue
        end = ent.end - 1 if ent[-1].lower_ in ("'s", "’s") else ent.end
        if end > ent.start:
            spans.append(ent.doc[ent.start : end])
    return spans


def group_anchors(
    doc: Doc, places: list[Match], sectors: list[Match], persons: list[Span]
) -> dict[int, Anchors]:
    """Anchors keyed by the index of the phrase head they belong to."""
    groups: dict[int, Anchors] = {}
    for match in places:
        _group(groups, np_head(doc[match.end - 1]).i).places.append(match)
    for match in sectors:  # a phrase's own head: "Department of National Defense" is a department
        root = (
            doc[match.start : match.end].root if match.end - match.start > 1 else doc[match.start]
        )
        _group(groups, np_head(root).i).sectors.append(match)
    for span in persons:
        _group(groups, np_head(span.root).i).person = span
    return groups


def _group(groups: dict[int, Anchors], head: int) -> Anchors:
    if head not in groups:
        groups[head] = Anchors([], [])
    return groups[head]


def build_mentions(
    doc: Doc, head: Token, anchors: Anchors, place_at: dict[int, Place]
) -> list[Mention]:
    """The mentions one phrase gives: one for an actor phrase, else its named parts."""
    start = phrase_start(doc, head)
    person = anchors.person
    if person is not None and person.start <= head.i < person.end:
        return [_person(doc, start, head, person, anchors)]
    head_sector = next((m for m in anchors.sectors if m.start <= head.i < m.end), None)
    if head_sector is not None and _term(head_sector).craft:
        # a craft says less than its owner: "a Chinese coast guard ship" is the coast guard
        owners = [m for m in anchors.sectors if m.end - 1 < head.i and not _term(m).craft]
        head_sector = owners[-1] if owners else head_sector
    head_place = next((m for m in anchors.places if m.start <= head.i < m.end), None)
    if head_place is not None:
        return [_place(start, head, head_place, head_sector)]
    if head_sector is not None:
        group = _group_mention(doc, start, head, head_sector, anchors, place_at)
        group.end = max(group.end, head_sector.end)  # "… Department of National Defense"
        return [group]
    return _parts(doc, start, head, anchors, place_at)


def _term(match: Match) -> SectorTerm:
    assert isinstance(match.item, SectorTerm)
    return match.item


def set_sector(mention: Mention, sector: str | None, plover: str | None = None) -> None:
    """The mention's CAMEO agent code and the PLOVER sector that comes with it, if any."""
    mention.sector = sector or None
    mention.plover, mention.plover_of = (plover, mention.sector) if plover else (None, None)


def _person(doc: Doc, start: int, head: Token, person: Span, anchors: Anchors) -> Mention:
    end = max(head.i + 1, person.end)
    mention = Mention(start, end, head.i, "person", name=person.text)
    before = [m for m in anchors.places if m.end <= person.start and m.place.kind != "media"]
    if before:
        _set_place(mention, before[-1].place)
    titles = [m for m in anchors.sectors if m.end <= person.start]
    if titles:
        term = _term(titles[0])  # the office before any rank: "Deputy Minister ... General X"
        set_sector(mention, term.sector, term.plover)
        skip = {i for m in before for i in range(m.start, m.end)}
        mention.role = _role_text(doc, start, person.start, term, skip)
    _mark_former(doc, mention, start, person.start)
    return mention


def _mark_former(doc: Doc, mention: Mention, start: int, end: int) -> None:
    """A former office holder is one of CAMEO's elites (ELI), no longer the office (GOV...).
    The search starts at the phrase's left edge: "retired" is often tagged a verb and so is not
    part of the mention's own words."""
    start = min(start, doc[mention.head].left_edge.i)
    if any(t.lower_ in _FORMER for t in doc[start:end]):
        mention.sector = "ELI"
        mention.kind = "person" if mention.kind == "person" else "group"


def _role_text(doc: Doc, start: int, end: int, term: SectorTerm, skip: set[int]) -> str | None:
    """The words naming a person's office: "senior Foreign Ministry official", "president"."""
    words = [
        t
        for t in doc[start:end]
        if t.i not in skip and t.lower_ not in _SKIP_ROLE_WORDS and not t.like_num
    ]
    if not words:
        return term.role
    text = "".join(t.text_with_ws for t in words).strip()
    return text.lower() if text.lower() == term.term.lower() else text


def _place(start: int, head: Token, match: Match, head_sector: Match | None) -> Mention:
    place = match.item
    assert isinstance(place, Place)
    # A place with its own words ("the Kremlin") spans the phrase; "Russia's" in a longer one not.
    mention = Mention(start, head.i + 1, head.i, "place")
    _set_place(mention, place)
    if place.kind in ("capital", "igo") and head_sector is not None:
        # the Pentagon: defence, not the whole government; the UN Secretary-General: its executive
        set_sector(mention, _term(head_sector).sector, _term(head_sector).plover)
        mention.role = _term(head_sector).role
    mention.plural = head.tag_ in ("NNS", "NNPS")
    if place.kind == "adjective" and any(c.lower_ in _CIVILIAN_MODIFIERS for c in head.lefts):
        mention.sector, mention.role = "CVL", "civilian"
    return mention


def _belongs_where_it_is(head: Token, term: SectorTerm) -> bool:
    """Whether "in X" after this sector noun names its own country (see `_LOCAL_ROLES`)."""
    if term.sector in _PEOPLE_OF_PLACE or term.role in _LOCAL_ROLES:
        return True
    return term.sector == "GOV" and any(c.lower_ in _LOCAL_MODIFIERS for c in head.lefts)


def _set_place(mention: Mention, place: Place) -> None:
    mention.country = place.country
    mention.code_root = place.code
    if place.kind == "igo" and mention.name is None:
        mention.name = place.name
    if place.plover and mention.sector is None and mention.plover is None:
        set_sector(mention, place.sector, place.plover)
    if place.sector and mention.sector is None:
        set_sector(mention, place.sector, place.plover)
        if place.kind == "media":
            mention.name = place.name


def _group_mention(
    doc: Doc, start: int, head: Token, match: Match, anchors: Anchors, place_at: dict[int, Place]
) -> Mention:
    term = match.item
    assert isinstance(term, SectorTerm)
    kind = "description" if doc[start].lower_ in _DEFINITE else "group"
    mention = Mention(start, head.i + 1, head.i, kind, role=term.role)
    set_sector(mention, term.sector, term.plover)
    mention.plural = head.tag_ in ("NNS", "NNPS")
    mention.person_like = (term.title or term.role in _PERSON_ROLES) and not mention.plural
    local = _belongs_where_it_is(head, term)
    place = _modifier_place(head, anchors.places, place_at, local)
    if place is None:  # a name the parse hung elsewhere ("U.S. Air Force B-52 bombers")
        place = next((place_at[i] for i in range(head.i - 1, start - 1, -1) if i in place_at), None)
    if place is not None:
        mention.kind = "group"
        mention.country, mention.code_root = place.country, place.code
        if place.kind == "igo":
            mention.name = place.name
        if place.kind == "institution" and place.sector and term.sector == "GOV" and not term.title:
            # a CIA official is intelligence, not government at large
            set_sector(mention, place.sector, place.plover)
    _mark_former(doc, mention, start, head.i)
    return mention


def _modifier_place(
    head: Token, places: list[Match], place_at: dict[int, Place], civilian: bool = False
) -> Place | None:
    """The country or organisation a sector noun belongs to: a modifier, else the first place
    in a prepositional phrase after it ("of the United States", "at Oxford University in ...")."""
    before = [m for m in places if m.end <= head.i + 1]
    if before:
        place = before[-1].item
        assert isinstance(place, Place)
        return place
    preps = _CIVILIAN_PREPS if civilian else _OWNER_PREPS
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in preps:
            found = next((place_at[t.i] for t in child.subtree if t.i in place_at), None)
            if found is not None and found.kind != "adjective":
                return found
    return None


def _parts(
    doc: Doc, start: int, phrase_head: Token, anchors: Anchors, place_at: dict[int, Place]
) -> list[Mention]:
    """A phrase headed by a non-actor word: its named parts alone, or, when a sector noun
    modifies the head ("Minsk police station", "U.S. military bases"), that sector's actor."""
    mentions = []
    places = [m for m in anchors.places if m.place.kind != "adjective"]
    sectors = [m for m in anchors.sectors if not _adjective_sense(doc, m)]
    if sectors and anchors.person is None:
        last = sectors[-1]
        head = doc[last.end - 1]
        group = _group_mention(doc, start, head, last, anchors, place_at)
        group.kind, group.end, group.head = "group", phrase_head.i + 1, phrase_head.i
        return [group]
    for match in places:
        place = match.item
        assert isinstance(place, Place)
        mention = Mention(match.start, match.end, match.end - 1, "place")
        _set_place(mention, place)
        mentions.append(mention)
    if anchors.person is not None:
        span = anchors.person
        mentions.append(Mention(span.start, span.end, span.end - 1, "person", name=span.text))
    return mentions


def _adjective_sense(doc: Doc, match: Match) -> bool:
    token = doc[match.start]
    return (
        match.end - match.start == 1 and token.pos_ == "ADJ" and token.lower_ in _ADJECTIVE_SENSES
    )


def pronoun_mentions(doc: Doc, taken: Iterable[int]) -> list[Mention]:
    """Personal pronouns that may refer to an actor (resolved later by coreference)."""
    used = set(taken)
    prp = doc.vocab.strings["PRP"]
    tags = doc.to_array("TAG").tolist()
    found = []
    for i, tag in enumerate(tags):
        if tag == prp and i not in used and (word := doc[i].lower_) in _PRONOUNS:
            found.append(Mention(i, i + 1, i, "pronoun", plural=word in _PLURAL_PRONOUNS))
    return found


def add_leader(
    mention: Mention,
    gaz: Gazetteer,
    published: date | None,
    countries: frozenset[str] = frozenset(),
) -> None:
    """Country and office of a known office holder on the article's date: our leader table and
    the knowledge base; a former holder is an elite (ELI); a name several countries' people
    share is decided by the countries the article names, else left alone."""
    if mention.name is None:
        return
    holding, state = gaz.person(mention.name, published, countries)
    if holding is None:
        return
    if len(holding.name) > len(mention.name):
        mention.name = holding.name  # "Putin" -> "Vladimir Putin"
    if mention.country is None:
        mention.country = holding.country
        mention.code_root = gaz.country_code(holding.country)
    if mention.sector is None and state != LATER:
        mention.sector = holding.sector if state == CURRENT else "ELI"
    if mention.role is None and state == CURRENT:
        mention.role = holding.office
