"""Quoted speech in an article, with who said it.

Three steps, each linear in the article's length:

1. `quote_spans` pairs the quote marks of one block: `« … »`, `“ … ”` and straight `" … "`, the
   straight ones told apart as opening or closing by what stands around them. Marks nested in an
   open quote (`‘…’`, `"…"` inside `« … »`) belong to it; only the outermost pair makes a span.
2. `extract_quotes` joins a quote that runs over several paragraphs into one: a paragraph that ends
   inside a quote continues into the next one when that one opens with a quote mark (the French
   convention, which reopens each continued paragraph and closes only the last). A heading breaks
   the run. Short quoted terms and titles (`« pause humanitaire »`) are dropped.
3. The speaker comes from the attribution around the quote (`briefings.text.attribution`): after it,
   else before it, else a colon ending the previous paragraph, else an incise inside the marks
   (`« Nous sommes prêts, a dit Fidan, à … »`, cut from the quoted text). A quote with none, joined
   to the quote before it in the same sentence (`qu'il avait visé « A » et qu'il « B »`), has that
   quote's speaker. `briefings.text.speakers` resolves the attribution's words: people.yaml aliases,
   pronouns and bare titles followed back through the article (people it introduces without
   people.yaml knowing them included), roles and spokespeople of an actor, free text.

A quote's `text` is the quoted words without the outer marks, white space collapsed, a trailing
comma dropped (`"…," said Blinken`); the paragraphs of a multi-paragraph quote are joined by a
blank line (`"\\n\\n"`) so they can be shown as paragraphs again.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..model import Block, Person, Quote, Speaker
from .attribution import (
    NAME_PARTICLES,
    Clue,
    Incise,
    clue_after,
    clue_before,
    clue_closing,
    clue_inside,
    ends_with_colon,
    is_name_word,
    is_reporting_verb,
    sentence_ends,
    sentence_start,
    sentence_subject,
)
from .matching import NameIndex, NameMatch, fold
from .speakers import Mention, Speakers, find_mentions

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
# `a meeting on "…"`, `une réunion sur « … »`: the words after name the meeting, whatever their
# length or case.
_EVENTS = frozenset(
    fold(w)
    for w in """meeting session debate conference summit forum panel hearing briefing réunion
    séance débat conférence sommet colloque table-ronde audition""".split()
)
_ABOUT = frozenset({"on", "about", "sur"})
# After a definite article, a quote shorter than this is a name (`la « plateforme de coopération
# régionale à six »`, `le « Pacte pour la défense aérienne »`): speech rarely follows `le`/`the`.
_NAME_WORDS = 7
_DEFINITE_ARTICLES = frozenset("le la les l the".split())
_INDEFINITE_ARTICLES = frozenset("un une a an".split())
# A phrase of this many words taken from someone who is named is speech (`"new armed escalation"`).
_SHORT_WORDS = 3
_COMPLEMENT_LINKS = frozenset("de du des à en sans pour contre of for without against".split())
_COORDINATORS = frozenset("et ou and or".split())
_WORDS_BEFORE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# From a word's first letter or digit to its end: one match per word that holds one.
_COUNTED_WORD = re.compile(r"[^\W_]\S*")


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
    # Most paragraphs quote nobody: five substring tests see it far sooner than `_MARKS`.
    if not ("«" in text or '"' in text or "“" in text or "»" in text or "”" in text):
        return _single_spans(text) if "‘" in text or "'" in text else []
    first = _MARKS.search(text)
    assert first is not None
    stack: list[tuple[str, int]] = []
    open_marks: Counter[str] = Counter()
    spans: list[Span] = []
    for match in _MARKS.finditer(text, first.start()):
        i, mark = match.start(), match.group()
        family = _FAMILY[mark]
        if mark == '"':
            can_open, can_close = _straight(text, i)
            if can_open == can_close:  # `" mot "` or `mot"mot`: the state decides
                can_open, can_close = not open_marks['"'], bool(open_marks['"'])
            opening, closing = can_open, can_close
        else:
            opening, closing = mark in "«“", mark in "»”"
        if mark in "“”" or (mark == '"' and closing):
            # Mistyped marks: a `“` that can only close (`ceasefire“, he said`) closes, and a
            # straight and a curly mark close each other (`"…”`).
            family, opening, closing = _retyped(text, i, mark, family, opening, closing, open_marks)
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


_SINGLE = re.compile("[‘’']")
# A single mark that opens a word: after no letter or digit, before one (not `l'Ukraine`).
# The mark first, then what came before it (a look-behind of the mark and the character before
# it): a pattern opening with a look-behind is tried at every character, one opening with the
# marks skips straight to them (a twentieth of the analysis, in French, where `'` abounds).
_SINGLE_OPENER = re.compile("[‘'](?<![^\\W_][‘'])(?=[^\\W_])")


def _single_spans(text: str) -> list[Span]:
    """Quotes in single marks, in a text with no other quote marks (`Syria ‘needs a chance,’
    Sharaa says`, or with straight `'`): a mark opening a word, closed by the first one that
    ends a word (one inside a word is an apostrophe: `Israel’s`, `l'Ukraine`). Nested or
    unclosed, they make no quote."""
    first = _SINGLE_OPENER.search(text)
    if first is None:  # French elision puts an apostrophe in most paragraphs, none opening
        return []
    spans: list[Span] = []
    opener = -1
    for match in _SINGLE.finditer(text, first.start()):
        i, mark = match.start(), match.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if opener >= 0 and mark != "‘" and not before.isspace() and not after.isalnum():
            spans.append(Span(opener, i, True))
            opener = -1
        elif mark != "’":
            opener = i if not before.isalnum() and after.isalnum() else -1
    return spans


def _retyped(
    text: str,
    i: int,
    mark: str,
    family: str,
    opening: bool,
    closing: bool,
    open_marks: Counter[str],
) -> tuple[str, bool, bool]:
    """The family and the direction of an English double mark as its place shows them."""
    if mark in "“”":
        can_open, can_close = _straight(text, i)
        if opening and can_close and not can_open and open_marks["“"] + open_marks['"']:
            opening, closing = False, True
    if closing and not open_marks[family]:
        other = '"' if family == "“" else "“"
        if open_marks[other]:
            family = other
    return family, opening, closing


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
        if not found:  # most paragraphs: one without quote marks ends a quote left open
            open_run = None
            continue
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
    """How many of the white-space separated words hold a letter or a digit."""
    return len(_COUNTED_WORD.findall(text))


def _words_before(text: str, pos: int) -> tuple[str, str]:
    """The two words before `pos`, folded, nearest first (`""` when there are none)."""
    words = _WORDS_BEFORE.findall(fold(text[max(0, pos - 60) : pos]))
    return (words[-1] if words else "", words[-2] if len(words) > 1 else "")


def _is_title(text: str) -> bool:
    """Every word of four letters or more capitalised: `Democracy, Security & Trade`, `Pacte
    Atlantique`: the name of a meeting, a plan or a book, not speech."""
    long = [w for w in _COUNTED_WORD.findall(text) if len(w) >= 4]
    return len(long) >= 2 and all(is_name_word(w) for w in long)


def _is_compound(text: str) -> bool:
    """The shape of a noun used as a term rather than of words taken from a speaker: a noun and
    its complement (`plan de paix`, `solution à deux États`, `theatre for domestic audiences`)
    or two qualifiers joined (`franche et constructive`)."""
    words = text.split()
    second = words[1].lower() if len(words) > 1 else ""
    return second in _COMPLEMENT_LINKS or (len(words) == 3 and second in _COORDINATORS)


def _is_speech(
    text: str, word_before: str, attributed_after: bool, said: bool = False, governed: bool = False
) -> bool:
    """Speech rather than a quoted term, title or nickname.

    `said`: someone is named as the quote's speaker, which makes a phrase of three words or more
    speech (`warned of a "fresh armed escalation"`, `« prendre trois ans »`) unless it is shaped
    like a term or a title. `governed`: a reporting verb stands right before the quote's article
    (`a dénoncé le « résultat du blocus imposé au territoire »`): from five words, the article
    opens the words it reports, not a name (`à la « plateforme de coopération régionale »`); a
    shorter phrase there stays a term (`a dénoncé le « deux poids, deux mesures »`).
    """
    if word_before in _TITLE_WORDS:
        return False
    words = _word_count(text)
    if words < _NAME_WORDS and _is_title(text):
        return False
    first = next((c for c in text if c.isalnum()), "")
    # After an article, a capital makes a name: `a salué la « Politique de la porte ouverte »`.
    reported = governed and words >= MIN_WORDS and not first.isupper()
    if word_before in _ARTICLES and not reported:
        if word_before in _DEFINITE_ARTICLES and words < _NAME_WORDS:
            return False
        if word_before not in _INDEFINITE_ARTICLES and words <= MIN_WORDS:
            return False
    if words >= MIN_WORDS:
        # `la "Politique de la porte ouverte"`: a five-word title used as a noun.
        return not (words == MIN_WORDS and word_before in _ARTICLES and not (said or reported))
    if words >= _SHORT_WORDS and said and not _is_compound(text):
        return True
    # A short sentence said by someone: `« Jamais ! », a lancé Fidan`.
    return words >= 2 and first.isupper() and attributed_after and word_before not in _ARTICLES


def _quote_text(pieces: list[_Piece], incise: Incise | None) -> str:
    text = "\n\n".join(words for piece in pieces if (words := piece.words(incise)))
    return text[:-1].rstrip() if text.endswith(",") else text


class _Article:
    """One article's text blocks, their quote spans and the actors they name outside quotes."""

    def __init__(
        self,
        blocks: Sequence[Block],
        names: NameIndex,
        named: Mapping[int, Sequence[NameMatch]] | None = None,
    ) -> None:
        self.blocks = blocks
        self.names = names
        self.named = named
        """`names.find` of each numbered block's text, when the caller has them."""
        self.spans = {b.number: quote_spans(b.text) for b in blocks if b.number > 0}
        self.previous = {b.number: p for p, b in zip([None, *blocks], blocks, strict=False)}
        # Not strict: an article with no block (only a table, say) has one more "next" than blocks.
        self.next = {b.number: n for b, n in zip(blocks, [*blocks[1:], None], strict=False)}

    def mentions(self) -> list[Mention]:
        """The actors the blocks name outside quotes, in reading order."""
        return [
            m
            for b in self.blocks
            if b.number > 0
            for m in find_mentions(
                b.number,
                b.text,
                self.names,
                _inside(self.spans[b.number]),
                self.named[b.number] if self.named is not None else None,
            )
        ]


