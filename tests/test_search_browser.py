"""Search keeps what it finds (issue 18, point 5): the built index, searched in real headless
Chromium through the site's own search page, finds an article by its title, a dossier, a quote by
its words and a speaker by name; after an article is edited and the site built again
incrementally, the new words are found and the removed ones no longer are."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from .browser_support import Served, offline, serving
from .conftest import MINIMAL_SITE, run, write_site

pytestmark = pytest.mark.browser

WAIT_MS = 15_000
ARTICLE = "content/articles/2024/2024-07-02-corridor-cerealier.md"
PAGE = "/repo/articles/corridor-cerealier/"
QUOTE = PAGE + "#p-2"
DOSSIER = "/repo/dossiers/ukraine/"

PEOPLE = textwrap.dedent(MINIMAL_SITE["content/people.yaml"]) + textwrap.dedent(
    """\
    horbatchenko:
      name: Mykola Horbatchenko
      role: Président de l'association ukrainienne des exportateurs de céréales
      aliases: [Horbatchenko, Mykola Horbatchenko]
    """
)

BEFORE = """\
    ---
    title: Les céréaliers de Constanta réclament la réouverture du corridor
    date: 2024-07-02
    source: aa
    url: https://www.aa.com.tr/fr/monde/corridor-cerealier/4
    ---
    Les exportateurs de céréales ukrainiens ont de nouveau appelé mardi à la réouverture du
    corridor de la mer Noire, fermé depuis trois semaines.

    « Nos silos débordent et les cargos patientent au large depuis des jours », a déclaré Mykola
    Horbatchenko, président de l'association des exportateurs.

    Kiev affirme que près de deux millions de tonnes de blé restent bloquées dans les ports de la
    région d'Odessa.
    """

AFTER = BEFORE.replace(
    "Les céréaliers de Constanta réclament la réouverture",
    "Les meuniers de Galati dénoncent la fermeture",
).replace(
    "Nos silos débordent et les cargos patientent au large",
    "Nos entrepôts sont pleins et les barges stationnent à Izmaïl",
)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    site = write_site(
        tmp_path / "site", {**MINIMAL_SITE, "content/people.yaml": PEOPLE, ARTICLE: BEFORE}
    )
    with serving(site, tmp_path / "served") as served:
        yield served


def search(context: Any, served: Served, words: str) -> tuple[str, list[tuple[str, str]]]:
    """The search page's status and its results (link, title) for `words`."""
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    refused = offline(page, served)
    page.goto(served.url("search/?q=" + quote(words)))
    page.wait_for_selector("form.search-form[data-state=done]")
    status = page.locator(".search-status[role=status]").inner_text()
    links = page.locator(".search-result h3 a")
    found = list(
        zip(
            links.evaluate_all("links => links.map(a => a.getAttribute('href'))"),
            links.all_inner_texts(),
            strict=True,
        )
    )
    assert refused == []
    page.close()
    return status, found


def finds(context: Any, served: Served, words: str, href: str, title: str) -> None:
    status, found = search(context, served, words)
    assert any(link == href and title in text for link, text in found), (words, status, found)


def misses(context: Any, served: Served, words: str) -> None:
    """No result leads to the edited article, nor to any of its paragraphs."""
    status, found = search(context, served, words)
    assert not [link for link, _ in found if link.startswith(PAGE)], (words, status, found)


def test_the_index_finds_titles_dossiers_quotes_and_speakers_before_and_after_an_edit(
    browser: Any, served: Served, capsys: pytest.CaptureFixture[str]
) -> None:
    # A browser context for each index: nothing of the first comes from the browser's cache.
    context = browser.new_context()
    finds(context, served, "Constanta", PAGE, "Les céréaliers de Constanta")
    finds(context, served, "Ukraine", DOSSIER, "Ukraine")
    finds(context, served, "silos cargos", QUOTE, "Mykola Horbatchenko")
    finds(context, served, "Horbatchenko", QUOTE, "Mykola Horbatchenko")
    misses(context, served, "Galati")
    misses(context, served, "barges")
    context.close()

    site = served.root.parent / "site"
    (site / ARTICLE).write_text(textwrap.dedent(AFTER), encoding="utf-8")
    capsys.readouterr()
    options = ("--out", served.output, "--base-url", served.base_url)
    assert run("build", "--site", site, *options) == 0
    summary = capsys.readouterr().out
    unchanged = re.search(r", (\d+) unchanged", summary)
    assert unchanged and int(unchanged[1]) > 0, f"not an incremental build: {summary}"

    context = browser.new_context()
    finds(context, served, "Galati", PAGE, "Les meuniers de Galati")
    finds(context, served, "Ukraine", DOSSIER, "Ukraine")
    finds(context, served, "entrepôts barges", QUOTE, "Mykola Horbatchenko")
    finds(context, served, "Horbatchenko", QUOTE, "Mykola Horbatchenko")
    misses(context, served, "Constanta")
    misses(context, served, "silos cargos")
    context.close()


MANY = 60
"""Articles quoting the same man: more than the search page reads in one batch (48)."""

STATUSES = """
window.statuses = [];
new MutationObserver(() => {
  const status = document.querySelector('.search-status[role=status]');
  if (!status) return;
  const seen = [status.textContent, status.getAttribute('aria-busy')];
  const last = window.statuses[window.statuses.length - 1];
  if (!last || last[0] !== seen[0] || last[1] !== seen[1]) window.statuses.push(seen);
}).observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
"""


def test_a_quote_search_over_many_pages_counts_as_it_reads_them(
    browser: Any, tmp_path: Path
) -> None:
    """With the kind `quote`, the status gives the count so far while the results' pages are
    read, busy for screen readers, then the exact count, no longer busy."""
    files: dict[str, str | bytes] = {**MINIMAL_SITE, "content/people.yaml": PEOPLE}
    for n in range(MANY):
        day = f"2024-07-{1 + n % 28:02d}"
        files[f"content/articles/2024/{day}-silos-{n}.md"] = textwrap.dedent(
            BEFORE.replace("2024-07-02", day)
            .replace("Constanta", f"Constanta ({n})")
            .replace("corridor-cerealier/4", f"silos/{n}")
        )
    site = write_site(tmp_path / "site", files)
    with serving(site, tmp_path / "served") as served:
        page = browser.new_page()
        page.set_default_timeout(WAIT_MS * 2)
        refused = offline(page, served)
        page.add_init_script(STATUSES)
        page.goto(served.url("search/?q=silos&type=quote"))
        page.wait_for_selector("form.search-form[data-state=done]")
        statuses = page.evaluate("window.statuses")
        shown = page.locator(".search-result.search-quote").count()
        assert refused == []
        page.close()
    counting = [(text, busy) for text, busy in statuses if text.startswith("Au moins")]
    assert counting, statuses
    assert all(busy == "true" for _, busy in counting), statuses
    so_far = int(re.search(r"Au moins (\d+) résultats", counting[0][0])[1])
    assert 10 <= so_far < MANY, counting
    assert statuses[-1] == [f"{MANY} résultats pour «\u00a0silos\u00a0».", None], statuses
    assert shown == 10
