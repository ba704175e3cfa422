"""Whom an attribution names: an actor of people.yaml, someone the text names, or its own words.

`text.attribution` finds the words of an attribution (a `Clue`); `Speakers.resolve` decides whom
they stand for, remembering who spoke so far in the article:

1. a pronoun (`il`, `lui`, `he`) is the latest speaker or sentence subject that fits, including
   people the text introduces by a role without people.yaml knowing them (`Le chef de HTS, Abou
   Mohammed al-Joulani, …`);
2. a description built on an alias is not always that actor: someone unnamed of an institution
   (`a senior NATO diplomat`, `un responsable du ministère`) keeps its words, a document of an
   actor (`un communiqué du ministère`, `a statement from the State Department`) is the actor, a
   role of an institution (`le secrétaire général de l'OTAN`, `the NATO chief`) is the person of
   people.yaml who holds it, and a role of a person (`le porte-parole d'António Guterres`) is not
   that person;
3. otherwise aliases name the actor, a person before an institution (`State Department
   spokesperson Matthew Miller`), unless a name missing from people.yaml follows the institution
   (`Kremlin spokesman Dmitry Peskov`);
4. a bare title (`le ministre`, `le dirigeant ukrainien`) is the latest actor whose role fits;
   `the official` after `a senior official` is that one; a sign or banner is nobody; other words
   are kept as written (`le communiqué conjoint`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from heapq import merge

from ..model import Person, Speaker
from .attribution import (
    DEFINITE,
    DETERMINERS,
    DOCUMENT_NOUNS,
    NAME_PARTICLES,
    PRONOUNS,
    Clue,
    sentence_start,
)
from .matching import NameIndex, NameMatch, compile_substrings, fold

Position = tuple[int, int]
"""(block number, offset in its text): where something is in the article."""

# ---------------------------------------------------------------- the lexicon

# Nouns that, after `le`/`the`, name someone already introduced: `le ministre`, `the ministry`.
_ROLE_NOUNS = frozenset(
    fold(w)
    for w in """ministre ministère secrétaire président présidente porte-parole chef diplomate
    ambassadeur ambassadrice département gouvernement premier dirigeant dirigeante envoyé émissaire
    responsable chancelier chancelière commissaire directeur directrice représentant représentante
    conseiller conseillère
    minister ministry secretary president spokesperson spokesman spokeswoman department government
    ambassador chief envoy leader chancellor commissioner director representative adviser
    advisor""".split()
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
    "commissioner": "commissaire",
    "director": "directeur",
    "representative": "representant",
}
_ROLE_TRANSLATIONS |= {fr: en for en, fr in reversed(_ROLE_TRANSLATIONS.items())}
_INSTITUTION_NOUNS = frozenset(
    "ministere ministry departement department gouvernement government".split()
)
# Words for whoever heads something (`le dirigeant ukrainien`, `the NATO chief`): they fit a role
# that opens with a head's title rather than one that contains the same word.
_LEADER_NOUNS = frozenset("dirigeant dirigeante leader chef chief patron patronne head".split())
_LEADER_TITLES = frozenset(
    fold(w)
    for w in """président présidente premier chancelier chancelière roi reine émir prince chef
    directeur directrice commissaire""".split()
)
# What the press writes for a role: `le chef de la diplomatie russe` is the Russian minister.
_RANKS = frozenset("haut haute high grand grande".split())
# Words of a title written with capitals: `Secretary General`, `Deputy Spokesperson`.
_TITLE_WORDS = (
    _ROLE_NOUNS | _LEADER_NOUNS | frozenset("general generale deputy adjoint adjointe".split())
)
_PERIPHRASES = {
    ("chef", "de", "la", "diplomatie"): "ministre",
    ("chef", "de", "l", "etat"): "president",
    ("chef", "d", "etat"): "president",
    ("chef", "du", "gouvernement"): "premier",
    ("top", "diplomat"): "minister",
    ("head", "of", "state"): "president",
}
_DIPLOMAT_NOUNS = frozenset({"diplomate", "diplomat"})
# Words of the roles a `diplomate` holds: foreign minister, ambassador, envoy.
_DIPLOMATS = frozenset(
    "etrangeres foreign ambassadeur ambassadrice ambassador envoye envoy".split()
)
# Things that carry words in a scene, not speakers: `une banderole proclamait : « … »`.
_INSCRIPTIONS = frozenset(
    fold(w)
    for w in """banderole banderoles pancarte pancartes affiche affiches panneau écriteau
    inscription graffiti graffito tag banner banners sign signs placard placards poster posters
    """.split()
)
_INDEFINITE = frozenset({"un", "une", "a", "an", "des"})
# Pronouns a reporter writes for a person who speaks (`a-t-il commenté`), not for a document.
_PERSONAL = frozenset({"il", "elle", "he", "she"})
# A possessive before a document stands for the pronoun of its owner.
_POSSESSIVES = {
    "his": "he",
    "her": "she",
    "its": "it",
    "their": "they",
    "son": "lui",
    "sa": "lui",
    "leur": "eux",
}
# Institutions' acronyms in the other language: `the NATO chief` is `secrétaire général de l'OTAN`.
_ACRONYMS = {"nato": "otan", "un": "onu", "eu": "ue"}
_ACRONYMS |= {fr: en for en, fr in list(_ACRONYMS.items())}
_OF = frozenset({"de", "d", "du", "des", "of"})
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


def _role_noun(word: str) -> str | None:
    """The role noun `word` is or opens with: a `commissioner-general` is a commissioner."""
    for form in (word, word.split("-")[0]):
        if form in _ROLE_NOUNS:
            return form
        if form.endswith("s") and form[:-1] in _ROLE_NOUNS:  # `les chefs de la diplomatie…`
            return form[:-1]
    return None


def role_noun(word: str) -> str | None:
    """The role noun a folded word is or opens with (`ministre`, `commissioner-general`)."""
    return _role_noun(word)


def _each(words: set[str]) -> list[list[str]]:
    return [[word] for word in words]


def _is_document(speaker: Speaker) -> bool:
    """A free-text speaker that is a text, not a person: `le communiqué`, `his letter`."""
    return speaker.id is None and any(
        w in DOCUMENT_NOUNS for w in _WORDS.findall(fold(speaker.name))[:3]
    )


def _same_word(a: str, b: str) -> bool:
    """Equal but for a feminine or plural ending: `président`/`présidente`, `ministres`."""
    return a == b or a in (b + "e", b + "s", b + "es") or b in (a + "e", a + "s", a + "es")


def _is_leader(person: Person) -> bool:
    """Whether the person heads something: `Président de l'Ukraine`, `Secrétaire général de …`."""
    words = _WORDS.findall(fold(person.role))
    if not words:
        return False
    # `Haut-Commissaire`, `High Commissioner`: a rank before the title leaves it a head's.
    title = words[0].split("-")[-1] if words[0].split("-")[0] in _RANKS else words[0]
    if words[0] in _RANKS and len(words) > 1:
        title = words[1]
    return title in _LEADER_TITLES or tuple(words[:2]) in (
        ("secretaire", "general"),
        ("secretaire", "generale"),
    )


def _owner(phrase: str, alias: NameMatch) -> bool:
    """Whether the phrase opens with an alias in the possessive and names a role of it, not a
    person: `NATO's secretary general`, `NATO's Secretary General`, not `NATO's chief
    spokesperson Oana Lungescu` (the name decides)."""
    if alias.start or phrase[alias.end : alias.end + 2] not in ("'s", "’s"):
        return False
    rest = phrase[alias.end + 2 :].split()
    return all(
        not w[:1].isupper() or _TITLE_WORDS.intersection(_WORDS.findall(fold(w))) for w in rest
    )


def _heads_named(role: list[str], institution: list[str]) -> bool:
    """Whether a role's words are an institution's name with its head's title in place of the
    institution's noun: `Haut-Commissaire des Nations unies pour les réfugiés` heads the
    `Haut-Commissariat …`, as a `ministre` a `ministère` and a `secrétaire` a `secrétariat`."""
    size = len(institution)
    for i in range(len(role) - size + 1):
        differ = [(a, b) for a, b in zip(role[i : i + size], institution, strict=True) if a != b]
        if len(differ) == 1 and _shared_start(*differ[0]) >= 6:
            return True
    return False


def _shared_start(a: str, b: str) -> int:
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def _same_role(head: str, word: str) -> bool:
    """The same role noun; a person's is never an institution's, though English `minister` and
    a feminine ending make French `ministère`."""
    same_kind = (head in _INSTITUTION_NOUNS) == (word in _INSTITUTION_NOUNS)
    return same_kind and _same_word(head, word)


def _fits(person: Person, heads: set[str], adjective: str) -> bool:
    """Whether `le ministre [turc]` can be this person: role noun and adjective both fit."""
    known = _WORDS.findall(fold(f"{person.role} {person.name}"))
    leader = bool(heads & _LEADER_NOUNS) and _is_leader(person)
    # `le diplomate russe` is whoever conducts the nation's diplomacy: its foreign minister.
    diplomat = bool(heads & _DIPLOMAT_NOUNS) and not _DIPLOMATS.isdisjoint(known)
    if (
        not leader
        and not diplomat
        and not any(_same_role(head, word) for head in heads for word in known)
    ):
        return False
    # `turc` and `Türkiye`, `russe` and `Russie`: a shared start is enough to tell nations apart;
    # an institution's acronym must be there whole (`NATO` is not `Nations unies`).
    if not adjective:
        return True
    if adjective in _ACRONYMS:
        return adjective in known or _ACRONYMS.get(adjective) in known
    return any(word[:3] == adjective[:3] for word in known)


def _free_text(phrase: str) -> str:
    """The attribution's own words, a leading determiner in lower case: `le communiqué`."""
    text = " ".join(phrase.split())
    words = _WORDS.findall(fold(text))
    acronym = text[: len(words[0])].isupper() and len(words[0]) > 1 if words else False
    return text[0].lower() + text[1:] if words and words[0] in DETERMINERS and not acronym else text


