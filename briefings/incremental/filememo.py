"""Articles parsed by earlier builds, kept by file: reading and validating thousands of front
matters again is most of what loading a large site costs.

An entry is reused only while its file has the same size, modification time and inode, and the
parse's other inputs (the settings, the topic, people and source ids) are those it was made with.
A file saved less than two seconds before it was read is not kept at all: a second save within the
file system's time resolution would not show in its stats. `serve` keeps the memo in memory;
`briefings build` keeps it in `.briefings-cache/articles.jsonl`, one line per file (JSON: a cache
that came with a cloned repository cannot run code; each line sealed with this machine's key, so
that one written elsewhere is never taken for a file's content), appended to as files change.
An article's Markdown body is in a file of its own (`articles-bodies.bin`, 17 of the 19 MB at
4,000 articles), sealed where its line points at it (`seal.Pieces`), read and checked only when
asked for (`_Lazy`): a build that takes every analysis from its cache reads none of them. A
body that does not verify then is never used: its file is read again (`again`), and the memo
deleted for the next build to write anew.

A line starts with the article's fields that the theme's templates may show, in JSON, before a
first tab: a hash of that text (`Parsed.token`) stands for the article in the render memo's
digests (`tokens`), so that a build does not digest thousands of unchanged articles field by
field again. The article read back is made from that text, so the same text is the same value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, BinaryIO

from ..model import Article, Diagnostic, ExplicitQuote, Publisher
from ..version import code_version
from . import seal

NAME = "articles.jsonl"
BODIES = "articles-bodies.bin"
FORMAT = 5
PURPOSE = "articles"
BODY_PURPOSE = "article body"
RACY_NS = 2_000_000_000

Stat = tuple[int, int, int]
"""Size, modification time in ns, inode."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """What reading and validating one article file gave."""

    stat: Stat
    article: Article | None
    """None when the file has errors."""
    found: tuple[Diagnostic, ...]
    """Its errors and warnings."""
    slug_at: tuple[int, int] | None
    """Where an explicit `slug:` is written."""
    token: bytes = b""
    """A hash of the article's shown fields as its memo line has them (`_shown`); empty when
    the memo has no line for it (its stats too recent to trust)."""


@dataclass(slots=True)
class ArticleMemo:
    """Parsed articles by site-relative path, valid for one `context`."""

    store: Path | None = None
    """The file that keeps the memo between processes, or None (in memory only)."""
    context: str = ""
    entries: dict[str, Parsed] = field(default_factory=dict)
    _loaded: bool = False
    _lines: int = -1
    """Lines of the store, stale ones included; -1 when it must be written whole."""
    _added: dict[str, Parsed] = field(default_factory=dict)
    _unkept: dict[str, Parsed] = field(default_factory=dict)
    """This build's articles too recent to keep, held for their tokens: the same token as
    when the memo keeps them at the next build, so that their pages are not made again then."""
    _again: list[Callable[[str], str | None]] = field(default_factory=list)
    """The latest build's reading of an article file's body again, by path."""

    def begin(self, inputs: object, again: Callable[[str], str | None] | None = None) -> None:
        """Start a build whose articles are parsed with `inputs` (settings and known ids);
        `again` reads the body of the article file at a path anew, for a body kept on disk that
        does not verify when it is asked for."""
        context = hashlib.blake2b(
            repr((FORMAT, code_version(), inputs)).encode(), digest_size=16
        ).hexdigest()
        self._again[:] = [again] if again is not None else []
        if not self._loaded:
            self._loaded = True
            read = _load(self.store, context, self._again)
            self.context, self.entries, self._lines = context, *read
        if context != self.context:
            self.context, self.entries, self._lines = context, {}, -1
        self._added, self._unkept = {}, {}

    def get(self, rel: str, stat: Stat) -> Parsed | None:
        parsed = self.entries.get(rel)
        return parsed if parsed is not None and parsed.stat == stat else None

    def put(self, rel: str, parsed: Parsed) -> None:
        if parsed.article is not None:
            parsed = replace(parsed, token=_token(_shown(parsed.article).encode()))
        if parsed.stat[1] > time.time_ns() - RACY_NS:
            self.entries.pop(rel, None)  # too recent to trust its stats next time
            self._unkept[rel] = parsed
            return
        self.entries[rel] = parsed
        self._added[rel] = parsed

    def tokens(self) -> dict[int, bytes]:
        """Each article the memo holds, by id, and the token that stands for its shown fields;
        and this build's articles too recent for it to keep.

        Only the memo's own objects, which it holds while their ids are asked for: an id is
        never another object's."""
        tokens = {id(p.article): p.token for p in self.entries.values() if p.token}
        tokens.update((id(p.article), p.token) for p in self._unkept.values() if p.token)
        return tokens

    def end(self, present: set[str]) -> None:
        """The build read the files `present`: forget the others, and keep the memo."""
        for rel in [r for r in self.entries if r not in present]:
            del self.entries[rel]
        if self.store is None or (not self._added and self._lines >= 0):
            return
        try:
            self.store.parent.mkdir(exist_ok=True)
            (self.store.parent / ".gitignore").write_text("*\n")
            bodies = self.store.with_name(BODIES)
            if self._lines >= 0 and self._lines + len(self._added) <= 2 * len(self.entries):
                with bodies.open("ab") as kept, self.store.open("ab") as file:
                    file.writelines(_lines(self._added.items(), kept))
                    kept.flush()  # the bodies on disk before the lines that point at them
                self._lines += len(self._added)
            else:
                temporary = self.store.with_name(f"{self.store.name}.{os.getpid()}")
                temporary_bodies = bodies.with_name(f"{BODIES}.{os.getpid()}")
                with temporary_bodies.open("wb") as kept, temporary.open("wb") as file:
                    header = json.dumps({"format": FORMAT, "context": self.context})
                    file.write(seal.seal_line(header, purpose=PURPOSE).encode())
                    file.writelines(_lines(self.entries.items(), kept))
                # The bodies first: lines read meanwhile with the old bodies fail their seals.
                temporary_bodies.replace(bodies)
                temporary.replace(self.store)
                self._lines = len(self.entries)
        except OSError:
            return  # a read-only site folder still builds
        self._added = {}


