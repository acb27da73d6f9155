"""Write docs/reliability.md from the JSON files `make reliability` leaves in out/reliability.

    python scripts/reliability_report.py out/reliability docs/reliability.md

Each part is optional: a part not run keeps its section from the page as it stands (and says
so), or says it was not run. A `notes.md` in the folder is added as "Notes on this run".
"""

from __future__ import annotations

import json
import platform
import re
import sys
import time
from pathlib import Path
from typing import Any

INTRO = """# Reliability

What `make reliability` measured on {date} ({machine}). It runs the bad-input corpus, the
linear-time benchmark, the kill -9 trials and the server load test, and rewrites this page.
Issue 18 asked for each of these; the limits they rely on are in docs/configuration.md
(`max_article_chars`, `max_sentence_chars`, `article_timeout_s`).

How bad input is bounded:

- every reader and `code()` take any `str` or bytes: lone surrogates and NUL become U+FFFD (one
  for one, so offsets hold), file names that are not UTF-8 show as `\\xNN`, and every record is
  valid UTF-8 JSON; a failing input becomes a failure record and the run goes on;
- an article is coded up to `max_article_chars` (100,000; a quarter as many tokens for text
  dense in symbols such as emoji), a stretch of `max_sentence_chars` (2,000) without a sentence
  end is cut before the parser, both noted in the article's `errors`; an article over
  `article_timeout_s` (60 s) becomes a `timeout` failure, in whichever thread or process codes
  it (a deadline checked between parser batches, components and sentences, which the size
  limits keep short; in a main thread a timer interrupts too);
- the regexes that read untrusted text are linear by structure (checked in
  tests/reliability/test_linear_patterns.py); markdown emphasis is stripped in one pass,
  HTML tags over 4,000 characters lose their attributes (libxml2 is quadratic in them), feeds
  lose entity-declaring DOCTYPEs (billion laughs, external entities), one trigger makes at most
  64 source-target pairs;
- exports are written to `PATH.part` and renamed when complete;
- the server answers a repeated read from the body kept for its ETag (one data-version look-up,
  ~1 ms of CPU a request), keeps as many SQLite connections as it has threads, and refuses
  keys past 64 bits; a far-future `until` ends a pair's series today.
"""


def _load(folder: Path, name: str) -> Any:
    path = folder / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _bad_inputs(data: Any) -> list[str]:
    if data is None:
        return ["Not run (no badinputs.json)."]
    lines = [
        f"`benchmarks/badinputs.py` (seed 18): {data['cases']:,} cases of {data['kinds']} kinds, "
        "each coded by `benchmarks/badinputs_run.py` in a watched child process.",
        "",
        "| crashes | hangs | memory kills | inputs without a record | peak RSS | p50 / p99 / max time per input |",
        "|---|---|---|---|---|---|",
        f"| {data['crashes']} | {data['hangs']} | {data['memory_kills']} | {data['without_record']} "
        f"| {data['peak_rss_mb']:,.0f} MB | {data['p50_s']} / {data['p99_s']} / {data['max_s']} s |",
        "",
        f"RSS of the coding process after 10% of the cases and at the end: "
        f"{data['rss_mb_first_last'][0]} MB and {data['rss_mb_first_last'][1]} MB. "
        f"Wall time {data['wall_s']:,} s"
        + (f", code at commit {data['commit']}." if data.get("commit") else "."),
        "",
        "Failure records by code: "
        + ", ".join(f"`{k}` {v:,}" for k, v in data["failure_codes"].items())
        + ". Notes: "
        + (", ".join(f"`{k}` {v:,}" for k, v in data["notes"].items()) or "none")
        + ".",
        "",
        "Slowest kinds (seconds for their slowest case): "
        + ", ".join(f"{k} {v}" for k, v in data["slowest_kinds"].items())
        + ".",
    ]
    if data["crash_examples"] or data["lost_examples"]:
        lines += ["", "Problems: " + "; ".join(data["crash_examples"] + data["lost_examples"])]
    return lines


def _linear(rows: Any) -> list[str]:
    if rows is None:
        return ["Not run (no linear.json)."]
    lines = [
        "`benchmarks/linear.py`: each reader step on a hostile input and on one ten times larger "
        "(linear: about ×10; quadratic: ×100). Timings on a shared machine are noisy.",
        "",
        "| step | characters | seconds | ×10 input | ratio |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['step']} | {r['chars']:,} | {r['seconds']} | {r['seconds_x10']} | ×{r['ratio']} |"
        for r in rows
    ]
    return lines


def _trials(data: Any) -> list[str]:
    if data is None:
        return ["Not run (no trials.json)."]
    lines = [
        f"`scripts/kill_trials.py`: {data['passed']} of {data['trials']} trials passed "
        f"({data['killed_midway']} killed midway; by command "
        + ", ".join(f"{k} {v}" for k, v in data["by_command"].items())
        + "; by store "
        + ", ".join(f"{k} {v}" for k, v in data["by_store"].items())
        + "). Each: SIGKILL at a random point, the same command again, then 0 articles lost or "
        "duplicated, event and quote counts equal to an uninterrupted run's, no orphans, "
        "`PRAGMA integrity_check` ok; exports absent or whole after the kill, whole after the rerun.",
    ]
    if data["problems"]:
        lines += ["", "Problems:", *[f"- {p}" for p in data["problems"]]]
    return lines


