"""Who gives a number the copy writes: the provenance of a key figure's value (issue 20).

A number's provenance is the source its sentence names for it, resolved through people.yaml as a
quote's speaker is (`speakers.Speakers`), in this order:

1. inside a quote, the quote's speaker;
2. `selon X`, `d'après X`, `according to X` after the number and before the next one;
3. a reporting verb before the number, or `selon` before it (`le ministère a indiqué que…`, `The
   ministry said 44,800…`), or a verb that reports a count (`reported`, `recorded`, `a recensé`);
4. an attribution after a comma (`…, a indiqué le ministère`, `…, the ministry said`);
5. `selon X` further on in the sentence, outside any aside the number is not in.

The words found are read as an analyst reads them: `un nouveau bilan du ministère`, `les
chiffres publiés par l'OTAN` name the ministry and NATO; a name cut short by the phrase's rules
is read whole (`le Haut-Commissariat de l'ONU pour les réfugiés (HCR)` is the HCR, not the UN);
of several actors named, a person before an institution, then the last named (`the UN
humanitarian office OCHA` is OCHA); `the agency`, `l'armée` is the actor named last in the
article whose names hold that word, or the only one in people.yaml that does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..model import Person, Quote, Speaker
from .attribution import (
    Clue,
    according_to,
    clue_after,
    clue_before,
    holds_reporting_verb,
    is_reporting_verb,
    noun_phrase,
    reports,
    sentence_end,
    sentence_start,
    sentence_subject,
)
from .matching import NameIndex, NameMatch, any_written, fold
from .quotes import Span, quote_spans
from .speakers import Mention, Speakers, role_noun

_WORDS = re.compile(r"[^\W_]+")
_ELISION = re.compile(r"['’]")
_DETERMINERS = frozenset("le la les l un une des du de d the a an".split())
# `selon un nouveau bilan du ministère`: the ministry gives the number, not the toll.
_COUNT_SOURCE = (
    r"(?:(?:le|la|les|l'|un|une|des|ce|cette|ces|the|a|an|its|their|son|sa|ses|leur|leurs)\s*)?"
    r"(?:(?:nouveaux?|nouvel(?:le)?s?|derni\w*|latest|new|last|updated|official|officiel\w*"
    r"|provisoires?|preliminary|recent|recents?|premier\w*|precedent|previous|earlier)\s+)*"
    r"(?:bilans?|chiffres?|decomptes?|donnees|estimations?|statistiques|tolls?|figures?|counts?"
    r"|data|tally|estimates?|numbers?|statistics|report|rapport|statement|communique)"
    r"(?:\s+(?:officiel\w*|provisoires?|official))?"
)
_OWNED_COUNT = re.compile(
    r"(?P<who>.+?)'s?\s+(?:(?:latest|new|last|updated|official|recent|own)\s+)*"
    r"(?:estimates?|figures?|data|counts?|toll|tally|statistics|report)$"
)
_PLACES = frozenset("pour for in dans a au en".split())
_BY_SOURCE = r"(?:de\s+la|de\s+l'|de|du|des|d'|of|from|by|par|provided\s+by)\s*"
_COUNT = re.compile(_COUNT_SOURCE)
_COUNTED_BY = re.compile(rf"{_COUNT_SOURCE}(?:\s+[^\W_]+){{0,2}}?\s+{_BY_SOURCE}")
_BY = re.compile(rf"\s*(?:[^\W_]+\s+){{0,2}}?{_BY_SOURCE}")
# Verbs that report a count, which the quotes' lexicon of reporting verbs does not hold.
_COUNTING = re.compile(
    r"(?<![^\W_])(?:reported|estimated|recorded|registered"
    r"|counted|tallied|shared|documented|verified|revealed|put\s+the\s+(?:toll|number|figure)"
    r"|revised|raised|updated|shows|showed|show|agreed|committed|pledged|approved|adopted"
    r"|validated|valide|approuve|adopte"
    r"|recense|a\s+recense|denombre|comptabilise|enregistre|publie|evalue|evoque|evoquait"
    # The same verbs in the imperfect and the plural: `l'organisme recensait …`.
    r"|recensait|recensaient|recensent|denombrait|denombraient|denombrent|comptabilisait"
    r"|comptabilisaient|comptabilisent|enregistrait|enregistraient|enregistrent"
    r"|evoquent|mentioned|fait\s+(?:[^\W_]+\s+)?etat"
    r"|rapporte|rapportent|se\s+sont\s+engages|se\s+sont\s+mis\s+d'accord|ont\s+convenu"
    r"|ont\s+decide|a\s+decide|montrent|montre"
    # Who sets a target: `NATO in 2014 set a target…`, `les membres … avaient convenu…`.
    r"|accepted\s+(?:\S+\s+){0,2}?(?:proposal|target|goal|plan)"
    r"|set\s+(?:a|the|its|their)\s+(?:target|goal)|(?:avaient|avait|a)\s+convenu"
    # `le ministère avait parlé de 493 morts`, `The UN reports the return of …`
    r"|parle\s+de|parlait\s+de|reports|records|counts"
    # What a source holds true of a count: `UNRWA believes that…`, `l'armée croit que…`.
    r"|believes|believe|believed|calculates|calculated|croit|croient|calcule|calculent"
    r")(?![^\W_])"
)
# The same after a comma, the subject after them: `…, rapporte le HCDH`.
_COUNTED_AFTER = re.compile(
    r"\s*(?:a\s+|ont\s+)?(?:rapporte|rapportent|recense|estime|estiment|precise|precisent"
    r"|reported|estimates|estimated)\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi"
    r"|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+)?"
)
# A name, then a verb reporting it, closing the sentence: `…, CNN reported on Sunday.`
_NAMED_REPORTED = re.compile(
    r"\s*(?P<who>(?:[Tt]he\s+|[Ll]e\s+|[Ll]a\s+|[Ll]')?[A-ZÀ-Ý][\w.'’-]*"
    r"(?:\s+(?:of\s+|de\s+|du\s+)?[A-ZÀ-Ý][\w.'’-]*){0,4})\s+(?:reported|reports|a\s+rapporté"
    r"|rapporte)(?:\s+(?:on\s+)?[A-Za-zé]+)?\s*[.!]?\s*$"
)
# A source's data showing the count, closing the sentence: `…, UNHCR data show.`
_DATA_SHOW = re.compile(
    r"\s*(?P<who>(?:[Tt]he\s+)?[A-ZÀ-Ý][\w.'’-]*(?:\s+(?:of\s+)?[A-ZÀ-Ý][\w.'’-]*){0,4})"
    r"(?:['’]s)?\s+(?:data|figures|statistics|numbers|estimates|tallies)\s+(?:show|shows|showed"
    r"|suggest|suggests|indicate|indicates)(?:\s+[A-Za-z]+)?\s*[.!]?\s*$"
)
# A count or a statement its giver publishes, the number its object: `le ministère fait état
# d'un bilan de 2 750 morts`, `a publié une annonce selon laquelle 7 300 personnes…`.
_GIVEN_COUNT = re.compile(
    r"(?<![^\W_])(?:bilans?|decomptes?|tolls?|tally|(?P<said>annonces?|communiques?"
    r"|declarations?|statements?|announcements?))(?:\s+[^\W_]+){0,2}?\s+"
    r"(?:(?P<of>de|d'|of)|selon\s+(?:laquelle|lequel|lesquelles|lesquels)|saying|stating"
    r"|indiquant|affirmant)(?![^\W_])"
)
# A count opening its clause, what may name its giver around it: `the UN's latest toll`, `le
# dernier bilan du ministère`, `le précédent bilan onusien`.
_SUBJECT_COUNT = re.compile(
    r"\s*(?:(?:le|la|les|l'|the)\s*)?(?P<before>(?:[^\W_]+(?:'s)?\s+){0,3}?)"
    r"(?P<noun>bilans?|decomptes?|tolls?|tally|counts?|estimates?|estimations?|chiffres?"
    r"|figures?|data|donnees|statistics|statistiques)(?![^\W_])(?:\s+(?P<adjective>[^\W_]+))?"
)
# A count or a statement the article named before: `selon ce bilan`, `the statement added`.
_REFERENCE = re.compile(
    r"(?:ce|cet|cette|ces|le|la|les|l'|this|that|these|the)\s*(?:meme\s+|same\s+|dernier\s+"
    r"|latest\s+)?(?:bilan|chiffres?|decompte|communique|declaration|rapport|statement|report"
    r"|toll|figures?|count|data|donnees|document|texte|text|source|announcement|annonce|tally)"
)
_HEAD_OF = re.compile(
    r"(?:(?:the|le|la|l'|les)\s*)?(?P<noun>ministere|ministry|agence|agency|bureau|office)"
    r"\s+(?:de\s+la|de\s+l'|de|du|des|d'|of)\s*"
)
# `…said that as of 5 a.m. (0100 GMT) on Monday,`: the time a number is given at.
_TIME_CLAUSE = re.compile(
    r".*?(?:that|que|qu')\s*(?P<time>(?:as\s+of|by|until|au|jusqu'au|a\s+la\s+date\s+du"
    r"|a\s+ce\s+jour|en\s+date\s+du)\b[^,;:]*)$"
)
_DEPUTY = re.compile(r"(?<![^\W_])(?:vice|deputy|sous|ex|former|ancien|ancienne)[-\s]*$")
_PRONOUN_VERB = re.compile(
    r"(?:il|elle|ils|elles|it|they)\s+(?:est|sont|etait|etaient|is|are|was|were)(?![^\W_])"
)
# A participle stating a count, and its agent: `déclarées mortes par l'armée`.
_STATED_BY = re.compile(
    r"\s*(?:[^\W\d_]+\s+){0,6}?(?:declare|confirme|recense|compte|identifie|enregistre"
    r"|reconnu|communique|fourni|publie|donne|avance)e?s?\s+(?:[^\W\d_]+\s+)?(?:par|by)\s+"
    r"|\s*(?:[^\W\d_]+\s+){0,6}?(?:declared|confirmed|reported|counted|recorded|registered"
    r"|verified|identified|given|provided|released|published|issued)\s+(?:[^\W\d_]+\s+)?by\s+"
    # A target and who set it: `the 2 percent goal was agreed at a NATO summit`.
    r"|\s*(?:[^\W\d_]+\s+){0,3}?(?:was|were|a\s+ete|ont\s+ete)\s+(?:agreed|set|adopted"
    r"|convenu|convenus|fixe|fixes|adopte|adoptes)\s+(?:at|by|par|lors\s+d[eu])\s+"
)
_DOCUMENT = re.compile(
    r"(?:a|an|un|une)\s+(?:[^\W\d_]+\s+){0,2}?(?:assessment|report|estimate|analysis|document"
    r"|evaluation|estimation|rapport|analyse|note|communique|statement|declaration)(?![^\W_])"
    r"(?!\s+(?:by|of|from|par|de|du|des)\s)"
)
_SAME_SOURCE = re.compile(r"(?<![^\W_])(?:la\s+meme\s+source|the\s+same\s+source)(?![^\W_])")
_ACCORDING_BEFORE = re.compile(r"(?<![^\W_])(?:selon|d'apres|according\s+to)\W*$")
_RELATIVES = frozenset("qui que lequel laquelle lesquels lesquelles which who whom".split())
_RELATIVE = re.compile(r"\s*(?:qui|who|which)(?![^\W_])")
_ACCORDING = re.compile(r"(?<![^\W_])(?:selon|d'apres|according\s+to)(?![^\W_])")
_ACCORDING_WORDS = frozenset({"selon", "apres", "according"})
_OPENERS = _ACCORDING_WORDS | {"pour", "for"}
_CITING = re.compile(r"(?<![^\W_])(?:citant|citing|quoting)\s+")
_CLAUSE_STOPS = ",;:"
# A description an analyst reads as the actor last named whose name holds its noun.
_DESCRIBED = re.compile(
    r"^(?:(?:the|le|la|l|les|a|an|un|une)\s(?:[^\W_]+\s){0,3}?)?(?P<noun>agency|agence|ministry"
    r"|ministere|armee|army|military|organisation|organization|organisme|body|office|bureau"
    r"|mission"
    r"|gouvernement|government|alliance|commission|department|departement|autorites"
    # one or two complements, the last with an adjective: `le ministère de la Santé du
    # territoire palestinien`
    r"|authorities)(?:(?:\s(?:of|de|du|des|d|la|l)\s(?:la\s|l\s|the\s)?[^\W_]+){1,2}"
    r"(?:\s[^\W_]+)?)?"
    r"(?:\s(?:statement|report|communique|rapport|declaration))?$"
)
_MEMBERS = frozenset(
    "pays membres allies members countries etats states chefs dirigeants leaders".split()
)
_OPENING = frozenset("the le la les l a an un une".split())
_AUXILIARIES = frozenset("a ont avait avaient has have had se s sont est".split())
_RELATIVE_SUBJECTS = frozenset("qui who which".split())
_ACCORDING_OPENING = re.compile(r"\s*(?:selon|d'apres|according\s+to)\s+")
_SUBORDINATORS = frozenset("that que qu qui who which dont".split())
_GOVERNMENTS = frozenset("gouvernement government autorites authorities".split())
_GENERIC = frozenset("agency agence organisation organization organisme body".split())
_FUNCTION_WORDS = frozenset("the le la l les a an un une of de du des d s in en".split())
_ACCORDING_NAME = re.compile(
    r"(?:selon|d'apres|according\s+to)\s+(?:l'|le\s+|la\s+|les\s+|the\s+)?$"
)
_OPENS_DESCRIPTION = re.compile(r"(?:le|la|les|l'|the)\s*[^\W\d_]")
_COMMA_ONLY = re.compile(r"\s*,\s*")
_ADVERBS = frozenset("egalement aussi deja encore desormais also already still now".split())
_PRONOUNS = frozenset("it il elle they ils elles".split())
_LINKS = frozenset("while whereas and but tandis et mais alors".split())
# A sentence that names the source of the one before it (the whole sentence is that reference).
_POINTS_BACK = re.compile(
    r"\s*(?:c'est\s+(?:du\s+moins\s+)?ce\s+qu(?:'|e\s+)(?:(?:a|ont|avait|avaient)\s+)?"
    r"(?P<verb>[^\W\d_]+)\s+"
    r"|(?:this|that|these\s+figures|the\s+figures|ces\s+chiffres|ce\s+bilan|this\s+toll)\s+"
    r"(?:was|were|has\s+been|have\s+been|a\s+ete|ont\s+ete|est|sont)\s+(?:announced|reported"
    r"|given|released|published|provided|confirmed|annonce|annonces|communique|communiques"
    r"|fourni|fournis|publie|publies|donne|donnes|confirme|confirmes)\s+(?:by|par)\s+)"
)
_GIVER_STOP = re.compile(
    r"\s(?:lors|dans|au\s+cours|pendant|devant|on|in|at|during|to|a\s+la|au)(?![^\W_])"
)


@dataclass(frozen=True, slots=True)
class Given:
    """A number's provenance, and where the words that name it start (-1: nowhere)."""

    speaker: Speaker
    at: int = -1


