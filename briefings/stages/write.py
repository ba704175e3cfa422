"""Writing the site: the only stage that touches the output folder.

Files whose bytes did not change are not touched (their modification time stays). What changed is
first written into a staging folder beside the output; once it is all there, a journal listing it
is committed (one rename), and only then is the output updated, file by file, each with an atomic
rename. A build killed before the commit leaves the previous site exactly as it was; one killed
after it is finished by the next build, which replays the journal before anything else, even when
that build fails. So the output is never left half-made, and a one-article edit costs a few renames
rather than a copy of the whole site.

Nothing found beside the output is trusted because it is there: the site may be a clone of
someone else's repository, with a "staging folder" and a "journal" committed in it. A staging
folder carries a token, and a journal a seal, made with this machine's key (`seal`); a sweep
replays or removes only what carries them, and leaves anything else alone. Every file the writer
removes or replaces is reached through its parent folders opened one by one without following a
link (`_parent`), so that no link, wherever it comes from, leads a removal out of the output.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import os
import secrets
import shutil
import stat
import time
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..incremental import seal
from ..model import Output

if TYPE_CHECKING:
    from .budget import OutputBudget

try:
    import fcntl
except ImportError:  # no `flock` (Windows, where builds do not run side by side anyway)
    fcntl = None  # type: ignore[assignment]

MARKER = ".briefings-output"
"""Written into every output folder: only a folder carrying it may be replaced."""
JOURNAL = ".journal.json"
"""In a staging folder: its presence is the commit point."""
TOKEN = ".briefings-staging"
"""In a staging folder: the seal that says this machine made it, for this output."""


class OutputRefused(Exception):
    """The output folder is not one the builder may replace."""


def check_output(output: Path, site_dir: Path) -> None:
    """Refuse an output folder whose replacement would destroy something else."""
    output = output.resolve()
    site_dir = site_dir.resolve()
    home = Path.home().resolve()
    protected = {Path("/"), home, site_dir, site_dir / "content", site_dir / "templates"}
    protected.add(site_dir / "static")
    if output in protected or output in site_dir.parents or output in home.parents:
        raise OutputRefused(f"refusing to use {output} as the output folder: it holds other files")
    if (site_dir / "content") in output.parents or (site_dir / "templates") in output.parents:
        raise OutputRefused(f"refusing to build into {output}: it is inside the site's sources")
    if output.exists() and not output.is_dir():
        raise OutputRefused(f"the output {output} exists and is not a folder")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists():
        raise OutputRefused(
            f"refusing to replace {output}: it is not empty and briefings did not create it "
            "(empty it, or choose another --out)"
        )


def safe_relative(path: str) -> PurePosixPath:
    """An output-relative path that cannot leave the output folder."""
    check_relative(path)
    return PurePosixPath(path)


def check_relative(path: str) -> None:
    """Raises ValueError unless `path` is an output-relative path that cannot leave the output
    folder: `safe_relative`'s test on the string alone (ten thousand `PurePosixPath`s took 28 ms
    of an edit's writing). Absolute is a leading "/", and a ".." is one between slashes."""
    if not path or path[0] == "/" or "\\" in path or "\0" in path or ".." in path.split("/"):
        raise ValueError(f"unsafe output path {path!r}")


class Staging:
    """A build's staging folder beside the output, into which pages go as they are rendered.

    Only pages whose bytes differ from the output's file are put there: a large site's pages
    never wait in memory for the writer, and the render workers write them side by side. Held
    by a lock (`flock`) while its build runs, so that another build, or the preview's own first
    pages, never take it for the leftover of a killed one. `write` commits it.
    """

    def __init__(self, output: Path, budget: OutputBudget | None = None) -> None:
        self.output = output.resolve()
        self.budget = budget
        """Counts the pages staged as they are rendered, by this process and the workers it
        forks, up to a limit."""
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.path, self._lock = _locked_folder(self.output)
        self._made: set[PurePosixPath] = {PurePosixPath(".")}
        self._folders: dict[str, bool] = {}

    def put(self, path: str, data: bytes) -> bool:
        """Stage the file unless the output holds these very bytes; whether it was staged."""
        if _same(self.output, safe_relative(path).as_posix(), data, self._folders):
            return False
        if self.budget is not None:
            self.budget.spend(path, len(data))  # raises before the page is written
        self.add(path, data)
        return True

    def add(self, path: str, data: bytes) -> None:
        relative = safe_relative(path)
        if relative.parent not in self._made:
            (self.path / relative.parent).mkdir(parents=True, exist_ok=True)
            self._made.add(relative.parent)
        (self.path / relative).write_bytes(data)

    def discard(self) -> None:
        """Remove the folder (nothing of it committed) and release the lock; safe to repeat."""
        if self._lock >= 0:
            shutil.rmtree(self.path, ignore_errors=True)
            self.release()

    def release(self) -> None:
        if self._lock >= 0:
            os.close(self._lock)
            self._lock = -1


