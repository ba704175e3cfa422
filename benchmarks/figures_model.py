"""A learned decision for the figures reader, judged leave-one-batch-out (issue 20, point 4).

    python benchmarks/figures_model.py --real /tmp/realcopy --wide --crossed --nested [--norules]
    python benchmarks/figures_model.py --real /tmp/realcopy --wide --crossed --nested --norules \
        --judge heldout-7      # train on the seven batches, score one labelled after them, once

The rules find the candidates: every amount of a paragraph routed to a topic with `figures:`,
paired with each figure of those topics that has a phrase in the amount's sentence and counts
its unit (`figures.fits`). A logistic regression over features of the sentence decides, for
each amount, which candidate figure it is a value of, or none: the words around the amount and
between it and the figure's phrase, the clause's words, distance, the amount's size, and the
rules' own verdicts (did the rules take it, for this figure; `in_scope`). The provenance is the
rules' (`provenance.Sources`): the model decides only values.

For each batch of the real-copy set (tuning, heldout-1 … heldout-6; no other article is read),
the model is trained on the other six and that batch scored with `figures_quality.score`;
beside it, the rules' own score of the same batch, and the rules' values less those the model
gives p < `VETO`. `--wide`: candidates also the figures with a phrase elsewhere in the paragraph;
`--crossed`: the words also crossed with the figure; `--nested`: the threshold chosen by LOBO
inside the training batches; `--norules`: the rules' final verdict is no feature (their single
checks still are). Pure Python, deterministic (a fixed order, full-batch gradient descent).
Nothing of the copy is written: only the scores are printed. The results and why the reader
does not use it: benchmarks/README.md, "A learned decision, judged leave-one-batch-out".
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "benchmarks"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from figures_quality import (  # noqa: E402
    DEFAULT_DATE,
    TUNING,
    Reading,
    Report,
    ValueLabel,
    _labels,
    score,
)
from quotes_quality import REAL, blocks_from_text  # noqa: E402

from briefings.model import FigureValue, Speaker  # noqa: E402
from briefings.text.attribution import sentence_end, sentence_start  # noqa: E402
from briefings.text.figures import (  # noqa: E402
    _ASIDE,
    _JOINED,
    _MORE,
    _THINGS,
    _WORDS,
    _clause,
    _closeness,
    _counts,
    _current,
    _Figure,
    _Layout,
    _mentions,
    _names_unit,
    _noun,
    _qualifies,
    _running_of,
    _said,
    _singular,
    _specific,
    _stem,
    _whole_of,
    _without_dateline,
    fits,
    read_figures,
)
from briefings.text.matching import find_terms, fold, word_match  # noqa: E402
from briefings.text.numbers import Amount, amounts  # noqa: E402
from briefings.text.provenance import Sources  # noqa: E402
from briefings.text.quotes import extract_quotes  # noqa: E402
from briefings.text.routing import route  # noqa: E402
from briefings.text.scope import breakdowns, group_of, in_scope  # noqa: E402

BATCHES = (TUNING, *(f"heldout-{n}" for n in range(1, 7)))
"""The only batches read: any other (a batch being labelled) stays unopened."""

# Words that tell which group or event a count is of, looked for in the amount's clause.
_GROUPS = frozenset(
    """blesses blessees blesse wounded injured injuries enfants children femmes women otages
    hostages israeliens israelis israel gaza vivants vivantes alive vie living morts dead
    deaths tues killed soldats soldiers civils civilians jour day daily hier yesterday
    heures hours semaine week depuis since total cumul refugies refugees deplaces displaced
    rentres returned retour returns selon according said dit indique annonce besoin need
    needs pourraient could would devraient expected projected""".split()
)


@dataclass(slots=True)
class Candidate:
    """One amount paired with one figure it could be a value of."""

    block: int
    index: int
    figure: str
    features: list[str]
    positive: bool
    value: FigureValue
    """The value the reader would show, provenance included."""


@dataclass(slots=True)
class Article:
    aid: str
    batch: str
    candidates: list[Candidate]
    rules: tuple[FigureValue, ...]
    labels: list[ValueLabel]
    not_values: list[dict[str, Any]]


def _bucket(n: int) -> str:
    return (
        "0"
        if n <= 0
        else "1"
        if n == 1
        else "2"
        if n == 2
        else "3-4"
        if n <= 4
        else "5-8"
        if n <= 8
        else "9+"
    )


def read_article(
    reading: Reading,
    entry: Mapping[str, Any],
    text: str,
    meta: Mapping[str, Any],
    wide: bool = False,
    crossed: bool = False,
) -> Article:
    """The candidates of one article (`entry`: its manifest entry, `id`, `lang`, `date`,
    `batch`), with the rules' reading and the labels (`meta`) beside them."""
    aid = entry["id"]
    labels, not_values = _labels(meta)
    blocks = blocks_from_text(text)
    lang, day = entry["lang"], entry.get("date")
    names, people = reading.roles.on(day) if day else (reading.names, reading.people)
    named = {b.number: names.find(b.text) for b in blocks if b.number}
    quotes = extract_quotes(blocks, names, people, named)
    routed = route(blocks, reading.matcher, quotes, ())
    rules = read_figures(
        reading.reader, routed, names, people, named, lang, day or DEFAULT_DATE, quotes
    )
    # The rules' verdicts and provenances, by (block, written): who gives an amount does not
    # depend on the figure it is taken for.
    ruled: dict[tuple[int, str], FigureValue] = {}
    for value in rules:
        ruled.setdefault((value.block, value.written), value)
    sources = Sources(names, people, lambda: _mentions(routed, names, named), quotes)
    reader = reading.reader
    first = min((b.number for b in routed if b.number), default=0)
    candidates: list[Candidate] = []
    unused = list(labels)
    for block in routed:
        if not block.number or not block.topics or reader.any_phrase is None:
            continue
        figures = [f for f in reader.figures if f.topic in block.topics]
        if not figures or word_match(reader.any_phrase, fold(block.text)) is None:
            continue
        text = _without_dateline(block.text) if block.number <= first + 1 else block.text
        folded = fold(text)
        phrases = [(s, e, f) for f in figures for s, e in find_terms(f.pattern, folded)]
        if not phrases:
            continue
        found = _current(folded, amounts(text, lang))
        layout = _Layout(text, folded, tuple(m.span() for m in _ASIDE.finditer(folded)))
        for index, amount in enumerate(found):
            bounds = sentence_start(text, amount.first), sentence_end(text, amount.end)
            near = _specific([(s, e, f) for s, e, f in phrases if bounds[0] <= s < bounds[1]])
            options: dict[int, _Figure] = {}
            for _, _, f in near:
                if fits(amount, f.spec):
                    options.setdefault(f.order, f)
            if wide:
                # also the figures with no phrase in the sentence, when the paragraph has one
                for _, _, f in phrases:
                    if fits(amount, f.spec):
                        options.setdefault(f.order, f)
            written = text[amount.first : amount.end]
            rule = ruled.get((block.number, written))
            for f in list(options.values()):
                # a package's phrase also finds the running total from its start (the rules
                # move `$62 billion since 2022` there)
                runner = _running_of(figures, f) if f.single else None
                if runner is not None:
                    options.setdefault(runner.order, runner)
            if rule is not None:  # whatever the rules read is a candidate
                for f in figures:
                    if f.topic == rule.topic and f.spec.id == rule.figure:
                        options.setdefault(f.order, f)
            if not options:
                continue
            end = sentence_end(text, amount.end)
            following = next((a.first for a in found[index + 1 :] if a.first < end), end)
            aside = layout.aside(amount.first)
            given = sources.of(
                text,
                block.number,
                (amount.first, amount.end),
                following,
                lambda pos, aside=aside, layout=layout: layout.aside(pos) not in (aside, -1),
            )
            speaker = rule.provenance if rule is not None else given.speaker
            common = _amount_features(text, folded, layout, found, index, bounds, rule)
            for figure in options.values():
                key = f"{figure.topic}/{figure.spec.id}"
                features = common + _pair_features(
                    text,
                    folded,
                    layout,
                    found,
                    index,
                    bounds,
                    near,
                    figure,
                    key,
                    rule,
                    options,
                    common,
                    crossed,
                )
                value = FigureValue(
                    topic=figure.topic,
                    figure=figure.spec.id,
                    value=amount.value,
                    unit=figure.spec.unit if amount.unit == "" else amount.unit,
                    qualifier=amount.qualifier,
                    written=written,
                    provenance=speaker if isinstance(speaker, Speaker) else Speaker(""),
                    date=day or DEFAULT_DATE,
                    block=block.number,
                )
                label = next(
                    (
                        lab
                        for lab in unused
                        if lab.paragraph == block.number
                        and lab.figure == key
                        and abs(lab.value - amount.value) <= 1e-6 * max(1.0, abs(lab.value))
                    ),
                    None,
                )
                if label is not None:
                    unused.remove(label)
                candidates.append(
                    Candidate(block.number, index, key, features, label is not None, value)
                )
    return Article(aid, entry.get("batch", TUNING), candidates, rules, labels, not_values)


