"""Two checkouts of briefings on the same generated corpus, runs alternating, Hugo beside them.

    python benchmarks/compare.py --n 4000 --runs 3 --checkouts base=../base,branch=. [--hugo]
        [--search] [--scenarios cold,edit,none] [--work DIR]

Each checkout's code builds its own copy of the corpus (generate.py's, with `search: false`; with
`--search`, the default settings, which build the search index), run as
`python -m briefings` from the checkout's folder, whose package comes first on the path: the
same interpreter and libraries for both, only the code differs. Within a run the checkouts take
turns, in the other order at the next run, so that a change in the machine's load falls on both.
Scenarios are those of run.py: a cold build (output and caches moved aside, deleted once the
table is printed, as run.py does by default), one article edited (a
build, then a paragraph appended to one article), nothing changed; with `--hugo`, Hugo's full
build is measured between the two in each cold run. Prints, per scenario and checkout, the
median and least wall time, the peak memory of the process tree (run.py's PSS measure) and the
median CPU time (user and system, the workers included, and the system time apart: creating a
site's files costs this machine's shared file system anything from 0.4 to 7 s of it), which
other work on the machine disturbs much less than the wall time; then every run's figures, in
order, so that ratios can be taken run by run.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate
from run import _edit_article, clean, hugo, measure

SCENARIOS = ("cold", "edit", "none")


def _build(site: Path) -> list[str]:
    return [sys.executable, "-m", "briefings", "build", "--site", str(site)]


def _timed(command: list[str], cwd: Path) -> tuple[float, float, float, float]:
    """Wall seconds, peak MiB, CPU seconds (user and system) and system seconds of `command`
    and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    measured = measure(command, cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    system = after.ru_stime - before.ru_stime
    cpu = after.ru_utime - before.ru_utime + system
    return measured.seconds, measured.peak_mib, cpu, system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--checkouts", required=True, help="name=folder,name=folder")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--hugo", action="store_true", help="Hugo's full build in cold runs")
    parser.add_argument("--search", action="store_true", help="the default settings: search on")
    parser.add_argument("--work", type=Path, help="folder for the corpora (default: a temp dir)")
    arguments = parser.parse_args()
    checkouts = {
        name: Path(folder).resolve()
        for name, folder in (item.split("=", 1) for item in arguments.checkouts.split(","))
    }
    work = arguments.work or Path(tempfile.mkdtemp(prefix=f"briefings-compare-{arguments.n}-"))
    corpus = "briefings" if arguments.search else "briefings-no-search"
    engines = (corpus, "hugo") if arguments.hugo else (corpus,)
    folders = generate(arguments.n, work, engines)
    sites = {}
    for name in checkouts:
        sites[name] = work / f"site-{name}"
        shutil.rmtree(sites[name], ignore_errors=True)
        shutil.copytree(folders[corpus], sites[name])
    print(f"# {arguments.n} articles, {arguments.runs} runs, checkouts {arguments.checkouts}")
    print()
    print("| scenario | build | median s | least s | peak MiB | CPU s | of it system s |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    rounds = []
    aside = work / ".deleted"  # old outputs, deleted once the table is printed (run.py's reason)
    for scenario in arguments.scenarios.split(","):
        results: dict[str, list[tuple[float, float, float, float]]] = {}
        for run in range(arguments.runs):
            order = list(checkouts) if run % 2 == 0 else list(reversed(checkouts))
            if scenario == "cold" and arguments.hugo:
                order.insert(1, "hugo")
            for name in order:
                if name == "hugo":
                    clean(folders["hugo"], aside)
                    results.setdefault(name, []).append(
                        _timed(hugo(folders["hugo"]), folders["hugo"])
                    )
                    continue
                site, code = sites[name], checkouts[name]
                if scenario == "cold":
                    clean(site, aside)
                else:
                    subprocess.run(_build(site), cwd=code, check=True, capture_output=True)
                    if scenario == "edit":
                        _edit_article(site, run)
                results.setdefault(name, []).append(_timed(_build(site), code))
        for name, measures in results.items():
            walls = [m[0] for m in measures]
            print(
                f"| {scenario} | {name} | {statistics.median(walls):.2f} | {min(walls):.2f} "
                f"| {max(m[1] for m in measures):.0f} "
                f"| {statistics.median(m[2] for m in measures):.2f} "
                f"| {statistics.median(m[3] for m in measures):.2f} |",
                flush=True,
            )
        rounds += [
            f"{scenario}, {name}: "
            + ", ".join(f"{m[0]:.2f} s ({m[2]:.2f} CPU, {m[3]:.2f} system)" for m in measures)
            for name, measures in results.items()
        ]
    # Each round in order: a build's ratio to Hugo's is best taken round by round.
    print()
    print("\n".join(rounds))
    shutil.rmtree(aside, ignore_errors=True)
    if not arguments.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
