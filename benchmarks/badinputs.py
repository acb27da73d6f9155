"""A deterministic corpus of hostile inputs: every kind of file a crawler, a user or an attacker
might hand `brinkwatch code`, `ingest` or `watch`.

    python benchmarks/badinputs.py DIR [--cases 10000] [--seed 18] [--small]

writes DIR/NNNNN/<entry> (one case per folder, so records can be traced to their case) and
DIR/manifest.jsonl (kind, entry name, how many records the case must give at least).
`benchmarks/badinputs_run.py` codes them and reports crashes, hangs, lost inputs, memory, time.
`--small` keeps every text under a few thousand characters (the test suite's sample).
"""

from __future__ import annotations

import argparse
import json
import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

WORDS = [
    "the",
    "minister",
    "said",
    "troops",
    "moved",
    "across",
    "the",
    "border",
    "while",
    "officials",
    "in",
    "the",
    "capital",
    "warned",
    "that",
    "talks",
    "on",
    "the",
    "ceasefire",
    "would",
    "resume",
    "after",
    "envoys",
    "met",
    "on",
    "Monday",
]
EMOJI = [chr(c) for c in range(0x1F600, 0x1F650)] + ["\u200d", "\ufe0f", "\U0001f3f3"]


@dataclass(frozen=True, slots=True)
class Case:
    """One input: an entry `name` (bytes: names need not be UTF-8) holding `data`, or a
    special entry (`link-loop`, `folder`, `folder-link`, `fifo`); `feed` cases go to the feed
    parser instead of the readers. `records` is the least number of records it must give."""

    kind: str
    name: bytes
    data: bytes = b""
    special: str | None = None
    records: int = 1


def _words(rng: random.Random, n: int, stop: float = 0.08) -> str:
    return " ".join(rng.choice(WORDS) + ("." if rng.random() < stop else "") for _ in range(n))


def _size(rng: random.Random, small: bool) -> int:
    """Characters of a text: mostly short, some medium, a few large (never with `small`)."""
    if small:
        return rng.randint(1, 800)
    if rng.random() < 0.95:
        return rng.randint(1, 2_000)
    return rng.randint(2_000, 12_000)


Maker = Callable[[random.Random, int], Case]


def _text(kind: str, suffix: str, body: Callable[[random.Random, int], str]) -> Maker:
    return lambda rng, n: Case(kind, f"input{suffix}".encode(), body(rng, n).encode())


def _jsonl(kind: str, line: Callable[[random.Random, int], str], lines: int = 3) -> Maker:
    def make(rng: random.Random, n: int) -> Case:
        body = "\n".join(line(rng, n) for _ in range(lines)) + "\n"
        return Case(kind, b"input.jsonl", body.encode("utf-8", "surrogatepass"), records=lines)

    return make


def _bytes_case(kind: str, body: Callable[[random.Random, int], bytes]) -> Maker:
    return lambda rng, n: Case(kind, rng.choice([b"a.txt", b"a.md", b"a.html"]), body(rng, n))


def _planes(rng: random.Random, n: int) -> str:
    chars = []
    for _ in range(n):
        c = rng.choice(
            [rng.randint(0x20, 0x7E), rng.randint(0xA0, 0xD7FF), rng.randint(0xE000, 0x10FFFF)]
        )
        chars.append(chr(c))
    return "".join(chars)


def _controls(rng: random.Random, n: int) -> str:
    pool = [chr(c) for c in range(1, 32)] + ["\x7f", "\u2028", "\u2029", "\u202e", "\ufeff"]
    return "".join(rng.choice(pool) if rng.random() < 0.3 else rng.choice("ab .") for _ in range(n))


