"""Rendering pages with Jinja2: the built-in theme, overridden by the site's, one by one."""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import jinja2

from . import urls
from .diagnostics import ContentError
from .i18n import Language
from .model import Corpus, Diagnostic, Output, Page


def environment(corpus: Corpus, templates_dir: Path | None) -> jinja2.Environment:
    """A Jinja2 environment with autoescaping on for every template, compiled once per build."""
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        loaders.append(jinja2.FileSystemLoader(templates_dir))
    loaders.append(jinja2.PackageLoader("briefings", "theme/templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    config = corpus.content.config
    language = Language(config.language)
    env.globals.update(
        site=config,
        t=language.gettext(),
        lang=language.code,
        topics={t.id: t for t in corpus.content.topics},
        people=corpus.content.people,
        articles=corpus.articles,
        dossiers=corpus.dossiers,
        publishers={k: corpus.articles[s[0]].source for k, s in corpus.publisher_articles.items()},
        urls=urls,
        href=lambda path: config.base_path + path,
        absolute=lambda path: config.base_url + path,
    )
    env.filters.update(
        date=language.date,
        month=language.month,
        number=language.number,
        count=language.count,
    )
    return env


def render(pages: Iterable[Page], corpus: Corpus) -> Output:
    """Every page as bytes; template errors are reported with the template's file and line."""
    env = environment(corpus, corpus.content.templates_dir)
    files: dict[str, bytes] = {}
    problems: list[Diagnostic] = []
    cache: dict[str, jinja2.Template] = {}
    for page in pages:
        if page.data is not None:
            files[page.path] = page.data
            continue
        try:
            template = cache.get(page.template) or env.get_template(page.template)
            cache[page.template] = template
            files[page.path] = template.render(page.context).encode()
        except jinja2.TemplateSyntaxError as error:
            problems.append(_syntax_problem(error, corpus))
            break
        except jinja2.TemplateError as error:
            problems.append(_runtime_problem(error, page, corpus))
            break
    if problems:
        raise ContentError(problems)
    files.update(theme_files())
    return Output(files)


def theme_files() -> dict[str, bytes]:
    """The theme's static files (CSS, scripts), under `assets/`."""
    root = resources.files("briefings").joinpath("theme", "static")
    found: dict[str, bytes] = {}

    def visit(folder: resources.abc.Traversable, prefix: str) -> None:
        for entry in folder.iterdir():
            if entry.is_dir():
                visit(entry, f"{prefix}{entry.name}/")
            elif not entry.name.startswith("."):
                found[f"assets/{prefix}{entry.name}"] = entry.read_bytes()

    visit(root, "")
    return found


def _template_path(name: str | None, corpus: Corpus) -> str:
    folder = corpus.content.templates_dir
    if name and folder is not None and (folder / name).is_file():
        return f"templates/{name}"
    return f"<theme>/{name}"


def _syntax_problem(error: jinja2.TemplateSyntaxError, corpus: Corpus) -> Diagnostic:
    source = (error.source or "").splitlines()
    line = error.lineno or 1
    return Diagnostic(
        _template_path(error.name, corpus),
        line,
        1,
        f"template syntax error: {error.message}",
        "see https://jinja.palletsprojects.com/templates/",
        source_line=source[line - 1] if 0 < line <= len(source) else "",
    )


def _runtime_problem(error: jinja2.TemplateError, page: Page, corpus: Corpus) -> Diagnostic:
    # Jinja2 rewrites tracebacks so that template frames carry the template's file and line.
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".html")]
    frame = frames[-1] if frames else None
    name = Path(frame.filename).name if frame else page.template
    return Diagnostic(
        _template_path(name, corpus),
        frame.lineno or 1 if frame else 1,
        1,
        f"template error while rendering {page.path}: {error}",
        source_line=frame.line or "" if frame else "",
    )
