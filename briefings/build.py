"""The pipeline, in the order it runs.

site.yaml ─▶ config ─▶ content ─▶ analysis ─▶ linking ─▶ pages ─▶ render ─▶ search ─▶ write
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from .incremental import cache as disk
from .incremental import filememo, rerender, stamp
from .incremental.batch import AnalysisCache, analyze_all
from .incremental.dossiermemo import DossierMemo
from .incremental.filememo import ArticleMemo
from .incremental.relatedmemo import RelatedMemo
from .incremental.rerender import RenderMemo
from .incremental.searchmemo import SearchMemo
from .model import Analysed, Content, Corpus, Diagnostic, Output
from .stages.advice import content_warnings
from .stages.analysis import problems
from .stages.budget import OutputBudget, OutputTooLarge, check_size, refusal
from .stages.config import Overrides
from .stages.content import load_site
from .stages.folders import FolderMaker, planned, prune
from .stages.linking import link
from .stages.pages import plan_pages
from .stages.render import render
from .stages.search import BUNDLE, Indexing, few_to_index, prepare_search, with_search
from .stages.write import Listed, OutputRefused, Staging, check_output, listing, present, write


@dataclass(slots=True)
class BuildCache:
    """What a build leaves to the next: parsed articles by file, analyses by article digest,
    the rendered pages, the search index's shards and the dossiers' data.

    `serve` keeps one for the life of the process; `briefings build` reads and writes it in the
    site's `.briefings-cache/`.
    """

    articles: ArticleMemo = field(default_factory=ArticleMemo)
    analyses: AnalysisCache = field(default_factory=AnalysisCache)
    pages: RenderMemo = field(default_factory=RenderMemo)
    search: SearchMemo = field(default_factory=SearchMemo)
    dossiers: DossierMemo = field(default_factory=DossierMemo)
    """The dossiers' data files, for the next build to take their unchanged articles from."""
    related: RelatedMemo = field(default_factory=RelatedMemo)
    """Each article's related articles, for the next build's linking to take from."""
    listed: Listed | None = None
    """The output's files and folders when the last build ended, for the writer to list only
    the folders changed since; used once."""

    @classmethod
    def on_disk(cls, site_dir: Path, last: dict[str, object] | None = None) -> BuildCache:
        """The caches in the site's folder; `last`: the last build's record, if already read
        (`stamp.last_record`)."""
        folder = site_dir.resolve() / disk.FOLDER
        return cls(
            ArticleMemo(folder / filememo.NAME),
            AnalysisCache(),
            RenderMemo(folder / rerender.NAME),
            SearchMemo(folder / "search.jsonl"),
            DossierMemo(folder / "dossiers.jsonl"),
            RelatedMemo(folder / "related.jsonl"),
            stamp.last_outputs(site_dir.resolve(), last),
        )


@dataclass(frozen=True, slots=True)
class Result:
    """What a build produced."""

    corpus: Corpus
    output: Output
    warnings: tuple[Diagnostic, ...]
    changed: frozenset[str]
    """Files written because their bytes changed, and files gone."""
    stats: Mapping[str, object] = field(default_factory=dict)
    """Output files and folders (`stamp.record`'s names) whose stats the build has just seen
    and left as they were: the files the render memo kept, the folders the writer found as the
    last build left them and wrote nothing into."""


