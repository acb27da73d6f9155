"""The actor gazetteers, loaded once and indexed by token sequence.

Surface forms from `data/gazetteers/*.tsv` are tokenised with the pipeline's own tokenizer and
keyed by the tuple of their tokens' lower-case hashes, so a `Doc` is matched with one dict lookup
per candidate length at tokens whose first word starts some entry. Abbreviations (all capitals,
"U.S.", "UN") match case-sensitively so "us" and "who" are not countries or organisations.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import spacy.about
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from brinkwatch.datafiles import data_path, gc_paused, read_tsv
from brinkwatch.diskcache import cached
from brinkwatch.errors import DataFileError
from brinkwatch.nlp import gazetteer_records, knowledge, plover_sectors
from brinkwatch.nlp.gazetteer_records import Leader, Match, Place, SectorTerm
from brinkwatch.nlp.knowledge import Holding, KnowledgeBase, choose, name_key, with_own
from brinkwatch.nlp.plover_sectors import check_plover_code

Key = tuple[int, ...]
_MAX_TOKENS = 10


@dataclass(slots=True)
class Gazetteer:
    """Token-sequence indexes over the place, organisation, outlet, sector and leader tables."""

    places: dict[Key, Place] = field(default_factory=dict)
    sectors: dict[Key, SectorTerm] = field(default_factory=dict)
    leaders: dict[str, list[Leader]] = field(default_factory=dict)
    starts: set[int] = field(default_factory=set)  # first-token hashes of any entry
    sector_starts: set[int] = field(default_factory=set)
    countries: dict[str, Place] = field(default_factory=dict)  # iso3 -> country entry
    people: dict[Key, str] = field(default_factory=dict)  # leader name forms, as token keys
    people_starts: set[int] = field(default_factory=set)
    kb: KnowledgeBase | None = None  # office holders from open data (nlp/knowledge.py)

    def country_code(self, iso: str) -> str:
        """The CAMEO code root of a country (its ISO code when the table has none)."""
        entry = self.countries.get(iso)
        return entry.code if entry else iso

    def leader(self, name: str, when: date | None) -> Leader | None:
        """The office `name` held on `when` (the latest term when `when` is None)."""
        terms = self.leaders.get(name_key(name))
        if not terms:
            return None
        if when is None:  # undated text: the latest office, current only if it has not ended
            return max(terms, key=lambda t: t.start)
        current = [t for t in terms if t.start <= when and (t.end is None or when < t.end)]
        if current:
            return max(current, key=lambda t: t.start)
        past = [t for t in terms if t.end is not None and t.end <= when]
        return max(past, key=lambda t: t.start) if past else None

    def person(
        self, name: str, when: date | None, countries: frozenset[str] = frozenset()
    ) -> tuple[Holding | None, str]:
        """The office `name` holds on `when` and its state (knowledge.choose): our own leader
        table first; the knowledge base adds the terms of the same person (same country)."""
        form = self.person_form(name) or name
        own = [_as_holding(t) for t in self.leaders.get(name_key(form), ())]
        found = self.kb.lookup(form) if self.kb is not None else ()
        return choose(with_own(own, found), when, countries)

    def person_form(self, name: str) -> str | None:
        """The form under which a name is known: itself, else without its first or last word
        ("Minister Anton Siluanov", a name written with one more family name), if any."""
        words = name.split()
        forms = [name]
        if len(words) >= 3:
            forms += [" ".join(words[:-1]), " ".join(words[1:])]
        for form in forms:
            if name_key(form) in self.leaders or (self.kb is not None and self.kb.lookup(form)):
                return form
        return None

    def match_places(self, doc: Doc, lower: list[int]) -> Iterator[Match]:
        """Longest place matches, left to right, non-overlapping."""
        i, n = 0, len(lower)
        while i < n:
            if lower[i] in self.starts:
                for size in range(min(_MAX_TOKENS, n - i), 0, -1):
                    place = self.places.get(tuple(lower[i : i + size]))
                    if place is not None and _case_ok(doc, i, size, place):
                        yield Match(i, i + size, place)
                        i += size - 1
                        break
            i += 1

    def match_people(self, doc: Doc, lower: list[int]) -> Iterator[tuple[int, int]]:
        """Known leaders' names written in capitals, as token ranges (for untagged names)."""
        for i, word in enumerate(lower):
            if word not in self.people_starts:
                continue
            for size in range(min(_MAX_TOKENS, len(lower) - i), 0, -1):
                if tuple(lower[i : i + size]) in self.people and doc[i].text[:1].isupper():
                    yield i, i + size
                    break

    def match_sectors(self, lower: list[int], lemma: list[int]) -> Iterator[Match]:
        """Longest sector-term matches; the last word may match by lemma (plurals)."""
        i, n = 0, len(lower)
        while i < n:
            if lower[i] in self.sector_starts or lemma[i] in self.sector_starts:
                found = self._sector_at(lower, lemma, i, n)
                if found is not None:
                    yield found
                    i = found.end - 1
            i += 1

    def _sector_at(self, lower: list[int], lemma: list[int], i: int, n: int) -> Match | None:
        for size in range(min(_MAX_TOKENS, n - i), 0, -1):
            words = tuple(lower[i : i + size])
            term = self.sectors.get(words) or self.sectors.get((*words[:-1], lemma[i + size - 1]))
            if term is not None:
                return Match(i, i + size, term)
        return None


