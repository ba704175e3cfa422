"""Writing the site: the only stage that touches the output folder.

Files whose bytes did not change are not touched (their modification time stays). What changed is
first written into a staging folder beside the output; once it is all there, a journal listing it
is committed (one rename), and only then is the output updated, file by file, each with an atomic
rename. A build killed before the commit leaves the previous site exactly as it was; one killed
after it is finished by the next build, which replays the journal before anything else, even when
that build fails. So the output is never left half-made, and a one-article edit costs a few renames
rather than a copy of the whole site.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path, PurePosixPath

from .model import Output

MARKER = ".briefings-output"
"""Written into every output folder: only a folder carrying it may be replaced."""
JOURNAL = ".journal.json"
"""In a staging folder: its presence is the commit point."""


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
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or "\\" in path or "\0" in path or not path:
        raise ValueError(f"unsafe output path {path!r}")
    return pure


def write(output: Output, folder: Path) -> frozenset[str]:
    """Bring `folder` to the rendered site; returns the files whose bytes changed (or that
    are gone)."""
    folder = folder.resolve()
    folder.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(folder)
    files = dict(output.files)
    files[MARKER] = b"This folder is written by briefings; it is replaced on every build.\n"
    for path in [*files, *output.kept]:
        safe_relative(path)
    if not folder.exists():
        changed = files
        gone: list[str] = []
    else:
        # Files the render memo vouches for (`kept`) are neither read nor compared.
        changed = {p: data for p, data in files.items() if not _same(folder / p, data)}
        gone = sorted(present(folder) - files.keys() - output.kept)
    if not changed and not gone:
        return frozenset()
    _commit(changed, gone, folder)
    return frozenset(changed) | frozenset(gone)


def write_files(files: dict[str, bytes], folder: Path) -> frozenset[str]:
    """Bring these files of the output `folder` up to date, leaving every other file as it is
    (the preview's first pages); returns those whose bytes changed."""
    folder = folder.resolve()
    if not folder.is_dir():
        return frozenset()  # no site yet: only a whole build makes one
    for path in files:
        safe_relative(path)
    clean_leftovers(folder)
    changed = {p: data for p, data in files.items() if not _same(folder / p, data)}
    if changed:
        _commit(changed, [], folder)
    return frozenset(changed)


def _commit(changed: dict[str, bytes], gone: list[str], folder: Path) -> None:
    """Stage the changed files, commit the journal, then apply it to `folder`."""
    staging = folder.parent / f".{folder.name}.staging-{os.getpid()}"
    try:
        staging.mkdir()
        made: set[PurePosixPath] = set()
        for path, data in changed.items():
            relative = PurePosixPath(path)
            if relative.parent not in made:
                (staging / relative.parent).mkdir(parents=True, exist_ok=True)
                made.add(relative.parent)
            (staging / relative).write_bytes(data)
        if not folder.exists():
            staging.rename(folder)  # the first build: the whole site appears at once
            return
        journal = staging / f"{JOURNAL}.tmp"
        journal.write_text(json.dumps({"changed": sorted(changed), "gone": gone}))
        journal.rename(staging / JOURNAL)  # the commit point
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _apply(staging, folder)


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


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


def replace_under(files: dict[str, bytes], folder: Path, under: str) -> frozenset[str]:
    """Replace what the output holds below `under` with `files`, the rest kept as it is."""
    if not files:
        return frozenset()
    others = present(folder) - present(folder, under)
    return write(Output(files, others - files.keys()), folder)


def _apply(staging: Path, folder: Path) -> None:
    """Carry out a committed journal; safe to run again after a kill at any point."""
    try:
        journal = json.loads((staging / JOURNAL).read_text())
        changed, gone = list(journal["changed"]), list(journal["gone"])
    except (OSError, ValueError, KeyError, TypeError):
        shutil.rmtree(staging, ignore_errors=True)  # not committed after all
        return
    emptied: set[PurePosixPath] = set()
    for path in gone:
        relative = safe_relative(path)
        try:
            os.unlink(folder / relative)
        except FileNotFoundError:
            continue
        except IsADirectoryError:
            shutil.rmtree(folder / relative)
        emptied.update(relative.parents)
    for parent in sorted(emptied - {PurePosixPath(".")}, key=lambda p: -len(p.parts)):
        with contextlib.suppress(OSError):  # not empty: other files of the site are in it
            os.rmdir(folder / parent)
    checked: set[PurePosixPath] = set()
    for path in changed:
        relative = safe_relative(path)
        staged = staging / relative
        if not staged.exists():
            continue  # moved already, before a kill
        _real_folder(folder, relative.parent, checked)
        os.replace(staged, folder / relative)
    shutil.rmtree(staging, ignore_errors=True)


def _real_folder(folder: Path, relative: PurePosixPath, checked: set[PurePosixPath]) -> None:
    """Make `relative` a real folder of the output: never follow a link out of it, and replace a
    file that stands where a folder is now needed."""
    current = PurePosixPath(".")
    for part in relative.parts:
        current = current / part
        if current in checked:
            continue
        target = folder / current
        if target.is_symlink() or (target.exists() and not target.is_dir()):
            target.unlink()
        if not target.exists():
            target.mkdir()
        checked.add(current)


def clean_leftovers(folder: Path) -> None:
    """Finish what a killed build had committed, and remove the staging folders of builds that
    were killed before their commit."""
    parent = folder.parent
    if not parent.is_dir():
        return
    for leftover in sorted(parent.glob(f".{folder.name}.staging-*")):
        if not _abandoned(leftover):
            continue
        if (leftover / JOURNAL).is_file() and folder.is_dir():
            _apply(leftover, folder)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _abandoned(leftover: Path) -> bool:
    """Whether the build that made `leftover` (named after its process id) has ended: another
    build running at the same time (`serve` and `build` side by side) keeps its folders."""
    pid = leftover.name.rpartition("-")[2]
    if not pid.isdigit() or int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, but another user's
        return False
    return False
