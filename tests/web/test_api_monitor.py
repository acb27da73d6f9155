"""The monitor's API in-process: pairs by tension, one pair's series (the same numbers as
`brinkwatch dyad`), alerts with their chain, the network, and the streamed export."""

from __future__ import annotations

import base64
import csv
import io
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from brinkwatch.monitor.escalation import tension_frame
from brinkwatch.monitor.series import dyad_series, events_frame
from brinkwatch.settings import Settings
from brinkwatch.store.db import open_engine
from brinkwatch.store.event_pages import EventQuery, iter_events
from brinkwatch.store.monitor_io import monitor_events
from tests.web.conftest import Client


def test_dyads_rank_the_escalating_pair_first(api: Client) -> None:
    body = api.get("/api/v1/dyads").json()
    assert body["next"] is None
    first, *rest = body["items"]
    assert (first["a"], first["b"]) == ("CHN", "PHL")
    assert first["recent_tension"] > 0 and all(
        r["recent_tension"] <= first["recent_tension"] for r in rest
    )
    assert first["sparkline"] and len(first["sparkline"]) <= 30
    by_events = api.get("/api/v1/dyads?sort=events&limit=1").json()["items"]
    assert len(by_events) == 1


@pytest.mark.parametrize("freq", ["day", "week"])
def test_dyad_series_is_the_monitors_series(api: Client, store_url: str, freq: str) -> None:
    body = api.get(f"/api/v1/dyads/chn/phl?freq={freq}").json()
    params = Settings().monitor.__class__(freq=freq)
    events = monitor_events(open_engine(store_url), pair=("CHN", "PHL"))
    series = dyad_series(events_frame(events, params.weight), "CHN", "PHL", params)
    tension = tension_frame(series, params)
    got = pd.DataFrame(body["periods"]).set_index("period")
    assert list(got.index) == [p.date().isoformat() for p in series.index]
    for column in ("events", "q1", "q4", "cooperation", "conflict"):
        assert got[column].tolist() == pytest.approx(series[column].tolist())
    assert got["tension"].tolist() == pytest.approx(tension["tension"].round(4).tolist())
    assert got["signal"].tolist() == tension["signal"].tolist()


def test_dyad_has_its_alerts_and_since_trims_the_periods(api: Client) -> None:
    body = api.get("/api/v1/dyads/PHL/CHN?since=2026-03-20").json()
    assert body["periods"][0]["period"] == "2026-03-20"
    assert [a["kind"] for a in body["alerts"]] == ["escalation"]
    assert api.get("/api/v1/dyads/JPN/USA").json()["alerts"] == []
    quiet = api.get("/api/v1/dyads/CHN/JPN").json()
    assert quiet["periods"] == [] and quiet["alerts"] == []


def test_alerts_list_filters_and_the_chain_with_evidence(api: Client) -> None:
    alerts = api.get("/api/v1/alerts").json()["items"]
    assert alerts and alerts[0]["kind"] == "escalation" and alerts[0]["n_events"] >= 2
    assert api.get("/api/v1/alerts?kind=spiral").json()["items"] == []
    assert api.get("/api/v1/alerts?since=2027-01-01").json()["items"] == []
    assert api.get("/api/v1/alerts?country=JPN").json()["items"] == []
    detail = api.get(f"/api/v1/alerts/{alerts[0]['id']}").json()
    assert detail["reason"] and detail["events"]
    report = detail["events"][0]["reports"][0]
    assert report["trigger"] in report["sentence"] and report["article_id"]
    assert api.get("/api/v1/alerts/999999").status_code == 404
    assert api.get("/api/v1/alerts/abc").status_code == 422


def test_network_nodes_and_weighted_edges(api: Client) -> None:
    body = api.get("/api/v1/network").json()
    assert {n["id"] for n in body["nodes"]} == {"CHN", "PHL", "JPN", "USA"}
    edge = next(e for e in body["edges"] if (e["source"], e["target"]) == ("CHN", "PHL"))
    assert edge["conflict"] > 0 and edge["cooperation"] > 0 and edge["events"] >= 7
    later = api.get("/api/v1/network?since=2026-03-23").json()
    assert all(e["cooperation"] == 0 for e in later["edges"] if e["source"] == "CHN")


def test_export_formats_stream_the_filtered_events(api: Client) -> None:
    listed = api.get("/api/v1/events?pair=CHN-PHL&limit=500").json()["items"]
    rows = api.get("/api/v1/export?format=csv&pair=CHN-PHL")
    assert rows.headers["content-type"].startswith("text/csv")
    assert "attachment" in rows.headers["content-disposition"]
    assert [int(r["id"]) for r in csv.DictReader(io.StringIO(rows.text))] == [
        e["id"] for e in listed
    ]
    lines = api.get("/api/v1/export?format=jsonl&pair=CHN-PHL").text.splitlines()
    assert [json.loads(x)["id"] for x in lines] == [e["id"] for e in listed]
    gdelt = api.get("/api/v1/export?format=gdelt&pair=CHN-PHL").text.splitlines()
    assert len(gdelt) == len(listed) and all(len(x.split("\t")) == 61 for x in gdelt)
    text = api.get("/api/v1/export?format=plover&pair=CHN-PHL").text
    plover = [json.loads(line) for line in text.splitlines()]
    assert {p["event"][0] for p in plover} == {"CONSULT", "ASSAULT", "ACCUSE"}
    table = pq.read_table(io.BytesIO(api.get("/api/v1/export?format=parquet&pair=CHN-PHL").content))
    assert table.num_rows == len(listed)
    assert api.get("/api/v1/export?format=plover&pair=CHN-USA").text == ""
    assert api.get("/api/v1/export?format=csv&pair=CHN-USA").text.startswith("id,")


def test_export_reads_in_chunks(store_url: str) -> None:
    chunks = list(iter_events(open_engine(store_url), EventQuery(), chunk=4))
    assert len(chunks) > 2 and all(len(c) <= 4 for c in chunks)
    ids = [e.id for c in chunks for e in c]
    assert len(ids) == len(set(ids))


def test_the_ranking_uses_the_monitors_tension(api: Client, store_url: str) -> None:
    params = Settings().monitor
    events = monitor_events(open_engine(store_url))
    frame = events_frame(events, params.weight)
    for row in api.get("/api/v1/dyads?limit=50").json()["items"]:
        series = dyad_series(frame, row["a"], row["b"], params)
        tension = tension_frame(series, params)["tension"]
        assert row["tension"] == pytest.approx(round(tension.iloc[-1], 4), abs=1e-4)
        assert row["peak_tension"] == pytest.approx(round(tension.max(), 4), abs=1e-4)
        assert row["sparkline"] == pytest.approx(tension.iloc[-30:].round(4).tolist(), abs=1e-4)


def test_extreme_dates_and_keys_are_answers_not_server_errors(api: Client) -> None:
    # found by schemathesis: year 1 had no history to subtract, a key past 64 bits overflowed
    # SQLite, and a far-future `until` asked for a period a week up to year 9999
    assert api.get("/api/v1/dyads?since=0001-04-01").status_code == 200
    assert api.get("/api/v1/alerts/475697551568284286976").status_code == 422
    huge = base64.urlsafe_b64encode(json.dumps([10**30]).encode()).decode().rstrip("=")
    assert api.get(f"/api/v1/articles?cursor={huge}").status_code == 422
    bounded = api.get("/api/v1/dyads/PHL/CHN?until=9999-12-31")
    assert bounded.status_code == 200
    assert 0 < len(bounded.json()["periods"]) < 600  # up to today, not to 9999
