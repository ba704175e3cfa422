"""The shortcuts that make the figures' reading fast change none of its results.

`text.scope.in_scope` tries most of its patterns only when one search finds a word of theirs
(`_IN_REGION`, `_IN_OWN_CLAUSE`, `_REGION_WORDS`, `_CONDITIONAL_ENDINGS`) and reads the clauses
of a number once (`_region` cached); `text.figures._said` looks only at the words of the labels
and reads a sentence once for all its numbers. Each is checked against the reading without it,
on French and English wire copy that makes every skipped pattern match somewhere.
"""

from __future__ import annotations

import datetime as dt
import re
from re import _constants as sre_constants
from re import _parser as sre_parse

import pytest

from briefings.model import Block, FigureSpec, Topic
from briefings.text import figures, scope
from briefings.text.attribution import sentence_end, sentence_start
from briefings.text.figures import FigureReader, read_figures
from briefings.text.matching import NameIndex, fold
from briefings.text.numbers import amounts

# (text, language): each of the patterns `in_scope` skips matches one of them at least.
COPY = (
    (
        "Au total, 1 200 camions sont entrés dans l'enclave depuis le début du mois, selon l'ONU.",
        "fr",
    ),
    (
        "Malgré la trêve, au moins 240 personnes ont été tuées depuis le 11 octobre, a indiqué "
        "la Défense civile.",
        "fr",
    ),
    ("Au cours des dernières 24 heures, 57 personnes ont été tuées, a indiqué le ministère.", "fr"),
    ("Avant la guerre, 500 camions entraient chaque jour dans le territoire.", "fr"),
    ("Dans ce nouveau paquet, 1,2 milliard de dollars iront à la défense aérienne.", "fr"),
    ("Dans l'explosion, 14 personnes ont été tuées et 40 blessées, selon les secours.", "fr"),
    ("About 1,200 people were killed in the October 7 attack, Israeli officials said.", "en"),
    ("Selon l'ONU, 600 camions par jour seraient nécessaires pour couvrir les besoins.", "fr"),
    ("Quelque 880 000 déplacés sont abrités dans les écoles de l'UNRWA, selon l'agence.", "fr"),
    ("Environ 140 000 personnes déplacées vivaient dans 48 écoles de l'UNRWA.", "fr"),
    ("Twelve people were killed and 180 wounded within the agency's schools, UNRWA said.", "en"),
    ("The raid freed 4 hostages held in Nuseirat, the army said on Saturday.", "en"),
    (
        "Some 2.2 million refugees live in neighbouring countries, while a total of 6.5 million "
        "are refugees worldwide, the agency said.",
        "en",
    ),
    ("Dans les provinces de Donetsk et de Louhansk, 3 900 civils ont été tués depuis 2022.", "fr"),
    ("Le plan livrerait 300 camions aux habitants du nord, selon le document.", "fr"),
    (
        "Plus de 44 800 Palestiniens ont été tués depuis le 7 octobre 2023, selon le ministère "
        "de la Santé du Hamas, qui fait aussi état de 106 000 blessés.",
        "fr",
    ),
    ("More than 1.7 million people have been displaced (75% of the population), UNRWA said.", "en"),
    (
        "Les frappes israéliennes ont tué 52 personnes mardi, portant le bilan à 35 100 morts, "
        "d'après le ministère.",
        "fr",
    ),
    (
        "Quelque 3 900 personnes ont été tuées dans les provinces de Donetsk et de Louhansk "
        "depuis le 7 octobre 2023.",
        "fr",
    ),
    ("Quelque 4 289 personnes ont été blessées (dont 300 enfants) en mars 2022.", "fr"),
    ("L'ONU (OCHA) compte 9 100 camions entrés à Gaza ; 40 000 personnes y ont été tuées.", "fr"),
)
SPECS = (
    FigureSpec(
        "tues",
        "Personnes tuées à Gaza depuis le 7 octobre 2023",
        "personnes",
        ("tués", "morts", "killed"),
    ),
    FigureSpec("blesses", "Blessés à Gaza", "personnes", ("blessés", "wounded")),
    FigureSpec("deplaces", "Déplacés à Gaza", "personnes", ("déplacés", "displaced")),
    FigureSpec(
        "camions", "Camions d'aide entrés à Gaza en une journée", "camions", ("camions", "trucks")
    ),
    FigureSpec("otages", "Otages retenus à Gaza", "otages", ("hostages", "otages")),
    FigureSpec("refugies", "Réfugiés syriens à l'étranger", "personnes", ("refugees",)),
    FigureSpec("aide", "Montant d'un nouveau paquet d'aide", "dollars", ("milliard",)),
)
STARTS_WORD = r"(?<![^\W_])"


def verdicts() -> list[bool]:
    """`in_scope` of every number of `COPY` for every figure of `SPECS`, in order."""
    found = []
    for text, lang in COPY:
        for amount in amounts(text, lang):
            span = (amount.first, amount.end)
            sentence = (sentence_start(text, span[0]), sentence_end(text, span[1]))
            # the asides the number is not in, as `figures` gives them
            others = [a.span() for a in figures._ASIDE.finditer(fold(text)) if a.end() <= span[0]]
            for spec in SPECS:
                found.append(
                    scope.in_scope(
                        text, span, sentence, spec.unit, spec.label, spec.phrases, others
                    )
                )
    return found


