"""How well quote extraction does on the labelled fixtures: precision, recall, attribution.

    python benchmarks/quotes_quality.py [--fixtures tests/fixtures/quotes_blind]

prints the three figures and every miss, false hit and wrong speaker for one fixture folder (by
default `tests/fixtures/quotes`; each folder holds its own `people.yaml`). The scoring lives here
only; `tests/test_quotes.py` imports it and fails below its thresholds. The fixture format is
described in `tests/fixtures/quotes/README.md`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from briefings.matching import NameIndex, fold  # noqa: E402
from briefings.model import Block, Person, Quote  # noqa: E402
from briefings.quotes import extract_quotes  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "quotes"


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
        people[pid] = Person(
            pid, entry["name"], entry.get("role", ""), entry.get("kind", "person"), aliases
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score quote extraction on labelled fixtures.")
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=FIXTURES,
        help="folder of NN-*.md texts, their .yaml labels and a people.yaml "
        "(default: tests/fixtures/quotes)",
    )
    args = parser.parse_args(argv)
    folder: Path = args.fixtures
    if not (folder / "people.yaml").is_file():
        parser.error(f"{folder} has no people.yaml")
    print(evaluate(folder).details())
    return 0


if __name__ == "__main__":
    sys.exit(main())
