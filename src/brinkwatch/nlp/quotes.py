"""The `brinkwatch_quotes` component: who said what, to whom, through which outlet, and when.

Sets `doc._.bw_quotes` (a list of `Quote` in text order). Quotation marks are paired on the
character level (`quote_marks`), cues found on the parse (`quote_finders`, `quote_indirect`),
speakers resolved through the actor resolver and dates through the date resolver
(`quote_speakers`). A quotation mark that cannot be paired is recorded in `doc._.bw_errors` as
`quote_unbalanced` and its quote skipped. See docs/quotes.md.
"""

from bisect import bisect_right
from dataclasses import replace
from pathlib import Path

from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from brinkwatch.nlp.dates import date_for_token
from brinkwatch.nlp.quote_finders import Candidate, Sentences, cue_bounds, direct_candidates
from brinkwatch.nlp.quote_indirect import indirect_candidates
from brinkwatch.nlp.quote_lexicon import QuoteLexicon, load_lexicon
from brinkwatch.nlp.quote_marks import QuoteMarks, Stretch, find_quote_marks
from brinkwatch.nlp.quote_speakers import SpeakerResolver, channel, outlet_channel
from brinkwatch.records import ErrorInfo, Quote, Span

for _name in ("bw_quotes", "bw_errors"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class QuotesComponent:
    """Extracts quotes; the cue lexicon is loaded once, in `__init__`."""

    def __init__(self, nlp: Language | None = None, name: str = "brinkwatch_quotes",
                 lexicon_path: Path | None = None) -> None:  # fmt: skip
        self.name = name
        self.lexicon = load_lexicon(lexicon_path)

    def __call__(self, doc: Doc) -> Doc:
        text = _text(doc)
        marks = find_quote_marks(text)
        sentences = Sentences(doc)
        candidates = find_candidates(doc, text, marks, self.lexicon, sentences)
        doc._.bw_quotes = to_quotes(doc, text, candidates, self.lexicon, sentences)
        errors = [
            ErrorInfo(
                "quote_unbalanced", f"{u.reason}: {u.mark} at character {u.position}; quote skipped"
            )
            for u in marks.unbalanced
        ]
        if errors:
            doc._.bw_errors = list(doc._.bw_errors or ()) + errors
        return doc


def _text(doc: Doc) -> str:
    """`doc.text`, read from the token arrays: `Doc.text` makes a `Token` per word."""
    if not len(doc):
        return doc.text
    strings = doc.vocab.strings
    words = doc.to_array([ORTH, SPACY]).tolist()
    return "".join([strings[o] + " " if space else strings[o] for o, space in words])


@Language.factory("brinkwatch_quotes")
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent(nlp, name)


class _Stretches:
    """Quoted stretches, searchable by character offset."""

    def __init__(self, stretches: tuple[Stretch, ...]) -> None:
        self.items = stretches
        self.starts = [s.start for s in stretches]

    def at(self, offset: int) -> Stretch | None:
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.items[index].end:
            return self.items[index]
        return None

    def within(self, start: int, end: int) -> bool:
        index = bisect_right(self.starts, start - 1)
        return index < len(self.items) and self.items[index].end <= end


def find_candidates(
    doc: Doc, text: str, marks: QuoteMarks, lexicon: QuoteLexicon, sentences: Sentences
) -> list[Candidate]:
    """Direct quotes first; then indirect ones whose cue is not already a direct quote's."""
    stretches = _Stretches(marks.stretches)
    direct = list(direct_candidates(doc, text, marks.stretches, lexicon))
    used = frozenset(c.verb for c in direct if c.verb is not None)
    skip = used | _inside_quotes(doc, marks)
    found = list(direct)
    seen = {(c.content_start, c.content_end) for c in direct}
    for candidate in indirect_candidates(doc, lexicon, skip, sentences):
        candidate = _with_quoted_words(candidate, stretches, seen)
        key = (candidate.content_start, candidate.content_end)
        if key not in seen:
            seen.add(key)
            found.append(candidate)
    return sorted(_outermost(doc, found, lexicon), key=lambda c: (c.content_start, c.content_end))


def _outermost(doc: Doc, candidates: list[Candidate], lexicon: QuoteLexicon) -> list[Candidate]:
    """Without the attributions nested in another's content: in "Both sides have agreed to
    talks, the mediators said" the mediators' report is the attribution and what it reports its
    content, not a second quote (attribution corpora do not nest either). Statements of one
    speaker stay ("he said X and warned Y"); "X said Y, according to Xinhua" keeps X's quote,
    not the agency's report of it."""
    cues = [doc[c.verb].idx if c.verb is not None else None for c in candidates]
    reports = [_source_phrase(doc, c, lexicon) for c in candidates]
    speaks = [_speaks(doc, c, lexicon) for c in candidates]
    kept = []
    for k, c in enumerate(candidates):
        others = [m for m in range(len(candidates)) if m != k]
        if reports[k] and any(not reports[m] and speaks[m] and _holds(c, cues[m]) for m in others):
            continue  # an agency's "according to" around a speaker's own statement
        source = next((m for m in others if reports[m] and _holds(candidates[m], cues[k])), None)
        if source is not None:
            if not speaks[k]:
                continue  # a stance the agency reports stays part of its report
            c = replace(c, outlet=candidates[source].subject,
                        content_end=_before(doc, c, candidates[source]))  # fmt: skip
        if any(
            not reports[m] and _holds(candidates[m], cues[k]) and _outer(c, candidates[m], cues[m])
            for m in others
        ):
            continue
        kept.append(c)
    return kept


def _before(doc: Doc, candidate: Candidate, source: Candidate) -> int:
    """Where `candidate`'s content ends when an "according to" phrase closes it."""
    assert source.cue_start is not None
    index = source.cue_start - 1
    while index > 0 and (doc[index].is_punct or doc[index].is_space):
        index -= 1
    end = doc[index].idx + len(doc[index])
    return end if candidate.content_start < end < candidate.content_end else candidate.content_end


def _speaks(doc: Doc, candidate: Candidate, lexicon: QuoteLexicon) -> bool:
    """A statement with a speaker ("X said", "X urged"), not a stance ("X agreed to")."""
    if candidate.subject is None or candidate.verb is None:
        return False
    lemma = doc[candidate.verb].lemma_.lower()
    return lemma in lexicon.clause_verbs and lemma not in lexicon.belief_verbs


def _source_phrase(doc: Doc, candidate: Candidate, lexicon: QuoteLexicon) -> bool:
    if candidate.cue_start is None or candidate.cue_end is None:
        return False
    return doc[candidate.cue_start : candidate.cue_end].text.lower() in lexicon.source_phrases


def _outer(inner: Candidate, outer: Candidate, cue: int | None) -> bool:
    """Whether `outer`, whose content holds `inner`'s cue, is the attribution to keep: its own
    cue lies outside `inner`'s content or, when each holds the other's cue, its content starts
    first ("Both sides agreed to talks, according to the mediators")."""
    if outer.subject is not None and outer.subject == inner.subject:
        return False
    return not _holds(inner, cue) or outer.content_start < inner.content_start


def _holds(candidate: Candidate, offset: int | None) -> bool:
    return offset is not None and candidate.content_start <= offset < candidate.content_end


def _inside_quotes(doc: Doc, marks: QuoteMarks) -> frozenset[int]:
    """Words inside quotation marks cue nothing of their own: a speaker's "I think" or "they
    say" is part of the quote (PolNeAR attributes the quote, not what it reports)."""
    inside: set[int] = set()
    for stretch in marks.stretches:
        span = doc.char_span(stretch.start, stretch.end, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    return frozenset(inside)


def _with_quoted_words(
    candidate: Candidate, stretches: _Stretches, seen: set[tuple[int, int]]
) -> Candidate:
    """Mixed when the content holds quoted words; direct when it opens a quote that runs on
    ("According to the paper, “…”")."""
    opening = stretches.at(candidate.content_start)
    starts_quote = opening is not None and opening.start == candidate.content_start
    if opening is not None and starts_quote and (opening.start, opening.end) not in seen:
        return _replace(candidate, "direct", opening.start, max(opening.end, candidate.content_end))
    closing = stretches.at(candidate.content_end - 1)
    if closing is not None and closing.end - candidate.content_end <= 3:
        return _replace(candidate, "mixed", candidate.content_start, closing.end)
    if stretches.within(candidate.content_start, candidate.content_end):
        return _replace(candidate, "mixed", candidate.content_start, candidate.content_end)
    return candidate


def _replace(candidate: Candidate, kind: str, start: int, end: int) -> Candidate:
    return Candidate(kind, start, end, candidate.cue_start, candidate.cue_end, candidate.verb,
                     candidate.subject)  # fmt: skip


def _sentence(doc: Doc, text: str, candidate: Candidate, sentences: Sentences) -> Span:
    """The sentence(s) holding the content and the cue."""
    tokens = [
        sentences.token_at(candidate.content_start),
        sentences.token_at(candidate.content_end - 1),
    ]
    if candidate.verb is not None:
        tokens.append(candidate.verb)
    first_sentence = sentences.of(min(tokens))
    last_sentence = sentences.of(max(tokens))
    start = doc[first_sentence[0]].idx
    last = doc[last_sentence[1] - 1]
    end = last.idx + len(last)
    return Span(start, end, text[start:end])


def to_quotes(
    doc: Doc, text: str, candidates: list[Candidate], lexicon: QuoteLexicon, sentences: Sentences
) -> list[Quote]:
    resolver = SpeakerResolver()
    quotes: list[Quote] = []
    for number, candidate in enumerate(candidates, start=1):
        verb = doc[candidate.verb] if candidate.verb is not None else None
        cue = None
        if candidate.cue_start is not None and candidate.cue_end is not None:
            first, last = candidate.cue_start, candidate.cue_end
            if verb is not None and first == verb.i:
                first, last = cue_bounds(verb, last, lexicon)
            words = doc[first:last]
            cue = Span(words.start_char, words.end_char, words.text)
        speaker = (
            resolver.speaker(doc[candidate.subject]) if candidate.subject is not None else None
        )
        where = channel(verb, lexicon) if verb is not None else None
        if where is not None and candidate.outlet is not None:
            where = outlet_channel(where, doc[candidate.outlet], lexicon)
        date = date_for_token(doc, verb) if verb is not None else None
        content = text[candidate.content_start : candidate.content_end]
        quotes.append(
            Quote(
                id=f"q{number}",
                type=candidate.type,
                content=Span(candidate.content_start, candidate.content_end, content),
                cue=cue,
                speaker=speaker,
                medium=where.medium if where else None,
                addressee=where.addressee if where else None,
                date=date.value if date else None,
                date_text=date.text if date else None,
                date_granularity=date.granularity if date else None,
                date_source=date.source if date else None,
                sentence=_sentence(doc, text, candidate, sentences),
            )
        )
    return quotes
