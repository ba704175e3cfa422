"""The typed, immutable data that flows through the pipeline.

config ─▶ content ─▶ analysis ─▶ linking ─▶ pages ─▶ render ─▶ write

Each stage takes the dataclasses of the stages before it and returns new ones; nothing is mutated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Literal, Protocol

# ---------------------------------------------------------------- config


@dataclass(frozen=True, slots=True)
class Limits:
    """What one file and the whole output may cost: site.yaml's `limits:`.

    Generous for wire copy (a long article is 5 to 20 KiB and a few hundred paragraphs), they
    bound what one hostile file can make a build read, parse, hold and write.
    """

    article_kib: int = 256
    """The largest article or topic file, in KiB (never more than the 8 MiB of any file)."""
    table_cells: int = 10_000
    """Cells in the tables of one file, a short row counting as many as its header."""
    paragraphs: int = 2_000
    """Paragraphs of one file, headings, list items, quotes and tables each counting one."""
    output_mib: int = 2_048
    """The whole output folder, in MiB."""


@dataclass(frozen=True, slots=True)
class Config:
    """site.yaml, validated, with paths made absolute."""

    site_dir: Path
    title: str
    description: str
    language: str
    base_url: str
    """Absolute, always ending with `/`."""
    base_path: str
    """The path part of base_url (`/` or `/repo/`): every internal link starts with it."""
    output: Path
    drafts: bool = False
    cname: str | None = None
    search: bool = True
    raw_html: bool = False
    """Raw HTML in Markdown is escaped unless the site opts in."""
    author: str = ""
    paginate: int = 20
    """Articles per page of the dossiers, the people's pages and the timeline (at least 1)."""
    limits: Limits = Limits()


# ---------------------------------------------------------------- content


@dataclass(frozen=True, slots=True)
class Position:
    """Where a value was written: a site-relative path and 1-based line and column."""

    path: str
    line: int
    col: int = 1


@dataclass(frozen=True, slots=True)
class FigureSpec:
    """A number a dossier tracks (issue 20): one entry of a topic's `figures:` front matter."""

    id: str
    """Unique within the topic (`tues`, `deplaces`)."""
    label: str
    """Shown to readers, in the site's language (`Personnes tuées à Gaza`)."""
    unit: str
    """What is counted: a word (`personnes`, `camions`) or `%`, `dollars`, `euros`."""
    phrases: tuple[str, ...]
    """Words that announce a value, written as in the copy (`tués`, `killed`, `bilan`)."""
    grows: bool = True
    """A running total (a toll): `check` warns when a new value is lower than the last one."""
    jump: float = 3.0
    """`check` warns when a new value is more than this many times the last one."""
    line: int = 0
    """Line of the topic file where the entry starts, for messages."""
    widen: bool = True
    """Its phrases also find the other words of their word families (`ont péri` for `tués`)."""


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    title: str
    summary: str
    keywords: tuple[str, ...]
    related: tuple[str, ...]
    order: int | None
    body: str
    """The editorial overview, Markdown."""
    body_line: int
    """Line of the file where the body starts."""
    path: str
    figures: tuple[FigureSpec, ...] = ()
    context_keywords: tuple[str, ...] = ()
    """Words that name this topic and others too (`Israël`, `Alliance`): they route a paragraph
    here only with support from its context (docs/content.md)."""


@dataclass(frozen=True, slots=True)
class Role:
    """A position a person holds between two dates: one entry of people.yaml's `roles:`."""

    title: str
    """As shown to readers, and a form that names the position in text (`président des
    États-Unis`)."""
    aliases: tuple[str, ...] = ()
    """Other forms of the position in text (`président américain`, `US president`)."""
    start: dt.date | None = None
    """`from`: the first day it is held; None when it has always been."""
    end: dt.date | None = None
    """`to`: the day it passes to someone else, not included (the next holder's `from`); None
    while it is held."""

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form that names the position in text, the title first."""
        return tuple(dict.fromkeys(f for f in (self.title, *self.aliases) if f))


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    role: str
    """`role:` as written; with only `roles:`, the title of the latest of them."""
    kind: Literal["person", "institution"]
    aliases: tuple[str, ...]
    """Every form that names this actor in text, the name included."""
    url: str | None = None
    description: str = ""
    roles: tuple[Role, ...] = ()
    """The dated positions of `roles:`, in the order written."""


@dataclass(frozen=True, slots=True)
class Publisher:
    id: str
    name: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ExplicitQuote:
    """A quote written in an article's front matter."""

    text: str
    by: str
    """A person id, or a free-text speaker."""
    line: int


