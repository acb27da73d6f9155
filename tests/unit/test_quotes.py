"""Quotes: marks, direct/mixed/indirect attribution, speaker, medium, addressee and date.

Every passage here is written for these tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from brinkwatch.errors import DataFileError
from brinkwatch.nlp.quote_finders import direct_candidates, subject_of
from brinkwatch.nlp.quote_lexicon import load_lexicon
from brinkwatch.nlp.quote_marks import find_quote_marks
from brinkwatch.process import code
from brinkwatch.records import Article, Quote
from tests.schema_check import assert_valid

PUBLISHED = date(2024, 5, 12)  # a Sunday


def _code(text: str, settings) -> Article:  # type: ignore[no-untyped-def]
    return code(text, published=PUBLISHED, settings=settings)


def _only(article: Article, kind: str | None = None) -> Quote:
    quotes = [q for q in article.quotes if kind is None or q.type == kind]
    assert len(quotes) == 1, [(q.type, q.content.text) for q in article.quotes]
    return quotes[0]


# --- quotation marks on the character level ---------------------------------------------


def _quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_marks(text).stretches]


def test_marks_pair_curly_and_straight_quotes_and_skip_apostrophes() -> None:
    text = "Kyiv's envoy said “we are ready,” and Ankara's \"we agree.\" Sanders' aide left."
    assert _quoted(text) == ["“we are ready,”", '"we agree."']


def test_marks_join_a_quote_that_opens_every_paragraph() -> None:
    text = "“First paragraph of it.\n\n“Second and last,” she said.\n\nNext story."
    assert _quoted(text) == ["“First paragraph of it.\n\n“Second and last,”"]


def test_marks_keep_nested_single_quotes_inside_the_double_quote() -> None:
    text = "He said: \"They call it a 'special operation' and nothing else.\""
    assert _quoted(text) == ["\"They call it a 'special operation' and nothing else.\""]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('He said "this never ends.\n\nA new paragraph.', "paragraph"),
        ("It ended. ” Then nothing.", "without opening"),
        ("“Open “and open again.”", "opened again"),
    ],
)
def test_marks_record_unbalanced_marks(text: str, reason: str) -> None:
    marks = find_quote_marks(text)
    assert marks.unbalanced and reason in marks.unbalanced[0].reason


# --- direct quotes ------------------------------------------------------------------------


def test_direct_quote_with_speaker_after_and_medium(settings) -> None:  # type: ignore[no-untyped-def]
    text = '"We will not accept any ultimatum," Deputy Foreign Minister Oleg Varin told Interfax.'
    quote = _only(_code(text, settings))
    assert quote.type == "direct"
    assert quote.content.text == '"We will not accept any ultimatum,"'
    assert quote.cue is not None and quote.cue.text == "told"
    assert quote.speaker is not None and quote.speaker.text.endswith("Oleg Varin")
    assert quote.medium is not None and quote.medium.text == "Interfax"
    assert quote.addressee is None


def test_colon_introduced_quote_spans_sentences(settings) -> None:  # type: ignore[no-untyped-def]
    text = 'Asked about the talks, Varin said: "Nothing has changed. We remain ready to talk."'
    quote = _only(_code(text, settings), "direct")
    assert quote.content.text == '"Nothing has changed. We remain ready to talk."'
    assert quote.cue is not None and quote.cue.text == "said:"
    assert quote.speaker is not None and quote.speaker.text == "Varin"


def test_split_quote_is_one_quote(settings) -> None:  # type: ignore[no-untyped-def]
    text = '"The talks are over," the spokesman said, "and the border stays closed."'
    quote = _only(_code(text, settings), "direct")
    assert quote.content.start == 0 and quote.content.end == len(text)
    assert quote.speaker is not None and quote.speaker.text == "the spokesman"


def test_quote_over_two_paragraphs(settings) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“Our troops will stay where they are.\n\n"
        "“Nobody should doubt it,” the defence minister told reporters."
    )
    quote = _only(_code(text, settings), "direct")
    assert quote.content.text.startswith("“Our troops") and quote.content.text.endswith(
        "doubt it,”"
    )
    assert quote.addressee is not None and quote.addressee.text == "reporters"


def test_a_quoted_paragraph_without_a_cue_goes_on_with_the_last_speaker(settings) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The bridge will reopen on Monday,” the governor said.\n\n"
        "“We owe it to the people who cross it every day.”\n\n"
        "Engineers inspected the bridge last week."
    )
    quote = _only(_code(text, settings), "direct")
    assert quote.content.text.startswith("“The bridge") and quote.content.text.endswith("day.”")
    assert quote.speaker is not None and quote.speaker.text == "the governor"


def test_a_quoted_paragraph_after_an_unquoted_one_is_not_joined(settings) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The bridge will reopen on Monday,” the governor said.\n\n"
        "Engineers inspected it last week.\n\n"
        "“It is safe,” the chief engineer said."
    )
    contents = [q.content.text for q in _code(text, settings).quotes if q.type == "direct"]
    assert contents == ["“The bridge will reopen on Monday,”", "“It is safe,”"]


def test_a_speech_tag_cues_only_the_quote_next_to_it(settings) -> None:  # type: ignore[no-untyped-def]
    quote = _only(_code("“We will not back down,” the senator continued.", settings), "direct")
    assert quote.cue is not None and quote.cue.text == "continued"
    assert _code("The senator continued her tour of the border on Monday.", settings).quotes == ()


def test_a_decision_with_an_infinitive_is_the_holder_s_stance(settings) -> None:  # type: ignore[no-untyped-def]
    quote = _only(_code("The city council voted to close the coal plant.", settings))
    assert quote.cue is not None and quote.cue.text == "voted"
    assert quote.content.text == "to close the coal plant"
    assert quote.speaker is not None and quote.speaker.text == "The city council"


def test_a_relative_clause_cue_has_its_own_content_and_a_time_is_no_topic(settings) -> None:  # type: ignore[no-untyped-def]
    article = _code(
        "The mayor, who has often complained about the budget, spoke on Monday.", settings
    )
    quote = _only(article)
    assert quote.cue is not None and quote.cue.text == "has often complained about"
    assert quote.content.text == "the budget"


def test_an_infinitive_cue_under_a_verb_that_is_no_cue(settings) -> None:  # type: ignore[no-untyped-def]
    quote = _only(_code("He went on to call the senator “a coward.”", settings))
    assert quote.cue is not None and quote.cue.text == "went on to call"
    assert quote.content.text.startswith("the senator")
    assert len(_code("Officials want to back the plan.", settings).quotes) == 1


def test_a_passive_cue_with_an_agent_has_the_agent_for_speaker(settings) -> None:  # type: ignore[no-untyped-def]
    quote = _only(_code("The ceasefire plan was criticized by the opposition on Monday.", settings))
    assert quote.cue is not None and quote.cue.text == "was criticized"
    assert quote.speaker is not None and quote.speaker.text == "the opposition"
    assert quote.content.text == "The ceasefire plan"
    assert _code("The bridge was built by army engineers.", settings).quotes == ()


def test_a_quote_ending_a_sentence_is_not_the_next_sentence_s() -> None:
    # a parse that missed the boundary after `now."` (as the small model does in some
    # articles): "He added" must not take the first quote, which ends its own sentence
    words = ["Reid", "called", "it", '"', "over", "now", ".", '"', "He", "added", ",", '"', "We",
             "won", ".", '"']  # fmt: skip
    spaces = [True, True, True, False, True, False, False, True, True, False, True, False, True,
              False, False, False]  # fmt: skip
    heads = [1, 1, 1, 1, 1, 4, 1, 1, 9, 1, 9, 9, 13, 9, 9, 9]
    deps = ["nsubj", "ROOT", "dobj", "punct", "oprd", "advmod", "punct", "punct", "nsubj",
            "conj", "punct", "punct", "nsubj", "ccomp", "punct", "punct"]  # fmt: skip
    pos = ["PROPN", "VERB", "PRON", "PUNCT", "ADP", "ADV", "PUNCT", "PUNCT", "PRON", "VERB",
           "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT", "PUNCT"]  # fmt: skip
    lemmas = [w.lower() for w in words]
    lemmas[1], lemmas[9], lemmas[13] = "call", "add", "win"
    doc = Doc(Vocab(), words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    stretches = find_quote_marks(doc.text).stretches
    found = list(direct_candidates(doc, doc.text, stretches, load_lexicon()))
    assert [(doc.text[c.content_start : c.content_end], c.verb) for c in found] == [
        ('"We won."', 9)
    ]


def test_nested_attributions_and_two_speakers_in_one_sentence(settings) -> None:  # type: ignore[no-untyped-def]
    nested = _code("The mediators said both sides want to exchange prisoners.", settings)
    assert [q.cue.text for q in nested.quotes if q.cue] == ["said"]
    stance = _code("Both sides agreed to a ceasefire, according to the mediators.", settings)
    assert [q.cue.text for q in stance.quotes if q.cue] == ["according to"]
    two = _code(
        "Rubio said that the plan will fail, while Cruz said that it is too late.", settings
    )
    assert [(q.speaker.text, q.content.text) for q in two.quotes if q.speaker] == [
        ("Rubio", "that the plan will fail"),
        ("Cruz", "that it is too late"),
    ]


def test_according_to_an_outlet_is_the_medium_of_the_statement_it_carries(settings) -> None:  # type: ignore[no-untyped-def]
    text = "North Korea said it would retaliate, according to the state news agency KCNA."
    quote = _only(_code(text, settings))
    assert quote.speaker is not None and quote.speaker.text == "North Korea"
    assert quote.medium is not None and quote.medium.text == "state news agency KCNA"
    assert quote.content.text == "it would retaliate"


def test_belief_verb_inside_a_quote_is_not_a_quote_of_its_own(settings) -> None:  # type: ignore[no-untyped-def]
    article = _code('"I think the ceasefire will hold," the mediator said.', settings)
    assert [q.cue.text for q in article.quotes if q.cue] == ["said"]


def test_no_cue_inside_quotation_marks(settings) -> None:  # type: ignore[no-untyped-def]
    text = '"They say the siege is over, but nobody believes them," the mayor said.'
    assert [q.cue.text for q in _code(text, settings).quotes if q.cue] == ["said"]


def test_cue_with_a_colon_introduces_the_next_quote_not_the_last(settings) -> None:  # type: ignore[no-untyped-def]
    text = '"We are tired." Mr. Amadi said: "We want to go home."'
    quotes = _code(text, settings).quotes
    attributed = [(q.content.text, q.speaker.text if q.speaker else None) for q in quotes]
    assert attributed == [('"We want to go home."', "Mr. Amadi")]


def test_partly_quoted_sentence_keeps_its_lead_in(settings) -> None:  # type: ignore[no-untyped-def]
    text = 'The new levy is "a tax on every family that drives," the mayor said.'
    quote = _only(_code(text, settings))
    assert quote.type == "mixed"
    assert quote.content.text == 'The new levy is "a tax on every family that drives,"'


def test_colon_after_a_clause_without_reporting_verb(settings) -> None:  # type: ignore[no-untyped-def]
    text = 'The governor has since apologized: "I made a mistake and I regret it."'
    quote = _only(_code(text, settings), "direct")
    assert quote.cue is not None and quote.cue.text == "has since apologized:"
    assert quote.speaker is not None and quote.speaker.text == "The governor"


def test_unbalanced_mark_is_skipped_and_recorded(settings) -> None:  # type: ignore[no-untyped-def]
    article = _code('The envoy said "this will never end.\n\nTalks resume on Monday.', settings)
    assert all(q.type != "direct" for q in article.quotes)
    assert any(e.code == "quote_unbalanced" for e in article.errors)


# --- indirect and mixed quotes ------------------------------------------------------------


def test_indirect_that_clause_with_speaker_country_and_date(settings) -> None:  # type: ignore[no-untyped-def]
    quote = _only(
        _code("Russia warned on Friday that the exercises were raising tension.", settings)
    )
    assert quote.type == "indirect"
    assert quote.content.text == "that the exercises were raising tension"
    assert quote.cue is not None and quote.cue.text == "warned"
    assert quote.speaker is not None and quote.speaker.country == "RUS"
    assert quote.date == "2024-05-10" and quote.date_text == "Friday"


def test_mixed_quote_keeps_the_whole_clause(settings) -> None:  # type: ignore[no-untyped-def]
    text = 'North Korea said it would treat the drills as "a declaration of war".'
    quote = _only(_code(text, settings))
    assert quote.type == "mixed"
    assert (
        quote.content.text.startswith("it would treat")
        and '"a declaration of war"' in quote.content.text
    )
    assert quote.speaker is not None and quote.speaker.country == "PRK"


def test_speech_act_with_noun_content(settings) -> None:  # type: ignore[no-untyped-def]
    article = _code(
        "China urged restraint on Saturday. The European Union called for talks.", settings
    )
    urged, called = article.quotes
    assert (urged.cue and urged.cue.text, urged.content.text) == ("urged", "restraint")
    assert urged.speaker is not None and urged.speaker.country == "CHN"
    assert urged.date == "2024-05-11"
    assert (called.cue and called.cue.text, called.content.text) == ("called for", "talks")


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The mayor has said the bridge will reopen in May.", "has said", "the bridge will"),
        ("The union pointed out that wages had not risen.", "pointed out", "that wages"),
        ("The ministry said in a statement that the border was open.", "said in a statement",
         "that the border"),
        ("The committee has called on the company to recall the cars.", "has called on",
         "the company"),
    ],
)  # fmt: skip
def test_cue_words_follow_the_attribution_convention(
    settings, text: str, cue: str, content: str
) -> None:  # type: ignore[no-untyped-def]
    quote = _only(_code(text, settings))
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.content.text.startswith(content)


def test_parenthetical_cue_attributes_the_sentence_around_it(settings) -> None:  # type: ignore[no-untyped-def]
    article = _code(
        "The new plan, the minister said, would cut waiting times by half.\n\n"
        "Prices will keep rising for a year, said Anna Berg, an economist at the bank.",
        settings,
    )
    first, second = article.quotes
    assert first.content.text == "The new plan, the minister said, would cut waiting times by half"
    assert first.speaker is not None and first.speaker.text == "the minister"
    assert second.content.text == "Prices will keep rising for a year"
    assert second.speaker is not None and second.speaker.text.startswith("Anna Berg")


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The senator backed the proposal on Tuesday.", "backed", "the proposal"),
        ("The mayor described the report as misleading.", "described",
         "the report as misleading"),
        ("The company declined to comment.", "declined", "to comment"),
        ("The governor accused the agency of hiding the data.", "accused",
         "the agency of hiding the data"),
        ("The senator balked at the price of the deal.", "balked at", "the price of the deal"),
        ("The minister sided with the farmers.", "sided with", "the farmers"),
    ],
)  # fmt: skip
def test_stances_and_speech_acts_with_object_content(
    settings, text: str, cue: str, content: str
) -> None:  # type: ignore[no-untyped-def]
    quote = _only(_code(text, settings))
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.content.text == content
    assert quote.speaker is not None


def test_participle_cues_take_the_noun_or_the_issuer_as_speaker(settings) -> None:  # type: ignore[no-untyped-def]
    text = (
        "New polls showing a tight race unsettled the campaign.\n\n"
        "The ministry released a statement saying the talks would resume."
    )
    polls, ministry = _code(text, settings).quotes
    assert polls.speaker is not None and polls.speaker.text == "New polls"
    assert polls.cue is not None and polls.cue.text == "showing"
    assert ministry.speaker is not None and ministry.speaker.text == "The ministry"
    assert ministry.cue is not None and ministry.cue.text == "released a statement saying"


def test_view_without_a_holder_has_no_speaker(settings) -> None:  # type: ignore[no-untyped-def]
    quote = _only(_code("The carmaker is expected to cut two thousand jobs.", settings))
    assert quote.speaker is None
    assert quote.cue is not None and quote.cue.text == "is expected"
    assert quote.content.text == "The carmaker is expected to cut two thousand jobs"


def test_cue_noun_with_a_that_clause(settings) -> None:  # type: ignore[no-untyped-def]
    article = _code("Nobody believed his claim that the ballots had been burned.", settings)
    claim = next(q for q in article.quotes if q.cue and q.cue.text == "claim")
    assert claim.content.text == "that the ballots had been burned"
    assert claim.speaker is not None and claim.speaker.text == "his"


def test_speaker_mention_keeps_its_bracket_and_a_past_participle(settings) -> None:  # type: ignore[no-untyped-def]
    article = _code(
        "Sen. Jo Reed (D-Ore.) said the vote was delayed.\n\n"
        "A report published on Monday found that the river was polluted.",
        settings,
    )
    reed, report = article.quotes
    assert reed.speaker is not None and reed.speaker.text == "Sen. Jo Reed (D-Ore.)"
    assert report.speaker is not None and report.speaker.text == "A report published on Monday"


def test_speaker_mention_stops_before_a_relative_clause_that_reports(settings) -> None:  # type: ignore[no-untyped-def]
    text = "Mara Voss, who said she had voted twice before, called the new rules unfair."
    quote = next(q for q in _code(text, settings).quotes if q.cue and q.cue.text == "called")
    assert quote.speaker is not None and quote.speaker.text == "Mara Voss"


def test_headline_speaker_stops_at_the_colon(settings) -> None:  # type: ignore[no-untyped-def]
    quote = _only(_code("Governor Hale: Bridge Repairs Will Finish by Spring", settings))
    assert quote.speaker is not None and quote.speaker.text == "Governor Hale"
    assert quote.cue is not None and quote.cue.text == ":"


def test_infinitive_cue_starts_at_the_verb_it_completes(settings) -> None:  # type: ignore[no-untyped-def]
    quote = _only(_code("The mayor is trying to show that the budget works.", settings))
    assert quote.cue is not None and quote.cue.text == "is trying to show"
    assert quote.content.text == "that the budget works"


def test_when_is_not_part_of_the_cue(settings) -> None:  # type: ignore[no-untyped-def]
    text = "When asked about the strike, the minister said that talks would resume."
    cues = [q.cue.text for q in _code(text, settings).quotes if q.cue]
    assert "When asked about" not in cues


def test_cue_keeps_a_manner_adverb_and_drops_a_letter(settings) -> None:  # type: ignore[no-untyped-def]
    text = "The senator said repeatedly that the bill was dead."
    quote = _only(_code(text, settings))
    assert quote.cue is not None and quote.cue.text == "said repeatedly"
    letter = _only(_code("The coach said on Twitter that the team would stay.", settings))
    assert letter.cue is not None and letter.cue.text == "said"


def test_light_verb_with_a_cue_noun(settings) -> None:  # type: ignore[no-untyped-def]
    text = "Several farmers voiced support for the new water plan."
    quote = _only(_code(text, settings))
    assert quote.cue is not None and quote.cue.text == "voiced support for"
    assert quote.content.text == "the new water plan"
    assert quote.speaker is not None and quote.speaker.text == "Several farmers"


def test_bare_cue_noun_with_a_preposition_is_not_a_quote(settings) -> None:  # type: ignore[no-untyped-def]
    text = "The criticism of the plan grew louder after the vote."
    assert not any(
        q.cue and q.cue.text.startswith("criticism") for q in _code(text, settings).quotes
    )


def test_according_to_names_the_source(settings) -> None:  # type: ignore[no-untyped-def]
    text = "According to the state news agency KCNA, the leader inspected a missile unit."
    quote = _only(_code(text, settings))
    assert quote.cue is not None and quote.cue.text == "According to"
    assert quote.speaker is not None and quote.speaker.text == "the state news agency KCNA"
    assert quote.content.text == "the leader inspected a missile unit"


@pytest.mark.parametrize(
    ("text", "medium", "addressee"),
    [
        ("The minister told reporters that the border would reopen.", None, "reporters"),
        ("The president said in an interview with CNN that sanctions would stay.", "CNN", None),
        (
            "The general said on state television that the drills were over.",
            "state television",
            None,
        ),
        ("The ministry said in a statement that two diplomats were expelled.", "statement", None),
        ("The senator said on Twitter that the vote was postponed.", "Twitter", None),
    ],
)
def test_medium_and_addressee(
    settings, text: str, medium: str | None, addressee: str | None
) -> None:  # type: ignore[no-untyped-def]
    quote = _only(_code(text, settings))
    assert (quote.medium.text if quote.medium else None) == medium
    assert (quote.addressee.text if quote.addressee else None) == addressee


def test_pronoun_speaker_takes_the_last_named_speaker(settings) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Foreign Minister Oleg Varin said the talks had failed.\n\n"
        '"We see no progress at all," he told reporters.'
    )
    first, second = _code(text, settings).quotes
    assert second.speaker is not None and second.speaker.text == "he"
    assert first.speaker is not None and first.speaker.name
    assert second.speaker.name == first.speaker.name


def test_quotes_are_valid_article_json(settings) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"We will respond," Varin told Interfax. Russia warned that the move was "reckless".\n\n'
        "According to Reuters, talks were cancelled."
    )
    article = _code(text, settings)
    assert len(article.quotes) == 3
    assert [q.id for q in article.quotes] == ["q1", "q2", "q3"]
    assert_valid(article.to_dict())


# --- the cue lexicon ----------------------------------------------------------------------


def test_shipped_lexicon_is_versioned_and_has_cues() -> None:
    lexicon = load_lexicon()
    assert lexicon.version and {"say", "tell", "warn"} <= lexicon.clause_verbs
    assert "for" in lexicon.noun_content_verbs["call"]
    assert {"of", "about"} <= lexicon.noun_content_verbs["talk"]  # a list of particles
    assert {"seem", "expect"} <= lexicon.raising_verbs and "claim" in lexicon.noun_cues


def test_subject_inside_the_quote_is_not_the_speaker() -> None:
    # the parser sometimes gives the cue verb two subjects: the quote's and the speaker's
    words = ["``", "Costs", "rise", ",", "''", "said", "Berg", "."]
    heads = [5, 5, 1, 5, 5, 5, 5, 5]
    deps = ["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "nsubj", "punct"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    said = doc[5]
    assert subject_of(said) is not None and subject_of(said).text == "Costs"  # type: ignore[union-attr]
    assert subject_of(said, (0, 5)) is not None and subject_of(said, (0, 5)).text == "Berg"  # type: ignore[union-attr]


def test_lexicon_errors_name_the_file(tmp_path: Path) -> None:
    unversioned = tmp_path / "a.yaml"
    unversioned.write_text("clause_verbs: [say]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="version"):
        load_lexicon(unversioned)
    malformed = tmp_path / "b.yaml"
    malformed.write_text("# version: 0.1.0\nclause_verbs: say\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="clause_verbs"):
        load_lexicon(malformed)


def test_speaker_after_the_verb_that_the_parser_takes_for_an_object(settings) -> None:  # type: ignore[no-untyped-def]
    text = "“We will rebuild the pier before summer,” added a harbour board member."
    quote = _only(_code(text, settings))
    assert quote.type == "direct"
    assert quote.speaker is not None and "harbour board member" in quote.speaker.text
