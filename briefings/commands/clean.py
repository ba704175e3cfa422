"""`briefings clean`: the output folder and the build cache removed, and nothing else.

The output folder goes only if it carries the marker briefings writes into its own
(`write.MARKER`) and is not one the writer would refuse (the site folder, `content/`, the home
folder...); the cache only if it is a folder, not a link. A repository may come with either
planted (docs/security.md): what briefings did not make is left alone, and said.
"""

from __future__ import annotations

import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Reporter
from ..incremental.cache import FOLDER
from ..stages.config import REFUSED_OUTPUT, Overrides, parse_config
from ..stages.write import MARKER, OutputRefused, check_output, clean_leftovers


@dataclass(slots=True)
class Cleaned:
    removed: list[tuple[Path, int]] = field(default_factory=list)
    """Each folder removed, with how many files it held."""
    left: list[str] = field(default_factory=list)
    """Why each folder that is not briefings' was left alone."""


def clean_site(site_dir: Path, out: Path | None = None) -> Cleaned:
    """Remove the site's output folder (`out` instead, if given) and its cache folder.

    Raises ValueError when `out` cannot be an output folder (a usage error)."""
    site_dir = site_dir.resolve()
    try:
        text = (site_dir / "site.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    config = parse_config(text, site_dir, Overrides(output=out), Reporter("site.yaml", text))
    done = Cleaned()
    if config.output == REFUSED_OUTPUT:
        done.left.append(
            "site.yaml's output folder cannot be one briefings writes ('briefings check' says "
            "why): nothing of it was removed"
        )
    else:
        _output(config.output, site_dir, done)
    _cache(site_dir / FOLDER, done)
    return done


def _output(output: Path, site_dir: Path, done: Cleaned) -> None:
    if not output.exists() and not output.is_symlink():
        return
    if not _plain_file(output / MARKER):
        done.left.append(
            f"left {output} alone: it has no {MARKER} marker, so briefings did not make it "
            "(remove it yourself if it is yours to remove)"
        )
        return
    try:
        check_output(output, site_dir)
    except OutputRefused as error:
        done.left.append(f"left {output} alone: {error}")
        return
    clean_leftovers(output)  # a killed build's staging folder beside it goes too
    done.removed.append((output, _files(output)))
    shutil.rmtree(output)


def _cache(folder: Path, done: Cleaned) -> None:
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(info.st_mode):
        what = "a link" if stat.S_ISLNK(info.st_mode) else "not a folder"
        done.left.append(f"left {folder} alone: it is {what}, and briefings makes a folder there")
        return
    done.removed.append((folder, _files(folder)))
    shutil.rmtree(folder)


def _plain_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
