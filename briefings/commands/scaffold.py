"""`briefings init` and `briefings new`: a new site, and a new article in a site.

The new site's files live in the package (`briefings/scaffold/`), under names without a leading dot
(`gitignore`, `github/`) so that packaging tools do not leave them out; they get their dot on disk.
`scaffold/github/workflows/pages.yml` is also the one source of this repository's own workflow,
which differs only by its install line: a new site installs the exact release that wrote it
(`pinned_install()`), this repository its own checkout (`pip install .`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .. import __version__
from ..diagnostics import Reporter, suggest
from ..slugs import slug_from_filename, title_slug
from ..text.placeholders import BODY_PLACEHOLDER, SOURCE_PLACEHOLDER
from ..text.yamlread import load

WORKFLOW = ".github/workflows/pages.yml"
INSTALL = "pip install briefings"
"""The install line as the scaffold's workflow file holds it, replaced in every copy written."""
_DOTTED = ("gitignore", "github/")


class ScaffoldError(Exception):
    """A file that would be overwritten, or a site that is not one; the message says which."""


def scaffold_files() -> dict[str, bytes]:
    """The new site's files: site-relative POSIX path to bytes."""
    found: dict[str, bytes] = {}

    def visit(folder: resources.abc.Traversable, prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.startswith((".", "__")):
                continue
            if entry.is_dir():
                visit(entry, f"{prefix}{entry.name}/")
            else:
                found[_dotted(prefix + entry.name)] = entry.read_bytes()

    visit(resources.files("briefings").joinpath("scaffold"), "")
    return found


def _dotted(path: str) -> str:
    return "." + path if path.startswith(_DOTTED) else path


def workflow_text(install: str = INSTALL) -> str:
    """The GitHub Pages workflow, installing briefings with `install`."""
    text = scaffold_files()[WORKFLOW].decode("utf-8")
    line = f"run: {INSTALL}\n"
    if text.count(line) != 1:
        raise RuntimeError(f"the scaffold's workflow must run '{INSTALL}' exactly once")
    return text.replace(line, f"run: {install}\n")


def pinned_install(version: str = __version__) -> str:
    """The install line of a new site's workflow: the release that wrote it, and no other.

    An unpinned `pip install briefings` would take whatever the index serves under that name on
    the day of each publish: a new release's changes unseen, or someone else's package.
    """
    return f'pip install "briefings=={version}"'


@dataclass(frozen=True, slots=True)
class Scaffolded:
    """What `init_site` did: the files it wrote, and what it left alone because it was there."""

    written: tuple[str, ...]
    """Site-relative paths of the files written."""
    kept: tuple[str, ...]
    """Site-relative paths of the scaffold's files that exist and were left as they are; a
    folder (`content/`) when the example content was left out because the site has its own."""
    gitignore_missing: tuple[str, ...] = ()
    """Lines a kept .gitignore lacks: the output and the cache would be committed."""


def init_site(folder: Path) -> Scaffolded:
    """Write a new site into `folder`, adding only what is missing: never a file over another.

    Into an existing site, the workflow, .gitignore and site.yaml are added if missing; the
    example content (topics, articles, people, sources) only where there is no `content/` yet,
    so that a site's own content is never mixed with the example's.
    """
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} exists and is not a folder")
    files = scaffold_files()
    files[WORKFLOW] = workflow_text(pinned_install()).encode("utf-8")
    own_content = (folder / "content").is_dir() or (folder / "content").is_symlink()
    written: list[str] = []
    kept: list[str] = ["content/"] if own_content else []
    for name, data in files.items():
        if own_content and name.startswith("content/"):
            continue
        path = folder / name
        if path.exists() or path.is_symlink():
            kept.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("xb") as file:  # "x": never replace a file made meanwhile
                file.write(data)
        except FileExistsError:
            kept.append(name)
            continue
        written.append(name)
    missing: tuple[str, ...] = ()
    if ".gitignore" in kept:
        wanted = files[".gitignore"].decode("utf-8").split()
        try:
            have = set((folder / ".gitignore").read_text(encoding="utf-8").split())
        except (OSError, UnicodeDecodeError):
            have = set()
        missing = tuple(line for line in wanted if line not in have)
    return Scaffolded(tuple(written), tuple(kept), missing)


