"""Readers: every input kind, and every bad input becomes a failure record while the rest go on."""

import io
import json
from datetime import date

import pytest

from brinkwatch.ingest import read_inputs, read_path
from brinkwatch.records import Document, Failure

PAGE = """<!doctype html><html><head><title>Coast guards clash - Harbor Ledger</title>
<meta property="og:site_name" content="Harbor Ledger">
<meta property="article:published_time" content="2026-10-03">
<link rel="canonical" href="https://harbor.example/2026/10/03/clash"></head>
<body><nav>Home | World</nav><article><h1>Coast guards clash near the shoal</h1>
<p>Chinese and Philippine coast guard vessels collided near the disputed shoal on Friday,
officials in Manila said, in the most serious incident this year.</p>
<p>Beijing said the Philippine boat had entered its waters without permission and that its
crew acted in accordance with the law.</p></article><footer>Contact us</footer></body></html>"""


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def records(*paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def test_txt_is_read_verbatim_with_content_hash_id(tmp_path):
    path = write(tmp_path, "a.txt", "Seoul protested.\r\n\r\nTokyo agreed.")
    [doc] = records(path)
    assert isinstance(doc, Document)
    assert doc.text == "Seoul protested.\n\nTokyo agreed."
    assert len(doc.id) == 16
    assert doc.id == records(write(tmp_path, "copy.txt", "Seoul protested.\n\nTokyo agreed."))[0].id


def test_html_extracts_main_text_and_metadata(tmp_path):
    [doc] = records(write(tmp_path, "p.html", PAGE))
    assert isinstance(doc, Document)
    assert doc.published == date(2026, 10, 3)
    assert doc.outlet == "Harbor Ledger"
    assert doc.url == "https://harbor.example/2026/10/03/clash"
    assert doc.text.startswith("Chinese and Philippine coast guard vessels")
    assert "\n\nBeijing said" in doc.text
    assert "Contact us" not in doc.text and "Home | World" not in doc.text


def test_jsonl_keeps_text_exactly_and_reads_metadata(tmp_path):
    line = {
        "id": "x1",
        "text": "  Seoul\r\nprotested.  ",
        "title": "T",
        "published": "2026-10-02T08:00:00Z",
    }
    [doc] = records(write(tmp_path, "a.jsonl", json.dumps(line) + "\n\n"))
    assert doc.id == "x1" and doc.text == "  Seoul\r\nprotested.  "
    assert doc.title == "T" and doc.published == date(2026, 10, 2)
    assert doc.origin.line == 1


def test_folder_is_read_recursively_in_order_skipping_hidden(tmp_path):
    write(tmp_path, "b.txt", "Second.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.md", "# Title\n\nFirst.")
    write(tmp_path, ".hidden.txt", "never")
    got = records(tmp_path)
    assert [r.text for r in got] == ["Second.", "First."]


def test_stdin_dash_reads_jsonl():
    stream = io.BytesIO(b'{"id": "s1", "text": "From stdin."}\n')
    [doc] = list(read_inputs(["-"], stdin=stream))
    assert doc.id == "s1"


BAD_INPUTS = [
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\n  ", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
    ("latin1.txt", "Caf\u00e9 in Manila".encode("latin-1"), "undecodable"),
    ("broken.html", b"<html><body><div><<<>>></div", "bad_html"),
    (
        "script.html",
        b"<html><head><title>x</title></head><body><script>var a=1;</script>",
        "bad_html",
    ),
    ("image.png", b"not really", "unsupported_format"),
]


@pytest.mark.parametrize(("name", "data", "code"), BAD_INPUTS)
def test_bad_file_becomes_failure_and_batch_goes_on(tmp_path, name, data, code):
    bad = write(tmp_path, name, data)
    good = write(tmp_path, "good.txt", "Manila protested.")
    got = records(bad, good)
    assert isinstance(got[0], Failure)
    assert got[0].error.code == code
    assert got[0].id == str(bad) and got[0].error.message
    assert isinstance(got[1], Document) and got[1].text == "Manila protested."


def test_huge_article_is_refused_without_reading_it(tmp_path):
    big = write(tmp_path, "big.txt", b"a " * 10_500_000)  # ~20 MB
    [failure] = records(big)
    assert failure.error.code == "too_large"
    assert "21,000,000 bytes" in failure.error.message


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("{not json", "bad_json"),
        ('["a list"]', "bad_json"),
        ('{"id": "n1", "title": "no text"}', "missing_text"),
        ('{"id": "n2", "text": 42}', "missing_text"),
        ('{"id": "n3", "text": "   "}', "empty"),
        ('{"id": "d1", "text": "Body.", "published": "last Tuesday"}', "bad_date"),
        ('{"id": "d2", "text": "Body.", "published": 20261002}', "bad_json"),
        ('{"id": "t1", "text": "Body.", "title": ["x"]}', "bad_json"),
    ],
)
def test_bad_jsonl_line_is_a_failure_and_next_line_comes_out(tmp_path, line, code):
    path = write(tmp_path, "mixed.jsonl", line + '\n{"id": "ok", "text": "Fine."}\n')
    failure, doc = records(path)
    assert isinstance(failure, Failure) and failure.error.code == code
    assert failure.origin.line == 1
    assert doc.id == "ok"


def test_failure_id_prefers_the_line_id(tmp_path):
    path = write(tmp_path, "a.jsonl", '{"id": "d1", "text": "B.", "published": "soon"}\n{bad\n')
    first, second = records(path)
    assert first.id == "d1"
    assert second.id == f"{path}:2"


def test_missing_path_is_a_failure(tmp_path):
    [failure] = list(read_path(tmp_path / "nope.md"))
    assert failure.error.code == "unreadable"