def _token(output: Path, folder: Path) -> str:
    """The seal of a staging or opening folder: this machine's, for this output and this name."""
    name = folder.name.rpartition("-")[2]
    return seal.mac(f"{output.resolve()}\0{name}".encode(), purpose="staging")


def _ours(output: Path, folder: Path) -> bool:
    """Whether this machine made `folder` (a staging or opening folder) for `output`."""
    try:
        found = (folder / TOKEN).read_text(encoding="ascii")
    except (OSError, ValueError):
        return False
    return hmac.compare_digest(found, _token(output, folder))


def _locked_folder(output: Path) -> tuple[Path, int]:
    """A new staging folder, locked before it takes the name that leftover sweeps look for."""
    while True:
        # Not `tempfile.mkdtemp`: its folders are private (0700), and the first build's staging
        # folder becomes the published output.
        opening = output.parent / f".{output.name}.opening-{secrets.token_hex(6)}"
        try:
            opening.mkdir()
        except FileExistsError:
            continue
        try:
            lock = os.open(opening, os.O_RDONLY)
        except FileNotFoundError:
            continue  # swept by another build between the two calls
        _lock(lock, wait=True)  # a sweep holds it only while it looks at the folder
        try:
            (opening / TOKEN).write_text(_token(output, opening))
        except FileNotFoundError:
            os.close(lock)
            continue
        path = opening.with_name(opening.name.replace(".opening-", ".staging-", 1))
        try:
            opening.rename(path)
        except FileNotFoundError:
            os.close(lock)
            continue
        return path, lock


Listed = tuple[Path, Mapping[str, object]]
"""An output folder and the stats of its files and folders when a build ended, by name: `"."`
the folder itself, `"a/"` a folder in it, `"a/b"` a file (`stamp.last_outputs`)."""


def write(
    output: Output,
    folder: Path,
    listed: Listed | None = None,
    seen: dict[str, object] | None = None,
) -> frozenset[str]:
    """Bring `folder` to the rendered site; returns the files whose bytes changed (or that
    are gone). The output's staging, if any, is committed or discarded. With what the folder
    held when the last build ended (`listed`), only the folders changed since are listed; then
    `seen` is given the stats of the folders found as listed that this writing left alone (for
    `stamp.record`, which need not look them up again)."""
    folder = folder.resolve()
    staging = output.staging
    if staging is not None and staging.output != folder:
        raise ValueError(f"pages staged for {staging.output} cannot be written to {folder}")
    committing = False
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(folder)
        files = dict(output.files)
        files[MARKER] = b"This folder is written by briefings; it is replaced on every build.\n"
        for path in [*files, *output.kept, *output.staged]:
            check_relative(path)
        if not folder.exists():
            changed = files
            gone: list[str] = []
        else:
            # Files the render memo vouches for (`kept`) are neither read nor compared.
            folders: dict[str, bool] = {}
            changed = {p: data for p, data in files.items() if not _same(folder, p, data, folders)}
            keep = files.keys() | output.kept | output.staged
            recorded = listed[1] if listed is not None and listed[0] == folder else None
            found: dict[str, object] = {}
            there = present(folder) if recorded is None else present_since(folder, recorded, found)
            gone = sorted(there - keep)
            if recorded is not None and any(_is_folder(folder / path) for path in gone):
                # A record that is not this folder's (edited, or another version's) named a
                # folder as a file: never trusted to delete one.
                gone = sorted(present(folder) - keep)
            if seen is not None:
                # A folder gains a modification time when an entry is added to or removed
                # from it: those above each file written or removed are looked up again.
                moved = {
                    ".",
                    *(f"{a}/" for p in [*changed, *gone, *output.staged] for a in _above(p)),
                }
                seen.update((name, stats) for name, stats in found.items() if name not in moved)
        if not changed and not gone and not output.staged:
            return frozenset()
        committing = True  # from here, `_commit` releases or discards the staging
        _commit(changed, gone, folder, staging, output.staged)
        return frozenset(changed) | output.staged | frozenset(gone)
    finally:
        if staging is not None and not committing:
            staging.discard()


