"""Pre-escaped HTML for the theme's hottest loops, made in Python rather than in Jinja2.

An article page shows its 20 to 40 blocks with a dozen values each: in a template loop every value
is a call to MarkupSafe's `escape` and a Jinja2 step, two thirds of the page's time. These filters
write the same bytes (tests/test_fragments.py compares them with the loops they replace) with
each value a template would escape escaped here (`_html`, as autoescaping does), and what a
template marks `|safe` (a block's HTML, made from Markdown by the analysis) taken as it is. What
a site's templates can override is called back, not copied: the `speaker` a page imported from
macros.html is passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from markupsafe import Markup, escape

from .. import urls
from ..model import Article, Block, Excerpt, Person, PlacedQuote, Quote, Topic
from ..text.typography import french, is_french


def _escaped(text: str) -> str:
    """MarkupSafe's escaping of `& < > ' "` in a plain string, by Python's `str.replace`."""
    return (
        text.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


try:
    # What `markupsafe.escape` itself runs on a plain string, one pass in C (a quarter of the
    # five `replace`s' time), without the Markup it makes around it.
    from markupsafe._speedups import _escape_inner as escaped_text
except ImportError:  # MarkupSafe without its C speedups, or one that moved them
    escaped_text = _escaped
# A private function: trusted only while it escapes as the five `replace`s do (autoescaping).
if escaped_text("<a href='x'>&\"</a>") != _escaped("<a href='x'>&\"</a>"):
    escaped_text = _escaped


def _html(value: object) -> str:
    """`value` as a template's `{{ value }}` writes it: MarkupSafe's escaping of `& < > ' "`,
    and Markup (`__html__`) as it is. Plain strings, nearly all, are escaped here without making
    a Markup of each (a third of the time of `escape`); Markup is taken as it is."""
    kind = type(value)
    if kind is str:
        return escaped_text(value)
    if kind is Markup:
        return value
    return str(escape(value))


K = TypeVar("K")
V = TypeVar("V")

MEMO_LIMIT = 50_000
"""Entries a memo of `Writers` holds before it is emptied: a renderer the preview keeps from
build to build would otherwise keep every edited article's and quote's HTML."""


def _remember(memo: dict[K, V], key: K, value: V) -> None:
    if len(memo) >= MEMO_LIMIT:
        memo.clear()
    memo[key] = value


class Entry(Protocol):
    """An article with the excerpts of it a dossier page shows (`pages.Entry`)."""

    @property
    def article(self) -> Article: ...
    @property
    def excerpts(self) -> Sequence[Excerpt]: ...


def article_blocks(
    blocks: Iterable[Block],
    quotes_at: Mapping[int, Sequence[PlacedQuote]],
    tag_links: Mapping[str, object],
    speaker: Callable[[object], object],
    paragraph_label: str,
    quoted_label: str,
) -> Markup:
    """An article's body as `article.html` lays it out: each anchored block with its anchor,
    its dossiers' tags (`tag_links`) and the speakers of the quotes that open in it."""
    out: list[str] = []
    add = out.append
    label = _html(paragraph_label)
    quoted = _html(quoted_label)
    # Each dossier's tag and each set of dossiers, once a page: a few for a hundred blocks (the
    # first `tag_links[...]` of each records the page's read, as every one did).
    tags: dict[str, str] = {}
    attributes: dict[tuple[str, ...], str] = {}
    for block in blocks:
        kind = block.kind
        if block.list_start:
            add(block.list_start)
        if kind == "heading":
            level = block.level if block.level >= 2 else 2
            add(f"      <h{level}>{block.html}</h{level}>\n")
        elif kind == "other":
            add(f"      {block.html}\n")
        else:
            number = block.number
            here = quotes_at.get(number, ())
            tag = "li" if kind == "item" else "div"
            # `p-N`: nothing in it to escape.
            anchor = block.anchor
            topics = block.topics
            marked = " has-quote" if here else ""
            dossiers = attributes.get(topics)
            if dossiers is None:
                dossiers = attributes[topics] = (
                    f' data-dossiers="{_html(" ".join(topics))}"' if topics else ""
                )
            body = f"<blockquote>{block.html}</blockquote>" if kind == "blockquote" else block.html
            add(
                f'      <{tag} id="{anchor}" class="block{marked}"{dossiers}>\n'
                f'{body}        <div class="block-meta">\n'
                f'          <a class="anchor" href="#{anchor}" aria-label="{label} {number}">'
                f"§{number}</a>\n"
            )
            for topic in topics:
                tag_html = tags.get(topic)
                if tag_html is None:
                    tag_html = tags[topic] = _html(tag_links[topic])
                add(tag_html)
            for placed in here:
                if placed.quote.first_block == number:
                    add(f'<span class="quote-mark">{quoted}{_html(speaker(placed.quote))}</span>')
            add(f"        </div>\n      </{tag}>\n")
        if block.list_end:
            add(block.list_end)
    return Markup("".join(out))


@dataclass(frozen=True, slots=True)
class Writers:
    """The filters that need the site's settings: its base path, language, dates and typography
    (the `date` and `typo` filters, which they apply as the templates did)."""

    base_path: str
    lang: str
    date: Callable[..., str]
    """The `date` filter: a date in the site's language, `long` or `medium`."""
    typo: Callable[[object, str | None], object]
    count: Callable[[int, str], str]
    """The `count` filter: `3 mentions`."""
    truncate: Callable[[str, int], str]
    """Jinja2's `truncate` filter, with the environment's policies."""
    gettext: Callable[[str], str]
    """The interface strings (`t`)."""
    _heads: dict[int, tuple[Article, str, str, str, str]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """By article (`id`): the article, its `lang` attribute, its escaped link, typeset title and
    long date, which dossier pages, quote cards and article lists repeat by the ten thousand."""
    _items: dict[int, tuple[Article, Markup]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """By article: its `article_item`, shown on every page of the people it mentions and of the
    articles related to it."""

    def _head(self, article: Article) -> tuple[Article, str, str, str, str]:
        """The article, its `lang` attribute, its escaped link, typeset title and long date.

        Memos here are keyed by the object's `id` and hold the object: a hit is the very object
        (not one that took a freed one's `id`), and the HTML is a function of it and the site's
        settings alone. A renderer kept from build to build (the preview) keeps them; they are
        emptied past `MEMO_LIMIT` entries."""
        found = self._heads.get(id(article))
        if found is not None and found[0] is article:
            return found
        lang = article.lang
        head = (
            article,
            f' lang="{_html(lang)}"' if lang != self.lang else "",
            _html(self.base_path + urls.article(article.slug)),
            _html(self._typeset(article.title, lang)),
            _html(self.date(article.date)),
        )
        _remember(self._heads, id(article), head)
        return head

    def _typeset(self, text: object, lang: str) -> object:
        """The `typo` filter (`render.typeset`), without its two calls for a plain string."""
        if type(text) is str:
            return french(text) if is_french(lang or self.lang) else text
        return self.typo(text, lang)

    def site_nav(
        self, url: str, topics: Iterable[Topic], timeline: str, people: str, sources: str
    ) -> Markup:
        """The items of `header.html`'s menu for the page at `url`: each dossier, the timeline,
        people and sources, the page's own marked `aria-current="page"`, and the section it is
        in (a dossier's page 2, an article) `"true"`."""
        out: list[str] = []
        for path, label, within in (
            *((urls.dossier(topic.id), topic.title, True) for topic in topics),
            (urls.timeline(), timeline, True),
            (urls.people(), people, False),
            (urls.sources(), sources, False),
        ):
            if url == path:
                current = ' aria-current="page"'
            elif within and url.startswith(path):
                current = ' aria-current="true"'
            else:
                current = ""
            href = _html(self.base_path + path)
            out.append(f'        <li><a href="{href}"{current}>{_html(label)}</a></li>\n')
        return Markup("".join(out))

    def article_quotes(
        self,
        quotes: Iterable[PlacedQuote],
        speaker: Callable[[Quote], object],
        colon: str,
        lang: str,
    ) -> Markup:
        """The list of an article's quotes in `article.html`'s aside: each quote's paragraph,
        speaker (by the `speaker` macro passed in) and first 160 characters."""
        attribute = f' lang="{_html(lang)}"' if lang != self.lang else ""
        colon = _html(colon)
        out = []
        for placed in quotes:
            quote = placed.quote
            first = quote.first_block
            text = _html(self._typeset(self.truncate(quote.text, 160), lang))
            out.append(
                f'        <li><a href="#p-{first}">§{first}</a> — {_html(speaker(quote))}{colon}'
                f"<q{attribute}>{text}</q></li>\n"
            )
        return Markup("".join(out))

    def article_people(
        self, mentioned: Iterable[tuple[str, int]], people: Mapping[str, Person]
    ) -> Markup:
        """The people an article mentions, in `article.html`'s aside, with their mentions."""
        out = []
        for pid, count in mentioned:
            href = _html(self.base_path + urls.person(pid))
            counted = (
                f' <span class="muted">({_html(self.count(count, "mentions"))})</span>'
                if count
                else ""
            )
            name = _html(people[pid].name)
            out.append(f'        <li><a href="{href}">{name}</a>{counted}</li>\n')
        return Markup("".join(out))

    def dossier_entries(
        self, timeline: Iterable[Entry], read_label: str, original_label: str
    ) -> Markup:
        """A dossier page's timeline as `dossier.html` lays it out: each article's date and
        title, then each excerpt with its links to the paragraph and to the original."""
        out: list[str] = []
        add = out.append
        read = _html(read_label)
        original = _html(original_label)
        for entry in timeline:
            article = entry.article
            lang = article.lang
            _, attribute, href, title, date = self._head(article)
            add(
                '        <article class="entry">\n'
                f'          <h3><time datetime="{_html(article.date.date().isoformat())}">'
                f"{date}</time> — "
                f'<a href="{href}"{attribute}>{title}</a>'
                "</h3>\n"
            )
            source = (
                '<span class="to-article"> · </span><a class="to-source" '
                f'href="{_html(article.url)}" rel="external">{original} — '
                f"{_html(article.source.name)}</a>"
                if article.url
                else ""
            )
            # Tens of thousands of excerpts a dossier: what is the same for an article's is
            # made once (the `typo` filter's language test, the links' start).
            set_french = is_french(lang or self.lang)
            opening = f'          <div class="excerpt"{attribute}>\n            <p>'
            links = '</p>\n            <p class="excerpt-links"><a class="to-article" href="'
            # The article's link with `#p-N`: N a number, nothing in it to escape.
            slug = article.slug
            for excerpt in entry.excerpts:
                block = excerpt.block
                number = block.number
                text = block.text
                if number and excerpt.article == slug:
                    link = f"{href}#p-{number}"
                else:
                    link = _html(self.base_path + urls.article(excerpt.article, number))
                add(
                    f"{opening}{_html(french(text) if set_french else text)}{links}{link}"
                    f'">{read} (§{number})</a>{source}</p>\n          </div>\n'
                )
            add("        </article>\n")
        return Markup("".join(out))

    def speaker(self, quote: Quote) -> Markup:
        """`macros.html`'s `speaker`: the speaker's name, linked to their page when people.yaml
        knows them."""
        who = quote.speaker
        if who.id:
            href = _html(self.base_path + urls.person(who.id))
            return Markup(f'<a href="{href}">{_html(who.name)}</a>')
        if who.name:
            return Markup(_html(who.name))
        return Markup(f'<span class="unknown">{_html(self.gettext("speaker_unknown"))}</span>')

    def topic_tags_with(self, tag_links: Mapping[str, object]) -> Callable[..., Markup]:
        """`macros.html`'s `topic_tags(ids)`: the dossiers' tags as a list, from `tag_links`
        (the template global)."""

        def topic_tags(ids: Sequence[str]) -> Markup:
            if not ids:
                return Markup("")
            links = "".join(f"<li>{_html(tag_links[i])}</li>" for i in ids)
            return Markup(f'<ul class="tags">{links}</ul>')

        return topic_tags

    def quote_card_with(
        self, articles: Mapping[str, Article], speaker: Callable[[Quote], object]
    ) -> Callable[..., Markup]:
        """`macros.html`'s `quote_card(placed, show_article=true)`, reading the articles from
        `articles` (the template global, which records what a page reads) and naming speakers
        with `speaker` (the file's own)."""

        def quote_card(placed: PlacedQuote, show_article: bool = True) -> Markup:
            return self.quote_card(placed, articles, show_article, speaker)

        return quote_card

    def quote_card(
        self,
        placed: PlacedQuote,
        articles: Mapping[str, Article],
        show_article: bool,
        speaker: Callable[[Quote], object],
    ) -> Markup:
        """The `quote_card` macro of `macros.html`: the quote, its speaker (by the `speaker`
        macro passed in), date, article and source."""
        article = articles[placed.article]
        quote = placed.quote
        lang = article.lang
        _, attribute, _, title, date = self._head(article)
        parts = "".join(
            f"<p>{_html(self._typeset(part, lang))}</p>" for part in quote.text.split("\n\n")
        )
        out = [
            f'<figure class="quote">\n  <blockquote{attribute}>\n{parts}  </blockquote>\n'
            f'  <figcaption>\n    <span class="speaker">{_html(speaker(quote))}</span>,\n'
            f'    <time datetime="{_html(article.date.date().isoformat())}">'
            f"{date}</time>\n"
        ]
        if show_article:
            href = self.base_path + urls.article(article.slug, quote.first_block)
            out.append(f'    — <a href="{_html(href)}"{attribute}>{title}</a>\n')
        source = _html(article.source.name)
        if article.url:
            out.append(f'(<a href="{_html(article.url)}" rel="external">{source}</a>)')
        else:
            out.append(f"({source})")
        out.append("  </figcaption>\n</figure>\n")
        return Markup("".join(out))

    def article_item(self, article: Article) -> Markup:
        """The `article_item` macro of `macros.html`: an article's date, title and source."""
        found = self._items.get(id(article))
        if found is not None and found[0] is article:
            return found[1]
        _, attribute, href, title, _ = self._head(article)
        item = Markup(
            '<li class="article-item">\n'
            f'  <time datetime="{_html(article.date.date().isoformat())}">'
            f"{_html(self.date(article.date, 'medium'))}</time>\n"
            f'  <a href="{href}"{attribute}>{title}</a>\n'
            f'  <span class="muted">{_html(article.source.name)}</span>\n'
            "</li>\n"
        )
        _remember(self._items, id(article), (article, item))
        return item
