"""How well quote extraction does on the labelled fixtures: precision, recall, attribution.

    python benchmarks/quotes_quality.py [--fixtures tests/fixtures/quotes_blind]
    python benchmarks/quotes_quality.py --real /tmp/realcopy

prints the three figures and every miss, false hit and wrong speaker for one fixture folder (by
default `tests/fixtures/quotes`; each folder holds its own `people.yaml`). The scoring lives here
only; `tests/test_quotes.py` imports it and fails below its thresholds. The fixture format is
described in `tests/fixtures/quotes/README.md`.

`--real DIR` scores the real-copy set instead (issue 16): the articles of
`benchmarks/real/articles.yaml`, their text fetched into DIR by `benchmarks/real_copy.py`, against
the labels of `benchmarks/real/labels` with the people of `benchmarks/real/people.yaml`, the same
scoring as the fixtures plus the speaker right over all labelled quotes, the precision of named
speakers, the labelled terms taken as quotes, and the routing of each paragraph (the builder's
`route`, with the topics of `benchmarks/real/topics`) against its labelled topics. No network.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from briefings.model import Block, Person, Quote, Role  # noqa: E402
from briefings.text.frontmatter import split  # noqa: E402
from briefings.text.matching import NameIndex, TopicMatcher, fold  # noqa: E402
from briefings.text.quotes import extract_quotes  # noqa: E402
from briefings.text.roles import RoleBook  # noqa: E402
from briefings.text.routing import route  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "quotes"
REAL = ROOT / "benchmarks" / "real"


@dataclass(frozen=True, slots=True)
class Label:
    """One quote a reader finds in a fixture."""

    text_start: str
    first: int
    last: int
    speaker_id: str | None = None
    speaker_name: str | None = None

    def __str__(self) -> str:
        who = self.speaker_id or repr(self.speaker_name)
        return f"[{self.first}-{self.last}] {who}: {self.text_start}…"


@dataclass(frozen=True, slots=True)
class Fixture:
    name: str
    blocks: tuple[Block, ...]
    labels: tuple[Label, ...]
    terms: tuple[str, ...]
    lang: str


@dataclass(slots=True)
class Report:
    found: int = 0
    labelled: int = 0
    matched: int = 0
    attributed: int = 0
    terms: int = 0
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)
    wrong_speakers: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0

    @property
    def attribution(self) -> float:
        return self.attributed / self.matched if self.matched else 1.0

    def summary(self) -> str:
        return (
            f"quotes: precision {self.precision:.2f} recall {self.recall:.2f} "
            f"attribution {self.attribution:.2f}"
        )

    def details(self) -> str:
        lines = [
            self.summary(),
            f"  {self.labelled} labelled quotes, {self.found} found, {self.matched} matched, "
            f"{self.terms} labelled non-quote terms",
        ]
        for title, items in (
            ("misses", self.misses),
            ("false hits", self.false_hits),
            ("wrong speakers", self.wrong_speakers),
        ):
            lines.append(f"{title}: {len(items)}")
            lines.extend(f"  {item}" for item in items)
        return "\n".join(lines)


def load_people(path: Path) -> dict[str, Person]:
    """A people.yaml, as `content` would load it: the name always counts as an alias."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    people = {}
    for pid, entry in data.items():
        aliases = tuple(dict.fromkeys([entry["name"], *entry.get("aliases", [])]))
        # YAML 1.1 reads the unquoted dates of `roles:` as dates, as content checks them.
        roles = tuple(
            Role(r["title"], tuple(r.get("aliases", ())), r.get("from"), r.get("to"))
            for r in entry.get("roles", ())
        )
        latest = max(roles, key=lambda r: r.start or dt.date.min).title if roles else ""
        people[pid] = Person(
            pid,
            entry["name"],
            entry.get("role", "") or latest,
            entry.get("kind", "person"),
            aliases,
            roles=roles,
        )
    return people


def name_index(people: Mapping[str, Person]) -> NameIndex:
    return NameIndex.build({pid: person.aliases for pid, person in people.items()})


