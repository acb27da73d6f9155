"""Who did what to WHOM: target attachment, mood, one event per act (issue: complete dyads).

Every sentence here was written for these tests; each test names the rule it pins down.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from brinkwatch.nlp.pipeline import ArticleText
from brinkwatch.process import Coder
from brinkwatch.records import Event

Code = Callable[[str], list[Event]]


@pytest.fixture(scope="module")
def code(coder: Coder) -> Code:
    def run(text: str) -> list[Event]:
        return list(next(coder.parser.pipe([ArticleText(text, None)]))._.bw_events)

    return run


def dyads(events: list[Event]) -> set[tuple[str | None, str | None]]:
    return {(e.source.code, e.target.code if e.target else None) for e in events}


def codes(events: list[Event]) -> set[str]:
    return {e.cameo for e in events}


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # an actor direct object beats the entry's own preposition or object
        ("Ecuador asked the European Union for emergency aid.", "ECU", "IGOEUREEC"),
        ("Lithuania blamed Belarus for the border incident.", "LTU", "BLR"),
        ("Kenya summoned the French ambassador on Monday.", "KEN", "FRAGOV"),
        # a non-actor object does not end the search: its prepositions and modifiers
        ("Canada imposed sanctions on Iranian banks.", "CAN", "IRN"),
        ("Peru rejected a Chilean demand for compensation.", "PER", "CHL"),
        # frames with their preposition
        ("Norway sent medical supplies to Sudan.", "NOR", "SDN"),
        ("Vietnam lodged a protest against China over the island.", "VNM", "CHN"),
        # people in the entry's own object, after the prepositions
        ("Ghanaian police arrested a Togolese man near the border.", "GHACOP", "TGOCVL"),
        # the complement clause's act, where the frame has one
        ("Moldova refused to lift sanctions on Transnistria.", "MDA", None),
        ("Austria is ready to contribute troops to Kosovo.", "AUT", "KSV"),
        # an apposition names the actor
        ("Finland is sending aid to its neighbour Estonia.", "FIN", "EST"),
    ],
)
def test_target_slots(code: Code, text: str, source: str, target: str | None) -> None:
    found = dyads(code(text))
    if target is None:  # the target is a region, not a country: a source alone will do
        assert any(s == source for s, _ in found), found
    else:  # codes by prefix: "IRN" takes IRNBUS, "GHA" GHACOP
        assert any((s or "").startswith(source) and (t or "").startswith(target)
                   for s, t in found), found  # fmt: skip


def test_coordinated_targets_give_one_event_each(code: Code) -> None:
    found = dyads(code("North Korea fired missiles at Japan and South Korea."))
    assert {("PRK", "JPN"), ("PRK", "KOR")} <= found


def test_symmetric_verbs_go_both_ways_once(code: Code) -> None:
    events = code("Chile and Bolivia signed a border agreement on Friday.")
    pairs = [(e.source.code, e.target.code if e.target else None) for e in events]
    assert sorted(pairs) == [("BOL", "CHL"), ("CHL", "BOL")]


def test_one_sided_verbs_never_reverse(code: Code) -> None:
    events = code("Tunisia ratified the trade agreement with Morocco.")
    assert ("MAR", "TUN") not in dyads(events)


def test_coordinated_demonyms_are_two_actors(code: Code) -> None:
    events = code("Chinese and Philippine diplomats met in Manila on Monday.")
    assert {("CHNGOV", "PHLGOV"), ("PHLGOV", "CHNGOV")} <= dyads(events)


def test_instruments_are_never_targets(code: Code) -> None:
    events = code("Britain deployed its troops to Estonia.")
    assert ("GBR", "EST") in dyads(events)
    assert not any(e.target is not None and e.target.sector == "MIL" for e in events)


def test_place_targets_only_for_acts_that_reach_a_place(code: Code) -> None:
    assert ("EGY", "LBY") in dyads(code("Egypt deployed troops in Libya last week."))
    met = code("Egypt and Sudan met in Libya last week.")
    assert all(e.target is None or e.target.code != "LBY" for e in met)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran will attack the tankers.", "138"),  # a future force act is a threat
        ("Qatar plans to send food aid to Yemen.", "033"),  # an intended act is an intent
        ("Bahrain will host talks with Oman.", "036"),
        ("Brazil is ready to meet Argentina.", "036"),
    ],
)
def test_intended_acts_are_intents_or_threats(code: Code, text: str, expected: str) -> None:
    assert expected in codes(code(text))


def test_refusals_keep_their_code_under_will_not(code: Code) -> None:
    found = codes(code("Malaysia will not lift the ban on the party."))
    assert any(c.startswith("12") for c in found), found


@pytest.mark.parametrize(
    "text",
    ["If Iran attacks the tankers, the navy will respond.", "Will Iran attack the tankers?"],
)
def test_conditionals_and_questions_are_not_events(code: Code, text: str) -> None:
    assert not any(e.cameo_root == "19" and e.source.code == "IRN" for e in code(text))


def test_a_plain_attribution_is_no_accusation(code: Code) -> None:
    events = code("Rebels shelled the airport overnight, officials said.")
    assert not any(e.cameo_root == "11" for e in events)
    shelling = next(e for e in events if e.cameo_root == "19")
    assert shelling.reported_by is not None and shelling.reported_by.text == "officials"


def test_an_accusation_stays_an_accusation(code: Code) -> None:
    events = code("Greece accused Turkey of violating its airspace.")
    assert any(e.cameo_root == "11" and (e.source.code, e.target and e.target.code) == ("GRC", "TUR")
               for e in events)  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers killed in the blast were buried on Sunday.",  # a participle after a noun
        "The convicted bomber was moved to another prison.",  # an adjectival participle
        "The attack that killed nine people shocked the town.",  # a relative clause, no actor
    ],
)
def test_descriptions_are_not_events(code: Code, text: str) -> None:
    assert not any(e.cameo_root in ("18", "19", "20", "11") for e in code(text))


def test_an_agent_participle_is_an_event(code: Code) -> None:
    found = dyads(code("Rebels backed by Rwanda seized the town."))
    assert ("RWA", "REB") in found or any(s == "RWA" for s, _ in found)


def test_a_pronoun_reports_its_antecedent(code: Code) -> None:
    event = next(e for e in code("Bolivia said it will expel the Chilean envoy."))
    assert event.source.text == "Bolivia" and event.source.code == "BOL"


def test_a_purpose_clause_is_no_second_event(code: Code) -> None:
    events = code("Japan sent doctors to Nepal to help the victims.")
    assert ("JPN", "NPL") in dyads(events)
    assert not any(e.trigger.text == "help" for e in events)


def test_negation_is_marked(code: Code) -> None:
    events = code("Ukraine did not attack the convoy.")
    assert events and all(e.negated for e in events if e.cameo_root == "19")


def test_a_statement_is_about_the_other_actor_its_content_names(code: Code) -> None:
    events = code("Hanoi said Chinese vessels had entered its waters.")
    statement = next(e for e in events if e.cameo == "010" or e.cameo_root == "01")
    assert statement.target is not None and (statement.target.code or "").startswith("CHN")


def test_a_statement_about_its_own_side_has_no_target(code: Code) -> None:
    events = code("Hanoi said Vietnamese fishermen had returned to port.")
    assert all(e.target is None for e in events if e.cameo == "010")


# -- one event per act (coding/acts.py) --------------------------------------------------------


def test_a_consequence_participle_is_the_same_act(code: Code) -> None:
    events = code("Somali militants stormed an army post near Kismayo, killing seven soldiers.")
    force = [e for e in events if e.cameo_root in ("18", "19", "20")]
    assert len(force) == 1 and force[0].target is not None  # the record that says whom


def test_a_dependent_clause_with_its_own_actors_is_its_own_act(code: Code) -> None:
    events = code("Chile condemned Bolivia on Monday after Peru expelled two Chilean diplomats.")
    assert {e.trigger.text for e in events} == {"condemned", "expelled"}


def test_a_dependent_clause_of_the_same_source_is_no_second_act(code: Code) -> None:
    events = code("Hungary rejected the proposal from Slovakia, demanding new talks with Austria.")
    assert [e.trigger.text for e in events] == ["rejected"]


def test_a_gerund_that_describes_a_noun_is_no_event(code: Code) -> None:
    events = code(
        "Jordan praised the role of Iraqi troops in defending Mosul against the militants."
    )
    assert "defending" not in {e.trigger.text for e in events}


def test_the_same_code_source_and_target_is_one_record(code: Code) -> None:
    events = code(
        "Armenian troops shelled Azerbaijani positions and killed four Azerbaijani soldiers."
    )
    assert len([e for e in events if e.cameo == "190"]) == 1


def test_a_renewed_demand_is_made_of_its_clause_subject(code: Code) -> None:
    assert ("VEN", "GUY") in dyads(
        code("Venezuela renewed its demand that Guyana withdraw its troops.")
    )


def test_announced_aid_is_aid_to_whom_it_helps(code: Code) -> None:
    # an aid package announced is aid granted (PLOVER AID); only "pledged aid" is an intent
    events = code("Britain announced an aid package for Ukraine.")
    assert [(e.cameo, e.target.code if e.target else None) for e in events] == [("070", "UKR")]
    pledged = code("Britain pledged an aid package for Ukraine.")
    assert [(e.cameo, e.target.code if e.target else None) for e in pledged] == [("033", "UKR")]


def test_a_phone_call_to_congratulate_is_the_callers_act(code: Code) -> None:
    events = code(
        "Modi called Prime Minister Scott Morrison to congratulate him, inviting him to Delhi."
    )
    assert all(e.source.country == "IND" for e in events)
    assert ("INDGOV", "AUSGOV") in dyads(events)


def test_an_agentless_passive_keeps_its_event(code: Code) -> None:
    events = code("Two Kenyan aid workers were kidnapped near the Somali border.")
    assert [(e.source.text, e.target.country if e.target else None) for e in events] == [
        ("", "KEN")
    ]


def test_an_agentless_passive_beside_its_named_doer_is_one_act(code: Code) -> None:
    events = code("Nine soldiers were killed when Somali militants attacked a Kenyan base.")
    assert all(e.source.text for e in events)


def test_coordinated_people_of_one_code_are_two_targets(code: Code) -> None:
    text = "Canada imposed sanctions on former President Alexander Lukashenko and ex-Prime Minister Roman Golovchenko."
    assert len([e for e in code(text) if e.cameo == "163"]) == 2


def test_an_intent_to_meet_is_not_mirrored(code: Code) -> None:
    assert dyads(code("Kenya will meet Somalia's president on Monday.")) == {("KEN", "SOMGOV")}
    assert len(code("Kenya and Somalia will meet on Monday.")) == 2


def test_joint_ventures_and_joined_forces_are_cooperation(code: Code) -> None:
    venture = code("Tata Steel formed a joint venture with a Ghanaian mining company.")
    assert [(e.cameo, e.target.country if e.target else None) for e in venture] == [("061", "GHA")]
    assert dyads(code("Uganda joined forces with Congo against the rebels.")) == {
        ("UGA", "COD"),
        ("COD", "UGA"),
    }
    assert codes(code("Fiji joined the UN peacekeeping force in Lebanon.")) == {"074"}


def test_an_entry_names_its_plover_category_where_the_manual_does(code: Code) -> None:
    events = code("The Austrian justice minister resigned on Tuesday.")
    assert [(e.cameo, e.plover_event, e.plover_mode) for e in events] == [
        ("0831", "RETREAT", "resign")
    ]
    refusal = code("The Austrian justice minister refused to resign.")
    assert [(e.cameo, e.plover_event) for e in refusal] == [("1231", "REJECT")]


def test_a_counted_source_is_what_is_counted(code: Code) -> None:
    events = code("Hundreds of Kenyan students marched in Nairobi on Monday.")
    assert [(e.cameo_root, e.source.code) for e in events] == [("14", "KENEDU")]


def test_a_statement_welcoming_something_is_the_welcome(code: Code) -> None:
    events = code("Costa Rica issued a statement welcoming the deal with Panama.")
    assert [(e.cameo, e.source.code, e.target.code if e.target else None) for e in events] == [
        ("051", "CRI", "PAN")
    ]


def test_that_or_which_never_stands_for_a_person(code: Code) -> None:
    text = (
        "ISIS carried out an attack on the tomb of Ruhollah Khomeini in June that killed 17 people."
    )
    assert all(e.source.text != "Ruhollah Khomeini" for e in code(text))


def test_a_reflexive_target_is_the_source_itself(code: Code) -> None:
    events = code("The bomber blew himself up outside the Kenyan embassy.")
    assert all(e.target is None or e.target.text != "himself" for e in events)


def test_the_clause_of_a_charge_or_report_is_no_event(code: Code) -> None:
    # content someone alleges or reports, as "accused X of attacking" gives no attack
    assert codes(code("Guatemala denied charges that it tortured a Jesuit priest.")) == {"016"}
    text = (
        "Germany declined to comment on a report that US agencies were reviewing ties with Berlin."
    )
    assert [e.source.country for e in code(text)] == ["DEU"]


def targets_of(events: list[Event]) -> set[str | None]:
    return {e.target.text if e.target else None for e in events}


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # an act of force names what it hit, even a thing (PHYSICAL_TARGET_VERBS)
        ("Gunmen stormed a hotel in the capital on Sunday.", "a hotel"),
        ("A convoy was ambushed near the border.", "A convoy"),
        # the attack noun's object after "launched/carried out an attack on" (PHYSICAL_TARGET_NOUNS)
        ("Rebels launched an attack on a police station in the north.", "a police station"),
    ],
)
def test_force_hits_things(code: Code, text: str, target: str) -> None:
    assert target in targets_of(code(text))


def test_a_labour_strike_hits_nothing(code: Code) -> None:
    """ "went on strike": the strike noun is the act, never its own target; whom it is against
    is ("went on strike against the port authority")."""
    events = code("Dock workers in Chile went on strike for higher pay.")
    assert events and targets_of(events) == {None}
    events = code("Dock workers went on strike against the port authority.")
    assert targets_of(events) == {"the port authority"}


def test_what_a_complement_creates_is_not_whom(code: Code) -> None:
    """ "agreed to set up a centre for X": the plan's content, not whom it was agreed with."""
    events = code("The government has agreed to set up a National Institute for Robotics.")
    assert events and targets_of(events) == {None}
    assert ("KEN", "UGA") in dyads(code("Kenya agreed to set up a joint fund with Uganda."))
    assert ("FRA", "RUS") in dyads(code("France plans to introduce sanctions against Russia."))


