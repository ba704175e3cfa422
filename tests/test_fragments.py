"""The pre-escaped fragments (stages/fragments.py) write what the template loops they replace
wrote, byte for byte, escape hostile text as autoescaping did, and call back a site's own macros."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import jinja2
import markupsafe
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from briefings import build
from briefings.incremental.rerender import Recorded
from briefings.model import Corpus, Page
from briefings.stages import fragments
from briefings.stages.config import Overrides
from briefings.stages.fragments import Writers, _html
from briefings.stages.pages import plan_pages
from briefings.stages.render import environment

from .conftest import REPO, run

# The theme's loops as they were before the fragments (main dcc4d31): the reference.
OLD_BODY = """{% from "macros.html" import speaker %}
      {% set paragraph_label = t('paragraph') %}
      {% set quoted_label = t('quoted') ~ t('colon') %}
      {% set quotes_by_block, topic_links = quotes_at, tag_links %}
      {% for block in analysis.blocks %}
      {% set kind = block.kind %}
      {% set level = block.level %}
      {% set number = block.number %}
      {% set here = quotes_by_block[number] if number in quotes_by_block else () %}
      {% set tag = 'li' if kind == 'item' else 'div' %}
      {% set anchor = block.anchor %}
      {% if block.list_start %}{{ block.list_start|safe }}{% endif %}
      {% if kind == 'heading' %}
      {% if level < 2 %}{% set level = 2 %}{% endif %}
      <h{{ level }}>{{ block.html|safe }}</h{{ level }}>
      {% elif kind == 'other' %}
      {{ block.html|safe }}
      {% else %}
      <{{ tag }} id="{{ anchor }}" class="block{% if here %} has-quote{% endif %}"{% if block.topics %} data-dossiers="{{ block.topics|join(' ') }}"{% endif %}>
        {% if kind == 'blockquote' %}<blockquote>{{ block.html|safe }}</blockquote>{% else %}{{ block.html|safe }}{% endif %}
        <div class="block-meta">
          <a class="anchor" href="#{{ anchor }}" aria-label="{{ paragraph_label }} {{ number }}">§{{ number }}</a>
          {% for id in block.topics %}{{ topic_links[id] }}{% endfor %}
          {% for placed in here %}{% if placed.quote.first_block == number %}<span class="quote-mark">{{ quoted_label }}{{ speaker(placed.quote) }}</span>{% endif %}{% endfor %}
        </div>
      </{{ tag }}>
      {% endif %}
      {% if block.list_end %}{{ block.list_end|safe }}{% endif %}
      {% endfor %}
"""  # noqa: E501
NEW_BODY = """{% from "macros.html" import speaker %}
{{ analysis.blocks|article_blocks(quotes_at, tag_links, speaker, t('paragraph'), t('quoted') ~ t('colon')) }}"""  # noqa: E501

OLD_ASIDE = """{% from "macros.html" import speaker %}
        {% for placed in quotes %}
        <li><a href="#p-{{ placed.quote.first_block }}">§{{ placed.quote.first_block }}</a> — {{ speaker(placed.quote) }}{{ t('colon') }}<q{% if article.lang != lang %} lang="{{ article.lang }}"{% endif %}>{{ placed.quote.text|truncate(160)|typo(article.lang) }}</q></li>
        {% endfor %}
        {% for pid, count in mentioned %}
        <li><a href="{{ href(urls.person(pid)) }}">{{ people[pid].name }}</a>{% if count %} <span class="muted">({{ count|count('mentions') }})</span>{% endif %}</li>
        {% endfor %}
        {% for other in related %}
<li class="article-item">
  <time datetime="{{ other.date.date().isoformat() }}">{{ other.date|date('medium') }}</time>
  <a href="{{ href(urls.article(other.slug)) }}"{% if other.lang != lang %} lang="{{ other.lang }}"{% endif %}>{{ other.title|typo(other.lang) }}</a>
  <span class="muted">{{ other.source.name }}</span>
</li>
        {% endfor %}