def blocks_from_text(text: str) -> tuple[Block, ...]:
    """Paragraphs split on blank lines and numbered from 1; `#` lines are unnumbered headings."""
    blocks = []
    number = 0
    for line, chunk in enumerate(c.strip() for c in text.split("\n\n")):
        if not chunk:
            continue
        if chunk.startswith("#"):
            blocks.append(Block("heading", "", chunk.lstrip("#").strip(), line, 0))
        else:
            number += 1
            blocks.append(Block("paragraph", "", " ".join(chunk.split("\n")), line, number))
    return tuple(blocks)


def load_fixtures(folder: Path = FIXTURES) -> list[Fixture]:
    fixtures = []
    for text_path in sorted(folder.glob("*.md")):
        if text_path.name == "README.md":
            continue
        meta = yaml.safe_load(text_path.with_suffix(".yaml").read_text(encoding="utf-8"))
        labels = tuple(Label(**entry) for entry in meta.get("quotes") or ())
        blocks = blocks_from_text(text_path.read_text(encoding="utf-8"))
        terms = tuple(meta.get("terms") or ())
        fixtures.append(Fixture(text_path.stem, blocks, labels, terms, meta.get("lang", "fr")))
    return fixtures


def _key(text: str) -> str:
    return " ".join(fold(text).split())


def matches(quote: Quote, label: Label) -> bool:
    """Overlapping paragraphs and the same opening words, folded."""
    overlap = quote.first_block <= label.last and label.first <= quote.last_block
    return overlap and _key(quote.text).startswith(_key(label.text_start))


def speaker_ok(quote: Quote, label: Label) -> bool:
    if label.speaker_id is not None:
        return quote.speaker.id == label.speaker_id
    if quote.speaker.id is not None:
        return False
    want, got = _key(label.speaker_name or ""), _key(quote.speaker.name)
    if not want or not got:
        return want == got
    return want in got or got in want


def _show(quote: Quote) -> str:
    who = quote.speaker.id or repr(quote.speaker.name)
    return f"[{quote.first_block}-{quote.last_block}] {who}: {quote.text[:60]}…"


def score(fixture: Fixture, quotes: Sequence[Quote], report: Report) -> None:
    """Add one fixture's results to `report`."""
    report.found += len(quotes)
    report.labelled += len(fixture.labels)
    report.terms += len(fixture.terms)
    unmatched = list(quotes)
    for label in fixture.labels:
        quote = next((q for q in unmatched if matches(q, label)), None)
        if quote is None:
            report.misses.append(f"{fixture.name} {label}")
            continue
        unmatched.remove(quote)
        report.matched += 1
        if speaker_ok(quote, label):
            report.attributed += 1
        else:
            report.wrong_speakers.append(
                f"{fixture.name} {label} -> {quote.speaker.id or repr(quote.speaker.name)}"
            )
    report.false_hits.extend(f"{fixture.name} {_show(q)}" for q in unmatched)


def evaluate(folder: Path = FIXTURES) -> Report:
    people = load_people(folder / "people.yaml")
    names = name_index(people)
    report = Report()
    for fixture in load_fixtures(folder):
        score(fixture, extract_quotes(fixture.blocks, names, people), report)
    return report


