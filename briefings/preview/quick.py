"""The preview's first answer to a saved article: the article's own page, before the rest.

Rebuilding a large site takes a while, because every article's related articles, every dossier
and every person's page are linked again. The page of the article being edited depends on little
besides the article, so it is rendered first, from the last build's corpus with that article read
and analysed again, and the browser showing it reloads at once. The whole build follows and
brings every other page up to date, this one too if what it shows of other articles changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from ..incremental.batch import analysis_key
from ..incremental.rerender import Recorded, take_globals, templates_digest
from ..model import Article, Corpus
from ..stages.analysis import Analyzer
from ..stages.content import load_article
from ..stages.pages import article_page
from ..stages.render import environment

ARTICLES = "content/articles/"


@dataclass(slots=True)
class QuickPages:
    """Renders the pages of edited articles, keeping its templates and analyzer between edits."""

    _env: jinja2.Environment | None = None
    _env_for: tuple[Path | None, object, str] | None = None
    _kept: dict[str, Recorded] = field(default_factory=dict)
    """The environment's mapping globals, whose data each build replaces (see `take_globals`)."""
    _reads: set[tuple[str, str]] = field(default_factory=set)
    _analyzer: Analyzer | None = None
    _analyzer_for: str = ""

    def render(self, corpus: Corpus, changed: Iterable[str]) -> dict[str, bytes]:
        """Output path to bytes of the pages of the edited articles in `changed` (site-relative
        source paths); empty unless every change is an edit of an article of `corpus` that still
        reads and analyses without error (the whole build then reports what is wrong)."""
        by_path = {a.path: a for a in corpus.articles.values()}
        site_dir = corpus.content.config.site_dir
        # Editors save through temporary files, gone once renamed over the article.
        changed = sorted(p for p in changed if p in by_path or (site_dir / p).exists())
        if not changed or not all(p.startswith(ARTICLES) and p.endswith(".md") for p in changed):
            return {}
        edited: dict[str, Article] = {}
        for rel in changed:
            before = by_path.get(rel)
            article = _reread(corpus, rel)
            if before is None or article is None or article.slug != before.slug:
                return {}  # a new, removed, renamed or broken article: the whole build decides
            edited[article.slug] = article
        analyzer = self._analyzer_of(corpus)
        analyses = {slug: analyzer.analyze(article) for slug, article in edited.items()}
        if any(d.severity == "error" for a in analyses.values() for d in a.diagnostics):
            return {}
        corpus = replace(
            corpus,
            articles={slug: edited.get(slug, a) for slug, a in corpus.articles.items()},
            analyses={**corpus.analyses, **analyses},
        )
        env = self._environment(corpus)
        pages = {}
        for slug in edited:
            page = article_page(corpus, slug)
            try:
                pages[page.path] = env.get_template(page.template).render(page.context).encode()
            except Exception:
                return {}  # the whole build reports it at its template line
        return pages

    def prepare(self, corpus: Corpus) -> None:
        """Make one article's page now and throw it away, not on the first save: the templates
        it includes are compiled as it renders, and the analyzer warms up on its first article
        (the first save after a start took twice as long as the next ones)."""
        analyzer = self._analyzer_of(corpus)
        env = self._environment(corpus)
        env.get_template("article.html")
        if corpus.articles:
            slug = next(iter(corpus.articles))
            analyzer.analyze(corpus.articles[slug])
            page = article_page(corpus, slug)
            env.get_template(page.template).render(page.context)

    def _analyzer_of(self, corpus: Corpus) -> Analyzer:
        key = analysis_key(corpus.content)
        if self._analyzer is None or key != self._analyzer_for:
            content = corpus.content
            config = content.config
            self._analyzer = Analyzer(
                content.topics, content.people, config.raw_html, config.limits
            )
            self._analyzer_for = key
        return self._analyzer

    def _environment(self, corpus: Corpus) -> jinja2.Environment:
        """The last environment with this corpus's globals: its compiled templates are kept
        while the template files stay the same."""
        templates = corpus.content.templates_dir
        fresh = environment(corpus, templates)
        key = (templates, corpus.content.config, templates_digest(templates))
        if self._env is None or key != self._env_for:
            self._env, self._env_for, self._kept = fresh, key, {}
        self._reads.clear()  # what the pages read matters to the render memo only
        take_globals(self._env, fresh, self._kept, self._reads)
        return self._env


def _reread(corpus: Corpus, rel: str) -> Article | None:
    article, found = load_article(corpus.content, rel)
    if article is None or any(d.severity == "error" for d in found):
        return None
    if article.draft and not corpus.content.config.drafts:
        return None
    return article
