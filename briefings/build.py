"""The pipeline, in the order it runs.

site.yaml ─▶ config ─▶ content ─▶ analysis ─▶ linking ─▶ pages ─▶ render ─▶ write
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(slots=True)
class AnalysisCache:
    """Analyses kept between builds (by `serve`): reused while an article's bytes and the
    analysis inputs (topic keywords, people, Markdown settings) are unchanged."""

    inputs: object = None
    entries: dict[str, tuple[str, Analysis]] = field(default_factory=dict)
    """Article path to (digest, analysis)."""
    hits: int = 0


def analysis_inputs(content: Content) -> object:
    """What every article's analysis depends on besides the article."""
    topics = tuple((t.id, t.keywords) for t in content.topics)
    return (topics, tuple(sorted(content.people.items())), content.config.raw_html)


def analyze_all(
    content: Content, cache: AnalysisCache | None = None
) -> tuple[dict[str, Analysis], dict[str, str]]:
    """Analyse every article (reusing the cache where valid) and render every topic overview."""
    cache = cache if cache is not None else AnalysisCache()
    inputs = analysis_inputs(content)
    if cache.inputs != inputs:
        cache.inputs, cache.entries = inputs, {}
    analyzer = Analyzer(content.topics, content.people, content.config.raw_html)
    analyses = {}
    cache.hits = 0
    for article in content.articles:
        kept = cache.entries.get(article.path)
        if kept is not None and kept[0] == article.digest:
            cache.hits += 1
            analyses[article.slug] = kept[1]
            continue
        analysis = analyzer.analyze(article)
        cache.entries[article.path] = (article.digest, analysis)
        analyses[article.slug] = analysis
    present = {a.path for a in content.articles}
    for path in [p for p in cache.entries if p not in present]:
        del cache.entries[path]
    overviews = {topic.id: analyzer.markdown.render(topic.body) for topic in content.topics}
    return analyses, overviews


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