_PROPER_NAME = re.compile(r"[^\W\d_][\w’'-]*\s+((?:[A-Z][\w’'-]+\s+)*[A-Z][\w’'-]+)\s*$")
_CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december""".split()
)


def _unknown_spokesperson(phrase: str, alias_end: int, kind: str | None) -> str:
    """`Kremlin spokesman Dmitry Peskov`, `UNRWA Commissioner-General Philippe Lazzarini`: a person
    missing from people.yaml who holds a role in a known institution is that person, not the
    institution. Returns their name, or ""."""
    if kind != "institution":
        return ""
    tail = phrase[alias_end:]
    words = _WORDS.findall(fold(tail))
    match = _PROPER_NAME.match(tail.strip())
    if not match or not words or not _role_noun(words[0]) or words[-1] in _CALENDAR:
        return ""
    return match.group(1)


# ---------------------------------------------------------------- mentions


@dataclass(frozen=True, slots=True)
class Mention:
    """A person or institution named outside quotes."""

    at: Position
    sentence: Position
    """Where its sentence starts: the first name of a sentence stands for its subject."""
    id: str | None
    """None for a person the text introduces whom people.yaml does not know."""
    name: str = ""
    """Such a person's name, as written."""
    preposition: str = ""
    """The preposition it is named after (`le tableau de bord du HCR`, `au sommet de l'OTAN`):
    then it is not the subject of its sentence, however early it comes."""

    @property
    def complement(self) -> bool:
        return bool(self.preposition) and self.preposition != _SOURCE

    @property
    def source(self) -> bool:
        """Named as the source of its sentence: `according to X`, `selon X`."""
        return self.preposition == _SOURCE


