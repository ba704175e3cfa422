"""Pre-escaped HTML for the theme's hottest loops, made in Python rather than in Jinja2.

An article page shows its 20 to 40 blocks with a dozen values each: in a template loop every value
is a call to MarkupSafe's `escape` and a Jinja2 step, two thirds of the page's time. These filters
write the same bytes (tests/test_fragments.py compares them with the loops they replace) with
each value a template would escape escaped here (`escape`), and what a template marks `|safe`
(a block's HTML, made from Markdown by the analysis) taken as it is. What a site's templates can
override is called back, not copied: the `speaker` macro a page imported is passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from markupsafe import Markup, escape

from .. import urls
from ..model import Article, Block, Excerpt, PlacedQuote


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
    label = str(escape(paragraph_label))
    quoted = str(escape(quoted_label))
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
            anchor = escape(block.anchor)
            add(f'      <{tag} id="{anchor}" class="block')
            if here:
                add(" has-quote")
            add('"')
            if block.topics:
                add(f' data-dossiers="{" ".join(map(escape, block.topics))}"')
            add(">\n")
            if kind == "blockquote":
                add(f"<blockquote>{block.html}</blockquote>")
            else:
                add(block.html)
            add(
                '        <div class="block-meta">\n'
                f'          <a class="anchor" href="#{anchor}" aria-label="{label} {number}">'
                f"§{number}</a>\n"
            )
            for topic in block.topics:
                add(str(escape(tag_links[topic])))
            for placed in here:
                if placed.quote.first_block == number:
                    add(f'<span class="quote-mark">{quoted}{escape(speaker(placed.quote))}</span>')
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
    date: Callable[[dt.datetime], str]
    typo: Callable[[object, str | None], object]

    def dossier_entries(
        self, timeline: Iterable[Entry], read_label: str, original_label: str
    ) -> Markup:
        """A dossier page's timeline as `dossier.html` lays it out: each article's date and
        title, then each excerpt with its links to the paragraph and to the original."""
        out: list[str] = []
        add = out.append
        read = escape(read_label)
        original = escape(original_label)
        for entry in timeline:
            article = entry.article
            lang = article.lang
            attribute = f' lang="{escape(lang)}"' if lang != self.lang else ""
            href = self.base_path + urls.article(article.slug)
            add(
                '        <article class="entry">\n'
                f'          <h3><time datetime="{escape(article.date.date().isoformat())}">'
                f"{escape(self.date(article.date))}</time> — "
                f'<a href="{escape(href)}"{attribute}>{escape(self.typo(article.title, lang))}</a>'
                "</h3>\n"
            )
            source = (
                '<span class="to-article"> · </span><a class="to-source" '
                f'href="{escape(article.url)}" rel="external">{original} — '
                f"{escape(article.source.name)}</a>"
                if article.url
                else ""
            )
            for excerpt in entry.excerpts:
                number = excerpt.number
                link = self.base_path + urls.article(excerpt.article, number)
                add(
                    f'          <div class="excerpt"{attribute}>\n'
                    f"            <p>{escape(self.typo(excerpt.text, lang))}</p>\n"
                    '            <p class="excerpt-links"><a class="to-article" '
                    f'href="{escape(link)}">{read} (§{number})</a>{source}</p>\n'
                    "          </div>\n"
                )
            add("        </article>\n")
        return Markup("".join(out))
