"""Stable digests of what a template is given, so that a page can be compared with the last build's.

Two values with the same digest render the same: the digest covers every field of every
dataclass, the type of every value (a `Markup` is not a `str`) and the order of every collection
(iteration order shows on pages). What it does not know how to digest makes it give up, so that
the page is rendered rather than wrongly reused.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import PurePath
from typing import Any

import markupsafe

from ..model import Article


class Unknown(TypeError):
    """A value of a type whose content the digest cannot vouch for."""


_CONSTANTS = {True: b"T;", False: b"F;", None: b"N;"}


class Fingerprints:
    """Digests of template data for one build.

    `known` maps the id of an object to a digest that stands for its whole value (an article's
    analysis is determined by the article's bytes and the analysis inputs, so digesting its
    hundred blocks again would be wasted). Digests of dataclass instances are remembered by id:
    the objects live as long as the build, and many pages share them.
    """

    def __init__(self, known: dict[int, bytes] | None = None, *, bodies: bool = True) -> None:
        """Without `bodies`, the templates are known never to show an article's body (the
        theme's, which show it through the analysis): an article's digest leaves out its
        file's digest and body line too, so that the pages that list an article (its related
        articles', the sources', the timeline's) are not made again when only its text changed."""
        # Taken over, not copied: it holds a token for each of a large site's 16,000 quotes.
        self._known: dict[int, bytes] = known if known is not None else {}
        self._bodies = bodies
        self._kept: list[object] = []
        """The objects remembered by id, held so that their ids are not reused."""

    def of(self, value: object) -> str:
        """The digest of `value`, as hex; raises Unknown for data it cannot digest."""
        return self._digest(value).hex()

    def _digest(self, value: object) -> bytes:
        known = self._known.get(id(value))
        if known is not None:
            return known
        hasher = hashlib.blake2b(digest_size=16)
        self._feed(hasher, value)
        digest = hasher.digest()
        if type(value) in _shared:
            self._known[id(value)] = digest
            self._kept.append(value)
        return digest

    def _feed(self, hasher: Any, value: object) -> None:
        kind = type(value)
        if kind is str:
            text = value.encode("utf-8", "surrogatepass")  # type: ignore[attr-defined]
            hasher.update(b"s%d:" % len(text))
            hasher.update(text)
        elif kind is int:
            hasher.update(b"i%d;" % value)  # type: ignore[str-bytes-safe]
        elif kind is bool or value is None:
            hasher.update(_CONSTANTS[value])  # type: ignore[index]
        elif kind is float:
            hasher.update(f"f:{value!r};".encode())
        elif kind is tuple or kind is list:
            hasher.update(b"(%d" % len(value))  # type: ignore[arg-type]
            # Pages hold long runs of excerpts and quotes known by their analysis: those are
            # looked up here, without a call per item.
            known = self._known
            for item in value:  # type: ignore[attr-defined]
                token = known.get(id(item))
                if token is not None:
                    hasher.update(b"#")
                    hasher.update(token)
                elif type(item) is int:  # counts beside ids: `(("blinken", 4), ...)`
                    hasher.update(b"i%d;" % item)
                else:
                    self._member(hasher, item)
            hasher.update(b")")
        elif kind in _fields or _is_dataclass(kind):
            name, fields = _fields[kind]
            if not self._bodies and kind in _articles:
                fields = _SHOWN
            hasher.update(name)
            for field in fields:
                self._member(hasher, getattr(value, field))
            hasher.update(b">")
        elif kind is dict:
            hasher.update(b"{%d" % len(value))  # type: ignore[arg-type]
            for key, item in value.items():  # type: ignore[attr-defined]
                self._member(hasher, key)
                self._member(hasher, item)
            hasher.update(b"}")
        elif kind is markupsafe.Markup:
            text = str(value).encode("utf-8", "surrogatepass")
            hasher.update(b"m%d:" % len(text))
            hasher.update(text)
        elif kind in (dt.datetime, dt.date, dt.time):
            tz = getattr(value, "tzinfo", None)
            hasher.update(f"{kind.__name__}:{value.isoformat()}:{tz!r};".encode())  # type: ignore[attr-defined]
        elif isinstance(value, PurePath):
            hasher.update(f"path:{value.as_posix()};".encode())
        elif kind is frozenset or kind is set:
            items = sorted(self._digest(item) for item in value)  # type: ignore[attr-defined]
            hasher.update(b"[%d" % len(items) + b"".join(items) + b"]")
        else:
            raise Unknown(f"cannot digest a {kind.__qualname__}")

    def _member(self, hasher: Any, value: object) -> None:
        # Strings and integers are most members: their branches repeat _feed's on purpose, to
        # spare the call per member on the digest's hot path.
        kind = type(value)
        if kind is str:
            text = value.encode("utf-8", "surrogatepass")  # type: ignore[attr-defined]
            hasher.update(b"s%d:" % len(text))
            hasher.update(text)
        elif kind is int:
            hasher.update(b"i%d;" % value)  # type: ignore[str-bytes-safe]
        elif id(value) in self._known or _is_shared(kind):
            # Through their own digest, remembered for the next page that shows them.
            hasher.update(b"#")
            hasher.update(self._digest(value))
        else:
            self._feed(hasher, value)


_fields: dict[type, tuple[bytes, tuple[str, ...]]] = {}
"""Per dataclass type: the name that starts its digest and the fields that make it.

Filled as types are met; only ever holds the same answer for a type, so sharing it is safe."""


_SHOWN = tuple(
    f.name for f in dataclasses.fields(Article) if f.name not in ("body", "body_line", "digest")
)
"""An article's fields that the theme's templates may show: all but what its body is made of."""

_articles: set[type] = {Article}
"""`Article` and its subclasses met."""

_plain: set[type] = set()
"""Types met that are not dataclasses."""

_shared: set[type] = set()
"""Dataclasses of the pipeline's model, which many pages show (an article, a topic): their
digests are remembered. A page's own wrappers (a pager, a timeline entry) are digested in
place, which costs less than a digest of their own."""


def _is_shared(kind: type) -> bool:
    if kind in _shared:
        return True
    if kind not in _fields and kind not in _plain:
        _is_dataclass(kind)
    return kind in _shared


def _is_dataclass(kind: type) -> bool:
    if kind in _plain:
        return False
    if not dataclasses.is_dataclass(kind):
        _plain.add(kind)
        return False
    # A model class's subclass (a cache's, reading a field when first asked) is digested as
    # the model class: the same values, the same digest.
    base = next((c for c in kind.__mro__ if c.__module__ == Article.__module__), kind)
    names = tuple(f.name for f in dataclasses.fields(base))
    # An article's body is made from its file's text alone, and `digest` is that text's hash.
    if base is Article:
        names = tuple(n for n in names if n != "body")
        _articles.add(kind)
    _fields[kind] = (f"<{base.__module__}.{base.__qualname__}".encode(), names)
    if base.__module__ == Article.__module__:
        _shared.add(kind)
    return True
