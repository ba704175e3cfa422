"""Planning the pages: for each file of the site, its path, template and context (or its bytes).

Templates only display: every grouping, count and link target is decided here or in linking.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from json.encoder import encode_basestring as _string

from .. import urls
from ..bugs import InternalError
from ..i18n import Language
from ..model import (
    Analysis,
    Article,
    Corpus,
    Dossier,
    Excerpt,
    FigureValue,
    Page,
    PlacedFigure,
    PlacedQuote,
    Publisher,
    Topic,
)
from .feeds import publishing_pages
from .figures import KeyFigure, key_figures
from .linking import cards
from .paginate import Pager, by_article, pages_of
from .search import search_page

LATEST_ON_HOME = 10

Unchanged = Callable[[str, str, str, Sequence[tuple[str, Sequence[str]]]], Collection[str]]
"""Asked by the planner before it makes a group of pages' contexts: (the group's name, their
template, what else than articles they are made from (`frame`: the articles listed, by name
alone, that their pagination is made from, and counts), and each page's path with the articles
it is made from, in order), the paths of the pages the render memo keeps from the last build as
they are. A page is made from its group's name, template and frame, its articles (their shown
fields and analyses) and the site's topics, people, overviews and settings alone. Given by the
render memo (`RenderMemo.prepare`); the pages kept are planned without their contexts
(`Page.kept`)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """An article with the excerpts of it that a page shows."""

    article: Article
    excerpts: tuple[Excerpt, ...]


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    topic: Topic | None
    quotes: tuple[PlacedQuote, ...]


def plan_pages(corpus: Corpus, unchanged: Unchanged | None = None) -> list[Page]:
    """Every page of the site, in a stable order. With `unchanged`, the pages of a dossier, a
    person or an article that it says are kept are planned without their contexts."""
    pages = [_home(corpus)]
    for dossier in corpus.dossiers.values():
        pages.extend(_dossier(corpus, dossier, unchanged))
        pages.append(_dossier_data(corpus, dossier))
    pages.extend(_articles(corpus, unchanged))
    newest_first = {slug: rank for rank, slug in enumerate(corpus.articles)}
    for pid in corpus.content.people:
        pages.extend(_person(corpus, pid, newest_first, unchanged))
    pages.append(_people(corpus))
    pages.append(_sources(corpus))
    pages.extend(_timeline(corpus, unchanged))
    pages.extend(page for page in [search_page(corpus)] if page is not None)
    pages.extend(Page(path, data=data) for path, data in corpus.content.static_files)
    pages.extend(publishing_pages(corpus, pages))  # feeds, sitemap, robots.txt, 404, GitHub Pages
    return pages


def _page(url: str, template: str, title: str, **context: object) -> Page:
    return Page(urls.output_file(url), template, {"url": url, "title": title, **context})


def _made_page(
    url: str,
    template: str,
    title: str,
    derived: tuple[str, ...],
    sources: tuple[object, ...],
    **context: object,
) -> Page:
    """A page whose `derived` context keys are made from `sources` and the rest of its context
    alone: the render memo compares those (`Page.made_from`), not the derived keys."""
    whole = {"url": url, "title": title, **context}
    rest = {key: value for key, value in whole.items() if key not in derived}
    return Page(urls.output_file(url), template, whole, made_from=(rest, *sources))


def _read(corpus: Corpus, slugs: Iterable[str]) -> tuple[Article | Analysis, ...]:
    """Articles and their analyses, one after the other: what excerpts, quotes and mentions are
    made from. In one flat tuple, whose items the render memo knows by their digests, rather
    than in pairs it would digest one by one (twenty a page, a thousand pages)."""
    articles, analyses = corpus.articles, corpus.analyses
    return tuple(item for slug in slugs for item in (articles[slug], analyses[slug]))


def _home(corpus: Corpus) -> Page:
    latest = list(corpus.articles.values())[:LATEST_ON_HOME]
    return _page(urls.home(), "home.html", "", dossiers=cards(corpus), latest=latest)


def _kept(url: str, template: str, **context: object) -> Page:
    """A page the render memo keeps: what the sitemap reads of it alone."""
    return Page(urls.output_file(url), template, {"url": url, **context}, kept=True)


