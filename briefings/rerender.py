"""Re-rendering only the pages whose inputs changed, for `serve`.

A page's bytes are a function of its templates, its context, the site's settings and the template
globals it reads (`articles[slug]`, `topics.values()`, ...). While a page renders, the memo records
which keys of which global mappings it read; at the next build it renders a page again only when
its context, one of those keys or the templates changed. What it cannot compare key by key (the
settings, the template files) makes it render everything, so a reused page is never stale.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import ModuleType

import jinja2

from .diagnostics import ContentError
from .model import Corpus, Diagnostic, Output, Page
from .render import POOL_THRESHOLD, environment, render, theme_files

EVERY_KEY = "\0*"
"""Recorded when a page iterates over a global or counts it, rather than reading one key."""

Read = tuple[str, str]
"""(global name, key) read by a page."""


class _Recorded(Mapping[str, object]):
    """A template global that notes which of its keys the page being rendered reads."""

    __slots__ = ("_data", "_name", "_reads")

    def __init__(self, name: str, data: Mapping[str, object], reads: set[Read]) -> None:
        self._name, self._data, self._reads = name, data, reads

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
        self.take(env)

    def take(self, fresh: jinja2.Environment) -> None:
        """The globals and filters of `fresh`, keeping the templates compiled so far."""
        self.env.filters.update(fresh.filters)
        self.env.globals.update(fresh.globals)
        self.mappings = {k: v for k, v in fresh.globals.items() if isinstance(v, Mapping)}
        for name, value in self.mappings.items():
            self.env.globals[name] = _Recorded(name, value, self.reads)

    def page(self, page: Page) -> tuple[bytes | None, frozenset[Read]]:
        """The page's bytes (None on a template error) and the global keys it read."""
        self.reads.clear()
        try:
            data = self.env.get_template(page.template).render(page.context).encode()
        except Exception:
            # The full render runs next and reports the error at its template line.
            return None, frozenset()
        return data, frozenset(self.reads)


def _settings(env: jinja2.Environment) -> dict[str, object]:
    """Globals that are neither mappings nor functions: compared whole (site, lang)."""
    return {
        name: value
        for name, value in env.globals.items()
        if not isinstance(value, Mapping | ModuleType) and not callable(value)
    }


@dataclass(frozen=True, slots=True)
class _Rendered:
    template: str
    context: dict[str, object]
    reads: frozenset[Read]
    data: bytes


class RenderMemo:
    """A drop-in for `render.render` that reuses the bytes of pages whose inputs did not change.

    Functions among the template globals (`t`, `href`, filters) are assumed to depend only on
    the settings, which are compared whole.
    """

    def __init__(self) -> None:
        self._renderer: _Renderer | None = None
        """Kept while the templates and settings stay the same: compiling them takes a while."""
        self._signature: tuple[str, dict[str, object]] | None = None
        self._mappings: dict[str, Mapping[str, object]] = {}
        self._pages: dict[str, _Rendered] = {}
        self.rendered = 0
        """How many pages the last call rendered (the rest were reused)."""

    def render(self, pages: Iterable[Page], corpus: Corpus) -> Output:
        pages = list(pages)
        fresh = environment(corpus, corpus.content.templates_dir)
        signature = (_templates_digest(corpus.content.templates_dir), _settings(fresh))
        if self._renderer is not None and signature == self._signature:
            renderer = self._renderer
            renderer.take(fresh)
            changed = _changed_keys(self._mappings, renderer.mappings)
            stale = [p for p in pages if p.data is None and self._stale(p, changed)]
        else:
            renderer = _Renderer(fresh)
            stale = [p for p in pages if p.data is None]
        weight = sum(len(self._pages[p.path].data) for p in stale if p.path in self._pages)
        done = dict(_render_all(stale, corpus, renderer, weight))
        files: dict[str, bytes] = {p.path: p.data for p in pages if p.data is not None}
        kept: dict[str, _Rendered] = {}
        for page in pages:
            if page.data is not None:
                continue
            if page.path in done:
                data, reads = done[page.path]
                if data is None:
                    _raise_template_error(page, corpus)
                kept[page.path] = _Rendered(page.template, page.context, reads, data)
            else:
                kept[page.path] = self._pages[page.path]
            files[page.path] = kept[page.path].data
        files.update(theme_files())
        # Only a build that rendered every page without error becomes the next build's reference.
        self._renderer, self._signature = renderer, signature
        self._mappings, self._pages = renderer.mappings, kept
        self.rendered = len(stale)
        return Output(files)

    def _stale(self, page: Page, changed: dict[str, frozenset[str]]) -> bool:
        before = self._pages.get(page.path)
        return (
            before is None
            or before.template != page.template
            or before.context != page.context
            or any(key in changed.get(name, ()) for name, key in before.reads)
        )


