"""Whether a number next to a figure's phrase counts what the figure's label defines (issue 20).

Wire copy gives, beside the running totals an analyst tracks, numbers that share their words but
count something else; each is kept out of a figure unless its label speaks of the same thing:

- a part: a number whose noun is a group within the whole (`1 709 femmes`, `280 health
  personnel`, `the bodies of 153 people`) for a figure that does not count that group;
- a period or an event: a count `since` another day than the one the label counts from (`since
  June 17` for a toll `depuis le 7 octobre 2023`), since a truce or a resumption (`since the
  fighting resumed`), `over the past 24 hours`, `before the war`, unless the label speaks of a
  day (`en une journée`); `in the incident`, `in the strike`, what a hospital `received`,
  hostages `released`, unless the label speaks of the same event;
- a need, a target or a projection: `requires`, `need for`, `aimed at`, `devrait`, `prêt à`,
  `prévoit`, `projected`, a French conditional (`livrerait`, not `auraient été tués`), unless
  the label speaks of a target (`objectif`);
- a count of a region: `in the oblasts of`, `dans les provinces de`, `on y dénombre` (in the
  sentence, outside the asides the number is not in);
- a group named after the number: the displaced `sheltering` in UN buildings or living in its
  schools (`vivaient dans 57 écoles`), refugees in the neighbouring countries, hostages still
  alive; a part of a sum (`within this new package, $1.22 billion`, `the remaining $1.24
  billion`);
- an increment: `another 650`, `a further 300`;
- a count `since` a day, for a figure that counts one day (`7,000 trucks since April 5`);
- the whole a sentence opens on, to give a part of it: `Sur 251 personnes enlevées, 94 sont
  toujours retenues`.

Two numbers given side by side are parts of a whole (`breakdowns`): groups given apart (`198
soldiers and 25 civilians were killed`), and a sum split in two (`3,5 % … et 1,5 %
supplémentaire`, or two amounts whose sum the paragraph gives).

A total (`overall`, `au total`, `bringing the toll to`) is in scope whatever else its sentence
says (`Since the truce collapsed, 240 were killed, bringing the overall toll to 15,890`).

The period, the event and the need are read in the number's clause, in the clause before it
when the number's adds to it (`…, along with five wounded`), and in the clause opening the
sentence (`Since June 17, at least 580 …`); the part in the words right around the number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .matching import any_written, fold
from .numbers import Amount, dates

_WORDS = re.compile(r"[^\W_]+")
# The comma first: the search then looks for it as a literal, not at every position.
_DIGIT_COMMA = re.compile(r",(?<=\d,)(?=\d)")
# Groups within a population: a number of them is not the whole population's.
_PARTS = frozenset(
    """femmes femme women woman enfants enfant children child mineurs minors bebes babies
    journalistes journalists soignants medics medecins doctors health medical personnel staff
    employes employees workers humanitaires soldats soldiers militaires troops combattants
    fighters policiers police civils civilians civilian hommes men eleves students corps bodies
    patients colleagues collegues""".split()
)
# Hostages, a group within a toll, of a figure whose unit or words are none of them.
_HOSTAGES = frozenset("otages otage hostages hostage captives captive captifs captif".split())
# Words that qualify a group after a number: `102 aid workers`, `12 UNRWA colleagues`.
_GROUP_MODIFIERS = frozenset("aid humanitarian relief un unrwa onu medical".split())
# `587 children killed and 1,298 injured`: the second number's group is the first's.
_SHARED_GROUP = re.compile(
    r"\d[\d\s.,]*\s+(?P<group>[^\W\d_]+)\s+(?:[^\W\d_]+\s+){0,2}(?:and|et)\s+$"
)
_GROUPS = frozenset("enfant children child femme women woman mineur minor".split())
_PEOPLE = frozenset("personne people person individu individual".split())
_SKIPPED = frozenset(
    """de d of autres other others more additional nouveaux new its their our his her ses leurs
    nos notre son sa""".split()
)
_BODIES = re.compile(
    r"(?:the\s+bodies\s+of|les\s+corps\s+(?:de|des)|les\s+depouilles\s+(?:de|des)"
    r"|the\s+remains\s+of)\s*$"
)
# `confirmé la mort de 29 otages`, `the deaths of five hostages`: the dead among those the
# figure counts, unless it counts the dead.
_DEATH_OF = re.compile(r"(?:la\s+mort\s+de|the\s+deaths?\s+of|le\s+deces\s+de)\s*$")
_DEATH_WORDS = frozenset("mort death dead deces tue tuee killed decede bodie remain".split())
_SINCE = re.compile(r"(?<![^\W_])(?:since|depuis)(?![^\W_])")
_RESUMED = frozenset(
    """resumed resumption reprise repris reprises ceasefire cessez truce treve siege blocus
    collapsed""".split()
)
# A number of hours or days as wire copy spells it out (`twenty-four hours`, `quarante-huit
# heures`) or in digits.
_SPAN = (
    r"(?:\d+|twenty[\s-]four|forty[\s-]eight|seventy[\s-]two|vingt[\s-]quatre"
    r"|quarante[\s-]huit|soixante[\s-]douze)"
)
_PERIOD = re.compile(
    r"(?<![^\W_])(?:(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:"
    + _SPAN
    + r"\s+)?(?:hours?|days?|day)"
    r"|(?:in|during|over)\s+the\s+first\s+(?:\d+\s+)?(?:fortnight|weeks?|months?|days?)"
    r"|(?:au\s+cours\s+de\s+la|durant\s+la|pendant\s+la|dans\s+la|la)\s+premiere\s+(?:quinzaine"
    r"|semaine)|(?:au\s+cours\s+des|durant\s+les|pendant\s+les|dans\s+les|les)\s+"
    r"(?:\d+\s+)?premi(?:ers|eres)\s+(?:\d+\s+)?(?:jours|semaines|mois)"
    r"|(?:au\s+cours\s+des|ces|les)\s+(?:"
    + _SPAN
    + r"\s+)?dernieres\s+(?:"
    + _SPAN
    + r"\s+)?heures"
    r"|en\s+" + _SPAN + r"\s+heures|in\s+(?:just\s+|only\s+)?" + _SPAN + r"\s+hours|overnight"
    r"|(?:in|within)\s+(?:a\s+single|one|a)\s+day|en\s+une\s+(?:seule\s+)?journee"
    r"|(?:in|over|during)\s+the\s+(?:last|past)\s+day|within\s+" + _SPAN + r"\s+hours"
    r"|(?:au\s+cours\s+de\s+la|durant\s+la|pendant\s+la)\s+(?:derniere\s+)?journee"
    # a few days: `martyred in two days`, `en trois jours`
    r"|(?:in|within|over)\s+(?:two|three|four|five|six|\d)\s+days"
    r"|en\s+(?:deux|trois|quatre|cinq|six|\d)\s+jours)(?![^\W_])"
)
# A month of a year (`in March 2022`, `en mars 2023`): the count of that month, not the total.
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
)
_IN_MONTH = re.compile(
    rf"(?<![^\W_])(?:in|during|en|durant|pendant|au\s+cours\s+du\s+mois\s+de)\s+(?:{_MONTHS})"
    r"(?:\s+\d{4})?(?![^\W_])(?!\s+\d)"
)
_MONTH_OPENING = re.compile(
    rf"\s*(?:in|during|en|durant|pendant)\s+(?:{_MONTHS})(?:\s+\d{{4}})?"
    r"(?:\s+(?:alone|seulement|only))?\s*"
)
_DIGIT = re.compile(r"\d")
# `of which`, `of whom` open a part of what the clause before counted: its period is theirs.
_RELATIVE_BEFORE = re.compile(r"(?<![^\W_])(?<!of\s)(?<!among\s)(?:qui|which|who)(?![^\W_])")
_COORDINATED = re.compile(r"[,;\s]*(?:and|et|but|mais|while|tandis)(?![^\W_])")
# An opening clause that states a count of its own (`357 people were killed … in the past 24
# hours, the ministry added, saying 9,600 …`): its period is its own count's.
_OWN_COUNT = re.compile(
    r"\d(?:[\d.]|\s\d)*\s+(?:[^\W\d_]+\s+){0,3}?(?:killed|injured|wounded|dead|died|displaced"
    r"|tues|tuees|morts|mortes|blesses|blessees|deplaces|deplacees)(?![^\W_])"
)
_SUBSET_OPENING = re.compile(
    r"\s*(?:including|among\s+them|of\s+whom|dont|parmi\s+eux|y\s+compris|notamment|soit)"
    r"(?![^\W_])"
)
_DATE_WORDS = re.compile(
    r"\d{1,2}(?:er)?\s+(?:" + _MONTHS + r")|(?:" + _MONTHS + r")\s+\d{1,2}(?!\d)"
    r"|(?<!\d)\d{4}(?!\d)|\d+\s+(?:hours|heures|days|jours)"
)
# A rate: `per month`, `a day`, `par jour`, `chaque mois`; the figure's own when its label
# counts one day (`en une journée`) and the rate is a day's.
_RATE = re.compile(
    r"(?<![^\W_])(?:per|a|an|each|every|par|chaque)\s+(?P<unit>day|jour|week|semaine|month|mois"
    r"|year|an|annee)(?![^\W_])"
)
_STARTING = re.compile(
    r"(?<![^\W_])(?:since|depuis|from|start|started|began|beginning|outbreak|debut|declenche\w*"
    r"|broke\s+out|erupted|eclate\w*"
    # an event the count runs from: `returned following the collapse of the regime in December`
    r"|following|after|apres|suite|collapse|fall|chute|effondrement|ouster|overthrow|toppled)"
    r"(?![^\W_])"
)
_DAILY = frozenset("day jour".split())
# A sentence opening on a place (`En Jordanie, …`, `In Rafah, …`): the count of that place, a
# part of the figure's whole unless the label or a phrase names the place.
_PLACE_OPENING = re.compile(
    r"\s*(?i:en|au|aux|dans|in|a)\s+(?i:the\s+|la\s+|le\s+|les\s+|l['’])?"
    r"(?P<place>[A-ZÀ-Ý][^\W\d_]+(?:[- ][A-ZÀ-Ý][^\W\d_]+)?)\s*,"
)
# A whole named by who lives there: `19 000 des 120 000 Arméniens qui vivent dans le
# Haut-Karabakh`, `a population of`, `inhabitants`.
_POPULATION = re.compile(
    r"\s*(?:[^\W\d_]+\s+){0,2}?(?:qui\s+(?:vivent|vivaient|habitent|habitaient)|who\s+(?:live|lived)"
    r"|living\s+in|habitants|inhabitants)(?![^\W_])"
)
# Before the war: never the count of now, whatever the label counts.
# `before the Israeli aggression`, `avant le déclenchement de la guerre` too.
_BEFORE = re.compile(
    r"(?<![^\W_])(?:prior\s+to|before\s+the\s+(?:[^\W\d_]+\s+)?(?:war|siege|aggression|conflict"
    r"|offensive|escalation|hostilities)"
    r"|avant\s+(?:le\s+(?:declenchement|debut)\s+(?:de\s+|d'))?(?:la\s+guerre|le\s+siege"
    r"|l'agression|le\s+conflit|l'offensive|les\s+hostilites))(?![^\W_])"
)
_EVENT = re.compile(
    r"(?<![^\W_])(?:in\s+the\s+(?:incident|strike|airstrike|explosion|blast)"
    r"|dans\s+(?:l'incident|la\s+frappe|l'explosion)|lors\s+de\s+la\s+frappe"
    r"|(?:l'|une\s+|the\s+|an?\s+)(?:[^\W\d_]+\s+)?(?:explosion|blast)"
    # one attack's toll: `tuées par une attaque à la roquette`, `killed in a missile strike`
    r"|(?:par|dans|lors\s+d')\s*une\s+(?:attaque|frappe)|(?:in|by)\s+an?\s+(?:[^\W\d_]+\s+)?"
    r"(?:attack|strike|airstrike)"
    r"|(?:nouvelle|new|fresh)\s+(?:vague|wave)"
    r"|received|admitted|ont\s+recu|a\s+recu|admis|to\s+free|rescued"
    # bodies found: a find, not a count of the dead
    r"|found\s+dead|retrouve(?:e|s|es)?\s+mort(?:e|s|es)?"
    r"|(?:been|were|was|ete|sont|seront|otages|hostages|prisonniers|prisoners)\s+"
    r"(?:[^\W_]+\s+)?(?:released|freed|liberes|liberees|relaches|relachees))(?![^\W_])"
)
# A count in a clause about an attack, right before the number: that attack's toll, not one
# counted since a day.
_ATTACK_TOLL = re.compile(
    r"(?<![^\W_])(?:attack|attacks|assault|rampage|incursion|raid|attaque|attaques|incursion"
    r"|raid)(?![^\W_])[^.;:!?]{0,60}?"
    r"(?:in\s+which|during\s+which|when|qui\s+a\s+fait|au\s+cours\s+de\s+laquelle|lors\s+de"
    r"\s+laquelle|ou)(?![^\W_])[^.;:!?,]*$"
)
# The attack's own toll given right after it: `stormed across the border, killing 1,200`, `The
# attack by the group, which killed 1,400 people`, `l'attaque …, qui a tué 1 200 personnes`.
_ATTACK_KILLING = re.compile(
    r"(?<![^\W_])(?:attack|attacks|stormed|rampage|incursion|attaque|attaques)(?![^\W_])"
    r"[^.;:!?]{0,110}?,\s*(?:(?P<participle>killing|tuant|faisant)|which\s+(?:has\s+|had\s+)?"
    r"killed|qui\s+a\s+(?:tue|fait))\s+(?:(?:at\s+least|about|around|some|nearly|more\s+than|over|au\s+moins"
    r"|environ|quelque|pres\s+de|plus\s+de)\s+)?$"
)
_ATTACKED = re.compile(r"(?<![^\W_])(?:attaque|attack|assault)")
# An attack named by its day (`died in the October 7 attacks`, `lors de l'attaque du 7
# octobre`): that day's toll, not one counted since it, unless the label counts that attack.
_DAY_ATTACK = re.compile(
    r"(?<![^\W_])(?:(?:in|during)\s+(?:the|[^\W\d_]+['’]s?)\s+(?:\d{1,2}\s+(?:"
    + _MONTHS
    + r")|(?:"
    + _MONTHS
    + r"|oct|sept?|nov|dec|jan|feb|aug)\.?\s+\d{1,2})\s+(?:attacks?|assault)"
    r"|(?:lors|au\s+cours)\s+de\s+l'attaque\s+du\s+\d{1,2}(?:er)?\s+(?:" + _MONTHS + r"))"
    r"(?![^\W_])"
)
_NEED = re.compile(
    r"(?<![^\W_])(?:requires?|required|need\s+for|(?:is|are|be|being|was|were)\s+needed"
    r"|aimed\s+at|besoin|necessite|necessaires?"
    r"|exige|devrait|devraient|pourrait|pourraient|could|would|may\s+have|prete?s?\s+a"
    r"|demande\s+de\s+financement|funding\s+request|requested|requesting|request\s+for"
    r"|ready\s+to|prepared\s+to|prevoit|prevoient|forecasts?|projected"
    # a rule: `600 aid trucks should be allowed in per day`, `il faudrait 100 camions par jour`
    r"|should|faudrait|stipule|stipulent|stipulates?|stipulated)"
    r"(?![^\W_])"
)
# A need right before its number: `needs at least 500 trucks` (`needs` elsewhere is a noun).
_NEEDS = re.compile(
    r"(?<![^\W_])(?:needs?|needed|requires?|required|besoin\s+de|besoin\s+d'|necessite)\s+"
    r"(?:(?:at\s+least|some|about|au\s+moins|environ|quelque)\s+)?$"
)
# French verbs in the conditional (`livrerait`): a projection; but the press's conditional of an
# unconfirmed report (`auraient été tuées`) states a count.
_CONDITIONAL = re.compile(r"[^\W_]{2,}(?:erait|eraient|irait|iraient)$")
_REPORTED = frozenset("aurait auraient serait seraient".split())
# What `_CONDITIONAL` ends on: a word ending otherwise is not tried against it.
_CONDITIONAL_ENDINGS = ("erait", "eraient", "irait", "iraient")
_REGION = re.compile(
    r"(?<![^\W_])(?:(?:les|la|the|dans\s+(?:les|la)|in\s+the)\s+(?:oblasts?|provinces?"
    r"|regions?)\s+(?:de|d'|of)|on\s+y"
    # `the Donetsk region alone`, `la seule région de Donetsk`
    r"|(?:oblast|province|region|region\s+de\s+[^\W\d_]+)\s+(?:alone|a\s+elle\s+seule)"
    r"|la\s+seule\s+(?:province|region|oblast)|the\s+region\s+alone)(?![^\W_])"
)
_MOSTLY = re.compile(
    r"(?<![^\W_])(?:principalement|surtout|notamment|majoritairement|mainly|mostly|largely"
    r"|chiefly)(?:\s+(?:dans|in))?\s*$"
)
# A group the whole holds, named after its number: the displaced `sheltering in UN schools`.
_GROUP = re.compile(
    r"(?<![^\W_])(?:sheltering|shelters|centres?\s+d'hebergement|abrites|heberges)(?![^\W_])"
)
_GROUP_AFTER = re.compile(
    r"(?<![^\W_])(?:(?:vivent|vivaient|vivant|living|live|lived|installes|sheltered|housed)\s+"
    r"(?:dans|in)\s+(?:des\s+|les\s+|the\s+)?(?:\d[\d\s.,]*\s+)?(?:[^\W\d_]+\s+)?"
    r"(?:ecoles|centres|installations|abris|refuges|schools|shelters|facilities|buildings)"
    r")(?![^\W_])"
)
# A count in a body's buildings: `12 killed and 180 wounded within the agency's schools`.
_IN_BUILDINGS = re.compile(
    r"(?<![^\W_])(?:in|within|inside|at|on|dans|sur|a\s+l'interieur\s+de)\s+(?:the\s+|its\s+|their\s+"
    r"|les\s+|des\s+|ses\s+|leurs\s+)?(?:[^\W\d_]+\s+)?(?:[^\W\d_]+'s\s+|[^\W\d_]+\s+)?(?:schools|shelters"
    r"|facilities|premises|ecoles|abris|installations|locaux)(?![^\W_])"
)
# Money a body still holds: `retains approximately $6 billion in drawdown authority`.
_RETAINS = re.compile(
    r"(?<![^\W_])(?:retains?|retained|conserve|dispose\s+encore\s+de)\s+(?:[^\W\d_]+\s+)?$"
)
_MONEY = frozenset("dollar dollars euro euros livre livres pound pounds".split())
# Hostages freed, in the number's own clause: `a raid freed three hostages`.
_FREED = re.compile(
    r"(?<![^\W_])(?:freed|liberer|to\s+release|(?:la\s+)?liberation\s+(?:de|d'|des)"
    r"|(?:the\s+)?release\s+of|freeing)(?![^\W_])"
)
# Hostages still alive are a part of those held, unless the number is the whole (`how many of
# 120 hostages are still alive`).
_ALIVE = re.compile(r"(?<![^\W_])(?:alive|living|en\s+vie|vivants|vivantes)(?![^\W_])")
_WHOLE_BEFORE = re.compile(r"(?<![^\W_])(?:of|des|sur|parmi)\s+(?:the\s+|les\s+)?$")
# Refugees in the neighbouring countries, a part when the sentence also gives the total
# (`2.2 million in neighboring countries, while a total of 6.5 million are refugees globally`).
_NEIGHBOURS = re.compile(
    r"(?<![^\W_])(?:(?:neighbou?ring|host)\s+countries|pays\s+(?:voisins|limitrophes))(?![^\W_])"
)
_ALL = re.compile(
    r"(?<![^\W_])(?:a\s+total\s+of|in\s+total|in\s+all|globally|worldwide|au\s+total"
    r"|en\s+tout|dans\s+le\s+monde)(?![^\W_])"
)
# A part of a sum the sentence names: `within this new package, $1.22 billion is allocated`.
_WITHIN = re.compile(
    r"(?<![^\W_])(?:(?:within|of|from|in)\s+(?:this|the|that)\s+(?:new\s+|latest\s+)?"
    r"(?:package|amount|sum|envelope)|(?:sur|dans|de)\s+(?:ce|cette)\s+(?:nouveau\s+|"
    r"nouvelle\s+)?(?:paquet|enveloppe|montant|somme))(?![^\W_])"
)
# An increment or the rest of a sum, right before the number: `injured another 650` (but not
# `with another 120,673 injured`, a second count beside the first), `the remaining $1.24 billion`.
_INCREMENT = re.compile(
    r"(?<![^\W_])(?:[^\W\d_]{3,}ed\s+another|a\s+further|(?:the|les)\s+remaining)\s*$"
)
# A difference, right after the number: `25 more than Israel has acknowledged`, `300 de plus
# que la veille` (but `more than 25` is a qualifier, before it).
# `1,200 more than last week`; not `200 killed and more than 400 wounded`, where `more than`
# qualifies the next count.
_DIFFERENCE = re.compile(
    r"\s*(?:(?!(?:and|or|et|ou)(?![^\W_]))[^\W\d_]+\s+){0,2}?"
    r"(?:(?:more|fewer|less)\s+than(?![^\W_])"
    r"|de\s+(?:plus|moins)\s+(?:que(?![^\W_])|qu['’]))"
)
# A share: `nine out of 10 people`, `six réfugiés sur 10`: neither number counts anyone. The
# whole of a share is round; `sur dix jours`, `out of 100 km` measure a stretch, not a share.
_ROUND = (
    r"(?:10|100|1000|1\.000|ten|dix|cent|hundred|mille|thousand)(?![^\W_]|[.,]\d)"
    r"(?!\s+(?:jours?|days?|mois|months?|ans|annees|years?|semaines?|weeks?|heures?|hours?|km"
    r"|kilometres?|kilometers?|miles?)(?![^\W_]))"
)
_PER = r"(?:out\s+of|sur|in\s+every|sur\s+chaque)\s+"
_PROPORTION_OF = re.compile(rf"\s+(?:[^\W\d_]+\s+){{0,3}}?{_PER}{_ROUND}")
_DENOMINATOR = re.compile(rf"(?<![^\W_]){_PER}$")
# `10 civilians were among the dead`, `5 enfants figurent parmi les victimes`: a part of a toll.
_AMONG = re.compile(
    r"\s*(?:[^\W\d_]+\s+){0,3}?(?:were|are|was|is|sont|etaient|figurent|figuraient|comptent)?"
    r"\s*(?:among|parmi)\s+(?:the\s+|les\s+)(?:[^\W\d_]+\s+)?(?:dead|killed|victims|casualties"
    r"|wounded|injured|morts|tues|victimes|blesses)(?![^\W_])"
)
_ADDING = re.compile(r"\s*(?:along\s+with|as\s+well\s+as|ainsi\s+que|avec|with)(?![^\W_])")
_TOTAL = re.compile(
    r"(?<![^\W_])(?:overall|cumulative|au\s+total|en\s+tout|portant\s+(?:le|son)\s+bilan"
    r"|bringing\s+(?:the|its)\s+(?:\w+\s+)?(?:toll|total)|bilan\s+global)(?![^\W_])"
)
# `Sur 251 personnes enlevées, 94 sont toujours retenues`: the whole the part is taken from.
# `Of the approximately 250 hostages taken, 116 are still held` too, unless the part is a
# group of the whole (`Parmi les 10 000 morts, plus de 560 sont des enfants`: the toll).
_OUT_OF = re.compile(
    r"(?:^|[.!?]\s*)(?:(?P<sure>sur|out\s+of)|of|parmi)\s+(?:les\s+|the\s+)?"
    r"(?:(?:original|initial|some|quelque)\s+)?"
    r"(?:(?:approximately|about|around|some|nearly|almost|roughly|quelque|environ|pres\s+de"
    r"|plus\s+de|more\s+than|over)\s+)?$"
)
# A count as the subject of `include`: the number the verb takes is a part of it.
_WHOLE_INCLUDES = re.compile(
    r"(?<!\d)(?!(?:19|20)\d\d(?!\d))\d[^.;:!?,]*\s"
    r"(?:include|included|includes|comprennent|comprenaient|incluent|incluaient)"
    r"\s+(?:(?:at\s+least|about|some|nearly|au\s+moins|environ|quelque|pres\s+de)\s+)?$"
)
# A count, then a colon listing its parts: the numbers after the colon are parts.
_LISTED = re.compile(
    r"\d\s+(?!(?:heures?|hours?|h|am|pm|" + _MONTHS + r")(?![^\W_]))[^\W\d_]{3,}[^.;:!?]*:\s*"
    r"(?:[^\W\d_]+\s+){0,2}$"
)
# After a number, `sur les` names the whole it is taken from: `100 000 réfugiés sur les 120 000`.
_OUT_OF_AFTER = re.compile(r"\d[^,;:.!?]{0,60}?\s(?:sur\s+les|out\s+of(?:\s+the)?)\s+$")
# Direction: people who left the place a figure counts arrivals in are not arrivals there
# (`3 000 déplacés ont quitté l'Arménie` for those `arrivés en Arménie`).
_ARRIVED_IN = re.compile(
    r"(?<![^\W_])(?:arrive|arrives|arrivee|arrivees|arrived|entres|entrees|entered|reached)\s+"
    r"(?:en|au|aux|a|dans|in|into)\s+(?:la\s+|le\s+|l['’]\s*|the\s+)?(?P<place>[^\W\d_]{4,})"
)
_LEFT = re.compile(
    r"(?<![^\W_])(?:quitte|quittent|quitter|quittaient|left|leave|leaving|departed)\s+"
    r"(?:la\s+republique\s+d['’]\s*|la\s+|le\s+|l['’]\s*|the\s+)?(?P<place>[^\W\d_]{4,})"
)
_DAY_WORDS = frozenset("jour journee quotidien quotidiens day daily".split())
_TARGET_WORDS = frozenset("objectif target cible seuil".split())
_CLAUSE_MARKS = ",;:()\u2014"
CLAUSE_MARK = re.compile(r"[,;:()\u2014]")
"""Any of `_CLAUSE_MARKS`: the first of them after a place, found in one search."""


def last_mark(folded: str, start: int, end: int) -> int:
    """Where the last clause mark of `folded[start:end]` is, or -1 (six searches, no loop)."""
    return max(
        folded.rfind(",", start, end),
        folded.rfind(";", start, end),
        folded.rfind(":", start, end),
        folded.rfind("(", start, end),
        folded.rfind(")", start, end),
        folded.rfind("\u2014", start, end),
    )


def in_scope(
    text: str,
    span: tuple[int, int],
    sentence: tuple[int, int],
    unit: str,
    label: str,
    phrases: Iterable[str],
    asides: Iterable[tuple[int, int]] = (),
) -> bool:
    """Whether the number at `span` of `text` (in the sentence `[start, end)`) counts what a
    figure of that `unit`, `label` and `phrases` counts; `asides` are the spans of the
    sentence's asides the number is not in (`dont 3 900 dans la région de Donetsk`)."""
    # A comma between digits (`33,482`) is a thousands separator, never a clause's end.
    folded = _DIGIT_COMMA.sub(".", fold(text))
    # The sentence's words, once: a pattern whose every match writes one of a few words whole
    # (its triggers) is not searched for where the sentence writes none of them.
    words = frozenset(_WORDS.findall(folded, sentence[0], sentence[1]))
    own = _label_words(f"{unit} {label} {' '.join(phrases)}")
    if _age(text, span) or _part(folded, span, own, unit):
        return False
    if _proportion(folded, span):
        return False
    whole = _OUT_OF.search(folded, max(0, span[0] - 40), span[0])
    if (
        whole
        and (whole["sure"] or not _GROUPS.intersection(_words(folded[span[1] : sentence[1]])))
        and not _still_what_label_counts(folded, span, sentence, fold(label))
    ):
        return False
    if _OUT_OF_AFTER.search(folded, max(sentence[0], span[0] - 80), span[0]):
        return False
    if _writes(words, _INCLUDE_WORDS) and _WHOLE_INCLUDES.search(folded, sentence[0], span[0]):
        return False  # `The 35 hostages confirmed dead include 34 kidnapped …`: a part
    if any_written(folded, sentence[0], span[0], (":",)) and _LISTED.search(
        folded, sentence[0], span[0]
    ):
        return False  # `That leaves 79 hostages …: 72 Israelis, six Thais and one Nepali`
    needed = _NEEDS.search(folded, max(0, span[0] - 30), span[0])
    if needed and _label_words(label).isdisjoint(_TARGET_WORDS):  # `the territory needs 500 trucks`
        return False
    if (
        _writes(words, REGION_COUNT_WORDS)
        and _region_count(_outside(folded, sentence, asides))
        and not _REGION.search(fold(label))
    ):
        return False
    region = _region(folded, span, sentence)
    # One search tells whether any of the clause's rarer words is there (most numbers' clauses
    # have none): each of their patterns is tried only when one may be.
    rare = _writes(words, REGION_WORDS) and _IN_REGION.search(region) is not None
    if rare and _TOTAL.search(region):
        return True  # `bringing the overall toll to 15,890`: the total, whatever else
    label_words = _label_words(label)
    since = _writes(words, _SINCE_WORDS_WRITTEN)  # `_SINCE` matches one of them, whole
    if since and _since_elsewhere(region, label):
        return False
    if (
        rare
        and _IN_TRUCE.search(region)
        and label_words.isdisjoint(_DAY_WORDS)  # a day's trucks during a truce are a day's
        and label_words.isdisjoint(_RESUMED)
    ):
        return False  # `Despite the ceasefire declared on October 11, … killed at least 240`
    if rare and (
        (_PERIOD.search(region) and label_words.isdisjoint(_DAY_WORDS)) or _BEFORE.search(region)
    ):
        return False
    if _writes(words, DATED_WORDS) and _dated_part(folded, span, sentence, label_words):
        return False
    if _COUNTED_FROM.search(fold(label)) and _year_count(folded, span, sentence):
        return False  # `550,000 returned in 2024` is that year's, not the total since a day
    if _place_part(text, sentence[0], label, phrases):
        return False
    if _hosted_part(text, span, sentence, label, phrases):
        return False  # `473 000 réfugiés vivent en Jordanie`, `Poland has welcomed 2.3 million`
    if _other_year(folded, span, sentence, fold(label)):
        return False  # `the 2020 war killed 6,500` is no value of the 2023 offensive's toll
    if (population(folded, span[1]) or _populated(folded, span)) and not _POPULATION.search(
        fold(label)
    ):
        return False
    if _INCLUDES.match(folded, sentence[0]) and label_words.isdisjoint(_INCLUDED_WORDS):
        return False  # `This includes $50 million …, as well as $770 million …`: the parts
    if since and _SINCE.search(region) and not label_words.isdisjoint(_DAY_WORDS):
        return False  # a day's count is not one `since` a day: `7,000 trucks since April 5`
    increment = _INCREMENT.search(folded, max(0, span[0] - 20), span[0])
    if increment and (not one_event(label) or "remaining" in increment.group()):
        # `a further $2 billion`, `announced another $300 million`: a new package's value
        return False
    if _DIFFERENCE.match(folded, span[1]):
        return False
    if _writes(words, _RANKS_WORDS) and _RANKS.search(
        _region(folded, span, sentence, opening=False)
    ):
        return False  # `41 116 morts dans les rangs des rebelles`: one side's count
    if any_written(folded, max(0, span[0] - 50), span[0], _EXCLUDING_WORDS) and _EXCLUDING.search(
        folded, max(0, span[0] - 50), span[0]
    ):
        return False  # `the toll does not include around 88,000 people killed in prisons`
    if (
        _writes(words, _SPENT_WORDS)
        and not label_words.isdisjoint(_TARGET_WORDS)
        and _SPENT.search(_region(folded, span, sentence))
        and not _BOUND.search(folded, max(0, span[0] - 20), span[1])
        and not _OR_MORE.match(folded, span[1])
    ):
        return False  # `spent 1.46 percent of GDP in 2017`: what was spent, not the target
    kind = _OF_KIND.match(text, span[1])
    if kind and _a_kind(kind["kind"]) and _singular(fold(kind["kind"])) not in own:
        return False  # `57 sont des Israéliens`, `12 were foreigners`: a part, by its kind
    if _AMONG.match(folded, span[1]) and _group(folded, span[1], 1) != group_of(unit):
        return False  # but `1 873 enfants figurent parmi les morts` for a figure of `enfants`
    money = _singular(fold(unit).strip()) in _MONEY
    if money and _RETAINS.search(folded, max(0, span[0] - 40), span[0]):
        return False
    own_clause = _region(_unbracketed(folded, span), span, sentence, opening=False)
    # as `rare`, for the number's clause
    held = _writes(words, OWN_CLAUSE_WORDS) and _IN_OWN_CLAUSE.search(own_clause) is not None
    if (
        held
        and (
            _GROUP.search(own_clause)
            or _GROUP_AFTER.search(own_clause)
            or _IN_BUILDINGS.search(own_clause)
        )
    ) and not (_GROUP.search(fold(label)) or _GROUP_AFTER.search(fold(label))):
        return False
    if held and _FREED.search(own_clause) and not _FREED.search(fold(label)):
        return False
    if _left_arrival_place(folded[span[1] : sentence[1]], label):
        return False
    alive = _writes(words, _ALIVE_WORDS) and _ALIVE.search(_said_of(folded, span, sentence))
    if alive and not _WHOLE_BEFORE.search(folded, max(0, span[0] - 12), span[0]):
        return False
    if (
        held
        and _NEIGHBOURS.search(own_clause)
        and not _ALL.search(own_clause)
        and _ALL.search(_outside(folded, sentence, asides))
        and not _NEIGHBOURS.search(fold(label))
    ):
        return False
    if rare and _WITHIN.search(region) and not _WITHIN.search(fold(label)):
        return False
    if rare and _EVENT.search(region) and not _EVENT.search(fold(label)):
        return False
    if rare and _DAY_ATTACK.search(region) and not _DAY_ATTACK.search(fold(label)):
        return False
    if (
        _COUNTED_FROM.search(fold(label))  # the label's, read first: no search of the text
        and not _ATTACKED.search(fold(label))
        and (
            _ATTACK_TOLL.search(folded, max(sentence[0], span[0] - 120), span[0])
            or _attack_killing(folded, max(sentence[0], span[0] - 150), span[0])
        )
    ):
        return False  # `an attack … in which around 1,200 were killed`: no toll since a day
    projected = (
        (rare and _NEED.search(region))
        # each of `_CONDITIONAL_ENDINGS` writes `rai`
        or (
            any_written(folded, sentence[0], sentence[1], ("rai",))
            and any(
                w.endswith(_CONDITIONAL_ENDINGS) and _CONDITIONAL.search(w) and w not in _REPORTED
                for w in _WORDS.findall(region)
            )
        )
        # `Si tous les Syriens devaient rentrer, …`, `If all …`: a hypothesis
        or _HYPOTHESIS.match(folded, sentence[0]) is not None
    )
    return not (projected and label_words.isdisjoint(_TARGET_WORDS))


