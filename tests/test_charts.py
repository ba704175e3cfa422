"""The key figures' charts (issue 20), read back as a reader reads them: the SVG parsed, each
marker's place turned back into a date and a value through the axes' own labels."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.i18n import Language
from briefings.stages import charts
from briefings.stages.charts import Point, Series, draw

SVG = "{http://www.w3.org/2000/svg}"
FR, EN = Language("fr"), Language("en")
DAY = dt.date(2024, 3, 1)


@dataclass(frozen=True)
class Marker:
    series: str
    x: float
    y: float
    title: str


@dataclass(frozen=True)
class Chart:
    root: ET.Element
    markers: list[Marker]
    lines: dict[str, list[tuple[float, float]]]
    """Each series' polyline, by its class."""
    values: list[tuple[float, str]]
    """The value axis: (y, label)."""
    dates: list[tuple[float, str]]
    """The time axis: (x, label)."""


def parse(svg: str) -> Chart:
    root = ET.fromstring(svg)
    markers, lines = [], {}
    for group in root.iter(f"{SVG}g"):
        classes = group.get("class", "").split()
        if "chart-series" not in classes:
            continue
        name = next(c for c in classes if re.fullmatch(r"chart-s\d", c))
        for line in group.iter(f"{SVG}polyline"):
            lines[name] = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
        for marker in group.iter(f"{SVG}g"):
            if marker.get("class") == "chart-marker":
                x, y = re.fullmatch(r"translate\((\S+) (\S+)\)", marker.get("transform")).groups()
                title = marker.find(f"{SVG}title").text
                markers.append(Marker(name, float(x), float(y), title))
    values = [
        (float(text.get("y")) - 4, text.text)
        for text in _group(root, "chart-values").iter(f"{SVG}text")
    ]
    dates = [
        (float(tick.get("x1")), text.text)
        for tick, text in zip(
            _group(root, "chart-dates").iter(f"{SVG}line"),
            _group(root, "chart-dates").iter(f"{SVG}text"),
            strict=True,
        )
    ]
    return Chart(root, markers, lines, values, dates)


def shape(element: ET.Element) -> tuple[str, tuple[tuple[str, str], ...]]:
    """What a marker looks like: its element and attributes."""
    return element.tag, tuple(sorted(element.attrib.items()))


def _group(root: ET.Element, name: str) -> ET.Element:
    return next(g for g in root.iter(f"{SVG}g") if g.get("class") == name)


SUFFIXES = {"k": 1e3, "K": 1e3, "M": 1e6, "Md": 1e9, "B": 1e9, "Bn": 1e12, "T": 1e12}


def number(label: str, language: Language) -> float:
    """A label of the value axis read back: `44 800`, `0,25`, `1,5 M`, `30B`."""
    text = label.replace("\u202f", "").replace("\u00a0", " ")
    text = text.replace(",", ".") if language is FR else text.replace(",", "")
    found = re.fullmatch(r"(-?[\d.]+) ?([A-Za-z]*)", text.replace(" ", "", text.count(" ") - 1))
    assert found, label
    return float(found[1]) * SUFFIXES.get(found[2], 1.0)


def read_value(chart: Chart, y: float, language: Language) -> float:
    """The value at height `y`, as the value axis's labels say it."""
    (y0, low), (y1, high) = chart.values[0], chart.values[-1]
    low, high = number(low, language), number(high, language)
    return low + (y - y0) / (y1 - y0) * (high - low)


def chart_of(*series: list[tuple[dt.date, float]], language: Language = FR) -> Chart:
    drawn = [
        Series(tuple(Point(day, value, f"{day} {value}") for day, value in points), style)
        for style, points in enumerate(series)
    ]
    svg = draw(drawn, language, "Graphique : tués", "chart-tues", "personnes")
    return parse(svg)


def assert_inside(chart: Chart) -> None:
    for marker in chart.markers:
        assert 0 < marker.x < charts.WIDTH and charts.TOP <= marker.y <= charts.HEIGHT, marker


