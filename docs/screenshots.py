"""Screenshots of the example site, to look at: home, a dossier and an article at phone and desktop
widths, a dossier in the dark scheme, and a dossier printed to PDF by Chromium.

    python docs/screenshots.py            # writes docs/screenshots/*.png and dossier-print.pdf

The site at the repository's root is built under a base path (`/briefings/`) and served on
127.0.0.1; the browser is Debian's Chromium (`/usr/bin/chromium`, or $BRIEFINGS_CHROMIUM) driven by
Playwright. Pages are cut at a fixed height so the pictures stay small.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from briefings.cli import main as briefings

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = os.environ.get("BRIEFINGS_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PAGES = {
    "home": "",
    "dossier": "dossiers/gaza/",
    "article": "articles/cij-ordonne-arret-offensive-rafah/",
}
WIDTHS = {"390": (390, 1800), "1280": (1280, 1500)}
"""Width → (viewport width, height kept)."""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


def shoot(site: Path, out: Path) -> list[Path]:
    """Build `site`, serve it and write the pictures and the PDF into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="briefings-shots-") as folder:
        root = Path(folder)
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root))
        )
        base = f"http://127.0.0.1:{server.server_address[1]}/briefings/"
        status = briefings(
            ["build", "--site", str(site), "--out", str(root / "briefings"), "--base-url", base]
        )
        if status != 0:
            raise SystemExit(f"the site did not build (exit {status})")
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for label, (width, height) in WIDTHS.items():
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    for name, path in PAGES.items():
                        page.goto(base + path)
                        target = out / f"{name}-{label}.png"
                        full = page.evaluate("document.documentElement.scrollHeight")
                        clip = {"x": 0, "y": 0, "width": width, "height": min(full, height)}
                        page.screenshot(path=target, clip=clip, full_page=True)
                        written.append(target)
                    page.close()
                dark = browser.new_page(viewport={"width": 390, "height": 900}, color_scheme="dark")
                dark.goto(base + PAGES["dossier"])
                target = out / "dossier-dark-390.png"
                dark.screenshot(
                    path=target, clip={"x": 0, "y": 0, "width": 390, "height": 1200}, full_page=True
                )
                written.append(target)
                dark.close()
                printed = browser.new_page()
                printed.goto(base + PAGES["dossier"])
                printed.emulate_media(media="print")
                target = out / "dossier-print.pdf"
                printed.pdf(path=str(target), format="A4", print_background=False)
                written.append(target)
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return written


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--site", type=Path, default=ROOT, help="the site (default: the example)")
    options.add_argument("--out", type=Path, default=OUT, help="where to write (docs/screenshots)")
    arguments = options.parse_args(argv)
    for path in shoot(arguments.site, arguments.out):
        print(
            f"{path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}: "
            f"{path.stat().st_size // 1024} KiB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