class Sources:
    """Who gives the numbers of one article, resolved as quotes' speakers are."""

    def __init__(
        self,
        names: NameIndex,
        people: Mapping[str, Person],
        mentions: Callable[[], Sequence[Mention]],
        quotes: Sequence[Quote] = (),
    ) -> None:
        self.names = names
        self.people = people
        self.speakers = Speakers(names, people, mentions)
        self.quotes = quotes
        self.last = Speaker("")
        """The last source named, which `la même source` names again."""
        self.given: list[Speaker] = []
        """The sources named so far, in reading order: `the ministry` is the last that fits."""
        self._spans: dict[str, list[Span]] = {}
        self.read: set[str] = set()
        self._texts_read: set[str] = set()
        """The words of the paragraphs read so far, which tell entries with one short form
        apart."""
        self._unread: list[str] = []
        """The paragraphs whose words are not in `read` yet: read when `read` is asked for
        (seldom: most sources are told apart before)."""
        """The quotes of each paragraph, found once for all its numbers."""

    def of(
        self,
        text: str,
        block: int,
        span: tuple[int, int],
        following: int,
        inside: Callable[[int], bool],
    ) -> Given:
        """Who gives the number at `span` of block `block`'s `text`; `following` is where the
        next number of its sentence starts (or the sentence's end), `inside(pos)` whether a
        position is in an aside the number is not in."""
        first, last = span
        if text not in self._texts_read:  # once per paragraph, not per number
            self._texts_read.add(text)
            self._unread.append(text)
        quoted = self._quoted(text, block, first)
        if quoted is not None:  # its speaker, or nobody: not the quote's own words (`I`)
            if quoted.id is None and _REFERENCE.fullmatch(fold(quoted.name).strip()):
                quoted = self.last  # `« … 725 millions de dollars », selon le texte`
            elif quoted.id is None and quoted.name:
                # `« … », a annoncé le ministère de la Santé du territoire palestinien`,
                # `« … », indique la structure`: read as a number's source is read
                at = text.find(quoted.name, first)
                clue = Clue(quoted.name, at if at >= 0 else first)
                quoted = self._described(text, clue, block) or self._referred(clue) or quoted
            return Given(quoted, first if quoted.name else -1)
        start = sentence_start(text, first)
        end = sentence_end(text, last)
        # The attribution's functions read words one by one: they run only where a word that
        # gives a source is written (most numbers of most paragraphs have none).
        if self._about_source(text, (start, end), first, following):
            return Given(Speaker(""))
        before = _words_before(text, start, first, end)
        said_before = holds_reporting_verb(before)
        clue = (
            self._citing(text, start, end)
            or (
                _according_written(fold(text), last, following)
                and self._first_according(text, last, following)
            )
            or self._agent(text, last, following)
            or _nearer(
                clue_before(text, _past_time(text, start, first), start, self.names)
                if said_before or _OPENERS.intersection(before) or start == 0
                else None,
                self._counting(text, start, first),
            )
            or (self._after_comma(text, last, end) if "," in text[last:end] else None)
            or next(
                (c for c in self._according(text, last, end) if not inside(c.offset)),
                None,
            )
            or self._count_given(text, start, first)
            # `The Pentagon announced a new package…, valued at $550 million`.
            or (
                sentence_subject(text, start, first, self.names, verbless=False)
                if said_before
                else None
            )
        )
        if clue is None or _COUNT.match(fold(clue.phrase)):
            # `Le précédent bilan onusien s'élevait à…`: the count's own words name its giver.
            owner = self._count_owner(text, start, first)
            if owner is not None or clue is None:
                return owner or self._pointed_back(text, end, block)
        if clue.offset < first and _dependent(text, start, clue, first):
            return Given(Speaker(""))
        if _PRONOUN_VERB.match(fold(clue.phrase)):
            return Given(Speaker(""))  # `Il est appelé à…`: a pronoun and its verb, no one
        if (
            _REFERENCE.fullmatch(fold(clue.phrase).strip())
            and not _BY.match(fold(text), clue.offset + len(clue.phrase))
            and self.last.name
        ):
            return Given(self.last, clue.offset)  # `selon ce bilan`, `the statement added`
        if _SAME_SOURCE.search(fold(clue.phrase)) and self.last.name:
            return Given(self.last, clue.offset)  # `d'après la même source`
        given = self._resolve(text, clue, block)
        if given.id is None and _key(clue.phrase) in _PRONOUNS and self.last.name:
            given = self.last  # `It adds that 14,245 …`: the source named last
        if given.id is None and _no_source(given.name):
            # `There is hope for some …, while the army says 38 …`: the subject right before
            # the reporting verb nearest the number, if it can name someone, else no one.
            clue = self._subject_of_nearest(text, start, _words_between(text, start, end), first)
            given = self._resolve(text, clue, block) if clue is not None else Speaker("")
            if given.id is None and _no_source(given.name):
                return Given(Speaker(""))
        if given.name:
            self.last = given
            self.given.append(given)
        return Given(given, clue.offset)

    # ------------------------------------------------------------ where the clue is

    def _subject_of_nearest(
        self, text: str, start: int, words: list[tuple[int, str]], first: int
    ) -> Clue | None:
        """The noun phrase between the clause's opening (a comma, `while`, `and`, `que`) and
        the reporting verb nearest before `first`."""
        verbs = [at for at, w in words if at < first and is_reporting_verb(w)]
        if not verbs:
            return None
        verb = verbs[-1]
        folded = fold(text)
        begin = max(start, max(folded.rfind(c, start, verb) for c in _CLAUSE_STOPS) + 1)
        for at, word in words:
            if begin <= at < verb and (word in _SUBORDINATORS or word in _LINKS):
                begin = at + len(word)
        return noun_phrase(text, begin, verb)

    def _about_source(
        self,
        text: str,
        sentence: tuple[int, int],
        first: int,
        following: int,
    ) -> bool:
        """Whether the number is in a relative clause about the source named before it, which
        says nothing of who gives it: `…, affirme le Hamas, qui détient toujours 49 otages`
        (but `the ministry, which said 200 people…` reports it)."""
        start, end = sentence
        comma = text.rfind(",", start, first)
        relative = _RELATIVE.match(fold(text), comma + 1) if comma >= 0 else None
        if relative is None:
            return False
        words = _words_between(text, start, end)  # read only here: most numbers have none
        if any(relative.end() <= at < first and is_reporting_verb(w) for at, w in words):
            return False
        said = [w for at, w in words if at < comma]
        return any(is_reporting_verb(w) for w in said) and not _according_written(
            fold(text), first, following
        )

    def _quoted(self, text: str, block: int, pos: int) -> Speaker | None:
        """The speaker of the quote holding `pos`, if the number is quoted speech."""
        spans = self._spans.get(text)
        if spans is None:
            spans = self._spans[text] = quote_spans(text)
        for span in spans:
            if span.start <= pos < span.end:
                key = _key(text[span.start : span.end])[:24]
                for quote in self.quotes:
                    if quote.first_block <= block <= quote.last_block and key in _key(quote.text):
                        return quote.speaker
        return None

    def _citing(self, text: str, start: int, end: int) -> Clue | None:
        """`…, citant des données de l'UNRWA`, `citing Gaza's Ministry of Health`: the body
        whose count is cited, when people.yaml knows it."""
        folded = fold(text)
        cited = (
            _CITING.search(folded, start, end)
            if any_written(folded, start, end, _CITING_WORDS)
            else None
        )
        clue = noun_phrase(text, cited.end(), end) if cited else None
        giver = _giver(text, clue) if clue is not None else None
        if giver is None or not self.names.find(_whole(text, giver, self.names).phrase):
            return None
        return clue

    def _agent(self, text: str, last: int, end: int) -> Clue | None:
        """`33 déclarées mortes par l'armée`, `12 confirmed dead by the army`: the agent of a
        participle that states the count, in the number's clause."""
        folded = fold(text)
        marks = [i for i in (folded.find(c, last, end) for c in _CLAUSE_STOPS) if i >= 0]
        stop = min(marks, default=end)
        if not any_written(folded, last, stop, ("par", "by", "at", "lors")):
            return None  # each of `_STATED_BY`'s forms writes one of them
        agent = _STATED_BY.match(folded, last, stop)
        return noun_phrase(text, agent.end(), stop) if agent is not None else None

    def _first_according(self, text: str, start: int, end: int) -> Clue | None:
        clue = according_to(text, start, end, self.names)
        if clue is not None and _DOCUMENT.match(fold(clue.phrase)):
            # `according to a confidential assessment`: a document whose maker the phrase
            # does not name gives way to the sentence's other clues
            return None
        return clue

    def _according(self, text: str, start: int, end: int) -> Iterator[Clue]:
        if not _according_written(fold(text), start, end):
            return
        while start < end:
            clue = according_to(text, start, end, self.names)
            if clue is None:
                return
            yield clue
            start = clue.offset + max(1, len(clue.phrase))

    def _after_comma(self, text: str, start: int, end: int) -> Clue | None:
        """`…, a indiqué le ministère`, `…, the ministry said`, `…, rapporte le HCDH`."""
        folded = fold(text)
        comma = text.find(",", start, end)
        while comma >= 0:
            near = _WORDS.findall(folded, comma, min(end, comma + 120))
            if reports(near) or _ACCORDING_WORDS.intersection(near):
                clue = clue_after(text, comma, False, self.names)
                if clue is not None:
                    return clue
            verb = _COUNTED_AFTER.match(folded, comma + 1, end)
            if verb is not None:
                return noun_phrase(text, verb.end(), end)
            medium = _NAMED_REPORTED.match(text, comma + 1, end) or _DATA_SHOW.match(
                text, comma + 1, end
            )
            if medium is not None:  # `…, CNN reported`, `…, The Times of Israel reported`
                return Clue(medium["who"], medium.start("who"))
            comma = text.find(",", comma + 1, end)
        return None

    def _counting(self, text: str, start: int, pos: int) -> Clue | None:
        """The subject of a verb that reports a count before `pos`: `The ministry reported
        that…`, `Le HCR a recensé…`."""
        folded = fold(text)
        if _COUNTING_WORDS.isdisjoint(_WORDS.findall(folded, start, pos)):
            return None  # each of `_COUNTING`'s matches writes one of them as a word
        verbs = list(_COUNTING.finditer(folded, start, pos))
        if not verbs:
            return None
        verb = verbs[-1]
        begin = max(start, max(folded.rfind(c, start, verb.start()) for c in _CLAUSE_STOPS) + 1)
        words = list(_WORDS.finditer(folded, begin, verb.start()))
        # `qui a également recensé`: the relative before the auxiliary and the adverb
        while len(words) > 1 and (
            words[-1].group() in _AUXILIARIES or words[-1].group() in _ADVERBS
        ):
            words.pop()
        if words and words[-1].group() in _RELATIVE_SUBJECTS:
            # `selon un communiqué du ministère qui fait état de…`: the relative's antecedent
            opening = _ACCORDING_OPENING.match(folded, begin, words[-1].start())
            antecedent = noun_phrase(text, opening.end() if opening else begin, words[-1].start())
            if antecedent is not None:
                return _without_auxiliary(antecedent)
        for word, following in zip(words, [*words[1:], None][: len(words)], strict=True):
            # `Turk said the HRMMU had verified`: the subject is after `said`, after `that`.
            opens = following is not None and (
                following.group() in _OPENING or text[following.start()].isupper()
            )
            if word.group() in _SUBORDINATORS or (is_reporting_verb(word.group()) and opens):
                begin = word.end()
        clue = noun_phrase(text, begin, verb.start())
        # A phrase that runs into a clause of its own, or quotes, is not the verb's subject.
        if clue is None or not _SUBORDINATORS.isdisjoint(_WORDS.findall(fold(clue.phrase))):
            return None
        if any(c in clue.phrase for c in '«»“”"'):
            return None
        return _without_auxiliary(clue)

    def _count_given(self, text: str, start: int, pos: int) -> Clue | None:
        """The subject of a clause whose object is the count or a statement of it: `le
        ministère fait état d'un bilan de 2 750 morts et de 9 700 blessés` (its numbers in the
        same clause), `a publié un communiqué selon lequel…` (the rest of the sentence)."""
        folded = fold(text)
        if not any_written(folded, start, pos, _GIVEN_COUNT_WORDS):
            return None
        found = list(_GIVEN_COUNT.finditer(folded, start, pos))
        if not found:
            return None
        count = found[-1]
        said = count["said"] is not None
        if said == (count["of"] is not None):
            return None  # `une annonce de` is not a count; `un bilan selon lequel` is no statement
        if not said and any(c in text[count.end() : pos] for c in _CLAUSE_STOPS):
            return None
        begin = max(start, max(folded.rfind(c, start, count.start()) for c in _CLAUSE_STOPS) + 1)
        for word in _WORDS.finditer(folded, begin, count.start()):
            if word.group() in _SUBORDINATORS:  # `C'est jeudi que le ministère…`
                begin = word.end()
        named = self.names.find(text[begin : count.start()])
        if not named:
            return None
        first = named[0]
        if len(_WORDS.findall(folded, begin, begin + first.start)) > 2:
            return None  # not the clause's subject
        return Clue(text[begin + first.start : begin + first.end], begin + first.start)

    def _pointed_back(self, text: str, end: int, block: int) -> Given:
        """The source of a sentence that names none, given by the next sentence of its
        paragraph pointing back to it: `… ont quitté le Karabakh. C'est ce qu'a indiqué X.`,
        `These figures were released by X.`"""
        back = _POINTS_BACK.match(fold(text), end)
        if back is None or (back["verb"] and not is_reporting_verb(back["verb"])):
            return Given(Speaker(""))
        stop = sentence_end(text, back.end())
        cut = _GIVER_STOP.search(fold(text), back.end(), stop)
        phrase = text[back.end() : cut.start() if cut else stop].rstrip(" .!?;:,")
        if not phrase:
            return Given(Speaker(""))
        given = self._resolve(text, Clue(phrase, back.end()), block)
        if given.id is None and _no_source(given.name):
            return Given(Speaker(""))
        if given.name:
            self.last = given
            self.given.append(given)
        return Given(given, back.end())

    def _count_owner(self, text: str, start: int, pos: int) -> Given | None:
        """A count as the subject of the number's clause names its giver: `Le dernier bilan du
        ministère s'élève à…`, `The UN's latest toll stood at…`, `the latest UN toll`, and by an
        adjective, `le précédent bilan onusien` (an institution's acronym it is made from) or
        `le bilan israélien` (a government of people.yaml)."""
        folded = fold(text)
        begin = max(start, max(folded.rfind(c, start, pos) for c in _CLAUSE_STOPS) + 1)
        count = _SUBJECT_COUNT.match(folded, begin, pos)
        if count is None:
            return None
        before = self.names.find(text[count.start("before") : count.end("before")])
        if before:
            return Given(self._person(before[-1].id), count.start("before") + before[-1].start)
        by = _BY.match(folded, count.end("noun"), pos)
        if by is not None:  # `du ministère`: the name right after `du`, `of`, `by`
            after = self.names.find(text[by.end() : pos])
            if after and not _WORDS.findall(folded, by.end(), by.end() + after[0].start):
                return Given(self._person(after[0].id), by.end() + after[0].start)
        adjective = count["adjective"]
        if not adjective:
            return None
        found = [
            pid
            for pid, person in self.people.items()
            if person.kind == "institution"
            and (_made_from(person, adjective) or _governs(person, adjective))
        ]
        return Given(self._person(found[0]), count.start("adjective")) if len(found) == 1 else None

    # ------------------------------------------------------------ whom it names

    def _resolve(self, text: str, clue: Clue, block: int) -> Speaker:
        counted = _giver(text, clue)
        if counted is None:
            return Speaker("")
        giver = _whole(text, counted, self.names)
        speaker = self.speakers.resolve(giver, block)
        named = self.names.find(giver.phrase)
        folded = fold(giver.phrase)
        run = {m.id for m in named if _RUN_BY.match(folded, m.end)}
        if run:
            # `the Hamas-run health ministry`, `Kremlin-backed officials`: who runs the body,
            # not the body that gives the number
            named = [m for m in named if m.id not in run]
            if speaker.id in run:
                speaker = Speaker(_as_written(_without_auxiliary(giver).phrase))
        if named and all(_DEPUTY.search(fold(giver.phrase[: m.start])) for m in named):
            # `le vice-Premier ministre arménien Tigran …`: not the Prime Minister
            return Speaker(_as_written(giver.phrase))
        if (
            named
            and all(self._kind(m.id) == "person" for m in named)
            and any(
                _RUN_AFTER.match(folded, m.end) or _RUN_BEFORE.search(folded, 0, m.start)
                for m in named
            )
        ):
            # `the Biden administration`, `le gouvernement Netanyahou`: who leads the body
            # names it, and is not the one who gives the number
            return Speaker(_as_written(_without_auxiliary(giver).phrase))
        if (
            named
            and len({m.id for m in named}) == 1
            and self._kind(named[0].id) == "institution"
            and not _MEETINGS.isdisjoint(_WORDS.findall(folded))
        ):
            return self._person(named[0].id)  # `agreed at a NATO summit`: its members, together
        if named and speaker.id == named[-1].id and _titles(giver.phrase, named[-1]):
            # `the UN Under-Secretary-General for Humanitarian Affairs`, `Rosemary DiCarlo, the
            # United Nations' under secretary-general`: a person people.yaml does not know, whom
            # the institution's name only qualifies; named before it and a comma, by that name
            apposed = _NAME_BEFORE.search(text, max(0, giver.offset - 60), giver.offset)
            if apposed and _ACCORDING_BEFORE.search(fold(text[: apposed.start()])):
                apposed = None  # `According to Al Jazeera, the UN …`: a source of its own
            return Speaker(apposed[1] if apposed else _as_written(giver.phrase))
        headed = self._headed(giver, named)
        if headed is not None:
            return headed
        branch = self._branch(giver, named, block)
        if branch is not None:
            return branch
        ids = list(dict.fromkeys(m.id for m in named))
        described = self._described_name(text, giver)
        if described is not None:
            return described
        if speaker.id in ids and len(ids) > 1:
            persons = [i for i in ids if self._kind(i) == "person"]
            speaker = self._person(persons[-1] if persons else ids[-1])
        elif speaker.id and not named and not self._fits(giver, speaker):
            speaker = Speaker(_as_written(giver.phrase))
        elif speaker.id is None and named:
            # `Hamas spokesperson and political bureau member Osama Hamdan`: the person the
            # phrase ends on, not one it is of (`le porte-parole d'António Guterres`).
            speaker = self._head(giver, named) or speaker
        if speaker.id is None and not named:
            speaker = (
                self._worded(giver)
                or self._transliterated(giver)
                or self._described(text, giver, block)
                or self._branch(giver, named, block)
                or self._referred(giver)
                or self._country(giver)
                or self._shortened(giver)
                or speaker
            )
        return speaker

    def _described_name(self, text: str, giver: Clue) -> Speaker | None:
        """`l'OCHA, le bureau des affaires humanitaires de l'ONU, avait annoncé`: a
        description after a name and a comma is an apposition to it, and names it."""
        if not _OPENS_DESCRIPTION.match(fold(giver.phrase)):
            return None
        low = max(0, giver.offset - 60)
        before = self.names.find(text[low : giver.offset])
        if not before or not _COMMA_ONLY.fullmatch(text, low + before[-1].end, giver.offset):
            return None
        opening = fold(text[max(0, low + before[-1].start - 30) : low + before[-1].start])
        if _ACCORDING_BEFORE.search(opening) or _ACCORDING_NAME.search(opening):
            return None  # `Selon l'ONU, le ministère a recensé …`: no apposition
        if _OBJECT_OF.search(opening):
            return None  # `… declared war on Hamas, the health ministry said`: an object
        return self._person(before[-1].id)

    def _headed(self, giver: Clue, named: list[NameMatch]) -> Speaker | None:
        """`le ministère de la Santé du gouvernement du Hamas pour Gaza`: a body whose head
        noun (`ministère`) comes before the names it is `of` is the entry of people.yaml whose
        names hold that noun and most of the phrase's words, not the one named inside it."""
        head = _HEAD_OF.match(fold(giver.phrase))
        if head is None or not named or named[0].start < head.end("noun"):
            return None
        noun = head["noun"]
        wanted = set(_WORDS.findall(fold(giver.phrase))) - _FUNCTION_WORDS - {noun}
        scores = {
            pid: len(wanted & words)
            for pid, p in self.people.items()
            if noun in (words := _words_of(p))
        }
        best = max(scores, key=scores.__getitem__, default=None)
        if best is None or scores[best] < 2 or list(scores.values()).count(scores[best]) > 1:
            return None
        return self._person(best)

    def _branch(self, giver: Clue, named: list[NameMatch], block: int) -> Speaker | None:
        """`the UN body`, `l'agence onusienne`, `the UN human rights office`: a phrase naming an
        institution (or an adjective made from its acronym) with words of its own names one of
        its branches, an institution of people.yaml whose names hold the first's (`Agence des
        Nations unies…`): the one those words fit, when one does (`rights office` the human
        rights office), or, when they only say what kind of body it is (`agency`, `body`,
        `organisme`), the branch named last before; else the institution as named."""
        folded = fold(giver.phrase)
        if named:
            if len({m.id for m in named}) != 1 or self._kind(named[0].id) != "institution":
                return None
            trunk = named[0].id
            rest = _WORDS.findall(folded[: named[0].start]) + _WORDS.findall(
                folded[named[-1].end :]
            )
        else:
            words = _WORDS.findall(folded)
            made = {
                (w, pid)
                for w in words
                for acronym, pid in self._acronyms
                if len(w) >= len(acronym) + 3 and w.startswith(acronym)
            }
            if len(made) != 1:
                return None
            adjective, trunk = made.pop()
            rest = [w for w in words if w != adjective]
        for word in rest:
            if _INSTITUTION_NOUNS.get(word, word)[:5] in _KINDS:
                break
            if role_noun(word) or word == "head":
                return None  # `le chef des droits de l'homme de l'ONU`: a person, its head
        wanted = {_INSTITUTION_NOUNS.get(w, w)[:5] for w in rest if w not in _FUNCTION_WORDS}
        trunk_names = [n for n in _name_stems(self.people[trunk]) if n]
        trunk_stems: frozenset[str] = frozenset().union(*trunk_names)
        wanted -= trunk_stems
        if not wanted:
            return None  # the institution itself: `the UN said`
        branches = {
            pid: [n - _KINDS for n in _name_stems(p)]
            for pid, p in self.people.items()
            if pid != trunk
            and p.kind == "institution"
            and any(t <= n for t in trunk_names for n in _name_stems(p))
        }
        if wanted <= _KINDS:
            at = (block, giver.offset)
            latest = [m.id for m in self.speakers.mentions if m.at < at and m.id in branches]
            latest = latest or [g.id for g in self.given if g.id in branches]
            return self._person(latest[-1]) if latest and latest[-1] else None
        wanted -= _KINDS
        found = {
            pid
            for pid, stems in branches.items()
            if any((own := n - trunk_stems) and (wanted <= own or own <= wanted) for n in stems)
        }
        return self._person(found.pop()) if len(found) == 1 else None

    def _referred(self, giver: Clue) -> Speaker | None:
        """`la structure`, `cette organisation`, `l'ONG syrienne`: a body named by its kind
        alone is the source of a number the article gave last whose words fit the phrase's
        adjectives (`syrienne` the Syrian observatory), unless that source is a person."""
        words = _WORDS.findall(fold(giver.phrase))
        if any(w[:1].isupper() for w in giver.phrase.split()[1:]):
            return None  # a name, not a kind
        kind = _KIND_REFERENCE.fullmatch(" ".join(words))
        if kind is None:
            return None
        adjectives = [w[:5] for w in (kind["before"] + " " + kind["after"]).split()]
        for given in reversed(self.given):
            person = self.people.get(given.id or "")
            if person is not None and person.kind == "person":
                continue
            if person is None and _person_name(given.name):
                continue
            stems = _name_stems(person) if person else [_word_stems(given.name)]
            held = set().union(*stems)
            if all(a in held for a in adjectives):
                return given
        return None

    @cached_property
    def _acronyms(self) -> list[tuple[str, str]]:
        """Each institution's acronyms of three letters or more, folded, with its id: what an
        adjective may be made from (`onusien` of `ONU`, as `_made_from` reads it)."""
        return [
            (fold(alias), pid)
            for pid, person in self.people.items()
            if person.kind == "institution"
            for alias in person.aliases
            if len(alias) >= 3 and alias.isupper()
        ]

    def _country(self, giver: Clue) -> Speaker | None:
        """`Armenia said`, `l'Arménie a annoncé`: a country speaking is its government, when
        people.yaml has one institution named as the government or authorities of that
        nation (`Armenian government`, `gouvernement arménien`)."""
        words = _WORDS.findall(fold(giver.phrase))
        while words[:1] and words[0] in _OPENING:
            words.pop(0)
        if len(words) != 1 or not _capitalised(giver.phrase):
            return None
        country = words[0]
        found = [
            pid
            for pid, person in self.people.items()
            if person.kind == "institution" and _governs(person, country)
        ]
        return self._person(found[0]) if len(found) == 1 else None

    def _head(self, giver: Clue, named: list[NameMatch]) -> Speaker | None:
        last = named[-1]
        before = _WORDS.findall(fold(giver.phrase[: last.start]))
        after = giver.phrase[last.end :].strip(" ,)")
        if after:
            return None
        if self._kind(last.id) == "institution":
            # `les pays de l'OTAN`, `NATO members`: its members speak as the institution.
            members = _MEMBERS.intersection(before)
            return self._person(last.id) if members and len(named) == 1 else None
        return None if before[-1:] in (["de"], ["d"], ["of"], ["du"]) else self._person(last.id)

    def _fits(self, giver: Clue, speaker: Speaker) -> bool:
        """Whether the names in a phrase that named no alias (`le ministère de la Santé`) fit
        the actor a title or pronoun was resolved to (the Turkish foreign ministry does not)."""
        person = self.people.get(speaker.id or "")
        if person is None:
            return False
        known = {w[:3] for w in _WORDS.findall(fold(f"{person.name} {person.role}"))}
        names = [w for w in giver.phrase.split()[1:] if w[:1].isupper()]
        return all(fold(w)[:3] in known for w in names)

    def _described(self, text: str, giver: Clue, block: int) -> Speaker | None:
        """`the agency`, `l'armée`, `the Ministry of Health`, `a ministry statement`: the actor
        named last before whose names hold the noun, else the one of people.yaml whose names
        hold it (the one whose other names the paragraph writes, when several do)."""
        words = _WORDS.findall(fold(giver.phrase))
        described = _DESCRIBED.match(" ".join(words))
        if described is None:
            return None
        noun = described["noun"]
        if any(role_noun(w) for w in words[: words.index(noun)]):
            return None  # `la directrice générale du bureau…`: a person, not the body
        if noun in ("bureau", "office") and any(
            role_noun(w) for w in words[words.index(noun) + 1 :]
        ):
            return None  # `le bureau du Premier ministre`: a person's office, told by its words
        wanted = {w for w in words if w not in _FUNCTION_WORDS and w != noun}
        holding = {pid: _words_of(p) for pid, p in self.people.items() if noun in _words_of(p)}
        at = (block, giver.offset)
        for mention in reversed(self.speakers.mentions):
            if mention.at >= at or mention.id is None:
                continue
            # `l'organisation`, `the agency`: whichever institution was named last.
            generic = noun in _GENERIC and self._kind(mention.id) == "institution"
            if generic or mention.id in holding:
                return self._person(mention.id)
        for given in reversed(self.given):  # a source of a number before, named whole
            if given.id in holding or (
                noun in _GENERIC and self._kind(given.id or "") == "institution"
            ):
                return given
        if len(holding) > 1:
            # compared by their first five letters: `azerbaïdjanaises` is written for
            # `azerbaïdjanais`
            written = {_stem8(w) for w in _WORDS.findall(fold(text))}

            def score(pid: str) -> tuple[int, int]:
                held = {_stem8(w) for w in holding[pid] - _FUNCTION_WORDS}
                return len(wanted & holding[pid]), len(held & written)

            best = max(holding, key=score)
            if sum(score(pid) == score(best) for pid in holding) == 1 and score(best) > (0, 0):
                return self._person(best)
            return None
        return self._person(next(iter(holding))) if holding else None

    def _worded(self, giver: Clue) -> Speaker | None:
        """`Gaza's health ministry`, `le ministère palestinien de la Santé`: a phrase holding
        every word of one of an institution's names of two words or more, in any order and
        with more words of its own, is that institution, when one institution's names fit
        so and no other's."""
        words = _word_stems(giver.phrase)
        fitting = {
            pid: [
                name
                for alias in (person.name, *person.aliases)
                if len(name := _word_stems(alias)) >= 2 and name <= words
            ]
            for pid, person in self.people.items()
            if person.kind == "institution"
        }
        found = {pid for pid, names in fitting.items() if names}
        if len(found) > 1:
            # `le ministère de la Santé du gouvernement de Gaza`: the body named by the phrase's
            # head (`ministère`), not the one in its complement, when one name holds the head
            head = _head_stem(giver.phrase)
            found = {pid for pid in found if any(head in name for name in fitting[pid])}
        return self._person(found.pop()) if len(found) == 1 else None

    def _transliterated(self, giver: Clue) -> Speaker | None:
        """`Ashraf Al-Qudra` for `Ashraf al-Qedra`: a person's name of two words or more
        written with other vowels, a consonant doubled or `z` for `s` (a name transliterated
        otherwise: `Nazeli Baghdassarian`), when one person's fits."""
        written = tuple(_skeleton(w) for w in giver.phrase.split() if w[:1].isupper())
        if len(written) < 2:
            return None
        found = {
            pid
            for pid, person in self.people.items()
            if person.kind != "institution"
            and any(
                len(name) >= 2
                and any(
                    written[i : i + len(name)] == name for i in range(len(written) - len(name) + 1)
                )
                for alias in (person.name, *person.aliases)
                if (name := _skeletons(alias))
            )
        }
        return self._person(found.pop()) if len(found) == 1 else None

    def _shortened(self, giver: Clue) -> Speaker | None:
        """`le ministère de la Santé`, `le Haut commissariat`, `l'Alliance`: a name written
        short keeps its head words and drops its complement. A phrase with a capitalised word
        whose words open one of a single institution's names (its role counting) is that
        institution; when several entries' names open so, the one the article names elsewhere, if
        only one is; else nobody."""
        words = _WORDS.findall(fold(giver.phrase))
        while words[:1] and words[0] in _OPENING:
            words.pop(0)
        written = [_ELISION.split(w)[-1] for w in giver.phrase.split()]
        if not words or not any(w[:1].isupper() for w in written if fold(w) not in _OPENING):
            return None
        # Institutions only: a person's short form is a surname, an alias already, and a
        # title alone (`le Président`) is for the roles' rules, not any alias it opens.
        found = [
            pid
            for pid, person in self.people.items()
            if person.kind == "institution" and _opens(person, words)
        ]
        if len(found) > 1:
            named = {m.id for m in self.speakers.mentions} | {g.id for g in self.given}
            found = [pid for pid in found if pid in named] or self._most_read(found, words)
        return self._person(found[0]) if len(found) == 1 else None

    def _most_read(self, found: list[str], words: list[str]) -> list[str]:
        """Of several entries, the one more of whose other names' words the article has
        written so far (`Gaza`, `Hamas` for the Gaza ministry), if one has most."""
        cut = set(words) | _FUNCTION_WORDS

        def score(pid: str) -> int:
            person = self.people[pid]
            named = _words_of(person) | set(_WORDS.findall(fold(person.role)))
            return len((named - cut) & self._words_read())

        best = max(score(pid) for pid in found)
        top = [pid for pid in found if score(pid) == best]
        return top if best > 0 and len(top) == 1 else []

    def _words_read(self) -> set[str]:
        """`read`, with the words of the paragraphs not read yet."""
        for text in self._unread:
            self.read.update(_WORDS.findall(fold(text)))
        self._unread.clear()
        return self.read

    def _kind(self, pid: str) -> str:
        person = self.people.get(pid)
        return person.kind if person else ""

    def _person(self, pid: str) -> Speaker:
        person = self.people.get(pid)
        return Speaker(person.name if person else pid, pid)


