"""A search index in shards, in real headless Chromium: the search page merges them and finds what
one index finds, filters included, with a result from each shard, and after an edit built with the
last build's cache (briefings/stages/search.py)."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from briefings.stages import search

from .browser_support import Served, offline, serving
from .conftest import MINIMAL_SITE, run, write_site
from .sites import SHARDED

pytestmark = pytest.mark.browser

WAIT_MS = 15_000
SHARDS = 8
"""sites.SHARDED's eleven articles in shards of two."""


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """sites.SHARDED with its index in one piece (a site this small is), served under /repo/."""
    site = write_site(tmp_path_factory.mktemp("whole-site"), {**MINIMAL_SITE, **SHARDED})
    with serving(site, tmp_path_factory.mktemp("whole")) as served:
        yield served


@pytest.fixture(scope="module")
def cut(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The same site with its index in shards of two articles, served under /repo/."""
    site = write_site(tmp_path_factory.mktemp("cut-site"), {**MINIMAL_SITE, **SHARDED})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "ARTICLES_PER_SHARD", 2)
        with serving(site, tmp_path_factory.mktemp("cut")) as served:
            yield served


def found(browser: Any, served: Served, query: str, **filters: str) -> tuple[str, list[str]]:
    """The status line and the results' links (every page of them) for a search."""
    page = browser.new_page()
    page.set_default_timeout(WAIT_MS)
    refused = offline(page, served)
    page.goto(served.url("search/?" + urlencode({"q": query, **filters}, quote_via=quote)))
    page.wait_for_selector("form.search-form[data-state=done]")
    more = page.locator(".search-more")
    while more.is_visible():
        shown = page.locator(".search-result").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.search-result').length > {shown}")
    status = page.locator(".search-status[role=status]").inner_text()
    links = page.locator(".search-result h3 a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert refused == []
    page.close()
    return status, sorted(links)


SEARCHES = [
    ("désastreuse", {}),  # a word of an article
    ("largages", {}),  # a word of an article's title
    ("Ukraine", {"type": "dossier"}),  # a dossier
    ("savent attendre", {}),  # a quote's words
    ("Blinken", {"type": "quote"}),  # a speaker
    ("Gaza", {}),  # words of many articles, in every shard
    ("Gaza", {"dossier": "gaza", "type": "article"}),
    ("Fidan", {"dossier": "ukraine"}),
    ("vies", {"type": "quote", "dossier": "gaza"}),
    ("négo", {}),  # the beginning of a word
    ("déplacées", {}),  # accented words, as typed and without their accents
    ("deplaces", {}),
    ("Élargissement", {}),
    ("trêve", {"type": "article"}),
    ("camions Rafah", {}),  # two words, each in several shards, together in fewer
    ('"bonnes choses"', {}),  # an exact phrase
    ("l'aide humanitaire", {}),
]


@pytest.mark.parametrize(("query", "filters"), SEARCHES)
def test_the_shards_find_what_one_index_finds(
    browser: Any, whole: Served, cut: Served, query: str, filters: dict[str, str]
) -> None:
    listed = json.loads((cut.output / "pagefind/shards.json").read_text())["shards"]
    assert len(listed) >= 4  # the page merges that many shards into the bundle's own
    status, links = found(browser, cut, query, **filters)
    assert (status, links) == found(browser, whole, query, **filters)
    assert links, f"nothing found for {query!r} {filters}"


@pytest.mark.parametrize("query", ["Dessalines", "débordent", "déferlent"])
def test_a_word_no_article_holds_finds_nothing_in_shards(
    browser: Any, cut: Served, query: str
) -> None:
    # Pagefind answers a word an index lacks with the longest indexed word that begins it, among
    # the words of the chunk it loaded: a shard's chunks hold a wider range of words than one
    # index of a large site, so shards found `de` pages for `débordent`, where one index of
    # 4,000 articles finds nothing (and all 4,000 for `Dessalines`: `des`). The lexicon tells a
    # fallback from a word found, and a word no shard holds finds nothing.
    status, links = found(browser, cut, query)
    assert (status, links) == (f"Aucun résultat pour «\u00a0{query}\u00a0».", [])
    # Beside a word it holds, left out, as one index leaves it out.
    assert found(browser, cut, f"{query} Rafah")[1] == found(browser, cut, "Rafah")[1] != []


def test_a_search_finds_results_in_every_shard(browser: Any, cut: Served) -> None:
    # Every article names Gaza, Ukraine or the Alliance: together they reach every shard.
    shards = set()
    for query in ("Gaza", "Ukraine", "OTAN"):
        _, links = found(browser, cut, query, type="article")
        shards |= {search.shard_of(link.split("/")[3], SHARDS) for link in links}
    listed = json.loads((cut.output / "pagefind/shards.json").read_text())["shards"]
    assert shards == {0, *(int(folder[:-1]) for folder in listed)}


EDITED = "content/articles/2024/2024-03-01-blinken-gaza-treve.md"


def test_after_an_edit_the_shards_find_the_new_words_and_what_one_index_finds(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "ARTICLES_PER_SHARD", 2)
    site = write_site(tmp_path / "site", {**MINIMAL_SITE, **SHARDED})
    with serving(site, tmp_path / "cut") as served:
        link = "/repo/articles/blinken-gaza-treve/"
        assert link in found(browser, served, "conclure")[1]
        text = textwrap.dedent(str(SHARDED[EDITED])).replace("conclure", "signer")
        edited = text + "\nLe convoi zanzibarique est arrivé dans la nuit.\n"
        write_site(site, {EDITED: edited})
        options = ("--out", served.output, "--base-url", served.base_url)
        assert run("build", "--site", site, *options) == 0  # with the last build's cache
        assert link in found(browser, served, "zanzibarique")[1]
        assert link not in found(browser, served, "conclure")[1]
        clean = write_site(tmp_path / "clean", {**MINIMAL_SITE, **SHARDED, EDITED: edited})
        monkeypatch.setattr(search, "ARTICLES_PER_SHARD", 64)
        with serving(clean, tmp_path / "whole") as whole:
            for query in ("zanzibarique", "conclure", "signer", "Gaza", "Blinken"):
                assert found(browser, served, query) == found(browser, whole, query), query
