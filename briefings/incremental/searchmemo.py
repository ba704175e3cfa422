"""The search index's shards as the last build wrote them, for the next build to keep.

A shard's index depends only on what its digest covers (`stages.search.plan`). When a shard's
digest is the one recorded and each of its files in the output still has the size, modification
time and inode it had once written, the build keeps those files (`Output.kept`) rather than ask
Pagefind for them again, as the render memo keeps pages. Sealed JSON lines in
`.briefings-cache/search.jsonl`, one per shard after a header naming the output folder.
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
FORMAT = 1
PURPOSE = "search"

Shards = Mapping[str, tuple[str, frozenset[str]]]
"""Shard folder to its digest and its output-relative files."""


@dataclass(frozen=True, slots=True)
class _Shard:
    digest: str
    files: tuple[tuple[str, int, int, int], ...]
    """Output-relative path, size, modification time in ns, inode."""


class SearchMemo:
    """What the output's search shards were made from. Thread-safe: the preview indexes in a
    thread of its own."""

    def __init__(self, store: Path | None = None) -> None:
        self._store = store
        self._folder: Path | None = None
        self._shards: dict[str, _Shard] = {}
        self._stashed: Shards | None = None
        self._lock = threading.Lock()

    def kept(self, folder: Path, shard: str, digest: str) -> frozenset[str] | None:
        """The shard's files, if `folder` still holds them as they were written for `digest`."""
        with self._lock:
            self._load(folder)
            known = self._shards.get(shard)
        if known is None or known.digest != digest:
            return None
        top = str(folder)
        for path, size, mtime, inode in known.files:
            try:
                info = os.lstat(os.path.join(top, path))  # not pathlib: thousands of files
            except OSError:
                return None
            if (info.st_size, info.st_mtime_ns, info.st_ino) != (size, mtime, inode):
                return None
        return frozenset(path for path, *_ in known.files)

    def stash(self, shards: Shards) -> None:
        """The shards of a build being assembled, recorded by `written` once it is written."""
        self._stashed = shards

    def written(self, folder: Path) -> None:
        """The build whose shards were stashed is written to `folder`."""
        stashed, self._stashed = self._stashed, None
        if stashed is not None:
            self.record(folder, stashed)

    def record(self, folder: Path, shards: Shards) -> None:
        """`folder` now holds these shards, and no other: their files' stats are noted."""
        found = {}
        with self._lock:
            self._load(folder)
            for name, (digest, paths) in shards.items():
                known = self._shards.get(name)
                if known is not None and known.digest == digest:
                    found[name] = known  # kept: the stats are those checked
                    continue
                stats = _stats(folder, paths)
                if stats is not None:
                    found[name] = _Shard(digest, stats)
            self._shards = found
            if self._store is not None:
                _save(self._store, folder, found)

    def _load(self, folder: Path) -> None:
        if self._folder != folder:
            self._folder = folder
            self._shards = _load(self._store, folder) if self._store is not None else {}


def _stats(folder: Path, paths: frozenset[str]) -> tuple[tuple[str, int, int, int], ...] | None:
    stats = []
    for path in sorted(paths):
        try:
            info = os.lstat(folder / path)
        except OSError:
            return None  # not written after all: made again next time
        stats.append((path, info.st_size, info.st_mtime_ns, info.st_ino))
    return tuple(stats)


def _load(store: Path, folder: Path) -> dict[str, _Shard]:
    # Sealed: a forged record would have an index someone committed into the output kept.
    read = seal.read_lines(store, purpose=PURPOSE)
    if read is None:
        return {}
    lines, _ = read
    try:
        if json.loads(lines[0] or "") != {"format": FORMAT, "output": str(folder)}:
            return {}
        shards = {}
        for line in lines[1:]:
            if line is None:
                continue  # cut short by a kill, or not made here: that shard is made again
            name, digest, files = json.loads(line)
            shards[name] = _Shard(digest, tuple((p, s, m, i) for p, s, m, i in files))
        return shards
    except (ValueError, TypeError):
        return {}  # damaged: every shard is made again


def _save(store: Path, folder: Path, shards: dict[str, _Shard]) -> None:
    header = json.dumps({"format": FORMAT, "output": str(folder)})
    try:
        store.parent.mkdir(exist_ok=True)
        (store.parent / ".gitignore").write_text("*\n")
        temporary = store.with_name(f"{store.name}.{os.getpid()}")
        with temporary.open("w", encoding="utf-8") as file:
            file.write(seal.seal_line(header, purpose=PURPOSE))
            for name, shard in sorted(shards.items()):
                row = json.dumps([name, shard.digest, shard.files], separators=(",", ":"))
                file.write(seal.seal_line(row, purpose=PURPOSE))
        temporary.replace(store)
    except OSError:
        # A record left as it was is harmless: the stats of the files it names have moved.
        return
