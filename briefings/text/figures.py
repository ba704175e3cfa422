"""The values of a dossier's tracked figures, read in the paragraphs routed to it (issue 20).

In a paragraph routed to a topic that has `figures:`, an amount (`text.numbers`) is a value of a
figure when one of the figure's phrases is next to it:

1. in the same sentence, with at most `MAX_GAP` words between them and no other amount between;
2. in the same clause as far as subsets and asides go: an amount after `dont`, `including`,
   `among them`, `y compris`, `soit`, or in parentheses pairs only with a phrase of that clause
   (`14 800 personnes, dont 6 000 enfants, ont été tuées` is 14 800), and the words of such a
   clause do not count between two words outside it;
3. a phrase before its amount does not reach across a conjunction (`tués et 106 000 blessés`);
4. in the unit the figure counts: `%` takes percentages, a currency (`dollars`, `euros`) sums of
   money in whatever currency the text names, a measure (`tonnes`, `km`) that measure, any other
   word (`personnes`, `camions`) a plain count;
5. of `de 40 000 à 44 800` (`from … to …`), only the second is a value;
6. when several phrases or figures of a topic could take an amount, the nearest pair wins
   (fewest words between; then the amount before its phrase, as in `200 morts`; then the longer
   phrase; then the figure written first), and each amount and each phrase is used once per
   topic: a paragraph routed to two dossiers may give the same number to a figure of each
   (the military aid to Ukraine in the Ukraine and NATO dossiers).

Its provenance is who the sentence says gives it, resolved through people.yaml like a quote's
speaker: `selon X`, `d'après X`, `according to X` after the amount (before the next one), else a
reporting verb or `selon` before it (`le ministère a indiqué que…`), else an attribution after a
comma (`…, a indiqué le ministère`, `…, the ministry said`); `un bilan du ministère` is the
ministry. Its date is the article's, unless the sentence writes a day of the month (`le 3 mai`,
`on May 3`) in the 31 days up to the article's date: at the sentence's start or after `au`, `as
of`, or in the amount's or the provenance's clause; never after `depuis`, `since`, `du`, `from`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from ..model import Block, FigureSpec, FigureValue, Person, Speaker, Topic
from .attribution import (
    Clue,
    according_to,
    clue_after,
    clue_before,
    noun_phrase,
    sentence_end,
    sentence_start,
)
from .matching import NameIndex, NameMatch, compile_terms, find_terms, fold
from .numbers import CURRENCIES, MEASURES, Amount, amounts, dates, resolve_date
from .speakers import Mention, Speakers, find_mentions

MAX_GAP = 8
"""Words between a phrase and its amount, at most."""
DATED_WITHIN = dt.timedelta(days=31)
"""A day the sentence writes dates a value only this close before the article."""
_WORDS = re.compile(r"[^\W_]+")
_CONJUNCTIONS = frozenset("et ou mais contre tandis and or but while whereas versus".split())
_ASIDE = re.compile(
    r"(?<![^\W_])(?:dont|including|among\s+(?:them|whom|which|those)|parmi\s+(?:lesquel(?:le)?s"
    r"|eux|elles)|y\s+compris|soit|c'est-a-dire|notamment)(?![^\W_])[^,;:()\u2014]*|\([^()]*\)?"
)
_FROM_TO = re.compile(r"\s*(?:a|au|to|-)\s*$")
_FROM = re.compile(r"(?<![^\W_])(?:de|from|d')\s*$")
_DETERMINERS = frozenset("le la les l un une des du de d the a an".split())
_CLAUSE_MARKS = ",;:()\u2014"
_AS_OF = re.compile(r"(?<![^\W_])(?:au|jusqu'au|as\s+of|en\s+date\s+du|a\s+la\s+date\s+du)\s*$")
_OPENERS = frozenset(
    "le on des lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday "
    "thursday friday saturday sunday".split()
)
_UNDATING = frozenset(
    """depuis since from du des after apres avant before debut fin lors during pendant attaque
    attack offensive""".split()
)
# `selon un nouveau bilan du ministère`: the ministry gives the number, not the toll.
_COUNT_SOURCE = (
    r"(?:(?:le|la|les|l'|un|une|des|ce|cette|ces|the|a|an|its|their|son|sa|ses|leur|leurs)\s*)?"
    r"(?:(?:nouveaux?|nouvel(?:le)?s?|derni\w*|latest|new|last|updated|official|officiel\w*"
    r"|provisoires?|preliminary|recent|recents?|premier\w*)\s+)*"
    r"(?:bilans?|chiffres?|decomptes?|donnees|estimations?|statistiques|tolls?|figures?|counts?"
    r"|data|tally|estimates?|numbers?|statistics)(?:\s+(?:officiel\w*|provisoires?|official))?"
)
_BY_SOURCE = r"(?:de\s+la|de\s+l'|de|du|des|d'|of|from|by|par|provided\s+by)\s*"
_COUNT = re.compile(_COUNT_SOURCE)
_COUNTED_BY = re.compile(rf"{_COUNT_SOURCE}(?:\s+[^\W_]+){{0,2}}?\s+{_BY_SOURCE}")
_BY = re.compile(rf"\s*(?:[^\W_]+\s+){{0,2}}?{_BY_SOURCE}")


@dataclass(frozen=True, slots=True)
class _Figure:
    topic: str
    order: int
    """Topics and figures in the order the site writes them: the tie-breaker of last resort."""
    spec: FigureSpec
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class FigureReader:
    """Every topic's figures with their phrases compiled, to be read in an article's blocks."""

    figures: tuple[_Figure, ...]
    any_phrase: re.Pattern[str] | None = field(default=None, compare=False)

    @classmethod
    def build(cls, topics: Sequence[Topic]) -> FigureReader:
        figures = []
        for topic in topics:
            for spec in topic.figures:
                pattern = compile_terms(spec.phrases)
                if pattern is not None:
                    figures.append(_Figure(topic.id, len(figures), spec, pattern))
        every = compile_terms(p for topic in topics for f in topic.figures for p in f.phrases)
        return cls(tuple(figures), every)


def read_figures(
    reader: FigureReader,
    blocks: Sequence[Block],
    names: NameIndex,
    people: Mapping[str, Person],
    named: Mapping[int, Sequence[NameMatch]],
    lang: str,
    day: dt.date,
) -> tuple[FigureValue, ...]:
    """The values of the figures of each anchored block's topics, in reading order."""
    if reader.any_phrase is None:
        return ()
    sources = _Sources(names, people, lambda: _mentions(blocks, names, named))
    values: list[FigureValue] = []
    for block in blocks:
        figures = [f for f in reader.figures if f.topic in block.topics] if block.number else []
        if figures and find_terms(reader.any_phrase, fold(block.text)):
            values.extend(_block_values(block, figures, lang, day, sources))
    return tuple(values)


