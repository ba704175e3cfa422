"""Who said it: the attribution clause around a quote.

Wire copy names the speaker in a handful of shapes, French and English alike:

- after the quote, verb first: `« … », a déclaré Fidan`, `"…," précise le communiqué`,
  `« … », a-t-il ajouté`, `"…," said Blinken`, `« … », selon le ministère`;
- after the quote, subject first: `"…," Blinken said`, `"…," the State Department said`;
- before the quote: `Fidan a déclaré : « … »`, `Le communiqué précise que Blinken et Fidan « … »`
  (the speaker is the subject of the reporting verb, not the people of the reported clause),
  `Selon le ministère, « … »`, `Pour Fidan, « … »`, `According to X, "…"`, `Le document fait état
  d'un « … »`, `la Syrie, où Washington et Ankara disent vouloir "…"` (the subject after `où`);
- inside the marks, between commas: `« Nous sommes prêts, a assuré Fidan, à … »`;
- after a colon: `« … » : c'est en ces termes que le président a répondu`.

A description followed by a name gives the name, whether people.yaml knows it or not (`a déclaré
à la presse le porte-parole d'António Guterres, Stéphane Dujarric`, `Le porte-parole du Kremlin,
Dmitri Peskov, a dénoncé`); a complement between an inverted verb and its subject is skipped (`à
la presse`, `à l'issue de la rencontre`). A subject that is an inscription (`un message écrit à la
craie … disait :`) gives no clue at all.

This module finds those words (a `Clue`); turning them into a person of people.yaml, or following a
pronoun back to its antecedent, is the job of `text.speakers`. Everything works on `fold`ed text,
which keeps offsets, so a clue's position is a position in the block's own text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .matching import NameIndex, fold

# ---------------------------------------------------------------- the lexicon

_FR_ER = """
    déclarer préciser ajouter souligner affirmer indiquer rappeler estimer noter expliquer assurer
    insister marteler lancer dénoncer confier annoncer mentionner révéler observer constater
    commenter confirmer plaider déplorer regretter saluer exhorter appeler demander réclamer
    qualifier juger considérer relever signaler réitérer répéter raconter témoigner protester
    fustiger avancer exclamer interroger inquiéter féliciter résumer nuancer accuser répliquer
    rétorquer souffler glisser ironiser lâcher tweeter jurer certifier énoncer détailler
    condamner exiger alerter menacer rapporter
"""
_FR_IR = "réagir avertir"
_FR_IRREGULAR = """
    dit disent disait disaient disant
    écrit écrivent écrivait écrivaient écrivant
    conclut concluent conclu conclue concluait concluant
    poursuit poursuivent poursuivi poursuivait poursuivant
    répond répondent répondu répondait répondant
    prévient préviennent prévenu prévenait prévenant
    reconnaît reconnaissent reconnu reconnaissait reconnaissant
    admet admettent admis admettait admettant
    promet promettent promis promettait promettant
    soutient soutiennent soutenu soutenait soutenant
    maintient maintiennent maintenu maintenait maintenant
    décrit décrivent décrivait décrivant
    rappelle rappellent appelle appellent
    prédit prédisent prédisait prédisaient prédisant
"""
_EN_REGULAR = """
    add note stress warn explain insist continue conclude declare announce argue claim assert
    emphasize emphasise remark reply respond recall observe acknowledge confirm urge reiterate
    describe caution contend complain suggest underline underscore highlight repeat vow pledge
    welcome condemn deplore ask demand answer comment affirm assure maintain lament mention
    summarize summarise clarify specify recount predict decry report indicate
"""
_EN_IRREGULAR = """
    say says said saying tell tells told telling write writes wrote written writing
    admit admits admitted admitting stated stating
