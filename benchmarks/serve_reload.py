"""Edit-to-reload time of `briefings serve`: from a file's save to the reload event a page gets.

    python benchmarks/serve_reload.py [--n 2000] [--edits 10] [--sites example,generated]

Each site is copied to a temporary folder (the example site at the repository root, when its
site.yaml is there, and a generated site of --n articles from generate.py: French wire copy with
five topics, headings, quotes and people). `briefings serve --port 0` runs it in its own process;
a client listens to the event stream as the article's page would, an article's paragraph is
saved as editors do (temporary file + rename), and the time until the `reload` event arrives is
measured. Prints the first build's time, then the median and p95 over the edits.
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

from briefings.config import Overrides
from briefings.content import load_site

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
        if not any(line.startswith("built in") for line in said):
            self.stop()
            raise RuntimeError("the first build failed:\n" + "\n".join(said))

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def rebuild_lines(self) -> list[str]:
        found = []
        while not self.lines.empty():
            line = self.lines.get()
            if line.startswith("rebuilt"):
                found.append(line)
        return found

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
    content, _ = load_site(site, Overrides())
    articles = [a for a in content.articles if not a.draft]
    chosen = [articles[i * len(articles) // edits] for i in range(edits)]
    server = Server(site)
    times = []
    try:
        for number, article in enumerate(chosen, 1):
            connection, response = listen(server, f"articles/{article.slug}/index.html")
            saved = time.perf_counter()
            edit(site / article.path, number)
            wait_reload(response)
            times.append(time.perf_counter() - saved)
            connection.close()
        rebuilds = server.rebuild_lines()
    finally:
        server.stop()
    ordered = sorted(times)
    return {
        "articles": len(content.articles),
        "startup": server.startup,
        "median": statistics.median(times),
        "p95": ordered[max(0, round(0.95 * len(ordered)) - 1)],
        "max": ordered[-1],
        "times": times,
        "rebuilds": rebuilds,
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
            generated = generate(arguments.n, Path(folder) / "generated")["briefings"]
            sites[f"generated, {arguments.n} articles"] = generated
        for name, site in sites.items():
            result = measure(site, arguments.edits)
            times = ", ".join(f"{t:.2f}" for t in result["times"])  # type: ignore[attr-defined]
            print(f"{name} ({result['articles']} articles):")
            print(f"  first build and start: {result['startup']:.2f} s")
            print(
                f"  edit to reload over {arguments.edits} edits: median {result['median']:.3f} s,"
                f" p95 {result['p95']:.3f} s, max {result['max']:.3f} s"
            )
            print(f"  each: {times}")
            for line in result["rebuilds"][:3]:  # type: ignore[index]
                print(f"  server: {line}")


if __name__ == "__main__":
    main()
