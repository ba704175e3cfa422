"""Where a site is published (`base_url`) and where it is written (the output folder).

Both come from site.yaml or the command line, so from whoever wrote the repository, and both are
checked before anything is built. Only the standard library: the command line checks them before
the pipeline's modules are loaded.
"""

from __future__ import annotations

import re

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
