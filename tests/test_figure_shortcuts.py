"""The shortcuts of the figures' reading (branch figcold) change none of its results.

A pattern is searched for only where the text writes a word (or a few letters) that each of its
matches writes (`scope.REGION_WORDS`, `provenance._COUNTING_WORDS`, the month names of
`numbers.dates`…); a speaker is looked for only where a word that may name one is written
(`attribution._may_name_speaker`); `figures._said` finds the words of the labels with one
pattern; `numbers` finds digits and the word before a number without trying every character.
Each is checked two ways: every match of each pattern on French and English copy (written for
these tests) holds one of its words, and the reading with every shortcut turned off gives the
same values, sources and dates, on the copy and on the figures' fixtures.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefings.text import attribution, figures, numbers, provenance, scope
from briefings.text.matching import fold
from tests.test_figures import FIXTURES, NAMES, READER, quality, read

_WORDS = re.compile(r"[^\W_]+")

# Wire copy in our own words, French and English, where the patterns the shortcuts skip match.
COPY = (
    "Selon les autorités sanitaires, 22 700 personnes ont été tuées depuis le 7 octobre 2023, "
    "dont 9 000 enfants.",
    "Plus de 1,2 million de personnes ont été déplacées (soit 55 % de la population), a indiqué "
    "le ministère.",
    "Le 12 mai, au moins 35 camions sont entrés à Gaza, contre 20 la veille, selon l'ONU.",
    "The health ministry said 1,400 people were killed in Israel, while 3,200 were wounded - "
    "most of them civilians - in the first days.",
    "« Nous avons compté 18 000 déplacés », a-t-il déclaré, citant des données de l'UNRWA.",
    "D'après le Haut-Commissariat de l'ONU pour les réfugiés (HCR), 250 000 Syriens sont "
    "rentrés depuis décembre.",
    "Au 3 mai, le bilan du ministère de la Santé de Gaza s'élevait à 34 600 morts et 77 800 "
    "blessés.",
    "According to OCHA, 150 trucks entered on Monday, 120 on Tuesday and 98 on Wednesday.",
    "Les alliés ont promis 2 % du PIB ; l'aide militaire atteindrait 5 milliards d'euros, selon "
    "un document de l'OTAN.",
    "Pour le ministère, 40 000 personnes seraient mortes, un chiffre que le gouvernement "
    "israélien conteste.",
    "Israeli army figures put the toll at 1,200 killed on October 7, the military said.",
    "Près de 600 camions par jour seraient nécessaires, estime l'ONU, qui en compte 80 "
    "actuellement.",
    "Fidan : « Plus de 3 000 personnes ont été tuées cette semaine. »",
    "Within this new package, $1.5bn goes to air defence, the Pentagon said; article 5 was not "
    "invoked.",
    "Some 45 hostages were freed by the army in a raid, and 12 of them were found dead in Rafah.",
    "Les frappes israéliennes ont fait 52 morts, tués par la marine et par l'aviation, a "
    "rapporté le Hamas.",
    "Quelque 2 913 enfants et 1 709 femmes figurent parmi les 10 000 morts recensés par le "
    "ministère.",
    "In the past 24 hours, 57 people were killed and 80 wounded, bringing the overall death "
    "toll to 35,100, the ministry reported.",
    "Au total, les 32 membres de l'Alliance atlantique ont approuvé 40 milliards d'euros d'aide "
    "militaire depuis février 2022.",
    "Depuis la reprise des combats, 240 personnes ont été tuées, a précisé la Défense civile ; "
    "4 000 déplacés vivent dans 12 écoles.",
    "Sur 251 personnes enlevées, 94 sont toujours retenues, dont 34 seraient mortes, d'après le "
    "gouvernement israélien.",
    "The UN refugee agency said that as of May 3, more than 2,900 Syrians had returned from "
    "Lebanon, UNHCR data show.",
    "GAZA, 24 mai (AFP) – Au moins 35 000 personnes ont été tuées, dit-elle, selon le ministère "
    "de la Santé du Hamas.",
    "Malgré la trêve, 14 personnes sont mortes dans l'explosion ; avant la guerre, 500 camions "
    "entraient chaque jour, contre 120 en mars 2024.",
    "The agency recorded 3,000 displaced in the oblasts of Donetsk alone, and 1,300 in the "
    "region alone, it said on Sunday.",
    "Quelque 880 000 déplacés sont abrités dans les centres d'hébergement de l'UNRWA, dont "
    "120 000 vivaient dans 57 écoles, selon l'agence.",
    "Over the past day, 5 more people died, 1.7 million people - or 75% of the population - "
    "remain displaced, and the package includes $300 million.",
    "C'est ce qu'a indiqué le ministère, qui a recensé 1 873 enfants parmi les morts en une "
    "seule journée, à 10h30, le 23 mai 2024.",
    "Some 2.2 million refugees live in neighbouring countries, and 6.5 million are refugees "
    "worldwide; 36 hostages are still alive.",
)


class _Everything(frozenset[str]):
    """A set every word is in: a test of its words never skips anything."""

    def __contains__(self, word: object) -> bool:
        return True

    def isdisjoint(self, words: object) -> bool:
        return False


EVERYTHING = _Everything()


def _all_words_of(folded: str, start: int, end: int, among: frozenset[str]) -> list[re.Match[str]]:
    return list(figures._WORDS.finditer(folded, start, end))


def _words_before_by_sentence(text: str, start: int, first: int, end: int) -> list[str]:
    return [w for at, w in provenance._words_between(text, start, end) if at < first]


def _word_before_by_pattern(folded: str, low: int, end: int) -> str:
    found = numbers._WORD_BEFORE.search(folded, low, end)
    return found.group(1) if found else ""


def _commas_one_by_one(layout: figures._Layout, low: int, high: int, aside: int) -> int:
    return sum(1 for i in range(low, high) if layout.text[i] == "," and layout.aside(i) == aside)


def _always(*_: object) -> bool:
    return True


SHORTCUTS: tuple[tuple[object, str, object], ...] = (
    (scope, "_writes", _always),
    (scope, "any_written", _always),
    (figures, "any_written", _always),
    (figures, "_asides", lambda folded: tuple(m.span() for m in figures._ASIDE.finditer(folded))),
    (figures, "_stemmed_among", _all_words_of),
    (figures, "_commas", _commas_one_by_one),
    (provenance, "any_written", _always),
    (provenance, "_COUNTING_WORDS", EVERYTHING),
    (provenance, "_words_before", _words_before_by_sentence),
    (attribution, "_may_name_speaker", _always),
    (attribution, "_VERB_OPENERS", EVERYTHING),
    (attribution, "_REPORTING_WORDS", EVERYTHING),
    (attribution, "_ACCORDING_OPENERS", EVERYTHING),
    (numbers, "_MONTH_NAMES", EVERYTHING),
    (numbers, "_digit_matches", lambda folded: numbers._DIGITS.finditer(folded)),
    (numbers, "_word_before", _word_before_by_pattern),
)


def without_shortcuts(monkeypatch: pytest.MonkeyPatch, reading: Callable[[], object]) -> object:
    """What `reading` gives with every shortcut of the list turned off."""
    with monkeypatch.context() as patched:
        for module, name, slow in SHORTCUTS:
            assert hasattr(module, name), name
            patched.setattr(module, name, slow)
        return reading()


def test_the_copy_reads_the_same_without_the_shortcuts(monkeypatch: pytest.MonkeyPatch) -> None:
    for lang in ("fr", "en"):
        fast = [read(text, lang=lang) for text in COPY] + [read(*COPY, lang=lang)]
        assert sum(map(len, fast)) >= 40  # values, with sources and dates, to compare
        slow = without_shortcuts(
            monkeypatch,
            lambda lang=lang: [read(t, lang=lang) for t in COPY] + [read(*COPY, lang=lang)],
        )
        assert slow == fast


def test_the_fixtures_read_the_same_without_the_shortcuts(monkeypatch: pytest.MonkeyPatch) -> None:
    reading = quality.Reading.of(FIXTURES)

    def every_value() -> list[object]:
        found = []
        for path in sorted(Path(FIXTURES).glob("*.md")):
            if path.name == "README.md":
                continue
            meta = quality.yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
            blocks = quality.blocks_from_text(path.read_text(encoding="utf-8"))
            found.append(reading.read(blocks, meta.get("lang", "fr"), meta.get("date")))
        return found

    fast = every_value()
    assert sum(map(len, fast)) >= 100
    assert without_shortcuts(monkeypatch, every_value) == fast


def _positions(text: str) -> Iterator[int]:
    yield from range(0, len(text) + 1, 3)


def test_speakers_before_a_place_are_found_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """`clue_before` (quotes and sources) at every third place of the copy, with and without
    its reading of the words first and `_verbs`' and `_according_to`'s skipping."""

    def clues() -> list[object]:
        return [
            attribution.clue_before(text, pos, 0, NAMES)
            for text in COPY
            for pos in _positions(text)
        ]

    fast = clues()
    assert sum(c is not None for c in fast) >= 20
    assert without_shortcuts(monkeypatch, clues) == fast


def test_amounts_and_dates_are_found_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    def found() -> list[object]:
        return [
            (numbers.amounts(text, lang), numbers.dates(text), numbers.dates(fold(text), True))
            for text in COPY
            for lang in ("fr", "en")
        ]

    fast = found()
    assert sum(len(a) for a, _, _ in fast) >= 80 and sum(len(d) for _, d, _ in fast) >= 8
    assert without_shortcuts(monkeypatch, found) == fast


def test_the_words_before_a_number_are_those_of_its_sentence_before_it() -> None:
    """`provenance._words_before` reads up to the number only, a word cut there read whole."""
    for text in COPY:
        end = len(text)
        for first in range(0, end):
            assert provenance._words_before(text, 0, first, end) == _words_before_by_sentence(
                text, 0, first, end
            ), (text, first)


def test_the_word_before_a_number_is_the_patterns() -> None:
    for text in (*COPY, "l'article 5", "résolution  2254", "n° 3", "art. 7", "Phase'  2", "\n5"):
        folded = fold(text)
        for end in range(len(folded) + 1):
            for low in (0, max(0, end - 20)):
                assert numbers._word_before(folded, low, end) == _word_before_by_pattern(
                    folded, low, end
                ), (text, low, end)


def test_the_digits_are_found_where_the_pattern_finds_them() -> None:
    for text in (*COPY, "us$500, US$ 20, €3, £4,5 et $1.5bn", "a1 b-2 3/4 5:6 7.8 9,0 u$ us$"):
        folded = fold(text)
        assert [m.span() for m in numbers._digit_matches(folded)] == [
            m.span() for m in numbers._DIGITS.finditer(folded)
        ]


# Each pattern a word set stands in for, and copy where it matches.
TRIGGERED: tuple[tuple[tuple[re.Pattern[str], ...], frozenset[str]], ...] = (
    (scope.REGION_PATTERNS, scope.REGION_WORDS),
    (scope.OWN_CLAUSE_PATTERNS, scope.OWN_CLAUSE_WORDS),
    ((scope._REGION,), scope.REGION_COUNT_WORDS),
    ((scope._IN_MONTH, scope._RATE), scope.DATED_WORDS),
    ((scope._WHOLE_INCLUDES,), scope._INCLUDE_WORDS),
    ((scope._SINCE,), scope._SINCE_WORDS_WRITTEN),
    ((scope._ALIVE,), scope._ALIVE_WORDS),
    ((provenance._COUNTING,), provenance._COUNTING_WORDS),
    ((numbers._DATE,), numbers._MONTH_NAMES),
)
TRIGGER_COPY = (
    *COPY,
    "au cours des 48 dernières heures, en une seule journée, pendant la première semaine",
    "dans les 3 premiers jours, in the first 10 days, within 24 hours, overnight, in two days",
    "during the last day, en 48 heures, in 72 hours, au cours de la dernière journée, en 3 jours",
    "portant le bilan à, bilan global, en tout, cumulative, despite the truce",
    "malgré le cessez-le-feu",
    "prior to, before the siege, avant le siège, from this new sum, dans cette nouvelle enveloppe",
    "lors de la frappe, by an Israeli airstrike, une nouvelle vague, ont reçu, admis, to free, "
    "rescued, retrouvées mortes, otages relâchés, prisoners released",
    "during the 7 October attack, lors de l'attaque du 7 octobre, in Hamas's Oct. 7 assault",
    "is needed, aimed at, besoin, nécessite, exige, devraient, pourraient, could, would, may have, "
    "prêtes à, demande de financement, funding request, requested, request for, ready to, "
    "prepared to, prévoient, forecasts, projected",
    "sheltering, centre d'hébergement, hébergés, living in UNRWA schools, installés dans des "
    "abris, inside its premises, sur ses installations, la libération des otages, the release "
    "of, freeing",
    "host countries, pays limitrophes, on y dénombre, la seule province, the Donetsk oblast alone",
    "per week, a month, chaque année, par an, in March 2024, durant juillet",
    # `_WHOLE_INCLUDES` reads up to the number after the verb: the copy ends there
    "The 35 hostages confirmed dead include ",
    "Les 12 000 morts comprennent au moins ",
    "a recensé, se sont engagés, se sont mis d'accord, ont convenu, a décidé, parle de, put the "
    "number at, fait état de, counts, believes, calculent",
    "le 1er juin 2024, Sept. 12, on March 3rd, 2024, 12 juil. 2023",
)


@pytest.mark.parametrize("patterns, words", TRIGGERED)
def test_every_match_of_a_pattern_writes_one_of_its_words(
    patterns: tuple[re.Pattern[str], ...], words: frozenset[str]
) -> None:
    for pattern in patterns:
        matches = [m for text in TRIGGER_COPY for m in pattern.finditer(fold(text))]
        assert matches, pattern.pattern[:60]
        for match in matches:
            assert words.intersection(_WORDS.findall(match.group())), (pattern.pattern[:40], match)


def test_a_pattern_searched_only_where_a_word_of_it_is_still_decides() -> None:
    """The word sets only skip: `in_scope` still finds what each pattern says (a count of the
    past hours, of a region, of a month, one alive) where the word is written."""
    for text, written in (
        ("Au cours des dernières 24 heures, 57 personnes ont été tuées.", "57"),
        ("Dans les provinces de Donetsk, 3 900 civils ont été tués.", "3 900"),
        ("Quelque 4 289 personnes ont été blessées en mars 2022.", "4 289"),
        ("Some 36 hostages are still alive in Gaza.", "36"),
        ("Le plan livrerait 300 camions à Gaza.", "300"),
    ):
        first = text.index(written)
        span = (first, first + len(written))
        assert not scope.in_scope(
            text, span, (0, len(text)), "personnes", "Personnes tuées à Gaza", ("tués",)
        ), text


def test_the_words_of_the_labels_are_those_of_every_word_read() -> None:
    """`_said` with the labels' stems (`_stemmed_among`, one pattern) keeps what reading every
    word keeps, from any place, one inside a word too, with and without its source."""
    labels = frozenset().union(*(f.label for f in READER.figures), {"israe", "gaza", "otage"})
    for text in COPY:
        folded = fold(text)
        for start in range(0, len(folded), 2):
            for sourced in (True, False):
                every = figures._said(folded, start, len(folded), sourced)
                assert figures._said(folded, start, len(folded), sourced, labels) == every & labels
