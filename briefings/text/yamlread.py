"""Reading YAML into positioned values, refusing what would surprise.

PyYAML is YAML 1.1 and turns `no` into False and `10:00` into a number. We compose the document into
nodes (`yaml.compose`, the safe loader, never constructing Python objects) and convert each value by
what the field expects, so `title: no` is the text "no" and `draft: no` is refused with a hint.
Anchors and aliases, merge keys, duplicate keys, non-standard tags and nesting deeper than
MAX_DEPTH are errors, and so is a character no page or feed may hold (`characters.FORBIDDEN`),
raw or written as an escape such as "a\\x01b".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from ..diagnostics import Reporter, closest, suggest
from .characters import FORBIDDEN, code, first_forbidden

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_TAG = "tag:yaml.org,2002:"
_STANDARD_TAGS = {
    f"{_YAML_TAG}{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_MERGE = f"{_YAML_TAG}merge"
_NULLS = {"", "~", "null", "Null", "NULL"}
MAX_DEPTH = 32
"""Lists and mappings nested deeper are refused: no field needs it, and composing recurses."""


@dataclass(frozen=True, slots=True)
class Value:
    """A YAML value with its position (1-based line and column in the file)."""

    data: str | list[Value] | dict[str, tuple[Value, Value]]
    """Scalars keep their text as written; mappings map key text to (key, value)."""
    line: int
    col: int
    plain: bool = False
    """An unquoted scalar: the only kind YAML 1.1 would have read as a bool, number or date."""

    @property
    def is_null(self) -> bool:
        return isinstance(self.data, str) and self.plain and self.data in _NULLS


def load(text: str, reporter: Reporter, first_line: int = 1) -> Value | None:
    """Parse one YAML document whose first line is line `first_line` of the file.

    Problems go to `reporter`; None is returned when the document cannot be used.
    """
    try:
        deep = _too_deep(text)
        node = None if deep else yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        _syntax_error(error, text, reporter, first_line)
        return None
    except yaml.reader.ReaderError:
        # Raised before parsing for characters YAML refuses. The C reader gives a byte offset and
        # the Python one a character offset, so find the character again ourselves.
        _unprintable(text, reporter, first_line)
        return None
    except yaml.YAMLError as error:
        reporter.at(first_line, 1, f"YAML error: {error}")
        return None
    if deep is not None:
        reporter.at(
            first_line + deep.line,
            deep.column + 1,
            f"YAML lists and mappings are nested more than {MAX_DEPTH} levels deep",
            "write plain fields and short lists: keywords: [Gaza, Hamas]",
        )
        return None
    if node is None:
        return Value({}, first_line, 1)
    before = len(reporter.found)
    aliases: list[Value] = []
    value = _convert(node, reporter, first_line, set(), aliases)
    if aliases:
        _report_aliases(text, reporter, first_line)
    return value if len(reporter.found) == before else None


def _too_deep(text: str) -> yaml.Mark | None:
    """Where lists and mappings first nest deeper than MAX_DEPTH, read from the event stream.

    Checked before composing: the composer recurses once per level (100,000 `[` crash the
    interpreter), and the parser slows down with every level still open.

    Each list or mapping opens with an indicator of its own (the `-`, `:`, `?`, `[` or `{` of its
    first entry): a text with no more of them than MAX_DEPTH cannot nest deeper, and is not
    parsed a second time (an article's front matter, nearly always).
    """
    if sum(text.count(mark) for mark in "-:?[{") <= MAX_DEPTH:
        return None
    try:
        return _first_too_deep(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        # libyaml 0.2.6 (PyYAML 6.0.4 and later) stops at its own limit of 1,000 levels, before
        # the first event is out. Read the text up to where it stopped with the Python parser,
        # which has no such limit, to find our deeper-than-MAX_DEPTH place as before.
        mark = error.problem_mark
        if mark is None or "maximum nesting depth" not in (error.problem or ""):
            raise
        lines = text.split("\n")[: mark.line + 1]
        lines[-1] = lines[-1][: mark.column]
        try:
            return _first_too_deep(yaml.parse("\n".join(lines), Loader=yaml.SafeLoader))
        except yaml.MarkedYAMLError:
            return mark  # cut short, with no level past MAX_DEPTH before the cut: its own place


def _first_too_deep(events: Iterable[yaml.Event]) -> yaml.Mark | None:
    depth = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _report_aliases(text: str, reporter: Reporter, first_line: int) -> None:
    """Report each `*alias` where it is written: composed nodes only know the anchor's place."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            reporter.at(
                first_line + event.start_mark.line,
                event.start_mark.column + 1,
                f"YAML alias '*{event.anchor}' is not supported",
                f"write the value out instead of repeating the one anchored with '&{event.anchor}'",
            )


