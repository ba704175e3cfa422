"""benchmarks/run.py's `clean`: a cold build starts from nothing, its outputs deleted or moved
aside (`--defer-deletes`) to be deleted once the table is printed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import run


def _site(root: Path) -> Path:
    site = root / "site"
    for name in ("_site/articles/a", ".briefings-cache", "public/posts", "content/articles"):
        (site / name).mkdir(parents=True)
    (site / "_site/articles/a/index.html").write_text("<p>a</p>")
    (site / "content/articles/a.md").write_text("---\ntitle: A\n---\n")
    return site


def test_clean_deletes_the_outputs_and_leaves_the_sources(tmp_path: Path) -> None:
    site = _site(tmp_path)
    run.clean(site)
    assert sorted(p.name for p in site.iterdir()) == ["content"]
    assert (site / "content/articles/a.md").is_file()


def test_clean_with_an_aside_folder_moves_the_outputs_there_twice_over(tmp_path: Path) -> None:
    site, aside = _site(tmp_path), tmp_path / "aside"
    run.clean(site, aside)
    (site / "_site").mkdir()
    (site / "_site/index.html").write_text("second build")
    run.clean(site, aside)
    assert sorted(p.name for p in site.iterdir()) == ["content"]
    moved = sorted(p.relative_to(aside).as_posix() for p in aside.rglob("*.html"))
    assert len(moved) == 2
    after = {m.split("/", 1)[1] for m in moved}
    assert after == {"_site/articles/a/index.html", "_site/index.html"}


def test_the_memory_sampler_waits_in_proportion_to_what_a_sample_cost() -> None:
    # Sampled every 10 ms whatever the cost, reading a 2 GB tree's smaps_rollup took the
    # sampler 29 CPU s of a 68 s build on two cores: the measure slowed what it measured.
    assert run.pause_after(0.00005) == run.SAMPLE_EVERY
    assert run.pause_after(0.004) == pytest.approx(0.004 / run.SAMPLE_SHARE)
    assert run.SAMPLE_SHARE <= 0.02
