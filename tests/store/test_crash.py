"""kill -9 in the middle of an ingest, then the same command again: every article stored once."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

PLACES = ["the shoal", "the strait", "the border", "the reef", "the harbour", "the capital"]
ACTORS = ["China", "Japan", "India", "Pakistan", "Russia", "Ukraine", "Iran", "Israel"]
VERBS = ["accused", "warned", "praised", "criticised", "thanked", "threatened"]


def _write_corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        a, b = ACTORS[i % 8], ACTORS[(i // 8 + i + 1) % 8]
        lines = [
            f"{a} {VERBS[i % 6]} {b} on Tuesday over an incident near {PLACES[i % 6]}.",
            f"Officials said report number {i} was filed after {i % 13 + 2} ships met.",
            f"{b} said it would answer within {i % 7 + 1} days, according to its ministry.",
        ]
        (folder / f"{i:04d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def _command(folder: Path, db: Path) -> list[str]:
    code = "from brinkwatch.cli.main import main; main()"
    return [
        sys.executable,
        "-c",
        code,
        "ingest",
        str(folder),
        "--db",
        str(db),
        "--commit-every",
        "2",
    ]


@pytest.mark.slow
def test_kill_9_then_rerun_stores_every_article_exactly_once(tmp_path: Path) -> None:
    total = 300
    folder, db = tmp_path / "news", tmp_path / "store.db"
    _write_corpus(folder, total)
    proc = subprocess.Popen(_command(folder, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _count(db) < 6 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, (
        "ingest ended before it could be killed: " + proc.stderr.read().decode()
    )
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored_before = _count(db)
    assert 0 < stored_before < total

    rerun = subprocess.run(_command(folder, db), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{total - stored_before} new, {stored_before} already stored" in rerun.stdout
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT count(*), count(DISTINCT content_hash) FROM articles"
        ).fetchone()
        paths = conn.execute("SELECT count(DISTINCT origin_path) FROM articles").fetchone()[0]
        orphans = conn.execute(
            "SELECT count(*) FROM events WHERE article_pk NOT IN (SELECT pk FROM articles)"
        ).fetchone()[0]
    assert rows == (total, total) and paths == total and orphans == 0
