"""An internal error is a bug report: the exception, where briefings raised it, that it is a bug
and how to report it; never a problem at line 1 of a template. The preview then builds again
from scratch and serves that if it works."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefings.bugs import EXIT_INTERNAL
from briefings.incremental import rerender
from briefings.preview.serve import LiveState, Site
from briefings.preview.watch import Builder
from briefings.stages import pages
from briefings.stages.config import Overrides

from .conftest import manifest, run


def _broken_once(monkeypatch: pytest.MonkeyPatch, times: int = 1) -> list[int]:
    """The render memo raises a bug of its own the first `times` times it is asked."""
    calls: list[int] = []
    real = rerender.RenderMemo.render

    def render(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) <= times:
            raise ZeroDivisionError("a bug planted by the test")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(rerender.RenderMemo, "render", render)
    return calls


def test_build_reports_an_internal_error_as_a_bug(make_site, monkeypatch, capsys) -> None:
    site = make_site()
    _broken_once(monkeypatch)
    assert run("build", "--site", site) == EXIT_INTERNAL
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert lines[0] == "briefings: internal error: ZeroDivisionError: a bug planted by the test"
    # The innermost frame in briefings' own code (the planted bug is in this file).
    assert lines[1].startswith("    raised at briefings/build.py:")
    assert "This is a bug in briefings" in err and "briefings build" in err
    assert "Traceback (most recent call last)" in err  # for the report
    assert ": error: " not in err  # never posing as a problem of the site


def test_the_memo_failing_where_the_template_works_is_a_bug_not_a_template_error(
    make_site, monkeypatch, capsys
) -> None:
    # It said "<theme>/dossier.html:1:1: error: cannot render dossiers/gaza/index.html".
    site = make_site()
    monkeypatch.setattr(rerender._Renderer, "page", lambda self, page: (None, frozenset()))
    assert run("build", "--site", site) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert err.startswith("briefings: internal error: a render worker failed on ")
    assert "<theme>/" not in err and "This is a bug in briefings" in err


def test_a_template_error_is_still_the_site_s_problem(make_site, capsys) -> None:
    site = make_site({"templates/footer.html": "<footer>{{ 1 // 0 }}</footer>\n"})
    assert run("build", "--site", site) == 1
    err = capsys.readouterr().err
    assert "templates/footer.html:1:" in err and "internal error" not in err


def test_the_preview_builds_again_from_scratch_after_a_bug(
    make_site, monkeypatch, tmp_path: Path
) -> None:
    site = make_site()
    calls = _broken_once(monkeypatch)
    said: list[str] = []
    builder = Builder(
        site, Overrides(), LiveState(Site(site / "_site", "/repo/")), said.append, said.append
    )
    try:
        assert builder.build() is True
    finally:
        builder.close()
    text = "\n".join(said)
    assert "briefings: internal error: ZeroDivisionError" in text
    assert "briefings serve" in text
    assert "built again from scratch after the internal error above: serving that" in text
    assert len(calls) == 2
    copy = tmp_path / "clean"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
    assert run("build", "--site", copy) == 0

    def pages(folder: Path) -> dict[str, str]:  # Pagefind's files are not deterministic
        return {k: v for k, v in manifest(folder).items() if not k.startswith("pagefind/")}

    assert pages(site / "_site") == pages(copy / "_site")


def test_the_preview_says_a_bug_that_happens_again_and_keeps_the_last_site(
    make_site, monkeypatch
) -> None:
    site = make_site()
    _broken_once(monkeypatch, times=2)
    said: list[str] = []
    builder = Builder(
        site, Overrides(), LiveState(Site(site / "_site", "/repo/")), said.append, said.append
    )
    try:
        assert builder.build() is False
    finally:
        builder.close()
    text = "\n".join(said)
    assert text.count("briefings: internal error: ZeroDivisionError") == 2
    assert "build failed: still serving the last good site" in text


def test_a_bug_making_the_key_figures_as_the_page_renders_is_a_bug(
    make_site, monkeypatch, capsys
) -> None:
    # They are made when the dossier's first page reads them (`pages.KeyFigures`), in the
    # template: a bug there is not the template's error at the line that reads them.
    site = make_site()

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("a bug planted by the test")

    monkeypatch.setattr(pages, "key_figures", broken)
    assert run("build", "--site", site) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert err.startswith("briefings: internal error: the key figures of ")
    assert "ZeroDivisionError: a bug planted by the test" in err
    assert "<theme>/" not in err and "This is a bug in briefings" in err
