"""Amounts and dates written in running French and English text.

An amount is a number as the copy writes it, with what it counts when the text says: `22 700`
(a space, U+00A0 or U+202F between thousands), `1,200`, `44.800`, `1,2 million`, `2 millions`,
`12.5 billion`, `60 %`, `30 milliards de dollars`, `$1.5bn`, `plus d'un demi-million`, with the
qualifier before it (`plus de`, `near`, `at least`…). What is never an amount: a year, a day of a
month, a time, an ordinal (`1er`, `32e`, `10th`), an age (`âgé de 12 ans`, `12-year-old`), the
number of an article, a resolution or a law (`article 5`, `résolution 2254`), and a number that is
part of a name (`F-16`, `COP29`, `G7`). Text is read folded (`matching.fold`), which keeps every
offset, so spans index the text as written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .matching import fold

# ---------------------------------------------------------------- the lexicon

_MONTHS = {
    **dict.fromkeys(["janvier", "janv", "january", "jan"], 1),
    **dict.fromkeys(["fevrier", "fevr", "fev", "february", "feb"], 2),
    **dict.fromkeys(["mars", "march", "mar"], 3),
    **dict.fromkeys(["avril", "avr", "april", "apr"], 4),
    **dict.fromkeys(["mai", "may"], 5),
    **dict.fromkeys(["juin", "june", "jun"], 6),
    **dict.fromkeys(["juillet", "juil", "july", "jul"], 7),
    **dict.fromkeys(["aout", "august", "aug"], 8),
    **dict.fromkeys(["septembre", "sept", "september", "sep"], 9),
    **dict.fromkeys(["octobre", "october", "oct"], 10),
    **dict.fromkeys(["novembre", "november", "nov"], 11),
    **dict.fromkeys(["decembre", "december", "dec"], 12),
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_NAMES = frozenset(_MONTHS)
_WORDS = re.compile(r"[^\W_]+")
_SCALES = {
    "mille": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    "md": 1e9,
    "mds": 1e9,
    "mrd": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
}
_SCALE = "|".join(sorted(_SCALES, key=len, reverse=True))
_CURRENCY_WORDS = {
    "dollars": "dollars",
    "dollar": "dollars",
    "usd": "dollars",
    "euros": "euros",
    "euro": "euros",
    "eur": "euros",
    "livres sterling": "livres",
    "livres": "livres",
    "pounds": "livres",
    "roubles": "roubles",
    "rubles": "roubles",
    "hryvnias": "hryvnias",
}
CURRENCIES = frozenset(_CURRENCY_WORDS.values())
_CURRENCY_WORD = "|".join(sorted(_CURRENCY_WORDS, key=len, reverse=True))
_CURRENCY_SIGNS = {"us$": "dollars", "$": "dollars", "€": "euros", "£": "livres"}
_PERCENT = r"%|pour\s?cent|pourcent|percent|per\s+cent"
# What a number may measure besides people and things counted: such an amount is a value only of
# a figure with that unit. Durations and ages are among them (`12 ans`, `44 jours`).
_MEASURES = """tonnes tonne tons ton km kilometres kilometre kilometers kilometer miles mile
    metres metre meters meter hectares kg kilos kilogrammes litres liters barils barrels
    megawatts mw degres degrees ans an annees annee years year mois months month jours jour
    days day semaines semaine weeks week heures heure hours hour minutes minute secondes
    seconds fois times points""".split()
_MEASURE = "|".join(sorted(_MEASURES, key=len, reverse=True))
MEASURES = frozenset(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in _MEASURES)
"""The measures, singular as `figures` compares units."""
# Words whose number is a reference, not a quantity: `article 5`, `résolution 2254`.
_REFERENCES = frozenset(
    """article articles art resolution resolutions paragraphe paragraphes paragraph paragraphs
    alinea chapitre chapter section sections numero number n no nº n° loi law decret decree page
    pages p tome volume vol annexe annex clause regle rule reglement protocole protocol phase
    niveau level categorie category cop g vol flight route highway autoroute minsk""".split()
)
_AGE_BEFORE = re.compile(r"(?:\bages?|\bagees?|\baged|\bage\s+de|\bagee?s?\s+de)\s*$")
_QUALIFIERS = """plus de|plus d'|un peu plus de|un peu plus d'|bien plus de|largement plus de|
    pres de|pres d'|environ|au moins|quelque|presque|pas moins de|pas moins d'|
    moins de|moins d'|jusqu'a|approximativement|autour de|autour d'|a peu pres|au-dela de|
    de l'ordre de|quasiment|pres|over|more than|well over|just over|nearly|almost|about|around|
    roughly|at least|some|approximately|an estimated|estimated|up to|fewer than|less than|
    upwards of|just under|close to|in excess of|as many as|as few as|no fewer than|no less than"""
_QUALIFIER = re.compile(
    r"(?<![^\W_])(?P<q>"
    + "|".join(
        re.escape(q.strip()).replace(r"\ ", r"\s+")
        for q in sorted(_QUALIFIERS.split("|"), key=len, reverse=True)
    )
    + r")\s*$"
)
_WORD_NUMBERS = {
    **{"un": 1, "une": 1, "a": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3},
    **{"quatre": 4, "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7},
    **{"huit": 8, "eight": 8, "neuf": 9, "nine": 9, "dix": 10, "ten": 10, "douze": 12},
    **{"twelve": 12, "quinze": 15, "fifteen": 15, "vingt": 20, "twenty": 20, "cent": 100},
    **{"hundred": 100, "un demi": 0.5, "une demi": 0.5, "half a": 0.5, "a half": 0.5},
}
_WORD_NUMBER = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_WORD_NUMBERS, key=len, reverse=True)
)

_EN_UNITS = "one two three four five six seven eight nine".split()
_EN_TEENS = """ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen
    nineteen""".split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_FR_UNITS = "un deux trois quatre cinq six sept huit neuf".split()
_FR_TEENS = "dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf".split()
_FR_TENS = "vingt trente quarante cinquante soixante".split()


def _spelled_numbers() -> dict[str, int]:
    """Numbers from one to ninety-nine written in words, in English and in French."""
    spelled: dict[str, int] = {}
    for units, teens, tens, joins in (
        (_EN_UNITS, _EN_TEENS, _EN_TENS, ("-", " ")),
        (_FR_UNITS, _FR_TEENS, _FR_TENS, ("-", "-et-", " et ")),
    ):
        spelled |= {w: i + 1 for i, w in enumerate(units)}
        spelled |= {w: i + 10 for i, w in enumerate(teens)}
        for t, ten in enumerate(tens):
            spelled[ten] = 10 * (t + 2)
            for u, unit in enumerate(units):
                for join in joins:
                    spelled[f"{ten}{join}{unit}"] = 10 * (t + 2) + u + 1
    # French counts 70 to 99 in twenties: `soixante-quinze`, `quatre-vingt-quatorze`.
    for base, value in (("soixante", 60), ("quatre-vingt", 80), ("quatre vingt", 80)):
        if value == 80:
            spelled[f"{base}s"] = 80
            spelled |= {f"{base}-{unit}": 81 + u for u, unit in enumerate(_FR_UNITS)}
        for i, teen in enumerate(_FR_TEENS):
            for join in ("-", "-et-", " et ") if teen == "onze" and value == 60 else ("-",):
                spelled[f"{base}{join}{teen}"] = value + 10 + i
    return spelled


_SPELLED_NUMBERS = _spelled_numbers()


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Built from its parts, not as the 200 numbers in a row: the pattern runs over every paragraph.
_SPELLED_NUMBER = (
    rf"(?:soixante|quatre[-\s]vingt)(?:-et-|\s+et\s+|-)(?:{_alternatives(_FR_TEENS)})(?![^\W_])"
    rf"|quatre[-\s]vingt(?:s|-(?:{_alternatives(_FR_UNITS)}))?(?![^\W_])"
    rf"|(?:{_alternatives(_EN_TENS + _FR_TENS)})"
    rf"(?:(?:-et-|\s+et\s+|[-\s])(?:{_alternatives(_EN_UNITS + _FR_UNITS)})(?![^\W_]))?"
    rf"|{_alternatives(_EN_TEENS + _FR_TEENS + _EN_UNITS + _FR_UNITS)}"
)

# ---------------------------------------------------------------- patterns (on folded text)

_DIGITS = re.compile(
    r"(?<![\w.,/:\-])(?:(?P<sign>us\$|[$€£])\s?)?"
    r"(?P<int>\d{1,3}(?: \d{3})+(?!\d)|\d{1,3}(?:['’]\d{3})+(?!\d)|\d+)(?P<dec>(?:[.,]\d+)*)"
)
# Where a match of `_DIGITS` may start: its sign's first character or its first digit.
_DIGIT_START = re.compile(r"[\d$€£]|us\$")
_WORDED = re.compile(
    rf"(?<![^\W_])(?P<int>{_WORD_NUMBER})[\s-]?(?P<scale>million|millions|milliard|milliards"
    rf"|billion|billions)(?![^\W_])(?P<half>\s+(?:et\s+demi|and\s+a\s+half))?"
)
_SPELLED = re.compile(rf"(?<![^\W_-])(?P<int>{_SPELLED_NUMBER})(?![^\W_]|-[^\W_])")
# Hundreds in words, always with a multiplier or what follows (`deux cents`, `cent vingt`,
# `one hundred and twenty`): a bare `cent` is the currency's or `pour cent`'s.
_HUNDREDS = re.compile(
    rf"(?<![^\W_-])(?:(?P<times>{_SPELLED_NUMBER})[\s-]+)?(?P<word>cents?|hundred)"
    rf"(?:(?:\s+and\s+|\s+et\s+|[\s-]+)(?P<rest>{_SPELLED_NUMBER}))?(?![^\W_]|-[^\W_])"
)
_AFTER_SCALE = re.compile(rf"\s?(?P<scale>{_SCALE})(?![^\W_])")
_AFTER_PERCENT = re.compile(rf"[\s-]?(?:{_PERCENT})(?![^\W_])|\s?%")  # `the 2-percent target`
_PERCENT_WORD = re.compile(rf"-(?:{_PERCENT})(?![^\W_])")
_AFTER_THOUSAND = re.compile(r"[\s-](?:mille|thousand)(?![^\W_])")
_AFTER_CURRENCY = re.compile(
    rf"\s?(?:(?:de|of)\s|d')?(?P<word>{_CURRENCY_WORD})(?![^\W_])(?:\s+americains|\s+us)?"
    r"|\s?(?P<sign>us\$|[$€£])"
)
_AFTER_MEASURE = re.compile(rf"\s?(?:(?:de|of)\s|d')?(?P<measure>{_MEASURE})(?![^\W_])")
_ATTACHED = re.compile(r"[^\W\d_]+")
_ORDINAL_ENDINGS = frozenset("er re e eme emes es ieme iemes nd rd st th d".split())
_TIME_AFTER = re.compile(r"\s?h(?:\s?\d{2})?(?![^\W_])|:\d{2}|\s?(?:a|p)\.?m\b\.?")
_DAY_RANGE = re.compile(rf"\s+(?:au|et|a|to|and|-)\s+\d{{1,2}}\s+(?:{_MONTH})\b")
_MONTH_AFTER = re.compile(rf"\s(?P<month>{_MONTH})(?![^\W_])")
_MONTH_BEFORE = re.compile(rf"(?<![^\W_])(?P<month>{_MONTH})\.?\s$")
# English months that are English words too: a month only when written with a capital.
_CAPITALISED = frozenset({"may", "march"})
_WORD_BEFORE = re.compile(r"([^\W_]+)[.'°]?\s*$")
"""What `_word_before` reads (tests/test_scope_speed.py compares them)."""
_DATE = re.compile(
    rf"(?<![\w.,/])(?P<day>\d{{1,2}})(?:er)?\s(?P<month>{_MONTH})\.?(?![^\W_])"
    r"(?:\s(?P<year>\d{4})(?!\d))?"
    rf"|(?<![^\W_])(?P<month2>{_MONTH})\.?\s(?P<day2>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?"
    r"(?:,?\s(?P<year2>\d{4})(?!\d))?"
)


@dataclass(frozen=True, slots=True)
class Amount:
    """A number written in the text, scaled, with the unit the text gives it."""

    start: int
    """Where the number starts, currency sign included (its qualifier is before)."""
    end: int
    """After the number and the words that scale it or name its unit (`milliards de dollars`)."""
    value: float
    unit: str
    """`%`, a currency (`dollars`, `euros`), a measure as written (`tonnes`, `km`), or `` for a
    count of people or things."""
    qualifier: str = ""
    """Lower-case, with the text's elision written out: `plus de`, `more than`."""
    qualifier_start: int = -1
    """Where the qualifier starts (-1: none)."""
    spelled: bool = False
    """Written in words with no scale (`twenty-three`, `trois`): a count only right before
    what it counts (`Twenty-three allies`), or a percentage (`two percent`)."""

    @property
    def first(self) -> int:
        """Where the amount starts as read, qualifier included."""
        return self.qualifier_start if self.qualifier_start >= 0 else self.start


