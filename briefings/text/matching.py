"""Finding keywords and names in running text.

Matching is case-insensitive and accent-insensitive, on whole words, sees through French elision
(`l'Ukraine`, `d’Israël`), lets a trailing `*` match a stem, and matches phrases across any white
space. Text is folded one character to one character, so a match's offsets are the original text's.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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
# Latin-1 characters (most of French and English text) fold through a table of 256 characters that
# `codecs.charmap_decode` applies in C, three times as fast as `str.translate` with a dict, which
# looks every character up in Python. The rest (`’`, `œ`, other alphabets) is translated run by run.
_LATIN1_FOLDS = "".join(_FOLD[code] for code in range(256))
_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff]+")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case, strip accents, unify apostrophes, dashes and spaces; same length as `text`."""
    # Cached: routing, people and quotes each fold the same block text.
    # Each character outside Latin-1 becomes one `?`, so the offsets hold for the patching below.
    latin1 = text.encode("latin-1", "replace")
    folded: str = codecs.charmap_decode(latin1, "strict", _LATIN1_FOLDS)[0]
    # No `?` put in: all of it was Latin-1 (two counts, far cheaper than the search below).
    if latin1.count(b"?") == text.count("?"):
        return folded
    pieces: list[str] = []
    end = 0
    for run in _BEYOND_LATIN1.finditer(text):  # in its place, each run folded by the dict
        pieces += (folded[end : run.start()], run.group().translate(_FOLD))
        end = run.end()
    if not pieces:
        return folded
    pieces.append(folded[end:])
    return "".join(pieces)


# A word character for our purposes: letters and digits (not the apostrophe, so elision splits).
# A match must not end inside a word; that it does not start inside one is checked by
# `_word_match`, as a look-behind opening the pattern would keep the regex engine from skipping
# straight to the first letters of the terms (it makes searching a paragraph twice as slow).
_AFTER = r"(?![^\W_])"
_WORD = re.compile(r"[^\W_]+")
# Deeper than this, the trie of the terms falls back to a plain list of alternatives: `re` recurses
# once per nested group, and real keyword lists nest a handful of levels.
_MAX_NESTING = 40
# Latin-1's letters and digits: a class of what is not one of them is a table the regex engine
# reads at each character, where `[\W_]` asks the Unicode database (twice as slow). It also
# takes the letters beyond Latin-1, which `_spans` then drops.
_LATIN1_ALNUM = "".join(chr(code) for code in range(256) if chr(code).isalnum())


def _pattern(term: str) -> str:
    """The regex source for one keyword or alias (already folded)."""
    stem = term.endswith("*")
    words = term.rstrip("*").split()
    body = r"\s+".join(re.escape(word) for word in words)
    if stem:
        body += r"[^\W_]*"
    return body


@dataclass(slots=True)
class _Node:
    """A place in a trie of terms: what may follow the characters that lead to it."""

    letters: dict[str, _Node] = field(default_factory=dict)
    """The next character of a word."""
    gap: _Node | None = None
    """White space, then the next word of a phrase."""
    stem: bool = False
    """A term ends here with `*`: the rest of the word."""
    end: bool = False
    """A term ends here."""


def _trie(terms: Iterable[str]) -> _Node:
    root = _Node()
    for term in terms:
        node = root
        for number, word in enumerate(term.rstrip("*").split()):
            if number:
                node.gap = node.gap or _Node()
                node = node.gap
            for char in word:
                node = node.letters.setdefault(char, _Node())
        node.stem = node.stem or term.endswith("*")
        node.end = node.end or not term.endswith("*")
    return root


