"""Finding attributions in a parsed article: which words are quoted and which verb attributes them.

Direct quotes start from the quoted stretches of `quote_marks` and look for a cue clause right
after (`"…," Logvinov told Interfax`) or right before (`Logvinov said: "…"`). Indirect quotes
start from a cue verb with a complement clause (`Russia warned that …`), a speech act with noun
content (`urged restraint`) or a source phrase (`according to Interfax, …`). Mixed quotes are
indirect quotes whose content holds quoted words.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from brinkwatch.nlp.quote_lexicon import QuoteLexicon
from brinkwatch.nlp.quote_marks import Stretch
from brinkwatch.nlp.sentences import sentence_starts

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_SHARES_SUBJECT = frozenset({"conj", "advcl", "xcomp"})
_CLOSING_PUNCT = frozenset(",.!?…—–:;-")
_SENTENCE_END = frozenset({".", "!", "?"})
_CLOSING_MARKS = frozenset({'"', "”", "''", "’"})
_WINDOW = 25  # tokens: how far from a quote its cue clause may start
_NO_SPEAKER = frozenset({"it", "there"})
_DATELINE = frozenset({"—", "--", "–"})
_REPORTING = frozenset({"say", "tell", "add", "believe", "think", "write", "argue", "claim"})
_CONTENT_DEPS = frozenset({"acl", "relcl", "ccomp", "appos", "punct"})
# Media that PolNeAR counts as part of the cue more often than not ("said in a statement"); the
#   rest ("in a letter", "on Twitter") it leaves out of it more often than not.
_CUE_MEDIA = frozenset({"statement", "interview", "facebook"})
_CUE_LEFT = frozenset({"aux", "auxpass", "neg", "advmod"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
_INVERTED = frozenset({"dobj", "attr", "npadvmod", "dative", "oprd"})
_DOCUMENTS = frozenset(
    {"statement", "letter", "tweet", "post", "video", "ad", "advertisement", "memo", "email",
     "report", "release", "message", "note", "op-ed", "editorial", "column", "comment"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Candidate:
    """One attribution before it becomes a `Quote` record; token indices into the `Doc`."""

    type: str
    content_start: int  # character offsets
    content_end: int
    cue_start: int | None  # token range of the cue words
    cue_end: int | None
    verb: int | None  # the cue's head token: speaker, medium and date hang off it
    subject: int | None  # head token of the speaker mention
    outlet: int | None = None  # "…, according to Xinhua": the outlet that carried the statement


class Sentences:
    """Token bounds of the sentences, computed once (`Token.sent` walks the whole `Doc`)."""

    def __init__(self, doc: Doc) -> None:
        starts = sentence_starts(doc)
        self.starts = starts
        self.bounds = list(zip(starts, [*starts[1:], len(doc)], strict=True))

        self.token_starts = doc.to_array("IDX").tolist() if len(doc) else []

    def of(self, index: int) -> tuple[int, int]:
        return self.bounds[bisect_right(self.starts, index) - 1]

    def token_at(self, char: int) -> int:
        """The token holding character `char` (or the one before it, in whitespace)."""
        return max(0, bisect_right(self.token_starts, char) - 1)


def _breaks_paragraph(token: Token) -> bool:
    return "\n" in token.whitespace_ or (token.is_space and "\n" in token.text)


def _passive(verb: Token) -> bool:
    return any(child.dep_ in ("auxpass", "agent") for child in verb.children)


def subject_of(verb: Token, quoted: tuple[int, int] = (0, 0)) -> Token | None:
    """The speaker: the verb's subject, or that of the verb it hangs on ("…, saying …").

    A subject inside the `quoted` token range is skipped: the parser sometimes takes the quote's
    own subject for the cue verb's as well ("“… the cost,” said Ross")."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in _SUBJECTS and not quoted[0] <= child.i < quoted[1]:
                return child
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in _NOMINAL:
            if not _issued(verb):
                return verb.head  # "polls showing …"
            verb = verb.head.head  # "the campaign released a statement saying …"
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head  # "by citing …", "in defending …": the subject of the main verb
            continue
        if verb.dep_ not in _SHARES_SUBJECT or verb.head == verb or _passive(verb):
            return None
        if verb.dep_ == "advcl" and verb.tag_ != "VBG":
            return None  # "…, saying …" shares the subject; "when asked by …" does not
        verb = verb.head
    return None


