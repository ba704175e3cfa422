"""Linking: dossiers and the cross-links between articles, dossiers, people and publishers.

Everything is built from indexes (topic → articles, person → articles), never by comparing every
article with every other, so it stays linear in the size of the site.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import (
    Analysis,
    Article,
    Content,
    Corpus,
    Dossier,
    DossierCard,
    Excerpt,
    PlacedFigure,
    PlacedQuote,
    RelatedInput,
    Topic,
    new_excerpt,
)
from ..slugs import slugify

RELATED_ARTICLES = 5
_NEIGHBOURS = 8
"""Articles nearest in time, per shared topic, considered as related candidates."""


def publisher_key(article: Article) -> str:
    """The id of an article's publisher; inline publishers get one from their name."""
    return article.source.id or slugify(article.source.name, "source")


Related = tuple[dict[str, RelatedInput], dict[str, tuple[str, ...]]]
"""A build's related articles: what they were made from (`Corpus.related_inputs`) and the lists
(`Corpus.related_articles`)."""


def link(
    content: Content,
    analyses: Mapping[str, Analysis],
    overviews: Mapping[str, str],
    last: Related | None = None,
) -> Corpus:
    """Gather the analysed articles into dossiers and cross-links. With `last`, the related
    articles of a build before (`incremental.relatedmemo`): only the lists a changed article can
    reach are made again."""
    articles = {a.slug: a for a in content.articles}  # already newest first
    placed = {slug: _placed_quotes(slug, analyses[slug]) for slug in articles}
    dossiers = _dossiers(articles, analyses, placed, content)
    person_quotes: dict[str, list[PlacedQuote]] = defaultdict(list)
    person_articles: dict[str, list[str]] = defaultdict(list)
    person_topics: dict[str, Counter[str]] = defaultdict(Counter)
    publisher_articles: dict[str, list[str]] = defaultdict(list)
    for slug, article in articles.items():
        analysis = analyses[slug]
        publisher_articles[publisher_key(article)].append(slug)
        for quote in placed[slug]:
            if quote.quote.speaker.id:
                person_quotes[quote.quote.speaker.id].append(quote)
        topics_of = {b.number: b.topics for b in analysis.blocks if b.number}
        for person in dict.fromkeys(m.person for m in analysis.mentions):
            person_articles[person].append(slug)
        for mention in analysis.mentions:
            for topic in topics_of.get(mention.block, article.topics):
                person_topics[mention.person][topic] += 1
    inputs, related = related_articles(articles, analyses, last)
    return Corpus(
        content=content,
        articles=articles,
        analyses=dict(analyses),
        dossiers=dossiers,
        related_articles=related,
        person_quotes={p: tuple(q) for p, q in person_quotes.items()},
        person_articles={p: tuple(a) for p, a in person_articles.items()},
        person_topics={p: tuple(c.most_common()) for p, c in person_topics.items()},
        publisher_articles={p: tuple(a) for p, a in publisher_articles.items()},
        overviews=dict(overviews),
        related_inputs=inputs,
    )


def _placed_quotes(slug: str, analysis: Analysis) -> tuple[PlacedQuote, ...]:
    # The analysis gave each quote its own topics (`text.routing.quote_topics`).
    return tuple(PlacedQuote(slug, quote, quote.topics) for quote in analysis.quotes)


@dataclass(slots=True)
class _Gathered:
    """A dossier's parts, gathered article by article."""

    articles: list[str] = field(default_factory=list)
    excerpts: list[Excerpt] = field(default_factory=list)
    quotes: list[PlacedQuote] = field(default_factory=list)
    figures: list[PlacedFigure] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    """Each person mentioned, once per mention: counted once the dossier is gathered."""
    publishers: list[str] = field(default_factory=list)