def _inside(spans: list[Span]) -> Callable[[int], bool]:
    """Whether an offset of the block lies within one of its quotes."""
    openers = [s.opener for s in spans]

    def quoted(pos: int) -> bool:
        i = bisect_right(openers, pos) - 1
        return i >= 0 and pos <= spans[i].end

    return quoted


def _clue(pieces: list[_Piece], names: NameIndex, previous: Block | None) -> _Attribution:
    """The attribution of a quote: after it, else before it, else a colon closing the paragraph
    before (`Fidan a déclaré :`, the quote making the next paragraph)."""
    first, last = pieces[0], pieces[-1]
    if last.span.closed:
        text = last.block.text
        inside = text[last.span.start : last.span.end].rstrip()
        # `"….” he stated`: a full stop inside the marks and a lower-case word after them go on
        # with one sentence, as a comma would.
        follows = text[last.span.end + 1 :].lstrip()[:1]
        comma = inside.endswith((",", "!", "?")) or (inside.endswith(".") and follows.islower())
        after = clue_after(text, last.span.end + 1, comma, names)
        if after:
            return _Attribution(after, last.block.number, True)
    text = first.block.text
    before = clue_before(text, first.span.opener, first.floor, names)
    if before:
        return _Attribution(before, first.block.number, False)
    if last.span.closed:
        closing = clue_closing(last.block.text, last.span.end + 1, names)
        if closing:
            return _Attribution(closing, last.block.number, True)
    opens_block = not text[: first.span.opener].strip()
    if opens_block and previous is not None and previous.number and ends_with_colon(previous.text):
        end = len(previous.text.rstrip())
        return _Attribution(clue_before(previous.text, end, 0, names), previous.number, False)
    for piece in pieces:
        incise = clue_inside(piece.block.text, piece.span.start, piece.span.end, names)
        if incise:
            return _Attribution(incise.clue, piece.block.number, True, incise)
    return _Attribution(None, first.block.number, False)


