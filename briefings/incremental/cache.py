"""The analysis cache on disk: `.briefings-cache/` in the site folder, safe to delete.

An entry is reused only when the article's bytes, the analysis inputs (topic keywords, people,
Markdown settings) and the tool's version are all unchanged, so it is never wrong. It is JSON, not
pickle: a cache file that came with a cloned repository cannot run code, and every line is sealed
with this machine's key (`seal`), so that one written elsewhere, HTML included, is never read
back into a page. One line per article,
after a header line with the key: a build appends the articles it analysed, so that editing one
article of thousands does not rewrite them all; the file is written whole again when its stale
lines outnumber the live ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, fields
from itertools import starmap
from pathlib import Path
from typing import Any

from ..model import Analysis, Block, FigureValue, Mention, Quote, Speaker
from . import seal

FOLDER = ".briefings-cache"
NAME = "analysis.jsonl"
FORMAT = 5
PURPOSE = "analysis"


def fingerprint(inputs: object, version: str) -> str:
    """A stable hash of everything an analysis depends on besides the article."""
    text = json.dumps([FORMAT, version, inputs], ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class OnDisk:
    """What the cache file holds."""

    digests: frozenset[str] = frozenset()
    lines: int = -1
    """Entries in the file, stale ones included; -1 when it was absent or made under another
    key, so that it must be written whole."""


def load(site_dir: Path, key: str) -> tuple[dict[str, Analysis], OnDisk]:
    """The entries written under `key`; none when the file is absent, stale or damaged."""
    header = {"format": FORMAT, "key": key}
    read = seal.read_after(site_dir / FOLDER / NAME, purpose=PURPOSE, header=header)
    if read is None:
        return {}, OnDisk()
    lines, whole = read
    entries = {}
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in lines:
        if line is None:
            continue  # cut short by a kill, or not made here: that article is analysed again
        try:
            digest, stored = json.loads(line)
            entries[digest] = from_entry(stored, shared)
        except (KeyError, TypeError, ValueError):
            continue  # a line cut short when a build was killed: that article is analysed again
    # A last line cut short by a kill: the file is written anew, not appended to after it.
    return entries, OnDisk(frozenset(entries), len(lines) if whole else -1)


def save(site_dir: Path, key: str, analyses: dict[str, Analysis], on_disk: OnDisk) -> OnDisk:
    """Add the analyses the file lacks, one line each; write it whole when it was made under
    another key or holds more stale entries than live ones. Returns what the file now holds."""
    folder = site_dir / FOLDER
    # An analysis with problems is not kept: the next build must report them again.
    keep = {d: a for d, a in analyses.items() if not a.diagnostics}
    added = [d for d in keep if d not in on_disk.digests]
    try:
        folder.mkdir(exist_ok=True)
        (folder / ".gitignore").write_text("*\n")
        if on_disk.lines >= 0 and on_disk.lines + len(added) <= 2 * len(keep):
            with (folder / NAME).open("ab") as file:
                file.writelines(_line(d, keep[d]) for d in added)
            return OnDisk(on_disk.digests | frozenset(added), on_disk.lines + len(added))
        temporary = folder / f"{NAME}.{os.getpid()}"
        with temporary.open("wb") as file:
            header = seal.seal_line(json.dumps({"format": FORMAT, "key": key}), purpose=PURPOSE)
            file.write(header.encode())
            file.writelines(_line(d, a) for d, a in keep.items())
        temporary.replace(folder / NAME)
        return OnDisk(frozenset(keep), len(keep))
    except OSError:
        # A read-only site folder still builds; it just is not cached.
        return on_disk


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _line(digest: str, analysis: Analysis) -> bytes:
    # Encoded to UTF-8 once, for the seal and the file alike (42 MB at 4,000 articles).
    text = _ENCODER.encode([digest, entry(analysis)])
    return seal.seal_bytes(text.encode(), purpose=PURPOSE)


def entry(analysis: Analysis) -> list[Any]:
    """An analysis as plain lists (its diagnostics aside): quick to write and to pickle."""
    return [
        [
            [b.kind, b.html, b.text, b.line, b.number, b.level, b.list_start, b.list_end, b.topics]
            for b in analysis.blocks
        ],
        [
            [
                q.text,
                q.speaker.name,
                q.speaker.id,
                q.first_block,
                q.last_block,
                q.explicit,
                q.topics,
            ]
            for q in analysis.quotes
        ],
        [[m.person, m.block] for m in analysis.mentions],
        list(analysis.topics),
        [
            [
                f.topic,
                f.figure,
                f.value,
                f.unit,
                f.qualifier,
                f.written,
                f.provenance.name,
                f.provenance.id,
                f.date.isoformat(),
                f.block,
            ]
            for f in analysis.figures
        ],
    ]


def from_entry(
    entry: list[Any], shared: dict[tuple[str, ...], tuple[str, ...]] | None = None
) -> Analysis:
    """The analysis `entry` was made from (without diagnostics); `entry`'s lists are taken over.

    With `shared`, equal topic tuples are one object across the analyses read (a site has a few
    dozen combinations for its 100,000 blocks)."""
    blocks, quotes, mentions, topics, figures = entry
    shared = {} if shared is None else shared
    # Each row made the arguments of its constructor in place, then all made at once: a
    # generator that unpacked and packed each row again took twice as long (100,000 blocks).
    for row in blocks:
        found = tuple(row[8])
        row[8] = shared.setdefault(found, found)
    for row in quotes:
        found = tuple(row[6])
        row[1:3] = [Speaker(row[1], row[2])]
        row[5] = shared.setdefault(found, found)
    return Analysis(
        blocks=tuple(map(_block, blocks)),
        quotes=tuple(starmap(Quote, quotes)),
        mentions=tuple(starmap(Mention, mentions)),
        topics=tuple(topics),
        figures=tuple(
            FigureValue(t, f, float(v), u, q, w, Speaker(pn, pi), dt.date.fromisoformat(d), b)
            for t, f, v, u, q, w, pn, pi, d, b in figures
        ),
    )


_BLOCK_SLOTS = tuple(f.name for f in fields(Block))
_new = object.__new__
(
    _set_kind,
    _set_html,
    _set_text,
    _set_line,
    _set_number,
    _set_level,
    _set_start,
    _set_end,
    _set_topics,
) = (getattr(Block, name).__set__ for name in _BLOCK_SLOTS)


def _block(row: list[Any]) -> Block:
    """`Block(*row)` at half the cost: a frozen dataclass's `__init__` sets each field through
    `object.__setattr__`, looked up field by field (0.1 s for a large site's 100,000 blocks).
    The slots are set here directly, every one of them, so the block is the one `Block(*row)`
    makes (`Block` has no `__post_init__`; tests/test_cache.py compares both)."""
    kind, html, text, line, number, level, start, end, topics = row
    block = _new(Block)
    _set_kind(block, kind)
    _set_html(block, html)
    _set_text(block, text)
    _set_line(block, line)
    _set_number(block, number)
    _set_level(block, level)
    _set_start(block, start)
    _set_end(block, end)
    _set_topics(block, topics)
    return block
