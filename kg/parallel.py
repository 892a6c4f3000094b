"""Running one function over many inputs, results in input order: here, in processes, on Dask.

:func:`ordered_map` is the build's only way to run the per-document stages.  With one job
it calls the function in this process; with ``jobs`` > 1 it uses a pool of worker
processes, forked when this process runs a single thread (they start with its imports
done), else started with ``spawn``; each loads the spaCy pipeline once; with a Dask
scheduler address it
submits one task per input to that cluster.  Dask is imported only then.

Results come back in the order of the inputs whatever order they finish in, and at most
``window`` inputs are in flight, so a slow first input does not make the others pile up
in memory.

:func:`in_background` runs one function in a forked child process while this process goes
on: a build with more than one job writes its page, report and exports that way while it
writes its RDF.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import traceback
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, TypeVar

from kg.errors import PathError

Item = TypeVar("Item")
Result = TypeVar("Result")

__all__ = ["ordered_map", "in_background", "Background", "SchedulerError", "WorkerError",
           "default_jobs"]


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


def _start_method() -> str:
    """``fork`` where it is safe, so that the workers start with this process's imports
    done (a second of a 10 MB build on two cores); else ``spawn``.  A child gets no thread
    but the caller's: forking is unsafe once Python threads run here or the model runtime
    (onnxruntime) is loaded, whose thread pools the child would wait on forever.  (The
    numerical library's pool, started by importing numpy, re-forms itself in a child.)"""
    safe = threading.active_count() == 1 and "onnxruntime" not in sys.modules
    return "fork" if safe and "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _worker_start(initializer: Callable[[], None] | None) -> None:
    # Ctrl-C goes to the whole process group; the parent alone decides what happens.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer()


def _in_processes(function, items, jobs, initializer) -> Iterator:
    """Results in input order from a pool of ``jobs`` processes.  When a worker dies, every
    item still in the pool fails with it: each is run again alone, so that the one that
    kills its worker is the one reported, and the others go on in a new pool."""
    def new_pool(size: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(size, mp_context=multiprocessing.get_context(_start_method()),
                                   initializer=_worker_start, initargs=(initializer,))

    pool = new_pool(jobs)
    window = 2 * jobs
    pending: deque = deque()

    def next_result():
        nonlocal pool
        item, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        pool.shutdown(wait=True, cancel_futures=True)
        result = _alone(function, item, new_pool)     # raises if the item kills it again
        pool = new_pool(jobs)
        for index, (other, _future) in enumerate(pending):
            pending[index] = (other, pool.submit(function, other))
        return result

    try:
        for item in items:
            pending.append((item, pool.submit(function, item)))
            if len(pending) >= window:
                yield next_result()
        while pending:
            yield next_result()
    finally:
        for _item, future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _alone(function, item, new_pool):
    """``function(item)`` in a pool of its own: the item a dead worker was on, or one that
    died with it."""
    pool = new_pool(1)
    try:
        return pool.submit(function, item).result()
    except BrokenProcessPool:
        raise WorkerError(item, "a worker process died while working on it (killed, out "
                                "of memory, or started from a script that lacks "
                                "`if __name__ == '__main__':`)") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


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


class Background:
    """A call running in a forked child process; :meth:`result` waits for its answer.

    Where this platform cannot fork, the call runs in this process when its result is
    asked for.
    """

    def __init__(self, function: Callable[..., Result], *args):
        self._call = (function, args)
        self._process = self._connection = None
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self._connection, child_end = context.Pipe(duplex=False)
            self._process = context.Process(target=_background_child,
                                            args=(child_end, function, args), daemon=True)
            self._process.start()
            child_end.close()

    def result(self) -> Result:
        """The call's value, or its exception raised here (its traceback in the child
        chained as the cause)."""
        if self._process is None:
            function, args = self._call
            return function(*args)
        try:
            answer = self._connection.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(f"the process running {self._call[0].__name__} died "
                               f"(exit code {self._process.exitcode})") from None
        finally:
            self._connection.close()
        self._process.join()
        kind, value, remote = answer
        if kind == "error":
            value.__cause__ = _RemoteTraceback(remote)
            raise value
        return value

    def cancel(self) -> None:
        """Stop the child if it still runs (after an error or an interruption here)."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()


def in_background(function: Callable[..., Result], *args) -> Background:
    """``function(*args)`` started in a forked child process, which sees this process's
    memory as it is now (copy-on-write): no pickling of the arguments, only of the value.

    The child has only the calling thread: ``function`` must not use a library whose
    worker threads this process started (an Oxigraph store opened here before hangs
    in the child when it opens another).
    """
    return Background(function, *args)


class _RemoteTraceback(Exception):
    def __init__(self, text: str):
        super().__init__(text)

    def __str__(self) -> str:
        return self.args[0]


def _background_child(connection, function, args) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # the parent decides what happens
    try:
        answer = ("ok", function(*args), "")
    except BaseException as error:
        answer = ("error", error, traceback.format_exc())
    try:
        connection.send(answer)
    except Exception:   # an exception that cannot be pickled: its text is enough
        error = answer[1]
        connection.send(("error", RuntimeError(f"{type(error).__name__}: {error}"),
                         answer[2]))
    connection.close()
