"""Atom feeds: the site's and each dossier's, valid, escaped, stable, and linked from the pages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from .conftest import run
from .sites import BASE_URL, WIRE

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


@pytest.fixture
def output(make_site) -> Path:
    site = make_site(WIRE)
    assert run("build", "--site", site) == 0
    return site / "_site"


def _parse(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def _required_elements(path: Path) -> ET.Element:
    """RFC 4287's musts, read strictly (feedparser forgives what a validator would not)."""
    root = ET.fromstring(path.read_bytes())
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert RFC3339.match(root.findtext(f"{ATOM}updated", ""))
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    self_links = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert len(self_links) == 1
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "content"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert RFC3339.match(entry.findtext(f"{ATOM}updated", ""))
        alternates = [e for e in entry.findall(f"{ATOM}link") if e.get("rel") == "alternate"]
        assert len(alternates) == 1
        assert entry.find(f"{ATOM}content").get("type") == "html"
    return root


def test_site_feed_is_valid_atom_with_every_article(output: Path) -> None:
    feed = _parse(output / "feed.xml")
    _required_elements(output / "feed.xml")
    assert feed.feed.title == "Dossiers de test"
    assert feed.feed.subtitle == "Un site de test"
    assert feed.feed.id == BASE_URL + "feed.xml"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": BASE_URL + "feed.xml", "alternate": BASE_URL}
    assert feed.feed.updated.startswith("2024-06-16T18:30:00")
    slugs = [e.link.removeprefix(BASE_URL + "articles/").rstrip("/") for e in feed.entries]
    assert slugs == ["peace-summit-ukraine", "cij-rafah", "fidan-blinken", "suede-32e-membre-otan"]
    for entry in feed.entries:
        assert entry.id.startswith("tag:user.github.io,2024-")
        assert entry.updated_parsed is not None and entry.published_parsed is not None
        assert entry.content[0].type == "text/html"
        assert entry.author
    rafah = feed.entries[1]
    assert rafah.title == "Gaza : la CIJ ordonne à Israël d'arrêter son offensive à Rafah"
    assert rafah.author == "Agence France-Presse"
    assert {t.term for t in rafah.tags} == {"gaza"}
    body = rafah.content[0].value
    assert "ordonné vendredi à Israël" in body and "<li>" in body and "<blockquote>" in body
    assert "https://www.afp.com/fr/infos/cij-rafah-offensive-2024" in body


def test_dossier_feed_holds_only_that_dossiers_articles_and_excerpts(output: Path) -> None:
    path = output / "dossiers" / "gaza" / "feed.xml"
    feed = _parse(path)
    _required_elements(path)
    assert feed.feed.title == "Gaza · Dossiers de test"
    assert feed.feed.id == BASE_URL + "dossiers/gaza/feed.xml"
    assert {link.rel: link.href for link in feed.feed.links}["alternate"] == (
        BASE_URL + "dossiers/gaza/"
    )
    slugs = [e.link.removeprefix(BASE_URL + "articles/").rstrip("/") for e in feed.entries]
    assert slugs == ["cij-rafah", "fidan-blinken"]
    fidan = feed.entries[1].content[0].value
    assert "évoqué la situation à Gaza" in fidan
    assert BASE_URL + "articles/fidan-blinken/#p-1" in fidan
    nato = _parse(output / "dossiers" / "nato" / "feed.xml")
    suede = next(e for e in nato.entries if "suede" in e.link).content[0].value
    assert "32e membre de l'OTAN" in suede
    assert "Parlement turc" in suede
    # The NATO excerpts of the Swedish article are in the NATO feed, not in Gaza's.
    assert all("Parlement turc" not in e.content[0].value for e in feed.entries)


def test_entries_carry_their_language_and_the_feed_the_sites(output: Path) -> None:
    root = ET.fromstring((output / "feed.xml").read_bytes())
    assert root.get(XML_LANG) == "fr"
    english = root.find(f"{ATOM}entry")
    assert english is not None
    assert english.findtext(f"{ATOM}title") == (
        "Peace summit on Ukraine calls for safe navigation in the Black Sea"
    )
    assert english.get(XML_LANG) == "en"
    assert english.findtext(f"{ATOM}updated") == "2024-06-16T18:30:00+00:00"


def test_ids_are_stable_across_builds_and_new_articles(make_site, tmp_path: Path) -> None:
    site = make_site(WIRE)
    assert run("build", "--site", site, "--out", tmp_path / "first") == 0
    assert run("build", "--site", site, "--out", tmp_path / "second") == 0
    for name in ("feed.xml", "dossiers/gaza/feed.xml", "sitemap.xml"):
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()
    (site / "content/articles/2024/2024-07-01-treve.md").write_text(
        "---\ntitle: Nouvelle proposition de trêve à Gaza\ndate: 2024-07-01\nsource: aa\n---\n"
        "Le Hamas a répondu à la proposition de trêve à Gaza transmise par les médiateurs.\n",
        encoding="utf-8",
    )
    assert run("build", "--site", site, "--out", tmp_path / "third") == 0
    before = {e.link: e.id for e in _parse(tmp_path / "first" / "feed.xml").entries}
    after = {e.link: e.id for e in _parse(tmp_path / "third" / "feed.xml").entries}
    assert len(after) == len(before) + 1
    assert all(after[link] == before[link] for link in before)
    gaza_before = {e.id for e in _parse(tmp_path / "first" / "dossiers/gaza/feed.xml").entries}
    gaza_after = {e.id for e in _parse(tmp_path / "third" / "dossiers/gaza/feed.xml").entries}
    assert gaza_before < gaza_after
    # An entry of a dossier's feed is not the same entry as the article's in the site feed.
    assert not gaza_after & set(after.values())


