"""Routing: which dossiers each block of an article belongs to."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from ..model import Block, Quote, new_block
from .matching import NO_TOPICS, Named, TopicMatcher


def route(
    blocks: Sequence[Block],
    matcher: TopicMatcher,
    quotes: Iterable[Quote] = (),
    article_topics: Sequence[str] = (),
    title: str = "",
) -> tuple[Block, ...]:
    """The blocks with their topics set (the rules of docs/content.md, "How an article is cut
    into dossiers").

    1. A block gets the topics whose keywords it contains.
    2. It gets the topic of a context keyword it contains where its context supports that topic
       (`_supported`): the article's subject (its front-matter topics if it has some, else
       `subject`), the heading above it, or the paragraph before it naming the topic by a keyword.
    3. A paragraph naming no topic by a keyword follows its context (`_follow`): the heading above
       it, else the paragraphs on either side of it, else at the start or the end of the article
       its subject. A label (`Background:`) follows nothing.
    4. The paragraphs of one quote share their topics: a quote is routed as a whole.
    5. Blocks still without a topic get the article's front-matter topics.
    """
    named = [matcher.find(b.text) if b.number or b.kind == "heading" else NO_TOPICS for b in blocks]
    main = frozenset(article_topics) or subject(
        blocks, named, matcher.topics(title) if title else ()
    )
    firm: list[tuple[str, ...]] = []
    hinted: list[tuple[str, ...]] = []
    sections: list[tuple[str, ...]] = []
    inherited: tuple[str, ...] = ()
    previous: tuple[str, ...] = ()
    for block, names in zip(blocks, named, strict=True):
        if block.kind == "heading":
            inherited = names.firm + _supported(names, main, ()) if names.context else names.firm
            firm.append(inherited)
            hinted.append(())
            sections.append(())
            continue
        if not block.number:
            firm.append(())
            hinted.append(())
            sections.append(())
            continue
        # Most paragraphs name no topic by a context keyword alone.
        hint = _supported(names, main, (*inherited, *previous)) if names.context else ()
        if names.firm and inherited and not set(names.firm + hint) & set(inherited):
            inherited = ()  # the section turned to other topics
        firm.append(names.firm)
        hinted.append(hint)
        sections.append(inherited)
        previous = names.firm or previous
    own = [f + h for f, h in zip(firm, hinted, strict=True)]
    topics = _follow(blocks, own, [bool(f) for f in firm], sections, main)

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
        # A block routed nowhere stays the one it was (its topics are the reader's empty ones).
        routed.append(_with_topics(block, found) if found != block.topics else block)
    return tuple(routed)


def subject(
    blocks: Sequence[Block], named: Sequence[Named], title: Sequence[str] = ()
) -> frozenset[str]:
    """The article's subject: the topics its title and its first paragraph (the lead) name by
    their keywords, and those named in more than half of the paragraphs that name any, where a
    context keyword counts for a topic that a keyword names somewhere in the article (`Israël`
    in most paragraphs of a piece on Syria and the Golan does not make Gaza its subject)."""
    paragraphs = [n for b, n in zip(blocks, named, strict=True) if b.number]
    somewhere = {t for names in paragraphs for t in names.firm}.union(title)
    counts: dict[str, int] = {}
    naming = 0
    for names in paragraphs:
        topics = (
            names.firm + tuple(t for t in names.context if t in somewhere)
            if names.context
            else names.firm
        )
        if topics:
            naming += 1
            for topic in topics:
                counts[topic] = counts.get(topic, 0) + 1
    lead = paragraphs[0].firm if paragraphs else ()
    dominant = (t for t, n in counts.items() if 2 * n > naming)
    return frozenset((*title, *lead, *dominant))


def _supported(names: Named, main: frozenset[str], around: Sequence[str]) -> tuple[str, ...]:
    """The topics of a block's context keywords that its context supports: `around` (the heading
    above it, the last paragraph before it naming a topic by a keyword) names them, or they are
    the article's subject and the block names no other topic by a keyword (`Israël` in a
    paragraph on Syria speaks of Syria)."""
    return tuple(t for t in names.context if t in around or (t in main and not names.firm))


def _is_label(text: str) -> bool:
    """One or two words and a colon (`Background:`, `More stories:`): a label of the page, not a
    part of the story."""
    return text.endswith(":") and len(text.split()) < 3


def _follow(
    blocks: Sequence[Block],
    own: Sequence[tuple[str, ...]],
    keyworded: Sequence[bool],
    sections: Sequence[tuple[str, ...]],
    main: frozenset[str],
) -> list[tuple[str, ...]]:
    """Every block's topics: those its keywords name (`own`), or for a paragraph with none, those
    its context gives.

    Its neighbours are the nearest paragraphs before and after it that name topics by their
    keywords, within the stretch between two headings that name topics. In this order, it takes:
    1. the topics of the heading above it, while that section lasts (`sections`);
    2. the topics both neighbours name (the subject goes on across it);
    3. with a neighbour on one side only (at the start or the end of the article or section), that
       neighbour's topics that are the article's subject; with none on either side, the subject.
    Anything else (neighbours that share nothing, no subject) gives it none.
    """
    count = len(blocks)
    before: list[int | None] = [None] * count
    after: list[int | None] = [None] * count
    last: int | None = None
    for i, block in enumerate(blocks):
        before[i] = last
        if own[i]:
            last = i if block.number else None  # a heading naming topics starts a new stretch
    last = None
    for i in range(count - 1, -1, -1):
        after[i] = last
        if own[i]:
            last = i if blocks[i].number else None
    topics = list(own)
    for i, block in enumerate(blocks):
        if not block.number or keyworded[i] or _is_label(block.text):
            continue
        previous, following = before[i], after[i]
        shared: tuple[str, ...] = ()
        if previous is not None and following is not None:
            shared = tuple(t for t in own[previous] if t in own[following])
        found: tuple[str, ...] = ()
        if sections[i]:
            found = sections[i]
        elif shared:
            found = shared
        elif previous is None and following is None:
            found = tuple(sorted(main))
        elif previous is None or following is None:
            side = own[following if previous is None else previous]
            found = tuple(t for t in side if t in main)
        topics[i] = _ordered((*found, *own[i]))  # its context keywords' topics kept
    return topics


def quote_topics(
    quotes: Iterable[Quote],
    routed: Sequence[Block],
    matcher: TopicMatcher,
) -> tuple[Quote, ...]:
    """The quotes with their own topics set (`Quote.topics`), from the routed blocks.

    1. A quote goes to the topics whose keywords its own words contain, matched as a block's are:
       the sentence around it may name other subjects (a quote about Ukraine said on the way back
       from a summit of the OTAN is not about the OTAN). Its context keywords count for the topics
       routing gave its paragraphs.
    2. A quote whose words name none takes the topics of its paragraphs (those routing gave them,
       front-matter topics included).
    3. Otherwise it has none (a quote in paragraphs routed nowhere); the analysis gives a quote
       placed in no paragraph (a front-matter quote not found in the text) the article's topics.
    """
    topics_of = {b.number: b.topics for b in routed if b.number}
    placed = []
    for quote in quotes:
        numbers = range(quote.first_block, quote.last_block + 1)
        around = _ordered(t for n in numbers for t in topics_of.get(n, ()))
        names = matcher.find(quote.text)
        # A context keyword counts where routing gave its topic to the quote's paragraphs.
        topics = names.firm + tuple(t for t in names.context if t in around)
        if not topics and quote.first_block:
            topics = around
        placed.append(dataclasses.replace(quote, topics=topics))
    return tuple(placed)


def _with_topics(block: Block, topics: tuple[str, ...]) -> Block:
    """`dataclasses.replace(block, topics=topics)`, without its look-up of the fields by name
    (a tenth of routing's time) nor the frozen dataclass's `__init__` (`new_block`)."""
    return new_block(
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
