"""Add sources to the built actor knowledge base without rebuilding it (`build_actor_kb.py
--add-wikidata`): the first build's mirrors are not all at hand any more, so new repositories are
read at pinned commits and merged into `people.sqlite`, a term already there under the same
(name, country, office, start) being kept as it is. Running it again adds nothing.

    python scripts/build_actor_kb.py --add-wikidata MIRRORS [--out DIR]

MIRRORS holds `every-politician-scrapers+NAME/repo` bare git directories (`fetch` names them so).
Every repository below is Wikidata query results (CC0) published by the EveryPolitician/Wikidata
project; its country is given here, not read from its meta.json (one of them names none).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import zlib
from collections import Counter
from datetime import date
from pathlib import Path

import build_actor_kb as kb

# every-politician-scrapers repositories added on 2026-12-05: countries and territories the first
# build had no Wikidata office holders for. (repository, commit read, commit date, ISO3)
ADDED: tuple[tuple[str, str, str, str], ...] = (
    ("aruba-ministers", "b976e90f7f978ecfcfdfbc2284197741bedc2c3c", "2022-07-21", "ABW"),
    ("bermuda-cabinet", "47f45f5731c9208f3f83649f90c52077bb9b2b1b", "2022-07-20", "BMU"),
    ("caymans-ministers", "aeeaa8279399083cb5ad15d63134eb7aa9713139", "2022-07-19", "CYM"),
    ("dominica", "c10805b6330842c3b16a39ba166472aa0c6fb7b0", "2023-01-10", "DMA"),
    ("faroes-ministers", "9696c3afbb035aaa9da44d5dec419ad499b18ea3", "2022-07-26", "FRO"),
    ("greenland-cabinet", "f1f4e5d2f625e48fdbe7e60375179e0d56a4c386", "2022-07-19", "GRL"),
    ("grenada", "788288e53c9786149a700e17a8da4fd81946c361", "2023-01-12", "GRD"),
    ("hong-kong", "1512e32bdfc161dad75ab6b1d83a4c8af40c3834", "2022-07-30", "HKG"),
    ("iceland-cabinet", "5d4921f29f5df2c617b8bbce6cb74f466b608006", "2022-07-25", "ISL"),
    ("kiribati-ministers", "b70c47d96b48cc0841a058db0c98339b8f44db93", "2022-07-31", "KIR"),
    ("laos", "ff837f279366b8f8b36dca6d20027b3b5cbbfb2a", "2023-01-12", "LAO"),
    ("lebanon", "84f4f6720d0f067682e3dcc285423b7fd70b33b2", "2023-01-13", "LBN"),
    ("libya", "a1e875f47b78a8e3843b5e5a086dda8b963d2162", "2023-01-13", "LBY"),
    ("liechtenstein-ministers", "e95c566cc81a5e5ba113435efbe3697832d91a62", "2022-07-24", "LIE"),
    ("madagascar-ministers", "9f2e2e628aaa625b64908b9d23da9b348a10d0d5", "2022-07-29", "MDG"),
    ("mali", "51a106117cbe612421662097460eeedbf7767aa2", "2023-01-10", "MLI"),
    ("marshall-islands-ministers", "9cc730d5cc128a5c2e96b3139406c40a033d506d", "2022-07-24", "MHL"),
    ("micronesia-ministers", "766d9db7fcf2c7ce7bcfcd30dd24af87fd45075d", "2022-08-03", "FSM"),
    ("nicaragua", "41c5f26dedd1ee7381b33f1e362a55ad6084fa3a", "2023-01-10", "NIC"),
    ("palau", "30b2bdaad613f634a5a6674213d146333a83cfa3", "2023-01-10", "PLW"),
    ("palestine", "4763a59ec1314df165de216f3f14607dd208fff4", "2023-03-12", "PSE"),
    ("qatar-ministers", "d5009aaaf03afca33f9a6aaf672a57c1ed19746e", "2022-07-23", "QAT"),
    ("samoa-ministers", "da054d567c96b44f7fab59353f946bef562f0533", "2022-07-30", "WSM"),
    ("san-marino-ministers", "b4a1cee85a5aad4fe31ac94e6a48a95fe47cc2b9", "2022-07-28", "SMR"),
    ("sao-tome-and-principe", "1be2c84a3d3ec408c4a9614729985013f0bf1ee9", "2023-01-12", "STP"),
    ("seychelles-ministers", "c3d007277df5f0669daa855142dbfe762f2d7a4f", "2022-08-03", "SYC"),
    ("solomons-ministers", "d685f954660dea55af6f1684c5a58c64e6c1d38f", "2022-08-03", "SLB"),
    ("st-kitts-and-nevis-cabinet", "908113dbe6f8771545f220b6dcf877dbbebbf703", "2022-07-29", "KNA"),
    ("st-lucia-cabinet", "4674a06432a542602e821ed3710305b9e9bb6171", "2022-07-22", "LCA"),
    ("st-vincent-and-the-grenadines", "700b40a315ba3b9f690b31e02ff64dd0bb001188", "2023-01-11",
     "VCT"),
    ("tonga-ministers", "b5f2233476ebce193698e269c85dd792b362d726", "2022-07-26", "TON"),
    ("tuvalu-ministers", "c069c26fd0c45f3587c17f7bc69ccd81d88f9e4b", "2022-07-25", "TUV"),
    ("vanuatu-cabinet", "f21a251001fb6a2129876fb2a2f867772c59aefd", "2022-07-29", "VUT"),
)  # fmt: skip
OWNER = "every-politician-scrapers"

Key = tuple[str, str, str, str]  # name, country, office, start (ISO)


def read_added(mirrors: Path) -> tuple[list[kb.Person], list[str]]:
    """The pinned repositories' people (merged per name, country and office) and source lines."""
    people: list[kb.Person] = []
    lines: list[str] = []
    for name, commit, when, iso in ADDED:
        gitdir = mirrors / f"{OWNER}+{name}" / "repo"
        found = kb.merge_people(kb.wikidata_repo(gitdir, commit, iso), date(2000, 1, 1))
        people += found
        lines.append(f"{OWNER}/{name}\t{commit}\t{when}\t{iso}\t{sum(len(p.terms) for p in found)}")
    return people, lines


