"""Writing the site: the only stage that touches the output folder.

The site is written into a staging folder beside the output and swapped in at the end, so a failed
or killed build leaves the previous site as it was. Files whose bytes did not change are hard-linked
from the previous site (their modification time stays); files nothing produces any more go.
"""

from __future__ import annotations

import ctypes
import functools
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .model import Output

MARKER = ".briefings-output"
"""Written into every output folder: only a folder carrying it may be replaced."""


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


def write(output: Output, folder: Path) -> int:
    """Replace `folder` with the rendered site; returns how many files changed."""
    folder = folder.resolve()
    folder.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(folder)
    staging = folder.parent / f".{folder.name}.staging-{os.getpid()}"
    changed = 0
    try:
        staging.mkdir()
        files = dict(output.files)
        files[MARKER] = b"This folder is written by briefings; it is replaced on every build.\n"
        for path, data in files.items():
            relative = safe_relative(path)
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            previous = folder / relative
            if _same(previous, data):
                try:
                    os.link(previous, target)
                    continue
                except OSError:
                    pass
            target.write_bytes(data)
            changed += 1
        _swap(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return changed


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _swap(staging: Path, folder: Path) -> None:
    if folder.exists() and _exchange(staging, folder):
        shutil.rmtree(staging, ignore_errors=True)  # it holds the previous site now
        return
    # Two renames: a kill between them leaves the previous site in `old`, which the next build
    # puts back (`clean_leftovers`).
    old = folder.parent / f".{folder.name}.old-{os.getpid()}"
    if folder.exists():
        folder.rename(old)
    staging.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux's renameat2); False where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    paths = os.fsencode(first), os.fsencode(second)
    return renameat2(_AT_FDCWD, paths[0], _AT_FDCWD, paths[1], _RENAME_EXCHANGE) == 0


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not glibc 2.28 or later
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def clean_leftovers(folder: Path) -> None:
    """Remove staging folders of builds that were killed, and restore a site lost mid-swap."""
    parent = folder.parent
    if not parent.is_dir():
        return
    olds = sorted(p for p in parent.glob(f".{folder.name}.old-*") if _abandoned(p))
    if not folder.exists() and olds:
        olds[-1].rename(folder)
        olds = olds[:-1]
    stagings = [p for p in parent.glob(f".{folder.name}.staging-*") if _abandoned(p)]
    for leftover in [*stagings, *olds]:
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
