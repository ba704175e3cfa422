"""The pipeline, in the order it runs.

site.yaml ─▶ config ─▶ content ─▶ analysis ─▶ linking ─▶ pages ─▶ render ─▶ write
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .analysis import Analyzer
from .config import Overrides
from .content import load_site
from .linking import link
from .model import Analysis, Content, Corpus, Diagnostic, Output
from .pages import plan_pages
from .render import render
from .write import check_output, write


@dataclass(frozen=True, slots=True)
class Result:
    corpus: Corpus
    output: Output
    warnings: tuple[Diagnostic, ...]
    changed: int
    """Files written because their bytes changed."""


def analyze_all(content: Content) -> tuple[dict[str, Analysis], dict[str, str]]:
    """Analyse every article and render every topic overview."""
    analyzer = Analyzer(content.topics, content.people, content.config.raw_html)
    analyses = {article.slug: analyzer.analyze(article) for article in content.articles}
    overviews = {topic.id: analyzer.markdown.render(topic.body) for topic in content.topics}
    return analyses, overviews


def assemble(site_dir: Path, overrides: Overrides) -> tuple[Corpus, Output, tuple[Diagnostic, ...]]:
    """Everything but writing: raises ContentError with every problem found."""
    content, warnings = load_site(site_dir, overrides)  # config + content
    analyses, overviews = analyze_all(content)  # analysis
    corpus = link(content, analyses, overviews)  # linking
    pages = plan_pages(corpus)  # pages
    output = render(pages, corpus)  # render
    return corpus, output, warnings


def build(site_dir: Path, overrides: Overrides | None = None) -> Result:
    """Build the site into its output folder; on any error the previous output stays as it was."""
    corpus, output, warnings = assemble(site_dir, overrides or Overrides())
    folder = corpus.content.config.output
    check_output(folder, corpus.content.config.site_dir)
    changed = write(output, folder)  # write
    return Result(corpus, output, warnings, changed)