def listing(output: Output) -> frozenset[str]:
    """The files the output folder holds once `write(output)` is done, and only those."""
    return frozenset(output.files) | output.kept | output.staged | {MARKER}


def write_files(files: dict[str, bytes], folder: Path) -> frozenset[str]:
    """Bring these files of the output `folder` up to date, leaving every other file as it is
    (the preview's first pages); returns those whose bytes changed."""
    folder = folder.resolve()
    if not folder.is_dir():
        return frozenset()  # no site yet: only a whole build makes one
    for path in files:
        check_relative(path)
    clean_leftovers(folder)
    folders: dict[str, bool] = {}
    changed = {p: data for p, data in files.items() if not _same(folder, p, data, folders)}
    if changed:
        _commit(changed, [], folder)
    return frozenset(changed)


def _commit(
    changed: dict[str, bytes],
    gone: list[str],
    folder: Path,
    staging: Staging | None = None,
    staged: frozenset[str] = frozenset(),
) -> None:
    """Stage the changed files beside those already `staged`, commit the journal, then apply it
    to `folder`."""
    staging = staging if staging is not None else Staging(folder)
    try:
        for path, data in changed.items():
            staging.add(path, data)
        if not folder.exists():
            (staging.path / TOKEN).unlink()
            staging.path.rename(folder)  # the first build: the whole site appears at once
            staging.release()
            return
        journal = staging.path / f"{JOURNAL}.tmp"
        journal.write_text(
            _sealed_journal(folder, staging.path, sorted(changed.keys() | staged), gone)
        )
        journal.rename(staging.path / JOURNAL)  # the commit point
    except BaseException:
        staging.discard()
        raise
    try:
        # Applied under the lock: no other build replays this journal at the same time. After
        # an error here the committed journal stays, for the next build to finish.
        _apply(staging.path, folder)
    finally:
        staging.release()


def _same(folder: Path, path: str, data: bytes, folders: dict[str, bool]) -> bool:
    """Whether the output holds these very bytes at `path`, a file of its own: one seen through
    a link (or in a folder that is one) is not, since writing removes the links it finds."""
    target = os.path.join(folder, path)
    try:
        info = os.lstat(target)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        with open(target, "rb") as file:
            if file.read() != data:
                return False
    except OSError:
        return False
    return in_own_folders(folder, path, folders)


def in_own_folders(folder: str | Path, path: str, folders: dict[str, bool]) -> bool:
    """Whether each folder above `path` in the output `folder` is a folder, not a link to one;
    `folders` keeps the answers (a few thousand folders at 4,000 articles)."""
    return _own(folder, path.rpartition("/")[0], folders)


def _own(folder: str | Path, above: str, folders: dict[str, bool]) -> bool:
    """Whether `above` ("" for the output itself) and each folder above it are folders. A
    folder's subfolders are all answered from one listing of it, which gives each entry's type
    without a stat: 4,000 articles' folders, not 4,000 `lstat`s."""
    if not above:
        return True
    found = folders.get(above)
    if found is None:
        parent = above.rpartition("/")[0]
        if _own(folder, parent, folders):
            prefix = f"{parent}/" if parent else ""
            try:
                with os.scandir(os.path.join(folder, parent)) as entries:
                    for entry in entries:
                        folders[prefix + entry.name] = entry.is_dir(follow_symlinks=False)
            except OSError:
                pass  # not listed: taken as no folder, the pages in it made again
        found = folders.setdefault(above, False)
    return found