_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A letter opening a word, or a part of one after a hyphen, that is not a lower-case letter of
# French or English: a capital (`Fidan`, the `J` of `al-Joulani`) or a rarer letter. The regex
# engine skips straight to these few, instead of Python testing every word with `is_name_word`.
_CAPITAL = re.compile(r"[^\W\d_a-zß-öø-ÿ](?<![^\W\d_].)")
_LETTER = re.compile(r"[^\W\d_]")  # what `_TOKEN`s are made of, with hyphens inside
# What may join two words of one name: white space, lower-case particles between (`Abou Mohammed
# al-Joulani` is joined by a space; `Ursula von der Leyen` by particles).
_NAME_JOIN = re.compile(rf"\s+(?:(?:{'|'.join(sorted(NAME_PARTICLES))})\s+)*")
# Before a name, these make it a place or a thing: `s'est rendu à New York`.
_NOT_BEFORE_NAME = frozenset(
    fold(w)
    for w in """à a au aux en de d du des pour vers depuis par sur dans chez avec et ou in at to
    from of for with by on into and or""".split()
)
# A name introduced by a role must follow it closely, with no verb between.
_NAME_DISTANCE = 7
_VERB_LIKE = frozenset("a ont est sont s etait avait has have had is was were".split())
_INTRODUCERS = ("homologue", "counterpart")
# A role noun that `_role_noun` finds in a word is spelled out in the folded text: a block with
# none of them introduces nobody, and most blocks are passed over after one regex search.
_ROLE_HINT = compile_substrings(_ROLE_NOUNS | set(_INTRODUCERS))
_GAP_STOPS = frozenset('.;:!?«»“”"()')