# Words a phrase naming who gives a number never opens on: a preposition, an adverb, `there`.
_NO_SOURCE_OPENING = frozenset(
    """despite after before since while during following amid with without for from in on at
    there here malgre apres avant depuis pendant durant lors dans en sur pour avec sans plus
    moins tres deja""".split()
)


def _no_source(name: str) -> bool:
    """Whether a phrase the rules took for a source can name no one: a number alone (`28`), a
    lone function word (`a`), or words opening on a preposition or an adverb (`Despite the
    ceasefire`, `There is proof of life`); `les 32 membres` names the members."""
    words = _WORDS.findall(fold(name))
    if all(w.isdigit() or w in _FUNCTION_WORDS or len(w) < 2 for w in words):
        return True
    if _VERB_FORMS.intersection(words) or words[-1] in _OPEN_ENDINGS:
        # `pourrait être`, `Poland has so far`, `les Etats-Unis vont`: a clause, not a name;
        # `un communiqué de`, `trucks that have`: words cut before what they would name
        return True
    return words[0] in _NO_SOURCE_OPENING


_VERB_FORMS = frozenset(
    """pourrait pourraient devrait devraient peut peuvent vont va sera seront serait seraient
    etait etaient est sont could would might may can will shall has have had is are was were
    been etre""".split()
)
_OPEN_ENDINGS = frozenset("de du des d of that qui que to by par".split())


