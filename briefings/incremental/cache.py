"""The analysis cache on disk: `.briefings-cache/` in the site folder, safe to delete.

An entry is reused only when the article's bytes, the analysis inputs (topic keywords, people,
Markdown settings) and the tool's version are all unchanged, so it is never wrong. It is plain
data, not pickle: a cache file that came with a cloned repository cannot run code, and every
record is sealed with this machine's key (`seal`), so that one written elsewhere, HTML included,
is never read back into a page. One record per article (`seal.seal_record`: the seal, the
length, then the lists of `entry` in `marshal`'s format, which rebuilds plain values and never
runs code, read at a third less than the same in JSON), after a header record with the key: a
build appends the articles it analysed, so that editing one article of thousands does not rewrite
them all; the file is written whole again when its stale records outnumber the live ones.

A record is the analysis without its blocks' HTML and text after the lead (what linking, planning
and the render memo read of every article) and where those HTML and text are: in a file of their
own (`analysis-tails.bin`, 34 of the 41 MB at 4,000 articles), each article's sealed apart, read
by offset and checked only when a page, a dossier's data or the search index asks for one of
them (`_Lazy`). An edit of one article of 4,000 reads and checks the 6 MB of records and a few
dozen tails, not all. A tail that does not verify when it is asked for (damaged after the records
were read, or not made here) is not used: its article is analysed again then (`again`), and
the cache is deleted for the next build to write it anew.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import marshal
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from itertools import starmap
from pathlib import Path
from typing import Any, BinaryIO

from ..model import BLOCK_SETTERS, Analysis, Block, FigureValue, Mention, Quote, Speaker, new_block
from . import seal

FOLDER = ".briefings-cache"
NAME = "analysis.bin"
FORMER = "analysis.jsonl"
"""The file of the format before (JSON lines), deleted when the cache is written whole."""
TAILS = "analysis-tails.bin"
FORMAT = 7
PURPOSE = "analysis"
TAIL_PURPOSE = "analysis tail"


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


def load(
    site_dir: Path, key: str, again: Callable[[str], Analysis] | None = None
) -> tuple[dict[str, Analysis], OnDisk]:
    """The entries written under `key`; none when the file is absent, stale or damaged.

    `again`: the analysis of the article with a given digest, made anew; asked for when the
    tail of that article's entry does not verify once read (without it, that is an error)."""
    folder = site_dir / FOLDER
    # Opened before the lines are read: a whole rewrite meanwhile gives tails that do not
    # verify against the lines (analysed again), never a mix taken for an entry.
    try:
        tails = _Tails(folder, again)
    except OSError:
        return {}, OnDisk()
    read = seal.read_records(folder / NAME, purpose=PURPOSE)
    if read is None or _loads(read[0][0]) != _header(key):  # type: ignore[arg-type]
        return {}, OnDisk()
    records, whole = read
    entries = {}
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    for record in records[1:]:
        if record is None:
            continue  # not made here: that article is analysed again
        try:
            digest, analysis = _from_record(_loads(record), shared, tails)
            entries[digest] = analysis
        except (KeyError, TypeError, ValueError):
            continue  # never made so: that article is analysed again
    # A last record cut short by a kill: the file is written anew, not appended to after it.
    return entries, OnDisk(frozenset(entries), len(records) - 1 if whole else -1)


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
            with (folder / TAILS).open("ab") as tails, (folder / NAME).open("ab") as file:
                file.writelines(_records(((d, keep[d]) for d in added), tails))
                tails.flush()  # the tails on disk before the records that point at them
            return OnDisk(on_disk.digests | frozenset(added), on_disk.lines + len(added))
        temporary = folder / f"{NAME}.{os.getpid()}"
        temporary_tails = folder / f"{TAILS}.{os.getpid()}"
        with temporary_tails.open("wb") as tails, temporary.open("wb") as file:
            file.write(seal.seal_record(_dumps(_header(key)), purpose=PURPOSE))
            file.writelines(_records(keep.items(), tails))
        # The tails first: records read meanwhile with the old tails fail their seals.
        temporary_tails.replace(folder / TAILS)
        temporary.replace(folder / NAME)
        (folder / FORMER).unlink(missing_ok=True)
        return OnDisk(frozenset(keep), len(keep))
    except OSError:
        # A read-only site folder still builds; it just is not cached.
        return on_disk


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_MARSHAL = 4
"""`marshal`'s format version: read by every Python since 3.4 (its first with version 4)."""


def _header(key: str) -> list[object]:
    return ["briefings analysis cache", FORMAT, key]


