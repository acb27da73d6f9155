"""The actor knowledge base: office holders from open data, looked up by name and date.

`data/knowledge/people.sqlite` (built by `scripts/build_actor_kb.py` from EveryPolitician and
Wikidata; sources and licences in docs/actors.md) holds ~170,000 person-office records. It is
read per looked-up name, never loaded whole, so a process holds only its page cache and a small
memo of recent names. A user file of extra actors (TSV, the columns of `gazetteers/leaders.tsv`:
name, aliases, country, role, start, end, sector) overrides it: a name the user file holds is
answered from that file alone. The file is named by `BRINKWATCH_ACTORS_FILE` or passed explicitly.
"""

from __future__ import annotations

import bisect
import functools
import os
import sqlite3
import unicodedata
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from brinkwatch.datafiles import data_path, read_tsv
from brinkwatch.errors import DataFileError

ENV_EXTRA = "BRINKWATCH_ACTORS_FILE"
_MEMO_SIZE = 4096  # recent names; an article names few people, a corpus repeats them
_QUERY = """
SELECT p.name, p.country, o.sector, o.office, t.start, t.end, p.source
FROM names n JOIN persons p ON p.id = n.person JOIN terms t ON t.person = p.id
JOIN offices o ON o.id = t.office WHERE n.key = ?
"""
# Offices that head a state or government outrank its other offices held at the same time
# (a prime minister who is also a member of parliament is coded as the prime minister).
_HEAD_WORDS = ("president", "prime minister", "premier", "chancellor", "king", "queen", "emir",
               "sultan", "supreme leader", "monarch", "general secretary", "leader", "chairman",
               "head of state", "crown prince", "chief executive")  # fmt: skip
_NOT_HEAD = ("vice", "deputy", "senate", "assembly", "chamber", "parliament", "court", "bank",
             "council of", "party", "house", "of the board", "commission", "congress")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Holding:
    """One term of one office held by a named person."""

    name: str
    country: str  # ISO3 (or an igos.tsv code for IGO offices)
    sector: str  # CAMEO agent code of the office while held (GOV, GOVMIL, LEG ...)
    office: str
    start: date
    end: date | None  # None: no end recorded (in office when the source was captured)
    source: str  # everypolitician | wikidata | leaders.tsv | a user file's name

    @property
    def rank(self) -> int:
        """0 heads of state/government, 1 other executive and security offices, 2 legislators."""
        if self.sector == "LEG":
            return 2
        office = self.office.lower()
        head = any(office.startswith(w) for w in _HEAD_WORDS)
        return 0 if head and not any(w in office for w in _NOT_HEAD) else 1

    def held_on(self, when: date) -> bool:
        return self.start <= when and (self.end is None or when < self.end)


def name_key(form: str) -> str:
    """Lookup key of a name: ASCII-folded, lower-case, single spaces ("Şimonytė" -> "simonyte")."""
    folded = unicodedata.normalize("NFKD", form).encode("ascii", "ignore").decode("ascii")
    return " ".join(folded.lower().replace("\u2019", "'").split())


class KnowledgeBase:
    """Name -> holdings, from the shipped SQLite file and an optional user file that overrides it.
    The connection opens on first use in each process (workers get their own; pickling drops it)."""

    def __init__(self, path: Path | None = None, extra: Path | None = None) -> None:
        self.path = path or data_path("knowledge/people.sqlite")
        extra = extra or (Path(os.environ[ENV_EXTRA]) if os.environ.get(ENV_EXTRA) else None)
        self.extra = load_extra(extra) if extra else {}
        self._db: sqlite3.Connection | None = None
        self._memo: dict[str, tuple[Holding, ...]] = {}
        self._crcs: array[int] | None = None

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "extra": self.extra, "_db": None, "_memo": {}, "_crcs": None}

    def __setstate__(self, state: dict[str, object]) -> None:
        for key, value in state.items():
            setattr(self, key, value)

    def lookup(self, name: str) -> tuple[Holding, ...]:
        """Every holding recorded under `name` (any of its spellings); the user file's alone
        when it names the person."""
        key = name_key(name)
        if key in self.extra:
            return self.extra[key]
        found = self._memo.get(key)
        if found is None and not self._may_hold(key):
            return ()
        if found is None:
            found = tuple(_holding(row) for row in self._connection().execute(_QUERY, (key,)))
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = found
        return found

    def _may_hold(self, key: str) -> bool:
        """Whether `key` may be a known name: a bisect in the sorted CRC-32s of every name form
        (under 1 MB), so the many proper-noun runs that name no one cost no query."""
        if self._crcs is None:
            rows = self._connection().execute("SELECT DISTINCT crc FROM names ORDER BY crc")
            self._crcs = array("L", (r[0] for r in rows))
        crc = zlib.crc32(key.encode("utf-8"))
        i = bisect.bisect_left(self._crcs, crc)
        return i < len(self._crcs) and self._crcs[i] == crc

    def meta(self, key: str) -> str | None:
        row = self._connection().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            if not self.path.is_file():
                raise DataFileError(str(self.path), 0, "knowledge base missing: reinstall brinkwatch"
                                    " or rebuild it with scripts/build_actor_kb.py")  # fmt: skip
            uri = f"file:{self.path}?mode=ro&immutable=1"
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        return self._db


