"""Routing: which dossiers each block of an article belongs to."""

from __future__ import annotations

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
