"""The two outcomes the hardening suite checks, and what its cases share.

ABORT: exit status 1, `path:line:col: error: …` and no traceback, the previous output byte for
byte as it was (a SHA-256 manifest), and no staging folder left beside it.
JAIL: nothing outside the output folder changes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from ..conftest import manifest
from ..test_validation import fails

HEAD = re.compile(r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.*)$", re.M)

Problem = tuple[str, int, int, str]
"""(path, line, column, message) of one error printed."""


def aborts(site: Path, capsys, files: Mapping[str, str | bytes]) -> list[Problem]:
    """Write `files` over the built `site` and build: ABORT. Returns the errors printed."""
    return problems(abort_text(site, capsys, files))


def abort_text(site: Path, capsys, files: Mapping[str, str | bytes]) -> str:
    """Write `files` over the built `site` and build: ABORT. Returns what was printed."""
    err = fails(site, capsys, files)  # exit 1, output unchanged, no staging folder
    assert "Traceback" not in err, err
    assert problems(err), err
    return err


def problems(err: str) -> list[Problem]:
    return [(m["path"], int(m["line"]), int(m["col"]), m["message"]) for m in HEAD.finditer(err)]


CACHE = ".briefings-cache"
"""The analysis cache in the site folder: written by design, safe to delete."""


def outside(root: Path, output: Path) -> dict[str, str]:
    """A manifest of every file under `root` except the output folder and the analysis cache."""
    return {
        name: digest
        for name, digest in manifest(root).items()
        if not _under(root / name, output) and f"/{CACHE}/" not in f"/{name}"
    }


def _under(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
