"""The dashboard in headless Chromium: overview → the escalating pair's chart → its alert →
an article with highlights; and the network. Each page's screenshot can be kept for the docs."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import screenshot


def test_overview_leads_to_the_escalating_pair_and_its_chart(page: Any) -> None:
    page.goto("/")
    first = page.locator("#dyad-table tbody tr").first
    first.wait_for()
    assert first.locator("a.pair").inner_text() == "CHN – PHL"
    assert first.locator("svg.spark polyline").count() == 1
    page.locator("#alerts .alerts li").first.wait_for()
    assert "escalation" in page.locator("#alerts").inner_text()
    page.locator("#articles tbody tr").first.wait_for()
    screenshot(page, "overview")

    first.locator("a.pair").click()
    page.wait_for_url("**/dyads/CHN/PHL")
    canvas = page.locator("#chart canvas")
    canvas.wait_for()
    assert int(page.locator("#chart").get_attribute("data-points")) > 3
    # the chart is drawn: the canvas holds coloured pixels, not a blank
    painted = page.evaluate(
        """() => { const c = document.querySelector('#chart canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"""
    )
    assert painted > 1000
    page.locator("#events-table tbody tr").first.wait_for()
    assert page.locator("#events-table tbody tr mark").count() > 0
    assert "escalation" in page.locator("#alerts").inner_text()
    screenshot(page, "dyad")


def test_dyad_events_filter_and_weekly_series(page: Any) -> None:
    page.goto("/dyads/CHN/PHL")
    page.locator("#events-table tbody tr").first.wait_for()
    page.select_option("#eventfilters select[name=quad_class]", "4")
    page.click("#eventfilters button")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#events-table tbody tr')].length > 0 && "
        "[...document.querySelectorAll('#events-table .badge')].every(b => b.classList.contains('q4'))"
    )
    page.select_option("#freqform select", "week")
    page.wait_for_function("() => Number(document.querySelector('#chart').dataset.points) >= 1")


def test_alert_page_shows_the_chain_and_opens_an_article(page: Any) -> None:
    page.goto("/")
    page.locator("#alerts .alerts li a").first.click()
    page.wait_for_url("**/alerts/*")
    page.locator("ol.chain li").first.wait_for()
    assert page.locator("ol.chain li").count() >= 2
    assert page.locator("ol.chain mark").count() >= 1  # the trigger in its sentence
    assert page.locator("#summary").inner_text().startswith("Reason")
    screenshot(page, "alert")

    page.locator("ol.chain a", has_text="open the article").first.click()
    page.wait_for_url("**/articles/*")
    page.locator("#article-text").wait_for()
    assert page.locator("#article-text .trigger").count() >= 1
    assert page.locator("#article-text .event").count() >= 1
    title = page.locator("#article-text .trigger").first.get_attribute("title")
    assert title.startswith("event ") and "Goldstein" in title  # hover shows the codes
    assert page.locator("#events li").count() >= 1
    screenshot(page, "article")


def test_network_draws_countries_and_edges(page: Any) -> None:
    page.goto("/network")
    page.locator("#network-svg").wait_for()
    assert page.locator("#network-svg circle.node").count() >= 3
    assert page.locator("#network-svg path.edge").count() >= 2
    page.locator("#edges tbody tr").first.wait_for()
    screenshot(page, "network")


def test_empty_and_missing_states_are_designed(page: Any) -> None:
    page.goto("/dyads/AAA/BBB")
    page.locator("#chart .state.empty").wait_for()
    assert "No events between" in page.locator("#chart").inner_text()
    page.goto("/alerts/999999")
    page.locator("#chain .state.error").wait_for()
    page.goto("/articles/no-such-article")
    page.locator("#text .state.error").wait_for()
    assert "no article with id" in page.locator("#text").inner_text()


def test_api_docs_render_offline_from_the_package(page: Any, server: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/api/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert page.locator(".swagger-ui .opblock").count() >= 10
    assert [url for url in requested if not url.startswith(server)] == []  # no CDN
    screenshot(page, "docs")
