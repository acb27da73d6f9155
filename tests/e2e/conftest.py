"""Browser tests: one uvicorn server (in a thread) and one headless Chromium for the session.

Chromium is Debian's package (`apt-get install chromium`, done by `.ci/run`), driven by
Playwright with `executable_path`: no browser is ever downloaded. Outside CI a machine without
it skips these tests with the reason; in CI (CI=true) a missing browser is a failure.

BRINKWATCH_E2E_DB=path runs the pages on a copy of that store (e.g. out/demo.db) instead of
the test factory's; BRINKWATCH_SCREENSHOTS=folder keeps a screenshot of each page there
(docs/img is refreshed with both: see docs/web.md).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from brinkwatch.settings import Settings
from brinkwatch.web import create_app, web_settings
from tests.web.factory import build_store, fake_code

CHROMIUM = os.environ.get("BRINKWATCH_CHROMIUM", "/usr/bin/chromium")
TOKEN = "e2e-token-0123456789"


def _need_browser() -> Any:
    """Playwright's sync API, or a skip (outside CI) / failure (in CI) with the reason."""
    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        from playwright import sync_api
    except ImportError:
        reason = "Playwright for Python is not installed (pip install -e '.[dev]')"
        sync_api = None
    if reason is None:
        return sync_api
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(f"NOTICE: browser tests skipped: {reason}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def e2e_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("e2e")
    given = os.environ.get("BRINKWATCH_E2E_DB")
    if given:
        shutil.copy(given, folder / "store.db")
        return f"sqlite:///{folder / 'store.db'}"
    url = f"sqlite:///{folder / 'store.db'}"
    build_store(url)
    return url


@pytest.fixture(scope="session")
def server(e2e_store: str) -> Iterator[str]:
    import uvicorn

    settings = web_settings(Settings(db=e2e_store), env={}, token=TOKEN, monitor_on_start=False)
    app = create_app(settings, code=fake_code)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    runner = uvicorn.Server(config)
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not runner.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    runner.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    sync_api = _need_browser()
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    opened.errors = errors
    yield opened
    context.close()
    assert not errors, errors  # no script error and no alert() on any page


def screenshot(page: Any, name: str) -> None:
    """Keep a screenshot where BRINKWATCH_SCREENSHOTS says (docs/img), else nowhere."""
    folder = os.environ.get("BRINKWATCH_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"web-{name}.png"), full_page=True)
