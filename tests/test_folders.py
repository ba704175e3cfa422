"""A first build's folders and files made ahead (stages/folders.py): made by a child process while
the site is analysed and linked, before the pages are rendered; none left empty; none left on
error."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefings import build, urls
from briefings.incremental import rerender
from briefings.stages import folders

from .conftest import manifest, run


def _empty_folders(folder: Path) -> list[str]:
    return [
        Path(root).relative_to(folder).as_posix()
        for root, dirs, files in os.walk(folder)
        if not dirs and not files
    ]


def _no_children() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_a_first_builds_folders_are_made_before_its_pages(
    make_site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site()
    found: dict[str, bool] = {}
    render = rerender.RenderMemo.render

    def rendering(
        self: rerender.RenderMemo, pages: Any, corpus: Any, staging: Any, *a: Any, **k: Any
    ):
        wanted = [urls.article(slug) for slug in corpus.articles]
        wanted += [urls.dossier(topic.id) for topic in corpus.content.topics]
        wanted += [urls.output_file(folder) for folder in wanted]
        deadline = time.monotonic() + 30  # the child runs at the lowest priority
        while not all((staging.path / p).exists() for p in wanted) and time.monotonic() < deadline:
            time.sleep(0.01)
        found.update({p: (staging.path / p).exists() for p in wanted})
        return render(self, pages, corpus, staging, *a, **k)

    monkeypatch.setattr(rerender.RenderMemo, "render", rendering)
    assert run("build", "--site", site) == 0
    assert found and all(found.values()), found
    assert _empty_folders(site / "_site") == []
    assert _no_children()

    monkeypatch.undo()
    ahead = manifest(site / "_site")
    (site / "_site").rename(site / "ahead")
    monkeypatch.setattr(build._Ahead, "loaded", lambda self, content: None)
    monkeypatch.setattr(rerender.RenderMemo, "render", render)
    assert run("build", "--site", site) == 0
    assert manifest(site / "_site") == ahead


def test_folders_made_ahead_that_no_page_fills_are_removed(
    make_site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site()
    planned = folders.planned
    extra = [
        "articles/nothing-here/",
        "extra/",
        "extra/deeper/",
        "people/nobody/",
        "people/nobody/index.html",
    ]
    monkeypatch.setattr(build, "planned", lambda content: [*planned(content), *extra])
    render = rerender.RenderMemo.render

    def rendering(
        self: rerender.RenderMemo, pages: Any, corpus: Any, staging: Any, *a: Any, **k: Any
    ):
        deadline = time.monotonic() + 30
        while not (staging.path / extra[-1]).is_file() and time.monotonic() < deadline:
            time.sleep(0.01)
        return render(self, pages, corpus, staging, *a, **k)

    monkeypatch.setattr(rerender.RenderMemo, "render", rendering)
    assert run("build", "--site", site) == 0
    for folder in extra:
        assert not (site / "_site" / folder).exists()
    assert (site / "_site/articles").is_dir()
    assert _empty_folders(site / "_site") == []


def test_a_build_failing_after_the_content_is_read_leaves_no_folder_nor_child(
    make_site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site()
    made: list[folders.FolderMaker] = []
    maker = build.FolderMaker

    def making(staging: Path, planned: list[str]) -> folders.FolderMaker:
        made.append(maker(staging, planned))
        return made[-1]

    def failing(*args: object) -> None:
        raise RuntimeError("linking failed")

    monkeypatch.setattr(build, "FolderMaker", making)
    monkeypatch.setattr(build, "link", failing)
    with pytest.raises(RuntimeError, match="linking failed"):
        build.build(site)
    assert made  # the child was started, then stopped
    assert sorted(p.name for p in site.iterdir() if p.name.startswith("._site")) == []
    assert not (site / "_site").exists()
    assert _no_children()


KILLED = """
import os, signal, sys, time
import briefings.build as build
from briefings.cli import main

def analyze_all(*args, **kwargs):
    time.sleep(0.5)  # the child at work
    os.kill(os.getpid(), signal.SIGKILL)

build.analyze_all = analyze_all
sys.exit(main(["build", "--site", sys.argv[1]]))
"""


def test_a_first_build_killed_after_reading_is_swept_by_the_next(
    make_site: Callable[..., Path],
) -> None:
    site = make_site()
    killed = subprocess.run([sys.executable, "-c", KILLED, str(site)], capture_output=True)
    assert killed.returncode == -9, killed.stderr
    assert [p.name for p in site.iterdir() if p.name.startswith("._site.staging-")] != []
    assert run("build", "--site", site) == 0
    assert [p.name for p in site.iterdir() if p.name.startswith("._site.")] == []
    assert _empty_folders(site / "_site") == []
