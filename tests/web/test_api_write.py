"""POST /api/v1/articles: the token, the body limit, and the ingest path (dedup, failures,
alerts refreshed)."""

from __future__ import annotations

import json

from tests.web.conftest import TOKEN, Client, make_client

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ONE = {
    "id": "post-1",
    "title": "Japan and the United States meet",
    "text": "Japan met the United States in Tokyo on Tuesday. Both sides praised the talks.",
    "published": "2026-03-10",
    "outlet": "Harbour Times",
}


def test_writes_are_refused_without_a_configured_token(api: Client) -> None:
    response = api.post("/api/v1/articles", json=ONE, headers=AUTH)
    assert response.status_code == 403 and "BRINKWATCH_TOKEN" in response.json()["message"]


def test_a_wrong_or_missing_token_is_401(writable: Client) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        response = writable.post("/api/v1/articles", json=ONE, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"


def test_post_codes_and_stores_through_the_ingest_path(writable: Client) -> None:
    response = writable.post("/api/v1/articles", json=ONE, headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["items"] == [{"id": "post-1", "status": "coded", "duplicate_of": None}]
    assert body["counts"]["new"] == 1 and body["counts"]["events"] == 1
    stored = writable.get("/api/v1/articles/post-1").json()
    assert stored["article"]["outlet"] == "Harbour Times" and stored["events"]
    again = writable.post("/api/v1/articles", json=[ONE], headers=AUTH).json()
    assert again["counts"]["new"] == 0 and again["counts"]["skipped"] == 1  # same text: once


def test_bad_items_become_failures_and_the_rest_is_stored(writable: Client) -> None:
    batch = [{"id": "no-text"}, {**ONE, "id": "post-2", "text": "Japan thanked the US."}]
    body = writable.post("/api/v1/articles", json=batch, headers=AUTH).json()
    assert body["items"][0] == {"id": "no-text", "status": "failed", "error": "missing_text"}
    assert body["items"][1]["status"] == "coded"
    assert body["counts"]["failed"] == 1 and body["counts"]["new"] == 1


def test_a_body_that_is_not_json_or_empty_is_422(writable: Client) -> None:
    for content in (b"{not json", b"[]", json.dumps([ONE] * 1001).encode()):
        response = writable.post("/api/v1/articles", content=content, headers=AUTH)
        assert response.status_code in (413, 422), response.text


def test_oversized_bodies_are_413_before_they_are_read(writable: Client) -> None:
    big = {**ONE, "text": "Japan met the United States. " * 2000}
    response = writable.post("/api/v1/articles", json=big, headers=AUTH)
    assert response.status_code == 413 and "20000 bytes" in response.json()["message"]

    async def chunks():  # no Content-Length: the limit holds while reading the stream
        for _ in range(100):
            yield b" " * 1000

    streamed = writable.post("/api/v1/articles", content=chunks(), headers=AUTH)
    assert streamed.status_code == 413


def test_new_events_refresh_the_alerts(tmp_path) -> None:
    from tests.web.factory import clash

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    client = make_client(url, token=TOKEN)
    assert client.get("/api/v1/alerts").json()["items"] == []
    assert client.get("/api/v1/dyads").json()["items"] == []
    posted = []
    for n in range(4):
        for outlet in ("Harbour Times", "Reef Post"):
            article = clash(n, outlet)
            posted.append(
                {"id": article.id, "text": article.text, "published": str(article.published)}
            )
    response = client.post("/api/v1/articles", json=posted, headers=AUTH)
    assert response.status_code == 200
    assert [(d["a"], d["b"]) for d in client.get("/api/v1/dyads").json()["items"]] == [
        ("CHN", "PHL")
    ]
    assert [a["kind"] for a in client.get("/api/v1/alerts").json()["items"]] == ["escalation"]
