"""Crawl a built site as GitHub Pages serves it: under its base path, by a plain static server.

Reusable on any built folder:

    python tests/crawl.py _site https://user.github.io/repo/

`serve_under` copies the folder to `<tmp>/repo/` and serves `<tmp>` with `http.server` on
127.0.0.1 (a free port); `crawl` fetches the home page, 404.html and every page the sitemap lists,
follows every internal href and src (absolute URLs of the public site included), and checks that
each answers 200 and that every #anchor exists in its page. 404.html is read as GitHub serves it,
at a path of any depth: its links are resolved from a deep, missing path.
"""

from __future__ import annotations

import functools
import shutil
import sys
import tempfile
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LINK_ATTRIBUTES = {"href", "src", "poster"}
DEEP = "no/such/page/at/any/depth/"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_under(folder: Path, base_path: str) -> Iterator[str]:
    """Serve a copy of `folder` under `base_path` (`/repo/`); yields the site's local root URL."""
    prefix = base_path.strip("/")
    with tempfile.TemporaryDirectory(prefix="crawl-") as root:
        shutil.copytree(folder, Path(root, prefix) if prefix else Path(root), dirs_exist_ok=True)
        handler = functools.partial(_QuietHandler, directory=root)
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            port = server.server_address[1]
            yield f"http://127.0.0.1:{port}/" + (f"{prefix}/" if prefix else "")
        finally:
            server.shutdown()
            server.server_close()
            thread.join()


@dataclass
class Crawl:
    site_url: str
    public_url: str
    statuses: dict[str, int] = field(default_factory=dict)
    """Every URL fetched (fragment removed) and its status."""
    ids: dict[str, set[str]] = field(default_factory=dict)
    """Every HTML page fetched and the ids in it."""
    anchors: list[tuple[str, str, str]] = field(default_factory=list)
    """(page, href, target page) for every link with a #fragment."""
    problems: list[str] = field(default_factory=list)

    def html_pages(self) -> set[str]:
        """Output-relative paths of the HTML pages fetched (`articles/x/index.html`)."""
        found = set()
        for url in self.ids:
            path = url[len(self.site_url) :]
            found.add(path if path.endswith(".html") else path + "index.html")
        return found


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES:
                self.links.append(value)
            elif name == "srcset":
                self.links.extend(c.split()[0] for c in value.split(",") if c.strip())


def crawl(site_url: str, public_url: str) -> Crawl:
    """Crawl the site served at `site_url`, published at `public_url`."""
    result = Crawl(site_url, public_url)
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(site_url))
    queue = [site_url, site_url + "404.html", site_url + "sitemap.xml"]
    seen = set(queue)

    def follow(page: str, href: str, resolve_from: str) -> None:
        absolute = urljoin(resolve_from, href.strip())
        if absolute.startswith(public_url):
            absolute = site_url + absolute[len(public_url) :]
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or not absolute.startswith(origin):
            return  # another site: not ours to crawl
        target, fragment = urldefrag(absolute)
        if not target.startswith(site_url):
            result.problems.append(f"{page}: '{href}' leaves the base path ({target})")
            return
        if fragment:
            result.anchors.append((page, href, target))
        if target not in seen:
            seen.add(target)
            queue.append(target)

    while queue:
        url = queue.pop(0)
        status, kind, body = _fetch(url)
        result.statuses[url] = status
        if status != 200:
            result.problems.append(f"{url}: HTTP {status}")
            continue
        if "html" in kind:
            page = _Page()
            page.feed(body.decode("utf-8", errors="replace"))
            result.ids[url] = page.ids
            served_at = site_url + DEEP if url == site_url + "404.html" else url
            for href in page.links:
                follow(url, href, url if href.startswith("#") else served_at)
        elif "xml" in kind or url.endswith(".xml"):
            for href in _xml_links(body):
                follow(url, href, url)
    for page, href, target in result.anchors:
        fragment = unquote(urldefrag(urljoin(page, href))[1])
        key = target if target in result.ids else _directory(target, result.ids)
        if key is None:
            if result.statuses.get(target) == 200:
                result.problems.append(f"{page}: '{href}' has a #fragment but is not HTML")
        elif fragment not in result.ids[key]:
            result.problems.append(f"{page}: '{href}': no id '{fragment}' in {key}")
    return result


def _directory(target: str, pages: dict[str, set[str]]) -> str | None:
    # A server redirects /dossiers/gaza to /dossiers/gaza/: both name the same page.
    return target + "/" if target + "/" in pages else None


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def _xml_links(body: bytes) -> list[str]:
    root = ET.fromstring(body)
    links = [e.get("href", "") for e in root.iter(f"{ATOM}link")]
    links += [(e.text or "").strip() for e in root.iter(f"{SITEMAP}loc")]
    return [link for link in links if link]


def crawl_folder(folder: Path, public_url: str) -> Crawl:
    """Serve `folder` under the path of `public_url` and crawl it."""
    with serve_under(folder, urlsplit(public_url).path) as site_url:
        return crawl(site_url, public_url)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python tests/crawl.py FOLDER PUBLIC_URL")
    found = crawl_folder(Path(sys.argv[1]), sys.argv[2])
    print("\n".join(found.problems))
    print(f"{len(found.statuses)} URLs fetched, {len(found.problems)} problem(s)")
    sys.exit(1 if found.problems else 0)
