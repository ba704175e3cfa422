"""The folders and files of a first build's pages, made ahead by a child process on an idle core.

Creating a folder or a file is the kernel's work (on this project's machines, 0.1 to 0.4 ms
each: the file system looks for a free inode), and a site has a folder and a file per page. A
first build made them while it rendered, on the two cores the renderers share, the two
processes waiting on each other's hold of the folder they both add to (`articles/`); but
between the analysis and the rendering one core waits while this process writes the analysis
cache, links and plans. A child forked when the site is read makes the folders it can name then
(the articles', the dossiers' and the people's), each with its empty `index.html`; the
renderers find them made (`mkdir` answers "exists" at once, and a page is written into its
file).

Only in a staging folder no output was made from: it is renamed into the output whole, and a
folder or file made ahead that no page filled is removed before (`prune`). The child runs at
the lowest priority (it takes almost nothing from a busy core) and is stopped when the
renderers start: what it has not made by then, they make, as they do without it.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Collection, Iterable
from pathlib import Path, PurePosixPath

from .. import urls
from ..model import Content
from .write import safe_relative


def planned(content: Content) -> list[str]:
    """The folders the site's pages will be in (ending in `/`), as far as the content names
    them, and their pages' files: parents first."""
    folders = [urls.article(article.slug) for article in content.articles]
    folders += [urls.dossier(topic.id) for topic in content.topics]
    folders += [urls.person(pid) for pid in content.people]
    made = ["articles/", "dossiers/", "people/"]
    for folder in folders:
        if _safe(folder):  # else the renderer refuses the page's path, as it would have
            made += [folder, urls.output_file(folder)]
    return made


def _safe(folder: str) -> bool:
    try:
        relative = safe_relative(folder)
    except ValueError:
        return False
    return len(relative.parts) == 2 and f"{relative}/" == folder


class FolderMaker:
    """A child process making `folders` (output-relative, parents first; files without a final
    `/`, made empty) in `staging`."""

    def __init__(self, staging: Path, folders: list[str]) -> None:
        self.folders = folders
        self._pid = 0
        if not hasattr(os, "fork"):
            return
        top = os.open(staging, os.O_RDONLY | os.O_DIRECTORY)
        parent = os.getpid()
        try:
            pid = os.fork()
            if pid == 0:  # pragma: no cover (the child; it never returns)
                _make(top, folders, parent)
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


def _make(top: int, folders: list[str], parent: int) -> None:
    """In the child: only system calls, then out without the interpreter's shutdown (the
    parent's threads and locks are not this process's)."""
    try:
        # The parent's descriptors closed here, the staging folder's lock among them: a build
        # killed leaves its folder to the next build's sweep at once, not when this child ends.
        os.closerange(3, top)
        os.closerange(top + 1, 1 << 16)
        os.nice(19)
        for number, path in enumerate(folders):
            if number % 64 == 0 and os.getppid() != parent:
                break  # the build was killed
            with contextlib.suppress(FileExistsError):
                if path.endswith("/"):
                    os.mkdir(path, dir_fd=top)
                else:  # as `open(path, "wb")` makes it, which then writes the page into it
                    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666, dir_fd=top))
    except BaseException:
        os._exit(1)
    os._exit(0)


def prune(staging: Path, folders: Iterable[str], files: Collection[str]) -> None:
    """Remove the files made ahead that are none of `files` (the site's, output-relative), then
    the folders made ahead that hold none of them, those within the deepest first."""
    filled: set[PurePosixPath] = set()
    for path in files:
        filled.update(PurePosixPath(path).parents)
    empty = []
    for path in folders:
        if not path.endswith("/"):
            if path not in files:
                with contextlib.suppress(OSError):  # not made: the child stopped first
                    os.unlink(staging / path)
        elif PurePosixPath(path) not in filled:
            empty.append(PurePosixPath(path))
    for folder in sorted(empty, key=lambda f: -len(f.parts)):
        with contextlib.suppress(OSError):  # not made (the child stopped first), or not empty
            os.rmdir(staging / folder)
