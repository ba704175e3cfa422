"""The preview's HTTP side: the built site under base_url's path, and a reload event stream.

Only files under the output folder are served; requests wait while a build runs, so a page is
never read from a half-written site. HTML responses get the live-reload script at response time;
it never reaches the disk. The build side (watch.py) reports each build to a `LiveState`.
"""

from __future__ import annotations

import html
import ipaddress
import json
import secrets
import socket
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

EVENTS = "/__briefings__/events"
"""The event stream's path, outside any base_url path so that no site page can shadow it."""

HELD_REQUEST_TIMEOUT = 120.0
"""How long a request waits for a running build before it is served what is on disk."""

TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".md": "text/plain",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
    ".webmanifest": "application/manifest+json",
}
"""A fixed table rather than `mimetypes`, whose answers depend on the machine's /etc/mime.types."""

_TEXT = ("text/", "application/json", "application/xml", "application/manifest+json")
_ASSETS = (".css", ".js", ".mjs", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
_ASSETS += (".ico", ".woff", ".woff2")


def content_type(path: str) -> str:
    """The Content-Type for an output file, with UTF-8 for text."""
    suffix = path[path.rfind(".") :].lower() if "." in path.rpartition("/")[2] else ""
    kind = TYPES.get(suffix, "application/octet-stream")
    return f"{kind}; charset=utf-8" if kind.startswith(_TEXT) else kind


# ---------------------------------------------------------------- what is served


@dataclass(frozen=True, slots=True)
class Site:
    """Where the built site is and the URL path it lives under (base_url's path)."""

    root: Path
    base_path: str


@dataclass(frozen=True, slots=True)
class Found:
    path: Path
    key: str
    """The output-relative file (`articles/x/index.html`): what a page's reload depends on."""


@dataclass(frozen=True, slots=True)
class Redirect:
    location: str


@dataclass(frozen=True, slots=True)
class Missing:
    keys: tuple[str, ...] = ()
    """Output files that, once built, would answer this request."""


def locate(site: Site, raw_path: str) -> Found | Redirect | Missing:
    """The file a request path names, never one outside the output folder.

    Percent-encoded slashes and backslashes, `.` and `..` segments, empty segments, NUL bytes
    and symlinks that lead out of the output are all refused; decoding happens exactly once.
    """
    base = site.base_path
    if raw_path in ("", "/") and base != "/":
        return Redirect(base)
    lowered = raw_path.lower()
    if any(bad in lowered for bad in ("%2f", "%5c", "%00", "\\")):
        return Missing()
    try:
        path = unquote(raw_path, errors="strict")
    except UnicodeDecodeError:
        return Missing()
    if path + "/" == base:
        return Redirect(base)
    if not path.startswith(base):
        return Missing()
    rest = path[len(base) :]
    parts = rest.split("/")
    wants_folder = rest == "" or rest.endswith("/")
    if wants_folder:
        parts = parts[:-1]
    if any(part in ("", ".", "..") or "\0" in part for part in parts):
        return Missing()
    key = "/".join(parts)
    keys = (f"{key}/index.html" if key else "index.html",) if wants_folder else (key,)
    if not wants_folder:
        keys += (f"{key}/index.html",)
    try:
        root = site.root.resolve(strict=True)
        real = site.root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):
        return Missing(keys)
    if not real.is_relative_to(root):
        return Missing()
    if real.is_dir():
        if not wants_folder:
            return Redirect(quote(path + "/"))
        return _inside(root, real / "index.html", keys[0])
    if wants_folder:
        return Missing()
    return Found(real, key)


def _inside(root: Path, path: Path, key: str) -> Found | Missing:
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return Missing((key,))
    if not real.is_relative_to(root) or not real.is_file():
        return Missing()
    return Found(real, key)


def affects(changed: frozenset[str] | None, page_keys: tuple[str, ...]) -> bool:
    """Whether a page depending on `page_keys` must reload after `changed` (None: anything)."""
    if changed is None:
        return True
    if any(key in changed for key in page_keys):
        return True
    # A stylesheet, script, image or font may be used by any page.
    return any(path.lower().endswith(_ASSETS) for path in changed)


# ---------------------------------------------------------------- shared state


@dataclass(frozen=True, slots=True)
class Snapshot:
    version: str
    """`epoch.number`: the epoch tells a page served by an earlier run of the server."""
    error: str | None
    closed: bool


