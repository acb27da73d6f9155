"""`brinkwatch batch --engine dask`, run as users run it: the console script in a subprocess
(Dask spawns its worker processes, so the entry point's `__main__` handling is exercised)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.batch.helpers import (
    BRINKWATCH,
    CORPUS_MD,
    cli_env,
    dataset_events,
    dataset_rows,
    golden_events,
)

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


def _batch(out: Path, *args: str) -> subprocess.Popen[str]:
    argv = [BRINKWATCH, "batch", str(CORPUS_MD), "--out", str(out), "--engine", "dask", *args]
    return subprocess.Popen(
        argv, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finish(proc: subprocess.Popen[str], timeout: float = 400) -> str:
    _, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err[-3000:]
    return err


def test_dask_local_cluster_gives_the_events_of_code(tmp_path):
    out = tmp_path / "out"
    summary = _finish(_batch(out, "--workers", "2", "--partition-size", "4"))
    assert "4 partitions (0 already written), 16 articles" in summary
    assert dataset_events(out) == golden_events()


def test_a_killed_worker_is_retried_and_no_event_is_lost_or_doubled(tmp_path):
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = distributed.Client(cluster)
    try:
        out = tmp_path / "out"
        proc = _batch(out, "--scheduler", cluster.scheduler_address, "--partition-size", "1")
        markers = out / "_partitions"
        deadline = time.monotonic() + 300
        while not (markers.is_dir() and any(markers.iterdir())):  # the first partition is done
            assert proc.poll() is None and time.monotonic() < deadline, "batch ended early"
            time.sleep(0.05)
        pids = client.run(os.getpid)
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)
        done_at_kill = len(list(markers.iterdir()))
        _finish(proc)
        assert done_at_kill < 16, "the worker was killed after the run, not during it"
        client.wait_for_workers(2, timeout=120)
        assert victim not in client.run(os.getpid).values()  # the nanny started a new one
        assert dataset_events(out) == golden_events()
        ids = [a["id"] for a in dataset_rows(out, "articles")]
        assert len(ids) == len(set(ids)) == 16
    finally:
        client.close()
        cluster.close()