def _name_words(text: str) -> list[tuple[int, int]]:
    """The `_TOKEN`s of `text` that `is_name_word`, as (start, end) offsets, in text order."""
    words: list[tuple[int, int]] = []
    end = 0
    for capital in _CAPITAL.finditer(text):
        at = capital.start()
        if at < end or not text[at].isupper():
            continue  # in the word just found, or a letter with no case (`ı`, `北`)
        start = at  # back to the start of the word: `al-` before `Joulani`
        while start > 1 and text[start - 1] == "-" and _LETTER.match(text, start - 2):
            start -= 1
            while start and _LETTER.match(text, start - 1):
                start -= 1
        word = _TOKEN.match(text, start)
        assert word is not None  # it starts at a letter
        end = word.end()
        words.append((start, end))
    return words


def _name_runs(text: str) -> list[tuple[int, int]]:
    """Runs of two or more capitalised words joined by spaces, particles inside (`Abou Mohammed
    al-Joulani`), as (start, end) offsets in `text`."""
    words = _name_words(text)
    runs = []
    first = 0
    for i in range(1, len(words) + 1):
        if i == len(words) or not _NAME_JOIN.fullmatch(text, words[i - 1][1], words[i][0]):
            if i - first > 1:
                runs.append((words[first][0], words[i - 1][1]))
            first = i
    return runs


def introduced_people(text: str, known: Sequence[NameMatch]) -> list[tuple[int, int]]:
    """Spans of people `text` introduces by their role without people.yaml knowing them.

    `Le chef de HTS, Abou Mohammed al-Joulani, s'est rendu…`, `le Premier ministre Mohammed
    al-Jalali`: two or more capitalised words after a role noun, in apposition or right after it.
    They matter for pronouns: `« … », a-t-il déclaré` is al-Joulani.
    """
    folded = fold(text)  # cached: the block's aliases were just found in it
    if not _ROLE_HINT.search(folded):
        return []
    tokens: list[re.Match[str]] = []
    ends = [m.end for m in known]  # increasing: aliases are found left to right, never overlapping
    spans = []
    for start, stop in _name_runs(text):
        after = bisect_right(ends, start)  # the first alias that ends after the run starts
        if after < len(known) and known[after].start < stop:
            continue  # the run holds an alias of people.yaml
        if not tokens:  # only for the few runs that may count
            tokens = list(_TOKEN.finditer(text))
        first = bisect_left(tokens, start, key=re.Match.start)
        if first == 0 or _folded(folded, tokens[first - 1]) in _NOT_BEFORE_NAME:
            continue
        for back in range(first - 1, max(-1, first - 1 - _NAME_DISTANCE), -1):
            gap = text[tokens[back].end() : tokens[back + 1].start()]
            if not _GAP_STOPS.isdisjoint(gap):
                break
            word = _folded(folded, tokens[back])
            if word in _VERB_LIKE and text[tokens[back].start()] != "à":
                break
            if _role_noun(word) or word in _INTRODUCERS:
                spans.append((start, stop))
                break
    return spans


