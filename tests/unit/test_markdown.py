from datetime import date

import pytest

from brinkwatch.ingest.markdown import block_to_text, parse_markdown, strip_inline

ARTICLE = """
# Envoys Trade Warnings Over Disputed Reef

By [Harbor Ledger](https://harbor.example/)

October 4, 2026

**MANILA**

The Philippines on *Saturday* accused China of **ramming** a supply boat near the
[Second Thomas Shoal](https://en.example/wiki/shoal).

"We will not back down," the minister told [Pacific Wire](#).

Original url:

<https://harbor.example/2026/10/04/envoys-trade-warnings>
"""


def test_seed_layout_metadata_goes_to_fields():
    parsed = parse_markdown(ARTICLE)
    assert parsed.title == "Envoys Trade Warnings Over Disputed Reef"
    assert parsed.outlet == "Harbor Ledger"
    assert parsed.published == date(2026, 10, 4)
    assert parsed.dateline == "MANILA"
    assert parsed.url == "https://harbor.example/2026/10/04/envoys-trade-warnings"


def test_body_is_plain_text_paragraphs():
    parsed = parse_markdown(ARTICLE)
    assert parsed.text == (
        "The Philippines on Saturday accused China of ramming a supply boat near the "
        "Second Thomas Shoal.\n\n"
        '"We will not back down," the minister told Pacific Wire.'
    )
    for syntax in ("](", "**", "<http", "# "):
        assert syntax not in parsed.text


def test_url_on_the_same_line():
    parsed = parse_markdown("Body text here.\n\nOriginal url: <https://x.example/a>\n")
    assert parsed.url == "https://x.example/a"
    assert parsed.text == "Body text here."


def test_repeated_outlet_is_not_a_dateline():
    parsed = parse_markdown("# T\n\nBy [The  Daily](#)\n\n**The Daily**\n\nBody.")
    assert parsed.outlet == "The Daily"
    assert parsed.dateline is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[words](http://a.example/b_(c))", "words"),
        ("![chart](img.png) Rates rose", " Rates rose"),
        ("`code` and __strong__ and _em_", "code and strong and em"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        (r"an escaped \*star\*", "an escaped *star*"),
        ("~~gone~~ kept", "gone kept"),
        ("<b>bold</b> tag", "bold tag"),
    ],
)
def test_strip_inline(source, expected):
    assert strip_inline(source) == expected


def test_block_to_text_joins_wrapped_lines_and_drops_prefixes():
    assert block_to_text("> quoted line\n> continues") == "quoted line continues"
    assert block_to_text("- first item\n- second") == "first item second"
    assert block_to_text("## Sub heading") == "Sub heading"