def mention_bounds(subject: Token, closing_comma: bool = False) -> tuple[int, int]:
    """Token range of a mention: the subject's phrase, outer punctuation trimmed.

    A dateline before the subject ("RENO, Nev. (AP) — Trump said") is cut off, and so is what
    `_cut_before` cuts after it ("polls showing …", "Grassley, facing a challenge, said"); a
    closing bracket stays ("Schumer (D-N.Y.)"). With `closing_comma`, the comma that closes an
    apposition stays, as attribution corpora mark it ("Chris Cox, who runs the lobbying arm,
    said"). Relative clauses stay: PolNeAR keeps them more often than not.
    """
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    doc = subject.doc
    dash = next((t.i for t in reversed(doc[start : subject.i]) if t.text in _DATELINE), None)
    start = dash + 1 if dash is not None else start
    end = min([end, *(_cut_before(c) for c in subject.rights)])
    while end - 1 > subject.i and _loose(doc, start, end - 1):
        end -= 1
    while start < subject.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    inner_comma = any(t.text == "," for t in doc[start:end])
    if closing_comma and inner_comma and end < len(doc) and doc[end].text == ",":
        end += 1
    return start, end


def _cut_before(child: Token) -> int:
    """Where a right dependent of the mention's head ends the mention: at an `-ing` participle
    clause ("polls showing …"), a headline colon ("Graham: …") or a relative clause that reports,
    an attribution of its own ("Barkley, who said he votes …"); past participles and other
    relative clauses stay ("a poll released Thursday")."""
    if child.text == ":" or (child.dep_ == "acl" and child.tag_ == "VBG"):
        return child.left_edge.i
    if child.dep_ == "relcl" and _reports(child):
        start = child.left_edge.i
        return start - 1 if child.doc[start - 1].text == "," else start
    return len(child.doc)


def _reports(clause: Token) -> bool:
    return clause.lemma_.lower() in _REPORTING or any(
        c.dep_ == "conj" and c.lemma_.lower() in _REPORTING for c in clause.children
    )


def _loose(doc: Doc, start: int, index: int) -> bool:
    """Punctuation to trim from a mention's end; a bracket it opened and a percent sign stay."""
    token = doc[index]
    if token.text == ")" and any(t.text == "(" for t in doc[start:index]):
        return False
    if token.text == "%":
        return False  # "A third of voters, 33%,"
    return token.is_punct or token.is_space


def cue_bounds(verb: Token, end: int, lexicon: QuoteLexicon) -> tuple[int, int]:
    """The cue words: the verb with the auxiliaries, negation and adverbs right before it
    ("has also said", "did not say"), a particle or medium phrase right after it ("pointed
    out", "said in a statement", "wrote on Twitter") and a colon after those ("said:")."""
    doc = verb.doc
    start = verb.i
    if _issued(verb):
        verb = verb.head.head  # "released a statement saying": one cue from the verb on
        start = verb.i
    head = _governing(verb)
    if head is not None:  # "is struggling to understand", "went on to say"
        start, verb = head.i, head
    while start > 0 and _cue_left(doc[start - 1], verb):
        start -= 1
    if end == verb.i + 1 and end < len(doc) and doc[end].head == verb:
        end = _medium_end(doc[end], lexicon) or end
    if end == verb.i + 1 and end < len(doc) and _takes(verb, doc[end], lexicon):
        end += 1  # "called on", "pointed to": the verb's own particle
    if end < len(doc) and doc[end].head == verb and doc[end].lower_ in lexicon.cue_adverbs:
        end += 1  # "said repeatedly"
    if end < len(doc) and doc[end].text == ":":
        end += 1
    return start, end


def _cue_left(token: Token, verb: Token) -> bool:
    """An auxiliary, negation or adverb of the cue verb; not a "when" ("when asked about")."""
    return token.head == verb and token.dep_ in _CUE_LEFT and token.tag_ != "WRB"


def _governing(verb: Token) -> Token | None:
    """The verb an infinitive cue completes when only its particle and `to` come between
    ("is trying to show", "went on to say", "seems to feel"): the cue starts there."""
    head = verb.head
    if (
        verb.dep_ != "xcomp"
        or head.pos_ not in ("VERB", "AUX")
        or not head.i < verb.i <= head.i + 3
    ):
        return None
    between = verb.doc[head.i + 1 : verb.i]
    if all(t.dep_ == "prt" or (t.lower_ == "to" and t.head == verb) for t in between):
        return head
    return None


def _issued(verb: Token) -> bool:
    """ "issued a statement saying …": a participle on a document that a verb's object is."""
    noun = verb.head
    return (
        verb.dep_ == "acl"
        and noun.dep_ == "dobj"
        and noun.lemma_.lower() in _DOCUMENTS
        and noun.head.i < verb.i
    )


