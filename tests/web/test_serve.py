"""`brinkwatch serve`: its options, and the app factory it hands to uvicorn by name."""

from __future__ import annotations

import json

from click.testing import CliRunner

from brinkwatch.cli.main import cli
from brinkwatch.cli.serve import CORS_ENV, FACTORY, SETTINGS_ENV
from brinkwatch.settings import Settings
from brinkwatch.web import app as web_app


def test_serve_help_names_the_defaults() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert (
        "127.0.0.1" in result.output
        and "8000" in result.output
        and "BRINKWATCH_TOKEN" in result.output
    )


def test_the_factory_takes_the_cli_settings_from_the_environment(tmp_path, monkeypatch) -> None:
    assert FACTORY == "brinkwatch.web.app:app_from_environment"
    assert (SETTINGS_ENV, CORS_ENV) == (web_app.SETTINGS_ENV, web_app.CORS_ENV)
    db = f"sqlite:///{tmp_path / 'served.db'}"
    monkeypatch.setenv(SETTINGS_ENV, Settings(db=db).model_dump_json())
    monkeypatch.setenv(CORS_ENV, json.dumps(["https://a.example"]))
    monkeypatch.setenv("BRINKWATCH_TOKEN", "s3cret")
    monkeypatch.setattr(web_app.gc, "freeze", lambda: frozen.append(True))
    frozen: list[bool] = []
    app = web_app.app_from_environment()
    assert frozen == [True]  # start-up objects left out of full collections
    assert app.state.settings.core.db == db
    assert app.state.settings.cors_origins == ("https://a.example",)
    assert app.state.settings.token.get_secret_value() == "s3cret"
