"""PLOVER's cooperative categories on sentences written for these tests: SUPPORT (diplomatic ties,
support declared or pledged, honours, agreements joined), CONSULT (trips made to meet, talks
attended), COOPERATE (trade between actors) and REJECT (a cooperative act refused, "ruled out")."""

from __future__ import annotations

import pytest

from brinkwatch.coding.codes import code_table
from brinkwatch.nlp.pipeline import ArticleText
from brinkwatch.process import Coder
from brinkwatch.records import Event


def code_with(coder: Coder, text: str) -> list[Event]:
    """The events the coder finds in `text`."""
    return list(next(coder.parser.pipe([ArticleText(text, None)]))._.bw_events)


def found(events: list[Event]) -> set[tuple[str, str | None, str]]:
    """(CAMEO code, PLOVER category, lexicon entry id) of each event."""
    return {(e.cameo, e.plover_event, (e.pattern or "").split(":")[-1]) for e in events}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # ties begun, improved or expanded: SUPPORT (050)
        (
            "Ruritania is developing closer ties with Freedonia.",
            ("050", "SUPPORT", "cooperate-diplomatically"),
        ),
        (
            "Ethiopia and Kyrgyzstan are opening diplomatic relations.",
            ("050", "SUPPORT", "cooperate-diplomatically"),
        ),
        # diplomatic cooperation pledged is declared: 032, SUPPORT (cameo.tsv)
        (
            "Ruritania and Freedonia agreed to strengthen their ties.",
            ("032", "SUPPORT", "pledge-to-improve-ties"),
        ),
        ("Canada pledged to support Indonesia's reforms.", ("032", "SUPPORT", "pledge-to-support")),
        # support declared, honours bestowed, another's bid endorsed, a treaty joined
        ("Uganda came out in support of the plan.", ("051", "SUPPORT", "come-out-in-support")),
        (
            "The senators voted in favour of the proposal.",
            ("051", "SUPPORT", "come-out-in-support"),
        ),
        ("Japan awarded the Kenyan envoy a medal.", ("051", "SUPPORT", "award-honour")),
        (
            "The Dutch parliament approved Montenegro's membership bid.",
            ("051", "SUPPORT", "approve-bid"),
        ),
        ("Mexico joined the treaty in 2019.", ("057", "SUPPORT", "sign-agreement")),
        # visits and meetings
        (
            "The French president flew to Algiers to meet President Tebboune.",
            ("042", "CONSULT", "travel-to-meet"),
        ),
        (
            "The Nigerian foreign minister embarked on a tour of West Africa.",
            ("042", "CONSULT", "embark-on-visit"),
        ),
        ("Iran participated in the talks in Vienna.", ("040", "CONSULT", "take-part-in-talks")),
        # exchange between actors
        ("Trade between Chile and Peru grew last year.", ("061", "COOPERATE", "trade-noun")),
        ("Peru and Chile resumed trade in March.", ("061", "COOPERATE", "econ-coop")),
        (
            "Egypt signed a contract with Russia to buy fighter jets.",
            ("061", "COOPERATE", "sign-contract"),
        ),
        ("Japan announced new investments in Vietnam.", ("061", "COOPERATE", "investment-noun")),
        ("Egypt and Peru jointly built a water plant.", ("060", "COOPERATE", "do-jointly")),
        ("China's exports to the United States rose.", ("061", "COOPERATE", "exports-noun")),
        ("Putin received a phone call from Erdogan on Monday.", ("041", "CONSULT", "receive-call")),
        ("The two ministers exchanged views on the crisis.", ("040", "CONSULT", "exchange-views")),
        ("The ambassador paid a courtesy call on the king.", ("042", "CONSULT", "pay-call")),
        # asylum sought is a demand (the manual's DEMAND, PLOVER REQUEST)
        ("The dissident sought asylum at the US embassy.", ("103", "REQUEST", "seek-asylum")),
        (
            "The Saudi teenager applied for asylum in Canada.",
            ("103", "REQUEST", "apply-for-asylum"),
        ),
        # aid granted, debt relieved
        ("The IMF approved a bailout for Greece.", ("070", "AID", "announce-aid")),
        ("France forgave Zambia's debt.", ("071", "AID", "relieve-debt")),
        # willingness or commitment signalled: AGREE; the intended act, where the lexicon
        # codes it, names it more precisely ("willingness to work with": 031)
        (
            "Iran signaled a new willingness to work with world powers.",
            ("031", "AGREE", "work-together"),
        ),
        (
            "The government reaffirmed its commitment to the peace deal.",
            ("030", "AGREE", "express-willingness"),
        ),
        # refusals
        ("Peru ruled out talks with Chile.", ("120", "REJECT", "rule-out")),
        ("Japan declined the Chinese invitation.", ("120", "REJECT", "decline-offer")),
        ("Peru did not rule out talks with Chile.", ("030", "AGREE", "rule-out")),
    ],
)
def test_cooperative_phrasing(coder: Coder, sentence: str, expected: tuple[str, str, str]) -> None:
    assert expected in found(code_with(coder, sentence))