def _goes_on(earlier: _Piece, later: _Piece, attributed_after: bool) -> bool:
    """Whether a quote with no attribution of its own goes on from the quote before it in its
    paragraph, and so has its speaker: in the same sentence (`X a souligné que « A », « B »`,
    `qu'il avait visé « A » et qu'il « B »`), or opening the sentence after the earlier quote's
    own attribution (`"A," X said. "B."`)."""
    if earlier.block.number != later.block.number or not earlier.span.closed:
        return False
    text = later.block.text
    ends = sentence_ends(text, earlier.span.end + 1, later.span.opener)
    return ends == 0 or (ends == 1 and attributed_after and _opens_sentence(text, later))


def _opens_sentence(text: str, piece: _Piece) -> bool:
    return sentence_start(text, piece.span.opener) >= len(text[: piece.span.opener].rstrip())


def _alone(pieces: list[_Piece]) -> bool:
    """A paragraph that is only a quote (`"…"` and nothing else)."""
    first, last = pieces[0], pieces[-1]
    if first.block.text[: first.span.opener].strip():
        return False
    return not any(c.isalnum() for c in last.block.text[last.span.end :])


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", "…", ",", ";", ":"))


def _remembered_at(last: _Piece, found: _Attribution) -> tuple[int, int]:
    """Where a speaker counts as said: the quote's end, or its attribution when that comes after
    (`« … », a déclaré le porte-parole d'António Guterres, Stéphane Dujarric`: Dujarric comes
    after Guterres, and `selon lui` in the next sentence is Dujarric)."""
    end = (last.block.number, last.span.end)
    if found.clue is None or not found.after:
        return end
    return max(end, (found.block, found.clue.offset))


