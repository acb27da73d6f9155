"""Build the actor knowledge base (`src/brinkwatch/data/knowledge/`) from fetched open data.

Reproducible: the sources are git snapshots read at a pinned commit, so the same inputs give the
same files. Sources (licences in docs/actors.md and in the files' headers):

- EveryPolitician (mySociety), CC0: members of national legislatures with their terms, names in
  other scripts/spellings, and their parties. A snapshot of the everypolitician-data repository.
- Wikidata (CC0) as queried by the EveryPolitician/Wikidata project ("every-politician-scrapers/
  world": foreign ministers in office with their start dates).

    python scripts/build_actor_kb.py --everypolitician GITDIR --world GITDIR [--since 2000-01-01]

GITDIR is a bare git directory (a mirror); `--*-commit` pins the commit read (defaults below).
`--add-wikidata MIRRORS` merges more pinned repositories into the built file without a rebuild
(scripts/actor_kb_add.py); `--stats` prints the counts docs/actors.md gives; `--resector`
re-derives the built file's office sectors.
Countries are mapped to our ISO3 codes through `data/gazetteers/countries.tsv` names and aliases.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
import unicodedata
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "brinkwatch" / "data"
EP_COMMIT = "0642e77ac8a13bcd8017b245825c3aba349d3e6a"  # everypolitician-data, 2015-11-30
WORLD_COMMIT = (
    "4a3b394d9a35d26d138cded8718d0805b7ce9336"  # every-politician-scrapers/world, 2023-01-10
)
VERSION = "1.0.0"

# EveryPolitician's country names that our gazetteer spells differently, and legislatures of
# territories whose actors CAMEO codes as the state they belong to or are claimed by.
COUNTRY_FIXES = {
    "Abkhazia": "GEO", "South Ossetia": "GEO", "Nagorno-Karabakh": "AZE", "Transnistria": "MDA",
    "Northern Cyprus": "CYP", "Somaliland": "SOM", "Scotland": "GBR", "Wales": "GBR",
    "Northern Ireland": "GBR", "Åland": "FIN", "Alderney": "GGY", "Sark": "GGY",
    "Congo-Brazzaville": "COG", "Congo-Kinshasa (DRC)": "COD", "United States of America": "USA",
    "Timor Leste": "TLS", "Swaziland": "SWZ", "Macedonia": "MKD", "Cabo Verde": "CPV",
    "Côte d'Ivoire": "CIV", "Vatican City": "VAT", "Micronesia": "FSM", "Paraguary": "PRY",
    "Democratic Republic of the Congo": "COD", "Czech Republic": "CZE", "Gambia": "GMB",
    "Philippines": "PHL", "Bahamas": "BHS", "Eswatini": "SWZ", "North Macedonia": "MKD",
}  # fmt: skip
HONORIFICS = re.compile(
    r"^(?:(?:the\s+)?(?:rt\.?\s+)?hon(?:ou?rable)?\.?|senator|sen\.|dr\.?|mr\.?|mrs\.?|ms\.?|"
    r"prof\.?|sir|dame|lord|lady|hon\.?|h\.e\.|dip\.?|ing\.?|lic\.?|sr\.?|sra\.?|shri|smt\.?|"
    r"alhaji|hajia|chief|datuk|dato'?|tan sri|pehin|awang|dayang|engr\.?)\s+",
    re.IGNORECASE,
)
GENERIC_WORDS = frozenset(
    [
        "party",
        "parti",
        "partido",
        "partei",
        "national",
        "democratic",
        "democrats",
        "democrat",
        "people's",
        "peoples",
        "people",
        "popular",
        "union",
        "front",
        "movement",
        "alliance",
        "liberal",
        "liberals",
        "labour",
        "labor",
        "socialist",
        "socialists",
        "social",
        "conservative",
        "conservatives",
        "green",
        "greens",
        "new",
        "united",
        "republican",
        "republicans",
        "congress",
        "christian",
        "progressive",
        "progress",
        "for",
        "of",
        "the",
        "and",
        "de",
        "la",
        "del",
        "du",
        "des",
        "le",
        "los",
        "las",
        "el",
        "der",
        "die",
        "und",
        "unity",
        "reform",
        "freedom",
        "justice",
        "development",
        "citizens",
        "citizen",
        "independent",
        "independents",
        "list",
        "bloc",
        "coalition",
        "federal",
        "radical",
        "workers",
        "left",
        "right",
        "centre",
        "center",
        "democracy",
        "national's",
        "patriotic",
        "revolutionary",
        "communist",
        "union's",
        "action",
        "renewal",
        "solidarity",
        "rally",
        "convention",
        "forum",
        "league",
        "council",
        "group",
        "parliamentary",
        "opposition",
        "majority",
        "ruling",
        "government",
    ]
)
FACTION = re.compile(
    r"grupi parlamentar|poslaneck|klub poslan|parliamentary group|parliamentary faction|fraktion"
    r"|groupe parlementaire|grupo parlamentario|deputies' group|single mk|ryhmä|ohne",
    re.IGNORECASE,
)
PARTY_SKIP = re.compile(
    r"^(?:-|unknown|none|independent|independents|non[- ]?partisan|n/?a)$", re.I
)


@dataclass(slots=True)
class Term:
    start: date
    end: date | None


@dataclass(slots=True)
class Person:
    name: str
    country: str
    office: str
    sector: str
    source: str
    aliases: set[str] = field(default_factory=set)
    terms: list[Term] = field(default_factory=list)


def git_show(gitdir: Path, commit: str, path: str) -> str:
    out = subprocess.run(
        ["git", "--git-dir", str(gitdir), "show", f"{commit}:{path}"],
        check=True, capture_output=True,
    )  # fmt: skip
    return out.stdout.decode("utf-8")


def country_index() -> dict[str, str]:
    """Lower-case country name or alias -> ISO3, from our own country gazetteer."""
    index: dict[str, str] = {}
    text = (DATA / "gazetteers" / "countries.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(
        (line for line in text.splitlines() if line and not line.startswith("#")),
        delimiter="\t", quoting=csv.QUOTE_NONE,
    )  # fmt: skip
    for row in rows:
        for name in [row["name"], *row["aliases"].split("|")]:
            if name.strip():
                index.setdefault(name.strip().lower(), row["iso3"])
    return index


def to_iso3(name: str, index: dict[str, str]) -> str | None:
    return COUNTRY_FIXES.get(name) or index.get(name.lower())


def parse_date(value: str | None, *, end: bool = False) -> date | None:
    """ISO dates of any precision: "2010" is 2010-01-01 as a start, 2010-12-31 as an end."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        day = int(parts[2]) if len(parts) > 2 else (31 if end and month == 12 else 1)
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def fold(text: str) -> str:
    """ASCII spelling of a Latin-script name ("Şimonytė" -> "Simonyte")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def clean_name(raw: str) -> str | None:
    """Display form of a name: honorifics dropped, "SURNAME Given" turned round, capitals fixed."""
    name = re.sub(r"\s*\([^)]*\)", "", raw.replace("\u00a0", " "))  # "(Bùi Việt Phương)"
    name = re.sub(r"\s*-\s*", "-", re.sub(r"\s+", " ", name)).strip(" ,.")
    previous = None
    while previous != name:
        previous, name = name, HONORIFICS.sub("", name).strip()
    if "," in name:  # "Surname, Given"
        family, _, given = name.partition(",")
        name = f"{given.strip()} {family.strip()}"
    words = name.split()
    while len(words) > 2 and "." in words[0]:  # academic titles: "Ir.", "M.Si", "H."
        words = words[1:]
    if len(words) < 2 or not latin(name) or any(c.isdigit() for c in name):
        return None
    upper = [w.isupper() and len(w) > 1 for w in words]
    if any(upper) and not all(upper) and upper[0]:  # "AHINGEJEJE Alfred" -> "Alfred Ahingejeje"
        n = upper.index(False)
        words = words[n:] + words[:n]
    if all(w.islower() for w in words) or any(upper):  # "isah ibrahim", "Reuben AWUH Mbang"
        words = [w.capitalize() if w.isupper() or w.islower() else w for w in words]
    return " ".join(words)


def ep_people(
    gitdir: Path, commit: str, since: date, countries: dict[str, str]
) -> tuple[list[Person], list[dict[str, str]], Counter[str]]:
    """Legislators (one record per person and legislature, with merged terms) and parties."""
    people: list[Person] = []
    parties: dict[tuple[str, str], dict[str, str]] = {}
    skipped: Counter[str] = Counter()
    for country in json.loads(git_show(gitdir, commit, "countries.json")):
        iso = to_iso3(country["name"], countries)
        if iso is None:
            skipped[country["name"]] += 1
            continue
        for legislature in country["legislatures"]:
            try:
                popolo = json.loads(git_show(gitdir, commit, legislature["popolo"]))
            except subprocess.CalledProcessError:  # a snapshot may lack its largest files
                skipped[f"{country['name']} / {legislature['name']} (file absent)"] += 1
                continue
            office = f"member of the {legislature['name']} ({country['name']})"
            people.extend(_legislators(popolo, iso, office, since))
            for org in popolo.get("organizations", []):
                _add_party(parties, org, iso)
    return people, list(parties.values()), skipped


def _legislators(popolo: dict, iso: str, office: str, since: date) -> list[Person]:
    periods = {
        e["id"]: (parse_date(e.get("start_date")), parse_date(e.get("end_date"), end=True))
        for e in popolo.get("events", [])
    }
    persons = {p["id"]: p for p in popolo.get("persons", [])}
    found: dict[str, Person] = {}
    for m in popolo.get("memberships", []):
        if m.get("role", "member") != "member" or m.get("person_id") not in persons:
            continue
        p_start, p_end = periods.get(m.get("legislative_period_id", ""), (None, None))
        start = parse_date(m.get("start_date")) or p_start
        end = parse_date(m.get("end_date"), end=True) or p_end
        if start is None or (end is not None and end < since):
            continue
        person = found.get(m["person_id"]) or _person(persons[m["person_id"]], iso, office)
        if person is None:
            continue
        found[m["person_id"]] = person
        person.terms.append(Term(start, end))
    for person in found.values():
        person.terms = merge_terms(person.terms)
    return list(found.values())


def _person(record: dict, iso: str, office: str) -> Person | None:
    name = clean_name(record.get("name", ""))
    if name is None:
        return None
    person = Person(name, iso, office, "LEG", "everypolitician")
    forms = [o.get("name", "") for o in record.get("other_names", [])]
    given, family = record.get("given_name"), record.get("family_name")
    if given and family:
        forms.append(f"{given} {family}")
    for form in forms:
        alias = clean_name(form)
        if alias and alias != name and len(person.aliases) < 6:
            person.aliases.add(alias)
    if fold(name) != name:
        person.aliases.add(fold(name))
    return person


def _add_party(parties: dict[tuple[str, str], dict[str, str]], org: dict, iso: str) -> None:
    if org.get("classification") != "party":
        return
    raw = re.sub(r"\s+", " ", org.get("name", "")).strip()
    inner = re.findall(r"\(([^)]*)\)", raw)  # "N.D. (New Democracy)": the English name inside
    name = (inner[0] if inner and latin(inner[0]) else re.sub(r"\s*\([^)]*\)", "", raw)).strip()
    if (
        PARTY_SKIP.match(name)
        or PARTY_SKIP.match(raw.split(" (")[0])
        or len(name) < 4
        or not latin(name)
        or len(name.split()) < 2
    ):
        return
    if FACTION.search(name):  # a parliamentary group, not a name news uses for the party
        return
    if all(w.lower().strip(".,'’()") in GENERIC_WORDS for w in name.split()):
        return  # "National Party", "Democratic Alliance": many countries have one
    acronym = org.get("id", "").split("/")[-1]
    acronyms = [acronym] if re.fullmatch(r"[A-Z][A-Z0-9-]{2,9}", acronym) else []
    parties.setdefault((name.lower(), iso), {
        "name": name, "acronyms": "|".join(acronyms), "country": iso, "sector": "PTY",
        "parent": "", "source": "everypolitician",
    })  # fmt: skip


def merge_terms(terms: list[Term]) -> list[Term]:
    """Consecutive or overlapping terms (re-election) as one span; an open end stays open."""
    merged: list[Term] = []
    for term in sorted(terms, key=lambda t: t.start):
        last = merged[-1] if merged else None
        if last is not None and (last.end is None or term.start <= last.end + timedelta(days=92)):
            last.end = None if last.end is None or term.end is None else max(last.end, term.end)
        else:
            merged.append(Term(term.start, term.end))
    return merged


def world_ministers(gitdir: Path, commit: str, countries: dict[str, str]) -> list[Person]:
    """Foreign ministers in office when Wikidata was queried (every-politician-scrapers/world)."""
    text = git_show(gitdir, commit, "sources/foreign/wikidata.csv")
    people = []
    for row in csv.DictReader(io.StringIO(text)):
        iso = to_iso3(row["countryLabel"], countries)
        person = _holder(
            row["name"], iso, "Minister of Foreign Affairs", row["start"], "", "wikidata"
        )
        if person is not None:
            people.append(person)
    return people


def _holder(
    raw: str, iso: str | None, office: str, start: str, end: str, source: str
) -> Person | None:
    name = clean_name(raw) if raw else None
    sector = office_sector(office)
    term = Term(parse_date(start), parse_date(end, end=True))  # type: ignore[arg-type]
    if iso is None or name is None or sector is None or term.start is None:
        return None
    person = Person(name, iso, office, sector, source)
    if fold(name) != name:
        person.aliases.add(fold(name))
    person.terms.append(term)
    return person


# Office words -> CAMEO agent code of the office while held (first match wins). None: not an
# office whose holder acts for the state (a spouse; an international judge is not his country).
OFFICE_SECTORS: tuple[tuple[str, str | None], ...] = (
    (r"first lady|first gentleman|spouse|international court|european court|commander-in-chief", None),
    (r"chief of (?:the )?(?:general |defen[cs]e |army |naval |air )?staff|chief of defen|army|navy"
     r"|air force|armed|military|general staff|commander", "MIL"),
    (r"defen[cs]e|military affairs|war\b", "GOVMIL"),
    (r"intelligence|security service|state security|national security (?:agency|service)", "SPY"),
    (r"^(?:inspector[- ]general|commissioner|chief|director)[^,]* of (?:the )?(?:national )?police"
     r"|^police", "COP"),
    (r"member|deputy of|deputies|representative\b|senator|speaker|parliament|assembly|congress"
     r"|senate|chamber|knesset|duma|riksdag|folketing|dála|saeima|seimas|sejm|storting|council of"
     r" europe|lords|commons|legislat|riigikogu|sabor|rada\b|majlis|\bdiet\b|bundestag|bundesrat"
     r"|cortes|althing|alþingi|eduskunta|oireachtas|seanad|national council|shura|jirga|khural|hural"
     r"|legislative yuan|nationalrat|sobranie|skupštin|skupstin|sabha|lok sabha|mazhilis|jogorku"
     r"|oliy majlis|milli majlis|house of", "LEG"),
    (r"justice\b|judge|court|prosecutor", "JUD"),
    # Latin American and Lusophone legislators are "deputies" ("federal deputy", "state deputy")
    (r"^(?:(?:federal|state|provincial|national) )?deputy(?: representing\b|$)", "LEG"),
)  # fmt: skip
_OFFICE_RES = tuple((re.compile(p, re.IGNORECASE), s) for p, s in OFFICE_SECTORS)
_MINISTER = re.compile(r"minister|secretary|president|premier|chancellor|governor|ambassador",
                       re.IGNORECASE)  # fmt: skip


def office_sector(office: str) -> str | None:
    """The agent code of an office ("Minister of Defence" -> GOVMIL); GOV when none matches.
    A minister's or ambassador's office is GOV whatever its portfolio ("Minister of Justice",
    "President of the Senate" is LEG: the chamber names it)."""
    for pattern, sector in _OFFICE_RES:
        if pattern.search(office):
            if sector in ("MIL", "COP", "JUD", "SPY") and re.search(r"minist", office, re.I):
                return "GOVMIL" if sector == "MIL" else "GOV"  # "Minister of the Armed Forces"
            if sector == "LEG" and re.search(  # a parliamentary under-secretary is a minister
                r"\bminist|ambassador|vice[- ]president|secretary of state|under-?secretary"
                r"|parliamentary secretary",
                office,
                re.I,
            ):
                return "GOV"
            return sector
    return "GOV"


def wikidata_mirrors(root: Path, countries: dict[str, str]) -> tuple[list[Person], list[str]]:
    """Office holders (html/holders21.csv) and legislators (html/legislators.csv) of every
    every-politician-scrapers country repository mirrored under `root` (Wikidata, CC0)."""
    people: list[Person] = []
    sources: list[str] = []
    for gitdir in sorted(root.glob("every-politician-scrapers+*/repo")):
        commit, when = _head(gitdir)
        try:
            meta = json.loads(git_show(gitdir, commit, "meta.json"))
        except subprocess.CalledProcessError:
            continue
        name = str(meta.get("jurisdiction", {}).get("name", ""))
        iso = to_iso3(re.sub(r"^the ", "", name, flags=re.I), countries)
        if iso is None:
            continue
        repo = gitdir.parent.name.replace("+", "/")
        found = wikidata_repo(gitdir, commit, iso)
        people += found
        sources.append(f"{repo}\t{commit}\t{when}\t{iso}\t{len(found)}")
    return people, sources


def wikidata_repo(gitdir: Path, commit: str, iso: str) -> list[Person]:
    """One country repository's office holders and legislators at `commit` (rows the sector
    scheme cannot place, or without a Latin-script name or a start, are left out)."""
    people: list[Person] = []
    for path in ("html/holders21.csv", "html/legislators.csv"):
        try:
            text = git_show(gitdir, commit, path)
        except subprocess.CalledProcessError:
            continue
        for row in csv.DictReader(io.StringIO(text)):
            holder = _holder(row.get("person", ""), iso, row.get("position", ""),
                             row.get("start", ""), row.get("end", ""), "wikidata")  # fmt: skip
            if holder is not None:
                people.append(holder)
    return people


def _head(gitdir: Path) -> tuple[str, str]:
    out = subprocess.run(
        ["git", "--git-dir", str(gitdir), "log", "-1", "--format=%H %cs"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    commit, when = out.stdout.split()
    return commit, when


HEADER = """# Actor knowledge base: people and their offices (people.sqlite, table meta, key "header"), built by
#   scripts/build_actor_kb.py; do not edit by hand: add or correct actors in a user file (docs/actors.md)
#   or in gazetteers/leaders.tsv.
# version: {version}
# Sources (facts only; each row's `source` column names its source):
#   everypolitician  EveryPolitician (mySociety), data released CC0; snapshot everypolitician-data@{ep}
#                    (data as of 2015-11-30, captured here {today}): members of national and territorial
#                    legislatures; terms starting before {since} and ended by then are left out.
#   wikidata         Wikidata (CC0) as published by the EveryPolitician/Wikidata project in the
#                    every-politician-scrapers repositories (one per country; queried 2021-2023, captured here
#                    {today}; each repository's commit is in actors-sources.tsv): office holders since 2000
#                    (html/holders21.csv: heads of state and government, ministers, central-bank governors,
#                    military and intelligence chiefs, judges, ambassadors) and legislators
#                    (html/legislators.csv); every-politician-scrapers/world@{world}: foreign ministers.
# An empty `end` means the source records no end: in office when the source was captured, NOT necessarily
#   today. Legislators' terms are merged when consecutive.
# Columns:
#   name     display name (Latin script; "SURNAME Given" turned round, honorifics dropped)
#   aliases  |-separated other spellings: the source's other names in Latin script, ASCII folding
#   country  ISO3 (countries.tsv) of the state the office belongs to
#   sector   CAMEO agent code of the office while held, from the office's words (build_actor_kb.office_sector):
#            GOV executive offices and ambassadors, GOVMIL defence ministers, MIL armed-forces chiefs, SPY
#            intelligence chiefs, COP police chiefs, JUD judges and prosecutors, LEG legislators
#   office   the office, in words
#   start    first day in office (ISO date; a year alone as its first day)
#   end      last day (ISO date), empty = no end recorded
#   source   everypolitician | wikidata
"""


def merge_people(people: list[Person], since: date) -> list[Person]:
    """One record per person, country, office and source; terms ended before `since` dropped."""
    merged: dict[tuple[str, str, str, str], Person] = {}
    for person in people:
        key = (person.name, person.country, person.office, person.source)
        kept = merged.setdefault(key, Person(*key[:3], person.sector, person.source))
        kept.aliases |= person.aliases
        kept.terms += [t for t in person.terms if t.end is None or t.end >= since]
    for person in merged.values():
        person.terms = merge_terms(person.terms)
    return [p for p in merged.values() if p.terms]


def write_sources(path: Path, sources: list[str], ep_commit: str, world_commit: str) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(
            "# Sources of the actor knowledge base (scripts/build_actor_kb.py): repository, commit read,"
            " commit date,\n#   country, rows used. Licences: everypolitician-data CC0 (EveryPolitician);"
            " every-politician-scrapers\n#   files are Wikidata query results (CC0).\n# version: "
            f"{VERSION}\nrepository\tcommit\tdate\tcountry\trows\n"
            f"everypolitician/everypolitician-data (fork tijmenb)\t{ep_commit}\t2015-11-30\t*\t\n"
            f"every-politician-scrapers/world\t{world_commit}\t2023-01-10\t*\t\n"
        )
        for line in sources:
            out.write(line + "\n")


def write_people(path: Path, people: list[Person], since: date) -> int:
    """The people as SQLite (read per looked-up name at run time, so nothing is held in memory):
    persons, their name forms (`key`: lower-case ASCII-folded), offices and terms."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    header = HEADER.format(
        version=VERSION,
        ep=EP_COMMIT[:12],
        world=WORLD_COMMIT[:12],
        since=since.isoformat(),
        today=date.today().isoformat(),
    )
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("version", VERSION), ("header", header)])
    offices: dict[tuple[str, str], int] = {}
    rows = 0
    for pid, person in enumerate(sorted(people, key=lambda p: (p.country, p.name, p.office)), 1):
        db.execute("INSERT INTO persons VALUES (?, ?, ?, ?)",
                   (pid, person.name, person.country, person.source))  # fmt: skip
        keys = {name_key(form) for form in (person.name, *person.aliases)}
        db.executemany(
            "INSERT OR IGNORE INTO names VALUES (?, ?, ?)",
            [(k, pid, zlib.crc32(k.encode("utf-8"))) for k in keys if k],
        )
        office = offices.setdefault((person.office, person.sector), len(offices) + 1)
        for term in person.terms:
            end = term.end.isoformat() if term.end else None
            db.execute("INSERT INTO terms VALUES (?, ?, ?, ?)",
                       (pid, office, term.start.isoformat(), end))  # fmt: skip
            rows += 1
    db.executemany("INSERT INTO offices VALUES (?, ?, ?)",
                   [(i, o, s) for (o, s), i in offices.items()])  # fmt: skip
    db.commit()
    db.execute("VACUUM")
    db.close()
    return rows


