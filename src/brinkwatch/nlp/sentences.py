"""Where an article's sentences start: computed once per Doc and shared by the components."""

import numpy
from spacy.tokens import Doc

if not Doc.has_extension("bw_sent_starts"):
    Doc.set_extension("bw_sent_starts", default=None)


def sentence_starts(doc: Doc) -> list[int]:
    """The first token index of every sentence, in order, kept on the Doc (`bw_sent_starts`).
    Read from the SENT_START array: iterating `doc.sents` builds a Span per sentence and
    `Token.sent` walks the Doc. A Doc without boundaries is one sentence."""
    starts = doc._.bw_sent_starts
    if starts is None:
        flags = doc.to_array("SENT_START") if len(doc) else numpy.zeros(0)
        found = numpy.flatnonzero(flags == 1).tolist()
        starts = doc._.bw_sent_starts = [0, *(i for i in found if i > 0)]
    return starts