def assemble(
    site_dir: Path, overrides: Overrides, cache: BuildCache | None = None, *, search: bool = True
) -> tuple[Corpus, Output, tuple[Diagnostic, ...]]:
    """Everything but writing: raises ContentError with every problem found.

    Without `search`, the search index is left to `index_search`, run afterwards."""
    with collector_paused(), _Ahead(enabled=cache is not None) as ahead:
        memo = cache.search if cache else None
        with _Search(memo, enabled=search) as searching:
            corpus, warnings = gather(
                site_dir,
                overrides,
                cache,
                loaded=ahead.loaded,
                later=ahead.later,
                analysed=searching.analysed,
            )
            indexing, early = searching.indexing, searching.early
            begin = indexing.start if indexing is not None else None
            # With a cache, the pages the render memo keeps are planned without their contexts.
            articles = cache.articles.tokens() if cache else None
            unchanged = cache.pages.prepare(corpus, articles) if cache else None
            pages = plan_pages(corpus, unchanged)  # pages
            if cache:
                pages = cache.dossiers.prepare(pages, corpus, cache.pages.fingerprints())
            # With a cache, pages go into the build's staging folder as they are rendered.
            staging = (ahead.take() or _staging(corpus.content)) if cache else None
            config = corpus.content.config
            with _discarded_on_error(staging), _output_limited(config.site_dir):
                started = ahead.then(begin)
                if cache:
                    output = cache.pages.render(
                        pages, corpus, staging, started, fork=not early, articles=articles
                    )
                else:
                    output = render(pages, corpus, started)
                output = with_search(output, corpus, memo, indexing)  # search
                ahead.prune(output)
                known = cache.pages.kept_sizes if cache else None
                check_size(output, config.output, config.limits.output_mib, known)
    return corpus, output, warnings


def gather(
    site_dir: Path,
    overrides: Overrides,
    cache: BuildCache | None = None,
    *,
    save: bool = True,
    loaded: Callable[[Content], None] | None = None,
    later: Callable[[Callable[[], None]], None] | None = None,
    analysed: Callable[[Analysed], None] | None = None,
) -> tuple[Corpus, tuple[Diagnostic, ...]]:
    """The linked site and the content's warnings: what the pages are made from; raises
    ContentError with every problem found. Without `save`, the analysis cache is read but never
    written (`check --built`). `loaded` is called with the content once it is read; `later`
    is handed the writing of the analysis cache (`analyze_all`); `analysed` is called with the
    articles and their analyses, before linking."""
    with collector_paused():
        content, warnings = load_site(site_dir, overrides, cache.articles if cache else None)
        if loaded is not None:
            loaded(content)
        analyses, overviews = analyze_all(  # analysis
            content, cache.analyses if cache else None, save=save, later=later
        )
        warnings += problems(analyses)  # raises ContentError on errors in the Markdown
        if analysed is not None:
            by_slug = {article.slug: article for article in content.articles}
            analysed(Analysed(content, by_slug, analyses, overviews))
        related = cache.related if cache else None
        corpus = link(content, analyses, overviews, related.last() if related else None)
        if related is not None and save:
            related.keep(corpus, later)
        warnings += tuple(content_warnings(corpus))  # what builds but looks wrong
    return corpus, warnings


def _staging(content: Content) -> Staging:
    config = content.config
    check_output(config.output, config.site_dir)  # before anything is made beside it
    return Staging(config.output, OutputBudget(config.limits.output_mib))


class _Ahead:
    """What a build moves off the path between its analysis and its renderers, where one core
    waits: a first build's staging folder, made once the site is read, with its pages' folders
    made in it by a child process (`folders.FolderMaker`) until the renderers start (only when no
    output exists yet, the staging folder becoming the output whole, and only with a cache); and
    the analysis cache's writing, done once the render workers are forked (beside them), or when
    the build fails before."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.staging: Staging | None = None
        self.maker: FolderMaker | None = None
        self._saves: list[Callable[[], None]] = []

    def __enter__(self) -> _Ahead:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        self.stop()
        self.save()  # a build that failed keeps the analyses it made, for the next one
        if kind is not None and self.staging is not None:
            self.staging.discard()  # not taken by the build, which failed before

    def later(self, save: Callable[[], None]) -> None:
        self._saves.append(save)

    def save(self) -> None:
        saves, self._saves = self._saves, []
        for save in saves:
            save()

    def loaded(self, content: Content) -> None:
        config = content.config
        if not self.enabled or os.path.lexists(config.output):
            return
        try:
            self.staging = _staging(content)
        except OutputRefused:
            return  # refused again where a build refuses it, after the content's own errors
        self.maker = FolderMaker(self.staging.path, planned(content))

    def take(self) -> Staging | None:
        """The staging folder, now the build's to discard on error."""
        staging, self.staging = self.staging, None
        return staging

    def then(self, begin: Callable[[], None] | None) -> Callable[[], None]:
        """What the renderer calls once its workers are forked: the child stopped, then
        `begin`."""

        def started() -> None:
            self.stop()
            if begin is not None:
                begin()
            self.save()

        return started

    def stop(self) -> None:
        if self.maker is not None:
            self.maker.stop()

    def prune(self, output: Output) -> None:
        """The folders made ahead that no file of the site is in, removed."""
        if self.maker is not None and output.staging is not None:
            self.stop()
            prune(output.staging.path, self.maker.folders, listing(output))


