"""Inputs that used to stop a whole run: each now gives its record and the run goes on."""

import io
import json
import os
from pathlib import Path

import pytest

from brinkwatch.ingest.html import parse_html, tame_tags
from brinkwatch.ingest.jsonl import read_jsonl_lines
from brinkwatch.ingest.markdown import parse_markdown, strip_inline
from brinkwatch.ingest.readers import read_path
from brinkwatch.records import Document, Failure

GOOD = b'{"text": "Ministers met in the capital on Monday."}\n'


def _jsonl(*lines: bytes) -> list[Document | Failure]:
    return list(read_jsonl_lines(io.BytesIO(b"".join(lines)), name="in", max_bytes=10_000))


def _writable(record: Document | Failure) -> str:
    """The record as the CLI writes it; raises if it is not valid UTF-8 JSON."""
    payload = record.text if isinstance(record, Document) else record.error.message
    line = json.dumps({"id": record.id, "body": payload}, ensure_ascii=False)
    line.encode("utf-8")  # strict: a lone surrogate raises here
    return line


def test_lone_surrogate_in_jsonl_text_becomes_a_replacement_character():
    first, second = _jsonl(b'{"text": "Talks \\ud800 resumed.", "id": "\\udfff"}\n', GOOD)
    assert isinstance(first, Document) and first.text == "Talks \ufffd resumed."
    assert first.id == "\ufffd" and isinstance(second, Document)
    _writable(first)


def test_huge_number_and_deep_nesting_are_bad_json_and_the_next_line_is_read():
    huge = b'{"text": "x", "n": ' + b"9" * 5000 + b"}\n"
    deep = b"[" * 9_000 + b"\n"
    out = _jsonl(huge, deep, GOOD)
    assert [type(r).__name__ for r in out] == ["Failure", "Failure", "Document"]
    assert {r.error.code for r in out[:2] if isinstance(r, Failure)} == {"bad_json"}


def test_wrong_types_give_failures_not_exceptions():
    lines = [b'{"text": 5}\n', b'{"text": "a", "title": []}\n', b'{"text": "a", "published": 3}\n']
    lines += [b'"just a string"\n', b'{"text": "a", "id": true}\n', b'{"text": "a", "id": 1e400}\n']
    out = _jsonl(*lines)
    assert len(out) == 6 and all(isinstance(r, Document | Failure) for r in out)
    assert out[4].id != "True"  # a boolean is not an id


def test_a_line_over_the_limit_is_skipped_without_reading_it_whole():
    long_line = b'{"text": "' + b"a" * 50_000 + b'"}\n'
    out = list(read_jsonl_lines(io.BytesIO(long_line + GOOD), name="in", max_bytes=1_000))
    assert isinstance(out[0], Failure) and out[0].error.code == "too_large"
    assert isinstance(out[1], Document) and out[1].origin.line == 2


def test_file_name_that_is_not_utf8_is_written_with_escapes(tmp_path: Path):
    folder = os.fsencode(tmp_path)
    with open(folder + b"/caf\xe9 news.txt", "wb") as handle:
        handle.write(b"Ministers met in the capital on Monday.")
    [record] = list(read_path(tmp_path))
    assert isinstance(record, Document)
    assert record.origin.path.endswith("caf\\xe9 news.txt")
    json.dumps(record.origin.path, ensure_ascii=False).encode("utf-8")


def test_odd_entries_in_a_folder_each_give_a_record(tmp_path: Path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "dir.txt").mkdir()
    (tmp_path / "dir.txt" / "inner.txt").write_text("Envoys met on Monday.")
    (tmp_path / "self").symlink_to(tmp_path)  # a folder link loop: given, never followed
    os.mkfifo(tmp_path / "pipe.txt")  # reading would block forever
    (tmp_path / " lead.txt").write_text("Talks resumed.")
    (tmp_path / "two.md.txt").write_text("Talks ended.")
    (tmp_path / "line\nbreak.txt").write_text("Talks stalled.")
    records = list(read_path(tmp_path))
    by_name = {Path(r.origin.path).name: r for r in records}
    assert len(records) == 7
    for name in ("loop.txt", "self", "pipe.txt"):
        assert isinstance(by_name[name], Failure), name
    for name in ("inner.txt", " lead.txt", "two.md.txt", "line\nbreak.txt"):
        assert isinstance(by_name[name], Document), name


@pytest.mark.parametrize(
    "source",
    [
        "*" * 100_000 + "a" + "_" * 50_000,
        "**a " * 30_000,
        "[" * 100_000,
        "[a](" * 50_000,
        "![" * 100_000,
        "`" * 100_000 + "a",
        "<http:" * 50_000,
        "---\n" + "title: *x_\n" * 20_000,
        "- " * 100_000,
    ],
)
def test_markdown_hostile_inputs_parse(source):
    parsed = parse_markdown(source)
    assert isinstance(parsed.text, str)


def test_emphasis_markers_go_and_text_marks_stay():
    assert strip_inline("a *b* c **d** _e_ f__g h") == "a b c d e f__g h"
    assert strip_inline("x * y and a_b_c") == "x * y and a_b_c"
    assert strip_inline("line<br/>break") == "linebreak"


def test_html_tag_with_thousands_of_attributes_loses_them():
    attrs = " ".join(f'a{i}="x"' for i in range(20_000))
    html = (
        f"<html><body><div {attrs}><p>Envoys met in the capital on Monday.</p></div></body></html>"
    )
    assert tame_tags(html).startswith("<html><body><div><p>")
    assert "Envoys met" in parse_html(html).text
