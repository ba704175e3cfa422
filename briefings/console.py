"""What the command line shows: colour on a terminal only, and the build's summary.

Colour follows https://no-color.org: `NO_COLOR` set to anything but the empty string turns it
off, as does `TERM=dumb`; so does any stream that is not a terminal (a log, a pipe, CI). It is
added to finished text (`paint`), so that what is recorded or compared is always plain.
Standard library only: the command line answers `--version` in the time Python starts.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import TextIO

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_RED = "\x1b[1;31m"
_YELLOW = "\x1b[1;33m"
_CYAN = "\x1b[1;36m"
_GREEN = "\x1b[1;32m"
_DIM = "\x1b[2m"

_PATTERNS = {
    "head": r"^(?P<where>\S.*?:\d+:\d+): (?P<kind>error|warning): ",
    "tool": r"^(?P<who>briefings): (?P<kind>error|warning|internal error): ",
    "gutter": r"^(?P<gutter>\s*\d+ \| )",
    "caret": r"^(?P<space> +)\^$",
    "label": r"^(?P<space> {6}= )(?P<label>hint|note):",
    "failed": r"^(?P<line>(?:build|check) failed: .*)$",
}
_KIND = {"error": _RED, "warning": _YELLOW, "internal error": _RED}


def colour(stream: TextIO) -> bool:
    """Whether text written to `stream` may be coloured."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return is_terminal(stream)


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed, or not a real stream
        return False


def paint(text: str, on: bool = True) -> str:
    """Diagnostics and the tool's own errors with their parts coloured (`path:1:2:` bold,
    `error` red, `warning` yellow, the caret green, `hint:` and `note:` cyan); `text` as it is
    when not `on`."""
    if not on:
        return text
    found = _compiled()
    text = found["head"].sub(
        lambda m: f"{_BOLD}{m['where']}:{_RESET} {_KIND[m['kind']]}{m['kind']}:{_RESET} ", text
    )
    text = found["tool"].sub(
        lambda m: f"{_BOLD}{m['who']}:{_RESET} {_KIND[m['kind']]}{m['kind']}:{_RESET} ", text
    )
    text = found["gutter"].sub(lambda m: f"{_DIM}{m['gutter']}{_RESET}", text)
    text = found["caret"].sub(lambda m: f"{m['space']}{_GREEN}^{_RESET}", text)
    text = found["label"].sub(lambda m: f"{m['space']}{_CYAN}{m['label']}:{_RESET}", text)
    return found["failed"].sub(lambda m: f"{_RED}{m['line']}{_RESET}", text)


@functools.cache
def _compiled() -> dict[str, re.Pattern[str]]:
    # Compiled when first painted: `briefings --version` pays nothing for them.
    return {name: re.compile(source, re.MULTILINE) for name, source in _PATTERNS.items()}


def plural(count: int, one: str, many: str = "") -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def shown_folder(folder: Path) -> str:
    """A folder as the user would write it: relative to the working folder when inside it."""
    try:
        relative = folder.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return f"{folder}/"
    return "./" if str(relative) == "." else f"{relative.as_posix()}/"


def summary(
    *,
    articles: int,
    dossiers: int,
    written: int,
    unchanged: int,
    removed: int,
    output: Path,
    seconds: float,
    warnings: int,
    because: str = "",
) -> str:
    """The line that ends a build, the same in `build` and `serve`: what was built, then what
    the output folder got (`182 files written to _site/, 3 unchanged`); `because` names the
    files whose change started a rebuild of the preview."""
    if because:
        head = f"rebuilt after changes to {because} in {seconds:.2f} s"
    else:
        head = (
            f"built {plural(articles, 'article')} into {plural(dossiers, 'dossier')} "
            f"in {seconds:.2f} s"
        )
    files = (
        f"{plural(written, 'file')} written to {shown_folder(output)}, {unchanged} unchanged"
        + (f", {removed} removed" if removed else "")
    )
    return f"{head}: {files}" + (f", {warnings} warning(s)" if warnings else "")