@dataclass(slots=True)
class RealReport:
    """The real-copy set's figures: the fixtures' report plus speakers, terms and routing."""

    quotes: Report = field(default_factory=Report)
    articles: int = 0
    outlets: set[str] = field(default_factory=set)
    english: int = 0
    named: int = 0
    """Matched quotes given a speaker (a people.yaml id or a name)."""
    named_right: int = 0
    terms_taken: list[str] = field(default_factory=list)
    routed: int = 0
    """(paragraph, topic) pairs routing gave."""
    routed_right: int = 0
    topics_labelled: int = 0
    routing_misses: list[str] = field(default_factory=list)
    routing_extras: list[str] = field(default_factory=list)
    figures_only: list[str] = field(default_factory=list)
    """Articles labelled for their figures alone (no `quotes` key): not scored here."""

    @property
    def speaker_all(self) -> float:
        q = self.quotes
        return q.attributed / q.labelled if q.labelled else 1.0

    @property
    def named_precision(self) -> float:
        return self.named_right / self.named if self.named else 1.0

    @property
    def routing_precision(self) -> float:
        return self.routed_right / self.routed if self.routed else 1.0

    @property
    def routing_recall(self) -> float:
        return self.routed_right / self.topics_labelled if self.topics_labelled else 1.0

    def details(self) -> str:
        q = self.quotes
        lines = [
            f"real copy: {self.articles} articles from {len(self.outlets)} outlets "
            f"({self.english} in English), {q.labelled} labelled quotes, {q.terms} labelled terms",
            f"quotes found (recall) {q.recall:.2f} ({q.matched}/{q.labelled}), "
            f"precision {q.precision:.2f} ({q.matched}/{q.found})",
            f"speaker right over all quotes {self.speaker_all:.2f} ({q.attributed}/{q.labelled}), "
            f"over found quotes {q.attribution:.2f} ({q.attributed}/{q.matched})",
            f"named speakers right {self.named_precision:.2f} ({self.named_right}/{self.named})",
            f"terms taken as quotes {len(self.terms_taken)} of {q.terms}",
            f"routing precision {self.routing_precision:.2f} ({self.routed_right}/{self.routed}), "
            f"recall {self.routing_recall:.2f} ({self.routed_right}/{self.topics_labelled})",
        ]
        if self.figures_only:
            lines.append(
                f"left out: {len(self.figures_only)} articles labelled for their figures only"
            )
        for title, items in (
            ("misses", q.misses),
            ("wrong speakers", q.wrong_speakers),
            ("false hits", q.false_hits),
            ("terms taken as quotes", self.terms_taken),
            ("routing misses (labelled topic not given)", self.routing_misses),
            ("routing extras (topic given, not labelled)", self.routing_extras),
        ):
            lines.append(f"{title}: {len(items)}")
            lines.extend(f"  {item}" for item in items)
        return "\n".join(lines)


def load_topics(folder: Path) -> TopicMatcher:
    """The topics of `folder/*.md` (a site's content/topics), in their `order`, as the builder
    matches them."""
    topics = []
    for path in sorted(folder.glob("*.md")):
        front = yaml.safe_load(split(path.read_text(encoding="utf-8")).front or "") or {}
        context = tuple(front.get("context_keywords") or ())
        topics.append((front.get("order", 1e9), path.stem, tuple(front["keywords"]), context))
    topics.sort()
    return TopicMatcher.build(
        {tid: keywords for _, tid, keywords, _ in topics},
        {tid: context for _, tid, _, context in topics},
    )


def evaluate_real(copy: Path, real: Path = REAL) -> RealReport:
    """Score the fetched copy in `copy` against the labels of `real`."""
    manifest = yaml.safe_load((real / "articles.yaml").read_text(encoding="utf-8"))["articles"]
    people = load_people(real / "people.yaml")
    names = name_index(people)
    roles = RoleBook.build(names, people)
    matcher = load_topics(real / "topics")
    report = RealReport()
    for entry in manifest:
        aid = entry["id"]
        meta = yaml.safe_load((real / "labels" / f"{aid}.yaml").read_text(encoding="utf-8"))
        if not meta.get("labelled_before_run"):
            raise SystemExit(f"{aid}: labels not marked labelled_before_run")
        if "quotes" not in meta:
            # Labelled for the key figures alone (a held-out batch): their quotes, terms and
            # paragraphs' topics were never labelled, so every quote found would count as false.
            report.figures_only.append(aid)
            continue
        blocks = blocks_from_text((copy / f"{aid}.md").read_text(encoding="utf-8"))
        fixture = Fixture(
            aid,
            blocks,
            tuple(Label(**q) for q in meta.get("quotes") or ()),
            tuple(meta.get("terms") or ()),
            meta["lang"],
        )
        report.articles += 1
        report.outlets.add(entry["outlet"])
        report.english += entry["lang"] == "en"
        # As the builder's Analyzer does: the names found once per block, then the routing.
        # The people as they were on the article's date, where the manifest gives one.
        dated_names, dated_people = roles.on(entry["date"]) if "date" in entry else (names, people)
        named = {b.number: dated_names.find(b.text) for b in blocks if b.number}
        quotes = extract_quotes(blocks, dated_names, dated_people, named)
        _score_real(fixture, quotes, report)
        _score_terms(fixture, quotes, report)
        routed = route(blocks, matcher, quotes, ())
        _score_routing(aid, routed, meta.get("topics") or {}, report)
    return report