"""
# Third-person forms that are far more often plural nouns (`member states`, `his remarks`).
_NOT_VERBS = {
    "claims",
    "remarks",
    "comments",
    "demands",
    "pledges",
    "answers",
    "notes",
    "replies",
    "reports",
}
# Multi-word reporting expressions, by their first word.
_PHRASES = (
    "met en lumiere",
    "met en avant",
    "met en garde",
    "mis en lumiere",
    "mis en avant",
    "mis en garde",
    "fait savoir",
    "fait valoir",
    "fait remarquer",
    "fait observer",
    "fait etat",
    "font etat",
    "faisait etat",
    "faisaient etat",
    "point out",
    "points out",
    "pointed out",
    "put it",
    "puts it",
)
# Verbs that narrate as often as they report (`les deux pays poursuivent leurs efforts`): before a
# quote they count only when a colon introduces it.
_AFTER_ONLY = {"poursuit", "poursuivi", "poursuivent", "continue", "continued", "continues"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _french_er(infinitives: str) -> set[str]:
    # Folding erases the accents that tell `déclare` from `déclaré`, so one ending list serves.
    endings = ("e", "es", "ent", "ait", "aient", "a", "erent", "ee", "ees", "ant", "er")
    return {fold(v)[:-2] + e for v in infinitives.split() for e in endings}


def _french_ir(infinitives: str) -> set[str]:
    endings = ("it", "issent", "i", "ie", "issait", "issaient", "issant", "ir")
    return {fold(v)[:-2] + e for v in infinitives.split() for e in endings}


def _english(bases: str) -> set[str]:
    forms = set()
    for base in bases.split():
        if base.endswith("e"):
            forms |= {base, base + "s", base + "d", base[:-1] + "ing"}
        elif base.endswith("y"):
            forms |= {base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
        elif base.endswith(("s", "sh")):
            forms |= {base, base + "es", base + "ed", base + "ing"}
        else:
            forms |= {base, base + "s", base + "ed", base + "ing"}
    return forms


_VERBS = frozenset(
    (
        _french_er(_FR_ER)
        | _french_ir(_FR_IR)
        | {fold(w) for w in _FR_IRREGULAR.split()}
        | _english(_EN_REGULAR)
        | set(_EN_IRREGULAR.split())
    )
    - _NOT_VERBS
)
_PHRASE_WORDS: dict[str, list[tuple[str, ...]]] = {}
for _phrase_text in _PHRASES:
    _PHRASE_WORDS.setdefault(_phrase_text.split()[0], []).append(tuple(_phrase_text.split()))

_AUX = {"a", "ont", "avait", "avaient", "aurait", "auraient", "has", "have", "had"}
_REFLEXIVE_AUX = {"est", "sont", "etait"}  # only after `s'` / `se`: `s'est exclamé`
_VERB_OPENERS = frozenset(_AUX | _REFLEXIVE_AUX | _VERBS | set(_PHRASE_WORDS))
"""Every word but an inverted form (`a-t-il`) on which `_verb_at` may find a group."""
_REPORTING_WORDS = frozenset(_VERBS | set(_PHRASE_WORDS))
"""The words of which every reporting-verb group `_verb_at` finds holds one."""
_INVERTED = {"il", "elle", "ils", "elles", "on"}  # `a-t-il`, `ajoute-t-elle`, `ont-ils`
PRONOUNS = frozenset(
    {"il", "elle", "ils", "elles", "lui", "eux", "on", "he", "she", "they", "it", "him", "them"}
)
DETERMINERS = _words(
    """le la les l un une des du de d sa son ses leur leurs cette ce cet ces notre votre au aux
    the a an his her its their this"""
)
DEFINITE = frozenset({"le", "la", "les", "l", "the"})
_SUBJECT_DETERMINERS = DEFINITE | {"un", "une", "a", "an"}
# Words that never open the subject after an inverted verb: objects, conjunctions.
_NOT_SUBJECTS = frozenset("them him us me lui eux leur nous vous that que qu".split())
_ADVERBS = _words(
    """encore egalement aussi ensuite enfin deja notamment alors pourtant toutefois cependant
    meme d ailleurs plus tard also later further then again previously earlier once"""
)
_TIME = _words(
    """lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd hui soir matin lendemain
    veille monday tuesday wednesday thursday friday saturday sunday yesterday today"""
)
# Words a subject or speaker phrase may begin with, to be skipped: `Mardi, le ministre…`.
_FILLERS = _ADVERBS | _TIME | {"et", "mais", "puis", "or", "and", "but", "so", "while"}
_FILLER_PHRASES = {
    ("de", "son", "cote"),
    ("pour", "sa", "part"),
    ("pour", "son", "compte"),
    ("for", "his", "part"),
    ("for", "her", "part"),
    ("for", "its", "part"),
    ("quant", "a", "lui"),
    ("quant", "a", "elle"),
}
# Words that end a speaker's noun phrase: `un diplomate européen sous couvert d'anonymat`.
_STOPS = _TIME | _words(
    """sous lors dans devant apres avant pendant durant depuis en au aux a sur par qui que qu dont
    lequel laquelle ce cette ou mais selon to in at on during after before who whom which
    when while as with from by adding ajoutant saying disant but"""
)
# Verbs whose object is the speaker: `the agency quoted the minister`.
_QUOTING = frozenset({"quoted", "cited"})
_DEMONSTRATIVES = frozenset({"ce", "cette", "cet", "ces", "this", "these"})
# Segments of a subject that are not the subject: `Fidan, lors de sa visite, a déclaré`.
# (Besides those opening with a stop word.)
_SUBORDINATE = {"de", "d", "pour", "for", "speaking", "following", "lui", "eux"}
_RELATIVE = {"qui", "who", "lequel", "laquelle"}
_INTRODUCERS = {"que", "qu", "that"}
# Words opening a clause whose subject follows them: `la Syrie, où Washington et Ankara disent…`.
_CLAUSE_OPENERS = {"lorsque", "lorsqu", "quand", "tandis", "where", "when", "whereas"}
# What an actor publishes: `a statement from the State Department` speaks for it.
DOCUMENT_NOUNS = frozenset(
    fold(w)
    for w in """communiqué déclaration texte document note rapport lettre message courrier
    publication statement readout release report letter transcript post tweet""".split()
)
# Participles that make a subject an inscription rather than a speaker: `un message écrit à la
# craie sur le tableau disait : « … »` (unless its author follows: `écrit par`).
_WRITTEN = frozenset(
    fold(w) + ending
    for w in "écrit griffonné peint tagué inscrit gravé".split()
    for ending in ("", "e", "s", "es")
) | {"written", "scrawled", "painted", "sprayed", "daubed", "etched"}
# Lower-case words inside a name: `Abou Mohammed al-Joulani`, `Ursula von der Leyen`.
NAME_PARTICLES = frozenset(
    "al el ben bin ibn abu abou de del da di van von der den dos das".split()
)
_ABBREVIATIONS = {"m", "mr", "mrs", "ms", "dr", "st", "mme", "mgr", "gen", "col"}

# Where a sentence ends: strong punctuation before a space, a closing mark or the end; not the
# period of an initial (`A. Blinken`) or a title (`M. Fidan`, `Mr. Blinken`).
# (The punctuation comes first in the pattern so that most positions fail at once.)
_SENTENCE_END = re.compile(
    r"[.!?;…](?<!\b[A-Z]\.)(?<!\bM[rs]\.)(?<!\bMrs\.)(?<!\b[DS][rt]\.)(?<!\b[ap]\.m\.)"
    # nor a month's abbreviation before its day: `since Oct. 7, the ministry said`
    r"(?<!\b(?:Jan|Feb|Aug|Sep|Oct|Nov|Dec)\.(?=\s\d))(?<!\bSept\.(?=\s\d))[.!?;…]*"
    r"(?=[\s\"”»’]|$)"
)
_QUOTE_MARKS = '«»“”"'
_HARD_STOPS = set(",;:()[]—–!?…") | set(_QUOTE_MARKS)
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# Words before a reporting verb that a speaker's phrase may take: an institution's full name
# with its acronym (`the United Nations Relief and Works Agency for Palestine Refugees (UNRWA)
# said`) is twelve.
_MAX_PHRASE = 14
# How far around a quote an attribution is looked for: keeps the work per quote bounded, so an
# article is analysed in linear time whatever its paragraphs look like.
WINDOW = 400


# ---------------------------------------------------------------- clues


@dataclass(frozen=True, slots=True)
class Clue:
    """The words of an attribution that name the speaker."""

    phrase: str
    """As written: `le communiqué conjoint`, `Hakan Fidan`, `il`."""
    offset: int
    """Where `phrase` starts in the block's text."""