def _mentions(
    blocks: Sequence[Block], names: NameIndex, named: Mapping[int, Sequence[NameMatch]]
) -> list[Mention]:
    """The actors the article names, for a provenance written as a pronoun or a title."""
    return [
        m
        for b in blocks
        if b.number
        for m in find_mentions(b.number, b.text, names, lambda _: False, named.get(b.number))
    ]


# ---------------------------------------------------------------- pairing


def fits(amount: Amount, spec: FigureSpec) -> bool:
    """Whether `amount` is in the unit `spec` counts (rule 4)."""
    unit = _singular(spec.unit)
    if spec.unit.strip() == "%":
        return amount.unit == "%"
    if unit in _CURRENCIES:
        return amount.unit in CURRENCIES
    if unit in MEASURES:
        return _singular(amount.unit) == unit
    return amount.unit == ""


def _singular(unit: str) -> str:
    word = " ".join(fold(unit).split())
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


_CURRENCIES = frozenset(_singular(c) for c in CURRENCIES)


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where the sentences and the asides of a block's text are."""

    text: str
    folded: str
    asides: tuple[tuple[int, int], ...]

    def aside(self, pos: int) -> int:
        """The aside holding `pos` (its index), or -1."""
        return next((i for i, (s, e) in enumerate(self.asides) if s <= pos < e), -1)

    def words(self, start: int, end: int, aside: int) -> list[str]:
        """The words of `[start, end)`, those of asides other than `aside` left out."""
        spans = [(s, e) for i, (s, e) in enumerate(self.asides) if i != aside]
        return [
            m.group()
            for m in _WORDS.finditer(self.folded, start, end)
            if not any(s <= m.start() < e for s, e in spans)
        ]