def _load_test(data: Any) -> list[str]:
    if data is None:
        return ["Not run (no load.json)."]
    lines = [f"`benchmarks/load_test.py` on 127.0.0.1 ({data['date']}).", ""]
    for key in ("load", "load_raw"):
        if key in data:
            lines += [*_load_lines(data[key], data.get("ingest_during_load")), ""]
    return [
        *lines,
        *_attack_lines(data.get("attacks")),
        "",
        *_schema_lines(data.get("schemathesis")),
    ]


CLIENTS = {
    "httpx": "an httpx async client (as a user's script would read)",
    "raw": "a bare HTTP/1.1 client on kept-alive connections (next to no CPU: the server's figures)",
}


def _load_lines(load: dict[str, Any], old_ingest: dict[str, Any] | None) -> list[str]:
    ingest = load.get("ingest", old_ingest or {})
    client = CLIENTS[load.get("client", "httpx")]
    return [
        f"{load['requests']:,} read requests over the main read endpoints, paced at "
        f"{load['target_rate']:.0f}/s (achieved {load['achieved_rate']}/s over "
        f"{load['seconds']} s), against `brinkwatch serve` (one uvicorn process) from {client}, "
        f"while `brinkwatch ingest` wrote {ingest.get('articles', 200)} articles into the same "
        f"store (exit {ingest.get('exit_code')}" + _overlap(ingest) + ").",
        "",
        "| errors | p50 | p99 | max | p50 / p99 from sending | statuses |",
        "|---|---|---|---|---|---|",
        f"| {load['errors']} | {load['p50_ms']} ms | {load['p99_ms']} ms | {load['max_ms']} ms "
        f"| {load.get('sent_p50_ms', '–')} / {load.get('sent_p99_ms', '–')} ms "
        f"| {load['statuses']} |",
        "",
        *_machine_load(load),
    ]


def _attack_lines(attacks: dict[str, Any] | None) -> list[str]:
    if attacks is None:
        return ["Attacks: not run (the load test stopped before them)."]
    checks = attacks["checks"]
    return [
        f"Writes without a token: {checks['post_without_token']}; with a wrong token: "
        f"{checks['post_wrong_token']}; an oversized body: {checks['oversized_body']}. "
        f"{attacks['injection_requests']:,} injection attempts in every filter and path "
        f"parameter: {len(attacks['server_errors'])} server errors."
    ]


def _schema_lines(schema: dict[str, Any] | None) -> list[str]:
    if schema is None:
        return ["schemathesis: not run (the load test stopped before it)."]
    if schema["exit_code"] is None:
        return [f"schemathesis: not run ({schema['summary'][0]})."]
    found = [s.strip() for s in schema["summary"] if re.search(r"\d+ (generated|passed)", s)]
    return [
        f"schemathesis (not_a_server_error, every read operation): exit {schema['exit_code']}; "
        + "; ".join(found)
    ]


def _overlap(ingest: dict[str, Any]) -> str:
    if "still_writing_when_load_ended" not in ingest:
        return ""
    took = f", {ingest['seconds']} s"
    if ingest["still_writing_when_load_ended"]:
        return took + ", still writing when the reads ended"
    return took + ", done before the reads ended"


def _machine_load(load: dict[str, Any]) -> list[str]:
    if "loadavg_before_after" not in load:
        return []
    before, after = load["loadavg_before_after"]
    return [
        f"Machine: {load['cpus']} CPUs, load average {before[0]} before and {after[0]} after "
        f"(1 min; other work shares the machine). CPU seconds used during the reads: server "
        f"{load['cpu_s']['server']}, client {load['cpu_s']['client']}. Latency is timed from "
        "when a request was due (the pace is fixed: a client that falls behind counts too) and "
        "from when the client sent it.",
    ]


def _previous(target: Path) -> dict[str, str]:
    """The sections of the page as it stands, by title: a part not run this time keeps them."""
    if not target.exists():
        return {}
    parts = re.split(r"^## (.+)$", target.read_text(encoding="utf-8"), flags=re.M)
    return {title: body.strip() for title, body in zip(parts[1::2], parts[2::2], strict=True)}


KEPT = "(Kept from an earlier run: this run of `make reliability` did not produce it.)"


def main() -> None:
    folder, target = Path(sys.argv[1]), Path(sys.argv[2])
    machine = (
        f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    )
    parts = [INTRO.format(date=time.strftime("%Y-%m-%d", time.gmtime()), machine=machine)]
    sections = [
        ("Bad inputs", _bad_inputs(_load(folder, "badinputs.json"))),
        ("Linear time", _linear(_load(folder, "linear.json"))),
        ("kill -9", _trials(_load(folder, "trials.json"))),
        ("Server under load and attack", _load_test(_load(folder, "load.json"))),
    ]
    previous = _previous(target)
    for title, lines in sections:
        body = "\n".join(lines)
        if body.startswith("Not run") and title in previous:
            body = previous[title]
            body = body if body.startswith(KEPT) else f"{KEPT}\n\n{body}"
        parts.append(f"## {title}\n\n{body}\n")
    notes = folder / "notes.md"  # what the person who ran it saw and wants kept with the figures
    if notes.exists():
        parts.append("## Notes on this run\n\n" + notes.read_text(encoding="utf-8").strip() + "\n")
    target.write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main()
