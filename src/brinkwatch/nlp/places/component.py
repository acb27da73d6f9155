"""The `brinkwatch_places` article component: finds and resolves the article's toponyms.

Sets `doc._.bw_toponyms` (list of `ResolvedToponym`, text order) and `doc._.bw_dateline_place`
(the dateline's place or None). `coding/location.py` turns them into event and actor locations.
The gazetteer is loaded once per process, when the first pipeline is built.
"""

# No `from __future__ import annotations`: spaCy reads the factory signature at run time.

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from brinkwatch.knowledge.places import Gazetteer, Place, gazetteer
from brinkwatch.nlp.places import resolve
from brinkwatch.nlp.places.toponyms import Toponym, find

for _name in ("bw_toponyms", "bw_dateline", "bw_dateline_place"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass(frozen=True, slots=True)
class ResolvedToponym:
    toponym: Toponym
    place: Place


class PlacesComponent:
    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self.gaz = gaz or gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        toponyms = find(doc, self.gaz)
        dateline = self.dateline_candidates(doc._.bw_dateline)
        # an actor that is itself a place name ("Georgia") would only echo the gazetteer's guess
        named = {(t.start_char, t.end_char) for t in toponyms}
        actors = [
            a.country
            for a in doc._.bw_actors or ()
            if a.country and len(a.country) == 3 and (a.start, a.end) not in named
        ]
        context = resolve.context_countries([*toponyms, *dateline[:1]], actors)
        places = resolve.choose(doc, toponyms, context)
        doc._.bw_toponyms = [
            ResolvedToponym(t, p) for t, p in zip(toponyms, places, strict=True) if p is not None
        ]
        picked = resolve.choose(None, dateline, context) if dateline else []
        doc._.bw_dateline_place = picked[0] if picked else None
        return doc

    def dateline_candidates(self, dateline: str | None) -> list[Toponym]:
        """The dateline's place name ("KYIV", "Tripoli, Lebanon", "MANILA, Oct 2 (Wire)") as a
        toponym outside the text, with the qualifier that may follow it."""
        if not dateline:
            return []
        words = [w.strip(" .") for w in dateline.replace("—", ",").replace("(", ",").split(",")]
        found: list[Toponym] = []
        for position, word in enumerate(w for w in words[:2] if w):
            candidates = self.gaz.candidates(word)
            if not candidates:
                break
            start = position * 2  # token positions one comma apart, as `_qualifier` expects
            found.append(Toponym(start, start + 1, 0, 0, word, start, None, tuple(candidates)))
        return found


@Language.factory("brinkwatch_places")
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()
