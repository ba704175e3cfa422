"""Every key figure's values as `briefings check --figures` lists them, to review before publishing.

The figures' reader is right on about half the values of wire copy it was not tuned on (README,
"Performance" and "Accuracy"): a number can go to the wrong figure, a part be taken for the whole,
a source be misread. Each value is listed under its figure, oldest first as the dossier charts
it, with what the dossier will show (the number as written, the unit, the source), the file and
line it was read at, and the words around the number in its paragraph: the analyst sees which
number each figure took, and where a phrase of the topic takes what it should not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..i18n import Language
from ..model import Corpus, PlacedFigure

BEFORE, AFTER = 60, 100
"""Characters of the paragraph shown before and after the number, at most: the source is
most often named after it."""


@dataclass(frozen=True, slots=True)
class ReadValue:
    """One value of a key figure, where it was read."""

    figure: str
    """`topic/id`."""
    label: str
    date: str
    """ISO date of the value."""
    shown: str
    """The number as written, with its unit: `plus de 44 800 personnes`."""
    source: str
    """Who gives it, as people.yaml names them or as written; `""` when no one is named."""
    where: str
    """`path:line` of its paragraph."""
    words: str
    """The paragraph's words around the number, cut at words, with `…` where cut."""


def read_values(corpus: Corpus) -> tuple[ReadValue, ...]:
    """Every value of every dossier's figures, figure by figure in the topics' order."""
    people = corpus.content.people
    found = []
    for dossier in corpus.dossiers.values():
        for spec in dossier.topic.figures:
            for placed in dossier.figures:
                value = placed.value
                if value.figure != spec.id:
                    continue
                source = value.provenance
                named = people[source.id].name if source.id in people else source.name
                path, line, text = _paragraph(corpus, placed)
                found.append(
                    ReadValue(
                        f"{dossier.topic.id}/{spec.id}",
                        spec.label,
                        value.date.isoformat(),
                        _with_unit(value.written, value.unit),
                        " ".join(named.split()),
                        f"{path}:{line}",
                        around(text, value.written),
                    )
                )
    return tuple(found)


def _with_unit(written: str, unit: str) -> str:
    """`44 800 personnes`; `50 milliards d'euros` as written when it names its unit."""
    return written if unit.casefold() in written.casefold() else f"{written} {unit}".strip()


def _paragraph(corpus: Corpus, placed: PlacedFigure) -> tuple[str, int, str]:
    article = corpus.articles[placed.article]
    for block in corpus.analyses[placed.article].blocks:
        if block.number == placed.value.block:
            return article.path, block.line, block.text
    return article.path, article.body_line, ""


def around(text: str, written: str, before: int = BEFORE, after: int = AFTER) -> str:
    """`text`'s words around the first place it writes `written` (spaces of any kind alike),
    at most `before` and `after` characters on either side, cut at a word."""
    flat = " ".join(text.split())
    at = flat.find(" ".join(written.split()))
    if at < 0:
        return _cut_after(flat, before + after)
    end = at + len(" ".join(written.split()))
    start = max(0, at - before)
    if start > 0:
        space = flat.find(" ", start, at)
        start = space + 1 if space >= 0 else at
    return ("…" if start > 0 else "") + flat[start:at] + _cut_after(flat[at:], end - at + after)


def _cut_after(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    space = text.rfind(" ", 0, width + 1)
    return text[: space if space > 0 else width] + "…"


def listing(values: tuple[ReadValue, ...], language: Language) -> str:
    """What `check --figures` prints, in the site's language; a line that says there are none
    when no figure took any value."""
    t = language.gettext()
    if not values:
        return t("figures_read_none") + "\n"
    lines = [t("figures_read_title").format(count=language.number(len(values)))]
    counts = Counter(value.figure for value in values)
    figure = ""
    for value in values:
        if value.figure != figure:
            figure = value.figure
            count = counts[figure]
            lines.append(f"{figure} ({value.label}){t('colon')}{language.count(count, 'values')}")
        source = value.source or t("figures_no_source")
        lines.append(f"  {value.date}  {value.shown} · {source} · {value.where}")
        lines.append(f"      {value.words}")
    return "\n".join(lines) + "\n"
