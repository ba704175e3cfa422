"""French typography: no-break spaces in French text, never in code, URLs or English text."""

from __future__ import annotations

import pytest

from briefings.text.markdown import Markdown
from briefings.text.typography import NBSP, NNBSP, for_language, french, is_french

from .conftest import run


@pytest.mark.parametrize(
    ("written", "typeset"),
    [
        ("« Nous restons mobilisés »", f"«{NBSP}Nous restons mobilisés{NBSP}»"),
        ("«Sans espace»", f"«{NBSP}Sans espace{NBSP}»"),
        (f"«{NBSP}Déjà insécable{NBSP}»", f"«{NBSP}Déjà insécable{NBSP}»"),
        ("Gaza : la CIJ tranche", f"Gaza{NBSP}: la CIJ tranche"),
        ("Pourquoi ? Parce que ; enfin !", f"Pourquoi{NNBSP}? Parce que{NNBSP}; enfin{NNBSP}!"),
        ("deux  espaces  :", f"deux  espaces{NBSP}:"),
        # No space is added where none was typed: times and bare URLs stay as written.
        (
            "à 10:30, voir https://www.aa.com.tr/fr?q=gaza!",
            "à 10:30, voir https://www.aa.com.tr/fr?q=gaza!",
        ),
        ("Ankara", "Ankara"),
    ],
)
def test_the_french_rule(written: str, typeset: str) -> None:
    assert french(written) == typeset


def test_only_french_is_typeset() -> None:
    assert is_french("fr") and is_french("fr-CA") and not is_french("en-GB")
    assert for_language("Really ?", "en") == "Really ?"
    assert for_language("Vraiment ?", "fr") == f"Vraiment{NNBSP}?"


def html_of(text: str, lang: str = "fr") -> str:
    return "".join(block.html for block in Markdown().blocks(text, lang=lang))


def test_markdown_text_is_typeset_but_not_code_or_urls() -> None:
    text = (
        "Le ministre a déclaré : « Nous restons mobilisés » ; la suite ?\n\n"
        "La commande `ls ; pwd ?` et [le communiqué ?](https://example.org/a?b=c;d) "
        "puis <https://example.org/x?y=1> .\n\n"
        "```\nif x : y ? z ; « a »\n```\n"
    )
    html = html_of(text)
    assert f"déclaré{NBSP}: «{NBSP}Nous restons mobilisés{NBSP}»{NNBSP}; la suite{NNBSP}?" in html
    assert "<code>ls ; pwd ?</code>" in html
    assert "if x : y ? z ; « a »" in html  # the fenced code
    assert 'href="https://example.org/a?b=c;d"' in html
    assert f">le communiqué{NNBSP}?</a>" in html  # a link's text is text
    assert ">https://example.org/x?y=1</a>" in html  # an autolink's text is its URL


def test_the_plain_text_used_for_routing_and_quotes_stays_as_written() -> None:
    blocks = Markdown().blocks("« Nous restons mobilisés », a déclaré Fidan : voilà.\n", lang="fr")
    assert blocks[0].text == "« Nous restons mobilisés », a déclaré Fidan : voilà."
    assert NBSP in blocks[0].html


def test_english_text_is_left_alone() -> None:
    text = "The minister said : « we stay » ; really ?\n"
    assert (
        html_of(text, "en")
        == html_of(text, "")
        == "<p>The minister said : « we stay » ; really ?</p>\n"
    )


ARTICLES = {
    "content/articles/2024/2024-05-24-cij.md": """\
        ---
        title: "Gaza : la CIJ ordonne l'arrêt de l'offensive à Rafah"
        date: 2024-05-24
        source: aa
        summary: "Une décision attendue ; Israël conteste."
        ---
        La Cour a jugé la situation « désastreuse » à Rafah, dans la bande de Gaza.
        """,
    "content/articles/2024/2024-06-16-summit.md": """\
        ---
        title: "Peace summit: Ukraine and the Black Sea ?"
        date: 2024-06-16
        source: aa
        lang: en
        ---
        The summit on Ukraine asked : free navigation in the Black Sea ?
        """,
}


def test_pages_typeset_french_articles_and_titles_and_leave_english_ones(make_site) -> None:
    site = make_site(ARTICLES)
    assert run("build", "--site", site) == 0
    french_page = (site / "_site/articles/cij/index.html").read_text()
    assert f"<h1>Gaza{NBSP}: la CIJ ordonne" in french_page
    assert f"attendue{NNBSP}; Israël" in french_page
    assert f"«{NBSP}désastreuse{NBSP}»" in french_page
    english = (site / "_site/articles/summit/index.html").read_text()
    assert '<article class="article" lang="en">' in english
    assert "The summit on Ukraine asked : free navigation in the Black Sea ?" in english
    assert "Peace summit: Ukraine and the Black Sea ?</h1>" in english
    dossier = (site / "_site/dossiers/gaza/index.html").read_text()
    assert f"«{NBSP}désastreuse{NBSP}»" in dossier  # the excerpt, from the plain text
    assert f"Gaza{NBSP}: la CIJ" in dossier
    data = (site / "_site/dossiers/gaza/index.json").read_text()
    assert "« désastreuse »" in data  # the data keeps the text as written


def test_changing_the_site_language_retypesets_the_cached_articles(make_site) -> None:
    site = make_site(ARTICLES)
    assert run("build", "--site", site) == 0
    page = site / "_site/articles/cij/index.html"
    assert f"«{NBSP}désastreuse{NBSP}»" in page.read_text()
    site_yaml = (site / "site.yaml").read_text().replace("language: fr", "language: en")
    (site / "site.yaml").write_text(site_yaml)
    assert run("build", "--site", site) == 0
    assert "« désastreuse »" in page.read_text()  # the article is English now: the cache knew