def extract_quotes(
    blocks: Sequence[Block],
    names: NameIndex,
    people: Mapping[str, Person],
    named: Mapping[int, Sequence[NameMatch]] | None = None,
    title: str = "",
) -> tuple[Quote, ...]:
    """Quotes found in an article's blocks, in reading order.

    `named` holds `names.find(block.text)` by block number, for a caller that needs them too.
    """
    article = _Article(blocks, names, named)
    headline = _headline_person(blocks, title, names, people)
    speakers = Speakers(names, people, article.mentions, _sections(blocks), headline)
    quotes: list[Quote] = []
    runs = _runs(blocks, article.spans)
    found_all = [_clue(p, names, article.previous[p[0].block.number]) for p in runs]
    previous: tuple[_Piece, Speaker, bool] | None = None
    """The last quote kept: its last piece, its speaker, whether its attribution follows it."""
    last_of_block: dict[int, Speaker] = {}
    for index, pieces in enumerate(runs):
        first, last = pieces[0], pieces[-1]
        found = found_all[index]
        text = _quote_text(pieces, found.incise)
        before, governing = _words_before(first.block.text, first.span.opener)
        inherited = None if found.clue else _inherited(runs, found_all, index, previous)
        said = found.clue is not None or bool(inherited and inherited.name)
        if governing in _EVENTS and before in _ABOUT:
            continue  # `a UN Security Council meeting on "The Situation in…"`: its title
        if not _is_speech(text, before, found.after, said, is_reporting_verb(governing)):
            if found.clue is not None and found.after:
                # `"Finally," he continued. "…"`: a fragment is no quote, but what follows its
                # attribution goes on from it.
                previous = (last, speakers.resolve(found.clue, found.block), True)
            continue
        # A quote alone in its paragraph with no end to its sentence is a pull quote set as a
        # subhead (`‘This gang of…’`): no one is said to go on speaking there.
        if found.clue is None and inherited is None and _alone(pieces) and _ends_sentence(text):
            inherited = _signed(last.block, article, names, speakers) or _continued(
                first.block, article, last_of_block, names, speakers
            )
        if inherited is not None:
            speaker = inherited
        elif found.clue is None and index + 1 < len(runs) and _split(first, runs[index + 1]):
            # `« A » l'offensive « B », affirme X`: the attribution of B is A's too.
            nxt = found_all[index + 1]
            speaker = speakers.resolve(nxt.clue, nxt.block) if nxt.after else Speaker("")
        else:
            speaker = speakers.resolve(found.clue, found.block)
        speakers.remember(speaker, _remembered_at(last, found))
        quotes.append(Quote(text, speaker, first.block.number, last.block.number))
        previous = (last, speaker, found.after)
        last_of_block[last.block.number] = speaker
    return tuple(quotes)