@dataclass(frozen=True, slots=True)
class Article:
    path: str
    """Site-relative path of the source file, for messages."""
    slug: str
    title: str
    date: dt.datetime
    """Always timezone-aware: a date alone is midnight UTC, a time without an offset is UTC;
    only `has_time` says a time was written."""
    has_time: bool
    source: Publisher
    url: str | None
    lang: str
    topics: tuple[str, ...]
    people: tuple[str, ...]
    summary: str
    draft: bool
    quotes: tuple[ExplicitQuote, ...]
    body: str
    body_line: int
    """Line of the file on which the Markdown body starts (1-based)."""
    digest: str
    """Hash of the file's bytes, for caching the analysis."""


@dataclass(frozen=True, slots=True)
class Content:
    """Everything the site folder says, validated."""

    config: Config
    topics: tuple[Topic, ...]
    articles: tuple[Article, ...]
    people: dict[str, Person]
    publishers: dict[str, Publisher]
    templates_dir: Path | None
    static_files: tuple[tuple[str, bytes], ...]
    """(output-relative path, bytes) of the site's `static/` files, copied as they are."""


# ---------------------------------------------------------------- analysis

BlockKind = Literal["paragraph", "item", "blockquote", "heading", "other"]


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of an article's body, as routed to dossiers.

    Paragraphs, list items (of a top-level list) and blockquotes are anchored (`p-N`); headings and
    other blocks (code, tables, rules) are not, but keep their place in the body.
    """

    kind: BlockKind
    html: str
    """The rendered HTML of the block itself (for items: the inside of the `<li>`)."""
    text: str
    """Plain text, for routing, quotes and excerpts."""
    line: int
    """Line in the article file where the block starts."""
    number: int = 0
    """1-based position among anchored blocks; 0 for headings and other blocks."""
    level: int = 0
    """Heading level for headings."""
    list_start: str = ""
    """For the first item of a list: the opening tag (`<ul>`, `<ol start="3">`)."""
    list_end: str = ""
    """For the last item of a list: the closing tag."""
    topics: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        return f"p-{self.number}" if self.number else ""


_new = object.__new__
BLOCK_SETTERS = tuple(getattr(Block, f.name).__set__ for f in fields(Block))
"""Each field's slot setter, in the fields' order: for the readers that make blocks by the
hundred thousand (here and in the analysis cache)."""
(
    _set_kind,
    _set_html,
    _set_text,
    _set_line,
    _set_number,
    _set_level,
    _set_start,
    _set_end,
    _set_topics,
) = BLOCK_SETTERS


def new_block(
    kind: BlockKind,
    html: str,
    text: str,
    line: int,
    number: int = 0,
    level: int = 0,
    list_start: str = "",
    list_end: str = "",
    topics: tuple[str, ...] = (),
) -> Block:
    """`Block(...)` at two thirds of the cost, for the 100,000 blocks of a large site that the
    plain-Markdown reader and routing make: a frozen dataclass's `__init__` sets each field
    through `object.__setattr__`. The slots are set directly, every one, so the block is the one
    `Block(...)` makes (`Block` has no `__post_init__`; tests/test_plainmarkdown.py compares)."""
    block = _new(Block)
    _set_kind(block, kind)
    _set_html(block, html)
    _set_text(block, text)
    _set_line(block, line)
    _set_number(block, number)
    _set_level(block, level)
    _set_start(block, list_start)
    _set_end(block, list_end)
    _set_topics(block, topics)
    return block


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    """As shown to readers: the person's name, the attribution's own words, or empty if unknown."""
    id: str | None = None
    """A people.yaml id when the speaker was resolved to one."""


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    speaker: Speaker
    first_block: int
    """`number` of the block the quote opens in."""
    last_block: int
    """`number` of the block it closes in (the same for a one-paragraph quote)."""
    explicit: bool = False
    """Written in the front matter rather than found in the text."""
    topics: tuple[str, ...] = ()
    """The dossiers it goes to: the topics its own words name, else its paragraphs' (the
    article's for a front-matter quote found in no paragraph); set by the analysis
    (`text.routing.quote_topics`)."""


@dataclass(frozen=True, slots=True)
class FigureValue:
    """One value of a tracked figure, read in a paragraph routed to the figure's dossier."""

    topic: str
    figure: str
    """`FigureSpec.id` within `topic`."""
    value: float
    """The number, scaled (`1,2 million` is 1200000.0, `60 %` is 60.0)."""
    unit: str
    """The figure's unit, or the one written beside the number when it names one (`dollars`)."""
    qualifier: str
    """As written, lower-cased: `plus de`, `près de`, `environ`, `au moins`, `more than`…; or ``."""
    written: str
    """The number as the text gives it, qualifier included (`plus de 44 800`)."""
    provenance: Speaker
    """Who gives the number (`selon les autorités sanitaires`), resolved through people.yaml
    like a speaker; an empty name when the sentence names no one."""
    date: dt.date
    """The article's date, unless the sentence dates the number."""
    block: int
    """`number` of the block (anchor `p-N`)."""


