"""GET /api/v1/dyads, /dyads/{A}/{B}, /alerts, /alerts/{id}, /network: the monitor's view."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from starlette.concurrency import run_in_threadpool

from brinkwatch.store.alert_pages import AlertQuery, alert_detail, find_alert_page
from brinkwatch.store.dyad_sums import pair_alert_rows
from brinkwatch.web.api.common import (
    COUNTRY,
    MAX_KEY,
    bad_request,
    capped,
    check_range,
    conditional,
    decode_cursor,
    page_body,
)
from brinkwatch.web.dyad_views import network, pair_series, ranked_pairs, with_freq

router = APIRouter(dependencies=[Depends(conditional)])
Day = Annotated[date | None, Query(description="YYYY-MM-DD, inclusive.")]
Code = Annotated[str, Path(pattern=COUNTRY, description="ISO 3166 alpha-3, e.g. CHN")]


def _params(request: Request, freq: str | None = None) -> Any:
    return with_freq(request.app.state.settings.core.monitor, freq)


def _cached(request: Request, key: tuple[Any, ...], compute: Any) -> Any:
    """Results of whole-store computations, kept for the store's current data version."""
    cache = request.app.state.cache
    full = (*key, request.state.data_version)
    if full not in cache:
        if len(cache) > 64:
            cache.clear()
        cache[full] = compute()
    return cache[full]


@router.get("/dyads", summary="Country pairs ranked by their tension of the last 30 days")
async def list_dyads(
    request: Request,
    since: Day = None,
    until: Day = None,
    sort: Literal["recent", "tension", "peak", "conflict", "events"] = "recent",
    limit: Annotated[int, Query(ge=1)] = 20,
) -> dict[str, Any]:
    check_range(since, until)
    engine, params = request.app.state.engine, _params(request)

    def compute() -> list[dict[str, Any]]:
        return ranked_pairs(engine, params, since=since, until=until, sort=sort)

    ranked = await run_in_threadpool(_cached, request, ("dyads", since, until, sort), compute)
    return {"items": ranked[: capped(request, limit)], "next": None}


@router.get("/dyads/{a}/{b}", summary="One pair's series, tension index and alerts")
async def get_dyad(
    request: Request,
    a: Code,
    b: Code,
    freq: Literal["day", "week"] | None = None,
    since: Day = None,
    until: Day = None,
    directed: bool = False,
) -> dict[str, Any]:
    check_range(since, until)
    a, b = a.upper(), b.upper()
    if a == b:
        raise bad_request("a dyad is two different countries")
    engine, params = request.app.state.engine, _params(request, freq)

    def compute() -> dict[str, Any]:
        series = pair_series(engine, a, b, params, directed=directed, since=since, until=until)
        found = pair_alert_rows(engine, a, b)
        shown = [_alert_summary(r) for r in found if _overlaps(r, since, until)]
        return {"periods": series, "alerts": shown}

    body = await run_in_threadpool(compute)
    return {
        "a": a,
        "b": b,
        "freq": params.freq,
        "weight": params.weight,
        "directed": directed,
        **body,
    }


def _overlaps(row: dict[str, Any], since: date | None, until: date | None) -> bool:
    return (since is None or row["window_end"] >= since) and (
        until is None or row["window_start"] <= until
    )


def _alert_summary(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["id"] = out.pop("pk")
    return out


@router.get("/alerts", summary="Stored alerts, newest window first")
async def list_alerts(
    request: Request,
    kind: Annotated[list[Literal["escalation", "spiral", "de-escalation"]] | None, Query()] = None,
    since: Day = None,
    until: Day = None,
    country: Annotated[str | None, Query(pattern=COUNTRY)] = None,
    limit: Annotated[int, Query(ge=1)] = 50,
    cursor: str | None = None,
) -> dict[str, Any]:
    check_range(since, until)
    key = decode_cursor(cursor, (str, int))
    query = AlertQuery(
        kinds=tuple(kind or ()),
        since=since,
        until=until,
        country=country.upper() if country else None,
        limit=capped(request, limit),
        after=(str(key[0]), int(key[1])) if key else None,
    )
    if query.after:
        _check_day(query.after[0])
    page = await run_in_threadpool(find_alert_page, request.app.state.engine, query)
    return page_body(page)


def _check_day(value: str) -> None:
    try:
        date.fromisoformat(value)
    except ValueError as exc:
        raise bad_request("cursor is not one this API gave out; start again without it") from exc


@router.get("/alerts/{alert_id}", summary="One alert and the chain of events behind it")
async def get_alert(
    request: Request, alert_id: Annotated[int, Path(ge=1, le=MAX_KEY)]
) -> dict[str, Any]:
    found = await run_in_threadpool(alert_detail, request.app.state.engine, alert_id)
    if found is None:
        raise HTTPException(404, f"no alert with id {alert_id}")
    return found


@router.get("/network", summary="Countries and their directed conflict/cooperation edges")
async def get_network(request: Request, since: Day = None, until: Day = None) -> dict[str, Any]:
    check_range(since, until)
    engine, params = request.app.state.engine, _params(request)

    def compute() -> dict[str, Any]:
        return network(engine, params, since=since, until=until)

    return await run_in_threadpool(_cached, request, ("network", since, until), compute)
