"""Where one `briefings build` spends its time: each stage's CPU and wall seconds, in this process.

    python benchmarks/stages.py SITE [--serial] [--edit | --cold] [--runs 3]

Builds SITE (a folder, built in place, caches and all) with the command line's own code, the
stage functions wrapped with clocks; the forked workers' time counts in their stage's wall time,
not in its CPU time. `--serial` keeps every stage in this process (no workers), so that the CPU
time of each is whole. `--edit` builds the site once, then appends a paragraph to the first
article before each run (the run.py scenario "edit one article"); without it a run after the
first is a no-change build, unless the site's `.briefings-cache/` and output were deleted;
`--cold` moves `.briefings-cache/` and `_site/` aside before each run (beside SITE, deleted
at the end). With `--runs`, each figure is the least over the runs: the one least disturbed by
other work.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

STARTED = time.process_time()

from briefings import build, cli  # noqa: E402  (imports timed: a build pays them)
from briefings.incremental import cache, filememo, forkpool, rerender, stamp  # noqa: E402
from briefings.stages import pages  # noqa: E402

IMPORTS = time.process_time() - STARTED

STAGES: list[tuple[Any, str, str]] = [
    (stamp, "snapshot", "inputs' stats"),
    (stamp, "unchanged", "skip check"),
    (build, "load_site", "loading"),
    (filememo, "_load", "  articles' memo read"),
    (build, "analyze_all", "analysis"),
    (cache, "load", "  analysis cache read"),
    (cache, "save", "  analysis cache written"),
    (build, "link", "linking"),
    (rerender.RenderMemo, "prepare", "render memo prepared"),
    (build, "plan_pages", "planning"),
    (pages, "key_figures", "  key figures"),
    (rerender.RenderMemo, "render", "rendering"),
    (rerender, "_load", "  page records read"),
    (rerender, "_known_analyses", "  analyses' tokens"),
    (rerender, "_digest", "  contexts digested"),
    (rerender, "_render_all", "  pages made"),
    (build, "with_search", "search index"),
    (build, "write", "writing"),
    (rerender.RenderMemo, "written", "page records written"),
    (stamp, "record", "build recorded"),
]


def _clocked(function: Callable[..., Any], label: str, spent: dict[str, list[float]]) -> Any:
    main = os.getpid()

    @functools.wraps(function)
    def clocked(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            if os.getpid() == main:  # not in a forked worker
                total = spent.setdefault(label, [0.0, 0.0])
                total[0] += time.perf_counter() - wall
                total[1] += time.process_time() - cpu

    return clocked


def _edit(site: Path, number: int) -> None:
    article = sorted((site / "content/articles").rglob("*.md"))[0]
    with article.open("a", encoding="utf-8") as handle:
        handle.write(f"\nUn paragraphe ajouté sur la mer Noire, version {number}.\n")


def one_build(site: Path) -> dict[str, list[float]]:
    """Each stage's [wall, CPU] seconds for one build of `site`, and the whole's."""
    spent: dict[str, list[float]] = {}
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in STAGES]
    for owner, name, label in STAGES:
        setattr(owner, name, _clocked(getattr(owner, name), label, spent))
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        code = cli.main(["build", "-q", "--site", str(site)])
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
    if code != 0:
        raise SystemExit(f"the build failed ({code})")
    spent["whole build"] = [time.perf_counter() - wall, time.process_time() - cpu]
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--serial", action="store_true", help="no worker processes")
    parser.add_argument("--edit", action="store_true", help="edit one article before each run")
    parser.add_argument(
        "--cold", action="store_true", help="start each run without .briefings-cache/ and _site/"
    )
    parser.add_argument("--runs", type=int, default=1)
    arguments = parser.parse_args()
    if arguments.serial:
        forkpool.workers = lambda: 0  # type: ignore[assignment]
    least: dict[str, list[float]] = {}
    aside = arguments.site.resolve().parent / f".{arguments.site.resolve().name}-deleted"
    if arguments.edit:
        one_build(arguments.site)  # built as it is: the runs measure an edit only
    for number in range(arguments.runs):
        if arguments.edit:
            _edit(arguments.site, number)
        if arguments.cold:
            # Moved aside, deleted at the end: on ext4 without a journal, files made soon after
            # many deletions cost several times more (benchmarks/README, run.py).
            for made in (cache.FOLDER, "_site"):
                if (arguments.site / made).exists():
                    aside.mkdir(exist_ok=True)
                    os.rename(arguments.site / made, tempfile.mkdtemp(dir=aside) + "/" + made)
        for label, (wall, cpu) in one_build(arguments.site).items():
            best = least.setdefault(label, [wall, cpu])
            best[0], best[1] = min(best[0], wall), min(best[1], cpu)
    print(f"{'stage':28s} {'wall s':>8s} {'CPU s':>8s}")
    print(f"{'imports':28s} {'':>8s} {IMPORTS:8.3f}")
    for _, _, label in STAGES:
        if label in least:
            print(f"{label:28s} {least[label][0]:8.3f} {least[label][1]:8.3f}")
    wall, cpu = least["whole build"]
    print(f"{'whole build':28s} {wall:8.3f} {cpu:8.3f}")
    sys.stdout.flush()
    shutil.rmtree(aside, ignore_errors=True)


if __name__ == "__main__":
    main()