@dataclass(frozen=True, slots=True)
class WrittenDate:
    """A day of a month the text writes (`le 3 mai`, `on May 3, 2024`)."""

    start: int
    end: int
    month: int
    day: int
    year: int | None


# ---------------------------------------------------------------- amounts


def _month(text: str, match: re.Match[str] | None, group: str = "month") -> bool:
    """Whether `match` found a month's name (`May 3`, not `200 may have died`)."""
    if match is None or match[group] is None:
        return False
    return match[group] not in _CAPITALISED or text[match.start(group)].isupper()


def amounts(text: str, lang: str = "fr") -> list[Amount]:
    """Every amount of `text`, in reading order."""
    folded = fold(text)
    found: list[Amount] = []
    taken = 0
    scaled = "milli" in folded or "billion" in folded or "trillion" in folded
    for match in _WORDED.finditer(folded) if scaled else ():
        value = _WORD_NUMBERS[" ".join(match["int"].split())] * _SCALES[match["scale"]]
        if match["half"]:
            value *= 1.5
        found.append(_finish(folded, match.start(), match.end(), value, ""))
    for match in _HUNDREDS.finditer(folded) if "cent" in folded or "hundred" in folded else ():
        times = _SPELLED_NUMBERS.get(" ".join((match["times"] or "").split()), 0)
        rest = _SPELLED_NUMBERS.get(" ".join((match["rest"] or "").split()), 0)
        if not (times or rest) or (match["times"] and not times) or (match["rest"] and not rest):
            continue
        if lang == "en" and match["word"] != "hundred":  # `six cents` a litre
            continue
        value = float((times or 1) * 100 + rest)
        thousand = _AFTER_THOUSAND.match(folded, match.end())
        if thousand is not None:  # `deux cent mille personnes`
            found.append(_finish(folded, match.start(), thousand.end(), value * 1e3, ""))
        else:
            amount = _finish(folded, match.start(), match.end(), value, "")
            found.append(replace(amount, spelled=True))
    worded = [(a.start, a.end) for a in found]
    for match in _SPELLED.finditer(folded):
        if worded and any(s <= match.start() < e for s, e in worded):
            continue  # (most paragraphs have no amount in words: no generator made for none)
        value = float(_SPELLED_NUMBERS.get(" ".join(match["int"].split()), 0))
        if not value:  # `vingt six` where the copy meant something else
            continue
        percent = _AFTER_PERCENT.match(folded, match.end())
        thousand = _AFTER_THOUSAND.match(folded, match.end())
        if thousand is not None:  # `cinquante-huit mille personnes`: a count in full
            found.append(_finish(folded, match.start(), thousand.end(), value * 1e3, ""))
        elif percent is not None:
            found.append(_finish(folded, match.start(), percent.end(), value, "%"))
        elif value >= 3:  # `un`, `deux`, `a`, `one` are seldom counts: `les deux pays`
            amount = _finish(folded, match.start(), match.end(), value, "")
            found.append(replace(amount, spelled=True))
    worded = [(a.start, a.end) for a in found]
    for match in _digit_matches(folded):
        if match.start() < taken or (worded and any(s <= match.start() < e for s, e in worded)):
            continue
        amount = _digits(text, folded, match, lang)
        if amount is not None:
            found.append(amount)
            taken = amount.end
    return sorted(found, key=lambda a: a.start)


