"""The dashboard's pages are static shells: served with a strict CSP, holding no stored data,
and loading only files shipped in the package (no CDN), each vendored file with its licence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.web.conftest import Client

STATIC = Path(__file__).resolve().parents[2] / "src" / "brinkwatch" / "web" / "static"
PAGES = ["/", "/dyads/CHN/PHL", "/alerts/1", "/articles/xss-1", "/network"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_are_shells_with_a_strict_policy(api: Client, url: str) -> None:
    response = api.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    html = response.text
    assert "Harbour" not in html and "onerror" not in html  # no stored text in the markup
    for asset in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert asset.startswith("/"), asset  # nothing from another host
        assert api.get(asset).status_code == 200, asset


def test_bad_page_addresses_are_404_or_422(api: Client) -> None:
    assert api.get("/dyads/CHINA/PHL").status_code == 422
    assert api.get("/alerts/abc").status_code == 422
    assert api.get("/nowhere").status_code == 404


def test_no_page_script_or_style_reaches_outside() -> None:
    own = [p for p in STATIC.rglob("*") if p.suffix in {".js", ".css", ".html"}]
    own = [p for p in own if "vendor" not in p.parts]
    assert len(own) >= 8
    for path in own:
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", path.read_text()), path
        assert "innerHTML" not in path.read_text(), path  # text goes in as text


def test_every_vendored_library_ships_its_licence() -> None:
    for folder in (STATIC / "vendor").iterdir():
        assert (folder / "LICENSE").is_file(), folder
        assert (folder / "README").read_text().count("npm") >= 1