_UNCLOSED = {
    "while parsing a flow sequence": (
        "the list opened here with '[' is never closed",
        "end the list with ']': keywords: [Gaza, Hamas]",
    ),
    "while parsing a flow mapping": (
        "the mapping opened here with '{' is never closed",
        "end it with '}': source: {name: AFP, url: https://www.afp.com}",
    ),
    "while scanning a quoted scalar": (
        "the quote opened here is never closed",
        "end the text with the quote mark it starts with",
    ),
}


def _syntax_error(
    error: yaml.MarkedYAMLError, text: str, reporter: Reporter, first_line: int
) -> None:
    """Report a parser error where a person would fix it, keeping the parser's own words."""
    mark = error.problem_mark or error.context_mark
    problem = error.problem or error.context or "invalid YAML"
    context = error.context or ""
    start = error.context_mark
    # An unclosed '[' or quote is only noticed lines later, often at the end of the text: the
    # opening character is what needs fixing, so point there and say where the parser stopped.
    # (A quoted text may run over lines, so only its end-of-text error means "never closed".)
    if (
        context in _UNCLOSED
        and start is not None
        and mark is not None
        and mark.line > start.line
        and (context != "while scanning a quoted scalar" or "end of stream" in problem)
    ):
        what, hint = _UNCLOSED[context]
        reporter.at(
            first_line + start.line,
            start.column + 1,
            f"YAML syntax error: {what} (the parser stopped at line "
            f"{first_line + mark.line}, column {mark.column + 1}: {problem})",
            hint,
        )
        return
    if context and not context.startswith("while "):
        # Composer errors split one sentence in two ("expected a single document", "but found").
        problem = f"{context}, {problem}"
    line = first_line + (mark.line if mark else 0)
    col = (mark.column + 1) if mark else 1
    hint = _syntax_hint(problem, _character_at(text, mark))
    reporter.at(line, col, f"YAML syntax error: {problem}", hint)


def _character_at(text: str, mark: yaml.Mark | None) -> str:
    """The character at a parser's mark ('' past the end): libyaml's messages do not name it."""
    lines = text.split("\n")
    if mark is None or mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


# YAML 1.1's printable characters; anything else makes the reader refuse the whole text.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _unprintable(text: str, reporter: Reporter, first_line: int) -> None:
    found = _UNPRINTABLE.search(text)
    if found is None:
        reporter.at(first_line, 1, "YAML error: the text contains a character YAML refuses")
        return
    offset = found.start()
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    reporter.at(
        first_line + line,
        col,
        f"character U+{ord(found.group()):04X} is not allowed in YAML",
        "delete it: control characters are invisible in most editors",
    )


def _syntax_hint(problem: str, character: str) -> str:
    if "mapping values" in problem:
        return "put quotes around a value that contains ': ' (title: \"Gaza : la trêve\")"
    if character == "\t" or "tab" in problem:
        return "indent YAML with spaces, not tabs"
    if "expected key" in problem or "expected <block end>" in problem:
        return (
            "keys of one mapping start in the same column; "
            "a value that starts with a quote must end with it"
        )
    if "another document" in problem:
        return "remove the '---' line: the file holds one mapping"
    return ""


