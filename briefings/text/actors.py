"""People the copy names whom people.yaml does not know, for `briefings check` to list.

An **actor** is a person the text introduces by a role and a name, outside quotes: two or more
capitalised words (name particles inside) right after a role noun, or after it and a comma, with
no verb or sentence end between (`le ministre turc des Affaires étrangères Hakan Fidan`, `le chef
de HTS, Abou Mohammed al-Joulani`, `Israeli Foreign Minister Gideon Saar`), whose words hold no
people.yaml alias (`speakers.introduced_people`). Its **role** is the words before the name back
to the article or possessive that opens them, or a verb, preposition or conjunction, at most eight,
from the first role noun and the qualifiers just before it (`ministre turc des Affaires
étrangères`, `Israeli Foreign Minister`; `un appel du chef de la diplomatie israélienne, Gideon
Saar` gives `chef de la diplomatie israélienne`); none when those words hold no role noun.

A **speaker** is listed when a quote's speaker has no people.yaml id and its words are a name: two
to five words, each capitalised or a name particle (`Gideon Saar`); the attribution's own words
(`le communiqué conjoint`, `a senior official`) are not names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .attribution import NAME_PARTICLES, is_name_word, is_reporting_verb
from .matching import NameMatch, fold
from .quotes import quote_spans
from .speakers import introduced_people, role_noun

_MAX_ROLE_WORDS = 8
# Words the role stops before: articles and possessives, verbs, prepositions, conjunctions.
_BEFORE_ROLE = frozenset(
    fold(w)
    for w in """le la les l un une the a an son sa ses leur leurs his her its their ce cette au aux
    a ont est sont etait avait has have had is was were said says avec par selon lors pour sur
    dans chez entre apres avant pendant with by from to for at in on after before during as
    according et ou mais and or but que qu that qui who mardi lundi mercredi jeudi vendredi
    samedi dimanche hier monday tuesday wednesday thursday friday saturday sunday yesterday
    """.split()
)
_OF = frozenset({"de", "du", "des", "d", "of"})
_ARTICLES = frozenset({"le", "la", "les", "l", "the"})
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# English writes the title capitalised before the name, in one run of capitals: `Israeli Foreign
# Minister Gideon Saar`, `US Secretary of State Marco Rubio`.
_TITLED = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'-]*)+")
_INSTITUTION_WORDS = frozenset(
    fold(w)
    for w in """ministère ministry département department gouvernement government agence agency
    conseil council commission comité committee office bureau organisation organization armée
    army forces parti party fondation foundation institut institute banque bank""".split()
)


@dataclass(frozen=True, slots=True)
class Introduced:
    """A person the text introduces by role and name."""

    name: str
    role: str
    """The role's words as written (`ministre turc des Affaires étrangères`), or ""."""


def introduced_actors(text: str, known: Sequence[NameMatch]) -> list[Introduced]:
    """The people `text` introduces by role and name outside its quotes, people.yaml not
    knowing them; `known` is the people.yaml names found in `text`."""
    found = [(s, e, _role_before(text, s)) for s, e in introduced_people(text, known)]
    found += _titled(text, known, {s for s, _, _ in found})
    if not found:
        return []
    quoted = quote_spans(text)
    return [
        Introduced(text[start:end], role)
        for start, end, role in sorted(found)
        if not any(q.start <= start < q.end for q in quoted) and _is_name(text[start:end])
    ]


def _is_name(words: str) -> bool:
    """No title among its words: `the Foreign Minister` after `The Secretary and` is no one's
    name."""
    return not any(role_noun(fold(w)) for w in _WORD.findall(words))


def _titled(text: str, known: Sequence[NameMatch], taken: set[int]) -> list[tuple[int, int, str]]:
    """`Israeli Foreign Minister Gideon Saar`: a capitalised title, then a name of two to four
    words, people.yaml knowing neither (`known`), as (start, end, role)."""
    found = []
    for run in _TITLED.finditer(text):
        words = list(_WORD.finditer(text, run.start(), run.end()))
        heads = [i for i, w in enumerate(words) if role_noun(fold(w.group()))]
        if not heads:
            continue
        at = heads[-1] + 1
        while at + 1 < len(words) and words[at].group() == "of":  # `Secretary of State`
            at += 2 + (words[at + 1].group() == "the")
        name = words[at:]
        if not 2 <= len(name) <= 4 or name[0].start() in taken:
            continue
        start, end = name[0].start(), name[-1].end()
        if any(m.start < end and start < m.end for m in known):
            continue
        first = next(i for i, w in enumerate(words) if fold(w.group()) not in _ARTICLES)
        found.append((start, end, text[words[first].start() : words[at - 1].end()]))
    return found


def _role_before(text: str, start: int) -> str:
    """The role's words before a name starting at `start` (the module's rule)."""
    words = list(_WORD.finditer(text, 0, start))
    first = len(words)
    for i in range(len(words) - 1, max(-1, len(words) - 1 - _MAX_ROLE_WORDS), -1):
        gap = text[words[i].end() : words[i + 1].start() if i + 1 < len(words) else start]
        last = i == len(words) - 1
        if any(c in gap for c in '.;:!?«»“”"()') or ("," in gap and not last):
            break
        word = fold(words[i].group())
        # `chef de la diplomatie`, `Secretary of the Treasury`: an article after `de` belongs.
        after_of = i > 0 and fold(words[i - 1].group()) in _OF and word in _ARTICLES
        if not after_of and (
            word in _BEFORE_ROLE or (is_reporting_verb(word) and not role_noun(word))
        ):
            break
        first = i
    chosen = words[first:]
    head = next((i for i, w in enumerate(chosen) if role_noun(fold(w.group()))), None)
    if head is None:
        return ""
    # Before the title, its qualifiers (`Premier`, `Israeli Foreign`), not a noun it
    # complements: `un appel du chef de la diplomatie` is the chef's role.
    while head and fold(chosen[head - 1].group()) not in _OF:
        head -= 1
    return text[chosen[head].start() : chosen[-1].end()]


def is_name(words: str) -> bool:
    """Two to five words, each capitalised or a name particle, the first and last capitalised:
    `Gideon Saar`, `Abou Mohammed al-Joulani`."""
    written = words.split()
    if not 2 <= len(written) <= 5:
        return False
    inner = all(is_name_word(w) or w in NAME_PARTICLES for w in written)
    return inner and is_name_word(written[0]) and is_name_word(written[-1])


def is_institution(name: str) -> bool:
    """A name made on an institution's noun: `Ministère syrien de l'Intérieur`, `Hamas Political
    Bureau`."""
    return any(w in _INSTITUTION_WORDS for w in _WORD.findall(fold(name)))