def _dossier(corpus: Corpus, dossier: Dossier, unchanged: Unchanged | None = None) -> list[Page]:
    """The dossier's pages: its articles newest first, each page showing their excerpts and
    quotes; page 1 also has the overview and what is said of the dossier as a whole."""
    topic = dossier.topic
    # An article in the dossier only through its front matter, with every paragraph routed
    # elsewhere, has nothing to show: it takes no place on a page.
    showing = {e.article for e in dossier.excerpts}
    showing.update(q.article for q in dossier.quotes)
    shown = [slug for slug in dossier.articles if slug in showing]
    paged = pages_of(urls.dossier(topic.id), shown, corpus.content.config.paginate)
    kept = _kept_of(
        unchanged,
        f"dossier:{topic.id}",
        "dossier.html",
        f"{len(dossier.articles)}\n" + "\n".join(shown),
        [(pager, _dossier_inputs(dossier, pager.number, slugs)) for pager, slugs in paged],
    )
    if len(kept) < len(paged):
        # Those of the articles on the pages made alone: an edit makes two pages of 130.
        needed = {s for p, slugs in paged if urls.output_file(p.url) not in kept for s in slugs}
        excerpts = by_article(e for e in dossier.excerpts if e.article in needed)
        quotes = by_article(q for q in dossier.quotes if q.article in needed)
    language = Language(corpus.content.config.language)
    pages = []
    for pager, slugs in paged:
        if kept and urls.output_file(pager.url) in kept:
            newest = _newest(corpus, pager.number, slugs, dossier)
            pages.append(_kept(pager.url, "dossier.html", newest=newest))
            continue
        context: dict[str, object] = {
            "topic": topic,
            "pager": pager,
            "timeline": [Entry(corpus.articles[s], excerpts[s]) for s in slugs if s in excerpts],
            "quotes": [quote for s in slugs for quote in quotes.get(s, ())],
            "feed": urls.dossier_feed(topic.id),
            "newest": _newest(corpus, pager.number, slugs, dossier),
            "description": topic.summary,
        }
        sources: tuple[object, ...] = (_read(corpus, slugs),)
        if pager.number == 1:
            sources += _figures_made_from(corpus, dossier)
            context.update(
                figures=KeyFigures(dossier, corpus.articles, language),
                overview=corpus.overviews.get(topic.id, ""),
                article_count=len(dossier.articles),
                excerpt_count=len(dossier.excerpts),
                quote_count=len(dossier.quotes),
                updated=dossier.updated,
                people_cited=dossier.people,
                related=dossier.related,
                publishers_cited=dossier.publishers,
            )
        # The timeline and quotes are those of the page's articles routed to the topic.
        pages.append(
            _made_page(
                pager.url,
                "dossier.html",
                topic.title,
                ("timeline", "quotes", "figures"),
                sources,
                **context,
            )
        )
    return pages


class KeyFigures:
    """A dossier's key figures (`figures.key_figures`), made when the template first reads
    them: the render memo compares page 1 by what they are made from (`_figures_made_from`),
    so that a page it keeps never has them made (0.05 CPU s a dossier at 4,000 articles)."""

    __slots__ = ("_articles", "_dossier", "_language", "_made")

    def __init__(
        self, dossier: Dossier, articles: Mapping[str, Article], language: Language
    ) -> None:
        self._dossier, self._articles, self._language = dossier, articles, language
        self._made: tuple[KeyFigure, ...] | None = None

    def _figures(self) -> tuple[KeyFigure, ...]:
        if self._made is None:
            try:
                self._made = key_figures(self._dossier, self._articles, self._language)
            except Exception as error:
                # Made while a template renders: a bug here is said as one, not as the
                # template's error at the line that reads them.
                topic = self._dossier.topic.id
                raise InternalError(f"the key figures of {topic} failed", error) from error
        return self._made

    def __iter__(self) -> Iterator[KeyFigure]:
        return iter(self._figures())

    def __len__(self) -> int:
        return len(self._figures())

    def __getitem__(self, index: int) -> KeyFigure:
        return self._figures()[index]