# An institution's usual nouns in English, as their French: `the Israeli army` is `l'armée
# israélienne` (the adjectives share their first letters: `israe`).
_INSTITUTION_NOUNS = {
    "army": "armee",
    "military": "armee",
    "ministry": "ministere",
    "health": "sante",
    "office": "bureau",
    "agency": "agence",
    "authorities": "autorites",
    "government": "gouvernement",
    "refugees": "refugies",
    "rights": "droits",
    "human": "homme",
}


@lru_cache(maxsize=1024)  # people.yaml's names, read for every source that names no alias
def _word_stems(phrase: str) -> frozenset[str]:
    """The first five letters of a phrase's words but its function words, an institution's
    English nouns read as their French (`Israeli army`: `israe`, `armee`)."""
    return frozenset(
        _INSTITUTION_NOUNS.get(w, w)[:5]
        for w in _WORDS.findall(fold(phrase))
        if w not in _FUNCTION_WORDS
    )


# Nouns that only say what kind of body a phrase names (`the UN body`, `l'agence onusienne`).
_KINDS = frozenset(
    _INSTITUTION_NOUNS.get(w, w)[:5]
    for w in """agency agence body organisation organization organisme office bureau structure
    entity entite instance""".split()
)


# A body named by its kind, after an article or a demonstrative, with adjectives before or after
# it: `la structure`, `cette organisation`, `l'ONG syrienne`, `the group`.
_KIND_REFERENCE = re.compile(
    r"(?:la|le|l|les|cette|ce|cet|ces|this|that|the)\s(?P<before>(?:[^\W\d_]+\s){0,1}?)"
    r"(?:structure|organisation|organization|organisme|ong|ngo|institution|entite|entity|group"
    r"|groupe|observatoire|monitor)(?P<after>(?:\s[^\W\d_]+){0,2})"
)


