"""benchmarks/generate.py writes a site like our users': every dossier tracks key figures, so
that the benchmarks pay for reading them and drawing their charts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import generate

from briefings import cli


def test_the_generated_dossiers_track_figures_that_the_articles_give(tmp_path: Path) -> None:
    folders = generate.generate(40, tmp_path, ("briefings",))
    site = folders["briefings"]
    assert cli.main(["build", "-q", "--site", str(site)]) in (0, None)
    dossiers = sorted((site / "_site/dossiers").glob("*/index.json"))
    assert len(dossiers) == len(generate.TOPICS)
    for path in dossiers:
        figures = {f["id"]: f for f in json.loads(path.read_text())["figures"]}
        assert set(figures) == {"deplaces", "civils", "budget"}, path
        # Each FACTS sentence gives one of them; 40 articles give each dossier several values.
        assert sum(len(f["values"]) for f in figures.values()) >= 5, path
