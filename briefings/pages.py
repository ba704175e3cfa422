"""Planning the pages: for each file of the site, its path, template and context (or its bytes).

Templates only display: every grouping, count and link target is decided here or in linking.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from . import urls
from .feeds import publishing_pages
from .model import Article, Corpus, Dossier, Excerpt, Page, PlacedQuote, Topic
from .search import search_page

LATEST_ON_HOME = 10


@dataclass(frozen=True, slots=True)
class Entry:
    """An article with the excerpts of it that a page shows."""

    article: Article
    excerpts: tuple[Excerpt, ...]


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    topic: Topic | None
    quotes: tuple[PlacedQuote, ...]


def plan_pages(corpus: Corpus) -> list[Page]:
    """Every page of the site, in a stable order."""
    pages = [_home(corpus)]
    for dossier in corpus.dossiers.values():
        pages.append(_dossier(corpus, dossier))
        pages.append(Page(urls.dossier_json(dossier.topic.id), data=dossier_json(corpus, dossier)))
    pages.extend(_article(corpus, slug) for slug in corpus.articles)
    pages.extend(_person(corpus, pid) for pid in corpus.content.people)
    pages.append(_people(corpus))
    pages.append(_sources(corpus))
    pages.append(_timeline(corpus))
    pages.extend(page for page in [search_page(corpus)] if page is not None)
    pages.extend(Page(path, data=data) for path, data in corpus.content.static_files)
    pages.extend(publishing_pages(corpus, pages))  # feeds, sitemap, robots.txt, 404, GitHub Pages
    return pages


def _page(url: str, template: str, title: str, **context: object) -> Page:
    return Page(urls.output_file(url), template, {"url": url, "title": title, **context})


def _home(corpus: Corpus) -> Page:
    latest = list(corpus.articles.values())[:LATEST_ON_HOME]
    return _page(
        urls.home(), "home.html", "", dossiers=list(corpus.dossiers.values()), latest=latest
    )


def _entries(corpus: Corpus, excerpts: Iterable[Excerpt]) -> list[Entry]:
    """Excerpts grouped by article, in the order given (newest article first)."""
    return [
        Entry(corpus.articles[slug], tuple(group))
        for slug, group in groupby(excerpts, key=lambda e: e.article)
    ]


def _dossier(corpus: Corpus, dossier: Dossier) -> Page:
    topic = dossier.topic
    return _page(
        urls.dossier(topic.id),
        "dossier.html",
        topic.title,
        dossier=dossier,
        overview=corpus.overviews.get(topic.id, ""),
        timeline=_entries(corpus, dossier.excerpts),
        feed=urls.dossier_feed(topic.id),
        description=topic.summary,
    )


def _article(corpus: Corpus, slug: str) -> Page:
    article = corpus.articles[slug]
    analysis = corpus.analyses[slug]
    quotes_at: dict[int, list[PlacedQuote]] = {}
    placed = [PlacedQuote(slug, q, ()) for q in analysis.quotes]
    for quote in placed:
        for number in range(quote.quote.first_block, quote.quote.last_block + 1):
            quotes_at.setdefault(number, []).append(quote)
    counts: dict[str, int] = {}
    for mention in analysis.mentions:
        counts[mention.person] = counts.get(mention.person, 0) + (1 if mention.block else 0)
    people = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return _page(
        urls.article(slug),
        "article.html",
        article.title,
        article=article,
        analysis=analysis,
        quotes=placed,
        quotes_at=quotes_at,
        mentioned=people,
        related=[corpus.articles[s] for s in corpus.related_articles.get(slug, ())],
        description=article.summary or _lead(analysis.blocks),
    )


def _lead(blocks: Iterable[object]) -> str:
    for block in blocks:
        text = getattr(block, "text", "")
        if getattr(block, "number", 0) and text:
            return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"
    return ""


def _person(corpus: Corpus, pid: str) -> Page:
    person = corpus.content.people[pid]
    topics = {t.id: t for t in corpus.content.topics}
    quotes = corpus.person_quotes.get(pid, ())
    groups = []
    for topic in corpus.content.topics:
        in_topic = tuple(q for q in quotes if topic.id in q.topics)
        if in_topic:
            groups.append(QuoteGroup(topic, in_topic))
    elsewhere = tuple(q for q in quotes if not q.topics)
    if elsewhere:
        groups.append(QuoteGroup(None, elsewhere))
    return _page(
        urls.person(pid),
        "person.html",
        person.name,
        person=person,
        quote_groups=groups,
        quote_count=len(quotes),
        mentioned_in=[corpus.articles[s] for s in corpus.person_articles.get(pid, ())],
        presence=[(topics[t], n) for t, n in corpus.person_topics.get(pid, ()) if t in topics],
        description=person.role,
    )


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


def _timeline(corpus: Corpus) -> Page:
    months = [
        (month, list(group))
        for month, group in groupby(
            corpus.articles.values(), key=lambda a: a.date.date().replace(day=1)
        )
    ]
    topics = {slug: corpus.analyses[slug].topics for slug in corpus.articles}
    return _page(
        urls.timeline(),
        "timeline.html",
        "",
        title_key="all_timeline",
        months=months,
        article_topics=topics,
    )


def dossier_json(corpus: Corpus, dossier: Dossier) -> bytes:
    """The dossier as data, shaped as DESIGN.md says (fields may be added, never renamed)."""
    config = corpus.content.config
    topics = {t.id: t for t in corpus.content.topics}

    def absolute(path: str) -> str:
        return config.base_url + path

    def source(article: Article) -> dict[str, str | None]:
        return {"name": article.source.name, "url": article.url}

    data = {
        "id": dossier.topic.id,
        "title": dossier.topic.title,
        "url": absolute(urls.dossier(dossier.topic.id)),
        "updated": dossier.updated.date().isoformat() if dossier.updated else None,
        "excerpts": [
            {
                "article": e.article,
                "anchor": f"p-{e.number}",
                "date": corpus.articles[e.article].date.date().isoformat(),
                "text": e.text,
                "url": absolute(urls.article(e.article, e.number)),
                "source": source(corpus.articles[e.article]),
            }
            for e in dossier.excerpts
        ],
        "quotes": [
            {
                "text": q.quote.text,
                "speaker": {"name": q.quote.speaker.name, "id": q.quote.speaker.id},
                "article": q.article,
                "anchor": f"p-{q.quote.first_block}" if q.quote.first_block else None,
                "date": corpus.articles[q.article].date.date().isoformat(),
                "source": source(corpus.articles[q.article]),
            }
            for q in dossier.quotes
        ],
        "people": [
            {"id": pid, "name": corpus.content.people[pid].name, "mentions": count}
            for pid, count in dossier.people
        ],
        "related": [
            {"id": tid, "title": topics[tid].title, "shared_articles": count}
            for tid, count in dossier.related
        ],
        "sources": [
            {
                "name": corpus.articles[corpus.publisher_articles[key][0]].source.name,
                "url": corpus.articles[corpus.publisher_articles[key][0]].source.url,
                "articles": count,
            }
            for key, count in dossier.publishers
        ],
    }
    # Compact: the C encoder only runs without indentation, and dossiers get large.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