def _introduced_name(phrase: str, known: Sequence[NameMatch], words: list[str]) -> str:
    """The name that ends an attribution after a role, people.yaml not knowing it: `le Premier
    ministre Mohammed al-Jalali` is Mohammed al-Jalali (issue 16: shown as the name the text
    gives). "" when there is none."""
    if not any(_role_noun(w) for w in words):
        return ""
    spans = introduced_people(phrase, known)
    if spans and not phrase[spans[-1][1] :].strip(" ,."):
        return phrase[spans[-1][0] : spans[-1][1]]
    return ""


def _folded(folded: str, token: re.Match[str]) -> str:
    """A token's folded form: `fold` works character by character, so it is a slice."""
    return folded[token.start() : token.end()]


def _heads(text: str, known: Sequence[NameMatch]) -> list[NameMatch]:
    """The aliases that are not modifiers of the next one: in `United Nations World Food
    Program`, `the UN refugee agency`, the first name only says whose the second is."""
    return [
        m
        for m, following in zip(known, [*known[1:], None], strict=False)
        if following is None or text[m.end : following.start].strip()
    ]


def find_mentions(
    number: int,
    text: str,
    names: NameIndex,
    quoted: Callable[[int], bool],
    known: Sequence[NameMatch] | None = None,
) -> list[Mention]:
    """The actors block `number` names outside its quotes, known or introduced, in text order.

    `known` is `names.find(text)` when the caller has it already.
    """
    if known is None:
        known = names.find(text)
    found = [(m.start, m.id, "", _compound(text, m)) for m in _heads(text, known)]
    found += [(s, None, text[s:e], False) for s, e in introduced_people(text, known)]
    folded = fold(text)
    return [
        Mention(
            (number, start),
            (number, sentence_start(text, start)),
            pid,
            name,
            _COMPOUND if compound else _after_preposition(folded, start),
        )
        for start, pid, name, compound in sorted(found, key=lambda f: f[0])
        if not quoted(start)
    ]


_COMPOUND = "-"
"""A mention's `preposition` when its name is part of a hyphenated modifier: `the Israel-Hamas
war`, `Hamas-run`; it names the war or the body, not a subject a pronoun may stand for."""


def _compound(text: str, match: NameMatch) -> bool:
    """Whether the name at `match` is joined by a hyphen to a word before or after it."""
    before = text[max(0, match.start - 2) : match.start]
    after = text[match.end : match.end + 2]
    return (len(before) == 2 and before[1] == "-" and before[0].isalpha()) or (
        len(after) == 2 and after[0] == "-" and after[1].isalpha()
    )


# Prepositions that make a name a complement: not the subject of its sentence. Not `pour`, `to`
# (`Pour X, …`, `according to X` attribute), nor `à`, which folds to English `a`.
_COMPLEMENT_PREPOSITIONS = frozenset(
    "de d du des au aux en sur dans chez avec vers depuis par of in at on into with from by".split()
)
# The agent of a passive acts: `le tableau de bord publié par M. Grandi … « … », a-t-il écrit`.
_AGENTS = frozenset({"par", "by"})
_SOURCE = "selon"
"""A mention's `preposition` when it is named as a source: `according to X`, `selon X`."""
_ACCORDING_BACK = re.compile(r"(?<![^\W_])(?:selon|d'apres|according\s+to)\W{1,3}$")
_WORDS_BACK = re.compile(r"([^\W_]+)\W{1,3}(?:(?:l|le|la|les|the)\W{1,2})?$")


def _after_preposition(folded: str, start: int) -> str:
    """The preposition before `start`, past an article (`du HCR`, `de l'OTAN`, `par le Hamas`,
    `in the Pentagon`), `_SOURCE` after `selon`, `d'après`, `according to`, or ""."""
    match = _WORDS_BACK.search(folded, max(0, start - 30), start)
    if match is None:
        return ""
    if _ACCORDING_BACK.search(folded, max(0, match.start(1) - 12), match.end(1) + 1):
        return _SOURCE
    return match.group(1) if match.group(1) in _COMPLEMENT_PREPOSITIONS else ""


