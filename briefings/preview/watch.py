"""The preview's build side: watch the site's sources, rebuild, tell the pages.

Editors save through temporary files and renames, and a git checkout touches many files at
once: events are gathered until the sources have been quiet for a moment, then one build runs.
Builds keep the analyses and rendered pages of the previous one in memory, so a changed article
costs its own analysis, the linking, and the pages that show it. The page of an edited article is
written and reloaded first (`quick.py`), before the rest of the build. Pages are served while a
build is assembled; requests wait only while its files are written.
"""

from __future__ import annotations

import contextlib
import fnmatch
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

from ..bugs import bug_report
from ..build import BuildCache, Result, assemble, commit
from ..console import summary
from ..diagnostics import ContentError, Reporter, format_all, format_diagnostic, shown_warnings
from ..model import Corpus
from ..stages.config import Overrides, parse_config
from ..stages.search import BUNDLE, search_index
from ..stages.write import MARKER, OutputRefused, listing, replace_under, write_files
from .quick import QuickPages
from .serve import LiveState, PreviewServer, Site

SOURCES = ("content", "templates", "static")
"""The site's folders that are watched (recursively), beside site.yaml."""

QUIET = 0.1
"""Seconds without events before a build starts: one save is several events (delete then
write, say), which a loaded machine can space by tens of milliseconds."""

LONGEST_WAIT = 2.0
"""A steady stream of events (a long checkout) still gets a build after this many seconds."""

IGNORED = ("*.swp", "*.swx", "*.swo", "*~", "4913", ".goutputstream-*", ".#*", ".DS_Store")
"""Files editors leave around while saving (vim, emacs, gedit, macOS), never content."""

EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]
"""What is listened to: not opens and closes, which every build's own reading would cause."""

Log = Callable[[str], None]


def _print(text: str) -> None:
    print(text, flush=True)


