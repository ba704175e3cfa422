"""Charts of a dossier's key figures: SVG drawn at build time, with no script (issue 20).

A line per provenance, never merged: the health authorities' count and the army's side by side.
Each series differs from the others by its colour, the shape of its markers and the dash of its
line, so that it reads in black and white and to colour-blind readers. The colours come from the
theme's stylesheet (`--chart-1` ... for the light and dark schemes and print) through
`currentColor`: without the stylesheet, a chart takes the colour of the text and still reads.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ..i18n import Language

WIDTH, HEIGHT = 480, 220
"""The drawing's size in SVG units; the stylesheet scales it to the column."""
TOP, BOTTOM, RIGHT, INSET = 26, 30, 14, 10
"""Room above the plot (the unit), under it (the dates), right of it, and inside its edges."""
FONT = 13
CHAR = 7.2
"""The width of a glyph at FONT units, about: room made for the labels of the value axis."""
MOST_VALUES, MOST_DATES = 5, 4
"""Ticks wanted on each axis, at most (about, on the value axis)."""
DAYS = 62
"""Up to this many days between the first and the last value, the time axis shows days."""
STYLES = 6
"""Distinct series styles: the seventh provenance looks like the first."""

SHAPES = (
    '<circle r="4.5"/>',
    '<rect x="-4" y="-4" width="8" height="8"/>',
    '<path d="M0,-5.5L5,3.5H-5Z"/>',
    '<path d="M0,-6L5,0L0,6L-5,0Z"/>',
    '<path d="M0,5.5L5,-3.5H-5Z"/>',
    '<path class="chart-cross" d="M-4,-4L4,4M4,-4L-4,4" fill="none" stroke-width="2.5"/>',
)
"""Marker shapes drawn around (0, 0), one per style: circle, square, triangle, diamond..."""
DASHES = ("", "7 4", "2 3", "10 3 2 3", "4 2", "1 3")
"""The line's dash, one per style (solid first)."""


@dataclass(frozen=True, slots=True)
class Point:
    day: dt.date
    value: float
    """Finite."""
    label: str
    """What the marker's tooltip says (`8 mars 2024 : plus de 44 800 personnes, selon ...`)."""


@dataclass(frozen=True, slots=True)
class Series:
    """The values of one provenance, in date order."""

    points: tuple[Point, ...]
    style: int
    """Which colour, marker and dash: 0 to STYLES - 1."""


def draw(series: Sequence[Series], language: Language, name: str, ident: str, unit: str) -> str:
    """The chart of `series` as an inline `<svg>` whose accessible name is `name`; `ident` makes
    its ids unique on the page; `unit` is written above the value axis."""
    points = [p for s in series for p in s.points]
    if not points:
        raise ValueError("a chart needs at least one value")
    # From zero, as counts are read: an axis from 800 to 1 200 would draw a rise of half as a
    # fivefold one.
    lowest = min(0.0, min(p.value for p in points))
    ticks, step = value_ticks(lowest, max(p.value for p in points))
    labels = value_labels(ticks, step, language)
    first, last = min(p.day for p in points), max(p.day for p in points)
    dates, pattern = date_ticks(first, last)
    left = max(len(label) for label in labels) * CHAR + 12
    bottom = HEIGHT - BOTTOM
    scale = Scale(first, last, ticks[0], ticks[-1], left, bottom)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' width="{WIDTH}" height="{HEIGHT}" font-size="{FONT}" role="img"'
        f' aria-labelledby="{ident}-title"><title id="{ident}-title">{escape(name)}</title>',
        f'<text class="chart-unit" x="4" y="{FONT}" fill="currentColor">{escape(unit)}</text>',
        '<g class="chart-grid" stroke="currentColor" stroke-opacity=".25">',
    ]
    for tick in ticks:
        y = _n(scale.y(tick))
        parts.append(f'<line x1="{_n(left)}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}"/>')
    parts.append('</g><g class="chart-values" fill="currentColor" text-anchor="end">')
    for tick, label in zip(ticks, labels, strict=True):
        parts.append(f'<text x="{_n(left - 6)}" y="{_n(scale.y(tick) + 4)}">{label}</text>')
    parts.append('</g><g class="chart-dates" fill="currentColor" text-anchor="middle">')
    for day in dates:
        label = escape(language.short_date(day, pattern))
        x = scale.x(day)
        half = len(label) * CHAR / 2
        middle = min(max(x, half + 2), WIDTH - half - 2)  # the label stays in the drawing
        parts.append(
            f'<line x1="{_n(x)}" x2="{_n(x)}" y1="{bottom}" y2="{bottom + 5}"'
            f' stroke="currentColor"/><text x="{_n(middle)}" y="{bottom + FONT + 7}">{label}</text>'
        )
    parts.append("</g>")
    for line in series:
        parts.append(_series(line, scale))
    parts.append("</svg>")
    return "".join(parts)