@dataclass(slots=True)  # not frozen: made for every word around a quote, and frozen is 4× slower
class _Token:
    word: str
    """Folded."""
    start: int
    end: int
    upper: bool
    """Written with a capital: a reporting verb never is, mid-sentence."""
    acronym: bool = False
    """Written in capitals (`UN`, `AFP`): never the determiner its folded form may be."""


@dataclass(frozen=True, slots=True)
class _Verb:
    first: int
    """Index of the group's first token (the auxiliary, `s'`, or the verb)."""
    last: int
    """Index after the group."""
    word: str
    """The reporting verb itself, folded."""
    pronoun: str | None
    """The subject of an inverted form: `il` in `a-t-il ajouté`."""


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """The words of `text[start:end]`, folded, with their offsets in `text`."""
    # The words around a quote are a part of its block, whose text is folded once and cached
    # (few other texts are folded between two quotes of a block, so it stays in the cache).
    folded = fold(text)
    found = []
    for m in _WORD.finditer(folded, start, end):
        first, last = m.span()
        written = text[first:last]
        found.append(
            _Token(
                m.group(), first, last, written[0].isupper(), len(written) > 1 and written.isupper()
            )
        )
    return found


# Cached: a number's sentence is asked for by its reading, its scope, its source and its date.
@lru_cache(maxsize=1024)
def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts (looking back no further than `WINDOW`)."""
    start = max(0, pos - WINDOW)
    for match in _SENTENCE_END.finditer(text, start, pos):
        start = match.end()
    return start


@lru_cache(maxsize=1024)
def sentence_end(text: str, pos: int) -> int:
    """Where the sentence holding `pos` ends, after its stop (looking no further than `WINDOW`)."""
    limit = min(len(text), pos + WINDOW)
    match = _SENTENCE_END.search(text, pos, limit)
    return match.end() if match else limit


def clause_end(text: str, pos: int) -> int:
    """Where the words after a closing quote mark stop: the sentence's end or the next quote."""
    limit = min(len(text), pos + WINDOW)
    match = _SENTENCE_END.search(text, pos, limit)
    end = match.start() if match else limit
    marks = [i for i in (text.find(m, pos, end) for m in '«“"') if i >= 0]
    return min([end, *marks])