# ---------------------------------------------------------------- one series


def test_each_value_is_a_marker_placed_where_the_axes_say_it_is() -> None:
    values = [
        (DAY, 30_000.0),
        (DAY + dt.timedelta(days=3), 38_200.0),
        (dt.date(2024, 3, 8), 44_800.0),
    ]
    chart = chart_of(values)
    assert len(chart.markers) == 3 and len(chart.lines) == 1
    assert [m.title for m in chart.markers] == [f"{d} {v}" for d, v in values]
    for marker, (_, value) in zip(chart.markers, values, strict=True):
        assert read_value(chart, marker.y, FR) == pytest.approx(value, rel=2e-3)
    # Later is right, more is up; the line joins the markers in date order.
    xs, ys = [m.x for m in chart.markers], [m.y for m in chart.markers]
    assert xs == sorted(xs) and ys == sorted(ys, reverse=True)
    assert chart.lines["chart-s1"] == [(m.x, m.y) for m in chart.markers]
    # The first and the last day of values are on the time axis, under their markers.
    assert chart.dates[0] == (chart.markers[0].x, "1 mars")
    assert chart.dates[-1] == (chart.markers[-1].x, "8 mars")
    assert_inside(chart)


def test_the_value_axis_is_in_french_or_english_number_typography() -> None:
    values = [(DAY, 30_000.0), (dt.date(2024, 3, 8), 44_800.0)]
    french = [label for _, label in chart_of(values).values]
    english = [label for _, label in chart_of(values, language=EN).values]
    assert french == ["0", "20\u202f000", "40\u202f000", "60\u202f000"]
    assert english == ["0", "20,000", "40,000", "60,000"]
    assert [label for _, label in chart_of(values, language=EN).dates] == [
        "Mar 1",
        "Mar 3",
        "Mar 6",
        "Mar 8",
    ]


def test_the_value_axis_starts_at_zero_so_a_rise_is_drawn_to_scale() -> None:
    # 800 then 1 200: an axis from 800 would draw half as much again as a fivefold rise.
    chart = chart_of([(DAY, 800.0), (dt.date(2024, 3, 8), 1_200.0)])
    assert chart.values[0][1] == "0"
    low, high = (read_value(chart, m.y, FR) for m in chart.markers)
    assert (low, high) == (pytest.approx(800.0, rel=2e-3), pytest.approx(1_200.0, rel=2e-3))
    bottom = max(y for y, _ in chart.values)
    first, second = (bottom - m.y for m in chart.markers)
    assert second / first == pytest.approx(1.5, rel=1e-2)


def test_a_single_value_is_one_marker_in_the_middle_on_an_axis_from_zero() -> None:
    chart = chart_of([(DAY, 44_800.0)])
    assert len(chart.markers) == 1 and chart.lines == {}
    marker = chart.markers[0]
    assert number(chart.values[0][1], FR) == 0
    assert read_value(chart, marker.y, FR) == pytest.approx(44_800, rel=1e-3)
    left = float(next(_group(chart.root, "chart-grid").iter(f"{SVG}line")).get("x1"))
    assert marker.x == pytest.approx((left + charts.WIDTH - charts.RIGHT) / 2, abs=0.1)
    assert chart.dates == [(marker.x, "1 mars 2024")]


def test_equal_values_draw_a_flat_line_inside_the_plot() -> None:
    chart = chart_of([(DAY + dt.timedelta(days=i), 1_200.0) for i in range(5)])
    assert len({m.y for m in chart.markers}) == 1
    assert read_value(chart, chart.markers[0].y, FR) == pytest.approx(1_200, rel=1e-3)
    assert_inside(chart)


def test_values_of_one_day_share_a_place_on_the_time_axis() -> None:
    chart = chart_of([(DAY, 1_000.0), (DAY, 1_500.0)], [(DAY, 1_200.0)])
    assert len({m.x for m in chart.markers}) == 1 and len(chart.markers) == 3
    assert [read_value(chart, m.y, FR) for m in chart.markers] == pytest.approx(
        [1_000, 1_500, 1_200], rel=1e-3
    )


