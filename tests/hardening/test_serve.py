"""The dev server: it serves the output folder and nothing else, to this machine only, and
survives what editors and users do to the site while it runs.

Covered in test_serve.py and not repeated here: the warning for `--host 0.0.0.0`, every Host
header and event-stream Origin refused on a hand-made output folder, content types, held
requests, the reload protocol.
"""

from __future__ import annotations

import http.client
import os
import queue
import socket
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefings.cli import parser
from briefings.preview.serve import EVENTS
from briefings.preview.watch import Preview
from briefings.stages.config import Overrides

from ..conftest import MINIMAL_SITE
from ..test_validation import ARTICLE, ARTICLE_TEXT, SECOND, SECOND_TEXT, SITE

WAIT = 30.0
CONFIG = textwrap.dedent(MINIMAL_SITE["site.yaml"])
PAGE = "/repo/articles/fidan-blinken/"


def get(port: int, target: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """One GET with the target sent byte for byte as given."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    try:
        connection.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
        for name, value in {"Host": f"127.0.0.1:{port}", **(headers or {})}.items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as connection:
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


class Events:
    """An event-stream client, as a page of the site opens it."""

    def __init__(self, port: int, page: str = "articles/fidan-blinken/index.html") -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
        self.connection.request("GET", f"{EVENTS}?page={page}")
        self.socket = self.connection.sock  # the response keeps it; the connection lets go
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        self.queue: queue.Queue[tuple[str, str]] = queue.Queue()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        kind, data = "message", []
        try:
            for line in self.response:
                text = line.decode().rstrip("\n")
                if text.startswith("event: "):
                    kind = text[7:]
                elif text.startswith("data: "):
                    data.append(text[6:])
                elif not text and data:
                    self.queue.put((kind, "\n".join(data)))
                    kind, data = "message", []
        except (OSError, ValueError):
            pass

    def next(self, *kinds: str) -> tuple[str, str]:
        while True:
            kind, data = self.queue.get(timeout=WAIT)
            if kind in kinds:
                return kind, data

    def close(self) -> None:
        self.socket.shutdown(socket.SHUT_RDWR)  # wakes the reading thread at once
        self.thread.join(WAIT)
        assert not self.thread.is_alive()
        self.response.close()
        self.connection.close()


class Live(Preview):
    def __init__(self, site: Path) -> None:
        self.lines: list[str] = []
        super().__init__(site, Overrides(), port=0, log=self.lines.append)

    @property
    def port(self) -> int:
        return self.server.port

    def rebuilds(self) -> list[str]:
        return [line for line in self.lines if line.startswith("rebuilt")]


@pytest.fixture
def live(make_site) -> Iterator[Callable[[], Live]]:
    started: list[Live] = []

    def start() -> Live:
        # No search index: Pagefind's indexing is not what these tests are about, and costs.
        preview = Live(make_site({**SITE, "site.yaml": CONFIG + "search: false\n"}))
        started.append(preview)
        preview.start()
        return preview

    yield start
    for preview in started:
        preview.stop()


# ---------------------------------------------------------------- who may connect


def test_the_preview_listens_on_this_machine_only_by_default(make_site) -> None:
    assert parser().parse_args(["serve"]).host == "127.0.0.1"
    preview = Preview(make_site(SITE), port=0, log=lambda line: None)
    try:
        assert preview.server.server_address[0] == "127.0.0.1"
        assert preview.server.hosts.loopback
    finally:
        preview.stop()


TARGETS = [
    "/../../etc/passwd",
    "/repo/../../../../etc/passwd",
    "/%2e%2e/canary.txt",
    "/repo/%2e%2e/canary.txt",
    "/repo/..%2fcanary.txt",
    "/repo/..%2Fcanary.txt",
    "/%252e%252e/canary.txt",
    "/repo/%252e%252e%252fcanary.txt",
    "/repo/..\\canary.txt",
    "/repo/..%5ccanary.txt",
    "//evil.example/..%2fcanary.txt",
    "//evil.example/repo/../../canary.txt",
    "http://evil.example/repo/../canary.txt",
    "http://127.0.0.1/repo/../../canary.txt",
    "/repo/canary-link.txt",
    "/repo/out/canary.txt",
    "/repo/%00../canary.txt",
]


def test_no_request_target_reaches_outside_the_output(live) -> None:
    preview = live()
    output = preview.builder.output
    (output.parent.parent / "canary.txt").write_text("CANARY-SECRET")
    (output.parent / "canary.txt").write_text("CANARY-SECRET")
    (output / "canary-link.txt").symlink_to(output.parent / "canary.txt")
    (output / "out").symlink_to(output.parent, target_is_directory=True)
    port = preview.port
    for target in TARGETS:
        status, body = get(port, target)
        assert status in (400, 404), target
        assert b"CANARY-SECRET" not in body and b"root:" not in body, target
        answer = raw(port, f"GET {target} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        assert answer.split(b" ", 2)[1] in (b"400", b"404"), target
        assert b"CANARY-SECRET" not in answer, target
    assert get(port, PAGE)[0] == 200


def test_dns_rebinding_is_refused(live) -> None:
    preview = live()
    port = preview.port
    assert get(port, PAGE, {"Host": f"evil.example:{port}"})[0] == 403
    assert get(port, EVENTS, {"Origin": f"http://evil.example:{port}"})[0] == 403
    assert get(port, EVENTS, {"Origin": "null"})[0] == 403


# ---------------------------------------------------------------- breaking the site while serving


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ("title: ", "title: [", "site.yaml:1:8: error: YAML syntax error"),
        ("language: fr\n", "language: fr\noutput: .\n", "briefings: error: refusing to use"),
    ],
    ids=["syntax", "output"],
)
def test_breaking_site_yaml_shows_the_error_and_the_server_stays_up(
    live, old: str, new: str, shown: str
) -> None:
    preview = live()
    site_yaml = preview.site_dir / "site.yaml"
    good = site_yaml.read_text(encoding="utf-8")
    page = get(preview.port, PAGE)[1]
    events = Events(preview.port)
    try:
        before = sorted(p.name for p in preview.site_dir.iterdir())
        site_yaml.write_text(good.replace(old, new, 1), encoding="utf-8")
        kind, text = events.next("build-error", "build-ok")
        assert kind == "build-error" and shown in text, text
        assert sorted(p.name for p in preview.site_dir.iterdir()) == before
        assert get(preview.port, PAGE) == (200, page)  # the last good site
        site_yaml.write_text(good, encoding="utf-8")
        assert events.next("build-error", "build-ok") == ("build-ok", "")
        assert get(preview.port, PAGE)[0] == 200
    finally:
        events.close()


# ---------------------------------------------------------------- how editors save


def in_place(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as out:  # truncate, then write in two parts
        out.write(text[:20])
        out.flush()
        out.write(text[20:])


def temporary_and_rename(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def backup_and_write(path: Path, text: str) -> None:  # vim's default: the old file becomes a~
    backup = path.with_name(f"{path.name}~")
    os.replace(path, backup)
    path.write_text(text, encoding="utf-8")
    backup.unlink()


def delete_and_create(path: Path, text: str) -> None:
    path.unlink()
    path.write_text(text, encoding="utf-8")


def twenty_saves_in_100_ms(path: Path, text: str) -> None:
    for number in range(19):
        in_place(path, text.replace("Nouvelle version", f"Version {number}"))
        time.sleep(0.005)
    in_place(path, text)


def with_droppings(path: Path, text: str) -> None:
    folder = path.parent
    for name in (f".{path.name}.swp", f".{path.name}.swx", "4913", ".goutputstream-1A2B3C"):
        (folder / name).write_text("x")
        (folder / name).unlink()
    (folder / f"{path.name}~").write_text(text)
    temporary_and_rename(path, text)


@pytest.mark.parametrize(
    "save",
    [
        in_place,
        temporary_and_rename,
        backup_and_write,
        delete_and_create,
        twenty_saves_in_100_ms,
        with_droppings,
    ],
)
def test_a_save_is_exactly_one_rebuild_with_the_final_text(
    live, save: Callable[[Path, str], None]
) -> None:
    preview = live()
    builds = preview.state.builds
    final = ARTICLE_TEXT.replace(
        "Les deux responsables", "Nouvelle version : les deux responsables"
    )
    save(preview.site_dir / ARTICLE, final)
    assert preview.state.wait_for_builds(builds + 1, WAIT)
    # A separate save after it: once its build is done, every event of the first was handled.
    temporary_and_rename(preview.site_dir / SECOND, SECOND_TEXT.replace("Des frappes", "Frappes"))
    assert preview.state.wait_for_builds(builds + 2, WAIT)
    assert preview.state.builds == builds + 2, preview.lines
    first = preview.rebuilds()[-2]
    assert first.startswith(f"rebuilt after changes to {ARTICLE} in "), first
    assert "Nouvelle version" in get(preview.port, PAGE)[1].decode()
    assert preview.state.error is None


def test_a_slow_editors_hidden_temporary_file_causes_no_build_of_its_own(live) -> None:
    # On a loaded machine the rename can come well after the temporary file was written.
    preview = live()
    builds = preview.state.builds
    path = preview.site_dir / SECOND
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(SECOND_TEXT.replace("Des frappes", "Frappes"), encoding="utf-8")
    time.sleep(0.5)
    assert preview.state.builds == builds, preview.lines
    os.replace(temporary, path)
    assert preview.state.wait_for_builds(builds + 1, WAIT)
    time.sleep(0.3)
    assert preview.state.builds == builds + 1, preview.lines


def test_editor_droppings_alone_cause_no_rebuild(live) -> None:
    preview = live()
    builds = preview.state.builds
    folder = (preview.site_dir / ARTICLE).parent
    for name in (".a.md.swp", "a.md~", "4913", ".goutputstream-XYZ", ".#a.md"):
        (folder / name).write_text("x")
    temporary_and_rename(preview.site_dir / SECOND, SECOND_TEXT.replace("Des frappes", "Frappes"))
    assert preview.state.wait_for_builds(builds + 1, WAIT)
    time.sleep(0.3)
    assert preview.state.builds == builds + 1
    assert preview.rebuilds()[-1].startswith(f"rebuilt after changes to {SECOND} in ")
