"""The gazetteer's entries: named places and bodies, sector terms, leaders' terms, and a hit.

Kept apart from `gazetteer.py` (the loaders and the index), which re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Place:
    """A named actor in the gazetteer: a country, its adjective or capital, an IGO, an outlet,
    a named national body (institution, with its sector) or a city/region (country only)."""

    kind: str  # country | adjective | capital | igo | media | institution | city
    country: str  # ISO3, or IGO/NGO/NGM for organisations
    code: str  # the CAMEO code this name stands for: RUS, IGOUNO ...
    name: str
    sector: str | None = None  # GOV for capitals, MED for outlets
    ambiguous: bool = False
    surface: str | None = None  # set when the form must match case-sensitively
    # which of the form's words are capitalised, set when its last word is not: "UN refugee
    # agency", "peacekeepers" are written so, and only the capitals they have are required
    capitals: tuple[bool, ...] | None = None
    plover: str | None = None  # a PLOVER sector CAMEO has no code for (PRE: a breakaway region)


@dataclass(frozen=True, slots=True)
class SectorTerm:
    """A sector noun or phrase ("troops", "foreign minister") and the agent code it marks;
    `plover` the PLOVER sector where it is not the CAMEO code's (paramilitary: MIL, PRM)."""

    term: str
    sector: str
    role: str | None
    title: bool
    plover: str | None = None

    @property
    def craft(self) -> bool:
        """A country's vessel or plane: no agent code in either codebook."""
        return not self.sector and not self.plover


@dataclass(frozen=True, slots=True)
class Leader:
    """One term of office of a head of state or government."""

    name: str
    country: str
    role: str
    start: date
    end: date | None
    sector: str = "GOV"  # the office's agent code while held (GOVMIL for a defence minister)


@dataclass(frozen=True, slots=True)
class Match:
    """A gazetteer hit on tokens `start`..`end` (exclusive) of a Doc."""

    start: int
    end: int
    item: Place | SectorTerm

    @property
    def place(self) -> Place:
        assert isinstance(self.item, Place)
        return self.item
