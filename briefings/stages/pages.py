"""Planning the pages: for each file of the site, its path, template and context (or its bytes).

Templates only display: every grouping, count and link target is decided here or in linking.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import groupby

from .. import urls
from ..i18n import Language
from ..model import (
    Article,
    Corpus,
    Dossier,
    Excerpt,
    Page,
    PlacedFigure,
    PlacedQuote,
    Publisher,
    Topic,
)
from .feeds import publishing_pages
from .figures import key_figures
from .linking import cards
from .paginate import by_article, pages_of
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
        pages.extend(_dossier(corpus, dossier))
        pages.append(_dossier_data(corpus, dossier))
    pages.extend(article_page(corpus, slug) for slug in corpus.articles)
    newest_first = {slug: rank for rank, slug in enumerate(corpus.articles)}
    for pid in corpus.content.people:
        pages.extend(_person(corpus, pid, newest_first))
    pages.append(_people(corpus))
    pages.append(_sources(corpus))
    pages.extend(_timeline(corpus))
    pages.extend(page for page in [search_page(corpus)] if page is not None)
    pages.extend(Page(path, data=data) for path, data in corpus.content.static_files)
    pages.extend(publishing_pages(corpus, pages))  # feeds, sitemap, robots.txt, 404, GitHub Pages
    return pages


def _page(url: str, template: str, title: str, **context: object) -> Page:
    return Page(urls.output_file(url), template, {"url": url, "title": title, **context})


def _home(corpus: Corpus) -> Page:
    latest = list(corpus.articles.values())[:LATEST_ON_HOME]
    return _page(urls.home(), "home.html", "", dossiers=cards(corpus), latest=latest)


def _dossier(corpus: Corpus, dossier: Dossier) -> list[Page]:
    """The dossier's pages: its articles newest first, each page showing their excerpts and
    quotes; page 1 also has the overview and what is said of the dossier as a whole."""
    topic = dossier.topic
    excerpts = by_article(dossier.excerpts)
    quotes = by_article(dossier.quotes)
    # An article in the dossier only through its front matter, with every paragraph routed
    # elsewhere, has nothing to show: it takes no place on a page.
    shown = [slug for slug in dossier.articles if slug in excerpts or slug in quotes]
    language = Language(corpus.content.config.language)
    pages = []
    for pager, slugs in pages_of(urls.dossier(topic.id), shown, corpus.content.config.paginate):
        context: dict[str, object] = {
            "topic": topic,
            "pager": pager,
            "timeline": [Entry(corpus.articles[s], excerpts[s]) for s in slugs if s in excerpts],
            "quotes": [quote for s in slugs for quote in quotes.get(s, ())],
            "feed": urls.dossier_feed(topic.id),
            # Page 1 changes with the dossier's newest article (counts, people, overview).
            "newest": dossier.updated if pager.number == 1 else corpus.articles[slugs[0]].date,
            "description": topic.summary,
        }
        if pager.number == 1:
            context.update(
                figures=key_figures(dossier, corpus.articles, language),
                overview=corpus.overviews.get(topic.id, ""),
                article_count=len(dossier.articles),
                excerpt_count=len(dossier.excerpts),
                quote_count=len(dossier.quotes),
                updated=dossier.updated,
                people_cited=dossier.people,
                related=dossier.related,
                publishers_cited=dossier.publishers,
            )
        pages.append(_page(pager.url, "dossier.html", topic.title, **context))
    return pages


def article_page(corpus: Corpus, slug: str) -> Page:
    """An article's own page."""
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


def _person(corpus: Corpus, pid: str, newest_first: dict[str, int]) -> list[Page]:
    """The person's pages: the articles that quote or mention them, newest first, each page
    with their quotes by dossier; page 1 also has where the person is present."""
    person = corpus.content.people[pid]
    topics = {t.id: t for t in corpus.content.topics}
    every_quote = corpus.person_quotes.get(pid, ())
    quotes = by_article(every_quote)
    mentioned = set(corpus.person_articles.get(pid, ()))
    shown = sorted(mentioned | quotes.keys(), key=newest_first.__getitem__)
    pages = []
    for pager, slugs in pages_of(urls.person(pid), shown, corpus.content.config.paginate):
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
        pages.append(_page(pager.url, "person.html", person.name, **context))
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


def _timeline(corpus: Corpus) -> list[Page]:
    """Every article, newest first, by month within each page (a month may span two pages)."""
    pages = []
    for pager, slugs in pages_of(
        urls.timeline(), list(corpus.articles), corpus.content.config.paginate
    ):
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
    return Page(
        urls.dossier_json(dossier.topic.id),
        context={
            "dossier": dossier,
            "articles": {slug: corpus.articles[slug] for slug in dossier.articles},
            "people": {pid: people[pid].name for pid, _ in dossier.people},
            "topics": {tid: topics[tid] for tid, _ in dossier.related},
            "publishers": {
                key: corpus.articles[first[key][0]].source for key, _ in dossier.publishers
            },
            "base_url": corpus.content.config.base_url,
        },
        make=dossier_json,
    )


def dossier_json(
    dossier: Dossier,
    articles: Mapping[str, Article],
    people: Mapping[str, str],
    topics: Mapping[str, str],
    publishers: Mapping[str, Publisher],
    base_url: str,
) -> bytes:
    """The dossier as data, shaped as DESIGN.md says (fields may be added, never renamed).

    `articles` are the dossier's, `people` and `topics` the names of those it counts, and
    `publishers` the sources it counts."""
    sources = {
        slug: {"name": a.source.name, "url": a.url, "date": a.date.date().isoformat()}
        for slug, a in articles.items()
    }

    def source(slug: str) -> dict[str, str | None]:
        return {"name": sources[slug]["name"], "url": sources[slug]["url"]}

    data = {
        "id": dossier.topic.id,
        "title": dossier.topic.title,
        "url": base_url + urls.dossier(dossier.topic.id),
        "updated": dossier.updated.date().isoformat() if dossier.updated else None,
        "excerpts": [
            {
                "article": e.article,
                "anchor": f"p-{e.number}",
                "date": sources[e.article]["date"],
                "text": e.text,
                "url": base_url + urls.article(e.article, e.number),
                "source": source(e.article),
            }
            for e in dossier.excerpts
        ],
        "quotes": [
            {
                "text": q.quote.text,
                "speaker": {"name": q.quote.speaker.name, "id": q.quote.speaker.id},
                "article": q.article,
                "anchor": f"p-{q.quote.first_block}" if q.quote.first_block else None,
                "date": sources[q.article]["date"],
                "source": source(q.article),
            }
            for q in dossier.quotes
        ],
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
        "figures": [
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
        ],
    }
    # Compact: the C encoder only runs without indentation, and dossiers get large.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


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
