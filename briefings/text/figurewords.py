"""Word families that widen a key figure's phrases (issue 20): the forms wire copy uses for one
thing, in French and English, so that an analyst's `tués` also finds `ont péri` and `killed`.

A figure's phrase that is a word of a family brings in the family's other words as phrases of
that figure (`FigureSpec.widen` turns it off). Only whole phrases are looked up (`tués`, not
`civils tués`): a longer phrase says more than its family does. The families name what is
counted, not who: a toll, the injured, people displaced, who fled or left, who returned,
hostages, staff, an aid package, a total, a target, trucks. Refugees and the members of an
alliance are none: an analyst's `refugees still abroad`, `pays membres` are narrower than the
family would be (benchmarks/README.md, "Word families", says what each cost on the real copy).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import FigureSpec
from .matching import fold

FAMILIES: tuple[tuple[str, ...], ...] = (
    # a toll
    (
        "killed",
        "dead",
        "died",
        "deaths",
        "fatalities",
        "martyred",
        "lost their lives",
        "tués",
        "tuées",
        "morts",
        "décès",
        "décédés",
        "ont péri",
        "perdu la vie",
        "coûté la vie",
        "lives",
        "la mort",
    ),
    # the injured
    ("wounded", "injured", "injuries", "blessés", "blessées", "blessures"),
    # people displaced in their country
    ("displaced", "déplacés", "déplacées"),
    # people who fled or left a place
    ("fled", "left", "ont fui", "dû fuir", "quitté"),
    # people who came back
    (
        "returned",
        "have returned",
        "returns",
        "returnees",
        "rentrés",
        "retournés",
        "revenus",
        "retours",
        "regagné",
        "gone back",
        "went back",
        "came back",
        "come back",
        "crossed back",
    ),
    # hostages held
    (
        "hostages",
        "hostage",
        "held hostage",
        "held captive",
        "otages",
        "otage",
        "retenus",
        "retenues",
        "captifs",
        "being held",
        "still held",
    ),
    # an organisation's staff
    ("staff members", "employees", "staffers", "employés", "membres du personnel"),
    # an aid package
    (
        "package",
        "packages",
        "aid package",
        "assistance package",
        "military assistance",
        "paquet d'aide",
        "programme d'aide",
        "tranche",
        "livraison",
        "volet d'aide",
        "nouveau lot",
    ),
    # a running total
    ("au total", "en tout", "in total", "altogether"),
    (
        "brings the total",
        "bringing the total",
        "porte le total",
        "portant le total",
        "porte à",
        "portant à",
    ),
    # a target
    ("target", "objectif", "goal", "cible"),
    # trucks
    ("trucks", "lorries", "camions"),
)

_FAMILY_OF: dict[str, int] = {fold(word): n for n, family in enumerate(FAMILIES) for word in family}


def _families(phrases: Iterable[str]) -> dict[int, int]:
    """How many of `phrases` each family holds, by the family's index."""
    counts: dict[int, int] = {}
    for phrase in phrases:
        family = _FAMILY_OF.get(fold(" ".join(phrase.split())))
        if family is not None:
            counts[family] = counts.get(family, 0) + 1
    return counts


def widening(figures: Sequence[FigureSpec]) -> list[list[str]]:
    """The phrases of each of a topic's figures, widened by the families they write: a family
    widens only the figure that writes most of its words (each one that writes as many), so
    that the toll's `tués`, `killed`, `morts`, `décès` bring in `ont péri` for the toll and not
    for the hostages held dead, whose `morts` qualifies them. A figure with `widen: false`
    keeps its own phrases, and the families it writes widen no other figure."""
    counts = [_families(spec.phrases) for spec in figures]
    most: dict[int, int] = {}
    for of_figure in counts:
        for family, count in of_figure.items():
            most[family] = max(most.get(family, 0), count)
    widened = []
    for spec, of_figure in zip(figures, counts, strict=True):
        found = list(spec.phrases)
        for family, count in of_figure.items():
            if spec.widen and count == most[family]:
                found.extend(FAMILIES[family])
        widened.append(list(dict.fromkeys(found)))
    return widened
