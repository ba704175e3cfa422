"""What `briefings check` says of the key figures' series: a value that falls or jumps (issue 20).

A running total (a figure with `grows: true`) that goes down from one value to the next, or any
figure whose new value is more than `jump` times the last, is often a misread number, another
count read as this one, or a source's correction: the analyst looks before publishing. Values
are compared with the last one from the same source (a series per provenance, as the chart
shows them) and in the same unit, in the dossier's order (oldest first).
"""

from __future__ import annotations

from ..model import Corpus, Diagnostic, FigureSpec, FigureValue, PlacedFigure


def figure_warnings(corpus: Corpus) -> list[Diagnostic]:
    """A warning at the paragraph of each value that falls or jumps, naming the one before."""
    found = []
    for dossier in corpus.dossiers.values():
        for spec in dossier.topic.figures:
            last: dict[tuple[str, str], PlacedFigure] = {}
            for placed in dossier.figures:
                value = placed.value
                if value.figure != spec.id:
                    continue
                key = (_source(value), value.unit)
                before = last.get(key)
                last[key] = placed
                if before is None:
                    continue
                problem = _problem(spec, before.value, value)
                if problem:
                    found.append(_warning(corpus, dossier.topic.id, spec, before, placed, problem))
    return found


def _source(value: FigureValue) -> str:
    return value.provenance.id or " ".join(value.provenance.name.casefold().split())


def _problem(spec: FigureSpec, before: FigureValue, value: FigureValue) -> str:
    if spec.grows and value.value < before.value:
        return "falls"
    if before.value > 0 and value.value > spec.jump * before.value:
        return f"jumps more than {spec.jump:g} times"
    return ""


def _warning(
    corpus: Corpus,
    topic: str,
    spec: FigureSpec,
    before: PlacedFigure,
    placed: PlacedFigure,
    problem: str,
) -> Diagnostic:
    article = corpus.articles[placed.article]
    line = next(
        (b.line for b in corpus.analyses[placed.article].blocks if b.number == placed.value.block),
        article.body_line,
    )
    source = placed.value.provenance.name or "no source named"
    hint = (
        "check both paragraphs before publishing: a number misread, another count read as "
        "this one, or a source's correction"
        + (
            f"; if the figure can go down, write 'grows: false' in {spec.id!r}"
            if problem == "falls"
            else f"; if such a jump is expected, raise 'jump' of {spec.id!r}"
        )
    )
    return Diagnostic(
        article.path,
        line,
        1,
        f"figure '{topic}/{spec.id}' ({spec.label}) {problem}: {_shown(corpus, before)} then "
        f"{_shown(corpus, placed)}, from the same source ({source})",
        hint,
        "warning",
    )


def _shown(corpus: Corpus, placed: PlacedFigure) -> str:
    """`plus de 44 800 (2024-12-13, content/articles/2024/….md #p-9)`."""
    value = placed.value
    written = " ".join(value.written.split()) or f"{value.value:g}"
    path = corpus.articles[placed.article].path
    return f"{written} ({value.date.isoformat()}, {path} #p-{value.block})"
