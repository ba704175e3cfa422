"""`briefings serve`: the path jail, hosts and origins, content types, events, rebuilds."""

from __future__ import annotations

import http.client
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefings.preview import watch
from briefings.preview.serve import (
    EVENTS,
    Hosts,
    LiveState,
    PreviewServer,
    Site,
    affects,
    content_type,
    inject,
)
from briefings.preview.watch import Changes, Preview, relevant
from briefings.stages.config import Overrides

from .conftest import run

WAIT = 30.0
"""Generous: how long a test waits for an event before it fails."""

ARTICLE = "content/articles/2024/2024-03-08-fidan-blinken.md"
ARTICLE_PAGE = "/repo/articles/fidan-blinken/"
ARTICLE_TEXT = """\
---
title: Fidan et Blinken réunis à Washington
date: 2024-03-08
source: aa
url: https://www.aa.com.tr/fr/monde/fidan-blinken/1
---
{paragraph}
"""


# ---------------------------------------------------------------- helpers


def request(
    port: int, target: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    """One request with http.client, the target sent as it is (no normalisation)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    try:
        connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        all_headers = {"Host": f"127.0.0.1:{port}", **(headers or {})}
        for name, value in all_headers.items():
            if value:
                connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def raw_request(port: int, data: bytes) -> bytes:
    """Bytes sent on a plain socket: what no HTTP client library would send."""
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as connection:
        connection.sendall(data)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


class EventStream:
    """A client of the event stream, reading events in a thread into a queue."""

    def __init__(self, port: int, query: str = "", headers: dict[str, str] | None = None):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
        self.connection.request("GET", EVENTS + query, headers=headers or {})
        self.socket = self.connection.sock
        self.response = self.connection.getresponse()
        self.events: queue.Queue[tuple[str, str]] = queue.Queue()
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
                elif text == "":
                    if data:
                        self.events.put((kind, "\n".join(data)))
                    kind, data = "message", []
        except (OSError, ValueError):
            pass  # closed by the test or the server
        self.events.put(("closed", ""))

    def next(self, *kinds: str) -> tuple[str, str]:
        """The next event of one of `kinds`, skipping others; fails after WAIT seconds."""
        while True:
            kind, data = self.events.get(timeout=WAIT)
            if kind in kinds or kind == "closed":
                return kind, data

    def close(self) -> None:
        # A shutdown, not just a close, wakes the reading thread up at once.
        self.socket.shutdown(socket.SHUT_RDWR)
        self.thread.join(WAIT)
        assert not self.thread.is_alive()
        self.response.close()
        self.connection.close()


def page_version(html: bytes) -> str:
    marker = b'"version": "'
    start = html.index(marker) + len(marker)
    return html[start : html.index(b'"', start)].decode()


def no_preview_threads() -> bool:
    names = [t.name for t in threading.enumerate()]
    return not any(name.startswith("briefings-") for name in names)


# ---------------------------------------------------------------- serving a folder


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[PreviewServer, Path]]:
    """A server on a hand-made output folder under /repo/, with a canary file beside it."""
    out = tmp_path / "out"
    (out / "articles" / "a").mkdir(parents=True)
    (out / "index.html").write_text("<!DOCTYPE html><html><body><p>Accueil</p></body></html>")
    (out / "articles" / "a" / "index.html").write_text("<html><body><p>Été</p></body></html>")
    (out / "style.css").write_text("body { color: #222 }")
    (out / "feed.xml").write_text('<?xml version="1.0" encoding="utf-8"?><feed/>')
    (out / "data.json").write_text('{"titre": "Été"}')
    (tmp_path / "canary.txt").write_text("CANARY-SECRET")
    (out / "link-out").symlink_to(tmp_path, target_is_directory=True)
    (out / "canary-link.txt").symlink_to(tmp_path / "canary.txt")
    state = LiveState(Site(out, "/repo/"))
    server = PreviewServer("127.0.0.1", 0, state)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="briefings-test")
    thread.start()
    yield server, out
    state.close()
    server.shutdown()
    server.server_close()
    thread.join()


TRAVERSALS = [
    "/../canary.txt",
    "/repo/../canary.txt",
    "/repo/../../canary.txt",
    "/%2e%2e/canary.txt",
    "/repo/%2e%2e/canary.txt",
    "/repo/%2E%2E/%2E%2E/canary.txt",
    "/repo/..%2fcanary.txt",
    "/repo/%2e%2e%2fcanary.txt",
    "/repo/..%2Fcanary.txt",
    "/repo/..\\canary.txt",
    "/repo/..%5ccanary.txt",
    "/repo/%5c..%5ccanary.txt",
    "/%252e%252e/canary.txt",
    "/repo/%252e%252e/canary.txt",
    "/repo/%252e%252e%252fcanary.txt",
    "//evil.example/..%2fcanary.txt",
    "//evil.example/../canary.txt",
    "/repo//../canary.txt",
    "/repo/./../canary.txt",
    "/repo/link-out/canary.txt",
    "/repo/canary-link.txt",
    "/repo/%00/../canary.txt",
    "/repo/%c0%ae%c0%ae/canary.txt",
    "http://evil.example/../canary.txt",
    "http://127.0.0.1/repo/../canary.txt",
    "*",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_traversal_never_leaves_the_output(served, target: str) -> None:
    server, _ = served
    status, _, body = request(server.port, target)
    assert status in (400, 404)
    assert b"CANARY-SECRET" not in body


@pytest.mark.parametrize("target", ["/repo/../canary.txt", "/repo/%2e%2e%2fcanary.txt", "*"])
def test_traversal_on_a_raw_socket(served, target: str) -> None:
    server, _ = served
    host = f"127.0.0.1:{server.port}"
    answer = raw_request(server.port, f"GET {target} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
    assert answer.split(b" ", 2)[1] in (b"400", b"404")
    assert b"CANARY-SECRET" not in answer


def test_a_symlink_inside_the_output_is_served(served) -> None:
    server, out = served
    (out / "alias.css").symlink_to(out / "style.css")
    status, _, body = request(server.port, "/repo/alias.css")
    assert status == 200 and body == b"body { color: #222 }"


def test_root_and_folders_redirect_to_their_slash(served) -> None:
    server, _ = served
    status, headers, _ = request(server.port, "/")
    assert (status, headers["location"]) == (302, "/repo/")
    status, headers, _ = request(server.port, "/repo")
    assert (status, headers["location"]) == (302, "/repo/")
    status, headers, _ = request(server.port, "/repo/articles/a?x=1")
    assert (status, headers["location"]) == (302, "/repo/articles/a/?x=1")


def test_content_types_are_right_and_text_is_utf8(served) -> None:
    server, _ = served
    expected = {
        "/repo/": "text/html; charset=utf-8",
        "/repo/style.css": "text/css; charset=utf-8",
        "/repo/feed.xml": "application/xml; charset=utf-8",
        "/repo/data.json": "application/json; charset=utf-8",
    }
    for target, kind in expected.items():
        status, headers, _ = request(server.port, target)
        assert (status, headers["content-type"]) == (200, kind)
        assert headers["x-content-type-options"] == "nosniff"
    _, _, body = request(server.port, "/repo/data.json")
    assert body.decode("utf-8") == '{"titre": "Été"}'
    assert content_type("images/logo.PNG") == "image/png"
    assert content_type("CNAME") == "application/octet-stream"


def test_head_has_the_headers_of_get_and_no_body(served) -> None:
    server, _ = served
    _, got, body = request(server.port, "/repo/articles/a/")
    status, headers, empty = request(server.port, "/repo/articles/a/", method="HEAD")
    assert (status, empty) == (200, b"")
    assert headers["content-length"] == got["content-length"] == str(len(body))
    assert headers["content-type"] == "text/html; charset=utf-8"


def test_the_script_is_added_to_html_when_served_only(served) -> None:
    server, out = served
    _, _, body = request(server.port, "/repo/articles/a/")
    assert body.index(b"data-briefings-live") < body.index(b"</body>")
    assert b"data-briefings-live" not in (out / "articles/a/index.html").read_bytes()
    _, _, css = request(server.port, "/repo/style.css")
    assert b"briefings" not in css
    assert inject(b"<p>no body</p>", b"<script></script>") == b"<p>no body</p><script></script>"


def test_a_missing_page_gets_the_sites_404_page(served) -> None:
    server, out = served
    status, headers, body = request(server.port, "/repo/nowhere/<b>")
    assert (status, headers["content-type"]) == (404, "text/html; charset=utf-8")
    assert b"404 Not Found" in body and b"/repo/nowhere/&lt;b&gt;" in body
    assert b"data-briefings-live" in body  # a first build's error shows even over this page
    (out / "404.html").write_text("<html><body><h1>Page introuvable</h1></body></html>")
    status, headers, body = request(server.port, "/repo/nowhere/")
    assert (status, headers["content-type"]) == (404, "text/html; charset=utf-8")
    assert b"Page introuvable" in body and b"data-briefings-live" in body
    assert request(server.port, "/elsewhere")[0] == 404


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("{ip}:{port}", 200),
        ("localhost:{port}", 200),
        ("[::1]:{port}", 200),
        ("evil.example:{port}", 403),
        ("evil.example", 403),
        ("127.0.0.1.nip.io:{port}", 403),
        ("{ip}:1", 403),
        ("192.168.1.20:{port}", 403),
        ("", 403),
    ],
)
def test_a_foreign_host_header_is_refused(served, host: str, status: int) -> None:
    server, _ = served
    value = host.format(ip="127.0.0.1", port=server.port)
    if value:
        assert request(server.port, "/repo/", {"Host": value})[0] == status
    else:  # HTTP/1.0 without a Host header at all
        answer = raw_request(server.port, b"GET /repo/ HTTP/1.0\r\n\r\n")
        assert answer.split(b" ", 2)[1] == b"403"


def test_hosts_allowed_on_every_interface() -> None:
    hosts = Hosts("0.0.0.0", 8000)
    assert hosts.wildcard and not hosts.loopback
    assert hosts.allows("192.168.1.20:8000") and hosts.allows("localhost:8000")
    assert not hosts.allows("evil.example:8000") and not hosts.allows("192.168.1.20:1")
    assert Hosts("::1", 80).allows("[::1]") and Hosts("localhost", 80).loopback
    assert Hosts("192.168.1.20", 8000).allows("192.168.1.20:8000")
    assert not Hosts("192.168.1.20", 8000).allows("10.0.0.1:8000")


def test_many_connections_at_once_are_taken_without_a_retry(tmp_path: Path) -> None:
    # Connections wait in the kernel's queue until the server's thread accepts them. A queue
    # too short (socketserver's default, 5) drops the rest, and each of them then waits for the
    # TCP retry, a second later: a page's assets and the event streams of a few tabs did so.
    server = PreviewServer("127.0.0.1", 0, LiveState(Site(tmp_path, "/")))
    clients = []
    try:  # not serving: nothing is accepted while the clients connect
        for _ in range(40):
            client = socket.create_connection(("127.0.0.1", server.port), timeout=0.5)
            clients.append(client)
    finally:
        for client in clients:
            client.close()
        server.server_close()
    assert len(clients) == 40


def test_the_event_stream_refuses_foreign_origins(served) -> None:
    server, _ = served
    port = server.port
    assert request(port, EVENTS, {"Origin": "http://evil.example"})[0] == 403
    assert request(port, EVENTS, {"Origin": f"http://evil.example:{port}"})[0] == 403
    assert request(port, EVENTS, {"Origin": "null"})[0] == 403
    assert request(port, EVENTS, {"Sec-Fetch-Site": "cross-site"})[0] == 403
    status, headers, _ = request(port, EVENTS, {"Origin": f"http://127.0.0.1:{port}"}, "HEAD")
    assert (status, headers["content-type"]) == (200, "text/event-stream; charset=utf-8")


def test_requests_wait_for_a_running_build(served) -> None:
    server, out = served
    answers: list[bytes] = []
    asking = threading.Thread(target=lambda: answers.append(request(server.port, "/repo/")[2]))
    with server.state.building():
        asking.start()
        assert server.state.wait_for_held(1, WAIT)
        (out / "index.html").write_text("<html><body><p>Nouvelle accueil</p></body></html>")
    asking.join(WAIT)
    assert b"Nouvelle accueil" in answers[0]


def test_pages_reload_only_for_what_changed() -> None:
    page = ("articles/a/index.html",)
    assert affects(None, page)
    assert affects(frozenset({"articles/a/index.html"}), page)
    assert not affects(frozenset({"articles/b/index.html", "feed.xml"}), page)
    assert affects(frozenset({"assets/style.css"}), page)


# ---------------------------------------------------------------- the preview


class LoggedPreview(Preview):
    """A preview whose build messages are kept in `log`."""

    def __init__(self, site: Path, overrides: Overrides) -> None:
        self.log: list[str] = []
        super().__init__(site, overrides, port=0, log=self.log.append)


@pytest.fixture
def preview(make_site) -> Iterator[Callable[..., LoggedPreview]]:
    """`preview(files)`: a started preview of a site on a free port, stopped after the test."""
    started: list[LoggedPreview] = []

    def start(files: dict[str, str | None] | None = None, drafts: bool = False) -> LoggedPreview:
        live = LoggedPreview(make_site(files), Overrides(drafts=drafts))
        started.append(live)
        live.start()
        return live

    yield start
    for live in started:
        live.stop()
    assert no_preview_threads()


def edit(site: Path, name: str, text: str) -> None:
    """Save a file the way editors do: write a temporary file, then rename it over the old one."""
    path = site / name
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


NATO = """\
---
title: OTAN
summary: L'Alliance atlantique
keywords: [OTAN, "Alliance atlantique"]
order: 3
---
{overview}
"""


def test_an_edit_reloads_the_page_with_the_new_text(preview) -> None:
    live = preview()
    port = live.server.port
    status, _, html = request(port, ARTICLE_PAGE)
    assert status == 200 and "évoqué la situation à Gaza" in html.decode()
    page = "articles/fidan-blinken/index.html"
    stream = EventStream(port, f"?version={page_version(html)}&page={page}")
    try:
        edit(live.site_dir, ARTICLE, ARTICLE_TEXT.format(paragraph="Un paragraphe tout neuf."))
        kind, _ = stream.next("reload")
        assert kind == "reload"
        assert "Un paragraphe tout neuf." in request(port, ARTICLE_PAGE)[2].decode()
    finally:
        stream.close()


def test_a_page_that_did_not_change_is_not_reloaded(preview) -> None:
    live = preview()
    port = live.server.port
    _, _, html = request(port, "/repo/people/fidan/")
    stream = EventStream(port, f"?version={page_version(html)}&page=people/fidan/index.html")
    try:
        builds = live.state.builds
        edit(live.site_dir, ARTICLE, ARTICLE_TEXT.format(paragraph="Hakan Fidan à Gaza."))
        assert live.state.wait_for_builds(builds + 1, WAIT)
        people = (live.site_dir / "content/people.yaml").read_text()
        edit(live.site_dir, "content/people.yaml", people.replace("Ministre turc", "Chef turc"))
        assert live.state.wait_for_builds(builds + 2, WAIT)
        # The first build changed other pages only: the first reload is the second build's.
        assert stream.next("reload")[1] == live.state.version
    finally:
        stream.close()


def test_an_error_is_shown_and_cleared_and_the_last_good_site_stays(preview) -> None:
    live = preview()
    port = live.server.port
    good = request(port, ARTICLE_PAGE)[2]
    stream = EventStream(port, f"?version={page_version(good)}&page=index.html")
    try:
        edit(live.site_dir, ARTICLE, ARTICLE_TEXT.replace("date: 2024-03-08", "date: [2024"))
        kind, text = stream.next("build-error", "reload")
        assert kind == "build-error"
        assert text.startswith(f"{ARTICLE}:3:7: error: ")
        assert "    3 | date: [2024" in text
        assert request(port, ARTICLE_PAGE)[2] == good
        assert any(ARTICLE in line for line in live.log)
        edit(live.site_dir, ARTICLE, ARTICLE_TEXT.format(paragraph="Réparé."))
        assert stream.next("build-ok", "build-error") == ("build-ok", "")
    finally:
        stream.close()


def test_a_page_opened_during_an_error_shows_it(preview) -> None:
    live = preview({"templates/footer.html": "<footer>Pied de page</footer>\n"})
    builds = live.state.builds
    edit(live.site_dir, "templates/footer.html", "<footer>{{ missing_variable }}</footer>\n")
    assert live.state.wait_for_builds(builds + 1, WAIT)
    stream = EventStream(live.server.port, f"?version={live.state.version}&page=index.html")
    try:
        kind, text = stream.next("build-error")
        assert kind == "build-error"
        assert text.startswith("templates/footer.html:1:1: error: template error")
    finally:
        stream.close()


def test_a_first_build_that_fails_still_serves_its_error_then_the_site(preview) -> None:
    broken = ARTICLE_TEXT.replace("source: aa", "source: [aa")
    live = preview({ARTICLE: broken})
    port = live.server.port
    status, _, page = request(port, "/repo/")
    assert status == 404
    stream = EventStream(port, f"?version={page_version(page)}&page=index.html&page=404.html")
    try:
        assert stream.next("build-error")[1].startswith(f"{ARTICLE}:4:9: error:")
        edit(live.site_dir, ARTICLE, ARTICLE_TEXT.format(paragraph="Enfin publié."))
        assert stream.next("build-ok") == ("build-ok", "")
        assert stream.next("reload")[0] == "reload"
        assert request(port, "/repo/")[0] == 200
    finally:
        stream.close()


def test_an_atomic_save_is_one_rebuild(preview) -> None:
    live = preview()
    site = live.site_dir
    builds = live.state.builds
    # vim's probe file and backup, then the new text written beside and renamed over the old.
    probe = site / "content/articles/2024/4913"
    probe.write_text("")
    probe.unlink()
    (site / f"{ARTICLE}~").write_text(ARTICLE_TEXT.format(paragraph="Sauvegarde."))
    edit(site, ARTICLE, ARTICLE_TEXT.format(paragraph="Première version enregistrée."))
    (site / f"{ARTICLE}~").unlink()
    assert live.state.wait_for_builds(builds + 1, WAIT)
    # A later, separate save: once its build is done, every event of the first is handled.
    edit(site, "content/topics/nato.md", NATO.format(overview="Un autre aperçu."))
    assert live.state.wait_for_builds(builds + 2, WAIT)
    rebuilds = [line for line in live.log if line.startswith("rebuilt")]
    assert len(rebuilds) == 2, live.log
    assert ARTICLE in rebuilds[0] and "4913" not in rebuilds[0] and "~" not in rebuilds[0]
    assert live.state.builds == builds + 2


def test_a_checkout_of_many_files_is_one_rebuild(preview) -> None:
    live = preview()
    site = live.site_dir
    builds = live.state.builds
    for number in range(40):
        edit(
            site,
            f"content/articles/2024/2024-03-09-depeche-{number}.md",
            ARTICLE_TEXT.format(paragraph=f"Dépêche {number} sur Gaza.").replace(
                "title: Fidan et Blinken réunis à Washington", f"title: Dépêche {number}"
            ),
        )
    assert live.state.wait_for_builds(builds + 1, WAIT)
    edit(site, "content/topics/nato.md", NATO.format(overview="Un autre aperçu."))
    assert live.state.wait_for_builds(builds + 2, WAIT)
    assert live.state.builds == builds + 2
    assert (live.builder.output / "articles/depeche-39/index.html").is_file()


def test_the_built_output_never_holds_the_script(preview) -> None:
    live = preview()
    builds = live.state.builds
    edit(live.site_dir, ARTICLE, ARTICLE_TEXT.format(paragraph="Encore un paragraphe."))
    assert live.state.wait_for_builds(builds + 1, WAIT)
    for path in live.builder.output.rglob("*"):
        if path.is_file():
            assert b"__briefings__" not in path.read_bytes(), path


def test_editor_droppings_and_outputs_are_not_changes(tmp_path: Path) -> None:
    site, out = tmp_path, tmp_path / "_site"
    assert relevant(str(site / "content/articles/a.md"), site, out) == "content/articles/a.md"
    assert relevant(str(site / "site.yaml"), site, out) == "site.yaml"
    assert relevant(str(site / "templates"), site, out) == "templates"
    assert relevant(str(site / "static/.nojekyll"), site, out) == "static/.nojekyll"
    for name in (
        "content/articles/.a.md.swp",
        "content/articles/a.md~",
        "content/articles/4913",
        "content/articles/.goutputstream-XYZ12",
        "content/articles/.#a.md",
        "content/articles/.b.md.tmp",
        "content/.drafts/c.md",
        "_site/index.html",
        ".briefings-cache/analysis.jsonl",
        "README.md",
        ".git/index.lock",
    ):
        assert relevant(str(site / name), site, out) is None, name
    inside = site / "static/_site"
    assert relevant(str(inside / "index.html"), site, inside) is None


def test_changes_in_a_burst_are_taken_together() -> None:
    changes = Changes()
    for number in range(50):
        changes.add(f"content/articles/{number}.md")
    assert changes.settled() == {f"content/articles/{n}.md" for n in range(50)}
    changes.stop()
    assert changes.settled() is None


def test_a_new_base_url_moves_the_site(preview) -> None:
    live = preview()
    builds = live.state.builds
    yaml = (live.site_dir / "site.yaml").read_text()
    edit(live.site_dir, "site.yaml", yaml.replace("/repo/", "/dossiers-2024/"))
    assert live.state.wait_for_builds(builds + 1, WAIT)
    assert request(live.server.port, "/dossiers-2024/")[0] == 200
    assert live.url.endswith("/dossiers-2024/")


def test_a_source_folder_created_later_is_watched(preview) -> None:
    live = preview()
    builds = live.state.builds
    (live.site_dir / "templates").mkdir()
    (live.site_dir / "templates/footer.html").write_text("<footer>Pied de page maison</footer>\n")
    assert live.state.wait_for_builds(builds + 1, WAIT)
    page = request(live.server.port, "/repo/")[2].decode()
    if "Pied de page maison" not in page:  # the folder and the file may come as two builds
        assert live.state.wait_for_builds(builds + 2, WAIT)
        page = request(live.server.port, "/repo/")[2].decode()
    assert "Pied de page maison" in page


# ---------------------------------------------------------------- the command


def test_serve_prints_the_url_and_stops_on_ctrl_c(make_site, monkeypatch, capsys) -> None:
    def interrupted(self: Preview) -> None:
        assert b"<html" in request(self.server.port, "/repo/")[2]
        raise KeyboardInterrupt

    monkeypatch.setattr(watch.Preview, "wait", interrupted)
    assert run("serve", "--site", make_site(), "--port", "0") == 0
    out, err = capsys.readouterr()
    assert "serving http://127.0.0.1:" in out and "/repo/" in out
    assert "warning: --host" not in err  # on 127.0.0.1, no warning about the network
    assert no_preview_threads()


class UnboundPreview:
    """Stands in for Preview where a test must not listen on every interface."""

    def __init__(
        self, site: Path, overrides: Overrides, *, host: str, port: int, **_: object
    ) -> None:
        self.server = type("Server", (), {"hosts": Hosts(host, port)})()
        self.url = f"http://127.0.0.1:{port}/"
        self.stopped = False

    def start(self) -> bool:
        return True

    def wait(self) -> None:
        raise KeyboardInterrupt

    def stop(self) -> None:
        self.stopped = True


def test_ctrl_c_stops_the_command_cleanly(make_site) -> None:
    site = make_site()
    command = [sys.executable, "-m", "briefings", "serve", "--site", str(site), "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        lines = iter(server.stdout.readline, "")
        serving = next(line for line in lines if line.startswith("serving "))
        port = int(serving.split(":")[2].split("/")[0])
        assert request(port, "/repo/")[0] == 200
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=WAIT)
    finally:
        server.kill()
        server.wait()
    assert server.returncode == 0
    assert "stopped" in err and "Traceback" not in err


def test_serve_on_every_interface_warns(make_site, monkeypatch, capsys) -> None:
    monkeypatch.setattr(watch, "Preview", UnboundPreview)
    assert run("serve", "--site", make_site(), "--host", "0.0.0.0", "--port", "8123") == 0
    assert "warning: --host 0.0.0.0 makes the preview reachable" in capsys.readouterr().err


def test_a_port_in_use_is_a_clear_error(make_site, capsys) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert run("serve", "--site", make_site(), "--port", str(port)) == 2
    err = capsys.readouterr().err
    assert f"port {port} is already in use" in err and "--port 0" in err


def test_a_bad_port_is_a_usage_error(make_site, capsys) -> None:
    assert run("serve", "--site", make_site(), "--port", "99999") == 2
    assert "not a port number" in capsys.readouterr().err


def test_serve_outside_a_site_fails_as_build_does(tmp_path: Path, monkeypatch, capsys) -> None:
    # It served 404s from nowhere; now it stops, with build's very message, on stderr.
    def interrupted(self: Preview) -> None:
        raise KeyboardInterrupt  # were it to serve, as it did: stop at once

    monkeypatch.setattr(watch.Preview, "wait", interrupted)
    assert run("build", "--site", tmp_path) == 1
    build_err = capsys.readouterr().err
    assert run("serve", "--site", tmp_path, "--port", "0") == 1
    out, err = capsys.readouterr()
    assert out == "" and "serving" not in err
    said = "site.yaml:1:1: error: no site.yaml in the site folder"
    assert said in err and said in build_err
    assert err.splitlines()[:3] == build_err.splitlines()[:3]
    assert no_preview_threads()


def test_the_preview_says_its_errors_on_stderr(make_site, monkeypatch, capsys) -> None:
    site = make_site({"content/articles/2024/casse.md": "---\ntitle: Jamais fermé\n"})

    def interrupted(self: Preview) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(watch.Preview, "wait", interrupted)
    assert run("serve", "--site", site, "--port", "0") == 0
    out, err = capsys.readouterr()
    assert "content/articles/2024/casse.md:1:1: error:" in err
    assert "build failed: still serving the last good site" in err
    assert "error" not in out and "serving http://127.0.0.1:" in out


def test_the_preview_says_ten_warnings_at_most_and_counts_them(make_site) -> None:
    from .test_check import _wordy_site

    site = _wordy_site(make_site)
    for quiet in (False, True):
        said: list[str] = []
        state = LiveState(Site(site / "_site", "/repo/"))
        builder = watch.Builder(site, Overrides(), state, said.append, said.append, quiet=quiet)
        try:
            assert builder.build()
        finally:
            builder.close()
        heads = [line for text in said for line in text.splitlines() if ": warning: " in line]
        summary = next(line for line in said if line.startswith("built "))
        total = int(summary.rsplit(", ", 1)[1].split()[0])
        assert total > 12
        assert len(heads) == (0 if quiet else 10)


def test_a_rebuild_forks_no_worker_while_the_index_is_made(make_site, monkeypatch) -> None:
    # A worker forked while the index's thread holds a lock (Babel's locale data) would wait on
    # it forever: a build stops the index being made, and waits for it, before it may fork.
    from briefings.incremental import forkpool, rerender

    from .sites import WIRE

    site = make_site(WIRE)
    monkeypatch.setattr(rerender, "POOL_BYTES", 0)  # an edit's pages made by workers
    monkeypatch.setattr(forkpool, "workers", lambda: 2)
    making = threading.Event()
    indexing = watch.search_index

    def index(*args: object) -> object:
        making.set()
        try:
            time.sleep(0.5)  # long enough for the next build to come
            return indexing(*args)  # type: ignore[arg-type]
        finally:
            making.clear()

    fork = os.fork
    beside: list[bool] = []

    def forking() -> int:
        beside.append(making.is_set())
        return fork()

    monkeypatch.setattr(watch, "search_index", index)
    monkeypatch.setattr(os, "fork", forking)
    said: list[str] = []
    builder = watch.Builder(site, Overrides(), LiveState(Site(site / "_site", "/")), said.append)
    path = site / next(p for p in WIRE if p.startswith("content/articles/"))
    try:
        assert builder.build()
        for words in ("Premier ajout.", "Second ajout."):
            path.write_text(path.read_text(encoding="utf-8") + f"\n{words}\n", encoding="utf-8")
            assert builder.build({str(path.relative_to(site))})
            if words.startswith("Premier"):
                assert making.wait(WAIT)  # the first edit's index is being made
    finally:
        builder.close()
    assert beside  # the second edit's pages were made by forked workers
    assert not any(beside), beside