def _print_error(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def relevant(path: str, site_dir: Path, output: Path) -> str | None:
    """The site-relative name of a changed path that can change the site, else None."""
    try:
        relative = Path(path).relative_to(site_dir)
    except ValueError:
        return None
    parts = relative.parts
    if not parts or any(fnmatch.fnmatch(parts[-1], pattern) for pattern in IGNORED):
        return None
    if parts != ("site.yaml",) and parts[0] not in SOURCES:
        return None
    if parts[0] == "content" and any(part.startswith(".") for part in parts[1:]):
        # Reading skips hidden files and folders in content/ (an editor's `.a.md.tmp` before
        # its rename, say): a build for one would be a second build for the same save.
        return None
    if Path(path) == output or output in Path(path).parents:
        return None  # the builder's own writes, when the output is inside a watched folder
    return relative.as_posix()


class Changes:
    """Changed paths gathered from the watcher's thread until the build thread takes them."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._paths: set[str] = set()
        self._last = 0.0
        self._stopped = False

    def add(self, path: str) -> None:
        with self._cond:
            self._paths.add(path)
            self._last = time.monotonic()
            self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()

    def settled(self) -> set[str] | None:
        """Block until changes have been quiet for QUIET seconds; None once stopped."""
        with self._cond:
            self._cond.wait_for(lambda: self._paths or self._stopped)
            first = time.monotonic()
            while not self._stopped:
                now = time.monotonic()
                quiet_at = self._last + QUIET
                if now >= quiet_at or now - first >= LONGEST_WAIT:
                    break
                self._cond.wait(min(quiet_at, first + LONGEST_WAIT) - now)
            if self._stopped:
                return None
            paths, self._paths = self._paths, set()
            return paths


class _Bug(Exception):
    """A build met an exception that is briefings' fault, not the site's."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


class Builder:
    """Builds the site again and again in one process, reusing what did not change.

    After the first build, the search index is made again in a thread of its own once the pages
    are written and reloaded: the shards an edit touched, which take Pagefind a second or so on a
    large site, and the page being edited should not wait for them. Until then the previous index
    is served; a newer build's index supersedes one still being made. A build stops the index
    being made before it assembles (it waits for the Pagefind jobs in flight): the build may fork
    workers, and a worker forked while the index's thread held a lock (Babel's locale data, say)
    would wait on it forever.
    """

    def __init__(
        self,
        site_dir: Path,
        overrides: Overrides,
        state: LiveState,
        log: Log,
        errors: Log | None = None,
        *,
        quiet: bool = False,
        verbose: bool = False,
    ) -> None:
        self.site_dir, self.overrides, self.state, self.log = site_dir, overrides, state, log
        self.quiet = quiet
        """Warnings counted in the summary, not printed (`--quiet`)."""
        self.verbose = verbose
        """Every warning printed, not ten at most (`--verbose`)."""
        self.errors = errors or log
        """Where failures are said: the terminal's stderr under `briefings serve`."""
        self.cache = BuildCache.on_disk(site_dir)
        self.output = state.site.root
        self._built = False
        """Whether a build succeeded yet: the first one changes every file as far as pages know."""
        self._generation = 0
        """Counts successful builds: an index made for an older one is not written."""
        self._writing = threading.Lock()
        """Held while a build or an index writes the output."""
        self._indexing = threading.Condition()
        self._wanted: tuple[int, Corpus, Path] | None = None
        self._indexer: threading.Thread | None = None
        self._making = threading.Lock()
        """Held while an index is made, and while a build is assembled: never both at once."""
        self._stop = threading.Event()
        """Set by a build: the index being made stops after the Pagefind jobs in flight."""
        self._closed = False
        self._corpus: Corpus | None = None
        """The last good build's corpus, while its output is the one served."""
        self.quick = QuickPages()

    def build(self, because: set[str] | None = None) -> bool:
        """One build, its outcome published to the pages; False when it failed.

        The terminal hears of a build before the pages do, so that tests and users waiting
        for a page to change find the message already there. A bug of briefings met on the way
        is said as one; then the site is built again from scratch, with no cache, and served if
        that works: a stale cache must not stop the preview.
        """
        started = time.perf_counter()
        if because and self._corpus is not None:
            self._show_first(because, self._corpus)
        try:
            return self._build(because, started)
        except _Bug as bug:
            self.errors(bug_report(bug.error, "serve"))
        self.cache, self.quick = BuildCache(), QuickPages()
        try:
            ok = self._build(because, started)
        except _Bug as bug:
            return self._failed(bug_report(bug.error, "serve"))
        if ok:
            self.log("built again from scratch after the internal error above: serving that")
        return ok

    def _build(self, because: set[str] | None, started: float) -> bool:
        search = not self._built
        self._stop.set()
        try:
            # Pages are still served while the build is assembled, from the last one's files.
            with self._making:
                self._stop.clear()
                assembled = assemble(self.site_dir, self.overrides, self.cache, search=search)
        except ContentError as error:
            return self._failed(format_all(error.diagnostics))
        except OutputRefused as error:
            return self._failed(f"briefings: error: {error}")
        except Exception as error:
            raise _Bug(error) from error
        with self.state.building(), self._writing:
            try:
                result = commit(*assembled, self.cache, search=search)
            except OutputRefused as error:
                return self._failed(f"briefings: error: {error}")
            except Exception as error:
                raise _Bug(error) from error
            self._corpus = result.corpus
            config = result.corpus.content.config
            changed = result.changed if self._built else None
            warnings = [format_diagnostic(w) for w in result.warnings]
            shown = [] if self.quiet else warnings if self.verbose else shown_warnings(warnings)
            for line in shown:
                self.errors(line)
            self.log(_summary(result, because, self.site_dir, time.perf_counter() - started))
            first = not self._built
            self.output, self._built = config.output, True
            self._generation += 1
            self.state.move(Site(config.output, config.base_path))
            self.state.publish(changed=changed)
        if not first and config.search:
            self._index_later(result.corpus, config.output)
        with contextlib.suppress(Exception):  # a broken template is reported by the builds
            self.quick.prepare(result.corpus)
        return True

    def _show_first(self, because: set[str], corpus: Corpus) -> None:
        """Write and reload the pages of the edited articles before the whole build."""
        started = time.perf_counter()
        try:
            pages = self.quick.render(corpus, because)
        except Exception:
            return  # the whole build that follows shows what is wrong
        if not pages:
            return
        with self.state.building(), self._writing:
            try:
                changed = write_files(pages, corpus.content.config.output)
            except OSError:
                return
            self.state.publish(changed=changed, early=True)
        seconds = time.perf_counter() - started
        self.log(f"showed {', '.join(sorted(pages))} first, in {seconds:.3f} s")

    def _failed(self, text: str) -> bool:
        self._corpus = None
        self.errors(text)
        self.errors("build failed: still serving the last good site")
        self.state.publish(error=text)
        return False

    def _index_later(self, corpus: Corpus, folder: Path) -> None:
        with self._indexing:
            self._wanted = (self._generation, corpus, folder)
            if self._indexer is None:
                self._indexer = threading.Thread(
                    target=self._index_loop, name="briefings-search", daemon=True
                )
                self._indexer.start()
            self._indexing.notify_all()

    def _index_loop(self) -> None:
        while True:
            with self._indexing:
                self._indexing.wait_for(lambda: self._wanted is not None or self._closed)
                if self._closed:
                    return
                assert self._wanted is not None
                generation, corpus, folder = self._wanted
                self._wanted = None
            memo = self.cache.search
            try:
                with self._making:
                    if self._stop.is_set() or generation != self._generation:
                        continue  # a build is coming, or came: its own index follows
                    index = search_index(corpus, memo, folder, self._stop)
                    if self._stop.is_set():
                        continue  # stopped part way: some of its indexes are missing
            except ContentError as error:
                self.errors(format_all(error.diagnostics))
                continue
            with self.state.building(), self._writing:
                if generation != self._generation:
                    continue  # a newer build came: its own index follows
                try:
                    replace_under(index.files, folder, BUNDLE, index.kept)
                except OSError as error:
                    self.errors(f"briefings: error: cannot write the search index: {error}")
                    continue
                memo.record(folder, index.shards)
            self.log("search index updated")

    def close(self) -> None:
        """Stop the search indexer (an index being made is left unwritten)."""
        with self._indexing:
            self._closed = True
            self._indexing.notify_all()
        if self._indexer is not None:
            self._indexer.join()


def _summary(result: Result, because: set[str] | None, site_dir: Path, seconds: float) -> str:
    """The words of `briefings build`'s summary, and the files whose change caused a rebuild."""
    names = ""
    if because is not None:
        # The files still there: not the temporary files editors save through.
        shown = sorted(p for p in because if (site_dir / p).exists()) or sorted(because)
        names = ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")
    files = listing(result.output) - {MARKER}
    return summary(
        articles=len(result.corpus.articles),
        dossiers=len(result.corpus.dossiers),
        written=len(result.changed & files),
        unchanged=len(files - result.changed),
        removed=len(result.changed - files - {MARKER}),
        output=result.corpus.content.config.output,
        seconds=seconds,
        warnings=len(result.warnings),
        because=names,
    )


class _Handler(FileSystemEventHandler):
    """Runs in watchdog's thread: only notes what changed."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview

    def on_any_event(self, event: FileSystemEvent) -> None:
        for path in (event.src_path, event.dest_path):
            name = relevant(str(path), self.preview.site_dir, self.preview.builder.output)
            if path and name is not None:
                self.preview.changes.add(name)


class Preview:
    """`briefings serve`: server, watcher and build thread, started and stopped together.

    The port is bound on creation, so that a port in use is known before a long first build;
    `start()` builds, then serves and watches; `stop()` ends every thread it started.
    """

    def __init__(
        self,
        site_dir: Path,
        overrides: Overrides | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        log: Log = _print,
        errors: Log | None = None,
        quiet: bool = False,
        verbose: bool = False,
    ) -> None:
        """`log` hears what happens, `errors` what fails (stdout and stderr by default; both
        `log` when only `log` is given)."""
        self.site_dir = site_dir.resolve()
        self.overrides = overrides or Overrides()
        self.state = LiveState(_first_guess(self.site_dir, self.overrides))
        self.server = PreviewServer(host, port, self.state)
        if errors is None:
            errors = _print_error if log is _print else log
        self.builder = Builder(
            self.site_dir, self.overrides, self.state, log, errors, quiet=quiet, verbose=verbose
        )
        self.changes = Changes()
        self._observer: BaseObserver | None = None
        self._watches: dict[str, ObservedWatch] = {}
        """Source folder name to its watch; changed only by the build thread once started."""
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> bool:
        """Build once, then serve and watch; returns whether that first build succeeded."""
        ok = self.builder.build()
        self._observer = Observer()
        self._observer.schedule(_Handler(self), self.site_dir, event_filter=EVENTS)
        self._watch_sources(set())
        self._observer.start()
        for name, target in (("serve", self._serve), ("rebuild", self._rebuild)):
            thread = threading.Thread(target=target, name=f"briefings-{name}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return ok

    def _watch_sources(self, renewed: set[str]) -> None:
        """Watch content/, templates/ and static/, also once created or replaced (`renewed`)."""
        assert self._observer is not None
        for name in SOURCES:
            folder = self.site_dir / name
            watch = self._watches.pop(name, None)
            if watch is not None and (name in renewed or not folder.is_dir()):
                self._observer.unschedule(watch)
                watch = None
            if watch is None and folder.is_dir():
                watch = self._observer.schedule(
                    _Handler(self), folder, recursive=True, event_filter=EVENTS
                )
            if watch is not None:
                self._watches[name] = watch

    def _serve(self) -> None:
        self.server.serve_forever(poll_interval=0.1)  # how soon `stop()` is noticed

    def _rebuild(self) -> None:
        while (paths := self.changes.settled()) is not None:
            renewed = paths & set(SOURCES)
            if renewed:
                self._watch_sources(renewed)  # a source folder was created, removed or replaced
            self.builder.build(paths)

    def stop(self) -> None:
        """Stop watching, building and serving; returns once the threads it started are done."""
        self.changes.stop()
        self.builder.close()
        if self._observer is not None:
            self._observer.stop()
            if self._observer.is_alive():  # not when start() failed before starting it
                self._observer.join()
        self.state.close()
        if self._threads:
            self.server.shutdown()
        self.server.server_close()
        for thread in self._threads:
            thread.join()

    def wait(self) -> None:
        """Block until interrupted (Ctrl-C raises KeyboardInterrupt here)."""
        while any(thread.is_alive() for thread in self._threads):
            time.sleep(0.5)

    def __enter__(self) -> Preview:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _first_guess(site_dir: Path, overrides: Overrides) -> Site:
    """Where the site is served from until a build succeeds: what site.yaml says."""
    try:
        text = (site_dir / "site.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    config = parse_config(text, site_dir, overrides, Reporter("site.yaml", text))
    return Site(config.output, config.base_path)