def test_markup_in_titles_and_text_is_escaped(make_site) -> None:
    site = make_site(
        {
            "content/articles/2024/2024-04-02-otages.md": """\
                ---
                title: "Otages : <b>accord</b> & « trêve » à Gaza ?"
                date: 2024-04-02
                source: aa
                summary: "Hamas & Israël <négocient>"
                url: "https://www.aa.com.tr/fr/monde/otages?id=1&lang=fr"
                ---
                Les négociateurs parlent d'un <script>alert(1)</script> accord « proche » à Gaza &
                au Caire.
                """
        }
    )
    assert run("build", "--site", site) == 0
    raw = (site / "_site" / "feed.xml").read_bytes()
    assert b"<b>" not in raw and b"<script>" not in raw and b"<n\xc3\xa9gocient>" not in raw
    entry = _parse(site / "_site" / "feed.xml").entries[0]
    assert entry.title == "Otages : <b>accord</b> & « trêve » à Gaza ?"
    assert entry.summary == "Hamas & Israël <négocient>"
    assert {link.rel: link.href for link in entry.links}["via"] == (
        "https://www.aa.com.tr/fr/monde/otages?id=1&lang=fr"
    )
    # Raw HTML in Markdown is text: it reaches the reader escaped, never as markup.
    assert "&lt;script&gt;" in entry.content[0].value


def test_pages_link_to_their_feeds(output: Path) -> None:
    site_feed = '<link rel="alternate" type="application/atom+xml" href="/repo/feed.xml"'
    gaza_feed = 'type="application/atom+xml" href="/repo/dossiers/gaza/feed.xml"'
    for page in sorted(output.rglob("*.html")):
        assert site_feed in page.read_text(encoding="utf-8"), page
    assert gaza_feed in (output / "dossiers/gaza/index.html").read_text(encoding="utf-8")
    article = (output / "articles/cij-rafah/index.html").read_text(encoding="utf-8")
    assert gaza_feed not in article
    head = (output / "dossiers/nato/index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert 'href="/repo/dossiers/nato/feed.xml"' in head
    assert 'href="/repo/dossiers/gaza/feed.xml"' not in head


def test_a_site_without_articles_has_valid_empty_feeds(make_site) -> None:
    site = make_site({"content/articles/2024/2024-03-08-fidan-blinken.md": None})
    assert run("build", "--site", site) == 0
    feed = _parse(site / "_site" / "feed.xml")
    assert feed.entries == []
    assert feed.feed.updated == "1970-01-01T00:00:00+00:00"
    _required_elements(site / "_site" / "dossiers" / "gaza" / "feed.xml")


def test_feeds_are_kept_when_their_articles_are_unchanged_and_equal_a_clean_builds(
    make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feed carries the newest articles only: an edit of an older one keeps the feed files as
    they are (the render memo compares what each is made from); an edit of a newest one makes
    them again, as a clean build makes them."""
    import functools
    import shutil
    from collections.abc import Callable

    from briefings.stages import feeds

    from .conftest import manifest, run
    from .test_dossiermemo import ARTICLES, SITE

    monkeypatch.setattr(feeds, "FEED_ENTRIES", 1)
    site = make_site(SITE)
    assert run("build", "--site", site) == 0
    paths = ["feed.xml", "dossiers/ukraine/feed.xml", "dossiers/nato/feed.xml"]
    stats = {p: (site / "_site" / p).stat() for p in paths}

    def edit(name: str, words: str) -> None:
        with (site / ARTICLES / name).open("a", encoding="utf-8") as file:
            file.write(f"\n{words}\n")

    def same_as_clean() -> None:
        clean = tmp_path / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        shutil.copytree(site, clean, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
        assert run("build", "--site", clean) == 0
        assert manifest(clean / "_site") == manifest(site / "_site")

    made: list[str] = []

    def counted(function: Callable[..., bytes]) -> Callable[..., bytes]:
        # The same name as the function's: the render memo knows a page by what makes it.
        @functools.wraps(function)
        def making(*args: object, **kwargs: object) -> bytes:
            made.append(function.__name__)
            return function(*args, **kwargs)

        return making

    for name in ("site_feed", "dossier_feed"):
        monkeypatch.setattr(feeds, name, counted(getattr(feeds, name)))
    edit("2024-03-01-kiev-ankara.md", "Kiev a salué le soutien de l'OTAN.")  # the oldest
    assert run("build", "--site", site) == 0
    assert made == []  # no feed was made at all
    same_as_clean()
    for path in paths:
        now = (site / "_site" / path).stat()
        assert (now.st_mtime_ns, now.st_ino) == (stats[path].st_mtime_ns, stats[path].st_ino)

    made.clear()  # the clean build made them all
    edit("2024-03-05-otan-munitions.md", "L'OTAN enverra aussi des obus à Kiev.")  # a newest
    assert run("build", "--site", site) == 0
    assert sorted(made) == ["dossier_feed", "dossier_feed"]  # the NATO and Ukraine feeds
    same_as_clean()
    feed = (site / "_site/dossiers/nato/feed.xml").read_text(encoding="utf-8")
    assert "des obus à Kiev" in feed