"""  # noqa: E501
NEW_ASIDE = """{% from "macros.html" import speaker, article_item %}
{{ quotes|article_quotes(speaker, t('colon'), article.lang) }}{{ mentioned|article_people(people) }}{% for other in related %}{{ article_item(other) }}{% endfor %}"""  # noqa: E501

OLD_TIMELINE = """{% from "macros.html" import speaker %}
        {% set read_label = t('read_in_article') %}
        {% set original_label = t('original') %}
        {% for entry in timeline %}
        {% set article = entry.article %}
        <article class="entry">
          <h3><time datetime="{{ article.date.date().isoformat() }}">{{ article.date|date }}</time> — <a href="{{ href(urls.article(article.slug)) }}"{% if article.lang != lang %} lang="{{ article.lang }}"{% endif %}>{{ article.title|typo(article.lang) }}</a></h3>
          {% for excerpt in entry.excerpts %}
          <div class="excerpt"{% if article.lang != lang %} lang="{{ article.lang }}"{% endif %}>
            <p>{{ excerpt.text|typo(article.lang) }}</p>
            <p class="excerpt-links"><a class="to-article" href="{{ href(urls.article(excerpt.article, excerpt.number)) }}">{{ read_label }} (§{{ excerpt.number }})</a>{% if article.url %}<span class="to-article"> · </span><a class="to-source" href="{{ article.url }}" rel="external">{{ original_label }} — {{ article.source.name }}</a>{% endif %}</p>
          </div>
          {% endfor %}
        </article>
        {% endfor %}
        {% for placed in quotes %}
{% set article = articles[placed.article] %}
<figure class="quote">
  <blockquote{% if article.lang != lang %} lang="{{ article.lang }}"{% endif %}>
    {% for part in placed.quote.text.split('\\n\\n') %}<p>{{ part|typo(article.lang) }}</p>{% endfor %}
  </blockquote>
  <figcaption>
    <span class="speaker">{{ speaker(placed.quote) }}</span>,
    <time datetime="{{ article.date.date().isoformat() }}">{{ article.date|date }}</time>
    {% if show_article %}
    — <a href="{{ href(urls.article(article.slug, placed.quote.first_block)) }}"{% if article.lang != lang %} lang="{{ article.lang }}"{% endif %}>{{ article.title|typo(article.lang) }}</a>
    {% endif %}
    {% if article.url %}(<a href="{{ article.url }}" rel="external">{{ article.source.name }}</a>){% else %}({{ article.source.name }}){% endif %}
  </figcaption>
</figure>
        {% endfor %}
"""  # noqa: E501
NEW_TIMELINE = """{% from "macros.html" import quote_card %}
{{ timeline|dossier_entries(t('read_in_article'), t('original')) }}{% for placed in quotes %}{{ quote_card(placed, show_article) }}{% endfor %}"""  # noqa: E501

OLD_NAV = """        {% for topic in topics.values() %}
        {% set path = urls.dossier(topic.id) %}
        <li><a href="{{ href(path) }}"{% if url == path %} aria-current="page"{% elif url.startswith(path) %} aria-current="true"{% endif %}>{{ topic.title }}</a></li>
        {% endfor %}
        <li><a href="{{ href(urls.timeline()) }}"{% if url == urls.timeline() %} aria-current="page"{% elif url.startswith(urls.timeline()) %} aria-current="true"{% endif %}>{{ t('timeline') }}</a></li>
        <li><a href="{{ href(urls.people()) }}"{% if url == urls.people() %} aria-current="page"{% endif %}>{{ t('people') }}</a></li>
        <li><a href="{{ href(urls.sources()) }}"{% if url == urls.sources() %} aria-current="page"{% endif %}>{{ t('sources') }}</a></li>