# A number said to be of a kind: `107 sont des Israéliens`, `six were Thai nationals`.
_OF_KIND = re.compile(
    r"\s*(?i:sont|etaient|étaient|are|were)\s+(?i:des\s+|d['’]\s*|de\s+)?(?P<kind>[^\W\d_]+)"
)
_KINDS = frozenset(
    """etrangers etranger foreigners foreign binationaux nationals citizens ressortissants
    israeliens""".split()
)


def _a_kind(word: str) -> bool:
    """A nationality (a capitalised word: `Israéliens`, `Thais`) or a group of `_PARTS`."""
    folded = fold(word)
    return word[:1].isupper() or folded in _PARTS or folded in _KINDS


# One side's count: `dans les rangs des rebelles`, `in the ranks of the army`.
_RANKS = re.compile(r"(?<![^\W_])(?:dans\s+les\s+rangs|(?:in|among)\s+the\s+ranks)(?![^\W_])")
_RANKS_WORDS = frozenset("rangs ranks".split())
# What a count leaves out, right before the number: `does not include`, `n'inclut pas le bilan
# de`, `excluding`, `sans compter`.
_EXCLUDING = re.compile(
    r"(?<![^\W_])(?:(?:does|do|did)\s+not\s+include|not\s+including|excluding|excludes"
    r"|n['’]\s*(?:inclut|incluent|incluait|comprend|comprennent|englobe)\s+pas|sans\s+compter"
    r"|non\s+compris)(?![^\W_])[^,;:.!?]{0,30}$"
)
_EXCLUDING_WORDS = ("include", "excluding", "excludes", "pas", "compter", "compris")
# What was spent, for a figure of a target: `spent`, `grew to`, `a consacré`, `compared to`.
_SPENT = re.compile(
    r"(?<![^\W_])(?:spent|grew|rose|fell|invested|compared\s+(?:to|with)"
    r"|(?:a|ont|avait|avaient)\s+(?:passe|consacre|depense)|consacrai(?:t|ent)|depensai(?:t|ent))"
    r"(?![^\W_])"
)
# A bound is the target's threshold: `spent at least 2 %`, `moins de 2 %`, `2% or more`.
_BOUND = re.compile(
    r"(?<![^\W_])(?:at\s+least|more\s+than|less\s+than|over|above|under|below|moins\s+de"
    r"|moins\s+d'|plus\s+de|plus\s+d'|au\s+moins)(?![^\W_])"
)
_OR_MORE = re.compile(
    r"\s*(?:[^\W\d_]+\s+){0,3}?(?:or\s+more|or\s+above|ou\s+plus|et\s+plus)(?![^\W_])"
)
_SPENT_WORDS = frozenset(
    """spent grew rose fell invested compared passe consacre depense consacrait consacraient
    depensait depensaient""".split()
)
# What a war is said to answer: `strikes launched after the attack, killing …` count the war's.
_IN_ANSWER = re.compile(
    r"(?<![^\W_])(?:after|following|since|response|retaliation|apres|depuis|suite|riposte"
    r"|reponse)(?![^\W_])[^,;:]{0,24}$"
)


