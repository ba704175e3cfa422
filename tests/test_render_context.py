"""The renderer's Jinja2 context, templates and globals (stages/render.py) pass what Jinja2's
own pass: the context, the environment or the evaluation context to callables that ask for them,
the variables set in a loop or a block to those that take the context, undefined for a callable
that raises StopIteration, and the globals as they are when a page renders."""

from __future__ import annotations

import jinja2
import markupsafe
import pytest

from briefings import build
from briefings.stages.config import Overrides
from briefings.stages.pages import plan_pages
from briefings.stages.render import environment

from .conftest import REPO


@pytest.fixture
def env() -> jinja2.Environment:
    corpus, _ = build.gather(REPO, Overrides(), None, save=False)
    return environment(corpus, None)


class _Greeter:
    prefix = "bonjour"

    @jinja2.pass_context
    def named(self, context: jinja2.runtime.Context, name: str) -> str:
        return f"{self.prefix} {name} ({context['lang']})"

    def plain(self, name: str) -> str:
        return f"{self.prefix} {name}"


class _Callable:
    @jinja2.pass_context
    def __call__(self, context: jinja2.runtime.Context) -> str:
        return f"objet {context['lang']}"


def test_callables_are_passed_what_they_ask_for(env: jinja2.Environment) -> None:
    def stop() -> str:
        raise StopIteration

    greeter = _Greeter()
    env.globals.update(
        in_context=jinja2.pass_context(lambda context, x: f"{context['lang']}-{x}"),
        in_environment=jinja2.pass_environment(lambda e, x: f"{e.autoescape is True}-{x}"),
        in_eval=jinja2.pass_eval_context(lambda e: f"auto={e.autoescape}"),
        plain=lambda x, y="y": f"{x}{y}",
        stop=stop,
        greeter=greeter,
        thing=_Callable(),
        seen=jinja2.pass_context(lambda context: context.get("found", "-")),
    )
    page = env.from_string(
        "{{ in_context(1) }}|{{ in_environment(2) }}|{{ in_eval() }}|{{ plain(3, y='<4>') }}|"
        "{{ stop() is undefined }}|{{ greeter.named('Ali') }}|{{ greeter.plain('Ali') }}|"
        "{{ thing() }}|{{ '{}-{}'.format(5, 6) }}|{{ range(3)|sum }}|"
        "{% for i in [7] %}{% set found = i %}{{ seen() }}{% endfor %}|{{ seen() }}"
    ).render(lang="fr")
    assert page.split("|") == [
        "fr-1",
        "True-2",
        "auto=True",
        "3&lt;4&gt;",
        "True",
        "bonjour Ali (fr)",
        "bonjour Ali",
        "objet fr",
        "5-6",
        "3",
        "7",
        "-",
    ]


def test_globals_changed_after_a_template_is_compiled_are_read(env: jinja2.Environment) -> None:
    # The render memo keeps an environment's compiled templates and gives it the next build's
    # globals (`rerender.take_globals`): a template compiled before reads the new ones.
    env.globals["mood"] = "calme"
    template = env.from_string('{{ mood }}{% from "macros.html" import speaker %}')
    assert template.render() == "calme"
    env.globals["mood"] = "tendu"
    assert template.render() == "tendu"
    assert template.render(mood="page") == "page"  # a page's value over a global's
    own = env.from_string("{{ mood }}/{{ lang }}", globals={"mood": "propre"})
    assert own.render() == f"propre/{env.globals['lang']}"  # a template's own over the site's
    assert {"mood", "lang", "t"} <= set(own.globals) and own.globals.keys() - {"t"} >= {"mood"}


def test_an_include_and_an_import_see_the_page_and_the_globals(env: jinja2.Environment) -> None:
    env = env.overlay(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.DictLoader(
                    {
                        "part.html": "{{ who }} {{ lang }} {{ local }}",
                        "tools.html": "{% macro tag() %}[{{ lang }}]{% endmacro %}",
                    }
                ),
                env.loader,
            ]
        )
    )
    page = env.from_string(
        '{% from "tools.html" import tag %}{% set local = "l" %}'
        '{% include "part.html" %} {{ tag() }}'
    ).render(who="Ali")
    assert page == f"Ali {env.globals['lang']} l [{env.globals['lang']}]"


class _Html:
    def __html__(self) -> str:
        return "<b>« déjà »</b>"


class _OwnMarkup(markupsafe.Markup):
    pass


class _Text(str):
    pass


def test_values_are_escaped_as_markupsafe_escapes_them(env: jinja2.Environment) -> None:
    """`{{ value }}` in the renderer's templates writes what MarkupSafe's `escape` writes, for
    every kind of value, through the renderer's own escape (a Markup given back as it is)."""
    values: list[object] = [
        "L'OTAN & « l'Ukraine » <script>\"x\"</script>",
        markupsafe.Markup("<em>L'Élysée</em> & co"),
        _OwnMarkup("<i>Kiev</i> & <b>Kyiv</b>"),
        _Text("Ankara <a> 'Moscou'"),
        "",
        42,
        3.5,
        None,
        _Html(),
    ]
    template = env.from_string("[{{ value }}]")
    for value in values:
        assert template.render(value=value) == f"[{markupsafe.escape(value)}]", repr(value)
    for compiled in (template, env.get_template("base.html")):
        escape = compiled.root_render_func.__globals__["escape"]
        assert escape is not markupsafe.escape
        fragment = markupsafe.Markup('<p id="p-3">Le ministre a déclaré…</p>')
        assert escape(fragment) is fragment
        assert type(escape("a < b")) is markupsafe.Markup and escape("a < b") == "a &lt; b"


def test_the_example_site_pages_render_with_jinja2s_own_classes_alike(
    env: jinja2.Environment,
) -> None:
    """Every page of the example site: the renderer's bytes are those of a stock Jinja2
    environment with the same loader, settings, globals and filters."""
    corpus, _ = build.gather(REPO, Overrides(), None, save=False)
    stock = jinja2.Environment(
        loader=env.loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    stock.globals.update(env.globals)
    stock.filters.update(env.filters)
    assert type(env) is not jinja2.Environment and type(stock) is jinja2.Environment
    pages = [p for p in plan_pages(corpus) if p.templated]
    assert len(pages) > 50
    for page in pages:
        ours = env.get_template(page.template).render(page.context)
        assert ours == stock.get_template(page.template).render(page.context), page.path


def test_another_jinja2_version_renders_with_jinja2_s_own_classes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The quicker classes reach into Jinja2 3.1's runtime: a version they were not tested on
    # gets the stock environment, which renders the same pages, only slower.
    corpus, _ = build.gather(REPO, Overrides(), None, save=False)
    monkeypatch.setattr(jinja2, "__version__", "3.2.0")
    assert type(environment(corpus, None)) is jinja2.Environment
    monkeypatch.setattr(jinja2, "__version__", "3.1.6")
    assert type(environment(corpus, None)) is not jinja2.Environment