def _as_holding(term: Leader) -> Holding:
    return Holding(term.name, term.country, term.sector, term.role, term.start, term.end,
                   "leaders.tsv")  # fmt: skip


def _case_ok(doc: Doc, i: int, size: int, place: Place) -> bool:
    if place.surface is not None:
        return doc[i : i + size].text == place.surface
    if place.capitals is not None and len(place.capitals) == size:
        return all(doc[i + k].text[:1].isupper() for k, cap in enumerate(place.capitals) if cap)
    return doc[i + size - 1].text[:1].isupper()  # "the Kremlin": the name's own word decides


def _needs_case(form: str) -> bool:
    """Abbreviations and all-capital forms must match as written ("US" but not "us")."""
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and (all(c.isupper() for c in letters) or "." in form) and len(form) <= 8


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def _strip_article(form: str) -> str:
    return form[4:] if form.lower().startswith("the ") and len(form) > 4 else form


def _plain(word: str, special: frozenset[str]) -> bool:
    return word.isascii() and word.isalpha() and word not in special


class _Builder:
    def __init__(self, tokenizer: Tokenizer, *, shortcut: bool = True) -> None:
        self.tokenizer = tokenizer
        self.gaz = Gazetteer()
        # words the tokenizer splits or rewrites ("cannot"); None: always ask the tokenizer
        self.special = frozenset(tokenizer.rules or ()) if shortcut else None

    def key(self, form: str) -> Key:
        """The form's lower-cased token ids, as the tokenizer splits it. Plain ASCII words between
        single spaces are split as they stand (without a Doc per form: half the start-up time of
        this table); anything else goes through the tokenizer."""
        words = form.split(" ")
        if self.special is not None and all(_plain(w, self.special) for w in words):
            strings = self.tokenizer.vocab.strings
            return tuple(strings.add(w.lower()) for w in words)
        return tuple(t.lower for t in self.tokenizer(form))

    def add_place(self, form: str, place: Place) -> None:
        if place.kind != "media":  # "The Times" needs its article; "the Kremlin" does not
            form = _strip_article(form)
        surface = form if _needs_case(form) else None
        key = self.key(form)
        entry = place if surface is None else _with_surface(place, surface)
        words = [t.text for t in self.tokenizer(form)]
        if surface is None and words and words[-1][:1].islower():
            entry = dataclasses.replace(place, capitals=tuple(w[:1].isupper() for w in words))
        known = self.gaz.places.get(key)
        if not key or (known is not None and not _same_name(known, entry)):
            return  # first row wins: files are loaded by priority
        self.gaz.places[key] = entry if known is None or entry.capitals else known
        self.gaz.starts.add(key[0])

    def add_sector(self, form: str, term: SectorTerm) -> None:
        key = self.key(form)
        if key and key not in self.gaz.sectors:
            self.gaz.sectors[key] = term
            self.gaz.sector_starts.add(key[0])


def _same_name(known: Place, entry: Place) -> bool:
    """The same body under a lower-case alias ("Peacekeepers", "peacekeepers")."""
    return known.code == entry.code and known.kind == entry.kind and known.surface is None


def _with_surface(place: Place, surface: str) -> Place:
    return dataclasses.replace(place, surface=surface, capitals=None)


def _rows(name: str) -> Iterable[tuple[Path, int, dict[str, str]]]:
    return _rows_at(f"gazetteers/{name}")


def _rows_at(relative: str) -> Iterable[tuple[Path, int, dict[str, str]]]:
    path = data_path(relative)
    for row in read_tsv(path):
        yield path, row.line, row.values