def existing_keys(db: sqlite3.Connection) -> set[Key]:
    rows = db.execute(
        "SELECT p.name, p.country, o.office, t.start FROM terms t JOIN persons p ON p.id = t.person"
        " JOIN offices o ON o.id = t.office"
    )
    return {(name, country, office, start) for name, country, office, start in rows}


def merge_into(path: Path, people: list[kb.Person], note: str) -> Counter[str]:
    """Add `people` to a built people.sqlite: terms whose (name, country, office, start) it holds
    already are skipped, a person left without terms is not added. Terms added, by country."""
    db = sqlite3.connect(path)
    known = existing_keys(db)
    offices = {(o, s): i for i, o, s in db.execute("SELECT id, office, sector FROM offices")}
    next_pid = (db.execute("SELECT MAX(id) FROM persons").fetchone()[0] or 0) + 1
    added: Counter[str] = Counter()
    for person in sorted(people, key=lambda p: (p.country, p.name, p.office)):
        terms = [t for t in person.terms if _key(person, t.start) not in known]
        if not terms:
            continue
        _insert(db, next_pid, person, terms, offices)
        known.update(_key(person, t.start) for t in terms)
        added[person.country] += len(terms)
        next_pid += 1
    header = db.execute("SELECT value FROM meta WHERE key = 'header'").fetchone()[0]
    if "--add-wikidata" not in header:  # the note once, whenever it is run again
        db.execute("UPDATE meta SET value = ? WHERE key = 'header'", (header + note,))
    db.commit()
    db.execute("VACUUM")
    db.close()
    return added


def _key(person: kb.Person, start: date) -> Key:
    return (person.name, person.country, person.office, start.isoformat())


def _insert(
    db: sqlite3.Connection,
    pid: int,
    person: kb.Person,
    terms: list[kb.Term],
    offices: dict[tuple[str, str], int],
) -> None:
    """One person row with its name forms, office and terms, as `write_people` writes them."""
    db.execute("INSERT INTO persons VALUES (?, ?, ?, ?)",
               (pid, person.name, person.country, person.source))  # fmt: skip
    keys = {kb.name_key(form) for form in (person.name, *person.aliases)}
    db.executemany(
        "INSERT OR IGNORE INTO names VALUES (?, ?, ?)",
        [(k, pid, zlib.crc32(k.encode("utf-8"))) for k in sorted(keys) if k],
    )
    office = offices.get((person.office, person.sector))
    if office is None:
        office = offices[(person.office, person.sector)] = max(offices.values(), default=0) + 1
        db.execute("INSERT INTO offices VALUES (?, ?, ?)", (office, person.office, person.sector))
    db.executemany(
        "INSERT INTO terms VALUES (?, ?, ?, ?)",
        [(pid, office, t.start.isoformat(), t.end.isoformat() if t.end else None) for t in terms],
    )


def append_sources(path: Path, lines: list[str]) -> int:
    """Source lines for repositories actors-sources.tsv does not list yet."""
    listed = {line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()}
    new = [line for line in lines if line.split("\t")[0] not in listed]
    with path.open("a", encoding="utf-8") as out:
        out.writelines(line + "\n" for line in new)
    return len(new)


NOTE = """# Added later (build_actor_kb.py --add-wikidata, {today}): Wikidata (CC0) office holders and
#   legislators of {n} more every-politician-scrapers repositories (countries and territories the
#   first build had none for; queried 2022-2023, each commit in actors-sources.tsv), merged without
#   a rebuild: a term already held under the same name, country, office and start is kept as it was.
"""


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="build_actor_kb.py --add-wikidata")
    parser.add_argument("mirrors", type=Path, help="folder of every-politician-scrapers+NAME/repo")
    parser.add_argument("--out", type=Path, default=kb.DATA / "knowledge")
    args = parser.parse_args(argv)
    people, lines = read_added(args.mirrors)
    note = NOTE.format(today=date.today().isoformat(), n=len(ADDED))
    added = merge_into(args.out / "people.sqlite", people, note)
    n_sources = append_sources(args.out / "actors-sources.tsv", lines)
    print(f"{sum(added.values())} person-office records added ({n_sources} new sources):"
          f" {dict(sorted(added.items()))}", file=sys.stderr)  # fmt: skip
