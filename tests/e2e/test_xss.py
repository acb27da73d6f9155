"""Markup in stored text never runs: an article whose title, text and a quote carry <script>
and onerror= payloads is posted through the API (the ingest path), then every page showing it
is opened; the payloads must appear as text, and nothing may execute."""

from __future__ import annotations

from typing import Any

import httpx

from tests.e2e.conftest import TOKEN
from tests.web.factory import XSS_QUOTE, XSS_TEXT, XSS_TITLE

NO_PAYLOAD_RAN = """() => ({
  flag: window.__xss === undefined ? null : String(window.__xss),
  scripts: [...document.scripts].filter(s => !s.src).length,
  handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
  images: document.querySelectorAll('main img').length,
})"""


def _post_xss_article(server: str) -> None:
    article = {
        "id": "xss-e2e",
        "title": XSS_TITLE,
        "text": XSS_TEXT,
        "published": "2026-03-05",
        "outlet": "Harbour <i>Times</i>",
    }
    response = httpx.post(
        f"{server}/api/v1/articles",
        json=article,
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    assert response.json()["items"][0]["status"] == "coded"


def _clean(page: Any) -> None:
    page.wait_for_timeout(300)  # let any injected handler fire before looking
    assert page.evaluate(NO_PAYLOAD_RAN) == {"flag": None, "scripts": 0, "handlers": 0, "images": 0}


def test_payloads_in_title_text_and_quote_stay_text(page: Any, server: str) -> None:
    _post_xss_article(server)

    page.goto("/articles/xss-e2e")
    page.locator("#article-text").wait_for()
    assert page.locator("#title").inner_text() == XSS_TITLE
    assert page.locator("#article-text").inner_text().strip() == XSS_TEXT
    assert XSS_QUOTE in page.locator("#quotes").inner_text()
    _clean(page)

    page.goto("/")
    page.fill("#search input[name=q]", "harbour talks")
    page.click("#search button")
    page.locator("#articles tbody tr a", has_text="Harbour").first.wait_for()
    assert XSS_TITLE in page.locator("#articles").inner_text()
    _clean(page)

    page.goto("/dyads/JPN/USA")
    page.locator("#events-table tbody tr").first.wait_for()
    _clean(page)