def _dumps(value: object) -> bytes:
    return marshal.dumps(value, _MARSHAL)


def _loads(record: memoryview) -> Any:
    return marshal.loads(record)


def _records(items: Iterable[tuple[str, Analysis]], tails: BinaryIO) -> Iterator[bytes]:
    """The sealed records of `items`, their tails written to `tails` as they go."""
    at = tails.seek(0, os.SEEK_END)
    for digest, analysis in items:
        record, tail = _record(digest, analysis, at)
        if tail:
            tails.write(tail)
            at += len(tail)
        yield record


def _record(digest: str, analysis: Analysis, at: int) -> tuple[bytes, bytes]:
    """The sealed record of an analysis and its tail, to be written at offset `at` of the
    tails."""
    stored = entry(analysis)
    head = _lead_end(analysis.blocks)
    later = analysis.blocks[head:]
    tail = _ENCODER.encode([[b.html, b.text] for b in later]).encode() if later else b""
    # The blocks after the lead in few numbers each: their kind and topics as an index in a
    # table of the line's few pairs, and no level nor list tags where they have none.
    pairs: dict[tuple[str, tuple[str, ...]], int] = {}
    rows = []
    for b in later:
        row = [pairs.setdefault((b.kind, b.topics), len(pairs)), b.line, b.number]
        if b.level or b.list_start or b.list_end:
            row += [b.level, b.list_start, b.list_end]
        rows.append(row)
    stored[0] = [stored[0][:head], [[k, list(t)] for k, t in pairs], rows]
    # The tail's place and seal are in the record, which is sealed: a tail that verifies is
    # the one this record was written with.
    where = [at, len(tail), seal.mac(tail, purpose=TAIL_PURPOSE)] if tail else []
    return seal.seal_record(_dumps([digest, stored, where]), purpose=PURPOSE), tail


def _lead_end(blocks: tuple[Block, ...]) -> int:
    """How many blocks, from the first, are read with the analysis: up to the first numbered
    paragraph with text, which every article's page takes its description from
    (`stages.pages._lead`). Only speed depends on it: a later block's text asked for is read."""
    for index, block in enumerate(blocks):
        if block.number and block.text:
            return index + 1
    return len(blocks)


def _from_record(
    record: list[Any], shared: dict[tuple[str, ...], tuple[str, ...]], tails: _Tails
) -> tuple[str, Analysis]:
    """The digest and analysis of one record of the file, the blocks after the lead left
    unread."""
    digest, (rows, *rest), where = record
    head, pairs, tail = rows
    later: tuple[_Lazy, ...] = ()
    if tail:
        at, size, sealed = where
        if not tails.pieces.holds(at, size):
            raise ValueError("a tail beyond the file's end")  # cut short: analysed again
        unread = _Unread(tails, digest, len(head), at, size, sealed)
        kinds = []
        for kind, topics in pairs:
            found = tuple(topics)
            kinds.append((kind, shared.setdefault(found, found)))
        unread.blocks = later = tuple(_lazy(row, kinds, unread) for row in tail)
    return digest, from_entry([head, *rest], shared, later)


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
        figure_rows(analysis.figures),
    ]


def figure_rows(figures: Iterable[FigureValue]) -> list[list[Any]]:
    """Figure values as plain lists, every field of each (`from_entry` makes them again): what
    the cache holds of them, and what the render memo knows them by (`rerender._known_analyses`)."""
    return [
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
        for f in figures
    ]


def from_entry(
    entry: list[Any],
    shared: dict[tuple[str, ...], tuple[str, ...]] | None = None,
    later: tuple[Block, ...] = (),
) -> Analysis:
    """The analysis `entry` was made from (without diagnostics); `entry`'s lists are taken over.

    With `shared`, equal topic tuples are one object across the analyses read (a site has a few
    dozen combinations for its 100,000 blocks). `later`: blocks that follow the entry's."""
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
        blocks=(*map(_block, blocks), *later),
        quotes=tuple(starmap(Quote, quotes)),
        mentions=tuple(starmap(Mention, mentions)),
        topics=tuple(topics),
        figures=tuple(
            FigureValue(t, f, float(v), u, q, w, Speaker(pn, pi), dt.date.fromisoformat(d), b)
            for t, f, v, u, q, w, pn, pi, d, b in figures
        ),
    )


_BLOCK_FIELDS = tuple(f.name for f in fields(Block))
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
) = BLOCK_SETTERS


def _block(row: list[Any]) -> Block:
    """`Block(*row)` at half the cost (`model.new_block`; tests/test_cache.py compares both)."""
    return new_block(*row)


