"""Splitting a Markdown file into its YAML front matter and its body."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Split:
    front: str | None
    """The YAML between the fences, or None when the file has no front matter."""
    body: str
    front_line: int
    """Line of the file where the YAML starts (after the opening fence)."""
    body_line: int
    """Line of the file where the body starts."""


class Unclosed(ValueError):
    """The front matter opens with `---` and never closes."""


def split(text: str) -> Split:
    """Split `text` (already `\\n`-separated) at `---` fences.

    The front matter opens with a line `---` on the first line and closes with a line `---` or
    `...`. Raises `Unclosed` when the closing fence is missing.
    """
    newline = text.find("\n")
    start = len(text) if newline < 0 else newline + 1
    # Trailing spaces after a fence are invisible in an editor: allowed on both fences alike.
    if text[:start].rstrip(" \t\n") != "---":
        return Split(None, text, 0, 1)
    position = start
    line = 2
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        if text[position:end].rstrip(" \t") in ("---", "..."):
            return Split(text[start:position], text[end + 1 :], 2, line + 1)
        position = end + 1
        line += 1
    raise Unclosed("front matter is never closed")