def _digit_matches(folded: str) -> Iterator[re.Match[str]]:
    """`_DIGITS.finditer(folded)`, tried only where a match may start (a digit, a currency's
    sign, `us$`), which `_DIGIT_START` finds as a plain search: `_DIGITS` opens on a
    look-behind, which its own search tests at every character."""
    pos = 0
    while (candidate := _DIGIT_START.search(folded, pos)) is not None:
        match = _DIGITS.match(folded, candidate.start())
        if match is None:
            pos = candidate.start() + 1
        else:
            yield match
            pos = match.end()  # never empty: a digit at least


def _digits(text: str, folded: str, match: re.Match[str], lang: str) -> Amount | None:
    start, end = match.start(), match.end()
    sign = match["sign"]
    if sign is None and _is_reference(folded, start):
        return None
    attached = _ATTACHED.match(folded, end)
    scale_word = ""
    if attached is not None:  # `32e`, `10h30`, `5G`, but `$300m`, `1.5bn`, `100km`
        word = attached.group()
        if word in _SCALES or (word == "m" and sign):
            scale_word = "million" if word == "m" else word
        elif word not in _MEASURES:
            return None
    following = folded[end : end + 1]
    if (
        following == "-"
        and _ATTACHED.match(folded, end + 1)
        and not _PERCENT_WORD.match(folded, end)
    ):
        return None  # `12-year-old`, `a 30-day truce`, `F-16` read from its end
    if following in ("/", ":") or _TIME_AFTER.match(folded, end):
        return None
    if _month(text, _MONTH_AFTER.match(folded, end)) or _DAY_RANGE.match(folded, end):
        return None
    before = _MONTH_BEFORE.search(folded, max(0, start - 12), start)
    if _month(text, before) and len(match["int"]) <= 2:
        return None  # `October 7`, `May 3`
    if _AGE_BEFORE.search(folded, max(0, start - 12), start):
        return None
    after = end
    if not scale_word:
        scale = _AFTER_SCALE.match(folded, end)
        if scale is not None:
            scale_word, after = scale["scale"], scale.end()
    else:
        after = attached.end() if attached is not None else end
    percent = None if scale_word else _AFTER_PERCENT.match(folded, after)
    value = _value(match["int"], match["dec"], bool(scale_word or percent), lang)
    if value is None:
        return None
    if (
        not (scale_word or percent or sign)
        and not match["dec"]
        and len(match["int"]) == 4
        and 1800 <= value <= 2100
    ):
        return None  # a year
    value *= _SCALES.get(scale_word, 1)
    if percent is not None:
        return _finish(folded, start, percent.end(), value, "%")
    unit = _CURRENCY_SIGNS[sign] if sign else ""
    return _finish(folded, start, after, value, unit)


