"""`briefings check`: the content's errors and warnings, the key figures that fall or jump, then
every link of the built site.

The site is built as for publishing, written into a temporary folder, and read back; every internal
link and `#anchor` of every HTML page, feed and sitemap must lead to a file (and an `id`) of it.
With `--built DIR`, the output a build just wrote is read instead, and nothing is built: the
content is read and analysed again (from the analysis cache) only to say where each problem is
written (`built.py` says which folder may be checked so). External links are checked only on
request (`--external`), by `external.py`.
"""

from __future__ import annotations

import html
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .. import progress, urls
from ..build import assemble, gather
from ..model import Corpus, Diagnostic
from ..stages.config import Overrides
from ..stages.content import PLACEHOLDER_TEXT
from ..stages.feeds import ATOM, NOT_FOUND, SITEMAP, XML_NS
from ..stages.figurewatch import figure_warnings
from ..stages.write import write
from .built import Built
from .external import check_external
from .figurelist import ReadValue, read_values
from .figuresources import UnknownSource, unknown_sources
from .unknown import Unknown, unknown_actors

# The attributes that make a browser fetch or go to a URL.
LINK_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
}
DEEP_PATH = "a/page/that/does/not/exist/"
"""GitHub Pages serves 404.html for any missing path: its links are resolved from this depth."""


@dataclass(frozen=True, slots=True)
class Link:
    """A URL written in a page, and where."""

    url: str
    page: str
    """Output-relative path of the file holding it."""
    line: int
    col: int
    base: str = ""
    """The URL it is relative to, when not the page's own (an Atom entry's `xml:base`)."""


@dataclass(frozen=True, slots=True)
class Broken:
    """One URL that leads nowhere from the pages it is on."""

    url: str
    """As written in the pages."""
    places: tuple[tuple[Link, str], ...]
    """Each place it is on, with what is wrong there (a relative URL may lead to another target
    from each page that shows it)."""
    at_pages: tuple[Diagnostic, ...]
    """The problems as reported at the first page that has each."""


@dataclass(frozen=True, slots=True)
class LinkReport:
    problems: tuple[Diagnostic, ...]
    """Where in the output each broken link first appears, and invalid XML."""
    pages: int
    """HTML pages checked."""
    links: int
    """Internal links checked."""
    external: dict[str, tuple[Link, int]]
    """Each external http(s) URL with where it first appears and how many times it does."""
    broken: tuple[Broken, ...] = ()
    """The broken links, each with every place it is on."""


@dataclass(frozen=True, slots=True)
class CheckReport:
    diagnostics: tuple[Diagnostic, ...]
    links: LinkReport
    external_checked: bool
    unknown: tuple[Unknown, ...] = ()
    """Speakers and actors the articles name and people.yaml does not know (advice)."""
    language: str = "fr"
    """The site's, for the listing of `unknown`."""
    sources: tuple[UnknownSource, ...] = ()
    """Sources of key figures people.yaml does not know (advice)."""
    figures: tuple[ReadValue, ...] = ()
    """Every key figure's values, where each was read (`--figures`)."""

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")


def check_site(site_dir: Path, overrides: Overrides, external: bool = False) -> CheckReport:
    """Validate the content and check the links of the built site; raises ContentError on errors
    that stop the build."""
    corpus, output, warnings = assemble(site_dir, overrides)  # the content's warnings among them
    with tempfile.TemporaryDirectory(prefix="briefings-check-") as folder:
        built = Path(folder) / "site"
        write(output, built)
        files = read_folder(built)
    return _checked(corpus, warnings, files, external)


def check_built(site_dir: Path, built: Built, external: bool = False) -> CheckReport:
    """`check_site`'s checks on the output a build wrote, without building again: nothing is
    rendered nor written, the analysis cache is read but not written; raises ContentError."""
    corpus, warnings = gather(site_dir, built.overrides, save=False)
    progress.stage("reading the built site")
    return _checked(corpus, warnings, read_folder(built.folder), external)


def _checked(
    corpus: Corpus, warnings: tuple[Diagnostic, ...], files: Mapping[str, bytes], external: bool
) -> CheckReport:
    """The content's warnings, then the links of the built `files`."""
    published = {article.path for article in corpus.articles.values()}
    # What the build only warns of, check refuses where it would be published: the text
    # `briefings new` left in place of the article's.
    diagnostics = [
        replace(d, severity="error")
        if d.path in published and d.message.startswith(PLACEHOLDER_TEXT)
        else d
        for d in warnings
    ]
    # A key figure that falls or jumps: the analyst looks before publishing (issue 20).
    diagnostics.extend(figure_warnings(corpus))
    label = corpus.content.config.output.name + "/"
    progress.stage("checking links")
    report = check_links(files, corpus.content.config.base_url, label)
    diagnostics.extend(_where_written(report, corpus, label))
    if external:
        progress.stage("checking external links")
        diagnostics.extend(check_external(report.external, label))
    language = corpus.content.config.language
    return CheckReport(
        tuple(diagnostics),
        report,
        external,
        unknown_actors(corpus),
        language,
        unknown_sources(corpus),
        read_values(corpus),
    )


