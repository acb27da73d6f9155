"""Query parameters shared by the event list and the export: parsed and checked here, so a bad
value is a 422 with a message, and the store receives only typed, known values."""

from __future__ import annotations

import functools
from datetime import date
from typing import Annotated

from fastapi import Query

from brinkwatch.datafiles import data_path, read_tsv
from brinkwatch.store.event_pages import EventQuery
from brinkwatch.web.api.common import COUNTRY, bad_request, check_range


@functools.cache
def plover_events() -> frozenset[str]:
    return frozenset(row.values["event"] for row in read_tsv(data_path("codes/plover.tsv")))


def _pair(value: str | None, name: str) -> tuple[str, str] | None:
    if not value:
        return None
    parts = value.upper().replace(":", "-").split("-")
    if len(parts) != 2 or not all(len(p) == 3 and p.isalpha() for p in parts):
        raise bad_request(f"{name} must be two country codes, e.g. CHN-PHL, not {value!r}")
    return parts[0], parts[1]


def _root(value: str | None) -> str | None:
    if value is None:
        return None
    if not value.isdigit() or not 1 <= int(value) <= 20:
        raise bad_request(f"root must be a CAMEO root code 01-20, not {value!r}")
    return value.zfill(2)


def _plover(value: str | None) -> str | None:
    if value is None:
        return None
    if value.upper() not in plover_events():
        known = ", ".join(sorted(plover_events()))
        raise bad_request(f"plover must be one of {known}; not {value!r}")
    return value.upper()


Country = Annotated[str | None, Query(pattern=COUNTRY, description="ISO 3166 alpha-3, e.g. PHL")]


def event_filters(
    since: Annotated[date | None, Query(description="First event day (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Last event day (YYYY-MM-DD).")] = None,
    country: Country = None,
    source: Country = None,
    target: Country = None,
    dyad: Annotated[str | None, Query(description="Directed pair SOURCE-TARGET.")] = None,
    pair: Annotated[str | None, Query(description="Both directions of A-B.")] = None,
    root: Annotated[str | None, Query(description="CAMEO root code, 01-20.")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="1-4.")] = None,
    plover: Annotated[str | None, Query(description="PLOVER event, e.g. ASSAULT.")] = None,
) -> EventQuery:
    check_range(since, until)
    return EventQuery(
        since=since,
        until=until,
        country=country.upper() if country else None,
        source=source.upper() if source else None,
        target=target.upper() if target else None,
        dyad=_pair(dyad, "dyad"),
        pair=_pair(pair, "pair"),
        root=_root(root),
        quad_class=quad_class,
        plover=_plover(plover),
    )
