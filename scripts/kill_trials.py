"""kill -9 trials: `ingest`, `watch --once` and `export` killed at random points, then run again.

    python scripts/kill_trials.py [--trials 50] [--seed 18] [--articles 30] [--json out.json]

Each trial picks a command and a store (SQLite, and PostgreSQL where BRINKWATCH_TEST_PG_URL names
a throw-away database: its schema is dropped), starts the command, kills it with SIGKILL after a
random number of stored articles (or a random delay, for exports), runs it again to the end and
checks: no article lost or stored twice, no event or quote duplicated or lost (counts equal an
uninterrupted run's), no orphan rows, `PRAGMA integrity_check` ok; an export's final file is
either absent or complete after the kill, and complete after the rerun.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text

PG_ENV = "BRINKWATCH_TEST_PG_URL"
ACTORS = ["China", "Japan", "India", "Pakistan", "Russia", "Ukraine", "Iran", "Israel"]
VERBS = ["accused", "warned", "praised", "criticised", "thanked", "threatened"]
CLI = "from brinkwatch.cli.main import main; main()"


@dataclass
class Trial:
    index: int
    command: str
    store: str
    kill_after: str
    killed: bool = False
    ok: bool = False
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def write_corpus(folder: Path, n: int) -> None:
    """`n` short articles of our own making, each with events and a quote, plus two bad files."""
    folder.mkdir(parents=True)
    for i in range(n):
        a, b = ACTORS[i % 8], ACTORS[(i // 8 + i + 1) % 8]
        body = [
            f"{a} {VERBS[i % 6]} {b} on Tuesday over incident number {i} at the border.",
            f'"We will answer within {i % 7 + 1} days," the foreign minister of {b} said.',
        ]
        (folder / f"{i:04d}.txt").write_text("\n\n".join(body) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("")
    (folder / "binary.md").write_bytes(b"\x00\x01\x02")


def brinkwatch(*args: str) -> list[str]:
    return [sys.executable, "-c", CLI, *args]


def reset(url: str) -> None:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def count(url: str, sql: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar() or 0)
    except Exception:  # not created or not migrated yet
        return 0
    finally:
        engine.dispose()


STATS = {
    "articles": "SELECT count(*) FROM articles WHERE content_hash IS NOT NULL",
    "failures": "SELECT count(*) FROM articles WHERE content_hash IS NULL",
    "distinct_articles": "SELECT count(DISTINCT content_hash) FROM articles",
    "events": "SELECT count(*) FROM events",
    "distinct_events": "SELECT count(*) FROM (SELECT DISTINCT article_pk, event_id FROM events) d",
    "quotes": "SELECT count(*) FROM quotes",
    "distinct_quotes": "SELECT count(*) FROM (SELECT DISTINCT article_pk, quote_id FROM quotes) d",
    "orphan_events": "SELECT count(*) FROM events WHERE article_pk NOT IN (SELECT pk FROM articles)",
    "orphan_quotes": "SELECT count(*) FROM quotes WHERE article_pk NOT IN (SELECT pk FROM articles)",
}


def stats(url: str) -> dict[str, int]:
    return {name: count(url, sql) for name, sql in STATS.items()}


def integrity(url: str) -> str:
    if not url.startswith("sqlite:///"):
        return "ok"  # PostgreSQL: the counts above are the check
    engine = create_engine(url)
    with engine.connect() as conn:
        result = str(conn.execute(text("PRAGMA integrity_check")).scalar())
    engine.dispose()
    return result


def store_command(command: str, folder: Path, url: str) -> list[str]:
    if command == "ingest":
        return brinkwatch("ingest", str(folder), "--db", url, "--commit-every", "2")
    return brinkwatch("watch", str(folder), "--once", "--db", url)


def kill_when(
    proc: subprocess.Popen[bytes], ready: Callable[[], bool], limit_s: float = 300
) -> bool:
    """SIGKILL `proc` once `ready()` holds; False when it finished first."""
    deadline = time.monotonic() + limit_s
    while proc.poll() is None and time.monotonic() < deadline:
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.02)
    proc.wait()
    return False


def store_trial(
    trial: Trial, rng: random.Random, folder: Path, url: str, want: dict[str, int]
) -> None:
    reset(url)
    target = rng.randint(0, want["articles"] - 1)
    trial.kill_after = f"{target} articles stored"
    proc = subprocess.Popen(
        store_command(trial.command, folder, url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    trial.killed = kill_when(proc, lambda: count(url, STATS["articles"]) >= target)
    rerun = subprocess.run(
        store_command(trial.command, folder, url), capture_output=True, text=True, timeout=600
    )
    if rerun.returncode != 0:
        trial.problems.append(f"rerun failed: {rerun.stderr[-300:]}")
    got = stats(url)
    for name in ("articles", "failures", "events", "quotes"):
        if got[name] != want[name]:
            trial.problems.append(f"{name}: {got[name]} stored, {want[name]} expected")
    for name in ("articles", "events", "quotes"):
        if got[f"distinct_{name}"] != got[name]:
            trial.problems.append(f"duplicated {name}: {got[name] - got[f'distinct_{name}']}")
    if got["orphan_events"] or got["orphan_quotes"]:
        trial.problems.append("orphan rows")
    if (check := integrity(url)) != "ok":
        trial.problems.append(f"integrity_check: {check[:200]}")


def export_trial(trial: Trial, rng: random.Random, url: str, out: Path) -> None:
    out.unlink(missing_ok=True)
    delay = rng.uniform(0.0, 4.0)
    trial.kill_after = f"{delay:.2f} s"
    command = brinkwatch(
        "export", "--db", url, "--format", rng.choice(["gdelt", "jsonl", "csv"]), "-o", str(out)
    )
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    trial.killed = kill_when(proc, lambda: time.monotonic() - started >= delay)
    expected = subprocess.run([*command[:-2], "-o", "-"], capture_output=True, timeout=300).stdout
    if out.exists() and out.read_bytes() != expected:
        trial.problems.append("a killed export left an incomplete file under the final name")
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if rerun.returncode != 0 or not out.exists() or out.read_bytes() != expected:
        trial.problems.append("the export run again did not write the complete file")
    if not expected:
        trial.problems.append("empty export")


def run(trials: int, seed: int, articles: int, workdir: Path) -> list[Trial]:
    rng = random.Random(seed)
    folder = workdir / "news"
    write_corpus(folder, articles)
    stores = {"sqlite": f"sqlite:///{workdir / 'trial.db'}"}
    if os.environ.get(PG_ENV):
        stores["postgresql"] = os.environ[PG_ENV]
    reference: dict[str, dict[str, int]] = {}
    for name, url in stores.items():  # an uninterrupted run gives the counts to expect
        reset(url)
        subprocess.run(
            store_command("ingest", folder, url), check=True, capture_output=True, timeout=600
        )
        reference[name] = stats(url)
    results = []
    for index in range(trials):
        store = list(stores)[index % len(stores)]
        command = rng.choice(["ingest", "watch", "export"])
        trial = Trial(index, command, store, "")
        started = time.monotonic()
        if command == "export":
            url = stores[store]
            if stats(url) != reference[store]:  # the last trial failed: start from a whole store
                reset(url)
                subprocess.run(
                    store_command("ingest", folder, url),
                    check=True,
                    capture_output=True,
                    timeout=600,
                )
            export_trial(trial, rng, url, workdir / "export.out")
        else:
            store_trial(trial, rng, folder, stores[store], reference[store])
        trial.ok = not trial.problems
        trial.seconds = round(time.monotonic() - started, 1)
        print(json.dumps(asdict(trial)), flush=True)
        results.append(trial)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bw-kill-"))
    try:
        results = run(args.trials, args.seed, args.articles, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    passed = sum(t.ok for t in results)
    summary = {
        "trials": len(results),
        "passed": passed,
        "killed_midway": sum(t.killed for t in results),
        "by_command": {
            c: sum(t.command == c for t in results) for c in ("ingest", "watch", "export")
        },
        "by_store": {s: sum(t.store == s for t in results) for s in {t.store for t in results}},
        "problems": [
            f"trial {t.index} ({t.command}, {t.store}): {p}" for t in results for p in t.problems
        ],
    }
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
