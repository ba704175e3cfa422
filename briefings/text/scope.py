"""Whether a number next to a figure's phrase counts what the figure's label defines (issue 20).

Wire copy gives, beside the running totals an analyst tracks, numbers that share their words but
count something else; each is kept out of a figure unless its label speaks of the same thing:

- a part: a number whose noun is a group within the whole (`1 709 femmes`, `280 health
  personnel`, `the bodies of 153 people`) for a figure that does not count that group;
- a period or an event: a count `since` another day than the one the label counts from (`since
  June 17` for a toll `depuis le 7 octobre 2023`), since a truce or a resumption (`since the
  fighting resumed`), `over the past 24 hours`, `before the war`, `in the incident`, `in the
  strike`, numbers a hospital `received`, unless the label speaks of a day (`en une journée`);
- a need, a target or a projection: `requires`, `need for`, `aimed at`, `devrait`, `prêt à`,
  `prévoit`, `projected`, unless the label speaks of a target (`objectif`);
- a count of a region: `in the oblasts of`, `dans les provinces de`, `on y dénombre`.

The period and the need are read in the number's clause and in the clause opening its sentence
(`Since June 17, at least 580 …`); the part in the words right around the number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .matching import fold
from .numbers import dates

_WORDS = re.compile(r"[^\W_]+")
# Groups within a population: a number of them is not the whole population's.
_PARTS = frozenset(
    """femmes femme women woman enfants enfant children child mineurs minors bebes babies
    journalistes journalists soignants medics medecins doctors health medical personnel staff
    employes employees workers humanitaires soldats soldiers militaires troops combattants
    fighters policiers police civils civilians civilian hommes men eleves students corps bodies
    patients""".split()
)
_SKIPPED = frozenset("de d of autres other others more additional nouveaux new".split())
_BODIES = re.compile(r"(?:the\s+bodies\s+of|les\s+corps\s+de|les\s+depouilles\s+de)\s*$")
_SINCE = re.compile(r"(?<![^\W_])(?:since|depuis)(?![^\W_])")
_RESUMED = frozenset(
    """resumed resumption reprise repris reprises ceasefire cessez truce treve siege blocus
    collapsed""".split()
)
_PERIOD = re.compile(
    r"(?<![^\W_])(?:(?:over|in|during)\s+the\s+(?:past|last)\s+(?:\d+\s+)?(?:hours?|days?|day)"
    r"|(?:au\s+cours\s+des|ces|les)\s+(?:\d+\s+)?dernieres\s+(?:\d+\s+)?heures"
    r"|en\s+24\s+heures|in\s+24\s+hours|overnight|prior\s+to|before\s+the\s+(?:war|siege)"
    r"|avant\s+la\s+guerre|avant\s+le\s+siege)(?![^\W_])"
)
_EVENT = re.compile(
    r"(?<![^\W_])(?:in\s+the\s+(?:incident|strike|airstrike|explosion|blast)"
    r"|dans\s+(?:l'incident|la\s+frappe|l'explosion)|lors\s+de\s+la\s+frappe"
    r"|received|admitted|ont\s+recu|a\s+recu|admis)(?![^\W_])"
)
_NEED = re.compile(
    r"(?<![^\W_])(?:requires?|required|need\s+for|aimed\s+at|besoin|necessite|necessaires?"
    r"|exige|devrait|devraient|pourrait|pourraient|could|would|may\s+have|prete?s?\s+a"
    r"|ready\s+to|prepared\s+to|prevoit|prevoient|forecasts?|projected)"
    r"(?![^\W_])"
)
_REGION = re.compile(
    r"(?<![^\W_])(?:oblasts?|provinces?\s+de|provinces?\s+of|regions?\s+of|regions?\s+de"
    r"|on\s+y)(?![^\W_])"
)
_DAY_WORDS = frozenset("jour journee quotidien quotidiens day daily".split())
_TARGET_WORDS = frozenset("objectif target cible seuil".split())
_CLAUSE_MARKS = ",;:()\u2014"


def in_scope(
    text: str,
    span: tuple[int, int],
    sentence: tuple[int, int],
    unit: str,
    label: str,
    phrases: Iterable[str],
) -> bool:
    """Whether the number at `span` of `text` (in the sentence `[start, end)`) counts what a
    figure of that `unit`, `label` and `phrases` counts."""
    folded = fold(text)
    own = _words(f"{unit} {label} {' '.join(phrases)}")
    if _part(folded, span, own):
        return False
    region = _region(folded, span, sentence)
    label_words = _words(label)
    if _since_elsewhere(region, label):
        return False
    if _PERIOD.search(region) and label_words.isdisjoint(_DAY_WORDS):
        return False
    if _EVENT.search(region) and not _EVENT.search(fold(label)):
        return False
    if _NEED.search(region) and label_words.isdisjoint(_TARGET_WORDS):
        return False
    return not (_REGION.search(region) and not _REGION.search(fold(label)))


def _words(text: str) -> set[str]:
    return {_singular(w) for w in _WORDS.findall(fold(text))}


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _part(folded: str, span: tuple[int, int], own: set[str]) -> bool:
    """`1 709 femmes`, `the bodies of 153 people`: a group within the figure's whole."""
    if _BODIES.search(folded, max(0, span[0] - 30), span[0]) and "bodie" not in own:
        return True
    for word in _WORDS.finditer(folded, span[1], min(len(folded), span[1] + 40)):
        if word.group() in _SKIPPED:
            continue
        head = word.group()
        return head in _PARTS and _singular(head) not in own
    return False


def _region(folded: str, span: tuple[int, int], sentence: tuple[int, int]) -> str:
    """The number's clause, and the clause opening its sentence, as one text."""
    start, end = sentence
    low = max((folded.rfind(c, start, span[0]) for c in _CLAUSE_MARKS), default=-1)
    highs = [i for i in (folded.find(c, span[1], end) for c in _CLAUSE_MARKS) if i >= 0]
    clause = folded[max(low + 1, start) : min(highs, default=end)]
    opening_end = [i for i in (folded.find(c, start, span[0]) for c in _CLAUSE_MARKS) if i >= 0]
    opening = folded[start : min(opening_end)] if opening_end else ""
    return f"{opening} | {clause}"


def _since_elsewhere(region: str, label: str) -> bool:
    """A count `since` a truce, a resumption, or a day other than the one the label counts
    from (`since June 17` for `depuis le 7 octobre 2023`)."""
    counted_from = {(d.month, d.day) for d in dates(label)}
    for since in _SINCE.finditer(region):
        after = region[since.end() : since.end() + 60]
        words = set(_WORDS.findall(after)[:8])
        if not words.isdisjoint(_RESUMED) and not _words(label).intersection(_RESUMED):
            return True
        written = [d for d in dates(after) if d.start < 25]
        if written and counted_from and (written[0].month, written[0].day) not in counted_from:
            # A month alone (`since October 2023`) is not read as a day: only days count.
            return True
    return False
