"""External links, checked politely: each URL once, a few requests at a time, two per host at most.

A HEAD request first; a GET (reading nothing of the body) when the server refuses HEAD. A page that
is gone (404, 410) is an error; anything else that fails (timeouts, 403 to robots, 5xx) is a
warning, since it may well work for a reader.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol
from urllib.parse import urlsplit

from ..model import Diagnostic

WORKERS = 8
PER_HOST = 2
TIMEOUT = 10.0
PAUSE = 0.2
"""Seconds a host's slot stays taken after a request, so no host gets a burst."""
GONE = (404, 410)
_USER_AGENT = "briefings-check/0.1 (a static site's link checker)"


class Place(Protocol):
    """Where a URL first appears (`check.Link`)."""

    @property
    def page(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def col(self) -> int: ...


Probe = Callable[[str, float], int | str]
"""A URL and a timeout to the final HTTP status, or the reason there is none."""


def check_external(
    links: Mapping[str, tuple[Place, int]],
    label: str = "",
    *,
    workers: int = WORKERS,
    per_host: int = PER_HOST,
    timeout: float = TIMEOUT,
    pause: float = PAUSE,
    probe: Probe | None = None,
) -> list[Diagnostic]:
    """Check each URL (with where it first appears and how often); returns its problems."""
    probe = probe or http_status
    slots: dict[str, threading.BoundedSemaphore] = {
        urlsplit(url).netloc: threading.BoundedSemaphore(per_host) for url in links
    }

    def visit(url: str) -> int | str:
        with slots[urlsplit(url).netloc]:
            status = probe(url, timeout)
            time.sleep(pause)
        return status

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(links)))) as pool:
        statuses = dict(zip(links, pool.map(visit, links), strict=True))
    problems = []
    for url, status in statuses.items():
        if isinstance(status, int) and status < 400:
            continue
        place, count = links[url]
        also = f" (linked {count} times)" if count > 1 else ""
        gone = isinstance(status, int) and status in GONE
        reason = f"HTTP {status}" if isinstance(status, int) else status
        problems.append(
            Diagnostic(
                label + place.page,
                place.line,
                place.col,
                f"external link '{url}' {'is broken' if gone else 'could not be checked'}: "
                f"{reason}{also}",
                severity="error" if gone else "warning",
            )
        )
    return problems


def http_status(url: str, timeout: float) -> int | str:
    """The status of a HEAD request (a GET if HEAD is refused), redirects followed."""
    status = _request(url, "HEAD", timeout)
    if status in (403, 405, 501) or isinstance(status, str):
        status = _request(url, "GET", timeout)
    return status


def _request(url: str, method: str, timeout: float) -> int | str:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": _USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        return str(getattr(error, "reason", error))