# A meeting of an institution's members: what it agrees there, the institution agrees.
_MEETINGS = frozenset("summit summits sommet sommets meeting reunion conseil council".split())

# Titles that speak for the institution they name (`UN spokesman`): its voice, not a person apart.
_VOICES = frozenset("porte-parole spokesman spokesperson spokeswoman".split())


# A person's name of two to four capitalised words, then a comma: what an apposition follows.
_NAME_BEFORE = re.compile(r"(?<![\w’'-])([A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+){1,3}),\s*$")


def _titles(phrase: str, name: NameMatch) -> bool:
    """Whether the institution named at `name` qualifies a person's title that follows it within
    three words (`the UN Under-Secretary-General`, `the United Nations' under secretary`)."""
    before = _WORDS.findall(fold(phrase[: name.start]))
    if any(_INSTITUTION_NOUNS.get(w, w)[:5] in _KINDS for w in before):
        return False  # `the Office of the UN High Commissioner for…`: a body's name
    words = _WORDS.findall(fold(phrase[name.end :]))[:4]
    if words[:1] == ["s"]:
        words = words[1:]
    for word in words[:3]:
        noun = role_noun(word)
        if noun is not None:
            return noun not in _VOICES
    return False


def _person_name(phrase: str) -> bool:
    """Whether a provenance in its own words is a person's name: two to four words, each
    capitalised (`Rami Abdel Rahmane`)."""
    words = phrase.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _stem8(word: str) -> str:
    """A long word by its first eight letters, a short one whole."""
    return word[:8]


