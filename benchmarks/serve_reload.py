"""Edit-to-reload time of `briefings serve`: from a file's save to the reload event a page gets.

    python benchmarks/serve_reload.py [--n 2000] [--edits 10] [--sites example,generated]

Each site is copied to a temporary folder (the example site at the repository root, when its
site.yaml is there, and a generated site of --n articles from generate.py: French wire copy with
five topics, headings, quotes and people). `briefings serve --port 0` runs it in its own process;
a client listens to the event stream as the article's page would, an article's paragraph is
saved as editors do (temporary file + rename), and two times are measured: until the `reload`
event arrives (the edited article's page is written ahead of the rest) and until the server says
the whole rebuild is over. Each save waits for the server to be idle. Prints the first build's
time, then the median and p95 of each over the edits.
"""

from __future__ import annotations

import argparse
import http.client
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

from briefings.stages.config import Overrides
from briefings.stages.content import load_site

REPO = Path(__file__).resolve().parent.parent
EVENTS = "/__briefings__/events"
TIMEOUT = 300.0


class Server:
    """`briefings serve` in a child process, its output read by a thread."""

    def __init__(self, site: Path) -> None:
        command = [sys.executable, "-m", "briefings", "serve", "--site", str(site), "--port", "0"]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        started = time.perf_counter()
        said = []
        while not (line := self.lines.get(timeout=TIMEOUT)).startswith("serving "):
            said.append(line)
        self.startup = time.perf_counter() - started
        self.url = urlsplit(line.split()[1])
        if not any(line.startswith("built ") for line in said):
            self.stop()
            raise RuntimeError("the first build failed:\n" + "\n".join(said))

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def rebuilt(self) -> list[str]:
        """The server's lines until its rebuild ends (a failed build stops the benchmark)."""
        said = []
        while True:
            line = self.lines.get(timeout=TIMEOUT)
            said.append(line)
            if line.startswith("build failed"):
                raise RuntimeError("a rebuild failed:\n" + "\n".join(said))
            if line.startswith("rebuilt"):
                return said

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


def listen(server: Server, page: str) -> tuple[http.client.HTTPConnection, object]:
    """An event stream as the page `page` opens it, once the server has answered."""
    connection = http.client.HTTPConnection(server.url.hostname, server.url.port, timeout=TIMEOUT)
    connection.request("GET", f"{EVENTS}?page={quote(page)}")
    response = connection.getresponse()
    assert response.status == 200, response.status
    assert response.readline().startswith(b"retry:")
    return connection, response


def wait_reload(response: object) -> None:
    """Until the reload event; a build error stops the benchmark with its message."""
    failed = False
    for line in response:  # type: ignore[attr-defined]
        if line.startswith(b"event: reload"):
            return
        if line.startswith(b"event: build-error"):
            failed = True
        elif failed and line.strip() == b"":
            raise RuntimeError("a rebuild failed")
        elif failed:
            print(line.decode().removeprefix("data: "), end="", file=sys.stderr)
    raise RuntimeError("the event stream ended before a reload")


def edit(path: Path, number: int) -> None:
    """Change the first paragraph of the article's body, saved through a temporary file."""
    text = path.read_text(encoding="utf-8")
    end = text.index("\n---\n", 4) + 5
    body = text[end:].split("\n")
    line = next(i for i, s in enumerate(body) if s.strip() and not s.startswith(("#", ">")))
    body[line] = re.sub(r" \(révision \d+\)$", "", body[line]) + f" (révision {number})"
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text[:end] + "\n".join(body), encoding="utf-8")
    os.replace(temporary, path)


def measure(site: Path, edits: int) -> dict[str, object]:
    """Save `edits` articles one after the other, each once the server is idle again."""
    content, _ = load_site(site, Overrides())
    articles = [a for a in content.articles if not a.draft]
    chosen = [articles[i * len(articles) // edits] for i in range(edits)]
    server = Server(site)
    reloads, rebuilds, said = [], [], []
    try:
        for number, article in enumerate(chosen, 1):
            connection, response = listen(server, f"articles/{article.slug}/index.html")
            saved = time.perf_counter()
            edit(site / article.path, number)
            wait_reload(response)
            reloads.append(time.perf_counter() - saved)
            said += server.rebuilt()
            rebuilds.append(time.perf_counter() - saved)
            connection.close()
    finally:
        server.stop()
    return {
        "articles": len(content.articles),
        "startup": server.startup,
        "reload": _spread(reloads),
        "rebuild": _spread(rebuilds),
        "said": [line for line in said if line.startswith(("showed", "rebuilt"))],
    }


def _spread(times: list[float]) -> dict[str, object]:
    ordered = sorted(times)
    return {
        "median": statistics.median(times),
        "p95": ordered[max(0, round(0.95 * len(ordered)) - 1)],
        "max": ordered[-1],
        "times": times,
    }


def copy_example(target: Path) -> Path:
    site = target / "example"
    site.mkdir()
    shutil.copy2(REPO / "site.yaml", site / "site.yaml")
    for name in ("content", "templates", "static"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, site / name)
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="articles of the generated site")
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--sites", default="example,generated")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefings-serve-bench-") as folder:
        sites = {}
        wanted = arguments.sites.split(",")
        if "example" in wanted and (REPO / "site.yaml").is_file():
            sites["example site"] = copy_example(Path(folder))
        if "generated" in wanted:
            # `search: false`, as its figures always were: serve makes the index after the reload.
            corpus = "briefings-no-search"
            generated = generate(arguments.n, Path(folder) / "generated", (corpus,))[corpus]
            sites[f"generated, {arguments.n} articles"] = generated
        for name, site in sites.items():
            result = measure(site, arguments.edits)
            print(f"{name} ({result['articles']} articles):")
            print(f"  first build and start: {result['startup']:.2f} s")
            for key, what in (("reload", "the page reloads"), ("rebuild", "the rebuild ends")):
                spread = result[key]
                times = ", ".join(f"{t:.3f}" for t in spread["times"])  # type: ignore[index]
                print(
                    f"  save until {what}, over {arguments.edits} edits: median"
                    f" {spread['median']:.3f} s, p95 {spread['p95']:.3f} s,"  # type: ignore[index]
                    f" max {spread['max']:.3f} s"  # type: ignore[index]
                )
                print(f"    each: {times}")
            for line in result["said"][:4]:  # type: ignore[index]
                print(f"  server: {line}")


if __name__ == "__main__":
    main()
