"""The PLOVER sector table: its codes, the CAMEO map, and that every code our data emits maps."""

from __future__ import annotations

import pytest

from brinkwatch.datafiles import data_path, read_tsv
from brinkwatch.errors import DataFileError
from brinkwatch.nlp.plover_sectors import check_plover_code, plover_sector, plover_sectors

# CAMEO codes PLOVER has no sector for (an organisation, CAMEO's modifiers): docs/actors.md
_NO_PLOVER = frozenset({"IGO", "MOD", "RAD"})


@pytest.mark.parametrize(
    ("cameo", "plover"),
    [("GOV", "GOV"), ("GOVMIL", "GOV"), ("MED", "JRN"), ("HLH", "MED"), ("INS", "REB"),
     ("HRI", "SOC"), ("BUD", "REL"), ("SET", "CVL"), ("IGO", None), (None, None), ("", None)],
)  # fmt: skip
def test_cameo_codes_map_to_plover(cameo: str | None, plover: str | None) -> None:
    assert plover_sector(cameo) == plover


def test_plover_only_and_other_meaning_codes() -> None:
    table = plover_sectors()
    assert table.plover_only == {"PRE", "PRM", "UNK", "JRN", "SOC"}
    assert table.other_meaning == {"MED"}
    assert len(table.codes) == 25


def _emitted_codes() -> set[str]:
    codes = {r.values["code"] for r in read_tsv(data_path("codes/cameo_types.tsv"))}
    for name in ("gazetteers/sectors.tsv", "gazetteers/institutions.tsv"):
        for row in read_tsv(data_path(name)):
            sector = row.values["sector"]
            codes.update(sector[i : i + 3] for i in range(0, len(sector) - 2, 3))
    return codes - {"-"}


def test_every_cameo_code_our_tables_write_has_a_plover_sector() -> None:
    missing = {c for c in _emitted_codes() if plover_sector(c) is None} - _NO_PLOVER
    assert not missing


def test_an_unknown_plover_code_in_a_data_file_is_an_error() -> None:
    assert check_plover_code("PRM", "sectors.tsv", 3) == "PRM"
    with pytest.raises(DataFileError, match="unknown PLOVER sector 'XYZ'"):
        check_plover_code("XYZ", "sectors.tsv", 3)