def new_article(
    site: Path,
    title: str,
    topics: Iterable[str] = (),
    source: str | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write `content/articles/YYYY/YYYY-MM-DD-<slug>.md`, a draft; never overwrites.

    Its text is a placeholder that the build warns of and `briefings check` refuses in a
    published article; without `source`, its source is the placeholder SOURCE_PLACEHOLDER,
    named by the build (an error once the article is published), never a guess.
    """
    title = title.strip()
    if not title:
        raise ScaffoldError('the title is empty: briefings new "Titre de l\'article"')
    if not (site / "site.yaml").is_file():
        raise ScaffoldError(f"no site.yaml in {site}: pass --site DIR, or run 'briefings init DIR'")
    today = today or dt.date.today()
    topics = list(dict.fromkeys(topics))
    known = _topic_ids(site)
    for topic in topics:
        if topic not in known:
            raise ScaffoldError(f"unknown topic '{topic}': {suggest(topic, known)}")
    sources = _sources(site)
    if source is not None and source not in sources:
        hint = suggest(source, sources, sources) or "content/sources.yaml defines no source yet"
        raise ScaffoldError(f"unknown source '{source}': {hint}")

    articles = site / "content" / "articles"
    folder = articles / f"{today.year:04d}"
    slug = title_slug(title)
    if slug:
        path = folder / f"{today.isoformat()}-{slug}.md"
        if path.exists():
            raise ScaffoldError(f"{path} already exists: choose another title, or edit that file")
        twin = _with_slug(articles, slug)
        if twin is not None:
            raise ScaffoldError(f"{twin} already has the slug '{slug}': choose another title")
    else:  # nothing of the title can be in a URL: the first free "article", "article-2", ...
        taken = {slug_from_filename(p.stem) for p in articles.rglob("*.md")}
        slug, number = "article", 1
        while slug in taken:
            number += 1
            slug = f"article-{number}"
        path = folder / f"{today.isoformat()}-{slug}.md"

    if source is None:
        choices = ", ".join(sources) if sources else "none yet"
        source_line = f"source: {SOURCE_PLACEHOLDER}  # {choices} (content/sources.yaml)"
    else:
        source_line = f"source: {source}"
    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"date: {today.isoformat()}",
        source_line,
        "# url: https://...   the original article",
    ]
    if topics:
        lines.append(f"topics: [{', '.join(topics)}]")
    lines += ["draft: true", "---", _body_placeholder(site), ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never replace a file written meanwhile
        file.write("\n".join(lines))
    return path


def _with_slug(articles: Path, slug: str) -> Path | None:
    """An article file whose name gives it `slug` already."""
    return next((p for p in articles.rglob("*.md") if slug_from_filename(p.stem) == slug), None)


def _body_placeholder(site: Path) -> str:
    """The placeholder line of a new article's text, in the site's language if it is French."""
    try:
        config = load((site / "site.yaml").read_text(encoding="utf-8"), Reporter("site.yaml"))
    except (OSError, UnicodeDecodeError):
        config = None
    language = "fr"
    if config is not None and isinstance(config.data, dict) and "language" in config.data:
        written = config.data["language"][1].data
        language = written if isinstance(written, str) and written else "fr"
    french = language.split("-")[0].lower() == "fr"
    return BODY_PLACEHOLDER[0 if french else 1]


def _topic_ids(site: Path) -> list[str]:
    folder = site / "content" / "topics"
    return sorted(p.stem for p in folder.glob("*.md")) if folder.is_dir() else []


def _sources(site: Path) -> dict[str, str]:
    """The ids of content/sources.yaml, each with its name (empty where it has none)."""
    path = site / "content" / "sources.yaml"
    if not path.is_file():
        return {}
    value = load(path.read_text(encoding="utf-8"), Reporter("content/sources.yaml"))
    if value is None or not isinstance(value.data, dict):
        return {}
    found = {}
    for pid, (_, entry) in value.data.items():
        name = entry.data.get("name") if isinstance(entry.data, dict) else None
        found[pid] = name[1].data if name and isinstance(name[1].data, str) else ""
    return found
