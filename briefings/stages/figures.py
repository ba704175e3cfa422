"""What a dossier's first page shows of its key figures (issue 20): for each figure with values,
the latest one, its values with who gives them (one a day, a week or a month per provenance, by
the figure's span), and the chart, one series per provenance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import markupsafe

from ..i18n import Language
from ..model import Article, Dossier, FigureSpec, FigureValue, PlacedFigure, Speaker
from ..slugs import slugify
from . import charts


@dataclass(frozen=True, slots=True)
class Provenance:
    """Who gives a figure's values: one series of its chart."""

    speaker: Speaker
    """A people.yaml id when there is one (linked to the person's page)."""
    name: str
    """As shown: the speaker's name, or "source not given" in the site's language."""
    style: int
    """The series' colour, marker and dash (`charts.STYLES`)."""
    swatch: markupsafe.Markup
    """The legend's sample of the series (SVG)."""


@dataclass(frozen=True, slots=True)
class ShownValue:
    """A value with what the page says of it."""

    article: Article
    value: FigureValue
    text: str
    """The value in the site's language, qualifier and unit included (`plus de 44 800
    personnes`)."""
    provenance: int
    """Index of its provenance in `KeyFigure.provenances`."""
    others: int = 0
    """How many other numbers its provenance gives the same day (left off the page)."""


@dataclass(frozen=True, slots=True)
class KeyFigure:
    spec: FigureSpec
    ident: str
    """The figure's HTML id (`figure-tues`); the chart's ids start with it."""
    latest: ShownValue
    values: tuple[ShownValue, ...]
    """What the chart and the table show, oldest first: one value a day per provenance, the last
    in the dossier's order (`latest` is the last of all)."""
    found: int
    """How many values the articles give (index.json has them all)."""
    period: str
    """What the page keeps one value of, per provenance: `day`, `week` or `month` (`period`)."""
    provenances: tuple[Provenance, ...]
    """In the order they first give a value."""
    chart: markupsafe.Markup
    """The chart, an inline `<svg role="img">` named after the figure."""


def key_figures(
    dossier: Dossier, articles: Mapping[str, Article], language: Language
) -> tuple[KeyFigure, ...]:
    """The figures of the dossier's topic that have at least one value, in the topic's order."""
    placed: dict[str, list[PlacedFigure]] = {}
    for figure in dossier.figures:
        placed.setdefault(figure.value.figure, []).append(figure)
    return tuple(
        _key_figure(spec, placed[spec.id], articles, language)
        for spec in dossier.topic.figures
        if placed.get(spec.id)
    )


def provenance_key(speaker: Speaker) -> str:
    """Values from the same provenance are one series: the same people.yaml id, or the same
    name once case, spacing and a leading article are set aside (`les autorités sanitaires` and
    `Autorités sanitaires`)."""
    if speaker.id:
        return "id:" + speaker.id
    words = speaker.name.replace("’", "'").casefold().split()
    if words and words[0] in {"le", "la", "les", "the"}:
        words = words[1:]
    elif words and words[0].startswith("l'"):
        words[0] = words[0][2:]
    return "name:" + " ".join(words)