def test_each_pattern_skipped_matches_some_of_the_copy() -> None:
    """Else the comparison below would not compare what the shortcuts skip."""
    folded = [fold(text) for text, _ in COPY]
    for pattern in (*scope.REGION_PATTERNS, *scope.OWN_CLAUSE_PATTERNS, scope._REGION):
        assert any(pattern.search(text) for text in folded), pattern.pattern[:60]


def test_the_patterns_joined_open_on_the_start_of_a_word_as_a_whole() -> None:
    """`_any_of` takes their common opening out of the alternation: only right when it applies
    to the whole of each pattern (`(?<![^\\W_])a|b` would not: its `b` may start anywhere)."""
    for pattern in (*scope.REGION_PATTERNS, *scope.OWN_CLAUSE_PATTERNS):
        assert pattern.pattern.startswith(STARTS_WORD)
        assert pattern.flags == re.UNICODE and pattern.groups == 0
        parsed = sre_parse.parse(pattern.pattern)
        assert parsed[0][0] == sre_constants.ASSERT_NOT, pattern.pattern[:60]
    assert sre_parse.parse(STARTS_WORD + "a|b")[0][0] == sre_constants.BRANCH


def test_the_joined_patterns_find_something_wherever_one_of_them_does() -> None:
    for text, _ in COPY:
        folded = fold(text)
        for joined, patterns in (
            (scope._IN_REGION, scope.REGION_PATTERNS),
            (scope._IN_OWN_CLAUSE, scope.OWN_CLAUSE_PATTERNS),
        ):
            for start in range(0, len(folded), 7):
                alone = any(p.search(folded, start) for p in patterns)
                assert (joined.search(folded, start) is not None) == alone, (text, start)


def test_in_scope_says_the_same_with_every_pattern_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = verdicts()
    assert True in fast and False in fast
    everywhere = re.compile("")  # finds something in any text: every pattern is tried
    monkeypatch.setattr(scope, "_IN_REGION", everywhere)
    monkeypatch.setattr(scope, "_IN_OWN_CLAUSE", everywhere)
    monkeypatch.setattr(scope, "_REGION_WORDS", everywhere)
    monkeypatch.setattr(scope, "_CONDITIONAL_ENDINGS", ("",))
    monkeypatch.setattr(scope, "_region", scope._region.__wrapped__)  # not cached
    assert verdicts() == fast


def said_word_by_word(folded: str, start: int, end: int, sourced: bool = True) -> set[str]:
    """`figures._said` as it was first written: every word's tests, for every word."""
    if not sourced:
        cut = figures._GIVEN_BY.search(folded, start, end)
        end = cut.start() if cut else end
    words = list(figures._WORDS.finditer(folded, start, end))
    starts = [
        m.span()
        for m in figures._SINCE_CLAUSE.finditer(folded, start, end)
        if figures._STARTED_BY.search(m.group())
    ]
    return {
        figures._stem(m.group())
        for i, m in enumerate(words)
        if not any(s < m.start() < e for s, e in starts)
        and not folded.startswith("'s ", m.end())
        and not figures._AGENT.search(folded, max(start, m.start() - 8), m.start())
        and not figures._acting(m.group(), words[i - 1].group() if i else "", words[i + 1 :][:1])
    }


