"""The event coder on sentences written for these tests: every root, roles, negation, speech."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from brinkwatch.coding.codes import code_table
from brinkwatch.nlp.pipeline import ArticleText
from brinkwatch.process import ARTICLE_COMPONENTS, Coder, code_paths
from brinkwatch.records import Article, Event

Code = Callable[..., list[Event]]


@pytest.fixture(scope="module")
def code(coder: Coder) -> Code:
    def run(text: str, published: date | None = None) -> list[Event]:
        doc = next(coder.parser.pipe([ArticleText(text, published)]))
        return list(doc._.bw_events)

    return run


def first(events: list[Event], root: str | None = None) -> Event:
    matching = [e for e in events if root is None or e.cameo_root == root]
    assert matching, f"no event{' of root ' + root if root else ''} in {events}"
    return matching[0]


def test_component_is_registered_last() -> None:
    # only the event locator (coding/location.py) follows: it reads the coded events
    assert ARTICLE_COMPONENTS[-2:] == (
        ("brinkwatch.coding.coder", "brinkwatch_events"),
        ("brinkwatch.coding.location", "brinkwatch_locations"),
    )


@pytest.mark.parametrize(
    ("text", "root", "source", "target"),
    [
        ("Japan's prime minister declined to comment on the report.", "01", "JPN", None),
        ("The Iranian government urged the United States to lift sanctions.", "02", "IRN", "USA"),
        ("Germany pledged to send humanitarian aid to Ukraine.", "03", "DEU", "UKR"),
        ("The French president visited Algeria on Tuesday.", "04", "FRA", "DZA"),
        ("Brazil signed a trade agreement with Argentina.", "05", "BRA", "ARG"),
        ("India shared intelligence with Sri Lanka.", "06", "IND", "LKA"),
        ("Japan provided food and medicine to Nepal.", "07", "JPN", None),
        ("The Syrian government released dozens of prisoners.", "08", "SYR", None),
        ("Kenyan police launched an investigation into the killing.", "09", "KEN", None),
        ("Protesters demanded the resignation of the Peruvian president.", "10", None, "PER"),
        ("China condemned the Japanese government.", "11", "CHN", "JPN"),
        ("Pakistan rejected the Indian proposal for talks.", "12", "PAK", None),
        ("Russia threatened to impose sanctions on Georgia.", "13", "RUS", "GEO"),
        ("Thousands of Serbian students protested in Belgrade.", "14", "SRB", None),
        ("Turkey deployed troops to the Syrian border.", "15", "TUR", None),
        ("Egypt recalled its ambassador from Qatar.", "16", "EGY", "QAT"),
        ("Venezuelan police arrested three opposition activists.", "17", "VEN", None),
        ("Gunmen kidnapped two Nigerian journalists.", "18", None, None),
        ("Israeli troops shelled the Palestinian village.", "19", "ISR", None),
        ("The Syrian army used chemical weapons against civilians.", "20", "SYR", None),
    ],
)
def test_every_root_category(
    code: Code, text: str, root: str, source: str | None, target: str | None
) -> None:
    event = first(code(text), root)
    assert source is None or (event.source.code or "").startswith(source)
    assert target is None or (
        event.target is not None and (event.target.code or "").startswith(target)
    )
    assert event.pattern and event.pattern.startswith(f"{root}-")


def test_event_record_is_complete_and_traceable(code: Code) -> None:
    text = "Russia threatened to impose sanctions on Georgia on Friday."
    event = first(code(text, date(2024, 5, 6)), "13")
    table = code_table()[event.cameo]
    assert (event.cameo_name, event.goldstein, event.quad_class) == (table.name, table.goldstein, 3)
    assert event.goldstein_table == "gdelt"
    assert (event.plover_event, event.plover_mode) == (table.plover_event, table.plover_mode)
    for span in (event.sentence, event.evidence, event.trigger):
        assert text[span.start : span.end] == span.text
    assert event.trigger.text == "threatened"
    assert event.evidence.start <= event.trigger.start < event.evidence.end
    assert text[event.source.start : event.source.end] == event.source.text == "Russia"
    assert event.date is not None and event.date.startswith("2024-05")
    assert event.id.startswith("ev-") and event.id == first(code(text, date(2024, 5, 6))).id


def test_passive_and_active_give_the_same_roles(code: Code) -> None:
    active = first(code("Turkish troops attacked the Syrian army."), "19")
    passive = first(code("The Syrian army was attacked by Turkish troops."), "19")
    for event in (active, passive):
        assert (event.source.code or "").startswith("TUR")
        assert event.target is not None and (event.target.code or "").startswith("SYR")


def test_negation_is_recorded(code: Code) -> None:
    event = first(code("Iran did not attack the British tanker."), "19")
    assert event.negated
    assert not first(code("Iran attacked the British tanker."), "19").negated


def test_refusal_maps_to_cameo_refusal_code(code: Code) -> None:
    event = first(code("Hamas refused to meet Egyptian mediators."))
    assert event.cameo == "125"
    assert not any(e.cameo_root == "04" for e in code("Hamas refused to meet Egyptian mediators."))


def test_compound_sources_give_one_event_each(code: Code) -> None:
    events = [
        e for e in code("France and Germany condemned the Syrian government.") if e.cameo == "111"
    ]
    assert sorted(e.source.code or "" for e in events) == ["DEU", "FRA"]


def test_reciprocal_verbs_give_both_directions(code: Code) -> None:
    pairs = {
        (e.source.code, e.target.code if e.target else None)
        for e in code("Russia and China met in Beijing.")
    }
    assert {("RUS", "CHN"), ("CHN", "RUS")} <= pairs


def test_reported_speech_gives_the_reported_event_and_no_accusation(code: Code) -> None:
    events = code("Turkey said Syrian forces shelled the border town.")
    shelling = first(events, "19")
    assert (shelling.source.code or "").startswith("SYR")
    assert shelling.reported_by is not None and shelling.reported_by.code == "TUR"
    assert not [e for e in events if e.cameo_root == "11"]  # a plain attribution accuses no one


def test_an_allegation_of_a_hostile_act_is_an_accusation(code: Code) -> None:
    events = code("Turkey alleged that Syrian forces shelled the border town.")
    shelling = first(events, "19")
    accusation = first(events, "11")
    assert accusation.cameo == "112" and accusation.source.code == "TUR"
    assert accusation.target is not None and (accusation.target.code or "").startswith("SYR")
    assert events.index(shelling) < events.index(accusation)


def test_complement_chooses_the_code(code: Code) -> None:
    event = first(code("The United Nations urged both sides to exercise restraint."))
    assert event.cameo == "0256"
    assert event.source.code == "IGOUNO"
    plain = first(code("The United Nations urged both sides to resume talks."))
    assert plain.cameo == "026"


def test_noun_phrase_events(code: Code) -> None:
    talks = {(e.source.code, e.cameo) for e in code("Talks between Iran and Oman ended on Monday.")}
    assert {("IRN", "040"), ("OMN", "040")} <= talks
    attack = first(code("Egypt's attack on Libya drew criticism."), "19")
    assert attack.source.code == "EGY" and attack.target is not None and attack.target.code == "LBY"


def test_claim_of_responsibility(code: Code) -> None:
    events = code("The Taliban claimed they attacked an Afghan army base.")
    assert events[0].cameo == "015"
    assert any(e.cameo_root == "19" and e.source == events[0].source for e in events)


def test_saying_one_did_it_is_the_act_itself(code: Code) -> None:
    # "X said it attacked": the attack, told by its own doer (no second record, as PETRARCH
    # codes the reported verb); "claimed"/"admitted" is a claim of responsibility besides
    events = code("The Taliban said they attacked an Afghan army base.")
    assert [e.cameo_root for e in events] == ["19"]


def test_future_acts_in_reported_speech_are_threats_or_intents(code: Code) -> None:
    threat = code("Iran said it will attack American ships.")
    assert [e.cameo for e in threat] == ["138"]
    assert threat[0].source.code == "IRN"
    intent = code("The rebels said they would release the Kenyan hostages.")
    assert [e.cameo_root for e in intent] == ["03"]


def test_obligation_in_reported_speech_is_a_demand(code: Code) -> None:
    events = code("Germany said Turkey must release the journalists.")
    assert [(e.cameo, e.source.code, e.target.code if e.target else None) for e in events] == [
        ("100", "DEU", "TUR")
    ]


def test_failing_to_agree_is_a_rejection(code: Code) -> None:
    assert {e.cameo_root for e in code("Egypt and Ethiopia failed to reach an agreement.")} == {
        "12"
    }


def test_hyphenated_participles_are_not_triggers(code: Code) -> None:
    events = code("Iran-backed militias attacked the base.")
    assert [e.trigger.text for e in events] == ["attacked"]


def test_times_do_not_fill_patterns_or_targets(code: Code) -> None:
    events = code("Moscow urged restraint on Saturday.")
    assert [(e.cameo, e.target) for e in events] == [("0256", None)]


def test_no_event_without_an_actor_or_a_pattern(code: Code) -> None:
    assert code("The weather was mild and the markets were quiet.") == []


def test_a_target_pronoun_is_never_the_source(code: Code) -> None:
    """ "warnings from A for it not to …": "it" is the one warned, never A itself."""
    text = (
        "Iran launched a satellite in March in breach of UN resolutions and despite warnings "
        "from Washington for it not to do so."
    )
    warning = first(code(text), "13")
    assert warning.source.code == "USAGOV"
    assert warning.target is not None and warning.target.code == "IRN"
    assert warning.target.text == "Iran"  # the pronoun reports its antecedent's span


def test_for_phrase_names_who_is_asked_to_act(code: Code) -> None:
    events = code(
        "Despite calls from Germany for Turkey to release the journalists, Ankara waited."
    )
    appeal = first(events, "02")
    assert appeal.source.code == "DEU" and appeal.target is not None
    assert appeal.target.code == "TUR"
    assert all(e.source.code != "DEU" for e in events if e.cameo_root == "08")


def test_giving_a_warning_targets_the_one_warned(code: Code) -> None:
    event = first(code("The French president gave Iran a stern warning."), "13")
    assert event.target is not None and event.target.code == "IRN"


def test_making_supplies_available_is_aid_not_a_fight(code: Code) -> None:
    events = code("Japan made available emergency relief supplies to Nepal to fight the outbreak.")
    assert [e.cameo_root for e in events] == ["07"]
    assert events[0].target is not None and events[0].target.code == "NPL"


def test_returning_cultural_property_is_a_return_of_property(code: Code) -> None:
    event = first(code("Italy returned the stolen statues to Greece."), "08")
    assert (event.cameo, event.source.code) == ("0842", "ITA")
    assert event.target is not None and event.target.code == "GRC"


def test_the_trained_forces_are_the_target(code: Code) -> None:
    event = first(code("France trained Malian soldiers to fight jihadists."), "06")
    assert event.target is not None and (event.target.code or "").startswith("MLI")


def test_calling_a_meeting_is_not_calling_it_off(code: Code) -> None:
    assert not any(e.cameo == "125" for e in code("The Kenyan president called a cabinet meeting."))
    called_off = first(code("Egypt called off the talks with Ethiopia."), "12")
    assert called_off.cameo == "125" and called_off.source.code == "EGY"


def test_a_describing_participle_comes_after_the_main_event(code: Code) -> None:
    events = code("Rebel fighters backed by Turkish artillery attacked the town.")
    assert events[0].cameo_root == "19"
    backing = first(events, "05")
    assert backing.target is not None and backing.target.text == "Rebel fighters"


SEED = Path(__file__).resolve().parents[2].parent / "shared" / "examples" / "seed-article.md"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/examples is not present")
def test_seed_article(coder: Coder) -> None:
    """The issue's acceptance list for the seed article (read from ../shared, never copied)."""
    (article,) = list(code_paths([str(SEED)], coder.settings, 1))
    assert isinstance(article, Article)
    found = {
        (e.source.country, e.target.country if e.target else None, e.cameo_root, e.date)
        for e in article.events
    }

    def has(source: str, target: str | None, roots: set[str], when: str | None = None) -> bool:
        return any(
            s == source
            and (target is None or t == target)
            and r in roots
            and (when is None or d == when)
            for s, t, r, d in found
        )

    assert has("RUS", None, {"02"}, "2013-03-30")
    assert has("PRK", "KOR", {"13", "15"})
    assert has("PRK", "USA", {"13", "15"}, "2013-03-29")
    assert has("USA", None, {"15"})
    assert has("CHN", "PRK", {"13"})  # "warnings from China for it not to do so"
    assert has("RUS", "PRK", {"04"}) and has("PRK", "RUS", {"04"})
    assert has("USA", "PRK", {"02"})
    assert has("PRK", None, {"15", "20"}, "2013-02")
    assert all(e.source.text in article.text for e in article.events)
    for event in (e for e in article.events if e.target is not None):
        target = event.target
        assert article.text[target.start : target.end] == target.text


