"""The lexicon of a search index in shards: which shards hold a word, as Pagefind sees words.

Pagefind matches a searched word with the indexed words it begins (`négoci` finds `négociations`),
and when an index holds none, with the longest indexed word that begins it (`de` for
`désastreuse`). One index for the whole site does the second only for a word the site never uses;
a shard does it for every word it lacks, and its merged results would bring pages of `de`
for a word other shards hold. The lexicon tells the search page which shards a word is in: one
page per shard holding every word its records show (their text and metadata, as Pagefind reads
them), in an index of its own, searched word by word before the results are. Pagefind stems and
matches the lexicon's words as it does the shards', and since the lexicon holds the whole site's
words, it finds the shards a single index would match, or the word it would fall back on.

The lexicon is cut by the first letter of its words, so that an edit indexes again only the parts
of the letters of the words it brought or took away: every word that begins a searched word
begins with its first letter, so each part answers for its letters as the whole lexicon would.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from html import escape

FOLDER = "lexicon/"
"""In the bundle: a folder of Pagefind indexes, one per part."""
PARTS = ("abcd", "efghijkl", "mnopqr", "stuvwxyz")
"""Groups of first letters (after folding accents), about equal in French and English text; a
word beginning with anything else (a digit) is in the part `_`. The browser fetches three files
of each part before the first search (15 parts: 46 of its 118 files at 4,000 articles), and an
edit indexes again the parts of the letters of the words it brought or took away."""
OTHER = "_"
_PART_OF = {letter: part[0] for part in PARTS for letter in part}
# Pagefind cuts a word at punctuation, between a lower-case and an upper-case letter, before the
# last capital of a run of them, and between letters and digits (`get_discrete_words`): each of
# these may begin an indexed word.
_RUN = re.compile(r"[^\W_]+")


def groups() -> dict[str, str]:
    """First letter to part, for the search page, which finds the part of a searched word."""
    return dict(_PART_OF)


def part(letter: str) -> str:
    """The part of the words that begin with `letter`."""
    found = _PART_OF.get(letter)
    if found is None:
        found = _PART_OF.get(unicodedata.normalize("NFD", letter.lower())[:1], OTHER)
    return found


Words = dict[str, list[list[str]]]
"""Part to the words of a shard that begin it: [words, words that ended a paragraph]."""


def words(blocks: Iterable[tuple[str, bool]]) -> Words:
    """The words of these texts by part, sorted: each text cut at white space as Pagefind cuts
    it, each piece in every part that one of the words Pagefind makes of it may fall into.

    A block is a text and whether it is a paragraph: Pagefind cuts the last word of a paragraph
    at figures too (`75e` is also `75`), and no other (a metadata value's either).
    """
    inner: set[str] = set()
    last: set[str] = set()
    for text, paragraph in blocks:
        tokens = text.split()
        if paragraph and tokens:
            last.add(tokens.pop())
        inner.update(tokens)
    found: dict[str, tuple[list[str], list[str]]] = {}
    for which, tokens in enumerate((inner, last)):
        for token in tokens:
            for name in _parts_of(token):
                found.setdefault(name, ([], []))[which].append(token)
    return {name: [sorted(a), sorted(b)] for name, (a, b) in sorted(found.items())}


def _parts_of(token: str) -> set[str]:
    runs = _RUN.findall(token)
    if len(runs) == 1:
        run = runs[0]
        if len(run) == 1 or run.isdigit() or (run.isalpha() and run[1:].islower()):
            return {part(run[0])}  # a word, or a number: most of them
    starts = set()
    for run in runs:
        starts.add(run[0])
        for i in range(1, len(run)):
            before, letter = run[i - 1], run[i]
            following = run[i + 1] if i + 1 < len(run) else ""
            if (
                (before.islower() and letter.isupper())
                or (before.isupper() and letter.isupper() and following.islower())
                or (before.isdigit() != letter.isdigit())
            ):
                starts.add(letter)
    return {part(letter) for letter in starts}


def page(shard: str, found: list[list[str]], language: str) -> str:
    """A shard's words of one part as a page of the lexicon, the words that ended a paragraph
    ending one again (the others are followed by a mark Pagefind makes no word of); its filter
    names the shard."""
    inner, last = found
    paragraphs = [f"<p>{escape(' '.join(inner))} \u00b7</p>"] if inner else []
    paragraphs += [f"<p>{escape(token)}</p>" for token in last]
    return (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"></head><body>'
        f"{''.join(paragraphs)}"
        f'<div data-pagefind-ignore><span data-pagefind-filter="of">{escape(shard)}</span>'
        "</div></body></html>"
    )


def pages(shards: Mapping[str, Words], name: str) -> list[tuple[str, list[list[str]]]]:
    """The (shard, words) of a part, for the shards that have words in it, in shard order."""
    return [(shard, found[name]) for shard, found in shards.items() if name in found]
