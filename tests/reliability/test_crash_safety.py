"""Crash safety: exports appear whole or not at all; kill -9 trials (5 here, 50 in
`make reliability`) lose and duplicate nothing on SQLite and, where configured, PostgreSQL."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from brinkwatch.store.atomic import atomic_output

ROOT = Path(__file__).resolve().parents[2]


def test_an_export_that_fails_midway_leaves_the_old_file(tmp_path: Path):
    out = tmp_path / "events.tsv"
    out.write_text("old complete export\n")
    with pytest.raises(RuntimeError), atomic_output(str(out)) as handle:
        handle.write("half of a new")
        raise RuntimeError("killed")
    assert out.read_text() == "old complete export\n"
    assert not (tmp_path / "events.tsv.part").exists()
    with atomic_output(str(out)) as handle:
        handle.write("new\n")
    assert out.read_text() == "new\n" and os.listdir(tmp_path) == ["events.tsv"]


@pytest.mark.slow
def test_five_kill_9_trials_pass(tmp_path: Path):
    report = tmp_path / "trials.json"
    command = [sys.executable, str(ROOT / "scripts" / "kill_trials.py"), "--trials", "5"]
    command += ["--articles", "12", "--seed", "5", "--json", str(report)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(command, capture_output=True, text=True, timeout=1_200, env=env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert '"passed": 5' in report.read_text()
