"""The forked worker pool: results in order, the calling process working too, errors raised."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from briefings.incremental import forkpool

pytestmark = pytest.mark.skipif(not forkpool.workers(), reason="needs two cores and fork")


def squares() -> Callable[[int], tuple[int, int]]:
    pid = os.getpid()
    return lambda index: (index * index, pid)


@pytest.mark.parametrize(("count", "chunk"), [(1, 8), (5, 1), (17, 8), (1000, 16)])
def test_results_come_in_order(count: int, chunk: int) -> None:
    results = forkpool.fork_map(squares, count, chunk)
    assert [value for value, _ in results] == [index * index for index in range(count)]


def test_the_caller_takes_chunks_and_workers_take_the_rest() -> None:
    # Each chunk's work is slow enough for the worker to start before the caller is done.
    def slow() -> Callable[[int], int]:
        pid = os.getpid()

        def one(index: int) -> int:
            sum(range(20_000))
            return pid

        return one

    pids = forkpool.fork_map(slow, 2000, 20)
    assert os.getpid() in pids
    assert len(set(pids)) >= 2


def test_an_error_in_a_worker_or_the_caller_is_raised() -> None:
    def failing() -> Callable[[int], int]:
        def one(index: int) -> int:
            if index in (3, 995):  # the first chunk (a worker's) and the last (the caller's)
                raise ValueError(f"item {index}")
            return index

        return one

    with pytest.raises(ValueError, match="item"):
        forkpool.fork_map(failing, 1000, 10)