def _takes(verb: Token, after: Token, lexicon: QuoteLexicon) -> bool:
    """The verb's own particle ("called on", "said of"), not a medium ("wrote on Twitter")."""
    particles = lexicon.noun_content_verbs.get(verb.lemma_.lower(), frozenset())
    if after.head != verb or after.dep_ not in ("prep", "prt") or after.lower_ not in particles:
        return False
    media = lexicon.medium_nouns.get(after.lower_, frozenset())
    return not any(c.dep_ == "pobj" and c.lemma_.lower() in media for c in after.children)


def _medium_end(after: Token, lexicon: QuoteLexicon) -> int | None:
    """Where a particle or a short medium phrase after the cue verb ends ("in a statement",
    "in an interview with CNN"); a clause on the medium noun is content, not cue."""
    if after.dep_ == "prt":
        return after.i + 1
    nouns = lexicon.medium_nouns.get(after.lower_) if after.dep_ == "prep" else None
    noun = next((c for c in after.children if c.dep_ == "pobj"), None) if nouns else None
    if noun is None or noun.lemma_.lower() not in (nouns or ()):
        return None
    if noun.lemma_.lower() not in _CUE_MEDIA:
        return None  # "said in a letter", "wrote on Twitter": the cue is the verb alone
    end = max([noun.i] + [c.right_edge.i for c in noun.rights if c.dep_ not in _CONTENT_DEPS]) + 1
    words = noun.doc[after.i : end]
    return end if len(words) < 8 and not any(t.is_quote for t in words) else None


def _is_cue_verb(token: Token, lexicon: QuoteLexicon) -> bool:
    """A verb that can attribute the direct quote next to it: a reporting verb or a speech tag."""
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lexicon.tag_verbs


def _speaker_outside(verb: Token, first: int, last: int) -> Token | None:
    subject = subject_of(verb, (first, last))
    if subject is None or first <= subject.i < last or subject.lower_ in _NO_SPEAKER:
        return None
    return subject


def _after_cue(doc: Doc, first: int, last: int, lexicon: QuoteLexicon) -> Candidate | None:
    """`"…," Logvinov told Interfax` / `"…," said Logvinov`: the clause right after the quote."""
    position = last
    while position < len(doc) and doc[position].is_punct and doc[position].text not in '"“':
        position += 1
    if position >= len(doc) or _breaks_paragraph(doc[position - 1]):
        return None
    opener = doc[position]
    if (
        _ends_sentence(doc, last)
        and opener.text[:1].isupper()
        and not _is_cue_verb(opener, lexicon)
    ):
        return None  # `"… now." He added, "…"`: a new sentence, the cue of the next quote
    for token in doc[position : min(len(doc), position + _WINDOW)]:
        if token.text in _SENTENCE_END or token.text in '"“”':
            return None
        if not _is_cue_verb(token, lexicon):
            continue
        subject = _speaker_outside(token, first, last)
        if subject is None and opener.i == token.i:
            subject = _inverted_subject(token)
        starts_here = opener.i == token.i or (
            subject is not None and mention_bounds(subject)[0] <= opener.i <= subject.i
        )
        introduces_next = token.i + 1 < len(doc) and doc[token.i + 1].text == ":"
        if subject is not None and starts_here and not introduces_next:
            return Candidate("direct", 0, 0, token.i, token.i + 1, token.i, subject.i)
        return None  # `"…." Zahed said: "…"` introduces the next quote, not this one
    return None


def _ends_sentence(doc: Doc, last: int) -> bool:
    """Whether the quote ending before token `last` closes with a full stop (`… now."`)."""
    return last >= 2 and doc[last - 2].text == "." and doc[last - 1].text in _CLOSING_MARKS


def _inverted_subject(verb: Token) -> Token | None:
    """ "…," added a state senator: after a quote the parser often takes the speaker that
    follows the verb for its object."""
    return next(
        (c for c in verb.rights if c.dep_ in _INVERTED and c.pos_ in _NOMINAL and c.lower_ != "it"),
        None,
    )


def _before_cue(doc: Doc, first: int, lexicon: QuoteLexicon) -> Candidate | None:
    """`Logvinov said: "…"` / `He added, “…”`: a cue clause ending in `:` or `,` before the quote."""
    position = first - 1
    while position >= 0 and doc[position].is_space:
        position -= 1
    if position < 0 or (
        doc[position].text not in (":", ",") and not _is_cue_verb(doc[position], lexicon)
    ):
        return None
    if doc[position].text == "," and _breaks_paragraph(doc[position]):
        return None
    for token in reversed(doc[max(0, position - _WINDOW) : position + 1]):
        if token.text in _SENTENCE_END or token.text in '"”“':
            break
        if _is_cue_verb(token, lexicon):
            subject = _speaker_outside(token, first, first)
            if subject is None or (subject.i > token.i and subject.i >= position):
                return None
            return Candidate("direct", 0, 0, token.i, token.i + 1, token.i, subject.i)
    return _colon_clause(doc, position, first)