_get_html, _get_text = Block.html.__get__, Block.text.__get__  # type: ignore[attr-defined]


class _Tails:
    """The tails' file (`seal.Pieces`), opened when the records are read."""

    __slots__ = ("again", "lock", "pieces")

    def __init__(self, folder: Path, again: Callable[[str], Analysis] | None) -> None:
        outcome = "its article is analysed again, the cache written anew"
        self.pieces = seal.Pieces(folder / TAILS, folder / NAME, outcome)
        self.again = again
        self.lock = threading.Lock()  # the search index's thread may ask as the pages do

    def read(self, digest: str, lead: int, at: int, size: int, sealed: str) -> list[Any]:
        """The HTML and text of the blocks after the first `lead` of the article `digest`."""
        data = self.pieces.read(at, size, sealed, purpose=TAIL_PURPOSE)
        if data is not None:
            return json.loads(data)  # type: ignore[no-any-return]
        # Changed since the records were read: never used, the article is analysed again.
        if self.again is None:
            raise ValueError(f"{self.pieces.path}: a tail that does not verify, and no analysis")
        return [[b.html, b.text] for b in self.again(digest).blocks[lead:]]


class _Unread:
    """The HTML and text of an analysis's blocks after its lead, as a sealed tail in the tails'
    file (`_Tails`) until one of them is asked for: then all at once, the seal checked."""

    __slots__ = ("at", "blocks", "digest", "lead", "sealed", "size", "tails")

    def __init__(
        self, tails: _Tails, digest: str, lead: int, at: int, size: int, sealed: str
    ) -> None:
        self.tails: _Tails | None = tails
        self.digest = digest
        self.lead = lead
        self.at = at
        self.size = size
        self.sealed = sealed
        self.blocks: tuple[_Lazy, ...] = ()

    def read(self) -> None:
        tails = self.tails
        if tails is None:
            return
        with tails.lock:
            if self.tails is None:
                return  # read meanwhile by another thread
            pairs = tails.read(self.digest, self.lead, self.at, self.size, self.sealed)
            for block, (html, text) in zip(self.blocks, pairs, strict=True):
                _set_html(block, html)
                _set_text(block, text)
            self.tails, self.blocks = None, ()  # the slots set before it is seen as read


class _Lazy(Block):
    """A block read from the cache whose HTML and text stay in the cache line until asked for.

    Equal to, and hashed as, the `Block` with the same fields; copied or pickled as that `Block`.
    """

    __slots__ = ("_unread",)

    @property  # type: ignore[override]
    def html(self) -> str:
        _read(self)
        return _get_html(self)  # type: ignore[no-any-return]

    @html.setter
    def html(self, value: str) -> None:  # `dataclasses.replace` through `Block.__init__`
        _set_html(self, value)

    @property  # type: ignore[override]
    def text(self) -> str:
        _read(self)
        return _get_text(self)  # type: ignore[no-any-return]

    @text.setter
    def text(self, value: str) -> None:
        _set_text(self, value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Block):
            return _values(self) == _values(other)
        return NotImplemented

    __hash__ = Block.__hash__

    def __reduce__(self) -> tuple[type[Block], tuple[Any, ...]]:
        return Block, _values(self)


def _values(block: Block) -> tuple[Any, ...]:
    return tuple(getattr(block, name) for name in _BLOCK_FIELDS)


_get_unread = _Lazy._unread.__get__  # type: ignore[attr-defined]
_set_unread = _Lazy._unread.__set__  # type: ignore[attr-defined]


def _read(block: _Lazy) -> None:
    try:
        unread = _get_unread(block)
    except AttributeError:
        return  # made by `_Lazy(...)` (a `dataclasses.replace`): every slot set
    if unread.tails is not None:
        unread.read()


def _lazy(row: list[Any], kinds: list[tuple[str, tuple[str, ...]]], unread: _Unread) -> _Lazy:
    """A block of the row `[pair, line, number]` or `[pair, line, number, level, start, end]`
    (`pair` the index of its kind and topics in `kinds`), its HTML and text to be read from
    `unread`."""
    block = _new(_Lazy)
    kind, topics = kinds[row[0]]
    _set_kind(block, kind)
    _set_line(block, row[1])
    _set_number(block, row[2])
    if len(row) > 3:
        _set_level(block, row[3])
        _set_start(block, row[4])
        _set_end(block, row[5])
    else:
        _set_level(block, 0)
        _set_start(block, "")
        _set_end(block, "")
    _set_topics(block, topics)
    _set_unread(block, unread)
    return block
