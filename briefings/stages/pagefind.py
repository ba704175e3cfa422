"""Pagefind, driven through its service: several indexes made at once, in memory.

`pagefind --service` (the binary of `pagefind[bin]`) reads requests on stdin and answers on stdout,
each a base64 JSON message ended by a comma; it is what Pagefind's Python API drives. Ours sends
every page of an index without waiting for the answers, reads the index's files back in the
answer to `GetFiles`, and runs one service per core: the API waits a tenth of a second between
two answers, and wrote every page to a file first and the index's files to a folder after.
"""

from __future__ import annotations

import base64
import contextlib
import importlib
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from . import pagefindfiles

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

MAX_SERVICES = 4
"""Pagefind services at most: each indexes on one core."""
CHUNK_BYTES = 1 << 18
"""The pages sent to Pagefind in writes of about this much, not one write per page: each write
gives the GIL up, and the sender then waits for it up to the interpreter's switch interval (5 ms)
while the build's thread computes beside the index (an edit's 230 pages: up to a second)."""
PIPE_BYTES = 1 << 20
"""The pipes to and from Pagefind enlarged to this (Linux, `F_SETPIPE_SZ`; the default is 64 KB):
an index's files (2.5 MB of answer for a shard) are read in a few reads, each of which waits
for the GIL as a write does, rather than in forty."""


class PagefindError(Exception):
    """Pagefind could not be started, or answered an error."""


@dataclass(frozen=True, slots=True)
class Job:
    """One index to make."""

    name: str
    pages: Iterable[tuple[str, str]]
    """(url, HTML), read once, as they are sent: a large site's pages need not all wait in
    memory, and are made while Pagefind indexes others."""
    weight: int = 0
    """How long it takes, roughly: the heaviest jobs start first."""


def binary() -> Path:
    """The Pagefind binary, found where Pagefind's Python API finds it: `PAGEFIND_BINARY_PATH`,
    else the `pagefind[extended]` or `pagefind[bin]` package's, else `pagefind` on PATH."""
    given = os.environ.get("PAGEFIND_BINARY_PATH")
    if given:
        return Path(given)
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        # Imported here: a site with `search: false` builds without Pagefind installed.
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        try:
            return Path(module.get_executable())
        except FileNotFoundError:
            continue
    found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    if found is None:
        raise PagefindError("no Pagefind binary was found")
    return Path(found)


def identity() -> str:
    """What tells one Pagefind binary from another: an index it made is kept only by the same."""
    path = binary()
    try:
        info = path.stat()
    except OSError as error:
        raise PagefindError(f"cannot run {path}: {error.strerror}") from error
    return f"{path}\0{info.st_size}\0{info.st_mtime_ns}"


def index_all(
    jobs: Iterable[Job],
    language: str,
    then: Callable[[], list[Job]] | None = None,
    stop: threading.Event | None = None,
) -> dict[str, dict[str, bytes]]:
    """Each job's index files (bundle-relative path to bytes), by job name: the same bytes for the
    same pages (`pagefindfiles`).

    The heaviest jobs go first, spread over up to one service per core. `then` gives more jobs
    once every one of `jobs` is done (what their pages taught, say). Once `stop` is set, no job
    starts (what is returned is then incomplete).
    """
    queue = sorted(jobs, key=lambda job: -job.weight)
    if not queue and then is not None:
        queue, then = sorted(then(), key=lambda job: -job.weight), None
    if not queue:
        return {}
    executable = binary()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    count = max(1, min(len(queue), cores or 1, MAX_SERVICES))
    turn = threading.Condition()
    running = [0]
    later = [then]
    done: dict[str, dict[str, bytes]] = {}

    def take() -> Job | None:
        with turn:
            while True:
                if stop is not None and stop.is_set():
                    queue.clear()
                    later[0] = None
                    return None
                if queue:
                    running[0] += 1
                    return queue.pop(0)
                more = later[0]
                if more is None:
                    return None
                if running[0] == 0:
                    later[0] = None
                    queue.extend(sorted(more(), key=lambda job: -job.weight))
                    turn.notify_all()
                else:
                    turn.wait()

    def work() -> None:
        try:
            with _Service(executable, language) as service:
                while (job := take()) is not None:
                    files = pagefindfiles.ordered(service.index(job.pages))
                    with turn:
                        done[job.name] = files
                        running[0] -= 1
                        turn.notify_all()
        except BaseException:
            with turn:
                queue.clear()  # the other services stop after their current index
                later[0] = None
                turn.notify_all()
            raise

    with ThreadPoolExecutor(count, thread_name_prefix="briefings-pagefind") as pool:
        for future in [pool.submit(work) for _ in range(count)]:
            future.result()  # the first error, once every service has stopped
    return done