@dataclass(frozen=True, slots=True)
class Mention:
    person: str
    block: int
    """`number` of the block that names the person (0: front matter)."""


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the builder derives from one article, given the site's topics and people."""

    blocks: tuple[Block, ...]
    quotes: tuple[Quote, ...]
    mentions: tuple[Mention, ...]
    topics: tuple[str, ...]
    """Every topic of the article: routed blocks plus front-matter topics."""
    diagnostics: tuple[Diagnostic, ...] = ()
    figures: tuple[FigureValue, ...] = ()
    """Values of the topics' figures, in reading order."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem in the input, with where it is and what would be right."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    severity: Literal["error", "warning"] = "error"
    source_line: str = ""
    """The offending line of the file, shown under the message."""
    notes: tuple[str, ...] = ()
    """More of what was found, each shown on a line of its own (`= note: ...`)."""


# ---------------------------------------------------------------- linking


@dataclass(frozen=True, slots=True)
class Excerpt:
    article: str
    """Article slug."""
    block: Block
    """The block of the article's analysis (not a copy: a page showing it is compared with the
    last build's by the analysis it belongs to)."""

    @property
    def number(self) -> int:
        """Block number in the article (anchor `p-N`)."""
        return self.block.number

    @property
    def text(self) -> str:
        return self.block.text

    @property
    def html(self) -> str:
        return self.block.html


_set_article, _set_excerpt_block = (getattr(Excerpt, f.name).__set__ for f in fields(Excerpt))


def new_excerpt(article: str, block: Block) -> Excerpt:
    """`Excerpt(article, block)` at half the cost, for the 90,000 excerpts linking makes at
    4,000 articles, on every build (as `new_block`; tests/test_linking.py compares both)."""
    excerpt = _new(Excerpt)
    _set_article(excerpt, article)
    _set_excerpt_block(excerpt, block)
    return excerpt


@dataclass(frozen=True, slots=True)
class PlacedQuote:
    """A quote with the article it comes from."""

    article: str
    quote: Quote
    topics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlacedFigure:
    """A figure's value with the article it comes from."""

    article: str
    value: FigureValue


@dataclass(frozen=True, slots=True)
class Dossier:
    topic: Topic
    articles: tuple[str, ...]
    """Slugs, newest first."""
    excerpts: tuple[Excerpt, ...]
    """Newest article first, then in the article's order."""
    quotes: tuple[PlacedQuote, ...]
    people: tuple[tuple[str, int], ...]
    """(person id, mentions), most mentioned first."""
    related: tuple[tuple[str, int], ...]
    """(topic id, shared articles), explicit `related` first, then by shared articles."""
    publishers: tuple[tuple[str, int], ...]
    """(publisher id, articles)."""
    updated: dt.datetime | None
    figures: tuple[PlacedFigure, ...] = ()
    """The values of the topic's figures, oldest first (by date, then article, then block)."""