def _dossiers(
    articles: Mapping[str, Article],
    analyses: Mapping[str, Analysis],
    placed: Mapping[str, tuple[PlacedQuote, ...]],
    content: Content,
) -> dict[str, Dossier]:
    """Every dossier, from one pass over the articles (newest first) and their blocks."""
    gathered = {topic.id: _Gathered() for topic in content.topics}
    add_excerpt = {t: g.excerpts.append for t, g in gathered.items()}
    for slug, article in articles.items():
        analysis = analyses[slug]
        numbers: dict[str, set[int]] = {t: set() for t in analysis.topics if t in gathered}
        # Where a block goes, by its topics (one shared tuple for the few dozen combinations of
        # a site's 100,000 blocks): each block then costs a look-up, not one per topic.
        goes: dict[tuple[str, ...], list[tuple[set[int], Any]]] = {}
        for block in analysis.blocks:
            topics = block.topics
            if topics and block.number:
                to = goes.get(topics)
                if to is None:
                    to = goes[topics] = [
                        (numbers[t], add_excerpt[t]) for t in topics if t in numbers
                    ]
                excerpt = new_excerpt(slug, block)  # one for every dossier it goes to
                for routed, add in to:
                    routed.add(block.number)
                    add(excerpt)
        for value in analysis.figures:  # read in paragraphs routed to the figure's topic
            if value.topic in gathered:
                gathered[value.topic].figures.append(PlacedFigure(slug, value))
        publisher = publisher_key(article)
        for topic, routed in numbers.items():
            dossier = gathered[topic]
            dossier.articles.append(slug)
            dossier.people += [
                m.person for m in analysis.mentions if m.block in routed or not m.block
            ]
            dossier.quotes.extend(q for q in placed[slug] if topic in q.topics)
            dossier.publishers.append(publisher)
    return {
        topic.id: _dossier(topic, gathered[topic.id], articles, analyses, content)
        for topic in content.topics
    }


def _dossier(
    topic: Topic,
    gathered: _Gathered,
    articles: Mapping[str, Article],
    analyses: Mapping[str, Analysis],
    content: Content,
) -> Dossier:
    members = gathered.articles
    # Counted once, in C, rather than one `Counter.update` call per article; sorted below by
    # count and id, whatever order they were met in.
    people, publishers = Counter(gathered.people), Counter(gathered.publishers)
    return Dossier(
        topic=topic,
        articles=tuple(members),
        excerpts=tuple(gathered.excerpts),
        quotes=tuple(gathered.quotes),
        people=tuple(sorted(people.items(), key=lambda item: (-item[1], item[0]))),
        related=_related_topics(topic, members, analyses, content),
        publishers=tuple(sorted(publishers.items(), key=lambda item: (-item[1], item[0]))),
        updated=articles[members[0]].date if members else None,
        figures=_oldest_first(gathered.figures, articles),
    )


def _oldest_first(
    figures: list[PlacedFigure], articles: Mapping[str, Article]
) -> tuple[PlacedFigure, ...]:
    """By the value's date, then the article's date and slug, then the paragraph."""
    return tuple(
        sorted(
            figures,
            key=lambda f: (f.value.date, articles[f.article].date, f.article, f.value.block),
        )
    )


def _related_topics(
    topic: Topic, members: list[str], analyses: Mapping[str, Analysis], content: Content
) -> tuple[tuple[str, int], ...]:
    shared = Counter(t for slug in members for t in analyses[slug].topics if t != topic.id)
    explicit = [(t, shared.get(t, 0)) for t in topic.related if t != topic.id]
    others = sorted(
        ((t, n) for t, n in shared.items() if t not in topic.related),
        key=lambda item: (-item[1], item[0]),
    )
    known = {t.id for t in content.topics}
    return tuple((t, n) for t, n in explicit + others if t in known)


_Lists = dict[str, tuple[list[str], list[float]]]
"""By topic (or person), the slugs of its articles, oldest first, and their timestamps."""


