"""Search: a Pagefind index of the articles, dossiers and quotes, built into the output.

The records come from the model, not from the rendered pages, so what can be found does not
depend on the templates a site overrides. Pagefind (the `pagefind[bin]` package: a binary driven
through its Python API) turns them into the static index under `pagefind/`, which the search page
loads from the site itself: no request leaves it, and every result URL carries the base path.
`search: false` in site.yaml leaves out the index, the search page and the header's search box.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from .. import progress, urls
from ..diagnostics import ContentError
from ..i18n import Language
from ..model import Corpus, Diagnostic, Output, Page
from ..text.typography import for_language

BUNDLE = "pagefind/"
"""Where the index and Pagefind's scripts live in the output."""
KINDS = ("article", "dossier", "quote")
"""The `type` filter's values; the search page names them in the site's language."""
# Pagefind ships several ready-made interfaces; the search page has its own, on pagefind.js.
_UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


@dataclass(frozen=True, slots=True)
class Record:
    """One search result: an article, a dossier or a quote."""

    url: str
    """Absolute path, base path included (`/repo/articles/slug/#p-3`)."""
    kind: str
    """One of KINDS."""
    title: str
    content: str
    """The plain text that is searched and excerpted."""
    dossiers: tuple[str, ...]
    """Topic ids, for the dossier filter."""
    meta: tuple[tuple[str, str], ...] = ()
    """Shown under the title: the kind, the date, the dossiers' titles (already localized)."""
    terms: str = ""
    """More words that find the record without being shown (a dossier's keywords)."""
    lang: str = ""
    """The language of the text: the search page sets French excerpts in French typography."""


def records(corpus: Corpus) -> list[Record]:
    """Every searchable thing of the site, in a stable order."""
    config = corpus.content.config
    language = Language(config.language)
    t = language.gettext()
    titles = {topic.id: topic.title for topic in corpus.content.topics}

    def path(url: str) -> str:
        return config.base_path + url

    def meta(
        kind: str, date: str, topics: tuple[str, ...], article: str = ""
    ) -> tuple[tuple[str, str], ...]:
        shown = [("kind", t(f"kind_{kind}")), ("date", date), ("article", article)]
        shown.append(("dossiers", ", ".join(titles[i] for i in topics if i in titles)))
        return tuple((key, value) for key, value in shown if value)

    found = []
    for dossier in corpus.dossiers.values():
        topic = dossier.topic
        words = (*topic.keywords, *topic.context_keywords)
        keywords = " ".join(k.rstrip("*") for k in words)
        overview = _text_of(corpus.overviews.get(topic.id, ""))
        found.append(
            Record(
                path(urls.dossier(topic.id)),
                "dossier",
                t("dossier_named").format(title=topic.title),
                for_language("\n".join(x for x in (topic.summary, overview) if x), config.language),
                (topic.id,),
                meta("dossier", "", ()),
                keywords,
                config.language,
            )
        )
    for slug, article in corpus.articles.items():
        analysis = corpus.analyses[slug]
        date = language.date(article.date)
        body = "\n".join(block.text for block in analysis.blocks if block.text)
        lang = article.lang
        found.append(
            Record(
                path(urls.article(slug)),
                "article",
                for_language(article.title, lang),
                for_language("\n".join(x for x in (article.summary, body) if x), lang),
                analysis.topics,
                meta("article", date, analysis.topics),
                lang=lang,
            )
        )
        for quote in analysis.quotes:
            # Its own topics (`text.routing.quote_topics`), else the article's.
            topics = quote.topics or analysis.topics
            # Titles are searched too: a quote's is its speaker, so a name finds what they said.
            found.append(
                Record(
                    path(urls.article(slug, quote.first_block)),
                    "quote",
                    quote.speaker.name or t("speaker_unknown"),
                    for_language(quote.text, lang),
                    topics,
                    meta("quote", date, topics, for_language(article.title, lang)),
                    lang=lang,
                )
            )
    return found