@dataclass(frozen=True, slots=True)
class DossierCard:
    """What a list of dossiers shows of one (the home page, the 404 page): not its excerpts,
    so that those pages are not made again whenever any article changes."""

    topic: Topic
    article_count: int
    excerpt_count: int
    quote_count: int
    updated: dt.datetime | None


RelatedInput = tuple[float, tuple[str, ...], tuple[str, ...]]
"""What an article brings to the related articles' lists: its date's timestamp, its topics and
the people it names (sorted)."""


@dataclass(frozen=True, slots=True)
class Analysed:
    """The site's articles and their analyses, before linking: all its search index is made from
    (a record shows no cross-link), so that a build can index while it links and plans."""

    content: Content
    articles: Mapping[str, Article]
    """By slug, newest first."""
    analyses: Mapping[str, Analysis]
    overviews: Mapping[str, str]
    """Topic id to the HTML of its editorial overview."""


@dataclass(frozen=True, slots=True)
class Corpus:
    """The whole site, analysed and cross-linked: what the pages are planned from."""

    content: Content
    articles: dict[str, Article]
    """By slug, newest first."""
    analyses: dict[str, Analysis]
    dossiers: dict[str, Dossier]
    """By topic id, in home-page order."""
    related_articles: dict[str, tuple[str, ...]]
    person_quotes: dict[str, tuple[PlacedQuote, ...]]
    person_articles: dict[str, tuple[str, ...]]
    person_topics: dict[str, tuple[tuple[str, int], ...]]
    publisher_articles: dict[str, tuple[str, ...]]
    overviews: dict[str, str]
    """Topic id to the HTML of its editorial overview."""
    related_inputs: dict[str, RelatedInput] = field(default_factory=dict)
    """What `related_articles` were made from, by slug (newest first): kept for the next build,
    whose linking makes again only the lists a changed article can reach."""


# ---------------------------------------------------------------- pages and output


@dataclass(frozen=True, slots=True)
class Page:
    """One file to produce: an output path, and a template with its context, or a function
    making the bytes from the context alone, or the bytes."""

    path: str
    """Output-relative, POSIX (`dossiers/gaza/index.html`)."""
    template: str = ""
    context: dict[str, object] = field(default_factory=dict)
    data: bytes | None = None
    """Set for files that need no template (copied static files, robots.txt)."""
    make: Callable[..., bytes] | None = None
    """Makes the bytes from the context (`make(**context)`): large data files (a dossier's
    JSON) and the feeds, which the render memo keeps when their context did not change."""
    made_from: tuple[object, ...] | None = None
    """When the planner made the context from these alone: what the render memo compares with
    the last build instead of the context. Articles and their analyses, which the memo knows
    by the article's digest, stand for the excerpts, quotes and counts made from them (a
    dossier page's hundred excerpts, an article's quotes by paragraph)."""
    kept: bool = False
    """Planned without its context: the render memo said, from what the page is made of,
    that it keeps the last build's file (`stages.pages.Unchanged`). The context holds only what
    the sitemap reads (`url`, and `article` or `newest`)."""

    @property
    def templated(self) -> bool:
        return self.data is None and self.make is None


class StagingArea(Protocol):
    """Where a build puts the pages whose bytes changed until writing commits them: the interface
    of `stages.write.Staging`, named here so that the model does not import the writer."""

    output: Path
    path: Path

    def put(self, path: str, data: bytes) -> bool: ...

    def add(self, path: str, data: bytes) -> None: ...

    def discard(self) -> None: ...

    def release(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Output:
    """The rendered site: output-relative path to bytes."""

    files: dict[str, bytes]
    kept: frozenset[str] = frozenset()
    """Files the output folder holds that are still right, kept as they are: the render memo
    vouches for them, or they were rendered again to the same bytes."""
    staged: frozenset[str] = frozenset()
    """Files already written, because their bytes changed, into `staging`."""
    staging: StagingArea | None = None
    """The build's staging folder (`stages.write.Staging`), which writing commits."""
