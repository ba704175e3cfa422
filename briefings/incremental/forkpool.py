"""Work spread over forked worker processes: analysis and rendering of large sites.

Forked workers inherit everything the parent holds (the corpus, the pages, the analyzer), so only
indices go to them and only results come back. Each worker prepares its own state once (a Jinja2
environment compiles its templates), through the `setup` it is given.

The calling process takes a share of the work too, with one worker fewer. A forked worker copies
every page of the parent's memory whose objects it touches (reference counts are written even to
read an object), so each worker costs about as much memory as the corpus it renders from; the
parent pays that only once, whether it waits or works.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .. import progress

if TYPE_CHECKING:
    from concurrent.futures import Future

# `multiprocessing` and the process pool are imported when workers are forked: an edit, whose
# few pages and one article are made in this process, does without them (15 ms of imports).

R = TypeVar("R")

Setup = Callable[[], Callable[[int], Any]]
"""Run once in each worker: returns the function that does the work for one index."""


SWITCH_INTERVAL = 0.0002
"""Seconds between interpreter-lock hand-overs while the caller works beside the workers."""


def workers() -> int:
    """How many processes may work, the caller included: 0 where there is one core or no
    `fork`."""
    count = min(os.cpu_count() or 1, 8)
    # `multiprocessing` offers "fork" as a start method wherever `os` has `fork` (not on
    # Windows): asked of `os`, without importing `multiprocessing`.
    return count if count >= 2 and hasattr(os, "fork") else 0


def fork_map(
    setup: Callable[[], Callable[[int], R]],
    count: int,
    chunk: int,
    forked: Callable[[], None] | None = None,
) -> list[R]:
    """`work(i)` for i in range(count), in order, `work` being what `setup` returns in each
    process. Callers check `workers()` first. `forked` is called in this process once the
    workers are forked (at once when there are none): what starts a thread waits for it.

    The workers take chunks of `chunk` indices from the front, the caller from the back, until
    they meet: a chunk is the caller's only if it can still be withdrawn from the pool."""
    starts = range(0, count, chunk)
    helpers = min(workers(), len(starts)) - 1
    if helpers < 1:
        if forked is not None:
            forked()
        work = setup()
        return [_counted(work(i)) for i in range(count)]
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    done: list[list[R] | None] = [None] * len(starts)
    with ProcessPoolExecutor(
        helpers, mp_context=mp.get_context("fork"), initializer=_start, initargs=(setup,)
    ) as pool:
        futures = [pool.submit(_run, start, min(start + chunk, count)) for start in starts]
        if forked is not None:
            forked()  # a fork-started pool forks all its workers at the first `submit`
        for start, future in zip(starts, futures, strict=True):
            size = min(start + chunk, count) - start
            future.add_done_callback(
                lambda done, size=size: None if done.cancelled() else progress.advance(size)
            )
        # The pool's thread in this process reads the workers' results (megabytes of analyses;
        # the render workers stage their pages themselves) in pipe-sized pieces, waiting for the
        # interpreter lock after each while this thread works: with the default 5 ms switch
        # interval a worker waited seconds to hand its results over. A shorter one, while the
        # caller works, keeps the workers fed.
        interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        try:
            work = setup()
            for k in reversed(range(len(starts))):
                if not futures[k].cancel():
                    break  # the workers have it, and every chunk before it
                done[k] = [work(i) for i in range(starts[k], min(starts[k] + chunk, count))]
                progress.advance(len(done[k]))
            return [item for k, future in enumerate(futures) for item in _chunk(done[k], future)]
        finally:
            sys.setswitchinterval(interval)
            for future in futures:
                future.cancel()  # after an error, the workers stop at the chunks they hold


def _counted(result: R) -> R:
    progress.advance()
    return result


def _chunk(mine: list[R] | None, future: Future[list[R]]) -> list[R]:
    return mine if mine is not None else future.result()


# In each worker process: its work function, set once when it starts.
_work: dict[str, Callable[[int], Any]] = {}


def _start(setup: Setup) -> None:
    _work["run"] = setup()


def _run(start: int, stop: int) -> list[Any]:
    work = _work["run"]
    return [work(index) for index in range(start, stop)]