def swatch(style: int) -> str:
    """The legend's sample of a series: a bit of its line with its marker (hidden from screen
    readers, which have the provenance's name beside it)."""
    dash, shape = DASHES[style % STYLES], SHAPES[style % STYLES]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-swatch chart-s{style % STYLES + 1}"'
        ' viewBox="0 0 32 12" width="32" height="12" aria-hidden="true" fill="currentColor"'
        ' stroke="currentColor"><line x1="0" y1="6" x2="32" y2="6" stroke-width="2"'
        + (f' stroke-dasharray="{dash}"' if dash else "")
        + f'/><g class="chart-marker" transform="translate(16 6)">{shape}</g></svg>'
    )


@dataclass(frozen=True, slots=True)
class Scale:
    """From dates and values to the drawing's coordinates."""

    first: dt.date
    last: dt.date
    low: float
    high: float
    left: float
    bottom: float

    def x(self, day: dt.date) -> float:
        start, end = self.left + INSET, WIDTH - RIGHT - INSET
        span = (self.last - self.first).days
        if span == 0:
            return (start + end) / 2
        return start + (day - self.first).days / span * (end - start)

    def y(self, value: float) -> float:
        return self.bottom - (value - self.low) / (self.high - self.low) * (self.bottom - TOP)


def _series(line: Series, scale: Scale) -> str:
    style = line.style % STYLES
    parts = [f'<g class="chart-series chart-s{style + 1}" fill="currentColor" stroke="none">']
    at = [(scale.x(p.day), scale.y(p.value)) for p in line.points]
    if len(at) > 1:
        dash = f' stroke-dasharray="{DASHES[style]}"' if DASHES[style] else ""
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in at)
        parts.append(
            f'<polyline class="chart-line" points="{points}" fill="none" stroke="currentColor"'
            f' stroke-width="2"{dash}/>'
        )
    for point, (x, y) in zip(line.points, at, strict=True):
        parts.append(
            f'<g class="chart-marker" transform="translate({_n(x)} {_n(y)})"'
            f' stroke="currentColor">{SHAPES[style]}<title>{escape(point.label)}</title></g>'
        )
    parts.append("</g>")
    return "".join(parts)


def value_ticks(low: float, high: float) -> tuple[tuple[float, ...], float]:
    """Round values from at most `low` to at least `high`, about MOST_VALUES of them, and their
    step. Equal values get an axis from zero to them."""
    if high == low:
        low, high = (0.0, high) if high > 0 else (low, 0.0) if low < 0 else (0.0, 1.0)
    step = _nice((high - low) / (MOST_VALUES - 1))
    start, stop = math.floor(low / step), math.ceil(high / step)
    digits = max(0, -math.floor(math.log10(step)))
    return tuple(round(i * step, digits) for i in range(start, stop + 1)), step


def _nice(rough: float) -> float:
    """1, 2 or 5 times a power of ten, at least `rough`."""
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= rough * (1 - 1e-9))


def value_labels(ticks: Sequence[float], step: float, language: Language) -> list[str]:
    """The labels of the value axis: `44 800`, `0,25`, `2 500 000`; `15 M`, `30 Md` from ten
    million up (below, `950 k` would stand beside `1 M`)."""
    if max(abs(t) for t in ticks) < 1e7:
        # The same decimals on every tick, as in a column of figures; zero is `0`.
        digits = max(0, -math.floor(math.log10(step)))
        return [escape(language.decimal(t, digits)) if t else "0" for t in ticks]
    for digits in range(4):
        # As few decimals as keep each tick exact in its own unit (thousands, millions...).
        if all(_exact(t, digits) for t in ticks):
            break
    return [escape(language.compact(t, digits)) for t in ticks]


def _exact(value: float, digits: int) -> bool:
    scale = next((s for s in (1e12, 1e9, 1e6, 1e3) if abs(value) >= s), 1.0)
    shown = value / scale
    return abs(round(shown, digits) - shown) <= 1e-9 * max(1.0, abs(shown))


def date_ticks(first: dt.date, last: dt.date) -> tuple[list[dt.date], str]:
    """At most MOST_DATES dates for the time axis, from `first` to `last`, and the Babel
    skeleton to write them with: days (`8 mars`), months (`mars 2024`) or years."""
    span = (last - first).days
    year = "" if first.year == last.year else "y"
    if span == 0:
        return [first], "yMMMd"
    if span <= DAYS:
        # Up to two months: the first and the last day of values, and days evenly between.
        count = min(MOST_DATES, span + 1)
        steps = sorted({round(i * span / (count - 1)) for i in range(count)})
        return [first + dt.timedelta(days=d) for d in steps], year + "MMMd"
    for months in (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200):
        starts = _month_starts(first, last, months)
        if len(starts) <= MOST_DATES:
            if len(starts) < 2:
                break
            return starts, "yMMM" if months < 12 else "y"
    return [first, last], year + "MMMd"


def _month_starts(first: dt.date, last: dt.date, months: int) -> list[dt.date]:
    """The first days of the months between `first` and `last` whose number since year 0 is a
    multiple of `months` (January for a step of a year or more)."""
    index = first.year * 12 + first.month - 1 + (first.day > 1)
    index = -(-index // months) * months
    found = []
    while (day := dt.date(index // 12, index % 12 + 1, 1)) <= last:
        found.append(day)
        index += months
    return found


def _n(number: float) -> str:
    """A coordinate, to a tenth of a unit."""
    text = f"{number:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text