def _attack_killing(folded: str, start: int, end: int) -> bool:
    """Whether the number ending the text `[start, end)` is an attack's own toll given right
    after it (`_ATTACK_KILLING`): with a participle (`, killing`), unless the attack is what
    the clause's subject answers (`strikes launched after the October 7 attack, killing`)."""
    found = _ATTACK_KILLING.search(folded, start, end)
    if found is None:
        return False
    return not (
        found["participle"] and _IN_ANSWER.search(folded, max(0, found.start() - 40), found.start())
    )


_HYPOTHESIS = re.compile(
    r"[\s\"«“]*(?:si|if)\s[^,;:.]*?(?<![^\W_])(?:devaient|devait|pouvaient|pouvait|etaient|etait"
    r"|were\s+to|should|would|could)(?![^\W_])"
)
# A sentence that lists what the thing named before holds: `This includes …`, `Il comprend …`.
_INCLUDES = re.compile(
    r"[\s\"«“]*(?:this|it|these|they|ce\s+paquet|cette\s+aide|celui-ci|celle-ci|il|elle|cela|ceci"
    r"|(?:the|this|le|ce|cette|l')\s*(?:new\s+|nouveau\s+|nouvelle\s+|latest\s+)?"
    r"(?:package|paquet|aid|aide|tranche|assistance|number|figure|toll|count|nombre|chiffre"
    r"|bilan))\s+"
    r"(?:also\s+|aussi\s+|notamment\s+|allegedly\s+|reportedly\s+)?"
    r"(?:includes?|comprend|comprennent|inclut|incluent)"
    r"(?![^\W_])"
)
_INCLUDED_WORDS = frozenset("part parts partie composante component".split())


