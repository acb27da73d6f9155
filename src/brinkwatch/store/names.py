"""Canonical actor names, as GDELT writes Actor1Name: the resolved name ("Xi Jinping"), else the
country's name ("Philippines" for "Philippine troops" or "Manila"), else the organisation's, else the
type's ("POLICE"). A raw mention ("a jet", "officials") is never a name.
"""

from __future__ import annotations

import functools

from brinkwatch.datafiles import data_path, read_tsv
from brinkwatch.records import Actor


@functools.cache
def _names() -> dict[str, str]:
    """Country, organisation and type code → name."""
    names: dict[str, str] = {}
    for row in read_tsv(data_path("gazetteers/countries.tsv")):
        names[row.values["cameo"] or row.values["iso3"]] = row.values["name"]
        names.setdefault(row.values["iso3"], row.values["name"])
    for row in read_tsv(data_path("gazetteers/igos.tsv")):
        names[row.values["code"]] = row.values["name"]
    for row in read_tsv(data_path("codes/cameo_types.tsv")):
        names.setdefault(row.values["code"], row.values["name"])
    return names


@functools.cache
def _known_groups() -> dict[str, str]:
    rows = read_tsv(data_path("gazetteers/igos.tsv"))
    return {
        row.values["code"]: row.values["knowngroup"] for row in rows if row.values["knowngroup"]
    }


def known_group(code: str | None) -> str | None:
    """GDELT's KnownGroupCode of an organisation ("IGOUNO" → "UNO"), where it has one."""
    return _known_groups().get(code or "")


def type_codes(sector: str | None) -> list[str]:
    """A sector as CAMEO's three-letter type codes: "GOVMIL" → ["GOV", "MIL"]."""
    text = sector or ""
    return [text[i : i + 3] for i in range(0, len(text) - len(text) % 3, 3)]


def canonical_name(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    if actor.name:
        return actor.name
    names = _names()
    for code in (actor.code, actor.country, *type_codes(actor.sector)):
        if code and code in names:
            return names[code]
    return None
