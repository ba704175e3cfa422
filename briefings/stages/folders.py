"""The folders of a first build's pages, made ahead by a child process while a core is idle.

Creating a folder is the kernel's work (on this project's machines, 0.1 to 0.4 ms each: the
file system looks for a free inode), and a site has a folder per page. A first build makes them
while it renders, on the two cores the renderers share; but between the analysis and the
rendering one core waits while this process writes the analysis cache, links and plans. A child
forked when the site is read makes the folders it can name then (the articles', the dossiers'
and the people's) on that core; the renderers find them made (`mkdir` answers "exists" at once).

Only the folders of a staging folder no output was made from: it is renamed into the output
whole, and a folder that no page fills is removed before (`prune`). The child runs at the
lowest priority (it takes almost nothing from a busy core) and is stopped when the renderers
start: what it has not made by then, they make, as they do without it.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from .. import urls
from ..model import Content


def planned(content: Content) -> list[str]:
    """Folders the site's pages will be in, as far as the content names them: parents first."""
    folders = ["articles/", "dossiers/", "people/"]
    folders += [urls.article(article.slug) for article in content.articles]
    folders += [urls.dossier(topic.id) for topic in content.topics]
    folders += [urls.person(pid) for pid in content.people]
    return folders


class FolderMaker:
    """A child process making `folders` (output-relative, parents first) in `staging`."""

    def __init__(self, staging: Path, folders: list[str]) -> None:
        self.folders = folders
        self._pid = 0
        if not hasattr(os, "fork"):
            return
        top = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
        try:
            pid = os.fork()
            if pid == 0:  # pragma: no cover (the child; it never returns)
                _make(top, folders)
            self._pid = pid
        finally:
            os.close(top)

    def stop(self) -> None:
        """Stop the child, where it is, and wait for it; safe to repeat."""
        if self._pid:
            pid, self._pid = self._pid, 0
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)  # between two `mkdir`s: each is whole
            os.waitpid(pid, 0)


def _make(top: int, folders: list[str]) -> None:
    """In the child: only system calls, then out without the interpreter's shutdown (the
    parent's threads and locks are not this process's)."""
    try:
        os.nice(19)
        for folder in folders:
            with contextlib.suppress(FileExistsError):
                os.mkdir(folder, dir_fd=top)
    except BaseException:
        os._exit(1)
    os._exit(0)


def prune(staging: Path, folders: Iterable[str], files: Iterable[str]) -> None:
    """Remove the folders made ahead that hold none of `files` (output-relative paths), those
    within the deepest first."""
    filled: set[PurePosixPath] = set()
    for path in files:
        filled.update(PurePosixPath(path).parents)
    empty = [PurePosixPath(f) for f in folders if PurePosixPath(f) not in filled]
    for folder in sorted(empty, key=lambda f: -len(f.parts)):
        with contextlib.suppress(OSError):  # not made (the child stopped first), or not empty
            os.rmdir(staging / folder)
