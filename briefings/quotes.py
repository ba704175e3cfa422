"""Quoted speech in an article, with who said it.

Three steps, each linear in the article's length:

1. `quote_spans` pairs the quote marks of one block: `« … »`, `“ … ”` and straight `" … "`, the
   straight ones told apart as opening or closing by what stands around them. Marks nested in an
   open quote (`‘…’`, `"…"` inside `« … »`) belong to it; only the outermost pair makes a span.
2. `extract_quotes` joins a quote that runs over several paragraphs into one: a paragraph that ends
   inside a quote continues into the next one when that one opens with a quote mark (the French
   convention, which reopens each continued paragraph and closes only the last). A heading breaks
   the run. Short quoted terms and titles (`« pause humanitaire »`) are dropped.
3. The speaker comes from the attribution around the quote (`briefings.attribution`): after it,
   else before it, else a colon ending the previous paragraph, else an incise inside the marks
   (`« Nous sommes prêts, a dit Fidan, à … »`, cut from the quoted text). `Speakers` resolves it
   through people.yaml aliases (a person before an institution); pronouns and bare titles (`il`,
   `le ministère`, `the minister`, `le chef de la diplomatie russe`) are followed back to the
   latest speaker or actor named in the article that fits; other words are kept as they are
   written (`le communiqué conjoint`), and `the official` after `a senior official` is that one.

A quote's `text` is the quoted words without the outer marks, white space collapsed, a trailing
comma dropped (`"…," said Blinken`); the paragraphs of a multi-paragraph quote are joined by a
blank line (`"\\n\\n"`) so they can be shown as paragraphs again.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from heapq import merge

from briefings.attribution import (
    DEFINITE,
    DETERMINERS,
    PRONOUNS,
    Clue,
    Incise,
    clue_after,
    clue_before,
    clue_inside,
    ends_with_colon,
    sentence_start,
)
from briefings.matching import NameIndex, NameMatch, fold
from briefings.model import Block, Person, Quote, Speaker

_MARKS = re.compile('[«»“”"]')
_TRAILING = frozenset(",.;:!?)]}»”…")
_LEADING = frozenset("([{«“")
_FAMILY = {"«": "«", "»": "«", "“": "“", "”": "“", '"': '"'}

# Fewer words than this make a term or a title (`"surprise"`), not speech.
MIN_WORDS = 5
# The word before a quote that announces a name rather than speech: `l'opération « … »`.
_TITLE_WORDS = frozenset(
    fold(w)
    for w in """intitulé intitulée intitulés baptisé baptisée surnommé surnommée dénommé dénommée
    slogan slogans formule expression terme mot devise hashtag opération campagne livre ouvrage
    film rapport titled entitled dubbed nicknamed so-called term phrase word motto slogan operation
    campaign book report label""".split()
)
# Before a five-word quote, these make it a name used as a noun (`la « Politique de la porte
# ouverte »`); `de` does not (`a qualifié ces propos de « … »` quotes someone).
_ARTICLES = frozenset(
    "le la les l un une sa son ses leur leurs cette ce the a an its their his her".split()
)
_LAST_WORD = re.compile(r"([^\W_]+(?:-[^\W_]+)*)[^\w]*$")


@dataclass(frozen=True, slots=True)
class Span:
    """One outermost quote in a block's text."""

    opener: int
    """Index of the opening mark."""
    end: int
    """Index of the closing mark, or the text's length when the block ends inside the quote."""
    closed: bool

    @property
    def start(self) -> int:
        return self.opener + 1


def _straight(text: str, i: int) -> tuple[bool, bool]:
    """Whether the `"` at `i` can open and whether it can close a quote.

    Like Markdown's emphasis rules: an opening mark has text after it and space or punctuation
    before; a closing mark the reverse. `ont dit "assez," a-t-il` pairs without help.
    """
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    # Punctuation that ends words cannot follow an opening mark (`" ,` closes a spaced quote).
    can_open = not after.isspace() and after not in _TRAILING and not before.isalnum()
    can_close = not before.isspace() and before not in _LEADING and not after.isalnum()
    return can_open, can_close


