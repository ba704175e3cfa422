"""An edit's search index made in a process of its own, forked from the build once the site is
analysed.

Made in a thread of the build's process, the index's Python work (the edited shard's pages and
the lexicon's, Pagefind's requests and answers: about 0.1 CPU s at 4,000 articles) took the
interpreter lock from the linking, planning and rendering beside it, and Pagefind waited for its
pages while the build's thread held the lock. A process forked while the build has no other
thread (at the end of the analysis, before any index or worker starts) has a lock of its own:
it makes the pages and feeds Pagefind on the core the build leaves, at about 3 ms for the fork
at 4,000 articles (170 MB). The index comes back pickled through a file when the build asks for
it. (Branch `searchidx-fork` tried the same for a cold build, whose child copies much of the
corpus; not kept.)
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import tempfile
from collections.abc import Callable
from typing import IO, Generic, TypeVar

T = TypeVar("T")


class Forked(Generic[T]):
    """`work()` run in a forked child; `result` is what it returned, or raises what it raised.

    The child writes its answer into a file, not a pipe, and leaves at once: through a pipe (64 KB)
    it waited for the build to read its megabyte, and while it lived, each page of memory the
    build wrote to for the first time was copied (copy-on-write)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._answer: IO[bytes] | None = tempfile.TemporaryFile()  # noqa: SIM115
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _child(work, self._answer.fileno())
        self._pid = pid

    def result(self) -> T:
        """Waits for the child; raises what `work` raised there."""
        self._reap()
        answer, self._answer = self._answer, None
        assert answer is not None
        with answer:
            answer.seek(0)
            data = answer.read()
        if not data:
            raise RuntimeError("the search index's process stopped before it was done")
        done, value = pickle.loads(data)
        if done:
            return value  # type: ignore[no-any-return]
        raise value

    def cancel(self) -> None:
        """Stop the child (its Pagefind services end with it, their input closed)."""
        if self._pid > 0:  # not yet reaped (0 would be the whole process group)
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        self._reap()
        if self._answer is not None:
            self._answer.close()
            self._answer = None

    def _reap(self) -> None:
        if self._pid > 0:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = 0


def _child(work: Callable[[], T], answer: int) -> None:
    code = 0
    try:
        # The parent's descriptors stay open: the caches' tails are read through them (`pread`,
        # no shared position). It is forked before the build makes its staging folder and takes
        # that folder's lock, so it holds no lock of the build's.
        try:
            payload = pickle.dumps((True, work()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # raised again in the build's process
            payload = _failure(error)
        with open(answer, "wb", closefd=False) as file:
            file.write(payload)
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # nothing of the parent's (atexit, buffered output) run or written twice


def _failure(error: BaseException) -> bytes:
    try:
        data = pickle.dumps((False, error), protocol=pickle.HIGHEST_PROTOCOL)
        pickle.loads(data)  # an exception whose arguments do not make it again
        return data
    except Exception:
        return pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))
