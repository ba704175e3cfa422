"""`briefings serve` under load: event streams and page requests while the site is rebuilt.

    python benchmarks/serve_load.py [--clients 50] [--requests 1000] [--rebuilds 5] [--workers 16]

The example site at the repository root is copied to a temporary folder and served by
`briefings serve --port 0` in its own process. Every client opens the event stream as an article
page does; page requests (every HTML page of the site, in turn) are sent by a pool of workers
while an article is saved --rebuilds times, spread over the requests, each save waiting until
every client has had the previous reload. The checks: every request answered 200, every client
given every reload, and the server's open files (/proc/PID/fd) back to their number before the
load once the clients are gone. Prints the latency percentiles and the open file counts; exits
1 when a check fails.
"""

from __future__ import annotations

import argparse
import http.client
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlsplit

REPO = Path(__file__).resolve().parent.parent
EVENTS = "/__briefings__/events"
ARTICLE = "content/articles/2024/2024-03-08-fidan-blinken-washington.md"
ARTICLE_PAGE = "articles/fidan-blinken-washington/index.html"
TIMEOUT = 120.0


class Server:
    """`briefings serve` in a child process; its output is read by a thread."""

    def __init__(self, site: Path) -> None:
        command = [sys.executable, "-m", "briefings", "serve", "--site", str(site), "--port", "0"]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        while not (line := self.lines.get(timeout=TIMEOUT)).startswith("serving "):
            pass
        url = urlsplit(line.split()[1])
        self.host, self.port, self.base = url.hostname or "127.0.0.1", url.port or 80, url.path

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.log.append(line.rstrip("\n"))
            self.lines.put(line.rstrip("\n"))

    def open_files(self) -> int | None:
        try:
            return len(os.listdir(f"/proc/{self.process.pid}/fd"))
        except OSError:  # not Linux
            return None

    def settled_open_files(self) -> int | None:
        """The open file count once it holds still (a connection just closed takes a moment)."""
        last = self.open_files()
        for _ in range(25):
            time.sleep(0.2)
            now = self.open_files()
            if now == last:
                break
            last = now
        return last

    def connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


class Client:
    """An article page's event stream, counting the reloads it is sent."""

    def __init__(self, server: Server, version: str) -> None:
        self.connection = server.connect()
        query = f"?version={quote(version)}&page={quote(ARTICLE_PAGE)}"
        self.connection.request("GET", EVENTS + query)
        self.socket = self.connection.sock
        self.response = self.connection.getresponse()
        assert self.response.status == 200, self.response.status
        self.reloads: list[str] = []
        self.changed = threading.Condition()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        kind = ""
        try:
            for line in self.response:
                if line.startswith(b"event: "):
                    kind = line[7:].strip().decode()
                elif line.startswith(b"data: ") and kind == "reload":
                    with self.changed:
                        self.reloads.append(line[6:].strip().decode())
                        self.changed.notify_all()
        except (OSError, ValueError):
            pass  # closed at the end

    def wait_reloads(self, count: int, timeout: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: len(self.reloads) >= count, timeout)

    def close(self) -> None:
        if self.socket is not None:
            self.socket.shutdown(2)
        self.thread.join(TIMEOUT)
        self.response.close()
        self.connection.close()


def get(server: Server, path: str) -> tuple[int, float, bytes]:
    """One page request on a new connection, as a browser's: status, seconds, body."""
    started = time.perf_counter()
    connection = server.connect()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        return response.status, time.perf_counter() - started, body
    finally:
        connection.close()


def save(path: Path, number: int) -> None:
    """Change the article's last paragraph, saved as editors do (temporary file + rename)."""
    text = re.sub(r" \(révision \d+\)\n$", "\n", path.read_text(encoding="utf-8"))
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text.rstrip("\n") + f" (révision {number})\n", encoding="utf-8")
    os.replace(temporary, path)


def copy_example(target: Path) -> Path:
    site = target / "example"
    site.mkdir()
    shutil.copy2(REPO / "site.yaml", site / "site.yaml")
    for name in ("content", "templates", "static"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, site / name)
    return site