def search_files(corpus: Corpus) -> dict[str, bytes]:
    """The Pagefind bundle for the site (empty when search is off), output-relative paths.

    Raises ContentError when the index cannot be built (no Pagefind binary for this machine).
    """
    config = corpus.content.config
    if not config.search:
        return {}
    found = records(corpus)
    language = config.language.split("-")[0].lower()
    key = _digest(found, language)
    if _last.get("key") != key:
        try:
            # In a thread of its own: the caller's thread may already run an event loop.
            with ThreadPoolExecutor(1) as pool:
                files = pool.submit(asyncio.run, _index(found, language)).result()
        except Exception as error:  # Pagefind's service reports its failures as bare Exception
            raise ContentError([_unavailable(error)]) from error
        _last.clear()
        _last.update(key=key, files=files)
    files = _last["files"]
    assert isinstance(files, dict)
    return dict(files)


def with_search(output: Output, corpus: Corpus) -> Output:
    """The rendered site with its search index; a file the site made itself wins."""
    made = output.files.keys() | output.staged | output.kept
    progress.stage("indexing for search")
    added = {p: data for p, data in search_files(corpus).items() if p not in made}
    return replace(output, files={**output.files, **added}) if added else output


def search_page(corpus: Corpus) -> Page | None:
    """The `/search/` page, or None when search is off."""
    if not corpus.content.config.search:
        return None
    dossiers = [(d.topic.id, d.topic.title) for d in corpus.dossiers.values()]
    url = urls.search()
    return Page(
        urls.output_file(url),
        "search.html",
        {
            "url": url,
            "title": "",
            "title_key": "search",
            "search_dossiers": dossiers,
            "search_kinds": KINDS,
            "bundle": BUNDLE,
        },
    )


# The last index built in this process, by the digest of its records: `serve` rebuilds often.
_last: dict[str, object] = {}


def _digest(found: list[Record], language: str) -> str:
    data = json.dumps([language, [asdict(r) for r in found]], ensure_ascii=False)
    return hashlib.blake2b(data.encode(), digest_size=16).hexdigest()


async def _index(found: list[Record], language: str) -> dict[str, bytes]:
    # Imported here: a site with `search: false` builds without Pagefind installed.
    from pagefind.index import PagefindIndex

    with tempfile.TemporaryDirectory(prefix="briefings-search-") as folder:
        # One small page per record, indexed in one request: the Python API answers one request
        # per tenth of a second, too slow to send thousands of records one by one.
        pages = Path(folder) / "records"
        pages.mkdir()
        for number, record in enumerate(found):
            (pages / f"{number}.html").write_text(_record_page(record, language), "utf-8")
        bundle = Path(folder) / "pagefind"
        config = {"force_language": language, "output_path": str(bundle)}
        async with PagefindIndex(config) as index:  # type: ignore[arg-type]
            await index.add_directory(str(pages))
        # Leaving the context wrote the bundle into `bundle`.
        return {
            BUNDLE + file.relative_to(bundle).as_posix(): file.read_bytes()
            for file in sorted(bundle.rglob("*"))
            if file.is_file() and not file.name.startswith(_UNUSED)
        }


def _record_page(record: Record, language: str) -> str:
    """A record as Pagefind reads it: the text is indexed and excerpted, the hidden part is data.

    Pagefind searches metadata too, so the title and the terms find the record without showing up
    in its excerpt. The result's address is the `href` meta (Pagefind's own URL is the file's).
    """
    hidden = [("meta", "title", record.title), ("meta", "href", record.url)]
    hidden += [("meta", key, value) for key, value in record.meta]
    if record.terms:
        hidden.append(("meta", "terms", record.terms))
    hidden += [("filter", "dossier", topic) for topic in record.dossiers]
    hidden.append(("filter", "type", record.kind))
    if record.lang:
        hidden.append(("filter", "lang", record.lang))
    data = "".join(
        f'<span data-pagefind-{what}="{key}">{escape(value)}</span>' for what, key, value in hidden
    )
    lines = [line for line in record.content.split("\n") if line.strip()] or [record.title]
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"></head><body>'
        f"{paragraphs}"
        f"<div data-pagefind-ignore>{data}</div></body></html>"
    )


def _unavailable(error: BaseException) -> Diagnostic:
    return Diagnostic(
        "site.yaml",
        1,
        1,
        f"the search index could not be built: {error}",
        "install Pagefind's binary (pip install 'pagefind[bin]'), or turn search off in "
        "site.yaml: search: false",
    )


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _text_of(html: str) -> str:
    """The visible text of a fragment of HTML (a topic's rendered overview)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())
