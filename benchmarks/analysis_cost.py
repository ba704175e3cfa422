"""What an article's analysis costs, one code against another, paired (issue 20: key figures).

    git worktree add /tmp/briefings-before <commit>          # the code to compare with
    python benchmarks/analysis_cost.py --before /tmp/briefings-before --n 400 --rounds 7

Both codes analyse the same generated articles (`generate.py`, French wire style with tolls,
displaced people and sums in dollars) with the same topics, people and the figures below, in
turns (before, after, after without figures, before, …) in fresh processes, so that the load
of a shared machine falls on both alike. It prints the median time per article of each and the
ratios. Only `Analyzer.analyze` is timed, in CPU time of the process (`time.process_time`): reading
the files is not.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The figures the timed topics track: as many phrases as the example site's, and phrases the
# generated copy writes next to its numbers (`personnes ont été déplacées`, `civils`, `budget`).
FIGURES = {
    "gaza": [
        ("tues", "personnes", ["tués", "morts", "killed", "death toll"]),
        ("deplaces", "personnes", ["déplacé*", "displaced"]),
        ("camions", "camions", ["camions", "trucks"]),
    ],
    "ukraine": [
        ("civils", "civils", ["civils", "touchés"]),
        ("aide", "dollars", ["budget", "aide militaire", "package"]),
    ],
    "syria": [
        ("refugies", "personnes", ["réfugiés", "déplacé*"]),
        ("morts", "personnes", ["morts"]),
    ],
    "caucasus": [("deplaces", "personnes", ["déplacé*", "réfugiés"])],
    "nato": [("pib", "%", ["du PIB", "of GDP"]), ("aide", "euros", ["budget", "fonds"])],
}

_TIMER = textwrap.dedent(
    """
    import json, sys, time
    from dataclasses import replace
    sys.path.insert(0, sys.argv[1])
    sys.path.insert(0, sys.argv[2])
    import generate
    from briefings.model import FigureSpec
    from briefings.stages.analysis import Analyzer
    from briefings.stages.config import Overrides
    from briefings.stages.content import load_site
    from pathlib import Path
    content, _ = load_site(Path(sys.argv[3]), Overrides())
    figures = json.loads(sys.argv[4])
    def specs(topic):
        return tuple(FigureSpec(i, i, u, tuple(p)) for i, u, p in figures.get(topic, ()))
    topics = tuple(replace(t, figures=specs(t.id)) for t in content.topics)
    analyzer = Analyzer(topics, content.people)
    for article in content.articles[:20]:  # warm: compiled patterns, folded text caches
        analyzer.analyze(article)
    start = time.process_time()
    values = 0
    for article in content.articles:
        values += len(getattr(analyzer.analyze(article), "figures", ()))
    elapsed = time.process_time() - start
    import briefings
    code = str(Path(briefings.__file__).parents[1])
    ms = 1000 * elapsed / len(content.articles)
    print(json.dumps({"ms": ms, "values": values, "code": code}))
    """
)


def _run(code: Path, site: Path, figures: object) -> dict[str, float]:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            _TIMER,
            str(code),
            str(ROOT / "benchmarks"),
            str(site),
            json.dumps(figures),
        ],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="a checkout of the older code")
    parser.add_argument("--n", type=int, default=400, help="generated articles")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--site", type=Path, default=Path("/tmp/briefings-analysis-cost"))
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    if not (args.site / "site.yaml").is_file():
        generate.write_briefings(args.site, generate.articles(args.n))
    runs: dict[str, list[float]] = {"before": [], "after": [], "after, no figures": []}
    values: dict[str, float] = {}
    for _ in range(args.rounds):
        for name, code, figures in (
            ("before", args.before, FIGURES),
            ("after", ROOT, FIGURES),
            ("after, no figures", ROOT, {}),
        ):
            result = _run(code, args.site, figures)
            if Path(result["code"]).resolve() != code.resolve():
                raise SystemExit(f"{name}: ran {result['code']}, not {code}")
            runs[name].append(result["ms"])
            values[name] = result["values"]
    median = {name: statistics.median(times) for name, times in runs.items()}
    for name, times in runs.items():
        shown = ", ".join(f"{t:.2f}" for t in times)
        print(f"{name:18} median {median[name]:.3f} ms/article ({shown}); values {values[name]:g}")
    print(f"after / before: {median['after'] / median['before']:.3f}")
    print(f"after, no figures / before: {median['after, no figures'] / median['before']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