_STILL = re.compile(
    r"(?<![^\W_])(?:still|remain|remaining|toujours|encore|restent|now|desormais)(?![^\W_])"
)


def _still_what_label_counts(
    folded: str, span: tuple[int, int], sentence: tuple[int, int], label: str
) -> bool:
    """`Of the 59 hostages still held in Gaza, 24 …`, `Parmi les 48 otages encore à Gaza, …`:
    a whole described as what is still the case is the figure's value when its words are the
    label's (`Otages retenus …`), unlike `Of the 251 people abducted`."""
    comma = folded.find(",", span[1], sentence[1])
    words = folded[span[1] : comma if comma >= 0 else sentence[1]]
    return bool(_STILL.search(words)) and bool(_words(words) & _words(label) - {"a", "de", "la"})


def _proportion(folded: str, span: tuple[int, int]) -> bool:
    """`nine out of 10`, `six réfugiés sur 10`: a share, no count (`sur 251 personnes
    enlevées` is a part's whole, read by `_OUT_OF`)."""
    start, end = span
    if _PROPORTION_OF.match(folded, end):
        return True
    denominator = _DENOMINATOR.search(folded, max(0, start - 20), start)
    return denominator is not None and re.match(_ROUND, folded[start:]) is not None


_AGE = re.compile(r"[A-ZÀ-Ý][^\W\d_]+,\s*$")