def _holding(row: Sequence[str | None]) -> Holding:
    name, country, sector, office, start, end, source = row
    return Holding(
        str(name), str(country), str(sector), str(office), date.fromisoformat(str(start)),
        date.fromisoformat(end) if end else None, str(source),
    )  # fmt: skip


def load_extra(path: Path) -> dict[str, tuple[Holding, ...]]:
    """A user's extra actors (leaders.tsv columns), keyed by every name form."""
    found: dict[str, list[Holding]] = {}
    for row in read_tsv(path):
        values = row.values
        try:
            holding = Holding(
                values["name"], values["country"], values.get("sector") or "GOV",
                values.get("role") or "", date.fromisoformat(values["start"]),
                date.fromisoformat(values["end"]) if values.get("end") else None, path.name,
            )  # fmt: skip
        except (KeyError, ValueError) as exc:
            raise DataFileError(str(path), row.line, f"bad actor row: {exc}") from exc
        forms = [values["name"], *(a for a in values.get("aliases", "").split("|") if a.strip())]
        for key in {name_key(f) for f in forms}:
            found.setdefault(key, []).append(holding)
    return {k: tuple(v) for k, v in found.items()}


CURRENT, FORMER, LATER = "current", "former", "later"


def with_own(own: list[Holding], found: Sequence[Holding]) -> list[Holding]:
    """Our leader table's terms of a person with the knowledge base's. Our table is checked to a
    later date than the open data's captures, so for a person it lists, the knowledge base's
    terms of other countries (a namesake) and its open-ended terms that began before ours
    ended are dropped."""
    if not own:
        return list(found)
    states, last = {h.country for h in own}, max(h.end or date.max for h in own)
    kept = [h for h in found if h.country in states and (h.end is not None or h.start > last)]
    return [*own, *kept]


def _preference(h: Holding) -> tuple[int, bool, int]:
    """Heads of state/government first, then our own table, then the most recent office."""
    return h.rank, h.source != "leaders.tsv", -h.start.toordinal()


def choose(
    holdings: Iterable[Holding], when: date | None, countries: frozenset[str] = frozenset()
) -> tuple[Holding | None, str]:
    """The holding that names a person on `when`, and its state: CURRENT, FORMER (every office
    ended by then: an elite, ELI) or LATER (only later offices: the country, no office).

    Several countries among the candidates: those the article names decide; still several, no
    answer (a guess would be wrong as often as right). On a date: the highest-ranked office
    held then, else the latest one ended. Undated: the offices with no recorded end, else the
    latest one ended.
    """
    terms = list(holdings)
    if len({h.country for h in terms}) > 1:
        terms = [h for h in terms if h.country in countries]
        if len({h.country for h in terms}) != 1:
            return None, ""
    if not terms:
        return None, ""
    current = [h for h in terms if h.held_on(when)] if when else [h for h in terms if not h.end]
    if current:
        return min(current, key=_preference), CURRENT
    past = [h for h in terms if h.end is not None and (when is None or h.end <= when)]
    if past:
        return max(past, key=lambda h: (h.end or h.start, -h.rank)), FORMER
    return min(terms, key=lambda h: h.start), LATER


@dataclass(frozen=True, slots=True)
class Candidate:
    """One office a name may refer to, as `brinkwatch actors lookup` shows it."""

    holding: Holding
    code: str  # CAMEO code of the office while held (RUSGOV)
    chosen: str  # CURRENT/FORMER/LATER for the holding the resolver picks, else ""


def lookup_candidates(
    name: str, when: date | None, kb: KnowledgeBase, countries: frozenset[str] = frozenset()
) -> list[Candidate]:
    """Every recorded office of `name` (our leader table and the knowledge base; a user file
    alone when it names the person), the one resolution picks marked, latest first."""
    key = name_key(name)
    if key in kb.extra:
        holdings = list(kb.extra[key])
    else:
        holdings = with_own(list(own_leaders().get(key, ())), kb.lookup(name))
    picked, state = choose(holdings, when, countries)
    roots = country_roots()
    out = [
        Candidate(h, roots.get(h.country, h.country) + h.sector, state if h is picked else "")
        for h in holdings
    ]
    return sorted(out, key=lambda c: (c.chosen == "", -c.holding.start.toordinal()))


@functools.cache
def own_leaders() -> dict[str, tuple[Holding, ...]]:
    """Our hand-written `gazetteers/leaders.tsv`, as holdings keyed by every name form."""
    found: dict[str, list[Holding]] = {}
    path = data_path("gazetteers/leaders.tsv")
    for row in read_tsv(path):
        v = row.values
        holding = Holding(
            v["name"], v["country"], v.get("sector") or "GOV", v["role"],
            date.fromisoformat(v["start"]), date.fromisoformat(v["end"]) if v["end"] else None,
            "leaders.tsv",
        )  # fmt: skip
        for key in {name_key(f) for f in [v["name"], *v["aliases"].split("|")] if f.strip()}:
            found.setdefault(key, []).append(holding)
    return {k: tuple(v) for k, v in found.items()}


@functools.cache
def country_roots() -> dict[str, str]:
    """ISO3 -> CAMEO country code (countries.tsv; ROM for Romania)."""
    return {
        r.values["iso3"]: r.values["cameo"] or r.values["iso3"]
        for r in read_tsv(data_path("gazetteers/countries.tsv"))
    }
