"""Search: a Pagefind index of the articles, dossiers and quotes, built into the output in shards.

A quote is a section of its article's page (`_record_page`), found as a sub-result of it.

The records come from the model, not from the rendered pages, so what can be found does not
depend on the templates a site overrides. Pagefind (`stages.pagefind`) turns them into the static
index under `pagefind/`, which the search page loads from the site itself: no request leaves it,
and every result URL carries the base path. `search: false` in site.yaml leaves out the index, the
search page and the header's search box.

A large site's index is cut into shards by article: each article, with its quotes, goes to the
shard its slug's hash names, and the dossiers go with shard 0, whose index is the bundle's own
(`pagefind/`); the others are in `pagefind/<n>/`, listed in `pagefind/shards.json`, and the search
page merges them in the browser (Pagefind's `mergeIndex`), asking the lexicon (`stages.lexicon`)
first which shards hold the words searched for. A shard, or a part of the lexicon, is indexed
again only when something it was made from changed (`plan`; the memo, `incremental.searchmemo`,
keeps the others), so an edit costs the index of one shard and of a part or two of the lexicon;
they are indexed side by side, one Pagefind per core, and no Pagefind holds a whole large site.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from .. import progress, urls
from ..diagnostics import ContentError
from ..i18n import Language
from ..incremental.batch import analysis_key
from ..incremental.searchmemo import Entry, SearchMemo
from ..model import Analysed, Corpus, Diagnostic, Output, Page
from ..text.typography import for_language
from ..version import code_version
from . import lexicon, pagefind

BUNDLE = "pagefind/"
"""Where the index and Pagefind's scripts live in the output."""
MANIFEST = "shards.json"
"""In the bundle: the folders of the shards the search page merges into the bundle's own."""
KINDS = ("article", "dossier", "quote")
"""The `type` filter's values; the search page names them in the site's language."""
ARTICLES_PER_SHARD = 256
"""About how many articles a shard holds, up to MAX_SHARDS: an edit indexes that many again
(at 4,000 articles, a quarter of a second of Pagefind's time)."""
MAX_SHARDS = 16
"""The browser fetches two files per shard before the first search, and one per shard and word
of each search: beyond this, shards grow rather than multiply. At 4,000 articles, 64 shards made
the first search fetch 262 files (1.5 to 2.1 s in Chromium), 16 fetch 118 (1.1 to 1.4 s)."""
FORMAT = 2
"""Of the shards' digests: changed when what goes into a shard's index changes shape."""
# Pagefind ships several ready-made interfaces; the search page has its own, on pagefind.js.
_UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
# What a merged shard needs: the browser runs the bundle's own scripts and WebAssembly.
_SHARD_FILES = ("fragment/", "index/", "filter/")


Site = Analysed | Corpus
"""What the index is made from: the analysed articles (a build starts its index before linking),
or the linked site, which holds them too."""


@dataclass(frozen=True, slots=True)
class Record:
    """One search result: an article, a dossier or a quote."""

    url: str
    """Absolute path, base path included (`/repo/articles/slug/#p-3`)."""
    kind: str
    """One of KINDS."""
    title: str
    content: str
    """The plain text that is searched and excerpted, in the language's typography: Pagefind
    cuts words at white space, and French puts a no-break space between `«` and a word."""
    dossiers: tuple[str, ...]
    """Topic ids, for the dossier filter."""
    meta: tuple[tuple[str, str], ...] = ()
    """Shown under the title: the kind, the date, the dossiers' titles (already localized)."""
    terms: str = ""
    """More words that find the record without being shown (a dossier's keywords)."""
    lang: str = ""
    """The language of the text: the search page sets French excerpts in French typography."""


@dataclass(frozen=True, slots=True)
class Shard:
    """A part of the index: the records of some articles, and the dossiers' in shard 0."""

    name: str
    """Its number: `"0"`, `"5"`."""
    folder: str
    """Bundle-relative: `""` for shard 0, `"5/"` for shard 5."""
    slugs: tuple[str, ...]
    """Its articles, in the site's order."""
    digest: str
    """Of everything its records are made from: the same digest, the same index."""