def _headline_person(
    blocks: Sequence[Block], title: str, names: NameIndex, people: Mapping[str, Person]
) -> str | None:
    """The one person the title and the headings above the first paragraph naming a person
    name, if only one is named there: who `he` stands for when the text names nobody before
    or near it (an article opening with `"…," he said.`)."""

    def persons(text: str) -> set[str]:
        found = names.find(text) if text else ()
        return {m.id for m in found if m.id in people and people[m.id].kind == "person"}

    found = persons(title)
    for block in blocks:
        if block.kind == "heading":
            found |= persons(block.text)
        elif block.number > 0 and persons(block.text):
            break
    return found.pop() if len(found) == 1 else None


def _sections(blocks: Sequence[Block]) -> list[int]:
    """The numbers of the blocks that follow a heading, in order."""
    sections = []
    heading = False
    for block in blocks:
        if block.number > 0 and heading:
            sections.append(block.number)
        heading = block.kind == "heading" or (heading and block.number <= 0)
    return sections


def _inherited(
    runs: list[list[_Piece]],
    found_all: list[_Attribution],
    index: int,
    previous: tuple[_Piece, Speaker, bool] | None,
) -> Speaker | None:
    """The speaker of the quote before, when this one goes on from it (`_goes_on`)."""
    if previous is None or not previous[1].name:
        return None
    return previous[1] if _goes_on(previous[0], runs[index][0], previous[2]) else None


def _split(piece: _Piece, following: list[_Piece]) -> bool:
    """A quote followed in the same sentence by another, with no sentence end between."""
    later = following[0]
    if later.block.number != piece.block.number or not piece.span.closed:
        return False
    return sentence_ends(piece.block.text, piece.span.end + 1, later.span.opener) == 0


_SIGNATURE = re.compile(r"\s*[-–—]\s+([^,.;:]{3,60})")


def _signed(
    block: Block, article: _Article, names: NameIndex, speakers: Speakers
) -> Speaker | None:
    """A paragraph that is only a quote, signed by the line after it: `- Igor Orlovsky, chef de
    la diplomatie russe, …` (a name, then a comma or the end)."""
    after = article.next[block.number]
    match = _SIGNATURE.match(after.text) if after is not None and after.number > 0 else None
    if match is None:
        return None
    phrase = match.group(1).strip()
    known = names.find(phrase)
    whole = bool(known) and known[0].start == 0 and known[-1].end == len(phrase)
    if not whole and not _is_name(phrase):
        return None
    return speakers.resolve(Clue(phrase, match.start(1)), after.number)


def _is_name(phrase: str) -> bool:
    """Two to four words, each capitalised or a name particle: `Jane Doe`, `Abou al-Faris`."""
    words = phrase.split()
    return 2 <= len(words) <= 4 and all(is_name_word(w) or w in NAME_PARTICLES for w in words)


def _continued(
    block: Block,
    article: _Article,
    last_of_block: Mapping[int, Speaker],
    names: NameIndex,
    speakers: Speakers,
) -> Speaker | None:
    """A paragraph that is only a quote, with no attribution, goes on from the paragraph
    before: its last quote's speaker, or the subject of its last sentence's reporting verb
    (`Holt said the sea route was being tested.` then `"These drops cannot replace trucks."`)."""
    before = article.previous[block.number]
    if before is None or before.number <= 0:
        return None
    spoken = last_of_block.get(before.number)
    if spoken is not None:
        return spoken if spoken.name else None
    text = before.text.rstrip()
    last = sentence_start(text, len(text.rstrip(".!?…;:")))  # the last sentence, not after it
    clue = sentence_subject(text, last, len(text), names, verbless=False)
    if clue is None:
        return None
    # Only someone people.yaml knows: `Washington insists…` is a capital, not who spoke next.
    speaker = speakers.resolve(clue, before.number)
    return speaker if speaker.id else None