class LiveState:
    """What the preview serves, shared by the request threads and the build thread."""

    KEPT_VERSIONS = 64

    def __init__(self, site: Site) -> None:
        self._cond = threading.Condition()
        self.site = site
        self.epoch = secrets.token_hex(4)
        self.number = 0
        self.error: str | None = None
        self.builds = 0
        """Builds finished, successful or not."""
        self.streams = 0
        """Event streams open."""
        self.held = 0
        """Requests waiting for a build to finish."""
        self._changes: dict[int, frozenset[str] | None] = {}
        self._building = False
        self._readers = 0
        self._closed = False

    @property
    def version(self) -> str:
        return f"{self.epoch}.{self.number}"

    @contextmanager
    def reading(self) -> Iterator[tuple[Site, str]]:
        """Wait for a running build to finish, then hold the next one off while reading files."""
        with self._cond:
            self.held += 1
            self._cond.notify_all()
            self._cond.wait_for(lambda: not self._building or self._closed, HELD_REQUEST_TIMEOUT)
            self.held -= 1
            self._readers += 1
            site, version = self.site, self.version
        try:
            yield site, version
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def building(self) -> Iterator[None]:
        """Hold new requests and wait for those reading files, for the length of a build."""
        with self._cond:
            self._building = True
            self._cond.wait_for(lambda: self._readers == 0)
        try:
            yield
        finally:
            with self._cond:
                self._building = False
                self._cond.notify_all()

    def publish(
        self,
        *,
        changed: frozenset[str] | None = frozenset(),
        error: str | None = None,
        early: bool = False,
    ) -> None:
        """Record a finished build: the output files it changed (None: all), or its error.

        `early`: pages written ahead of the build that is running, which is not over yet."""
        with self._cond:
            if changed is None or changed:
                self.number += 1
                self._changes[self.number] = changed
                self._changes.pop(self.number - self.KEPT_VERSIONS, None)
            if not early:
                self.error = error
                self.builds += 1
            self._cond.notify_all()

    def move(self, site: Site) -> None:
        """The output folder or base path changed (site.yaml was edited)."""
        with self._cond:
            self.site = site

    def changed_since(self, version: str) -> frozenset[str] | None:
        """Every output file changed after `version`; None when unknown (another run, too old)."""
        epoch, _, number = version.partition(".")
        with self._cond:
            if epoch != self.epoch or not number.isdigit():
                return None
            union: set[str] = set()
            for step in range(int(number) + 1, self.number + 1):
                if step not in self._changes or self._changes[step] is None:
                    return None
                union.update(self._changes[step] or ())
            return frozenset(union)

    def snapshot(self) -> Snapshot:
        with self._cond:
            return Snapshot(self.version, self.error, self._closed)

    def wait_change(self, seen: Snapshot, timeout: float) -> Snapshot:
        """The state once it differs from `seen`, or as it is after `timeout` seconds."""
        with self._cond:
            self._cond.wait_for(
                lambda: self._closed or (self.version, self.error) != (seen.version, seen.error),
                timeout,
            )
            return Snapshot(self.version, self.error, self._closed)

    def wait_for_builds(self, count: int, timeout: float) -> bool:
        """Wait until `count` builds have finished (for tests and benchmarks)."""
        with self._cond:
            return self._cond.wait_for(lambda: self.builds >= count, timeout)

    def wait_for_held(self, count: int, timeout: float) -> bool:
        """Wait until `count` requests are held by a build (for tests)."""
        with self._cond:
            return self._cond.wait_for(lambda: self.held >= count, timeout)

    @contextmanager
    def streaming(self) -> Iterator[None]:
        with self._cond:
            self.streams += 1
        try:
            yield
        finally:
            with self._cond:
                self.streams -= 1
                self._cond.notify_all()

    def close(self, timeout: float = 5.0) -> bool:
        """End every event stream; True once they have all finished."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
            return self._cond.wait_for(lambda: self.streams == 0, timeout)


# ---------------------------------------------------------------- HTTP


@cache
def _script_code() -> str:
    script = resources.files("briefings.preview").joinpath("livereload.js")
    return script.read_text(encoding="utf-8")


def live_script(version: str, page_keys: tuple[str, ...]) -> bytes:
    """The `<script>` added to served HTML: reload on change, keep the scroll, show errors."""
    code = _script_code()
    config = json.dumps({"events": EVENTS, "version": version, "pages": list(page_keys)})
    # `<` escaped so that no value can close the script element.
    config = config.replace("<", "\\u003c")
    return f'<script data-briefings-live="">\n{code.strip()}\n({config});\n</script>\n'.encode()


def inject(html: bytes, script: bytes) -> bytes:
    """`script` inserted before the last `</body>`, or appended when there is none."""
    end = html.lower().rfind(b"</body>")
    return html + script if end < 0 else html[:end] + script + html[end:]


@dataclass(frozen=True, slots=True)
class Hosts:
    """The host names a request may use to reach the server: DNS rebinding is refused.

    A page of evil.example whose name is rebound to 127.0.0.1 still sends `Host: evil.example`.
    """

    bound: str
    """The address or name the server listens on, lowercase, without brackets."""
    port: int

    @property
    def loopback(self) -> bool:
        """Reachable from this machine only."""
        address = _ip(self.bound)
        return self.bound == "localhost" or (address is not None and address.is_loopback)

    @property
    def wildcard(self) -> bool:
        """Every interface (0.0.0.0 or ::)."""
        address = _ip(self.bound)
        return address is not None and address.is_unspecified

    def allows(self, value: str | None) -> bool:
        """Whether a Host header (or an origin's host) names this server."""
        if not value:
            return False
        try:
            parts = urlsplit(f"//{value}")
            hostname, port = parts.hostname, parts.port
        except ValueError:
            return False
        if hostname is None or (port or 80) != self.port:
            return False
        hostname = hostname.rstrip(".")
        if hostname == "localhost":
            return True
        address = _ip(hostname)
        if address is None:  # a name: only the one the server was started with
            return hostname == self.bound or (self.wildcard and hostname in _own_names())
        if self.loopback:
            return address.is_loopback
        bound = _ip(self.bound)
        return bound is None or bound.is_unspecified or address == bound

    def allows_origin(self, origin: str) -> bool:
        parts = urlsplit(origin)
        return parts.scheme == "http" and not parts.path and self.allows(parts.netloc)


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None


def _own_names() -> set[str]:
    name = socket.gethostname().lower()
    return {name, f"{name}.local"}


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server for the preview, answering only to its own host names."""

    daemon_threads = True  # a stuck client must never keep Ctrl-C from stopping the server
    # socketserver's default backlog is 5: a page loading its assets while the event streams of
    # other tabs connect overflowed it, and each connection dropped waited a second (the TCP
    # retry) before it was answered.
    request_queue_size = 128

    def __init__(self, host: str, port: int, state: LiveState) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.state = state
        self.bound = host.strip("[]").lower()
        super().__init__((self.bound, port), Handler)
        self.hosts = Hosts(self.bound, self.port)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host name up (getfqdn), which can take seconds.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.bound, self.server_address[1]

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.hosts.wildcard else self.bound
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}{self.state.site.base_path}"


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "briefings"
    timeout = 30  # seconds a client may take to send its request

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal is for build results."""

    def _respond(self, head: bool) -> None:
        if not self.server.hosts.allows(self.headers.get("Host")):
            self._plain(403, "Forbidden: this Host is not the preview's (DNS rebinding).", head)
            return
        # Origin-form only: an absolute-form target (`http://evil/...`) or `*` is not for us.
        if not self.path.startswith("/"):
            self._plain(400, "Bad request target.", head)
            return
        raw_path, _, query = self.path.partition("#")[0].partition("?")
        if raw_path == EVENTS:
            self._events(query, head)
            return
        with self.server.state.reading() as (site, version):
            found = locate(site, raw_path)
            status, data, keys = 200, b"", ()
            if isinstance(found, Found):
                try:
                    data, keys = found.path.read_bytes(), (found.key,)
                except OSError:
                    found = Missing((found.key,))
            if isinstance(found, Missing):
                status, keys = 404, (*found.keys, "404.html")
                page = _inside(site.root.resolve(), site.root / "404.html", "404.html")
                try:
                    data = page.path.read_bytes() if isinstance(page, Found) else b""
                except OSError:
                    data = b""
        if isinstance(found, Redirect):
            self._redirect(found.location, query, head)
            return
        if not data and isinstance(found, Missing):
            # Still a page with the script, so that a first build's error shows over it.
            shown = html.escape(raw_path)
            data = f"<!DOCTYPE html><title>404</title><h1>404 Not Found</h1><p>{shown}".encode()
        kind = content_type(found.key if isinstance(found, Found) else "404.html")
        if kind.startswith("text/html"):
            data = inject(data, live_script(version, keys))
        self._send(status, kind, data, head)

    def _send(self, status: int, kind: str, data: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _plain(self, status: int, text: str, head: bool) -> None:
        self._send(status, "text/plain; charset=utf-8", f"{text}\n".encode(), head)

    def _redirect(self, location: str, query: str, head: bool) -> None:
        self.send_response(302)
        self.send_header("Location", location + (f"?{query}" if query else ""))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _events(self, query: str, head: bool) -> None:
        origin = self.headers.get("Origin")
        foreign_origin = origin is not None and not self.server.hosts.allows_origin(origin)
        if foreign_origin or self.headers.get("Sec-Fetch-Site") == "cross-site":
            self._plain(403, "Forbidden: the event stream is for the preview's own pages.", head)
            return
        params = parse_qs(query)
        state = self.server.state
        version = params.get("version", [state.version])[0]
        pages = tuple(params.get("page", []))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if head:
            return
        try:
            with state.streaming():
                self._stream(state, version, pages)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return  # the page went away (it reloaded, or was closed)

    def _stream(self, state: LiveState, version: str, pages: tuple[str, ...]) -> None:
        self._write(b"retry: 1000\n\n")
        shown = Snapshot(version, None, False)
        current = state.snapshot()
        while not current.closed:
            if current.error != shown.error:
                kind = "build-error" if current.error else "build-ok"
                self._event(kind, current.error or "")
            if current.version != shown.version and affects(
                state.changed_since(shown.version), pages
            ):
                self._event("reload", current.version)
            shown = current
            current = state.wait_change(shown, timeout=15.0)
            if current == shown:
                self._write(b": still here\n\n")  # finds clients that went away

    def _event(self, kind: str, data: str) -> None:
        lines = "".join(f"data: {line}\n" for line in data.replace("\r", "").split("\n"))
        self._write(f"event: {kind}\n{lines}\n".encode())

    def _write(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()
