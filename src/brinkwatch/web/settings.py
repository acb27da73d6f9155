"""The server's settings: the core settings (store, coder, monitor) plus what only the server
has (the write token, body and page limits, CORS). Validated once, at the HTTP edge."""

from __future__ import annotations

import os
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from brinkwatch.settings import Settings

TOKEN_ENV = "BRINKWATCH_TOKEN"
MAX_BODY_ENV = "BRINKWATCH_MAX_BODY_BYTES"


class WebSettings(BaseModel):
    """See docs/web.md. Reads are open; every write needs the bearer token."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    core: Settings
    token: SecretStr | None = Field(None, description="Bearer token for writes; none: read-only.")
    max_body_bytes: int = Field(10_000_000, ge=1_000, description="Larger bodies get 413.")
    max_page_size: int = Field(500, ge=1, le=10_000, description="A list's `limit` is capped here.")
    cors_origins: tuple[str, ...] = Field((), description="Origins allowed by CORS; none: off.")
    monitor_on_start: bool = Field(
        True, description="Run the monitor once at start so stored alerts match the events."
    )


def web_settings(
    core: Settings, env: Mapping[str, str] | None = None, **overrides: object
) -> WebSettings:
    """The server's settings from the core settings, the environment and flags (which win)."""
    env = os.environ if env is None else env
    values: dict[str, object] = {"core": core}
    if env.get(TOKEN_ENV):
        values["token"] = env[TOKEN_ENV]
    if env.get(MAX_BODY_ENV):
        values["max_body_bytes"] = env[MAX_BODY_ENV]
    values.update({k: v for k, v in overrides.items() if v is not None})
    return WebSettings.model_validate(values)
