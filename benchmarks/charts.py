"""Time to draw one key-figure chart (issue 20, point 6): ours, and chart libraries if installed.

A toll as a dossier tracks it: two provenances (17 values over 14 months, the health ministry's
and the army's), drawn N times. The rounds alternate the drawers, so that the load of a shared
machine falls on each alike; the median of the rounds is reported per chart, with the ratio to
ours and the size of the SVG.

    python benchmarks/charts.py                # ours alone
    python benchmarks/charts.py --compare      # and matplotlib's and pygal's SVG, if importable

matplotlib and pygal are not briefings' dependencies: to compare, install them beside briefings in
a virtual environment of their own (`pip install -e . matplotlib pygal`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import time
from collections.abc import Callable

from briefings.i18n import Language
from briefings.stages import charts

START = dt.date(2023, 10, 20)
MINISTRY = [(START + dt.timedelta(days=36 * i), 4_000 + 3_400 * i) for i in range(12)]
ARMY = [(START + dt.timedelta(days=80 * i + 10), 1_000 + 3_000 * i) for i in range(5)]
LANGUAGE = Language("fr")


def ours() -> str:
    series = [
        charts.Series(
            tuple(charts.Point(d, float(v), f"{d} : {v} personnes") for d, v in points), style
        )
        for style, points in enumerate((MINISTRY, ARMY))
    ]
    return charts.draw(series, LANGUAGE, "Graphique : tués", "chart-tues", "personnes")


def with_matplotlib() -> Callable[[], str]:
    import matplotlib

    matplotlib.use("svg")
    from matplotlib import pyplot
    from matplotlib.figure import Figure

    pyplot.rcParams["svg.fonttype"] = "none"  # text as text, not paths: closer to ours

    def draw() -> str:
        figure = Figure(figsize=(4.8, 2.2))
        axes = figure.subplots()
        for points, style in ((MINISTRY, "o-"), (ARMY, "s--")):
            axes.plot([d for d, _ in points], [v for _, v in points], style)
        out = io.StringIO()
        figure.savefig(out, format="svg")
        return out.getvalue()

    return draw


def with_pygal() -> Callable[[], str]:
    import pygal

    def draw() -> str:
        chart = pygal.DateLine(width=480, height=220, disable_xml_declaration=True)
        chart.add("ministère", MINISTRY)
        chart.add("armée", ARMY)
        return chart.render(is_unicode=True)

    return draw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="charts per round (ours)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--compare", action="store_true")
    options = parser.parse_args()
    drawers: dict[str, tuple[Callable[[], str], int]] = {"briefings": (ours, options.n)}
    if options.compare:
        for name, make in (("matplotlib", with_matplotlib), ("pygal", with_pygal)):
            try:
                # The libraries are ten to a hundred times slower: a tenth of the charts.
                drawers[name] = (make(), max(1, options.n // 10))
            except ImportError:
                print(f"{name}: not installed, left out")
    times: dict[str, list[float]] = {name: [] for name in drawers}
    for _ in range(options.rounds):
        for name, (draw, count) in drawers.items():
            started = time.perf_counter()
            for _ in range(count):
                draw()
            times[name].append((time.perf_counter() - started) / count)
    base = statistics.median(times["briefings"])
    print(f"{'drawer':<12} {'ms per chart':>12} {'× ours':>8} {'SVG bytes':>10}")
    for name, (draw, _) in drawers.items():
        each = statistics.median(times[name])
        size = len(draw().encode())
        print(f"{name:<12} {each * 1000:>12.3f} {each / base:>8.1f} {size:>10,}")


if __name__ == "__main__":
    main()
