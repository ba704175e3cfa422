"""Paginated dossiers in real headless Chromium: the pager is reached by keyboard with a visible
focus, "next" leads to page 2 and its older excerpts, and later pages pass axe-core, fit a phone
and print without the pager."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .browser_support import Served, new_page, serious_violations, serving
from .conftest import MINIMAL_SITE, write_site
from .sites import PAGINATED

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def paginated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """sites.PAGINATED (Gaza in four pages of two articles), served under /repo/."""
    site = write_site(tmp_path_factory.mktemp("paginated-site"), {**MINIMAL_SITE, **PAGINATED})
    with serving(site, tmp_path_factory.mktemp("paginated")) as served:
        yield served


def entry_dates(page: Any) -> list[str]:
    return page.locator(".entry h3 time").evaluate_all(
        "times => times.map(t => t.getAttribute('datetime'))"
    )


FOCUS = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    return {inPager: el.closest('nav.pager') !== null, rel: el.getAttribute('rel'),
            visible: el.matches(':focus-visible'), outline: style.outlineStyle,
            width: parseFloat(style.outlineWidth)};
}"""


def test_next_leads_to_page_two_and_its_older_excerpts_with_focus_visible(
    browser: Any, paginated: Served
) -> None:
    page = new_page(browser)
    page.goto(paginated.url("dossiers/gaza/"))
    newer = entry_dates(page)
    assert newer == ["2024-03-08", "2024-03-06"]
    # Tab through the page until the keyboard reaches the pager's "next" link.
    focus = page.evaluate(FOCUS)
    for _ in range(80):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus["inPager"]:
            assert focus["visible"] and focus["outline"] == "solid" and focus["width"] >= 2
        if focus["rel"] == "next":
            break
    assert focus["inPager"] and focus["rel"] == "next", focus

    pager = page.get_by_role("navigation", name="Pagination")
    pager.get_by_role("link", name="Page suivante").click()
    page.wait_for_url(paginated.url("dossiers/gaza/page/2/"))
    older = entry_dates(page)
    assert older == ["2024-03-05", "2024-03-04"] and max(older) < min(newer)
    excerpts = page.locator(".timeline .excerpt").all_inner_texts()
    assert any("abordé la situation humanitaire à Gaza" in text for text in excerpts)
    assert page.locator("nav.pager a[aria-current=page]").get_attribute("href") == (
        "/repo/dossiers/gaza/page/2/"
    )
    assert page.locator(".page-of").inner_text().startswith("Page 2 sur 4")
    page.get_by_role("link", name="Page précédente").click()
    page.wait_for_url(paginated.url("dossiers/gaza/"))
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_later_page_passes_axe_and_fits_a_phone(
    browser: Any, paginated: Served, scheme: str
) -> None:
    page = new_page(browser, viewport={"width": 360, "height": 740}, color_scheme=scheme)
    for path in ("dossiers/gaza/page/3/", "people/fidan/page/2/", "timeline/page/4/"):
        page.goto(paginated.url(path))
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        serious = serious_violations(page)
        assert serious == [], f"{path}: {serious}"
    page.close()


def test_the_pager_is_not_printed(browser: Any, paginated: Served) -> None:
    page = new_page(browser)
    page.goto(paginated.url("dossiers/gaza/page/2/"))
    page.emulate_media(media="print")
    assert page.locator("nav.pager").evaluate("nav => getComputedStyle(nav).display") == "none"
    assert page.locator(".page-of").inner_text() == "Page 2 sur 4"  # without the link back
    page.close()
