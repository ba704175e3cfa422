"""An internal error is a bug report, not a content error.

A failure that no input explains (an exception raised by briefings' own code) is said as what it
is: the exception, the place in briefings where it was raised, that it is a bug in briefings and
how to report it, then the traceback for the report. It never poses as a problem of the site
(`<theme>/dossier.html:1:1`).
"""

from __future__ import annotations

import traceback
from pathlib import Path

from . import __version__

EXIT_INTERNAL = 3
"""The exit status of a command that met a bug in briefings."""
_PACKAGE = Path(__file__).resolve().parent


class InternalError(Exception):
    """Raised where briefings knows it failed by its own fault; `cause` is what went wrong."""

    def __init__(self, what: str, cause: BaseException | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.cause = cause


def where(error: BaseException) -> str:
    """The innermost place in briefings' own code that the exception went through."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if Path(f.filename).resolve().is_relative_to(_PACKAGE)]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return "an unknown place"
    name = Path(frame.filename)
    shown = (
        name.resolve().relative_to(_PACKAGE.parent)
        if name.resolve().is_relative_to(_PACKAGE)
        else name
    )
    return f"{shown.as_posix()}:{frame.lineno} in {frame.name}"


def bug_report(error: BaseException, command: str) -> str:
    """What to print for an internal error met by `command` (`build`, `serve`...)."""
    cause = error.cause if isinstance(error, InternalError) and error.cause else error
    what = f"{type(cause).__name__}: {cause}"
    if isinstance(error, InternalError):
        what = f"{error.what}: {what}"
    lines = [
        f"briefings: internal error: {what}",
        f"    raised at {where(cause)}",
        f"This is a bug in briefings {__version__}, not a problem in your site. Please report it",
        "in briefings' issue tracker with the command you ran (briefings "
        f"{command}), the output of 'briefings --version' and the traceback below; attach the",
        "smallest site folder that shows it if you can.",
        "",
        "".join(traceback.format_exception(cause)).rstrip(),
    ]
    return "\n".join(lines)