def _amount_features(
    text: str,
    folded: str,
    layout: _Layout,
    found: list[Amount],
    index: int,
    bounds: tuple[int, int],
    rule: FigureValue | None,
) -> list[str]:
    """What is said of the amount whatever figure it is paired with."""
    amount = found[index]
    words_before = _WORDS.findall(folded, bounds[0], amount.first)
    after = _WORDS.findall(folded, amount.end, bounds[1])
    clause = _clause(folded, amount.first, *bounds)
    clause_words = set(_WORDS.findall(folded, *clause))
    features = ["bias", f"q={bool(amount.qualifier)}", f"spelled={amount.spelled}"]
    features += [f"L{i + 1}:{w}" for i, w in enumerate(reversed(words_before[-3:]))]
    features += [f"R{i + 1}:{w}" for i, w in enumerate(after[:3])]
    features += [f"C:{w}" for w in sorted(clause_words & _GROUPS)]
    features.append(f"aside={layout.aside(amount.first) >= 0}")
    features.append(
        f"namounts={_bucket(sum(1 for a in found if bounds[0] <= a.first < bounds[1]))}"
    )
    features.append(f"year={1900 <= amount.value <= 2100 and amount.unit == ''}")
    features.append(f"rule={'none' if rule is None else 'some'}")
    return features


