"""Pagination: cutting a list of articles into pages of `paginate`, and the pager that links them.

Lists are cut by article, so that the excerpts and quotes of one article are never split across
two pages. Page 1 keeps the list's own URL (`dossiers/gaza/`); page N lives at `<url>page/N/`, as
in Hugo. The pager shows the first and last pages and a few around the current one, so a
timeline of 200 pages still has a short pager.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from .. import urls

T = TypeVar("T")


class _OfArticle(Protocol):
    @property
    def article(self) -> str: ...


Item = TypeVar("Item", bound=_OfArticle)

AROUND = 2
"""Pages linked on each side of the current one; the others are summed up by a gap."""


@dataclass(frozen=True, slots=True)
class PagerLink:
    """One entry of a pager's list of pages."""

    number: int
    """1-based page number; 0 for a gap (`…`) standing for pages not linked."""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a page stands among the pages of one list, with what its pager links to."""

    number: int
    """1-based."""
    total: int
    url: str
    """This page's URL path (page 1: the list's own URL)."""
    first: str
    previous: str
    """Empty on the first page."""
    next: str
    """Empty on the last page."""
    links: tuple[PagerLink, ...]
    """Page numbers to show, in order, with gaps."""


def split(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """`items` in slices of `size`; an empty list still makes one (empty) page."""
    if size < 1:
        raise ValueError(f"a page holds at least one item, not {size}")
    return [items[start : start + size] for start in range(0, len(items), size)] or [items[:0]]


def pagers(first: str, total: int) -> list[Pager]:
    """The pager of each of `total` pages whose first page is at URL path `first`."""
    addresses = [urls.paged(first, number) for number in range(1, total + 1)]
    # One link to each page, shared by the pagers that show it (a dozen each, 1,500 pagers).
    links = [PagerLink(0), *(PagerLink(n, address) for n, address in enumerate(addresses, 1))]
    return [
        Pager(
            number=number,
            total=total,
            url=addresses[number - 1],
            first=first,
            previous=addresses[number - 2] if number > 1 else "",
            next=addresses[number] if number < total else "",
            links=tuple(map(links.__getitem__, shown_numbers(number, total))),
        )
        for number in range(1, total + 1)
    ]


def shown_numbers(current: int, total: int, around: int = AROUND) -> list[int]:
    """The page numbers a pager links, 0 standing for a gap: `1 0 5 6 7 8 9 0 40`.

    A gap never hides a single page: that page is shown instead, as it takes no more room.
    """
    wanted = {1, total, *range(current - around, current + around + 1)}
    numbers = sorted(n for n in wanted if 1 <= n <= total)
    shown: list[int] = []
    for number in numbers:
        if shown and number - shown[-1] == 2:
            shown.append(number - 1)
        elif shown and number - shown[-1] > 2:
            shown.append(0)
        shown.append(number)
    return shown


def pages_of(first: str, items: Sequence[T], size: int) -> list[tuple[Pager, Sequence[T]]]:
    """`items` cut into pages of `size`, each with its pager; page 1 is at URL path `first`."""
    slices = split(items, size)
    return list(zip(pagers(first, len(slices)), slices, strict=True))


def by_article(items: Iterable[Item]) -> dict[str, tuple[Item, ...]]:
    """Excerpts or quotes grouped by the article (slug) they come from, in the order given."""
    grouped: dict[str, list[Item]] = {}
    for item in items:
        grouped.setdefault(item.article, []).append(item)
    return {slug: tuple(group) for slug, group in grouped.items()}
