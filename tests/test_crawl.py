"""Built for https://user.github.io/repo/ and served under /repo/ by a plain static server, the
site has no broken link on any page, 404.html included (see crawl.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import REPO, run
from .crawl import crawl_folder
from .sites import BASE_URL, WIRE


def _built(make_site, tmp_path: Path, files: dict | None = None) -> Path:
    site = make_site({**WIRE, **(files or {})})
    out = tmp_path / "out"
    assert run("build", "--site", site, "--base-url", BASE_URL, "--out", out) == 0
    return out


def test_every_page_and_link_answers_under_the_base_path(make_site, tmp_path: Path) -> None:
    out = _built(make_site, tmp_path)
    crawl = crawl_folder(out, BASE_URL)
    assert crawl.problems == []
    every_page = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert crawl.html_pages() == every_page
    fetched = set(crawl.statuses)
    assert {crawl.site_url + name for name in ("feed.xml", "assets/style.css")} <= fetched
    assert crawl.site_url + "dossiers/gaza/feed.xml" in fetched
    assert crawl.site_url + "images/rafah.png" in fetched  # relative src in an article
    assert any(href.startswith("/repo/articles/fidan-blinken/#p-1") for _, href, _ in crawl.anchors)


def test_the_crawl_finds_broken_pages_and_anchors(make_site, tmp_path: Path) -> None:
    broken = {
        "content/articles/2024/2024-03-09-suite.md": """\
            ---
            title: Suite des entretiens de Washington sur Gaza
            date: 2024-03-09
            source: aa
            url: https://www.aa.com.tr/fr/monde/suite/2
            ---
            Les discussions sur Gaza reprennent, selon [la dépêche](../fidan-blinken/#p-5) et
            [le dossier](/repo/dossiers/gaz/), loin de [l'accueil](/index.html).
            """
    }
    out = _built(make_site, tmp_path, broken)
    problems = crawl_folder(out, BASE_URL).problems
    assert any("'../fidan-blinken/#p-5': no id 'p-5'" in p for p in problems), problems
    assert any(p.endswith("/repo/dossiers/gaz/: HTTP 404") for p in problems), problems
    assert any("'/index.html' leaves the base path" in p for p in problems), problems


def test_a_404_page_with_relative_links_is_caught(make_site, tmp_path: Path) -> None:
    out = _built(make_site, tmp_path)
    (out / "404.html").write_text(
        '<!DOCTYPE html><html lang="fr"><body><a href="dossiers/gaza/">Gaza</a></body></html>',
        encoding="utf-8",
    )
    problems = crawl_folder(out, BASE_URL).problems
    assert any("no/such/page/at/any/depth/dossiers/gaza/: HTTP 404" in p for p in problems)


@pytest.mark.skipif(not (REPO / "site.yaml").is_file(), reason="no example site in the repository")
def test_the_example_site_has_no_broken_link(tmp_path: Path) -> None:
    out = tmp_path / "example"
    assert run("build", "--site", REPO, "--base-url", BASE_URL, "--out", out) == 0
    assert crawl_folder(out, BASE_URL).problems == []