def _figures_made_from(corpus: Corpus, dossier: Dossier) -> tuple[object, ...]:
    """What a dossier's key figures are made from, beside its topic and the site's language
    (compared with the settings): its values, which the render memo knows by what they are
    (`rerender._known_analyses`), the articles they are read in, and what the page shows of
    those (slug, title, language: their shown fields). An edit that leaves these as they were
    leaves the figures."""
    values, slugs = _placed(dossier)
    articles = corpus.articles
    return (values, slugs, tuple(articles[slug] for slug in dict.fromkeys(slugs)))


def _placed(dossier: Dossier) -> tuple[tuple[FigureValue, ...], tuple[str, ...]]:
    """The dossier's figure values and the slugs of their articles, as two runs that the render
    memo digests without a call each (a value by its token): 6,000 values a dossier at 4,000
    articles, against a digest of each `PlacedFigure`, three times as long."""
    placed = dossier.figures
    return tuple(f.value for f in placed), tuple(f.article for f in placed)


def _kept_of(
    unchanged: Unchanged | None,
    group: str,
    template: str,
    frame: str,
    inputs: Sequence[tuple[Pager, Sequence[str]]],
) -> Collection[str]:
    """The paths of a group's pages the render memo keeps (none without a memo), each page
    given with the articles it is made from."""
    if unchanged is None:
        return ()
    return unchanged(
        group, template, frame, [(urls.output_file(pager.url), slugs) for pager, slugs in inputs]
    )


def _dossier_inputs(dossier: Dossier, number: int, slugs: Sequence[str]) -> Sequence[str]:
    """The articles a dossier's page is made from: page 1 shows what is said of the dossier
    as a whole, which linking makes from its articles' analyses and those of the articles its
    figures were read in; the others, their own articles' excerpts and quotes."""
    if number == 1:
        return (*dossier.articles, *(f.article for f in dossier.figures))
    return slugs


def _newest(
    corpus: Corpus, number: int, slugs: Sequence[str], dossier: Dossier
) -> dt.datetime | None:
    # Page 1 changes with the dossier's newest article (counts, people, overview).
    return dossier.updated if number == 1 else corpus.articles[slugs[0]].date


def _articles(corpus: Corpus, unchanged: Unchanged | None) -> list[Page]:
    """The articles' own pages, each made from its article, its analysis and its related
    articles alone: asked about as one group (4,000 pages, one question)."""
    articles = corpus.articles
    if unchanged is None:
        return [article_page(corpus, slug) for slug in articles]
    related = corpus.related_articles
    asked = [(urls.output_file(urls.article(s)), (s, *related.get(s, ()))) for s in articles]
    kept = unchanged("articles", "article.html", "", asked)
    return [
        _kept(urls.article(slug), "article.html", article=article)
        if path in kept
        else article_page(corpus, slug)
        for (path, _), (slug, article) in zip(asked, articles.items(), strict=True)
    ]


def article_page(corpus: Corpus, slug: str) -> Page:
    """An article's own page."""
    related = [corpus.articles[s] for s in corpus.related_articles.get(slug, ())]
    return _article_page(corpus.articles[slug], corpus.analyses[slug], related)


def _article_page(article: Article, analysis: Analysis, related: list[Article]) -> Page:
    """An article's page, made from the article, its analysis and its related articles alone."""
    slug = article.slug
    quotes_at: dict[int, list[PlacedQuote]] = {}
    placed = [PlacedQuote(slug, q, ()) for q in analysis.quotes]
    for quote in placed:
        for number in range(quote.quote.first_block, quote.quote.last_block + 1):
            quotes_at.setdefault(number, []).append(quote)
    counts: dict[str, int] = {}
    for mention in analysis.mentions:
        counts[mention.person] = counts.get(mention.person, 0) + (1 if mention.block else 0)
    people = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return _made_page(
        urls.article(slug),
        "article.html",
        article.title,
        ("quotes", "quotes_at", "mentioned"),
        (),
        article=article,
        analysis=analysis,
        quotes=placed,
        quotes_at=quotes_at,
        mentioned=people,
        related=related,
        description=article.summary or _lead(analysis.blocks),
    )


def _lead(blocks: Iterable[object]) -> str:
    for block in blocks:
        text = getattr(block, "text", "")
        if getattr(block, "number", 0) and text:
            return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"
    return ""


