"""What GitHub Pages and crawlers need: .nojekyll, CNAME, 404.html, and each page's <head>."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from .conftest import MINIMAL_SITE, run
from .sites import BASE_URL, WIRE


class _Head(HTMLParser):
    """The <html lang>, the <meta> and <link> of a page's head, and every href and src."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = values.get("lang")
        elif tag == "meta" and ("name" in values or "property" in values):
            self.meta[values.get("name") or values["property"]] = values.get("content", "")
        elif tag == "link":
            self.links.append(values)
        self.urls.extend(values[k] for k in ("href", "src") if k in values)


def _head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_nojekyll_and_cname_are_written_and_kept_by_rebuilds(make_site) -> None:
    site_yaml = MINIMAL_SITE["site.yaml"].rstrip(" ") + "        cname: dossiers.example.org\n"
    site = make_site({"site.yaml": site_yaml})
    assert run("build", "--site", site) == 0
    assert run("build", "--site", site) == 0  # the writer replaces the folder: both survive
    output = site / "_site"
    assert (output / ".nojekyll").read_bytes() == b""
    assert (output / "CNAME").read_text(encoding="ascii") == "dossiers.example.org\n"


def test_no_cname_without_the_setting_but_a_static_one_is_copied(make_site) -> None:
    site = make_site()
    assert run("build", "--site", site) == 0
    assert not (site / "_site" / "CNAME").exists()
    (site / "static").mkdir()
    (site / "static" / "CNAME").write_text("veille.example.org\n", encoding="ascii")
    assert run("build", "--site", site) == 0
    assert (site / "_site" / "CNAME").read_text(encoding="ascii") == "veille.example.org\n"


def test_404_links_work_at_any_depth(make_site) -> None:
    site = make_site(WIRE)
    assert run("build", "--site", site) == 0
    page = _head(site / "_site" / "404.html")
    assert page.lang == "fr"
    assert page.meta["robots"] == "noindex"
    assert not any(link.get("rel") == "canonical" for link in page.links)
    text = (site / "_site" / "404.html").read_text(encoding="utf-8")
    assert "Page introuvable" in text and 'href="/repo/dossiers/gaza/"' in text
    for url in page.urls:
        assert url.startswith(("/repo/", "#", "https://")), url


def test_404_speaks_the_sites_language(make_site) -> None:
    site_yaml = MINIMAL_SITE["site.yaml"].replace("language: fr", "language: en")
    site = make_site({"site.yaml": site_yaml})
    assert run("build", "--site", site) == 0
    text = (site / "_site" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in text
    assert "Page not found" in text and "Back to the home page" in text


def test_every_page_has_lang_description_canonical_and_open_graph(make_site) -> None:
    site = make_site(WIRE)
    assert run("build", "--site", site) == 0
    output = site / "_site"
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        page = _head(path)
        assert page.lang == "fr", path
        assert page.meta["description"], path
        assert page.meta["og:title"] and page.meta["og:site_name"] == "Dossiers de test", path
        assert page.meta["og:type"] in ("website", "article"), path
        if path.name == "404.html":
            continue
        url = BASE_URL + path.relative_to(output).as_posix().removesuffix("index.html")
        canonical = [link["href"] for link in page.links if link.get("rel") == "canonical"]
        assert canonical == [url], path
        assert page.meta["og:url"] == url, path
    article = _head(output / "articles" / "suede-32e-membre-otan" / "index.html")
    assert article.meta["description"] == (
        "Stockholm a déposé ses instruments d'adhésion au département d'État."
    )
    assert article.meta["og:type"] == "article"
