"""Running one function over many inputs, results in input order: here, in processes, on Dask.

:func:`ordered_map` is the build's only way to run the per-document stages.  With one job
it calls the function in this process; with ``jobs`` > 1 it uses a pool of worker
processes started with the ``spawn`` method (each worker pays the imports and the spaCy
pipeline once; no state is inherited by forking); with a Dask scheduler address it
submits one task per input to that cluster.  Dask is imported only then.

Results come back in the order of the inputs whatever order they finish in, and at most
``window`` inputs are in flight, so a slow first input does not make the others pile up
in memory.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, TypeVar

from kg.errors import PathError

Item = TypeVar("Item")
Result = TypeVar("Result")

__all__ = ["ordered_map", "SchedulerError", "WorkerError", "default_jobs"]


class SchedulerError(PathError):
    """The Dask scheduler cannot be used; ``str()`` is one line naming its address."""


class WorkerError(PathError):
    """A worker process died with an input; ``str()`` is one line naming the input."""


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def ordered_map(function: Callable[[Item], Result], items: Iterable[Item], jobs: int = 1,
                scheduler: str | None = None,
                initializer: Callable[[], None] | None = None) -> Iterator[Result]:
    """``function(item)`` for each item, yielded in the order of ``items``.

    ``function`` and ``initializer`` must be importable module-level functions when they
    run elsewhere (``jobs`` > 1 or ``scheduler``); on a Dask cluster the initializer is not
    used — the function must prepare what it needs on first use.
    """
    if scheduler:
        return _on_dask(function, items, scheduler)
    if jobs > 1:
        return _in_processes(function, items, jobs, initializer)
    return map(function, items)


def _worker_start(initializer: Callable[[], None] | None) -> None:
    # Ctrl-C goes to the whole process group; the parent alone decides what happens.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer()


def _in_processes(function, items, jobs, initializer) -> Iterator:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_start,
                               initargs=(initializer,))
    window = 2 * jobs
    pending: deque = deque()
    try:
        for item in items:
            pending.append((item, pool.submit(function, item)))
            if len(pending) >= window:
                yield _result(*pending.popleft())
        while pending:
            yield _result(*pending.popleft())
    finally:
        for _item, future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _result(item, future):
    try:
        return future.result()
    except BrokenProcessPool:
        raise WorkerError(item, "a worker process died while working on it (killed, out "
                                "of memory, or started from a script that lacks "
                                "`if __name__ == '__main__':`)") from None


def _on_dask(function, items, address: str) -> Iterator:
    try:
        from dask.distributed import Client
    except ImportError:
        raise SchedulerError(address, "--scheduler needs Dask: pip install 'dask[distributed]'") \
            from None
    try:
        client = Client(address, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise SchedulerError(address, f"cannot connect to the Dask scheduler ({reason})") from None
    pending: deque = deque()
    try:
        window = 2 * max(1, sum(client.nthreads().values()))
        for item in items:
            pending.append((item, client.submit(function, item, pure=False)))
            if len(pending) >= window:
                yield _dask_result(*pending.popleft())
        while pending:
            yield _dask_result(*pending.popleft())
    finally:
        if pending:
            client.cancel([future for _item, future in pending])
        client.close()


def _dask_result(item, future):
    try:
        return future.result()
    except Exception as error:  # the task's own errors are answers; this is the cluster's
        reason = str(error).splitlines()[0] if str(error) else ""
        raise WorkerError(item, f"lost on the Dask cluster ({type(error).__name__}"
                                + (f": {reason})" if reason else ")")) from error
