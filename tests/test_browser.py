"""The reader's experience in real headless Chromium: search under the base path and offline,
axe-core finding nothing serious, phones without sideways scrolling, visible focus, English, and
dossiers printed to A4 without navigation and with their sources' URLs."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from .browser_support import Served, new_page, offline, serious_violations, serving
from .conftest import MINIMAL_SITE, REPO, write_site
from .sites import WIRE

pytestmark = pytest.mark.browser


# An article made to stretch a phone's width: a long bare URL, a long code line, a wide table.
STRETCH = {
    "content/articles/2024/2024-06-20-stretch.md": """\
        ---
        title: "Gaza : l'ONU publie la liste complète des convois humanitaires bloqués"
        date: 2024-06-20
        source: aa
        url: https://www.aa.com.tr/fr/monde/onu-liste-convois-humanitaires-bloques-gaza-rafah-kerem-shalom/3260001
        ---
        La liste est publiée à l'adresse https://www.un.org/fr/humanitaire/gaza/convois/liste-complete-des-convois-bloques-depuis-le-mois-de-mai-2024.pdf
        par le Bureau de la coordination des affaires humanitaires, pour Gaza.

        ```
        convoi_id;date;point_de_passage;statut;motif_du_refus_invoque_par_les_autorites_israeliennes
        ```

        | Point de passage | Convois prévus | Convois entrés | Convois refoulés | Motif principal |
        | --- | --- | --- | --- | --- |
        | Kerem Shalom | 120 | 64 | 56 | contrôles de sécurité prolongés |
        """,
}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The example site of the repository, served under /repo/."""
    with serving(REPO, tmp_path_factory.mktemp("example")) as served:
        yield served


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The test wire copy (conftest's site, sites.WIRE and a wide article), served under /repo/."""
    site = write_site(tmp_path_factory.mktemp("wire-site"), {**MINIMAL_SITE, **WIRE, **STRETCH})
    with serving(site, tmp_path_factory.mktemp("wire")) as served:
        yield served


def search_done(page: Any) -> None:
    page.wait_for_selector("form.search-form[data-state=done]")


# ---------------------------------------------------------------- search


def test_a_search_from_the_header_finds_the_article_under_the_base_path_offline(
    browser: Any, wire: Served
) -> None:
    page = new_page(browser)
    refused = offline(page, wire)
    page.goto(wire.url())
    page.get_by_role("searchbox", name="Rechercher dans le site").fill("désastreuse")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/repo/search/\?q="))
    search_done(page)
    status = page.locator(".search-status[role=status]").inner_text()
    assert status == "1 résultat pour «\u00a0désastreuse\u00a0»."
    link = page.locator(".search-result h3 a")
    assert link.count() == 1
    assert link.get_attribute("href") == "/repo/articles/cij-rafah/"
    assert "Gaza\u00a0: la CIJ ordonne" in link.inner_text()
    assert "Article · 24 mai 2024 · Gaza" in page.locator(".search-meta").inner_text()
    assert page.locator(".search-excerpt mark").inner_text().startswith("désastreuse")
    link.click()
    page.wait_for_url(wire.url("articles/cij-rafah/"))
    assert refused == []
    page.close()


def test_results_are_set_in_french_typography_and_still_found(browser: Any, wire: Served) -> None:
    page = new_page(browser)
    page.goto(wire.url("search/?q=" + quote("immédiatement")))
    search_done(page)
    assert page.locator(".search-result h3 a").all_inner_texts() == [
        "Gaza\u00a0: la CIJ ordonne à Israël d'arrêter son offensive à Rafah"
    ]
    excerpt = page.locator(".search-excerpt").inner_text()
    assert "«\u00a0immédiatement\u00a0»" in excerpt
    page.close()


def test_the_dossier_and_type_filters_narrow_the_results(browser: Any, wire: Served) -> None:
    page = new_page(browser)
    page.goto(wire.url("search/?q=Blinken"))
    search_done(page)
    kinds = page.locator(".search-result").evaluate_all("items => items.map(i => i.className)")
    assert "search-result search-quote" in kinds and "search-result search-article" in kinds
    page.select_option("#search-type", "quote")
    page.wait_for_url(re.compile(r"type=quote"))
    search_done(page)
    links = page.locator(".search-result h3 a")
    assert links.all_inner_texts() == ["Antony Blinken"]
    assert links.get_attribute("href") == "/repo/articles/suede-32e-membre-otan/#p-2"
    page.select_option("#search-dossier", "gaza")
    search_done(page)
    assert page.locator(".search-result").count() == 0
    assert page.locator(".search-status[role=status]").inner_text().startswith("Aucun résultat")
    page.close()


# ---------------------------------------------------------------- accessibility

AXE_PAGES = {
    "home": "",
    "dossier": "dossiers/gaza/",
    "article": "articles/cij-ordonne-arret-offensive-rafah/",
    "person": "people/fidan/",
    "search": "search/?q=Rafah",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_core_finds_no_serious_or_critical_violation(
    browser: Any, example: Served, name: str, scheme: str
) -> None:
    page = new_page(browser, color_scheme=scheme)
    page.goto(example.url(AXE_PAGES[name]))
    if name == "search":
        search_done(page)
        assert page.locator(".search-result").count() > 0, page.locator(
            ".search-status"
        ).all_inner_texts()
    serious = serious_violations(page)
    assert serious == [], "\n".join(serious)
    page.close()


def test_the_skip_link_comes_first_and_focus_is_visible(browser: Any, example: Served) -> None:
    page = new_page(browser)
    page.goto(example.url())
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const el = document.activeElement, box = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            return {text: el.textContent, left: box.left, top: box.top,
                    outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
        }"""
    )
    assert focused["text"] == "Aller au contenu"
    assert focused["left"] >= 0 and focused["top"] >= 0  # on screen once focused
    assert focused["outline"] == "solid" and focused["width"] >= 2
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()


# ---------------------------------------------------------------- layout

NARROW_PAGES = [
    "",
    "dossiers/gaza/",
    "articles/stretch/",
    "articles/cij-rafah/",
    "people/fidan/",
    "people/",
    "sources/",
    "timeline/",
    "search/?q=Gaza",
    "404.html",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_scrolls_sideways_at_360_pixels(browser: Any, wire: Served, scheme: str) -> None:
    page = new_page(browser, viewport={"width": 360, "height": 740}, color_scheme=scheme)
    wide = {}
    for path in NARROW_PAGES:
        page.goto(wire.url(path))
        if path.startswith("search/"):
            search_done(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[path] = width
    assert wide == {}
    page.close()


def test_the_dark_scheme_follows_the_system_setting(browser: Any, example: Served) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        page = new_page(browser, color_scheme=scheme)
        page.goto(example.url())
        colours[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.close()
    assert colours == {"light": "rgb(253, 253, 251)", "dark": "rgb(21, 23, 27)"}


# ---------------------------------------------------------------- language


def test_an_english_site_has_an_english_interface_and_dates(
    browser: Any, make_site: Any, tmp_path: Path
) -> None:
    site_yaml = MINIMAL_SITE["site.yaml"].replace("language: fr", "language: en")
    with serving(make_site({**WIRE, "site.yaml": site_yaml}), tmp_path / "served") as served:
        english_interface(new_page(browser), served)


def english_interface(page: Any, served: Served) -> None:
    page.goto(served.url())
    assert page.evaluate("document.documentElement.lang") == "en"
    nav = page.get_by_role("navigation", name="Main navigation")
    assert nav.get_by_role("link").all_inner_texts()[-3:] == ["Timeline", "People", "Sources"]
    assert page.get_by_role("heading", name="Latest articles").count() == 1
    assert "Mar 8, 2024" in page.locator(".article-list").inner_text()
    assert "Updated March 7, 2024" in page.locator(".cards").inner_text()
    page.goto(served.url("search/?q=" + quote("désastreuse")))
    search_done(page)
    assert page.locator(".search-status[role=status]").inner_text() == (
        "1 result for “désastreuse”."
    )
    assert page.locator(".search-meta").inner_text() == "Article · May 24, 2024 · Gaza"
    page.close()


# ---------------------------------------------------------------- print


def pdf_text(pdf: bytes, folder: Path) -> str:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext is missing: apt-get install poppler-utils"
    path = folder / "printed.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_info(path: Path) -> str:
    pdfinfo = shutil.which("pdfinfo")
    assert pdfinfo, "pdfinfo is missing: apt-get install poppler-utils"
    return subprocess.run([pdfinfo, str(path)], capture_output=True, text=True, check=True).stdout


def test_a_printed_dossier_has_no_navigation_and_shows_its_sources_urls(
    browser: Any, wire: Served, tmp_path: Path
) -> None:
    page = new_page(browser)
    page.goto(wire.url("dossiers/gaza/"))
    page.emulate_media(media="print")
    # The paper size is the stylesheet's (Chromium's own default is US Letter).
    pdf = page.pdf(prefer_css_page_size=True)
    text = pdf_text(pdf, tmp_path)
    assert "(A4)" in pdf_info(tmp_path / "printed.pdf")
    assert "Chronologie des extraits" in text and "Citations" in text
    # No navigation: neither the header (site title, menu, search box) nor the footer.
    for absent in ("Dossiers de test", "Aller au contenu", "Rechercher", "Acteurs\n", "Flux Atom"):
        assert absent not in text, absent
    assert "Lire dans l'article" not in text  # links inside the site mean nothing on paper
    joined = "".join(text.split())  # long URLs are broken across lines
    for url in (
        "https://www.afp.com/fr/infos/cij-rafah-offensive-2024",
        "https://www.aa.com.tr/fr/monde/onu-liste-convois-humanitaires-bloques-gaza-rafah-kerem-shalom/3260001",
    ):
        assert f"<{url}>" in joined, url
    page.close()