def _block_values(
    block: Block, figures: list[_Figure], lang: str, day: dt.date, sources: _Sources
) -> list[FigureValue]:
    text = block.text
    found = _current(fold(text), amounts(text, lang))
    if not found:
        return []
    layout = _Layout(text, fold(text), tuple(m.span() for m in _ASIDE.finditer(fold(text))))
    phrases = [(s, e, f) for f in figures for s, e in find_terms(f.pattern, layout.folded)]
    candidates = []
    for index, amount in enumerate(found):
        for start, end, figure in phrases:
            if fits(amount, figure.spec):
                key = _closeness(layout, found, index, start, end)
                if key is not None:
                    candidates.append(((*key, -(end - start), figure.order), index, start, figure))
    candidates.sort(key=lambda c: c[0])
    taken: dict[tuple[int, str], _Figure] = {}
    used: set[tuple[int, str]] = set()
    for _, index, start, figure in candidates:
        if (index, figure.topic) not in taken and (start, figure.topic) not in used:
            taken[index, figure.topic] = figure
            used.add((start, figure.topic))
    values = []
    for (index, _), figure in sorted(taken.items(), key=lambda t: (t[0][0], t[1].order)):
        amount = found[index]
        provenance, given_at = sources.of(text, block.number, found, index)
        values.append(
            FigureValue(
                topic=figure.topic,
                figure=figure.spec.id,
                value=amount.value,
                unit=figure.spec.unit if amount.unit == "" else amount.unit,
                qualifier=amount.qualifier,
                written=text[amount.first : amount.end],
                provenance=provenance,
                date=_date(text, amount, given_at, day),
                block=block.number,
            )
        )
    return values


def _closeness(
    layout: _Layout, found: list[Amount], index: int, start: int, end: int
) -> tuple[int, int] | None:
    """(words between, 0 when the amount comes first) for a phrase at `[start, end)` and the
    amount `found[index]`, or None when they are not next to each other (rules 1 to 3)."""
    amount = found[index]
    aside = layout.aside(amount.first)
    if layout.aside(start) != aside:
        return None
    first = amount.end <= start
    low, high = (amount.end, start) if first else (end, amount.first)
    if high < low or sentence_start(layout.text, low) != sentence_start(layout.text, high):
        return None
    if any(
        low <= other.first < high and layout.aside(other.first) == aside
        for i, other in enumerate(found)
        if i != index
    ):
        return None
    words = layout.words(low, high, aside)
    if len(words) > MAX_GAP or (not first and not _CONJUNCTIONS.isdisjoint(words)):
        return None
    return len(words), 0 if first else 1


def _current(folded: str, found: list[Amount]) -> list[Amount]:
    """The amounts without the first of `de A à B`, `from A to B` (rule 5)."""
    dropped = {
        i
        for i, (one, two) in enumerate(pairwise(found))
        if _FROM_TO.match(folded[one.end : two.first])
        and _FROM.search(folded, max(0, one.first - 6), one.first)
    }
    return [a for i, a in enumerate(found) if i not in dropped]


# ---------------------------------------------------------------- provenance and date


