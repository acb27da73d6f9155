"""The offline gazetteer of places: countries, first-level regions, towns, seas and disputed areas.

Built by scripts/build_places.py into data/knowledge/places.tsv.gz (GeoNames data, CC BY 4.0) and
loaded once per process by `gazetteer()`. Names are looked up after `normalise` (case, accents,
apostrophes and a leading "the" do not matter), so "Kiev", "KYIV" and "Kyïv" meet the same entries.
"""

from __future__ import annotations

import functools
import gzip
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from brinkwatch.datafiles import data_path, gc_paused
from brinkwatch.diskcache import MARSHAL, cached
from brinkwatch.errors import DataFileError

PLACES_FILE = "knowledge/places.tsv.gz"
_SPACE = re.compile(r"\s+")
_APOSTROPHES = re.compile("['’‘ʼ`]")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. `admin1` is the GeoNames first-level code within `country`."""

    geonameid: str
    name: str
    kind: str  # country | region | city | sea | strait | island | area | landmark
    country: str  # ISO 3166-1 alpha-3, "" for international waters
    fips: str  # FIPS 10-4 country code, as GDELT's *Geo_CountryCode
    admin1: str
    lat: float
    lon: float
    population: int

    @property
    def adm1(self) -> str | None:
        """GDELT's ADM1Code: FIPS country code + admin1 code ("UP05", "USTX")."""
        ok = self.fips and len(self.admin1) == 2  # GeoNames' longer codes are not FIPS codes
        return f"{self.fips}{self.admin1}" if ok else None


def normalise(name: str) -> str:
    """The lookup key of a name: lower case, no accents or apostrophes (transliterations differ
    in them: Kup'yans'k), hyphens as spaces, no leading "the"."""
    text = unicodedata.normalize("NFKD", _APOSTROPHES.sub("", name))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _SPACE.sub(" ", text.replace("-", " ")).strip(" .,")
    return text[4:] if text.startswith("the ") else text


class Gazetteer:
    """Entries by normalised name (main and alternate names), with countries and regions by code.

    Rows stay text until asked for: loading indexes names only, so it costs a fraction of a second.
    """

    def __init__(self, rows: list[str], version: str, index: Index | None = None) -> None:
        self.rows = rows
        self.version = version
        self.by_name, self.countries, self.regions = index or build_index(rows)
        self._places: dict[int, Place] = {}

    def place(self, index: int) -> Place:
        place = self._places.get(index)
        if place is None:
            place = self._places[index] = _row_place(self.rows[index].split("\t"))
        return place

    def candidates(self, name: str) -> list[Place]:
        return [self.place(i) for i in self.by_name.get(normalise(name), ())]

    def country(self, iso3: str) -> Place | None:
        index = self.countries.get(iso3)
        return None if index is None else self.place(index)

    def region(self, place: Place) -> Place | None:
        """The first-level region holding `place` (itself for a region)."""
        index = self.regions.get((place.country, place.admin1)) if place.admin1 else None
        return None if index is None else self.place(index)

    def full_name(self, place: Place) -> str:
        """GDELT's FullName: "Country"; "Region, Country"; "City, Region, Country"."""
        parts = [place.name]
        region = self.region(place)
        if place.kind != "region" and region is not None:
            parts.append(region.name)
        country = self.country(place.country)
        if place.kind != "country" and country is not None:
            parts.append(country.name)
        return ", ".join(parts)


# names -> rows, country -> row, (country, admin1) -> row: plain containers, so marshal stores them
Index = tuple[dict[str, list[int]], dict[str, int], dict[tuple[str, str], int]]


def build_index(rows: list[str]) -> Index:
    by_name: dict[str, list[int]] = {}
    countries: dict[str, int] = {}
    regions: dict[tuple[str, str], int] = {}
    for index, row in enumerate(rows):
        _gid, _name, kind, country, _fips, admin1, *_rest, keys = row.split("\t")
        for key in keys.split("|"):
            found = by_name.get(key)
            if found is None:
                by_name[key] = [index]
            else:
                found.append(index)
        if kind == "country":
            countries[country] = index
        elif kind == "region":
            regions[(country, admin1)] = index
    return by_name, countries, regions


def _row_place(cells: list[str]) -> Place:
    gid, name, kind, country, fips, admin1, lat, lon, population = cells[:9]
    return Place(gid, name, kind, country, fips, admin1, float(lat), float(lon), int(population))


def load(path: Path) -> Gazetteer:
    """Read the built file; a malformed line names itself."""
    version, rows = read_rows(path)
    with gc_paused():
        return Gazetteer(rows, version)


def read_rows(path: Path) -> tuple[str, list[str]]:
    """The file's version and its data rows, each checked for its ten cells."""
    version = "unknown"
    rows: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        text = handle.read()
    with gc_paused():
        for number, line in enumerate(text.splitlines(), start=1):
            if line.startswith("#"):
                if line.startswith("# version:"):
                    version = line.split(":", 1)[1].strip()
            elif not line.startswith("geonameid\t"):
                if line.count("\t") != 9:
                    raise DataFileError(str(path), number, "a gazetteer row needs 10 cells")
                rows.append(line)
    return version, rows


def _build(path: Path) -> tuple[str, list[str], Index]:
    version, rows = read_rows(path)
    with gc_paused():
        return version, rows, build_index(rows)


@functools.cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process; its rows and index come from the disk
    cache when a copy built from the same file (and this module) is there."""
    path = data_path(PLACES_FILE)
    version, rows, index = cached(
        "places", [path, Path(__file__)], lambda: _build(path), codec=MARSHAL
    )
    return Gazetteer(rows, version, index)