def _convert(
    node: yaml.Node, reporter: Reporter, first_line: int, seen: set[int], aliases: list[Value]
) -> Value:
    """The node as a Value; aliases met go to `aliases`, to be reported at their own place."""
    line = first_line + node.start_mark.line
    col = node.start_mark.column + 1
    if id(node) in seen:
        # Composing resolves an alias to the very node it names: a second visit is an alias.
        aliases.append(Value("", line, col))
        return aliases[-1]
    seen.add(id(node))
    if node.tag == _MERGE:
        # The resolver tags a plain `<<` key as a merge: it would copy another mapping in.
        reporter.at(line, col, "YAML merge keys (<<) are not supported", "write the keys out")
        return Value("", line, col)
    if node.tag not in _STANDARD_TAGS:
        shown = node.tag.replace(_YAML_TAG, "!!", 1) if node.tag.startswith(_YAML_TAG) else node.tag
        reporter.at(
            line,
            col,
            f"YAML tag '{shown}' is not allowed",
            "remove the tag: only text, lists and mappings are read",
        )
        return Value("", line, col)
    if isinstance(node, yaml.ScalarNode):
        if first_forbidden(node.value):
            _forbidden(node, reporter, first_line)
            return Value("", line, col)
        # The C loader gives plain scalars the style "" where the Python one gives None.
        return Value(node.value, line, col, plain=not node.style)
    if isinstance(node, yaml.SequenceNode):
        items = [_convert(item, reporter, first_line, seen, aliases) for item in node.value]
        return Value(items, line, col)
    mapping: dict[str, tuple[Value, Value]] = {}
    for key_node, value_node in node.value:
        key = _convert(key_node, reporter, first_line, seen, aliases)
        value = _convert(value_node, reporter, first_line, seen, aliases)
        if not isinstance(key.data, str):
            reporter.at(key.line, key.col, "a key must be a plain name")
            continue
        if key.data in mapping:
            first = mapping[key.data][0]
            reporter.at(
                key.line,
                key.col,
                f"duplicate key '{key.data}'",
                f"it is already set at line {first.line}; keep one",
            )
            continue
        mapping[key.data] = (key, value)
    return Value(mapping, line, col)


# In a double-quoted scalar: an escape (taken whole, so that `\\x01` is a backslash and x01),
# or a character as written.
_ESCAPE_OR_FORBIDDEN = re.compile(
    r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)|" + FORBIDDEN.pattern
)
_SHORT_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "v": "\v", "f": "\f", "e": "\x1b", "N": "\x85"}


def _forbidden(node: yaml.ScalarNode, reporter: Reporter, first_line: int) -> None:
    """Report the first forbidden character of a scalar where it is written, raw or escaped."""
    double_quoted = node.style == '"'
    pattern = _ESCAPE_OR_FORBIDDEN if double_quoted else FORBIDDEN
    start, end = node.start_mark, node.end_mark
    for row in range(start.line, end.line + 1):
        index = first_line - 1 + row
        if index >= len(reporter.lines):
            break
        text = reporter.lines[index]
        low = start.column if row == start.line else 0
        high = end.column if row == end.line else len(text)
        for found in pattern.finditer(text, low, high):
            written = found.group()
            character = _unescaped(written) if written.startswith("\\") else written
            if not FORBIDDEN.fullmatch(character):
                continue
            line, col = first_line + row, found.start() + 1
            if written == character:
                message = (
                    f"character {code(character)} is not allowed: pages and feeds cannot hold it"
                )
                hint = "delete it: control characters are invisible in most editors"
            else:
                message = (
                    f"'{written}' writes the character {code(character)}, "
                    "which pages and feeds cannot hold"
                )
                hint = "delete it: it is invisible, and XML and HTML do not allow it"
            reporter.at(line, col, message, hint)
            return
    # Not found as written (a reporter without the file's text): at the value.
    character = FORBIDDEN.search(node.value).group()  # type: ignore[union-attr]
    reporter.at(
        first_line + start.line,
        start.column + 1,
        f"the text holds the character {code(character)}, which pages and feeds cannot hold",
        "delete it: control characters are invisible in most editors",
    )


def _unescaped(escape: str) -> str:
    """The character a double-quoted YAML escape (`\\x01`, `\\e`, ...) stands for."""
    letter = escape[1]
    if letter in "xuU" and len(escape) > 2:
        number = int(escape[2:], 16)
        return chr(number) if number < 0x110000 else ""
    return _SHORT_ESCAPES.get(letter, letter)


# Matched whole (`fullmatch`): `$` would also match before a final newline.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INT = re.compile(r"[+-]?\d+")
_WHOLE = re.compile(r"[+-]?[0-9]+")
# What YAML 1.1 (and so many tools) would read as booleans: refused, with the word to write.
_YAML11_BOOLS = {
    "yes": "true",
    "on": "true",
    "y": "true",
    "no": "false",
    "off": "false",
    "n": "false",
}
_DATE_HINT = "write YYYY-MM-DD, or an ISO 8601 date-time such as 2024-03-08T14:30:00+01:00"


