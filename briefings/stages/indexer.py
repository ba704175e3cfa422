"""The search index made in a process of its own, forked from the build once its site is linked.

Made in a thread of the build's process, the index's own Python work (its pages, Pagefind's
answers: about 1.4 s of CPU at 4,000 articles) took the interpreter lock from the rendering
beside it, and could start only once the render workers were forked: a thread alive at a fork
leaves the locks it holds taken forever in the child. A process forked before them, while the
build has no other thread, has a lock of its own and starts at once: it feeds Pagefind while the
pages are planned and the theme's templates compiled (one core idle), then beside the renderers.
The index comes back pickled through a pipe when the build asks for it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Forked(Generic[T]):
    """`work()` run in a forked child; `result` is what it returned, or raises what it raised."""

    def __init__(self, work: Callable[[], T]) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read)
            _child(work, write)
        os.close(write)
        self._pid = pid
        self._read = read

    def result(self) -> T:
        """Waits for the child; raises what `work` raised there."""
        with open(self._read, "rb") as pipe:
            self._read = -1
            data = pipe.read()
        self._reap()
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
        if self._read >= 0:
            os.close(self._read)
            self._read = -1

    def _reap(self) -> None:
        if self._pid > 0:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = 0


def _child(work: Callable[[], T], write: int) -> None:
    code = 0
    try:
        try:
            payload = pickle.dumps((True, work()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # raised again in the build's process
            payload = _failure(error)
        with open(write, "wb") as pipe:
            pipe.write(payload)
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
