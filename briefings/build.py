"""The pipeline, in the order it runs.

site.yaml ─▶ config ─▶ content ─▶ analysis ─▶ linking ─▶ pages ─▶ render ─▶ search ─▶ write
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .analysis import problems
from .batch import AnalysisCache, analyze_all
from .config import Overrides
from .content import load_site
from .linking import link
from .model import Corpus, Diagnostic, Output, Page
from .pages import plan_pages
from .render import render
from .search import with_search
from .write import check_output, write

Renderer = Callable[[Iterable[Page], Corpus], Output]
"""The render stage: `render.render`, or `serve`'s memo that re-renders only changed pages."""


@dataclass(frozen=True, slots=True)
class Result:
    """What a build produced."""

    corpus: Corpus
    output: Output
    warnings: tuple[Diagnostic, ...]
    changed: int
    """Files written because their bytes changed."""


def assemble(
    site_dir: Path,
    overrides: Overrides,
    cache: AnalysisCache | None = None,
    *,
    renderer: Renderer = render,
) -> tuple[Corpus, Output, tuple[Diagnostic, ...]]:
    """Everything but writing: raises ContentError with every problem found."""
    content, warnings = load_site(site_dir, overrides)  # config + content
    analyses, overviews = analyze_all(content, cache)  # analysis
    warnings += problems(analyses)  # raises ContentError on errors in the Markdown
    corpus = link(content, analyses, overviews)  # linking
    pages = plan_pages(corpus)  # pages
    output = renderer(pages, corpus)  # render
    output = with_search(output, corpus)  # search: the Pagefind index
    return corpus, output, warnings


def build(
    site_dir: Path,
    overrides: Overrides | None = None,
    cache: AnalysisCache | None = None,
    *,
    renderer: Renderer = render,
) -> Result:
    """Build the site into its output folder; on any error the previous output stays as it was."""
    corpus, output, warnings = assemble(
        site_dir, overrides or Overrides(), cache, renderer=renderer
    )
    folder = corpus.content.config.output
    check_output(folder, corpus.content.config.site_dir)
    changed = write(output, folder)  # write
    return Result(corpus, output, warnings, changed)
