"""The learned decision of benchmarks/figures_model.py (an experiment on issue 20's figures):
its candidates hold what the rules read, and its model learns and decides as documented."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import yaml

from briefings.model import FigureValue, Speaker

REPO = Path(__file__).resolve().parents[1]


def _load() -> ModuleType:
    for path in (REPO / "benchmarks", REPO):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    spec = importlib.util.spec_from_file_location(
        "figures_model", REPO / "benchmarks" / "figures_model.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


model = _load()


def _value(figure: str, block: int, written: str) -> FigureValue:
    return FigureValue(
        topic="gaza",
        figure=figure,
        value=float(written),
        unit="personnes",
        qualifier="",
        written=written,
        provenance=Speaker(""),
        date=dt.date(2024, 6, 1),
        block=block,
    )


def test_the_model_learns_a_telling_feature_and_takes_one_figure_per_amount() -> None:
    # Two figures could take each amount; the words `tués` (a value of `tues`) and
    # `blessés` (of `blesses`) tell them apart, and `vivants` makes no value at all.
    train = []
    for n in range(20):
        for words, good in (("tues", "tues"), ("blesses", "blesses"), ("vivants", None)):
            for figure in ("tues", "blesses"):
                train.append(
                    model.Candidate(
                        n,
                        0,
                        f"gaza/{figure}",
                        ["bias", f"R1:{words}", f"R1:{words}|{figure}", f"fig={figure}"],
                        figure == good,
                        _value(figure, n, "100"),
                    )
                )
    weights = model.train(train, l2=0.1, rounds=200)
    assert weights == model.train(train, l2=0.1, rounds=200)  # deterministic

    def candidates(words: str) -> list[object]:
        return [
            model.Candidate(
                1,
                0,
                f"gaza/{f}",
                ["bias", f"R1:{words}", f"R1:{words}|{f}", f"fig={f}"],
                False,
                _value(f, 1, "42"),
            )
            for f in ("tues", "blesses")
        ]

    article = model.Article("a", "tuning", candidates("blesses"), (), [], [])
    taken = model.decide(weights, article, 0.5)
    assert [v.figure for v in taken] == ["blesses"]
    article = model.Article("a", "tuning", candidates("vivants"), (), [], [])
    assert model.decide(weights, article, 0.5) == []


def test_the_candidates_hold_every_value_the_rules_read_in_the_fixtures() -> None:
    folder = REPO / "tests" / "fixtures" / "figures"
    reading = model.Reading.of(folder)
    held = matched = 0
    for path in sorted(folder.glob("[0-9]*.md")):
        meta = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
        entry = {"id": path.stem, "lang": meta.get("lang", "fr"), "date": meta.get("date")}
        article = model.read_article(reading, entry, path.read_text(encoding="utf-8"), meta)
        pairs = {(c.block, c.value.written, c.figure) for c in article.candidates}
        for value in article.rules:
            assert (value.block, value.written, f"{value.topic}/{value.figure}") in pairs
        held += sum(c.positive for c in article.candidates)
        matched += len(article.labels)
    assert held >= 0.95 * matched  # the labels a decision over these candidates can reach