def quote_spans(text: str) -> list[Span]:
    """The outermost quotes of `text`, left to right; the last may run to the end unclosed.

    A stack of open marks, with a count per kind so that a closing mark with no opener of its kind
    is skipped without searching the stack: each mark is pushed and popped at most once.
    """
    stack: list[tuple[str, int]] = []
    open_marks: Counter[str] = Counter()
    spans: list[Span] = []
    for match in _MARKS.finditer(text):
        i, mark = match.start(), match.group()
        family = _FAMILY[mark]
        if mark == '"':
            can_open, can_close = _straight(text, i)
            if can_open == can_close:  # `" mot "` or `mot"mot`: the state decides
                can_open, can_close = not open_marks['"'], bool(open_marks['"'])
            opening, closing = can_open, can_close
        else:
            opening, closing = mark in "«“", mark in "»”"
        if opening:
            stack.append((family, i))
            open_marks[family] += 1
        elif closing and open_marks[family]:
            while True:
                popped, opener = stack.pop()
                open_marks[popped] -= 1
                if popped == family:
                    break
            if not stack:
                spans.append(Span(opener, i, True))
    if stack:
        spans.append(Span(stack[0][1], len(text), False))
    return spans


@dataclass(frozen=True, slots=True)
class _Piece:
    """The part of a quote that lies in one block."""

    block: Block
    span: Span
    floor: int
    """Where words before the quote may be its attribution: after the block's previous quote."""

    def words(self, incise: Incise | None = None) -> str:
        text = self.block.text
        if incise and self.span.start <= incise.start < self.span.end:
            said = text[self.span.start : incise.start] + text[incise.end : self.span.end]
        else:
            said = text[self.span.start : self.span.end]
        return " ".join(said.split())


def _runs(blocks: Sequence[Block], spans: Mapping[int, list[Span]]) -> list[list[_Piece]]:
    """Each quote as the pieces it spans, joining a quote left open into the next paragraph."""
    runs: list[list[_Piece]] = []
    open_run: list[_Piece] | None = None
    for block in blocks:
        if block.number <= 0:  # a heading or other block ends a running quote
            open_run = None
            continue
        found = spans[block.number]
        floors = [0] + [span.end + 1 for span in found]
        pieces = [_Piece(block, span, floor) for span, floor in zip(found, floors, strict=False)]
        if open_run is not None and pieces and not block.text[: found[0].opener].strip():
            open_run.append(pieces.pop(0))
            if open_run[-1].span.closed:
                open_run = None
        else:
            open_run = None
        for piece in pieces:
            runs.append([piece])
            if not piece.span.closed:
                open_run = runs[-1]
    return runs


@dataclass(frozen=True, slots=True)
class _Attribution:
    clue: Clue | None
    block: int
    """Number of the block the clue is in."""
    after: bool
    """Found right after the quote (`« … », a lancé Fidan`) or inside it."""
    incise: Incise | None = None
    """An attribution within the quote marks, to leave out of the quoted words."""


def _word_count(text: str) -> int:
    return sum(1 for word in text.split() if any(c.isalnum() for c in word))


def _word_before(text: str, pos: int) -> str:
    match = _LAST_WORD.search(fold(text[max(0, pos - 40) : pos]))
    return match.group(1) if match else ""


def _is_speech(text: str, word_before: str, attributed_after: bool) -> bool:
    """Speech rather than a quoted term, title or nickname."""
    if word_before in _TITLE_WORDS:
        return False
    words = _word_count(text)
    if words >= MIN_WORDS:
        # `la "Politique de la porte ouverte"`: a five-word title used as a noun.
        return not (words == MIN_WORDS and word_before in _ARTICLES)
    # A short sentence said by someone: `« Jamais ! », a lancé Fidan`.
    first = next((c for c in text if c.isalnum()), "")
    return words >= 2 and first.isupper() and attributed_after and word_before not in _ARTICLES


def _quote_text(pieces: list[_Piece], incise: Incise | None) -> str:
    text = "\n\n".join(words for piece in pieces if (words := piece.words(incise)))
    return text[:-1].rstrip() if text.endswith(",") else text


