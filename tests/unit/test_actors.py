"""Actor mentions, codes and coreference on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

from brinkwatch.nlp.actors import actor_for_span, actor_for_token, resolve_phrase
from brinkwatch.nlp.pipeline import ArticleText
from brinkwatch.process import Coder

STORY = (
    "Beijing urged calm on Tuesday after Japanese destroyers sailed near disputed islands.\n\n"
    '"We will defend our waters," senior Chinese Defense Ministry official Zhao Minghui told '
    "Xinhua.\n\n"
    "Zhao said he had spoken to Japan's ambassador. The official added that U.S. officials "
    "were kept informed.\n\n"
    "President Vladimir Putin called for restraint, and Putin's aides said the Kremlin was "
    "watching."
)


def _parse(coder: Coder, text: str, published: date) -> Doc:
    return next(coder.parser.pipe([ArticleText(text, published)]))


@pytest.fixture(scope="module")
def story(coder: Coder) -> Doc:
    return _parse(coder, STORY, date(2013, 3, 31))


def _actor(doc: Doc, text: str, nth: int = 0):  # type: ignore[no-untyped-def]
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    return actor_for_span(doc, start, start + len(text))


def test_capital_is_the_government(story: Doc) -> None:
    actor = _actor(story, "Beijing")
    assert actor is not None and (actor.code, actor.country, actor.sector) == (
        "CHNGOV",
        "CHN",
        "GOV",
    )


def test_nationality_and_sector_noun(story: Doc) -> None:
    ships = _actor(story, "destroyers")
    officials = _actor(story, "officials")
    assert ships is not None and ships.code == "JPNMIL"
    assert officials is not None and officials.code == "USAGOV"


def test_titled_person_gets_name_country_role(story: Doc) -> None:
    zhao = _actor(story, "Zhao Minghui")
    assert zhao is not None
    assert (zhao.name, zhao.country, zhao.sector) == ("Zhao Minghui", "CHN", "GOV")
    assert zhao.role == "senior Defense Ministry official"
    assert zhao.text.startswith("senior Chinese")


def test_outlet_is_media_with_its_country(story: Doc) -> None:
    xinhua = _actor(story, "Xinhua")
    assert xinhua is not None and (xinhua.sector, xinhua.country) == ("MED", "CHN")


def test_short_name_pronoun_and_description_join_the_chain(story: Doc) -> None:
    zhao = _actor(story, "Zhao Minghui")
    later = [_actor(story, "Zhao", 1), _actor(story, " he ")]
    official = _actor(story, "The official")
    assert zhao is not None and zhao.entity is not None
    for mention in [*later, official]:
        assert mention is not None
        assert (mention.name, mention.entity, mention.code) == (
            "Zhao Minghui",
            zhao.entity,
            "CHNGOVMIL",
        )


def test_we_takes_the_speakers_side(story: Doc) -> None:
    we = _actor(story, "We")
    assert we is not None and we.country == "CHN" and we.name is None


def test_leader_resolved_by_date_and_short_name(story: Doc) -> None:
    putin = _actor(story, "President Vladimir Putin")
    short = _actor(story, "Putin", 1)
    assert putin is not None and short is not None
    assert (putin.code, putin.role) == ("RUSGOV", "president")
    assert (short.name, short.entity) == ("Vladimir Putin", putin.entity)


def test_possessive_country_on_a_person(story: Doc) -> None:
    ambassador = _actor(story, "ambassador")
    assert ambassador is not None and ambassador.code == "JPNGOV"


def test_actor_for_token_uses_the_index(story: Doc) -> None:
    token = next(t for t in story if t.text == "Kremlin")
    actor = actor_for_token(story, token)
    assert actor is not None and actor.code == "RUSGOV"
    assert actor_for_token(story, next(t for t in story if t.text == "calm")) is None


def test_actors_are_in_text_order_with_true_offsets(story: Doc) -> None:
    actors = story._.bw_actors
    assert [a.start for a in actors] == sorted(a.start for a in actors)
    assert all(story.text[a.start : a.end] == a.text for a in actors)


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        ("Iraqi soldiers", "IRQ", "MIL"),
        ("the Kremlin", "RUS", "GOV"),
        ("North Korea's army", "PRK", "MIL"),
        ("the army of Russia", "RUS", "MIL"),
        ("UN Secretary-General", "IGO", "GOV"),
        ("a former Pentagon official", "USA", "ELI"),
        ("Kyiv police", "UKR", "COP"),
        ("Japan", "JPN", None),
    ],
)
def test_resolve_phrase(nlp, phrase: str, country: str, sector: str | None) -> None:  # type: ignore[no-untyped-def]
    actor = resolve_phrase(nlp, phrase)
    assert actor is not None and (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize(
    ("phrase", "country", "sector", "plover"),
    [
        ("the breakaway region of Transnistria", "MDA", None, "PRE"),
        ("Abkhazia", "GEO", None, "PRE"),
        ("a self-proclaimed republic", None, None, "PRE"),
        ("an ambulance crew", None, "HLH", "MED"),
        ("Syrian paramedics", "SYR", "HLH", "MED"),
        ("British journalists", "GBR", "MED", "JRN"),
        ("a pro-government militia", None, "UAF", "PRM"),
        ("Iraqi paramilitary forces", "IRQ", "MIL", "PRM"),
        ("unidentified attackers", None, None, "UNK"),
        ("three men", None, "CVL", "UNK"),
        ("armed men", None, "UAF", "UAF"),
        ("a former Pentagon official", "USA", "ELI", "ELI"),
    ],
)
def test_resolve_phrase_plover_sector(nlp, phrase: str, country, sector, plover) -> None:  # type: ignore[no-untyped-def]
    actor = resolve_phrase(nlp, phrase)
    assert actor is not None
    assert (actor.country, actor.sector, actor.plover_sector) == (country, sector, plover)


def test_resolve_phrase_leader_depends_on_date(nlp) -> None:  # type: ignore[no-untyped-def]
    in_office = resolve_phrase(nlp, "Tony Blair", published=date(2003, 1, 1))
    later = resolve_phrase(nlp, "Tony Blair", published=date(2015, 1, 1))
    assert in_office is not None and in_office.code == "GBRGOV"
    assert later is not None and later.sector == "ELI"


def test_resolve_phrase_context_gives_missing_country(nlp) -> None:  # type: ignore[no-untyped-def]
    actor = resolve_phrase(nlp, "the rebels", context="Colombian")
    assert actor is not None and (actor.country, actor.code) == ("COL", "COLREB")


def test_words_that_are_not_countries(nlp) -> None:  # type: ignore[no-untyped-def]
    assert resolve_phrase(nlp, "a demand") is None
    actor = resolve_phrase(nlp, "Michael Jordan")
    assert actor is None or actor.country is None


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        ("the Bundestag", "DEU", "LEG"),
        ("Houthi rebels", "YEM", "REB"),
        ("a senior FBI official", "USA", "COP"),  # the body's sector beats "official"
        ("the Sinaloa Cartel", "MEX", "CRM"),
        ("the retired defense minister", None, "ELI"),
        ("Mosul", "IRQ", "CVL"),
        ("Kharkiv police", "UKR", "COP"),
        ("ordinary Iranians", "IRN", "CVL"),
        ("children in Yemen", "YEM", "CVL"),
        ("a professor at Stanford University", "USA", "EDU"),
        ("the spokesman of the Kremlin", "RUS", "GOV"),
        ("a defence lawyer", None, "JUD"),
        ("Chilean customs officers", "CHL", "COP"),
        ("UNHCR", "IGO", "REF"),
    ],
)
def test_resolve_phrase_named_bodies_places_and_nouns(  # type: ignore[no-untyped-def]
    nlp, phrase: str, country: str | None, sector: str
) -> None:
    actor = resolve_phrase(nlp, phrase)
    assert actor is not None and (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize(
    ("name", "when", "code"),
    [
        ("Sergei Lavrov", date(2015, 6, 1), "RUSGOV"),
        ("Sergei Shoigu", date(2020, 6, 1), "RUSGOVMIL"),
        ("Valery Gerasimov", date(2020, 6, 1), "RUSMIL"),
        ("Hakan Fidan", date(2015, 6, 1), "TURSPY"),
        ("Hakan Fidan", date(2024, 6, 1), "TURGOV"),
        ("Jacinda Ardern", date(2024, 6, 1), "NZLELI"),
    ],
)
def test_ministers_and_chiefs_get_their_office_sector(  # type: ignore[no-untyped-def]
    nlp, name: str, when: date, code: str
) -> None:
    actor = resolve_phrase(nlp, name, published=when)
    assert actor is not None and actor.code == code


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        # offices and bodies that exist only in their own country: "in X" names it
        ("the ruling junta in Myanmar", "MMRGOV"),
        ("county governors in Kenya", "KENGOV"),
        ("local authorities in Spain", "ESPGOV"),
        ("the police in Kenya", "KENCOP"),
        ("judges in Poland", "POLJUD"),
        ("climate activists in Germany", "DEUENV"),
        ("a district commissioner in Uganda", "UGAGOV"),
        # ... but not troops, envoys or officials at large
        ("troops in Mali", "MIL"),
        ("officials in Iraq", "GOV"),
        # group nouns of sectors.tsv 1.5.0
        ("Yemen's internally displaced people", "YEMREF"),
        ("Sudan's military council", "SDNGOVMIL"),
        ("Tunisian trade unionists", "TUNLAB"),
        ("Israeli intelligence officers", "ISRSPY"),
        ("state assemblymen in Nigeria", "NGALEG"),
        ("human rights defenders in Egypt", "EGYHRI"),
    ],
)
def test_group_nouns_with_place(nlp, phrase: str, code: str) -> None:  # type: ignore[no-untyped-def]
    actor = resolve_phrase(nlp, phrase)
    assert actor is not None and actor.code == code


@pytest.mark.parametrize(
    ("phrase", "code", "sector"),
    [
        ("the European Commission", "IGOEURGOVEEC", "GOV"),
        ("the European Parliament", "IGOEURLEGEEC", "LEG"),
        ("the European Central Bank", "IGOEURBUSEEC", "BUS"),
        ("the European Court of Human Rights", "IGOEURJUDCOE", "JUD"),
        ("the UN Security Council", "IGOUNO", None),  # CAMEO gives it no code of its own
        ("the UN refugee agency", "IGOUNOREFHCR", "REF"),  # an alias with lower-case words
        ("the peacekeepers", "IGOPKO", None),
        ("UNRWA", "IGOUNOREF", "REF"),  # no organisation code: the role is the code's end
        ("UEMOA", "IGOWAFBUSUEM", "BUS"),
        ("the Pan-African Parliament", "IGOAFRLEGPAP", "LEG"),
        ("the Wagner Group", "RUSUAF", "UAF"),
    ],
)
def test_international_bodies_have_their_codes(  # type: ignore[no-untyped-def]
    nlp, phrase: str, code: str, sector: str | None
) -> None:
    actor = resolve_phrase(nlp, phrase)
    assert actor is not None and (actor.code, actor.sector) == (code, sector)


def test_a_name_no_table_holds_resolves_to_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    assert resolve_phrase(nlp, "Tomasz Wielgorski") is None
    assert resolve_phrase(nlp, "an official visit") is None  # "official" as an adjective


def test_known_country_fills_a_missing_country(nlp) -> None:  # type: ignore[no-untyped-def]
    actor = resolve_phrase(nlp, "the protesters", known_country="CHL")
    assert actor is not None and (actor.country, actor.code) == ("CHL", "CHLCVL")


def test_known_name_cut_short_by_the_tagger_is_whole(coder: Coder) -> None:
    doc = _parse(coder, "Jean-Yves Le Drian flew to Bamako on Monday.", date(2014, 5, 5))
    actor = _actor(doc, "Jean-Yves")
    assert actor is not None
    assert (actor.name, actor.code) == ("Jean-Yves Le Drian", "FRAGOVMIL")


PLACED = (
    "Ministers from Chile and Peru met in Lima on Monday.\n\n"
    "Peru thanked its neighbour for the talks. Foreign Minister Ana Quispe said the border was calm.\n\n"
    "In Santiago, Interior Minister Pablo Rojas said police were ready.\n\n"
    '"Nobody wants trouble," Trade Minister Jorge Ibarra said.\n\n'
    "The United Nations Secretary-General welcomed the talks. Spokesperson Ana Lopes said more "
    "meetings would follow."
)


@pytest.fixture(scope="module")
def placed(coder: Coder) -> Doc:
    return _parse(coder, PLACED, date(2026, 3, 3))


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Foreign Minister Ana Quispe", "PER"),  # the subject of the sentence before
        ("Interior Minister Pablo Rojas", "CHL"),  # "In Santiago, …" leads into the sentence
        ("Spokesperson Ana Lopes", "IGO"),  # the UN chief's spokesperson speaks for the UN
    ],
)
def test_titled_person_takes_the_country_of_their_context(
    placed: Doc, name: str, country: str
) -> None:
    actor = _actor(placed, name)
    assert actor is not None and (actor.country, actor.sector) == (country, "GOV")
    if country == "IGO":
        assert actor.code == "IGOUNO"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # the conjoined verb shares its subject, which its object cannot be
        ("A Greek navy ship fired flares at a Turkish coast guard boat and then rammed it.", "TUR"),
        # two arguments of one noun cannot be the same actor
        (
            "Iran tested a missile last week despite warnings from France for it not to do so.",
            "IRN",
        ),
    ],
)
def test_it_is_not_its_own_co_argument(coder: Coder, text: str, country: str) -> None:
    doc = _parse(coder, text, date(2026, 3, 3))
    it = text.index(" it") + 1
    actor = actor_for_span(doc, it, it + 2)
    assert actor is not None and actor.country == country


def test_a_countrys_craft_is_that_country_and_its_owner_wins(coder: Coder) -> None:
    text = "A Vietnamese vessel and a Chinese coast guard ship were seen near the reef."
    doc = _parse(coder, text, date(2026, 3, 3))
    vessel = _actor(doc, "A Vietnamese vessel")
    ship = _actor(doc, "a Chinese coast guard ship")
    assert vessel is not None and (vessel.code, vessel.sector) == ("VNM", None)
    assert ship is not None and ship.code == "CHNMIL"