@pytest.mark.parametrize(
    ("values", "labels"),
    [
        ([1.2e12, 3.4e12], ["0", "1\u00a0Bn", "2\u00a0Bn", "3\u00a0Bn", "4\u00a0Bn"]),
        ([12.5e9, 30e9], ["0", "10\u00a0Md", "20\u00a0Md", "30\u00a0Md"]),
        ([12e6, 27.5e6], ["0", "10\u00a0M", "20\u00a0M", "30\u00a0M"]),
        ([8e5, 1e6], ["0", "500\u202f000", "1\u202f000\u202f000"]),
        ([97.5e6, 101e6], ["0", "50\u00a0M", "100\u00a0M", "150\u00a0M"]),
        ([0.0003, 0.0012], ["0", "0,0005", "0,0010", "0,0015"]),
    ],
)
def test_huge_and_tiny_values_get_short_readable_ticks(
    values: list[float], labels: list[str]
) -> None:
    chart = chart_of([(DAY + dt.timedelta(days=i), v) for i, v in enumerate(values)])
    assert [label for _, label in chart.values] == labels
    for marker, value in zip(chart.markers, values, strict=True):
        assert read_value(chart, marker.y, FR) == pytest.approx(value, rel=1e-3)
    assert_inside(chart)


# ---------------------------------------------------------------- provenances


def test_each_provenance_is_its_own_series_told_apart_without_colour() -> None:
    health = [(DAY, 30_000.0), (dt.date(2024, 3, 8), 44_800.0)]
    army = [(dt.date(2024, 3, 4), 12_000.0), (dt.date(2024, 3, 8), 17_000.0)]
    chart = chart_of(health, army)
    assert set(chart.lines) == {"chart-s1", "chart-s2"}
    assert [m.series for m in chart.markers] == ["chart-s1"] * 2 + ["chart-s2"] * 2
    assert chart.lines["chart-s2"] == [(m.x, m.y) for m in chart.markers[2:]]
    # Never merged: the two counts of 8 March are two markers at two heights.
    last = [m for m in chart.markers if m.x == chart.markers[1].x]
    assert len(last) == 2 and last[0].y < last[1].y


def test_many_provenances_each_get_a_marker_shape_and_a_dash_of_their_own() -> None:
    series = [
        [(DAY + dt.timedelta(days=i), 100.0 * (s + 1) + i) for i in range(2)] for s in range(8)
    ]
    chart = chart_of(*series)
    assert len(chart.markers) == 16
    looks = []
    for group in chart.root.iter(f"{SVG}g"):
        if "chart-series" in group.get("class", ""):
            dash = group.find(f"{SVG}polyline").get("stroke-dasharray", "")
            looks.append((group.get("class"), shape(group.find(f"{SVG}g/*")), dash))
    assert len(looks) == 8
    assert len({look for look in looks[: charts.STYLES]}) == charts.STYLES  # colour, shape, dash
    assert len({shape for _, shape, _ in looks[: charts.STYLES]}) == charts.STYLES
    assert len({dash for _, _, dash in looks[: charts.STYLES]}) == charts.STYLES
    assert looks[charts.STYLES] == looks[0]  # then they come round again


def test_colours_come_from_the_stylesheet_through_current_color() -> None:
    chart = chart_of([(DAY, 1.0), (DAY + dt.timedelta(days=1), 2.0)], [(DAY, 3.0)])
    colours = {
        element.get(attribute)
        for element in chart.root.iter()
        for attribute in ("fill", "stroke")
        if element.get(attribute) not in (None, "none")
    }
    assert colours == {"currentColor"}
    assert chart.root.get("role") == "img"
    title = chart.root.find(f"{SVG}title")
    assert chart.root.get("aria-labelledby") == title.get("id") == "chart-tues-title"


