"""A topic's `figures:` front matter (issue 20): the numbers its dossier tracks, validated.

Each entry names a figure (`id`, `label`, `unit`), the words that announce one of its values in
the copy (`phrases`, matched like the topic's keywords, and `widen`, whether their word families
count too) and what `briefings check` watches (`grows`, `jump`). Every problem is reported
where it is written, with what would be right.
"""

from __future__ import annotations

import re

from ..diagnostics import Reporter
from ..model import FigureSpec
from ..slugs import is_id, slugify
from ..text.yamlread import Fields, Value

FIGURE_KEYS = ("id", "label", "unit", "phrases", "grows", "jump", "widen")
DEFAULT_JUMP = 3.0
_EXAMPLE = "{id: tues, label: Personnes tuées, unit: personnes, phrases: [tués, morts]}"
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# Signs written for a currency: the unit is the currency's name, which the copy writes too.
_CURRENCY_SIGNS = {"$": "dollars", "us$": "dollars", "usd": "dollars", "€": "euros", "eur": "euros"}


def parse_figures(fields: Fields) -> tuple[FigureSpec, ...]:
    """The topic's figures; problems go to `fields.reporter`, and a figure with any is left out."""
    value = fields.value("figures")
    if value is None:
        return ()
    reporter = fields.reporter
    if not isinstance(value.data, list):
        reporter.at(
            value.line,
            value.col,
            f"'figures' must be a list of figures, not a {_kind(value)}",
            f"write one '- id: …' entry per figure, or a list: figures: [{_EXAMPLE}]",
        )
        return ()
    figures: list[FigureSpec] = []
    seen: dict[str, int] = {}
    for item in value.data:
        figure = _figure(item, reporter, seen)
        if figure is not None:
            figures.append(figure)
    return tuple(figures)


def _figure(item: Value, reporter: Reporter, seen: dict[str, int]) -> FigureSpec | None:
    if not isinstance(item.data, dict):
        reporter.at(
            item.line,
            item.col,
            f"each figure must be a mapping of 'key: value' lines, not a {_kind(item)}",
            f"write it as {_EXAMPLE}",
        )
        return None
    before = len(reporter.found)
    entry = Fields(item, reporter, FIGURE_KEYS, "a figure")
    figure_id = _figure_id(entry, seen)
    label = entry.text("label", required="Personnes tuées à Gaza")
    unit = _unit(entry)
    phrases = _phrases(entry)
    grows = entry.boolean("grows", True)
    jump = _jump(entry)
    widen = entry.boolean("widen", True)
    if len(reporter.found) != before or not figure_id:
        return None
    return FigureSpec(figure_id, label, unit, phrases, grows, jump, item.line, widen)


def _figure_id(entry: Fields, seen: dict[str, int]) -> str:
    figure_id = entry.text("id", required="tues")
    where = entry.value("id")
    if not figure_id or where is None:
        return ""
    if not is_id(figure_id):
        entry.reporter.at(
            where.line,
            where.col,
            f"figure id '{figure_id}' is not valid",
            f"use lower-case letters, digits and '-' only: id: {slugify(figure_id, 'chiffre')}",
        )
        return ""
    if figure_id in seen:
        entry.reporter.at(
            where.line,
            where.col,
            f"duplicate figure id '{figure_id}': the figure at line {seen[figure_id]} has it too",
            f"give each figure of the topic its own id: id: {figure_id}-2",
        )
        return ""
    seen[figure_id] = where.line
    return figure_id


def _unit(entry: Fields) -> str:
    unit = entry.text("unit", required="personnes")
    where = entry.value("unit")
    if not unit or where is None:
        return unit
    sign = _CURRENCY_SIGNS.get(unit.casefold())
    if sign is not None:
        entry.reporter.at(
            where.line,
            where.col,
            f"unit '{unit}' is a sign: the unit is the currency's name",
            f"write 'unit: {sign}' (the copy's `$`, `USD`, `dollars` all count)",
        )
    elif any(c.isdigit() for c in unit):
        entry.reporter.at(
            where.line,
            where.col,
            f"unit '{unit}' holds a number: the unit says what is counted",
            "write a word (unit: personnes), or '%', 'dollars', 'euros'",
        )
    return unit


def _phrases(entry: Fields) -> tuple[str, ...]:
    phrases = []
    written = entry.texts("phrases")
    for phrase, where in written:
        if not phrase.rstrip("*").strip():
            entry.reporter.at(
                where.line,
                where.col,
                "a phrase of 'phrases' is empty"
                if not phrase
                else f"phrase '{phrase}' is only '*'",
                "write the words that announce a value: phrases: [tués, morts, killed]",
            )
            continue
        phrases.append(phrase)
    given = entry.value("phrases")
    if given is None or given.data == []:  # absent or `phrases: []`; bad items are reported
        entry.missing(
            "phrases",
            "[tués, morts, killed]",
            "a figure needs at least one phrase that announces its values",
        )
    return tuple(dict.fromkeys(phrases))


def _jump(entry: Fields) -> float:
    value = entry.value("jump")
    if value is None:
        return DEFAULT_JUMP
    raw = value.data if isinstance(value.data, str) else None
    hint = (
        "write how many times the last value a new one may be before 'check' warns: "
        f"jump: {DEFAULT_JUMP:g}"
    )
    # A quoted "3" is text in YAML: refused like a quoted number of any other setting.
    if raw is not None and value.plain and _NUMBER.fullmatch(raw):
        jump = float(raw)
        if jump > 1:
            return jump
        problem = f"'jump' must be more than 1, not {raw}"
    else:
        shown = f"'{raw}'" if raw is not None else f"a {_kind(value)}"
        problem = f"'jump' must be a number, not {shown}"
        if raw is not None and _NUMBER.fullmatch(raw.strip()) and float(raw) > 1:
            hint = f"write 'jump: {raw.strip()}' without quotes"
    entry.reporter.at(value.line, value.col, problem, hint)
    return DEFAULT_JUMP


def _kind(value: Value) -> str:
    if isinstance(value.data, list):
        return "list"
    return "mapping" if isinstance(value.data, dict) else "text"