@contextmanager
def _output_limited(site_dir: Path) -> Iterator[None]:
    """The output's size limit, passed while pages are staged or once they all are, reported
    as a content error."""
    try:
        yield
    except OutputTooLarge as error:
        raise refusal(error, site_dir) from None


class _Search:
    """The search index of a build (none with search off), made beside the rest from the model.

    It is prepared once the site is analysed: the articles and their analyses are all it is made
    from. A few shards to make again (an edit) start at once, beside the linking and the pages,
    which are then made in this process alone; else the renderer starts the index once its
    workers are forked, and Pagefind's processes take the core the build leaves idle. Never a
    worker forked beside the index's thread: a lock the thread held (Babel's locale data, say)
    would stay taken in the worker. A build that fails stops its index after the indexes being
    made."""

    def __init__(self, memo: SearchMemo | None, *, enabled: bool) -> None:
        self.memo = memo
        self.enabled = enabled
        self.indexing: Indexing | None = None
        self.early = False  # started before the pages

    def __enter__(self) -> _Search:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is not None and self.indexing is not None:
            self.indexing.cancel()

    def analysed(self, site: Analysed) -> None:
        self.indexing = prepare_search(site, self.memo) if self.enabled else None
        if self.indexing is not None and self.memo is not None:
            kept = few_to_index(site, self.memo, site.content.config.output)
            self.early = kept is not None
            if kept is not None:
                self.indexing.start(kept)


@contextmanager
def _discarded_on_error(staging: Staging | None) -> Iterator[None]:
    """A build that fails before the writer takes its staging folder leaves none behind."""
    try:
        yield
    except BaseException:
        if staging is not None:
            staging.discard()
        raise


def build(
    site_dir: Path,
    overrides: Overrides | None = None,
    cache: BuildCache | None = None,
    *,
    search: bool = True,
) -> Result:
    """Build the site into its output folder; on any error the previous output stays as it was.

    Without a cache, the one in the site's `.briefings-cache/` is used. Without `search` (the
    preview, which reloads pages first), the search index already in the output is kept as it is
    until `index_search` replaces it.
    """
    cache = cache if cache is not None else BuildCache.on_disk(site_dir)
    corpus, output, warnings = assemble(site_dir, overrides or Overrides(), cache, search=search)
    return commit(corpus, output, warnings, cache, search=search)


def commit(
    corpus: Corpus,
    output: Output,
    warnings: tuple[Diagnostic, ...],
    cache: BuildCache,
    *,
    search: bool = True,
) -> Result:
    """Write what `assemble` made with `cache` into the output folder.

    Separate from `assemble` so that the preview keeps serving pages while a build is assembled
    and holds requests only while the output is written.
    """
    folder = corpus.content.config.output
    with _discarded_on_error(output.staging):
        check_output(folder, corpus.content.config.site_dir)
    if not search and corpus.content.config.search:
        output = replace(output, kept=output.kept | present(folder, BUNDLE))
    listed, cache.listed = cache.listed, None
    seen: dict[str, object] = {}
    with collector_paused():
        changed = write(output, folder, listed, seen)  # write
    cache.pages.written(folder)
    cache.search.written(folder)
    cache.dossiers.written(folder)
    for kept in (cache.pages.kept_stats, cache.search.kept_stats):
        seen.update((path, stats) for path, stats in kept.items() if path not in changed)
    return Result(corpus, output, warnings, changed, seen)


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off while a build makes its hundreds of thousands of objects.

    They are data, not garbage, so each collection walked them all again for nothing: a third of
    the build's time on large sites. It is switched back on when the build ends, with the
    build's objects counted as old: else the first collection after it walked them all once
    more (0.16 s at 4,000 articles, at the end of every build).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()  # every object into the oldest generation, none walked
            gc.unfreeze()
            gc.enable()