def _age(text: str, span: tuple[int, int]) -> bool:
    """`Ahmad, 14, who was shot`: a number between commas right after a name is an age."""
    after = text[span[1] : span[1] + 2]
    return (
        after.startswith(",")
        and text[span[0] : span[1]].isdigit()
        and int(text[span[0] : span[1]]) < 120
        and _AGE.search(text, max(0, span[0] - 40), span[0]) is not None
    )


_RUNNING = re.compile(
    r"(?<![^\W_])(?:since|depuis|a\s+total\s+of|in\s+total|in\s+all|au\s+total|en\s+tout"
    r"|so\s+far|to\s+date|a\s+ce\s+jour|jusqu'ici|overall|cumul\w*|montant\s+total"
    r"|total\s+amount)(?![^\W_])"
)
_ONE_EVENT = frozenset("nouveau nouvelle nouvel new latest".split())
_SINCE_WORDS = frozenset("depuis since cumul total".split())
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_MONTH_WORD = re.compile(rf"(?<![^\W_])(?:{_MONTHS})(?![^\W_])")
_MONTH_NUMBERS = {name: number % 12 + 1 for number, name in enumerate(_MONTHS.split("|"))}


def one_event(label: str) -> bool:
    """Whether a figure's label counts one new thing (`Montant d'un nouveau programme d'aide`),
    not a running total."""
    return not _words(label).isdisjoint(_ONE_EVENT)


def running_from(label: str) -> bool:
    """Whether a figure's label counts a running total from a start (`cumul depuis février
    2022`)."""
    return not _words(label).isdisjoint(_SINCE_WORDS)


