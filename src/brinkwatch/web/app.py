"""`create_app(settings)`: the JSON API under /api/v1, its OpenAPI document and docs (assets
shipped in the package: no CDN), and the dashboard pages, which read the same public API."""

from __future__ import annotations

import gc
import json
import os
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from brinkwatch._version import __version__
from brinkwatch.errors import BrinkwatchError
from brinkwatch.settings import Settings, load_settings
from brinkwatch.store.db import open_engine
from brinkwatch.store.ingest import CodeFn
from brinkwatch.web.api import export, monitor, reads, write
from brinkwatch.web.api.common import CACHE_CONTROL, NotModified, error, known_parameters
from brinkwatch.web.cache import Cached, CacheMiddleware, ResponseCache
from brinkwatch.web.pages import router as pages_router
from brinkwatch.web.settings import WebSettings, web_settings
from brinkwatch.web.writes import refresh_alerts

STATIC = Path(__file__).resolve().parent / "static"
API = "/api/v1"
SETTINGS_ENV = "BRINKWATCH_SERVE_SETTINGS"  # set by `brinkwatch serve` (cli/serve.py)
CORS_ENV = "BRINKWATCH_SERVE_CORS"
DESCRIPTION = (
    "brinkwatch's stored articles, events, quotes, country pairs and alerts. Lists return "
    '`{"items": [...], "next": cursor}`; pass `next` back as `cursor` for the next page. '
    "Reads answer ETag/If-None-Match with 304. Writes need `Authorization: Bearer <token>`."
)


def _default_coder(settings: WebSettings) -> CodeFn:
    def code(items: Any) -> Any:
        from brinkwatch.process import code_records  # loads spaCy: only when a write comes

        return code_records(items, settings.core, n_process=1)

    return code


def create_app(settings: WebSettings, *, code: CodeFn | None = None) -> FastAPI:
    """The web application on `settings.core.db`. `code` turns documents into records for
    POSTed articles (default: brinkwatch's coder, loaded on the first write)."""
    engine = open_engine(settings.core.db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.monitor_on_start:
            await run_in_threadpool(refresh_alerts, engine, settings.core.monitor)
        yield
        engine.dispose()

    app = FastAPI(
        title="brinkwatch",
        version=__version__,
        description=DESCRIPTION,
        openapi_url=f"{API}/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings, app.state.engine = settings, engine
    app.state.code = code or _default_coder(settings)
    app.state.write_lock, app.state.cache = threading.Lock(), {}
    app.state.responses = ResponseCache()
    api = APIRouter(prefix=API, dependencies=[Depends(known_parameters)])
    for module in (reads, monitor, export, write):
        api.include_router(module.router)
    app.include_router(api)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_api_route("/api/docs", _docs, include_in_schema=False)
    _handlers(app)
    app.add_middleware(CacheMiddleware, cache=app.state.responses)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET"]
        )
    return app


def _docs() -> HTMLResponse:
    vendor = "/static/vendor/swagger-ui"
    return get_swagger_ui_html(
        openapi_url=f"{API}/openapi.json",
        title="brinkwatch API",
        swagger_js_url=f"{vendor}/swagger-ui-bundle.js",
        swagger_css_url=f"{vendor}/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
    )


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


def _handlers(app: FastAPI) -> None:
    async def not_modified(_request: Request, exc: Exception) -> Response:
        tag = str(exc.args[0]) if exc.args else ""
        return Response(status_code=304, headers={"ETag": tag, "Cache-Control": CACHE_CONTROL})

    async def cached(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Cached)
        headers = {"ETag": exc.tag, "Cache-Control": CACHE_CONTROL}
        return Response(exc.body, media_type="application/json", headers=headers)

    async def invalid(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        detail = [{k: e[k] for k in ("loc", "msg", "type") if k in e} for e in exc.errors()]
        return error(422, "invalid_request", _validation_message(exc), detail=detail)

    async def http_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        codes = {401: "unauthorized", 403: "forbidden", 404: "not_found", 413: "too_large"}
        code = codes.get(exc.status_code, "invalid_request" if exc.status_code == 422 else "error")
        response = error(exc.status_code, code, str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    async def brinkwatch_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, BrinkwatchError)
        return error(500, exc.code, exc.full_message)

    handlers: dict[Any, Callable[..., Any]] = {
        NotModified: not_modified,
        Cached: cached,
        RequestValidationError: invalid,
        HTTPException: http_error,
        BrinkwatchError: brinkwatch_error,
    }
    for kind, handler in handlers.items():
        app.add_exception_handler(kind, handler)


def app_from_environment() -> FastAPI:
    """The factory `brinkwatch serve` hands to uvicorn: core settings from the environment
    (as the CLI layered them), the token and limits from BRINKWATCH_* variables."""
    raw = os.environ.get(SETTINGS_ENV)
    core = Settings.model_validate_json(raw) if raw else load_settings()
    cors = tuple(json.loads(os.environ.get(CORS_ENV) or "[]"))
    return serving(create_app(web_settings(core, cors_origins=cors)))


def serving(app: FastAPI) -> FastAPI:
    """The app, ready to serve for long: what is alive now (modules, the app) stays alive, so
    the garbage collector is told to leave it out of its full passes, which otherwise stall one
    request in ~50 for ~0.2 s on a busy machine (docs/web.md)."""
    gc.freeze()
    return app
