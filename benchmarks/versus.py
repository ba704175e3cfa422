"""Two checkouts of briefings on the same corpus with search on, runs alternating, and Hugo +
Pagefind beside them: how a branch compares with main, paired on a loaded machine.

    git archive main | tar -x -C /tmp/main-src
    git archive HEAD | tar -x -C /tmp/branch-src
    python benchmarks/versus.py --n 4000 --runs 2 --before /tmp/main-src --after /tmp/branch-src

Besides the wall time and the peak memory of `run.py`, it gives the CPU time of the process tree
(user and system, what the build and its workers and Pagefinds used): on a machine others load
too, a build that keeps both cores busy loses more wall time than one that leaves one idle, and
the CPU time tells the work apart from the waiting.

`--before` and `--after` are source trees whose `briefings` package is run (through PYTHONPATH),
frozen copies: a checkout edited while the runs go on would be measured half-way. Without
`--after`, this checkout. Hugo comes from the `hugo` package; Pagefind's CLI
is `python -m pagefind`, from `pagefind[bin]`. Wall time is the median, memory the largest peak
(`run.measure`: the process tree's proportional set size).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate
from run import _edit_article, _tool, clean, measure

SCENARIOS = ("cold", "one article edited", "nothing changed")


def _briefings(site: Path, source: Path | None) -> tuple[list[str], dict[str, str]]:
    environment = dict(os.environ)
    if source is not None:
        environment["PYTHONPATH"] = str(source)
    return [sys.executable, "-m", "briefings", "build", "--site", str(site)], environment


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    peak_mib: float
    cpu: float
    """User and system seconds of the process tree."""


def _run(command: list[str], site: Path, environment: dict[str, str]) -> Run:
    """`run.measure`, with the CPU time of the tree."""
    measured = measure(command, site, environment)
    return Run(measured.seconds, measured.peak_mib, measured.cpu)


def _peer(site: Path) -> list[str]:
    hugo = _tool("hugo") or "hugo"
    script = (
        f'"{hugo}" --quiet --destination public && "{sys.executable}" -m pagefind --site public'
    )
    return ["sh", "-c", script]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, required=True, help="source tree of the baseline")
    parser.add_argument("--after", type=Path, help="source tree of the change (default: this one)")
    parser.add_argument("--work", type=Path, help="folder for the corpora (default: a temp dir)")
    arguments = parser.parse_args()
    work = arguments.work or Path(tempfile.mkdtemp(prefix=f"briefings-versus-{arguments.n}-"))
    folders = generate(arguments.n, work, ("briefings", "hugo"))
    config = folders["briefings"] / "site.yaml"
    config.write_text(config.read_text().replace("search: false\n", ""))  # the default: on
    sides = {"before": work / "before", "after": work / "after"}
    for site in sides.values():
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(folders["briefings"], site)
    sources = {
        "before": arguments.before.resolve(),
        "after": arguments.after.resolve() if arguments.after else None,
    }
    print(f"# {arguments.n} articles, {arguments.runs} runs, median wall time, largest peak")
    print(f"# {platform.platform()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    print()
    print("| scenario | build | seconds | CPU seconds | peak MiB | / Hugo + Pagefind |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    peer: float | None = None
    aside = work / ".deleted"  # old outputs, deleted once the table is printed (run.py's reason)
    for name in SCENARIOS:
        results: dict[str, list[Run]] = {"before": [], "after": []}
        if name == "cold":
            results["Hugo + Pagefind"] = []
        for round_ in range(arguments.runs):
            for side, site in sides.items():
                command, environment = _briefings(site, sources[side])
                if name == "cold":
                    clean(site, aside)
                else:
                    # In the site, as `measure` runs it: from a checkout, `-m` would import
                    # the checkout's package before PYTHONPATH's, and the next build would
                    # find the cache of another code and make everything again.
                    subprocess.run(
                        command, cwd=site, env=environment, check=True, capture_output=True
                    )
                    if name == "one article edited":
                        _edit_article(site, round_)
                results[side].append(_run(command, site, environment))
            if name == "cold":
                clean(folders["hugo"], aside)
                hugo = folders["hugo"]
                results["Hugo + Pagefind"].append(_run(_peer(hugo), hugo, dict(os.environ)))
        if "Hugo + Pagefind" in results:
            peer = statistics.median(m.seconds for m in results["Hugo + Pagefind"])
        for side, measures in results.items():
            seconds = statistics.median(m.seconds for m in measures)
            cpu = statistics.median(m.cpu for m in measures)
            peak = max(m.peak_mib for m in measures)
            ratio = f"{seconds / peer:.2f}×" if peer and side != "Hugo + Pagefind" else ""
            row = f"| {name} | {side} | {seconds:.2f} | {cpu:.2f} | {peak:.0f} | {ratio} |"
            print(row, flush=True)
    shutil.rmtree(aside, ignore_errors=True)
    if not arguments.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
