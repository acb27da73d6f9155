"""Acts news reports with other words than their lexicon verb, on sentences written for these
tests: a resignation by any verb (PLOVER RETREAT/resign), a charge filed or an indictment returned
(ACCUSE/allege), an inquiry by another name, a meeting "of" its parties, a demonym as the doer of
an event noun, access allowed, a law's relative clause, and forces moved in an agentless passive."""

from __future__ import annotations

import pytest

from brinkwatch.nlp.pipeline import ArticleText
from brinkwatch.process import Coder
from brinkwatch.records import Event


def code_with(coder: Coder, text: str) -> list[Event]:
    return list(next(coder.parser.pipe([ArticleText(text, None)]))._.bw_events)


def one(coder: Coder, text: str) -> Event:
    events = code_with(coder, text)
    assert len(events) == 1, [(e.cameo, e.trigger.text) for e in events]
    return events[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "Peru's interior minister quit on Sunday after the protests.",
        "The Japanese foreign minister stepped down on Friday.",
        "Chile's prime minister resigned over the scandal.",
    ],
)
def test_a_resignation_by_any_verb_is_retreat_resign(coder: Coder, sentence: str) -> None:
    event = one(coder, sentence)
    assert (event.cameo, event.plover_event, event.plover_mode) == ("0831", "RETREAT", "resign")


def test_quitting_talks_halts_them_rather_than_resigning(coder: Coder) -> None:
    event = one(coder, "The Kenyan delegation quit the talks in Geneva.")
    assert (event.cameo, event.source.country) == ("164", "KEN")


def test_quitting_a_bloc_is_leaving_it_rather_than_resigning(coder: Coder) -> None:
    event = one(coder, "Britain quit the EU in 2020.")
    assert (event.cameo, event.source.country) == ("160", "GBR")


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenyan prosecutors filed charges against the former Ugandan minister.",
        "A grand jury returned an indictment against two Ugandan officials.",
    ],
)
def test_a_charge_filed_is_a_judicial_accusation(coder: Coder, sentence: str) -> None:
    event = one(coder, sentence)
    assert (event.cameo, event.plover_event, event.plover_mode) == ("173", "ACCUSE", "allege")
    assert event.target is not None and event.target.country == "UGA"


def test_a_study_into_a_cause_is_an_inquiry_and_a_study_on_a_topic_is_none(coder: Coder) -> None:
    assert one(coder, "Kenya launched a study into the causes of the floods.").cameo == "090"
    assert (
        one(coder, "The coroner opened an inquest into the death of the activist.").cameo == "090"
    )
    assert code_with(coder, "The ministry commissioned a study on renewable energy.") == []


def test_a_demonym_on_an_event_noun_is_its_doer(coder: Coder) -> None:
    event = one(coder, "The Kenyan investigation into the shooting began on Monday.")
    assert (event.cameo, event.source.code) == ("090", "KEN")
    aid = one(coder, "Chinese aid to Kenya arrived on Monday.")
    assert (aid.source.country, aid.target.country if aid.target else None) == ("CHN", "KEN")


def test_a_meeting_of_two_sides_names_both(coder: Coder) -> None:
    events = code_with(coder, "The meeting of Kenyan and Ugandan ministers ended on Tuesday.")
    pairs = {(e.source.country, e.target.country if e.target else None) for e in events}
    assert {e.cameo for e in events} == {"040"}
    assert pairs == {("KEN", "UGA"), ("UGA", "KEN")}


def test_the_bombing_of_a_place_does_not_make_the_place_a_party(coder: Coder) -> None:
    events = code_with(coder, "The bombing of Mogadishu by Shabaab killed ten people.")
    assert all(e.source.country != "SOM" for e in events)


def test_allowing_a_visit_is_access_not_the_visit(coder: Coder) -> None:
    allowed = one(coder, "Israel allowed the UN envoy to visit Gaza.")
    assert (allowed.cameo, allowed.source.country) == ("086", "ISR")
    refused = one(coder, "Kenya will not allow the Ugandan president to visit Nairobi.")
    assert (refused.cameo, refused.plover_event, refused.source.country) == ("125", "REJECT", "KEN")


def test_permitting_observers_in_is_access(coder: Coder) -> None:
    event = one(coder, "Kenya permitted the election observers back into the country.")
    assert (event.cameo, event.plover_event, event.plover_mode) == ("0862", "RETREAT", "access")


def test_accepting_anothers_conditions_is_acceding(coder: Coder) -> None:
    assert one(coder, "Kenya accepted the conditions set by the lenders.").cameo == "083"
    assert all(e.cameo != "083" for e in code_with(coder, "Kenya met the conditions for the loan."))
    event = one(coder, "Uganda agreed to implement the recommendations of the African Union.")
    assert (event.cameo, event.plover_event) == ("083", "CONCEDE")


def test_a_law_passed_acts_for_its_enacter_and_one_criticised_does_not(coder: Coder) -> None:
    event = one(coder, "Kenya's parliament passed a law that bans opposition rallies.")
    assert (event.cameo, event.source.country) == ("1721", "KEN")
    criticised = code_with(coder, "Uganda criticised a law that bans opposition rallies.")
    assert [e.cameo for e in criticised] == ["111"]


@pytest.mark.parametrize(
    ("sentence", "cameo", "code"),
    [
        ("Russian troops were deployed to the border.", "154", "RUSMIL"),
        ("Ugandan troops were withdrawn from Somalia.", "087", "UGAMIL"),
        ("Kenyan police were deployed in Nairobi.", "153", "KENCOP"),
    ],
)
def test_forces_moved_in_an_agentless_passive_act_for_their_side(
    coder: Coder, sentence: str, cameo: str, code: str
) -> None:
    event = one(coder, sentence)
    assert (event.cameo, event.source.code) == (cameo, code)


def test_soldiers_arrested_stay_the_target(coder: Coder) -> None:
    event = one(coder, "Three Kenyan soldiers were arrested.")
    assert event.source.code is None and event.target is not None
    assert event.target.country == "KEN"