def records(corpus: Site) -> list[Record]:
    """Every searchable thing of the site, in a stable order."""
    words = _Words(corpus)
    found = dossier_records(corpus, words)
    for slug in corpus.articles:
        found += article_records(corpus, slug, words)
    return found


class _Words:
    """What the records of one site share: its language's strings and the dossiers' titles."""

    def __init__(self, corpus: Site) -> None:
        config = corpus.content.config
        self.language = Language(config.language)
        self.t = self.language.gettext()
        self.titles = {topic.id: topic.title for topic in corpus.content.topics}

    def meta(
        self, kind: str, date: str, topics: tuple[str, ...], article: str = ""
    ) -> tuple[tuple[str, str], ...]:
        shown = [("kind", self.t(f"kind_{kind}")), ("date", date), ("article", article)]
        shown.append(("dossiers", ", ".join(self.titles[i] for i in topics if i in self.titles)))
        return tuple((key, value) for key, value in shown if value)


def dossier_records(corpus: Site, words: _Words | None = None) -> list[Record]:
    """The dossiers' records, in the site's order: one per topic, as linking makes them."""
    words = words or _Words(corpus)
    config = corpus.content.config
    found = []
    for topic in corpus.content.topics:
        terms = (*topic.keywords, *topic.context_keywords)
        keywords = " ".join(k.rstrip("*") for k in terms)
        overview = _text_of(corpus.overviews.get(topic.id, ""))
        found.append(
            Record(
                config.base_path + urls.dossier(topic.id),
                "dossier",
                words.t("dossier_named").format(title=topic.title),
                for_language("\n".join(x for x in (topic.summary, overview) if x), config.language),
                (topic.id,),
                words.meta("dossier", "", ()),
                keywords,
                config.language,
            )
        )
    return found


def article_records(corpus: Site, slug: str, words: _Words | None = None) -> list[Record]:
    """An article's record, then its quotes'. What they are made from is in `shard_digest`."""
    words = words or _Words(corpus)
    base = corpus.content.config.base_path
    article = corpus.articles[slug]
    analysis = corpus.analyses[slug]
    date = words.language.date(article.date)
    body = "\n".join(block.text for block in analysis.blocks if block.text)
    lang = article.lang
    title = for_language(article.title, lang)
    found = [
        Record(
            base + urls.article(slug),
            "article",
            title,
            for_language("\n".join(x for x in (article.summary, body) if x), lang),
            analysis.topics,
            words.meta("article", date, analysis.topics),
            lang=lang,
        )
    ]
    for quote in analysis.quotes:
        # Its own topics (`text.routing.quote_topics`), else the article's.
        topics = quote.topics or analysis.topics
        # Titles are searched too: a quote's is its speaker, so a name finds what they said.
        found.append(
            Record(
                base + urls.article(slug, quote.first_block),
                "quote",
                quote.speaker.name or words.t("speaker_unknown"),
                for_language(quote.text, lang),
                topics,
                words.meta("quote", date, topics, title),
                lang=lang,
            )
        )
    return found


def shard_count(articles: int) -> int:
    """How many shards a site of this many articles is cut into: a power of two, so that a
    site growing past a threshold has each shard split in two."""
    count = 1
    while count < MAX_SHARDS and count * ARTICLES_PER_SHARD < articles:
        count *= 2
    return count


