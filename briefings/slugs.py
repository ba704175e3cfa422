"""Slugs and ids: `[a-z0-9-]+`, the only characters that reach a URL or a file name."""

from __future__ import annotations

import re
import unicodedata

# Matched whole (`fullmatch`): `$` would also match before a final newline.
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LEADING_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}[-_ ]+")
MAX_SLUG = 80
"""Characters of a slug at most."""
_SEPARATORS = re.compile(r"[^a-z0-9]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"})
# Windows device names make a folder that cannot be checked out there.
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


def slugify(text: str, fallback: str = "article") -> str:
    """Lower-case ASCII words joined by `-`, accents folded (`Türkiye’s` → `turkiye-s`).

    Never empty, never a path, idempotent.
    """
    slug = _words(text)[:MAX_SLUG].strip("-")
    if not slug:
        return fallback
    return f"{slug}-1" if slug in _RESERVED else slug


def title_slug(title: str) -> str:
    """A new file's slug for `title`: as `slugify`, cut after a whole word (never `humanit`);
    empty when the title has no letter or digit a URL can hold (`???`, `Путин`)."""
    slug = _words(title)
    if len(slug) > MAX_SLUG:
        cut = slug[: MAX_SLUG + 1].rsplit("-", 1)[0]
        slug = cut if cut else slug[:MAX_SLUG]
    slug = slug.strip("-")
    return f"{slug}-1" if slug in _RESERVED else slug


def _words(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().translate(_LIGATURES))
    ascii_text = text.encode("ascii", "ignore").decode("ascii")
    return _SEPARATORS.sub("-", ascii_text).strip("-")


def slug_from_filename(stem: str) -> str:
    """A file's default slug: its name without a leading date (`2024-03-08-fidan` → `fidan`)."""
    stem = unicodedata.normalize("NFC", stem)
    return slugify(_LEADING_DATE.sub("", stem) or stem)


def is_id(text: str) -> bool:
    return bool(ID.fullmatch(text)) and text not in _RESERVED
