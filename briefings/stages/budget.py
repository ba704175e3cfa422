"""The output's size limit (site.yaml's `limits: output_mib`).

Pages are counted as they are staged, by every process that stages them, so that a build
making gigabytes stops at the limit rather than after filling the disk; then the whole site
(pages staged, kept and still in memory) is measured once more before anything is written.
"""

from __future__ import annotations

import mmap
import os
import struct
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..diagnostics import ContentError, Reporter
from ..limits import setting
from ..model import Output
from ..text.yamlread import Value, load

MIB = 1024 * 1024
_COUNT = struct.Struct("q")


class OutputTooLarge(Exception):
    """The site's files come to more than the limit. Raised in worker processes too: its
    arguments are all it holds, so that it pickles."""

    def __init__(self, limit_mib: int, largest: str, size: int) -> None:
        super().__init__(limit_mib, largest, size)
        self.limit_mib = limit_mib
        self.largest = largest
        """The largest file known where it was raised, and its size in bytes."""
        self.size = size


class OutputBudget:
    """The bytes a build may stage, counted in memory that the worker processes it forks
    share with it.

    The count takes no lock (a lock needs a POSIX semaphore, which some containers lack): two
    processes adding at the same instant may lose one page's bytes, which `check_size`, run once
    every page is staged, counts exactly. The count is in an anonymous shared mapping, which
    the processes forked afterwards write to as this one does (what `multiprocessing.RawValue`
    is made of, without the 12 ms of importing `multiprocessing` and `ctypes`)."""

    def __init__(self, limit_mib: int) -> None:
        self.limit_mib = limit_mib
        self._spent = mmap.mmap(-1, _COUNT.size)  # zeroed
        self._largest = ("", 0)
        """This process's largest file, to name when the limit is passed."""

    def spend(self, path: str, size: int) -> None:
        """Count a file about to be staged; raises OutputTooLarge when the files staged by all
        the processes come to more than the limit."""
        if size > self._largest[1]:
            self._largest = (path, size)
        spent = _COUNT.unpack_from(self._spent)[0] + size
        _COUNT.pack_into(self._spent, 0, spent)
        if spent > self.limit_mib * MIB:
            raise OutputTooLarge(self.limit_mib, *self._largest)


def check_size(
    output: Output, folder: Path, limit_mib: int, known: Mapping[str, int] | None = None
) -> None:
    """Raise OutputTooLarge when the files of the site (those in memory, those staged and those
    kept from the output `folder`) come to more than `limit_mib`. `known`: the sizes of kept
    files whose stats were checked in this build (the render memo's), not looked up again."""
    sizes = [(len(data), path) for path, data in output.files.items()]
    if output.staging is not None:
        sizes += _sizes(output.staging.path, output.staged)
    known = known or {}
    sizes += [(known[path], path) for path in output.kept if path in known]
    sizes += _sizes(folder, (path for path in output.kept if path not in known))
    if sum(size for size, _ in sizes) > limit_mib * MIB:
        size, path = max(sizes)
        raise OutputTooLarge(limit_mib, path, size)


def _sizes(folder: Path, paths: Iterable[str]) -> list[tuple[int, str]]:
    """The sizes of files of `folder`, by their paths in it."""
    base = str(folder)
    found = []
    for path in paths:
        try:
            # A string, not a Path: half the time, at a stat for each of a large site's pages.
            found.append((os.stat(f"{base}/{path}").st_size, path))
        except OSError:
            continue  # gone meanwhile: the writer reports it
    return found


def refusal(error: OutputTooLarge, site_dir: Path) -> ContentError:
    """The error to report, at the `output_mib` line of site.yaml when it is written there."""
    try:
        text = (site_dir / "site.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    reporter = Reporter("site.yaml", text)
    line, col = _written_at(load(text, Reporter("site.yaml", text)))
    reporter.at(
        line,
        col,
        f"the site's files come to more than {error.limit_mib:,} MiB",
        f"the largest file seen is {error.largest} ({_shown(error.size)}); "
        f"raise {setting('output_mib')} if the site really is that large",
    )
    return ContentError(reporter.found)


def _written_at(config: Value | None) -> tuple[int, int]:
    """Where site.yaml sets `output_mib` under `limits:`, else its first line."""
    limits = config.data.get("limits") if config and isinstance(config.data, dict) else None
    if limits is None or not isinstance(limits[1].data, dict):
        return 1, 1
    written = limits[1].data.get("output_mib")
    return (written[1].line, written[1].col) if written else (1, 1)


def _shown(size: int) -> str:
    return f"{size / MIB:,.1f} MiB" if size >= MIB else f"{-(-size // 1024):,} KiB"
