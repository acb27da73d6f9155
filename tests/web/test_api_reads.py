"""The read API in-process: every list, its filters, pages, errors and caching headers."""

from __future__ import annotations

import pytest

from tests.web.conftest import Client, make_client
from tests.web.factory import XSS_QUOTE, XSS_TITLE


def items(client: Client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_articles_newest_first_with_outlet_and_date_filters(api: Client) -> None:
    found = items(api, "/api/v1/articles?limit=500")
    assert len(found) >= 14 and found[0]["id"] == "xss-1"
    assert {a["outlet"] for a in items(api, "/api/v1/articles?outlet=reef%20post")} == {"Reef Post"}
    march_23 = items(api, "/api/v1/articles?since=2026-03-23&until=2026-03-23")
    assert {a["published"] for a in march_23} == {"2026-03-23"}
    assert all("text" not in a for a in found)  # lists stay small: the text is on the detail


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rammed", {"clash"}),
        ("reef 2", {"clash"}),
        ("shipping lane", {"calm"}),
        ("harbour talks", {"xss"}),  # the title counts
        ('"rammed* NEAR( -reef', {"clash"}),  # search syntax is taken as words, never as syntax
        ("rammed shipping", set()),  # every word is required
        ("zzzz-unheard-of", set()),
    ],
)
def test_full_text_search(any_db: Client, query: str, expected: set[str]) -> None:
    found = items(any_db, f"/api/v1/articles?q={query}")
    assert {a["id"].split("-")[0] for a in found} == expected


def test_article_detail_has_text_and_spans(api: Client) -> None:
    body = api.get("/api/v1/articles/xss-1").json()
    assert body["article"]["title"] == XSS_TITLE
    assert "minhash" not in body["article"] and "content_hash" not in body["article"]
    event = body["events"][0]
    sentence = event["spans"]["sentence"]
    text = body["article"]["text"]
    assert text[sentence["start"] : sentence["end"]] == sentence["text"]
    assert event["cameo"] == "040" and event["source_country"] == "JPN"
    assert body["quotes"][0]["content"] == XSS_QUOTE
    assert api.get("/api/v1/articles/nope").status_code == 404


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("pair=CHN-PHL", lambda e: {e["source_country"], e["target_country"]} == {"CHN", "PHL"}),
        ("dyad=PHL-CHN", lambda e: (e["source_country"], e["target_country"]) == ("PHL", "CHN")),
        ("country=usa", lambda e: "USA" in (e["source_country"], e["target_country"])),
        ("source=JPN", lambda e: e["source_country"] == "JPN"),
        ("target=PHL", lambda e: e["target_country"] == "PHL"),
        ("root=19", lambda e: e["cameo_root"] == "19"),
        ("quad_class=3", lambda e: e["quad_class"] == 3),
        ("plover=assault", lambda e: e["plover_event"] == "ASSAULT"),
        ("since=2026-03-23&until=2026-03-24", lambda e: 20260323 <= e["sqldate"] <= 20260324),
    ],
)
def test_event_filters(any_db: Client, query: str, check) -> None:
    found = items(any_db, f"/api/v1/events?{query}&limit=500")
    assert found and all(check(e) for e in found)
    assert all(e["evidence"] and e["evidence"][0]["sentence"] for e in found)


def test_events_newest_first_and_cursor_pages_cover_everything_once(api: Client) -> None:
    every = items(api, "/api/v1/events?limit=500")
    days = [e["sqldate"] for e in every]
    assert days == sorted(days, reverse=True)
    seen, cursor = [], ""
    while True:
        body = api.get(f"/api/v1/events?limit=4{'&cursor=' + cursor if cursor else ''}").json()
        seen += [e["id"] for e in body["items"]]
        if not body["next"]:
            break
        cursor = body["next"]
    assert seen == [e["id"] for e in every]


def test_limit_is_capped(store_url: str) -> None:
    small = make_client(store_url, max_page_size=3)
    body = small.get("/api/v1/events?limit=10000").json()
    assert len(body["items"]) == 3 and body["next"]
    assert len(small.get("/api/v1/articles?limit=10000").json()["items"]) == 3