def _source(node: _Node, nesting: int = 0) -> str | None:
    r"""The regex source of a trie: `israel(?:ien[^\W_]*)?` for `israel`, `israelien*`.

    At each place the longer terms are tried first (the next letter or word, then a stem, then the
    end), so that of the terms matching at a place the longest wins, as in a list of alternatives
    sorted longest first. None if the groups nest deeper than `_MAX_NESTING`.
    """
    chain = ""  # up to the next branch, the characters follow one another with no group
    while len(node.letters) + (node.gap is not None) == 1 and not node.stem and not node.end:
        if node.gap is not None:
            chain, node = chain + r"\s+", node.gap
        else:
            ((char, node),) = node.letters.items()
            chain += re.escape(char)
    if nesting > _MAX_NESTING:
        return None
    branches = [(re.escape(char), child) for char, child in sorted(node.letters.items())]
    if node.gap is not None:
        branches.append((r"\s+", node.gap))
    alternatives = []
    for unit, child in branches:
        rest = _source(child, nesting + 1)
        if rest is None:
            return None
        alternatives.append(unit + rest)
    if node.stem:
        alternatives.append(r"[^\W_]*")
    if not alternatives:
        return chain
    group = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    if node.end:
        group = f"(?:{group})?" if len(alternatives) == 1 else f"{group}?"
    return chain + group


def compile_terms(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern matching any of `terms` in folded text, longest first, up to a word's end.

    The terms make a trie, so that at each place the regex engine follows one branch instead of
    trying every term. Give the pattern to `_word_match`, which keeps the matches that start a word.
    """
    return _compiled(terms)[0]


def _compiled(terms: Iterable[str]) -> tuple[re.Pattern[str] | None, bool]:
    """`compile_terms`, and whether its pattern is the terms' trie (not the plain list of
    alternatives that stands in for a trie nesting too deep)."""
    folded = sorted({fold(t.strip()) for t in terms if t.strip().rstrip("*").strip()}, key=len)
    if not folded:
        return None, False
    source = _source(_trie(folded))
    trie = source is not None
    if source is None:
        source = "|".join(_pattern(t) for t in reversed(folded))
    return re.compile(f"(?:{source}){_AFTER}"), trie


def compile_substrings(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern finding any of `words` anywhere, inside words too (no folding), as a trie.

    The words hold no white space and end with no `*` (which would make a phrase or a stem).
    """
    unique = sorted(set(words))
    source = _source(_trie(unique))
    return re.compile(source if source is not None else "|".join(map(re.escape, unique)))


def _word_end(folded: str, pos: int) -> int:
    """Past the letters and digits from `pos` on (at least one character)."""
    word = _WORD.match(folded, pos)
    return word.end() if word else pos + 1


def _word_match(pattern: re.Pattern[str], folded: str, pos: int = 0) -> re.Match[str] | None:
    r"""The first match of `pattern` in `folded` from `pos` on that starts a word.

    The same as `search` with the look-behind `(?<![^\W_])` opening the pattern (`[^\W_]` is
    `str.isalnum`). A match starting inside a word is skipped, and the search goes on after that
    word, where the next match may start: from the next character, a stem could run again to the
    word's end from every letter (quadratic time).
    """
    match = pattern.search(folded, pos)
    while match is not None and match.start() and folded[match.start() - 1].isalnum():
        match = pattern.search(folded, _word_end(folded, match.start()))
    return match


def word_match(pattern: re.Pattern[str], folded: str) -> re.Match[str] | None:
    """The first match of a `compile_terms` pattern in `folded` that starts a word."""
    return _word_match(pattern, folded)


def find_terms(pattern: re.Pattern[str], folded: str) -> list[tuple[int, int]]:
    """Every match of a `compile_terms` pattern in `folded` (left to right, never overlapping)
    that starts a word, as (start, end)."""
    found = []
    match = _word_match(pattern, folded)
    while match is not None:
        found.append((match.start(), match.end()))
        match = _word_match(pattern, folded, max(match.end(), match.start() + 1))
    return found


def _shape(term: str) -> tuple[tuple[str, ...], bool]:
    """What `compile_terms` makes of a term: its folded words, and whether it is a stem."""
    folded = fold(term.strip())
    return tuple(folded.rstrip("*").split()), folded.endswith("*")


