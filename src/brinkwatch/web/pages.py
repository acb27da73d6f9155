"""The dashboard's pages: static shells (no data is rendered on the server, so nothing from the
store can become markup there); each page's script reads the public JSON API and writes text
into the DOM with textContent, never as HTML."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi import Path as PathParam
from fastapi.responses import FileResponse

PAGES = Path(__file__).resolve().parent / "static" / "pages"
router = APIRouter(include_in_schema=False)
HEADERS = {
    "Cache-Control": "no-cache",
    # everything the pages load comes from this server; no inline script, no plugins
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
}


def _page(name: str) -> FileResponse:
    return FileResponse(PAGES / f"{name}.html", media_type="text/html", headers=HEADERS)


@router.get("/")
def overview() -> FileResponse:
    return _page("overview")


@router.get("/dyads/{a}/{b}")
def dyad(
    a: str = PathParam(pattern=r"^[A-Za-z]{3}$"), b: str = PathParam(pattern=r"^[A-Za-z]{3}$")
) -> FileResponse:
    return _page("dyad")


@router.get("/alerts/{alert_id}")
def alert(alert_id: int) -> FileResponse:
    return _page("alert")


@router.get("/articles/{article_id}")
def article(article_id: str) -> FileResponse:
    return _page("article")


@router.get("/network")
def network() -> FileResponse:
    return _page("network")