def present(folder: Path, under: str = "") -> frozenset[str]:
    """The output's files (below the folder `under`, as `pagefind/`); a link to a folder counts
    as a file (it is not ours)."""
    found: set[str] = set()

    def visit(path: str, prefix: str) -> None:
        for entry in os.scandir(path):
            if entry.is_dir(follow_symlinks=False):
                visit(entry.path, f"{prefix}{entry.name}/")
            else:
                found.add(prefix + entry.name)

    top = folder / under if under else folder
    if top.is_dir():
        visit(str(top), under)
    return frozenset(found)


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _above(path: str) -> list[str]:
    """The folders `path` is in, below the output: `a/b/c` is in `a` and `a/b`."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def present_since(
    folder: Path, recorded: Mapping[str, object], same: dict[str, object] | None = None
) -> frozenset[str]:
    """What `present(folder)` finds, listing only the folders whose stats moved since they were
    `recorded` (see `Listed`): a folder gains or loses an entry only with a new modification
    time, and listing thousands of article folders one by one took most of a second. `same`
    is given the folders whose stats had not moved, with them."""
    children: dict[str, list[str]] = {}
    for name in recorded:
        if name != ".":
            parent = name.rstrip("/").rpartition("/")[0]
            children.setdefault(f"{parent}/" if parent else ".", []).append(name)
    found: set[str] = set()
    top = str(folder)

    def visit(key: str) -> None:
        under = "" if key == "." else key
        try:
            # No `Path` made (5,500 folders), nor a trailing slash, which would follow a link.
            info = os.lstat(os.path.join(top, under.rstrip("/")) if under else top)
        except OSError:
            return  # gone, with its files
        if not stat.S_ISDIR(info.st_mode):
            found.add(under.rstrip("/"))  # a link or a file where a folder was: not ours
        elif recorded.get(key) == [info.st_size, info.st_mtime_ns, info.st_ino]:
            if same is not None:
                same[key] = recorded[key]
            for child in children.get(key, ()):
                if child.endswith("/"):
                    visit(child)
                else:
                    found.add(child)
        else:
            found.update(present(folder, under))  # moved since: listed

    visit(".")
    return frozenset(found)


def replace_under(
    files: dict[str, bytes], folder: Path, under: str, kept: frozenset[str] = frozenset()
) -> frozenset[str]:
    """Replace what the output holds below `under` with `files` and the files `kept` there, the
    rest kept as it is."""
    if not files:
        return frozenset()
    others = present(folder) - present(folder, under)
    return write(Output(files, (others | kept) - files.keys()), folder)


def _sealed_journal(folder: Path, staging: Path, changed: list[str], gone: list[str]) -> str:
    body = json.dumps({"changed": changed, "gone": gone})
    return json.dumps({"journal": body, "seal": _journal_seal(folder, staging, body)})


def _journal_seal(folder: Path, staging: Path, body: str) -> str:
    """A journal's seal, for this output and this staging folder: it is replayed nowhere else."""
    return seal.mac(f"{folder.resolve()}\0{staging.name}\0{body}".encode(), purpose="journal")


