"""The cold analysis' shortcuts (branch cold10) give what the code they replace gave.

`figures._aside_spans` tries `_ASIDE` only where one of its forms may start, instead of its own
search at every character; `matching.any_written` and `attribution._may_name_speaker` answer
with a loop and set tests; `provenance` reads people.yaml's names once. Each is compared here
with the plain form it stands for, on French and English copy written for these tests.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.model import Person
from briefings.text import attribution, figures, numbers, provenance
from briefings.text.matching import any_written, fold
from tests.test_figure_shortcuts import COPY
from tests.test_figures import PEOPLE

# Pieces of copy around asides: every form `_ASIDE` reads, and what may stand next to them.
_ASIDE_PIECES = (
    "dont",
    "including",
    "among them",
    "among  whom",
    "parmi eux",
    "parmi lesquelles",
    "y compris",
    "y\u00a0 compris",
    "compris",
    "soit",
    "c'est-a-dire",
    "notamment",
    "(",
    ")",
    ",",
    ", ",
    ", or",
    ", ou",
    "or",
    " ",
    "\u202f",
    "-",
    " - ",
    " \u2013 ",
    "\u2014",
    ";",
    ".",
    "12",
    "3,5",
    "personnes",
    "tuees",
    "y",
    "undont",
    "x",
)


def _plain_asides(folded: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in figures._ASIDE.finditer(folded))


def test_the_asides_of_the_copy_are_those_of_the_plain_search() -> None:
    found = 0
    for text in COPY:
        folded = fold(text)
        for start in range(0, len(folded), 7):
            part = folded[start:]
            assert figures._aside_spans(part) == _plain_asides(part), part
            assert figures._asides(part) == _plain_asides(part), part
        found += len(_plain_asides(folded))
    assert found >= 8  # brackets, `dont`, dashes, `, or`, `including` among them


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ASIDE_PIECES), max_size=14).map("".join))
def test_the_asides_of_any_copy_are_those_of_the_plain_search(text: str) -> None:
    assert figures._aside_spans(text) == _plain_asides(text)
    assert figures._asides(text) == _plain_asides(text)


def test_y_compris_and_or_after_a_comma_are_found() -> None:
    folded = fold("Au total, 40 000 morts, y compris 9 000 enfants, selon le ministère.")
    assert figures._aside_spans(folded) == _plain_asides(folded) != ()
    assert folded[figures._aside_spans(folded)[0][0]] == "y"
    folded = fold("Plus de 1,7 million de personnes, ou 75 % de la population, ont fui.")
    assert figures._aside_spans(folded) == _plain_asides(folded) != ()
    assert folded[figures._aside_spans(folded)[0][0] :].startswith("ou 75")


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab,:- ", max_size=30),
    st.lists(st.sampled_from(["a", "b", "ab", ",", ": ", "-", "ba"]), min_size=1, max_size=3),
    st.integers(0, 30),
    st.integers(0, 30),
)
def test_any_written_is_a_plain_search(
    folded: str, literals: list[str], start: int, end: int
) -> None:
    expected = any(literal in folded[start:end] for literal in literals)
    assert any_written(folded, start, end, tuple(literals)) is expected


def _may_name_speaker_word_by_word(text: str, start: int, pos: int) -> bool:
    """`_may_name_speaker` as main wrote it: every word tried in turn."""
    words = attribution._WORD.findall(fold(text), start, pos)
    if words[:1] == ["pour"] or words[:1] == ["for"] or ":" in text[start:pos]:
        return True
    return any(
        w in attribution._REPORTING_WORDS
        or w in attribution._ACCORDING_OPENERS
        or ("-" in w and attribution._inverted_verb(w))
        for w in words
    )


def test_a_speaker_may_be_named_where_the_words_said_so() -> None:
    texts = (
        *COPY,
        "Les combats ont fait 40 morts, dit-il, avant de quitter la salle.",
        "Trois civils ont été tués, a-t-elle précisé mardi à Erevan.",
        "« Nous resterons », assure-t-il ; les Nations unies, elles, se taisent.",
        "Le cessez-le-feu tient depuis lundi, d'après l'ONU, dans le Haut-Karabakh.",
    )
    hyphenated = 0
    for text in texts:
        for start in range(0, len(text), 5):
            for pos in range(start, len(text) + 1, 3):
                fast = attribution._may_name_speaker(text, start, pos)
                assert fast is _may_name_speaker_word_by_word(text, start, pos), (text, start, pos)
                hyphenated += fast and "-" in text[start:pos]
    assert hyphenated >= 10


def test_a_spelled_number_inside_an_amount_in_words_is_not_read_again() -> None:
    """`trois millions`: one amount, not `trois` besides it (the words `amounts` skips)."""
    found = numbers.amounts("L'aide atteint trois millions d'euros et 12 camions.", "fr")
    assert [(a.value, a.unit) for a in found] == [(3e6, "euros"), (12.0, "")]
    found = numbers.amounts("Some twenty million people and 45 trucks.", "en")
    assert [(a.value, a.unit) for a in found] == [(20e6, ""), (45.0, "")]


_INSTITUTIONS = {
    "minsante": Person(
        "minsante",
        "Ministère de la Santé de Gaza",
        "Ministère de la Santé",
        "institution",
        ("Ministère de la Santé de Gaza", "le ministère de la Santé", "Gaza Health Ministry"),
    ),
    "armgov": Person(
        "armgov",
        "Gouvernement arménien",
        "Gouvernement",
        "institution",
        ("Gouvernement arménien", "Armenian government", "autorités arméniennes"),
    ),
    "hcr": Person(
        "hcr",
        "Haut-Commissariat des Nations unies pour les réfugiés",
        "Agence de l'ONU",
        "institution",
        ("HCR", "UNHCR", "the UN refugee agency"),
    ),
    "qudra": Person(
        "qudra", "Ashraf al-Qedra", "porte-parole", "person", ("Ashraf al-Qedra", "al-Qedra")
    ),
}


def _opens_word_by_word(person: Person, words: list[str]) -> bool:
    names = [person.name, *person.aliases]
    if person.kind == "institution":
        names.append(person.role)
    for name in names:
        known = provenance._WORDS.findall(fold(name))
        while known[:1] and known[0] in provenance._OPENING:
            known.pop(0)
        if len(known) > len(words) and known[: len(words)] == words:
            rest = provenance._WORDS.findall(name)[-(len(known) - len(words)) :]
            if len(words) == 1 and rest[:1] and rest[0][:1].isupper():
                continue
            return True
    return False


def _governs_word_by_word(person: Person, country: str) -> bool:
    for alias in person.aliases:
        words = provenance._WORDS.findall(fold(alias))
        if provenance._GOVERNMENTS.isdisjoint(words):
            continue
        for word in words:
            shared = next(
                (i for i, (a, b) in enumerate(zip(word, country, strict=False)) if a != b),
                min(len(word), len(country)),
            )
            if word not in provenance._GOVERNMENTS and shared >= max(4, len(country) - 2):
                return True
    return False


def test_people_names_read_once_give_what_reading_them_each_time_gave() -> None:
    people = [*PEOPLE.values(), *_INSTITUTIONS.values()]
    phrases = (
        "le ministère de la Santé",
        "ministère",
        "the ministry",
        "l'Alliance",
        "Gouvernement",
        "Armenian",
        "armenie",
        "arménien",
        "Haut commissariat",
        "HCR",
        "Ashraf Al-Qudra",
        "gaza health",
        "UN refugee",
        "the UN refugee",
    )
    for person in people:
        words = set(re.findall(r"[^\W_]+", fold(" ".join([person.name, *person.aliases]))))
        assert provenance._words_of(person) == words
        for alias in (person.name, *person.aliases):
            skeletons = tuple(provenance._skeleton(w) for w in alias.split())
            assert provenance._skeletons(alias) == skeletons
        for phrase in phrases:
            read = provenance._WORDS.findall(fold(phrase))
            while read[:1] and read[0] in provenance._OPENING:
                read.pop(0)
            for cut in range(1, len(read) + 1):
                assert provenance._opens(person, read[:cut]) is _opens_word_by_word(
                    person, read[:cut]
                ), (person.id, read[:cut])
            for word in read:
                assert provenance._governs(person, word) is _governs_word_by_word(person, word)
    assert provenance._opens(_INSTITUTIONS["minsante"], ["ministere", "de", "la", "sante"])
    assert provenance._governs(_INSTITUTIONS["armgov"], "armenian")
    assert provenance._opens(_INSTITUTIONS["hcr"], ["refugee"])  # `the UN` of its alias
