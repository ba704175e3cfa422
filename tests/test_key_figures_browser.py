"""The key figures in real headless Chromium (issue 20, point 3): axe-core finds nothing serious
in the light and dark schemes, the chart's series stand out from the page on screen and on paper,
the chart fits a phone, and the table of values opens for those who read it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser_support import Served, new_page, serious_violations
from .test_key_figures import SAME_DAY, serve_figures

pytestmark = pytest.mark.browser

DOSSIER = "dossiers/gaza/"


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The key-figures site of test_key_figures, built and served under /repo/."""
    with serve_figures(tmp_path_factory.mktemp("figures")) as served:
        yield served


def open_dossier(browser: Any, served: Served, **options: Any) -> Any:
    page = new_page(browser, **options)
    page.goto(served.url(DOSSIER))
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_core_finds_nothing_serious_in_the_key_figures(
    browser: Any, figures: Served, scheme: str
) -> None:
    page = open_dossier(browser, figures, color_scheme=scheme)
    assert page.locator(".key-figure").count() == 2
    # The tables too: axe leaves out what is hidden in a closed <details>.
    for summary in page.locator(".figure-table summary").all():
        summary.click()
    assert page.locator(".figure-table table").first.is_visible()
    serious = serious_violations(page)
    assert serious == [], "\n".join(serious)
    page.close()


def test_the_chart_is_an_image_named_after_its_figure_and_the_table_opens(
    browser: Any, figures: Served
) -> None:
    page = open_dossier(browser, figures)
    chart = page.get_by_role("img", name="Graphique : Personnes tuées à Gaza", exact=False)
    assert chart.count() == 1 and chart.is_visible()
    table = page.get_by_role("table", name="Personnes tuées à Gaza depuis le 7 octobre 2023")
    assert not table.is_visible()
    page.locator("#figure-tues summary").click()
    assert table.is_visible() and table.get_by_role("row").count() == 1 + 6
    # The link of the latest value lands on its paragraph, highlighted by the theme.
    page.locator("#figure-tues .figure-meta a.to-article").click()
    page.wait_for_url("**/articles/gaza-44800-tues/#p-1")
    assert page.locator(":target").inner_text().startswith("Plus de 44 800 Palestiniens")
    page.close()


CONTRAST = """() => {
    const rgb = text => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = c => {
        const [r, g, b] = rgb(c).map(v => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a, b) => {
        const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05);
    };
    const page = getComputedStyle(document.body).backgroundColor;
    const lines = [...document.querySelectorAll('#figure-tues .chart-series')].map(series => {
        const line = series.querySelector('polyline');
        return {stroke: getComputedStyle(line).stroke, marker: getComputedStyle(
            series.querySelector('.chart-marker > *')).fill};
    });
    const label = getComputedStyle(document.querySelector('#figure-tues .chart-values text')).fill;
    return {
        page,
        strokes: lines.map(l => l.stroke),
        lines: lines.map(l => ratio(l.stroke, page)),
        markers: lines.map(l => ratio(l.marker, page)),
        labels: ratio(label, page),
    };
}"""


@pytest.mark.parametrize(
    ("scheme", "media", "background"),
    [
        ("light", "screen", "rgb(253, 253, 251)"),
        ("dark", "screen", "rgb(21, 23, 27)"),
        ("dark", "print", "rgb(255, 255, 255)"),  # printed from a dark screen: on white paper
    ],
)
def test_the_series_stand_out_from_the_page_in_each_scheme_and_in_print(
    browser: Any, figures: Served, scheme: str, media: str, background: str
) -> None:
    page = open_dossier(browser, figures, color_scheme=scheme)
    page.emulate_media(media=media)
    seen = page.evaluate(CONTRAST)
    assert seen["page"] == background
    assert len(seen["strokes"]) == 2 and len(set(seen["strokes"])) == 2  # two colours
    # WCAG's 3:1 for what a graphic needs to be read; the axis labels as text, 4.5:1.
    assert min(seen["lines"]) >= 3 and min(seen["markers"]) >= 3, seen
    assert seen["labels"] >= 4.5, seen
    page.close()


def test_the_chart_fits_a_phone(browser: Any, figures: Served) -> None:
    page = open_dossier(browser, figures, viewport={"width": 360, "height": 740})
    for summary in page.locator(".figure-table summary").all():
        summary.click()  # the tables too: they scroll in their own box
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = page.locator("#figure-tues svg.chart-svg").bounding_box()
    assert 250 <= box["width"] <= 340 and box["height"] == pytest.approx(
        box["width"] * 220 / 480, abs=1
    )
    page.close()


def test_a_printed_dossier_keeps_the_figures_on_its_first_sheet(
    browser: Any, figures: Served, tmp_path: Path
) -> None:
    from .test_browser import pdf_text

    page = open_dossier(browser, figures)
    page.emulate_media(media="print")
    assert page.locator("#figure-tues svg.chart-svg").is_visible()
    text = pdf_text(page.pdf(prefer_css_page_size=True), tmp_path)
    first = text.split("\f")[0]
    assert "Chiffres clés" in first and "plus de 44 800 personnes" in " ".join(first.split())
    assert "Lire dans l'article" not in text  # a link inside the site means nothing on paper
    page.close()


@pytest.fixture(scope="module")
def same_day(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The same site with test_key_figures' SAME_DAY: values left off, rows that say so."""
    with serve_figures(tmp_path_factory.mktemp("same-day"), **SAME_DAY) as served:
        yield served


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_rule_and_the_days_other_values_read_well_and_fit_a_phone(
    browser: Any, same_day: Served, scheme: str
) -> None:
    page = open_dossier(
        browser, same_day, color_scheme=scheme, viewport={"width": 360, "height": 740}
    )
    for summary in page.locator(".figure-table summary").all():
        summary.click()
    assert page.locator("#figure-tues .figure-note").is_visible()
    assert page.locator("#figure-tues .figure-others").count() == 2
    table = page.get_by_role("table", name="Personnes tuées à Gaza depuis le 7 octobre 2023")
    assert table.get_by_role("row").count() == 1 + 7
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    serious = serious_violations(page)
    assert serious == [], "\n".join(serious)
    page.close()
