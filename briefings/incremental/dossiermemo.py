"""Each dossier's data as the last build wrote it, for the next build to take from.

A dossier's `index.json` holds every excerpt of its articles (8 MB at 4,000 articles), and is made
again whenever one of them changes: editing one article remakes three or four of them. An
article's excerpts in it depend only on its analysis (its file's digest, under the analysis
inputs), its slug, date, publisher's name and original URL, and the site's base URL. When those
are the ones recorded for the file, and the file still has the size, modification time and inode
it had once written, the article's excerpts and quotes are taken from it as they are
(`stages.pages.excerpt_pieces`, `quote_pieces`) rather than encoded again. So is the list of
its key figures' values (`stages.pages.figures_piece`: 6,000 values a dossier at 4,000
articles), made from its topic's figures, its values in order and their articles' slugs, and
the site's base URL alone: when their digest is the one recorded (the render memo knows each
value by what it is, `rerender._known_analyses`). Sealed JSON lines in
`.briefings-cache/dossiers.jsonl`, one per dossier after a header naming the output folder.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Article, Corpus, Dossier, Page
from ..stages.pages import (
    Taken,
    dossier_json,
    excerpt_articles,
    excerpt_pieces,
    figures_piece,
    quote_articles,
    quote_pieces,
)
from ..version import code_version
from . import seal
from .batch import analysis_key
from .fingerprint import Fingerprints, Unknown

NAME = "dossiers.jsonl"
FORMAT = 2
PURPOSE = "dossiers"

Stat = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class _Record:
    """What a dossier's data file was made from: its articles with excerpts, in its order,
    and each one's token."""

    stat: Stat
    key: str
    articles: tuple[str, ...]
    tokens: tuple[str, ...]
    quoted: tuple[str, ...]
    """The articles with quotes in it, in its order (each has excerpts: its token is there)."""
    figures: str
    """The digest of what its figures' list is made from (`_Figures`); empty: not known."""


class _Kept:
    """What a dossier's data can take from the file the last build wrote: asked for only when
    the file is made again (in whichever process makes it)."""

    def __init__(self, path: Path, record: _Record, tokens: _Tokens, figures: _Figures) -> None:
        self._path, self._record, self._tokens, self._figures = path, record, tokens, figures

    def __call__(self) -> Taken:
        record = self._record
        try:
            with open(self._path, "rb") as file:
                info = os.fstat(file.fileno())
                if (info.st_size, info.st_mtime_ns, info.st_ino) != record.stat:
                    return Taken({})
                data = file.read()
        except OSError:
            return Taken({})
        token = self._tokens.of
        same = [s for s, t in zip(record.articles, record.tokens, strict=True) if token(s) == t]
        figures = record.figures
        taken = figures_piece(data) if figures and figures == self._figures() else None
        if not same:
            return Taken({}, {}, taken)
        pieces = excerpt_pieces(data, record.articles)
        said = quote_pieces(data, record.quoted)
        return Taken(
            {slug: pieces[slug] for slug in same if slug in pieces},
            {slug: said[slug] for slug in same if slug in said},
            taken,
        )


class _Figures:
    """The digest of what a dossier's figures' list is made from, beside the site's base URL
    (in every record's key): its topic's figures, its values in their order, each known by what
    it is, and their articles' slugs. Made when first asked for; empty when the values are not
    known by the render memo's digests."""

    def __init__(self, dossier: Dossier, prints: Fingerprints | None) -> None:
        self._dossier, self._prints = dossier, prints
        self._made: str | None = None

    def __call__(self) -> str:
        if self._made is None:
            self._made = self._digest()
        return self._made

    def _digest(self) -> str:
        dossier, prints = self._dossier, self._prints
        if prints is None:
            return ""
        specs = tuple((s.id, s.label, s.unit) for s in dossier.topic.figures)
        values = tuple(f.value for f in dossier.figures)
        # The slugs as one string: a slug holds no NUL (`slugs.slugify`), and one string is
        # digested without a call per slug.
        slugs = "\0".join([f.article for f in dossier.figures])
        try:
            return prints.of((specs, values, slugs))
        except Unknown:
            return ""


class _Tokens:
    """Each article's token for this build: what its excerpts in a dossier's data are made of,
    besides its analysis's blocks (the analysis key names the inputs, the digest the file)."""

    def __init__(self, articles: Mapping[str, Article]) -> None:
        self._articles = articles
        self._done: dict[str, str] = {}

    def of(self, slug: str) -> str:
        found = self._done.get(slug)
        if found is None:
            article = self._articles.get(slug)
            if article is None:
                return ""
            text = "\0".join(
                (
                    article.digest,
                    article.date.date().isoformat(),
                    article.source.name,
                    article.url or "\1",
                )
            )
            found = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
            self._done[slug] = found
        return found