"""  # noqa: E501
NEW_NAV = """{{ url|site_nav(topics.values(), t('timeline'), t('people'), t('sources')) }}"""

HOSTILE = "<script>alert(\"x\")</script> & 'co' <b>gras</b>"

HOSTILE_SITE: dict[str, str] = {
    "site.yaml": """\
        title: Dossiers <script>alert(1)</script>
        language: fr
        base_url: https://user.github.io/repo/
        """,
    "content/topics/gaza.md": """\
        ---
        title: Gaza & <i>Rafah</i>
        keywords: [Gaza, Hamas, Israël]
        ---
        Le dossier.
        """,
    "content/topics/ukraine.md": """\
        ---
        title: Ukraine "Kiev"
        keywords: [Ukraine, Kiev, "mer Noire"]
        ---
        Le dossier.
        """,
    "content/people.yaml": """\
        chef:
          name: Ali <b>"Le Chef"</b> & Cie
          aliases: [Ali Chef]
        """,
    "content/sources.yaml": """\
        presse:
          name: Presse & <Cie> "Dépêches"
          url: https://presse.example.org/?a=1&b="2"
        """,
    "content/articles/2024/gaza-hostile.md": f"""\
        ---
        title: 'Gaza : {HOSTILE.replace("'", "''")}'
        date: 2024-03-08
        source: presse
        url: https://presse.example.org/gaza?x=1&y="<2>"
        ---
        ## Sous-titre sur Gaza & l'Ukraine

        « Nous ne laisserons pas tomber Gaza, ni aujourd'hui ni demain », a déclaré Ali Chef
        à Kiev.

        - Premier point sur Gaza.
        - Second point sur l'Ukraine, avec `code <b>`.

        > Une citation en bloc sur la mer Noire et Gaza.

        Les ministres ont parlé de <script>alert(2)</script> à Gaza : « Le cessez-le-feu doit
        tenir coûte que coûte à Gaza », a ajouté le communiqué & les autres.
        """,
    "content/articles/2024/kiev-english.md": """\
        ---
        title: Talks in Kiev <b>on</b> Ukraine & Gaza
        date: 2024-03-09
        lang: en
        source: {name: 'Wire <i>Service</i>', url: 'https://wire.example.org/?q=1&r=2'}
        ---
        "We will not abandon Ukraine, not today and not ever," said Ali Chef in Kiev on Gaza.

        A second paragraph about Ukraine and the Black Sea, with Gaza too.
        """,
}


def _pages(site: Path) -> tuple[jinja2.Environment, list[Page]]:
    corpus, _ = build.gather(site, Overrides(), None, save=False)
    env = environment(corpus, corpus.content.templates_dir)
    return env, [p for p in plan_pages(corpus) if p.templated]


def _same(env: jinja2.Environment, old: str, new: str, context: dict[str, object]) -> None:
    expected = env.from_string(old).render(context)
    assert env.from_string(new).render(context) == expected


@pytest.fixture(params=["example", "hostile"])
def site(request: pytest.FixtureRequest, make_site) -> Path:
    if request.param == "example":
        return REPO
    return make_site(HOSTILE_SITE, base=False)


def test_article_body_and_aside_are_the_loops_bytes(site: Path) -> None:
    env, pages = _pages(site)
    articles = [p for p in pages if p.template == "article.html"]
    assert articles and any(p.context["quotes"] for p in articles)
    for page in articles:
        _same(env, OLD_BODY, NEW_BODY, page.context)
        _same(env, OLD_ASIDE, NEW_ASIDE, page.context)


def test_dossier_timeline_and_quote_cards_are_the_loops_bytes(site: Path) -> None:
    env, pages = _pages(site)
    dossiers = [p for p in pages if p.template == "dossier.html"]
    assert any(p.context["timeline"] and p.context["quotes"] for p in dossiers)
    for page in dossiers:
        for show_article in (True, False):
            _same(env, OLD_TIMELINE, NEW_TIMELINE, {**page.context, "show_article": show_article})


def test_menu_is_the_loops_bytes_on_every_page(site: Path) -> None:
    env, pages = _pages(site)
    for page in pages:
        _same(env, OLD_NAV, NEW_NAV, page.context)


@given(st.one_of(st.text(), st.text(alphabet="<>&'\"ab é")))
def test_fragments_escape_as_markupsafe_does(text: str) -> None:
    assert _html(text) == str(markupsafe.escape(text))
    assert _html(markupsafe.Markup(text)) == text  # markup is written as it is
    assert _html(3) == "3"


def _html_of(out: Path, path: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((out / path).read_bytes())


def test_hostile_text_reaches_the_reader_as_text(make_site) -> None:
    site = make_site(HOSTILE_SITE, base=False)
    assert run("build", "--site", site) == 0
    out = site / "_site"
    for page in out.rglob("*.html"):
        tree = lxml_html.fromstring(page.read_bytes())
        # The theme's scripts only: none of the text's.
        assert all(s.get("src") for s in tree.iter("script")), page
        assert not list(tree.iter("b")) and not list(tree.iter("i")), page
    title = f"Gaza\u00a0: {HOSTILE}"  # French typography: a no-break space before the colon
    article = _html_of(out, "articles/gaza-hostile/index.html")
    assert article.xpath("string(//h1)") == title
    people = article.xpath("//section[@aria-labelledby='people-title']//a")
    assert [a.text_content() for a in people] == ['Ali <b>"Le Chef"</b> & Cie']
    marks = article.xpath("//span[@class='quote-mark']")
    assert any('Ali <b>"Le Chef"</b> & Cie' in m.text_content() for m in marks)
    assert article.xpath("//ul[@class='tags']//a/text()")[0] == "Gaza & <i>Rafah</i>"
    dossier = _html_of(out, "dossiers/gaza/index.html")
    assert title in dossier.xpath("//article[@class='entry']//h3/a/text()")
    sources = dossier.xpath("//a[@class='to-source']")
    assert 'https://presse.example.org/gaza?x=1&y="<2>"' in [a.get("href") for a in sources]
    assert all(a.text_content().endswith('Presse & <Cie> "Dépêches"') for a in sources[:1])
    cards = dossier.xpath("//figure[@class='quote']")
    assert any(
        c.xpath("string(.//span[@class='speaker'])") == 'Ali <b>"Le Chef"</b> & Cie' for c in cards
    )
    english = _html_of(out, "articles/kiev-english/index.html")
    related = english.xpath("//li[@class='article-item']/a")
    assert [(a.text_content(), a.get("lang")) for a in related] == [(title, None)]
    nav = english.xpath("//header//nav//a/text()")
    assert nav[:2] == ["Gaza & <i>Rafah</i>", 'Ukraine "Kiev"']


def test_a_sites_own_speaker_macro_is_used_by_the_fragments(make_site) -> None:
    """A site's macros.html defines `speaker` as a macro again: the article's body and quote
    list, and the quote cards of dossiers and people, name speakers with it."""
    theme = (REPO / "briefings/theme/templates/macros.html").read_text()
    own = (
        '{% macro speaker(quote) %}<cite class="maison">{{ quote.speaker.name }}</cite>'
        "{% endmacro %}"
    )
    # The theme's file with its speaker replaced: its quote cards name speakers with this one.
    assert "{% set speaker = speaker_html %}" in theme
    macros = theme.replace("{% set speaker = speaker_html %}", own)
    site = make_site({**HOSTILE_SITE, "templates/macros.html": macros}, base=False)
    assert run("build", "--site", site) == 0
    out = site / "_site"
    article = _html_of(out, "articles/gaza-hostile/index.html")
    assert article.xpath("//span[@class='quote-mark']/cite[@class='maison']")
    assert article.xpath("//ul[contains(@class, 'quote-list')]//cite[@class='maison']")
    dossier = _html_of(out, "dossiers/gaza/index.html")
    assert dossier.xpath("//figure[@class='quote']//span[@class='speaker']/cite[@class='maison']")
    person = _html_of(out, "people/chef/index.html")
    assert person.xpath("//figure[@class='quote']//cite[@class='maison']")


def test_a_sites_own_quote_card_and_article_item_macros_are_used(make_site) -> None:
    theme = (REPO / "briefings/theme/templates/macros.html").read_text()
    card = "{% set quote_card = quote_card_with(articles, speaker) %}"
    item = "{% set article_item = article_item_html %}"
    assert card in theme and item in theme
    macros = theme.replace(
        card,
        "{% macro quote_card(placed, show_article=true) %}"
        '<blockquote class="maison">{{ articles[placed.article].title }}</blockquote>'
        "{% endmacro %}",
    ).replace(
        item,
        '{% macro article_item(article) %}<li class="maison">{{ article.title }}</li>'
        "{% endmacro %}",
    )
    site = make_site({**HOSTILE_SITE, "templates/macros.html": macros}, base=False)
    assert run("build", "--site", site) == 0
    out = site / "_site"
    title = f"Gaza\u00a0: {HOSTILE}".replace("\u00a0", " ")  # the macro sets no typography
    dossier = _html_of(out, "dossiers/gaza/index.html")
    assert dossier.xpath("//blockquote[@class='maison']/text()")[0] == title
    assert not dossier.xpath("//figure[@class='quote']")
    person = _html_of(out, "people/chef/index.html")
    assert person.xpath("//blockquote[@class='maison']")
    assert person.xpath("//li[@class='maison']")
    english = _html_of(out, "articles/kiev-english/index.html")
    assert english.xpath("//aside//li[@class='maison']/text()") == [title]
    sources = _html_of(out, "sources/index.html")
    assert len(sources.xpath("//li[@class='maison']")) == 2


def _counting_writers(site: Path) -> tuple[Corpus, Writers, list[object]]:
    """The site's corpus and a fresh `Writers` like the renderer's, whose dates are counted."""
    corpus, _ = build.gather(site, Overrides(), None, save=False)
    plain = environment(corpus, None).globals["article_item_html"].__self__
    dates: list[object] = []

    def date(when: object, style: str = "long") -> str:
        dates.append(when)
        return plain.date(when, style)

    writers = Writers(
        plain.base_path, plain.lang, date, plain.typo, plain.count, plain.truncate, plain.gettext
    )
    return corpus, writers, dates


def test_an_article_item_is_made_once_and_anew_for_a_changed_article(make_site) -> None:
    corpus, writers, dates = _counting_writers(make_site(HOSTILE_SITE, base=False))
    article = corpus.articles["gaza-hostile"]
    first = writers.article_item(article)
    made = len(dates)
    assert made and [writers.article_item(article) for _ in range(3)] == [first] * 3
    assert len(dates) == made  # nothing formatted again
    changed = dataclasses.replace(article, title="Un autre titre sur Gaza")
    other = writers.article_item(changed)
    assert "Un autre titre sur Gaza" in other and HOSTILE.split()[0] not in other
    assert writers.article_item(article) == first


def test_a_quote_cards_article_head_is_made_once_and_its_read_recorded(make_site) -> None:
    corpus, writers, dates = _counting_writers(make_site(HOSTILE_SITE, base=False))
    placed = corpus.dossiers["gaza"].quotes[0]
    reads: set[tuple[str, str]] = set()
    card = writers.quote_card_with(Recorded("articles", corpus.articles, reads), writers.speaker)
    first, bare = card(placed), card(placed, show_article=False)
    assert first != bare and "<time" in bare
    reads.clear()
    made = len(dates)
    assert card(placed) == first and card(placed, False) == bare
    assert len(dates) == made  # the article's date and title made once
    # A page showing the card reads the article (the render memo compares it next build).
    assert reads == {("articles", placed.article)}


def test_the_memos_are_emptied_past_their_limit(make_site, monkeypatch) -> None:
    corpus, writers, _ = _counting_writers(make_site(HOSTILE_SITE, base=False))
    monkeypatch.setattr(fragments, "MEMO_LIMIT", 1)
    gaza, kiev = corpus.articles["gaza-hostile"], corpus.articles["kiev-english"]
    items = [writers.article_item(a) for a in (gaza, kiev, gaza, kiev)]
    assert items[:2] == items[2:] and items[0] != items[1]
    assert len(writers._items) == 1 and len(writers._heads) == 1
