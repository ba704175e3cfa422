"""The pipeline, in the order it runs.

site.yaml ─▶ config ─▶ content ─▶ analysis ─▶ linking ─▶ pages ─▶ render ─▶ write
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .batch import AnalysisCache, analyze_all
from .config import Overrides
from .content import load_site
from .linking import link
from .model import Corpus, Diagnostic, Output
from .pages import plan_pages
from .render import render
from .write import check_output, write


@dataclass(frozen=True, slots=True)
class Result:
    """What a build produced."""

    corpus: Corpus
    output: Output
    warnings: tuple[Diagnostic, ...]
    changed: int
    """Files written because their bytes changed."""


def assemble(
    site_dir: Path, overrides: Overrides, cache: AnalysisCache | None = None
) -> tuple[Corpus, Output, tuple[Diagnostic, ...]]:
    """Everything but writing: raises ContentError with every problem found."""
    content, warnings = load_site(site_dir, overrides)  # config + content
    analyses, overviews = analyze_all(content, cache)  # analysis
    corpus = link(content, analyses, overviews)  # linking
    pages = plan_pages(corpus)  # pages
    output = render(pages, corpus)  # render
    return corpus, output, warnings


def build(
    site_dir: Path, overrides: Overrides | None = None, cache: AnalysisCache | None = None
) -> Result:
    """Build the site into its output folder; on any error the previous output stays as it was."""
    corpus, output, warnings = assemble(site_dir, overrides or Overrides(), cache)
    folder = corpus.content.config.output
    check_output(folder, corpus.content.config.site_dir)
    changed = write(output, folder)  # write
    return Result(corpus, output, warnings, changed)
