"""A small store for the web tests, written through the one writer with hand-built records.

China and the Philippines talk calmly for three weeks, then clash for four days (reported by
several outlets: an escalation alert); Japan and the United States only consult. Every sentence
is our own. `xss_article` carries script and onerror payloads in its title, text and quote.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from brinkwatch.records import Actor, Article, CoderInfo, Document, Event, Failure, Quote, Span
from brinkwatch.settings import Settings
from brinkwatch.store.db import open_engine
from brinkwatch.store.writer import StoreWriter
from brinkwatch.web.writes import refresh_alerts

CODER = CoderInfo("brinkwatch", "0.0.test", "test-model", {"codes/cameo.tsv": "1.0.0"})
START = date(2026, 3, 2)
NAMES = {"CHN": "China", "PHL": "Philippines", "JPN": "Japan", "USA": "United States"}
XSS_TITLE = '<script>window.__xss = "title"</script>Harbour <b>talks</b>'
XSS_QUOTE = "<img src=x onerror=\"window.__xss = 'quote'\">"
XSS_TEXT = (
    "Japan said the United States was a partner. <img src=x onerror=\"window.__xss='text'\"> "
    'Japan consulted the United States on Monday. The minister said "' + XSS_QUOTE + '" to them.'
)


def actor(country: str, start: int = 0) -> Actor:
    name = NAMES[country]
    return Actor(
        name,
        start,
        start + len(name),
        name=name,
        code=country + "GOV",
        country=country,
        sector="GOV",
    )


def coded_event(
    sentence: str,
    source: str,
    target: str,
    day: date,
    cameo: str,
    goldstein: float,
    quad: int,
    plover: str,
    eid: str,
    start: int = 0,
) -> Event:
    span = Span(start, start + len(sentence), sentence)
    word = sentence.split()[1]
    at = start + sentence.index(word)
    return Event(
        id=eid,
        sentence=span,
        evidence=span,
        trigger=Span(at, at + len(word), word),
        source=actor(source, start),
        target=actor(target),
        cameo=cameo,
        cameo_root=cameo[:2],
        cameo_name="test action",
        goldstein=goldstein,
        goldstein_table="test",
        quad_class=quad,
        plover_event=plover,
        plover_mode=None,
        date=day.isoformat(),
        date_text=None,
        date_granularity="day",
        date_source="text",
    )


def make_article(
    aid: str,
    day: date,
    sentences: list[tuple[str, str, str, str, float, int, str]],
    outlet: str,
    title: str,
    quotes: tuple[Quote, ...] = (),
) -> Article:
    text, events, at = "", [], 0
    for n, (sentence, source, target, cameo, goldstein, quad, plover) in enumerate(sentences):
        events.append(
            coded_event(sentence, source, target, day, cameo, goldstein, quad, plover, f"e{n}", at)
        )
        text += sentence + " "
        at = len(text)
    return Article(
        id=aid,
        title=title,
        outlet=outlet,
        url=f"https://news.example/{aid}",
        published=day,
        dateline=None,
        text=text.strip(),
        coder=CODER,
        events=tuple(events),
        quotes=quotes,
        actors=(),
    )


def calm(n: int) -> Article:
    day = START + timedelta(days=n * 3)
    return make_article(
        f"calm-{n}",
        day,
        [
            (
                f"China met the Philippines for round {n} of talks.",
                "CHN",
                "PHL",
                "040",
                1.0,
                1,
                "CONSULT",
            ),
            (
                f"Japan consulted the United States about shipping lane {n}.",
                "JPN",
                "USA",
                "040",
                1.0,
                1,
                "CONSULT",
            ),
        ],
        "Harbour Times",
        f"Calm talks, round {n}",
    )


def clash(n: int, outlet: str) -> Article:
    day = START + timedelta(days=21 + n)
    return make_article(
        f"clash-{n}-{outlet[:4].lower()}",
        day,
        [
            (
                f"China rammed the Philippines boat near reef {n}.",
                "CHN",
                "PHL",
                "190",
                -10.0,
                4,
                "ASSAULT",
            ),
            (
                f"Philippines accused China over the clash at reef {n} ({outlet}).",
                "PHL",
                "CHN",
                "112",
                -2.0,
                3,
                "ACCUSE",
            ),
        ],
        outlet,
        f"Clash at reef {n}",
    )


def xss_quote(text: str) -> Quote:
    start = text.index(XSS_QUOTE)
    content = Span(start, start + len(XSS_QUOTE), XSS_QUOTE)
    return Quote(
        id="q1",
        type="direct",
        content=content,
        cue=None,
        speaker=actor("JPN"),
        medium=None,
        addressee=None,
        date=START.isoformat(),
        date_text=None,
        date_granularity="day",
        date_source="published",
        sentence=content,
    )


def xss_article(day: date = START) -> Article:
    """An article whose title, text and quote carry markup that must never run."""
    sentence = "Japan consulted the United States on Monday."
    event = coded_event(
        sentence, "JPN", "USA", day, "040", 1.0, 1, "CONSULT", "e0", XSS_TEXT.index(sentence)
    )
    return Article(
        id="xss-1",
        title=XSS_TITLE,
        outlet="Harbour <i>Times</i>",
        url="https://news.example/xss",
        published=day,
        dateline=None,
        text=XSS_TEXT,
        coder=CODER,
        events=(event,),
        quotes=(xss_quote(XSS_TEXT),),
        actors=(),
    )


def corpus() -> list[Article]:
    out = [calm(n) for n in range(7)]
    out += [clash(n, outlet) for n in range(4) for outlet in ("Harbour Times", "Reef Post")]
    return out


def build_store(url: str, articles: Iterable[Article] = ()) -> None:
    """The store of the module docstring (plus `articles`), with the monitor's alerts stored."""
    engine = open_engine(url)
    writer = StoreWriter(engine)
    writer.start_run("test", CODER, None)
    writer.write([(a, None) for a in [*corpus(), *articles]])
    writer.finish_run()
    refresh_alerts(engine, Settings().monitor)
    engine.dispose()


def fake_code(items: Iterable[Document | Failure]) -> Iterator[Article | Failure]:
    """A coder for POST tests: each document becomes an article with one event found by its
    first sentence (China rams the Philippines where the text says 'rammed', else Japan consults
    the United States), and a quote where the text holds XSS_QUOTE."""
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        first = item.text.split(".")[0] + "."
        day = item.published or START
        if "rammed" in first:
            event = coded_event(first, "CHN", "PHL", day, "190", -10.0, 4, "ASSAULT", "e0")
        else:
            event = coded_event(first, "JPN", "USA", day, "040", 1.0, 1, "CONSULT", "e0")
        quotes = (xss_quote(item.text),) if XSS_QUOTE in item.text else ()
        yield Article(
            id=item.id,
            title=item.title,
            outlet=item.outlet,
            url=item.url,
            published=item.published,
            dateline=item.dateline,
            text=item.text,
            coder=CODER,
            events=(event,),
            quotes=quotes,
            actors=(),
        )
