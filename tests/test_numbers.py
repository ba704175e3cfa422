"""Amounts and dates in French and English wire copy (`briefings.text.numbers`, issue 20)."""

from __future__ import annotations

import datetime as dt

import pytest

from briefings.text.numbers import amounts, dates, resolve_date


def _read(text: str, lang: str = "fr") -> list[tuple[str, float, str, str]]:
    return [(text[a.first : a.end], a.value, a.unit, a.qualifier) for a in amounts(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "plus de 22\u00a0700 Palestiniens ont été tués",
            "fr",
            [("plus de 22\u00a0700", 22700, "", "plus de")],
        ),
        (
            "environ 1\u202f200 morts côté israélien",
            "fr",
            [("environ 1\u202f200", 1200, "", "environ")],
        ),
        ("quelque 22 700 déplacés", "fr", [("quelque 22 700", 22700, "", "quelque")]),
        (
            "1,2 million de déplacés et 2 millions de sinistrés",
            "fr",
            [("1,2 million", 1_200_000, "", ""), ("2 millions", 2_000_000, "", "")],
        ),
        ("60 % de la population", "fr", [("60 %", 60, "%", "")]),
        ("près de 60 pour cent", "fr", [("près de 60 pour cent", 60, "%", "près de")]),
        (
            "une aide de 30 milliards de dollars",
            "fr",
            [("30 milliards de dollars", 30e9, "dollars", "")],
        ),
        ("40 milliards d’euros d'aide", "fr", [("40 milliards d’euros", 40e9, "euros", "")]),
        ("a $12.5 billion package", "en", [("$12.5 billion", 12.5e9, "dollars", "")]),
        ("some 1,200 troops", "en", [("some 1,200", 1200, "", "some")]),
        ("at least 44.800 dead", "en", [("at least 44.800", 44800, "", "at least")]),
        ("plus de 44.800 morts", "fr", [("plus de 44.800", 44800, "", "plus de")]),
        ("more than 21’000 wounded", "en", [("more than 21’000", 21000, "", "more than")]),
        (
            "$1.5bn and $300m",
            "en",
            [("$1.5bn", 1.5e9, "dollars", ""), ("$300m", 3e8, "dollars", "")],
        ),
        ("€40 billion", "en", [("€40 billion", 40e9, "euros", "")]),
        ("1,250 million euros", "en", [("1,250 million euros", 1.25e9, "euros", "")]),
        ("1,250 milliard d'euros", "fr", [("1,250 milliard d'euros", 1.25e9, "euros", "")]),
        ("plus d'un demi-million de morts", "fr", [("plus d'un demi-million", 5e5, "", "plus de")]),
        ("nearly half a million refugees", "en", [("nearly half a million", 5e5, "", "nearly")]),
        ("un million et demi de réfugiés", "fr", [("un million et demi", 1.5e6, "", "")]),
        ("près de six millions d'exilés", "fr", [("près de six millions", 6e6, "", "près de")]),
        (
            "33 millions de tonnes de céréales",
            "fr",
            [("33 millions de tonnes", 33e6, "tonnes", "")],
        ),
        ("about 1.9 million people", "en", [("about 1.9 million", 1.9e6, "", "about")]),
        ("1 200,5 km", "fr", [("1 200,5 km", 1200.5, "km", "")]),
        ("two percent of GDP", "en", [("two percent", 2, "%", "")]),
        ("Twenty-three allies", "en", [("Twenty-three", 23, "", "")]),
        ("dix-huit pays membres", "fr", [("dix-huit", 18, "", "")]),
    ],
)
def test_number_forms(text: str, lang: str, expected: list[tuple[str, float, str, str]]) -> None:
    assert _read(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Depuis le 7 octobre 2023, la situation s'est dégradée.", "fr"),
        ("En 2023, la guerre a repris.", "fr"),
        ("the attack of October 7", "en"),
        ("Talks were held on May 3.", "en"),
        ("L'article 5 du traité de l'Atlantique Nord", "fr"),
        ("la résolution 2254 du Conseil de sécurité", "fr"),
        ("UN Security Council Resolution 2728", "en"),
        ("un garçon âgé de 12 ans", "fr"),
        ("a 12-year-old girl", "en"),
        ("the boy, aged 9, was wounded", "en"),
        ("le 32e membre de l'Alliance", "fr"),
        ("le 1er janvier", "fr"),
        ("the 10th summit", "en"),
        ("à 10h30 et à 14:30", "fr"),
        ("at 3 p.m.", "en"),
        ("des F-16 et des Su-35", "fr"),
        ("la COP29 et le G7", "fr"),
        ("du 9 au 11 juillet", "fr"),
        ("le paragraphe 3 et le point n° 4", "fr"),
        ("les deux pays", "fr"),
    ],
)
def test_never_an_amount(text: str, lang: str) -> None:
    assert amounts(text, lang) == []


