"""Search: the Pagefind index is built into the output from the model, and `search: false` removes
it. That it answers in a browser, under the base path and offline, is tested in test_browser.py."""

from __future__ import annotations

import json

import pytest

from briefings.build import assemble
from briefings.stages import search
from briefings.stages.config import Overrides

from .conftest import MINIMAL_SITE, run
from .sites import WIRE


def test_the_index_and_the_search_page_are_built_into_the_output(make_site) -> None:
    site = make_site(WIRE)
    assert run("build", "--site", site) == 0
    output = site / "_site"
    assert (output / "pagefind/pagefind.js").is_file()
    assert (output / "pagefind/pagefind-entry.json").is_file()
    entry = json.loads((output / "pagefind/pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["fr"]
    assert not list(output.glob("pagefind/pagefind-ui*"))  # the page has its own interface
    page = (output / "search/index.html").read_text()
    assert 'data-bundle="/repo/pagefind/"' in page
    assert '<script src="/repo/assets/search.js" defer></script>' in page
    assert '<option value="gaza">Gaza</option>' in page
    assert '<option value="quote">Citation</option>' in page
    home = (output / "index.html").read_text()
    assert '<form class="site-search" role="search" action="/repo/search/" method="get">' in home


def test_records_are_articles_dossiers_and_quotes_with_their_dossiers(make_site) -> None:
    site = make_site(WIRE)
    corpus, _, _ = assemble(site, Overrides())
    records = search.records(corpus)
    kinds = {r.kind for r in records}
    assert kinds == {"article", "dossier", "quote"}
    article = next(r for r in records if r.url == "/repo/articles/cij-rafah/")
    assert article.title == "Gaza\u00a0: la CIJ ordonne à Israël d'arrêter son offensive à Rafah"
    assert "qualifiée de désastreuse" in article.content
    assert article.dossiers == ("gaza",)
    assert ("date", "24 mai 2024") in article.meta and ("dossiers", "Gaza") in article.meta
    quote = next(r for r in records if r.kind == "quote" and "bonnes choses" in r.content)
    assert quote.url == "/repo/articles/suede-32e-membre-otan/#p-2"
    assert quote.title == "Antony Blinken"
    assert quote.dossiers == ("nato",)
    assert ("article", "La Suède devient le 32e membre de l'OTAN") in quote.meta
    dossier = next(r for r in records if r.url == "/repo/dossiers/ukraine/")
    assert dossier.title == "Dossier\u00a0: Ukraine"
    assert "Le dossier de l'Ukraine." in dossier.content


def test_search_false_leaves_out_the_index_the_page_and_the_box(make_site) -> None:
    site_yaml = MINIMAL_SITE["site.yaml"].rstrip(" ") + "        search: false\n"
    site = make_site({**WIRE, "site.yaml": site_yaml})
    assert run("build", "--site", site) == 0
    output = site / "_site"
    assert not (output / "pagefind").exists()
    assert not (output / "search").exists()
    assert 'role="search"' not in (output / "index.html").read_text()
    assert "/search/" not in (output / "sitemap.xml").read_text()


def test_without_pagefind_the_build_fails_and_says_how_to_go_on(
    make_site, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(WIRE)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(site / "no-pagefind-here"))
    assert run("build", "--site", site) == 1
    err = capsys.readouterr().err
    assert "site.yaml:1:1: error: the search index could not be built" in err
    assert "or turn search off in site.yaml: search: false" in err
    assert not (site / "_site").exists()
