"""Where each page lives: output-relative URL paths (`dossiers/gaza/`), one function per kind."""

from __future__ import annotations


def home() -> str:
    return ""


def paged(first: str, number: int) -> str:
    """Page `number` of a paginated list whose first page is at `first` (`dossiers/gaza/`).

    Page 1 is the list's own URL; the others are `dossiers/gaza/page/2/`, `.../page/3/`, ...
    """
    return first if number <= 1 else f"{first}page/{number}/"


def dossier(topic: str, page: int = 1) -> str:
    return paged(f"dossiers/{topic}/", page)


def dossier_json(topic: str) -> str:
    return f"dossiers/{topic}/index.json"


def dossier_feed(topic: str) -> str:
    return f"dossiers/{topic}/feed.xml"


def article(slug: str, number: int = 0) -> str:
    return f"articles/{slug}/" + (f"#p-{number}" if number else "")


def person(pid: str, page: int = 1) -> str:
    return paged(f"people/{pid}/", page)


def people() -> str:
    return "people/"


def sources() -> str:
    return "sources/"


def timeline(page: int = 1) -> str:
    return paged("timeline/", page)


def search() -> str:
    return "search/"


def feed() -> str:
    return "feed.xml"


def output_file(path: str) -> str:
    """The file that serves a URL path: `dossiers/gaza/` is `dossiers/gaza/index.html`."""
    return path + "index.html" if path == "" or path.endswith("/") else path


GENERATED = (
    "index.html",
    "feed.xml",
    "sitemap.xml",
    "articles/",
    "dossiers/",
    "people/",
    "sources/",
    "timeline/",
    "search/",
    "assets/",  # the theme's files (render.theme_files)
    "pagefind/",  # the search index (search.BUNDLE)
)
"""The files and folders briefings writes into the output: `static/` may add files beside them
(images, CNAME, robots.txt, a 404.html of its own), never replace one of them."""


def generated(path: str) -> bool:
    """Whether the output-relative `path` is, or is inside, one of the `GENERATED` places."""
    return any(
        path == place or (place.endswith("/") and path.startswith(place)) for place in GENERATED
    )