def _colon_clause(doc: Doc, colon: int, first: int) -> Candidate | None:
    """`Clinton has since apologized: "…"`: a clause with a subject that a colon ties to the
    quote attributes it even without a reporting verb; the cue runs from its verb to the colon."""
    if doc[colon].text != ":" or colon == 0:
        return None
    verb = doc[colon - 1]
    while verb.head != verb and verb.head.i < colon and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    subject = _speaker_outside(verb, first, first) if verb.pos_ in ("VERB", "AUX") else None
    if subject is None or subject.i > verb.i:
        return None
    return Candidate("direct", 0, 0, verb.i, colon + 1, verb.i, subject.i)


def _clause_like(doc: Doc, text: str, stretch: Stretch, first: int) -> bool:
    """A quote that is a sentence or clause of its own, not a few scare-quoted words."""
    inner = text[stretch.start + 1 : stretch.end - 1].rstrip("'")
    previous = doc[first - 1] if first > 0 else None
    at_start = previous is None or previous.text in (":", ",", ".") or previous.is_space
    return bool(inner) and (inner[-1] in _CLOSING_PUNCT or (at_start and len(inner.split()) >= 4))


def direct_candidates(
    doc: Doc, text: str, stretches: tuple[Stretch, ...], lexicon: QuoteLexicon
) -> Iterator[Candidate]:
    """One candidate per quoted stretch that has a cue next to it (split quotes come merged)."""
    previous: Candidate | None = None
    for stretch in stretches:
        span = doc.char_span(stretch.start, stretch.end, alignment_mode="expand")
        if span is None or not _clause_like(doc, text, stretch, span.start):
            continue
        found = _after_cue(doc, span.start, span.end, lexicon) or _before_cue(
            doc, span.start, lexicon
        )
        if previous is not None and _continues(doc, previous, found, span):
            previous = replace(previous, content_end=stretch.end)
            continue
        if previous is not None:
            yield previous
        previous = None
        if found is not None:
            start = _lead_in(doc, span, found)
            kind = "direct" if start == stretch.start else "mixed"
            previous = replace(found, type=kind, content_start=start, content_end=stretch.end)
    if previous is not None:
        yield previous


def _lead_in(doc: Doc, span: Span, found: Candidate) -> int:
    """Where the content starts: at the quote, or at the clause that runs into it (`Its job
    is "really a mix of things," he said`: the speaker's sentence, partly quoted)."""
    first = span.start
    if found.verb is None or found.verb < first or first == 0:
        return doc[first].idx
    if doc[first - 1].is_punct or doc[first - 1].is_space or doc[first].is_sent_start:
        return doc[first].idx
    start = first - 1
    while start > 0 and not doc[start].is_sent_start:  # `Token.sent` would walk the whole Doc
        start -= 1
    return doc[start].idx


def _continues(doc: Doc, previous: Candidate, found: Candidate | None, span: Span) -> bool:
    """`"X," he said, "Y."`: the second part shares the first one's cue, or follows its cue
    clause with no cue of its own in the same paragraph."""
    if found is not None:
        return found.verb == previous.verb
    assert previous.verb is not None
    if _next_paragraph(doc, previous, span):
        return True
    if doc[previous.verb].idx < previous.content_start:
        return False
    between = doc[previous.verb : span.start]
    ends = sum(t.text in _SENTENCE_END for t in between)
    return len(between) < _WINDOW and ends <= 1 and not any(_breaks_paragraph(t) for t in between)


def _next_paragraph(doc: Doc, previous: Candidate, span: Span) -> bool:
    """`"X," he said. ¶ "Y."`: a paragraph that opens with a quote and has no cue of its own
    goes on with the direct quote that ended the paragraph before (news style: the speaker is
    named once, and each new paragraph reopens the quote)."""
    if previous.type != "direct" or span.start == 0 or not _breaks_paragraph(doc[span.start - 1]):
        return False
    assert previous.verb is not None
    end = doc.char_span(previous.content_end - 1, previous.content_end, alignment_mode="expand")
    last = max(previous.verb, end.end - 1 if end is not None else previous.verb)
    between = doc[last + 1 : span.start]
    breaks = sum(_breaks_paragraph(t) for t in between)
    ends = sum(t.text in _SENTENCE_END for t in between)
    return breaks == 1 and ends <= 1 and len(between) < _WINDOW