def _load_media(b: _Builder) -> None:
    for _, _, row in _rows("media.tsv"):
        place = Place("media", row["country"], row["country"], row["name"], "MED")
        for form in [row["name"], *_split(row["aliases"])]:
            b.add_place(form, place)


# CAMEO role codes that may sit between an IGO's region and organisation codes (IGOUNOHLHWHO).
_IGO_ROLES = frozenset(
    {"GOV", "MIL", "COP", "JUD", "LEG", "BUS", "DEV", "HLH", "HRI", "REF", "MED", "EDU", "ENV", "LAB",
     "AGR", "SPY", "CVL"}
)  # fmt: skip


def _igo_sector(code: str, knowngroup: str) -> str | None:
    """The role an IGO's own code states (WHO: HLH; UNRWA `IGOUNOREF`: REF); None for a bare or
    regional code. The last three letters are the organisation's own code only when it has one."""
    middle = code[3:-3] if knowngroup else code[3:]
    parts = [middle[i : i + 3] for i in range(0, len(middle), 3)]
    return next((p for p in parts if p in _IGO_ROLES), None)


def _load_igos(b: _Builder) -> None:
    for _, _, row in _rows("igos.tsv"):
        place = Place(
            "igo",
            row["country"],
            row["code"],
            row["name"],
            _igo_sector(row["code"], row["knowngroup"]),
        )
        for form in [row["name"], *_split(row["aliases"])]:
            b.add_place(form, place)


def _load_countries(b: _Builder) -> None:
    for _, _, row in _rows("countries.tsv"):
        iso, ambiguous = row["iso3"], row.get("ambiguous") == "1"
        code = row["cameo"] or iso
        country = Place("country", iso, code, row["name"], None, ambiguous)
        b.gaz.countries[iso] = country
        for kind, column, sector in (
            ("country", "aliases", None),
            ("adjective", "adjectives", None),
            ("capital", "capitals", "GOV"),
        ):
            place = Place(kind, iso, code, row["name"], sector, ambiguous)
            for form in [row["name"]] * (kind == "country") + _split(row[column]):
                b.add_place(form, place)


def _load_regions(b: _Builder) -> None:
    """World regions (CAMEO region codes): a region's code stands where a country code would."""
    for _, _, row in _rows("regions.tsv"):
        code, ambiguous = row["code"], row.get("ambiguous") == "1"
        for kind, column in (("country", "aliases"), ("adjective", "adjectives")):
            place = Place(kind, code, code, row["name"], None, ambiguous)
            for form in _split(row[column]):
                b.add_place(form, place)


def _country_code(b: _Builder, path: Path, line: int, iso: str) -> str:
    country = b.gaz.countries.get(iso)
    if country is None:
        raise DataFileError(str(path), line, f"unknown country {iso!r} (not in countries.tsv)")
    return country.code


def _load_institutions(b: _Builder) -> None:
    """Named national bodies (CIA, Knesset, Boko Haram): country and sector from one row."""
    for path, line, row in _rows("institutions.tsv"):
        code = _country_code(b, path, line, row["country"])
        place = Place("institution", row["country"], code, row["name"], row["sector"] or None,
                      plover=_plover(path, line, row))  # fmt: skip
        for form in [row["name"], *_split(row["aliases"])]:
            b.add_place(form, place)


def _plover(path: Path, line: int, row: dict[str, str]) -> str | None:
    code = row.get("plover")
    return check_plover_code(code, str(path), line) if code else None


def _load_partially_recognised(b: _Builder) -> None:
    """Breakaway regions and states (PLOVER's PRE): the claimant's country, no CAMEO agent code."""
    for path, line, row in _rows("partially_recognised.tsv"):
        code = _country_code(b, path, line, row["claimant"])
        place = Place("city", row["claimant"], code, row["name"], None, plover="PRE")
        for form in [row["name"], *_split(row["aliases"])]:
            b.add_place(form, place)


def _load_cities(b: _Builder) -> None:
    """Cities and regions: they tell the country; a city is its people (CVL), never its mayor."""
    for path, line, row in _rows("cities.tsv"):
        code = _country_code(b, path, line, row["country"])
        # a city named as an actor stands for its people ("shelling hit Mariupol"); a region for
        # its authorities or people alike, so it gets no sector
        sector = "CVL" if row["kind"] == "city" else None
        place = Place("city", row["country"], code, row["name"], sector)
        for form in [row["name"], *_split(row["aliases"])]:
            b.add_place(form, place)