def _name_stems(person: Person) -> list[frozenset[str]]:
    """The word stems (`_word_stems`) of each of an institution's names, its role counting."""
    return [_word_stems(n) for n in (person.name, *person.aliases, person.role) if n]


def _head_stem(phrase: str) -> str:
    """The stem of a phrase's first word that is no determiner nor function word."""
    words = [w for w in _WORDS.findall(fold(phrase)) if w not in _FUNCTION_WORDS]
    return _INSTITUTION_NOUNS.get(words[0], words[0])[:5] if words else ""


# A compound modifier after a name: who runs or backs the body the phrase names.
_RUN_BY = re.compile(
    r"-(?:run|backed|led|controlled|appointed|installed|affiliated|linked|aligned|supported)"
    r"(?![^\W_])"
)
# A body named by who leads it: `the Biden administration`, `l'administration Biden`.
_RUN_AFTER = re.compile(r"(?:['’]s)?\s+(?:administration|government|cabinet|team|camp)(?![^\W_])")
_RUN_BEFORE = re.compile(
    r"(?<![^\W_])(?:l'administration|le\s+gouvernement|l'equipe|le\s+camp|le\s+cabinet)\s+$"
)
# A preposition right before a name: the name ends a clause as its object, and the description
# after the comma is no apposition to it.
_OBJECT_OF = re.compile(
    r"(?<![^\W_])(?:on|against|with|by|for|to|from|at|of|contre|sur|avec|par|pour|vers|chez"
    r"|entre)\s*$"
)