# Nouns that, after `le`/`the`, name someone already introduced: `le ministre`, `the ministry`.
_ROLE_NOUNS = frozenset(
    fold(w)
    for w in """ministre ministère secrétaire président présidente porte-parole chef diplomate
    ambassadeur ambassadrice département gouvernement premier dirigeant dirigeante envoyé émissaire
    responsable chancelier chancelière minister ministry secretary president spokesperson
    spokesman spokeswoman department government ambassador chief envoy leader chancellor""".split()
)
# people.yaml roles are written in the site's language; an English article's `the minister` must
# still find the `Ministre turc des Affaires étrangères`.
_ROLE_TRANSLATIONS = {
    "minister": "ministre",
    "ministry": "ministere",
    "secretary": "secretaire",
    "president": "president",
    "spokesperson": "porte-parole",
    "spokesman": "porte-parole",
    "spokeswoman": "porte-parole",
    "department": "departement",
    "government": "gouvernement",
    "ambassador": "ambassadeur",
    "chief": "chef",
    "envoy": "envoye",
    "leader": "dirigeant",
    "chancellor": "chancelier",
}
_ROLE_TRANSLATIONS |= {fr: en for en, fr in reversed(_ROLE_TRANSLATIONS.items())}
_INSTITUTION_NOUNS = frozenset(
    "ministere ministry departement department gouvernement government".split()
)
# What the press writes for a role: `le chef de la diplomatie russe` is the Russian minister.
_PERIPHRASES = {
    ("chef", "de", "la", "diplomatie"): "ministre",
    ("chef", "de", "l", "etat"): "president",
    ("chef", "d", "etat"): "president",
    ("chef", "du", "gouvernement"): "premier",
    ("top", "diplomat"): "minister",
    ("head", "of", "state"): "president",
}
_INDEFINITE = frozenset({"un", "une", "a", "an"})
_FUNCTION_WORDS = frozenset("de des du d la le l of the for".split())
# Which kinds of actor a pronoun can stand for (None: a free-text speaker such as `le texte`).
_PRONOUN_KINDS: dict[str, set[str | None]] = {
    "he": {None, "person"},
    "she": {None, "person"},
    "him": {None, "person"},
    "her": {None, "person"},
    "it": {None, "institution"},
}
_WORDS = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

Position = tuple[int, int]
"""(block number, offset in its text): where something is in the article."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A person or institution named outside quotes."""

    at: Position
    sentence: Position
    """Where its sentence starts: the first name of a sentence stands for its subject."""
    id: str


def _in_complement(phrase: str, start: int) -> bool:
    """Whether the name at `start` completes a noun before it: `le porte-parole du ministère`."""
    before = _WORDS.findall(fold(phrase[:start]))
    return len(before) > 1 and any(w in ("de", "du", "des", "d", "of") for w in before[1:])


_PROPER_NAME = re.compile(r"[^\W\d_][\w’'-]*\s+((?:[A-Z][\w’'-]+\s+)*[A-Z][\w’'-]+)\s*$")
_CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december""".split()
)


def _unknown_spokesperson(phrase: str, alias_end: int, kind: str | None) -> str:
    """`Kremlin spokesman Dmitry Peskov`: a person missing from people.yaml who speaks for a known
    institution is that person, not the institution. Returns their name, or ""."""
    if kind != "institution":
        return ""
    tail = phrase[alias_end:]
    words = _WORDS.findall(fold(tail))
    match = _PROPER_NAME.match(tail.strip())
    if not match or not words or words[0] not in _ROLE_NOUNS or words[-1] in _CALENDAR:
        return ""
    return match.group(1)


def _same_word(a: str, b: str) -> bool:
    """Equal but for a feminine or plural ending: `président`/`présidente`, `ministres`."""
    return a == b or a in (b + "e", b + "s", b + "es") or b in (a + "e", a + "s", a + "es")


def _free_text(phrase: str) -> str:
    """The attribution's own words, a leading determiner in lower case: `le communiqué`."""
    text = " ".join(phrase.split())
    words = _WORDS.findall(fold(text))
    return text[0].lower() + text[1:] if words and words[0] in DETERMINERS else text