def test_quotes_by_speaker_country_and_date(api: Client) -> None:
    found = items(api, "/api/v1/quotes?speaker=japan&country=JPN&since=2026-03-01")
    assert [q["content"] for q in found] == [XSS_QUOTE]
    assert items(api, "/api/v1/quotes?speaker=jpngov")  # an actor code matches too
    assert items(api, "/api/v1/quotes?speaker=50%25") == []  # LIKE wildcards are literal
    assert items(api, "/api/v1/quotes?until=2026-03-01") == []


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/api/v1/events?since=2026-13-01", "since"),
        ("/api/v1/events?since=2026-03-05&until=2026-03-01", "after until"),
        ("/api/v1/events?country=CHINA", "country"),
        ("/api/v1/events?dyad=CHN", "two country codes"),
        ("/api/v1/events?root=33", "root"),
        ("/api/v1/events?quad_class=5", "quad_class"),
        ("/api/v1/events?plover=BOMBARD", "plover must be one of"),
        ("/api/v1/events?limit=0", "limit"),
        ("/api/v1/events?cursor=not-a-cursor", "cursor"),
        ("/api/v1/events?cursor=WyJhIl0", "cursor"),  # ["a"]: valid base64, wrong shape
        ("/api/v1/events?contry=CHN", "unknown query parameter contry"),
        ("/api/v1/articles?since=yesterday", "since"),
        ("/api/v1/quotes?country=1", "country"),
        ("/api/v1/alerts?kind=panic", "kind"),
        ("/api/v1/alerts?cursor=WyJ4IiwxXQ", "cursor"),  # ["x", 1]: not a day
        ("/api/v1/dyads?sort=loudest", "sort"),
        ("/api/v1/dyads/CHN/CHN", "two different countries"),
        ("/api/v1/dyads/CHN/PHL?freq=month", "freq"),
        ("/api/v1/export?format=xlsx", "format"),
        ("/api/v1/network?since=soon", "since"),
    ],
)
def test_bad_filters_are_422_with_a_message(api: Client, url: str, words: str) -> None:
    response = api.get(url)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "invalid_request" and words in body["message"]


def test_etag_and_cache_control_answer_304_until_the_store_changes(api: Client) -> None:
    first = api.get("/api/v1/events?pair=CHN-PHL")
    tag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = api.get("/api/v1/events?pair=CHN-PHL", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    other = api.get("/api/v1/events?pair=JPN-USA", headers={"If-None-Match": tag})
    assert other.status_code == 200  # another query, another tag


def test_a_repeated_read_is_sent_from_the_kept_body_without_a_query(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from brinkwatch.web.api import reads

    calls: list[object] = []
    real = reads.find_event_page
    monkeypatch.setattr(reads, "find_event_page", lambda *a: calls.append(a) or real(*a))
    client = make_client(store_url)
    first, second = (client.get("/api/v1/events?limit=3") for _ in range(2))
    assert len(calls) == 1 and second.status_code == 200
    assert second.content == first.content and second.headers["etag"] == first.headers["etag"]
    assert second.headers["content-type"] == "application/json"
    client.get("/api/v1/events?limit=4")  # another query is run
    assert len(calls) == 2


def test_cors_is_off_unless_configured(api: Client, store_url: str) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in api.get("/api/v1/dyads", headers=origin).headers
    allowed = make_client(store_url, cors_origins=("https://elsewhere.example",))
    headers = allowed.get("/api/v1/dyads", headers=origin).headers
    assert headers["access-control-allow-origin"] == "https://elsewhere.example"


def test_openapi_lists_every_route_and_docs_are_served_from_the_package(api: Client) -> None:
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/articles",
        "/articles/{article_id}",
        "/events",
        "/quotes",
        "/dyads",
        "/dyads/{a}/{b}",
        "/alerts",
        "/alerts/{alert_id}",
        "/export",
        "/network",
    ):
        assert f"/api/v1{path}" in paths
    assert "post" in paths["/api/v1/articles"]
    docs = api.get("/api/docs").text
    assert "cdn" not in docs.lower() and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"):
        assert api.get(f"/static/vendor/swagger-ui/{asset}").status_code == 200