def _person(
    corpus: Corpus, pid: str, newest_first: dict[str, int], unchanged: Unchanged | None = None
) -> list[Page]:
    """The person's pages: the articles that quote or mention them, newest first, each page
    with their quotes by dossier; page 1 also has where the person is present."""
    person = corpus.content.people[pid]
    every_quote = corpus.person_quotes.get(pid, ())
    mentioned = set(corpus.person_articles.get(pid, ()))
    # Linking finds a person's quotes, mentions and topics in these articles' analyses alone.
    shown = sorted(mentioned.union(q.article for q in every_quote), key=newest_first.__getitem__)
    paged = pages_of(urls.person(pid), shown, corpus.content.config.paginate)
    # Every page shows the count of the person's quotes; page 1 where the person is present,
    # counted in all their articles' analyses.
    kept = _kept_of(
        unchanged,
        f"person:{pid}",
        "person.html",
        f"{len(every_quote)}\n" + "\n".join(shown),
        [(pager, shown if pager.number == 1 else slugs) for pager, slugs in paged],
    )
    topics = {t.id: t for t in corpus.content.topics}
    quotes = by_article(every_quote) if len(kept) < len(paged) else {}
    pages = []
    for pager, slugs in paged:
        if kept and urls.output_file(pager.url) in kept:
            newest = corpus.articles[slugs[0]].date if slugs else None
            pages.append(_kept(pager.url, "person.html", newest=newest))
            continue
        context: dict[str, object] = {
            "person": person,
            "pager": pager,
            "quote_groups": _quote_groups(corpus, [q for s in slugs for q in quotes.get(s, ())]),
            "quote_count": len(every_quote),
            "mentioned_in": [corpus.articles[s] for s in slugs if s in mentioned],
            "newest": corpus.articles[slugs[0]].date if slugs else None,
            "description": person.role,
        }
        if pager.number == 1:
            presence = corpus.person_topics.get(pid, ())
            context["presence"] = [(topics[t], n) for t, n in presence if t in topics]
        # Quotes and mentions are those of the page's articles; grouped in the topics' order.
        sources = (corpus.content.topics, _read(corpus, slugs))
        pages.append(
            _made_page(
                pager.url,
                "person.html",
                person.name,
                ("quote_groups", "mentioned_in"),
                sources,
                **context,
            )
        )
    return pages


def _quote_groups(corpus: Corpus, quotes: list[PlacedQuote]) -> list[QuoteGroup]:
    """Quotes by dossier, in the dossiers' order; those of no dossier last."""
    groups = []
    for topic in corpus.content.topics:
        in_topic = tuple(q for q in quotes if topic.id in q.topics)
        if in_topic:
            groups.append(QuoteGroup(topic, in_topic))
    elsewhere = tuple(q for q in quotes if not q.topics)
    if elsewhere:
        groups.append(QuoteGroup(None, elsewhere))
    return groups


def _people(corpus: Corpus) -> Page:
    people = sorted(corpus.content.people.values(), key=lambda p: p.name.casefold())
    counts = {pid: len(corpus.person_articles.get(pid, ())) for pid in corpus.content.people}
    quotes = {pid: len(corpus.person_quotes.get(pid, ())) for pid in corpus.content.people}
    return _page(
        urls.people(),
        "people.html",
        "",
        title_key="all_people",
        people_list=people,
        counts=counts,
        quote_counts=quotes,
    )


def _sources(corpus: Corpus) -> Page:
    publishers = []
    for key, slugs in sorted(
        corpus.publisher_articles.items(),
        key=lambda item: corpus.articles[item[1][0]].source.name.casefold(),
    ):
        articles = [corpus.articles[s] for s in slugs]
        publishers.append((key, articles[0].source, articles))
    return _page(
        urls.sources(), "sources.html", "", title_key="all_sources", publisher_list=publishers
    )


