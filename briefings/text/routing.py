"""Routing: which dossiers each block of an article belongs to."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from ..model import Block, Quote
from .matching import TopicMatcher


def route(
    blocks: Sequence[Block],
    matcher: TopicMatcher,
    quotes: Iterable[Quote] = (),
    article_topics: Sequence[str] = (),
) -> tuple[Block, ...]:
    """The blocks with their topics set.

    1. A block gets the topics whose keywords it contains.
    2. A block with none inherits the topics of the heading above it, until a block of that section
       turns to other topics only (wire copy keeps one heading over unrelated paragraphs).
    3. The paragraphs of one quote share their topics: a quote is routed as a whole.
    4. Blocks still without a topic get the article's front-matter topics.
    """
    topics: list[tuple[str, ...]] = []
    inherited: tuple[str, ...] = ()
    for block in blocks:
        if block.kind == "heading":
            inherited = matcher.topics(block.text)
            topics.append(inherited)
            continue
        if not block.number:
            topics.append(())
            continue
        direct = matcher.topics(block.text)
        if not direct:
            topics.append(inherited)
            continue
        if inherited and not set(direct) & set(inherited):
            inherited = ()
        topics.append(direct)

    position = {block.number: i for i, block in enumerate(blocks) if block.number}
    for quote in quotes:
        span = [
            position[n] for n in range(quote.first_block, quote.last_block + 1) if n in position
        ]
        if len(span) > 1:
            shared = _ordered(t for i in span for t in topics[i])
            for i in span:
                topics[i] = shared

    order = {topic: i for i, (topic, _) in enumerate(matcher.patterns)}
    routed = []
    for block, found in zip(blocks, topics, strict=True):
        if block.number and not found:
            found = tuple(article_topics)
        if len(found) > 1:
            found = tuple(sorted(found, key=lambda t: order.get(t, 1e9)))
        routed.append(_with_topics(block, found))
    return tuple(routed)


def quote_topics(
    quotes: Iterable[Quote],
    routed: Sequence[Block],
    matcher: TopicMatcher,
) -> tuple[Quote, ...]:
    """The quotes with their own topics set (`Quote.topics`), from the routed blocks.

    1. A quote goes to the topics whose keywords its own words contain, matched as a block's are:
       the sentence around it may name other subjects (a quote about Ukraine said on the way back
       from a summit of the OTAN is not about the OTAN).
    2. A quote whose words name none takes the topics of its paragraphs (those routing gave them,
       front-matter topics included).
    3. Otherwise it has none (a quote in paragraphs routed nowhere); the analysis gives a quote
       placed in no paragraph (a front-matter quote not found in the text) the article's topics.
    """
    topics_of = {b.number: b.topics for b in routed if b.number}
    placed = []
    for quote in quotes:
        topics = matcher.topics(quote.text)
        if not topics and quote.first_block:
            numbers = range(quote.first_block, quote.last_block + 1)
            topics = _ordered(t for n in numbers for t in topics_of.get(n, ()))
        placed.append(dataclasses.replace(quote, topics=topics))
    return tuple(placed)


def _with_topics(block: Block, topics: tuple[str, ...]) -> Block:
    """`dataclasses.replace(block, topics=topics)`, without its look-up of the fields by name
    (a tenth of routing's time)."""
    return Block(
        block.kind,
        block.html,
        block.text,
        block.line,
        block.number,
        block.level,
        block.list_start,
        block.list_end,
        topics,
    )


def _ordered(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
