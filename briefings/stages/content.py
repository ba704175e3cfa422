"""Loading and validating the site folder: site.yaml, topics, articles, people and sources.

Every problem of every file is collected; the build stops after this stage when there is any error.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from .. import progress, urls
from ..diagnostics import ContentError, Reporter, suggest
from ..incremental import forkpool
from ..incremental.filememo import ArticleMemo, Parsed, Stat
from ..limits import setting
from ..model import (
    Article,
    Config,
    Content,
    Diagnostic,
    ExplicitQuote,
    Limits,
    Person,
    Publisher,
    Role,
    Topic,
)
from ..slugs import is_id, slug_from_filename, slugify
from ..sources import Cap, SourceFile, inside, linked_folders, read, relative, walk
from ..text.characters import clean_body
from ..text.frontmatter import Unclosed, split
from ..text.matching import fold
from ..text.placeholders import SOURCE_PLACEHOLDER, placeholder_line
from ..text.yamlread import Fields, Value, load
from .config import Overrides, is_language, parse_config
from .topicfigures import parse_figures

TOPIC_KEYS = ("title", "summary", "keywords", "context_keywords", "related", "order", "figures")
ARTICLE_KEYS = (
    "title",
    "date",
    "source",
    "url",
    "lang",
    "topics",
    "people",
    "summary",
    "slug",
    "draft",
    "quotes",
)
_VISIBLE = {code: 0x2400 + code for code in range(0x20)}
"""Control characters as the symbols for them (a NUL is ␀): a message must not hold them."""
PLACEHOLDER_TEXT = "the article's text is still the placeholder 'briefings new' wrote"
"""A warning of the build; `briefings check` makes it an error in a published article."""
POOL_THRESHOLD = 300
"""Below this many articles to read, starting worker processes costs more than it saves."""
PERSON_KEYS = ("name", "role", "roles", "kind", "aliases", "url", "description")
ROLE_KEYS = ("title", "aliases", "from", "to")
PUBLISHER_KEYS = ("name", "url")
T = TypeVar("T")


def load_site(
    site_dir: Path, overrides: Overrides, memo: ArticleMemo | None = None
) -> tuple[Content, tuple[Diagnostic, ...]]:
    """Read and validate the whole site; raises ContentError listing every error found.

    Returns the content and the warnings. Articles whose files did not change since an earlier
    build are taken from `memo` instead of being read again.
    """
    site_dir = site_dir.resolve()
    found: list[Diagnostic] = []

    def reporter_for(path: Path, text: str = "") -> Reporter:
        reporter = Reporter(relative(path, site_dir), text)
        reporters.append(reporter)
        return reporter

    reporters: list[Reporter] = []
    config_path = site_dir / "site.yaml"
    if not config_path.is_file():
        raise ContentError([no_config(site_dir)])
    config = _load_config(config_path, site_dir, overrides, reporter_for)
    content_dir = site_dir / "content"
    people = _load_mapping(content_dir / "people.yaml", site_dir, reporter_for, _person)
    publishers = _load_mapping(content_dir / "sources.yaml", site_dir, reporter_for, _publisher)
    cap = markdown_cap(config.limits)
    topics, topic_ids = _load_topics(content_dir / "topics", site_dir, reporter_for, cap)
    loader = _ArticleLoader(
        site_dir,
        config,
        topic_ids,
        None if people is None else set(people),
        publishers,
        reporter_for,
        memo if memo is not None else ArticleMemo(),
        {
            "topics": {t.id: t.title for t in topics},
            "people": {pid: person.name for pid, person in (people or {}).items()},
        },
    )
    articles = loader.load_all(content_dir / "articles")
    for folder in (content_dir / "topics", content_dir / "articles"):
        _linked_folders(folder, site_dir, reporter_for)
    static_files = _static_files(site_dir, reporter_for)

    for reporter in reporters:
        found.extend(reporter.found)
    errors = [d for d in found if d.severity == "error"]
    if errors:
        raise ContentError(found)
    templates = site_dir / "templates"
    content = Content(
        config=config,
        topics=tuple(
            sorted(topics, key=lambda t: (t.order if t.order is not None else 10**6, t.id))
        ),
        articles=tuple(a for a in articles if config.drafts or not a.draft),
        people=people or {},
        publishers=publishers or {},
        templates_dir=templates if templates.is_dir() else None,
        static_files=static_files,
    )
    return content, tuple(found)


def _load_config(
    path: Path, site_dir: Path, overrides: Overrides, reporter_for: Callable[..., Reporter]
) -> Config:
    probe = Reporter(relative(path, site_dir))
    source = read(path, site_dir, probe)
    reporter = reporter_for(path, source.text if source else "")
    reporter.found.extend(probe.found)
    if source is None:  # reported once: its fields are not "missing" on top
        return parse_config("", site_dir, overrides, Reporter(reporter.path))
    return parse_config(source.text, site_dir, overrides, reporter)


def markdown_cap(limits: Limits) -> Cap:
    """The size limit of article and topic files."""
    kib = limits.article_kib
    return Cap(
        kib * 1024,
        f"split it: articles and topics are limited to {kib:,} KiB ({setting('article_kib')})",
    )


def _read(
    path: Path,
    site_dir: Path,
    reporter_for: Callable[..., Reporter],
    checked: bool = False,
    cap: Cap | None = None,
) -> SourceFile | None:
    """Read a file, refusing links that lead out of the site folder (unless the caller `checked`
    that it is a plain file in a folder inside it) and files larger than `cap`."""
    probe = Reporter(relative(path, site_dir))
    if not checked and not inside(path, site_dir):
        probe.at(1, 1, "this file links outside the site folder", "copy the file into the site")
        reporter_for(path).found.extend(probe.found)
        return None
    source = read(path, site_dir, probe, cap)
    reporter = reporter_for(path, source.text if source else "")
    reporter.found.extend(probe.found)
    return source


# ---------------------------------------------------------------- people and sources


def _load_mapping(
    path: Path,
    site_dir: Path,
    reporter_for: Callable[..., Reporter],
    make: Callable[[str, Value, Reporter], T | None],
) -> dict[str, T] | None:
    """The file's entries by id; None when the file cannot be read, so that its ids are unknown
    and references to them are not reported one by one on top of the file's own error."""
    if not path.exists():
        return {}
    source = _read(path, site_dir, reporter_for)
    if source is None:
        return None
    reporter = reporter_for(path, source.text)
    value = load(source.text, reporter)
    if value is None:
        return None
    if value.is_null or value.data == {}:
        return {}
    if not isinstance(value.data, dict):
        reporter.at(
            value.line,
            value.col,
            f"{path.name} must map ids to entries",
            "write one 'id:' line per entry, its fields indented below it",
        )
        return None
    result = {}
    for key, (key_value, entry) in value.data.items():
        if not is_id(key):
            reporter.at(
                key_value.line,
                key_value.col,
                f"'{key.translate(_VISIBLE)}' is not a valid id",
                "use lower-case letters, digits and '-' only",
            )
            continue
        made = make(key, entry, reporter)
        if made is not None:
            result[key] = made
    return result