def _timeline(corpus: Corpus, unchanged: Unchanged | None = None) -> list[Page]:
    """Every article, newest first, by month within each page (a month may span two pages)."""
    pages = []
    paged = pages_of(urls.timeline(), list(corpus.articles), corpus.content.config.paginate)
    kept: Collection[str] = ()
    if unchanged is not None:
        # A page shows its articles and their analyses' topics, paged among all the articles.
        pairs = [(urls.output_file(pager.url), slugs) for pager, slugs in paged]
        kept = unchanged("timeline", "timeline.html", "\n".join(corpus.articles), pairs)
    for pager, slugs in paged:
        if kept and urls.output_file(pager.url) in kept:
            newest = corpus.articles[slugs[0]].date if slugs else None
            pages.append(_kept(pager.url, "timeline.html", newest=newest))
            continue
        shown = [corpus.articles[slug] for slug in slugs]
        months = [
            (month, list(group))
            for month, group in groupby(shown, key=lambda a: a.date.date().replace(day=1))
        ]
        pages.append(
            _page(
                pager.url,
                "timeline.html",
                "",
                title_key="all_timeline",
                pager=pager,
                months=months,
                article_topics={slug: corpus.analyses[slug].topics for slug in slugs},
                newest=shown[0].date if shown else None,
            )
        )
    return pages


def _dossier_data(corpus: Corpus, dossier: Dossier) -> Page:
    """The dossier's `index.json`, made from what it shows alone: the render memo compares
    these inputs with the last build's and keeps the file when they are the same."""
    people = corpus.content.people
    topics = {t.id: t.title for t in corpus.content.topics}
    first = corpus.publisher_articles
    context: dict[str, object] = {
        "dossier": dossier,
        "articles": {slug: corpus.articles[slug] for slug in dossier.articles},
        "people": {pid: people[pid].name for pid, _ in dossier.people},
        "topics": {tid: topics[tid] for tid, _ in dossier.related},
        "publishers": {key: corpus.articles[first[key][0]].source for key, _ in dossier.publishers},
        "base_url": corpus.content.config.base_url,
    }
    # A dossier is made by linking from its topic and its articles' analyses (the site's topic
    # ids, which its related dossiers are among, are part of every analysis's inputs); its
    # figures' values are named as they are.
    rest = {key: value for key, value in context.items() if key != "dossier"}
    analyses = tuple(corpus.analyses[slug] for slug in dossier.articles)
    return Page(
        urls.dossier_json(dossier.topic.id),
        context=context,
        make=dossier_json,
        made_from=(rest, dossier.topic, analyses, *_placed(dossier)),
    )


def dossier_json(
    dossier: Dossier,
    articles: Mapping[str, Article],
    people: Mapping[str, str],
    topics: Mapping[str, str],
    publishers: Mapping[str, Publisher],
    base_url: str,
    kept: Callable[[], Taken] | None = None,
) -> bytes:
    """The dossier as data, shaped as DESIGN.md says (fields may be added, never renamed).

    `articles` are the dossier's, `people` and `topics` the names of those it counts, and
    `publishers` the sources it counts. The bytes are those of `json.dumps(...,
    ensure_ascii=False, separators=(",", ":"))` on the whole: tests/test_dossiers.py compares.
    `kept` gives what is known to be written as the last build's file has it, and those bytes
    (`Taken`): the excerpts of its unchanged articles, and its figures' list when made from the
    same values; they are not encoded again."""
    around = _ArticleJson(articles, base_url)
    head = {
        "id": dossier.topic.id,
        "title": dossier.topic.title,
        "url": base_url + urls.dossier(dossier.topic.id),
        "updated": dossier.updated.date().isoformat() if dossier.updated else None,
    }

    # Tens of thousands of excerpts and quotes: each written as the encoder would write its
    # dict, without making the dict (half the time of a dossier's data, remade on every edit).
    def encoded(excerpts: Iterable[Excerpt]) -> str:
        return ",".join(
            f"{start}{n}{dated}{_string(block.text)}{url}{n}{end}"
            for e in excerpts
            for block in (e.block,)
            for n in (block.number,)
            for _, _, start, dated, url, end in (around[e.article],)
        )

    def quoted(placed: Iterable[PlacedQuote]) -> str:
        return ",".join(
            _quote_json(q, date, source)
            for q in placed
            for date, source, *_ in (around[q.article],)
        )

    tail = {
        "people": [
            {"id": pid, "name": people[pid], "mentions": count} for pid, count in dossier.people
        ],
        "related": [
            {"id": tid, "title": topics[tid], "shared_articles": count}
            for tid, count in dossier.related
        ],
        "sources": [
            {"name": publishers[key].name, "url": publishers[key].url, "articles": count}
            for key, count in dossier.publishers
        ],
    }
    taken = kept() if kept is not None else None
    # The figures' list last, as `json.dumps` writes the tail's last key (compact separators):
    # 6,000 values a dossier at 4,000 articles, the larger part of its making, taken as the
    # last build's file has them when made from the same values.
    figures = taken.figures if taken is not None else None
    if figures is None:
        figures = _dumps(_figures_json(dossier, base_url)).encode()
    before = f"{_dumps(head)[:-1]}{_EXCERPTS}".encode()
    after = f"],{_dumps(tail)[1:-1]}{_FIGURES}".encode()
    if taken is None:
        excerpts = encoded(dossier.excerpts).encode()
        quotes = quoted(dossier.quotes).encode()
    else:
        # An article's excerpts follow each other (linking gathers them article by article),
        # and so do its quotes: the pieces joined by commas are the objects joined by commas.
        # Bytes as the file holds them, never decoded nor encoded again (a third of the time
        # of 8 MB).
        pieces, said = taken.excerpts, taken.quotes
        excerpts = b",".join(
            piece if piece is not None else encoded(run).encode()
            for slug, run in groupby(dossier.excerpts, key=_article_of)
            for piece in (pieces.get(slug),)
        )
        quotes = b",".join(
            piece if piece is not None else quoted(run).encode()
            for slug, run in groupby(dossier.quotes, key=_quote_article)
            for piece in (said.get(slug),)
        )
    return b"".join((before, excerpts, _QUOTES.encode(), quotes, after, figures, b"}\n"))


