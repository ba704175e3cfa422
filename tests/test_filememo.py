"""Articles kept from earlier builds are never stale: with every file settled (so that the memo
trusts their stats), a rebuild after any edit equals a build from scratch, and errors in
articles read from the memo are reported as if they had been read."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import manifest, run, settle

ARTICLE = "content/articles/2024/2024-03-08-fidan-blinken.md"
OTHER = """\
---
title: Kiev et Ankara parlent de la mer Noire
date: 2024-04-02
source: aa
---
« Nous voulons une mer Noire ouverte », a déclaré Hakan Fidan à Ankara.
"""


def _same_size_edit(site: Path) -> None:
    path = site / "content/articles/2024/kiev-ankara.md"
    path.write_text(path.read_text().replace("2024-04-02", "2024-04-03"))


def _renamed_source(site: Path) -> None:
    path = site / "content/sources.yaml"
    path.write_text(path.read_text().replace("Agence Anadolu", "Anadolu Ajansi"))


def _new_topic(site: Path) -> None:
    (site / "content/topics/syrie.md").write_text(
        "---\ntitle: Syrie\nsummary: La Syrie\nkeywords: [Syrie]\n---\nLe dossier.\n"
    )
    path = site / "content/articles/2024/kiev-ankara.md"
    path.write_text(path.read_text().replace("source: aa\n", "source: aa\ntopics: [syrie]\n"))


def _deleted_article(site: Path) -> None:
    (site / "content/articles/2024/kiev-ankara.md").unlink()


def _english_site(site: Path) -> None:
    path = site / "site.yaml"
    path.write_text(path.read_text().replace("language: fr", "language: en"))


@pytest.mark.parametrize(
    "edit", [_same_size_edit, _renamed_source, _new_topic, _deleted_article, _english_site]
)
def test_a_memoized_rebuild_equals_a_build_from_scratch(
    make_site, tmp_path, edit: Callable[[Path], None]
) -> None:
    site = make_site({"content/articles/2024/kiev-ankara.md": OTHER})
    settle(site)
    assert run("build", "--site", site) == 0
    assert (site / ".briefings-cache/articles.jsonl").stat().st_size > 0  # the memo is kept
    edit(site)
    settle(site, seconds_ago=30, recent_only=True)  # newer than the first build, still trusted
    assert run("build", "--site", site) == 0
    cold = tmp_path / "cold"
    shutil.copytree(site, cold, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
    assert run("build", "--site", cold) == 0
    assert manifest(site / "_site") == manifest(cold / "_site")


def test_errors_of_a_memoized_article_are_reported_again(make_site, capsys) -> None:
    site = make_site({"content/articles/2024/kiev-ankara.md": OTHER})
    path = site / "content/articles/2024/kiev-ankara.md"
    path.write_text(OTHER.replace("source: aa", "source: afp"))
    settle(site)
    assert run("build", "--site", site) == 1
    first = capsys.readouterr().err
    assert "kiev-ankara.md:4:9: error: unknown source 'afp'" in first
    (site / ARTICLE).write_text((site / ARTICLE).read_text() + "\nUne phrase de plus.\n")
    settle(site, seconds_ago=30, recent_only=True)
    assert run("build", "--site", site) == 1
    assert "kiev-ankara.md:4:9: error: unknown source 'afp'" in capsys.readouterr().err


def test_a_duplicate_slug_names_both_files_when_one_comes_from_the_memo(make_site, capsys) -> None:
    site = make_site({"content/articles/2024/kiev-ankara.md": OTHER})
    settle(site)
    assert run("build", "--site", site) == 0
    capsys.readouterr()
    copy = OTHER.replace("source: aa", "source: aa\nslug: kiev-ankara")
    (site / "content/articles/2024/zz-copie.md").write_text(copy)
    assert run("build", "--site", site) == 1
    err = capsys.readouterr().err
    assert "zz-copie.md:5:7: error: duplicate slug 'kiev-ankara'" in err
    assert "content/articles/2024/kiev-ankara.md has it too" in err
    assert "slug: kiev-ankara" in err  # the offending line is shown


def test_articles_read_back_from_the_memo_equal_those_read_their_bodies_when_asked(
    make_site, monkeypatch
) -> None:
    """A memo line keeps the body after a tab, decoded only when asked for (`filememo._Lazy`):
    the article read back equals, hashes, digests and pickles as the one parsed from the file,
    and a build that takes every analysis from its cache reads no body."""
    import dataclasses
    import pickle

    from briefings.build import BuildCache
    from briefings.incremental import filememo
    from briefings.incremental.fingerprint import Fingerprints
    from briefings.model import Article
    from briefings.stages.config import Overrides
    from briefings.stages.content import load_site

    site = make_site({"content/articles/2024/kiev-ankara.md": OTHER})
    settle(site)
    assert run("build", "--site", site) == 0
    fresh, _ = load_site(site, Overrides(), filememo.ArticleMemo())
    memo = BuildCache.on_disk(site).articles
    again, _ = load_site(site, Overrides(), memo)
    assert all(type(a) is not Article for a in again.articles)  # all from the memo
    read: list[str] = []
    body = filememo._Unread.read

    def counted(unread: filememo._Unread, article: Article) -> None:
        read.append(article.slug)
        body(unread, article)

    monkeypatch.setattr(filememo._Unread, "read", counted)
    for made in (True, False):
        prints, other = Fingerprints(bodies=made), Fingerprints(bodies=made)
        for one, two in zip(fresh.articles, again.articles, strict=True):
            assert prints.of(one) == other.of(two)
    assert read == []  # a digest never reads the body: `digest` stands for it
    for one, two in zip(fresh.articles, again.articles, strict=True):
        assert two == one and one == two and hash(two) == hash(one)
        assert "Fidan" in two.body and two.body == one.body
        assert type(pickle.loads(pickle.dumps(two))) is Article
        assert pickle.loads(pickle.dumps(two)) == one
        moved = dataclasses.replace(two, title="Autre titre")
        assert (moved.body, moved.title) == (one.body, "Autre titre")
        with pytest.raises(dataclasses.FrozenInstanceError):
            two.body = "réécrit"  # type: ignore[misc]
    assert sorted(read) == sorted(a.slug for a in again.articles)
    read.clear()
    path = site / ARTICLE
    path.write_text(path.read_text() + "\nUn paragraphe de plus sur l'OTAN.\n")
    settle(site, recent_only=True)
    assert run("build", "--site", site) == 0
    assert read == []  # the edited article was parsed again; the other's analysis is cached


def _settle_inputs(site: Path, seconds_ago: float) -> None:
    """The files just edited dated back (still after the last build), the output and caches
    left as that build wrote them: else the render memo would find every page's file changed,
    and render them all."""
    for folder in ("content", "templates"):
        if (site / folder).exists():
            settle(site / folder, seconds_ago, recent_only=True)
    when = time.time() - seconds_ago
    os.utime(site / "site.yaml", (when, when))


def _edited_title(site: Path) -> None:
    path = site / ARTICLE
    path.write_text(path.read_text().replace("réunis à Washington", "reçus à la Maison Blanche"))


def _edited_date(site: Path) -> None:
    path = site / ARTICLE
    path.write_text(path.read_text().replace("date: 2024-03-08", "date: 2024-04-05"))


def _edited_summary(site: Path) -> None:
    path = site / ARTICLE
    path.write_text(path.read_text().replace("source: aa\n", "source: aa\nsummary: Un résumé\n"))


def _edited_topics(site: Path) -> None:
    path = site / ARTICLE
    path.write_text(path.read_text().replace("source: aa\n", "source: aa\ntopics: [nato]\n"))


def _renamed_person(site: Path) -> None:
    path = site / "content/people.yaml"
    path.write_text(path.read_text().replace("name: Hakan Fidan", "name: Hakan Fidan (MAE)"))


def _renamed_topic(site: Path) -> None:
    path = site / "content/topics/ukraine.md"
    path.write_text(path.read_text().replace("title: Ukraine", "title: Ukraine et mer Noire"))


def _own_article_template(site: Path) -> None:
    from importlib import resources

    theme = resources.files("briefings").joinpath("theme", "templates", "article.html")
    (site / "templates").mkdir(exist_ok=True)
    text = theme.read_text(encoding="utf-8").replace("{% if related %}", "{% if related %}<!--o-->")
    (site / "templates/article.html").write_text(text)


def _new_site_title(site: Path) -> None:
    path = site / "site.yaml"
    path.write_text(path.read_text().replace("Dossiers de test", "Dossiers d'essai"))


def _deleted_edited_article(site: Path) -> None:
    (site / ARTICLE).unlink()


def _cold_manifest(site: Path, cold: Path) -> dict[str, str]:
    shutil.rmtree(cold, ignore_errors=True)
    shutil.copytree(site, cold, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
    assert run("build", "--site", cold) == 0
    return manifest(cold / "_site")


@pytest.mark.parametrize(
    "edit",
    [
        _edited_title,
        _edited_date,
        _edited_summary,
        _edited_topics,
        _renamed_person,
        _renamed_topic,
        _own_article_template,
        _new_site_title,
        _deleted_edited_article,
    ],
)
def test_pages_that_show_an_article_follow_its_edits_and_their_undoing(
    make_site, tmp_path, edit: Callable[[Path], None]
) -> None:
    """The articles' memo's tokens stand for the articles on the pages that list them (related
    articles, dossiers, people, timeline): after an edit, and after it is undone (the token of
    the first build's article comes back), every page is that of a clean build."""
    site = make_site({"content/articles/2024/kiev-ankara.md": OTHER})
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    settle(site)
    assert run("build", "--site", site) == 0
    first = manifest(site / "_site")
    edit(site)
    _settle_inputs(site, 30)  # newer than the first build, still trusted
    assert run("build", "--site", site) == 0
    assert manifest(site / "_site") == _cold_manifest(site, tmp_path / "cold")
    shutil.rmtree(site / "templates", ignore_errors=True)
    for path, data in before.items():
        (site / path).write_bytes(data)
    _settle_inputs(site, 20)
    assert run("build", "--site", site) == 0
    assert manifest(site / "_site") == first == _cold_manifest(site, tmp_path / "cold")


def test_an_edited_title_shows_on_the_pages_that_list_the_article(make_site) -> None:
    from lxml import html

    site = make_site({"content/articles/2024/kiev-ankara.md": OTHER})
    settle(site)
    assert run("build", "--site", site) == 0
    _edited_title(site)
    _settle_inputs(site, 30)
    assert run("build", "--site", site) == 0
    for page in ("articles/kiev-ankara/index.html", "dossiers/gaza/index.html"):
        text = html.parse(str(site / "_site" / page)).getroot().text_content()
        assert "reçus à la Maison Blanche" in text, page
        assert "réunis à Washington" not in text, page


def test_an_article_from_the_memo_has_the_token_of_its_shown_fields(make_site) -> None:
    """The token of an article read back is that of the article parsed from its file; it
    changes with a shown field (the title), not with the body alone."""
    from briefings.build import BuildCache
    from briefings.incremental import filememo
    from briefings.stages.config import Overrides
    from briefings.stages.content import load_site

    site = make_site({"content/articles/2024/kiev-ankara.md": OTHER})
    settle(site)
    assert run("build", "--site", site) == 0

    def tokens(memo: filememo.ArticleMemo) -> dict[str, bytes]:
        content, _ = load_site(site, Overrides(), memo)
        by_id = memo.tokens()
        return {a.path: by_id[id(a)] for a in content.articles}

    fresh = tokens(filememo.ArticleMemo())
    again = tokens(BuildCache.on_disk(site).articles)
    assert fresh == again and len(set(fresh.values())) == 2
    path = site / ARTICLE
    path.write_text(path.read_text() + "\nUn paragraphe de plus sur l'OTAN.\n")
    _settle_inputs(site, 30)
    assert tokens(filememo.ArticleMemo()) == fresh
    _edited_title(site)
    _settle_inputs(site, 20)
    titled = tokens(filememo.ArticleMemo())
    other = "content/articles/2024/kiev-ankara.md"
    assert titled[other] == fresh[other] and titled[ARTICLE] != fresh[ARTICLE]


def test_an_edit_digests_no_article_field_by_field(make_site, monkeypatch) -> None:
    """The pages of the articles an edit did not touch are compared through the memo's
    tokens: no article is digested field by field (at 4,000 articles, 0.05 s an edit)."""
    from briefings.incremental.fingerprint import Fingerprints
    from briefings.model import Article

    site = make_site({"content/articles/2024/kiev-ankara.md": OTHER})
    settle(site)
    assert run("build", "--site", site) == 0
    path = site / ARTICLE
    path.write_text(path.read_text().replace("réunis", "réunis ce vendredi"))
    _settle_inputs(site, 30)
    fed: list[str] = []
    feed = Fingerprints._feed

    def counted(self: Fingerprints, hasher: object, value: object) -> None:
        if isinstance(value, Article):
            fed.append(value.slug)
        feed(self, hasher, value)

    monkeypatch.setattr(Fingerprints, "_feed", counted)
    assert run("build", "--site", site) == 0
    assert fed == []


def test_an_article_saved_just_before_a_build_makes_no_page_again_once_it_is_older(
    make_site,
) -> None:
    """An article saved less than two seconds before a build is parsed again at the next (the
    memo does not keep it); its token is the same both times, so the pages that list it are
    not made again at the next build for that alone."""
    from briefings.build import BuildCache, build

    site = make_site({"content/articles/2024/kiev-ankara.md": OTHER})
    settle(site)
    cache = BuildCache.on_disk(site)
    build(site, cache=cache)
    path = site / ARTICLE
    path.write_text(path.read_text().replace("réunis", "réunis ce vendredi"))  # just saved
    build(site, cache=cache)
    assert "réunis ce vendredi" in (site / "_site/articles/kiev-ankara/index.html").read_text()
    _settle_inputs(site, 30)  # now older: the memo keeps it
    build(site, cache=cache)
    assert cache.pages.rendered == 0
    cache = BuildCache.on_disk(site)  # and so does the next process
    os.utime(site / ARTICLE, (time.time() - 25, time.time() - 25))
    build(site, cache=cache)
    assert cache.pages.rendered == 0


@pytest.mark.parametrize("damage", ["bytes changed", "cut short"])
def test_a_damaged_body_is_never_used_its_file_is_read_again(
    make_site, tmp_path, capsys, damage
) -> None:
    """The articles' bodies are in a file of their own, read when asked for (`filememo._Bodies`):
    changed after the build that wrote them, a body is never taken for the article's."""
    site = make_site({"content/articles/2024/kiev-ankara.md": OTHER})
    settle(site)
    assert run("build", "--site", site) == 0
    bodies = site / ".briefings-cache/articles-bodies.bin"
    data = bodies.read_bytes()
    assert b"mer Noire ouverte" in data
    if damage == "bytes changed":  # the same length: only the body's seal can tell
        bodies.write_bytes(data.replace(b"mer Noire ouverte", b"mer NOIRE ouverte"))
    else:
        bodies.write_bytes(data[: data.index(b"mer Noire ouverte")])
    # A topic's keywords changed: every article analysed again, from the memo's bodies.
    topic = site / "content/topics/ukraine.md"
    topic.write_text(topic.read_text().replace('"mer Noire"]', '"mer Noire", Odessa]'))
    settle(site, recent_only=True)
    capsys.readouterr()
    assert run("build", "--site", site) == 0
    if damage == "bytes changed":
        assert f"note: {bodies} was not made by briefings on this machine" in (
            capsys.readouterr().err
        )
    for page in (site / "_site").rglob("*.html"):
        assert "NOIRE" not in page.read_text(encoding="utf-8"), page
    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
    assert run("build", "--site", clean) == 0
    assert manifest(site / "_site") == manifest(clean / "_site")
    # The next build (of a change: else it is skipped) writes the memo anew, every body whole.
    topic.write_text(topic.read_text().replace('"mer Noire", Odessa]', '"mer Noire"]'))
    assert run("build", "--site", site) == 0
    assert b"mer Noire ouverte" in bodies.read_bytes()
    assert b"NOIRE" not in bodies.read_bytes()