def _person(pid: str, value: Value, reporter: Reporter) -> Person | None:
    fields = Fields(value, reporter, PERSON_KEYS, f"person '{pid}'")
    name = fields.text("name", required="Hakan Fidan")
    kind = fields.text("kind", default="person")
    if kind not in ("person", "institution"):
        where = fields.value("kind")
        assert where is not None
        reporter.at(where.line, where.col, f"unknown kind '{kind}'", "kind: person or institution")
        kind = "person"
    aliases = tuple(dict.fromkeys([name, *(a for a, _ in fields.texts("aliases"))]))
    url = _checked_url(fields, "url")
    roles = _roles(pid, fields)
    latest = max(roles, key=lambda r: r.start or dt.date.min).title if roles else ""
    return Person(
        pid,
        name,
        fields.text("role") or latest,
        "institution" if kind == "institution" else "person",
        tuple(a for a in aliases if a),
        url,
        fields.text("description"),
        roles,
    )


def _roles(pid: str, fields: Fields) -> tuple[Role, ...]:
    """`roles: [{title: …, aliases: […], from: 2025-01-20, to: …}]`, each checked where written."""
    value = fields.value("roles")
    if value is None:
        return ()
    if not isinstance(value.data, list):
        fields.reporter.at(
            value.line,
            value.col,
            f"'roles' of person '{pid}' must be a list of roles",
            "write 'roles: [{title: président des États-Unis, from: 2025-01-20}]'",
        )
        return ()
    roles = []
    for number, item in enumerate(value.data, 1):
        entry = Fields(item, fields.reporter, ROLE_KEYS, f"role {number} of person '{pid}'")
        if not entry.usable:
            continue
        title = entry.text("title", required="président des États-Unis")
        start = entry.day("from", "2025-01-20")
        end = entry.day("to", "2029-01-20")
        if start is not None and end is not None and end <= start:
            where = entry.value("to")
            assert where is not None
            fields.reporter.at(
                where.line,
                where.col,
                f"'to' ({end.isoformat()}) is not after 'from' ({start.isoformat()})",
                "'to' is the day the role passes to someone else: a later date than 'from'",
            )
            continue
        if title:
            aliases = tuple(a for a, _ in entry.texts("aliases") if a)
            roles.append(Role(title, aliases, start, end))
    return tuple(roles)


