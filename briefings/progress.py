"""A progress bar on a terminal, for builds long enough to want one.

The stages say where they are (`stage`, then `advance`); nothing is shown unless the command
opened a bar (`shown`) on a terminal, and then only once the build has taken DELAY seconds, so a
quick build prints its summary and nothing else. The bar is one line drawn over itself with a
carriage return, erased before anything else is printed (`pause`) and when the build ends. A log,
a pipe, CI (`CI` set) or `TERM=dumb` get none of it.

Forked workers inherit the bar: only the process that opened it draws, and a worker's results
count when they come back to it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from .console import is_terminal

DELAY = 1.0
"""Seconds a build runs before its bar shows; `BRIEFINGS_PROGRESS_DELAY` changes it (tests)."""
REDRAW = 0.1
"""Seconds between two drawings of the bar, at most ten a second."""
_ERASE = "\r\x1b[2K"


class Bar:
    def __init__(self, stream: TextIO, delay: float) -> None:
        self.stream = stream
        self.delay = delay
        self.pid = os.getpid()
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.label = ""
        self.total = 0
        self.done = 0
        self.drawn = False
        self.last = 0.0

    def stage(self, label: str, total: int) -> None:
        with self.lock:
            self.label, self.total, self.done = label, total, 0
            self._draw(force=True)

    def advance(self, count: int) -> None:
        with self.lock:
            self.done = min(self.done + count, self.total)
            self._draw(force=self.done == self.total)

    def pause(self) -> None:
        """Erase the bar, for a line to be printed in its place; the next step draws it again."""
        with self.lock:
            self._erase()

    def close(self) -> None:
        with self.lock:
            self._erase()
            self.label = ""

    def _erase(self) -> None:
        if self.drawn:
            self._write(_ERASE)
            self.drawn = False

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.label or now - self.started < self.delay:
            return
        if not force and now - self.last < REDRAW:
            return
        self.last = now
        columns = _columns(self.stream)
        if self.total:
            count = f" {self.done}/{self.total}"
            width = max(10, min(40, columns - len(self.label) - len(count) - 4))
            filled = width * self.done // self.total
            line = f"{self.label} [{'#' * filled}{'.' * (width - filled)}]{count}"
        else:
            line = f"{self.label}…"
        self._write(_ERASE + line[: max(columns - 1, 1)])
        self.drawn = True

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: the build goes on
            pass


def _columns(stream: TextIO) -> int:
    """The terminal's width; 80 where it says none (a new pseudo-terminal says 0)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size(stream.fileno())[0]
    except (OSError, ValueError, AttributeError):
        columns = 0
    return columns if columns > 0 else 80


_active: Bar | None = None


def _bar() -> Bar | None:
    bar = _active
    return bar if bar is not None and bar.pid == os.getpid() else None


def stage(label: str, total: int = 0) -> None:
    """A stage of the build begins: `label` (`analysing articles`), `total` steps (0: unknown)."""
    bar = _bar()
    if bar is not None:
        bar.stage(label, total)


def advance(count: int = 1) -> None:
    """`count` more steps of the current stage are done."""
    bar = _bar()
    if bar is not None:
        bar.advance(count)


def pause() -> None:
    """Erase the bar before printing a line (it comes back at the next step)."""
    bar = _bar()
    if bar is not None:
        bar.pause()


def wanted(stream: TextIO) -> bool:
    """Whether a bar may be drawn on `stream`: a terminal, outside CI."""
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


@contextmanager
def shown(stream: TextIO, enabled: bool = True) -> Iterator[None]:
    """A bar on `stream` while the block runs, if `enabled` and `wanted(stream)`."""
    global _active
    if not enabled or not wanted(stream) or _bar() is not None:
        yield
        return
    try:
        delay = float(os.environ.get("BRIEFINGS_PROGRESS_DELAY", DELAY))
    except ValueError:
        delay = DELAY
    bar = Bar(stream, delay)
    _active = bar
    try:
        yield
    finally:
        _active = None
        bar.close()