@pytest.mark.parametrize(
    ("sentence", "ordered"),
    [
        ("The admiral told the crews to leave the strait on Monday.", True),
        ("The frigate left the strait on Monday, a navy officer told Reuters.", False),
        ('"We will not leave," the mayor told reporters on Monday.', False),
    ],
)
def test_tell_is_an_order_only_with_an_order_clause(
    code: Code, sentence: str, ordered: bool
) -> None:
    codes = [e.cameo for e in code(sentence, date(2026, 3, 2))]
    assert ("100" in codes) is ordered, codes


@pytest.mark.parametrize(
    ("sentence", "cameo"),
    [
        ("The rebels released two hostages on Monday.", "0841"),
        ("The ministry released a report on the clashes on Monday.", "010"),
        ("Video released by the navy on Monday showed the damage.", "010"),
    ],
)
def test_releasing_people_is_not_releasing_a_video(code: Code, sentence: str, cameo: str) -> None:
    assert [e.cameo for e in code(sentence, date(2026, 3, 2))][:1] == [cameo]


@pytest.mark.parametrize(
    ("sentence", "cameo", "pattern"),
    [
        # concessions (08x CONCEDE)
        (
            "The Ruritanian government made sweeping concessions to the opposition.",
            "080",
            "08-yield.yaml:make-concessions",
        ),
        (
            "After weeks of strikes the transport ministry gave in to the drivers.",
            "080",
            "08-yield.yaml:give-in-to",
        ),
        (
            "The Ruritanian cabinet agreed to the protesters' demands on Monday.",
            "083",
            "08-yield.yaml:agree-to-demands",
        ),
        (
            "The government has agreed to meet all of the strikers' demands.",
            "083",
            "08-yield.yaml:agree-to-accept-demands",
        ),
        (
            "The city council froze construction of the disputed dam project.",
            "0832",
            "08-yield.yaml:halt-project",
        ),
        (
            "Ruritania dropped its trade complaint against Freedonia.",
            "0832",
            "08-yield.yaml:reverse-policy",
        ),
        (
            "The opposition suspended its demonstrations for two weeks.",
            "080",
            "08-yield.yaml:end-strike",
        ),
        (
            "The union announced the suspension of its protests.",
            "080",
            "08-yield.yaml:suspension-of-protests",
        ),
        # de-escalation and easing (08x RETREAT)
        (
            "The rebels announced a suspension of attacks on the army.",
            "087",
            "08-yield.yaml:suspension-of-hostilities",
        ),
        (
            "The Ruritanian army suspended its offensive against the rebels.",
            "087",
            "08-yield.yaml:halt-hostilities",
        ),
        (
            "The rebels declared a unilateral cease-fire on Sunday.",
            "0871",
            "08-yield.yaml:declare-ceasefire",
        ),
        (
            "Both armies abided by the truce over the holiday.",
            "0871",
            "08-yield.yaml:observe-ceasefire",
        ),
        ("Ruritania cut tariffs on Freedonian steel.", "085", "08-yield.yaml:cut-tariffs"),
        (
            "Ruritanian troops withdrew from the northern town on Sunday.",
            "087",
            "08-yield.yaml:withdraw",
        ),
        (
            "The insurgents announced their withdrawal from the border villages.",
            "087",
            "08-yield.yaml:withdrawal-noun",
        ),
        ("The militia formally disbanded after the election.", "0873", "08-yield.yaml:disband"),
        (
            "The president granted amnesty to three hundred rebels.",
            "0841",
            "08-yield.yaml:grant-amnesty",
        ),
        ("The governor agreed to rescind the curfew.", "0351", "03-intent.yaml:pledge-ease-admin"),
        # mobilisation (15x MOBILIZE)
        (
            "The Ruritanian defence ministry called up 20,000 reservists.",
            "154",
            "15-force-posture.yaml:call-up",
        ),
        (
            "The rebel group recruited hundreds of fighters in the south.",
            "154",
            "15-force-posture.yaml:recruit-fighters",
        ),
        (
            "Ruritania stationed a new air defence system near the border.",
            "154",
            "15-force-posture.yaml:deploy-systems",
        ),
        (
            "Village elders formed a militia to guard the roads.",
            "154",
            "15-force-posture.yaml:form-militia",
        ),
        # reduced relations, cooperation
        (
            "The rebels withdrew from the peace talks on Thursday.",
            "164",
            "16-reduce-relations.yaml:halt-talks",
        ),
        (
            "Ruritania and Freedonia began joint naval exercises on Monday.",
            "062",
            "06-material-cooperation.yaml:begin-joint-exercises",
        ),
        (
            "Ruritania began exporting wheat to Freedonia.",
            "061",
            "06-material-cooperation.yaml:invest",
        ),
        # labour strikes and obstruction (14x PROTEST)
        (
            "Dock workers struck for two days over unpaid wages.",
            "143",
            "14-protest.yaml:labour-strike",
        ),
        (
            "Nurses have been striking since Monday to demand higher pay.",
            "143",
            "14-protest.yaml:strike-to-demand",
        ),
        ("Some 10,000 miners are on strike in the south.", "143", "14-protest.yaml:on-strike"),
        (
            "Bus drivers joined the nationwide walkout on Tuesday.",
            "143",
            "14-protest.yaml:join-strike",
        ),
        ("Protesters halted traffic on the main bridge.", "144", "14-protest.yaml:stop-traffic"),
        ("Hundreds of farmers blocked the motorway.", "144", "14-protest.yaml:block-roads"),
        # concessions, done or promised (CONCEDE)
        ("The striking dockers returned to work on Monday.", "080", "08-yield.yaml:return-to-work"),
        (
            "The government relaxed the rules on foreign journalists.",
            "081",
            "08-yield.yaml:ease-restrictions",
        ),
        (
            "The government promised to improve the miners' pay and working conditions.",
            "035",
            "03-intent.yaml:pledge-to-meet-grievances",
        ),
        (
            "The president agreed to hand over power to a transitional council.",
            "0341",
            "03-intent.yaml:pledge-to-cede-power",
        ),
        (
            "The king promised to hold elections next year.",
            "034",
            "03-intent.yaml:pledge-elections",
        ),
        ("The rebels agreed to suspend all attacks.", "0356", "03-intent.yaml:pledge-deescalate"),
        (
            "The opposition agreed to put down their arms.",
            "0356",
            "03-intent.yaml:pledge-lay-down-arms",
        ),
        (
            "The president promised to ensure a ceasefire.",
            "0356",
            "03-intent.yaml:pledge-ceasefire-kept",
        ),
        (
            "The junta agreed to let the rebels leave the country.",
            "035",
            "03-intent.yaml:pledge-to-let",
        ),
        (
            "The government promised to compensate the victims.",
            "035",
            "03-intent.yaml:pledge-to-yield",
        ),
        # diplomatic support (05x SUPPORT)
        ("Ruritania reopened its embassy in Freedonia.", "050", "05-diplomatic.yaml:open-embassy"),
        (
            "The two countries announced the resumption of diplomatic relations.",
            "050",
            "05-diplomatic.yaml:restore-ties-noun",
        ),
        (
            "Ruritania signed a code of conduct with Freedonia.",
            "057",
            "05-diplomatic.yaml:sign-agreement",
        ),
        # posture and patrols (15x MOBILIZE)
        ("Soldiers patrolled the border towns on Saturday.", "150", "15-force-posture.yaml:patrol"),
        (
            "Police stepped up patrols in the capital.",
            "150",
            "15-force-posture.yaml:step-up-patrols",
        ),
        (
            "Villagers took up arms against the bandits.",
            "154",
            "15-force-posture.yaml:take-up-arms",
        ),
        # a penalty held out (13x THREATEN)
        (
            "The president raised the possibility of a ban on opposition parties.",
            "132",
            "13-threaten.yaml:float-sanction",
        ),
    ],
)
def test_plover_phrasing_classes(code: Code, sentence: str, cameo: str, pattern: str) -> None:
    events = code(sentence, date(2026, 3, 2))
    assert (cameo, pattern) in [(e.cameo, e.pattern) for e in events], events