def test_joint_intent_on_a_third_party(code: Code) -> None:
    """Co-agents of a symmetric verb with a one-way complement act on its target, not on each
    other; a joint act ("agreed to share", "agreed to meet") stays mutual."""
    assert dyads(code("Mexico and Canada agreed to lift tariffs on American steel.")) == {
        ("MEX", "USA"),
        ("CAN", "USA"),
    }
    assert ("KEN", "SOM") in dyads(code("Kenya and Somalia agreed to share intelligence."))
    assert ("SOM", "KEN") in dyads(code("Kenya and Somalia agreed to meet next week."))


def test_relative_pronoun_object_is_its_noun(code: Code) -> None:
    """ "X, whom Turkey wanted extradited": the target is X, not "whom"."""
    events = code("A Polish court freed the activist Ali Demir, whom Turkey wanted extradited.")
    extradition = [e for e in events if e.cameo_root == "06"]
    assert extradition and extradition[0].target is not None
    assert "Ali Demir" in extradition[0].target.text


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("European leaders met African leaders in Rome.", "EURGOV", "AFRGOV"),
        ("Russia sent humanitarian aid to the Middle East.", "RUS", "MEA"),
        ("The West imposed new sanctions on Belarus.", "WST", "BLR"),
        ("Iran deployed warships in the Persian Gulf.", "IRN", "PGS"),
    ],
)
def test_regions_are_actors(code: Code, text: str, source: str, target: str) -> None:
    """CAMEO's region codes (regions.tsv) stand where a country code would, as in GDELT."""
    assert (source, target) in dyads(code(text))