def _figures_json(dossier: Dossier, base_url: str) -> list[dict[str, object]]:
    return [
        {
            "id": spec.id,
            "label": spec.label,
            "unit": spec.unit,
            "values": [
                _figure_value(placed, base_url)
                for placed in dossier.figures
                if placed.value.figure == spec.id
            ],
        }
        for spec in dossier.topic.figures
    ]


@dataclass(frozen=True, slots=True)
class Taken:
    """What a dossier's data takes from the file the last build wrote, as its bytes are there
    (`incremental.dossiermemo`): each unchanged article's excerpts (`excerpt_pieces`) and quotes
    (`quote_pieces`), and the figures' list (`figures_piece`) when it is made from the same
    values, or None."""

    excerpts: Mapping[str, bytes]
    quotes: Mapping[str, bytes] = field(default_factory=dict)
    figures: bytes | None = None


class _ArticleJson(dict[str, tuple[str, str, str, str, str, str]]):
    """What a dossier's data writes of an article, made when first asked for: its date, its
    source, and what an excerpt's object holds around its number and text (the JSON escapes of
    a string are those of its characters, so pieces encoded apart join up)."""

    def __init__(self, articles: Mapping[str, Article], base_url: str) -> None:
        super().__init__()
        self._articles, self._base_url = articles, base_url

    def __missing__(self, slug: str) -> tuple[str, str, str, str, str, str]:
        article = self._articles[slug]
        date = _string(article.date.date().isoformat())
        source = f'{{"name":{_string(article.source.name)},"url":{_nullable(article.url)}}}'
        made = self[slug] = (
            date,
            source,
            f'{{"article":{_string(slug)},"anchor":"p-',
            f'","date":{date},"text":',
            f',"url":{_string(self._base_url + urls.article(slug))[:-1]}#p-',
            f'","source":{source}}}',
        )
        return made


_EXCERPTS = ',"excerpts":['
_QUOTES = '],"quotes":['
_FIGURES = ',"figures":'
_PEOPLE = b'],"people":['
_QUOTE_START = b'{"text":'


def _article_of(excerpt: Excerpt) -> str:
    return excerpt.article


def _quote_article(placed: PlacedQuote) -> str:
    return placed.article


def excerpt_articles(dossier: Dossier) -> list[str]:
    """The articles with excerpts in the dossier, in the order its data lists them."""
    return [slug for slug, _ in groupby(dossier.excerpts, key=_article_of)]


def quote_articles(dossier: Dossier) -> list[str]:
    """The articles with quotes in the dossier, in the order its data lists them."""
    return [slug for slug, _ in groupby(dossier.quotes, key=_quote_article)]