class DossierMemo:
    """The records of the dossiers' data files in the output, by output-relative path."""

    def __init__(self, store: Path | None = None) -> None:
        self._store = store
        self._records: dict[str, _Record] | None = None
        self._pending: tuple[str, _Tokens, dict[str, Dossier], dict[str, _Figures]] | None = None

    def prepare(
        self, pages: list[Page], corpus: Corpus, prints: Fingerprints | None = None
    ) -> list[Page]:
        """`pages`, each dossier's data given what it may take from the last build's file.
        `prints`: the render memo's digests of this build (`RenderMemo.fingerprints`), which
        know each figure value by what it is; without them the figures are made again."""
        folder = corpus.content.config.output
        records = self._loaded(folder)
        key = _key(corpus)
        tokens = _Tokens(corpus.articles)
        dossiers: dict[str, Dossier] = {}
        figures: dict[str, _Figures] = {}
        prepared = []
        for page in pages:
            if page.make is dossier_json:
                dossier = page.context["dossier"]
                assert isinstance(dossier, Dossier)
                dossiers[page.path] = dossier
                made_from = figures[page.path] = _Figures(dossier, prints)
                record = records.get(page.path)
                if record is not None and record.key == key:
                    kept = _Kept(folder / page.path, record, tokens, made_from)
                    page = replace(page, context={**page.context, "kept": kept})
            prepared.append(page)
        self._pending = (key, tokens, dossiers, figures)
        return prepared

    def written(self, folder: Path) -> None:
        """The output was written to `folder`: the dossiers' data files there are the next
        build's to take from."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        key, tokens, dossiers, figures = pending
        before = self._loaded(folder)
        records = {}
        for path, dossier in dossiers.items():
            try:
                info = os.stat(folder / path)
            except OSError:
                continue
            stat = (info.st_size, info.st_mtime_ns, info.st_ino)
            record = before.get(path)
            if record is not None and record.stat == stat and record.key == key:
                records[path] = record  # the same file: what it was made from is known
                continue
            articles = tuple(excerpt_articles(dossier))
            made = tuple(map(tokens.of, articles)), tuple(quote_articles(dossier)), figures[path]()
            records[path] = _Record(stat, key, articles, *made)
        self._records = records
        if self._store is not None and records != before:
            _save(self._store, folder, records)

    def _loaded(self, folder: Path) -> dict[str, _Record]:
        if self._records is None:
            self._records = _load(self._store, folder) if self._store is not None else {}
        return self._records


def _key(corpus: Corpus) -> str:
    """What every dossier's data shares: the analysis inputs, the site's address, the code."""
    parts = (str(FORMAT), analysis_key(corpus.content), corpus.content.config.base_url)
    return hashlib.blake2b("\0".join((*parts, code_version())).encode(), digest_size=16).hexdigest()


def _load(store: Path, folder: Path) -> dict[str, _Record]:
    read = seal.read_after(store, purpose=PURPOSE, header={"format": FORMAT, "output": str(folder)})
    if read is None:
        return {}
    try:
        records = {}
        for line in read[0]:
            if line is None:
                continue  # not made here, or cut short: that dossier's data is made whole
            path, size, mtime, inode, key, articles, tokens, quoted, figures = json.loads(line)
            if len(articles) == len(tokens):
                made = tuple(articles), tuple(tokens), tuple(quoted), figures
                records[path] = _Record((size, mtime, inode), key, *made)
        return records
    except (ValueError, TypeError):
        return {}


def _save(store: Path, folder: Path, records: dict[str, _Record]) -> None:
    header = json.dumps({"format": FORMAT, "output": str(folder)})
    rows = (
        json.dumps(
            [path, *r.stat, r.key, r.articles, r.tokens, r.quoted, r.figures], ensure_ascii=False
        )
        for path, r in records.items()
    )
    try:
        store.parent.mkdir(exist_ok=True)
        temporary = store.with_name(f"{store.name}.{os.getpid()}")
        with temporary.open("w", encoding="utf-8") as file:
            file.write(seal.seal_line(header, purpose=PURPOSE))
            file.writelines(seal.seal_line(row, purpose=PURPOSE) for row in rows)
        temporary.replace(store)
    except OSError:
        pass  # a read-only site folder still builds; its dossiers' data are made whole