def percentile(ordered: list[float], share: float) -> float:
    return ordered[max(0, round(share * len(ordered)) - 1)]


def run(site: Path, clients: int, requests: int, rebuilds: int, workers: int) -> bool:
    server = Server(site)
    try:
        pages = sorted(
            server.base + p.parent.relative_to(site / "_site").as_posix().strip(".") + "/"
            for p in (site / "_site").rglob("index.html")
        )
        pages = [page.replace("//", "/") for page in pages]
        status, _, html = get(server, server.base + ARTICLE_PAGE.removesuffix("index.html"))
        assert status == 200, status
        version = re.search(rb'"version": "([^"]+)"', html)
        assert version is not None, "no live-reload script in the page"
        files_before = server.settled_open_files()

        streams = [Client(server, version.group(1).decode()) for _ in range(clients)]
        done = 0
        lock = threading.Lock()
        results: list[tuple[int, float]] = []

        def one(number: int) -> None:
            nonlocal done
            status, seconds, _ = get(server, pages[number % len(pages)])
            with lock:
                results.append((status, seconds))
                done += 1

        def rebuild_all() -> list[float]:
            times = []
            for number in range(1, rebuilds + 1):
                # Spread the saves over the requests, so that pages are asked for during builds.
                while True:
                    with lock:
                        if done >= number * requests // (rebuilds + 1):
                            break
                    time.sleep(0.005)
                saved = time.perf_counter()
                save(site / ARTICLE, number)
                for stream in streams:
                    if not stream.wait_reloads(number, TIMEOUT):
                        raise RuntimeError(f"a client did not get reload {number}")
                times.append(time.perf_counter() - saved)
            return times

        started = time.perf_counter()
        with ThreadPoolExecutor(1) as driver, ThreadPoolExecutor(workers) as pool:
            saves = driver.submit(rebuild_all)
            list(pool.map(one, range(requests)))
            reload_times = saves.result()
        elapsed = time.perf_counter() - started
        for stream in streams:
            stream.close()
        # The server notices a closed stream at its next write, a heartbeat at most 15 s away.
        closed = time.monotonic()
        files_after = server.open_files()
        while (files_after or 0) > (files_before or 0) and time.monotonic() < closed + 30:
            time.sleep(0.25)
            files_after = server.open_files()
        settled = time.monotonic() - closed
    finally:
        server.stop()

    latencies = sorted(seconds for _, seconds in results)
    statuses = [status for status, _ in results]
    every_reload = [len(set(stream.reloads)) for stream in streams]
    rebuilt = [line for line in server.log if line.startswith("rebuilt")]
    print(f"site: {len(pages)} pages; {clients} event streams; {workers} request workers")
    print(
        f"requests: {len(statuses)} in {elapsed:.2f} s ({len(statuses) / elapsed:.0f}/s), "
        f"{statuses.count(200)} answered 200"
    )
    print(
        f"latency: p50 {percentile(latencies, 0.5) * 1000:.1f} ms, "
        f"p95 {percentile(latencies, 0.95) * 1000:.1f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms"
    )
    print(
        f"rebuilds: {len(rebuilt)} by the server; every client got "
        f"{min(every_reload)}..{max(every_reload)} of {rebuilds} reloads; save to last client's "
        f"reload: " + ", ".join(f"{t:.2f} s" for t in reload_times)
    )
    print(
        f"open files of the server: {files_before} before the clients, {files_after} after "
        f"they left (settled in {settled:.1f} s)"
    )
    ok = (
        statuses.count(200) == requests
        and min(every_reload) == max(every_reload) == rebuilds
        and len(rebuilt) == rebuilds
        and (files_after or 0) <= (files_before or 0)
    )
    print("all checks passed" if ok else "FAILED")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="event streams held open")
    parser.add_argument("--requests", type=int, default=1000, help="page requests to send")
    parser.add_argument("--rebuilds", type=int, default=5, help="saves during the requests")
    parser.add_argument("--workers", type=int, default=16, help="requests in flight at once")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefings-serve-load-") as folder:
        site = copy_example(Path(folder))
        ok = run(site, arguments.clients, arguments.requests, arguments.rebuilds, arguments.workers)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
