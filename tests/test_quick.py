"""The preview's first pages: an edited article's page, rendered before the whole rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefings.build import BuildCache, build
from briefings.model import Corpus
from briefings.preview.quick import QuickPages
from briefings.stages.config import Overrides

from .conftest import REPO
from .test_serve import EventStream, edit, page_version, request

SUEDE = "content/articles/2024/2024-01-23-parlement-turc-ratifie-adhesion-suede.md"
SUEDE_PAGE = "articles/parlement-turc-ratifie-adhesion-suede/index.html"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example site."""
    site = tmp_path / "example"
    site.mkdir()
    shutil.copy2(REPO / "site.yaml", site / "site.yaml")
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, site / name)
    return site


def built(site: Path, cache: BuildCache) -> Corpus:
    return build(site, Overrides(), cache, search=False).corpus


def rewrite(site: Path, rel: str, old: str, new: str) -> None:
    text = (site / rel).read_text(encoding="utf-8")
    assert old in text
    (site / rel).write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "a word": ("par 287 voix pour", "par 288 voix pour"),
    "a new paragraph with a quote": (
        "Des engagements contre le terrorisme\n",
        "« La Suède a tenu parole, et la Türkiye aussi », a déclaré Recep Tayyip Erdogan "
        "devant la presse à Ankara.\n\nDes engagements contre le terrorisme\n",
    ),
    "the title and summary": (
        "title: Le Parlement turc ratifie",
        "title: Le Parlement turc approuve",
    ),
}


@pytest.mark.parametrize("change", EDITS)
def test_the_first_page_is_the_page_the_whole_build_writes(example: Path, change: str) -> None:
    cache = BuildCache()
    corpus = built(example, cache)
    rewrite(example, SUEDE, *EDITS[change])
    first = QuickPages().render(corpus, {SUEDE})
    assert list(first) == [SUEDE_PAGE]
    after = built(example, cache)
    assert first[SUEDE_PAGE] == (after.content.config.output / SUEDE_PAGE).read_bytes()
    assert EDITS[change][1].split("\n")[0][-20:].encode() in first[SUEDE_PAGE]


def test_the_first_page_shows_a_new_topic_before_the_build_relinks(example: Path) -> None:
    cache = BuildCache()
    corpus = built(example, cache)
    paragraph = "\nLa bande de Gaza reste au cœur des échanges entre les diplomates.\n"
    rewrite(example, SUEDE, "Des engagements contre le terrorisme\n", paragraph)
    first = QuickPages().render(corpus, {SUEDE})[SUEDE_PAGE].decode()
    assert "La bande de Gaza reste au cœur des échanges" in first
    assert "dossiers/gaza/#" in first or 'dossiers/gaza/"' in first


@pytest.mark.parametrize(
    "change",
    [
        "new article",
        "removed article",
        "broken front matter",
        "new slug",
        "topic keywords",
        "draft",
        "nothing",
    ],
)
def test_anything_but_an_edit_of_an_article_is_left_to_the_build(
    example: Path, change: str
) -> None:
    corpus = built(example, BuildCache())
    changed = {SUEDE}
    if change == "new article":
        new = "content/articles/2024/2024-02-01-nouvelle.md"
        text = (example / SUEDE).read_text(encoding="utf-8")
        (example / new).write_text(text.replace("title: Le", "slug: nouvelle\ntitle: Le"))
        changed = {new}
    elif change == "removed article":
        (example / SUEDE).unlink()
    elif change == "broken front matter":
        rewrite(example, SUEDE, "date: 2024-01-23", "date: [2024")
    elif change == "new slug":
        rewrite(example, SUEDE, "title:", "slug: suede-otan\ntitle:")
    elif change == "topic keywords":
        rewrite(example, "content/topics/nato.md", "keywords:", "keywords: [Suède]\nold:")
        changed = {SUEDE, "content/topics/nato.md"}
    elif change == "draft":
        rewrite(example, SUEDE, "title:", "draft: true\ntitle:")
    else:
        changed = set()
    assert QuickPages().render(corpus, changed) == {}