def _journal(staging: Path, folder: Path) -> tuple[list[str], list[str]] | None:
    """The committed journal's changed and gone files, if this machine sealed it for `folder`."""
    try:
        sealed = json.loads((staging / JOURNAL).read_text())
        body, found = sealed["journal"], sealed["seal"]
        if not hmac.compare_digest(found, _journal_seal(folder, staging, body)):
            return None
        journal = json.loads(body)
        changed, gone = list(journal["changed"]), list(journal["gone"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not all(isinstance(path, str) for path in [*changed, *gone]):
        return None
    return changed, gone


def _apply(staging: Path, folder: Path) -> None:
    """Carry out a committed journal; safe to run again after a kill at any point. The caller
    has checked that this machine made `staging` for `folder`."""
    entries = _journal(staging, folder)
    if entries is None:
        shutil.rmtree(staging, ignore_errors=True)  # not committed after all
        return
    changed, gone = entries
    with _Folders(folder) as folders:
        emptied: set[PurePosixPath] = set()
        for path in gone:
            relative = safe_relative(path)
            parent = folders.parent(relative, make=False)
            if parent is not None:
                _remove(parent, relative.name)
                emptied.update(relative.parents)
        for parent in sorted(emptied - {PurePosixPath(".")}, key=lambda p: -len(p.parts)):
            above = folders.parent(parent, make=False)
            if above is not None:
                with contextlib.suppress(OSError):  # not empty: other files of the site are in it
                    os.rmdir(parent.name, dir_fd=above)
                folders.forget(parent)
        for path in changed:
            relative = safe_relative(path)
            staged = staging / relative
            try:
                if not stat.S_ISREG(os.lstat(staged).st_mode):
                    continue  # only files are staged: anything else was not put there by a build
            except FileNotFoundError:
                continue  # moved already, before a kill
            parent = folders.parent(relative, make=True)
            try:
                os.replace(staged, relative.name, dst_dir_fd=parent)
            except IsADirectoryError:  # a folder where a file is now: the file wins
                _remove(parent, relative.name)
                os.replace(staged, relative.name, dst_dir_fd=parent)
    shutil.rmtree(staging, ignore_errors=True)


class _Folders:
    """The output's folders opened one by one from the top, never through a link: every file the
    writer removes or replaces is reached through these, so none of it can be outside."""

    def __init__(self, folder: Path) -> None:
        self.top = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        self.opened: dict[PurePosixPath, int] = {PurePosixPath("."): self.top}

    def __enter__(self) -> _Folders:
        return self

    def __exit__(self, *_: object) -> None:
        for descriptor in self.opened.values():
            os.close(descriptor)
        self.opened.clear()

    def parent(self, relative: PurePosixPath, *, make: bool) -> int | None:
        """The open folder that holds `relative`. With `make`, a link or file standing where a
        folder is needed is removed and the folder made; without, None when a folder on the way
        is missing or not a real folder (what is below it is not the output's)."""
        current = PurePosixPath(".")
        for part in relative.parent.parts:
            above, current = self.opened[current], current / part
            if current in self.opened:
                continue
            try:
                self.opened[current] = _open_folder(part, above)
            except OSError:
                if not make:
                    return None
                with contextlib.suppress(FileNotFoundError):
                    _remove(above, part)
                os.mkdir(part, dir_fd=above)
                self.opened[current] = _open_folder(part, above)
        return self.opened[current]

    def forget(self, relative: PurePosixPath) -> None:
        descriptor = self.opened.pop(relative, None)
        if descriptor is not None:
            os.close(descriptor)


def _open_folder(name: str, parent: int) -> int:
    return os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=parent)


def _remove(parent: int, name: str) -> None:
    """Remove the entry `name` of the open folder `parent`: a file or link by itself (a link is
    never followed), a folder with all it holds (`rmtree` works by descriptors too)."""
    try:
        os.unlink(name, dir_fd=parent)
    except FileNotFoundError:
        pass
    except (IsADirectoryError, PermissionError):
        if stat.S_ISDIR(os.lstat(name, dir_fd=parent).st_mode):
            shutil.rmtree(name, dir_fd=parent)
        else:
            raise


def clean_leftovers(folder: Path) -> None:
    """Finish what a killed build had committed, and remove the staging folders of builds that
    were killed before their commit. A folder this machine did not make is left alone."""
    parent = folder.parent
    if not parent.is_dir():
        return
    for leftover in sorted(parent.glob(f".{folder.name}.staging-*")):
        if not _ours(folder, leftover):
            seal.note_foreign(leftover, "a staging folder left alone (delete it if not yours)")
            continue
        lock = _abandoned(leftover)
        if lock is None:
            continue
        try:
            if (leftover / JOURNAL).is_file() and folder.is_dir():
                _apply(leftover, folder)
            else:
                shutil.rmtree(leftover, ignore_errors=True)
        finally:
            os.close(lock)
    # A folder still being named when its build was killed (a few microseconds' window).
    for opening in parent.glob(f".{folder.name}.opening-*"):
        if not _ours(folder, opening):
            continue  # not made here, or killed before its token: left alone
        lock = _abandoned(opening)
        if lock is not None:
            with contextlib.suppress(OSError):
                if time.time() - opening.stat().st_mtime > OPENING_AGE:
                    shutil.rmtree(opening, ignore_errors=True)
            os.close(lock)


OPENING_AGE = 60.0
"""Seconds after which an unlocked folder being named is a killed build's."""


def _lock(fd: int, *, wait: bool = False) -> None:
    """Lock the open folder; OSError when another process holds it and not `wait`."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)


def _abandoned(leftover: Path) -> int | None:
    """The folder's lock, taken, when the build that made it has ended (a build running at
    the same time, `serve` and `build` side by side, holds its own); else None."""
    try:
        lock = os.open(leftover, os.O_RDONLY)
    except OSError:
        return None  # swept by another build meanwhile, or not ours to open
    try:
        _lock(lock)
    except OSError:
        os.close(lock)
        return None
    return lock