@dataclass(frozen=True, slots=True, eq=False)
class Scanner:
    """Where any term of several matchers (a site's keywords and names) may start in a text, found
    in one pass: the matchers given it try their own patterns at those places only, instead of
    each searching the whole text (two passes over every paragraph, a third of its analysis)."""

    pattern: re.Pattern[str] | None
    shapes: frozenset[tuple[tuple[str, ...], bool]]
    """Of its terms (`_shape`): a matcher whose terms are not all among them does not use it."""
    longest: bool = False
    """Its pattern is the terms' trie, whose match at a place is the longest of any term there:
    then what every matcher finds at that place depends on that match's text alone (`spans`)."""
    inner: re.Pattern[str] | None = None
    """A character that is no letter or digit of Latin-1, then `pattern` as a look-ahead whose
    match is group 1: every place after the text's first that starts a word and where a term
    matches, found by one `finditer` in C, with the places after a letter or digit beyond
    Latin-1 (dropped by `_spans`). The engine jumps from one such character to the next and
    tries the terms there only, where `pattern` is tried at every letter that opens a term
    (most of them), and a match starting inside a word searched again after it."""

    @classmethod
    def build(cls, terms: Iterable[str]) -> Scanner:
        given = [t for t in terms if t.strip().rstrip("*").strip()]
        pattern, trie = _compiled(given)
        inner = None
        if pattern is not None:
            inner = re.compile(f"[^{re.escape(_LATIN1_ALNUM)}](?=({pattern.pattern}))")
        return cls(pattern, frozenset(_shape(t) for t in given), trie, inner)

    def covers(self, terms: Iterable[str]) -> bool:
        """Whether every place one of `terms` matches is one of `starts`."""
        return all(_shape(t) in self.shapes for t in terms if t.strip().rstrip("*").strip())

    def starts(self, folded: str) -> tuple[int, ...]:
        """Every place in `folded` that starts a word and where one of the terms matches, in
        order: a superset of where `_word_match` finds any pattern of some of the terms."""
        return tuple(start for start, _ in self.spans(folded))

    def spans(self, folded: str) -> tuple[tuple[int, int], ...]:
        """Each of `starts` with the end of the scanner's match there.

        When the scanner is `longest`, no term matching at a start matches past that end (at
        each branch of the trie the longer way is tried first, and a stem or a phrase's gap
        cannot outrun the letters that the match went on with), and the character after it is
        no letter or digit, as a term's end needs. So whether a term of some matcher matches
        there, and how far, is the same wherever the same text is matched: matchers keep what
        they found for it (`TopicMatcher.find`, `NameIndex.find`)."""
        return _spans(self, folded) if self.pattern is not None else ()


@lru_cache(maxsize=4096)
def _spans(scanner: Scanner, folded: str) -> tuple[tuple[int, int], ...]:
    # Cached: the names and the topics are looked for in the same paragraphs. By the scanner,
    # hashed by identity: a compiled pattern's hash reads its whole program.
    pattern, inner = scanner.pattern, scanner.inner
    assert pattern is not None and inner is not None
    # The places of `_word_match`'s matches from one word's end to the next: the text's start,
    # and each place after something that is no letter or digit (`inner`, a letter or digit
    # beyond Latin-1 dropped).
    first = pattern.match(folded)
    found = [m.span(1) for m in inner.finditer(folded) if not folded[m.start()].isalnum()]
    if first is not None:
        found.insert(0, first.span())
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Named:
    """The topics a text names: through their keywords, and through their context keywords only."""

    firm: tuple[str, ...]
    context: tuple[str, ...]
    """Topics named by a context keyword and by none of their keywords (`Israël` in a paragraph
    about the Golan): routing counts them only with support from the context."""


NO_TOPICS = Named((), ())


