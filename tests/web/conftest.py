"""Web fixtures: the factory's store (SQLite, and PostgreSQL where `.ci/run` starts one) and an
in-process client (httpx over the ASGI app: no server, no port)."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from brinkwatch.settings import Settings
from brinkwatch.web import create_app, web_settings
from tests.store.conftest import _pg_url, _reset_pg
from tests.web.factory import build_store, fake_code, xss_article

TOKEN = "test-token-0123456789"


class Client:
    """Synchronous calls into the ASGI app through httpx's ASGITransport."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def call() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                return await client.request(method, url, **kwargs)

        # a thread of its own: Playwright's sync API (tests/e2e) keeps a loop running here
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, call()).result()

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


def make_client(url: str, **overrides: Any) -> Client:
    settings = web_settings(Settings(db=url), env={}, monitor_on_start=False, **overrides)
    return Client(create_app(settings, code=fake_code))


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'store.db'}"
    build_store(url, [xss_article()])
    return url


@pytest.fixture(scope="module")
def api(store_url: str) -> Client:
    """Read-only client on the shared store (no token: writes are refused)."""
    return make_client(store_url)


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[Client]:
    """A client with a write token, on a fresh store of its own."""
    url = f"sqlite:///{tmp_path / 'w.db'}"
    build_store(url)
    yield make_client(url, token=TOKEN, max_body_bytes=20_000)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Client:
    """The factory's store on each backend (PostgreSQL where BRINKWATCH_TEST_PG_URL is set)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'any.db'}"
    else:
        found = _pg_url()
        if found is None:
            pytest.skip("NOTICE: PostgreSQL web tests skipped: set BRINKWATCH_TEST_PG_URL")
        _reset_pg(found)
        url = found
    build_store(url, [xss_article()])
    return make_client(url)
