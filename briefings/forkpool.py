"""Work spread over forked worker processes: analysis and rendering of large sites.

Forked workers inherit everything the parent holds (the corpus, the pages, the analyzer), so only
indices go to them and only results come back. Each worker prepares its own state once (a Jinja2
environment compiles its templates), through the `setup` it is given.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

R = TypeVar("R")

Setup = Callable[[], Callable[[int], Any]]
"""Run once in each worker: returns the function that does the work for one index."""


def workers() -> int:
    """How many worker processes may run: 0 where there is one core or no `fork`."""
    count = min(os.cpu_count() or 1, 8)
    return count if count >= 2 and "fork" in mp.get_all_start_methods() else 0


def fork_map(setup: Callable[[], Callable[[int], R]], count: int, chunk: int) -> list[R]:
    """`work(i)` for i in range(count), in order, `work` being what `setup` returns in each
    worker. Callers check `workers()` first."""
    with ProcessPoolExecutor(
        min(workers(), count),
        mp_context=mp.get_context("fork"),
        initializer=_start,
        initargs=(setup,),
    ) as pool:
        return list(pool.map(_run, range(count), chunksize=chunk))


# In each worker process: its work function, set once when it starts.
_work: dict[str, Callable[[int], Any]] = {}


def _start(setup: Setup) -> None:
    _work["run"] = setup()


def _run(index: int) -> Any:
    return _work["run"](index)
