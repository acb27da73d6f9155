"""Run the pipeline on gold records and cut its records down to what the scorers compare.

Every gold record is coded as its own article (with its `published` date); a record the pipeline
fails on becomes a case with an `error` and no predictions: a miss, listed in the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from brinkwatch.evaluate.gold import ActorGold, DocumentGold, SentenceGold, StoryGold
from brinkwatch.evaluate.results import Case, PredActor, PredEvent, PredQuote
from brinkwatch.nlp.actors import resolve_phrase
from brinkwatch.process import code_many, get_coder
from brinkwatch.progress import progress
from brinkwatch.records import Actor, Article, Event, Failure, Quote, Span
from brinkwatch.settings import Settings


def pred_event(event: Event) -> PredEvent:
    source, target = event.source, event.target
    return PredEvent(
        cameo=event.cameo, position=event.trigger.start,
        source=_span(source), target=_span(target) if target else None,
        source_country=source.country, target_country=target.country if target else None,
        source_sector=source.sector, plover=event.plover_event, mode=event.plover_mode,
        negated=event.negated,
    )  # fmt: skip


def _span(actor: Actor) -> Span:
    return Span(actor.start, actor.end, actor.text)


def pred_quote(quote: Quote) -> PredQuote:
    return PredQuote(quote.content, quote.cue, _span(quote.speaker) if quote.speaker else None)


def pred_actor(actor: Actor | None) -> PredActor | None:
    if actor is None:
        return None
    return PredActor(actor.country, actor.sector, actor.code, actor.plover_sector)


def _inputs(golds: Sequence[Any]) -> list[dict[str, Any]]:
    def published(gold: Any) -> str | None:
        value: date | None = getattr(gold, "published", None)
        return value.isoformat() if value else None

    return [{"id": g.id, "text": g.text, "published": published(g)} for g in golds]


def code_gold(
    golds: Sequence[Any], settings: Settings, n_process: int = 1
) -> list[Article | Failure]:
    """One coded article (or failure) per gold record, in order."""
    coded = code_many(_inputs(golds), n_process, settings=settings)
    records = list(progress(coded, total=len(golds), desc="evaluating", unit=" records"))
    if len(records) != len(golds):  # the facade promises one record per input
        raise AssertionError(f"{len(golds)} gold records gave {len(records)} results")
    return records


def _error(record: Article | Failure) -> str | None:
    return f"{record.error.code}: {record.error.message}" if isinstance(record, Failure) else None


def event_cases(
    golds: Sequence[SentenceGold | StoryGold], settings: Settings, n_process: int = 1
) -> list[Case[Any, tuple[PredEvent, ...]]]:
    """Cases for the `events` and `penta` tasks (sentences or stories)."""
    cases: list[Case[Any, tuple[PredEvent, ...]]] = []
    for gold, record in zip(golds, code_gold(golds, settings, n_process), strict=True):
        events = tuple(pred_event(e) for e in record.events) if isinstance(record, Article) else ()
        cases.append(Case(gold, events, _error(record)))
    return cases


def quote_cases(
    golds: Sequence[DocumentGold], settings: Settings, n_process: int = 1
) -> list[Case[DocumentGold, tuple[PredQuote, ...]]]:
    cases: list[Case[DocumentGold, tuple[PredQuote, ...]]] = []
    for gold, record in zip(golds, code_gold(golds, settings, n_process), strict=True):
        quotes = tuple(pred_quote(q) for q in record.quotes) if isinstance(record, Article) else ()
        cases.append(Case(gold, quotes, _error(record)))
    return cases


def actor_cases(
    golds: Sequence[ActorGold], settings: Settings
) -> list[Case[ActorGold, PredActor | None]]:
    """Resolve each phrase (with its context and date); an exception is that record's failure."""
    nlp = get_coder(settings).nlp
    cases: list[Case[ActorGold, PredActor | None]] = []
    for gold in golds:
        try:
            actor = resolve_phrase(nlp, gold.text, context=gold.context, published=gold.published)
            cases.append(Case(gold, pred_actor(actor)))
        except Exception as exc:  # one bad phrase must not end the run: it is a listed miss
            cases.append(Case(gold, None, f"{type(exc).__name__}: {exc}"))
    return cases