def running_total(text: str, span: tuple[int, int], sentence: tuple[int, int]) -> str | None:
    """The words after `since` when the number's clause (or the sentence's opening one) gives
    a running total (`$62 billion since Russia's 2022 invasion`, `Since 2014, …`), "" for a
    total without a start (`a total of`, `so far`), None when it gives none."""
    region = _region(_DIGIT_COMMA.sub(".", fold(text)), span, sentence)
    found = _RUNNING.search(region)
    if found is None:
        return None
    since = re.search(r"(?<![^\W_])(?:since|depuis)(?![^\W_])", region)
    return region[since.end() : since.end() + 80] if since else ""


def same_start(after: str, label: str) -> bool:
    """Whether the start a running total is counted from (the words after `since`) is the one
    the label counts from: a year or a month both write (`since Russia's 2022 invasion`,
    `since … on February 24` for `cumul depuis février 2022`); any total without a start."""
    if not after:
        return True
    folded = fold(label)
    years = set(_YEAR.findall(after)), set(_YEAR.findall(folded))
    months = (
        {_MONTH_NUMBERS[m] for m in _MONTH_WORD.findall(after)},
        {_MONTH_NUMBERS[m] for m in _MONTH_WORD.findall(folded)},
    )
    if years[0] and years[1]:
        return bool(years[0] & years[1])
    return bool(months[0] & months[1])


def _left_arrival_place(after: str, label: str) -> bool:
    """Whether the clause opening `after` (the sentence after the number) says its people left
    the place the label counts arrivals in."""
    arrived = _ARRIVED_IN.search(fold(label))
    if arrived is None:  # most labels: the clause is not cut
        return False
    left = _LEFT.search(re.split(r"[,;:()\u2014]", after)[0])
    return bool(arrived and left and arrived["place"][:5] == left["place"][:5])


_REGION_WORDS = re.compile(r"oblast|province|region|on\s+y")


def _region_count(text: str) -> bool:
    """Whether `text` counts in a region (`dans les provinces de`), not where most of a count
    was (`principalement dans les régions de`, `mostly in the regions of`)."""
    if _REGION_WORDS.search(text) is None:  # what each of `_REGION`'s forms writes
        return False
    return any(
        not _MOSTLY.search(text, max(0, m.start() - 24), m.start()) for m in _REGION.finditer(text)
    )


def population(folded: str, end: int) -> bool:
    """Whether the number ending at `end` counts who lives somewhere (`120 000 Arméniens qui
    vivent dans le Haut-Karabakh`): a population, the whole of the counts the copy gives."""
    return _POPULATION.match(folded, end) is not None


# `qui compte 2,3 millions d'habitants`, `peuplé de`, `home to`: a place's population, told from
# the inhabitants who fled (`1,7 million d'habitants ont fui`) by the words before the number.
_INHABITANTS = re.compile(
    r"\s*(?:d['’]\s*habitants|of\s+inhabitants|inhabitants|residents)(?![^\W_])"
)
_HOME_OF = re.compile(
    r"(?<![^\W_])(?:compte|comptant|comptait|peuplee?s?\s+de|population\s+(?:de|of)|home\s+to"
    r"|abrite|abritant)\s+(?:(?:quelque|environ|pres\s+de|plus\s+de|some|about|around|nearly"
    r"|more\s+than|over)\s+)?$"
)


def _populated(folded: str, span: tuple[int, int]) -> bool:
    """Whether the number at `span` is a place's population (`qui compte 2,3 millions
    d'habitants`, `home to 2.3 million residents`)."""
    return (
        _INHABITANTS.match(folded, span[1]) is not None
        and _HOME_OF.search(folded, max(0, span[0] - 40), span[0]) is not None
    )


_CLAUSE_CUT = re.compile(r"[,;:()]|(?<![^\W_])(?:but|mais|while|tandis|whereas)(?![^\W_])")


def _said_of(folded: str, span: tuple[int, int], sentence: tuple[int, int]) -> str:
    """The words of the number's clause that say something of what it counts: from the clause's
    start to the number, and after it up to a clause mark or `but`, `mais`, which open
    a statement of its own (`120 are still held but it is unclear how many are alive`)."""
    start = max(
        [sentence[0], *(m.end() for m in _CLAUSE_CUT.finditer(folded, sentence[0], span[0]))]
    )
    after = _CLAUSE_CUT.search(folded, span[1], sentence[1])
    return folded[start : after.start() if after else sentence[1]]


def _dated_part(
    folded: str, span: tuple[int, int], sentence: tuple[int, int], label_words: set[str]
) -> bool:
    """A count of one month of a year (`4 289 deaths (and 3 000 injured) in March 2022`) or at
    a rate (`163 killed per month`, `100 trucks a day`), read in the number's clause with the
    brackets opened, unless the label counts that rate (`en une journée`, a day's)."""
    # Without brackets up to the sentence's end, the text opened reads as `folded` itself
    # (`_region` reads no further), whose regions `in_scope` has read already.
    head = folded[: sentence[1]]
    opened = head.replace("(", " ").replace(")", " ") if "(" in head or ")" in head else folded
    region = _region(opened, span, sentence)
    # The month in the number's own clause, or as the whole opening clause (`In August 2024
    # alone, …`), not in an opening clause about something else (`Conclu en juillet 2022, …`).
    own = _region(opened, span, sentence, opening=False)
    opening = region.partition(" | ")[0]
    months = [*_IN_MONTH.finditer(own)]
    if _MONTH_OPENING.fullmatch(opening):
        months.append(_MONTH_OPENING.fullmatch(opening))
    for month in months:
        if month is not None and not _STARTING.search(
            month.string[max(0, month.start() - 60) : month.start()]
        ):
            return True  # but `since the war began in October 2023` is where a total starts
    for rate in _RATE.finditer(region):
        if rate["unit"] not in _DAILY or label_words.isdisjoint(_DAY_WORDS):
            return True
    return False


# A count made during a truce: not the war's running count.
_IN_TRUCE = re.compile(
    r"(?<![^\W_])(?:despite|malgre|during|pendant|durant)\s+(?:the\s+|la\s+|le\s+|l')?"
    r"(?:[^\W\d_]+\s+)?(?:ceasefire|cease-fire|truce|treve|cessez-le-feu)(?![^\W_])"
)
_COUNTED_FROM = re.compile(r"(?<![^\W_])(?:depuis|since|cumul\w*)(?![^\W_])")
_IN_YEAR = re.compile(
    r"(?<![^\W_])(?:in|en|durant|during|pendant)\s+(?:l'annee\s+)?(?:19|20)\d\d(?!\d)"
)


def _year_count(folded: str, span: tuple[int, int], sentence: tuple[int, int]) -> bool:
    """A year in the number's own clause (`in 2024`, `en 2023`), not where a total starts
    (`since the war began in 2023`)."""
    own = _region(folded, span, sentence, opening=False)
    return any(
        not _STARTING.search(own[max(0, m.start() - 60) : m.start()])
        for m in _IN_YEAR.finditer(own)
    )


_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)")
# An event named by its year: `the 2020 war`, `la guerre de 2020`, `l'offensive de 2016`.
_EVENT_YEAR = re.compile(
    r"(?<![^\W_])(?P<y1>(?:19|20)\d\d)\s+(?:war|conflict|offensive|fighting|attack|invasion"
    r"|escalation)(?![^\W_])"
    r"|(?<![^\W_])(?:guerre|conflit|offensive|attaque|invasion|escalade)\s+(?:de|d'avril|d'octobre"
    r"|de\s+[^\W\d_]+)\s*(?P<y2>(?:19|20)\d\d)(?!\d)"
)


def _other_year(folded: str, span: tuple[int, int], sentence: tuple[int, int], label: str) -> bool:
    """Whether the number's own clause counts an event named by a year the label does not write,
    when the label writes one: `the 2020 war killed 6,500`, `la guerre de 2020` (but `by
    December 2024` dates a count, it names no event)."""
    years = set(_YEAR.findall(label))
    if not years:
        return False
    own = _region(folded, span, sentence, opening=False)
    found = [m["y1"] or m["y2"] for m in _EVENT_YEAR.finditer(own)]
    return bool(found) and years.isdisjoint(found)


def _place_part(text: str, start: int, label: str, phrases: Iterable[str]) -> bool:
    """Whether the sentence opens on a place its figure's label and phrases do not name (`En
    Jordanie, 22 000 retours…` for the returns from every country): the count of one place."""
    opening = _PLACE_OPENING.match(text, start)
    if opening is None or fold(text[start : opening.start("place")]).strip().split()[:1] not in (
        ["en"],
        ["au"],
        ["aux"],
        ["dans"],
        ["in"],
        ["a"],
    ):
        return False
    place = {w[:5] for w in _WORDS.findall(fold(opening["place"]))}
    named = {w[:5] for w in _WORDS.findall(fold(f"{label} {' '.join(phrases)}"))}
    return place.isdisjoint(named)


