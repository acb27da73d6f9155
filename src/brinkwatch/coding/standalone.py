"""`nlp.add_pipe("brinkwatch_events")` alone on a pipeline of one's own.

The event coder reads what earlier brinkwatch components leave on the `Doc` (the publication
date from `Doc.user_data["published"]`, actors, dates, quotes, places). Added by itself to a
pipeline that lacks them, it builds the missing ones and runs them inside itself, in pipeline
order, with the location step after it; added after them (`brinkwatch.add_pipes`), it is the
plain coder.
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
    """`coder` alone when `nlp` already has the components before it, else wrapped with them."""
    from brinkwatch.nlp.user_pipeline import pipes

    order = pipes()
    here = order.index(EVENTS)
    present = set(nlp.pipe_names)
    before = [nlp.create_pipe(name) for name in order[:here] if name not in present]
    if not before:
        return coder
    after = [nlp.create_pipe(name) for name in order[here + 1 :] if name not in present]
    return StandaloneEvents(coder, before, after)