def _finish(folded: str, start: int, end: int, value: float, unit: str) -> Amount:
    """The amount with the currency or measure written after it, and its qualifier."""
    currency = _AFTER_CURRENCY.match(folded, end)
    if currency is not None and (not unit or currency["sign"]):
        word = currency["word"]
        unit = (
            _CURRENCY_WORDS[" ".join(word.split())] if word else _CURRENCY_SIGNS[currency["sign"]]
        )
        end = currency.end()
    elif not unit:
        measure = _AFTER_MEASURE.match(folded, end)
        if measure is not None:
            unit = measure["measure"]
            end = measure.end()
    qualifier = _QUALIFIER.search(folded, max(0, start - 30), start)
    if qualifier is None:
        return Amount(start, end, value, unit)
    words = " ".join(qualifier["q"].split())
    words = words.replace(" d'", " de")
    return Amount(start, end, value, unit, _ACCENTED.get(words, words), qualifier.start())


# The qualifiers are matched folded; the French ones with accents are given back theirs.
_ACCENTED = {
    "pres de": "près de",
    "pres": "près",
    "jusqu'a": "jusqu'à",
    "a peu pres": "à peu près",
    "au-dela de": "au-delà de",
}


def _is_reference(folded: str, start: int) -> bool:
    """`article 5`, `résolution 2254`, `n° 3`: the number names a thing, it does not count."""
    return _word_before(folded, max(0, start - 20), start) in _REFERENCES