def _publisher(pid: str, value: Value, reporter: Reporter) -> Publisher | None:
    fields = Fields(value, reporter, PUBLISHER_KEYS, f"source '{pid}'")
    return Publisher(
        pid, fields.text("name", required="Agence Anadolu"), _checked_url(fields, "url")
    )


def _checked_url(fields: Fields, key: str) -> str | None:
    """An absolute http(s) URL, or None; anything else (`javascript:`, ...) is an error."""
    url = fields.text(key)
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        where = fields.value(key)
        assert where is not None
        if not parts.scheme and "." in url.split("/")[0]:
            hint = f"write the whole address: {key}: https://{url}"
        elif parts.scheme and parts.scheme.lower() not in ("http", "https"):
            hint = f"only http:// and https:// links are allowed, not {parts.scheme}:"
        else:
            hint = f"write an address such as {key}: https://www.aa.com.tr/fr"
        fields.reporter.at(
            where.line,
            where.col,
            f"'{key}' must be an absolute http(s) URL, not '{url}'",
            hint,
        )
        return None
    return url


# ---------------------------------------------------------------- topics


def _load_topics(
    folder: Path, site_dir: Path, reporter_for: Callable[..., Reporter], cap: Cap
) -> tuple[list[Topic], set[str]]:
    """The topics, and every topic id: a topic whose file has errors still exists, so the
    articles that name it are not reported too."""
    topics = []
    paths = walk(folder, ".md") if folder.is_dir() else []
    ids = {path.stem for path in paths if is_id(path.stem)}
    for path in paths:
        source = _read(path, site_dir, reporter_for, cap=cap)
        if source is None:
            continue
        reporter = reporter_for(path, source.text)
        if not is_id(path.stem):
            reporter.at(
                1,
                1,
                f"topic id '{path.stem.translate(_VISIBLE)}' is not valid: the file name is the "
                "topic's id",
                f"rename the file {slugify(path.stem)}.md (lower-case letters, digits and '-')",
            )
            continue
        parsed = _front_matter(source, reporter, required=True)
        if parsed is None:
            continue
        fields, body, body_line = parsed
        keywords = tuple(k for k, _ in fields.texts("keywords"))
        if not keywords:
            fields.missing(
                "keywords", "[Gaza, Hamas, israélien*]", "a topic needs at least one keyword"
            )
        context_keywords = _context_keywords(fields, keywords, reporter)
        related = []
        for other, where in fields.texts("related"):
            if other == path.stem:
                reporter.at(where.line, where.col, f"topic '{other}' is related to itself")
            elif other not in ids:
                reporter.at(
                    where.line,
                    where.col,
                    f"unknown topic '{other}' in 'related'",
                    _unknown_hint(other, ids, "topics", f"create content/topics/{other}.md"),
                )
            else:
                related.append(other)
        topics.append(
            Topic(
                id=path.stem,
                title=fields.text("title", required=path.stem.capitalize()),
                summary=fields.text("summary"),
                keywords=keywords,
                context_keywords=context_keywords,
                related=tuple(dict.fromkeys(related)),
                order=fields.integer("order"),
                body=body,
                body_line=body_line,
                path=source.rel,
                figures=parse_figures(fields),
            )
        )
    return topics, ids