def _verb_length(tokens: list[_Token], i: int) -> int:
    """How many tokens the reporting verb at `i` spans (0: none there)."""
    if i >= len(tokens) or tokens[i].upper:
        return 0
    for phrase in _PHRASE_WORDS.get(tokens[i].word, ()):
        if tuple(t.word for t in tokens[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 1 if tokens[i].word in _VERBS else 0


def _skip_adverbs(tokens: list[_Token], i: int) -> int:
    """Past what may stand between auxiliary and verb: `a également déclaré`, `a pour sa part`."""
    for _ in range(2):
        if tuple(t.word for t in tokens[i : i + 3]) in _FILLER_PHRASES:
            i += 3
        elif i < len(tokens) and _is_adverb(tokens[i].word, between_verbs=True):
            i += 1
    return i


def _is_stop(text: str, token: _Token) -> bool:
    """A word that ends a speaker's phrase. Folded `a` is French `à` but English `a` is not."""
    return token.word in _STOPS and not (token.word == "a" and text[token.start] in "aA")


def _ends_phrase(text: str, tokens: list[_Token], i: int) -> bool:
    """Whether the phrase stops before token `i`: a stop word, or `et`/`and` starting a new verb
    (`a déclaré Fidan et a ajouté`) rather than joining names (`Blinken et Fidan`)."""
    if _is_stop(text, tokens[i]):
        return True
    if tokens[i].word in ("et", "and") and i + 1 < len(tokens):
        following = tokens[i + 1].word
        return following in _AUX or following in _VERBS
    return False


def _is_adverb(word: str, between_verbs: bool = False) -> bool:
    """An adverb; `-ment` counts only between auxiliary and verb, as nouns end so too (document)."""
    return (
        word in _ADVERBS
        or (between_verbs and word.endswith("ment") and len(word) > 6)
        or (word.endswith("ly") and len(word) > 4)
    )


def _verb_at(tokens: list[_Token], i: int) -> _Verb | None:
    """The reporting-verb group starting at token `i`, if there is one."""
    token = tokens[i]
    if token.upper:
        return None
    reflexive = i > 0 and tokens[i - 1].word in ("s", "se")
    first = i - 1 if reflexive else i
    parts = token.word.split("-")
    if len(parts) > 1 and parts[-1] in _INVERTED:  # a-t-il ajouté, ajoute-t-elle, dit-il
        if parts[0] in _AUX:
            j = _skip_adverbs(tokens, i + 1)
            length = _verb_length(tokens, j)
            return _Verb(first, j + length, tokens[j].word, parts[-1]) if length else None
        return _Verb(first, i + 1, parts[0], parts[-1]) if parts[0] in _VERBS else None
    if token.word in _AUX or (reflexive and token.word in _REFLEXIVE_AUX):
        j = _skip_adverbs(tokens, i + 1)
        length = _verb_length(tokens, j)
        return _Verb(first, j + length, tokens[j].word, None) if length else None
    length = _verb_length(tokens, i)
    # `une note`, `l'annonce`: after a determiner the word is a noun.
    after_determiner = i > 0 and tokens[i - 1].word in DETERMINERS and not tokens[i - 1].acronym
    if length and not (after_determiner and not reflexive):
        return _Verb(first, i + length, token.word, None)
    return None


def _verbs(tokens: list[_Token], limit: int | None = None) -> Iterable[_Verb]:
    """Reporting-verb groups, left to right, not overlapping."""
    i, stop = 0, len(tokens) if limit is None else min(limit, len(tokens))
    # `_verb_at` finds a group only on a word that may open one: the others are not tried.
    for at in [n for n in range(stop) if _may_open_verb(tokens[n].word)]:
        if at < i:
            continue  # inside the group found before
        verb = _verb_at(tokens, at)
        if verb is not None:
            yield verb
            i = verb.last


def _may_open_verb(word: str) -> bool:
    """Whether `_verb_at` may find a group opening on the folded `word`: an auxiliary, a verb,
    a phrase's first word, or an inverted form (`a-t-il`, `dit-elle`)."""
    return word in _VERB_OPENERS or "-" in word


def _stops_between(text: str, before: _Token, after: _Token) -> bool:
    """Whether punctuation between two tokens ends a noun phrase (not `M.` or `A.`)."""
    gap = text[before.end : after.start]
    if any(c in _HARD_STOPS for c in gap):
        return True
    return "." in gap and not (
        before.word in _ABBREVIATIONS or (len(before.word) == 1 and before.upper)
    )


def _skip_fillers(tokens: list[_Token], i: int) -> int:
    """Past the words that open a phrase without naming anyone: `mardi`, `de son côté`."""
    while i < len(tokens):
        words = tuple(t.word for t in tokens[i : i + 3])
        if words in _FILLER_PHRASES:
            i += 3
        elif tokens[i].word in _FILLERS:
            i += 1
        else:
            break
    return i


def _is_participle(text: str, token: _Token) -> bool:
    """`publié`, `issued`: a participle after the head noun starts a new clause."""
    written = text[token.start : token.end]
    return not token.upper and len(written) > 4 and written.endswith(("é", "ée", "és", "ées", "ed"))


def _phrase(text: str, tokens: list[_Token]) -> tuple[int, int] | None:
    """The noun phrase at the head of `tokens`: fillers skipped, cut at the first stop.

    `un diplomate européen sous couvert d'anonymat` gives `un diplomate européen`;
    `le communiqué publié à l'issue de la réunion` gives `le communiqué`; a document keeps its
    author: `a statement from the State Department`.
    """
    i = _skip_fillers(tokens, 0)
    if i == len(tokens):
        return None
    demonstrative = tokens[i].word in _DEMONSTRATIVES and i + 1 < len(tokens)  # `ce communiqué`
    if _is_stop(text, tokens[i]) and tokens[i].word not in PRONOUNS and not demonstrative:
        return None
    last = i
    while (
        last + 1 < len(tokens)
        and last + 1 - i < _MAX_PHRASE
        and not _stops_between(text, tokens[last], tokens[last + 1])
    ):
        following = tokens[last + 1]
        authored = tokens[last].word in DOCUMENT_NOUNS and following.word in ("from", "by")
        if not authored and (
            _ends_phrase(text, tokens, last + 1) or (last > i and _is_participle(text, following))
        ):
            break
        last += 1
    while last > i and _is_adverb(tokens[last].word):  # `Blinken also said`
        last -= 1
    return tokens[i].start, tokens[last].end


def is_reporting_verb(word: str) -> bool:
    """A folded word that is a form of a reporting verb: `denonce`, `warned`."""
    return word in _VERBS


def holds_reporting_verb(words: Iterable[str]) -> bool:
    """Whether one of the folded `words` is a form of a reporting verb (`is_reporting_verb`)."""
    return not _VERBS.isdisjoint(words)


def reports(words: Sequence[str]) -> bool:
    """Whether folded `words`, in order, hold a reporting verb, of one word (`indique`) or of
    several (`fait savoir`, `font etat`, `pointed out`)."""
    if _REPORTING_WORDS.isdisjoint(words):
        return False  # neither a verb nor a phrase's first word: most clauses
    return any(
        w in _VERBS or any(tuple(words[i : i + len(p)]) == p for p in _PHRASE_WORDS.get(w, ()))
        for i, w in enumerate(words)
    )


def is_name_word(word: str) -> bool:
    """A word written as part of a name: `Dujarric`, `al-Joulani` (not `al`)."""
    return word[:1].isupper() or any(part[:1].isupper() for part in word.split("-")[1:])


def _is_proper_name(text: str, tokens: list[_Token]) -> bool:
    """Whether `tokens` are a person's name, first and last: `Stéphane Dujarric`, `Abou Mohammed
    al-Joulani`. One word is not enough: `Ankara`, `Mardi` are capitalised too."""
    written = [text[t.start : t.end] for t in tokens]
    if not 2 <= len(written) <= 5 or not is_name_word(written[0]):
        return False
    inner = all(is_name_word(w) or w in NAME_PARTICLES for w in written)
    return inner and is_name_word(written[-1])


def _clue(text: str, tokens: list[_Token]) -> Clue | None:
    span = _phrase(text, tokens)
    return Clue(text[span[0] : span[1]], span[0]) if span else None


# `d'après`, `according to`: the second word after each first one.
_ACCORDING_FIRST = {"d": "apres", "according": "to"}
_ACCORDING_OPENERS = frozenset({"selon", *_ACCORDING_FIRST})


def _according_to(text: str, tokens: list[_Token], at_start: bool, names: NameIndex) -> Clue | None:
    """`selon X`, `d'après X`, `according to X`; `selon le chef de…, Gideon Saar,` is the name."""
    # Only the words that may open the phrase are looked at: most words open none.
    scanned = tokens[:1] if at_start else tokens
    for i in [n for n, t in enumerate(scanned) if t.word in _ACCORDING_OPENERS]:
        word = scanned[i].word
        if word == "selon":
            skip = 1
        elif word in _ACCORDING_FIRST and i + 1 < len(tokens):
            skip = 2 if tokens[i + 1].word == _ACCORDING_FIRST[word] else 0
        else:
            continue  # most words: no pair of tokens made
        if skip:
            rest = tokens[i + skip :]
            clue = _clue(text, rest)
            if clue is None or rest[0].word not in DETERMINERS or names.find(clue.phrase):
                return clue
            if any(t.word in DOCUMENT_NOUNS for t in _tokens_of(text, clue)):
                return clue  # `d'après le communiqué, M. X « … »`: the document speaks
            return _apposition(text, rest, clue, names)
    return None


def noun_phrase(text: str, start: int, end: int) -> Clue | None:
    """The noun phrase opening `text[start:end]`, as a speaker's is cut (`_phrase`)."""
    return _clue(text, _tokens(text, start, end))


def according_to(text: str, start: int, end: int, names: NameIndex) -> Clue | None:
    """The first `selon X`, `d'après X`, `according to X` of `text[start:end]`."""
    return _according_to(text, _tokens(text, start, end), at_start=False, names=names)


def _segments(text: str, tokens: list[_Token]) -> list[list[_Token]]:
    """`tokens` split where punctuation separates them (commas around an apposition…)."""
    segments: list[list[_Token]] = []
    for i, token in enumerate(tokens):
        if i == 0 or any(c in _HARD_STOPS for c in text[tokens[i - 1].end : token.start]):
            segments.append([])
        segments[-1].append(token)
    return segments


def _subordinate(text: str, segment: list[_Token]) -> bool:
    """A segment that is a circumstance, not the subject: `lors de sa visite`, `interrogé sur…`."""
    head = segment[0]
    if head.word in _RELATIVE:
        return False  # `qui` stands for the name before it: see `_subject`
    if _is_stop(text, head) or head.word in _SUBORDINATE:
        return True
    if tuple(t.word for t in segment[:3]) in _FILLER_PHRASES:
        return True
    written = text[head.start : head.end]
    if len(written) > 4 and written.endswith(("é", "ée", "és", "ées")):
        return True  # `Interrogé sur le sujet, …` (capitalised or not)
    if head.word in _WRITTEN:
        return True  # `Le texte, écrit par les deux ministres, précise…`
    return not head.upper and len(written) > 4 and written.endswith(("ant", "ing"))


def _antecedent(text: str, segment: list[_Token], names: NameIndex) -> Clue | None:
    """For `Blinken a rencontré Fidan, qui a déclaré…`: the name just before `qui`."""
    found = names.find(text[segment[0].start : segment[-1].end])
    if not found:
        return None
    start, end = segment[0].start + found[-1].start, segment[0].start + found[-1].end
    return Clue(text[start:end], start)


def _subject(text: str, tokens: list[_Token], names: NameIndex) -> Clue | None:
    """The subject among the tokens before a reporting verb; None for an inscription."""
    clue = _subject_phrase(text, tokens, names)
    return None if clue is None or _inscription(tokens, clue) else clue


def _inscription(tokens: list[_Token], clue: Clue) -> bool:
    """Whether the subject is something written in a scene, not a speaker: `un message écrit à
    la craie`, `a slogan painted on the wall` (but `le texte écrit par les ministres` has one)."""
    end = clue.offset + len(clue.phrase)
    after_head = [t.word for t in tokens if t.start > clue.offset]
    within = sum(1 for t in tokens if clue.offset < t.start < end)
    for i, word in enumerate(after_head[: within + 1]):  # the phrase and the word after it
        if word in _WRITTEN and after_head[i + 1 : i + 2] not in (["par"], ["by"]):
            return True
    return False


def _subject_phrase(text: str, tokens: list[_Token], names: NameIndex) -> Clue | None:
    """The subject among the tokens before a reporting verb.

    Walking back from the verb, subordinate segments are skipped. A segment that names someone is
    preferred, a bare name over a description (`Matthew Miller, the State Department spokesperson,
    told…`, `Le secrétaire d'État, Antony Blinken, a déclaré`); otherwise the nearest one.
    """
    segments = [s for s in _segments(text, tokens) if not _subordinate(text, s)]
    if len(segments) > 1 and _names_appositive(text, segments[-2], segments[-1]):
        # `Le porte-parole du Kremlin, Dmitri Peskov, a dénoncé…`, even if people.yaml lacks him.
        return Clue(text[segments[-1][0].start : segments[-1][-1].end], segments[-1][0].start)
    described: Clue | None = None
    nearest: Clue | None = None
    for index in range(len(segments) - 1, -1, -1):
        segment = segments[index]
        if len(segment) == 1 and segment[0].word in _RELATIVE:
            return _antecedent(text, segments[index - 1], names) if index else None
        clue = _clue(text, segment)
        if clue is None:
            continue
        if names.find(clue.phrase):
            if segment[0].word not in DETERMINERS:
                return clue
            described = described or clue
        nearest = nearest or clue
    return described or nearest


def _names_appositive(text: str, description: list[_Token], name: list[_Token]) -> bool:
    """Whether `name` is the name of the person `description` describes, set beside it."""
    return _is_proper_name(text, name) and not _is_proper_name(text, description)


def _after_clause_opener(text: str, tokens: list[_Token]) -> list[_Token]:
    """The words after the last `où`, `lorsque`, `where`… : the subject of the verb after them."""
    for i in range(len(tokens) - 1, -1, -1):
        word = tokens[i].word
        if word in _CLAUSE_OPENERS or text[tokens[i].start : tokens[i].end] in ("où", "Où"):
            rest = tokens[i + 1 :]
            return rest[1:] if word == "tandis" and rest[:1] and rest[0].word == "que" else rest
    return tokens


def _starts_subject(token: _Token) -> bool:
    return token.upper or token.word in DETERMINERS | PRONOUNS | _ABBREVIATIONS


def _inverted(text: str, tokens: list[_Token], verb: _Verb, names: NameIndex) -> Clue | None:
    """The subject after an inverted verb: `a déclaré Fidan`, `précise le ministère`, `a-t-il`."""
    if verb.pronoun:
        return Clue(verb.pronoun, tokens[verb.first].start)
    rest = _past_complement(text, tokens[verb.last :])
    if rest and rest[0].word in _NOT_SUBJECTS:
        return None  # `assured them that…`: the verb's object, not an inverted subject
    clue = _clue(text, rest)
    if clue is None:
        return None
    first_word = _WORD.match(fold(clue.phrase))
    description = bool(first_word) and first_word.group() in DETERMINERS
    if names.find(clue.phrase) and not description:
        return clue
    return _apposition(text, rest, clue, names)


def _apposition(text: str, rest: list[_Token], clue: Clue, names: NameIndex) -> Clue:
    """`a déclaré le porte-parole du ministère, Öncü Keçeli,`, `selon le chef de la diplomatie
    israélienne, Gideon Saar,`: the name in apposition after a description (`rest`: the tokens
    from the description on), known to people.yaml or written as a name (`le porte-parole
    d'António Guterres, Stéphane Dujarric`); else `clue`."""
    segments = _segments(text, rest)
    phrase_end = clue.offset + len(clue.phrase)
    if len(segments) > 1 and text[phrase_end : segments[1][0].start].strip() == ",":
        apposition = _clue(text, segments[1][:5])
        if apposition and (
            names.find(apposition.phrase) or _is_proper_name(text, _tokens_of(text, apposition))
        ):
            return apposition
    return clue


def _tokens_of(text: str, clue: Clue) -> list[_Token]:
    return _tokens(text, clue.offset, clue.offset + len(clue.phrase))


_COMPLEMENT_LENGTH = 10


def _past_complement(text: str, tokens: list[_Token]) -> list[_Token]:
    """After an inverted verb, the words from its subject on, past a complement before it.

    `a déclaré à la presse le porte-parole…`, `a déclaré à l'issue de la rencontre le…`: the
    subject starts at a determiner or a capital that follows a noun, not a preposition.
    """
    start = _skip_fillers(tokens, 0)
    if start == len(tokens) or not _is_stop(text, tokens[start]):
        return tokens
    for i in range(start + 1, min(len(tokens), start + _COMPLEMENT_LENGTH)):
        before, token = tokens[i - 1], tokens[i]
        if any(c in _HARD_STOPS for c in text[before.end : token.start] if c != ","):
            return tokens  # a comma may close the complement; other marks end the search
        linking = _is_stop(text, before) or before.word in DETERMINERS
        opens = token.upper or (token.word in _SUBJECT_DETERMINERS and text[token.start] != "à")
        if opens and not linking:
            return tokens[i:]
    return tokens


@dataclass(frozen=True, slots=True)
class Incise:
    """An attribution set inside the quote marks: `« Nous sommes prêts, a dit Fidan, à … »`."""

    clue: Clue
    start: int
    """The comma opening the incise."""
    end: int
    """After the comma closing it."""


_INCISE_LENGTH = 80


def clue_inside(text: str, start: int, end: int, names: NameIndex) -> Incise | None:
    """An incise between commas inside the quote `text[start:end]`, verb first."""
    comma = text.find(",", start, end)
    while comma >= 0:
        close = text.find(",", comma + 1, min(end, comma + _INCISE_LENGTH))
        if close < 0:
            comma = text.find(",", comma + 1, end)
            continue
        tokens = _tokens(text, comma + 1, close)
        verb = next(iter(_verbs(tokens, limit=1)), None)
        if verb is not None and verb.first == 0 and len(tokens) <= _MAX_PHRASE:
            clue = _inverted(text, tokens, verb, names)
            if clue is not None:
                return Incise(clue, comma, close + 1)
        comma = close
    return None


def clue_after(text: str, pos: int, comma_inside: bool, names: NameIndex) -> Clue | None:
    """The speaker named right after a quote closing at `pos` (the index after its mark)."""
    end = clause_end(text, pos)
    tokens = _tokens(text, pos, end)
    if not tokens:
        return None
    lead = text[pos : tokens[0].start]
    according = _according_to(text, tokens, at_start=True, names=names)
    if according:
        return according
    quoting = next((i for i, t in enumerate(tokens[:_MAX_PHRASE]) if t.word in _QUOTING), 0)
    if quoting and (comma_inside or "," in lead) and _starts_subject(tokens[0]):
        # `"…," the White House quoted President Joe Biden`: the one quoted speaks.
        quoted = _clue(text, tokens[quoting + 1 :])
        if quoted is not None:
            return quoted
    for verb in _verbs(tokens, limit=_MAX_PHRASE):
        if all(_is_adverb(t.word) for t in tokens[: verb.first]):  # verb first: inverted
            if _is_participle_verb(tokens, verb):
                return None  # `"…," stressing that…`: the sentence's subject, found before
            return _inverted(text, tokens, verb, names)
        # Subject first (`"…," Blinken said`): only straight after the quote's comma.
        if (comma_inside or "," in lead or "—" in lead) and _starts_subject(tokens[0]):
            return _subject(text, tokens[: verb.first], names)
        if ":" in lead:
            return _after_colon(text, tokens, verb, names)
        return None
    return None


def clue_closing(text: str, pos: int, names: NameIndex) -> Clue | None:
    """The attribution that closes the sentence of a quote ending at `pos`, after a comma, with
    other words between: `Washington était « très loin d'être satisfait » des efforts d'Israël,
    a ajouté Miller.`, `…, Miller added.` Nothing but the speaker may follow its verb."""
    end = clause_end(text, pos)
    comma = text.rfind(",", pos, end)
    if comma < 0:
        return None
    tokens = _tokens(text, comma + 1, end)
    verb = next(iter(_verbs(tokens, limit=_MAX_PHRASE)), None)
    if verb is None or _is_participle_verb(tokens, verb):
        return None
    if verb.first == 0 or all(_is_adverb(t.word) for t in tokens[: verb.first]):
        return _inverted(text, tokens, verb, names)
    # `spokesperson Marianne Holt added`: a title in lower case, then a name.
    named = _starts_subject(tokens[0]) or any(t.upper for t in tokens[1 : verb.first])
    if len(tokens) - verb.last > 2 or not named:
        return None  # `…, while Ankara said it would help`: a clause of its own
    return _subject(text, tokens[: verb.first], names)


def _after_colon(text: str, tokens: list[_Token], verb: _Verb, names: NameIndex) -> Clue | None:
    """`« … » : c'est en ces termes que le président a répondu`, `« … » : c'est ce qu'a déclaré
    Fidan`: after a colon, the speaker is the subject of the clause that `que` opens."""
    opener = max((i for i in range(verb.first) if tokens[i].word in _INTRODUCERS), default=-1)
    if opener == verb.first - 1:
        return _inverted(text, tokens, verb, names)
    return _subject(text, tokens[opener + 1 : verb.first], names)


def _introduces(text: str, tokens: list[_Token], verb: _Verb, pos: int) -> bool:
    """Whether the reporting verb leads to the quote at `pos`, not to other narration."""
    gap_start = tokens[verb.last - 1].end
    colon = ":" in text[gap_start:pos]
    if verb.word in _AFTER_ONLY:
        return colon
    between = [t.word for t in tokens[verb.last :]]
    return colon or len(between) <= 6 or any(w in _INTRODUCERS for w in between)


def clue_before(text: str, pos: int, floor: int, names: NameIndex) -> Clue | None:
    """The speaker named in the sentence leading to a quote opening at `pos`.

    `floor` is where the sentence may start at the earliest (the end of a previous quote).
    """
    sentence = sentence_start(text, pos)
    start = max(floor, sentence)
    if not _may_name_speaker(text, start, pos):
        return None
    tokens = _tokens(text, start, pos)
    verbs = list(_verbs(tokens))
    for n, verb in enumerate(verbs):
        if not _introduces(text, tokens, verb, pos):
            continue
        if n + 1 < len(verbs) and _describes_subject(tokens, verb):
            continue  # `Un message écrit à la craie … disait :`: the verb is the next one
        if n + 1 < len(verbs) and _in_time_clause(text, tokens, verb):
            continue  # `Quand un journaliste lui a demandé si…, elle a répondu :`
        if _is_participle_verb(tokens, verb):
            # `X a déclaré que …, ajoutant que « … »`: the participle's subject is the sentence's.
            return sentence_subject(text, sentence, tokens[verb.first].start, names)
        if verb.pronoun:
            return Clue(verb.pronoun, tokens[verb.first].start)
        if verb.first > 0:
            return _subject(text, _after_clause_opener(text, tokens[: verb.first]), names)
        # Right after an earlier quote: `"…," a déclaré Blinken, avant d'ajouter que "…"`.
        return _inverted(text, tokens, verb, names)
    return (
        _according_to(text, tokens, at_start=False, names=names)
        or _pour(text, tokens, names)
        or _speaker_line(text, tokens, start, pos, names)
        or _colon_subject(text, tokens, pos, names)
    )


def _may_name_speaker(text: str, start: int, pos: int) -> bool:
    """Whether `clue_before` may find a speaker in `text[start:pos]`, read from its folded
    words alone (no tokens made): a reporting verb (`_verbs` finds none without one of its
    words), `selon`, `d'après`, `according to`, `pour` opening it, or a colon."""
    words = _WORD.findall(fold(text), start, pos)
    if words[:1] == ["pour"] or words[:1] == ["for"] or ":" in text[start:pos]:
        return True
    # Set tests in C first; a word's hyphen only then (an inverted verb is rare).
    if not _REPORTING_WORDS.isdisjoint(words) or not _ACCORDING_OPENERS.isdisjoint(words):
        return True
    if fold(text).find("-", start, pos) < 0:
        return False
    return any("-" in w and _inverted_verb(w) for w in words)


def _inverted_verb(word: str) -> bool:
    """`dit-il`, `a-t-elle`: an inverted form `_verb_at` may read as a verb (or an auxiliary,
    whose verb comes after it)."""
    parts = word.split("-")
    return parts[-1] in _INVERTED and (parts[0] in _VERBS or parts[0] in _AUX)


def _colon_subject(text: str, tokens: list[_Token], pos: int, names: NameIndex) -> Clue | None:
    """`Donald Trump, grand artisan de la mesure, s'est attribué le succès : « … »`: a colon
    right before the quote makes it the words of the sentence's subject, whatever the verb,
    when that subject is a name people.yaml knows and nothing else (not a description: `Deux
    options restent :`)."""
    if not tokens or text[tokens[-1].end : pos].strip() != ":":
        return None
    clue = _subject(text, tokens, names)
    if clue is None:
        return None
    known = names.find(clue.phrase)
    # The phrase is the name and nothing else (`Zelensky a reçu Trump` names two).
    whole = bool(known) and known[0].start == 0 and known[-1].end == len(clue.phrase)
    return clue if whole and len({m.id for m in known}) == 1 else None


def _speaker_line(
    text: str, tokens: list[_Token], start: int, pos: int, names: NameIndex
) -> Clue | None:
    """`Orlovsky : « … »`, `Jane Doe: "…"`: a paragraph opening with a name and a colon is that
    person's line (the layout of interviews and online outlets)."""
    if start != 0 or not tokens or len(tokens) > 4 or text[tokens[-1].end : pos].strip() != ":":
        return None
    clue = Clue(text[tokens[0].start : tokens[-1].end], tokens[0].start)
    known = names.find(clue.phrase)
    whole = bool(known) and known[0].start == 0 and known[-1].end == len(clue.phrase)
    return clue if whole or _is_proper_name(text, tokens) else None


_TIME_CLAUSE = frozenset({"quand", "lorsque", "lorsqu", "when", "as", "after", "apres"})


def _in_time_clause(text: str, tokens: list[_Token], verb: _Verb) -> bool:
    """A verb in a clause that opens the sentence with `quand`, `when`…, before its comma: the
    clause is a circumstance, the main verb comes after it."""
    if not tokens or tokens[0].word not in _TIME_CLAUSE or verb.first == 0:
        return False
    return "," not in text[tokens[0].end : tokens[verb.first].start]


def _is_participle_verb(tokens: list[_Token], verb: _Verb) -> bool:
    """A bare present participle (`ajoutant`, `stressing`): it has no subject of its own."""
    bare = tokens[verb.first].word == verb.word and verb.pronoun is None
    return bare and verb.word.endswith(("ant", "ing"))


def sentence_ends(text: str, start: int, end: int) -> int:
    """How many sentences end in `text[start:end]`."""
    return sum(1 for _ in _SENTENCE_END.finditer(text, start, end))


def sentence_subject(
    text: str, start: int, end: int, names: NameIndex, verbless: bool = True
) -> Clue | None:
    """The subject of the first reporting verb of `text[start:end]` that is not a participle:
    who a participle clause or a quote that goes on from the sentence speaks for. Words inside
    quote marks are not the narration's."""
    tokens = _unquoted(text, _tokens(text, start, end), start)
    for verb in _verbs(tokens):
        if _is_participle_verb(tokens, verb):
            continue
        if verb.pronoun:
            return Clue(verb.pronoun, tokens[verb.first].start)
        if verb.first > 0:
            return _subject(text, _after_clause_opener(text, tokens[: verb.first]), names)
        return _inverted(text, tokens, verb, names)
    # No reporting verb (`X rejected the idea, saying: "…"`): the subject of the sentence.
    return _subject(text, tokens, names) if tokens and verbless else None


def _unquoted(text: str, tokens: list[_Token], start: int) -> list[_Token]:
    """The tokens outside quote marks, counting the marks from `start`."""
    depth, kept, at = 0, [], start
    for token in tokens:
        for c in text[at : token.start]:
            if c in "«“":
                depth += 1
            elif c in "»”":
                depth = max(0, depth - 1)
            elif c == '"':
                depth = 0 if depth else 1
        at = token.start
        if not depth:
            kept.append(token)
    return kept


def _describes_subject(tokens: list[_Token], verb: _Verb) -> bool:
    """Whether a bare `écrit`, `written` after a noun is a participle describing it."""
    bare = tokens[verb.first].word == verb.word and verb.pronoun is None
    after_noun = verb.first > 0 and tokens[verb.first - 1].word not in PRONOUNS
    return bare and after_noun and verb.word in _WRITTEN


def _pour(text: str, tokens: list[_Token], names: NameIndex) -> Clue | None:
    """`Pour le ministre, « … »`: only opening the sentence, and only closed by a comma; a name
    in apposition is the speaker (`Pour le secrétaire général sortant, Mark Rutte, …`)."""
    if not tokens or tokens[0].word not in ("pour", "for"):
        return None
    if [t.word for t in tokens[2:3]] == ["part"]:
        return None  # `Pour sa part, le ministère…`, `For its part`: the speaker comes after
    clue = _clue(text, tokens[1:])
    if clue is None:
        return None
    after = text[clue.offset + len(clue.phrase) :].lstrip()
    if not after.startswith(","):
        return None
    return _apposition(text, tokens[1:], clue, names) if tokens[1].word in DETERMINERS else clue


def ends_with_colon(text: str) -> bool:
    """A paragraph that introduces the quote of the next one: `Fidan a déclaré :`."""
    return text.rstrip().endswith(":")