class _Service:
    """One `pagefind --service` process, making one index after another."""

    def __init__(self, executable: Path, language: str) -> None:
        self._config = {"force_language": language}
        # What Pagefind says on stderr, for the message when it stops; closed by __exit__.
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                [str(executable), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._errors,
            )
        except OSError as error:
            self._errors.close()
            raise PagefindError(f"cannot run {executable}: {error.strerror}") from error
        assert self._process.stdin is not None and self._process.stdout is not None
        setsize = getattr(fcntl, "F_SETPIPE_SZ", None)
        for pipe in (self._process.stdin, self._process.stdout):
            if setsize is not None:
                with contextlib.suppress(OSError):  # a lower limit: the pipe stays as it is
                    fcntl.fcntl(pipe.fileno(), setsize, PIPE_BYTES)
        self._stdin: IO[bytes] = self._process.stdin
        self._answers = _Answers(self._process.stdout)
        self._next = 0

    def __enter__(self) -> _Service:
        return self

    def __exit__(self, *_: object) -> None:
        self._process.kill()
        self._process.wait()
        for stream in (self._stdin, self._process.stdout, self._errors):
            # Closing stdin flushes what a stopped Pagefind never read: that error is not news.
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()

    def index(self, pages: Iterable[tuple[str, str]]) -> dict[str, bytes]:
        """The files of an index of these pages, made in this service and then dropped."""
        index = self._ask({"type": "NewIndex", "config": self._config})["index_id"]
        adds = (
            {"type": "AddFile", "index_id": index, "url": url, "file_contents": html}
            for url, html in pages
        )
        last = [{"type": "GetFiles", "index_id": index}, {"type": "DeleteIndex", "index_id": index}]
        files = self._stream(itertools.chain(adds, last))["files"]
        return {file["path"]: base64.b64decode(file["content"]) for file in files}

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        """One request's answer."""
        with contextlib.suppress(OSError):  # a stopped Pagefind: its answer says why
            self._send(request)
            self._stdin.flush()
        return self._answer()

    def _stream(self, requests: Iterable[dict[str, Any]]) -> dict[str, Any]:
        """Send the requests of an index from a thread of their own, its pages made as they go,
        while the answers are read (the pipes would fill up both ways); the answer to GetFiles,
        once the index is dropped (DeleteIndex, the last request, answered)."""
        failed: list[BaseException] = []

        def send() -> None:
            try:
                chunk: list[bytes] = []
                size = 0
                for request in requests:
                    chunk.append(self._encoded(request))
                    size += len(chunk[-1])
                    if size >= CHUNK_BYTES:
                        self._stdin.write(b"".join(chunk))
                        chunk, size = [], 0
                self._stdin.write(b"".join(chunk))
                self._stdin.flush()
            except BaseException as error:  # a page that could not be made; a stopped service
                failed.append(error)
                self._process.kill()  # the answers end: the reader stops

        sender = threading.Thread(target=send, name="briefings-pagefind-send", daemon=True)
        sender.start()
        files: dict[str, Any] | None = None
        try:
            while True:
                try:
                    answer = self._answer()
                except PagefindError:
                    sender.join()
                    if failed and not isinstance(failed[0], OSError):
                        raise failed[0] from None
                    raise
                if answer.get("type") == "GetFiles":
                    files = answer
                elif answer.get("type") == "DeleteIndex" and files is not None:
                    # Every request was read: the sender is done, or about to return from its
                    # last write (waiting for the GIL); the service goes on to the next index.
                    sender.join()
                    return files
        finally:
            if sender.is_alive():
                self._process.kill()  # unblocks it
            sender.join()

    def _send(self, request: dict[str, Any]) -> None:
        self._stdin.write(self._encoded(request))

    def _encoded(self, request: dict[str, Any]) -> bytes:
        self._next += 1
        message = json.dumps({"message_id": self._next, "payload": request})
        return base64.b64encode(message.encode()) + b","

    def _answer(self) -> dict[str, Any]:
        message = self._answers.next()
        if message is None:
            raise PagefindError(self._said() or "Pagefind stopped unexpectedly")
        payload: dict[str, Any] = message.get("payload", {})
        if payload.get("type") == "Error":
            raise PagefindError(payload.get("message") or "Pagefind failed")
        return payload

    def _said(self) -> str:
        self._process.kill()
        self._process.wait()
        self._errors.seek(0)
        lines = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        return " ".join(lines[-3:])


class _Answers:
    """The service's answers, one comma-ended base64 JSON message at a time."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._buffer = bytearray()
        self._start = 0

    def next(self) -> dict[str, Any] | None:
        """The next answer, or None at the end of the stream."""
        while True:
            end = self._buffer.find(b",", self._start)
            if end >= 0:
                data = bytes(self._buffer[self._start : end])
                self._start = end + 1
                return json.loads(base64.b64decode(data))
            del self._buffer[: self._start]
            self._start = 0
            chunk = self._stream.read1(1 << 20)  # type: ignore[attr-defined]
            if not chunk:
                return None
            self._buffer += chunk
