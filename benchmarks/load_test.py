"""A bounded load and attack test of `brinkwatch serve`, on 127.0.0.1 only.

    python benchmarks/load_test.py [--rate 200] [--seconds 60] [--writes 500]
        [--clients httpx,raw] [--examples 30] [--json out.json]

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
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
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
    """`n` new articles (their texts name the folder: each load phase writes new ones)."""
    folder.mkdir()
    names = ["China", "Japan", "India", "Russia", "Ukraine", "Iran"]
    for i in range(n):
        a, b = names[i % 6], names[(i + 1 + i // 6) % 6]
        text = f"{a} accused {b} on Monday of violating {folder.name} report {i}. "
        text += f"{b} denied it on Tuesday."
        (folder / f"w{i:04d}.txt").write_text(text + "\n", encoding="utf-8")


# Requests in flight at most: httpx's pool does work per waiting request on every event, so a
# backlog of thousands inside it makes the client, not the server, the bottleneck. Over this, a
# request waits for its turn here, and that wait counts in its latency (timed from when it was
# due), so a slow server still shows.
IN_FLIGHT = 64
Result = tuple[int | str, float, float]  # status (or the failure), seconds from due, from sent


Get = Callable[[str], Awaitable[int]]  # a client: GET this API path, the answer's status


class RawClient:
    """Bare HTTP/1.1 GETs on kept-alive connections. httpx spends ~2 ms of CPU a request, more
    than the server; on a machine short of CPU it falls behind the pace. With this client
    (next to no CPU) the figures are the server's: `--clients raw` separates the two."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def get(self, path: str) -> int:
        if self.idle:  # a kept connection the server may have closed (uvicorn: after 5 s idle)
            try:
                return await self._get(*self.idle.pop(), path)
            except ConnectionError as exc:
                if str(exc) != "stale":
                    raise
        return await self._get(*await asyncio.open_connection(self.host, self.port), path)

    async def _get(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str
    ) -> int:
        try:
            writer.write(f"GET {API}{path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            fields = dict(line.lower().split(": ", 1) for line in head[1:] if ": " in line)
            await reader.readexactly(int(fields.get("content-length", "0")))
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
            writer.close()
            closed = isinstance(exc, asyncio.IncompleteReadError) and not exc.partial
            raise ConnectionError("stale" if closed else type(exc).__name__) from exc
        self.idle.append((reader, writer))
        return int(head[0].split(" ", 2)[1])

    def close(self) -> None:
        for _, writer in self.idle:
            writer.close()


@asynccontextmanager
async def _client(base: str, kind: str) -> AsyncIterator[Get]:
    if kind == "raw":
        host, port = base.removeprefix("http://").split(":")
        raw = RawClient(host, int(port))
        yield raw.get
        raw.close()
        return
    limits = httpx.Limits(max_connections=IN_FLIGHT, max_keepalive_connections=IN_FLIGHT)
    async with httpx.AsyncClient(base_url=base + API, timeout=30, limits=limits) as client:

        async def get(path: str) -> int:
            return (await client.get(path)).status_code

        yield get


async def _one(get: Get, path: str, due: float, turn: asyncio.Semaphore, out: list[Result]) -> None:
    async with turn:
        sent = time.perf_counter()
        try:
            status: int | str = await get(path)
        except (httpx.HTTPError, ConnectionError) as exc:  # no answer: say which failure
            status = str(exc) if isinstance(exc, ConnectionError) else type(exc).__name__
    done = time.perf_counter()
    out.append((status, done - due, done - sent))


async def _load(base: str, rate: float, total: int, kind: str) -> dict[str, Any]:
    results: list[Result] = []
    turn = asyncio.Semaphore(IN_FLIGHT)
    async with _client(base, kind) as get:
        started = time.perf_counter()
        tasks = []
        for i in range(total):
            due = started + i / rate
            if (delay := due - time.perf_counter()) > 0:
                await asyncio.sleep(delay)
            path = READS[i % len(READS)]
            tasks.append(asyncio.create_task(_one(get, path, due, turn, results)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - started
    times = sorted(t for _, t, _ in results)
    served = sorted(t for _, _, t in results)
    statuses = [s for s, _, _ in results]
    return {
        "client": kind,
        "requests": len(results),
        "target_rate": rate,
        "achieved_rate": round(len(results) / elapsed, 1),
        "seconds": round(elapsed, 1),
        "errors": sum(1 for s in statuses if isinstance(s, str) or s >= 400),
        "statuses": {str(s): statuses.count(s) for s in set(statuses)},
        **_quantiles_ms(times, ""),
        **_quantiles_ms(served, "sent_"),
    }


def _quantiles_ms(times: list[float], prefix: str) -> dict[str, float]:
    """p50, p99 and max in ms: from when each request was due (``), or from when the client
    sent it (`sent_`: without the client's own lag when the machine is short of CPU)."""
    return {
        f"{prefix}p50_ms": round(1000 * times[len(times) // 2], 1),
        f"{prefix}p99_ms": round(1000 * times[int(0.99 * (len(times) - 1))], 1),
        f"{prefix}max_ms": round(1000 * times[-1], 1),
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
    base: str, server_pid: int, db: str, work: Path, args: argparse.Namespace, kind: str
) -> dict[str, Any]:
    """The paced reads while `brinkwatch ingest` writes into the same store: the reads' figures
    with the CPU each side used and the load average, and the ingest's."""
    _writer_corpus(work / f"writes-{kind}", args.writes)
    writer_started = time.monotonic()
    writer = subprocess.Popen(
        _cli("ingest", str(work / f"writes-{kind}"), "--db", db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    before = {"server": _cpu_s(server_pid), "client": _cpu_s(), "loadavg": _load_average()}
    load = asyncio.run(_load(base, args.rate, int(args.rate * args.seconds), kind))
    load["cpu_s"] = {
        "server": round(_cpu_s(server_pid) - before["server"], 1),
        "client": round(_cpu_s() - before["client"], 1),
    }
    load["loadavg_before_after"] = [before["loadavg"], _load_average()]
    load["cpus"] = os.cpu_count()
    writing_at_end = writer.poll() is None  # did the ingest overlap the whole load?
    load["ingest"] = {
        "articles": args.writes,
        "exit_code": writer.wait(timeout=900),
        "seconds": round(time.monotonic() - writer_started, 1),
        "still_writing_when_load_ended": writing_at_end,
    }
    return load


def _write(report: dict[str, Any], path: Path | None) -> None:
    if path:  # after each part, so a later failure keeps what was measured
        path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--examples", type=int, default=30)
    parser.add_argument("--writes", type=int, default=500, help="Articles ingested meanwhile.")
    parser.add_argument(
        "--clients", default="httpx,raw", help="Load phases, one per client: httpx and/or raw."
    )
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
        for kind in args.clients.split(","):
            key = "load" if kind == "httpx" else f"load_{kind}"
            report[key] = _load_while_writing(base, server.pid, db, work, args, kind)
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
