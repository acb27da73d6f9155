"""`nlp.add_pipe("brinkwatch_events")` alone on a pipeline of one's own.

The event coder reads what earlier brinkwatch components leave on the `Doc` (the publication
date from `Doc.user_data["published"]`, actors, dates, quotes, places). Added by itself to a
pipeline without any brinkwatch component, it builds them and runs them inside itself, in
pipeline order, with the location step after it; where brinkwatch components are already
pipes (brinkwatch's own pipeline, `brinkwatch.add_pipes`), it is the plain coder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

EVENTS = "brinkwatch_events"
Component = Callable[[Doc], Doc]


class StandaloneEvents:
    """The event coder with the brinkwatch components it depends on run before it."""

    def __init__(
        self, coder: Component, before: Sequence[Component], after: Sequence[Component]
    ) -> None:
        self.coder, self.before, self.after = coder, tuple(before), tuple(after)

    def __call__(self, doc: Doc) -> Doc:
        for component in self.before:
            doc = component(doc)
        doc = self.coder(doc)
        for component in self.after:
            doc = component(doc)
        return doc


def with_prerequisites(nlp: Language, coder: Component) -> Component:
    """`coder` alone when `nlp` already has any brinkwatch component (brinkwatch's own pipeline,
    `add_pipes`, or one composed by hand), else `coder` wrapped with all of them."""
    from brinkwatch.nlp.user_pipeline import pipes

    order = pipes()
    if any(name in nlp.pipe_names for name in order if name != EVENTS):
        return coder
    here = order.index(EVENTS)
    before = [nlp.create_pipe(name) for name in order[:here]]
    after = [nlp.create_pipe(name) for name in order[here + 1 :]]
    return StandaloneEvents(coder, before, after)
