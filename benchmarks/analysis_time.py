"""Analysis time per article, two checkouts of briefings compared in alternation.

    python benchmarks/generate.py --n 1000 --out /tmp/bench-1000
    python benchmarks/analysis_time.py --old /work/main --new . --site /tmp/bench-1000/briefings

Each round runs one process per checkout, alternately (old, new, old, new…): it loads the site
with `load_site`, analyses 50 articles to warm up, then times `Analyzer.analyze` over every
article three times and keeps the best. The time is the process's CPU time, not the wall clock:
on a machine shared with other work the wall clock measures the others too. Prints each round's
seconds and ratio, and the median ratio. `--new-site` gives the new checkout another site (its
topics with `context_keywords`, which the old code does not read).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

_TIMER = """
import sys, time
from pathlib import Path
from briefings.stages.analysis import Analyzer
from briefings.stages.config import Overrides
from briefings.stages.content import load_site

content, _ = load_site(Path(sys.argv[1]), Overrides(drafts=True))
config = content.config
analyzer = Analyzer(content.topics, content.people, config.raw_html, config.limits)
for article in content.articles[:50]:
    analyzer.analyze(article)
best = float("inf")
for _ in range(3):
    started = time.process_time()
    for article in content.articles:
        analyzer.analyze(article)
    best = min(best, time.process_time() - started)
print(best, len(content.articles))
"""


def timed(checkout: Path, site: Path) -> tuple[float, int]:
    """(best CPU seconds over the articles, how many articles), with the code of `checkout`."""
    env = {**os.environ, "PYTHONPATH": str(checkout.resolve())}
    out = subprocess.run(
        [sys.executable, "-c", _TIMER, str(site)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd="/",
    ).stdout.split()
    return float(out[0]), int(out[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", type=Path, required=True, help="checkout of the code before")
    parser.add_argument("--new", type=Path, required=True, help="checkout of the code after")
    parser.add_argument("--site", type=Path, required=True, help="a site folder to analyse")
    parser.add_argument("--new-site", type=Path, help="the site for the new code (default --site)")
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args(argv)
    ratios = []
    for round_ in range(1, args.rounds + 1):
        old, count = timed(args.old, args.site)
        new, _ = timed(args.new, args.new_site or args.site)
        ratios.append(new / old)
        each = f"{1000 * old / count:.2f} and {1000 * new / count:.2f} ms each"
        print(f"round {round_}: old {old:.3f} s, new {new:.3f} s ({each}), new/old {new / old:.3f}")
    print(f"median new/old {statistics.median(ratios):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
