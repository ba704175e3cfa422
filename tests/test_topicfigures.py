"""A topic's `figures:` front matter (issue 20): read into FigureSpec, and every mistake reported
at its line and column with what would be right."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.model import FigureSpec
from briefings.stages.config import Overrides
from briefings.stages.content import load_site

from .conftest import run
from .test_validation import fails, reported, summary

TOPIC = "content/topics/gaza.md"
# Line numbers matter below: the tests name the line each mistake is on.
GOOD = """\
---
title: Gaza
keywords: [Gaza, Hamas, Israël, israélien*]
order: 1
figures:
  - id: tues
    label: Personnes tuées à Gaza depuis le 7 octobre 2023
    unit: personnes
    phrases: [tués, morts, killed, death toll]
  - id: aide
    label: Aide promise
    unit: dollars
    phrases: aide*
    grows: false
    jump: 2.5
    widen: false
---
Le dossier de Gaza.
"""


@pytest.fixture
def site(make_site, capsys) -> Path:
    folder = make_site({TOPIC: GOOD})
    assert run("build", "--site", folder) == 0
    capsys.readouterr()
    return folder


def with_figures(lines: str) -> str:
    """The topic with its figures replaced by `lines` (from line 5 on)."""
    head, _, rest = GOOD.partition("figures:\n")
    _, _, body = rest.partition("---\n")
    return f"{head}{lines}---\n{body}"


def test_figures_are_read_in_order_with_their_defaults(site: Path) -> None:
    content, _ = load_site(site, Overrides())
    (gaza,) = [t for t in content.topics if t.id == "gaza"]
    assert gaza.figures == (
        FigureSpec(
            "tues",
            "Personnes tuées à Gaza depuis le 7 octobre 2023",
            "personnes",
            ("tués", "morts", "killed", "death toll"),
            True,
            3.0,
            6,
        ),
        FigureSpec("aide", "Aide promise", "dollars", ("aide*",), False, 2.5, 10, False),
    )
    assert gaza.figures[0].widen  # the default: phrases with their word families
    assert all(t.figures == () for t in content.topics if t.id != "gaza")


def test_figures_must_be_a_list(site: Path, capsys) -> None:
    err = fails(site, capsys, {TOPIC: with_figures("figures: tués\n")})
    reported(
        err,
        f"{TOPIC}:5:10: error: 'figures' must be a list of figures, not a text",
        "figures: tués",
        "write one '- id: …' entry per figure, or a list: figures: [{id: tues, label: "
        "Personnes tuées, unit: personnes, phrases: [tués, morts]}]",
    )
    summary(err, 1)


def test_an_unknown_key_names_the_known_ones(site: Path, capsys) -> None:
    figures = (
        "figures:\n  - id: tues\n    label: Tués\n    unit: personnes\n    phrases: [tués]\n"
        "    grow: false\n"
    )
    err = fails(site, capsys, {TOPIC: with_figures(figures)})
    reported(
        err,
        f"{TOPIC}:10:5: error: unknown key 'grow' in a figure",
        "    grow: false",
        "did you mean 'grows'?",
    )
    summary(err, 1)


def test_a_duplicate_id_points_at_the_first(site: Path, capsys) -> None:
    figures = (
        "figures:\n"
        "  - {id: tues, label: Tués, unit: personnes, phrases: [tués]}\n"
        "  - {id: tues, label: Morts, unit: personnes, phrases: [morts]}\n"
    )
    err = fails(site, capsys, {TOPIC: with_figures(figures)})
    reported(
        err,
        f"{TOPIC}:7:10: error: duplicate figure id 'tues': the figure at line 6 has it too",
        "  - {id: tues, label: Morts, unit: personnes, phrases: [morts]}",
        "give each figure of the topic its own id: id: tues-2",
    )
    summary(err, 1)


def test_an_invalid_id_gets_a_valid_one(site: Path, capsys) -> None:
    figures = "figures:\n  - {id: Tués à Gaza, label: Tués, unit: personnes, phrases: [tués]}\n"
    err = fails(site, capsys, {TOPIC: with_figures(figures)})
    reported(
        err,
        f"{TOPIC}:6:10: error: figure id 'Tués à Gaza' is not valid",
        "  - {id: Tués à Gaza, label: Tués, unit: personnes, phrases: [tués]}",
        "use lower-case letters, digits and '-' only: id: tues-a-gaza",
    )
    summary(err, 1)


@pytest.mark.parametrize(
    ("phrases", "at", "message", "hint"),
    [
        (
            "[]",
            "[]",
            "'phrases' is empty",
            "a figure needs at least one phrase that announces its values: "
            "phrases: [tués, morts, killed]",
        ),
        (
            '[tués, "*"]',
            '"*"',
            "phrase '*' is only '*'",
            "write the words that announce a value: phrases: [tués, morts, killed]",
        ),
        (
            "[tués, {a: b}]",
            "{a: b}",
            "each item of 'phrases' must be text, not a mapping",
            "write 'phrases: [first, second]'",
        ),
    ],
)
def test_empty_or_wrong_phrases(site: Path, capsys, phrases, at, message, hint) -> None:
    line = f"  - {{id: tues, label: Tués, unit: personnes, phrases: {phrases}}}"
    err = fails(site, capsys, {TOPIC: with_figures(f"figures:\n{line}\n")})
    reported(err, f"{TOPIC}:6:{line.rindex(at) + 1}: error: {message}", line, hint)
    summary(err, 1)


def test_a_missing_field_is_named(site: Path, capsys) -> None:
    line = "  - {id: tues, label: Tués, phrases: [tués]}"
    err = fails(site, capsys, {TOPIC: with_figures(f"figures:\n{line}\n")})
    reported(
        err,
        f"{TOPIC}:6:5: error: a figure has no 'unit'",
        line,
        "add a line 'unit: personnes'",
    )
    summary(err, 1)


@pytest.mark.parametrize(
    ("value", "message", "hint"),
    [
        ("0", "'jump' must be more than 1, not 0", "jump: 3"),
        ("-2", "'jump' must be a number, not '-2'", "jump: 3"),
        ('"2"', "'jump' must be a number, not '2'", "write 'jump: 2' without quotes"),
        ("[3]", "'jump' must be a number, not a list", "jump: 3"),
    ],
)
def test_a_jump_must_be_a_number_above_one(site: Path, capsys, value, message, hint) -> None:
    line = f"  - {{id: tues, label: Tués, unit: personnes, phrases: [tués], jump: {value}}}"
    err = fails(site, capsys, {TOPIC: with_figures(f"figures:\n{line}\n")})
    if hint == "jump: 3":
        hint = "write how many times the last value a new one may be before 'check' warns: jump: 3"
    reported(err, f"{TOPIC}:6:{line.index('jump: ') + 7}: error: {message}", line, hint)
    summary(err, 1)


def test_grows_is_a_boolean_and_a_unit_is_a_name(site: Path, capsys) -> None:
    figures = (
        "figures:\n"
        "  - {id: tues, label: Tués, unit: personnes, phrases: [tués], grows: yes}\n"
        "  - {id: aide, label: Aide, unit: $, phrases: [aide]}\n"
    )
    err = fails(site, capsys, {TOPIC: with_figures(figures)})
    reported(
        err,
        f"{TOPIC}:6:70: error: 'grows' must be true or false, not 'yes'",
        "  - {id: tues, label: Tués, unit: personnes, phrases: [tués], grows: yes}",
        "write 'grows: true' (yes/no and on/off are not booleans here)",
    )
    reported(
        err,
        f"{TOPIC}:7:35: error: unit '$' is a sign: the unit is the currency's name",
        "  - {id: aide, label: Aide, unit: $, phrases: [aide]}",
        "write 'unit: dollars' (the copy's `$`, `USD`, `dollars` all count)",
    )
    summary(err, 2)


def test_widen_is_a_boolean(site: Path, capsys) -> None:
    line = "  - {id: tues, label: Tués, unit: personnes, phrases: [tués], widen: non}"
    err = fails(site, capsys, {TOPIC: with_figures(f"figures:\n{line}\n")})
    reported(
        err,
        f"{TOPIC}:6:{line.index('widen: ') + 8}: error: 'widen' must be true or false, not 'non'",
        line,
        "write 'widen: true' or 'widen: false'",
    )
    summary(err, 1)