def excerpt_pieces(data: bytes, slugs: Sequence[str]) -> dict[str, bytes]:
    """Each article's excerpts as `data` holds them (a dossier's data as `dossier_json` wrote
    it, `slugs` the articles with excerpts in it, in its order): their objects joined by
    commas. Nothing when `data` is not laid out so.

    An excerpt's object starts with its article's name (`{"article":"…","anchor":"p-`), which no
    string in the file can hold (its quotation marks would be escaped), and an article's
    excerpts follow each other."""
    first = data.find(_EXCERPTS.encode())
    if first < 0 or not slugs:
        return {}
    first += len(_EXCERPTS)
    at, starts = first, []
    for slug in slugs:
        marker = f'{{"article":{_string(slug)},"anchor":"p-'.encode()
        found = data.find(marker, at)
        if found < 0 or (found != first if not starts else data[found - 1 : found] != b","):
            return {}
        starts.append(found)
        at = found + len(marker)
    end = data.find(_QUOTES.encode(), at)
    if end < 0:
        return {}
    ends = [start - 1 for start in starts[1:]] + [end]
    return {slug: data[s:e] for slug, s, e in zip(slugs, starts, ends, strict=True)}


def quote_pieces(data: bytes, slugs: Sequence[str]) -> dict[str, bytes]:
    """Each article's quotes as `data` holds them (a dossier's data as `dossier_json` wrote it,
    `slugs` the articles with quotes in it, in its order): their objects joined by commas.
    Nothing when `data` is not laid out so.

    A quote's object starts with its text (`{"text":`) and names its article after its speaker
    (`,"article":"…","anchor":`), which no string in the file can hold (their quotation marks
    would be escaped) and no object within a quote's has: an article's quotes start at the
    nearest start of an object before its name's first place, and its quotes follow each other."""
    first = data.find(_QUOTES.encode())
    if first < 0 or not slugs:
        return {}
    first += len(_QUOTES)
    end = data.find(_PEOPLE, first)
    if end < 0:
        return {}
    at, starts = first, []
    for slug in slugs:
        found = data.find(f',"article":{_string(slug)},"anchor":'.encode(), at, end)
        start = data.rfind(_QUOTE_START, at, found) if found >= 0 else -1
        if start < 0 or (start != first if not starts else data[start - 1 : start] != b","):
            return {}
        starts.append(start)
        at = found + 1
    ends = [start - 1 for start in starts[1:]] + [end]
    return {slug: data[s:e] for slug, s, e in zip(slugs, starts, ends, strict=True)}


def figures_piece(data: bytes) -> bytes | None:
    """The figures' list as `data` holds it (a dossier's data as `dossier_json` wrote it): the
    tail's last value. None when `data` is not laid out so.

    Its key, a comma before it, is found from the end: no string in the file can hold it (its
    quotation marks would be escaped), and no object of the tail has a key of that name."""
    at = data.rfind(f"{_FIGURES}[".encode())
    if at < 0 or not data.endswith(b"]}\n"):
        return None
    return data[at + len(_FIGURES) : -2]


def _quote_json(placed: PlacedQuote, date: str, source: str) -> str:
    quote = placed.quote
    speaker = f'{{"name":{_string(quote.speaker.name)},"id":{_nullable(quote.speaker.id)}}}'
    anchor = f'"p-{quote.first_block}"' if quote.first_block else "null"
    return (
        f'{{"text":{_string(quote.text)},"speaker":{speaker},"article":{_string(placed.article)},'
        f'"anchor":{anchor},"date":{date},"source":{source}}}'
    )


def _nullable(text: str | None) -> str:
    """A string as `_dumps` writes it, without its call: thousands per dossier."""
    return "null" if text is None else _string(text)


def _dumps(value: object) -> str:
    # Compact: the C encoder only runs without indentation, and dossiers get large.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _figure_value(placed: PlacedFigure, base_url: str) -> dict[str, object]:
    value = placed.value
    number = float(value.value)
    return {
        # 44800, not 44800.0: a count reads as one in every language that reads the JSON.
        "value": int(number) if number.is_integer() and abs(number) < 2**53 else number,
        "written": value.written,
        "qualifier": value.qualifier,
        "unit": value.unit,
        "provenance": {"name": value.provenance.name, "id": value.provenance.id},
        "date": value.date.isoformat(),
        "article": placed.article,
        "block": value.block,
        "anchor": f"p-{value.block}",
        "url": base_url + urls.article(placed.article, value.block),
    }