@dataclass(frozen=True, slots=True)
class TopicMatcher:
    """Which topics' keywords a text contains."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    any_keyword: re.Pattern[str] | None
    """Every topic's keywords, context keywords too, in one pattern: where one of them starts,
    the topics' own patterns are tried (one pass over the text instead of one per topic)."""
    context: tuple[tuple[str, re.Pattern[str]], ...] = ()
    """The context keywords of the topics that have some (a topic's `context_keywords`)."""
    scanner: Scanner | None = None
    """Finds where a keyword may start, for this matcher and others (`Scanner`)."""
    seen: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """What `_at` found where the scanner matched a text (`Scanner.spans`): a site's paragraphs
    meet a few hundred such texts, each thousands of times."""

    @classmethod
    def build(
        cls,
        keywords: Mapping[str, Iterable[str]],
        context: Mapping[str, Iterable[str]] | None = None,
        scanner: Scanner | None = None,
    ) -> TopicMatcher:
        lists = {topic: list(words) for topic, words in keywords.items()}
        extra = {topic: list(words) for topic, words in (context or {}).items() if topic in lists}
        compiled = ((topic, compile_terms(words)) for topic, words in lists.items())
        patterns = tuple((topic, p) for topic, p in compiled if p is not None)
        known = {topic for topic, _ in patterns}
        guarded = ((topic, compile_terms(extra.get(topic, ()))) for topic in lists)
        every = compile_terms(
            word for words in [*lists.values(), *extra.values()] for word in words
        )
        every_term = [word for words in [*lists.values(), *extra.values()] for word in words]
        return cls(
            patterns,
            every,
            tuple((topic, p) for topic, p in guarded if p is not None and topic in known),
            scanner if scanner is not None and scanner.covers(every_term) else None,
        )

    def topics(self, text: str) -> tuple[str, ...]:
        """The topics whose keywords `text` holds (context keywords not counted)."""
        return self.find(text).firm

    def find(self, text: str) -> Named:
        """The topics `text` names, by their keywords and by their context keywords only."""
        if self.any_keyword is None:
            return NO_TOPICS
        folded = fold(text)
        found: set[str] = set()
        hinted: set[str] = set()
        if self.scanner is not None:
            seen = self.seen if self.scanner.longest else None
            # Every place a keyword starts a word is one of the scanner's.
            for start, end in self.scanner.spans(folded):
                if len(found) == len(self.patterns):
                    break
                if seen is None:
                    self._at(folded, start, found, hinted)
                    continue
                key = folded[start:end]
                at = seen.get(key)
                if at is None:
                    firm: set[str] = set()
                    context: set[str] = set()
                    self._at(folded, start, firm, context)
                    at = seen[key] = (tuple(firm), tuple(context))
                found.update(at[0])
                hinted.update(at[1])
            if not found and not hinted:
                return NO_TOPICS
        else:
            match = _word_match(self.any_keyword, folded)
            if match is None:  # most paragraphs name no topic
                return NO_TOPICS
            while match is not None and len(found) < len(self.patterns):
                start = match.start()
                self._at(folded, start, found, hinted)
                # Another keyword starts after this word at the earliest.
                match = _word_match(self.any_keyword, folded, _word_end(folded, start))
        firm = tuple(topic for topic, _ in self.patterns if topic in found)
        if not hinted:
            return Named(firm, ())
        return Named(firm, tuple(t for t, _ in self.patterns if t in hinted and t not in found))

    def _at(self, folded: str, start: int, found: set[str], hinted: set[str]) -> None:
        """The topics whose keywords, or context keywords, match at `start`."""
        for topic, pattern in self.patterns:
            if topic not in found and pattern.match(folded, start):
                found.add(topic)
        for topic, pattern in self.context:
            if topic not in hinted and pattern.match(folded, start):
                hinted.add(topic)


@dataclass(frozen=True, slots=True)
class NameMatch:
    start: int
    end: int
    id: str


def _spaced(match: re.Match[str]) -> str:
    """A match's text with single spaces: the key of its alias."""
    return " ".join(match.group().split())


def _key(alias: str) -> str:
    return " ".join(fold(alias).split())


def _is_acronym(alias: str) -> bool:
    """One word of two capitals or more and no lower-case letter: `UN`, `U.N.`, `OTAN`."""
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and " " not in alias.strip() and all(c.isupper() for c in letters)


def written_as_acronym(written: str) -> bool:
    """Whether text matching an acronym alias is written as one: in capitals (`UN`, not the
    article `un` nor `Un` opening a sentence), or from four letters capitalised (`Otan`, `Nato`,
    which the press writes so and no common word is)."""
    letters = [c for c in written if c.isalpha()]
    return all(c.isupper() for c in letters) or (len(letters) >= 4 and letters[0].isupper())