def test_an_editors_temporary_file_does_not_stop_the_first_page(example: Path) -> None:
    corpus = built(example, BuildCache())
    rewrite(example, SUEDE, *EDITS["a word"])
    changed = {SUEDE, SUEDE.replace("2024-01-23", ".2024-01-23") + ".tmp"}
    assert list(QuickPages().render(corpus, changed)) == [SUEDE_PAGE]


def test_the_preview_reloads_the_edited_page_before_the_build_ends(make_site) -> None:
    from .test_serve import LoggedPreview

    article = "content/articles/2024/2024-03-08-fidan-blinken.md"
    live = LoggedPreview(make_site(), Overrides())
    try:
        live.start()
        port = live.server.port
        page = "articles/fidan-blinken/index.html"
        html = request(port, f"/repo/{page.removesuffix('index.html')}")[2]
        stream = EventStream(port, f"?version={page_version(html)}&page={page}")
        builds = live.state.builds
        text = (live.site_dir / article).read_text(encoding="utf-8")
        edit(live.site_dir, article, text.replace("ont évoqué", "ont longuement évoqué"))
        try:
            assert stream.next("reload")[0] == "reload"
            assert "ont longuement évoqué" in request(port, f"/repo/{page[:-10]}")[2].decode()
        finally:
            stream.close()
        assert live.state.wait_for_builds(builds + 1, 30)
        assert live.state.builds == builds + 1  # the first page is not a build of its own
        # The search index follows the build in its own thread, and may already have said so.
        # Warnings (a topic with no article) are said before the build's summary: left out.
        builds_said = [
            line
            for line in live.log
            if not line.startswith("search index") and ": warning: " not in line
        ]
        said = [line.split()[0] for line in builds_said[-2:]]
        assert said == ["showed", "rebuilt"], live.log
    finally:
        live.stop()


def test_a_template_changed_between_two_edits_is_used_for_the_next_first_page(
    example: Path,
) -> None:
    cache, quick = BuildCache(), QuickPages()
    corpus = built(example, cache)
    rewrite(example, SUEDE, *EDITS["a word"])
    assert b"Pied de page revu" not in quick.render(corpus, {SUEDE})[SUEDE_PAGE]
    (example / "templates" / "footer.html").write_text(
        '<footer class="site-footer"><p>Pied de page revu</p></footer>\n', encoding="utf-8"
    )
    corpus = built(example, cache)
    rewrite(example, SUEDE, "par 288 voix pour", "par 289 voix pour")
    first = quick.render(corpus, {SUEDE})[SUEDE_PAGE]
    assert b"Pied de page revu" in first and b"289 voix" in first
    assert first == (built(example, cache).content.config.output / SUEDE_PAGE).read_bytes()


def test_preparing_compiles_every_template_an_article_page_uses(example: Path) -> None:
    # Templates an article page extends or imports are compiled only as it renders: prepared
    # by its name alone, the first save after a start compiled them and took twice as long.
    quick = QuickPages()
    corpus = built(example, BuildCache())
    quick.prepare(corpus)
    env = quick._environment(corpus)
    compiled = {name for _, name in env.cache}
    assert {"article.html", "base.html", "macros.html"} <= compiled
    rewrite(example, SUEDE, *EDITS["a word"])
    assert quick.render(corpus, {SUEDE})
    assert {name for _, name in env.cache} == compiled  # nothing left to compile


def test_a_kept_environment_renders_with_the_latest_build_s_topics(example: Path) -> None:
    # Jinja2 keeps an imported template (the macros) with the globals it was first made with:
    # a later first page showed the first build's topic links (an old title).
    cache, quick = BuildCache(), QuickPages()
    corpus = built(example, cache)
    rewrite(example, SUEDE, *EDITS["a word"])
    assert quick.render(corpus, {SUEDE})  # the macros are imported with this build's globals
    rewrite(example, "content/topics/nato.md", "title: OTAN", "title: Alliance atlantique")
    corpus = built(example, cache)
    rewrite(example, SUEDE, "par 288 voix pour", "par 289 voix pour")
    first = quick.render(corpus, {SUEDE})[SUEDE_PAGE]
    assert b">Alliance atlantique</a>" in first
    assert first == (built(example, cache).content.config.output / SUEDE_PAGE).read_bytes()