@pytest.mark.parametrize(
    ("sentence", "cameo"),
    [
        # an intended cooperative act, negated, is refused (_mood.yaml refusal)
        ("Japan will not send aid to Myanmar.", "122"),
        ("Ghana's president said he would not attend the summit in Lome.", "125"),
    ],
)
def test_a_negated_intent_to_cooperate_is_a_refusal(
    coder: Coder, sentence: str, cameo: str
) -> None:
    events = code_with(coder, sentence)
    assert [(e.cameo, e.plover_event, e.negated) for e in events] == [(cameo, "REJECT", False)]


def test_a_negated_act_reported_as_done_keeps_its_code(coder: Coder) -> None:
    events = code_with(coder, "Japan did not send aid to Myanmar.")
    assert [(e.cameo, e.negated) for e in events] == [("070", True)]


def test_a_body_approving_its_own_plan_is_no_support(coder: Coder) -> None:
    assert not [e for e in code_with(coder, "The cabinet approved a plan to build new houses.")]


def test_a_clause_whose_subject_moved_out_takes_no_subject_from_above(coder: Coder) -> None:
    # "a trip Britain hopes will cement relations": the trip would cement them, not Britain
    events = code_with(
        coder,
        "Obama will make a state visit to Britain in June, Downing Street announced on Monday,"
        " a trip Britain hopes will cement transatlantic relations.",
    )
    assert [e.cameo_root for e in events] == ["03"]


def test_an_investment_reaches_the_place_invested_in(coder: Coder) -> None:
    events = code_with(coder, "Japan invested 2 billion dollars in Vietnam.")
    assert [(e.cameo, e.target.code if e.target else None) for e in events] == [("061", "VNM")]


@pytest.mark.parametrize(
    ("sentence", "cameo"),
    [
        # forceful words make an appeal a demand on the same topic (_mood.yaml forceful)
        ("The UN called for an immediate ceasefire in Yemen.", "1056"),
        ("France called on Iran to release the sailors immediately.", "1053"),
        ("The EU strongly urged Serbia to release the journalists.", "1053"),
        # a plain appeal stays an appeal, with no PLOVER category
        ("Germany urged Russia to release the journalists.", "0253"),
        # the force must be in what is asked, not in another clause
        ("Kenya urged the UN to help, as the crisis worsened swiftly.", "020"),
    ],
)
def test_a_forceful_appeal_is_a_demand(coder: Coder, sentence: str, cameo: str) -> None:
    assert [e.cameo for e in code_with(coder, sentence)] == [cameo]


def test_every_appeal_has_a_demand_on_the_same_topic() -> None:
    table = code_table()
    appeals = [c for c in table if c.startswith("02")]
    assert appeals
    assert all(("10" + c[2:]) in table for c in appeals)


def test_a_meeting_that_is_the_occasion_of_an_act_is_its_doers(coder: Coder) -> None:
    events = code_with(coder, "After talks with Merkel on Monday, Macron announced a new fund.")
    meetings = {
        (e.source.code, e.target.code if e.target else None) for e in events if e.cameo == "040"
    }
    assert ("FRAGOV", "DEUELI") in meetings
