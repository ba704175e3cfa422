"""Analysis of one article: blocks, quotes, routing, people and the values of tracked figures.

It depends on the article's text (its date included: a role description names whoever held the
role that day) and the site's topics, people and Markdown settings alone, so its result can be
cached by content hash and computed in parallel.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..diagnostics import ContentError
from ..model import (
    Analysis,
    Article,
    Block,
    Diagnostic,
    Limits,
    Mention,
    Person,
    Quote,
    Speaker,
    Topic,
)
from ..text.markdown import Markdown
from ..text.matching import NameIndex, NameMatch, Scanner, TopicMatcher, fold
from ..text.quotes import extract_quotes
from ..text.roles import RoleBook
from ..text.routing import quote_topics, route

if TYPE_CHECKING:
    from ..text.figures import FigureReader


@dataclass(frozen=True, slots=True)
class Analyzer:
    """Everything an article's analysis depends on besides the article itself."""

    topics: tuple[Topic, ...]
    people: Mapping[str, Person]
    raw_html: bool = False
    limits: Limits = field(default_factory=Limits)
    markdown: Markdown = field(init=False, repr=False, compare=False)
    matcher: TopicMatcher = field(init=False, repr=False, compare=False)
    names: NameIndex = field(init=False, repr=False, compare=False)
    figures: FigureReader | None = field(init=False, repr=False, compare=False)
    """None when no topic tracks figures: the figures' reader, and the reading of amounts,
    dates and sources it needs (30 ms of regular expressions compiled on import), are then
    never imported."""
    roles: RoleBook = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "markdown", Markdown(self.raw_html, self.limits))
        # Keywords and names found in one pass over each paragraph, each then tried where it may be.
        scanner = Scanner.build(
            [
                *(k for t in self.topics for k in (*t.keywords, *t.context_keywords)),
                *(a for p in self.people.values() for a in p.aliases),
                *(f for p in self.people.values() for role in p.roles for f in role.forms),
            ]
        )
        object.__setattr__(
            self,
            "matcher",
            TopicMatcher.build(
                {t.id: t.keywords for t in self.topics},
                {t.id: t.context_keywords for t in self.topics},
                scanner,
            ),
        )
        object.__setattr__(
            self,
            "names",
            NameIndex.build({p.id: p.aliases for p in self.people.values()}, scanner),
        )
        reader = None
        if any(topic.figures for topic in self.topics):
            from ..text.figures import FigureReader

            reader = FigureReader.build(self.topics)
        object.__setattr__(self, "figures", reader)
        object.__setattr__(self, "roles", RoleBook.build(self.names, self.people))

    def analyze(self, article: Article) -> Analysis:
        blocks, problems = self.markdown.read(
            article.body, article.body_line, article.lang, article.path
        )
        # People as they were on the article's day: `le président américain` is who held it.
        names, people = self.roles.on(article.date.date())
        # Found once for the quotes' speakers and the article's mentions alike.
        named = {b.number: names.find(b.text) for b in blocks if b.number}
        found = extract_quotes(blocks, names, people, named, article.title)
        quotes = merge_explicit(found, article, blocks, self.people)
        routed = route(blocks, self.matcher, quotes, article.topics, article.title)
        quotes = quote_topics(quotes, routed, self.matcher)
        mentions = [Mention(person, 0) for person in article.people]
        for block in routed:
            if block.number and named[block.number]:  # most paragraphs name no one
                found = one_per_naming(block.text, named[block.number])
                mentions.extend(Mention(m.id, block.number) for m in found)
        order = [t.id for t in self.topics]
        present = {t for block in routed for t in block.topics} | set(article.topics)
        # A front-matter quote may name a topic no paragraph does: the article goes there too.
        present.update(t for quote in quotes for t in quote.topics)
        topics = tuple(t for t in order if t in present)
        figures = ()
        if self.figures is not None:
            from ..text.figures import read_figures

            figures = read_figures(
                self.figures,
                routed,
                names,
                people,
                named,
                article.lang,
                article.date.date(),
                quotes,
            )
        return Analysis(
            blocks=routed,
            quotes=tuple(
                replace(q, topics=topics) if not (q.topics or q.first_block) else q for q in quotes
            ),
            mentions=tuple(mentions),
            topics=topics,
            diagnostics=problems,
            figures=figures,
        )


# Between two names of one person that name them once: `le secrétaire d'État américain Antony
# Blinken`, `Le ministre turc des Affaires étrangères, Hakan Fidan`, `Hakan Fidan (ministre...)`.
_APPOSITION = re.compile(r"[\s,(\u2013\u2014-]*(?:(?:M|Mme|Mr|Mrs|Ms|Dr)\.?\s+)?")


def one_per_naming(text: str, found: Sequence[NameMatch]) -> list[NameMatch]:
    """The names found in `text` (left to right), those side by side for one person (a role
    beside a name) counted once."""
    kept: list[NameMatch] = []
    for match in found:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and previous.id == match.id
            and _APPOSITION.fullmatch(text, previous.end, match.start)
        ):
            kept[-1] = NameMatch(previous.start, match.end, match.id)
            continue
        kept.append(match)
    return kept


def problems(analyses: Mapping[str, Analysis]) -> tuple[Diagnostic, ...]:
    """The warnings found by analysing the articles; raises ContentError if any is an error."""
    found = tuple(d for analysis in analyses.values() for d in analysis.diagnostics)
    if any(d.severity == "error" for d in found):
        raise ContentError(found)
    return found


def merge_explicit(
    found: Sequence[Quote], article: Article, blocks: Sequence[Block], people: Mapping[str, Person]
) -> tuple[Quote, ...]:
    """Front-matter quotes, placed at the paragraph holding them, win over found duplicates."""
    quotes = list(found)
    explicit = []
    for written in article.quotes:
        person = people.get(written.by)
        speaker = Speaker(person.name, person.id) if person else Speaker(written.by)
        key = _key(written.text)
        twin = next(
            (q for q in quotes if key and (key in _key(q.text) or _key(q.text) in key)), None
        )
        if twin is not None:
            quotes.remove(twin)
            first, last = twin.first_block, twin.last_block
        else:
            first = last = next(
                (b.number for b in blocks if b.number and key and key in _key(b.text)), 0
            )
        explicit.append(Quote(written.text, speaker, first, last, explicit=True))
    return tuple(explicit + quotes)


def _key(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in fold(text)).split())
