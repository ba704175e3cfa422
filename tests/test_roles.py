"""Roles with dates (issue 16, point 4): a role description names whoever held it that day.

The people come from a people.yaml read by the site's loader and the articles are analysed by the
builder's `Analyzer`, so that what is tested is what a build does; the last tests build whole
sites and read the article pages.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefings.model import Analysis, Content
from briefings.stages.analysis import Analyzer
from briefings.stages.config import Overrides
from briefings.stages.content import load_site

from .conftest import MINIMAL_SITE, run, write_site

PEOPLE = """\
    biden:
      name: Joe Biden
      roles:
        - title: président des États-Unis
          aliases: [président américain, US president, U.S. president]
          from: 2021-01-20
          to: 2025-01-20
      aliases: [Biden, Joe Biden]
    trump:
      name: Donald Trump
      roles:
        - title: président des États-Unis
          aliases: [président américain, US president, U.S. president]
          from: 2017-01-20
          to: 2021-01-20
        - title: président des États-Unis
          aliases: [président américain, US president, U.S. president]
          from: 2025-01-20
      aliases: [Trump, Donald Trump]
    blinken:
      name: Antony Blinken
      roles:
        - title: secrétaire d'État des États-Unis
          aliases: [secrétaire d'État américain, chef de la diplomatie américaine,
                    Secretary of State]
          from: 2021-01-26
          to: 2025-01-20
      aliases: [Blinken, Antony Blinken]
    rubio:
      name: Marco Rubio
      roles:
        - title: secrétaire d'État des États-Unis
          aliases: [secrétaire d'État américain, chef de la diplomatie américaine,
                    Secretary of State]
          from: 2025-01-21
      aliases: [Rubio, Marco Rubio]
    rutte:
      name: Mark Rutte
      roles:
        - {title: Premier ministre des Pays-Bas, from: 2010-10-14, to: 2024-07-02}
        - {title: secrétaire général de l'OTAN, from: 2024-10-01}
      aliases: [Rutte, Mark Rutte]
    otan:
      name: Organisation du traité de l'Atlantique Nord
      kind: institution
      aliases: [OTAN, NATO]
    """

# Barack Obama as an older site would have him: an undated role and the description as an alias.
OBAMA = """\
    obama:
      name: Barack Obama
      role: Président des États-Unis
      aliases: [Obama, Barack Obama, président américain]
    """


def article(day: str, body: str, lang: str = "fr") -> str:
    return (
        f"---\ntitle: Dépêche du {day}\ndate: {day}\nsource: aa\nlang: {lang}\n---\n"
        + textwrap.dedent(body)
    )


@pytest.fixture
def analyse(make_site: Callable[..., Path]) -> Callable[..., Analysis]:
    """`analyse(day, body, people=PEOPLE)`: the analysis of one article, as the build makes it."""

    def run_one(day: str, body: str, people: str = PEOPLE, lang: str = "fr") -> Analysis:
        site = make_site(
            {
                "content/people.yaml": people,
                "content/articles/2024/2024-03-08-fidan-blinken.md": None,
                "content/articles/depeche.md": article(day, body, lang),
            }
        )
        content, _ = load_site(site, Overrides())
        return _analyzer(content).analyze(content.articles[0])

    return run_one


def _analyzer(content: Content) -> Analyzer:
    config = content.config
    return Analyzer(content.topics, content.people, config.raw_html, config.limits)


def speakers(analysis: Analysis) -> list[tuple[str, str | None]]:
    return [(q.speaker.name, q.speaker.id) for q in analysis.quotes]


FRENCH = """\
    « Nous resterons aux côtés de l'Ukraine aussi longtemps qu'il le faudra », a déclaré le
    président américain lors d'une conférence de presse à la Maison Blanche.

    Le président américain a ensuite reçu le ministre ukrainien de la Défense. « Nous avons eu un
    échange franc et utile », a-t-il indiqué à l'issue de l'entretien.
    """


def test_the_same_french_description_names_the_holder_of_each_article_s_day(analyse) -> None:
    autumn = analyse("2024-11-05", FRENCH)
    spring = analyse("2025-03-04", FRENCH)
    assert speakers(autumn) == [("Joe Biden", "biden")] * 2
    assert speakers(spring) == [("Donald Trump", "trump")] * 2
    # The description is a mention too: the person's page lists the article.
    assert {m.person for m in autumn.mentions} == {"biden"}
    assert {m.person for m in spring.mentions} == {"trump"}


def test_the_same_english_description_names_the_holder_of_each_article_s_day(analyse) -> None:
    text = """\
        "We will not let this ceasefire fail," the US president said on Tuesday.

        The Secretary of State later told reporters: "Both sides have agreed to keep talking."
        """
    assert speakers(analyse("2024-06-11", text, lang="en")) == [
        ("Joe Biden", "biden"),
        ("Antony Blinken", "blinken"),
    ]
    assert speakers(analyse("2025-06-11", text, lang="en")) == [
        ("Donald Trump", "trump"),
        ("Marco Rubio", "rubio"),
    ]


def test_the_day_a_role_passes_belongs_to_the_next_holder(analyse) -> None:
    text = "« Une page se tourne », a affirmé le secrétaire d'État américain.\n"
    assert speakers(analyse("2025-01-19", text)) == [("Antony Blinken", "blinken")]
    # Blinken's `to` (2025-01-20) is not included, and Rubio's `from` is the day after.
    assert speakers(analyse("2025-01-20", text)) == [("le secrétaire d'État américain", None)]
    assert speakers(analyse("2025-01-21", text)) == [("Marco Rubio", "rubio")]


def test_outside_every_role_the_description_is_its_own_words(analyse) -> None:
    old = analyse("2016-05-10", FRENCH)
    assert speakers(old)[0] == ("le président américain", None)
    assert not old.mentions


def test_outside_every_role_an_undated_alias_still_names_its_person(analyse) -> None:
    people = PEOPLE.rstrip(" ") + OBAMA
    assert speakers(analyse("2016-05-10", FRENCH, people)) == [("Barack Obama", "obama")] * 2
    # While a dated role holds the same words, they name its holder.
    assert speakers(analyse("2024-11-05", FRENCH, people)) == [("Joe Biden", "biden")] * 2


def test_a_description_names_the_holder_only_when_it_stands_alone(analyse) -> None:
    text = """\
        « Cette guerre n'aurait jamais dû commencer », a estimé l'ancien président américain.

        « Nous ferons mieux », a promis le vice-président américain.

        Le président américain élu Donald Trump a répondu : « Tout changera en janvier. »

        « Le soutien continuera », a assuré le président américain Joe Biden.
        """
    assert speakers(analyse("2024-12-10", text)) == [
        ("l'ancien président américain", None),
        ("le vice-président américain", None),
        ("Donald Trump", "trump"),
        ("Joe Biden", "biden"),
    ]
    # A name after the description decides whatever the date: Biden after he left office.
    text = "« Le soutien continuera », a assuré le président américain Joe Biden.\n"
    assert speakers(analyse("2025-02-01", text)) == [("Joe Biden", "biden")]


def test_a_role_s_form_wins_over_the_institution_inside_it(analyse) -> None:
    text = """\
        Le secrétaire général de l'OTAN a ouvert la réunion des ministres à Bruxelles.

        « L'Alliance ne se laissera pas diviser », a-t-il lancé.
        """
    assert speakers(analyse("2025-02-12", text)) == [("Mark Rutte", "rutte")]


def test_a_bare_title_fits_the_role_held_that_day(analyse) -> None:
    text = """\
        Mark Rutte a reçu à La Haye le président ukrainien.

        « Nous devons faire davantage pour la défense aérienne », a déclaré le Premier ministre.
        """
    assert speakers(analyse("2023-06-28", text)) == [("Mark Rutte", "rutte")]
    # In 2025 he is no longer a Prime Minister, but the Secretary General.
    assert speakers(analyse("2025-06-28", text)) == [("le Premier ministre", None)]
    later = text.replace("le Premier ministre", "le secrétaire général")
    assert speakers(analyse("2025-06-28", later)) == [("Mark Rutte", "rutte")]


# ---------------------------------------------------------------- whole builds


class _Quotes(HTMLParser):
    """An article page's list of quotes: for each, who said it and the link to their page."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, str | None]] = []
        self._in_list = False
        self._text: list[str] | None = None
        self._link: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "ul" and "quote-list" in (found.get("class") or "").split():
            self._in_list = True
        elif self._in_list and tag == "li":
            self._text, self._link = [], None
        elif self._text is not None and tag == "a" and (found.get("href") or "#")[0] != "#":
            self._link = found.get("href")
        elif tag == "q" and self._text is not None:
            # The speaker is what stands between `§N — ` and the colon before the quote.
            said = "".join(self._text).split("—", 1)[1].rsplit(":", 1)[0].strip()
            self.items.append((said, self._link))
            self._text = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self._in_list = False

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def quote_speakers(page: Path) -> list[tuple[str, str | None]]:
    parser = _Quotes()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.items


AUTUMN = "content/articles/2024/2024-11-05-washington-kiev.md"
SPRING = "content/articles/2025/2025-03-04-maison-blanche-kiev.md"


def test_a_built_article_shows_the_president_of_its_day(make_site) -> None:
    site = make_site(
        {
            "content/people.yaml": PEOPLE,
            AUTUMN: article("2024-11-05", FRENCH),
            SPRING: article("2025-03-04", FRENCH),
        }
    )
    assert run("build", "--site", site) == 0
    out = site / "_site"
    assert (
        quote_speakers(out / "articles" / "washington-kiev" / "index.html")
        == [("Joe Biden", "/repo/people/biden/")] * 2
    )
    assert (
        quote_speakers(out / "articles" / "maison-blanche-kiev" / "index.html")
        == [("Donald Trump", "/repo/people/trump/")] * 2
    )
    trump = (out / "people" / "trump" / "index.html").read_text(encoding="utf-8")
    biden = (out / "people" / "biden" / "index.html").read_text(encoding="utf-8")
    assert "maison-blanche-kiev" in trump and "washington-kiev" not in trump
    assert "washington-kiev" in biden and "maison-blanche-kiev" not in biden


def test_a_new_date_or_new_roles_analyse_again_as_a_clean_build_would(make_site) -> None:
    site = make_site({"content/people.yaml": PEOPLE, AUTUMN: article("2024-11-05", FRENCH)})
    assert run("build", "--site", site) == 0
    page = site / "_site" / "articles" / "washington-kiev" / "index.html"
    assert quote_speakers(page)[0] == ("Joe Biden", "/repo/people/biden/")
    # Only the date changes; the second build has the first one's analysis cache.
    write_site(site, {AUTUMN: article("2025-03-04", FRENCH)})
    assert run("build", "--site", site) == 0
    assert quote_speakers(page)[0] == ("Donald Trump", "/repo/people/trump/")
    # Only a role's `from` changes in people.yaml: on 2025-03-04 nobody holds it any more.
    later = PEOPLE.replace("from: 2025-01-20\n", "from: 2025-06-01\n")
    assert later != PEOPLE
    write_site(site, {"content/people.yaml": later})
    assert run("build", "--site", site) == 0
    assert quote_speakers(page)[0] == ("le président américain", None)


class _Roles(HTMLParser):
    """A person page's dated roles: the text of each item of its `ul.roles`."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "ul" and "roles" in classes:
            self._depth = 1
        elif self._depth and tag == "li":
            self.items.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self._depth = 0

    def handle_data(self, data: str) -> None:
        if self._depth and self.items:
            self.items[-1] += data


def roles_shown(page: Path) -> list[str]:
    parser = _Roles()
    parser.feed(page.read_text(encoding="utf-8"))
    return [" ".join(item.split()) for item in parser.items]


def test_a_person_page_lists_each_role_with_its_dates_in_the_site_language(make_site) -> None:
    site = make_site({"content/people.yaml": PEOPLE, AUTUMN: article("2024-11-05", FRENCH)})
    assert run("build", "--site", site) == 0
    people = site / "_site" / "people"
    assert roles_shown(people / "trump" / "index.html") == [
        "président des États-Unis (20 janv. 2017 – 20 janv. 2021)",
        "président des États-Unis (depuis le 20 janv. 2025)",
    ]
    assert roles_shown(people / "rutte" / "index.html") == [
        "Premier ministre des Pays-Bas (14 oct. 2010 – 2 juil. 2024)",
        "secrétaire général de l'OTAN (depuis le 1 oct. 2024)",
    ]
    # A changed date in people.yaml shows on the next build, as a clean build would show it.
    write_site(
        site, {"content/people.yaml": PEOPLE.replace("from: 2024-10-01", "from: 2024-10-02")}
    )
    assert run("build", "--site", site) == 0
    assert (
        roles_shown(people / "rutte" / "index.html")[1]
        == "secrétaire général de l'OTAN (depuis le 2 oct. 2024)"
    )
    english = MINIMAL_SITE["site.yaml"].replace("language: fr", "language: en")
    write_site(site, {"site.yaml": english})
    assert run("build", "--site", site) == 0
    assert roles_shown(people / "blinken" / "index.html") == [
        "secrétaire d'État des États-Unis (Jan 26, 2021 – Jan 20, 2025)"
    ]
    assert (
        roles_shown(people / "rutte" / "index.html")[1]
        == "secrétaire général de l'OTAN (since Oct 2, 2024)"
    )
    # An actor with a single undated `role:` keeps it as the page's lead, with no list.
    assert roles_shown(people / "otan" / "index.html") == []