def _word_before(folded: str, low: int, end: int) -> str:
    """The word `_WORD_BEFORE.search(folded, low, end)` finds (its group), or "": the last word
    of `folded[low:end]`, a `.`, `'` or `°` and spaces after it (read back from `end`, not
    tried from every character)."""
    last = end
    while last > low and folded[last - 1].isspace():  # `\s*` (`$` before a final newline too)
        last -= 1
    if last > low and folded[last - 1] in ".'°":
        last -= 1
    first = last
    while first > low and folded[first - 1].isalnum():  # `[^\W_]` is `str.isalnum`
        first -= 1
    return folded[first:last]


def _value(digits: str, decimals: str, scaled: bool, lang: str) -> float | None:
    """The number `digits` + `decimals` (`,200`, `.5`, `.800.000`) stands for.

    One group of three digits after a comma or a period is a thousands group (`1,200`,
    `44.800`: a count has no fraction), unless a scale or `%` follows (`1,250 milliard`,
    `12.500 %`), where it is a decimal part, but for an English comma (`1,250 million`).
    """
    whole = digits.replace(" ", "").replace("'", "").replace("’", "")
    if not decimals:  # most numbers: no group to find
        return float(whole)
    groups = re.findall(r"([.,])(\d+)", decimals)
    if not groups:
        return float(whole)
    separators = [sep for sep, _ in groups]
    if whole != digits:  # `1 200,5`, `21’000,5`: the one decimal part
        return float(f"{whole}.{groups[0][1]}") if len(groups) == 1 else None
    if len(set(separators)) == 2:  # `1.200,5`, `1,200.5`: the last one is the decimal point
        *thousands, (_, fraction) = groups
        if any(len(g) != 3 for _, g in thousands) or len(whole) > 3:
            return None
        return float(whole + "".join(g for _, g in thousands) + "." + fraction)
    if len(groups) > 1:
        if len(whole) > 3 or any(len(g) != 3 for _, g in groups):
            return None
        return float(whole + "".join(g for _, g in groups))
    separator, group = groups[0]
    thousands = len(group) == 3 and whole != "0" and len(whole) <= 3
    if thousands and scaled and not (lang.startswith("en") and separator == ","):
        thousands = False
    return float(whole + group) if thousands else float(f"{whole}.{group}")


