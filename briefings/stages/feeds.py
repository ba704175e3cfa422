"""Publishing files: Atom feeds, the sitemap, robots.txt, the 404 page and GitHub Pages' files.

Every date comes from the content (never from the clock), so the same sources give the same bytes:
feed and entry ids stay stable from one build to the next. XML is built with ElementTree, which
escapes every text and attribute; the HTML of entries escapes what it adds with `html.escape`.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from html import escape
from urllib.parse import urlsplit

from .. import urls
from ..i18n import Language
from ..model import Article, Block, Corpus, Dossier, Excerpt, Page
from .linking import cards

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_NS = "http://www.w3.org/XML/1998/namespace"
FEED_ENTRIES = 50
"""The newest articles a feed carries."""
NOT_FOUND = "404.html"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def publishing_pages(corpus: Corpus, planned: Sequence[Page]) -> list[Page]:
    """The files that publish the site, given the pages already planned.

    A file of the site's `static/` folder with the same path wins over the one made here.
    """
    newest = list(corpus.articles)[:FEED_ENTRIES]
    made = [
        _feed(urls.feed(), site_feed, corpus, newest),
        *(
            _feed(
                urls.dossier_feed(d.topic.id),
                dossier_feed,
                corpus,
                d.articles[:FEED_ENTRIES],
                (d.topic, d.updated),
                dossier=d,
            )
            for d in corpus.dossiers.values()
        ),
        _not_found(corpus),
        Page("sitemap.xml", data=sitemap(corpus, planned)),
        Page("robots.txt", data=robots(corpus)),
        Page(".nojekyll", data=b""),
    ]
    if corpus.content.config.cname:
        made.append(Page("CNAME", data=f"{corpus.content.config.cname}\n".encode()))
    taken = {page.path for page in planned}
    return [page for page in made if page.path not in taken]


def _feed(
    path: str,
    make: Callable[..., bytes],
    corpus: Corpus,
    slugs: Sequence[str],
    inputs: tuple[object, ...] = (),
    **context: object,
) -> Page:
    """A feed, made by `make` only when the render memo cannot keep the last build's: it is
    made from the site's settings, the topics' titles, the articles it carries with their
    analyses (the excerpts of a dossier's feed come from those) and `inputs` alone."""
    titles = {t.id: t.title for t in corpus.content.topics}
    read = tuple(item for s in slugs for item in (corpus.articles[s], corpus.analyses[s]))
    return Page(
        path,
        context={"corpus": corpus, **context},
        make=make,
        made_from=(corpus.content.config, titles, read, *inputs),
    )


def _not_found(corpus: Corpus) -> Page:
    # Served by GitHub Pages at any depth: the theme's links all start with the base path.
    return Page(
        NOT_FOUND,
        "404.html",
        {
            "url": NOT_FOUND,
            "title": "",
            "title_key": "not_found",
            "noindex": True,
            "dossiers": cards(corpus),
        },
    )


# ---------------------------------------------------------------- Atom


def site_feed(corpus: Corpus) -> bytes:
    """Atom 1.0 feed of the newest articles, each with its whole body."""
    config = corpus.content.config
    t = Language(config.language).gettext()
    articles = list(corpus.articles.values())[:FEED_ENTRIES]
    feed = _feed_element(
        corpus,
        title=config.title,
        subtitle=config.description,
        page=urls.home(),
        feed=urls.feed(),
        updated=articles[0].date if articles else None,
    )
    for article in articles:
        body = _body_html(corpus, article, t("original"))
        _entry(feed, corpus, article, _tag(corpus, article, urls.article(article.slug)), body)
    return _serialize(feed)


def _body_html(corpus: Corpus, article: Article, original: str) -> str:
    """The article's whole body, then a link to the original."""
    body = "".join(_block_html(block) for block in corpus.analyses[article.slug].blocks)
    if article.url:
        body += f'<p><a href="{escape(article.url)}">{escape(original)}</a></p>'
    return body


def dossier_feed(corpus: Corpus, dossier: Dossier) -> bytes:
    """Atom 1.0 feed of a dossier: its newest articles, each with the dossier's excerpts of it."""
    config = corpus.content.config
    t = Language(config.language).gettext()
    topic = dossier.topic
    carried = dossier.articles[:FEED_ENTRIES]
    shown = set(carried)
    excerpts: dict[str, list[Excerpt]] = {}
    # The excerpts are in the order of the dossier's articles, newest first: those of the
    # articles carried come first (tens of thousands follow them).
    for excerpt in dossier.excerpts:
        if excerpt.article not in shown:
            break
        excerpts.setdefault(excerpt.article, []).append(excerpt)
    feed = _feed_element(
        corpus,
        title=f"{topic.title} · {config.title}",
        subtitle=topic.summary,
        page=urls.dossier(topic.id),
        feed=urls.dossier_feed(topic.id),
        updated=dossier.updated,
    )
    for slug in carried:
        article = corpus.articles[slug]
        blocks = {b.number: b for b in corpus.analyses[slug].blocks if b.number}
        parts = []
        for excerpt in excerpts.get(slug, ()):
            link = config.base_url + urls.article(slug, excerpt.number)
            parts.append(_block_html(blocks[excerpt.number]))
            parts.append(
                f'<p><a href="{escape(link)}">{escape(t("read_in_article"))}'
                f" (§{excerpt.number})</a></p>"
            )
        if not parts:  # in the dossier as a whole, through its front matter's `topics`
            parts.append(_body_html(corpus, article, t("original")))
        entry_id = _tag(corpus, article, f"{urls.dossier(topic.id)}{slug}")
        _entry(feed, corpus, article, entry_id, "".join(parts))
    return _serialize(feed)


def _feed_element(
    corpus: Corpus,
    *,
    title: str,
    subtitle: str,
    page: str,
    feed: str,
    updated: dt.datetime | None,
) -> ET.Element:
    config = corpus.content.config
    root = ET.Element("feed", xmlns=ATOM)
    root.set(f"{{{XML_NS}}}lang", config.language)
    root.set(f"{{{XML_NS}}}base", config.base_url)
    _sub(root, "id", config.base_url + feed)
    _sub(root, "title", title)
    if subtitle:
        _sub(root, "subtitle", subtitle)
    _sub(root, "updated", _rfc3339(updated))
    _link(root, "self", config.base_url + feed, "application/atom+xml")
    _link(root, "alternate", config.base_url + page, "text/html")
    author = ET.SubElement(root, "author")
    _sub(author, "name", config.author or config.title)
    _sub(root, "generator", "briefings")
    return root


def _entry(feed: ET.Element, corpus: Corpus, article: Article, entry_id: str, html: str) -> None:
    config = corpus.content.config
    topics = {t.id: t for t in corpus.content.topics}
    entry = ET.SubElement(feed, "entry")
    if article.lang != config.language:
        entry.set(f"{{{XML_NS}}}lang", article.lang)
    _sub(entry, "id", entry_id)
    _sub(entry, "title", article.title)
    _sub(entry, "published", _rfc3339(article.date))
    _sub(entry, "updated", _rfc3339(article.date))
    _link(entry, "alternate", config.base_url + urls.article(article.slug), "text/html")
    if article.url:
        _link(entry, "via", article.url, "text/html")
    author = ET.SubElement(entry, "author")
    _sub(author, "name", article.source.name)
    if article.source.url:
        _sub(author, "uri", article.source.url)
    for topic_id in corpus.analyses[article.slug].topics:
        category = ET.SubElement(entry, "category")
        category.set("term", topic_id)
        category.set("scheme", config.base_url + "dossiers/")
        category.set("label", topics[topic_id].title)
    if article.summary:
        _sub(entry, "summary", article.summary)
    content = _sub(entry, "content", html)
    content.set("type", "html")
    # Links written in the article are relative to its page.
    content.set(f"{{{XML_NS}}}base", config.base_url + urls.article(article.slug))


def _tag(corpus: Corpus, article: Article, path: str) -> str:
    """A tag URI (RFC 4151): the site's host, the article's date and a path under the site's.

    It depends on neither the build nor the entry's content, so readers never see an entry twice.
    """
    config = corpus.content.config
    host = urlsplit(config.base_url).hostname or "localhost"
    return f"tag:{host},{article.date.date().isoformat()}:{config.base_path}{path}"


def _block_html(block: Block) -> str:
    if block.kind == "heading":
        level = max(block.level, 2)
        return f"<h{level}>{block.html}</h{level}>"
    if block.kind == "item":
        return f"<ul><li>{block.html}</li></ul>"
    if block.kind == "blockquote":
        return f"<blockquote>{block.html}</blockquote>"
    return block.html


def _sub(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, name)
    element.text = text
    return element


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    link = ET.SubElement(parent, "link")
    link.set("rel", rel)
    link.set("type", media_type)
    link.set("href", href)


def _rfc3339(when: dt.datetime | None) -> str:
    """RFC 3339; a date-time written without an offset is taken as UTC."""
    when = when or _EPOCH
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.isoformat(timespec="seconds")


def _serialize(root: ET.Element) -> bytes:
    """UTF-8 XML; the root carries its namespace as an `xmlns` attribute (no prefixes)."""
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


# ---------------------------------------------------------------- sitemap and robots


def sitemap(corpus: Corpus, planned: Iterable[Page]) -> bytes:
    """Every HTML page rendered from a template (the 404 page aside), each page of a paginated
    list included, with its last change."""
    config = corpus.content.config
    newest = next(iter(corpus.articles.values()), None)
    # Written as `_serialize` writes the tree, without the tree: made on every build, a large
    # site's 5,000 entries took ElementTree a tenth of a second.
    entries = []
    for page in planned:
        if not page.template or not page.path.endswith(".html") or page.path == NOT_FOUND:
            continue
        loc = _xml_text(config.base_url + str(page.context["url"]))
        changed = _last_change(page) or (newest.date if newest else None)
        lastmod = (
            "" if changed is None else f"\n    <lastmod>{changed.date().isoformat()}</lastmod>"
        )
        entries.append(f"<url>\n    <loc>{loc}</loc>{lastmod}\n  </url>")
    if not entries:
        return _serialize(ET.Element("urlset", xmlns=SITEMAP))
    listed = "\n  ".join(entries)
    return (
        f"<?xml version='1.0' encoding='utf-8'?>\n<urlset xmlns=\"{SITEMAP}\">\n  {listed}\n"
        "</urlset>\n"
    ).encode()


def _xml_text(text: str) -> str:
    """Text as ElementTree writes it in an element."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _last_change(page: Page) -> dt.datetime | None:
    """The date of the newest article a page shows, where the page says which.

    Article pages show one article; the pages of a dossier, a person and the timeline name
    the newest of theirs as `newest` (page 1 of a dossier: the dossier's last update).
    """
    article, newest = page.context.get("article"), page.context.get("newest")
    if isinstance(article, Article):
        return article.date
    return newest if isinstance(newest, dt.datetime) else None


def robots(corpus: Corpus) -> bytes:
    """Allow everything and point crawlers to the sitemap."""
    sitemap_url = corpus.content.config.base_url + "sitemap.xml"
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n".encode()
