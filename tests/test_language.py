"""The interface in the site's language: strings from the catalogue, dates and numbers by Babel."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.numbers import format_decimal

from briefings.i18n import COUNTED, MESSAGES, QUALIFIERS, Language
from briefings.stages.config import INTERFACES

from .conftest import MINIMAL_SITE, run
from .sites import WIRE

THEME = Path(__file__).resolve().parent.parent / "briefings" / "theme" / "templates"


def test_french_and_english_have_the_same_strings() -> None:
    assert set(INTERFACES) == set(MESSAGES)  # what site.yaml's `language` is checked against
    assert set(MESSAGES["fr"]) == set(MESSAGES["en"])
    assert set(COUNTED["fr"]) == set(COUNTED["en"])


def test_templates_take_every_word_from_the_catalogue() -> None:
    # Text between tags, once expressions and statements are removed, is punctuation at most
    # (the pager's arrows and gap included: symbols, not words).
    for template in sorted(THEME.glob("*.html")):
        source = re.sub(r"{% block og_type %}.*?{% endblock %}", "", template.read_text())
        source = re.sub(r"{#.*?#}|{%.*?%}|{{.*?}}", "", source, flags=re.S)
        text = " ".join(re.sub(r"<[^>]*>", " ", source).split())
        assert re.sub(r"[\s—·§(),.:;|←→…-]", "", text) == "", f"{template.name}: {text!r}"
        assert " : " not in template.read_text(), template.name


def build(make_site, language: str) -> Path:
    site_yaml = MINIMAL_SITE["site.yaml"].replace("language: fr", f"language: {language}")
    site = make_site({**WIRE, "site.yaml": site_yaml})
    assert run("build", "--site", site) == 0
    return site / "_site"


def test_a_french_site(make_site) -> None:
    output = build(make_site, "fr")
    home = (output / "index.html").read_text()
    assert '<html lang="fr">' in home and "Aller au contenu" in home
    assert "Derniers articles" in home and "Chronologie" in home
    assert 'Mis à jour le <time datetime="2024-03-07">7 mars 2024</time>' in home
    assert "8 mars 2024" in home
    article = (output / "articles/fidan-blinken/index.html").read_text()
    assert "Source\u00a0: <a" in article
    people = (output / "people/index.html").read_text()
    assert "2\u00a0articles · 1\u00a0citation" in people
    assert "2\u00a0articles · 0\u00a0citation<" in people


def test_switching_to_english_changes_the_interface_and_the_dates(make_site) -> None:
    output = build(make_site, "en")
    home = (output / "index.html").read_text()
    assert '<html lang="en">' in home and "Skip to content" in home
    assert "Latest articles" in home and "Timeline" in home and "Updated" in home
    assert 'Updated <time datetime="2024-03-07">March 7, 2024</time>' in home
    assert "Mar 8, 2024" in home and "mars" not in home
    assert 'placeholder="Search the dossiers"' in home
    article = (output / "articles/fidan-blinken/index.html").read_text()
    assert "Source: <a" in article and "Original article" in article
    timeline = (output / "timeline/index.html").read_text()
    assert "March 2024" in timeline and "Every article by date" in timeline
    search = (output / "search/index.html").read_text()
    assert 'data-many="{count} results for “{query}”."' in search
    assert '<option value="quote">Quote</option>' in search
    people = (output / "people/index.html").read_text()
    assert "2\u00a0articles · 1\u00a0quote<" in people
    assert "2\u00a0articles · 0\u00a0quotes" in people


def test_a_language_without_an_interface_is_said_at_its_line(make_site, capsys) -> None:
    """Issue 19, point 4: `language: de` gave English interface text and German dates, unsaid."""
    site = make_site(
        {**WIRE, "site.yaml": MINIMAL_SITE["site.yaml"].replace("language: fr", "language: de")}
    )
    assert run("build", "--site", site) == 0
    out, err = capsys.readouterr()
    assert (
        "site.yaml:3:11: warning: the interface's text exists in French and English only: "
        "a site in 'de' gets it in English, with dates and numbers in 'de'"
    ) in err
    assert "hint: language: fr or language: en" in err
    assert out.rstrip().endswith("1 warning(s)")
    assert '<html lang="de"' in (site / "_site" / "index.html").read_text(encoding="utf-8")
    # A regional French or English is not warned of.
    for language in ("fr-CA", "en-GB", "en"):
        site_yaml = MINIMAL_SITE["site.yaml"].replace("language: fr", f"language: {language}")
        (site / "site.yaml").write_text(site_yaml.replace("        ", ""), encoding="utf-8")
        assert run("build", "--site", site) == 0
        assert "interface" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "french", "english"),
    [
        (44_800, "personnes", "plus de", "plus de 44\u202f800\u00a0personnes", None),
        (1_200, "camions", "au moins", "au moins 1\u202f200\u00a0camions", None),
        (1.2e6, "personnes", "près de", "près de 1,2\u00a0million de personnes", None),
        (2e6, "habitants", "", "2\u00a0millions d'habitants", "2\u00a0million\u00a0habitants"),
        (30e9, "dollars", "", "30\u00a0milliards de dollars", "30\u00a0billion\u00a0dollars"),
        (12.5e9, "dollars", "more than", None, "more than 12.5\u00a0billion\u00a0dollars"),
        (60, "%", "environ", "environ 60\u00a0%", "about 60%"),
        (2.5, "%", "", "2,5\u00a0%", "2.5%"),
        (1_234_567, "personnes", "", "1\u202f234\u202f567\u00a0personnes", None),
        (0.25, "", "", "0,25", "0.25"),
    ],
)
def test_a_figure_value_is_said_in_the_site_language(
    value: float, unit: str, qualifier: str, french: str | None, english: str | None
) -> None:
    for language, expected in (("fr", french), ("en", english)):
        if expected is not None:
            said = Language(language)
            assert said.quantity(value, unit, said.qualifier(qualifier)) == expected


def test_a_qualifier_read_in_one_language_is_shown_in_the_other() -> None:
    french, english = Language("fr"), Language("en-GB")
    assert french.qualifier("more than") == french.qualifier("plus d'") == "plus de"
    assert english.qualifier("près de") == "nearly" and english.qualifier("environ") == "about"
    assert english.qualifier("au moins") == "at least" and french.qualifier("some") == "environ"
    assert english.qualifier("pas moins d’") == "at least"
    assert english.qualifier("un  peu plus d’") == "just over"
    # A language's own hedges stay as written, before a number in figures.
    assert french.qualifier("pas moins d'") == "pas moins de"
    assert french.qualifier("près d’") == "près de" and french.qualifier("quelque") == "quelque"
    assert english.qualifier("roughly") == "roughly" and english.qualifier("over") == "over"
    # Unknown: as written.
    assert french.qualifier("bien au-dessus de") == "bien au-dessus de"
    assert all(set(forms) == {"fr", "en"} for forms in QUALIFIERS.values())


@pytest.mark.parametrize("code", ["fr", "en", "en-GB", "fr-CH", "fr-CA", "de", "es", "en-IN"])
def test_whole_numbers_are_written_as_babel_writes_them(code: str) -> None:
    # `decimal` groups whole numbers itself (Babel parses its pattern at every call); what it
    # writes must be Babel's, Swiss French's ungrouped millions included.
    language = Language(code)
    values = [0, 7, 999, 1_000, 9_999, 22_700, 100_000, 1_000_000, 123_456_789, 44_800.0, 1e12]
    values += [12.5, 0.25, 1_234.75, -1_200]
    for value in values:
        expected = format_decimal(value, format="#,##0.##", locale=language.locale)
        assert language.decimal(value) == expected, (code, value)