def _load(
    store: Path | None, context: str, again: list[Callable[[str], str | None]]
) -> tuple[dict[str, Parsed], int]:
    if store is None:
        return {}, -1
    try:
        # Opened before the lines are read: a whole rewrite meanwhile gives bodies that do not
        # verify against the lines (read again), never a mix taken for an article.
        outcome = "the article's file is read again, the memo written anew"
        bodies = _Bodies(seal.Pieces(store.with_name(BODIES), store, outcome), again)
    except OSError:
        return {}, -1
    read = seal.read_after(store, purpose=PURPOSE, header={"format": FORMAT, "context": context})
    if read is None:
        return {}, -1
    lines, whole = read
    entries = {}
    for line in lines:
        if line is None:
            continue  # cut short by a kill, or not made here: that file is read again
        try:
            shown = line.index(b"\t")
            data = json.loads(line[shown + 1 :])
            rel, parsed = _parsed(line[:shown], data, bodies)
        except (KeyError, TypeError, ValueError):
            continue  # cut short by a kill: that file is read again
        entries[rel] = parsed
    # A last line cut short by a kill: the next save writes the store anew, not after it.
    return entries, len(lines) if whole else -1


def _token(shown: bytes) -> bytes:
    return hashlib.blake2b(shown, digest_size=16, person=b"shown article").digest()