# Where people live or who took them in, said of the number: one country's share.
_LIVE_IN = re.compile(
    r"\s*(?:[^\W\d_]+\s+){0,3}?(?:vivent|vivaient|live|lived|are\s+living|se\s+trouvent"
    r"|sont\s+installes|are\s+hosted|sont\s+accueillis|sont\s+heberges)\s+(?:en|au|aux|in|a)\s+"
    r"(?:the\s+|la\s+|le\s+|l['’]\s*)?(?P<place>[A-ZÀ-Ý][^\W\d_]+)"
)
_HOSTED = re.compile(
    r"(?P<place>[A-ZÀ-Ý][^\W\d_]+)\s+(?:(?:has|have|had|a|avait)\s+)?(?:(?:so\s+far|already|deja"
    r"|jusqu['’]ici)\s+)?(?:welcomed|hosted|hosts|taken\s+in|took\s+in|accueilli|accueille"
    r"|heberge)\s+(?:(?:about|around|some|nearly|more\s+than|over|environ|quelque|pres\s+de"
    r"|plus\s+de)\s+)?$"
)


# A list's item that is a number and a place only: `…, quelque 470 000 au Liban, …`.
_PLACE_ITEM = re.compile(
    r"\s+(?:en|au|aux|in|dans)\s+(?:la\s+|le\s+|les\s+|l['’]\s*|the\s+)?"
    r"(?P<place>[A-ZÀ-Ý][^\W\d_]+(?:[\s-][A-ZÀ-Ý][^\W\d_]+)*)\s*(?:[,;.]|$)"
)
_ITEM_OPENING = re.compile(
    r"(?:^|[,;:]\s*|(?<![^\W_])(?:et|and)\s+)(?:(?:about|around|some|nearly|almost|more\s+than"
    r"|over|environ|quelque|pres\s+de|plus\s+de|pres\s+d['’]|au\s+moins|at\s+least)\s+)?$"
)


def _listed_place(
    text: str, span: tuple[int, int], sentence: tuple[int, int]
) -> re.Match[str] | None:
    """The place of a list's item made of the number and a place only (`environ 780 000 en
    Allemagne, près de 367 000 en République tchèque`), after a comma or `et`."""
    item = _PLACE_ITEM.match(text, span[1], sentence[1])
    if item is None:
        return None
    before = fold(text[max(sentence[0], span[0] - 20) : span[0]])
    return item if _ITEM_OPENING.search(before) else None


def _hosted_part(
    text: str,
    span: tuple[int, int],
    sentence: tuple[int, int],
    label: str,
    phrases: Iterable[str],
) -> bool:
    """Whether the number is what one country the label and phrases do not name hosts: people
    said to live there (`473 000 réfugiés syriens vivent en Jordanie`) or a country said to
    have taken them in (`Poland has so far welcomed 2.3 million refugees`)."""
    found = _LIVE_IN.match(text, span[1], sentence[1]) or _HOSTED.search(
        text, max(sentence[0], span[0] - 60), span[0]
    )
    if found is None:
        found = _listed_place(text, span, sentence)
    if found is None:
        return False
    place = {w[:5] for w in _WORDS.findall(fold(found["place"]))}
    named = {w[:5] for w in _WORDS.findall(fold(f"{label} {' '.join(phrases)}"))}
    return place.isdisjoint(named)


def _unbracketed(folded: str, span: tuple[int, int]) -> str:
    """`folded` with the brackets the number is not in blanked out, so that `930,000 displaced
    persons (IDPs) are sheltering` is one clause."""
    if "(" not in folded:
        return folded
    return re.sub(
        r"\([^()]*\)",
        lambda m: m.group() if m.start() <= span[0] < m.end() else " " * len(m.group()),
        folded,
    )


def _outside(folded: str, sentence: tuple[int, int], asides: Iterable[tuple[int, int]]) -> str:
    """The sentence without the asides the number is not in."""
    start, end = sentence
    kept: list[str] | None = None  # made only for an aside in the sentence
    for low, high in asides:
        if max(low, start) < min(high, end):
            kept = list(folded[start:end]) if kept is None else kept
            for i in range(max(low, start), min(high, end)):
                kept[i - start] = " "
    return folded[start:end] if kept is None else "".join(kept)


def _words(text: str) -> set[str]:
    return {_singular(w) for w in _WORDS.findall(fold(text))}


@lru_cache(maxsize=1024)
def _label_words(text: str) -> frozenset[str]:
    """`_words` of a figure's label (or its unit, label and phrases): the same for each of the
    numbers it is tried on, read once."""
    return frozenset(_words(text))


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _part(folded: str, span: tuple[int, int], own: set[str], unit: str) -> bool:
    """`1 709 femmes`, `the bodies of 153 people`: a group within the figure's whole; and, for
    a figure counting a group (`enfants`), a number of people in general (`220 personnes`)."""
    low = max(0, span[0] - 30)
    bodies = any_written(folded, low, span[0], ("bodies", "corps", "depouilles", "remains"))
    if bodies and _BODIES.search(folded, low, span[0]) and "bodie" not in own:
        return True
    died = any_written(folded, low, span[0], ("mort", "death", "deces"))
    if died and _DEATH_OF.search(folded, low, span[0]) and own.isdisjoint(_DEATH_WORDS):
        return True
    shared = _SHARED_GROUP.search(folded, max(0, span[0] - 60), span[0])
    if shared and shared["group"] in _PARTS and _singular(shared["group"]) not in own:
        return True
    first = None
    for word in _WORDS.finditer(folded, span[1], min(len(folded), span[1] + 40)):
        if word.group() in _SKIPPED or word.group() in _GROUP_MODIFIERS:
            continue
        head = _singular(word.group())
        if first is not None and folded[first.end() : word.start()] == "-":
            first = word  # `pro-regime fighters`: the compound's last word is its noun's modifier
            continue
        if first is not None:
            # `130 healthcare staff`: a noun before the group's, written right against it
            return (
                folded[first.end() : word.start()] == " "
                and word.group() in _PARTS
                and (head not in own)
            )
        if _singular(fold(unit)) in _GROUPS and head in _PEOPLE:
            return True
        if word.group() in _HOSTAGES:
            # `la mort de 29 otages` for a toll: hostages are a group of it, in either language
            return own.isdisjoint(_HOSTAGES) and _singular(fold(unit).strip()) not in _HOSTAGES
        if word.group() in _PARTS or head in own or head in _PEOPLE or _VERBISH.search(head):
            return word.group() in _PARTS and head not in own
        first = word
    return False


# A word that is no noun of a group: a participle or a conjugated verb (`killed`, `tués`).
_VERBISH = re.compile(
    r"(?:ed|es|ee|ees|ent|ing|ait|aient)$|^(?:are|were|is|was|have|has|had|sont|ont|a)$"
)


# The words a clause may hold before its number when it opens on it: a qualifier.
_OPENS_ON_NUMBER = re.compile(r"\s*(?:[^\W\d_]+['’]?\s*){0,3}")
# A phrase of time fronted before a clause (`rien qu'au cours de la journée de samedi`, `before
# the aggression`): a preposition of time, then no number.
_FRONTED = re.compile(
    r"\s*(?:(?:rien|seulement|only|just)\s+(?:qu['’]\s*)?)?(?:avant|before|apres|after|au\s+cours"
    r"|during|durant|pendant|lors|over|within|in|en|dans|depuis|since)(?![^\W_])[^\d]*$"
)