@lru_cache(maxsize=1024)  # people.yaml's names, skeletoned once, not for every source tried
def _skeletons(name: str) -> tuple[str, ...]:
    return tuple(_skeleton(w) for w in name.split())


def _skeleton(word: str) -> str:
    """A name's consonants, folded, a doubled one once and `z` as `s`: `Al-Qudra` and
    `al-Qedra` are both `lqdr`; `Baghdassarian`, `Baghdazaryan`, `Baghdasaryan` `bghdsrn`."""
    consonants = re.sub(r"[^b-df-hj-np-tv-xz]", "", fold(word)).replace("z", "s")
    return re.sub(r"(.)\1+", r"\1", consonants)


def _past_time(text: str, start: int, first: int) -> int:
    """Where to look back for the verb reporting the number at `first`: before a time clause
    between `said that` and the number (`said that as of 5 a.m. on Monday, more than 2,900…`,
    `a indiqué qu'au 3 mai, …`), which is no clause of its own."""
    folded = fold(text)
    comma = folded.rfind(",", start, first)
    if comma < 0:
        return first
    opening = max(max(folded.rfind(c, start, comma) for c in ",;:") + 1, start)
    # each `_TIME_CLAUSE` writes `that` or `qu`, then one of its times' words
    if not any_written(folded, opening, comma, ("that", "qu")) or not any_written(
        folded, opening, comma, ("as", "by", "until", "au", "date", "jour")
    ):
        return first
    timed = _TIME_CLAUSE.match(folded, opening, comma)
    return timed.start("time") if timed is not None else first


def _without_auxiliary(clue: Clue) -> Clue:
    """`les Vingt-Sept ont (approuvé)`: the phrase without the auxiliary it ends on."""
    kept = clue.phrase
    words = list(_WORDS.finditer(fold(kept)))
    while len(words) > 1 and words[-1].group() in _AUXILIARIES:
        kept = kept[: words[-1].start()].rstrip()
        words.pop()
    return Clue(kept, clue.offset)


# What each match of a pattern writes, one of them at least: where none of them is written, the
# pattern is not searched for (a plain search of each is far quicker than the pattern's own,
# which tries every place where a word starts).
_ACCORDING_WORDS_WRITTEN = ("selon", "apres", "according")
# A word of each match of `_COUNTING` (the first of each form but `a recense`, `se sont
# engages`, `se sont mis d'accord`, `ont convenu`, `ont decide`, `a decide`: their last).
_COUNTING_WORDS = frozenset(
    """reported estimated recorded registered counted tallied shared documented verified
    revealed put revised raised updated shows showed show agreed committed pledged approved
    adopted validated valide approuve adopte recense denombre comptabilise enregistre publie
    evalue evoque evoquait recensait recensaient recensent denombrait denombraient denombrent
    comptabilisait comptabilisaient comptabilisent enregistrait enregistraient enregistrent
    evoquent mentioned fait rapporte rapportent engages accord convenu decide montrent montre
    parle parlait reports records counts believes believe believed calculates calculated croit
    croient calcule calculent accepted set""".split()
)
_CITING_WORDS = ("citant", "citing", "quoting")
_GIVEN_COUNT_WORDS = (
    "bilan",
    "decompte",
    "toll",
    "tally",
    "annonce",
    "communique",
    "declaration",
    "statement",
    "announcement",
)


