"""Problems in the input, collected as data and printed as `path:line:col: error: message`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from .model import Diagnostic


class ContentError(Exception):
    """The site's input has errors; the build stops before writing anything."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__(f"{len(self.diagnostics)} error(s)")


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word `word` is most likely a typo of, if any is close enough."""
    close = difflib.get_close_matches(word, sorted(set(known)), n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(word: str, known: Iterable[str]) -> str:
    """A hint naming the closest known word, or listing the known ones."""
    choices = sorted(set(known))
    close = closest(word, choices)
    if close:
        return f"did you mean '{close}'?"
    if not choices:
        return ""
    shown = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "")
    return f"known: {shown}"


# Control characters in a shown line become the one-column symbols for them (a NUL is shown
# as ␀), so the offending one is visible and the caret stays under it; a tab is a space.
_VISIBLE = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421, 0x09: 0x20}
# In a file's name, a newline would split the `path:line:col` head: every one becomes a symbol.
_VISIBLE_NAME = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421}


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """The compiler-style text of one problem, with the offending line and a caret under it."""
    head = (
        f"{diagnostic.path.translate(_VISIBLE_NAME)}:{diagnostic.line}:{diagnostic.col}: "
        f"{diagnostic.severity}: {diagnostic.message}"
    )
    lines = [head]
    if diagnostic.source_line:
        shown = diagnostic.source_line.rstrip("\r\n").translate(_VISIBLE)
        gutter = f"{diagnostic.line:>5} | "
        lines.append(gutter + shown)
        lines.append(" " * (len(gutter) + max(diagnostic.col - 1, 0)) + "^")
    lines.extend(f"      = note: {note}" for note in diagnostic.notes)
    if diagnostic.hint:
        lines.append(f"      = hint: {diagnostic.hint}")
    return "\n".join(lines)


SHOWN_WARNINGS = 10
"""A build says this many warnings at most; `briefings check` lists them all."""


def shown_warnings(warnings: Sequence[str]) -> list[str]:
    """The first SHOWN_WARNINGS formatted warnings, and a line counting the rest."""
    shown = list(warnings[:SHOWN_WARNINGS])
    rest = len(warnings) - len(shown)
    if rest:
        shown.append(f"... and {rest} more warning(s): 'briefings check' lists them all")
    return shown


def format_all(diagnostics: Iterable[Diagnostic]) -> str:
    diagnostics = sorted(diagnostics, key=lambda d: (d.path, d.line, d.col))
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    body = "\n".join(format_diagnostic(d) for d in diagnostics)
    summary = f"{errors} error(s), {warnings} warning(s)"
    return f"{body}\n{summary}" if body else summary


class Reporter:
    """Collects diagnostics for one file, filling in its path and offending lines."""

    def __init__(self, path: str, text: str = "", line_offset: int = 0) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.line_offset = line_offset
        self.found: list[Diagnostic] = []

    def at(
        self,
        line: int,
        col: int,
        message: str,
        hint: str = "",
        *,
        warning: bool = False,
        shown: str | None = None,
    ) -> None:
        """Record a problem at a line of the file (1-based).

        `shown` is the offending line when the reporter has no text of its own (a file that
        could not be decoded).
        """
        if shown is None:
            shown = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        self.found.append(
            Diagnostic(
                self.path,
                line,
                col,
                message,
                hint,
                "warning" if warning else "error",
                shown,
            )
        )
