"""Finding keywords and names in running text.

Matching is case-insensitive and accent-insensitive, on whole words, sees through French elision
(`l'Ukraine`, `d’Israël`), lets a trailing `*` match a stem, and matches phrases across any white
space. Text is folded one character to one character, so a match's offsets are the original text's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

# Characters that all mean "apostrophe" or "white space" in pasted wire copy.
_APOSTROPHES = "’‘ʼ`´"
_SPACES = "\u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a\t\n\r\f\v"
_DASHES = "\u2010\u2011\u2012\u2013"


class _FoldTable(dict[int, str]):
    """A `str.translate` table filled on demand: each character folds to exactly one character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _APOSTROPHES:
            folded = "'"
        elif char in _SPACES:
            folded = " "
        elif char in _DASHES:
            folded = "-"
        else:
            stripped = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            ).casefold()
            folded = stripped if len(stripped) == 1 else char.lower()
            if len(folded) != 1:
                folded = char
        self[code] = folded
        return folded


_FOLD = _FoldTable()


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case, strip accents, unify apostrophes, dashes and spaces; same length as `text`."""
    # Cached: routing, people and quotes each fold the same block text.
    return text.translate(_FOLD)


# A word character for our purposes: letters and digits (not the apostrophe, so elision splits).
_BEFORE = r"(?<![^\W_])"
_AFTER = r"(?![^\W_])"


def _pattern(term: str) -> str:
    """The regex source for one keyword or alias (already folded)."""
    stem = term.endswith("*")
    words = term.rstrip("*").split()
    body = r"\s+".join(re.escape(word) for word in words)
    if stem:
        body += r"[^\W_]*"
    return body


def compile_terms(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern matching any of `terms` as whole words in folded text, longest first."""
    folded = sorted({fold(t.strip()) for t in terms if t.strip().rstrip("*").strip()}, key=len)
    if not folded:
        return None
    alternatives = "|".join(_pattern(t) for t in reversed(folded))
    return re.compile(f"{_BEFORE}(?:{alternatives}){_AFTER}")


@dataclass(frozen=True, slots=True)
class TopicMatcher:
    """Which topics' keywords a text contains."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def build(cls, keywords: Mapping[str, Iterable[str]]) -> TopicMatcher:
        compiled = ((topic, compile_terms(words)) for topic, words in keywords.items())
        return cls(tuple((topic, p) for topic, p in compiled if p is not None))

    def topics(self, text: str) -> tuple[str, ...]:
        folded = fold(text)
        return tuple(topic for topic, pattern in self.patterns if pattern.search(folded))


@dataclass(frozen=True, slots=True)
class NameMatch:
    start: int
    end: int
    id: str


def _key(alias: str) -> str:
    return " ".join(fold(alias).split())


@dataclass(frozen=True, slots=True)
class NameIndex:
    """Finds people and institutions in text through their aliases, longest alias first."""

    pattern: re.Pattern[str] | None
    ids: dict[str, str]
    """Folded alias (single spaces) to id."""

    @classmethod
    def build(cls, aliases: Mapping[str, Iterable[str]]) -> NameIndex:
        ids: dict[str, str] = {}
        for person, names in aliases.items():
            for name in names:
                ids.setdefault(_key(name), person)
        return cls(compile_terms(ids), ids)

    def find(self, text: str) -> list[NameMatch]:
        """Every alias in `text`, left to right, never overlapping; the longest wins at a place."""
        if self.pattern is None:
            return []
        folded = fold(text)
        found = []
        for match in self.pattern.finditer(folded):
            person = self.ids.get(" ".join(match.group().split()))
            if person is not None:
                found.append(NameMatch(match.start(), match.end(), person))
        return found

    def resolve(self, phrase: str) -> str | None:
        """The id named in `phrase` (an attribution such as `a déclaré Hakan Fidan`), if any.

        Where several are named, the longest alias wins, then the first.
        """
        matches = self.find(phrase)
        if not matches:
            return None
        return max(matches, key=lambda m: (m.end - m.start, -m.start)).id
