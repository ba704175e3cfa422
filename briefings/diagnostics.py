"""Problems in the input, collected as data and printed as `path:line:col: error: message`."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from .model import Diagnostic

# In a file's name, a newline would split the `path:line:col` head: every one becomes a symbol.
from .places import shown as visible_name


class ContentError(Exception):
    """The site's input has errors; the build stops before writing anything."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__(f"{len(self.diagnostics)} error(s)")


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known word `word` is most likely a typo of, if any is close enough."""
    found = _closest(word, {k: () for k in known})
    return found[0] if found else None


def suggest(word: str, known: Iterable[str], names: Mapping[str, str] | None = None) -> str:
    """A hint naming the closest known word, or listing the known ones.

    `names` gives ids a name to be recognised by too: `anadolu` is close to the source `aa`
    named "Agence Anadolu", `otan` to the topic `nato` titled "OTAN".
    """
    choices = sorted(set(known))
    labels = names or {}
    found = _closest(word, {c: _name_forms(labels.get(c, "")) for c in choices})
    if found:
        close, by_name = found
        return (
            f"did you mean '{close}' ({labels[close]})?" if by_name else f"did you mean '{close}'?"
        )
    if not choices:
        return ""
    shown = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "")
    return f"known: {shown}"


def _closest(word: str, known: Mapping[str, tuple[str, ...]]) -> tuple[str, bool] | None:
    """The known word closest to `word`, by its own spelling or one of its name's forms, and
    whether it was by a name; None when none is close enough to be a typo of it.

    Close is a few edits (a letter added, dropped, changed, or two swapped) for the word's
    length: none up to two letters (but case and accents), one up to six, two up to eleven,
    three beyond; `fidan` is not `biden`.
    """
    typed = _folded(word)
    if not typed:
        return None
    allowed = 0 if len(typed) <= 2 else 1 if len(typed) <= 6 else 2 if len(typed) <= 11 else 3
    best: dict[str, tuple[int, bool]] = {}  # candidate: (distance, whether by its name)
    for candidate, forms in known.items():
        for by_name, form in [(False, _folded(candidate)), *((True, f) for f in forms)]:
            distance = _edits(typed, form, allowed)
            if distance <= allowed and (distance, by_name) < best.get(
                candidate, (allowed + 1, True)
            ):
                best[candidate] = (distance, by_name)
    if not best:
        return None
    nearest = min(distance for distance, _ in best.values())
    tied = [c for c, (distance, _) in best.items() if distance == nearest]
    # Two as close (`agence` in "Agence Anadolu" and "Agence France-Presse"): no guess.
    return (tied[0], best[tied[0]][1]) if len(tied) == 1 else None


def _folded(text: str) -> str:
    """Lower case, accents off, runs of anything but letters and digits as one `-`."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


def _name_forms(name: str) -> tuple[str, ...]:
    """What an id's name may be written as in its place: whole (`agence-anadolu`), or one of
    its longer words (`anadolu`)."""
    whole = _folded(name)
    if not whole:
        return ()
    return (whole, *(w for w in whole.split("-") if len(w) >= 4 and w != whole))


def _edits(a: str, b: str, limit: int) -> int:
    """The edits from `a` to `b` (insertions, deletions, substitutions, swaps of neighbours:
    the optimal string alignment distance); anything above `limit` may be reported as
    `limit + 1`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


# Control characters in a shown line become the one-column symbols for them (a NUL is shown
# as ␀), so the offending one is visible and the caret stays under it; a tab is a space. C1
# controls, which some terminals obey, have no symbol: they are shown as U+FFFD.
_VISIBLE = (
    {code: 0x2400 + code for code in range(0x20)}
    | {0x7F: 0x2421, 0x09: 0x20}
    | dict.fromkeys(range(0x80, 0xA0), 0xFFFD)
)


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """The compiler-style text of one problem, with the offending line and a caret under it."""
    head = (
        f"{visible_name(diagnostic.path)}:{diagnostic.line}:{diagnostic.col}: "
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
        # At line feeds only, as every position is counted: `splitlines` also splits at \v,
        # \f, U+0085 and U+2028, which would show a line after them in place of another.
        self.lines = text.split("\n")
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