def _key_figure(
    spec: FigureSpec,
    placed: list[PlacedFigure],
    articles: Mapping[str, Article],
    language: Language,
) -> KeyFigure:
    t = language.gettext()
    ident = "figure-" + slugify(spec.id, "figure")
    provenances, of = _provenances(placed, language)
    # One value a period per provenance: the last in the dossier's order, as `latest` is the last
    # of all. A dossier's figure has thousands of values (index.json keeps them all); a page of
    # thousands of markers and rows is heavy to build and to read.
    period = period_of(min(f.value.date for f in placed), max(f.value.date for f in placed))
    start = _STARTS[period]
    last: dict[tuple[int, dt.date], int] = {}
    numbers: dict[tuple[int, dt.date], set[tuple[float, str]]] = {}
    for index, figure in enumerate(placed):
        when = (of[index], start(figure.value.date))
        last[when] = index
        numbers.setdefault(when, set()).add((figure.value.value, figure.value.unit))
    # The values kept have the same hedges and often the same numbers: each is said once.
    hedges: dict[str, str] = {}
    texts: dict[tuple[float, type, str, str], str] = {}
    values = []
    for index in sorted(last.values()):
        figure = placed[index]
        value = figure.value
        hedge = hedges.get(value.qualifier)
        if hedge is None:
            hedge = hedges[value.qualifier] = language.qualifier(value.qualifier)
        said = (value.value, type(value.value), value.unit, hedge)  # 2 and 2.0 apart
        text = texts.get(said)
        if text is None:
            text = texts[said] = language.quantity(value.value, value.unit, hedge)
        others = len(numbers[of[index], start(value.date)]) - 1
        values.append(ShownValue(articles[figure.article], value, text, of[index], others))
    points: list[list[charts.Point]] = [[] for _ in provenances]
    givers = [_given_by(provenance, language) for provenance in provenances]
    colon = t("colon")
    for shown in values:
        points[shown.provenance].append(
            charts.Point(
                shown.value.date,
                shown.value.value,
                f"{language.date(shown.value.date)}{colon}{shown.text}, {givers[shown.provenance]}",
            )
        )
    chart = charts.draw(
        [charts.Series(tuple(_by_date(p)), i) for i, p in enumerate(points)],
        language,
        _chart_name(spec, len(values), len(placed), len(provenances), language),
        ident.replace("figure-", "chart-", 1),
        spec.unit,
    )
    return KeyFigure(
        spec,
        ident,
        values[-1],
        tuple(values),
        len(placed),
        period,
        tuple(provenances),
        markupsafe.Markup(chart),
    )


WEEKS = 731
"""Up to this many days between a figure's first and last values, its page keeps one value a week
per provenance (one a day up to `charts.DAYS`, where the chart's axis shows days); beyond, one a
month: a chart of five years reads by the month, and its table stays short."""


def period_of(first: dt.date, last: dt.date) -> str:
    """What a figure's page keeps one value of, per provenance, for values from `first` to
    `last`: `day`, `week` or `month`."""
    span = (last - first).days
    if span <= charts.DAYS:
        return "day"
    return "week" if span <= WEEKS else "month"


_STARTS: dict[str, Callable[[dt.date], dt.date]] = {
    "day": lambda day: day,
    "week": lambda day: day - dt.timedelta(days=day.weekday()),  # from Monday, as ISO weeks
    "month": lambda day: day.replace(day=1),
}
"""Each period's first day, which its values share."""


def _provenances(
    placed: list[PlacedFigure], language: Language
) -> tuple[list[Provenance], list[int]]:
    """The figure's provenances in the order they first give a value, and each value's."""
    t = language.gettext()
    series: dict[str, int] = {}
    provenances: list[Provenance] = []
    of = []
    keys: dict[int, str] = {}  # a few speakers give thousands of values
    for figure in placed:
        speaker = figure.value.provenance
        key = keys.get(id(speaker))
        if key is None:
            key = keys[id(speaker)] = provenance_key(speaker)
        if key not in series:
            style = series[key] = len(provenances)
            name = speaker.name or t("provenance_unknown")
            swatch = markupsafe.Markup(charts.swatch(style))
            provenances.append(Provenance(speaker, name, style, swatch))
        of.append(series[key])
    return provenances, of


def _chart_name(spec: FigureSpec, shown: int, found: int, sources: int, language: Language) -> str:
    """`Graphique : Personnes tuées (312 valeurs sur 2 104 relevées, 3 sources)`; `(6 valeurs,
    2 sources)` when the chart shows every value."""
    t = language.gettext()
    values = language.count(shown, "values")
    if shown < found:
        values = t("values_of_found").format(values=values, found=language.number(found))
    sources_said = language.count(sources, "provenances")
    return f"{t('chart')}{t('colon')}{spec.label} ({values}, {sources_said})"


def _given_by(provenance: Provenance, language: Language) -> str:
    """What follows a value in its tooltip (`8 mars 2024 : plus de 44 800 personnes, selon les
    autorités sanitaires`): `selon les autorités sanitaires`, or the name as shown."""
    if not provenance.speaker.name:
        return provenance.name
    return language.gettext()("according_to").format(name=provenance.name)


def _by_date(points: list[charts.Point]) -> list[charts.Point]:
    # Stable: values of one day keep the dossier's order (article, then paragraph).
    return sorted(points, key=lambda p: p.day)
