"""Analysing every article of a site: from memory, from the disk cache, or in a process pool.

An article's analysis depends only on its text and the analysis inputs (topic keywords and
figures, people, Markdown settings), so results are keyed by the text's digest and computed in
parallel.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .. import progress
from ..diagnostics import ContentError
from ..model import Analysis, Article, Content, Diagnostic, Role
from ..stages.analysis import Analyzer
from ..text.markdown import TooLarge
from ..version import code_version
from . import cache as disk
from . import forkpool

POOL_THRESHOLD = 150
"""Below this many articles to analyse, starting worker processes costs more than it saves."""


@dataclass(slots=True)
class AnalysisCache:
    """Analyses kept between builds in one process (`serve`), by article digest."""

    inputs: object = None
    entries: dict[str, Analysis] = field(default_factory=dict)
    """Article digest to analysis, valid for `inputs`."""
    hits: int = 0
    """How many articles the last build took from the cache."""
    stored: disk.OnDisk | None = None
    """What the disk cache holds, once it was read."""
    again: Callable[[str], Analysis] | None = None
    """The analysis of an article of the last build, by digest, made anew: for an entry read
    from the disk whose blocks' text, read later, does not verify (`cache._Tails`)."""


def analysis_inputs(content: Content) -> object:
    """What every article's analysis depends on besides the article."""
    # A figure's `grows` and `jump` are checked, not read in the copy; its label's words tell
    # figures apart, and `widen` gives its phrases their word families.
    topics = [
        (
            t.id,
            list(t.keywords),
            list(t.context_keywords),
            [(f.id, f.label, f.unit, list(f.phrases), f.widen) for f in t.figures],
        )
        for t in content.topics
    ]
    people = [
        (p.id, p.name, p.role, p.kind, list(p.aliases), [_role(r) for r in p.roles])
        for p in sorted(content.people.values(), key=lambda p: p.id)
    ]
    # The site's language is the default of every article's `lang`, which sets its typography.
    limits = content.config.limits
    config = [content.config.raw_html, content.config.language]
    return [topics, people, *config, limits.table_cells, limits.paragraphs]


def _role(role: Role) -> list[object]:
    return [role.title, list(role.aliases), str(role.start), str(role.end)]


def analysis_key(content: Content) -> str:
    """The key under which analyses of this content's articles are cached."""
    return disk.fingerprint(analysis_inputs(content), code_version())


def analyze_all(
    content: Content,
    cache: AnalysisCache | None = None,
    *,
    use_disk: bool = True,
    save: bool = True,
    later: Callable[[Callable[[], None]], None] | None = None,
) -> tuple[dict[str, Analysis], dict[str, str]]:
    """Every article's analysis by slug (reusing what is still valid), and topic overviews.

    With `use_disk`, the disk cache is read, and written back when articles were analysed
    unless `save` is False (`check --built` leaves the site folder as the build left it). With
    `later`, the writing is handed to it, to be done when the caller chooses."""
    cache = cache if cache is not None else AnalysisCache()
    key = analysis_key(content)
    site_dir = content.config.site_dir
    if cache.inputs != key:
        cache.inputs, cache.entries, cache.stored = key, {}, None
    config = content.config
    analyzer = Analyzer(content.topics, content.people, config.raw_html, config.limits)
    by_digest = {a.digest: a for a in content.articles}
    cache.again = lambda digest: analyzer.analyze(by_digest[digest])
    if use_disk and cache.stored is None:
        loaded, cache.stored = disk.load(site_dir, key, lambda digest: _again(cache, digest))
        cache.entries.update(loaded)
    missing = [a for a in content.articles if a.digest not in cache.entries]
    cache.hits = len(content.articles) - len(missing)
    for article, analysis in zip(missing, _analyze(analyzer, missing), strict=True):
        cache.entries[article.digest] = analysis
    present = {a.digest for a in content.articles}
    stale = [d for d in cache.entries if d not in present]
    for digest in stale:
        del cache.entries[digest]
    if use_disk and save and missing and cache.stored is not None:
        stored, entries = cache.stored, cache.entries

        def write() -> None:
            cache.stored = disk.save(site_dir, key, entries, stored)

        if later is None:
            write()
        else:
            later(write)
    analyses = {a.slug: cache.entries[a.digest] for a in content.articles}
    return analyses, _overviews(analyzer, content, analyses)


def _again(cache: AnalysisCache, digest: str) -> Analysis:
    """The analysis of the article `digest` made anew by the latest build's analyzer: in
    `serve`, entries read from the disk at the first build live on through the next."""
    assert cache.again is not None
    return cache.again(digest)


def _overviews(
    analyzer: Analyzer, content: Content, analyses: dict[str, Analysis]
) -> dict[str, str]:
    """The topics' overviews as HTML; raises ContentError, with the articles' problems too, when
    one is beyond the limits."""
    overviews = {}
    refused = []
    for topic in content.topics:
        try:
            overviews[topic.id] = analyzer.markdown.render(topic.body, content.config.language)
        except TooLarge as error:
            refused.append(error.diagnostic(topic.body, topic.body_line, topic.path))
    if refused:
        raise ContentError([*refused, *(d for a in analyses.values() for d in a.diagnostics)])
    return overviews


def _analyze(analyzer: Analyzer, articles: Sequence[Article]) -> list[Analysis]:
    if articles:
        progress.stage("analysing articles", len(articles))
    count = forkpool.workers()
    if len(articles) < POOL_THRESHOLD or not count:
        done = []
        for article in articles:
            done.append(analyzer.analyze(article))
            progress.advance()
        return done

    caller = os.getpid()

    def setup() -> Callable[[int], Analysis | tuple[list[Any], tuple[Diagnostic, ...]]]:
        # This process takes a share of the articles too: its analyses stay as they are made,
        # where turning them into lists and back cost it 0.1 s of the 4,000 articles' build.
        here = os.getpid() == caller

        def one(index: int) -> Analysis | tuple[list[Any], tuple[Diagnostic, ...]]:
            analysis = analyzer.analyze(articles[index])
            if here:
                return analysis
            # As plain lists: unpickling frozen dataclasses one attribute at a time took longer
            # than the analysis itself saved by running in parallel.
            return disk.entry(analysis), analysis.diagnostics

        return one

    results = forkpool.fork_map(setup, len(articles), max(16, len(articles) // (count * 8)))
    return [
        made
        if isinstance(made, Analysis)
        else replace(disk.from_entry(made[0]), diagnostics=made[1])
        for made in results
    ]
