"""CPU seconds to render every page of a site, template by template, in this process.

    python benchmarks/templates.py SITE [--runs 3]

Loads, analyses and links SITE (nothing is written: no cache, no output), plans its pages, then
renders every page of each template with one environment as the render memo does (the globals
recording what each page reads), `--runs` times; prints the least CPU time of each template,
pages made by code (`make`: the dossiers' data) included, and their sum. Digesting the contexts
and writing the files, the rest of the rendering stage, are not in it: `stages.py` has those.
Run it with two checkouts' code in turn (`PYTHONPATH=../base python benchmarks/templates.py
SITE`) to compare them.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import defaultdict
from pathlib import Path

from briefings import build
from briefings.incremental.rerender import _Renderer
from briefings.model import Page
from briefings.stages.config import Overrides
from briefings.stages.pages import plan_pages
from briefings.stages.render import environment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    gc.disable()  # as in a build (build.collector_paused)
    corpus, _ = build.gather(arguments.site, Overrides(), None, save=False)
    renderer = _Renderer(environment(corpus, corpus.content.templates_dir))
    by_template: dict[str, list[Page]] = defaultdict(list)
    for page in plan_pages(corpus):
        if page.data is None:
            by_template[page.template or "make"].append(page)
    for pages in by_template.values():
        renderer.page(pages[0])  # templates compiled before the clock starts
    least: dict[str, float] = {}
    for _ in range(arguments.runs):
        for name, pages in by_template.items():
            started = time.process_time()
            for page in pages:
                renderer.page(page)
            spent = time.process_time() - started
            least[name] = min(least.get(name, spent), spent)
    print(f"{'template':16s} {'pages':>6s} {'CPU s':>7s} {'ms/page':>8s}")
    for name, spent in sorted(least.items(), key=lambda item: -item[1]):
        count = len(by_template[name])
        print(f"{name:16s} {count:6d} {spent:7.3f} {1000 * spent / count:8.3f}")
    print(f"{'all':16s} {sum(map(len, by_template.values())):6d} {sum(least.values()):7.3f}")


if __name__ == "__main__":
    main()
