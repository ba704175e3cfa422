"""Reading YAML into positioned values, refusing what would surprise.

PyYAML is YAML 1.1 and turns `no` into False and `10:00` into a number. We compose the document into
nodes (`yaml.compose`, the safe loader, never constructing Python objects) and convert each value by
what the field expects, so `title: no` is the text "no" and `draft: no` is refused with a hint.
Anchors and aliases, merge keys, duplicate keys and non-standard tags are errors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from .diagnostics import Reporter, suggest

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STANDARD_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_NULLS = {"", "~", "null", "Null", "NULL"}


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
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        col = (mark.column + 1) if mark else 1
        problem = error.problem or error.context or "invalid YAML"
        reporter.at(line, col, f"YAML syntax error: {problem}", _syntax_hint(problem))
        return None
    except yaml.YAMLError as error:
        reporter.at(first_line, 1, f"YAML error: {error}")
        return None
    if node is None:
        return Value({}, first_line, 1)
    before = len(reporter.found)
    value = _convert(node, reporter, first_line, set())
    return value if len(reporter.found) == before else None


def _syntax_hint(problem: str) -> str:
    if "mapping values" in problem:
        return "put quotes around a value that contains ': ' (title: \"Gaza : la trêve\")"
    if "found character '\\t'" in problem or "tab" in problem:
        return "indent YAML with spaces, not tabs"
    return ""


def _convert(node: yaml.Node, reporter: Reporter, first_line: int, seen: set[int]) -> Value:
    line = first_line + node.start_mark.line
    col = node.start_mark.column + 1
    if id(node) in seen:
        # Composing resolves an alias to the very node it names: a second visit is an alias.
        reporter.at(line, col, "YAML anchors and aliases are not supported", "write the value out")
        return Value("", line, col)
    seen.add(id(node))
    if node.tag not in _STANDARD_TAGS:
        reporter.at(line, col, f"YAML tag '{node.tag}' is not allowed", "remove the tag")
        return Value("", line, col)
    if isinstance(node, yaml.ScalarNode):
        # The C loader gives plain scalars the style "" where the Python one gives None.
        return Value(node.value, line, col, plain=not node.style)
    if isinstance(node, yaml.SequenceNode):
        return Value([_convert(item, reporter, first_line, seen) for item in node.value], line, col)
    mapping: dict[str, tuple[Value, Value]] = {}
    for key_node, value_node in node.value:
        key = _convert(key_node, reporter, first_line, seen)
        value = _convert(value_node, reporter, first_line, seen)
        if not isinstance(key.data, str):
            reporter.at(key.line, key.col, "a key must be a plain name")
            continue
        if key.data == "<<" and key.plain:
            reporter.at(key.line, key.col, "YAML merge keys (<<) are not supported")
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


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^[+-]?\d+$")


class Fields:
    """Typed access to a mapping's fields, reporting every problem at its position."""

    def __init__(self, value: Value, reporter: Reporter, known: Iterable[str], what: str) -> None:
        self.reporter = reporter
        self.what = what
        self.entries: dict[str, tuple[Value, Value]] = {}
        if not isinstance(value.data, dict):
            reporter.at(value.line, value.col, f"{what} must be a mapping of 'key: value' lines")
            return
        self.entries = value.data
        self.line = value.line
        known = tuple(known)
        for name, (key, _) in self.entries.items():
            if name not in known:
                reporter.at(
                    key.line,
                    key.col,
                    f"unknown key '{name}' in {what}",
                    suggest(name, known),
                )

    def value(self, key: str) -> Value | None:
        entry = self.entries.get(key)
        if entry is None or entry[1].is_null:
            return None
        return entry[1]

    def missing(self, key: str, example: str) -> None:
        line = getattr(self, "line", 1)
        self.reporter.at(line, 1, f"{self.what} has no '{key}'", f"add a line '{key}: {example}'")

    def text(self, key: str, *, required: str = "", default: str = "") -> str:
        """A string field; `required` is an example value, given when the field must be set."""
        value = self.value(key)
        if value is None:
            if required:
                self.missing(key, required)
            return default
        if not isinstance(value.data, str):
            self.reporter.at(value.line, value.col, f"'{key}' must be text, not a list or mapping")
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
                self.reporter.at(item.line, item.col, f"each item of '{key}' must be text")
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
        self.reporter.at(
            value.line,
            value.col,
            f"'{key}' must be true or false",
            f"write '{key}: true' or 'false'",
        )
        return default

    def integer(self, key: str) -> int | None:
        value = self.value(key)
        if value is None:
            return None
        if isinstance(value.data, str) and _INT.match(value.data):
            return int(value.data)
        self.reporter.at(value.line, value.col, f"'{key}' must be a whole number", f"{key}: 1")
        return None

    def when(self, key: str) -> tuple[dt.datetime, bool] | None:
        """A date or ISO 8601 date-time, with whether a time was given; None if missing/bad."""
        value = self.value(key)
        if value is None:
            self.missing(key, "2024-03-08")
            return None
        raw = value.data if isinstance(value.data, str) else ""
        try:
            if _DATE.match(raw):
                return dt.datetime.combine(dt.date.fromisoformat(raw), dt.time()), False
            parsed = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError as error:
            reason = str(error).replace("month must be", "the month must be")
            self.reporter.at(
                value.line,
                value.col,
                f"'{key}' is not a valid date: '{raw}' ({reason})",
                "write YYYY-MM-DD or an ISO 8601 date-time such as 2024-03-08T14:30:00+01:00",
            )
            return None
        if not _DATE.match(raw[:10]):
            self.reporter.at(
                value.line, value.col, f"'{key}' is not a valid date: '{raw}'", "write YYYY-MM-DD"
            )
            return None
        return parsed, True
