"""Keyword and name matching on French and English wire copy."""

from __future__ import annotations

import pytest

from briefings.matching import NameIndex, TopicMatcher, fold

MATCHER = TopicMatcher.build(
    {
        "gaza": ["Gaza", "Israël", "israélien*", "solution à deux États", "israélo-palestinien"],
        "ukraine": ["Ukraine", "ukrain*", "Kiev", "mer Noire", "accord céréalier"],
        "caucasus": ["Azerbaïdjan", "Arménie", "Karabagh"],
    }
)


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("Le soutien à l'Ukraine face à l'offensive.", ("ukraine",)),
        ("l’agressivité croissante d’Israël", ("gaza",)),  # curly apostrophe elision
        ("L'armée israélienne a bombardé la bande.", ("gaza",)),  # stem
        ("les ports UKRAINIENS", ("ukraine",)),  # case
        ("une solution à deux\u00a0États viable", ("gaza",)),  # phrase across a non-breaking space
        ("une solution à deux\nétats", ("gaza",)),  # across a line break, accents folded
        ("Israel and Azerbaijan", ("gaza",)),  # Israel matches Israël; Azerbaijan is not a keyword
        ("le conflit israélo-palestinien", ("gaza",)),
        ("l'accord céréalier de la mer Noire", ("ukraine",)),
        ("Le Karabagh et l'Arménie", ("caucasus",)),
        ("Gazaoui", ()),  # whole words only
        (
            "Une Ukrainienne à Kievskaïa",
            ("ukraine",),
        ),  # stem matches, Kiev does not match Kievskaïa
        ("La Syrie et la Turquie", ()),
    ],
)
def test_topics(text, topics):
    assert MATCHER.topics(text) == topics


def test_fold_keeps_length_so_offsets_hold():
    text = "L’Œuvre « Türkiye » à Bakou ß"
    assert len(fold(text)) == len(text)
    assert fold("Ministère ÉTATS") == "ministere etats"


NAMES = NameIndex.build(
    {
        "mfa-turkey": [
            "Ministère turc des Affaires étrangères",
            "ministère turc des Affaires étrangères",
        ],
        "fidan": ["Hakan Fidan", "Fidan", "ministre Fidan"],
        "blinken": ["Antony Blinken", "Blinken", "secrétaire Blinken"],
    }
)


def test_longest_alias_wins_and_matches_do_not_overlap():
    text = "Le ministère turc des Affaires étrangères et le ministre Fidan ont reçu Antony Blinken."
    found = [(text[m.start : m.end], m.id) for m in NAMES.find(text)]
    assert found == [
        ("ministère turc des Affaires étrangères", "mfa-turkey"),
        ("ministre Fidan", "fidan"),
        ("Antony Blinken", "blinken"),
    ]


def test_resolve_prefers_the_longest_alias():
    assert NAMES.resolve("a déclaré le secrétaire Blinken") == "blinken"
    assert NAMES.resolve("précise le communiqué conjoint") is None
    assert NAMES.resolve("selon FIDAN") == "fidan"
