"""Hand-made sequences with known outcomes: what the monitor must and must not raise."""

from dataclasses import replace

from brinkwatch.monitor.alerts import detect
from brinkwatch.monitor.params import MonitorParams
from tests.monitor.factory import (
    ACCUSE,
    AGREE,
    ASSAULT,
    CONSULT,
    PRAISE,
    REJECT,
    SHOW_FORCE,
    THREATEN,
    calm_history,
    ev,
)

P = MonitorParams()


def kinds(alerts, pair=("AAA", "BBB")):
    return [a.kind for a in alerts if {a.source, a.target} == set(pair)]


def test_a_calm_pair_raises_nothing():
    assert detect(calm_history("AAA", "BBB", days=90), P) == []


def test_steady_low_level_conflict_is_the_pairs_normal_and_raises_nothing():
    events = [ev(d, "AAA", "BBB", ACCUSE, f"a{d}") for d in range(60)]
    events += [ev(d, "BBB", "AAA", ACCUSE, f"b{d}") for d in range(0, 60, 2)]
    assert detect(events, P) == []


def test_a_single_spike_below_the_evidence_rule_raises_nothing():
    events = [*calm_history("AAA", "BBB"), ev(61, "AAA", "BBB", ASSAULT, "only-one")]
    assert detect(events, P) == []
    # the same spike, reported in one article as two events, is still one article
    events.append(ev(61, "AAA", "BBB", SHOW_FORCE, "only-one"))
    assert detect(events, P) == []


def test_the_same_spike_corroborated_by_a_second_article_is_an_escalation():
    events = [
        *calm_history("AAA", "BBB"),
        ev(61, "AAA", "BBB", ASSAULT, "first-report"),
        ev(62, "AAA", "BBB", THREATEN, "second-report"),
    ]
    [alert] = detect(events, P)
    assert alert.kind == "escalation" and alert.key == "escalation:AAA:BBB:2026-05-02"
    assert alert.score >= P.z_threshold
    assert {e.article_id for e in alert.events} == {"first-report", "second-report"}
    assert "tension rose" in alert.reason and "2 hostile events from 2 articles" in alert.reason


def test_a_short_dense_burst_with_no_history_can_escalate():
    """Ten days of news and nothing before: the calm prior gives the pair a baseline."""
    events = [
        ev(0, "AAA", "BBB", ASSAULT, "d0"),
        ev(0, "BBB", "AAA", ACCUSE, "d0"),
        ev(1, "AAA", "BBB", ACCUSE, "d1"),
        ev(1, "BBB", "AAA", ACCUSE, "d1b"),
        ev(3, "AAA", "BBB", THREATEN, "d3"),
    ]
    assert kinds(detect(events, P)) == ["escalation"]


def test_escalation_then_talks_reports_a_deescalation_with_cooperative_evidence():
    crisis = [
        ev(0, "AAA", "BBB", ASSAULT, "c0"),
        ev(1, "BBB", "AAA", ACCUSE, "c1"),
        ev(2, "AAA", "BBB", THREATEN, "c2"),
        ev(3, "BBB", "AAA", REJECT, "c3"),
    ]
    talks = [
        ev(6, "AAA", "BBB", CONSULT, "t6"),
        ev(7, "BBB", "AAA", CONSULT, "t7"),
        ev(8, "AAA", "BBB", AGREE, "t8"),
        ev(9, "BBB", "AAA", PRAISE, "t9"),
    ]
    alerts = detect(calm_history("AAA", "BBB", 0) + crisis + talks, P)
    assert kinds(alerts) == ["escalation", "de-escalation"]
    down = alerts[1]
    assert down.key.endswith(alerts[0].key.rsplit(":", 1)[1])  # tied to its escalation
    assert all(e.quad_class in (1, 2) for e in down.events) and len(down.events) == 4
    assert down.window_start > alerts[0].window_start and "tension fell" in down.reason
    # without the talks, tension does not fall enough: no de-escalation
    assert kinds(detect(crisis, P)) == ["escalation"]


def test_pairs_that_only_talk_raise_nothing_while_their_neighbours_escalate():
    events = [
        ev(0, "AAA", "BBB", ASSAULT, "x0"),
        ev(1, "AAA", "BBB", THREATEN, "x1"),
        *[ev(d, "CCC", "AAA", CONSULT, f"talk{d}") for d in range(5)],
        *[ev(d, "CCC", "BBB", PRAISE, f"praise{d}") for d in range(5)],
    ]
    alerts = detect(events, P)
    assert {(a.source, a.target) for a in alerts} == {("AAA", "BBB")}


def test_stricter_evidence_rule_silences_a_two_article_escalation():
    events = [ev(0, "AAA", "BBB", ASSAULT, "r1"), ev(1, "AAA", "BBB", THREATEN, "r2")]
    assert kinds(detect(events, P)) == ["escalation"]
    assert detect(events, replace(P, min_articles=3)) == []


def test_month_on_month_rise_fires_for_a_slow_doubling():
    """A pair that always quarrels, then quarrels three times as much for a month."""
    events = [ev(d, "AAA", "BBB", ACCUSE, f"base{d}") for d in range(0, 60, 2)]
    events += [ev(d, "AAA", "BBB", REJECT, f"more{d}") for d in range(60, 90)]
    strict = replace(P, z_threshold=50, rise_threshold=50)
    [alert] = detect(events, strict)
    assert alert.kind == "escalation" and "previous 30 days" in alert.reason
    assert detect(events, replace(strict, mom_ratio=5)) == []


def test_negated_events_do_not_count():
    events = [
        ev(0, "AAA", "BBB", ASSAULT, "n1", negated=True),
        ev(1, "AAA", "BBB", ASSAULT, "n2", negated=True),
    ]
    assert detect(events, P) == []


def test_re_running_over_more_data_keeps_the_key_of_an_ongoing_escalation():
    early = [ev(0, "AAA", "BBB", ASSAULT, "k0"), ev(1, "AAA", "BBB", THREATEN, "k1")]
    later = [*early, ev(3, "AAA", "BBB", SHOW_FORCE, "k3")]
    [before] = detect(early, P)
    after = [a for a in detect(later, P) if a.kind == "escalation"]
    assert [a.key for a in after] == [before.key]
    assert after[0].window_end > before.window_end and len(after[0].events) == 3
