"""Each article's related articles as the last build made them, for linking to take from.

An article's related articles are made from its own date, topics and people and, in the list of
each of its topics and people, the window of the articles nearest in time
(`stages.linking.related_articles`). Linking takes an article's list from the last build when
those are unchanged, and makes it again otherwise: an edit of one article makes a few dozen lists
rather than 4,000. What the last build made them from is kept with them, and compared there,
article by article: nothing is trusted that is not proven the same.

Sealed JSON in `.briefings-cache/related.jsonl`: a header line naming the format and the code's
version (a change of code makes every list again), then one line of every article's input and
list, newest first. A file not made here, or by other code, is ignored.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from ..model import Corpus, RelatedInput
from ..stages.linking import Related
from ..version import code_version
from . import seal

NAME = "related.jsonl"
FORMAT = 1
PURPOSE = "related"


class RelatedMemo:
    """The last build's related articles, with what they were made from."""

    def __init__(self, store: Path | None = None) -> None:
        self._store = store
        self._last: Related | None = None
        self._read = store is None

    def last(self) -> Related | None:
        """What linking may take its related articles from (None: make them all)."""
        if not self._read:
            self._read = True
            assert self._store is not None
            self._last = _load(self._store)
        return self._last

    def keep(
        self, corpus: Corpus, later: Callable[[Callable[[], None]], None] | None = None
    ) -> None:
        """The related articles `corpus` holds, for the next build: written (or handed to
        `later` to write) when they are not the last build's."""
        made = (corpus.related_inputs, corpus.related_articles)
        last = self.last()
        self._last = made
        if self._store is None or (last is not None and _same(last, made)):
            return
        store = self._store

        def write() -> None:
            _save(store, made)

        if later is None:
            write()
        else:
            later(write)


def _same(one: Related, other: Related) -> bool:
    # In order: the lists of topics and people are made in the articles' order.
    return list(one[0].items()) == list(other[0].items()) and one[1] == other[1]


def _header() -> dict[str, object]:
    return {"format": FORMAT, "code": code_version()}


def _load(store: Path) -> Related | None:
    read = seal.read_after(store, purpose=PURPOSE, header=_header())
    if read is None:
        return None
    lines, whole = read
    if len(lines) != 1 or lines[0] is None or not whole:
        return None  # cut short, or not made here
    try:
        rows = json.loads(lines[0])
        inputs: dict[str, RelatedInput] = {}
        related: dict[str, tuple[str, ...]] = {}
        for slug, at, topics, people, listed in rows:
            if not isinstance(at, float):
                return None
            inputs[slug] = (at, tuple(topics), tuple(people))
            related[slug] = tuple(listed)
        return inputs, related
    except (ValueError, TypeError):
        return None


def _save(store: Path, made: Related) -> None:
    inputs, related = made
    rows = [[slug, *inputs[slug], related[slug]] for slug in inputs]
    try:
        store.parent.mkdir(exist_ok=True)
        temporary = store.with_name(f"{store.name}.{os.getpid()}")
        with temporary.open("w", encoding="utf-8") as file:
            file.write(seal.seal_line(json.dumps(_header()), purpose=PURPOSE))
            file.write(seal.seal_line(json.dumps(rows, ensure_ascii=False), purpose=PURPOSE))
        temporary.replace(store)
    except OSError:
        pass  # a read-only site folder still builds; its related articles are made whole