def test_a_deployment_reaches_the_missions_country(code: Code) -> None:
    """MISSION_NOUNS: "troops to the UN force in Lebanon" reach Lebanon; the force is the means."""
    assert ("GHA", "LBN") in dyads(
        code("Ghana is sending troops to the UN peacekeeping force in Lebanon.")
    )


def test_named_conjuncts_of_a_coded_target(code: Code) -> None:
    """An uncoded name coordinated with a coded target is a target too; a vague set is not."""
    found = targets_of(code("The junta banned the Patriotic Front and the Chadian Freedom Party."))
    assert {"the Patriotic Front", "the Chadian Freedom Party"} <= found
    found = targets_of(code("Peru shared evidence with Chile and other nations."))
    assert "other nations" not in found


def test_a_thing_is_no_source(code: Code) -> None:
    """A source names a doer: a thing noun gives no event; people nouns past the closed AGENTS
    list ("hackers", "investigators"), people and bodies of SOURCE_NOUNS ("analysts") do."""
    assert not code("The Kurds' role in defending the city justified the decision.")
    assert "036" not in codes(code("The auditors said the new scheme would meet its deadline."))
    hackers = code("Hackers launched cyber attacks on Latvian banks.")
    assert [e.source.text for e in hackers] == ["Hackers"]
    assert code("The commission has opened an inquiry into the killings.")
    assert code("Analysts said the move would anger Seoul.")


def test_a_kind_modifier_is_no_source(code: Code) -> None:
    """ "issued travel warnings to Italy": "travel" says what kind of warning; the issuer acts."""
    events = code("The Foreign Ministry has issued travel warnings to Italy.")
    assert {(e.source.text, e.target.text if e.target else None) for e in events} == {
        ("The Foreign Ministry", "Italy")
    }


def test_a_second_title_is_the_same_person(code: Code) -> None:
    """ "a lawyer and member of the party": one person with two titles, one source."""
    events = code("A Kenyan lawyer and member of the ruling party condemned the arrests.")
    assert len(events) == 1


def test_a_share_stands_for_what_it_counts(code: Code) -> None:
    """ "A majority of the teachers" went on strike: the teachers did."""
    events = code("A majority of the teachers went on strike.")
    assert events and events[0].source.text == "the teachers"
