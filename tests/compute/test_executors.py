"""Executors give the same results as local execution, in order, with bounded memory."""

from __future__ import annotations

import importlib.util
import threading

import pytest

from bastion import ParameterError, Scenario
from bastion.compute import get_executor
from bastion.compute.executors import _bounded
from bastion.escalation import run_ensemble


def test_threads_yield_in_order() -> None:
    out = list(get_executor("threads", workers=3).map(lambda x: x * x, range(20)))
    assert out == [x * x for x in range(20)]


def test_bounded_window_limits_tasks_in_flight() -> None:
    submitted: list[int] = []
    stream = _bounded(lambda item: submitted.append(item) or item, range(100), window=4)
    first = next(stream)
    assert first == 0
    assert len(submitted) == 4  # only the window was submitted before the first result


def test_unknown_executor() -> None:
    with pytest.raises(ParameterError, match="unknown executor 'mpi'; expected one of: local"):
        get_executor("mpi")


def test_thread_executor_really_runs_in_parallel_threads() -> None:
    names: set[str] = set()
    barrier = threading.Barrier(2, timeout=10)

    def task(_: int) -> None:
        names.add(threading.current_thread().name)
        barrier.wait()  # deadlocks (times out) unless two tasks run at once

    list(get_executor("threads", workers=2).map(task, range(2)))
    assert len(names) == 2


def test_ensemble_results_do_not_depend_on_the_executor(mechanisms: Scenario) -> None:
    local = run_ensemble(mechanisms, 4000, seed=8, chunk_size=1000)
    threads = run_ensemble(mechanisms, 4000, seed=8, chunk_size=1000, executor="threads")
    assert threads.summary.to_dict() == local.summary.to_dict()
    assert threads.executor == "threads"


@pytest.mark.requires_dask
@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="needs bastion[dask]")
def test_dask_local_cluster_gives_identical_results(mechanisms: Scenario) -> None:
    local = run_ensemble(mechanisms, 3000, seed=4, chunk_size=1000)
    dask = run_ensemble(mechanisms, 3000, seed=4, chunk_size=1000, executor="dask", workers=2)
    assert dask.summary.to_dict() == local.summary.to_dict()
    assert dask.executor == "dask"
