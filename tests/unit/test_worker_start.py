"""Workers start with OpenBLAS told its thread count; the parent's environment is left alone."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from brinkwatch.workers import _blas_threads_at_start


def _child_env(queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    queue.put(os.environ.get("OPENBLAS_NUM_THREADS"))


def test_a_spawned_worker_sees_the_thread_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    with _blas_threads_at_start(3):
        child = context.Process(target=_child_env, args=(queue,))
        child.start()
    child.join(60)
    assert queue.get(timeout=5) == "3"
    assert "OPENBLAS_NUM_THREADS" not in os.environ


def test_a_users_setting_stands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    with _blas_threads_at_start(1):
        assert os.environ["OPENBLAS_NUM_THREADS"] == "4"
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"


def test_the_environment_is_restored_when_starting_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    with pytest.raises(RuntimeError), _blas_threads_at_start(1):
        raise RuntimeError("no processes")
    assert "OPENBLAS_NUM_THREADS" not in os.environ
