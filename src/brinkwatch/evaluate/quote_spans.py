"""Per-role span figures of the `quotes` task, without linking roles into attributions.

Sequence-labelling systems for attribution (PolNeAR, PARC) are scored this way: each role's
spans of a document form a set, and a predicted span is right when the gold set holds it (exact)
or when it is paired one-to-one with a gold span it overlaps enough (token overlap 0.3 / 0.8).
A discontinuous gold role counts as its pieces, as in a tag sequence. A predicted role is cut the
same way: a content that runs around its own cue and source (`"X," he said, "Y."`) is two
pieces, because a tagger labels each token with one role only.

These figures are comparable with published tagger scores; the linked figures of
`evaluate.quotes` are stricter (a role counts only on the attribution it belongs to).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from brinkwatch.evaluate.gold import DocumentGold
from brinkwatch.evaluate.matching import match, mutual_coverage, tokens
from brinkwatch.evaluate.metrics import Counts
from brinkwatch.evaluate.results import PredQuote
from brinkwatch.records import Span

ROLES = ("source", "cue", "content")
# A tagger gives each token one role; where our spans nest, the narrower role wins the tokens.
_NARROWER = {"source": ("cue",), "cue": (), "content": ("source", "cue")}
THRESHOLDS = {"overlap30": 0.3, "overlap80": 0.8}
_TRIM = "\"'“”‘’«»,.;:!?—–―-"  # and whitespace of any kind (news text has no-break spaces)

Piece = tuple[int, int]


def trim(text: str, start: int, end: int) -> Piece:
    """The span without surrounding spaces, quote marks and punctuation."""
    while start < end and (text[start] in _TRIM or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1].isspace()):
        end -= 1
    return start, end


def _pieces(text: str, spans: Iterable[Piece]) -> set[Piece]:
    trimmed = (trim(text, start, end) for start, end in spans)
    return {piece for piece in trimmed if piece[0] < piece[1]}


def _cut(span: Piece, holes: Sequence[Piece]) -> list[Piece]:
    """`span` less the stretches of `holes` inside it (the quote's own other roles)."""
    pieces, start = [], span[0]
    for h_start, h_end in sorted(holes):
        if h_end <= start or h_start >= span[1]:
            continue
        pieces.append((start, max(start, h_start)))
        start = max(start, h_end)
    pieces.append((start, span[1]))
    return pieces


def predicted_pieces(text: str, quotes: Sequence[PredQuote], role: str) -> set[Piece]:
    """Every predicted span of `role` in a document, cut around the quote's narrower roles."""
    found: list[Piece] = []
    for quote in quotes:
        span: Span | None = getattr(quote, role)
        if span is None:
            continue
        others = [(s.start, s.end) for r in _NARROWER[role] if (s := getattr(quote, r))]
        found += _cut((span.start, span.end), others)
    return _pieces(text, found)


def gold_pieces(gold: DocumentGold, role: str) -> set[Piece]:
    spans = (s for a in gold.attributions for s in getattr(a, role))
    return _pieces(gold.text, ((s.start, s.end) for s in spans))


def _overlap_counts(text: str, gold: set[Piece], predicted: set[Piece], floor: float) -> Counts:
    g, p = sorted(gold), sorted(predicted)

    def score(a: Piece, b: Piece) -> float:
        share = mutual_coverage(tokens(text, *a), tokens(text, *b))
        return share if share >= floor else 0.0

    pairs = len(match(g, p, score))
    return Counts(pairs, len(p) - pairs, len(g) - pairs)


def span_counts(gold: DocumentGold, predicted: Sequence[PredQuote]) -> dict[str, Counts]:
    """`span_<role>_<measure>` counts of one document."""
    counts: dict[str, Counts] = {}
    for role in ROLES:
        g, p = gold_pieces(gold, role), predicted_pieces(gold.text, predicted, role)
        same = len(g & p)
        counts[f"span_{role}_exact"] = Counts(same, len(p) - same, len(g) - same)
        for name, floor in THRESHOLDS.items():
            counts[f"span_{role}_{name}"] = _overlap_counts(gold.text, g, p, floor)
    return counts