# ---------------------------------------------------------------- dates


def dates(text: str, any_case: bool = False) -> list[WrittenDate]:
    """Every day of a month written in `text` (`3 mai`, `1er juin 2024`, `May 3`); with
    `any_case`, also `may 3` and `march 18` (in text known to hold a date, folded)."""
    folded = fold(text)
    if _MONTH_NAMES.isdisjoint(_WORDS.findall(folded)):
        return []  # each of `_DATE`'s matches writes a month's name as a word of its own
    found = []
    for match in _DATE.finditer(folded):
        if not (any_case or _month(text, match) or _month(text, match, "month2")):
            continue
        day = int(match["day"] or match["day2"])
        month = _MONTHS[match["month"] or match["month2"]]
        year = match["year"] or match["year2"]
        if 1 <= day <= 31:
            found.append(
                WrittenDate(match.start(), match.end(), month, day, int(year) if year else None)
            )
    return found


def resolve_date(written: WrittenDate, around: dt.date) -> dt.date | None:
    """The date `written` stands for in copy dated `around` (a day and month without a year are
    of the year that puts them on or before `around`); None if there is no such day."""
    year = written.year if written.year is not None else around.year
    try:
        day = dt.date(year, written.month, written.day)
    except ValueError:
        return None
    if written.year is None and day > around:
        try:
            day = dt.date(year - 1, written.month, written.day)
        except ValueError:
            return None
    return day