def related_articles(
    articles: Mapping[str, Article], analyses: Mapping[str, Analysis], last: Related | None = None
) -> Related:
    """For each article, the others sharing most people and topics, nearest in time first; and
    what those lists were made from.

    An article's list is made from its own input (timestamp, topics, people) and, in each of
    its topics' and people's lists, the window of the articles nearest in time (`_nearest`):
    with `last`, a list is taken from the last build when the article's input and its windows,
    slugs and timestamps, are those of the last build (an edit of one article makes again the
    lists of the few dozen articles whose windows hold it, or none when its input is unchanged)."""
    inputs = {s: (a.date.timestamp(), *_shared(analyses[s])) for s, a in articles.items()}
    topics, people = _lists(inputs)
    kept: Mapping[str, tuple[str, ...]] = {}
    if last is None:
        todo = set(inputs)
    else:
        before, kept = last
        todo = {s for s, made in inputs.items() if before.get(s) != made}
        for old, new in zip(_lists(before), (topics, people), strict=True):
            for key, (slugs, times) in new.items():
                if old.get(key) != (slugs, times):
                    todo.update(_moved(old.get(key, ([], [])), slugs, times, inputs, todo))
    related = {
        s: _related_of(s, inputs, topics, people) if s in todo else kept[s] for s in articles
    }
    return inputs, related


def _shared(analysis: Analysis) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """An article's topics and the people it names (sorted)."""
    return analysis.topics, tuple(sorted({m.person for m in analysis.mentions}))


def _lists(inputs: Mapping[str, RelatedInput]) -> tuple[_Lists, _Lists]:
    """Each topic's and each person's articles, oldest first (`inputs` is newest first), with
    their timestamps."""
    topics: _Lists = {}
    people: _Lists = {}
    for slug in reversed(list(inputs)):  # oldest first, so each list is sorted by date
        at, its_topics, its_people = inputs[slug]
        for keys, lists in ((its_topics, topics), (its_people, people)):
            for key in keys:
                found = lists.get(key)
                if found is None:
                    found = lists[key] = ([], [])
                found[0].append(slug)
                found[1].append(at)
    return topics, people


def _moved(
    old: tuple[list[str], list[float]],
    slugs: list[str],
    times: list[float],
    inputs: Mapping[str, RelatedInput],
    todo: set[str],
) -> list[str]:
    """The articles of a list that changed whose window in it is not the last build's."""
    old_slugs, old_times = old
    moved = []
    for slug in slugs:
        if slug in todo:
            continue
        at = inputs[slug][0]
        new_at, old_at = bisect_left(times, at), bisect_left(old_times, at)
        new_start, old_start = max(new_at - _NEIGHBOURS, 0), max(old_at - _NEIGHBOURS, 0)
        new_end, old_end = new_at + _NEIGHBOURS + 1, old_at + _NEIGHBOURS + 1
        if (
            slugs[new_start:new_end] != old_slugs[old_start:old_end]
            or times[new_start:new_end] != old_times[old_start:old_end]
        ):
            moved.append(slug)
    return moved


def _related_of(
    slug: str, inputs: Mapping[str, RelatedInput], topics: _Lists, people: _Lists
) -> tuple[str, ...]:
    at, its_topics, its_people = inputs[slug]
    # Every candidate once per list it is near in, counted at once in C: a `Counter.update`
    # per list cost a Python call each, 40,000 at 4,000 articles.
    near: list[str] = []
    for topic in its_topics:
        near += _nearest(*topics[topic], at)
    for person in its_people:
        window = _nearest(*people[person], at)
        near += window  # twice: a person shared counts 2
        near += window
    scores = Counter(near)
    scores.pop(slug, None)
    # Only those sharing as much as the one in last place or more can be among the first.
    counts = sorted(scores.values(), reverse=True)
    least = counts[RELATED_ARTICLES - 1] if len(counts) >= RELATED_ARTICLES else 0
    # Most shared first, then nearest in time, then by slug: tuples sort without a key call.
    ranked = sorted((-n, abs(inputs[o][0] - at), o) for o, n in scores.items() if n >= least)
    return tuple(o for _, _, o in ranked[:RELATED_ARTICLES])


def _nearest(slugs: list[str], times: list[float], at: float) -> list[str]:
    """The slugs (sorted by time, `times` theirs) nearest to the time `at`."""
    index = bisect_left(times, at)
    return slugs[max(index - _NEIGHBOURS, 0) : index + _NEIGHBOURS + 1]


def cards(corpus: Corpus) -> list[DossierCard]:
    """Every dossier as a list of dossiers shows it, in the site's order."""
    return [
        DossierCard(d.topic, len(d.articles), len(d.excerpts), len(d.quotes), d.updated)
        for d in corpus.dossiers.values()
    ]
