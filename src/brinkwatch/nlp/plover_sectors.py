"""PLOVER actor sectors: the table `data/codes/plover_sectors.tsv` read once.

Every resolved actor has a CAMEO agent code (`Actor.sector`) and a PLOVER sector
(`Actor.plover_sector`). The PLOVER sector is the one our knowledge names where CAMEO has no
code for it (paramilitaries PRM, people of no stated kind UNK, partially recognised entities
PRE), else the CAMEO code's PLOVER counterpart: most codes are the same, but CAMEO's media (MED)
are PLOVER's JRN and CAMEO's health (HLH) is PLOVER's MED.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from brinkwatch.datafiles import data_path, read_tsv
from brinkwatch.errors import DataFileError

PLOVER_SECTORS_FILE = "codes/plover_sectors.tsv"


@dataclass(frozen=True, slots=True)
class PloverSectors:
    """The PLOVER codes and the CAMEO agent code → PLOVER code map."""

    codes: frozenset[str]
    from_cameo: dict[str, str]

    @property
    def plover_only(self) -> frozenset[str]:
        """PLOVER codes that are no CAMEO agent code (PRE, PRM, UNK, JRN, SOC)."""
        return frozenset(c for c in self.codes if c not in self.from_cameo)

    @property
    def other_meaning(self) -> frozenset[str]:
        """Codes both vocabularies use for different things (MED: media in CAMEO, health in
        PLOVER)."""
        return frozenset(c for c in self.codes if self.from_cameo.get(c, c) != c)


@functools.cache
def plover_sectors() -> PloverSectors:
    path = data_path(PLOVER_SECTORS_FILE)
    codes: set[str] = set()
    from_cameo: dict[str, str] = {}
    for row in read_tsv(path):
        code = row.values["code"]
        if len(code) != 3 or not code.isupper() or code in codes:
            raise DataFileError(str(path), row.line, f"bad or repeated PLOVER code {code!r}")
        codes.add(code)
        for cameo in filter(None, row.values["cameo"].split("|")):
            if cameo in from_cameo:
                raise DataFileError(str(path), row.line, f"CAMEO code {cameo!r} mapped twice")
            from_cameo[cameo] = code
    return PloverSectors(frozenset(codes), from_cameo)


def plover_sector(cameo: str | None) -> str | None:
    """The PLOVER sector of a CAMEO agent code (its primary code when composite: GOVMIL → GOV);
    None for no code or one PLOVER has no sector for (IGO, MOD, RAD)."""
    return plover_sectors().from_cameo.get(cameo[:3]) if cameo else None


def check_plover_code(code: str, where: str, line: int) -> str:
    """`code` when it is a PLOVER sector code, else a DataFileError naming the file and line."""
    if code not in plover_sectors().codes:
        raise DataFileError(where, line, f"unknown PLOVER sector {code!r} ({PLOVER_SECTORS_FILE})")
    return code