def _context_keywords(
    fields: Fields, keywords: Iterable[str], reporter: Reporter
) -> tuple[str, ...]:
    """A topic's `context_keywords`: words that name it only with support from their context
    (routing, docs/content.md). None may be empty or be one of the topic's keywords too."""
    firm = {fold(k).rstrip("*").strip(): k for k in keywords}
    kept = []
    for word, where in fields.texts("context_keywords"):
        key = fold(word).rstrip("*").strip()
        if not key:
            reporter.at(
                where.line,
                where.col,
                "an empty context keyword",
                "write a word or a phrase: context_keywords: [Israël, israélien*]",
            )
        elif key in firm:
            reporter.at(
                where.line,
                where.col,
                f"'{word}' is both a keyword and a context keyword of this topic",
                f"keep it in one list: in 'keywords' it always counts, in 'context_keywords' "
                f"only with support from its context; remove '{firm[key]}' from one of them",
            )
        else:
            kept.append(word)
    return tuple(dict.fromkeys(kept))


_DEFINED_IN = {
    "topics": "one file per topic in content/topics/",
    "people": "people are defined in content/people.yaml",
    "sources": "sources are defined in content/sources.yaml",
}


def _unknown_hint(
    item: str,
    known: Iterable[str],
    kind: str,
    none_yet: str,
    names: Mapping[str, str] | None = None,
) -> str:
    """The closest or the known ids and where they are defined; `none_yet` when there are none.
    `names`: each id's name (a source's, a person's, a topic's title), to be found by it too."""
    hint = suggest(item, known, names)
    return f"{hint} ({_DEFINED_IN[kind]})" if hint else none_yet


def _front_matter(
    source: SourceFile, reporter: Reporter, required: bool
) -> tuple[Fields, str, int] | None:
    try:
        parts = split(source.text)
    except Unclosed:
        reporter.at(
            1,
            1,
            "the front matter opened here with '---' is never closed",
            "add a line '---' after its last 'key: value' line, before the text",
        )
        return None
    if parts.front is None:
        if required:
            what = (
                "the file is empty" if not source.text.strip() else "the file has no front matter"
            )
            reporter.at(
                1,
                1,
                what,
                "start it with a front matter block: a line '---', 'key: value' lines, '---'",
            )
        return None
    value = load(parts.front, reporter, parts.front_line)
    if value is None:
        return None
    keys = ARTICLE_KEYS if "/articles/" in f"/{source.rel}" else TOPIC_KEYS
    what = "the article's front matter" if keys is ARTICLE_KEYS else "the topic's front matter"
    body = clean_body(parts.body, parts.body_line, reporter)
    return Fields(value, reporter, keys, what), body, parts.body_line


# ---------------------------------------------------------------- articles


@dataclass(frozen=True, slots=True)
class _Looked:
    """An article file's stats, whether they can be trusted, and its memo entry if still valid."""

    stat: Stat
    trusted: bool
    memo: Parsed | None


