"""The search index's parts as the last build wrote them, for the next build to keep.

An index (a shard, a part of the lexicon) depends only on what its digest covers
(`stages.search.plan`). When its digest is the one recorded and each of its files in the output
still has the size, modification time and inode it had once written, the build keeps those files
(`Output.kept`) rather than ask Pagefind for them again, as the render memo keeps pages. A shard's
record also keeps its words for the lexicon, which is made from every shard's. Sealed JSON lines
in `.briefings-cache/search.jsonl`, one per index after a header naming the output folder.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import seal

NAME = "search.jsonl"
FORMAT = 2
PURPOSE = "search"


@dataclass(frozen=True, slots=True)
class Entry:
    """What an index was made from, and the files it became."""

    digest: str
    files: frozenset[str]
    """Output-relative paths."""
    words: Mapping[str, list[list[str]]] | None = None
    """A shard's words for the lexicon, by part (`stages.lexicon.words`)."""


@dataclass(frozen=True, slots=True)
class _Written:
    entry: Entry
    stats: tuple[tuple[str, int, int, int], ...]
    """Output-relative path, size, modification time in ns, inode."""


class SearchMemo:
    """What the output's search indexes were made from. Thread-safe: the preview indexes in a
    thread of its own."""

    def __init__(self, store: Path | None = None) -> None:
        self._store = store
        self._folder: Path | None = None
        self._written: dict[str, _Written] = {}
        self._stashed: Mapping[str, Entry] | None = None
        self._lock = threading.Lock()
        self._checked: set[str] = set()
        """The indexes `kept` found as written, since the last `record`."""
        self.kept_stats: dict[str, list[int]] = {}
        """The files of the indexes the last `record` noted that are known as they are now: a
        kept index's checked by `kept`, a new one's looked up once written. By output-relative
        path: size, modification time and inode (for `stamp.record`, which need not look them
        up again)."""

    def kept(self, folder: Path, name: str, digest: str) -> Entry | None:
        """The index `name` (a bundle folder), if `folder` still holds its files as they were
        written for `digest`."""
        with self._lock:
            self._load(folder)
            known = self._written.get(name)
            # Checked again now: a build that failed before its `record` left its checks here.
            self._checked.discard(name)
        if known is None or known.entry.digest != digest:
            return None
        top = str(folder)
        for path, size, mtime, inode in known.stats:
            try:
                info = os.lstat(os.path.join(top, path))  # not pathlib: thousands of files
            except OSError:
                return None
            if (info.st_size, info.st_mtime_ns, info.st_ino) != (size, mtime, inode):
                return None
        with self._lock:
            self._checked.add(name)
        return known.entry

    def digest(self, folder: Path, name: str) -> str | None:
        """The digest the index `name` was last written for into `folder`, its files unchecked:
        what `kept` checks them against, without their stats."""
        with self._lock:
            self._load(folder)
            known = self._written.get(name)
        return None if known is None else known.entry.digest

    def stash(self, entries: Mapping[str, Entry]) -> None:
        """The indexes of a build being assembled, recorded by `written` once it is written."""
        self._stashed = entries

    def written(self, folder: Path) -> None:
        """The build whose indexes were stashed is written to `folder`."""
        stashed, self._stashed = self._stashed, None
        self.kept_stats = {}
        if stashed is not None:
            self.record(folder, stashed)

    def record(self, folder: Path, entries: Mapping[str, Entry]) -> None:
        """`folder` now holds these indexes, and no other: their files' stats are noted."""
        found = {}
        current = []  # the stats known to be the files' now
        with self._lock:
            self._load(folder)
            for name, entry in entries.items():
                known = self._written.get(name)
                if known is not None and known.entry == entry and name in self._checked:
                    found[name] = known  # kept: its stats are those `kept` checked
                    current.append(known.stats)
                    continue
                # Made again, or not checked: looked up. An index made again as it was (its
                # files' times touched, the same bytes back) kept the stats `kept` had refused,
                # and was made again by every build after.
                stats = _stats(folder, entry.files)
                if stats is not None:
                    found[name] = _Written(entry, stats)
                    current.append(stats)
            self._written = found
            self._checked = set()
            self.kept_stats = {
                path: [size, mtime, inode]
                for stats in current
                for path, size, mtime, inode in stats
            }
            if self._store is not None:
                _save(self._store, folder, found)

    def _load(self, folder: Path) -> None:
        if self._folder != folder:
            self._folder = folder
            self._written = _load(self._store, folder) if self._store is not None else {}


def _stats(folder: Path, paths: frozenset[str]) -> tuple[tuple[str, int, int, int], ...] | None:
    stats = []
    for path in sorted(paths):
        try:
            info = os.lstat(folder / path)
        except OSError:
            return None  # not written after all: made again next time
        stats.append((path, info.st_size, info.st_mtime_ns, info.st_ino))
    return tuple(stats)


def _load(store: Path, folder: Path) -> dict[str, _Written]:
    # Sealed: a forged record would have an index someone committed into the output kept, or
    # words of theirs put into the lexicon.
    read = seal.read_after(store, purpose=PURPOSE, header={"format": FORMAT, "output": str(folder)})
    if read is None:
        return {}
    try:
        found = {}
        for line in read[0]:
            if line is None:
                continue  # cut short by a kill, or not made here: that index is made again
            name, digest, stats, words = json.loads(line)
            stats = tuple((p, s, m, i) for p, s, m, i in stats)
            files = frozenset(p for p, *_ in stats)
            entry = Entry(digest, files, None if words is None else dict(words))
            found[name] = _Written(entry, stats)
        return found
    except (ValueError, TypeError):
        return {}  # damaged: every index is made again


def _save(store: Path, folder: Path, found: dict[str, _Written]) -> None:
    header = json.dumps({"format": FORMAT, "output": str(folder)})
    try:
        store.parent.mkdir(exist_ok=True)
        (store.parent / ".gitignore").write_text("*\n")
        temporary = store.with_name(f"{store.name}.{os.getpid()}")
        with temporary.open("w", encoding="utf-8") as file:
            file.write(seal.seal_line(header, purpose=PURPOSE))
            for name, written in sorted(found.items()):
                entry = written.entry
                words = None if entry.words is None else dict(entry.words)
                row = [name, entry.digest, written.stats, words]
                file.write(seal.seal_line(json.dumps(row, separators=(",", ":")), purpose=PURPOSE))
        temporary.replace(store)
    except OSError:
        # A record left as it was is harmless: the stats of the files it names have moved.
        return