@lru_cache(maxsize=64)  # the same number's clauses, asked for by several checks
def _region(
    folded: str, span: tuple[int, int], sentence: tuple[int, int], opening: bool = True
) -> str:
    """The number's clause, the clause before it when the number's adds to it (`…, along
    with five wounded`), and (with `opening`) the clause opening the sentence, as one text."""
    start, end = sentence
    low = max(last_mark(folded, start, span[0]) + 1, start)
    high = CLAUSE_MARK.search(folded, span[1], end)
    clause = folded[low : high.start() if high else end]
    if low > start and _ADDING.match(clause):
        previous = max(last_mark(folded, start, low - 1) + 1, start)
        clause = folded[previous:low] + clause
    if not opening:
        return clause
    opening_end = CLAUSE_MARK.search(folded, start, span[0])
    opening = folded[start : opening_end.start()] if opening_end else ""
    if any_written(folded, low, span[0], ("qui", "which", "who")) and _RELATIVE_BEFORE.search(
        folded, low, span[0]
    ):
        # `…, selon un communiqué du ministère qui fait état de 77 229 blessés`: the opening
        # clause (`En 24 heures, …`) qualifies the main clause, not one about its source.
        opening = ""
    elif (
        _COORDINATED.match(clause)
        or (_OWN_COUNT.search(opening) and not _SUBSET_OPENING.match(clause))
    ) and _DIGIT.search(_DATE_WORDS.sub(" ", opening)):
        # `6,900 trucks since March 3, the UN said, and 118 trucks entered on Sunday`: the
        # opening clause has a count of its own, and the number's clause is another statement.
        opening = ""
    if (
        opening_end
        and low - 1 > opening_end.start()
        and _OPENS_ON_NUMBER.fullmatch(folded, low, span[0])
    ):
        # `…, avant le déclenchement de la guerre, quelque 500 camions …`: a clause that opens
        # on its number is set in a time by the phrase fronted right before it.
        fronted = _FRONTED.match(folded, max(last_mark(folded, start, low - 1) + 1, start), low)
        if fronted:
            opening = f"{opening} | {fronted.group()}"
    return f"{opening} | {clause}"


@lru_cache(maxsize=256)
def _label_days(label: str) -> frozenset[tuple[int, int]]:
    """The days (month, day) a label writes, read once for all the numbers it is tried on."""
    return frozenset((d.month, d.day) for d in dates(label))


def _since_elsewhere(region: str, label: str) -> bool:
    """A count `since` a truce, a resumption, or a day other than the one the label counts
    from (`since June 17` for `depuis le 7 octobre 2023`)."""
    counted_from = _label_days(label)
    for since in _SINCE.finditer(region):
        after = region[since.end() : since.end() + 60]
        words = set(_WORDS.findall(after)[:8])
        if not words.isdisjoint(_RESUMED) and not _words(label).intersection(_RESUMED):
            return True
        written = [d for d in dates(after, any_case=True) if d.start < 25]
        if written and counted_from and (written[0].month, written[0].day) not in counted_from:
            # A month alone (`since October 2023`) is not read as a day: only days count.
            return True
    return False


# `198 soldiers and 25 civilians`, `180 soldiers, 12 servicemen and one civilian`
_GIVEN_APART = re.compile(
    r"\s*(?:[^\W\d_]+\s+){1,4}(?:and|et)\s+|\s*(?:[^\W\d_]+\s+){0,3}[^\W\d_]+,\s+"
)
_MORE = re.compile(
    r"\s*(?:supplementaires?|additionnel(?:le)?s?|additional|further|more|de\s+plus)(?![^\W_])"
)
_CONJUNCTION = re.compile(r"(?<![^\W_])(?:and|et)(?![^\W_])")


def breakdowns(folded: str, found: list[Amount]) -> dict[int, str]:
    """The amounts of `found` (in text order, in `folded`) that are parts given side by side,
    with the group each counts (`group_of`) or "": two groups joined by `and` (`198 soldiers
    and 25 civilian residents`, each a different group), or a sum split in two (`3,5 % du PIB
    …, et 1,5 % supplémentaire`, or two amounts of one unit whose sum the paragraph also
    gives). A figure whose unit is the group still counts it (`5 000 enfants et 3 300 femmes`
    for the children killed)."""
    parts: dict[int, str] = {}
    for i in range(len(found) - 1):
        one, two = found[i], found[i + 1]
        between = folded[one.end : two.first]
        if "." in between or one.unit != two.unit:
            continue
        if not one.unit:
            first, second = _group(folded, one.end, 4), _group(folded, two.end, 4)
            if (
                _GIVEN_APART.fullmatch(between)
                and first
                and second
                and first != second
                and _group(folded, one.end, len(between.split())) == first
            ):
                parts.update({i: first, i + 1: second})
            continue
        if not _CONJUNCTION.search(between) or len(between.split()) > 12:
            continue
        total = one.value + two.value
        summed = any(
            abs(a.value - total) < 1e-6 * max(total, 1)
            for j, a in enumerate(found)
            if j not in (i, i + 1) and a.unit == one.unit
        )
        if summed or _MORE.match(folded, two.end):
            parts.update({i: "", i + 1: ""})
    return parts


@lru_cache(maxsize=256)  # a figure's unit, asked for each number it may count
def group_of(word: str) -> str:
    """A group's word as `breakdowns` gives it: `soldiers` and `soldier` are `soldier`."""
    return _singular(fold(word).strip()).removesuffix("s")


def _group(folded: str, pos: int, count: int) -> str:
    """The group (`soldiers`, `civils`) among the `count` words after `pos`, or ""."""
    for n, word in enumerate(_WORDS.finditer(folded, pos, min(len(folded), pos + 60))):
        if n >= count:
            break
        if word.group() in _PARTS:
            return group_of(word.group())
    return ""


_STARTS_WORD = r"(?<![^\W_])"


def _any_of(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern that matches where any of `patterns` does (each opens on `_STARTS_WORD`, with
    no `|` outside brackets after it; tests/test_scope_speed.py checks): its one search, which
    tests the word's start once for all of them, finds nothing where none of them would."""
    rests = [p.pattern.removeprefix(_STARTS_WORD) for p in patterns]
    return re.compile(_STARTS_WORD + "(?:" + "|".join(f"(?:{rest})" for rest in rests) + ")")


REGION_PATTERNS = (_TOTAL, _IN_TRUCE, _PERIOD, _BEFORE, _WITHIN, _EVENT, _DAY_ATTACK, _NEED)
"""What `in_scope` looks for in the number's region: tried only when `_IN_REGION` finds one."""
_IN_REGION = _any_of(*REGION_PATTERNS)
OWN_CLAUSE_PATTERNS = (_GROUP, _GROUP_AFTER, _IN_BUILDINGS, _FREED, _NEIGHBOURS)
"""What `in_scope` looks for in the number's own clause, tried when `_IN_OWN_CLAUSE` finds one."""
_IN_OWN_CLAUSE = _any_of(*OWN_CLAUSE_PATTERNS)


def _writes(words: frozenset[str], triggers: frozenset[str]) -> bool:
    """Whether the sentence's `words` hold one of a pattern's `triggers`: where they hold none,
    the pattern cannot match, and is not searched for."""
    return not words.isdisjoint(triggers)


# Each set holds a word that every match of its patterns writes whole (tests/test_scope_speed.py
# checks it on copy where each matches): a search finds nothing where the sentence has none.
REGION_WORDS = frozenset(
    # _TOTAL, _IN_TRUCE, _BEFORE
    """overall cumulative total tout portant bringing bilan despite malgre during pendant durant
    prior war siege guerre aggression conflict offensive escalation hostilities agression
    conflit hostilites"""
    # _PERIOD
    """ past last previous first premiere premiers premieres dernieres heures hours overnight day
    journee days jours"""
    # _WITHIN
    """ package amount sum envelope paquet enveloppe montant somme"""
    # _EVENT, _DAY_ATTACK
    """ incident strike airstrike explosion blast frappe attaque attack attacks assault vague
    wave received admitted recu admis free rescued found retrouve retrouvee retrouves retrouvees
    released freed liberes liberees relaches relachees"""
    # _NEED
    """ require requires required need needed aimed besoin necessite necessaire necessaires
    exige devrait devraient pourrait pourraient could would may pret prete prets pretes demande
    funding requested requesting request ready prepared prevoit prevoient forecast forecasts
    projected should faudrait stipule stipulent stipulate stipulates stipulated""".split()
)
"""A word of each match of `REGION_PATTERNS`."""
OWN_CLAUSE_WORDS = frozenset(
    # _GROUP, _GROUP_AFTER, _IN_BUILDINGS, _FREED, _NEIGHBOURS
    """sheltering shelters hebergement abrites heberges vivent vivaient vivant living live lived
    installes sheltered housed schools facilities premises ecoles abris installations locaux
    freed liberer release liberation freeing countries voisins limitrophes""".split()
)
"""A word of each match of `OWN_CLAUSE_PATTERNS`."""
REGION_COUNT_WORDS = frozenset("oblast oblasts province provinces region regions y".split())
"""A word of each match of `_REGION`, which `_region_count` needs."""
DATED_WORDS = frozenset(
    [*_MONTHS.split("|"), *"day jour week semaine month mois year an annee".split()]
)
"""A word of each match of `_IN_MONTH`, `_MONTH_OPENING` and `_RATE`, which `_dated_part` needs."""
_INCLUDE_WORDS = frozenset(
    "include included includes comprennent comprenaient incluent incluaient".split()
)
_SINCE_WORDS_WRITTEN = frozenset("since depuis".split())
_ALIVE_WORDS = frozenset("alive living vie vivants vivantes".split())