def _according_written(folded: str, start: int, end: int) -> bool:
    """`_ACCORDING.search(folded, start, end)`, searched only where one of its words is."""
    return any_written(folded, start, end, _ACCORDING_WORDS_WRITTEN) and bool(
        _ACCORDING.search(folded, start, end)
    )


def _words_between(text: str, start: int, end: int) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _WORDS.finditer(fold(text), start, end)]


def _words_before(text: str, start: int, first: int, end: int) -> list[str]:
    """The words of `_words_between(text, start, end)` that start before `first`, read
    without the rest of the sentence."""
    folded = fold(text)
    words = _WORDS.findall(folded, start, first)
    if words and first < end and _WORDS.match(folded, first - 1, first + 1) is not None:
        # the last word goes on after `first` (`first` is no word's start): read it whole
        last = _WORDS.search(folded, first - len(words[-1]), end)
        if last is not None and last.end() > first:
            words[-1] = last.group()
    return words


def _nearer(said: Clue | None, counted: Clue | None) -> Clue | None:
    """Of a reporting verb's subject and a counting verb's, the one nearer the number: in `Turk
    said the HRMMU had verified…`, the HRMMU made the count."""
    if counted is not None and (said is None or counted.offset > said.offset):
        return counted
    return said


def _dependent(text: str, start: int, clue: Clue, pos: int) -> bool:
    """Whether `selon X` opening the sentence leaves out the number at `pos`: it is in a clause
    hanging on a noun after a comma, opened by a past participle or a relative pronoun (`Selon
    le ministère, 35 800 personnes ont été tuées depuis le début de la guerre, déclenchée par
    l'attaque qui a fait 1 200 morts côté israélien`)."""
    folded = fold(text)
    if not _ACCORDING_BEFORE.search(folded, start, clue.offset):
        return False
    comma = text.rfind(",", clue.offset + len(clue.phrase), pos)
    if comma < 0 or text.find(",", clue.offset + len(clue.phrase), comma) < 0:
        return False  # the comma closing `Selon X,` opens the clause it governs
    first = _WORDS.search(folded, comma, pos)
    if first is None:
        return False
    word = text[first.start() : first.end()]
    return first.group() in _RELATIVES or (
        len(word) > 4 and word.endswith(("é", "ée", "és", "ées", "ed"))
    )


def _capitalised(phrase: str) -> bool:
    """Whether the phrase's last word (after an elision) is written with a capital."""
    last = phrase.split()[-1] if phrase.split() else ""
    last = _ELISION.split(last)[-1]
    return last[:1].isupper()


def _made_from(person: Person, adjective: str) -> bool:
    """Whether an adjective is made from an institution's acronym: `onusien` of `ONU`."""
    return any(
        len(alias) >= 3
        and alias.isupper()
        and adjective.startswith(fold(alias))
        and len(adjective) >= len(alias) + 3
        for alias in person.aliases
    )


def _governs(person: Person, country: str) -> bool:
    """Whether one of an institution's names is a nation's government or authorities, the
    nation's adjective sharing its start with `country` (`armenian`, `Armenia`)."""
    for alias in person.aliases:
        words = _name_words(alias)
        if _GOVERNMENTS.isdisjoint(words):
            continue
        for word in words:
            shared = next(
                (i for i, (a, b) in enumerate(zip(word, country, strict=False)) if a != b),
                min(len(word), len(country)),
            )
            if word not in _GOVERNMENTS and shared >= max(4, len(country) - 2):
                return True
    return False


def _opens(person: Person, words: list[str]) -> bool:
    """Whether `words` are the first words of one of an actor's names, but not all of them."""
    names = [person.name, *person.aliases]
    if person.kind == "institution":
        names.append(person.role)
    for name in names:
        known = _name_words(name, opened=False)
        if len(known) > len(words) and list(known[: len(words)]) == words:
            # `Israel` of `Israel Defense Forces` qualifies the name's noun, written after it
            # with a capital: a country, no short form (but `l'Alliance` of `Alliance
            # atlantique`, `le ministère de la Santé` of `… de Gaza`).
            rest = _WORDS.findall(name)[-(len(known) - len(words)) :]
            if len(words) == 1 and rest[:1] and rest[0][:1].isupper():
                continue
            return True
    return False


def _words_of(person: Person) -> frozenset[str]:
    return _names_words(person.name, person.aliases)


# People.yaml's names, read for every source a rule looks up in it: each read once.
@lru_cache(maxsize=1024)
def _names_words(name: str, aliases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_WORDS.findall(fold(" ".join([name, *aliases]))))


@lru_cache(maxsize=4096)
def _name_words(name: str, opened: bool = True) -> tuple[str, ...]:
    """The folded words of one of people.yaml's names; without `opened`, from its first word
    that is no determiner (`the`, `le`…)."""
    words = _WORDS.findall(fold(name))
    while not opened and words[:1] and words[0] in _OPENING:
        words.pop(0)
    return tuple(words)


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(fold(text)))


def _as_written(phrase: str) -> str:
    """A provenance in its own words, a leading determiner in lower case: `les autorités…`."""
    text = " ".join(phrase.split())
    first = _WORDS.match(fold(text))
    return text[0].lower() + text[1:] if first and first.group() in _DETERMINERS else text


def _giver(text: str, clue: Clue) -> Clue | None:
    """Who gives the count a clue names: `un nouveau bilan du ministère` is `ministère`, and
    `les chiffres publiés par l'OTAN` (a phrase cut at its participle) is `l'OTAN`; nobody for
    a count that names no one (`le précédent bilan`)."""
    folded = fold(clue.phrase)
    owned = _OWNED_COUNT.match(folded)
    if owned is not None:  # `the agency's latest estimates`
        return Clue(clue.phrase[: owned.end("who")], clue.offset)
    counted = _COUNTED_BY.match(folded)
    if counted is not None and counted.end() < len(clue.phrase):
        return Clue(clue.phrase[counted.end() :], clue.offset + counted.end())
    count = _COUNT.match(folded)
    if count is None:
        return clue
    rest = folded[count.end() :].split()
    after = clue.offset + len(clue.phrase)
    by = _BY.match(fold(text), after)
    # `un décompte basé sur des données officielles` is its words; but `un nouveau bilan
    # fourni` (cut at its participle) `dimanche par le bureau du Premier ministre` is the office
    if rest and rest[0] not in _PLACES and not (by and len(rest) == 1):
        return clue
    found = noun_phrase(text, by.end(), sentence_end(text, after)) if by else None
    # `le précédent bilan (pour la bande de Gaza)` names no one; `un décompte` is its words.
    definite = _WORDS.findall(folded)[:1] in (["le"], ["la"], ["les"], ["l"], ["the"])
    return found or (None if definite else clue)


def _whole(text: str, clue: Clue, names: NameIndex) -> Clue:
    """The clue run on to the end of a name it cuts (`le Haut-Commissariat de l'ONU` of `… pour
    les réfugiés`) and to an acronym in brackets right after it (`… (HCR)`)."""
    end = clue.offset + len(clue.phrase)
    stop = min(
        [i for i in (text.find(c, end) for c in _CLAUSE_STOPS + ".") if i >= 0] + [len(text)]
    )
    bracket = text.find("(", end, stop)
    if bracket >= 0 and text[end:bracket].strip() == "":
        closing = text.find(")", bracket)
        stop = max(stop, closing + 1) if closing >= 0 else stop
    window = text[clue.offset : stop]
    reach = len(clue.phrase)
    found: list[NameMatch] = names.find(window)
    for match in found:
        elided = window[reach : reach + 1] in ("'", "’")  # `… de l'` + `OTAN`
        overlaps = match.start <= reach + 1 if elided else match.start < reach
        if overlaps or (0 <= bracket - clue.offset <= match.start):
            reach = max(reach, match.end)
    if reach == len(clue.phrase):
        return clue
    if 0 <= bracket - clue.offset < reach and window.find(")", reach) >= 0:
        reach = window.find(")", reach) + 1
    return Clue(window[:reach], clue.offset)
