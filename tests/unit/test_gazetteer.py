"""The gazetteer index: loading, case rules, longest match, leaders by date."""

from __future__ import annotations

from datetime import date

import pytest

from brinkwatch.nlp.gazetteer import Gazetteer, Place, _igo_sector, gazetteer_for


@pytest.fixture(scope="module")
def gaz(nlp) -> Gazetteer:  # type: ignore[no-untyped-def]
    return gazetteer_for(nlp.tokenizer)


def _places(nlp, gaz: Gazetteer, text: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(text)
    lower = doc.to_array("LOWER").tolist()
    found = []
    for match in gaz.match_places(doc, lower):
        assert isinstance(match.item, Place)
        found.append((doc[match.start : match.end].text, match.item.code))
    return found


def test_every_file_loads(gaz: Gazetteer) -> None:
    assert len(gaz.countries) > 190
    assert gaz.sectors and gaz.leaders and gaz.people


def test_abbreviations_are_case_sensitive(nlp, gaz: Gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert _places(nlp, gaz, "The US and the UN told us") == [("US", "USA"), ("UN", "IGOUNO")]


def test_longest_match_wins(nlp, gaz: Gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert _places(nlp, gaz, "South Sudan and Papua New Guinea") == [
        ("South Sudan", "SSD"),
        ("Papua New Guinea", "PNG"),
    ]


def test_names_need_a_capital(nlp, gaz: Gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert _places(nlp, gaz, "a turkey for chad") == []
    assert _places(nlp, gaz, "TEHRAN and the Kremlin") == [("TEHRAN", "IRN"), ("Kremlin", "RUS")]


def test_outlets_keep_their_article(nlp, gaz: Gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert _places(nlp, gaz, "Times Square") == []


def test_leader_by_date(gaz: Gazetteer) -> None:
    term = gaz.leader("Putin", date(2010, 1, 1))
    assert term is not None and term.role == "prime minister"
    latest = gaz.leader("Vladimir Putin", None)
    assert latest is not None and latest.end is None
    assert gaz.leader("Nobody Atall", None) is None


def test_institutions_and_cities(nlp, gaz: Gazetteer) -> None:  # type: ignore[no-untyped-def]
    found = _places(nlp, gaz, "The CIA, the cia and the Knesset met in Aleppo")
    assert found == [("CIA", "USA"), ("Knesset", "ISR"), ("Aleppo", "SYR")]


def test_institution_rows_carry_their_sector(nlp, gaz: Gazetteer) -> None:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc("Boko Haram")
    match = next(gaz.match_places(doc, doc.to_array("LOWER").tolist()))
    assert isinstance(match.item, Place)
    assert (match.item.kind, match.item.country, match.item.sector) == ("institution", "NGA", "REB")


def test_igo_sector_comes_from_its_code() -> None:
    assert _igo_sector("IGOUNOHLHWHO", "WHO") == "HLH"
    assert _igo_sector("IGOUNO", "UNO") is None
    assert _igo_sector("IGOEUREEC", "EEC") is None
    # no organisation code of its own: the role is the code's last part (UNRWA, the G20)
    assert _igo_sector("IGOUNOREF", "") == "REF"
    assert _igo_sector("IGOASA", "") is None


def test_leader_office_has_its_sector(gaz: Gazetteer) -> None:
    minister = gaz.leader("Sergei Shoigu", date(2020, 1, 1))
    speaker = gaz.leader("Juri Ratas", date(2022, 1, 1))
    president = gaz.leader("Vladimir Putin", date(2020, 1, 1))
    assert minister is not None and minister.sector == "GOVMIL"
    assert speaker is not None and (speaker.role, speaker.sector) == ("speaker", "LEG")
    assert president is not None and president.sector == "GOV"


@pytest.mark.slow
def test_plain_words_are_keyed_as_the_tokenizer_splits_them(nlp):
    from brinkwatch.nlp import gazetteer as module

    def built(shortcut: bool) -> tuple[object, ...]:
        builder = module._Builder(nlp.tokenizer, shortcut=shortcut)
        for load in module._LOADERS:
            load(builder)
        gaz = builder.gaz
        return gaz.places, gaz.sectors, gaz.people, gaz.starts

    assert built(shortcut=True) == built(shortcut=False)
    assert module._Builder(nlp.tokenizer).key("cannot") == tuple(
        t.lower for t in nlp.tokenizer("cannot")
    )