def _shown(a: Article) -> str:
    """The JSON of an article's fields but its body, `body_line` and `digest`: those the
    theme's templates may show (`fingerprint._SHOWN`)."""
    return json.dumps(
        [
            a.path,
            a.slug,
            a.title,
            a.date.isoformat(),
            a.has_time,
            [a.source.id, a.source.name, a.source.url],
            a.url,
            a.lang,
            list(a.topics),
            list(a.people),
            a.summary,
            a.draft,
            [[q.text, q.by, q.line] for q in a.quotes],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _lines(items: Iterable[tuple[str, Parsed]], bodies: BinaryIO) -> Iterator[bytes]:
    """The sealed lines of `items`, their bodies written to `bodies` as they go."""
    at = bodies.seek(0, os.SEEK_END)
    for rel, parsed in items:
        line, body = _line(rel, parsed, at)
        bodies.write(body)
        at += len(body)
        yield line


def _line(rel: str, parsed: Parsed, at: int) -> tuple[bytes, bytes]:
    """The sealed line of a file's parse, and its article's body to be written at offset `at`
    of the bodies' file (its place and seal in the line)."""
    a = parsed.article
    found = [
        [d.path, d.line, d.col, d.message, d.hint, d.severity, d.source_line] for d in parsed.found
    ]
    body = json.dumps(a.body, ensure_ascii=False).encode() if a is not None else b""
    lines = [a.body_line, a.digest, at, len(body), _seal(body)] if a is not None else None
    data = [rel, list(parsed.stat), lines, found, parsed.slug_at]
    shown = _shown(a) if a is not None else "null"
    # JSON escapes every tab inside a string: a tab cuts a line into its two parts.
    text = f"{shown}\t{json.dumps(data, ensure_ascii=False, separators=(',', ':'))}"
    return seal.seal_line(text, purpose=PURPOSE).encode(), body


def _seal(body: bytes) -> str:
    return seal.mac(body, purpose=BODY_PURPOSE)


def _parsed(text: bytes, data: list[Any], bodies: _Bodies) -> tuple[str, Parsed]:
    rel, stat, lines, found, slug_at = data
    article: Article | None = None
    shown = json.loads(text)
    token = b""
    if shown is not None:
        token = _token(text)
        path, slug, title, date, has_time, source, url, lang, topics, people = shown[:10]
        summary, draft, quotes = shown[10:]
        body_line, digest, at, size, sealed = lines
        if not bodies.pieces.holds(at, size):
            raise ValueError("a body beyond the file's end")  # cut short: the file read again
        moment = dt.datetime.fromisoformat(date)
        if moment.tzinfo is None:
            raise ValueError("a stored date lost its time zone")
        article = _Lazy(
            path,
            slug,
            title,
            moment,
            has_time,
            Publisher(*source),
            url,
            lang,
            tuple(topics),
            tuple(people),
            summary,
            draft,
            tuple(ExplicitQuote(*q) for q in quotes),
            "",
            body_line,
            digest,
        )
        _set_unread(article, _Unread(bodies, rel, at, size, sealed))
    diagnostics = tuple(Diagnostic(*d) for d in found)
    where = (int(slug_at[0]), int(slug_at[1])) if slug_at else None
    stats = (int(stat[0]), int(stat[1]), int(stat[2]))
    return rel, Parsed(stats, article, diagnostics, where, token)


_get_body, _set_body = Article.body.__get__, Article.body.__set__  # type: ignore[attr-defined]


class _Bodies:
    """The bodies' file (`seal.Pieces`), opened when the memo is read."""

    __slots__ = ("again", "lock", "pieces")

    def __init__(self, pieces: seal.Pieces, again: list[Callable[[str], str | None]]) -> None:
        self.pieces = pieces
        self.again = again
        self.lock = threading.Lock()  # the bodies may be asked for by more than one thread

    def read(self, rel: str, at: int, size: int, sealed: str) -> str:
        data = self.pieces.read(at, size, sealed, purpose=BODY_PURPOSE)
        if data is not None:
            body = json.loads(data)
            if not isinstance(body, str):
                raise ValueError("an article's body is not text")  # never: the seal held
            return body
        # Changed since the lines were read: never used, the file is read again. (Should the
        # file have changed since the build looked at it too, its new body is the one shown,
        # as when a file changes while a build reads the site: the next build sees it.)
        body = self.again[0](rel) if self.again else None
        if body is None:
            path = self.pieces.path
            raise ValueError(f"{rel}: its body kept in {path} does not verify, nor can it be read")
        return body


class _Unread:
    """An article's body in the bodies' file (`_Bodies`), sealed, until it is asked for."""

    __slots__ = ("at", "bodies", "rel", "sealed", "size")

    def __init__(self, bodies: _Bodies, rel: str, at: int, size: int, sealed: str) -> None:
        self.bodies: _Bodies | None = bodies
        self.rel = rel
        self.at = at
        self.size = size
        self.sealed = sealed

    def read(self, article: Article) -> None:
        bodies = self.bodies
        if bodies is None:
            return
        with bodies.lock:
            if self.bodies is not None:
                _set_body(article, bodies.read(self.rel, self.at, self.size, self.sealed))
                self.bodies = None  # after the slot is set: another thread may look


class _Lazy(Article):
    """An article read from the memo whose body stays in the memo line until asked for.

    Equal to, and hashed as, the `Article` with the same fields; copied or pickled as that
    `Article`; digested as one (`fingerprint`)."""

    __slots__ = ("_unread",)

    @property  # type: ignore[override]
    def body(self) -> str:
        try:
            unread = _get_unread(self)
        except AttributeError:
            unread = None  # made by `_Lazy(...)` (a `dataclasses.replace`): every slot set
        if unread is not None and unread.bodies is not None:
            unread.read(self)
        return _get_body(self)  # type: ignore[no-any-return]

    @body.setter
    def body(self, value: str) -> None:  # `Article.__init__`, `dataclasses.replace`
        _set_body(self, value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Article):
            return _values(self) == _values(other)
        return NotImplemented

    __hash__ = Article.__hash__

    def __reduce__(self) -> tuple[type[Article], tuple[Any, ...]]:
        return Article, _values(self)


_FIELDS = tuple(f.name for f in fields(Article))
_get_unread = _Lazy._unread.__get__  # type: ignore[attr-defined]
_set_unread = _Lazy._unread.__set__  # type: ignore[attr-defined]


def _values(article: Article) -> tuple[Any, ...]:
    return tuple(getattr(article, name) for name in _FIELDS)