def _pair_features(
    text: str,
    folded: str,
    layout: _Layout,
    found: list[Amount],
    index: int,
    bounds: tuple[int, int],
    near: list[tuple[int, int, _Figure]],
    figure: _Figure,
    key: str,
    rule: FigureValue | None,
    options: Mapping[int, _Figure],
    common: Sequence[str] = (),
    crossed: bool = False,
) -> list[str]:
    """What is said of the amount and `figure` together: the rules' single checks, distance,
    the words between, the amount's size for that figure."""
    amount = found[index]
    spec = figure.spec
    features = [f"fig={key}"]
    if rule is not None:
        this = f"{rule.topic}/{rule.figure}" == key
        features += [
            f"rule={'this' if this else 'other'}",
            f"rule={'this' if this else 'other'}|{key}",
        ]
    mag = int(math.log10(max(amount.value, 1.0)))
    features.append(f"mag={key}|{mag}")
    if not any(f is figure for _, _, f in near):
        return [*features, "nophrase", f"nophrase|{key}", f"noun={key}|{_noun(folded, amount)}"]
    best: tuple[int, int] | None = None
    for s, e, f in near:
        if f is not figure:
            continue
        close = _closeness(layout, found, index, s, e)
        if close is not None and (best is None or close < best):
            best = close
    if best is None:
        features.append("close=none")
        # the nearest phrase anyway, for its words
        s, e = min(
            ((s, e) for s, e, f in near if f is figure), key=lambda p: abs(p[0] - amount.first)
        )
        low, high = (amount.end, s) if amount.end <= s else (e, amount.first)
        between = _WORDS.findall(folded, low, max(low, high))
        side = "after" if amount.end <= s else "before"
    else:
        n, before = best
        features += [f"close={_bucket(n)}|{before}"]
        side = "before" if before else "after"
        s, e = min(
            ((s, e) for s, e, f in near if f is figure), key=lambda p: abs(p[0] - amount.first)
        )
        low, high = (amount.end, s) if amount.end <= s else (e, amount.first)
        between = _WORDS.findall(folded, low, max(low, high))
    features.append(f"side={side}")
    features += [f"B:{w}" for w in sorted(set(between))[:12]]
    noun = _noun(folded, amount)
    features.append(f"noun={key}|{noun}")
    shared = any(g is not figure and (s2, e2) == (s, e) for s2, e2, g in near)
    features.append(f"shared={shared}")
    features.append(f"nfig={min(len(options), 3)}")
    others = [a for a in layout.asides if not a[0] <= amount.first < a[1]]
    clause = _clause(folded, amount.first, *bounds)
    scoped = in_scope(
        text, (amount.first, amount.end), bounds, spec.unit, spec.label, spec.phrases, others
    )
    features.append(f"scope={scoped}")
    # the rules' single checks, each a feature (their hand-made order is what is replaced)
    apart = breakdowns(folded, found)
    group = apart.get(index, group_of(spec.unit))
    features.append(f"group={group == group_of(spec.unit) or _names_unit(group, spec.unit)}")
    features.append(f"things={noun in _THINGS and _singular(noun) != _singular(spec.unit)}")
    features.append(f"more={bool(_MORE.fullmatch(folded, amount.end, s))}")
    features.append(
        "joined="
        + str(
            any(
                g is not figure
                and g.spec.unit == spec.unit
                and _JOINED.fullmatch(folded, min(e2, e), max(s2, s))
                for s2, e2, g in near
            )
        )
    )
    said = _said(folded, *bounds)
    own = {_stem(w) for w in _WORDS.findall(folded, s, e)}
    evidence = len(figure.label & said - (own if shared else set()))
    features.append(f"evidence={min(evidence, 3)}")
    features.append(f"counts={_counts(folded, amount, spec.unit)}")
    features.append(f"qualifies={_qualifies(folded, amount, clause, near, figure)}")
    features.append(f"part={_whole_of(folded, found, index) is not None}")
    features.append(f"whole={index > 0 and _whole_of(folded, found, index - 1) == index}")
    clause_words = set(_WORDS.findall(folded, *clause))
    label_words = figure.label
    overlap = len(label_words & {w[:5] for w in _WORDS.findall(folded, *bounds)})
    features.append(f"labelwords={min(overlap, 3)}")
    features += [f"C:{w}|{key}" for w in sorted(clause_words & _GROUPS)]
    if crossed:
        features += [f"{f}|{key}" for f in common if f[:1] in "LRB" and f[1:2] in "123:"]
        features += [f"B:{w}|{key}" for w in sorted(set(between))[:12]]
    return features


