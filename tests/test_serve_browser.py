"""`briefings serve` in real headless Chromium: live reload, scroll kept, the error overlay."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefings.preview.watch import Preview
from briefings.stages.config import Overrides

from .browser_support import CHROMIUM
from .browser_support import CHROMIUM_ARGS as ARGS

pytestmark = pytest.mark.browser

WAIT_MS = 30_000
"""Generous: how long the browser may take to show a change before the test fails."""

ARTICLE = "content/articles/2024/2024-03-08-fidan-blinken.md"
HEAD = """\
---
title: Fidan et Blinken réunis à Washington
date: 2024-03-08
source: aa
url: https://www.aa.com.tr/fr/monde/fidan-blinken/1
---
"""
# Enough paragraphs for the page to scroll well past one screen.
FILLER = "".join(
    f"\nParagraphe {n} : les deux ministres ont passé en revue la coopération bilatérale, "
    "le commerce, l'énergie et la sécurité régionale, sans annonce particulière.\n"
    for n in range(1, 41)
)


def article(first: str) -> str:
    return f"{HEAD}{first}\n{FILLER}"


def save(path: Path, text: str) -> None:
    """As an editor saves: a temporary file renamed over the old one."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@pytest.fixture
def page(make_site) -> Iterator[tuple[object, Preview]]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    site = make_site({ARTICLE: article("Hakan Fidan et Antony Blinken ont évoqué Gaza.")})
    preview = Preview(site, Overrides(), port=0, log=lambda text: None)
    preview.start()
    try:
        with playwright_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                tab = browser.new_page(viewport={"width": 800, "height": 600})
                yield tab, preview
            finally:
                browser.close()
    finally:
        preview.stop()


def test_an_edit_shows_without_a_manual_reload_and_keeps_the_scroll(page) -> None:
    tab, preview = page
    tab.goto(preview.url + "articles/fidan-blinken/")
    tab.get_by_text("ont évoqué Gaza").wait_for(timeout=WAIT_MS)
    tab.evaluate("window.scrollTo(0, 1200)")
    tab.wait_for_function("window.scrollY === 1200", timeout=WAIT_MS)

    save(preview.site_dir / ARTICLE, article("Les ministres ont annoncé une nouvelle réunion."))
    tab.get_by_text("annoncé une nouvelle réunion").wait_for(timeout=WAIT_MS)
    tab.wait_for_load_state("load")
    tab.wait_for_function("Math.abs(window.scrollY - 1200) < 2", timeout=WAIT_MS)
    assert tab.get_by_text("ont évoqué Gaza").count() == 0


def test_a_build_error_shows_over_the_page_until_fixed(page) -> None:
    tab, preview = page
    tab.goto(preview.url + "articles/fidan-blinken/")
    tab.get_by_text("ont évoqué Gaza").wait_for(timeout=WAIT_MS)

    broken = article("Texte.").replace("date: 2024-03-08", "date: [2024-03-08")
    save(preview.site_dir / ARTICLE, broken)
    overlay = tab.locator("#briefings-error")
    overlay.wait_for(timeout=WAIT_MS)
    shown = overlay.inner_text()
    assert f"{ARTICLE}:3:7: error:" in shown
    assert "3 | date: [2024-03-08" in shown
    assert tab.get_by_text("ont évoqué Gaza").count() == 1  # the last good page, underneath

    save(preview.site_dir / ARTICLE, article("Réparé : la réunion a bien eu lieu."))
    overlay.wait_for(state="detached", timeout=WAIT_MS)
    tab.get_by_text("la réunion a bien eu lieu").wait_for(timeout=WAIT_MS)


def test_the_overlay_shows_markup_as_text(page) -> None:
    tab, preview = page
    tab.goto(preview.url)
    tab.locator("main").wait_for(timeout=WAIT_MS)
    (preview.site_dir / "templates").mkdir()
    save(preview.site_dir / "templates/footer.html", "<footer>{{ <img src=x onerror=alert(1)> }}\n")
    overlay = tab.locator("#briefings-error")
    overlay.wait_for(timeout=WAIT_MS)
    assert "<img src=x onerror=alert(1)>" in overlay.inner_text()
    assert overlay.locator("img").count() == 0


def test_after_an_edit_the_page_reloads_first_and_search_finds_it_next(make_site) -> None:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    site = make_site({ARTICLE: article("Hakan Fidan et Antony Blinken ont évoqué Gaza.")})
    said: list[str] = []
    preview = Preview(site, Overrides(), port=0, log=said.append)
    preview.start()
    try:
        with playwright_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                tab = browser.new_page()
                tab.goto(preview.url + "articles/fidan-blinken/")
                save(site / ARTICLE, article("Les ministres ont parlé du port de Zanzibarique."))
                tab.wait_for_selector("text=Zanzibarique", timeout=WAIT_MS)
                # The index is made after the pages, in a thread of its own.
                deadline = time.monotonic() + WAIT_MS / 1000
                while "search index updated" not in said and time.monotonic() < deadline:
                    time.sleep(0.1)
                rebuilt = next(i for i, line in enumerate(said) if line.startswith("rebuilt"))
                assert said.index("search index updated") > rebuilt
                tab.goto(preview.url + "search/?q=Zanzibarique")
                tab.wait_for_selector("form.search-form[data-state=done]", timeout=WAIT_MS)
                titles = tab.locator(".search-result h3 a").all_inner_texts()
                assert "Fidan et Blinken réunis à Washington" in titles
            finally:
                browser.close()
    finally:
        preview.stop()