@pytest.mark.parametrize(
    ("sentence", "cameo"),
    [
        # "agreed to meet the demands" accedes; "agreed to meet X" is an intent to meet
        ("The minister agreed to meet the union leaders.", "036"),
        # "signed … to end" is an agreement: the infinitive's "to" is no preposition
        ("The president signed a peace pact to end the war.", "057"),
        # "signed … on Sunday": a time is no preposition either
        ("Ruritania and Freedonia signed a trade accord on Sunday.", "057"),
        # "called on Friday for Britain to stay": the clause's "for" is the appeal's
        ("The prime minister called on Friday for Ruritania to stay in the union.", "020"),
    ],
)
def test_loose_prepositions(code: Code, sentence: str, cameo: str) -> None:
    assert [e.cameo for e in code(sentence, date(2026, 3, 2))][:1] == [cameo]


@pytest.mark.parametrize(
    "sentence",
    [
        "The two leaders held a joint press conference in the capital.",
        "The minister gave a speech in Paris.",
        "Ruritania withdrew from the treaty last year.",
        # an armed strike has an object: no labour strike
        "The rebels struck an army base near the border.",
        # a worry voiced is no threat
        "The minister raised concerns about the new budget.",
    ],
)
def test_plover_classes_leave_lookalikes_alone(code: Code, sentence: str) -> None:
    patterns = [e.pattern or "" for e in code(sentence, date(2026, 3, 2))]
    assert not any(
        p.endswith(
            (
                ":begin-joint-exercises",
                ":give-in-to",
                ":withdraw",
                ":labour-strike",
                ":strike-to-demand",
                ":float-sanction",
            )
        )
        for p in patterns
    )


def test_promised_reform_is_a_concession(code: Code) -> None:
    # 034x: the promised form of CONCEDE's 083x (cameo.tsv header)
    event = first(
        code("The president pledged reforms after weeks of protests.", date(2026, 3, 2)), "03"
    )
    assert (event.cameo, event.plover_event) == ("034", "CONCEDE")