@dataclass(frozen=True, slots=True)
class NameIndex:
    """Finds people and institutions in text through their aliases, longest alias first."""

    pattern: re.Pattern[str] | None
    ids: dict[str, str]
    """Folded alias (single spaces) to id."""
    acronyms: frozenset[str] = frozenset()
    """Folded aliases given only in capitals (`UN`, `HCR`, `OTAN`): see `written_as_acronym`."""
    scanner: Scanner | None = None
    """Finds where an alias may start, for this index and others (`Scanner`)."""
    seen: dict[str, tuple[int, str | None]] = field(default_factory=dict, repr=False, compare=False)
    """Where the scanner matched a text (`Scanner.spans`): the length of this index's match
    there (-1: none) and the alias it matched, folded with single spaces."""

    @classmethod
    def build(
        cls, aliases: Mapping[str, Iterable[str]], scanner: Scanner | None = None
    ) -> NameIndex:
        ids: dict[str, str] = {}
        capitals: dict[str, bool] = {}
        for person, names in aliases.items():
            for name in names:
                key = _key(name)
                ids.setdefault(key, person)
                capitals[key] = capitals.get(key, True) and _is_acronym(name)
        acronyms = frozenset(key for key, only in capitals.items() if only)
        if scanner is not None and not scanner.covers(ids):
            scanner = None
        return cls(compile_terms(ids), ids, acronyms, scanner)

    def find(self, text: str) -> list[NameMatch]:
        """Every alias in `text`, left to right, never overlapping; the longest wins at a place."""
        if self.pattern is None:
            return []
        folded = fold(text)
        found: list[NameMatch] = []
        if self.scanner is not None:
            seen = self.seen if self.scanner.longest else None
            # Every place an alias starts a word is one of the scanner's.
            end = 0
            for start, stop in self.scanner.spans(folded):
                if start < end:
                    continue  # as `finditer` goes: on from the end of a match
                if seen is None:
                    match = self.pattern.match(folded, start)
                    if match is not None:
                        self._take(text, match, found)
                        end = match.end()
                    continue
                at = seen.get(folded[start:stop])
                if at is None:
                    match = self.pattern.match(folded, start)
                    at = (-1, None) if match is None else (match.end() - start, _spaced(match))
                    seen[folded[start:stop]] = at
                if at[0] >= 0:
                    end = start + at[0]
                    self._took(text, start, end, at[1], found)
            return found
        match = _word_match(self.pattern, folded)
        while match is not None:  # as `finditer` goes: on from the end of a match
            self._take(text, match, found)
            match = _word_match(self.pattern, folded, match.end())
        return found

    def _take(self, text: str, match: re.Match[str], found: list[NameMatch]) -> None:
        self._took(text, match.start(), match.end(), _spaced(match), found)

    def _took(
        self, text: str, start: int, end: int, key: str | None, found: list[NameMatch]
    ) -> None:
        person = self.ids.get(key) if key is not None else None
        if person is not None and (key not in self.acronyms or written_as_acronym(text[start:end])):
            found.append(NameMatch(start, end, person))

    def resolve(self, phrase: str) -> str | None:
        """The id named in `phrase` (an attribution such as `a déclaré Hakan Fidan`), if any.

        Where several are named, the longest alias wins, then the first.
        """
        matches = self.find(phrase)
        if not matches:
            return None
        return max(matches, key=lambda m: (m.end - m.start, -m.start)).id


def any_written(folded: str, start: int, end: int, literals: tuple[str, ...]) -> bool:
    """Whether one of `literals` is written in `folded[start:end]`, by a plain search of each:
    the readers of figures ask it before a pattern that every match of which writes one of
    them, since `re` tries such a pattern at every word's start and `str.find` skips ahead."""
    # A loop, not `any` over a generator: asked half a million times on a cold build, where
    # making the generator cost twice the searches.
    for literal in literals:  # noqa: SIM110 (see above)
        if folded.find(literal, start, end) >= 0:
            return True
    return False
