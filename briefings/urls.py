"""Where each page lives: output-relative URL paths (`dossiers/gaza/`), one function per kind."""

from __future__ import annotations


def home() -> str:
    return ""


def dossier(topic: str) -> str:
    return f"dossiers/{topic}/"


def dossier_json(topic: str) -> str:
    return f"dossiers/{topic}/index.json"


def dossier_feed(topic: str) -> str:
    return f"dossiers/{topic}/feed.xml"


def article(slug: str, number: int = 0) -> str:
    return f"articles/{slug}/" + (f"#p-{number}" if number else "")


def person(pid: str) -> str:
    return f"people/{pid}/"


def people() -> str:
    return "people/"


def sources() -> str:
    return "sources/"


def timeline() -> str:
    return "timeline/"


def search() -> str:
    return "search/"


def feed() -> str:
    return "feed.xml"


def output_file(path: str) -> str:
    """The file that serves a URL path: `dossiers/gaza/` is `dossiers/gaza/index.html`."""
    return path + "index.html" if path == "" or path.endswith("/") else path
