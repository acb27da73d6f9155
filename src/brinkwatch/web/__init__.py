"""The web skin: `create_app(settings)` builds the JSON API and the dashboard (docs/web.md)."""

from brinkwatch.web.app import create_app
from brinkwatch.web.settings import WebSettings, web_settings

__all__ = ["WebSettings", "create_app", "web_settings"]
