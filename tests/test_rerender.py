"""The render memo of `serve`: only pages whose inputs changed are rendered, and the site is the
same, byte for byte, as a build from scratch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefings.build import BuildCache, build
from briefings.config import Overrides
from briefings.diagnostics import ContentError

SECOND = "content/articles/2024/2024-03-10-otan-ukraine.md"
SECOND_TEXT = """\
---
title: L'OTAN promet des munitions à l'Ukraine
date: 2024-03-10
source: aa
---
Les alliés de l'OTAN ont promis de nouvelles livraisons à l'Ukraine.

{extra}
"""


def _site(make_site, **files: str | None) -> Path:
    return make_site({SECOND: SECOND_TEXT.format(extra="Kiev salue la décision."), **files})


class Memoized:
    """Builds with one cache, like successive builds of `serve`."""

    def __init__(self, site: Path) -> None:
        self.site, self.cache = site, BuildCache()
        self.memo = self.cache.pages

    def files(self) -> dict[str, bytes]:
        build(self.site, Overrides(), self.cache)
        return contents(self.site / "_site")


def contents(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def from_scratch(site: Path) -> dict[str, bytes]:
    """The same site built in another folder with no cache at all."""
    copy = site.with_name(site.name + "-scratch")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
    return contents(build(copy, Overrides(), BuildCache()).corpus.content.config.output)


def templated(files: dict[str, bytes]) -> int:
    return sum(1 for path in files if path.endswith(".html"))


def test_an_article_edit_renders_only_the_pages_that_show_it(make_site) -> None:
    site = _site(make_site)
    memo = Memoized(site)
    first = memo.files()
    assert memo.memo.rendered == templated(first)
    (site / SECOND).write_text(SECOND_TEXT.format(extra="Kiev attend les livraisons."))
    again = memo.files()
    assert 0 < memo.memo.rendered < templated(again)
    assert again == from_scratch(site)
    changed = {path for path in again if again[path] != first.get(path)}
    assert "articles/otan-ukraine/index.html" in changed
    assert "articles/fidan-blinken/index.html" not in changed


def test_nothing_changed_renders_nothing(make_site) -> None:
    memo = Memoized(_site(make_site))
    first = memo.files()
    assert memo.files() == first
    assert memo.memo.rendered == 0


def test_a_new_title_reaches_every_page_that_lists_the_article(make_site) -> None:
    site = _site(make_site)
    memo = Memoized(site)
    memo.files()
    text = SECOND_TEXT.format(extra="").replace("promet des munitions", "promet des obus")
    (site / SECOND).write_text(text)
    files = memo.files()
    assert files == from_scratch(site)
    assert b"promet des obus" in files["timeline/index.html"]
    assert b"promet des obus" in files["dossiers/nato/index.html"]


def test_a_template_or_settings_change_renders_everything(make_site) -> None:
    site = _site(make_site)
    memo = Memoized(site)
    memo.files()
    (site / "templates").mkdir()
    (site / "templates/footer.html").write_text("<footer>Rédaction</footer>\n")
    files = memo.files()
    assert memo.memo.rendered == templated(files) and files == from_scratch(site)
    yaml = (site / "site.yaml").read_text()
    (site / "site.yaml").write_text(yaml.replace("Dossiers de test", "Nouveaux dossiers"))
    files = memo.files()
    assert memo.memo.rendered == templated(files) and files == from_scratch(site)


def test_a_template_error_names_the_template_and_the_next_build_recovers(make_site) -> None:
    site = _site(make_site, **{"templates/footer.html": "<footer>Rédaction</footer>\n"})
    memo = Memoized(site)
    memo.files()
    (site / "templates/footer.html").write_text("<footer>\n{{ nowhere.to_be_found }}\n</footer>\n")
    with pytest.raises(ContentError) as raised:
        memo.files()
    (problem,) = raised.value.diagnostics
    assert (problem.path, problem.line) == ("templates/footer.html", 2)
    (site / "templates/footer.html").write_text("<footer>Rédaction réparée</footer>\n")
    assert memo.files() == from_scratch(site)


def test_a_dossier_s_data_is_made_again_only_when_what_it_holds_changes(make_site) -> None:
    site = _site(make_site)
    cache = BuildCache()
    build(site, Overrides(), cache)
    (site / SECOND).write_text(SECOND_TEXT.format(extra="Kiev attend les livraisons."))
    result = build(site, Overrides(), cache)
    assert "dossiers/gaza/index.json" in result.output.kept  # the edit is not about Gaza
    assert "dossiers/ukraine/index.json" in result.output.files  # it is about Ukraine
    assert b"Kiev attend les livraisons." in result.output.files["dossiers/ukraine/index.json"]
    assert contents(site / "_site") == from_scratch(site)
