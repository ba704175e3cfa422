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
6. two amounts given side by side as parts of a whole are not values (`198 soldats et 25
   civils`, `3,5 % … et 1,5 % supplémentaire`; `text.scope.breakdowns`);
7. when several phrases or figures could take an amount, the best supported pair wins: a
   figure whose phrase qualifies another figure's (same unit) written as the amount's noun
   (`the deaths of 41 hostages`), then the figure with most of its phrases in the amount's
   clause and most of its label's words in the sentence, the amount's noun one of them when
   it is no phrase (`1 200 morts côté israélien`, `1,400 Israelis` are the toll in Israel,
   not in Gaza, when both figures have `morts`; but an actor's words do not count: `killed by
   Israel`, `Israel's strikes`, `the Israeli offensive`, `les frappes israéliennes`), then the
   nearest (fewest words between, a
   comma between a phrase and the amount after it counting four; then the amount before its
   phrase, as in `200 morts`), then the longer phrase, then the figure written first. Each
   amount is a value of one figure at most, and each phrase of a topic is used once.

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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from ..model import Block, FigureSpec, FigureValue, Person, Quote, Topic
from .attribution import sentence_end, sentence_start
from .figurewords import widening
from .matching import (
    NameIndex,
    NameMatch,
    any_written,
    compile_terms,
    find_terms,
    fold,
    word_match,
)
from .numbers import CURRENCIES, MEASURES, Amount, amounts, dates, resolve_date
from .provenance import Sources
from .scope import (
    CLAUSE_MARK,
    breakdowns,
    group_of,
    in_scope,
    last_mark,
    one_event,
    population,
    running_from,
    running_total,
    same_start,
)
from .speakers import Mention, find_mentions

MAX_AFTER = 12
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
_PARTITIVE = re.compile(
    r"\s+(?:of|des|sur|parmi)\s+(?:the\s+|les\s+|ses\s+|its\s+)?(?:(?:[^\W\d_]+'s|[^\W\d_]+)\s+)?"
)
_DAY_AFTER = re.compile(
    r"\s*(?:on\s+|le\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi"
    r"|mercredi|jeudi|vendredi|samedi|dimanche|yesterday|hier|the\s+day\s+before|la\s+veille)"
    r"(?![^\W_])"
)
_DEFINITE = frozenset("le la les l the ces these those their leurs ses its his her".split())
# A share of the number named between it and a phrase after it: the phrase counts the share.
_SHARES = frozenset(
    "third thirds half quarter majority tiers moitie quart majorite pourcentage percent".split()
)
_SHARE_LINKS = frozenset(
    "of which whom them were are was d de des les the dont entre eux elles sont etaient".split()
)
_CONJUNCTIONS = frozenset("et ou mais contre tandis and or but while whereas versus".split())
# `contre`, `versus` set two counts side by side only right before the second (`120 morts
# contre 80`); elsewhere they are prepositions (`tués lors des frappes contre Gaza dépasse`).
_AGAINST = frozenset("contre versus".split())
_ASIDE = re.compile(
    r"(?<![^\W_])(?:dont|including|among\s+(?:them|whom|which|those)|parmi\s+(?:lesquel(?:le)?s"
    r"|eux|elles)|y\s+compris|soit|c'est-a-dire|notamment)(?![^\W_])"
    r"(?:[^,;:()\u2014]|(?<=\d),(?=\d))*|\([^()]*\)?"
    # `1.7 million people, or 75% of the population, have…`: another measure of the same count
    r"|(?<=,\s)(?:or|ou)\s+(?=(?:[^\W\d_]+\s+){0,2}\d)(?:[^,;:()\u2014]|(?<=\d),(?=\d))*"
    # `1.7 million people - about 75% of the population - have…`: an aside between dashes
    r"|(?<=\s)[-\u2013\u2014]\s[^-\u2013\u2014.;:]*\s[-\u2013\u2014](?=\s)"
)
# What each of `_ASIDE`'s forms writes: its opening word or bracket, `, or`, ` - `.
_ASIDE_OPENERS = (
    "dont",
    "including",
    "among",
    "parmi",
    "compris",
    "soit",
    "c'est-a-dire",
    "notamment",
    "(",
)
# (each opening on a literal or a class of three: a search of it skips to those alone)
_ASIDE_OR = re.compile(r",\s(?:or|ou)\s")
_ASIDE_DASH = re.compile(r"[-\u2013\u2014](?<=\s[-\u2013\u2014])\s")


def _asides(folded: str) -> tuple[tuple[int, int], ...]:
    """The spans of `_ASIDE`'s matches in `folded`, searched for only where one of its forms
    may be (its own search tries every place a word starts: most paragraphs have none)."""
    for opener in _ASIDE_OPENERS:
        if opener in folded:
            return _aside_spans(folded)
    if _ASIDE_OR.search(folded) is None and _ASIDE_DASH.search(folded) is None:
        return ()
    return _aside_spans(folded)


# Where a match of `_ASIDE` may start: one of its opening words, a bracket, a dash, and two
# characters after a comma (`, or`); `y compris` is found from its `compris`.
_ASIDE_STARTS = (
    "dont",
    "including",
    "among",
    "parmi",
    "soit",
    "c'est-a-dire",
    "notamment",
    "(",
    "-",
    "\u2013",
    "\u2014",
)


def _aside_spans(folded: str) -> tuple[tuple[int, int], ...]:
    """`_ASIDE.finditer(folded)`'s spans, each match tried only where one may start (`_ASIDE`
    opens on look-behinds, with which its own search runs at every character: half the
    cost of a paragraph's reading where one of its words is written)."""
    spans = []
    end = 0
    for at in _aside_starts(folded):
        if at >= end:
            match = _ASIDE.match(folded, at)
            if match is not None:  # never empty: a word, a bracket or a dash at least
                spans.append(match.span())
                end = match.end()
    return tuple(spans)


def _aside_starts(folded: str) -> list[int]:
    """The places, in order, where `_ASIDE` may match: a superset of where it does."""
    starts = []
    for literal in _ASIDE_STARTS:
        at = folded.find(literal)
        while at >= 0:
            starts.append(at)
            at = folded.find(literal, at + 1)
    at = folded.find(",")
    while at >= 0:
        starts.append(at + 2)
        at = folded.find(",", at + 1)
    at = folded.find("compris")
    while at >= 0:
        low = at
        while low > 0 and folded[low - 1].isspace():
            low -= 1
        if 0 < low < at:
            starts.append(low - 1)  # the `y` of `y compris`, if it is one
        at = folded.find("compris", at + 1)
    return sorted(set(starts))


# Nouns of what holds people, counted right after a number: no count of people.
_THINGS = frozenset(
    """households household homes houses families buildings camps sites shelters schools
    villages towns menages foyers maisons familles batiments abris ecoles localites""".split()
)
_MORE = re.compile(r"\s+(?:more|additional)\s+")
# `43 of those killed`, `3 522 d'entre eux`: a part of a group counted elsewhere, which the
# phrase after it names; `23 of the 32 allies` names the whole's number (`_whole_of`).
_OF_GROUP = re.compile(
    r"\s+(?:of\s+(?:those|these|them|the)|des|d'\s*entre\s+(?:eux|elles)|parmi\s+(?:les|ces))\s+"
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
    single: bool = False
    """The label counts one new thing (a package), never a running total."""
    running: bool = False
    """The label counts a running total from a start (`cumul depuis février 2022`)."""


@dataclass(frozen=True, slots=True)
class FigureReader:
    """Every topic's figures with their phrases compiled, to be read in an article's blocks."""

    figures: tuple[_Figure, ...]
    any_phrase: re.Pattern[str] | None = field(default=None, compare=False)

    @classmethod
    def build(cls, topics: Sequence[Topic]) -> FigureReader:
        figures = []
        every: list[str] = []
        for topic in topics:
            # The topic's phrases with the forms of their word families (`ont péri` for `tués`)
            phrasings = widening(topic.figures)
            for spec, phrases in zip(topic.figures, phrasings, strict=True):
                every.extend(phrases)
                pattern = compile_terms(agreeing(phrases))
                if pattern is not None:
                    words = _WORDS.findall(fold(spec.label))
                    label = frozenset(
                        _stem(w)
                        for w in words
                        if len(w) > 3 and w.isalpha() and w not in _FUNCTION_WORDS
                    )
                    figures.append(
                        _Figure(
                            topic.id,
                            len(figures),
                            spec,
                            pattern,
                            label,
                            one_event(spec.label),
                            running_from(spec.label),
                        )
                    )
        return cls(tuple(figures), compile_terms(agreeing(every)))


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
    of_topics: dict[tuple[str, ...], list[_Figure]] = {}
    first = min((b.number for b in blocks if b.number), default=0)  # where a dateline is
    for block in blocks:
        if not block.number or not block.topics:
            continue
        figures = of_topics.get(block.topics)
        if figures is None:
            figures = [f for f in reader.figures if f.topic in block.topics]
            of_topics[block.topics] = figures
        if figures and word_match(reader.any_phrase, fold(block.text)) is not None:
            opening = block.number <= first + 1  # a headline may come before it
            values.extend(_block_values(block, figures, lang, day, sources, opening))
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


_PARTICIPLE = re.compile(r"(?<=[^\W\d_])(?:é|ée|és|ées)(?![^\W_])")


_AGREEING_PLURAL = re.compile(r"(?<=[^\W\d_]{2})t(?=s(?![^\W_]))")
# A French infinitive in `-ir`, `-er` and the endings of its past participle.
_INFINITIVE = re.compile(r"(?<![^\W_])[^\W\d_]{2,}(?P<ending>ir|er)(?![^\W_])")
_PARTICIPLES_OF = {"ir": ("i", "is", "ie", "ies"), "er": ("é", "ée", "és", "ées")}
_ENGLISH_PARTICIPLE = re.compile(r"([^\W\d_]{4,})ed$")
_FRENCH_PARTICIPLE = re.compile(r"([^\W\d_]{5,})(?:é|ée|és|ées)$")


def agreeing(phrases: Iterable[str]) -> list[str]:
    """The phrases with each French past participle in its four forms: `tués` also finds
    `tuée`, `tués`, `tuées`, as the copy agrees it with what it counts; and a phrase ending on
    a participle also in the other forms of its verb and its nouns, written as the stem and
    `*` (`killed` finds `killing`, `kills`; `injured` finds `injuries`; `blessés` finds
    `blessures`; `rentrés` finds `rentrer`, `rentrent`), when the stem is long enough to say
    which verb it is (four letters in English, five in French: never `tu*` of `tués`). A French
    infinitive also finds its participle (`fuir leur pays` finds `ont fui leur pays`)."""
    found = []
    for phrase in phrases:
        last = phrase.rsplit(maxsplit=1)[-1].rstrip("*")  # `blessé*` is `blessé` and more
        stem = _ENGLISH_PARTICIPLE.match(last) or _FRENCH_PARTICIPLE.match(last)
        if stem is not None:
            found.append(f"{phrase.rstrip('*')[: len(phrase.rstrip('*')) - len(last)]}{stem[1]}*")
        forms = [phrase]
        for match in reversed(list(_PARTICIPLE.finditer(phrase))):  # offsets hold right to left
            forms = [
                f"{form[: match.start()]}{ending}{form[match.end() :]}"
                for form in forms
                for ending in ("é", "ée", "és", "ées")
            ]
        for match in reversed(list(_INFINITIVE.finditer(phrase))):
            # `fuir leur pays` also `ont fui leur pays`, `quitter` also `ont quitté`
            endings = _PARTICIPLES_OF[match["ending"]]
            forms += [
                f"{form[: match.start('ending')]}{ending}{form[match.end() :]}"
                for form in forms
                for ending in endings
            ]
        for match in reversed(list(_AGREEING_PLURAL.finditer(phrase))):
            # `morts` also `mortes`: the feminine of a plural in `-ts`
            forms += [f"{form[: match.end()]}e{form[match.end() :]}" for form in forms]
        found.extend(dict.fromkeys(forms))
    return found


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
        if not self.asides:
            return -1  # most paragraphs
        return next((i for i, (s, e) in enumerate(self.asides) if s <= pos < e), -1)

    def words(self, start: int, end: int, aside: int) -> list[str]:
        """The words of `[start, end)`, those of asides other than `aside` left out."""
        spans = [(s, e) for i, (s, e) in enumerate(self.asides) if i != aside]
        if not spans:
            return _WORDS.findall(self.folded, start, end)
        return [
            m.group()
            for m in _WORDS.finditer(self.folded, start, end)
            if not any(s <= m.start() < e for s, e in spans)
        ]


# A wire dateline opening a paragraph: `TEHRAN, Oct. 28 (MNA) – `, `GENEVA (Reuters) – `,
# `Deir al-Balah (bande de Gaza), 29 novembre (LaPresse/AP) – `, `DAMASCUS, Syria — `.
_DATELINE = re.compile(
    r"[A-ZÀ-Ý][^\n!?]{0,80}?\([A-Z][^()]{0,40}\)\s*[–—-]\s+"
    r"|[A-ZÀ-Ý][A-ZÀ-Ý'’ .-]+(?:,\s+[^\n.!?–—]{1,40})?\s+[–—]\s+"
)


def _without_dateline(text: str) -> str:
    """`text` with its dateline blanked, offsets kept: a place, a day and an agency's name
    are neither a source nor a part of the first sentence."""
    match = _DATELINE.match(text)
    return " " * match.end() + text[match.end() :] if match else text


def _block_values(
    block: Block,
    figures: list[_Figure],
    lang: str,
    day: dt.date,
    sources: Sources,
    opening: bool = False,
) -> list[FigureValue]:
    """The values of one block; `opening`: one of the article's first two paragraphs, which
    may open on a dateline."""
    text = _without_dateline(block.text) if opening else block.text
    folded = fold(text)
    phrases = [(s, e, f) for f in figures for s, e in find_terms(f.pattern, folded)]
    if not phrases:  # the phrase found was another topic's
        return []
    found = _current(folded, amounts(text, lang))
    if not found:
        return []
    layout = _Layout(text, folded, _asides(folded))
    candidates = []
    saying: dict[tuple[int, int], set[str]] = {}
    # The words `_said` gives are only ever compared with the figures' labels
    labelled = frozenset().union(*(f.label for f in figures))
    apart = breakdowns(folded, found)
    for index, amount in enumerate(found):
        bounds = sentence_start(text, amount.first), sentence_end(text, amount.end)
        near = _specific([(s, e, f) for s, e, f in phrases if bounds[0] <= s < bounds[1]])
        if not near:
            continue
        aside = layout.aside(amount.first)
        if aside >= 0 and folded[layout.asides[aside][0]] != "(":
            low, high = layout.asides[aside]
            closed = low >= bounds[0] and high < bounds[1] and folded[high] in _CLAUSE_MARKS
            if closed and all(low <= s < high for s, _, _ in near):
                # `2,350 people missing, including around 1,300 children`: a part of a whole
                # no figure counts is not counted either
                continue
        clause = _clause(folded, amount.first, *bounds)
        said: set[str] | None = None  # read when a figure is in scope, once per sentence
        told: set[str] | None = None
        others = [a for a in layout.asides if not a[0] <= amount.first < a[1]]
        # The amount's noun, when no phrase is written there, says whose count it is
        noun = _noun(folded, amount)
        named = "" if not noun or any(s == amount.end + 1 for s, _, _ in near) else _stem(noun)
        scoped: dict[int, bool] = {}
        total: str | bool | None = False  # not read yet
        for start, end, figure in near:
            if any(
                g is not figure
                and g.spec.unit == figure.spec.unit
                and _JOINED.fullmatch(folded, min(e, end), max(s, start))
                for s, e, g in near
            ):
                continue  # `tuées ou blessées`, `killed and wounded`: a count of both together
            if figure.single:
                # A running total (`$62 billion since the 2022 invasion`) is no new package's
                # value: it is the value of the topic's running total from that start, if any.
                if total is False:
                    total = running_total(text, (amount.first, amount.end), bounds)
                if isinstance(total, str):
                    runner = _running_of(figures, figure)
                    if runner is None or not same_start(total, runner.spec.label):
                        continue
                    figure = runner
            spec = figure.spec
            group = apart.get(index, group_of(spec.unit))
            # `2,913 children and 1,709 women`: parts, but the children's count for a figure
            # counting `enfants`, in either language
            if not fits(amount, spec) or (
                group != group_of(spec.unit) and not _names_unit(group, spec.unit)
            ):
                continue
            if noun in _THINGS and _singular(noun) != _singular(spec.unit):
                continue  # `4,800 households`, `1 500 camps`: places and homes, not people
            if _MORE.fullmatch(folded, amount.end, start):
                continue  # `12 more deaths`: an increment of what the phrase counts
            if not amount.unit and _OF_GROUP.fullmatch(folded, amount.end, start):
                continue  # `48 of those killed`: a part of the phrase's count, not the count
            key = _closeness(layout, found, index, start, end)
            if key is None:
                continue
            if figure.order not in scoped:  # once per figure, not per phrase
                scoped[figure.order] = in_scope(
                    text,
                    (amount.first, amount.end),
                    bounds,
                    spec.unit,
                    spec.label,
                    spec.phrases,
                    others,
                )
            if scoped[figure.order]:
                if said is None or told is None:
                    said = saying.get(bounds)
                    if said is None:
                        said = saying[bounds] = _said(folded, *bounds, among=labelled)
                    told = _said(folded, *clause, sourced=False, among=labelled)
                own = {_stem(w) for w in _WORDS.findall(folded, start, end)}
                shared = any(g is not figure and (s, e) == (start, end) for s, e, g in near)
                evidence = len(set(_phrases_in(folded, clause, near, figure)))
                # A phrase other figures share is no support for the one whose label also
                # writes it: `morts` in `Otages … tenus pour morts` says nothing of `493 morts`.
                evidence += len(figure.label & said - (own if shared else set()))
                evidence += named in figure.label  # `1,400 Israelis`
                counted = _counts(folded, amount, spec.unit)
                qualified = _qualifies(folded, amount, clause, near, figure)
                # Last, the label's words in the amount's own clause (not the phrase's: `morts`
                # is in `Otages … tenus pour morts`) tell apart two figures sharing a phrase.
                local = len(figure.label & told - own)
                rank = (
                    -qualified,
                    -evidence,
                    -counted,
                    *key,
                    -(end - start),
                    -local,
                    figure.order,
                )
                candidates.append((rank, index, start, figure))
    candidates.sort(key=lambda c: c[0])
    wholes = {i: w for i in range(len(found)) if (w := _whole_of(folded, found, i)) is not None}
    parts = {w: i for i, w in wholes.items()}
    taken: dict[int, _Figure] = {}
    used: set[tuple[int, str, bool]] = set()
    for _, index, start, figure in candidates:
        # A part and its whole share the noun they count (`23 of the 32 allies`), as values of
        # two figures: the part takes the better supported one.
        partner = wholes.get(index, parts.get(index))
        key = (start, figure.topic, index in wholes)
        if index in taken or key in used or (partner in taken and taken[partner] is figure):
            continue
        taken[index] = figure
        used.add(key)
    for whole, part in parts.items():
        # A whole no other figure fits counts the figure its part took: the part is a subset
        # (`30 of the 136 hostages have died`).
        # But not to a population (`4 000 des 90 000 Arméniens qui vivent dans …`).
        if whole not in taken and part in taken and not population(folded, found[whole].end):
            taken[whole] = taken.pop(part)
    _series(folded, found, taken)
    _previous(text, folded, found, taken)
    _included(layout, found, taken)
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


def _running_of(figures: list[_Figure], figure: _Figure) -> _Figure | None:
    """The figure of `figure`'s topic and unit that counts a running total, if one does."""
    return next(
        (
            f
            for f in figures
            if f.running and f.topic == figure.topic and f.spec.unit == figure.spec.unit
        ),
        None,
    )


def _specific(near: list[tuple[int, int, _Figure]]) -> list[tuple[int, int, _Figure]]:
    """The phrases but those inside another figure's longer one written there: `morts côté
    israélien` is the toll in Israel's, and its `morts` is not the toll in Gaza's."""
    return [
        (s, e, f)
        for s, e, f in near
        if not any(
            g is not f and g.spec.unit == f.spec.unit and t <= s and e <= u and u - t > e - s
            for t, u, g in near
        )
    ]


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
    whole = _whole_of(layout.folded, found, index) if first else None
    if any(
        low <= other.first < high and layout.aside(other.first) == aside and not other.spelled
        for i, other in enumerate(found)
        if i not in (index, whole)
    ):
        return None
    if whole is not None and start >= found[whole].end:  # `23 of the 32 allies`: `allies`
        low = found[whole].end
    words = layout.words(low, high, aside)
    if amount.spelled:  # `Twenty-three allies`, never `the three countries`
        before = _WORDS.findall(layout.folded, max(0, amount.first - 12), amount.first)[-1:]
        return (0, 0) if first and not words and not _DEFINITE.intersection(before) else None
    if first:
        if layout.folded[low:start].rstrip().endswith(",") and _PARTICIPLE_CLAUSE.match(
            layout.folded, start, end
        ):
            return None  # `32 ambulances in Gaza, killing 192 …`: the participle's own count
        share = max((i for i, w in enumerate(words) if w in _SHARES), default=-1)
        if share >= 0 and _SHARE_LINKS.issuperset(words[share + 1 :]):
            return None  # `4,651 lives, a third of which children`: the phrase is the share's
        return (len(words), 0) if len(words) <= MAX_AFTER else None
    if len(words) > MAX_BEFORE or any(
        w in _CONJUNCTIONS
        and not _BETWEEN.intersection(words[max(0, i - 4) : i])
        and (w not in _AGAINST or i == len(words) - 1)
        for i, w in enumerate(words)
    ):
        return None  # but `entre Israël et le Hamas` joins two nouns, not two counts
    commas = _commas(layout, low, high, aside)
    return len(words) + COMMA_WORDS * commas, 1


def _commas(layout: _Layout, low: int, high: int, aside: int) -> int:
    """The commas of `layout.text[low:high]` in the aside `aside` (-1: in none)."""
    text = layout.text
    if not layout.asides:
        return text.count(",", low, high) if aside == -1 else 0
    found, comma = 0, text.find(",", low, high)
    while comma >= 0:
        found += layout.aside(comma) == aside
        comma = text.find(",", comma + 1, high)
    return found


def _whole_of(folded: str, found: list[Amount], index: int) -> int | None:
    """The amount `found[index]` is a part of: `23 of the alliance's 32`, `18 des 31`."""
    if index + 1 >= len(found):
        return None
    part, whole = found[index], found[index + 1]
    if part.unit != whole.unit or whole.spelled:  # `100 milliards d'euros sur cinq ans`
        return None
    return index + 1 if _PARTITIVE.fullmatch(folded[part.end : whole.first]) else None


def _series(folded: str, found: list[Amount], taken: dict[int, _Figure]) -> None:
    """`630 trucks entered on Sunday, 915 on Monday, 897 on Tuesday`: a number with no noun of
    its own, listed after a value and dated like it, is a value of the same figure."""
    for index in range(1, len(found)):
        before = taken.get(index - 1)
        amount = found[index]
        if index in taken or before is None or amount.spelled or amount.unit:
            continue
        between = folded[found[index - 1].end : amount.first]
        dated = _DAY_AFTER.match(folded, amount.end) and _DAY_AFTER.search(between)
        if dated and between.rstrip().endswith((",", " and", " et")) and "." not in between:
            taken[index] = before


_INCLUDING = re.compile(
    r"(?:dont|including|among\s+(?:them|whom|which|those)|parmi\s+(?:lesquel(?:le)?s|eux|elles)"
    r"|y\s+compris|notamment)(?![^\W_])"
)


def _included(layout: _Layout, found: list[Amount], taken: dict[int, _Figure]) -> None:
    """`90 trucks entered, including 78 trucks of food and 12 of fuel`: numbers in an aside
    listing what a value includes are its parts when they count what it counts (the same
    figure); a part counting another figure (`dont 3 000 enfants`) stays that figure's."""
    for index in [i for i in taken if layout.aside(found[i].first) >= 0]:
        start = layout.asides[layout.aside(found[index].first)][0]
        if not _INCLUDING.match(layout.folded, start):
            continue
        low = sentence_start(layout.text, start)
        wholes = [i for i, a in enumerate(found) if low <= a.first and a.end <= start]
        if wholes and taken.get(wholes[-1]) is taken[index]:
            del taken[index]


_UP_FROM = re.compile(
    r"(?<![^\W_])(?:up|down|rising|falling|increased|risen|rose)\s+from\s+(?:[^\W\d_]+\s+){0,2}$"
    r"|(?<![^\W_])(?:compared\s+(?:with|to)|contre|par\s+rapport\s+aux?)\s+(?:[^\W\d_]+\s+){0,2}$"
)


def _previous(text: str, folded: str, found: list[Amount], taken: dict[int, _Figure]) -> None:
    """`6,650 people had crossed, up from about 4,850 five hours earlier`, `contre 1 200 la
    veille`: the earlier count the sentence gives after a value is a value of its figure."""
    for index in range(1, len(found)):
        before = taken.get(index - 1)
        amount, last = found[index], found[index - 1]
        if index in taken or before is None or amount.unit != last.unit:
            continue
        if sentence_start(text, amount.first) != sentence_start(text, last.first):
            continue
        if _UP_FROM.search(folded, max(last.end, amount.first - 40), amount.first):
            taken[index] = before


def _qualifies(
    folded: str,
    amount: Amount,
    clause: tuple[int, int],
    near: list[tuple[int, int, _Figure]],
    figure: _Figure,
) -> bool:
    """Whether a phrase of `figure` in the amount's clause qualifies what another figure of the
    same unit counts, written as the amount's noun: `the deaths of 41 hostages`, `the number of
    deceased hostages at 66` are dead hostages, not hostages held."""
    own = [(s, e) for s, e, f in near if f is figure and clause[0] <= s < clause[1]]
    if not own:
        return False
    for start, end, other in near:
        if other is figure or other.spec.unit != figure.spec.unit:
            continue
        # `deaths of 41 hostages`: our phrase right before the amount, theirs right after it
        after = start >= amount.end and not folded[amount.end : start].strip()
        around = after and any(
            e <= amount.first and not folded[e : amount.first].strip() for _, e in own
        )
        # `deceased hostages at 66`: our phrase right before theirs
        modified = end <= amount.first and any(
            e <= start and not folded[e:start].strip() for _, e in own
        )
        # `35 hostages are dead`, `36 of those hostages are confirmed dead`: their phrase the
        # amount's noun, ours what the clause says of it
        noun = _NOUN_AFTER.match(folded, amount.end)
        predicated = (
            noun is not None
            and noun.end() == start
            and _names_unit(folded[start:end], figure.spec.unit)
            and any(end <= s and _PREDICATE.fullmatch(folded, end, s) is not None for s, _ in own)
        )
        # `132 otages sont retenus, dont 29 sont morts`: the aside's amount is a part of what
        # the whole's clause counts, which another figure of the same unit names
        whole = _WHOLE_CLAUSE.search(folded, max(0, amount.first - 80), amount.first)
        if whole is None and _OF_WHOM.match(folded, amount.end):
            # `120 remain in captivity, 43 of whom have been declared dead`
            whole = _WHOLE_BEFORE.search(folded, max(0, amount.first - 80), amount.first)
        predicated = predicated or (
            whole is not None
            and whole.start() < start < amount.first
            and any(amount.end <= s for s, _ in own)
        )
        if around or modified or predicated:
            return True
    return False


_OF_WHOM = re.compile(r"\s+(?:of\s+whom|of\s+them|d'entre\s+eux|d'entre\s+elles)(?![^\W_])")
_WHOLE_BEFORE = re.compile(r"\d[^.;:\d]{0,60}?,\s*$")
_WHOLE_CLAUSE = re.compile(r"\d[^.;:\d]{0,60}?,\s*(?:dont|of\s+whom|including)\s+$")


# The nouns a unit is written with in either language, when they are not the unit itself.
_UNIT_NOUNS = {
    "personne": frozenset("people persons individuals".split()),
    "otage": frozenset("hostages hostage captives".split()),
    "enfant": frozenset("children child".split()),
    "camion": frozenset("trucks lorries".split()),
    "civil": frozenset("civilians".split()),
    "employe": frozenset("employees staff staffers".split()),
    "allie": frozenset("allies".split()),
    "pays": frozenset("countries nations".split()),
    "militaire": frozenset("soldiers troops".split()),
}


def _names_unit(phrase: str, unit: str) -> bool:
    """Whether `phrase` (folded) is a noun for what `unit` counts: `hostages` for `otages`."""
    word = _singular(unit)
    return _singular(phrase) == word or phrase in _UNIT_NOUNS.get(word, ())


# A participial clause after a comma: what it says is of what follows it, not of the number
# before the comma.
_PARTICIPLE_CLAUSE = re.compile(r"[^\W\d_]+ing$|tuant$|blessant$|faisant$|laissant$")
_BETWEEN = frozenset("entre between".split())
_JOINED = re.compile(r"\s+(?:et|ou|and|or)\s+")
# Between an amount and its noun: `36 of those hostages`, `41 other hostages`.
_NOUN_AFTER = re.compile(
    r"\s+(?:(?:of|des|d'entre)\s+(?:those|these|the|ces|les)\s+)?(?:other\s+|autres\s+)?"
)
# Between a noun and what the clause says of it: `are dead`, `still in Gaza are confirmed dead`,
# `sont morts`, `were officially declared dead` (a copula, a few words, no clause mark), or
# right after it: `35 hostages confirmed dead`.
_PREDICATE = re.compile(
    r"\s+(?:(?:[^\W\d_]+\s+){0,3}?(?:are|were|is|was|be|been|remain|sont|etaient|seraient"
    r"|sont\s+toujours)\s+(?:[^\W\d_]+\s+){0,2})?"
)


def _noun(folded: str, amount: Amount) -> str:
    """The word right after the amount (`Israelis` of `1,400 Israelis`), or ""."""
    word = (
        _WORDS.match(folded, amount.end + 1) if folded[amount.end : amount.end + 1] == " " else None
    )
    return word.group() if word else ""


def _counts(folded: str, amount: Amount, unit: str) -> int:
    """1 when the amount's noun is the figure's unit (`3 000 enfants` for a figure counting
    `enfants`): it says what is counted better than a verb after it."""
    words = _WORDS.findall(folded, amount.end, amount.end + 40)[:2]
    noun = words[1] if words[:1] in (["de"], ["d"], ["of"]) and len(words) > 1 else words[:1]
    if isinstance(noun, list):
        noun = noun[0] if noun else ""
    return int(bool(noun) and _singular(noun) == _singular(unit))


_ACTIONS = frozenset(
    """aggression agression offensive offensives strikes strike airstrikes frappes frappe
    bombardment bombardments bombardement bombardements bombing bombings raids raid shelling
    attacks attaques operation operations forces troops army military armee troupes soldiers
    soldats""".split()
)
# How nations' adjectives end, in French and English (`israeli`, `israelienne`, `russian`).
_NATIONAL = ("i", "ian", "ians", "ese", "ish", "ien", "ienne", "iens", "iennes", "ais", "aise")
_AGENT = re.compile(r"(?<![^\W_])(?:by|par)\s+(?:l'|le\s+|la\s+|the\s+)?$")


_SINCE_CLAUSE = re.compile(r"(?<![^\W_])(?:depuis|since)(?![^\W_])[^,;:()\u2014.]*")
_STARTED_BY = re.compile(r"(?<![^\W_])(?:attaque|attack|assault|offensive|raid|incursion)")
_GIVEN_BY = re.compile(r"(?<![^\W_])(?:selon|d'apres|according\s+to)(?![^\W_])[^,;:()\u2014.]*")


def _said(
    folded: str, start: int, end: int, sourced: bool = True, among: frozenset[str] | None = None
) -> set[str]:
    """The stems of the sentence's words, but for an actor: a word after `by`, `par` (`killed
    by Israel`) or before `'s` (`Israel's strikes`) names who acts, not where or whom the
    count is of; without `sourced`, nor the words of a source (`selon l'armée israélienne`).
    With `among`, only the stems among those (the labels' words, all they are compared with):
    the others are not looked at (nor read: `_stemmed_among` finds them)."""
    if not sourced and any_written(folded, start, end, _GIVEN_BY_WORDS):
        cut = _GIVEN_BY.search(folded, start, end)
        end = cut.start() if cut else end
    words: list[re.Match[str]] | None = None  # every word of the range, read when needed
    if among is None:
        words = list(_WORDS.finditer(folded, start, end))
        chosen = words
    else:
        chosen = _stemmed_among(folded, start, end, among)
    if not chosen:
        return set()
    # `tués depuis le début de la guerre avec l'attaque du Hamas contre Israël`: what a running
    # count starts from says when it starts, not what it counts
    starts = (
        [
            m.span()
            for m in _SINCE_CLAUSE.finditer(folded, start, end)
            if _STARTED_BY.search(m.group())
        ]
        if any_written(folded, start, end, _SINCE_CLAUSE_WORDS)
        else []
    )
    kept: set[str] = set()
    as_french = _AS_FRENCH
    for m in chosen:
        word = m.group()
        stem = as_french.get(word, word)[:5]  # `_stem`, inline: it is every word's
        if among is not None and stem not in among:
            continue  # a word of `_AS_FRENCH` whose French is no label's
        at = m.start()
        if starts and any(s < at < e for s, e in starts):
            continue
        if folded.startswith("'s ", m.end()):
            continue
        # `_AGENT` ends on a word right after `by`, `par` (or one of its articles after it),
        # written in the eight characters before the word: tried only where one of them is.
        low = max(start, at - 8)
        if any_written(folded, low, at, _BY) and _AGENT.search(folded, low, at):
            continue
        if word.endswith(_NATIONAL):
            if words is None:
                words = list(_WORDS.finditer(folded, start, end))
            i = next(n for n, w in enumerate(words) if w.start() == at)
            before = words[i - 1].group() if i else ""
            if _acting(word, before, words[i + 1 : i + 2]):
                continue
        kept.add(stem)
    return kept


def _stemmed_among(folded: str, start: int, end: int, among: frozenset[str]) -> list[re.Match[str]]:
    """The words of `folded[start:end]` (as `_WORDS` reads them) whose stem may be among
    `among`: each word that `_among_pattern` finds whole, and a word cut by `start`."""
    found = list(_among_pattern(among).finditer(folded, start, end))
    if start > 0 and _WORDS.match(folded, start - 1, start) is not None:
        # the pattern opens on a word's start: it does not see the word `start` cuts
        cut = _WORDS.match(folded, start, end)
        if cut is not None:
            found.insert(0, cut)
    return found


@lru_cache(maxsize=64)
def _among_pattern(among: frozenset[str]) -> re.Pattern[str]:
    """The words whose stem (`_stem`) may be among `among`, each found whole: those opening on
    a stem of five letters, those that are a shorter stem, and the words of `_AS_FRENCH` (whose
    stem is their French's)."""
    opening = sorted(re.escape(s) for s in among if len(s) >= 5)
    whole = sorted([*(re.escape(s) for s in among if len(s) < 5), *map(re.escape, _AS_FRENCH)])
    forms = [f"(?:{'|'.join(opening)})[^\\W_]*"] if opening else []
    forms.append(f"(?:{'|'.join(whole)})(?![^\\W_])")
    return re.compile(r"(?<![^\W_])(?:" + "|".join(forms) + ")")


_BY = ("by", "par")
# What `_GIVEN_BY` and `_SINCE_CLAUSE` write in each of their matches: where none of them is
# written, they are not searched for.
_GIVEN_BY_WORDS = ("selon", "apres", "according")
_SINCE_CLAUSE_WORDS = ("depuis", "since")


def _acting(word: str, before: str, after: list[re.Match[str]]) -> bool:
    """Whether `word` is a nation's adjective on an action (`the Israeli aggression`, `les
    frappes israéliennes`): who acts, not where the count is."""
    if not word.endswith(_NATIONAL):
        return False
    return before in _ACTIONS or bool(after and after[0].group() in _ACTIONS)


def _stem(word: str) -> str:
    """The word's first five letters, an English word of the copy read as the French of a
    label (`since` is `depuis`, `Strip` is `bande`): a label is written in one language."""
    return _AS_FRENCH.get(word, word)[:5]


# English words of the copy a label in French writes otherwise (folded).
_AS_FRENCH = {
    "since": "depuis",
    "strip": "bande",
    "hostage": "otage",
    "hostages": "otages",
    "people": "personnes",
    "members": "membres",
    "allies": "allies",
    "displaced": "deplaces",
    "wounded": "blesses",
    "injured": "blesses",
    "killed": "tuees",
    "soldiers": "soldats",
    "trucks": "camions",
    "returned": "rentres",
}


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
    written_days = dates(text[start:end])
    if not written_days:
        return day  # most sentences: no clause cut
    folded = fold(text)
    clauses = [_clause(folded, amount.first, start, end)]
    if given_at >= 0:
        clauses.append(_clause(folded, given_at, start, end))
    best: tuple[int, dt.date] | None = None
    for written in written_days:
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
    low = last_mark(folded, start, pos)
    high = CLAUSE_MARK.search(folded, pos, end)  # the first of the marks after `pos`
    return max(low + 1, start), high.start() if high else end
