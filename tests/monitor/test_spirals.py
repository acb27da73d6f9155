from dataclasses import replace

from brinkwatch.monitor.alerts import detect
from brinkwatch.monitor.params import MonitorParams
from brinkwatch.monitor.series import events_frame
from brinkwatch.monitor.spirals import spiral_chains
from tests.monitor.factory import (
    ACCUSE,
    ASSAULT,
    CONSULT,
    REJECT,
    SHOW_FORCE,
    THREATEN,
    calm_history,
    ev,
)

P = MonitorParams()


def staged():
    """A accuses B; B rejects; A threatens; B shows force; A fires: each reply sharper."""
    return [
        ev(0, "AAA", "BBB", ACCUSE, "s0"),
        ev(1, "BBB", "AAA", REJECT, "s1"),
        ev(1, "BBB", "AAA", CONSULT, "s1"),  # talk in between is not part of the chain
        ev(3, "AAA", "BBB", THREATEN, "s3"),
        ev(4, "AAA", "BBB", ACCUSE, "s4"),  # same side again: skipped, chain goes on
        ev(5, "BBB", "AAA", SHOW_FORCE, "s5"),
        ev(7, "AAA", "BBB", ASSAULT, "s7"),
    ]


def test_a_staged_tit_for_tat_is_a_spiral_with_the_right_chain():
    events = calm_history("AAA", "BBB", 0) + staged()
    spirals = [a for a in detect(events, P) if a.kind == "spiral"]
    assert len(spirals) == 1
    chain = spirals[0]
    assert [e.article_id for e in chain.events] == ["s0", "s1", "s3", "s5", "s7"]
    assert [(e.source, e.target) for e in chain.events] == [("AAA", "BBB"), ("BBB", "AAA")] * 2 + [
        ("AAA", "BBB")
    ]
    assert (chain.source, chain.target, chain.score) == ("AAA", "BBB", 5.0)
    assert chain.key == "spiral:AAA:BBB:2026-03-02"
    assert "5 alternating hostile steps" in chain.reason and "(2.0) →" in chain.reason


def test_a_reply_later_than_k_days_ends_the_chain():
    events = [
        ev(0, "AAA", "BBB", ACCUSE, "k0"),
        ev(1, "BBB", "AAA", REJECT, "k1"),
        ev(2, "AAA", "BBB", THREATEN, "k2"),
        ev(9, "BBB", "AAA", SHOW_FORCE, "k9"),  # a week later: not an answer within 3 days
    ]
    [chain] = spiral_chains(events_frame(events), P)
    assert list(chain["article_id"]) == ["k0", "k1", "k2"]
    [longer] = spiral_chains(events_frame(events), replace(P, spiral_k_days=7))
    assert list(longer["article_id"]) == ["k0", "k1", "k2", "k9"]


def test_a_softer_reply_does_not_extend_the_chain():
    events = [
        ev(0, "AAA", "BBB", THREATEN, "x0"),
        ev(1, "BBB", "AAA", ACCUSE, "x1"),
        ev(2, "AAA", "BBB", ASSAULT, "x2"),
    ]
    assert spiral_chains(events_frame(events), P) == []
    tolerant = replace(P, spiral_tolerance=5.0)
    assert len(spiral_chains(events_frame(events), tolerant)[0]) == 3


def test_same_day_counter_accusations_are_one_exchange_not_a_spiral():
    events = [
        ev(0, "AAA", "BBB", ACCUSE, "d1"),
        ev(0, "BBB", "AAA", REJECT, "d2"),
        ev(0, "AAA", "BBB", THREATEN, "d3"),
    ]
    assert spiral_chains(events_frame(events), P) == []


def test_one_sided_hostility_is_not_a_spiral():
    events = [ev(d, "AAA", "BBB", THREATEN, f"o{d}") for d in range(6)]
    assert [a.kind for a in detect(events, P)] == ["escalation"]


def test_trading_the_usual_complaints_is_the_pairs_normal_not_a_spiral():
    events = [
        ev(d, "AAA" if d % 2 else "BBB", "BBB" if d % 2 else "AAA", ACCUSE, f"u{d}")
        for d in range(60)
    ]
    assert len(spiral_chains(events_frame(events), P)) == 1  # a chain exists …
    assert detect(events, P) == []  # … but it neither climbs nor moves the tension


def test_a_chain_from_a_single_article_is_not_enough():
    events = [replace(e, article_id="one") for e in staged()]
    assert spiral_chains(events_frame(events), P) == []