# ---------------------------------------------------------------- links


def read_folder(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, by POSIX path relative to it."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def check_links(files: Mapping[str, bytes], base_url: str, label: str = "") -> LinkReport:
    """Check every internal link and anchor of a built site (output-relative path → bytes).

    A broken target is reported once, where it first appears, with the number of pages that
    repeat it. `label` prefixes the paths in messages (`_site/`).
    """
    pages = {path: _parse_html(data) for path, data in files.items() if path.endswith(".html")}
    links: list[Link] = []
    for path, page in pages.items():
        links.extend(Link(url, path, line, col) for url, line, col in page.links)
    problems = []
    for path, data in files.items():
        if path.endswith(".xml"):
            try:
                links.extend(_xml_links(path, data))
            except ET.ParseError as error:
                line, col = error.position
                problems.append(Diagnostic(label + path, line, col + 1, f"invalid XML: {error}"))
    base = urlsplit(base_url)
    broken: dict[tuple[str, str], tuple[Link, set[str]]] = {}
    places: dict[str, list[tuple[Link, str]]] = {}
    external: dict[str, tuple[Link, int]] = {}
    internal = 0
    for link in links:
        served_at = link.page
        if link.page == NOT_FOUND and not link.url.startswith("#"):
            served_at = DEEP_PATH
        page_url = link.base or base_url + served_at
        target = urlsplit(urljoin(page_url, link.url.strip()))
        if target.scheme not in ("http", "https"):
            continue
        same_host = (target.scheme, target.netloc) == (base.scheme, base.netloc)
        written_absolute = bool(urlsplit(link.url.strip()).netloc)
        if same_host and target.path.startswith(base.path):
            internal += 1
            path = unquote(target.path[len(base.path) :])
            problem = _missing(files, pages, path, unquote(target.fragment))
        elif same_host and not written_absolute:
            problem = f"leads out of the site's base path {base.path}"
        else:  # another site, or another site of the same host (user.github.io/other-repo/)
            url = target._replace(fragment="").geturl()
            first, count = external.get(url, (link, 0))
            external[url] = (first, count + 1)
            continue
        if problem:
            first, where = broken.setdefault((link.url, problem), (link, set()))
            where.add(link.page)
            places.setdefault(link.url, []).append((link, problem))
    at_pages: dict[str, list[Diagnostic]] = {}
    for (url, problem), (first, where) in broken.items():
        at_pages.setdefault(url, []).append(
            Diagnostic(
                label + first.page,
                first.line,
                first.col,
                f"broken link '{url}': {problem}"
                + (f" (also on {len(where) - 1} other page(s))" if len(where) > 1 else ""),
            )
        )
    problems.extend(d for found in at_pages.values() for d in found)
    every = tuple(Broken(url, tuple(found), tuple(at_pages[url])) for url, found in places.items())
    return LinkReport(tuple(problems), len(pages), internal, external, every)


# ---------------------------------------------------------------- where a link is written


def _where_written(report: LinkReport, corpus: Corpus, label: str) -> list[Diagnostic]:
    """The link problems, each broken link reported where it is written (an article, a topic's
    overview, a file of static/) with every page it is on; at the first page that has it when
    it is in none of those (a template), as `check_links` reports it."""
    sources = _sources(corpus)
    static = {name for name, _ in corpus.content.static_files}
    found = [d for d in report.problems if not d.message.startswith("broken link ")]
    for broken in report.broken:
        written = _written_at(broken.url, sources)
        if written:
            found.extend(_at_source(broken, written, corpus, label))
        elif all(link.page in static for link, _ in broken.places):
            # Copied as they are: the same lines and columns in static/.
            found.extend(
                Diagnostic(
                    f"static/{link.page}",
                    link.line,
                    link.col,
                    f"broken link '{broken.url}': {problem}",
                    source_line=_line_of(corpus, f"static/{link.page}", link.line),
                )
                for link, problem in broken.places
            )
        else:
            found.extend(broken.at_pages)
    return found


@dataclass(frozen=True, slots=True)
class _Source:
    path: str
    """Site-relative: `content/articles/2024/x.md`."""
    lines: list[str]
    """The file's lines (the body's, preceded by blank ones for its front matter)."""
    body: str
    page: str
    """The page that is this file's own (`articles/<slug>/index.html`), or ""."""


def _sources(corpus: Corpus) -> list[_Source]:
    """The Markdown the site's pages are made from: each article's text, each topic overview."""
    found = []
    for slug, article in corpus.articles.items():
        lines = [""] * (article.body_line - 1) + article.body.splitlines()
        page = urls.article(slug).lstrip("/") + "index.html"
        found.append(_Source(article.path, lines, article.body, page))
    for topic in corpus.content.topics:
        lines = [""] * (topic.body_line - 1) + topic.body.splitlines()
        page = urls.dossier(topic.id).lstrip("/") + "index.html"
        found.append(_Source(topic.path, lines, topic.body, page))
    return found


# What comes before a URL in Markdown: an inline link or image, an autolink, a reference
# definition, raw HTML.
_BEFORE_URL = ("](", "](<", "<", "]: ", "]: <", 'href="', "href='", 'src="', "src='")


def _written_at(url: str, sources: list[_Source]) -> list[tuple[_Source, int, int]]:
    """Where `url` is written as a link in the sources: (file, line, column), 1-based. The
    Markdown's URL is the page's but for the percent-encoding and the entities markdown-it
    adds."""
    forms = list(dict.fromkeys([url, unquote(url), html.escape(url, quote=False)]))
    written = [(before, form) for form in forms for before in _BEFORE_URL]
    found = []
    for source in sources:
        if not any(form in source.body for form in forms):
            continue
        for number, line in enumerate(source.lines, start=1):
            at = next((line.find(b + f) + len(b) for b, f in written if b + f in line), None)
            if at is not None:
                found.append((source, number, at + 1))
    return found


def _at_source(
    broken: Broken, written: list[tuple[_Source, int, int]], corpus: Corpus, label: str
) -> list[Diagnostic]:
    """One error at each place the link is written, naming every page it is broken on."""
    found = []
    owners = {source.page for source, _, _ in written}
    for source, line, col in written:
        # A page that is another source's own is that source's; the others show them all.
        mine = [
            (link, problem)
            for link, problem in broken.places
            if link.page == source.page or link.page not in owners
        ]
        if not mine:
            continue
        mine.sort(key=lambda place: (place[0].page != source.page, place[0].page))
        problem = mine[0][1]
        by_problem: dict[str, list[Link]] = {}
        for link, said in mine:
            by_problem.setdefault(said, []).append(link)
        notes = []
        for said, links in by_problem.items():
            pages = ", ".join(f"{label}{link.page}:{link.line}:{link.col}" for link in links)
            count = len({link.page for link in links})
            where = f"on {count} page(s): {pages}" if count > 1 else f"on {pages}"
            notes.append(where if said == problem else f"{where}: {said}")
        found.append(
            Diagnostic(
                source.path,
                line,
                col,
                f"broken link '{broken.url}': {problem}",
                source_line=source.lines[line - 1],
                notes=tuple(notes),
            )
        )
    return found


def _line_of(corpus: Corpus, path: str, line: int) -> str:
    try:
        text = (corpus.content.config.site_dir / path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _missing(
    files: Mapping[str, bytes], pages: Mapping[str, _Page], path: str, fragment: str
) -> str:
    """What is wrong with an internal target (empty when nothing is)."""
    candidates = [path + "index.html"] if path == "" or path.endswith("/") else [path]
    if not path.endswith("/") and path:
        candidates.append(path + "/index.html")  # servers redirect /dossiers/gaza to .../gaza/
    found = next((c for c in candidates if c in files), None)
    if found is None:
        return "no such page in the built site"
    if fragment and found in pages and fragment not in pages[found].ids:
        return f"no element with id '{fragment}' in {found}"
    return ""


@dataclass(slots=True)
class _Page:
    ids: set[str]
    links: list[tuple[str, int, int]]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page(set(), [])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        wanted = LINK_ATTRIBUTES.get(tag, ())
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.page.ids.add(value)
            elif name == "srcset" and name in wanted:
                for candidate in value.split(","):
                    if candidate.strip():
                        self.page.links.append((candidate.split()[0], line, offset + 1))
            elif name in wanted:
                self.page.links.append((value, line, offset + 1))

    handle_startendtag = handle_starttag


def _parse_html(data: bytes) -> _Page:
    collector = _Collector()
    collector.feed(data.decode("utf-8", errors="replace"))
    collector.close()
    return collector.page


def _xml_links(path: str, data: bytes) -> list[Link]:
    """Links of Atom feeds (and of their entries' HTML) and of sitemaps; raises ET.ParseError."""
    links = []
    for element in ET.fromstring(data).iter():
        if element.tag == f"{{{ATOM}}}link" and element.get("href"):
            links.append(Link(element.get("href", ""), path, 1, 1))
        elif element.tag == f"{{{SITEMAP}}}loc" and element.text:
            links.append(Link(element.text.strip(), path, 1, 1))
        elif element.tag == f"{{{ATOM}}}content" and element.get("type") == "html":
            base = element.get(f"{{{XML_NS}}}base", "")
            page = _parse_html((element.text or "").encode())
            links.extend(Link(url, path, 1, 1, base) for url, _, _ in page.links)
    return links
