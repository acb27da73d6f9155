"""Draw the knowledge-base test set (tests/gold/actors-kb.jsonl) at random, with a fixed seed.

Office holders and organisations drawn from the knowledge base's countries (a country at random,
then one of its people or parties), phrased as news names them: a bare full name on a date in the
person's term, a bare surname after a sentence naming the person in full, a party's acronym or
name. Only the country is asserted (the target); the office's sector rides along unasserted in
`office_sector` for inspection. Names that several countries' people share are not drawn: alone
they cannot be resolved (docs/actors.md gives their share).

    python scripts/make_actor_kb_testset.py [--seed 14] [--people 170] [--orgs 40]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "src" / "brinkwatch" / "data" / "knowledge"
OUT = ROOT / "tests" / "gold" / "actors-kb.jsonl"
CAPTURE = date(2022, 12, 31)  # no source was captured later: an open term is dated before this
CONTEXTS = (  # our own sentences that name the person in full before the surname alone
    "{name} arrived in the capital on Monday.",
    "On Tuesday {name} met a delegation of business leaders.",
    "{name} told reporters the talks had gone well.",
)

SHARED_NAMES = """
SELECT n.person FROM names n JOIN (
  SELECT m.key FROM names m JOIN persons q ON q.id = m.person
  GROUP BY m.key HAVING COUNT(DISTINCT q.country) > 1
) shared ON shared.key = n.key
"""


def record(ident: str, text: str, country: str, *, context: str = "", published: date | None,
           sector: str | None = None) -> dict[str, object]:  # fmt: skip
    return {
        "id": ident, "text": text, "context": context, "date": None,
        "published": published.isoformat() if published else None, "known_country": None,
        "country": country, "sector": None, "office_sector": sector, "expect_none": False,
        "assertions": [{"field": "country", "op": "==", "expected": country}],
        "method": "resolve_phrase", "test": ident, "pytest": "run", "pytest_reason": None,
    }  # fmt: skip


def draw_people(db: sqlite3.Connection, rng: random.Random, n: int) -> list[dict[str, object]]:
    shared = {r[0] for r in db.execute(SHARED_NAMES)}
    by_country: dict[str, list[tuple[int, str, str]]] = {}
    for pid, name, iso in db.execute("SELECT id, name, country FROM persons ORDER BY id"):
        if pid not in shared:
            by_country.setdefault(iso, []).append((pid, name, iso))
    countries = sorted(by_country)
    out: list[dict[str, object]] = []
    seen: set[int] = set()
    while len(out) < n:
        country = rng.choice(countries)
        pid, name, iso = rng.choice(by_country[country])
        if pid in seen or len(name.split()) < 2:
            continue
        seen.add(pid)
        start, end, sector = rng.choice(db.execute(
            "SELECT t.start, t.end, o.sector FROM terms t JOIN offices o ON o.id = t.office"
            " WHERE t.person = ?", (pid,)).fetchall())  # fmt: skip
        first = date.fromisoformat(start)
        last = date.fromisoformat(end) if end else min(first + timedelta(days=730), CAPTURE)
        when = first + timedelta(days=(max(last, first) - first).days // 2)
        ident = f"kb-p{len(out) + 1:03d}"
        if len(out) % 4 == 3:  # every fourth: the surname alone, after the full name
            context = rng.choice(CONTEXTS).format(name=name)
            out.append(record(ident, name.split()[-1], iso, context=context, published=when,
                              sector=sector))  # fmt: skip
        else:
            out.append(record(ident, name, iso, published=when, sector=sector))
    return out


def draw_orgs(rng: random.Random, n: int) -> list[dict[str, object]]:
    with (KNOWLEDGE / "organisations.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader((ln for ln in handle if not ln.startswith("#")),
                                          delimiter="\t", quoting=csv.QUOTE_NONE)]  # fmt: skip
    picked = rng.sample(rows, n)
    return [
        record(
            f"kb-o{i:03d}",
            r["acronyms"].split("|")[0] or r["name"],
            r["country"],
            published=None,
            sector=r["sector"],
        )
        for i, r in enumerate(picked, 1)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--people", type=int, default=170)
    parser.add_argument("--orgs", type=int, default=40)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    db = sqlite3.connect(KNOWLEDGE / "people.sqlite")
    records = draw_people(db, rng, args.people) + draw_orgs(rng, args.orgs)
    with OUT.open("w", encoding="utf-8") as out:
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records to {OUT}")


if __name__ == "__main__":
    main()