class _Sources:
    """Who gives the numbers of one article, resolved as quotes' speakers are."""

    def __init__(
        self,
        names: NameIndex,
        people: Mapping[str, Person],
        mentions: Callable[[], Sequence[Mention]],
    ) -> None:
        self.names = names
        self.speakers = Speakers(names, people, mentions)

    def of(self, text: str, block: int, found: list[Amount], index: int) -> tuple[Speaker, int]:
        """Who gives `found[index]`, and where the words naming them are (-1: nowhere)."""
        amount = found[index]
        start = sentence_start(text, amount.first)
        end = sentence_end(text, amount.end)
        following = [a.first for a in found[index + 1 :] if a.first < end]
        clue = (
            according_to(text, amount.end, following[0] if following else end, self.names)
            or clue_before(text, amount.first, start, self.names)
            or self._after_comma(text, amount.end, end)
            or according_to(text, amount.end, end, self.names)
        )
        if clue is None:
            return Speaker(""), -1
        giver = _giver(text, clue)
        speaker = self.speakers.resolve(giver, block)
        if speaker.id and not self.names.find(giver.phrase) and not self._named(giver, speaker):
            speaker = Speaker(_as_written(giver.phrase))
        return speaker, clue.offset

    def _named(self, giver: Clue, speaker: Speaker) -> bool:
        """Whether the names in a phrase that named no alias (`le ministère de la Santé`) fit
        the actor a title or pronoun was resolved to (the Turkish foreign ministry does not)."""
        person = self.speakers.people.get(speaker.id or "")
        if person is None:
            return False
        known = {w[:3] for w in _WORDS.findall(fold(f"{person.name} {person.role}"))}
        names = [w for w in giver.phrase.split()[1:] if w[:1].isupper()]
        return all(fold(w)[:3] in known for w in names)

    def _after_comma(self, text: str, start: int, end: int) -> Clue | None:
        """`…, a indiqué le ministère`, `…, the ministry said`."""
        comma = text.find(",", start, end)
        while comma >= 0:
            clue = clue_after(text, comma, False, self.names)
            if clue is not None:
                return clue
            comma = text.find(",", comma + 1, end)
        return None


def _as_written(phrase: str) -> str:
    """A provenance in its own words, a leading determiner in lower case: `les autorités…`."""
    text = " ".join(phrase.split())
    first = _WORDS.match(fold(text))
    return text[0].lower() + text[1:] if first and first.group() in _DETERMINERS else text


def _giver(text: str, clue: Clue) -> Clue:
    """Who gives the count a clue names: `un nouveau bilan du ministère` is `ministère`, and
    `les chiffres publiés par l'OTAN` (a phrase cut at its participle) is `l'OTAN`."""
    folded = fold(clue.phrase)
    counted = _COUNTED_BY.match(folded)
    if counted is not None and counted.end() < len(clue.phrase):
        return Clue(clue.phrase[counted.end() :], clue.offset + counted.end())
    if _COUNT.fullmatch(folded) is None:
        return clue
    after = clue.offset + len(clue.phrase)
    by = _BY.match(fold(text), after)
    found = noun_phrase(text, by.end(), sentence_end(text, after)) if by else None
    return found or clue


def _date(text: str, amount: Amount, given_at: int, day: dt.date) -> dt.date:
    """The day the sentence gives the amount on, or the article's (`day`): a day written in the
    amount's clause or its provenance's (`…, a indiqué le ministère le 20 mai`), or anywhere in
    the sentence after `au`, `as of` (`Au 3 mai, …`), in the month up to `day`."""
    start = sentence_start(text, amount.first)
    end = sentence_end(text, amount.end)
    folded = fold(text)
    clauses = [_clause(folded, amount.first, start, end)]
    if given_at >= 0:
        clauses.append(_clause(folded, given_at, start, end))
    best: tuple[int, dt.date] | None = None
    for written in dates(text[start:end]):
        at = start + written.start
        before = _WORDS.findall(folded, max(0, at - 30), at)[-2:]
        ranged = before[-1:] == ["et"] or before[-1:] == ["and"] or before[-1:] == ["au"]
        if _UNDATING.intersection(before[-1:]) or (ranged and before[0].isdigit()):
            continue  # `depuis le 7 octobre`, `l'offensive des 19 et 20 septembre`
        opening = set(_WORDS.findall(folded, start, at)) <= _OPENERS  # `Le 27 septembre, …`
        as_of = opening or bool(_AS_OF.search(folded, max(0, at - 15), at))
        if not as_of and not any(low <= at < high for low, high in clauses):
            continue
        when = resolve_date(written, day)
        if when is None or not day - DATED_WITHIN <= when <= day:
            continue
        distance = abs(at - amount.first)
        if best is None or distance < best[0]:
            best = (distance, when)
    return best[1] if best else day


def _clause(folded: str, pos: int, start: int, end: int) -> tuple[int, int]:
    """The part of the sentence `[start, end)` holding `pos` between two commas (or `;`, `:`,
    brackets, dashes)."""
    low = max((folded.rfind(c, start, pos) for c in _CLAUSE_MARKS), default=-1)
    highs = [i for i in (folded.find(c, pos, end) for c in _CLAUSE_MARKS) if i >= 0]
    return max(low + 1, start), min(highs, default=end)
