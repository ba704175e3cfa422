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
6. when several phrases or figures could take an amount, the best supported pair wins: the
   figure with most of its phrases in the amount's clause and most of its label's words in the
   sentence (`1 200 morts côté israélien` is the toll in Israel, not in Gaza, when both
   figures have `morts`), then the nearest (fewest words between, a comma between a phrase and
   the amount after it counting four; then the amount before its phrase, as in `200 morts`),
   then the longer phrase, then the figure written first. Each amount is a value of one figure
   at most, and each phrase of a topic is used once.

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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from ..model import Block, FigureSpec, FigureValue, Person, Quote, Topic
from .attribution import sentence_end, sentence_start
from .matching import NameIndex, NameMatch, compile_terms, find_terms, fold
from .numbers import CURRENCIES, MEASURES, Amount, amounts, dates, resolve_date
from .provenance import Sources
from .scope import in_scope
from .speakers import Mention, find_mentions

MAX_AFTER = 8
"""Words between an amount and a phrase after it, at most (`44 800 Palestiniens ont été tués`)."""
MAX_BEFORE = 16
"""Words between a phrase and an amount after it, at most (`the death toll in Gaza since the
start of the war has risen to 15,200`)."""
COMMA_WORDS = 4
"""What a comma between a phrase and the amount after it weighs, in words, when pairs are
ranked: `1 400 personnes ont été tuées, plus de 120 Israéliens enlevés` pairs 120 with
`enlevés`."""
DATED_WITHIN = dt.timedelta(days=31)
"""A day the sentence writes dates a value only this close before the article."""
_WORDS = re.compile(r"[^\W_]+")
_FUNCTION_WORDS = frozenset(
    """dans depuis lors pour entre avec sans sous chez leur leurs cette selon contre plus moins
    tous toutes sont apres avant since with from into their that this during after before
    over under than have been were""".split()
)
_CONJUNCTIONS = frozenset("et ou mais contre tandis and or but while whereas versus".split())
_ASIDE = re.compile(
    r"(?<![^\W_])(?:dont|including|among\s+(?:them|whom|which|those)|parmi\s+(?:lesquel(?:le)?s"
    r"|eux|elles)|y\s+compris|soit|c'est-a-dire|notamment)(?![^\W_])[^,;:()\u2014]*|\([^()]*\)?"
)
_FROM_TO = re.compile(r"\s*(?:a|au|to|-)\s*$")
_FROM = re.compile(r"(?<![^\W_])(?:de|from|d')\s*$")
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


@dataclass(frozen=True, slots=True)
class _Figure:
    topic: str
    order: int
    """Topics and figures in the order the site writes them: the tie-breaker of last resort."""
    spec: FigureSpec
    pattern: re.Pattern[str]
    label: frozenset[str] = frozenset()
    """The label's words (their first five letters), which tell figures sharing a phrase apart."""


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
                    words = _WORDS.findall(fold(spec.label))
                    label = frozenset(
                        _stem(w)
                        for w in words
                        if len(w) > 3 and w.isalpha() and w not in _FUNCTION_WORDS
                    )
                    figures.append(_Figure(topic.id, len(figures), spec, pattern, label))
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
    quotes: Sequence[Quote] = (),
) -> tuple[FigureValue, ...]:
    """The values of the figures of each anchored block's topics, in reading order; `quotes`
    are the article's, whose speakers give the numbers they quote."""
    if reader.any_phrase is None:
        return ()
    sources = Sources(names, people, lambda: _mentions(blocks, names, named), quotes)
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
    block: Block, figures: list[_Figure], lang: str, day: dt.date, sources: Sources
) -> list[FigureValue]:
    text = block.text
    found = _current(fold(text), amounts(text, lang))
    if not found:
        return []
    layout = _Layout(text, fold(text), tuple(m.span() for m in _ASIDE.finditer(fold(text))))
    phrases = [(s, e, f) for f in figures for s, e in find_terms(f.pattern, layout.folded)]
    candidates = []
    for index, amount in enumerate(found):
        bounds = sentence_start(text, amount.first), sentence_end(text, amount.end)
        clause = _clause(layout.folded, amount.first, *bounds)
        said = {_stem(w) for w in _WORDS.findall(layout.folded, *bounds)}
        for start, end, figure in phrases:
            spec = figure.spec
            if fits(amount, spec) and in_scope(
                text, (amount.first, amount.end), bounds, spec.unit, spec.label, spec.phrases
            ):
                key = _closeness(layout, found, index, start, end)
                if key is not None:
                    evidence = len(set(_phrases_in(layout.folded, clause, phrases, figure)))
                    evidence += len(figure.label & said)
                    rank = (-evidence, *key, -(end - start), figure.order)
                    candidates.append((rank, index, start, figure))
    candidates.sort(key=lambda c: c[0])
    taken: dict[int, _Figure] = {}
    used: set[tuple[int, str]] = set()
    for _, index, start, figure in candidates:
        if index not in taken and (start, figure.topic) not in used:
            taken[index] = figure
            used.add((start, figure.topic))
    values = []
    for index, figure in sorted(taken.items()):
        amount = found[index]
        end = sentence_end(text, amount.end)
        following = next((a.first for a in found[index + 1 :] if a.first < end), end)
        aside = layout.aside(amount.first)
        given = sources.of(
            text,
            block.number,
            (amount.first, amount.end),
            following,
            lambda pos, aside=aside: layout.aside(pos) not in (aside, -1),
        )
        values.append(
            FigureValue(
                topic=figure.topic,
                figure=figure.spec.id,
                value=amount.value,
                unit=figure.spec.unit if amount.unit == "" else amount.unit,
                qualifier=amount.qualifier,
                written=text[amount.first : amount.end],
                provenance=given.speaker,
                date=_date(text, amount, given.at, day),
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
    if first:
        return (len(words), 0) if len(words) <= MAX_AFTER else None
    if len(words) > MAX_BEFORE or not _CONJUNCTIONS.isdisjoint(words):
        return None
    commas = sum(1 for i in range(low, high) if layout.text[i] == "," and layout.aside(i) == aside)
    return len(words) + COMMA_WORDS * commas, 1


def _stem(word: str) -> str:
    return word[:5]


def _phrases_in(
    folded: str,
    clause: tuple[int, int],
    phrases: list[tuple[int, int, _Figure]],
    figure: _Figure,
) -> list[str]:
    """The phrases of `figure` written in `clause`."""
    return [folded[s:e] for s, e, f in phrases if f is figure and clause[0] <= s < clause[1]]


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
