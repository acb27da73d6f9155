"""`evaluate_file`: read a gold file for a task, run the pipeline on it, score it."""

from __future__ import annotations

from pathlib import Path

from brinkwatch.errors import GoldFileError
from brinkwatch.evaluate import gold as g
from brinkwatch.evaluate.actors import score_actors
from brinkwatch.evaluate.events import score_events, score_stories
from brinkwatch.evaluate.penta import score_penta
from brinkwatch.evaluate.predict import actor_cases, event_cases, quote_cases
from brinkwatch.evaluate.quotes import score_quotes
from brinkwatch.evaluate.results import Score
from brinkwatch.settings import Settings

TASKS = ("events", "penta", "actors", "quotes", "geo")


def _events(path: Path, settings: Settings, n_process: int, limit: int | None) -> Score:
    if g.is_story_file(path):
        stories = g.read(path, g.parse_story)[:limit]
        return score_stories(event_cases(stories, settings, n_process))
    sentences = g.read(path, g.parse_sentence)[:limit]
    if all(s.events is None for s in sentences):
        reason = "no record has `events` (expected CAMEO codes); use --task penta for PentaClass"
        raise GoldFileError(str(path), None, reason)
    return score_events(event_cases(sentences, settings, n_process))


def evaluate_file(
    path: Path, task: str, settings: Settings, *, n_process: int = 1, limit: int | None = None
) -> Score:
    """Score the pipeline on the first `limit` records (all when None) of a gold file."""
    if task == "events":
        return _events(path, settings, n_process, limit)
    if task == "penta":
        sentences = g.read(path, g.parse_sentence)[:limit]
        return score_penta(event_cases(sentences, settings, n_process))
    if task == "actors":
        return score_actors(actor_cases(g.read(path, g.parse_actor)[:limit], settings))
    if task == "quotes":
        documents = g.read(path, g.parse_document)[:limit]
        return score_quotes(quote_cases(documents, settings, n_process))
    if task == "geo":
        from brinkwatch.evaluate.geo import geo_cases, parse_geo, score_geo

        return score_geo(geo_cases(g.read(path, parse_geo)[:limit], settings, n_process))
    raise ValueError(f"unknown task {task!r}; expected one of {', '.join(TASKS)}")