class Speakers:
    """Turns attribution clues into speakers, remembering who spoke so far in the article."""

    def __init__(
        self, names: NameIndex, people: Mapping[str, Person], mentions: Sequence[Mention]
    ) -> None:
        self.names = names
        self.people = people
        self.mentions = mentions
        """In reading order."""
        self.spoken: list[tuple[Position, Speaker]] = []
        """In reading order: every quote comes after those already remembered."""

    def remember(self, speaker: Speaker, at: Position) -> None:
        if speaker.name:
            self.spoken.append((at, speaker))

    def resolve(self, clue: Clue | None, block: int) -> Speaker:
        if clue is None:
            return Speaker("")
        at = (block, clue.offset)
        matches = self.names.find(clue.phrase)
        found = list(dict.fromkeys(m.id for m in matches))
        words = _WORDS.findall(fold(clue.phrase))
        if len(words) == 1 and words[0] in PRONOUNS:
            return self._antecedent(words[0], at)
        titled = len(words) > 1 and words[0] in DEFINITE
        if titled and matches and _in_complement(clue.phrase, matches[0].start):
            # `le secrétaire général de l'OTAN` is a person of the alliance before the alliance.
            role = self._role(words[1:], at)
            if role:
                return role
        if found and not (len(found) > 1 and ("et" in words or "and" in words)):
            unknown = _unknown_spokesperson(clue.phrase, matches[-1].end, self._kind(found[-1]))
            if unknown:
                return Speaker(unknown)
            return self._person(self._pick(matches))
        role = self._role(words[1:], at) if titled else None
        echo = self._echo(words[1:], at) if titled else None
        return role or echo or Speaker(_free_text(clue.phrase))

    def _echo(self, words: list[str], at: Position) -> Speaker | None:
        """`the official` after `a senior administration official`: the same unnamed speaker.

        Only a speaker introduced with `un`/`a` is echoed; `le communiqué` after `le communiqué
        conjoint` keeps its own words.
        """
        wanted = [w for w in words if w not in _FUNCTION_WORDS]
        if not wanted:
            return None
        for pos, spoken in reversed(self.spoken):
            said = _WORDS.findall(fold(spoken.name))
            unnamed = spoken.id is None and pos < at and said and said[0] in _INDEFINITE
            if unnamed and all(any(_same_word(w, s) for s in said[1:]) for w in wanted):
                return spoken
        return None

    def _pick(self, matches: list[NameMatch]) -> str:
        """The actor a phrase names: a person before an institution (`State Department
        spokesperson Matthew Miller`), then the longest alias, then the first."""
        persons = [m for m in matches if self._kind(m.id) == "person"]
        best = max(persons or matches, key=lambda m: (m.end - m.start, -m.start))
        return best.id

    def _person(self, pid: str) -> Speaker:
        person = self.people.get(pid)
        return Speaker(person.name if person else pid, pid)

    def _kind(self, pid: str | None) -> str | None:
        person = self.people.get(pid) if pid else None
        return person.kind if person else None

    def _named_before(self, at: Position) -> Iterator[Mention]:
        """Mentions before `at`, latest first."""
        end = bisect_left(self.mentions, at, key=lambda m: m.at)
        return (self.mentions[i] for i in range(end - 1, -1, -1))

    def _antecedent(self, pronoun: str, at: Position) -> Speaker:
        """Who `il`, `elle`, `he`, `it` stands for: the latest speaker or sentence subject."""
        if pronoun == "on":  # impersonal: nobody in particular
            return Speaker("")
        kinds = _PRONOUN_KINDS.get(pronoun, {None, "person", "institution"})
        spoken = next(
            (
                (pos, s)
                for pos, s in reversed(self.spoken)
                if pos < at and self._kind(s.id) in kinds
            ),
            None,
        )
        named = next((m for m in self._named_before(at) if self._kind(m.id) in kinds), None)
        if named is None or (spoken and spoken[0] > named.at):
            return spoken[1] if spoken else Speaker("")
        # The first name of that sentence stands for its subject: `Fidan a reçu Blinken. Il…`.
        subject = named
        for mention in self._named_before(named.at):
            if mention.sentence != named.sentence:
                break
            if self._kind(mention.id) in kinds:
                subject = mention
        return self._person(subject.id)

    def _role(self, words: list[str], at: Position) -> Speaker | None:
        """`le ministre`, `the Turkish minister`: the latest actor named whose role fits."""
        for periphrasis, role in _PERIPHRASES.items():
            if tuple(words[: len(periphrasis)]) == periphrasis:
                words = [role, *words[len(periphrasis) :]]
        if words[0] not in _ROLE_NOUNS and len(words) > 1 and words[1] in _ROLE_NOUNS:
            words = [words[1], words[0]]  # English puts the adjective first
        if words[0] not in _ROLE_NOUNS:
            return None
        heads = {words[0], _ROLE_TRANSLATIONS.get(words[0], words[0])}
        kind = "institution" if words[0] in _INSTITUTION_NOUNS else "person"
        adjective = words[1] if len(words) > 1 and words[1] not in _FUNCTION_WORDS else ""
        spoken = ((pos, s.id) for pos, s in reversed(self.spoken) if s.id and pos < at)
        named = ((m.at, m.id) for m in self._named_before(at))
        for _, pid in merge(spoken, named, reverse=True):
            person = self.people.get(pid)
            if person is not None and person.kind == kind and _fits(person, heads, adjective):
                return Speaker(person.name, pid)
        if not adjective:
            return None
        # Not named yet, but `le chef de l'État turc` is only one of the people.yaml actors.
        fitting = [p for p in self.people.values() if p.kind == kind and _fits(p, heads, adjective)]
        return Speaker(fitting[0].name, fitting[0].id) if len(fitting) == 1 else None