def name_key(form: str) -> str:
    """The lookup key of a name: ASCII-folded, lower-case, single spaces (as nlp/knowledge.py)."""
    return " ".join(fold(form).lower().replace("’", "'").split())


SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE persons (id INTEGER PRIMARY KEY, name TEXT, country TEXT, source TEXT);
CREATE TABLE names (key TEXT, person INTEGER, crc INTEGER, PRIMARY KEY (key, person)) WITHOUT ROWID;
CREATE TABLE offices (id INTEGER PRIMARY KEY, office TEXT, sector TEXT);
CREATE TABLE terms (person INTEGER, office INTEGER, start TEXT, end TEXT);
CREATE INDEX terms_person ON terms (person);
"""


ORG_HEADER = """# Actor knowledge base: organisations, built by scripts/build_actor_kb.py (do not edit by hand).
# version: {version}
# Sources: everypolitician: EveryPolitician (mySociety), CC0, everypolitician-data@{ep} (data as of
#   2015-11-30, captured here {today}): the parties its legislators sat for. A party name or acronym that
#   several countries' data share is left out (it would say nothing about the country).
# Columns: name; acronyms (|-separated, as the source's party id gives them); country (ISO3); sector (CAMEO
#   agent code: PTY parties); parent (the organisation it belongs to, empty when none); source.
"""


def write_orgs(path: Path, parties: list[dict[str, str]]) -> int:
    names = Counter(p["name"].lower() for p in parties)
    acronyms = Counter(a for p in parties for a in p["acronyms"].split("|") if a)
    rows = []
    for party in sorted(parties, key=lambda p: (p["country"], p["name"])):
        if names[party["name"].lower()] > 1:
            continue
        kept = [a for a in party["acronyms"].split("|") if a and acronyms[a] == 1]
        rows.append({**party, "acronyms": "|".join(kept)})
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(ORG_HEADER.format(version=VERSION, ep=EP_COMMIT[:12], today=date.today()))
        out.write("name\tacronyms\tcountry\tsector\tparent\tsource\n")
        for row in rows:
            out.write("\t".join(row[k] for k in ("name", "acronyms", "country", "sector",
                                                  "parent", "source")) + "\n")  # fmt: skip
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--everypolitician", type=Path, required=True, help="git dir")
    parser.add_argument("--everypolitician-commit", default=EP_COMMIT)
    parser.add_argument("--world", type=Path, required=True, help="git dir")
    parser.add_argument("--world-commit", default=WORLD_COMMIT)
    parser.add_argument(
        "--wikidata-mirrors", type=Path, required=True,
        help="folder holding every-politician-scrapers+NAME/repo git dirs (their HEADs are read)",
    )  # fmt: skip
    parser.add_argument("--since", type=date.fromisoformat, default=date(2000, 1, 1))
    parser.add_argument("--out", type=Path, default=DATA / "knowledge")
    args = parser.parse_args()
    countries = country_index()
    people, parties, skipped = ep_people(
        args.everypolitician, args.everypolitician_commit, args.since, countries
    )
    people += world_ministers(args.world, args.world_commit, countries)
    holders, sources = wikidata_mirrors(args.wikidata_mirrors, countries)
    people = merge_people(people + holders, args.since)
    args.out.mkdir(parents=True, exist_ok=True)
    write_sources(
        args.out / "actors-sources.tsv", sources, args.everypolitician_commit, args.world_commit
    )
    n_people = write_people(args.out / "people.sqlite", people, args.since)
    n_orgs = write_orgs(args.out / "organisations.tsv", parties)
    by_source: Counter[str] = Counter()
    by_country: dict[str, int] = defaultdict(int)
    for person in people:
        by_source[person.source] += len(person.terms)
        by_country[person.country] += len(person.terms)
    print(f"{n_people} person-office records, {n_orgs} organisations", file=sys.stderr)
    print(f"by source: {dict(by_source)}; countries: {len(by_country)}", file=sys.stderr)
    if skipped:
        print(f"countries not mapped (skipped): {sorted(skipped)}", file=sys.stderr)


if __name__ == "__main__" and sys.argv[1:2] == ["--add-wikidata"]:
    from actor_kb_add import main as add_main  # scripts/ is on sys.path when run as a script

    add_main(sys.argv[2:])
elif __name__ == "__main__" and sys.argv[1:] not in (["--stats"], ["--resector"]):
    main()


# Office categories for the counts in docs/actors.md (first match wins; on the office's words).
CATEGORIES = (
    ("heads of state and government", r"^(?:acting )?(?:president|prime minister|premier|chancellor"
     r"|king|queen|emir|sultan|supreme leader|monarch|head of state|chairman of the presidency)\b"
     r"(?!.*(?:senate|assembly|chamber|parliament|court|bank|council|house|congress|commission))"),
    ("foreign ministers", r"foreign|external (?:relations|affairs)"),
    ("defence ministers", r"minist.*(?:defen[cs]e|armed forces)|secretary of (?:state for )?defen"),
    ("interior ministers", r"minist.*(?:interior|internal affairs|home affairs|public security"
     r"|territorial administration)|home secretary"),
    ("finance ministers", r"minist.*(?:finance|treasury)|chancellor of the exchequer|^treasurer$"
     r"|^(?:federal )?treasurer of|secretary of the treasury"),
    ("central-bank governors", r"(?:central|national|reserve) bank|bank of"),
    ("armed-forces chiefs", r"chiefs? of (?:the )?(?:joint |general |defen[cs]e |army |naval |air )?"
     r"(?:chiefs of )?staff|chief of defen|commander"),
    ("intelligence chiefs", r"intelligence|security service|state security"),
    ("other ministers and executive offices", r"."),
)  # fmt: skip


def stats(path: Path) -> str:
    """Markdown counts of the built knowledge base: by office category, source and country."""
    db = sqlite3.connect(path)
    rows = db.execute(
        "SELECT p.country, o.office, o.sector, p.source FROM terms t JOIN persons p ON p.id ="
        " t.person JOIN offices o ON o.id = t.office"
    ).fetchall()
    by_cat: Counter[str] = Counter()
    by_country: Counter[str] = Counter()
    executive: Counter[str] = Counter()  # the offices the issue lists, by country
    by_source: Counter[str] = Counter(r[3] for r in rows)
    for country, office, sector, _ in rows:
        by_country[country] += 1
        category = _category(office, sector)
        by_cat[category] += 1
        if category not in NOT_EXECUTIVE:
            executive[country] += 1
    lines = [f"{len(rows)} person-office records, {len(by_country)} countries; by source: "
             + ", ".join(f"{k} {v}" for k, v in by_source.most_common()), "",
             "| office | records |", "|---|--:|"]  # fmt: skip
    lines += [f"| {c} | {n} |" for c, n in by_cat.most_common()]
    lines += ["", "By country (ISO3 records), all countries:", ""]
    lines.append(", ".join(f"{c} {n}" for c, n in sorted(by_country.items())))
    lines += [
        "",
        f"Executive offices listed by the issue: {sum(executive.values())}, by country:",
        "",
    ]
    lines.append(", ".join(f"{c} {n}" for c, n in sorted(executive.items())))
    return "\n".join(lines)


NOT_EXECUTIVE = frozenset(
    ["legislators (members, speakers)", "judges and prosecutors", CATEGORIES[-1][0]]
)


def _category(office: str, sector: str) -> str:
    if sector == "LEG":
        return "legislators (members, speakers)"
    if sector == "JUD":
        return "judges and prosecutors"
    return next(c for c, p in CATEGORIES if re.search(p, office, re.IGNORECASE))


def resector(path: Path) -> Counter[tuple[str, str]]:
    """Re-derive every office's sector with `office_sector` in a built file, as a rebuild from the
    same sources would (an office's sector depends on its words alone); (old, new) -> offices."""
    db = sqlite3.connect(path)
    changed: Counter[tuple[str, str]] = Counter()
    for office_id, office, sector in db.execute(
        "SELECT id, office, sector FROM offices"
    ).fetchall():
        new = office_sector(office)
        if new is not None and new != sector:
            db.execute("UPDATE offices SET sector = ? WHERE id = ?", (new, office_id))
            changed[(sector, new)] += 1
    db.commit()
    db.execute("VACUUM")
    db.close()
    return changed


if __name__ == "__main__" and sys.argv[1:] == ["--stats"]:
    print(stats(DATA / "knowledge" / "people.sqlite"))
if __name__ == "__main__" and sys.argv[1:] == ["--resector"]:
    print(resector(DATA / "knowledge" / "people.sqlite"))