def _load_sectors(b: _Builder) -> None:
    for path, line, row in _rows("sectors.tsv"):
        if not row["term"] or not row["sector"]:
            raise DataFileError(str(path), line, "term and sector are required")
        sector = (
            "" if row["sector"] == "-" else row["sector"]
        )  # no CAMEO code (a craft: the country)
        term = SectorTerm(row["term"], sector, row["role"] or None, row["title"] == "1",
                          _plover(path, line, row))  # fmt: skip
        b.add_sector(row["term"], term)


def _load_leaders(b: _Builder) -> None:
    for path, line, row in _rows("leaders.tsv"):  # lower-case keys as knowledge.name_key
        try:
            start = date.fromisoformat(row["start"])
            end = date.fromisoformat(row["end"]) if row["end"] else None
        except ValueError as exc:
            raise DataFileError(str(path), line, f"bad date: {exc}") from exc
        sector = row.get("sector") or "GOV"
        leader = Leader(row["name"], row["country"], row["role"], start, end, sector)
        for form in {row["name"], *_split(row["aliases"])}:
            b.gaz.leaders.setdefault(name_key(form), []).append(leader)
            key = b.key(form)
            b.gaz.people[key] = row["name"]
            b.gaz.people_starts.add(key[0])


def _load_organisations(b: _Builder) -> None:
    """Organisations from open data (knowledge/organisations.tsv: parties), after our own files:
    on the same name our institutions win."""
    for path, line, row in _rows_at("knowledge/organisations.tsv"):
        code = _country_code(b, path, line, row["country"])
        place = Place("institution", row["country"], code, row["name"], row["sector"] or None)
        for form in [row["name"], *_split(row["acronyms"])]:
            b.add_place(form, place)


# in priority order: on a clash of the same form the earlier file wins
_LOADERS = (_load_media, _load_igos, _load_countries, _load_regions, _load_institutions,
            _load_partially_recognised, _load_cities, _load_sectors, _load_leaders,
            _load_organisations)  # fmt: skip


def build_gazetteer(tokenizer: Tokenizer) -> Gazetteer:
    """Load and index every gazetteer file. On a clash of the same form the earlier file wins:
    outlets, IGOs, countries, regions, institutions, partially recognised entities, cities."""
    builder = _Builder(tokenizer)
    with gc_paused():
        for load in _LOADERS:
            load(builder)
    builder.gaz.kb = KnowledgeBase()
    return builder.gaz


@functools.cache
def gazetteer_for(tokenizer: Tokenizer) -> Gazetteer:
    """The gazetteer indexed for `tokenizer`, built once per tokenizer in this process, or read
    from the disk cache when it was built from the same files for the same tokenizer."""
    gaz, words = cached(
        "actor-gazetteer", _sources(), lambda: _built(tokenizer), salt=_tokenizer_id(tokenizer)
    )
    strings = tokenizer.vocab.strings
    for word in words:
        strings.add(word)
    gaz.kb = KnowledgeBase()  # reads the user's extra file and opens its database per process
    return gaz


def _built(tokenizer: Tokenizer) -> tuple[Gazetteer, list[str]]:
    """The index, and the strings its building added to the vocabulary (the keys' words, and
    what tokenizing the forms interned): a cached copy adds them back, so the vocabulary holds
    the same strings either way."""
    before = set(tokenizer.vocab.strings)
    gaz = build_gazetteer(tokenizer)
    gaz.kb = None
    return gaz, sorted(set(tokenizer.vocab.strings) - before)


def _sources() -> list[Path]:
    """What the index depends on: every gazetteer file, the organisations and PLOVER sector
    tables, this module (how keys are made), the records it holds, knowledge.py (`name_key`)
    and plover_sectors.py (the codes it checks)."""
    files = sorted(data_path("gazetteers").glob("*.tsv"))
    tables = [
        data_path("knowledge/organisations.tsv"),
        data_path(plover_sectors.PLOVER_SECTORS_FILE),
    ]
    modules = [__file__, gazetteer_records.__file__, knowledge.__file__, plover_sectors.__file__]
    return [*files, *tables, *(Path(m) for m in modules)]


def _tokenizer_id(tokenizer: Tokenizer) -> str:
    """Keys are token ids as this tokenizer splits and lower-cases forms: its rules and patterns
    (serialised, about 1 ms) and spaCy's version name it."""
    rules = hashlib.blake2b(tokenizer.to_bytes(exclude=["vocab"]), digest_size=16).hexdigest()
    return f"spacy {spacy.about.__version__} {tokenizer.vocab.lang} {rules}"