# ---------------------------------------------------------------- resolution


class Speakers:
    """Turns attribution clues into speakers, remembering who spoke so far in the article."""

    def __init__(
        self,
        names: NameIndex,
        people: Mapping[str, Person],
        mentions: Callable[[], Sequence[Mention]],
        sections: Sequence[int] = (),
        headline: str | None = None,
    ) -> None:
        self.names = names
        self.people = people
        self._find_mentions = mentions
        self.sections = sections
        """Numbers of the blocks that open a section (after a heading), in order."""
        self.headline = headline
        """The one person the article's title (and headings before its text) names."""
        self.spoken: list[tuple[Position, Speaker]] = []
        """In reading order: every quote comes after those already remembered."""

    @cached_property
    def mentions(self) -> Sequence[Mention]:
        """The actors named outside quotes, in reading order.

        Found when a pronoun or a title is first followed back: most quotes name their speaker,
        and finding the people an article introduces is a good part of its analysis.
        """
        return self._find_mentions()

    def remember(self, speaker: Speaker, at: Position) -> None:
        if speaker.name:
            self.spoken.append((at, speaker))

    def resolve(self, clue: Clue | None, block: int) -> Speaker:
        if clue is None:
            return Speaker("")
        at = (block, clue.offset)
        matches = self.names.find(clue.phrase)
        words = _WORDS.findall(fold(clue.phrase))
        if len(words) == 1 and words[0] in PRONOUNS:
            return self._antecedent(words[0], at)
        if matches and (
            (words[0] in DETERMINERS and matches[0].start > 0)
            or (len(matches) == 1 and _owner(clue.phrase, matches[0]))
        ):
            # (Not when the alias is that word: `UN chief Antonio Guterres`.)
            described = self._described(clue.phrase, matches[0], at)
            if described is not None:
                return described
        found = list(dict.fromkeys(m.id for m in matches))
        if found and not (len(found) > 1 and ("et" in words or "and" in words)):
            unknown = _unknown_spokesperson(clue.phrase, matches[-1].end, self._kind(found[-1]))
            if unknown:
                return Speaker(unknown)
            return self._person(self._pick(matches))
        if len(words) > 1 and words[0] in DETERMINERS and words[1] in _INSCRIPTIONS:
            return Speaker("")
        if len(words) == 2 and words[0] in _POSSESSIVES and words[1] in DOCUMENT_NOUNS:
            # `His letter said…`, `son communiqué précise…`: the document speaks for its owner.
            return self._antecedent(_POSSESSIVES[words[0]], at)
        if len(words) == 2 and words[0] in DEFINITE and words[1] in DOCUMENT_NOUNS:
            issuer = self._issuer(at)
            if issuer is not None:
                return issuer
        named = _introduced_name(clue.phrase, matches, words)
        if named:
            return Speaker(named)
        titled = len(words) > 1 and words[0] in DEFINITE
        role = self._role(words[1:], at) if titled else None
        echo = self._echo(words[1:], at) if titled else None
        return role or echo or Speaker(_free_text(clue.phrase))

    def _described(self, phrase: str, alias: NameMatch, at: Position) -> Speaker | None:
        """A phrase opening with a determiner whose alias is not its head, or None.

        `le porte-parole d'António Guterres` is not Guterres (but `le président Erdogan` is
        Erdogan); `a senior NATO diplomat` is not NATO; `the NATO chief` is the person of
        people.yaml at its head; `un communiqué du ministère` is the ministry (None: the alias
        decides).
        """
        # `NATO's secretary general` is `the secretary general of NATO`.
        determiner = _WORDS.findall(fold(phrase))[0] if alias.start else "the"
        before = _WORDS.findall(fold(phrase[: alias.start]))[1:]
        after = _WORDS.findall(fold(phrase[alias.end :]))
        if any(w in DOCUMENT_NOUNS for w in before) or not (before or after):
            return None
        if determiner in _INDEFINITE:
            return Speaker(_free_text(phrase))  # someone unnamed of the institution
        linked = before[:-1] if before[-1:] and before[-1] in DEFINITE else before
        if linked and linked[-1] in _OF:  # `le porte-parole du Kremlin`, `… de l'OTAN`
            words = before
        elif after[:1] == ["s"] or (after and _role_noun(after[0])):  # `the NATO chief`
            words = after
        else:
            return None  # a title before a name: `le président Erdogan`
        word, role = next(((w, r) for w in words if (r := _role_noun(w))), ("", None))
        if role is None or role in _INSTITUTION_NOUNS:
            return None
        if word != role and word.endswith("s") and not role.endswith("s"):
            return None  # `les chefs d'État de l'OTAN`: several, not one person
        if self._kind(alias.id) != "institution":
            return self._holder(phrase) or Speaker(_free_text(phrase))
        return self._member(alias.id, role, at) or Speaker(_free_text(phrase))

    def _holder(self, phrase: str) -> Speaker | None:
        """The one person whose people.yaml role is the phrase after its determiner: `la
        conseillère de Bachar el-Assad` is whoever holds `Conseillère de Bachar el-Assad`."""
        wanted = " ".join(_WORDS.findall(fold(phrase))[1:])
        holders = [
            pid
            for pid, person in self.people.items()
            if wanted and " ".join(_WORDS.findall(fold(person.role))) == wanted
        ]
        return self._person(holders[0]) if len(holders) == 1 else None

    def _member(self, institution: str, role: str, at: Position) -> Speaker | None:
        """The person of `institution` whose role fits: the latest named, else the only one."""
        # Its names, and its description, which is often its full name (`Haut-Commissariat des
        # Nations unies pour les réfugiés` of the `HCR`).
        named = self.people[institution]
        keys = [" ".join(_WORDS.findall(fold(a))) for a in (*named.aliases, named.role)]
        heads = {role, _ROLE_TRANSLATIONS.get(role, role)}

        def belongs(person: Person) -> bool:
            role_text = f" {' '.join(_WORDS.findall(fold(person.role)))} "
            in_it = any(f" {key} " in role_text for key in keys if key) or any(
                _heads_named(role_text.split(), key.split()) for key in keys if key
            )
            return person.kind == "person" and in_it and _fits(person, heads, "")

        fitting = {pid for pid, person in self.people.items() if belongs(person)}
        for _, pid in self._latest_actors(at):
            if pid in fitting:
                return self._person(pid)
        if len(fitting) > 1:
            # `NATO's chief says…` opening an article that names him in the next paragraph.
            return self._fitting_next(at, fitting)
        return self._person(next(iter(fitting))) if fitting else None

    def _fitting_next(self, at: Position, fitting: set[str]) -> Speaker | None:
        """The first of `fitting` named after `at`, in its paragraph or the next."""
        start = bisect_right(self.mentions, at, key=lambda m: m.at)
        for mention in self.mentions[start:]:
            if mention.at[0] > at[0] + 1:
                break
            if mention.id in fitting:
                return self._person(mention.id)
        return None

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

    def _mention_kind(self, mention: Mention) -> str | None:
        return self._kind(mention.id) if mention.id else "person"

    def _named_before(self, at: Position) -> Iterator[Mention]:
        """Mentions before `at`, latest first."""
        end = bisect_left(self.mentions, at, key=lambda m: m.at)
        return (self.mentions[i] for i in range(end - 1, -1, -1))

    def _named_next(self, at: Position, kinds: set[str | None]) -> Speaker:
        """A pronoun before anyone is named (`"…," he said.` opening the article) stands for the
        first person named after it, in its paragraph or the next."""
        start = bisect_right(self.mentions, at, key=lambda m: m.at)
        for mention in self.mentions[start:]:
            if mention.at[0] > at[0] + 1:
                break
            if self._mention_kind(mention) in kinds and mention.preposition != _COMPOUND:
                return self._person(mention.id) if mention.id else Speaker(mention.name)
        return Speaker("")

    def _latest_actors(self, at: Position) -> Iterator[tuple[Position, str]]:
        """People.yaml actors who spoke or were named before `at`, latest first."""
        spoken = ((pos, s.id) for pos, s in reversed(self.spoken) if s.id and pos < at)
        named = ((m.at, m.id) for m in self._named_before(at) if m.id)
        return merge(spoken, named, reverse=True)

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
        # A name after a preposition (`au sommet de l'OTAN`, `avec Blinken`) is not a subject,
        # unless it is the agent of a passive (`publié par M. Grandi`).
        named = next(
            (
                m
                for m in self._named_before(at)
                if self._mention_kind(m) in kinds and m.preposition in ("", _SOURCE, *_AGENTS)
            ),
            None,
        )
        if spoken and named and pronoun in _PERSONAL and _is_document(spoken[1]):
            # `D'après le communiqué, M. X « … ». « … », a-t-il commenté`: a person named after
            # the document, in its paragraph or after, is who `il` speaks for (with nobody named
            # there, `il` is the text).
            person = next(
                (m for m in self._named_before(at) if self._mention_kind(m) == "person"), None
            )
            if person is not None and person.at[0] >= spoken[0][0]:
                spoken = None
                named = person
        if named is None and spoken is None:
            after = self._named_next(at, kinds)
            if not after.name and pronoun in _PERSONAL and self.headline:
                # Nobody named yet, nor soon after: the person of the title (`Zelensky …` then
                # `"…," he said.` opening the text).
                return self._person(self.headline)
            return after
        # A speaker remembered where its attribution names it (`…, a déclaré le porte-parole de
        # Guterres, Stéphane Dujarric`) is that mention, better resolved than a sentence subject.
        if named is None or (spoken and spoken[0] >= named.at):
            return spoken[1] if spoken else Speaker("")
        # The first name of that sentence stands for its subject: `Fidan a reçu Blinken. Il…`;
        # but a source named by `according to` spoke there (`…, according to the ministry. It
        # also said…`).
        subject = named
        for mention in () if named.source else self._named_before(named.at):
            if mention.sentence != named.sentence:
                break
            if self._mention_kind(mention) in kinds and not mention.complement:
                subject = mention
        return self._person(subject.id) if subject.id else Speaker(subject.name)

    def _issuer(self, at: Position) -> Speaker | None:
        """Whose `the statement`, `le communiqué` is: the institution that last spoke or was the
        subject of a sentence, in this paragraph or the two before and under the same heading
        (`Gaza's health ministry gave a new toll… "…," the statement added`). None when the
        latest is a person or a text: whose statement it is, the text does not say (`…, indique
        un communiqué`)."""
        spoken = next(((pos, s) for pos, s in reversed(self.spoken) if pos < at), None)
        named = next((m for m in self._named_before(at) if not m.complement), None)
        if spoken is not None and (named is None or spoken[0] >= named.at):
            if not self._same_section(spoken[0][0], at[0]):
                return None
            return spoken[1] if self._kind(spoken[1].id) == "institution" else None
        if named is None or named.at[0] < at[0] - 2 or not self._same_section(named.at[0], at[0]):
            return None
        subject = named
        for mention in self._named_before(named.at):
            if mention.sentence != named.sentence:
                break
            if not mention.complement:
                subject = mention
        return self._person(subject.id) if self._kind(subject.id) == "institution" else None

    def _same_section(self, earlier: int, later: int) -> bool:
        """No heading between blocks `earlier` and `later`: a subhead starts another account."""
        return bisect_right(self.sections, later) == bisect_right(self.sections, earlier)

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
        for _, pid in self._latest_actors(at):
            person = self.people.get(pid)
            if person is not None and person.kind == kind and _fits(person, heads, adjective):
                return Speaker(person.name, pid)
        if not adjective:
            return None
        # Not named yet, but `le chef de l'État turc` is only one of the people.yaml actors.
        fitting = [p for p in self.people.values() if p.kind == kind and _fits(p, heads, adjective)]
        if len(fitting) > 1:  # `le président syrien` holds the title, not `conseillère du…`
            fitting = [p for p in fitting if _WORDS.findall(fold(p.role))[:1] in _each(heads)]
        return Speaker(fitting[0].name, fitting[0].id) if len(fitting) == 1 else None