def test_durations_and_ages_are_measures_not_counts() -> None:
    assert _read("en 44 jours de combats") == [("44 jours", 44, "jours", "")]
    assert _read("Mark Rutte, 57 ans,") == [("57 ans", 57, "ans", "")]


def test_may_as_a_verb_is_not_a_month() -> None:
    assert _read("as many as 200 may have died", "en") == [
        ("as many as 200", 200, "", "as many as")
    ]


def test_dates_written_in_the_text() -> None:
    text = "Le 3 mai, puis le 1er octobre 2024 ; on May 20, 2024 and on Oct. 7."
    found = [(d.day, d.month, d.year) for d in dates(text)]
    assert found == [(3, 5, None), (1, 10, 2024), (20, 5, 2024), (7, 10, None)]


def test_a_day_without_a_year_is_the_last_one_before_the_article() -> None:
    (written,) = dates("le 28 décembre")
    assert resolve_date(written, dt.date(2024, 1, 5)) == dt.date(2023, 12, 28)
    (written,) = dates("le 3 mai")
    assert resolve_date(written, dt.date(2024, 5, 24)) == dt.date(2024, 5, 3)
    (written,) = dates("le 31 février")
    assert resolve_date(written, dt.date(2024, 5, 24)) is None


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("le seuil de 3-pour cent", "fr", [("3-pour cent", 3, "%", "")]),
        ("the 2-percent target", "en", [("2-percent", 2, "%", "")]),
        (
            "quelque trente-cinq mille personnes",
            "fr",
            [("quelque trente-cinq mille", 35000, "", "quelque")],
        ),
        ("nearly forty thousand people", "en", [("nearly forty thousand", 40000, "", "nearly")]),
    ],
)
def test_a_percentage_after_a_hyphen_and_thousands_in_words(
    text: str, lang: str, expected: list[tuple[str, float, str, str]]
) -> None:
    assert _read(text, lang) == expected
    assert not amounts(text, lang)[0].spelled  # a count wherever it stands


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Quatre-vingt-sept soldats sont encore portés disparus.",
            [("Quatre-vingt-sept", 87, "", "")],
        ),
        (
            "Au moins soixante-treize civils ont péri dans la nuit.",
            [("Au moins soixante-treize", 73, "", "au moins")],
        ),
        (
            "quatre-vingt-dix-neuf familles ont trouvé refuge à l'école",
            [("quatre-vingt-dix-neuf", 99, "", "")],
        ),
        (
            "soixante et onze blessés et quatre-vingts disparus",
            [("soixante et onze", 71, "", ""), ("quatre-vingts", 80, "", "")],
        ),
    ],
)
def test_french_counts_from_seventy_to_ninety_nine(
    text: str, expected: list[tuple[str, float, str, str]]
) -> None:
    # French counts these in twenties: `quatre-vingt-sept` is one number, never 7 or 17.
    assert _read(text, "fr") == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Cent quarante otages", "fr", [("Cent quarante", 140, "", "")]),
        ("trois cent douze blessés", "fr", [("trois cent douze", 312, "", "")]),
        ("deux cents camions", "fr", [("deux cents", 200, "", "")]),
        ("One hundred and forty hostages", "en", [("One hundred and forty", 140, "", "")]),
        ("three hundred trucks", "en", [("three hundred", 300, "", "")]),
        ("deux cent mille déplacés", "fr", [("deux cent mille", 200000, "", "")]),
    ],
)
def test_hundreds_in_words(
    text: str, lang: str, expected: list[tuple[str, float, str, str]]
) -> None:
    # Never the last part alone (`quarante`, `forty`) for the whole number.
    assert _read(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [("cent otages", "fr"), ("cinq pour cent", "fr"), ("six cents a litre", "en")],
)
def test_a_bare_hundred_or_a_cent_is_no_number(text: str, lang: str) -> None:
    assert all(a.value != 100 and a.value != 600 for a in amounts(text, lang))
