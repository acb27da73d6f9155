"""Records cross process boundaries (`--n-process` workers, Dask) as pickles: they come back
equal, and as constructor calls rather than field-by-field state."""

from __future__ import annotations

import pickle
from datetime import date

from brinkwatch.records import (
    Actor,
    Article,
    CoderInfo,
    ErrorInfo,
    Event,
    Failure,
    Span,
    to_dict,
)

TEXT = "Kenya accused Somalia of shelling the border town on 3 May."


def _article() -> Article:
    kenya = Actor("Kenya", 0, 5, code="KEN", country="KEN")
    somalia = Actor("Somalia", 14, 21, code="SOM", country="SOM")
    sentence = Span(0, len(TEXT), TEXT)
    event = Event(
        id="a1-e1",
        sentence=sentence,
        evidence=sentence,
        trigger=Span(6, 13, "accused"),
        source=kenya,
        target=somalia,
        cameo="112",
        cameo_root="11",
        cameo_name="Accuse",
        goldstein=-2.0,
        goldstein_table="cameo",
        quad_class=3,
        plover_event="ACCUSE",
        plover_mode=None,
        date="2026-05-03",
        date_text="3 May",
        date_granularity="day",
        date_source="text",
    )
    return Article(
        id="a1",
        title=None,
        outlet="wire",
        url=None,
        published=date(2026, 5, 4),
        dateline=None,
        text=TEXT,
        coder=CoderInfo("brinkwatch", "0", "en_model-1", {"events": "1.0"}),
        events=(event,),
        actors=(kenya, somalia),
    )


def test_records_round_trip_through_pickle() -> None:
    article = _article()
    failure = Failure("bad", ErrorInfo(code="parse", message="unreadable"))
    for record in (article, failure):
        back = pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == record and type(back) is type(record)
        assert to_dict(back) == to_dict(record)


def test_a_record_pickles_as_its_constructor_call() -> None:
    article = _article()
    constructor, arguments = article.__reduce__()
    assert constructor is Article and constructor(*arguments) == article
    assert arguments[0] == "a1" and arguments[-1] is None  # fields in declaration order


def test_to_dict_encodes_dates_nested_records_and_mappings() -> None:
    data = to_dict(_article())
    assert data["schema"] == "brinkwatch.article.v1"
    assert data["published"] == "2026-05-04"
    assert data["coder"]["lexicons"] == {"events": "1.0"}
    event = data["events"][0]
    assert event["source"] == {**event["source"], "text": "Kenya", "start": 0, "end": 5}
    assert event["trigger"] == {"start": 6, "end": 13, "text": "accused"}
    assert event["target"]["code"] == "SOM"
