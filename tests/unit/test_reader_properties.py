"""Properties of the readers on untrusted input: they never raise, never drop an input."""

import io
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brinkwatch.ingest.jsonl import read_jsonl_lines
from brinkwatch.ingest.markdown import parse_markdown, strip_inline
from brinkwatch.ingest.readers import read_file, read_path
from brinkwatch.nlp.pipeline import paragraphs
from brinkwatch.records import Document, Failure

SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".jsonl", ".bin"])
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(data=st.binary(max_size=2000), suffix=SUFFIXES)
def test_any_bytes_in_any_file_give_records_not_exceptions(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        out = list(read_file(path, max_bytes=1500))
    assert all(isinstance(r, Document | Failure) for r in out)
    if suffix != ".jsonl":
        assert len(out) == 1  # one file, one record: nothing silently dropped
    for r in out:
        if isinstance(r, Document):
            assert r.text.strip() and r.id


@FAST
@given(lines=st.lists(st.binary(max_size=200), max_size=8))
def test_jsonl_gives_one_record_per_non_blank_line(lines):
    lines = [line.replace(b"\n", b" ") + b"\n" for line in lines]
    out = list(read_jsonl_lines(io.BytesIO(b"".join(lines)), name="s", max_bytes=10_000))
    assert len(out) == sum(1 for line in lines if line.strip())


@FAST
@given(text=st.text(max_size=600))
def test_markdown_parser_accepts_any_text(text):
    parsed = parse_markdown(text)
    assert "\r" not in parsed.text or "\r" in text
    assert isinstance(strip_inline(text), str)


@FAST
@given(
    text=st.text(alphabet=st.sampled_from("ab .\n\t\r"), max_size=400),
    limit=st.integers(1000, 1200),
)
def test_paragraph_chunks_cover_the_text_exactly(text, limit):
    chunks = paragraphs(text, max_chars=limit)
    assert "".join(chunks) == text
    assert all(chunks) and all(len(c) <= limit for c in chunks)


def test_long_paragraph_is_cut_below_the_limit():
    text = ("word " * 1000).strip()
    chunks = paragraphs(text, max_chars=1000)
    assert "".join(chunks) == text and max(map(len, chunks)) <= 1000 and len(chunks) > 4


ODD = st.sampled_from(["\ud800", "\udc80", "\x00", "\x1b", "\u2028", "\ufeff", "\U0010ffff"])
ANY_TEXT = st.text(alphabet=st.one_of(st.characters(), ODD), max_size=300)


def _writable(record: Document | Failure) -> None:
    import json

    json.dumps(record.to_dict() if isinstance(record, Failure) else record.text).encode("utf-8")
    json.dumps(record.origin.path if record.origin else "", ensure_ascii=False).encode("utf-8")
    if isinstance(record, Document):
        record.text.encode("utf-8")  # strict: no lone surrogate survives a reader


@FAST
@given(text=ANY_TEXT)
def test_any_str_in_a_jsonl_line_gives_one_writable_record(text):
    import json

    line = json.dumps({"text": text, "title": text, "id": text}).encode("ascii") + b"\n"
    [record] = list(read_jsonl_lines(io.BytesIO(line), name="s", max_bytes=10_000))
    _writable(record)


@FAST
@given(text=ANY_TEXT, suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_any_str_in_a_file_gives_one_writable_record(text, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        out = list(read_file(path, max_bytes=10_000))
    assert len(out) == 1
    _writable(out[0])


@FAST
@given(name=st.binary(min_size=1, max_size=40))
def test_any_file_name_gives_one_writable_record(name):
    name = name.replace(b"/", b"_").replace(b"\x00", b"_")
    if name in (b".", b".."):
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = os.fsencode(tmp) + b"/" + name
        with open(path, "wb") as handle:
            handle.write(b"Envoys met on Monday.")
        out = list(read_path(Path(os.fsdecode(path))))
    assert len(out) == 1
    _writable(out[0])