def _score_real(fixture: Fixture, quotes: Sequence[Quote], report: RealReport) -> None:
    score(fixture, quotes, report.quotes)
    unmatched = list(quotes)
    for label in fixture.labels:
        quote = next((q for q in unmatched if matches(q, label)), None)
        if quote is None:
            continue
        unmatched.remove(quote)
        if quote.speaker.id or quote.speaker.name.strip():
            report.named += 1
            report.named_right += speaker_ok(quote, label)


def _score_terms(fixture: Fixture, quotes: Sequence[Quote], report: RealReport) -> None:
    """A term is taken as a quote when a found quote's text is the term (folded)."""
    for term in fixture.terms:
        key = _key(term).strip(" .,;:!?")
        for quote in quotes:
            if _key(quote.text).strip(" .,;:!?") == key:
                report.terms_taken.append(f"{fixture.name} {_show(quote)}")
                break


def _score_routing(
    aid: str, routed: Sequence[Block], labelled: Mapping[int, Sequence[str]], report: RealReport
) -> None:
    given = {b.number: set(b.topics) for b in routed if b.number}
    for number in sorted(set(given) | set(labelled)):
        want = set(labelled.get(number) or ())
        got = given.get(number, set())
        report.topics_labelled += len(want)
        report.routed += len(got)
        report.routed_right += len(want & got)
        where = f"{aid} p{number}"
        if want - got:
            report.routing_misses.append(f"{where}: {sorted(want - got)} (got {sorted(got)})")
        if got - want:
            report.routing_extras.append(f"{where}: {sorted(got - want)} (want {sorted(want)})")


@dataclass(slots=True)
class RoutingReport:
    routed: int = 0
    routed_right: int = 0
    labelled: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def details(self) -> str:
        precision = self.routed_right / self.routed if self.routed else 1.0
        recall = self.routed_right / self.labelled if self.labelled else 1.0
        lines = [
            f"routing: precision {precision:.2f} ({self.routed_right}/{self.routed}) "
            f"recall {recall:.2f} ({self.routed_right}/{self.labelled})"
        ]
        for title, items in (("routing misses", self.misses), ("routing extras", self.extras)):
            lines.append(f"{title}: {len(items)}")
            lines.extend(f"  {item}" for item in items)
        return "\n".join(lines)


def fixture_routing(folder: Path) -> RoutingReport:
    """The routing of the fixtures of `folder` that label their paragraphs' `topics`, with the
    topics of `folder/topics` (and no front-matter topics)."""
    people = load_people(folder / "people.yaml")
    names = name_index(people)
    matcher = load_topics(folder / "topics")
    real = RealReport()
    for fixture in load_fixtures(folder):
        meta = yaml.safe_load((folder / f"{fixture.name}.yaml").read_text(encoding="utf-8"))
        if not meta.get("topics"):
            continue
        quotes = extract_quotes(fixture.blocks, names, people)
        routed = route(fixture.blocks, matcher, quotes, ())
        _score_routing(fixture.name, routed, meta["topics"], real)
    return RoutingReport(
        real.routed,
        real.routed_right,
        real.topics_labelled,
        real.routing_misses,
        real.routing_extras,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score quote extraction on labelled fixtures.")
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=FIXTURES,
        help="folder of NN-*.md texts, their .yaml labels and a people.yaml "
        "(default: tests/fixtures/quotes)",
    )
    parser.add_argument(
        "--real",
        type=Path,
        metavar="DIR",
        help="score the real-copy set (benchmarks/real) on its text fetched into DIR "
        "by benchmarks/real_copy.py",
    )
    args = parser.parse_args(argv)
    if args.real is not None:
        print(evaluate_real(args.real).details())
        return 0
    folder: Path = args.fixtures
    if not (folder / "people.yaml").is_file():
        parser.error(f"{folder} has no people.yaml")
    print(evaluate(folder).details())
    if (folder / "topics").is_dir():
        print(fixture_routing(folder).details())
    return 0


if __name__ == "__main__":
    sys.exit(main())
