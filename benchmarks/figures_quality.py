"""How well the builder reads the values of key figures (issue 20): found, right, never a not-value.

    python benchmarks/figures_quality.py [--fixtures tests/fixtures/figures]
    python benchmarks/figures_quality.py --real /tmp/realcopy
    python benchmarks/figures_quality.py --real /tmp/realcopy --batch heldout-1

Each text is read as the builder's `Analyzer` reads an article: its blocks routed with the topics
of the set (`route`, no front-matter topics), the names found once per block, then
`read_figures` with the topics' `figures:` (validated as `briefings build` validates them). A
found value matches a label when they have the same paragraph, figure (`topic/id`) and value; each
label matches at most one found value. The figures:

- found (recall): labels matched / labels;
- right: of the values found (every value the code would show), those matching a label with the
  same unit and provenance (`provenance_id` the people.yaml id found; `provenance_name` a free-text
  provenance that contains it or is contained in it, folded; `""` none); a found value matching
  no label is wrong;
- not-values taken: labelled numbers that are not values (`not_values`, `{paragraph, written}`)
  read as a value in their paragraph (the same digits);
- qualifiers right (of the values matched), for information.

The loading of texts, people and topics is `quotes_quality`'s; the fixture format is described in
`tests/fixtures/figures/README.md`, the real-copy set in benchmarks/README.md ("Real copy").
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "benchmarks"):  # run as a script from anywhere, or loaded by tests
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from quotes_quality import (  # noqa: E402
    REAL,
    Label,
    blocks_from_text,
    load_people,
    load_topics,
    name_index,
    speaker_ok,
)

from briefings.diagnostics import Reporter  # noqa: E402
from briefings.model import Block, FigureValue, Person, Quote, Topic  # noqa: E402
from briefings.stages.topicfigures import parse_figures  # noqa: E402
from briefings.text.figures import FigureReader, read_figures  # noqa: E402
from briefings.text.frontmatter import split  # noqa: E402
from briefings.text.matching import NameIndex, TopicMatcher, fold  # noqa: E402
from briefings.text.quotes import extract_quotes  # noqa: E402
from briefings.text.roles import RoleBook  # noqa: E402
from briefings.text.routing import route  # noqa: E402
from briefings.text.yamlread import Fields, load  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "figures"
DEFAULT_DATE = dt.date(2024, 6, 1)
"""The date of a text that has none (the manifest gives the real set's where it knows them):
dates are not scored."""


@dataclass(frozen=True, slots=True)
class ValueLabel:
    """One value a careful analyst puts in a figure's series."""

    paragraph: int
    figure: str
    """`topic/id`."""
    value: float
    unit: str
    qualifier: str = ""
    provenance_id: str | None = None
    provenance_name: str | None = None
    date: str | None = None

    def __str__(self) -> str:
        who = self.provenance_id or repr(self.provenance_name or "")
        return (
            f"p{self.paragraph} {self.figure} {self.qualifier} {self.value:g} {self.unit} ({who})"
        )


@dataclass(slots=True)
class Report:
    texts: int = 0
    labelled: int = 0
    found: int = 0
    matched: int = 0
    right: int = 0
    qualifiers: int = 0
    not_values: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    taken: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0

    @property
    def rightness(self) -> float:
        return self.right / self.found if self.found else 1.0

    def summary(self) -> str:
        return (
            f"figures: found {self.recall:.2f} ({self.matched}/{self.labelled}), right "
            f"{self.rightness:.2f} ({self.right}/{self.found}), not-values taken "
            f"{len(self.taken)} of {self.not_values}"
        )

    def details(self) -> str:
        lines = [
            self.summary(),
            f"  {self.texts} texts; qualifiers right {self.qualifiers}/{self.matched} matched",
        ]
        for title, items in (
            ("misses (labelled, not found)", self.misses),
            ("found with a wrong unit or provenance", self.wrong),
            ("found, matching no label", self.extras),
            ("not-values taken", self.taken),
        ):
            lines.append(f"{title}: {len(items)}")
            lines.extend(f"  {item}" for item in items)
        return "\n".join(lines)


def load_figure_topics(folder: Path) -> tuple[Topic, ...]:
    """The topics of `folder/*.md` with their keywords and `figures:`, in their `order`; a
    figure with a problem stops the run, as it stops a build."""
    topics = []
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        parts = split(text)
        reporter = Reporter(path.name, text)
        value = load(parts.front or "", reporter, parts.front_line)
        if value is None:
            raise SystemExit(f"{path}: {reporter.found}")
        keys = list(value.data) if isinstance(value.data, dict) else []
        fields = Fields(value, reporter, keys, "the topic's front matter")
        figures = parse_figures(fields)
        errors = [d for d in reporter.found if d.severity == "error"]
        if errors:
            raise SystemExit("\n".join(f"{path}:{d.line}:{d.col}: {d.message}" for d in errors))
        keywords = tuple(k for k, _ in fields.texts("keywords"))
        order = fields.integer("order")
        topics.append(
            (
                order if order is not None else 10**6,
                Topic(path.stem, path.stem, "", keywords, (), order, "", 1, path.name, figures),
            )
        )
    return tuple(topic for _, topic in sorted(topics, key=lambda t: (t[0], t[1].id)))


@dataclass(frozen=True, slots=True)
class Reading:
    """What the builder's analysis knows besides the text: the set's topics and people."""

    topics: tuple[Topic, ...]
    people: Mapping[str, Person]
    matcher: TopicMatcher
    names: NameIndex
    reader: FigureReader
    roles: RoleBook

    @classmethod
    def of(cls, folder: Path) -> Reading:
        """The people.yaml and topics/ of a fixture folder or of the real set."""
        people = load_people(folder / "people.yaml")
        topics = load_figure_topics(folder / "topics")
        matcher = load_topics(folder / "topics")
        names = name_index(people)
        reader = FigureReader.build(topics)
        return cls(topics, people, matcher, names, reader, RoleBook.build(names, people))

    def read(
        self, blocks: Sequence[Block], lang: str, day: dt.date | None
    ) -> tuple[FigureValue, ...]:
        """The values of one text, as `Analyzer.analyze` reads them: with the people as they
        were on `day` when the text has a date (then also the date of its values)."""
        names, people = self.roles.on(day) if day else (self.names, self.people)
        named = {b.number: names.find(b.text) for b in blocks if b.number}
        quotes = extract_quotes(blocks, names, people, named)
        routed = route(blocks, self.matcher, quotes, ())
        return read_figures(
            self.reader, routed, names, people, named, lang, day or DEFAULT_DATE, quotes
        )


def _labels(meta: Mapping[str, Any]) -> tuple[list[ValueLabel], list[dict[str, Any]]]:
    values = [ValueLabel(**entry) for entry in meta.get("figures") or ()]
    return values, list(meta.get("not_values") or ())


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _provenance_ok(value: FigureValue, label: ValueLabel) -> bool:
    # The quotes' rule for a speaker, on the value's provenance.
    quote = Quote("", value.provenance, value.block, value.block)
    return speaker_ok(quote, Label("", 0, 0, label.provenance_id, label.provenance_name or ""))


def _show(value: FigureValue) -> str:
    who = value.provenance.id or repr(value.provenance.name)
    return (
        f"p{value.block} {value.topic}/{value.figure} {value.written!r} = {value.value:g} "
        f"{value.unit} ({who})"
    )


def score(
    name: str,
    values: Sequence[FigureValue],
    labels: Sequence[ValueLabel],
    not_values: Sequence[Mapping[str, Any]],
    report: Report,
) -> None:
    """Add one text's results to `report`."""
    report.texts += 1
    report.labelled += len(labels)
    report.found += len(values)
    report.not_values += len(not_values)
    unmatched = list(values)
    for label in labels:
        found = next(
            (
                v
                for v in unmatched
                if v.block == label.paragraph
                and f"{v.topic}/{v.figure}" == label.figure
                and abs(v.value - label.value) <= 1e-6 * max(1.0, abs(label.value))
            ),
            None,
        )
        if found is None:
            report.misses.append(f"{name} {label}")
            continue
        unmatched.remove(found)
        report.matched += 1
        report.qualifiers += fold(found.qualifier) == fold(label.qualifier or "")
        if fold(found.unit) == fold(label.unit) and _provenance_ok(found, label):
            report.right += 1
        else:
            report.wrong.append(f"{name} {label} -> {found.unit}, {_show(found)}")
    report.extras.extend(f"{name} {_show(v)}" for v in unmatched)
    for entry in not_values:
        key = _digits(str(entry["written"]))
        # A value that matches a label is that value, not a not-value with the same digits
        # (`5 %` labelled, and `article 5` in the same paragraph).
        for value in unmatched:
            if value.block == entry["paragraph"] and key and _digits(value.written) == key:
                report.taken.append(f"{name} p{entry['paragraph']} {entry['written']!r}")
                break


def evaluate(folder: Path = FIXTURES) -> Report:
    """Score the fixtures of `folder` (texts, labels, people.yaml and topics/)."""
    reading = Reading.of(folder)
    report = Report()
    for text_path in sorted(folder.glob("*.md")):
        if text_path.name == "README.md":
            continue
        meta = yaml.safe_load(text_path.with_suffix(".yaml").read_text(encoding="utf-8"))
        blocks = blocks_from_text(text_path.read_text(encoding="utf-8"))
        values = reading.read(blocks, meta.get("lang", "fr"), meta.get("date"))
        score(text_path.stem, values, *_labels(meta), report)
    return report


TUNING = "tuning"
"""The batch of the manifest's articles that have no `batch`: the set the rules were tuned on."""


def in_batch(entry: Mapping[str, Any], batch: str | None) -> bool:
    """Whether a manifest entry is scored: every one without `batch`, else its `batch` (an entry
    without one is in `TUNING`)."""
    return batch is None or entry.get("batch", TUNING) == batch


def evaluate_real(copy: Path, real: Path = REAL, batch: str | None = None) -> Report:
    """Score the fetched copy in `copy` against the figure labels of `real`; with `batch`, only
    the articles of that batch (a held-out batch is scored apart from the set the rules were
    tuned on)."""
    manifest = yaml.safe_load((real / "articles.yaml").read_text(encoding="utf-8"))["articles"]
    manifest = [entry for entry in manifest if in_batch(entry, batch)]
    if not manifest:
        raise SystemExit(f"no article of batch {batch!r} in {real / 'articles.yaml'}")
    reading = Reading.of(real)
    report = Report()
    for entry in manifest:
        aid = entry["id"]
        meta = yaml.safe_load((real / "labels" / f"{aid}.yaml").read_text(encoding="utf-8"))
        if not meta.get("labelled_before_run"):
            raise SystemExit(f"{aid}: labels not marked labelled_before_run")
        blocks = blocks_from_text((copy / f"{aid}.md").read_text(encoding="utf-8"))
        values = reading.read(blocks, entry["lang"], entry.get("date"))
        score(aid, values, *_labels(meta), report)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the reading of key figures' values.")
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=FIXTURES,
        help="folder of NN-*.md texts, their .yaml labels, a people.yaml and topics/ "
        "(default: tests/fixtures/figures)",
    )
    parser.add_argument(
        "--real",
        type=Path,
        metavar="DIR",
        help="score the real-copy set (benchmarks/real) on its text fetched into DIR "
        "by benchmarks/real_copy.py",
    )
    parser.add_argument(
        "--batch",
        metavar="NAME",
        help=f"with --real, only the articles whose manifest `batch` is NAME ({TUNING!r}: those "
        "without one, the set the rules were tuned on)",
    )
    args = parser.parse_args(argv)
    if args.batch is not None and args.real is None:
        parser.error("--batch selects articles of the real-copy set: give --real DIR too")
    if args.real is not None:
        print(evaluate_real(args.real, batch=args.batch).details())
        return 0
    folder: Path = args.fixtures
    if not (folder / "people.yaml").is_file():
        parser.error(f"{folder} has no people.yaml")
    print(evaluate(folder).details())
    return 0


if __name__ == "__main__":
    sys.exit(main())
