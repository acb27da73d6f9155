"""Checks on command-line arguments, so a typo is an error with suggestions, never an empty answer.

Countries are taken as ISO3 or CAMEO codes, names, aliases or demonyms ("PHL", "Philippines",
"filipino") and turned into the code the store keeps (CAMEO's, which is ISO3 but for ROM, MTN,
TMP, KSV). CAMEO roots and PLOVER categories are checked against the shipped code tables.
"""

from __future__ import annotations

import difflib
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from brinkwatch.datafiles import data_path, read_tsv


@functools.cache
def country_names() -> dict[str, str]:
    """Every accepted spelling, lower-cased → the stored country code."""
    return {key: code for key, (code, _) in _spellings().items()}


@functools.cache
def _spellings() -> dict[str, tuple[str, str]]:
    """Lower-cased spelling → (stored code, the spelling as the gazetteer writes it)."""
    names: dict[str, tuple[str, str]] = {}
    for row in read_tsv(data_path("gazetteers/countries.tsv")):
        values = row.values
        code = values["cameo"] or values["iso3"]
        spellings = [values["iso3"], code, values["name"]]
        for column in ("aliases", "adjectives"):
            spellings += [s for s in values.get(column, "").split("|") if s]
        for spelling in spellings:
            names.setdefault(_key(spelling), (code, spelling))
    for row in read_tsv(data_path("gazetteers/igos.tsv")):
        code = row.values["code"]
        for spelling in [code, row.values["name"], *row.values.get("aliases", "").split("|")]:
            if spelling:
                names.setdefault(_key(spelling), (code, spelling))
    return names


def _key(text: str) -> str:
    key = " ".join(text.replace(".", "").split()).lower()
    return key[4:] if key.startswith("the ") else key


def country_code(value: str, param_hint: str = "COUNTRY") -> str:
    """The stored code for a country spelling; unknown spellings raise with suggestions."""
    names = country_names()
    code = names.get(_key(value))
    if code:
        return code
    close = difflib.get_close_matches(_key(value), list(names), n=8, cutoff=0.7)
    shown: dict[str, str] = {}  # one suggestion per country, best spelling first
    for spelling in close:
        shown.setdefault(names[spelling], _suggestion(*_spellings()[spelling]))
    hint = "; did you mean " + ", ".join(list(shown.values())[:4]) if shown else ""
    raise click.BadParameter(
        f"unknown country {value!r}{hint}? Use an ISO3 code (PHL), a name (Philippines) "
        "or a demonym (Filipino).",
        param_hint=param_hint,
    )


def _suggestion(code: str, spelling: str) -> str:
    return code if spelling.upper() == code else f"{spelling} ({code})"


def country_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A click callback: a country option or argument validated and turned into its code."""
    if value is None:
        return None
    return country_code(value, param_hint=_hint(param))


def _hint(param: click.Parameter) -> str:
    if isinstance(param, click.Option) and param.opts:
        return param.opts[-1]
    return (param.name or "COUNTRY").upper()


@functools.cache
def cameo_codes() -> frozenset[str]:
    return frozenset(row.values["code"] for row in read_tsv(data_path("codes/cameo.tsv")))


def valid_root(value: str | None) -> str | None:
    """A CAMEO root ("1" or "01" … "20"); a longer code is refused with its root suggested."""
    if value is None:
        return None
    text = value.strip()
    root = text.zfill(2) if text.isdigit() and len(text) <= 2 else text
    if root in cameo_codes() and len(root) == 2:
        return root
    hint = "CAMEO roots are 01-20"
    if text[:2] in cameo_codes() and text in cameo_codes():
        hint = f"{text} is a full CAMEO code; its root is {text[:2]}"
    raise click.BadParameter(f"{value!r} is not a CAMEO root ({hint})", param_hint="--cameo-root")


@functools.cache
def plover_events() -> tuple[str, ...]:
    return tuple(row.values["event"] for row in read_tsv(data_path("codes/plover.tsv")))


def plover_event(value: str | None) -> str | None:
    """A PLOVER category name, case-insensitive; unknown ones are refused with the valid list."""
    if value is None:
        return None
    upper = value.strip().upper()
    if upper in plover_events():
        return upper
    close = difflib.get_close_matches(upper, plover_events(), n=3, cutoff=0.6)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    raise click.BadParameter(
        f"{value!r} is not a PLOVER category; {hint}valid: {', '.join(plover_events())}",
        param_hint="--plover",
    )


def output_path(value: str, *, binary: bool = False, param_hint: str = "--output") -> str:
    """Check an output path before any work is done: its folder exists and can be written;
    binary output needs a file or a pipe, not a terminal."""
    if value == "-":
        if binary and sys.stdout.isatty():
            raise click.BadParameter(
                "this format is binary: give -o FILE or pipe it", param_hint=param_hint
            )
        return value
    path = Path(value)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise click.BadParameter(f"{value} is a folder; give a file name", param_hint=param_hint)
    if not folder.is_dir():
        raise click.BadParameter(
            f"folder {folder} does not exist; create it first", param_hint=param_hint
        )
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise click.BadParameter(f"cannot write {value} (permission denied)", param_hint=param_hint)
    return value


def metadata_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--published and --outlet: metadata for inputs that do not carry their own."""
    func = click.option(
        "--outlet", help="Outlet of inputs that do not name one (a dateline's agency otherwise)."
    )(func)
    return click.option(
        "--published",
        type=click.DateTime(["%Y-%m-%d"]),
        help="Publication date (YYYY-MM-DD) of inputs that do not give one.",
    )(func)
