"""Accessibility that the HTML alone shows: landmarks, a skip link, headings in order on every page,
`lang` on foreign-language content, and alt text required on images (a content error otherwise).

What needs a browser (contrast, axe-core, focus) is in test_browser.py.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from briefings.text.markdown import Markdown

from .conftest import REPO, manifest, run
from .sites import WIRE


class Outline(HTMLParser):
    """Headings, landmarks and the skip link of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.landmarks: list[str] = []
        self.first_link: str | None = None
        self.ids: set[str] = set()
        self.images_without_alt = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag in ("header", "nav", "main", "footer") or found.get("role") == "search":
            self.landmarks.append(found.get("role") or tag)
        if tag == "a" and self.first_link is None:
            self.first_link = found.get("href")
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "img" and not (found.get("alt") or "").strip():
            self.images_without_alt += 1


def outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def skipped_levels(levels: list[int]) -> list[tuple[int, int]]:
    """Each (previous, next) pair where the next heading is more than one level down."""
    pairs = zip([0, *levels], levels, strict=False)
    return [(before, after) for before, after in pairs if after > before + 1]


def test_every_page_has_landmarks_a_skip_link_and_headings_in_order(tmp_path: Path) -> None:
    output = tmp_path / "out"
    assert run("build", "--site", REPO, "--out", output) == 0
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        page = outline(path)
        name = path.relative_to(output).as_posix()
        assert page.headings[:1] == [1] and page.headings.count(1) == 1, name
        assert skipped_levels(page.headings) == [], f"{name}: {page.headings}"
        assert {"header", "nav", "main", "footer"} <= set(page.landmarks), name
        assert page.first_link == "#main" and "main" in page.ids, name
        assert page.images_without_alt == 0, name
    assert "search" in outline(output / "index.html").landmarks  # the header's search box


def test_headings_of_a_body_start_under_the_page_title_and_skip_no_level() -> None:
    text = "### Contexte\n\nTexte.\n\n##### Détail\n\nTexte.\n\n# Titre\n\nTexte.\n"
    levels = [b.level for b in Markdown().blocks(text) if b.kind == "heading"]
    assert levels == [2, 3, 2]
    overview = Markdown().render("## Contexte\n\n#### Détail\n")
    assert overview == "<h3>Contexte</h3>\n<h4>Détail</h4>\n"


IMAGE = "content/articles/2024/2024-05-24-cij-rafah.md"


def test_an_image_without_alt_text_is_a_content_error(make_site, capsys) -> None:
    site = make_site(WIRE)
    assert run("build", "--site", site) == 0
    before = manifest(site / "_site")
    text = (site / IMAGE).read_text(encoding="utf-8")
    (site / IMAGE).write_text(text.replace("![Carte de Rafah]", "Voir ![](x.png) et ![ ]"))
    capsys.readouterr()
    assert run("build", "--site", site) == 1
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert f"{IMAGE}:10:6: error: image has no alt text" in lines, err
    assert f"{IMAGE}:10:20: error: image has no alt text" in lines, err
    assert "   10 | Voir ![](x.png) et ![ ](../../images/rafah.png)" in lines
    assert any(line.startswith("      = hint: say what the image shows") for line in lines)
    assert manifest(site / "_site") == before
    # The error is not cached away: the next build reports it again.
    assert run("build", "--site", site) == 1
    assert "image has no alt text" in capsys.readouterr().err


def test_an_article_in_another_language_is_marked_so(make_site) -> None:
    site = make_site(WIRE)
    assert run("build", "--site", site) == 0
    article = (site / "_site/articles/peace-summit-ukraine/index.html").read_text()
    assert '<html lang="fr">' in article
    assert '<article class="article" lang="en">' in article
    timeline = (site / "_site/timeline/index.html").read_text()
    assert 'lang="en">Peace summit on Ukraine' in timeline
    dossier = (site / "_site/dossiers/ukraine/index.html").read_text()
    assert '<div class="excerpt" lang="en">' in dossier
