"""Rendering pages with Jinja2: the built-in theme, overridden by the site's, one by one."""

from __future__ import annotations

import functools
import traceback
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, KeysView, Mapping, MutableMapping
from importlib import resources
from pathlib import Path
from types import FunctionType, MethodType
from typing import Any

import jinja2
import markupsafe

from .. import progress, urls
from ..bugs import InternalError
from ..diagnostics import ContentError
from ..i18n import Language
from ..incremental import forkpool
from ..incremental.templates import CompiledTemplates
from ..model import Corpus, Diagnostic, Output, Page
from ..text.typography import for_language
from .fragments import Writers, article_blocks, escaped_text


def environment(corpus: Corpus, templates_dir: Path | None) -> jinja2.Environment:
    """A Jinja2 environment with autoescaping on for every template, compiled once per build."""
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        loaders.append(jinja2.FileSystemLoader(templates_dir))
    loaders.append(jinja2.PackageLoader("briefings", "theme/templates"))
    # The quicker classes reach into Jinja2's runtime as 3.1 has it: another version gets its own.
    kind = _Environment if jinja2.__version__.startswith("3.1.") else jinja2.Environment
    env = kind(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Not checking every template file's time at each use: 55,000 checks a build. A kept
        # environment is dropped when a template changes (`rerender.templates_digest`).
        auto_reload=False,
        bytecode_cache=CompiledTemplates(),
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
        # Built once per build: article pages repeat these links on every block.
        tag_links={
            t.id: markupsafe.Markup('<a class="tag tag-{}" href="{}">{}</a>').format(
                t.id, config.base_path + urls.dossier(t.id), t.title
            )
            for t in corpus.content.topics
        },
        href=lambda path: config.base_path + path,
        absolute=lambda path: config.base_url + path,
    )
    env.filters.update(
        date=language.date,
        month=language.month,
        period=lambda role: language.period(role.start, role.end),
        number=language.number,
        count=language.count,
        typo=lambda text, lang=None: typeset(text, lang or config.language),
        article_blocks=article_blocks,
    )
    writers = Writers(
        config.base_path,
        language.code,
        language.date,
        env.filters["typo"],
        language.count,
        functools.partial(env.filters["truncate"], env),
        env.globals["t"],
    )
    env.filters.update(
        site_nav=writers.site_nav,
        article_quotes=writers.article_quotes,
        article_people=writers.article_people,
        dossier_entries=writers.dossier_entries,
    )
    # What macros.html names `speaker`, `quote_card`, `article_item` and `topic_tags`.
    env.globals.update(
        speaker_html=writers.speaker,
        quote_card_with=writers.quote_card_with,
        topic_tags_with=writers.topic_tags_with,
        article_item_html=writers.article_item,
    )
    return env


_BUILTIN = type(len)
"""Functions and methods written in C (`date.isoformat`, `str.format`): they cannot carry
Jinja2's `jinja_pass_arg`, so nothing is ever passed to them."""