def _emoji(rng: random.Random, n: int) -> str:
    return "".join(
        rng.choice(EMOJI) + rng.choice(["", "", " ", "."]) for _ in range(max(1, n // 2))
    )


def _emphasis(rng: random.Random, n: int) -> str:
    return "".join(
        rng.choice(["*", "_", "**", "__", "~~", "a", " ", "*a ", "_b_"]) for _ in range(n)
    )


def _front_matter(rng: random.Random, n: int) -> str:
    lines = ["---"] + [
        rng.choice(["title: *x_", "published: 2024-13-45", "a: b", "---x"]) for _ in range(n // 8)
    ]
    return "\n".join(lines) + rng.choice(["", "\n", "\nBody."])


def _brackets(rng: random.Random, n: int) -> str:
    return "".join(
        rng.choice(["[", "]", "(", ")", "![", "[a](", "<http:", "`", "\\", "a"]) for _ in range(n)
    )


def _attrs(rng: random.Random, n: int) -> str:
    attrs = " ".join(f'a{i}="{"x" * rng.randint(0, 20)}"' for i in range(n))
    return f"<html><body><div {attrs}><p>{_words(rng, 30)}</p></div></body></html>"


def _long_attr(rng: random.Random, n: int) -> str:
    return f'<html><body><p title="{"a" * n * 10}">{_words(rng, 20)}</p></body></html>'


def _html_bomb(rng: random.Random, n: int) -> str:
    tag = rng.choice(["div", "b", "table", "p", "span"])
    closing = f"</{tag}>" * rng.randint(0, n)
    return "<html><body>" + f"<{tag}>" * n + _words(rng, 20) + closing


def _tag_soup(rng: random.Random, n: int) -> str:
    pool = [
        "<",
        ">",
        "</",
        "<p",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<![CDATA[",
        "&",
        "&#",
        "&lt",
        "a ",
        '"',
        "=",
    ]
    return "".join(rng.choice(pool) for _ in range(n))


def _repeat(rng: random.Random, n: int) -> str:
    return ("Envoys met in the capital on Monday. " * (n // 36 + 1))[:n]


def _long_sentence(rng: random.Random, n: int) -> str:
    return _words(rng, max(1, n // 6), stop=0.0)


def _dateline(rng: random.Random, n: int) -> str:
    head = rng.choice(
        ["A" * n, "CITY, " * (n // 6), "CAIRO (" + "A" * n, "X, May 99, 99999 (AFP) - "]
    )
    return head + " " + _words(rng, 20)


def _absurd_date(rng: random.Random, n: int) -> str:
    value = rng.choice(
        [
            "9999-99-99",
            "0000-01-01",
            "-1",
            "99999-01-01",
            "2024-02-30",
            "1e9",
            "",
            "T",
            "2024-01-01T99:99",
        ]
    )
    text = _words(rng, 20)
    return json.dumps({"text": text, "published": value})


def _md_date(rng: random.Random, n: int) -> str:
    line = rng.choice(
        ["February 30, 2024", "Smarch 1, 2024", "31 June 0", "May 6, 99999", "Jan. 1, 0001"]
    )
    return f"# Title\n\n{line}\n\n{_words(rng, 30)}"


def _wrong_types(rng: random.Random, n: int) -> str:
    value = rng.choice([5, None, [], {}, True, 1.5, ["a"], {"a": 1}])
    field = rng.choice(["text", "title", "published", "id", "outlet", "url", "dateline"])
    obj = {"text": _words(rng, 10), field: value}
    return json.dumps(obj) if rng.random() < 0.8 else json.dumps(rng.choice([[], 5, "s", None]))


def _huge_number(rng: random.Random, n: int) -> str:
    number = rng.choice(
        ["9" * rng.randint(4_000, 6_000), "1e999999", "-0", "NaN", "Infinity", "1" + "0" * 300]
    )
    return (
        '{"text": "'
        + _words(rng, 8)
        + '", "n": '
        + number
        + ', "id": '
        + rng.choice([number, '"a"'])
        + "}"
    )


def _surrogates(rng: random.Random, n: int) -> str:
    escape = rng.choice(["\\ud800", "\\udfff", "\\udc80", "\\u0000", "\\ud83d", "\\ude00\\ud83d"])
    field = rng.choice(["text", "title", "id", "outlet"])
    obj = {"text": _words(rng, 10) + " X", field: "Y" + escape}
    return json.dumps(obj).replace(escape.replace("\\", "\\\\"), escape)


def _nested(rng: random.Random, n: int) -> str:
    depth = rng.randint(500, 50_000)
    return rng.choice(["[", '{"a":']) * depth


def _broken_line(rng: random.Random, n: int) -> str:
    return rng.choice(['{"text": "unterminated', "{", "}", '{"text": "a"} trailing', "\x01", ",,,"])


def _feed(kind: str, body: Callable[[random.Random, int], str]) -> Maker:
    return lambda rng, n: Case(kind, b"feed.xml", body(rng, n).encode(), special="feed")


def _laughs(rng: random.Random, n: int) -> str:
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    )
    return f'<?xml version="1.0"?><!DOCTYPE r [{entities}]><rss version="2.0"><channel><item><title>&l9;</title><link>http://a.example/x</link></item></channel></rss>'


def _xxe(rng: random.Random, n: int) -> str:
    target = rng.choice(["file:///etc/passwd", "http://127.0.0.1:9/x", "file:///dev/zero"])
    return f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{target}">]><rss version="2.0"><channel><item><title>&x;</title><link>http://a.example/y</link></item></channel></rss>'


def _feed_garbage(rng: random.Random, n: int) -> str:
    return "<rss><channel>" + _tag_soup(rng, n) + "<item><link>javascript:alert(1)</link></item>"


def _odd_name(rng: random.Random, n: int) -> Case:
    name = rng.choice(
        [
            b"caf\xe9.txt",
            b"\xff\xfe.md",
            b"line\nbreak.txt",
            b"  leading.txt",
            b"two.md.html",
            b"archive.txt.gz",
            b"noext",
            b"UPPER.TXT",
            b"a" * 250 + b".txt",
            b"tab\tname.jsonl",
            b"-dash.txt",
            b"back\\slash.txt",
            "\u202eevil.txt".encode(),
            b"star*.md",
        ]
    )
    return Case("odd-name", name, _words(rng, 20).encode())


def _special(rng: random.Random, n: int) -> Case:
    special = rng.choice(["link-loop", "folder", "folder-link", "fifo", "dangling-link"])
    return Case(f"entry-{special}", b"entry.txt", _words(rng, 10).encode(), special=special)


KINDS: dict[str, Maker] = {
    "empty": _bytes_case("empty", lambda r, n: r.choice([b"", b" ", b"\n\n\t", b"\xef\xbb\xbf"])),
    "binary": _bytes_case("binary", lambda r, n: r.randbytes(max(1, n))),
    "nul-late": _bytes_case("nul-late", lambda r, n: _words(r, 1_600).encode() + b"\x00" + b"a"),
    "bad-utf8": _bytes_case(
        "bad-utf8",
        lambda r, n: _words(r, 20).encode() + r.choice([b"\xff", b"\xc3", b"\xed\xa0\x80"]),
    ),
    "utf16": _bytes_case(
        "utf16", lambda r, n: _words(r, 20).encode(r.choice(["utf-16", "utf-16-le", "utf-32"]))
    ),
    "latin1": _bytes_case("latin1", lambda r, n: ("Caf\u00e9 " + _words(r, 20)).encode("latin-1")),
    "controls": _text("controls", ".txt", _controls),
    "planes": _text("planes", ".txt", _planes),
    "emoji": _text("emoji", ".txt", _emoji),
    "long-sentence": _text("long-sentence", ".txt", _long_sentence),
    "repetition": _text("repetition", ".txt", _repeat),
    "md-emphasis": _text("md-emphasis", ".md", _emphasis),
    "md-front-matter": _text("md-front-matter", ".md", _front_matter),
    "txt-front-matter": _text("txt-front-matter", ".txt", _front_matter),
    "md-links": _text("md-links", ".md", _brackets),
    "md-absurd-date": _text("md-absurd-date", ".md", _md_date),
    "dateline": _text("dateline", ".txt", _dateline),
    "html-attributes": _text("html-attributes", ".html", _attrs),
    "html-long-attribute": _text("html-long-attribute", ".html", _long_attr),
    "html-bomb": _text("html-bomb", ".html", _html_bomb),
    "html-soup": _text("html-soup", ".html", _tag_soup),
    "jsonl-absurd-date": _jsonl("jsonl-absurd-date", _absurd_date),
    "jsonl-wrong-types": _jsonl("jsonl-wrong-types", _wrong_types),
    "jsonl-huge-numbers": _jsonl("jsonl-huge-numbers", _huge_number),
    "jsonl-surrogates": _jsonl("jsonl-surrogates", _surrogates),
    "jsonl-nesting": _jsonl("jsonl-nesting", _nested, lines=1),
    "jsonl-broken": _jsonl("jsonl-broken", _broken_line),
    "feed-billion-laughs": _feed("feed-billion-laughs", _laughs),
    "feed-external-entity": _feed("feed-external-entity", _xxe),
    "feed-garbage": _feed("feed-garbage", _feed_garbage),
    "odd-name": _odd_name,
    "special-entry": _special,
}


def _large(small: bool) -> Iterator[Case]:
    """The inputs named in issue 18 at full size; a handful, as each takes seconds."""
    if small:
        return
    rng = random.Random(18)
    yield Case("large-long-sentence", b"input.txt", _long_sentence(rng, 1_000_000).encode())
    yield Case("large-emoji", b"input.txt", _emoji(rng, 400_000).encode())
    big = json.dumps({"text": _words(rng, 330_000)})
    yield Case("large-jsonl", b"input.jsonl", big.encode() + b"\n")
    yield Case("large-emphasis", b"input.md", ("**a " * 250_000).encode())
    yield Case("large-front-matter", b"input.md", ("---\n" + "title: *x_\n" * 150_000).encode())
    yield Case("large-attributes", b"input.html", _attrs(rng, 60_000).encode())
    yield Case("large-attribute", b"input.html", _long_attr(rng, 150_000).encode())
    yield Case("large-html-bomb", b"input.html", _html_bomb(rng, 200_000).encode())
    yield Case("large-repetition", b"input.txt", _repeat(rng, 1_900_000).encode())


def generate(n: int = 10_000, *, seed: int = 18, small: bool = False) -> list[Case]:
    """`n` cases (plus the large ones unless `small`), the same for the same seed."""
    names = sorted(KINDS)
    cases = list(_large(small))
    for index in range(n - len(cases)):
        rng = random.Random(seed * 1_000_003 + index)
        kind = names[index % len(names)]
        cases.append(KINDS[kind](rng, _size(rng, small)))
    return cases


def write(cases: list[Case], folder: Path) -> None:
    """One folder per case, and a manifest of what each must give."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "manifest.jsonl").open("w", encoding="utf-8") as manifest:
        for index, case in enumerate(cases):
            home = folder / f"{index:05d}"
            home.mkdir(exist_ok=True)
            _place(case, os.fsencode(home) + b"/" + case.name)
            row = {"case": home.name, "kind": case.kind, "records": case.records}
            row["feed"] = case.special == "feed"
            manifest.write(json.dumps(row) + "\n")


def _place(case: Case, path: bytes) -> None:
    if case.special in ("link-loop", "folder-link", "dangling-link"):
        target = {
            "link-loop": path,
            "folder-link": os.path.dirname(path),
            "dangling-link": path + b".gone",
        }
        os.symlink(target[case.special], path)
    elif case.special == "folder":
        os.mkdir(path)
        with open(path + b"/inner.txt", "wb") as handle:
            handle.write(case.data)
    elif case.special == "fifo":
        os.mkfifo(path)
    else:
        with open(path, "wb") as handle:
            handle.write(case.data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--small", action="store_true")
    args = parser.parse_args()
    write(generate(args.cases, seed=args.seed, small=args.small), args.folder)


if __name__ == "__main__":
    main()
