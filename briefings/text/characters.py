"""Characters no page or feed may hold, refused in YAML and dropped from Markdown bodies.

XML 1.0 forbids the C0 controls but tab, line feed and carriage return, lone surrogates, U+FFFE
and U+FFFF: one of them makes a feed invalid, and readers reject it whole. HTML reports those,
DEL, the C1 controls and every noncharacter (U+FDD0 to U+FDEF, the last two of each plane) as
errors. None of them is visible text.
"""

from __future__ import annotations

import re

from ..diagnostics import Reporter

_IN_BMP = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
_BEYOND_BMP = "".join(
    f"{chr(plane + 0xFFFE)}-{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000)
)
FORBIDDEN = re.compile(f"[{_IN_BMP}{_BEYOND_BMP}]")
# What may be forbidden: the class within the BMP, and any character beyond it.
_SUSPECT = re.compile(f"[{_IN_BMP}\U00010000-\U0010ffff]")


def code(character: str) -> str:
    """`U+000B`: how a message names a character."""
    return f"U+{ord(character):04X}"


def first_forbidden(text: str) -> re.Match[str] | None:
    """`FORBIDDEN.search(text)`, four times faster on a text with no character beyond the BMP
    (nearly all): the sixteen ranges of noncharacters up there are tried one by one at each
    character, which made that search a third of reading an article. One pass finds the first
    character that is forbidden or beyond the BMP; only from the latter is the whole class
    searched."""
    first = _SUSPECT.search(text)
    if first is None or first.group() < "\U00010000":
        return first
    return FORBIDDEN.search(text, first.start())


def clean_body(text: str, first_line: int, reporter: Reporter) -> str:
    """The Markdown `text` (from line `first_line` of its file) without forbidden characters;
    one warning, at the first, says how many were dropped."""
    first = first_forbidden(text)
    if first is None:
        return text
    more = len(FORBIDDEN.findall(text)) - 1
    offset = first.start()
    line = first_line + text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    # One warning per file: a file of a million of them must not print a million lines.
    what, them = (f", and {more:,} more in this file", "them") if more else ("", "it")
    reporter.at(
        line,
        col,
        f"character {code(first.group())} removed{what}: pages and feeds cannot hold {them}",
        f"delete {them} from the file: control characters are invisible in most editors",
        warning=True,
    )
    return FORBIDDEN.sub("", text)
