"""Re-rendering only the pages whose inputs changed, for `serve` and for `build`.

A page's bytes are a function of its templates, its context, the site's settings and the template
globals it reads (`articles[slug]`, `topics.values()`, ...). While a page renders, the memo records
the digest of its context and which keys of which global mappings it read, with their digests; at
the next build it renders a page again only when its context, one of those keys or the templates
changed. What it cannot compare key by key (the settings, the template files) makes it render
everything, so a reused page is never stale. The records are kept in `.briefings-cache/`
(`pages.bin`, `_load`).
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from types import ModuleType

import jinja2

from .. import progress
from ..bugs import InternalError
from ..model import Corpus, FigureValue, Output, Page
from ..stages.pages import Unchanged
from ..stages.render import POOL_THRESHOLD, environment, render, theme_files
from ..stages.write import Staging, in_own_folders
from ..version import code_version
from . import forkpool, seal
from .batch import analysis_key
from .cache import figure_rows
from .fingerprint import Fingerprints, Unknown

EVERY_KEY = "\0*"
"""Recorded when a page iterates over a global or counts it, rather than reading one key."""

Read = tuple[str, str]
"""(global name, key) read by a page."""

Token = tuple[str, str, str]
"""(global name, key, digest of its value) read by a page, as its record holds it."""


class Recorded(Mapping[str, object]):
    """A template global that notes which of its keys the page being rendered reads."""

    __slots__ = ("_data", "_name", "_reads")

    def __init__(self, name: str, data: Mapping[str, object], reads: set[Read]) -> None:
        self._name, self._data, self._reads = name, data, reads

    def swap(self, data: Mapping[str, object]) -> None:
        """Read `data` from now on (a new build's), wherever this wrapper is held."""
        self._data = data

    def __getitem__(self, key: str) -> object:
        self._reads.add((self._name, key))
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        self._reads.add((self._name, str(key)))
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        self._reads.add((self._name, EVERY_KEY))
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.add((self._name, EVERY_KEY))
        return len(self._data)


class _Renderer:
    """One Jinja2 environment whose global mappings record what each page reads."""

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self.reads: set[Read] = set()
        self.mappings: dict[str, Mapping[str, object]] = {}
        self._recorded: dict[str, Recorded] = {}
        self.take(env)

    def take(self, fresh: jinja2.Environment) -> None:
        """The globals and filters of `fresh`, keeping the templates compiled so far."""
        self.mappings = take_globals(self.env, fresh, self._recorded, self.reads)

    def page(self, page: Page) -> tuple[bytes | None, frozenset[Read]]:
        """The page's bytes (None on a template error) and the global keys it read."""
        if page.make is not None:
            return page.make(**page.context), frozenset()
        self.reads.clear()
        try:
            data = self.env.get_template(page.template).render(page.context).encode()
        except Exception:
            # The full render runs next and reports the error at its template line.
            return None, frozenset()
        return data, frozenset(self.reads)


def take_globals(
    env: jinja2.Environment,
    fresh: jinja2.Environment,
    kept: dict[str, Recorded],
    reads: set[Read],
) -> dict[str, Mapping[str, object]]:
    """Give the kept `env` the globals and filters of `fresh`; returns fresh's mapping globals.

    A mapping global keeps its `Recorded` wrapper (in `kept`) from one build to the next, with
    the new data put in it: Jinja2 keeps the module of a template imported without context
    (`{% from "macros.html" import quote_card %}`) with the globals it was first made with, so a
    new wrapper would leave the macros reading the first build's articles."""
    env.filters.update(fresh.filters)
    env.globals.update(fresh.globals)
    mappings = {k: v for k, v in fresh.globals.items() if isinstance(v, Mapping)}
    for name, value in mappings.items():
        recorded = kept.get(name)
        if recorded is None:
            recorded = kept[name] = Recorded(name, value, reads)
        else:
            recorded.swap(value)
        env.globals[name] = recorded
    return mappings


def _settings(env: jinja2.Environment) -> dict[str, object]:
    """Globals that are neither mappings nor functions: compared whole (site, lang)."""
    return {
        name: value
        for name, value in env.globals.items()
        if not isinstance(value, Mapping | ModuleType) and not callable(value)
    }


@dataclass(frozen=True, slots=True)
class _Record:
    """What a page was rendered from, and the file it became."""

    template: str
    context: str
    """The digest of its context."""
    reads: tuple[Token, ...]
    """(global, key, digest of the value) for each global key it read."""
    stat: tuple[int, int, int] = (0, 0, 0)
    """Size, modification time and inode of the file written: a file someone changed since is
    not reused."""
    group: str = ""
    """The digest of what the planner said the page's group is made of (`_Prepared.unchanged`):
    the same next build, the page is kept without its context made."""


@dataclass(frozen=True, slots=True)
class _Pending:
    """A build's records, kept once its files are written."""

    signature: str
    records: dict[str, _Record]
    rendered: frozenset[str]
    regrouped: frozenset[str] = frozenset()
    """Pages kept whose record now names another group digest."""


class _Prepared:
    """What a build's pages are compared with the last build's by, made before they are
    planned, so that the planner can ask which groups of pages are kept (`unchanged`)."""

    def __init__(
        self,
        memo: RenderMemo,
        corpus: Corpus,
        articles: Mapping[int, bytes] | None,
    ) -> None:
        self.corpus = corpus
        self.articles = articles
        """Held while the build runs: the tokens are keyed by the articles' ids."""
        self.fresh = environment(corpus, corpus.content.templates_dir)
        # A site's own templates may show an article's body (`article.body`): the theme's never.
        theme_only = corpus.content.templates_dir is None
        known = _known_analyses(corpus)
        shown = dict(_known_articles(corpus, articles)) if theme_only and articles else {}
        self.each = _Each(corpus, shown, dict(known))
        known.update(shown)
        self.prints = Fingerprints(known, bodies=not theme_only)
        self.signature = _signature(corpus, self.fresh, self.prints)
        if memo._renderer is not None and self.signature == memo._renderer_signature:
            self.renderer = memo._renderer
            self.renderer.take(self.fresh)
        else:
            self.renderer = _Renderer(self.fresh)
        same = self.signature == memo._signature
        self.previous = memo._records if same else {}
        self.known = memo._known if same else None
        """Every read of the previous records, and maybe more (`RenderMemo._known`)."""
        self.tokens = _Tokens(self.renderer.mappings, self.prints)
        self.folder = os.path.join(corpus.content.config.output, "")
        """The output folder's path, with a separator at its end: a page's path follows."""
        self.folders: dict[str, bool] = {}
        self.groups: dict[str, str] = {}
        """Each page's group digest, by path, for its record."""
        self.vouched: set[str] = set()
        """The pages `unchanged` said are kept."""
        self._world_digest: bytes | None = None
        self._stale: set[Token] | None = None

    def unchanged(
        self, name: str, template: str, frame: str, pages: Sequence[tuple[str, Sequence[str]]]
    ) -> set[str]:
        """Which of the pages of the group `name`, made with `template` from `frame` and each
        from its articles (and the site's topics, people, overviews and settings), are kept
        from the last build (`stages.pages.Unchanged`): those whose digest of these, global
        keys read and file are those the last build left."""
        world = self._world()
        if not world:
            return set()
        head = hashlib.blake2b(f"{name}\0{template}\0{frame}".encode(), digest_size=16)
        head.update(world)
        groups, previous, stale = self.groups, self.previous, self.stale()
        each = self.each.__getitem__
        kept = set()
        # The loop of the whole site's pages (5,500 at 4,000 articles): no call it can spare.
        for path, inputs in pages:
            try:
                joined = b"".join(map(each, inputs))
            except KeyError:
                continue  # an article not known by its tokens: the page is made
            digest = head.copy()
            digest.update(joined)
            group = groups[path] = digest.hexdigest()
            record = previous.get(path)
            if record is None or record.group != group or record.template != template:
                continue
            if not stale.isdisjoint(record.reads):
                continue
            if _file_kept(self.folder, path, record, self.folders):
                kept.add(path)
        self.vouched |= kept
        return kept

    def stale(self) -> set[Token]:
        """The (global, key, digest) read by the last build's pages whose digest is not this
        build's: the 4,000 different ones of 80,000 reads at 4,000 articles, each compared once
        (as the store listed them, else gathered from the records)."""
        if self._stale is None:
            reads: Collection[Token] | None = self.known
            if reads is None:
                reads = set()
                for record in self.previous.values():
                    reads.update(record.reads)
            of = self.tokens.of
            self._stale = {read for read in reads if of(read[0], read[1]) != read[2]}
        return self._stale

    def _world(self) -> bytes:
        """The digest of the site's topics, people and overviews; empty when pages cannot be
        kept by their groups (a site's own templates, or no articles' memo)."""
        if self._world_digest is None:
            content = self.corpus.content
            try:
                world = self.prints.of((content.topics, content.people, self.corpus.overviews))
            except Unknown:
                world = ""
            self._world_digest = world.encode() if self.each.shown else b""
        return self._world_digest


class _Each(dict[str, bytes]):
    """An article's name, and the tokens of its shown fields and analysis, by its name, made
    when first asked for; a KeyError when either is not known."""

    def __init__(
        self, corpus: Corpus, shown: Mapping[int, bytes], analyses: Mapping[int, bytes]
    ) -> None:
        super().__init__()
        self.corpus, self.shown, self.analyses = corpus, shown, analyses

    def __missing__(self, slug: str) -> bytes:
        corpus = self.corpus
        shown = self.shown[id(corpus.articles[slug])]
        analysis = self.analyses[id(corpus.analyses[slug])]
        name = slug.encode()
        # The tokens have fixed lengths: the name's length makes the joined bytes one reading.
        made = self[slug] = b"%d:%s%s%s" % (len(name), name, shown, analysis)
        return made


class RenderMemo:
    """A drop-in for `render.render` that reuses the files of pages whose inputs did not change.

    A page is reused when its template, the digest of its context and the digests of the global
    keys it read are those of the last build, and its file in the output folder is the one that
    build wrote: the output then keeps that file (`Output.kept`) instead of rendering it again.
    Functions among the template globals (`t`, `href`, filters) are assumed to depend only on
    the settings, which are compared whole. With a `store`, the records outlive the process, so
    that `briefings build` renders only what changed since the last build.
    """

    def __init__(self, store: Path | None = None) -> None:
        self._store = store
        self._renderer: _Renderer | None = None
        """Kept while the templates and settings stay the same: compiling them takes a while."""
        self._renderer_signature = ""
        self._signature = ""
        self._records: dict[str, _Record] = {}
        self._known: set[Token] | None = None
        """Every (global, key, digest) the records read, and maybe some no record reads any
        more, as the store's batches list them; None when not known (no store)."""
        self._lines = -1
        """Records in the store, and pages marked gone (appended to while below twice the
        pages); -1: to be rewritten."""
        self._loaded = store is None
        self._pending: _Pending | None = None
        self.rendered = 0
        """How many templated pages the last call rendered (the rest were reused)."""
        self.kept_sizes: dict[str, int] = {}
        """The sizes of the files the last call kept, as their stats were just checked."""
        self.kept_stats: dict[str, list[int]] = {}
        """Their size, modification time and inode, as just checked (for `stamp.record`)."""
        self._prepared: _Prepared | None = None

    def prepare(self, corpus: Corpus, articles: Mapping[int, bytes] | None = None) -> Unchanged:
        """What the planner asks which groups of pages are kept (`stages.pages.Unchanged`), for
        the `render` of this corpus's pages that follows. `articles` has, by id, tokens that
        stand for articles' shown fields (`ArticleMemo.tokens`)."""
        if not self._loaded:
            self._signature, self._records, self._lines, self._known = _load(
                self._store, corpus.content.config.output
            )
            self._loaded = True
        self._prepared = _Prepared(self, corpus, articles)
        return self._prepared.unchanged

    def fingerprints(self) -> Fingerprints | None:
        """The digests of the build `prepare` was called for, until its `render`: they know
        each analysis, quote and figure value by what it is (`_known_analyses`)."""
        return self._prepared.prints if self._prepared is not None else None

    def render(
        self,
        pages: Iterable[Page],
        corpus: Corpus,
        staging: Staging | None = None,
        forked: Callable[[], None] | None = None,
        *,
        fork: bool = True,
        articles: Mapping[int, bytes] | None = None,
    ) -> Output:
        """With a `staging` folder, pages go into it as they are rendered (those whose bytes
        changed) rather than into the output's `files`. `forked` is called once the worker
        processes are forked, or at once when there are none (`forkpool.fork_map`); without
        `fork`, none are: the pages are made in this process alone. `articles` has, by id,
        tokens that stand for articles' shown fields (`ArticleMemo.tokens`)."""
        pages = list(pages)
        prepared, self._prepared = self._prepared, None
        if prepared is None or prepared.corpus is not corpus:
            self.prepare(corpus, articles)
            prepared, self._prepared = self._prepared, None
        assert prepared is not None
        renderer, signature, prints = prepared.renderer, prepared.signature, prepared.prints
        previous, tokens, folders = prepared.previous, prepared.tokens, prepared.folders
        kept: dict[str, _Record] = {}
        made = []
        for page in pages:
            if page.kept:
                if page.path not in prepared.vouched:
                    raise InternalError(f"{page.path} was planned as kept, unasked")
                kept[page.path] = previous[page.path]
            elif page.data is None:
                made.append(page)
        # A page the last build made is digested now, to compare; any other (every page of a
        # cold build) is digested as it renders, by the process that renders it.
        contexts = {p.path: _digest(p, prints) for p in made if p.path in previous}
        stale: list[Page] = []
        regrouped = set()
        for page in made:
            record = previous.get(page.path)
            if record is not None and _reusable(
                page, contexts[page.path], record, prepared.stale(), prepared.folder, folders
            ):
                group = prepared.groups.get(page.path, "")
                if record.group != group:
                    record = replace(record, group=group)
                    regrouped.add(page.path)
                kept[page.path] = record
            else:
                stale.append(page)
        templated = [p for p in stale if p.templated]
        weight = sum(previous[p.path].stat[0] for p in templated if p.path in previous)
        # The few large data files first, so that they spread over the workers.
        made_by_code = [p for p in stale if p.make is not None]
        work = _Work(renderer, staging, prints, frozenset(contexts))
        weighed = weight if fork else None
        done = dict(_render_all(made_by_code + templated, corpus, work, weighed, forked))
        files: dict[str, bytes] = {p.path: p.data for p in pages if p.data is not None}
        records = dict(kept)
        staged: set[str] = set()
        same: set[str] = set()  # rendered again to the bytes the output holds
        for page in stale:
            made, reads, digest = done[page.path]
            if made is None:
                _raise_template_error(page, corpus, renderer)
            elif made is True:
                staged.add(page.path)
            elif made is False:
                same.add(page.path)
            else:
                files[page.path] = made
            context = contexts.get(page.path, digest)
            if context:
                read = tuple(sorted(tokens.read(name, key) for name, key in reads))
                group = prepared.groups.get(page.path, "")
                records[page.path] = _Record(_kind(page), context, read, group=group)
        files.update(theme_files())
        self._renderer, self._renderer_signature = renderer, signature
        rendered = frozenset(p.path for p in stale)
        self._pending = _Pending(signature, records, rendered, frozenset(regrouped))
        self.rendered = len(templated)
        self.kept_sizes = {path: record.stat[0] for path, record in kept.items()}
        self.kept_stats = {path: list(record.stat) for path, record in kept.items()}
        return Output(files, frozenset(kept) | same, frozenset(staged), staging)

    def written(self, folder: Path) -> None:
        """The output was written to `folder`: the pages rendered are the next build's reference."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        records = {}
        for path, record in pending.records.items():
            if path in pending.rendered:
                try:
                    info = os.stat(folder / path)
                except OSError:
                    continue
                record = replace(record, stat=(info.st_size, info.st_mtime_ns, info.st_ino))
            records[path] = record
        before = self._records if pending.signature == self._signature else None
        self._signature, self._records = pending.signature, records
        if self._store is None:
            return
        known = self._known
        if before is None or self._lines < 0 or known is None:
            self._lines, self._known = _save(self._store, folder, pending.signature, records)
            return
        # Only what changed is appended: the records of the pages rendered, and the pages gone.
        gone = sorted(before.keys() - records.keys())
        changed = [path for path in pending.rendered if path in records]
        changed += pending.regrouped
        if self._lines + len(gone) + len(changed) > 2 * len(records):
            self._lines, self._known = _save(self._store, folder, pending.signature, records)
        elif gone or changed:
            batch = _batch({path: records[path] for path in changed}, gone)
            known.update(batch[0])
            appended = _append(self._store, batch)
            self._lines = self._lines + len(changed) + len(gone) if appended else -1


def _digest(page: Page, prints: Fingerprints) -> str:
    try:
        return prints.of(page.context if page.made_from is None else page.made_from)
    except Unknown:
        return ""


def _kind(page: Page) -> str:
    """The template, or the function, that makes the page."""
    if page.make is not None:
        return f"make:{page.make.__module__}.{page.make.__qualname__}"
    return page.template


def _reusable(
    page: Page,
    context: str,
    record: _Record,
    stale: set[Token],
    folder: str,
    folders: dict[str, bool],
) -> bool:
    if not context or record.template != _kind(page) or record.context != context:
        return False
    if not stale.isdisjoint(record.reads):
        return False
    return _file_kept(folder, page.path, record, folders)


def _file_kept(folder: str, path: str, record: _Record, folders: dict[str, bool]) -> bool:
    """Whether the output's file at `path` is the one the last build wrote (`folder`: the
    output folder's path, ending with a separator)."""
    try:
        # No `Path` made (5,500 pages), and no link followed: the writer removes a link found
        # in the output, so a file seen through one would be gone once the site is written.
        info = os.lstat(folder + path)
    except OSError:
        return False
    if (info.st_size, info.st_mtime_ns, info.st_ino) != record.stat:
        return False
    return in_own_folders(folder, path, folders)


class _Tokens:
    """The digest of each global key's value in this build, computed when first asked."""

    def __init__(self, mappings: Mapping[str, Mapping[str, object]], prints: Fingerprints) -> None:
        self._mappings, self._prints = mappings, prints
        self._done: dict[tuple[str, str], str] = {}
        self._reads: dict[tuple[str, str], tuple[str, str, str]] = {}

    def of(self, name: str, key: str) -> str:
        found = self._done.get((name, key))
        if found is None:
            found = self._done[(name, key)] = self._compute(name, key)
        return found

    def read(self, name: str, key: str) -> tuple[str, str, str]:
        """(name, key, digest), one tuple for every page that read the key: 80,000 reads of
        4,000 keys at 4,000 articles."""
        found = self._reads.get((name, key))
        if found is None:
            found = self._reads[(name, key)] = (name, key, self.of(name, key))
        return found

    def _compute(self, name: str, key: str) -> str:
        mapping = self._mappings.get(name)
        if mapping is None:
            return "absent"
        try:
            if key == EVERY_KEY:
                return self._prints.of(dict(mapping))
            return self._prints.of(mapping[key]) if key in mapping else "missing"
        except Unknown:
            return ""  # never equal to a stored token: the page is rendered again


def _known_analyses(corpus: Corpus) -> dict[int, bytes]:
    """An article's analysis stands for itself by the article's digest and the analysis inputs,
    and so do its quotes, which pages show one by one (an article's page, as placed quotes).

    Its figures' values, which a dossier's first page shows by the thousand (`pages._dossier`),
    stand for what they are: an edit that leaves an article's values as they were leaves them.

    Short bytes, made once: at 4,000 articles there are 16,000 of them, held through the build.
    The pages that show excerpts and quotes by the thousand (dossiers, people) name the articles
    and analyses they are made from (`Page.made_from`), so the excerpts need none of their own;
    nor do the blocks (100,000 of them): no page's compared context holds one, and one that did
    would have it digested whole, which is right, only slower.
    """
    key = analysis_key(corpus.content)
    known: dict[int, bytes] = {}
    for slug, article in corpus.articles.items():
        analysis = corpus.analyses.get(slug)
        if analysis is None:
            continue
        token = hashlib.blake2b(f"{key}:{article.digest}".encode(), digest_size=16).digest()
        known[id(analysis)] = token
        for index, quote in enumerate(analysis.quotes):
            known[id(quote)] = b"%sq%d" % (token, index)
        if analysis.figures:
            values = _values_token(analysis.figures)
            for index, value in enumerate(analysis.figures):
                known[id(value)] = b"%sf%d" % (values, index)
    return known


def _values_token(values: tuple[FigureValue, ...]) -> bytes:
    """A digest of an article's figure values, every field of each as the analysis cache
    holds them (`cache.figure_rows`): value, unit, qualifier, date, paragraph, provenance...
    `marshal`'s format 2 writes no references, so that equal values give equal bytes."""
    return hashlib.blake2b(marshal.dumps(figure_rows(values), 2), digest_size=16).digest()


def _known_articles(corpus: Corpus, tokens: Mapping[int, bytes]) -> Iterator[tuple[int, bytes]]:
    """The site's articles that `tokens` stand for: their shown fields as the articles' memo
    wrote them, the value the article is made from when read back (`filememo._shown`). The
    theme's templates show nothing else of an article (`fingerprint._SHOWN`); a site's own may
    show its body, and its articles are digested whole instead."""
    for article in corpus.articles.values():
        token = tokens.get(id(article))
        if token is not None:
            yield id(article), b"a" + token


def _signature(corpus: Corpus, env: jinja2.Environment, prints: Fingerprints) -> str:
    """Templates, settings and code: when any changes, every page is rendered again."""
    try:
        settings = prints.of(_settings(env))
    except Unknown:
        settings = f"unknown {os.getpid()} {id(env)}"  # matches nothing stored
    templates = templates_digest(corpus.content.templates_dir)
    return f"{code_version()}:{templates}:{settings}"


FORMAT = 5
PURPOSE = "pages"
NAME = "pages.bin"
FORMER = "pages.jsonl"
"""The store's name in formats 1 to 4 (JSON lines): deleted at the first save."""
_MARSHAL = 4
"""`marshal`'s format version: it writes an object held twice once, then by reference."""

_Row = tuple[str, str, str, tuple[Token, ...], int, int, int, str]
"""A record as the store holds it: path, template, context, reads, size, time, inode, group."""
_Batch = tuple[list[Token], list[_Row], list[str]]
"""The store's reads (each once: the rows hold them by reference), records and pages gone."""


def _load(
    store: Path | None, folder: Path
) -> tuple[str, dict[str, _Record], int, set[Token] | None]:
    """The signature, the records, how many rows hold them, and the reads they name
    (`RenderMemo._known`).

    The store is sealed records (`seal.seal_record`) of `marshal` data: a header, then
    batches (`_Batch`), the records of a build in one (a page's last record winning) and
    those each build after it made in one more. One seal and one decoding for the 5,500 pages
    of a site, not a JSON line each, and the same 4,000 reads of their 80,000 decoded once."""
    if store is None:
        return "", {}, -1, None
    # Sealed with this machine's key: a forged record would have a page the attacker committed
    # into the output kept as it is, never rendered nor compared.
    read = seal.read_records(store, purpose=PURPOSE)
    if read is None:
        return "", {}, -1, None
    batches, whole = read
    try:
        head = marshal.loads(batches[0])  # type: ignore[arg-type]
        if head[:3] != (PURPOSE, FORMAT, str(folder)):
            return "", {}, -1, None
        records: dict[str, _Record] = {}
        known: set[Token] = set()
        rows = 0
        for batch in batches[1:]:
            if batch is None:
                # Not made here: the pages it recorded are made again, rather than kept by
                # older records, and the next save writes the store anew.
                whole = False
                continue
            reads, made, gone = marshal.loads(batch)
            known.update(reads)
            for path in gone:
                records.pop(path, None)
            for path, t, c, r, size, mtime, inode, g in made:
                records[path] = _Record(t, c, r, (size, mtime, inode), g)
            rows += len(made) + len(gone)
        # A last batch cut short by a kill: the next save writes the store anew, not after it.
        return head[3], records, rows if whole else -1, known
    except (ValueError, EOFError, KeyError, TypeError, AttributeError, IndexError):
        return "", {}, -1, None  # damaged: render everything


def _batch(records: Mapping[str, _Record], gone: list[str]) -> _Batch:
    """`records` and the pages `gone` as a batch of the store, each read in it one object."""
    reads: dict[Token, Token] = {}
    one = reads.setdefault
    rows = [
        (path, r.template, r.context, tuple([one(x, x) for x in r.reads]), *r.stat, r.group)
        for path, r in records.items()
    ]
    return list(reads), rows, gone  # type: ignore[return-value]


def _save(
    store: Path, folder: Path, signature: str, records: dict[str, _Record]
) -> tuple[int, set[Token] | None]:
    """Write every record anew, as one batch; returns the rows written and the reads they
    name (-1 and None when the store cannot be written)."""
    head = (PURPOSE, FORMAT, str(folder), signature)
    batch = _batch(records, [])
    try:
        store.parent.mkdir(exist_ok=True)
        (store.parent / ".gitignore").write_text("*\n")
        temporary = store.with_name(f"{store.name}.{os.getpid()}")
        with temporary.open("wb") as file:
            file.write(seal.seal_record(marshal.dumps(head, _MARSHAL), purpose=PURPOSE))
            file.write(seal.seal_record(marshal.dumps(batch, _MARSHAL), purpose=PURPOSE))
        temporary.replace(store)
        (store.parent / FORMER).unlink(missing_ok=True)
    except OSError:
        return -1, None  # a read-only site folder still builds; the next build renders everything
    return len(records), set(batch[0])


def _append(store: Path, batch: _Batch) -> bool:
    try:
        with store.open("ab") as file:
            file.write(seal.seal_record(marshal.dumps(batch, _MARSHAL), purpose=PURPOSE))
    except OSError:
        return False
    return True


def templates_digest(templates_dir: Path | None) -> str:
    """A digest of every template the loader can see: the theme's and the site's."""
    digest = hashlib.blake2b(digest_size=16)

    def visit(folder: resources.abc.Traversable | Path, prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                visit(entry, f"{prefix}{entry.name}/")
            elif entry.is_file():
                digest.update(f"{prefix}{entry.name}\0".encode())
                digest.update(entry.read_bytes())

    visit(resources.files("briefings").joinpath("theme", "templates"), "<theme>/")
    if templates_dir is not None and templates_dir.is_dir():
        visit(templates_dir, "templates/")
    return digest.hexdigest()


def _raise_template_error(page: Page, corpus: Corpus, renderer: _Renderer) -> None:
    """Report why the memo's renderer could not make `page`: a template error at its line, as
    the plain renderer reports it; else a bug of the memo's, never posing as a template's."""
    render([page], corpus)
    try:
        renderer.env.get_template(page.template).render(page.context)
    except Exception as error:
        raise InternalError(f"the render memo failed on {page.path}", error) from error
    raise InternalError(f"a render worker failed on {page.path}")


POOL_BYTES = 4_000_000
"""Pages estimated to make this many bytes are worth rendering in worker processes."""


_Done = tuple[bytes | bool | None, frozenset[Read], str]
"""What rendering a page gave (`_Work.page`)."""


@dataclass(frozen=True, slots=True)
class _Work:
    """What rendering a page takes, in this process or a forked one."""

    renderer: _Renderer
    staging: Staging | None
    prints: Fingerprints
    digested: frozenset[str]
    """Pages whose context was digested before rendering."""

    def page(self, page: Page) -> _Done:
        """The page's bytes, or with a `staging` folder whether they were staged (True) or are
        the output's already (False), None on a template error; the global keys it read; the
        digest of its context, unless it was digested before."""
        data, reads = self.renderer.page(page)
        digest = "" if page.path in self.digested else _digest(page, self.prints)
        if data is None or self.staging is None:
            return data, reads, digest
        return self.staging.put(page.path, data), reads, digest


def _render_all(
    pages: list[Page],
    corpus: Corpus,
    work: _Work,
    weight: int | None,
    forked: Callable[[], None] | None = None,
) -> list[tuple[str, _Done]]:
    """Each page's `_Work.page`. Worker processes stage their own pages and digest their own
    contexts: only those few bytes of answer come back. A `weight` of None: none forked."""
    if pages:
        progress.stage("writing pages", len(pages))
    count = forkpool.workers() if weight is not None else 0
    many = len(pages) >= POOL_THRESHOLD or (weight or 0) >= POOL_BYTES
    if not many or not count or len(pages) < 2:
        if forked is not None:
            forked()
        done = []
        for page in pages:
            done.append((page.path, work.page(page)))
            progress.advance()
        return done

    # One page of each template made here first: the templates it compiles, with those it
    # extends and imports, go to the workers with the rest of this process.
    firsts: dict[str, int] = {}
    for index, page in enumerate(pages):
        if page.templated:
            firsts.setdefault(page.template, index)
    made = set(firsts.values())
    done = [(pages[index].path, work.page(pages[index])) for index in sorted(made)]
    progress.advance(len(done))
    pages = [page for index, page in enumerate(pages) if index not in made]

    def setup() -> Callable[[int], tuple[str, _Done]]:
        return lambda index: (pages[index].path, work.page(pages[index]))

    # A few heavy pages go one by one, so that they spread over the workers.
    chunk = max(8, len(pages) // (count * 8)) if len(pages) >= POOL_THRESHOLD else 1
    return done + forkpool.fork_map(setup, len(pages), chunk, forked)