class Fields:
    """Typed access to a mapping's fields, reporting every problem at its position."""

    def __init__(self, value: Value, reporter: Reporter, known: Iterable[str], what: str) -> None:
        self.reporter = reporter
        self.what = what
        self.entries: dict[str, tuple[Value, Value]] = {}
        self.line, self.col = value.line, value.col
        self.misspelt: set[str] = set()
        """Known keys an unknown key was taken for: their absence is that key's error already."""
        self.usable = isinstance(value.data, dict)
        if not isinstance(value.data, dict):
            reporter.at(
                value.line,
                value.col,
                f"{what} must be a mapping of 'key: value' lines, not a {_kind(value)}",
                "write each field on its own line as 'key: value', indented the same",
            )
            return
        self.entries = value.data
        known = tuple(known)
        for name, (key, _) in self.entries.items():
            if name not in known:
                meant = closest(name, known)
                if meant is not None:
                    self.misspelt.add(meant)
                reporter.at(
                    key.line, key.col, f"unknown key '{name}' in {what}", suggest(name, known)
                )

    def value(self, key: str) -> Value | None:
        entry = self.entries.get(key)
        if entry is None or entry[1].is_null:
            return None
        return entry[1]

    def missing(self, key: str, example: str, need: str = "") -> None:
        """Report a required field as missing, or as empty where it is written with no value
        (`title: ""`, `keywords: []`), unless a problem already reported explains it. `need`
        says why it is needed, in the hint of an empty one."""
        if not self.usable or (key in self.misspelt and key not in self.entries):
            return
        if key in self.entries:
            name, value = self.entries[key]
            where = name if value.is_null else value
            self.reporter.at(
                where.line,
                where.col,
                f"'{key}' is empty",
                f"{need or 'write it'}: {key}: {example}",
            )
            return
        self.reporter.at(
            self.line, self.col, f"{self.what} has no '{key}'", f"add a line '{key}: {example}'"
        )

    def text(self, key: str, *, required: str = "", default: str = "") -> str:
        """A string field; `required` is an example value, given when the field must be set."""
        value = self.value(key)
        if value is None:
            if required:
                self.missing(key, required)
            return default
        if not isinstance(value.data, str):
            self.reporter.at(
                value.line,
                value.col,
                f"'{key}' must be text, not a {_kind(value)}",
                f"write '{key}: {required}'" if required else "",
            )
            return default
        result = value.data.strip()
        if required and not result:
            self.missing(key, required)
        return result

    def texts(self, key: str) -> tuple[tuple[str, Value], ...]:
        """A list of strings (a single string is taken as a list of one)."""
        value = self.value(key)
        if value is None:
            return ()
        items = value.data if isinstance(value.data, list) else [value]
        result = []
        for item in items:
            if not isinstance(item.data, str) or item.is_null:
                self.reporter.at(
                    item.line,
                    item.col,
                    f"each item of '{key}' must be text, not a {_kind(item)}",
                    f"write '{key}: [first, second]'",
                )
                continue
            result.append((item.data.strip(), item))
        return tuple(result)

    def boolean(self, key: str, default: bool) -> bool:
        value = self.value(key)
        if value is None:
            return default
        word = value.data.lower() if isinstance(value.data, str) and value.plain else None
        if word in ("true", "false"):
            return word == "true"
        shown = value.data if isinstance(value.data, str) else _kind(value)
        meant = _YAML11_BOOLS.get(word or "")
        self.reporter.at(
            value.line,
            value.col,
            f"'{key}' must be true or false, not '{shown}'",
            f"write '{key}: {meant}' (yes/no and on/off are not booleans here)"
            if meant
            else f"write '{key}: true' or '{key}: false'",
        )
        return default

    def whole(self, key: str, default: int, *, per: str = "", note: str = "") -> int:
        """A whole number of at least 1 written for `key` (`default` when it is absent, or after
        reporting why it is not one). `per` follows "a whole number" in the message ("of
        articles per page"), `note` follows the suggested line in the hint."""
        value = self.value(key)
        if value is None:
            return default
        raw = value.data if isinstance(value.data, str) else None
        # A quoted "20" is text in YAML: refused like a quoted "true" for a boolean setting.
        if raw is not None and value.plain and _WHOLE.fullmatch(raw):
            if int(raw) >= 1:
                return int(raw)
            message = f"'{key}' must be at least 1, not {int(raw)}"
            self.reporter.at(value.line, value.col, message, f"write '{key}: {default}'{note}")
            return default
        shown = f"'{raw}'" if raw is not None else f"a {_kind(value)}"
        quoted = raw.strip() if raw is not None and _WHOLE.fullmatch(raw.strip()) else ""
        self.reporter.at(
            value.line,
            value.col,
            f"'{key}' must be a whole number{per}, not {shown}",
            f"write '{key}: {quoted}' without quotes"
            if quoted and int(quoted) >= 1
            else f"write '{key}: {default}'",
        )
        return default

    def integer(self, key: str) -> int | None:
        value = self.value(key)
        if value is None:
            return None
        if isinstance(value.data, str) and _INT.fullmatch(value.data):
            return int(value.data)
        shown = value.data if isinstance(value.data, str) else _kind(value)
        self.reporter.at(
            value.line, value.col, f"'{key}' must be a whole number, not '{shown}'", f"{key}: 1"
        )
        return None

    def when(self, key: str) -> tuple[dt.datetime, bool] | None:
        """A date or ISO 8601 date-time, with whether a time was given; None if missing/bad.

        The result is always timezone-aware: a date alone is midnight UTC and a time written
        without an offset is UTC (as the feeds read it), so that one article dated
        `2024-03-08T14:30:00+01:00` can be sorted and compared with the others.
        """
        value = self.value(key)
        if value is None:
            self.missing(key, "2024-03-08")
            return None
        if not isinstance(value.data, str):
            self.reporter.at(
                value.line, value.col, f"'{key}' must be a date, not a {_kind(value)}", _DATE_HINT
            )
            return None
        raw = value.data.strip()
        problem = _date_problem(raw)
        if problem:
            self.reporter.at(
                value.line,
                value.col,
                f"'{key}' is not a valid date: '{raw}' ({problem})",
                _DATE_HINT,
            )
            return None
        if _DATE.fullmatch(raw):
            return dt.datetime.combine(dt.date.fromisoformat(raw), dt.time(), dt.UTC), False
        when = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
        return (when if when.tzinfo else when.replace(tzinfo=dt.UTC)), True

    def day(self, key: str, example: str) -> dt.date | None:
        """A date alone (`2025-01-20`), or None when absent or after reporting why it is not one.

        PyYAML would make a date of an unquoted `2025-01-20` and leave `2025-1-20` or `soon` as
        text; here every one is checked, and a time of day is refused: a role changes hands on a
        day.
        """
        value = self.value(key)
        if value is None:
            return None
        raw = value.data.strip() if isinstance(value.data, str) else None
        problem = _date_problem(raw) if raw is not None else ""
        if raw is not None and not problem and _DATE.fullmatch(raw):
            return dt.date.fromisoformat(raw)
        if raw is None:
            message = f"'{key}' must be a date, not a {_kind(value)}"
        elif problem:
            message = f"'{key}' is not a valid date: '{raw}' ({problem})"
        else:
            message = f"'{key}' must be a day without a time, not '{raw}'"
        self.reporter.at(value.line, value.col, message, f"write '{key}: {example}'")
        return None


def _date_problem(raw: str) -> str:
    """Why `raw` is not a date or ISO 8601 date-time, in words; empty when it is one."""
    if not re.match(r"\d{4}-\d{2}-\d{2}(?:\Z|[T ])", raw):
        return "a date is written year-month-day with digits"
    year, month, day = int(raw[:4]), int(raw[5:7]), int(raw[8:10])
    if year < 1:
        return "there is no year 0000"
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{year:04d}-{month:02d} has {days} days"
    try:
        dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return "the time after the date is not a valid HH:MM or HH:MM:SS time"
    return ""


def _kind(value: Value) -> str:
    if isinstance(value.data, list):
        return "list"
    return "mapping" if isinstance(value.data, dict) else "text"
