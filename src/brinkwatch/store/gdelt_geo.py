"""GDELT 2.0's geography columns (ActionGeo_*, Actor1Geo_*, Actor2Geo_*) from stored locations.

As GDELT 2.0's event codebook defines them: Type 1 COUNTRY, 2 USSTATE, 3 USCITY (a US city or
landmark), 4 WORLDCITY (a city or landmark elsewhere), 5 WORLDSTATE (a first-level division
outside the US); FullName "Country", "State, Country" or "City, State, Country"; CountryCode the
FIPS 10-4 code (data/codes/fips_countries.tsv); ADM1Code FIPS country + ADM1 code ("USTX",
"UP05"), the country code alone for a country-level match; ADM2Code left empty (we hold no GAUL
codes); Lat/Long; FeatureID the feature's numeric id for types 3-4 (GeoNames ids here, where GDELT
has GNS ids) and the textual ADM1 or country code for types 1, 2 and 5.
Seas, straits, islands and named areas count as landmarks (3 or 4).
"""

from __future__ import annotations

import functools
from typing import Any

from brinkwatch.datafiles import data_path, read_tsv

GDELT_SIDES = (
    ("ActionGeo", "action_geo"),
    ("Actor1Geo", "source_geo"),
    ("Actor2Geo", "target_geo"),
)
USA = "USA"


@functools.cache
def fips_codes() -> dict[str, str]:
    """ISO3 -> FIPS 10-4 country code."""
    rows = read_tsv(data_path("codes/fips_countries.tsv"))
    return {row.values["iso3"]: row.values["fips"] for row in rows}


def geo_type(kind: str, country: str | None) -> int:
    us = country == USA
    if kind == "country":
        return 1
    if kind == "region":
        return 2 if us else 5
    return 3 if us else 4


def geo_values(event: Any, prefix: str, column: str) -> dict[str, Any]:
    """One side's eight GDELT values, keyed by GDELT column name; empty when no place is known."""
    get = functools.partial(_get, event, prefix)
    kind = get("kind")
    if not kind:
        return {}
    country = get("country")
    kind_code = geo_type(kind, country)
    fips = fips_codes().get(country or "", "")
    adm1 = fips if kind == "country" else (get("adm1") or "")
    feature = get("geonameid") or ""
    if kind_code in (1, 2, 5):
        feature = adm1 or fips
    elif not feature.lstrip("-").isdigit():
        feature = ""  # brinkwatch's own places have no numeric feature id
    return {
        f"{column}_Type": kind_code,
        f"{column}_FullName": get("full_name") or get("name") or "",
        f"{column}_CountryCode": fips,
        f"{column}_ADM1Code": adm1,
        f"{column}_ADM2Code": "",
        f"{column}_Lat": _coordinate(get("lat")),
        f"{column}_Long": _coordinate(get("lon")),
        f"{column}_FeatureID": feature,
    }


def gdelt_geo(event: Any) -> dict[str, Any]:
    """All 24 geography values of an event (the three sides)."""
    values: dict[str, Any] = {}
    for column, prefix in GDELT_SIDES:
        values.update(geo_values(event, prefix, column))
    return values


def _get(event: Any, prefix: str, name: str) -> Any:
    return getattr(event, f"{prefix}_{name}", None)


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"
