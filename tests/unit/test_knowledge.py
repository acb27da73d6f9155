"""The actor knowledge base: choosing an office by date, namesakes, the user file, the CLI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from brinkwatch.cli.main import cli
from brinkwatch.nlp.actors import resolve_phrase
from brinkwatch.nlp.knowledge import (
    CURRENT,
    FORMER,
    LATER,
    Holding,
    KnowledgeBase,
    choose,
    lookup_candidates,
    name_key,
    with_own,
)


def _h(country: str, office: str, start: str, end: str | None, sector: str = "GOV",
       source: str = "wikidata") -> Holding:  # fmt: skip
    return Holding("Ana Example", country, sector, office, date.fromisoformat(start),
                   date.fromisoformat(end) if end else None, source)  # fmt: skip


MP = _h("XYZ", "member of parliament", "2010-01-01", None, "LEG")
PM = _h("XYZ", "Prime Minister", "2014-05-01", "2018-05-01")
FM = _h("XYZ", "Minister of Foreign Affairs", "2019-01-01", "2020-01-01")


def test_the_article_date_picks_the_office() -> None:
    assert choose([MP, PM, FM], date(2016, 1, 1)) == (PM, CURRENT)  # head of government first
    assert choose([MP, PM, FM], date(2019, 6, 1)) == (FM, CURRENT)  # ministers before members
    assert choose([MP, PM, FM], date(2012, 1, 1)) == (MP, CURRENT)


def test_a_former_holder_and_a_later_one() -> None:
    assert choose([PM, FM], date(2021, 1, 1)) == (FM, FORMER)
    assert choose([PM, FM], date(2001, 1, 1)) == (PM, LATER)  # country known, office not yet


def test_undated_text_takes_the_open_offices() -> None:
    assert choose([MP, PM, FM], None) == (MP, CURRENT)
    assert choose([PM, FM], None) == (FM, FORMER)


def test_namesakes_need_the_articles_countries() -> None:
    other = _h("ABC", "Minister of Finance", "2015-01-01", None)
    assert choose([PM, other], date(2016, 1, 1)) == (None, "")
    assert choose([PM, other], date(2016, 1, 1), frozenset({"ABC"})) == (other, CURRENT)


def test_our_table_replaces_stale_open_terms() -> None:
    own = _h("XYZ", "speaker", "2015-01-01", "2021-01-01", "LEG", "leaders.tsv")
    stale = _h("XYZ", "Speaker of Parliament", "2015-01-01", None, "LEG")
    namesake = _h("ABC", "member of parliament", "2012-01-01", None, "LEG")
    assert with_own([own], [stale, namesake, PM]) == [own, PM]


def test_name_keys_fold_accents_and_spaces() -> None:
    assert name_key("  Ingrida  Šimonytė ") == "ingrida simonyte"


def test_the_shipped_base_answers_by_date() -> None:
    kb = KnowledgeBase()
    picked, state = choose(kb.lookup("Elvira Nabiullina"), date(2015, 1, 1))
    assert picked is not None and (picked.country, picked.sector, state) == ("RUS", "GOV", CURRENT)
    assert "Central Bank" in picked.office
    picked, state = choose(kb.lookup("Alexei Kudrin"), date(2015, 1, 1))
    assert picked is not None and state == FORMER  # finance minister until 2011


def test_a_user_file_overrides_the_base(tmp_path: Path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "# version: 1\nname\taliases\tcountry\trole\tstart\tend\tsector\n"
        "Elvira Nabiullina\t\tFRA\tinvented office\t2010-01-01\t\tLEG\n"
        "Zorro Testname\tZ. Testname\tESP\tmayor\t2020-01-01\t\t\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase(extra=extra)
    assert [h.country for h in kb.lookup("Elvira Nabiullina")] == ["FRA"]
    assert kb.lookup("Z. Testname")[0].sector == "GOV"
    found = lookup_candidates("Zorro Testname", date(2021, 1, 1), kb)
    assert [(c.code, c.chosen) for c in found] == [("ESPGOV", CURRENT)]


def test_lookup_command_prints_the_candidates() -> None:
    result = CliRunner().invoke(cli, ["actors", "lookup", "Anton Siluanov", "--date", "2015-03-01"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("* current") and "RUSGOV" in first and "Finance" in first


def test_lookup_command_asks_for_a_country_on_namesakes() -> None:
    result = CliRunner().invoke(cli, ["actors", "lookup", "David Clark"])
    assert result.exit_code == 0 and "--country" in result.output
    chosen = CliRunner().invoke(cli, ["actors", "lookup", "David Clark", "--country", "NZL"])
    assert "* " in chosen.output and "NZL" in chosen.output


@pytest.mark.parametrize(
    ("text", "context", "published", "code"),
    [
        ("Elvira Nabiullina", "", date(2016, 5, 1), "RUSGOV"),
        ("Alexei Kudrin", "", date(2016, 5, 1), "RUSELI"),
        ("Sergey Naryshkin", "", date(2018, 1, 1), "RUSSPY"),  # foreign intelligence since 2016
        ("Nabiullina", "The central bank's Elvira Nabiullina spoke first.", None, "RUSGOV"),
        ("Minister Anton Siluanov of the Finance Ministry", "", date(2015, 1, 1), "RUSGOV"),
    ],
)
def test_named_office_holders_resolve(
    nlp,
    text: str,
    context: str,
    published: date | None,
    code: str,  # type: ignore[no-untyped-def]
) -> None:
    actor = resolve_phrase(nlp, text, context=context, published=published)
    assert actor is not None and actor.code == code


def test_a_namesake_is_left_unresolved_without_the_articles_country(nlp) -> None:  # type: ignore[no-untyped-def]
    assert resolve_phrase(nlp, "David Clark said so", published=date(2018, 1, 1)) is None
    doc = nlp("In Wellington, David Clark said New Zealand would act.")
    clark = next(a for a in doc._.bw_actors if a.name == "David Clark")
    assert clark.country == "NZL"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russian mercenaries", "RUSUAF"),
        ("German scientists", "DEUEDU"),
        ("Christian leaders in Nigeria", "NGAREL"),
        ("Sudan's displaced", "SDNREF"),
        ("Iraqi Christians", "IRQCHR"),
        ("students in Iran", "IRNEDU"),
        ("troops in Mali", "MIL"),  # troops in a country are not its troops
    ],
)
def test_group_nouns(nlp, text: str, code: str) -> None:  # type: ignore[no-untyped-def]
    actor = resolve_phrase(nlp, text)
    assert actor is not None and actor.code == code