def shard_of(slug: str, count: int) -> int:
    digest = hashlib.blake2b(slug.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


def plan(corpus: Site, engine: str) -> list[Shard]:
    """The site's shards, shard 0 first and always there; `engine` tells the Pagefind binary.

    A digest is made from what an article's records are made from, not from the records (making
    them all took seconds on a large site): the article file's bytes and its slug (its fields,
    its analysis), the analysis inputs and the tool's version (`analysis_key`: keywords, people,
    the site's language), the base path, and the titles of the dossiers its records show. Shard
    0 adds its dossiers' records themselves.
    """
    config = corpus.content.config
    language = _language(corpus)
    count = shard_count(len(corpus.articles))
    buckets: dict[int, list[str]] = {0: []}
    for slug in corpus.articles:
        buckets.setdefault(shard_of(slug, count), []).append(slug)
    titles = {topic.id: topic.title for topic in corpus.content.topics}
    shared = [FORMAT, code_version(), engine, analysis_key(corpus.content), config.base_path]
    site = hashlib.blake2b(json.dumps([*shared, language, count]).encode(), digest_size=16)
    shards = []
    for number in sorted(buckets):
        digest = site.copy()
        if number == 0:
            for record in dossier_records(corpus):
                digest.update(_record_page(record, language).encode() + b"\0")
        shown: set[str] = set()
        for slug in buckets[number]:
            digest.update(f"{slug}\0{corpus.articles[slug].digest}\0".encode())
            analysis = corpus.analyses[slug]
            shown.update(analysis.topics, *(quote.topics for quote in analysis.quotes))
        # A dossier's title is in the results of its articles and quotes: a new title is a
        # new index for the shards that hold some, and for them only.
        digest.update(json.dumps(sorted((i, titles[i]) for i in shown if i in titles)).encode())
        folder = "" if number == 0 else f"{number}/"
        shards.append(Shard(str(number), folder, tuple(buckets[number]), digest.hexdigest()))
    return shards


FEW_SHARDS = 2
"""Indexes (shards) to make again at most for `few_to_index`: what an edit of an article or two
costs."""


def few_to_index(corpus: Site, memo: SearchMemo, folder: Path) -> dict[str, Entry] | None:
    """The shards kept, their files checked, when the index of this build is a few shards to
    make again (else None): then `build` has Pagefind make them from the end of the analysis,
    beside the linking and the pages, which it makes without workers (a cold build's index
    starts once the renderer's workers are forked), and hands these to `Indexing.start`."""
    try:
        engine = pagefind.identity()
    except pagefind.PagefindError:
        return None  # `search_index` says why, in its turn
    shards = plan(corpus, engine)
    # By their digests first: a cold build's files are not looked at here.
    if sum(memo.digest(folder, s.folder) != s.digest for s in shards) > FEW_SHARDS:
        return None
    # The kept shards' files (4,000 at 4,000 articles) are checked here, not in the index's
    # thread: there each `lstat` gave the GIL up to the linking beside it and waited to take it
    # back, and Pagefind had its pages 0.1 to 0.45 s after the analysis rather than at once.
    kept = {}
    for shard in shards:
        entry = memo.kept(folder, shard.folder, shard.digest)
        if entry is not None:
            kept[shard.folder] = entry
    return kept if len(shards) - len(kept) <= FEW_SHARDS else None


def with_search(
    output: Output, corpus: Corpus, memo: SearchMemo | None, indexing: Indexing | None
) -> Output:
    """The rendered site with the index `indexing` made (`prepare_search`, for the same corpus
    and memo; None when search is off); a file the site made itself wins.

    With a `memo`, the shards the output still holds as they should be are kept as they are.
    """
    if indexing is None:
        return output
    progress.stage("indexing for search")
    made = output.files.keys() | output.staged | output.kept
    index = indexing.result()
    added = {p: data for p, data in index.files.items() if p not in made}
    if memo is not None:
        # A shard one of whose files the site replaced is not the one Pagefind made.
        memo.stash({k: v for k, v in index.shards.items() if not v.files & made})
    return replace(output, files={**output.files, **added}, kept=output.kept | (index.kept - made))


def prepare_search(corpus: Site, memo: SearchMemo | None = None) -> Indexing | None:
    """The search index to make beside the pages, or None when search is off.

    Its records come from the model, not from the rendered pages, so Pagefind can index while
    the pages are rendered: its services are processes of their own, and take the core the
    build leaves idle (the rendering's stragglers) instead of running after it all. It is
    started (`Indexing.start`) when no worker process is to be forked any more: at once when the
    pages are then made in the build's process alone, else by the renderer once its workers
    are forked. A worker forked while the index's thread holds a lock (Babel's locale data, say)
    would find it held forever. `with_search` takes the index; `cancel` drops it.
    """
    if not corpus.content.config.search:
        return None
    return Indexing(corpus, memo)


class Indexing:
    """A search index made in a thread beside the build (`prepare_search`)."""

    def __init__(self, corpus: Site, memo: SearchMemo | None) -> None:
        self._stop = threading.Event()
        self._made: list[Index] = []
        self._failed: list[BaseException] = []
        self._kept: dict[str, Entry] | None = None
        self._thread = threading.Thread(
            target=self._run, args=(corpus, memo), name="briefings-search", daemon=True
        )

    def start(self, kept: dict[str, Entry] | None = None) -> None:
        """Begin, once no process is to be forked before the index is made; again, nothing.
        `kept`: the shards kept, as `few_to_index` has just checked them."""
        if self._thread.ident is None:
            self._kept = kept
            self._thread.start()

    def _run(self, corpus: Site, memo: SearchMemo | None) -> None:
        try:
            folder = corpus.content.config.output
            index = search_index(corpus, memo, folder, self._stop, self._kept)
            if not self._stop.is_set():  # else some indexes may be missing
                self._made.append(index)
        except BaseException as error:  # raised again by `result`, in the build's thread
            self._failed.append(error)

    def result(self) -> Index:
        """The index, once made; raises what making it raised."""
        self.start()  # a build that rendered nothing
        self._thread.join()
        if self._failed:
            raise self._failed[0]
        if not self._made:
            raise RuntimeError("the search index was cancelled")
        return self._made[0]

    def cancel(self) -> None:
        """Stop after the indexes being made (a build that failed does not wait for the rest)."""
        self._stop.set()
        if self._thread.ident is not None:
            self._thread.join()


@dataclass(frozen=True, slots=True)
class Index:
    """The search index of a build: the files made, those kept, and what each index holds."""

    files: dict[str, bytes]
    kept: frozenset[str]
    """The files of the indexes kept, as the output holds them."""
    shards: dict[str, Entry]
    """Bundle folder of each index (shard or part of the lexicon) to what it was made from."""


def search_index(
    corpus: Site,
    memo: SearchMemo | None,
    folder: Path,
    stop: threading.Event | None = None,
    kept: dict[str, Entry] | None = None,
) -> Index:
    """The index's files: the indexes whose inputs changed made again, the others kept (with a
    memo; `kept`: the shards kept, already checked, the others made again). A site of more than
    one shard has a lexicon (`stages.lexicon`). Once `stop` is set, no more indexes are started,
    and what is returned is incomplete.

    Raises ContentError when the index cannot be made (no Pagefind binary for this machine).
    """
    try:
        engine = pagefind.identity()
        shards = plan(corpus, engine)
        language = _language(corpus)
        split = len(shards) > 1
        entries: dict[str, Entry] = {}
        jobs = []
        learnt: dict[str, lexicon.Words] = {}  # the words of the shards made again
        for shard in shards:
            if kept is not None:  # checked by `few_to_index`
                known = kept.get(shard.folder)
            else:
                known = memo.kept(folder, shard.folder, shard.digest) if memo else None
            if known is not None and (known.words is not None or not split):
                entries[shard.folder] = known
                continue
            entries[shard.folder] = Entry(shard.digest, frozenset())
            pages = _pages(corpus, shard, language, learnt if split else None)
            jobs.append(pagefind.Job(shard.folder, pages, len(shard.slugs) + 1))

        def lexicon_jobs() -> list[pagefind.Job]:
            # Once every shard made again has told its words.
            words = {}
            for shard in shards:
                entry = entries[shard.folder]
                if shard.name in learnt:
                    entries[shard.folder] = replace(entry, words=learnt[shard.name])
                words[shard.name] = dict(entries[shard.folder].words or {})
            return _lexicon_jobs(words, engine, language, memo, folder, entries)

        made = pagefind.index_all(jobs, language, lexicon_jobs if split else None, stop)
    except pagefind.PagefindError as error:
        raise ContentError([_unavailable(error)]) from error
    files: dict[str, bytes] = {}
    kept = frozenset(p for name, e in entries.items() if name not in made for p in e.files)
    for name, bundle in made.items():
        mine = {BUNDLE + name + p: data for p, data in bundle.items() if _wanted(p, name)}
        files.update(mine)
        entries[name] = replace(entries[name], files=frozenset(mine))
    listed = {
        "shards": [shard.folder for shard in shards if shard.folder],
        "lexicon": sorted(name for name in entries if name.startswith(lexicon.FOLDER)),
        "parts": lexicon.groups() if split else {},
    }
    files[BUNDLE + MANIFEST] = (json.dumps(listed, sort_keys=True) + "\n").encode()
    return Index(files, kept, entries)


def _lexicon_jobs(
    words: dict[str, lexicon.Words],
    engine: str,
    language: str,
    memo: SearchMemo | None,
    folder: Path,
    entries: dict[str, Entry],
) -> list[pagefind.Job]:
    """The parts of the lexicon to make again; the others go to `entries` as kept."""
    jobs = []
    for name in [*(part[0] for part in lexicon.PARTS), lexicon.OTHER]:
        pages = lexicon.pages(words, name)
        if not pages:
            continue
        where = f"{lexicon.FOLDER}{name}/"
        digest = hashlib.blake2b(
            json.dumps([FORMAT, code_version(), engine, language, pages]).encode(), digest_size=16
        ).hexdigest()
        known = memo.kept(folder, where, digest) if memo is not None else None
        if known is not None:
            entries[where] = known
            continue
        entries[where] = Entry(digest, frozenset())
        made = tuple(
            (f"/{where}{shard}", lexicon.page(shard, found, language)) for shard, found in pages
        )
        jobs.append(pagefind.Job(where, made, sum(len(html) for _, html in made) // 20_000))
    return jobs


def search_page(corpus: Corpus) -> Page | None:
    """The `/search/` page, or None when search is off."""
    if not corpus.content.config.search:
        return None
    dossiers = [(d.topic.id, d.topic.title) for d in corpus.dossiers.values()]
    url = urls.search()
    return Page(
        urls.output_file(url),
        "search.html",
        {
            "url": url,
            "title": "",
            "title_key": "search",
            "search_dossiers": dossiers,
            "search_kinds": KINDS,
            "bundle": BUNDLE,
        },
    )


def _language(corpus: Site) -> str:
    """The language Pagefind stems every record in: the site's, without its region."""
    return corpus.content.config.language.split("-")[0].lower()


def _pages(
    corpus: Site, shard: Shard, language: str, learnt: dict[str, lexicon.Words] | None
) -> Iterator[tuple[str, str]]:
    """The shard's records as the pages Pagefind reads, (url, HTML), made when Pagefind asks:
    an article's quotes are sections of its page (`_record_page`). Their words go to `learnt`
    for the lexicon first."""
    held = _grouped(_records(corpus, shard))
    if learnt is not None:
        learnt[shard.name] = lexicon.words(b for r, quotes in held for b in _blocks(r, quotes))
    for record, quotes in held:
        yield record.url, _record_page(record, language, quotes)


def _grouped(records: list[Record]) -> list[tuple[Record, list[Record]]]:
    """Each page's record with the quotes that follow it (`article_records`' order)."""
    pages: list[tuple[Record, list[Record]]] = []
    for record in records:
        if record.kind == "quote" and pages:
            pages[-1][1].append(record)
        else:
            pages.append((record, []))
    return pages


def _records(corpus: Site, shard: Shard) -> list[Record]:
    words = _Words(corpus)
    found = dossier_records(corpus, words) if not shard.folder else []
    for slug in shard.slugs:
        found += article_records(corpus, slug, words)
    return found


def _blocks(record: Record, quotes: Sequence[Record] = ()) -> list[tuple[str, bool]]:
    """What Pagefind indexes of a page (`_record_page`): its paragraphs, its quotes' headings and
    paragraphs, and the metadata."""
    paragraphs = [(line, True) for line in _lines(record)]
    for quote in quotes:
        paragraphs += [(quote.title, True), *((line, True) for line in _lines(quote))]
    shown = [record.title, record.terms, *(v for _, v in record.meta)]
    return paragraphs + [(value, False) for value in shown]


def _lines(record: Record) -> list[str]:
    return [line for line in record.content.split("\n") if line.strip()] or [record.title]


def _wanted(path: str, shard: str) -> bool:
    if shard:
        return (
            path == "pagefind-entry.json"
            or path.endswith(".pf_meta")
            or path.startswith(_SHARD_FILES)
        )
    return not path.startswith(_UNUSED)


def _record_page(record: Record, language: str, quotes: Sequence[Record] = ()) -> str:
    """A record as Pagefind reads it: the text is indexed and excerpted, the hidden part is data.

    Pagefind searches metadata too, so the title and the terms find the record without showing up
    in its excerpt. The result's address is the page's own (`Job` gives it), with the base path:
    not metadata, which Pagefind would search too (every record would have `articles`).

    An article's quotes are sections of its page, each under a heading that names its speaker
    with its paragraph's id: Pagefind gives a section that matches as a sub-result (its heading,
    its address with `#p-3`, its excerpt), so a quote costs no record, no file of its own. The
    page is of kind `quote` too, its dossiers its quotes' with its own, and the filter `quoted`
    tells each quote's dossiers (`p-3 gaza`), which the search page shows and filters by.
    """
    kinds = [record.kind] + (["quote"] if quotes else [])
    dossiers = list(dict.fromkeys([*record.dossiers, *(t for q in quotes for t in q.dossiers)]))
    hidden = [("meta", "title", record.title)]
    hidden += [("meta", key, value) for key, value in record.meta]
    if record.terms:
        hidden.append(("meta", "terms", record.terms))
    hidden += [("filter", "dossier", topic) for topic in dossiers]
    hidden += [("filter", "type", kind) for kind in kinds]
    if record.lang:
        hidden.append(("filter", "lang", record.lang))
    for quote in quotes:
        anchor = _anchor(quote)
        hidden += [("filter", "quoted", f"{anchor} {topic}") for topic in quote.dossiers]
    data = "".join(
        f'<span data-pagefind-{what}="{key}">{escape(value)}</span>' for what, key, value in hidden
    )
    paragraphs = _paragraphs(record)
    sections = "".join(
        f'<h2 id="{escape(_anchor(quote))}">{escape(quote.title)}</h2>{_paragraphs(quote)}'
        for quote in quotes
    )
    return (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"></head><body>'
        f"{paragraphs}{sections}"
        f"<div data-pagefind-ignore>{data}</div></body></html>"
    )


def _paragraphs(record: Record) -> str:
    """`_lines(record)` as HTML paragraphs, the text escaped at once rather than line by line
    (escaping keeps a line blank or not, and adds no line feed)."""
    lines = [line for line in escape(record.content).split("\n") if line.strip()]
    return "".join(f"<p>{line}</p>" for line in lines or [escape(record.title)])


def _anchor(quote: Record) -> str:
    """The id of a quote's paragraph, from its address (`/repo/articles/slug/#p-3`)."""
    return quote.url.rpartition("#")[2]


def _unavailable(error: BaseException) -> Diagnostic:
    return Diagnostic(
        "site.yaml",
        1,
        1,
        f"the search index could not be built: {error}",
        "install Pagefind's binary (pip install 'pagefind[bin]'), or turn search off in "
        "site.yaml: search: false",
    )


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _text_of(html: str) -> str:
    """The visible text of a fragment of HTML (a topic's rendered overview)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())