class _Context(jinja2.runtime.Context):
    """Jinja2's context with a shorter way for the calls a page makes most: `t(...)`,
    `href(...)`, `urls.article(...)`, `date.isoformat()`, the fragments' callables, about forty
    a page. Jinja2's `call` asks each callable, and its `__call__`, whether it wants the context,
    the evaluation context or the environment passed (`pass_context`, ...): a C function never
    does, and a Python function or method only when it carries `jinja_pass_arg`, as Jinja2 reads
    it. Everything else (a macro, a callable object) goes through Jinja2's own `call`."""

    @jinja2.utils.internalcode
    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        kind = type(__obj)
        if kind is not _BUILTIN and not (
            (kind is FunctionType and not hasattr(__obj, "jinja_pass_arg"))
            or (kind is MethodType and not hasattr(__obj.__func__, "jinja_pass_arg"))
        ):
            return super().call(__obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


def _escape(value: Any) -> markupsafe.Markup:
    """MarkupSafe's `escape` for a compiled template's `{{ value }}`, in fewer steps for the two
    kinds nearly every value is: Markup (a fragment's HTML) given back as it is, where `escape`
    copies it into a new Markup after asking twice for its `__html__`; a plain string escaped in
    C and made Markup without `Markup.__new__`'s Python. The same text either way."""
    kind = type(value)
    if kind is markupsafe.Markup:
        return value  # type: ignore[no-any-return]
    if kind is str:
        return _new_str(markupsafe.Markup, escaped_text(value))
    return markupsafe.escape(value)


_new_str = str.__new__


class _Template(jinja2.Template):
    """Jinja2's template, whose page context is the globals and the page's values merged dict
    by dict: Jinja2 copies its `ChainMap` of the globals key by key, in Python, for each page;
    and whose `{{ }}` escape with `_escape` (about 60 values a page)."""

    @classmethod
    def from_code(
        cls,
        environment: jinja2.Environment,
        code: Any,
        globals: MutableMapping[str, Any],
        uptodate: Callable[[], bool] | None = None,
    ) -> jinja2.Template:
        template = super().from_code(environment, code, globals, uptodate)
        # The compiled module's namespace, where its functions find the `escape` that
        # autoescaping writes around each value (imported from `jinja2.runtime`).
        namespace = template.root_render_func.__globals__
        if namespace.get("escape") is markupsafe.escape:
            namespace["escape"] = _escape
        return template

    def new_context(
        self,
        vars: dict[str, Any] | None = None,
        shared: bool = False,
        locals: Mapping[str, Any] | None = None,
    ) -> jinja2.runtime.Context:
        layers = self.globals
        if shared or locals or type(layers) is not _Globals:
            return super().new_context(vars, shared, locals)
        parent = layers.merged()
        if vars:
            parent.update(vars)
        env = self.environment
        return env.context_class(env, parent, self.name, self.blocks, globals=layers)


class _Globals(ChainMap[str, Any]):
    """A template's globals over the environment's, as Jinja2's `ChainMap`, with the merged
    keys that Jinja2 asks for three times a page (a page's context, each `{% include %}`, each
    `{% from ... import %}`) made by `dict.update` rather than key by key in Python."""

    def merged(self) -> dict[str, Any]:
        """The globals as one new dict: the first layer's value of a key wins."""
        merged: dict[str, Any] = {}
        for layer in reversed(self.maps):
            merged.update(layer)
        return merged

    def __iter__(self) -> Iterator[str]:
        return iter(self.merged())

    def keys(self) -> KeysView[str]:
        # `set - dict_keys` is a set operation in C; `set - KeysView(ChainMap)` one in Python.
        return self.merged().keys()


class _Environment(jinja2.Environment):
    """Jinja2's environment with the quicker context, template and globals above."""

    context_class = _Context
    template_class = _Template

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return _Globals({} if d is None else d, self.globals)


def typeset(text: object, lang: str) -> object:
    """The `typo` filter: French typography for plain text (`{{ title|typo(article.lang) }}`).

    Markup is left alone: its text was set when it was rendered from Markdown.
    """
    if isinstance(text, markupsafe.Markup) or not isinstance(text, str):
        return text
    return for_language(text, lang)


def render(
    pages: Iterable[Page], corpus: Corpus, forked: Callable[[], None] | None = None
) -> Output:
    """Every page as bytes; template errors are reported with the template's file and line.

    Large sites are rendered by forked worker processes, each with its own environment;
    `forked` is called once they are (at once without them: `forkpool.fork_map`).
    """
    pages = list(pages)
    files: dict[str, bytes] = {p.path: p.data for p in pages if p.data is not None}
    files.update({p.path: p.make(**p.context) for p in pages if p.make is not None})
    templated = [p for p in pages if p.templated]
    for path, data in _render_all(templated, corpus, forked):
        if isinstance(data, Diagnostic):
            raise ContentError([data])
        files[path] = data
    files.update(theme_files())
    return Output(files)


class _Renderer:
    """Renders pages with one environment and its compiled templates."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.env = environment(corpus, corpus.content.templates_dir)

    def page(self, page: Page) -> bytes | Diagnostic:
        try:
            return self.env.get_template(page.template).render(page.context).encode()
        except jinja2.TemplateSyntaxError as error:
            return _syntax_problem(error, self.corpus)
        except InternalError:
            raise  # briefings' own code, run by the template (`pages.KeyFigures`): a bug
        except Exception as error:
            # Anything a site's template raises (`{{ 1 // 0 }}`) is reported at its line.
            return _runtime_problem(error, page, self.corpus)


def _render_all(
    pages: list[Page], corpus: Corpus, forked: Callable[[], None] | None = None
) -> list[tuple[str, bytes | Diagnostic]]:
    if pages:
        progress.stage("rendering pages", len(pages))
    count = forkpool.workers()
    if len(pages) < POOL_THRESHOLD or not count:
        if forked is not None:
            forked()
        renderer = _Renderer(corpus)
        results = []
        for page in pages:
            data = renderer.page(page)
            results.append((page.path, data))
            progress.advance()
            if isinstance(data, Diagnostic):
                break
        return results

    def setup() -> Callable[[int], tuple[str, bytes | Diagnostic]]:
        renderer = _Renderer(corpus)
        return lambda index: (pages[index].path, renderer.page(pages[index]))

    return forkpool.fork_map(setup, len(pages), max(8, len(pages) // (count * 8)), forked)


POOL_THRESHOLD = 200
"""Below this many pages, starting worker processes costs more than it saves."""


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


def _runtime_problem(error: Exception, page: Page, corpus: Corpus) -> Diagnostic:
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