def _changed_keys(
    old: Mapping[str, Mapping[str, object]], new: Mapping[str, Mapping[str, object]]
) -> dict[str, frozenset[str]]:
    """For each global mapping, the keys whose values differ (and EVERY_KEY if any do)."""
    changed: dict[str, frozenset[str]] = {}
    for name in old.keys() | new.keys():
        before, after = old.get(name, {}), new.get(name, {})
        keys = {k for k in before.keys() | after.keys() if _differs(before, after, k)}
        if keys or list(before) != list(after):  # iteration order shows on pages too
            keys.add(EVERY_KEY)
        if keys:
            changed[name] = frozenset(keys)
    return changed


def _differs(before: Mapping[str, object], after: Mapping[str, object], key: str) -> bool:
    if key not in before or key not in after:
        return True
    return before[key] is not after[key] and before[key] != after[key]


def _templates_digest(templates_dir: Path | None) -> str:
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


def _raise_template_error(page: Page, corpus: Corpus) -> None:
    # The plain renderer turns the error into a diagnostic with the template's file and line.
    render([page], corpus)
    raise ContentError([Diagnostic(f"<theme>/{page.template}", 1, 1, f"cannot render {page.path}")])


POOL_BYTES = 4_000_000
"""Pages that made this many bytes last time are worth rendering in worker processes: a few
dossiers of a large site weigh megabytes each."""


def _render_all(
    pages: list[Page], corpus: Corpus, renderer: _Renderer, weight: int
) -> list[tuple[str, tuple[bytes | None, frozenset[Read]]]]:
    workers = min(os.cpu_count() or 1, 8, len(pages))
    many = len(pages) >= POOL_THRESHOLD or weight >= POOL_BYTES
    if not many or workers < 2 or "fork" not in mp.get_all_start_methods():
        return [(page.path, renderer.page(page)) for page in pages]
    # As in render.py: forked workers inherit pages and corpus; only indices and results cross.
    # A few heavy pages go one by one, so that they spread over the workers.
    chunk = max(8, len(pages) // (workers * 8)) if len(pages) >= POOL_THRESHOLD else 1
    with ProcessPoolExecutor(
        workers,
        mp_context=mp.get_context("fork"),
        initializer=_start_worker,
        initargs=(pages, corpus),
    ) as pool:
        return list(pool.map(_render_one, range(len(pages)), chunksize=chunk))


# Each worker process holds its renderer and the pages, set once when it starts.
_worker: dict[str, object] = {}


def _start_worker(pages: list[Page], corpus: Corpus) -> None:
    env = environment(corpus, corpus.content.templates_dir)
    _worker["pages"], _worker["renderer"] = pages, _Renderer(env)


def _render_one(index: int) -> tuple[str, tuple[bytes | None, frozenset[Read]]]:
    pages, renderer = _worker["pages"], _worker["renderer"]
    assert isinstance(pages, list) and isinstance(renderer, _Renderer)
    return pages[index].path, renderer.page(pages[index])
