"""`brinkwatch serve`: the JSON API and the dashboard, served by uvicorn.

The CLI never imports the web skin (cli and web are separate skins): it hands its settings to
the app factory `brinkwatch.web.app:app_from_environment` through the environment, by name.
"""

from __future__ import annotations

import json
import os

import click

from brinkwatch.cli.ingest import db_option, store_settings

FACTORY = "brinkwatch.web.app:app_from_environment"
SETTINGS_ENV = "BRINKWATCH_SERVE_SETTINGS"  # read by the factory: the layered core settings
CORS_ENV = "BRINKWATCH_SERVE_CORS"


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Settings (TOML).")
@click.option(
    "--cors-origin", "cors_origins", multiple=True, help="Allow this origin to read (CORS)."
)
def serve_command(
    db: str | None, host: str, port: int, config_file: str | None, cors_origins: tuple[str, ...]
) -> None:
    """Serve the dashboard and the JSON API (docs at /api/docs) for a store.

    Reads are open to whoever can reach HOST (127.0.0.1 by default). Writes (POST
    /api/v1/articles) need BRINKWATCH_TOKEN set, and the header 'Authorization: Bearer TOKEN'.
    """
    import uvicorn

    settings = store_settings(db, config_file=config_file)
    os.environ[SETTINGS_ENV] = settings.model_dump_json()
    os.environ[CORS_ENV] = json.dumps(list(cors_origins))
    where = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    click.echo(f"brinkwatch dashboard on {where}  (API docs: {where}api/docs; Ctrl-C stops)")
    if not os.environ.get("BRINKWATCH_TOKEN"):
        click.echo("read-only: set BRINKWATCH_TOKEN to accept POST /api/v1/articles", err=True)
    uvicorn.run(FACTORY, factory=True, host=host, port=port, log_level="warning")
