"""Where a site is published (`base_url`) and where it is written (the output folder).

Both come from site.yaml or the command line, so from whoever wrote the repository, and both are
checked before anything is built. Only the standard library: the command line checks them before
the pipeline's modules are loaded.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

DEFAULT_BASE_URL = "http://127.0.0.1:8000/"
BASE_URL_HINT = (
    "write an absolute URL such as https://user.github.io/repo/, its path made of names "
    "(letters, digits, '-', '_', '~', and '.' inside a name)"
)
_URL = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<authority>[^/?#]*)(?P<rest>.*)")
_AUTHORITY = re.compile(r"(?P<host>\[[^\]]*\]|[^:]*)(?::(?P<port>.*))?")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*|\[[0-9A-Fa-f:.]+\]")
_PORT = re.compile(r"[0-9]{1,5}")
_SEGMENT = re.compile(r"[A-Za-z0-9_~-]+(?:\.[A-Za-z0-9_~-]+)*")
SOURCES = ("content", "templates", "static")
"""The site's folders a build reads: an output inside one would be read by the next build."""
OUTPUT_HINT = "write a folder of its own in the site folder, such as 'output: _site'"
# Control characters as the symbols for them (a newline is ␊): a message must not hold them.
_VISIBLE = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421}


def shown(text: str) -> str:
    """`text` for a message: its control characters as visible symbols."""
    return text.translate(_VISIBLE)


def normalize_base_url(url: str) -> tuple[str, str]:
    """The URL ending with `/`, and why it is refused (empty when it is not).

    A refused URL gives the default, so that nothing built from it points elsewhere.
    """
    problem = base_url_problem(url)
    if problem:
        return DEFAULT_BASE_URL, problem
    parts = _URL.fullmatch(url)
    assert parts is not None
    path = parts["rest"] if parts["rest"].endswith("/") else parts["rest"] + "/"
    return f"{parts['scheme'].lower()}://{parts['authority']}{path}", ""


def base_url_problem(url: str) -> str:
    """Why `url` is not `http(s)://host[:port]/plain/path/`, to follow the URL in a message;
    empty when it is. Anything else could make every link of the site point to another host
    (`//evil.example/` is protocol-relative, a browser reads `\\` as `/`)."""
    if any(char.isspace() or ord(char) < 0x20 or ord(char) == 0x7F for char in url):
        return "must not hold spaces or control characters"
    parts = _URL.fullmatch(url)
    if parts is None or parts["scheme"].lower() not in ("http", "https"):
        return "is not an absolute http(s) URL"
    rest = parts["rest"]
    if "?" in rest or "#" in rest:
        return "must not have a query or fragment"
    return _authority_problem(parts["authority"]) or _path_problem(rest)


def _authority_problem(authority: str) -> str:
    if "@" in authority:
        return "must not hold a user name or password (before '@')"
    parts = _AUTHORITY.fullmatch(authority)
    assert parts is not None  # every text matches: the host may be empty
    if not parts["host"]:
        return "is not an absolute http(s) URL"
    if not _HOST.fullmatch(parts["host"]):
        return f"has an invalid host '{parts['host']}'"
    port = parts["port"]
    if port is not None and not (_PORT.fullmatch(port) and int(port) <= 65535):
        return f"has an invalid port '{port}'"
    return ""


def _path_problem(path: str) -> str:
    """Why the path (after the host) is not `/`, nothing, or names each followed by `/`."""
    if "\\" in path:
        return "holds a backslash"
    percent = path.find("%")
    if percent >= 0:
        return f"holds a percent-encoded character ('{path[percent : percent + 3]}')"
    segments = path.split("/")[1:]
    if segments and segments[-1] == "":
        segments.pop()  # the trailing `/`
    for segment in segments:
        if not segment:
            return "has an empty path segment ('//')"
        if segment in (".", ".."):
            return f"has a '{segment}' path segment"
        if not _SEGMENT.fullmatch(segment):
            return f"has a path segment that is not a plain name: '{segment}'"
    return ""


# ---------------------------------------------------------------- the output folder


def real_folder(path: Path) -> Path | None:
    """`path`, absolute, with every link followed; None when a loop of links stops that."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a loop: RuntimeError before Python 3.13
        return None
    # Python 3.13 returns a loop unresolved: a link left in the result is one that loops.
    return None if any(folder.is_symlink() for folder in (real, *real.parents)) else real


def source_holding(folder: Path, site_dir: Path) -> str:
    """Which of the site's SOURCES the resolved `folder` is inside (empty when none): the next
    build would read, and publish, what this one wrote there."""
    for name in SOURCES:
        source = real_folder(site_dir / name)
        if source is not None and source in folder.parents:
            return name
    return ""


def output_problem(output: Path, site_dir: Path) -> tuple[str, str]:
    """Why site.yaml's `output` (absolute) cannot be the output folder, to follow the folder's
    name in a message, and a hint; empty when it can be. site.yaml comes with the repository:
    its output stays inside the site folder, even through links."""
    written = Path(os.path.normpath(output))
    real = real_folder(output)
    if real is None:
        return "leads into a loop of links", f"remove the link '{_first_link(written, site_dir)}'"
    site = site_dir.resolve()
    if real != site and site not in real.parents:
        if written != site_dir and site_dir not in written.parents:
            return "is outside the site folder", f"{OUTPUT_HINT}; --out builds elsewhere"
        link = _first_link(written, site_dir)
        return "links outside the site folder", f"remove the link '{link}'; --out builds elsewhere"
    source = source_holding(real, site)
    return (f"is inside the site's {source}/ folder", OUTPUT_HINT) if source else ("", "")


def _first_link(path: Path, site_dir: Path) -> str:
    """The first link on the way from the site folder to `path` (normalized), for a message."""
    if site_dir in path.parents:
        below = path.relative_to(site_dir).parts
        for depth in range(1, len(below) + 1):
            if site_dir.joinpath(*below[:depth]).is_symlink():
                return shown("/".join(below[:depth]))
    return shown(str(path))


def out_problem(out: Path, site_dir: Path) -> str:
    """Why `--out` cannot be the output folder, as a whole message; empty when it can. It may be
    outside the site (the writer then takes only a missing, empty or briefings-made folder), but
    never inside the site's sources."""
    real = real_folder(out)
    if real is None:
        return f"refusing to build into {out.absolute()}: it leads into a loop of links"
    source = source_holding(real, site_dir)
    if source:
        return f"refusing to build into {real}: it is inside the site's sources ({source}/)"
    return ""