def test_text_is_escaped_in_titles_and_names() -> None:
    point = Point(DAY, 5.0, "selon <le comité> & « ses » alliés")
    svg = draw([Series((point,), 0)], EN, 'Chart: "A & B"', "chart-a", "m³ <gaz>")
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == 'Chart: "A & B"'
    assert parse(svg).markers[0].title == "selon <le comité> & « ses » alliés"


def test_a_chart_needs_a_value() -> None:
    with pytest.raises(ValueError, match="at least one value"):
        draw([], FR, "Graphique", "chart-x", "")


# ---------------------------------------------------------------- axes


@pytest.mark.parametrize(
    ("first", "last", "labels"),
    [
        (dt.date(2024, 3, 1), dt.date(2024, 3, 2), ["1 mars", "2 mars"]),
        (
            dt.date(2023, 12, 20),
            dt.date(2024, 1, 10),
            ["20 déc. 2023", "27 déc. 2023", "3 janv. 2024", "10 janv. 2024"],
        ),
        (dt.date(2024, 1, 1), dt.date(2024, 3, 5), ["janv. 2024", "févr. 2024", "mars 2024"]),
        (
            dt.date(2023, 10, 7),
            dt.date(2024, 11, 25),
            ["janv. 2024", "avr. 2024", "juil. 2024", "oct. 2024"],
        ),
        (dt.date(1990, 6, 1), dt.date(2024, 1, 1), ["2000", "2010", "2020"]),
    ],
)
def test_the_time_axis_has_a_few_dates_in_the_language(
    first: dt.date, last: dt.date, labels: list[str]
) -> None:
    dates, pattern = charts.date_ticks(first, last)
    assert [FR.short_date(d, pattern) for d in dates] == labels
    assert all(first <= d <= last for d in dates)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(
                st.dates(dt.date(1950, 1, 1), dt.date(2050, 12, 31)),
                st.floats(-1e13, 1e13, allow_nan=False, allow_infinity=False).filter(
                    lambda v: v == 0 or abs(v) > 1e-6
                ),
            ),
            min_size=1,
            max_size=6,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_values_are_drawn_where_the_axes_say_and_inside_the_drawing(
    series: list[list[tuple[dt.date, float]]],
) -> None:
    ordered = [sorted(points, key=lambda p: p[0]) for points in series]
    chart = chart_of(*ordered)
    flat = [point for points in ordered for point in points]
    assert len(chart.markers) == len(flat)
    assert_inside(chart)
    low, high = min(v for _, v in flat), max(v for _, v in flat)
    days = sorted({d for d, _ in flat})
    x_of = {}
    for marker, (day, value) in zip(chart.markers, flat, strict=True):
        assert read_value(chart, marker.y, FR) == pytest.approx(
            value, abs=(high - low) * 2e-3 + 1e-9 + abs(value) * 1e-3
        )
        assert x_of.setdefault(day, marker.x) == marker.x  # one day, one place
    xs = [x_of[day] for day in days]
    assert xs == sorted(xs)
    assert len(set(xs)) == len(xs) or _close(days)
    assert 1 <= len(chart.dates) <= charts.MOST_DATES
    assert 2 <= len(chart.values) <= charts.MOST_VALUES + 2


def _close(days: list[dt.date]) -> bool:
    """Days so near over a long span that a tenth of a unit cannot tell them apart."""
    span = (days[-1] - days[0]).days
    return any((b - a).days * 400 / span < 0.2 for a, b in itertools.pairwise(days))


# ---------------------------------------------------------------- the legend


def test_the_swatch_of_a_series_has_its_marker_and_dash_and_is_hidden_from_screen_readers() -> None:
    for style in range(charts.STYLES):
        swatch = ET.fromstring(charts.swatch(style))
        assert swatch.get("aria-hidden") == "true"
        assert f"chart-s{style + 1}" in swatch.get("class").split()
        assert swatch.find(f"{SVG}line").get("stroke-dasharray", "") == charts.DASHES[style]
        expected = ET.fromstring(f'<svg xmlns="{SVG[1:-1]}">{charts.SHAPES[style]}</svg>')
        assert shape(swatch.find(f"{SVG}g/*")) == shape(expected[0])
