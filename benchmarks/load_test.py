"""A bounded load and attack test of `brinkwatch serve`, on 127.0.0.1 only.

    python benchmarks/load_test.py [--rate 200] [--seconds 60] [--examples 30] [--json out.json]

Server and client run as a user would run them (`brinkwatch serve`, one uvicorn process; an
httpx async client), on whatever else the machine is doing: the load average and the CPU seconds
each side used are recorded with the figures. Builds a store from examples/corpus/md, serves it on a free local port with a write token and a
small body limit, then: (1) sends exactly rate × seconds read requests, paced open-loop at
`--rate` a second over the read endpoints, while `brinkwatch ingest` writes new articles into the
same store; (2) checks that writes without (or with a wrong) token are refused, an oversized
body gets 413, and injection attempts in every filter give 4xx or a normal answer, never 5xx;
(3) runs schemathesis against the OpenAPI document (0 server errors wanted). Nothing leaves
127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
CLI = "from brinkwatch.cli.main import main; main()"
TOKEN = "load-test-token"
API = "/api/v1"
READS = [
    "/articles",
    "/articles?limit=50",
    "/articles?q=minister",
    "/events",
    "/events?country=CHN",
    "/quotes",
    "/dyads",
    "/alerts",
    "/network",
]
INJECTIONS = [
    "' OR 1=1 --",
    '"; DROP TABLE articles; --',
    "%",
    "_",
    "*",
    "\\",
    "NEAR(a b)",
    'a" OR "b',
    "1; SELECT pg_sleep(5)",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "\x00",
    "\ud800",
    "A" * 5000,
    "-1",
    "99999999999999999999999",
]


def _cpu_s(pid: int | str = "self") -> float:
    """User + system CPU seconds of a process so far (Linux; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", CLI, *args]


def _writer_corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    names = ["China", "Japan", "India", "Russia", "Ukraine", "Iran"]
    for i in range(n):
        a, b = names[i % 6], names[(i + 1 + i // 6) % 6]
        text = f"{a} accused {b} on Monday of violating report {i}. {b} denied it on Tuesday."
        (folder / f"w{i:04d}.txt").write_text(text + "\n", encoding="utf-8")


# Requests in flight at most: httpx's pool does work per waiting request on every event, so a
# backlog of thousands inside it makes the client, not the server, the bottleneck. Over this, a
# request waits for its turn here, and that wait counts in its latency (timed from when it was
# due), so a slow server still shows.
IN_FLIGHT = 64


async def _one(
    client: httpx.AsyncClient,
    path: str,
    due: float,
    turn: asyncio.Semaphore,
    out: list[tuple[int | str, float]],
) -> None:
    async with turn:
        try:
            response = await client.get(API + path)
            status: int | str = response.status_code
        except httpx.HTTPError as exc:  # no answer: say which failure (timeout, reset…)
            status = type(exc).__name__
    out.append((status, time.perf_counter() - due))


async def _load(base: str, rate: float, total: int) -> dict[str, Any]:
    results: list[tuple[int | str, float]] = []
    limits = httpx.Limits(max_connections=IN_FLIGHT, max_keepalive_connections=IN_FLIGHT)
    turn = asyncio.Semaphore(IN_FLIGHT)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        started = time.perf_counter()
        tasks = []
        for i in range(total):
            due = started + i / rate
            if (delay := due - time.perf_counter()) > 0:
                await asyncio.sleep(delay)
            path = READS[i % len(READS)]
            tasks.append(asyncio.create_task(_one(client, path, due, turn, results)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - started
    times = sorted(t for _, t in results)
    errors = [s for s, _ in results if isinstance(s, str) or s >= 400]
    return {
        "requests": len(results),
        "target_rate": rate,
        "achieved_rate": round(len(results) / elapsed, 1),
        "seconds": round(elapsed, 1),
        "errors": len(errors),
        "statuses": {str(s): sum(1 for x, _ in results if x == s) for s in {x for x, _ in results}},
        "p50_ms": round(1000 * times[len(times) // 2], 1),
        "p99_ms": round(1000 * times[int(0.99 * (len(times) - 1))], 1),
        "max_ms": round(1000 * times[-1], 1),
    }


def _attacks(base: str) -> dict[str, Any]:
    found: dict[str, Any] = {"server_errors": [], "checks": {}}
    with httpx.Client(base_url=base + API, timeout=60) as client:
        body = {"articles": [{"text": "Envoys met on Monday."}]}
        found["checks"]["post_without_token"] = client.post("/articles", json=body).status_code
        wrong = {"Authorization": "Bearer wrong"}
        found["checks"]["post_wrong_token"] = client.post(
            "/articles", json=body, headers=wrong
        ).status_code
        good = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
        big = b'{"articles": [{"text": "' + b"a" * 300_000 + b'"}]}'
        found["checks"]["oversized_body"] = client.post(
            "/articles", content=big, headers=good
        ).status_code
        params = ["q", "country", "dyad", "cameo_root", "plover", "quad_class", "since", "until"]
        params += ["cursor", "limit", "source", "target", "kind", "format", "actor"]
        paths = ["/articles", "/events", "/quotes", "/dyads", "/alerts", "/network", "/export"]
        tried = 0
        for path in paths:
            for param in params:
                for attack in INJECTIONS:
                    value = attack.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
                    try:
                        status = client.get(path, params={param: value}).status_code
                    except httpx.HTTPError as exc:
                        status = f"{type(exc).__name__}"
                    tried += 1
                    if not isinstance(status, int) or status >= 500:
                        found["server_errors"].append(
                            f"GET {path}?{param}={attack[:30]!r}: {status}"
                        )
        for attack in INJECTIONS[:10]:
            for path in (f"/articles/{attack}", f"/dyads/{attack}/CHN", f"/alerts/{attack}"):
                status = client.get(path).status_code
                tried += 1
                if status >= 500:
                    found["server_errors"].append(f"GET {path[:60]!r}: {status}")
        found["injection_requests"] = tried
    return found


def _schemathesis(base: str, examples: int, work: Path) -> dict[str, Any]:
    """schemathesis (PyPI) on every read operation of the OpenAPI document; writes are covered
    by the checks above (each one codes articles)."""
    report = work / "schemathesis.json"
    beside = Path(sys.executable).parent / "schemathesis"  # the dev extra installs it here
    found = str(beside) if beside.exists() else shutil.which("schemathesis")
    if found is None:
        return {
            "exit_code": None,
            "summary": ["schemathesis is not installed (pip install schemathesis)"],
        }
    command = [
        found, "run", f"{base}{API}/openapi.json",
        "--checks", "not_a_server_error", "--max-examples", str(examples),
        "--exclude-method", "POST", "--request-timeout", "60", "--seed", "18",
        "--report", "json", "--report-json-path", str(report),
    ]  # fmt: skip
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=1_500, env=env)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return {"exit_code": done.returncode, "summary": lines[-12:]}


def _serve(db: str) -> tuple[subprocess.Popen[bytes], str]:
    """`brinkwatch serve` on a free local port, with a write token and a small body limit."""
    env = {**os.environ, "BRINKWATCH_TOKEN": TOKEN, "BRINKWATCH_MAX_BODY_BYTES": "100000"}
    port = _free_port()
    server = subprocess.Popen(
        _cli("serve", "--db", db, "--port", str(port)),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(base + API + "/articles", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    return server, base


def _load_while_writing(
    base: str, server_pid: int, db: str, work: Path, args: argparse.Namespace
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The paced reads while `brinkwatch ingest` writes into the same store: the reads' figures
    with the CPU each side used and the load average, and the ingest's."""
    _writer_corpus(work / "writes", args.writes)
    writer_started = time.monotonic()
    writer = subprocess.Popen(
        _cli("ingest", str(work / "writes"), "--db", db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    before = {"server": _cpu_s(server_pid), "client": _cpu_s(), "loadavg": _load_average()}
    load = asyncio.run(_load(base, args.rate, int(args.rate * args.seconds)))
    load["cpu_s"] = {
        "server": round(_cpu_s(server_pid) - before["server"], 1),
        "client": round(_cpu_s() - before["client"], 1),
    }
    load["loadavg_before_after"] = [before["loadavg"], _load_average()]
    load["cpus"] = os.cpu_count()
    writing_at_end = writer.poll() is None  # did the ingest overlap the whole load?
    ingest = {
        "articles": args.writes,
        "exit_code": writer.wait(timeout=900),
        "seconds": round(time.monotonic() - writer_started, 1),
        "still_writing_when_load_ended": writing_at_end,
    }
    return load, ingest


def _write(report: dict[str, Any], path: Path | None) -> None:
    if path:  # after each part, so a later failure keeps what was measured
        path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--examples", type=int, default=30)
    parser.add_argument("--writes", type=int, default=500, help="Articles ingested meanwhile.")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bw-load-"))
    db = f"sqlite:///{work / 'load.db'}"
    server = None
    report: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    try:
        store = _cli("ingest", str(ROOT / "examples/corpus/md"), "--db", db)
        subprocess.run(store, check=True, capture_output=True)
        server, base = _serve(db)
        report["load"], report["ingest_during_load"] = _load_while_writing(
            base, server.pid, db, work, args
        )
        _write(report, args.json)
        report["attacks"] = _attacks(base)
        _write(report, args.json)
        report["schemathesis"] = _schemathesis(base, args.examples, work)
        _write(report, args.json)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
