"""Digests of template data: equal only for data that renders the same."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import markupsafe
import pytest

from briefings.incremental.fingerprint import Fingerprints, Unknown
from briefings.model import Article, Publisher, Speaker

ARTICLE = Article(
    path="content/articles/a.md",
    slug="fidan-blinken",
    title="Fidan et Blinken à Washington",
    date=dt.datetime(2024, 3, 8, tzinfo=dt.UTC),
    has_time=False,
    source=Publisher("aa", "Agence Anadolu", "https://www.aa.com.tr/fr"),
    url=None,
    lang="fr",
    topics=("nato",),
    people=(),
    summary="",
    draft=False,
    quotes=(),
    body="« Nous soutenons l'Ukraine », a déclaré Blinken.",
    body_line=8,
    digest="d1",
)


def digest(value: object) -> str:
    return Fingerprints().of(value)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("<b>OTAN</b>", markupsafe.Markup("<b>OTAN</b>")),  # escaped, or not
        ([1, 2], [2, 1]),  # order shows on pages
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}),
        (("ab", "c"), ("a", "bc")),
        (1, True),
        (1, 1.0),
        (None, ""),
        (dt.date(2024, 3, 8), dt.datetime(2024, 3, 8)),
        (
            dt.datetime(2024, 3, 8, 10, tzinfo=dt.UTC),
            dt.datetime(2024, 3, 8, 10, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        ),
        (Speaker("Blinken", "blinken"), Speaker("Blinken", None)),
        (ARTICLE, replace(ARTICLE, title="Fidan et Blinken réunis")),
        (ARTICLE, replace(ARTICLE, source=Publisher("aa", "Anadolu"))),
        (ARTICLE, replace(ARTICLE, digest="d2")),
    ],
)
def test_what_renders_differently_digests_differently(one: object, other: object) -> None:
    assert digest(one) != digest(other)


def test_equal_data_digests_equally_across_builds() -> None:
    context = {"article": ARTICLE, "related": [ARTICLE], "title": markupsafe.Markup("<i>x</i>")}
    copy = {"article": replace(ARTICLE), "related": [replace(ARTICLE)], "title": "<i>x</i>"}
    copy["title"] = markupsafe.Markup(copy["title"])
    assert digest(context) == digest(copy)


def test_an_article_body_counts_through_its_digest() -> None:
    # The body is the file's text, which `digest` hashes: not digested twice.
    assert digest(ARTICLE) == digest(replace(ARTICLE, body="autre texte"))


def test_a_known_object_stands_for_its_value() -> None:
    speaker = Speaker("Blinken", "blinken")
    prints = Fingerprints({id(speaker): b"token-1"})
    assert prints.of([speaker]) != Fingerprints({id(speaker): b"token-2"}).of([speaker])


def test_unknown_types_are_refused_rather_than_guessed() -> None:
    class Opaque:
        pass

    with pytest.raises(Unknown):
        digest({"page": [Opaque()]})
