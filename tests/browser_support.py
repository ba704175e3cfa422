"""Shared helpers for browser tests: a built site served under its base path, and headless Chromium.

The context managers `chromium()` and `serving()` are what test modules make their fixtures of;
the `browser` fixture (one Chromium per module) is in conftest.py.

The browser is Debian's Chromium driven by Playwright (never a downloaded build). A site is built
with `--base-url http://127.0.0.1:PORT/repo/` and served from a folder holding `repo/` (the output),
so every link is exercised under a base path, as on GitHub Pages.

    def test_it(browser, tmp_path, make_site):
        with serving(make_site(), tmp_path / "served") as served:
            page = new_page(browser)
            page.goto(served.url("dossiers/gaza/"))
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .conftest import run

CHROMIUM = Path(os.environ.get("BRIEFINGS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
WAIT_MS = 15_000
"""How long a page may take to show what a test looks for, on a loaded machine."""
PREFIX = "repo"
"""The base path test sites are served under: `/repo/`."""
AXE = Path(__file__).resolve().parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core, installed by `.ci/run` with `npm ci` in tests/browser/."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@dataclass(frozen=True, slots=True)
class Served:
    """A built site served over HTTP under `/repo/`."""

    root: Path
    """The folder served: it holds `repo/`, the site's output."""
    port: int

    @property
    def output(self) -> Path:
        return self.root / PREFIX

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.origin}/{PREFIX}/"

    def url(self, path: str = "") -> str:
        """The address of an output path (`dossiers/gaza/`)."""
        return self.base_url + path.lstrip("/")


@contextlib.contextmanager
def serving(site: Path, root: Path, *extra: str) -> Iterator[Served]:
    """Build `site` into `root/repo/` for its served address and serve `root` while in use.

    `extra` are more `briefings build` options (`--drafts`).
    """
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    try:
        served = Served(root, int(server.server_address[1]))
        status = run(
            "build", "--site", site, "--out", served.output, "--base-url", served.base_url, *extra
        )
        assert status == 0, f"the site did not build (exit {status})"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield served
        server.shutdown()
    finally:
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright (a `playwright.sync_api.Browser`)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"no Chromium at {CHROMIUM}: apt-get install chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def new_page(browser: Any, **options: Any) -> Any:
    """A new tab that waits up to WAIT_MS for what a test looks for."""
    page = browser.new_page(**options)
    page.set_default_timeout(WAIT_MS)
    return page


def offline(page: Any, served: Served) -> list[str]:
    """Refuse every request that leaves the served site; returns the (live) list of refused URLs."""
    refused: list[str] = []

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(served.origin + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            refused.append(url)
            route.abort()

    page.route("**/*", route)
    return refused


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (every rule axe runs by default)."""
    assert AXE.is_file(), f"no axe-core at {AXE}: run `npm ci` in tests/browser (see .ci/run)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return list(result["violations"])


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page, each with where it is."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in run_axe(page)
        if v["impact"] in ("serious", "critical")
    ]