@dataclass
class _ArticleLoader:
    site_dir: Path
    config: Config
    topics: set[str]
    people: set[str] | None
    """None when people.yaml could not be read: its ids are then not checked."""
    publishers: dict[str, Publisher] | None
    """None when sources.yaml could not be read."""
    reporter_for: Callable[..., Reporter]
    memo: ArticleMemo
    names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """By kind ('topics', 'people'), each id's name: an unknown id is matched with them too."""
    slug_at: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Where an explicit `slug:` is written, by file, to point a duplicate there."""

    def load_all(self, folder: Path) -> list[Article]:
        articles = []
        slugs: dict[str, str] = {}
        self.memo.begin(self._inputs(), self._body_again)
        # Files are read through links only to refuse them: a plain file in a folder that is
        # inside the site is inside it, with no need to resolve its path.
        plain = folder.is_dir() and inside(folder, self.site_dir)
        paths = walk(folder, ".md") if folder.is_dir() else []
        rels = [relative(path, self.site_dir) for path in paths]
        for path, parsed in zip(paths, self._parsed_all(paths, rels, plain), strict=True):
            if parsed is None or parsed.article is None:
                continue
            article = parsed.article
            if article.slug in slugs:
                reporter = self.reporter_for(path, _text(path))
                self._duplicate(article, slugs[article.slug], reporter)
                continue
            slugs[article.slug] = article.path
            articles.append(article)
        self.memo.end(set(rels))
        return sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)

    def _body_again(self, rel: str) -> str | None:
        """The body of the article file `rel` read anew: the memo's copy did not verify."""
        parsed, _ = self._fresh(self.site_dir / rel, rel, _Looked((0, 0, 0), True, None))
        return parsed.article.body if parsed.article is not None else None

    def _inputs(self) -> object:
        """What parsing an article depends on besides its file."""
        publishers = None if self.publishers is None else sorted(self.publishers.items())
        people = None if self.people is None else sorted(self.people)
        names = sorted((kind, sorted(of.items())) for kind, of in self.names.items())
        return (repr(self.config), sorted(self.topics), people, repr(publishers), names)

    def _parsed_all(self, paths: list[Path], rels: list[str], plain: bool) -> list[Parsed | None]:
        """Each file's article, in order, as `_parsed` gives it; the files not in the memo are
        read in forked workers when there are many (a cold build of a large site)."""
        looked = [self._lookup(path, rel, plain) for path, rel in zip(paths, rels, strict=True)]
        missing = [index for index, file in enumerate(looked) if file.memo is None]

        def fresh(index: int) -> tuple[Parsed, bool]:
            return self._fresh(paths[index], rels[index], looked[index])

        if missing:
            progress.stage("reading articles", len(missing))
        count = forkpool.workers()
        if len(missing) < POOL_THRESHOLD or not count:
            done = {}
            for index in missing:
                done[index] = fresh(index)
                progress.advance()
        else:
            chunk = max(16, len(missing) // (count * 8))
            results = forkpool.fork_map(lambda: lambda i: fresh(missing[i]), len(missing), chunk)
            done = dict(zip(missing, results, strict=True))
        return [
            self._take(path, rel, looked[index], done.get(index))
            for index, (path, rel) in enumerate(zip(paths, rels, strict=True))
        ]

    def _parsed(self, path: Path, rel: str, plain: bool) -> Parsed | None:
        """The article of one file, from the memo when its stats did not change."""
        looked = self._lookup(path, rel, plain)
        fresh = None if looked.memo is not None else self._fresh(path, rel, looked)
        return self._take(path, rel, looked, fresh)

    def _lookup(self, path: Path, rel: str, plain: bool) -> _Looked:
        try:
            info = os.lstat(path)
        except OSError:
            info = None
        trusted = info is not None and plain and not stat.S_ISLNK(info.st_mode)
        stat_key = (info.st_size, info.st_mtime_ns, info.st_ino) if info else (0, 0, 0)
        return _Looked(stat_key, trusted, self.memo.get(rel, stat_key) if trusted else None)

    def _fresh(self, path: Path, rel: str, looked: _Looked) -> tuple[Parsed, bool]:
        """Read and validate one file, and whether it could be read at all. Its problems are
        in the result, not reported: this runs in worker processes too."""
        reporters: list[Reporter] = []

        def reporter_for(_: Path, text: str = "") -> Reporter:
            reporters.append(Reporter(rel, text))
            return reporters[-1]

        cap = markdown_cap(self.config.limits)
        source = _read(path, self.site_dir, reporter_for, checked=looked.trusted, cap=cap)
        article = None if source is None else self.load(source, reporter_for(path, source.text))
        found = tuple(d for reporter in reporters for d in reporter.found)
        return Parsed(looked.stat, article, found, self.slug_at.get(rel)), source is not None

    def _take(
        self, path: Path, rel: str, looked: _Looked, fresh: tuple[Parsed, bool] | None
    ) -> Parsed | None:
        """Report a file's problems and note where its slug is written; a fresh parse of a file
        whose stats can be trusted goes to the memo. None when the file could not be read."""
        parsed, readable = fresh if fresh is not None else (looked.memo, True)
        if parsed is None:  # neither in the memo nor read: the caller looks files up first
            return None
        self.reporter_for(path).found.extend(parsed.found)
        if parsed.slug_at:
            self.slug_at[rel] = parsed.slug_at
        if not readable:
            return None
        if fresh is not None and looked.trusted:
            self.memo.put(rel, parsed)
        return parsed

    def _duplicate(self, article: Article, other: str, reporter: Reporter) -> None:
        explicit = self.slug_at.get(article.path)
        line, col = explicit or (1, 1)
        origin = "" if explicit else " (taken from the file name)"
        reporter.at(
            line,
            col,
            f"duplicate slug '{article.slug}'{origin}: {other} has it too",
            f"two articles cannot share a URL: change this slug (slug: {article.slug}-2), or "
            "remove the line to take the file name's"
            if explicit
            else "two articles cannot share a URL: rename one of the files or give it a "
            "'slug:' line",
        )

    def load(self, source: SourceFile, reporter: Reporter) -> Article | None:
        parsed = _front_matter(source, reporter, required=True)
        if parsed is None:
            return None
        fields, body, body_line = parsed
        before = len(reporter.found)
        title = fields.text("title", required="Fidan et Blinken réunis à Washington")
        when = fields.when("date")
        draft = fields.boolean("draft", False)
        publisher = self._publisher(fields, left_out=draft and not self.config.drafts)
        slug = self._slug(fields, source)
        topics = self._ids(fields, "topics", self.topics)
        people = self._ids(fields, "people", self.people)
        lang = self._lang(fields)
        quotes = self._quotes(fields)
        url = _checked_url(fields, "url")
        usable = len(reporter.found) == before and when is not None and publisher is not None
        placeholder = placeholder_line(body)
        if placeholder is not None:
            reporter.at(
                body_line + placeholder,
                1,
                PLACEHOLDER_TEXT
                + (" (a draft, not published)" if draft and not self.config.drafts else ""),
                "write the article's text in its place; 'briefings check' refuses it in a "
                "published article",
                warning=True,
            )
        if not usable or publisher is None or when is None:
            return None
        return Article(
            path=source.rel,
            slug=slug,
            title=title,
            date=when[0],
            has_time=when[1],
            source=publisher,
            url=url,
            lang=lang,
            topics=topics,
            people=people,
            summary=fields.text("summary"),
            draft=draft,
            quotes=quotes,
            body=body,
            body_line=body_line,
            digest=source.digest,
        )

    def _lang(self, fields: Fields) -> str:
        lang = fields.text("lang", default=self.config.language)
        where = fields.value("lang")
        if where is not None and lang and not is_language(lang):
            fields.reporter.at(
                where.line,
                where.col,
                f"unknown language '{lang}'",
                "use a BCP 47 code such as fr, en, fr-CA",
            )
        return lang or self.config.language

    def _slug(self, fields: Fields, source: SourceFile) -> str:
        explicit = fields.value("slug")
        if explicit is None:
            return slug_from_filename(source.path.stem)
        self.slug_at[source.rel] = (explicit.line, explicit.col)
        slug = explicit.data if isinstance(explicit.data, str) else ""
        if not is_id(slug):
            fields.reporter.at(
                explicit.line,
                explicit.col,
                f"slug '{slug.translate(_VISIBLE)}' is not valid",
                "use lower-case letters, digits and '-' only, e.g. slug: fidan-blinken",
            )
        return slug

    def _publisher(self, fields: Fields, left_out: bool) -> Publisher | None:
        """The article's source; `left_out`: a draft this build leaves out, whose source still
        to be chosen is a warning, not yet an error."""
        value = fields.value("source")
        if value is None:
            fields.missing("source", "aa")
            return None
        if isinstance(value.data, str):
            if not value.data.strip():
                fields.missing("source", "aa")
                return None
            if self.publishers is None:
                return None
            if value.data == SOURCE_PLACEHOLDER and value.plain:
                known = ", ".join(self.publishers)
                fields.reporter.at(
                    value.line,
                    value.col,
                    f"'source' is still {SOURCE_PLACEHOLDER}, as 'briefings new' wrote it"
                    + (" (a draft, not published: an error once it is)" if left_out else ""),
                    f"write an id of content/sources.yaml ({known})"
                    if known
                    else "add the publisher to content/sources.yaml, then write its id here",
                    warning=left_out,
                )
                return None
            publisher = self.publishers.get(value.data)
            if publisher is None:
                fields.reporter.at(
                    value.line,
                    value.col,
                    f"unknown source '{value.data}'",
                    _unknown_hint(
                        value.data,
                        self.publishers,
                        "sources",
                        f"add '{value.data}:' with its name and url to content/sources.yaml",
                        {pid: p.name for pid, p in self.publishers.items()},
                    ),
                )
            return publisher
        if isinstance(value.data, list):
            fields.reporter.at(
                value.line,
                value.col,
                "'source' must be one source, not a list",
                "write an id from content/sources.yaml (source: aa) or {name: ..., url: ...}",
            )
            return None
        inline = Fields(value, fields.reporter, PUBLISHER_KEYS, "'source'")
        name = inline.text("name", required="Agence Anadolu")
        return Publisher("", name, _checked_url(inline, "url")) if name else None

    def _ids(self, fields: Fields, key: str, known: set[str] | None) -> tuple[str, ...]:
        """The ids listed under `key` ('topics' or 'people'), each checked against `known`."""
        result = []
        for item, where in fields.texts(key):
            if known is None or item in known:
                result.append(item)
                continue
            if key == "topics":
                what, none_yet = "topic", f"create content/topics/{item}.md"
            else:
                what, none_yet = "person", f"add '{item}:' with a name to content/people.yaml"
            fields.reporter.at(
                where.line,
                where.col,
                f"unknown {what} '{item}'",
                _unknown_hint(item, known, key, none_yet, self.names.get(key)),
            )
        return tuple(dict.fromkeys(result))

    def _quotes(self, fields: Fields) -> tuple[ExplicitQuote, ...]:
        value = fields.value("quotes")
        if value is None:
            return ()
        if not isinstance(value.data, list):
            fields.reporter.at(value.line, value.col, "'quotes' must be a list of {text, by}")
            return ()
        quotes = []
        for item in value.data:
            entry = Fields(item, fields.reporter, ("text", "by"), "a quote")
            text = entry.text("text", required="« ... »")
            by = entry.text("by", required="fidan")
            if text and by:
                quotes.append(ExplicitQuote(text, by, item.line))
        return tuple(quotes)


def load_article(content: Content, rel: str) -> tuple[Article | None, tuple[Diagnostic, ...]]:
    """One article file read again with the settings, topics, people and sources of `content`,
    and what was found wrong in it: the preview shows an edited article before the whole site
    is loaded again."""
    site_dir = content.config.site_dir
    reporters: list[Reporter] = []

    def reporter_for(path: Path, text: str = "") -> Reporter:
        reporter = Reporter(relative(path, site_dir), text)
        reporters.append(reporter)
        return reporter

    loader = _ArticleLoader(
        site_dir,
        content.config,
        {t.id for t in content.topics},
        set(content.people),
        content.publishers,
        reporter_for,
        ArticleMemo(),
        {
            "topics": {t.id: t.title for t in content.topics},
            "people": {pid: person.name for pid, person in content.people.items()},
        },
    )
    parsed = loader._parsed(site_dir / rel, rel, plain=False)
    found = tuple(d for reporter in reporters for d in reporter.found)
    return (parsed.article if parsed is not None else None), found


def _text(path: Path) -> str:
    """A file's text for showing its lines in a message, or nothing."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def no_config(site_dir: Path) -> Diagnostic:
    """What `build` and `serve` say of a folder without site.yaml."""
    return Diagnostic(
        "site.yaml",
        1,
        1,
        "no site.yaml in the site folder",
        f"run 'briefings init {site_dir}' or pass --site DIR",
    )


# ---------------------------------------------------------------- static files


def _static_files(
    site_dir: Path, reporter_for: Callable[..., Reporter]
) -> tuple[tuple[str, bytes], ...]:
    folder = site_dir / "static"
    if not folder.is_dir():
        return ()
    files: dict[str, bytes] = {}
    origins: dict[str, Path] = {}
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in dirs:
            if (Path(root) / name).is_symlink():
                _linked_folder(Path(root) / name, site_dir, reporter_for)
        for name in sorted(names):
            path = Path(root) / name
            if not inside(path, site_dir):
                reporter_for(path).at(
                    1, 1, "this file links outside the site folder", "copy the file into the site"
                )
                continue
            # Names as macOS writes them (NFD) publish at the URL every other tool uses (NFC).
            published = unicodedata.normalize("NFC", path.relative_to(folder).as_posix())
            if "\\" in published:
                reporter_for(path).at(
                    1, 1, "a file name with '\\' cannot be published", "rename the file"
                )
                continue
            if urls.generated(published):
                # A page, feed, theme file or search file of its own would replace briefings'
                # silently (a script in place of search.js, say): the generated one is kept.
                reporter_for(path).at(
                    1,
                    1,
                    f"'{published}' is a file briefings makes: this copy is not published",
                    "static/ adds files (images, CNAME, robots.txt, 404.html); "
                    "put this one at another path",
                    warning=True,
                )
                continue
            if published in origins:
                other = relative(origins[published], site_dir)
                reporter_for(path).at(
                    1,
                    1,
                    f"this file and {other} are both published as '{published}'",
                    "their names differ only in how accents are encoded: keep one",
                )
                continue
            try:
                data = path.read_bytes()
            except OSError as error:
                reporter_for(path).at(1, 1, f"cannot read file: {error.strerror or error}")
                continue
            files[published] = data
            origins[published] = path
    return tuple(files.items())


def _linked_folders(folder: Path, site_dir: Path, reporter_for: Callable[..., Reporter]) -> None:
    for link in linked_folders(folder) if folder.is_dir() else []:
        _linked_folder(link, site_dir, reporter_for)


def _linked_folder(link: Path, site_dir: Path, reporter_for: Callable[..., Reporter]) -> None:
    """Links to folders are not followed: refused when they lead out of the site, else said."""
    if inside(link, site_dir):
        reporter_for(link).at(
            1,
            1,
            "this folder is a link: the files in it are not read",
            "move the folder here instead of linking to it",
            warning=True,
        )
    else:
        reporter_for(link).at(
            1, 1, "this folder links outside the site folder", "copy the folder into the site"
        )
