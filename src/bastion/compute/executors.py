"""Executors: where independent tasks (ensemble chunks, sweep points) run.

An executor maps a function over items and yields the results **in item order**, with
at most a bounded number of tasks in flight, so memory stays flat however many tasks
there are. Executors are found by name:

``local``
    In this process, one task at a time (the default; fully deterministic scheduling).
``threads``
    A thread pool in this process. NumPy releases the GIL inside its array operations,
    so chunks of the escalation kernel run in parallel on several cores.
``dask``
    A Dask distributed cluster: ``scheduler=ADDRESS`` connects to a running scheduler;
    without an address a ``LocalCluster`` is started for the duration of the work.
    Needs ``pip install 'bastion[dask]'``.

Results do not depend on the executor: every task carries its own seed.
"""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from bastion._optional import import_optional
from bastion.errors import ParameterError

__all__ = ["EXECUTORS", "Executor", "get_executor"]

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Maps a function over items, yielding results in order."""

    name: str

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Apply ``fn`` to each item; yield the results in the items' order."""
        ...


class LocalExecutor:
    """Runs tasks one after another in this process."""

    name = "local"

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Apply ``fn`` to each item in turn."""
        for item in items:
            yield fn(item)


def _bounded(submit: Callable[[T], Any], items: Iterable[T], window: int) -> Iterator[Any]:
    """Submit lazily with at most ``window`` futures in flight; yield them in order."""
    pending: deque[Any] = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


class ThreadExecutor:
    """A thread pool; ``workers`` defaults to the number of CPU cores."""

    name = "threads"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        if self.workers < 1:
            raise ParameterError(f"workers must be at least 1; got {workers}")

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Apply ``fn`` to the items on the pool, two tasks in flight per worker.

        BLAS libraries are limited to one thread each meanwhile: the pool already uses the
        cores, and nested BLAS threads would contend for them.
        """
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(self.workers) as pool:
            futures = _bounded(lambda item: pool.submit(fn, item), items, 2 * self.workers)
            for future in futures:
                yield future.result()


class DaskExecutor:
    """A Dask distributed cluster (an address, or a LocalCluster started on demand)."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None) -> None:
        self.scheduler = scheduler
        self.workers = workers
        import_optional("dask.distributed", extra="dask", purpose="the Dask executor")

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Apply ``fn`` to the items on the cluster, a bounded number in flight."""
        distributed = import_optional("dask.distributed", extra="dask", purpose="the Dask executor")
        with contextlib.ExitStack() as stack:
            if self.scheduler:
                client = stack.enter_context(distributed.Client(self.scheduler))
            else:
                cluster = stack.enter_context(
                    distributed.LocalCluster(
                        n_workers=self.workers or os.cpu_count() or 1,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                    )
                )
                client = stack.enter_context(distributed.Client(cluster))
            window = 2 * max(len(client.scheduler_info().get("workers", {})), 1)
            futures: Iterator[Future[R]] = _bounded(
                lambda item: client.submit(fn, item, pure=False), items, window
            )
            for future in futures:
                yield future.result()


EXECUTORS: dict[str, Callable[..., Executor]] = {
    "local": lambda **_: LocalExecutor(),
    "threads": lambda workers=None, **_: ThreadExecutor(workers),
    "dask": lambda workers=None, scheduler=None: DaskExecutor(scheduler, workers),
}


def get_executor(
    name: str | Executor = "local", *, workers: int | None = None, scheduler: str | None = None
) -> Executor:
    """The executor called ``name`` (``local``, ``threads`` or ``dask``), or ``name`` itself."""
    if not isinstance(name, str):
        return name
    try:
        factory = EXECUTORS[name]
    except KeyError:
        raise ParameterError(
            f"unknown executor {name!r}; expected one of: {', '.join(EXECUTORS)}"
        ) from None
    return factory(workers=workers, scheduler=scheduler)