@pytest.mark.parametrize(
    "text",
    [
        "Plus de 35 000 personnes ont été tuées par Israël à Gaza depuis le début de la guerre "
        "déclenchée par l'attaque du Hamas, selon l'armée israélienne.",
        "Israel's strikes killed 1,400 Israelis and the Israeli offensive displaced 1.7 million "
        "Gazans, according to the Israeli army.",
        "Les frappes israéliennes ont fait 52 morts, tués par la marine et par l'aviation.",
        *(text for text, _ in COPY),
    ],
)
def test_said_keeps_every_word_of_a_label_that_the_word_by_word_reading_keeps(text: str) -> None:
    folded = fold(text)
    labels = frozenset().union(*(f.label for f in READER.figures))
    for start, end in ((0, len(folded)), (5, len(folded) - 9), (len(folded) // 3, len(folded))):
        for sourced in (True, False):
            slow = said_word_by_word(folded, start, end, sourced)
            assert figures._said(folded, start, end, sourced) == slow
            assert figures._said(folded, start, end, sourced, among=labels) == slow & labels


GAZA = (
    FigureSpec(
        "tues",
        "Personnes tuées à Gaza depuis le 7 octobre 2023",
        "personnes",
        ("tués", "morts", "killed"),
    ),
    FigureSpec(
        "tues-israel",
        "Personnes tuées en Israël le 7 octobre 2023",
        "personnes",
        ("morts côté israélien", "killed in Israel", "tués"),
    ),
    FigureSpec("deplaces", "Déplacés à Gaza", "personnes", ("déplacés", "displaced")),
    FigureSpec("camions", "Camions d'aide entrés à Gaza", "camions", ("camions", "trucks")),
)
READER = FigureReader.build(
    (Topic("gaza", "gaza", "", ("x",), (), None, "", 1, "content/topics/gaza.md", figures=GAZA),)
)
NAMES = NameIndex.build({})
SENTENCES = (
    "Au moins 35 000 personnes ont été tuées à Gaza depuis le 7 octobre 2023, et 1,7 million "
    "ont été déplacées.",
    "Environ 1 200 personnes ont été tuées en Israël le 7 octobre 2023, selon les autorités.",
    "Au cours des dernières 24 heures, 57 personnes ont été tuées dans le centre de l'enclave.",
    "Au total, 8 000 camions sont entrés à Gaza, contre 6 500 le mois précédent.",
)


def read(*paragraphs: str) -> list[tuple[str, float, str]]:
    blocks = [
        Block("paragraph", "", text, n, n, topics=("gaza",)) for n, text in enumerate(paragraphs, 1)
    ]
    named = {b.number: NAMES.find(b.text) for b in blocks}
    values = read_figures(READER, blocks, NAMES, {}, named, "fr", dt.date(2024, 5, 24))
    return [(v.figure, v.value, v.written) for v in values]


def test_a_paragraph_of_several_sentences_reads_as_each_sentence_alone() -> None:
    """What is read once per paragraph or sentence for all its numbers (a sentence's words, its
    clauses) belongs to that sentence: a paragraph gives what its sentences give one by one."""
    alone = [value for sentence in SENTENCES for value in read(sentence)]
    assert alone == [
        ("tues", 35000.0, "Au moins 35 000"),
        ("deplaces", 1700000.0, "1,7 million"),
        ("tues-israel", 1200.0, "Environ 1 200"),
        ("camions", 8000.0, "8 000"),
        ("camions", 6500.0, "6 500"),
    ]
    assert read(" ".join(SENTENCES)) == alone


MARKS = ",;:()\u2014"


def test_clause_marks_are_found_where_each_mark_searched_alone_finds_them() -> None:
    """`_clause` and `_region` find the marks around a number in one search (and six `rfind`)
    where they searched for each mark apart."""
    for text, lang in COPY:
        folded = scope._DIGIT_COMMA.sub(".", fold(text))
        for amount in amounts(text, lang):
            pos = amount.first
            start, end = sentence_start(text, pos), sentence_end(text, amount.end)
            low = max(folded.rfind(c, start, pos) for c in MARKS)
            highs = [i for i in (folded.find(c, pos, end) for c in MARKS) if i >= 0]
            assert figures._clause(folded, pos, start, end) == (
                max(low + 1, start),
                min(highs, default=end),
            )
            for a in range(start, len(folded), 3):
                for b in (0, start):
                    assert scope.last_mark(folded, b, a) == max(
                        folded.rfind(c, b, a) for c in MARKS
                    )
                first = [i for i in (folded.find(c, a, end) for c in MARKS) if i >= 0]
                found = scope.CLAUSE_MARK.search(folded, a, end)
                assert (found.start() if found else -1) == min(first, default=-1)


BLESSES = SPECS[1]


def scoped(text: str, written: str, spec: FigureSpec = BLESSES) -> bool:
    """`in_scope` of the number `written` of the one sentence `text`, with the asides it is not
    in as `figures` gives them."""
    first = text.index(written)
    span = (first, first + len(written))
    asides = [a.span() for a in figures._ASIDE.finditer(fold(text))]
    others = [(s, e) for s, e in asides if not s <= first < e]
    return scope.in_scope(text, span, (0, len(text)), spec.unit, spec.label, spec.phrases, others)


def test_what_the_shortcuts_read_apart_still_decides() -> None:
    """The cases each shortcut handles on its own, beside the comparison above: the brackets
    opened for a month's count, an aside of the sentence left out, a French conditional."""
    # `_dated_part` opens the brackets: the month is in the number's clause
    assert not scoped(
        "Quelque 4 289 personnes ont été blessées (dont 300 enfants) en mars 2022.", "4 289"
    )
    assert scoped("Quelque 4 289 personnes ont été blessées (dont 300 enfants).", "4 289")
    # `_outside`: the provinces are the aside's, not the number's
    toll = (
        "Au moins 3 900 personnes ont été tuées depuis le 7 octobre 2023, dont 1 200 dans les "
        "provinces de Donetsk et de Louhansk."
    )
    assert scoped(toll, "3 900", SPECS[0])
    assert not scoped(
        "Au moins 3 900 personnes ont été tuées dans les provinces de Donetsk.", "3 900", SPECS[0]
    )
    # `_CONDITIONAL_ENDINGS`: `livrerait` is a projection
    assert not scoped("Le convoi livrerait 300 camions à Gaza.", "300", SPECS[3])
    assert scoped("Le convoi a livré 300 camions à Gaza.", "300", SPECS[3])