def _fits(person: Person, heads: set[str], adjective: str) -> bool:
    """Whether `le ministre [turc]` can be this person: role noun and adjective both fit."""
    known = _WORDS.findall(fold(f"{person.role} {person.name}"))
    if not any(_same_word(head, word) for head in heads for word in known):
        return False
    # `turc` and `Türkiye`, `russe` and `Russie`: a shared start is enough to tell nations apart.
    return not adjective or any(word[:3] == adjective[:3] for word in known)


class _Article:
    """One article's text blocks, their quote spans and the names they mention outside quotes."""

    def __init__(self, blocks: Sequence[Block], names: NameIndex) -> None:
        self.spans = {b.number: quote_spans(b.text) for b in blocks if b.number > 0}
        self.previous = {b.number: p for p, b in zip([None, *blocks], blocks, strict=False)}
        self.mentions = [
            m
            for b in blocks
            if b.number > 0
            for m in self._mentions(b, self.spans[b.number], names)
        ]

    @staticmethod
    def _mentions(block: Block, spans: list[Span], names: NameIndex) -> list[Mention]:
        openers = [s.opener for s in spans]

        def quoted(pos: int) -> bool:
            i = bisect_right(openers, pos) - 1
            return i >= 0 and pos <= spans[i].end

        return [
            Mention(
                (block.number, m.start), (block.number, sentence_start(block.text, m.start)), m.id
            )
            for m in names.find(block.text)
            if not quoted(m.start)
        ]


def _clue(pieces: list[_Piece], names: NameIndex, previous: Block | None) -> _Attribution:
    """The attribution of a quote: after it, else before it, else a colon closing the paragraph
    before (`Fidan a déclaré :`, the quote making the next paragraph)."""
    first, last = pieces[0], pieces[-1]
    if last.span.closed:
        text = last.block.text
        inside = text[last.span.start : last.span.end].rstrip()
        after = clue_after(text, last.span.end + 1, inside.endswith((",", "!", "?")), names)
        if after:
            return _Attribution(after, last.block.number, True)
    text = first.block.text
    before = clue_before(text, first.span.opener, first.floor, names)
    if before:
        return _Attribution(before, first.block.number, False)
    opens_block = not text[: first.span.opener].strip()
    if opens_block and previous is not None and previous.number and ends_with_colon(previous.text):
        end = len(previous.text.rstrip())
        return _Attribution(clue_before(previous.text, end, 0, names), previous.number, False)
    for piece in pieces:
        incise = clue_inside(piece.block.text, piece.span.start, piece.span.end, names)
        if incise:
            return _Attribution(incise.clue, piece.block.number, True, incise)
    return _Attribution(None, first.block.number, False)


def extract_quotes(
    blocks: Sequence[Block], names: NameIndex, people: Mapping[str, Person]
) -> tuple[Quote, ...]:
    """Quotes found in an article's blocks, in reading order."""
    article = _Article(blocks, names)
    speakers = Speakers(names, people, article.mentions)
    quotes: list[Quote] = []
    for pieces in _runs(blocks, article.spans):
        first, last = pieces[0], pieces[-1]
        found = _clue(pieces, names, article.previous[first.block.number])
        text = _quote_text(pieces, found.incise)
        if not _is_speech(text, _word_before(first.block.text, first.span.opener), found.after):
            continue
        speaker = speakers.resolve(found.clue, found.block)
        speakers.remember(speaker, (last.block.number, last.span.end))
        quotes.append(Quote(text, speaker, first.block.number, last.block.number))
    return tuple(quotes)
