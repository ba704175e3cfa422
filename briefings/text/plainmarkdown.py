"""Markdown with no markup in it: the blocks markdown-it makes of it, without markdown-it.

Wire copy is mostly plain paragraphs and `##` headings. For a text whose every character and line
start rules out any other Markdown construct, the blocks are made here directly, byte for byte
those of `Markdown.read` (tests/test_plainmarkdown.py compares the two on every text of the
fixtures and the generated corpus, and on texts made to sit at the edge of each rule); parsing
with markdown-it was half of an article's analysis. Any other text gives None and goes to
markdown-it: the rules are a list of what is certainly plain, not a Markdown parser.
"""

from __future__ import annotations

import re

from ..model import Block, new_block
from .typography import french

MARKUP = re.compile(r"[`*_\[\]<>&\\~|\t\r\0]")
"""Characters that start inline markup (emphasis, code, links, images, autolinks, raw HTML,
entities, escapes, strikethrough), tables, block quotes, fences and indented code, or that
markdown-it normalises (`\\r`, NUL): a text with any of them goes to markdown-it."""

_LIST_ITEM = re.compile(r"[0-9]{1,9}[.)](?: |$)")
_HEADING = re.compile(r"(#{1,6}) (\S(?:.*\S)?)")
"""An ATX heading: one space after its marks, and text that starts and ends with no space."""
_SUBHEAD_END = re.compile(r"[.!?:;,…»\"”’)\]]$")
_SUBHEAD_MAX_WORDS = 9


def looks_like_subhead(text: str) -> bool:
    """Whether a one-line paragraph between two paragraphs reads as wire copy's plain-line
    subhead: a short line standing alone, capitalised, no sentence punctuation at its end, no
    quote marks."""
    return (
        # At most one split more than the words allowed: a paragraph's words are not all cut.
        len(text.split(None, _SUBHEAD_MAX_WORDS)) <= _SUBHEAD_MAX_WORDS
        and text[:1].isupper()
        and not _SUBHEAD_END.search(text.rstrip())
        and not any(mark in text for mark in '«»"“”')
    )


def plain_blocks(
    text: str,
    first_line: int,
    is_french: bool,
    paragraphs: int,
    top: int,
    *,
    subheads: bool = True,
) -> tuple[Block, ...] | None:
    """The blocks of `text` when it is plain paragraphs and ATX headings only, its headings
    renumbered from `top` as `markdown.outline` does; None otherwise, or when it has more than
    `paragraphs` blocks (markdown-it then refuses it). Without `subheads`, a line that reads as
    a subhead stays a paragraph, as in markdown-it's own HTML (`plain_html`)."""
    if MARKUP.search(text):
        return None
    # (line index, heading level or 0 for a paragraph, its lines)
    found: list[tuple[int, int, list[str]]] = []
    current: list[str] | None = None
    for index, line in enumerate(text.split("\n")):
        if not line:
            current = None
            continue
        if line[0].isspace() or line[-1].isspace():
            return None  # indented code, lazy lines, hard breaks, stripped Unicode spaces
        first = line[0]
        if first == "#":
            heading = _HEADING.fullmatch(line)
            if heading is None or heading.group(2).endswith("#"):
                return None  # not a heading, or closing marks
            found.append((index, len(heading.group(1)), [heading.group(2)]))
            current = None
            continue
        if first in "-+=" or (first in "0123456789" and _LIST_ITEM.match(line)):
            return None  # lists, rules, setext underlines
        if current is None:
            current = [line]
            found.append((index, 0, current))
        else:
            current.append(line)
    if len(found) > paragraphs:
        return None
    return tuple(_blocks(found, first_line, is_french, top, subheads))


def plain_html(text: str, is_french: bool, paragraphs: int, top: int) -> str | None:
    """The HTML markdown-it renders of `text` (`Markdown.render`: a topic's overview) when it is
    plain paragraphs and ATX headings only, its headings renumbered from `top`; else None."""
    blocks = plain_blocks(text, 1, is_french, paragraphs, top, subheads=False)
    if blocks is None:
        return None
    return "".join(
        f"<h{b.level}>{b.html}</h{b.level}>\n" if b.kind == "heading" else b.html for b in blocks
    )


def _blocks(
    found: list[tuple[int, int, list[str]]],
    first_line: int,
    is_french: bool,
    top: int,
    subheads: bool = True,
) -> list[Block]:
    def html(line: str) -> str:
        # `escapeHtml`, of which only `"` is left to escape: `MARKUP` kept out `&`, `<` and `>`,
        # and French typography adds no-break spaces only.
        return (french(line) if is_french else line).replace('"', "&quot;")

    levels = _outline([level for _, level, _ in found if level], top)
    blocks = []
    number = 0
    headings = iter(levels)
    for position, (index, level, lines) in enumerate(found):
        if level:
            line = first_line + index
            blocks.append(
                new_block("heading", html(lines[0]), lines[0], line, level=next(headings))
            )
            continue
        text = " ".join(lines)
        last = position + 1 == len(found)
        if (
            subheads
            and position > 0
            and not last
            and not found[position + 1][1]
            and len(lines) == 1
            and looks_like_subhead(text)
        ):
            blocks.append(new_block("heading", html(text), text, first_line + index, level=2))
            continue
        number += 1
        body = "\n".join(html(line) for line in lines)
        blocks.append(new_block("paragraph", f"<p>{body}</p>\n", text, first_line + index, number))
    return blocks


def _outline(levels: list[int], top: int) -> list[int]:
    """The levels `markdown.outline` gives headings written at `levels`, in order."""
    rank = {level: position for position, level in enumerate(sorted(set(levels)))}
    previous, shown = top - 1, []
    for level in levels:
        previous = min(top + rank[level], previous + 1, 6)
        shown.append(previous)
    return shown