# ---------------------------------------------------------------- the model


def train(candidates: Sequence[Candidate], l2: float = 1.0, rounds: int = 300) -> dict[str, float]:
    """Logistic regression, full-batch gradient descent with AdaGrad steps (deterministic:
    features numbered in the order first met)."""
    index: dict[str, int] = {}
    rows = [[index.setdefault(f, len(index)) for f in c.features] for c in candidates]
    targets = [1.0 if c.positive else 0.0 for c in candidates]
    size, n = len(index), len(candidates)
    weights = [0.0] * size
    squares = [0.0] * size
    for _ in range(rounds):
        grad = [0.0] * size
        for row, y in zip(rows, targets, strict=True):
            z = sum(weights[i] for i in row)
            g = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - y
            for i in row:
                grad[i] += g
        for i in range(size):
            g = (grad[i] + l2 * weights[i]) / n
            squares[i] += g * g
            weights[i] -= 0.5 * g / (math.sqrt(squares[i]) + 1e-8)
    return {f: weights[i] for f, i in index.items()}


def probability(weights: Mapping[str, float], candidate: Candidate) -> float:
    z = sum(weights.get(f, 0.0) for f in candidate.features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def decide(weights: Mapping[str, float], article: Article, threshold: float) -> list[FigureValue]:
    """Each amount a value of its most probable figure, when that is likely enough."""
    best: dict[tuple[int, int], tuple[float, Candidate]] = {}
    for c in article.candidates:
        p = probability(weights, c)
        key = (c.block, c.index)
        if key not in best or p > best[key][0]:
            best[key] = (p, c)
    return [
        c.value
        for p, c in sorted(best.values(), key=lambda t: (t[1].block, t[1].index))
        if p >= threshold
    ]


GRID = (0.3, 0.4, 0.5, 0.6, 0.7)


VETO = 0.2
"""In the hybrid reading, a value the rules read is dropped when the model gives it less."""


def veto(weights: Mapping[str, float], article: Article, floor: float = VETO) -> list[FigureValue]:
    """The rules' values, but those the model finds unlikely (the rules find, the model
    checks: it adds nothing)."""
    p = {(c.block, c.value.written, c.figure): probability(weights, c) for c in article.candidates}
    return [
        v
        for v in article.rules
        if p.get((v.block, v.written, f"{v.topic}/{v.figure}"), 1.0) >= floor
    ]


def choose_threshold(articles: Sequence[Article], l2: float, rounds: int) -> float:
    """The threshold of `GRID` best on the training batches themselves, each scored by a
    model trained on the others (found and right together, less a point per ten numbers
    taken that are no value): the held-out batch plays no part in it."""
    batches = sorted({a.batch for a in articles})
    reports: dict[float, list[Report]] = {t: [] for t in GRID}
    for batch in batches:
        weights = train([c for a in articles if a.batch != batch for c in a.candidates], l2, rounds)
        for t in GRID:
            report = Report()
            for a in articles:
                if a.batch == batch:
                    score(a.aid, decide(weights, a, t), a.labels, a.not_values, report)
            reports[t].append(report)

    def merit(t: float) -> float:
        rs = reports[t]
        return sum(r.recall + r.rightness - 0.01 * len(r.taken) for r in rs) / len(rs)

    return max(GRID, key=lambda t: (merit(t), t))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--real", type=Path, required=True)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--norules", action="store_true", help="no feature of the rules' verdict")
    parser.add_argument("--wide", action="store_true", help="candidates without a phrase too")
    parser.add_argument("--verbose", "-v", action="count", default=0)
    parser.add_argument("--crossed", action="store_true", help="words crossed with figures")
    parser.add_argument("--nested", action="store_true", help="threshold chosen by inner LOBO")
    parser.add_argument("--dev", action="store_true", help="leave heldout-6 out entirely")
    parser.add_argument(
        "--judge",
        metavar="BATCH",
        help="train on every batch of BATCHES and score BATCH alone (a batch labelled after "
        "this experiment, scored once)",
    )
    args = parser.parse_args(argv)
    manifest = yaml.safe_load((REAL / "articles.yaml").read_text(encoding="utf-8"))["articles"]
    reading = Reading.of(REAL)
    batches = BATCHES[:-1] if args.dev else BATCHES
    if args.judge and args.judge not in batches:
        batches = (*batches, args.judge)
    manifest = [e for e in manifest if e.get("batch", TUNING) in batches]
    articles = [
        read_article(
            reading,
            e,
            (args.real / f"{e['id']}.md").read_text(encoding="utf-8"),
            yaml.safe_load((REAL / "labels" / f"{e['id']}.yaml").read_text(encoding="utf-8")),
            args.wide,
            args.crossed,
        )
        for e in manifest
    ]
    if args.norules:
        for a in articles:
            for c in a.candidates:
                c.features = [f for f in c.features if not f.startswith("rule=")]
    print(
        "| batch | rules: found | right | taken | model (LOBO): found | right | taken "
        "| candidates hold | rules, model's veto: found | right | taken |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    totals: list[tuple[float, ...]] = []
    for batch in [args.judge] if args.judge else batches:
        train_set = [c for a in articles if a.batch != batch for c in a.candidates]
        weights = train(train_set, args.l2, args.rounds)
        threshold = args.threshold
        if args.nested:
            threshold = choose_threshold(
                [a for a in articles if a.batch != batch], args.l2, args.rounds
            )
        rules, model, hybrid = Report(), Report(), Report()
        held = 0
        for a in articles:
            if a.batch != batch:
                continue
            score(a.aid, a.rules, a.labels, a.not_values, rules)
            score(a.aid, decide(weights, a, threshold), a.labels, a.not_values, model)
            score(a.aid, veto(weights, a), a.labels, a.not_values, hybrid)
            held += sum(c.positive for c in a.candidates)
        if args.verbose:
            print(
                f"  {batch}: threshold {threshold}; rules wrong {len(rules.wrong)} extras "
                f"{len(rules.extras)}; model wrong {len(model.wrong)} extras "
                f"{len(model.extras)} missed {len(model.misses)}"
            )
        totals.append(
            (
                rules.recall,
                rules.rightness,
                len(rules.taken),
                model.recall,
                model.rightness,
                len(model.taken),
                hybrid.recall,
                hybrid.rightness,
                len(hybrid.taken),
            )
        )
        print(
            f"| {batch} | {rules.recall:.2f} ({rules.matched}/{rules.labelled}) | "
            f"{rules.rightness:.2f} ({rules.right}/{rules.found}) | {len(rules.taken)} | "
            f"{model.recall:.2f} ({model.matched}/{model.labelled}) | "
            f"{model.rightness:.2f} ({model.right}/{model.found}) | {len(model.taken)} | "
            f"{held}/{model.labelled} | {hybrid.recall:.2f} ({hybrid.matched}) | "
            f"{hybrid.rightness:.2f} ({hybrid.right}/{hybrid.found}) | {len(hybrid.taken)} |"
        )
    n = len(totals)
    mean = [sum(t[i] for t in totals) / n for i in range(9)]
    print(
        f"| mean | {mean[0]:.2f} | {mean[1]:.2f} | {mean[2]:.1f} | {mean[3]:.2f} | "
        f"{mean[4]:.2f} | {mean[5]:.1f} | | {mean[6]:.2f} | {mean[7]:.2f} | {mean[8]:.1f} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
