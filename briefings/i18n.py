"""Interface strings in French and English, and dates and numbers in the site's language (Babel)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_datetime, format_interval, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal, get_group_symbol

MESSAGES: dict[str, dict[str, str]] = {
    "fr": {
        "skip": "Aller au contenu",
        "nav": "Navigation principale",
        "home": "Accueil",
        "dossiers": "Dossiers",
        "timeline": "Chronologie",
        "people": "Acteurs",
        "sources": "Sources",
        "search": "Recherche",
        "search_placeholder": "Rechercher dans les dossiers",
        "latest": "Derniers articles",
        "updated": "Mis à jour le",
        "overview": "Présentation",
        "dossier_timeline": "Chronologie des extraits",
        "quotes": "Citations",
        "speaker_unknown": "Auteur non identifié",
        "people_involved": "Acteurs cités",
        "related_dossiers": "Dossiers liés",
        "sources_cited": "Sources citées",
        "read_in_article": "Lire dans l'article",
        "original": "Article original",
        "source": "Source",
        "published": "Publié le",
        "in_dossiers": "Dossiers",
        "related_articles": "Articles liés",
        "quotes_in_article": "Citations dans l'article",
        "quoted": "Citation",
        "role": "Rôle",
        "quotes_by_dossier": "Citations par dossier",
        "other_quotes": "Hors dossier",
        "mentioned_in": "Mentionné dans",
        "by_dossier": "Présence par dossier",
        "no_quotes": "Aucune citation pour l'instant.",
        "no_articles": "Aucun article pour l'instant.",
        "all_people": "Personnes et institutions",
        "institution": "Institution",
        "person": "Personne",
        "all_sources": "Éditeurs et agences",
        "all_timeline": "Tous les articles par date",
        "feed": "Flux Atom",
        "json": "Données JSON",
        "not_found": "Page introuvable",
        "not_found_text": "Cette page n'existe pas ou a été déplacée.",
        "back_home": "Retour à l'accueil",
        "not_found_dossiers": "Les dossiers suivis",
        "dossier_feed": "Flux Atom du dossier",
        "no_excerpts": "Aucun extrait pour l'instant.",
        "paragraph": "Paragraphe",
        "said": "a déclaré",
        # Punctuation and search: French puts a no-break space before a colon, inside « ».
        "colon": "\u00a0: ",
        "search_label": "Rechercher dans le site",
        "search_submit": "Rechercher",
        "search_terms": "Mots recherchés",
        "search_dossier": "Dossier",
        "search_all_dossiers": "Tous les dossiers",
        "search_kind": "Type",
        "search_all_kinds": "Tout",
        "kind_article": "Article",
        "kind_dossier": "Dossier",
        "kind_quote": "Citation",
        "search_none": "Aucun résultat pour «\u00a0{query}\u00a0».",
        "search_one": "1 résultat pour «\u00a0{query}\u00a0».",
        "search_many": "{count} résultats pour «\u00a0{query}\u00a0».",
        "search_more": "Plus de résultats",
        "search_loading": "Recherche en cours…",
        "search_counting": "Au moins {count} résultats pour «\u00a0{query}\u00a0», "
        "recherche en cours…",
        "search_error": "La recherche est indisponible pour le moment.",
        "search_noscript": "La recherche a besoin de JavaScript. Les dossiers, la chronologie "
        "et la liste des acteurs restent accessibles par le menu.",
        "search_results": "Résultats",
        "dossier_named": "Dossier\u00a0: {title}",
        # Pagination of the dossiers, the people's pages and the timeline.
        "pager": "Pagination",
        "page": "Page",
        "page_of": "Page {number} sur {total}",
        "previous_page": "Page précédente",
        "next_page": "Page suivante",
        "first_page": "Retour à la première page",
        "no_excerpts_on_page": "Aucun extrait dans les articles de cette page.",
        "no_quotes_on_page": "Aucune citation dans les articles de cette page.",
        "not_mentioned_on_page": "Aucune mention dans les articles de cette page.",
        # `briefings check`: the speakers and actors people.yaml does not know.
        "unknown_title": "Acteurs nommés dans les articles que people.yaml ne connaît pas "
        "({count}), les plus fréquents d'abord (citations, mentions, articles où ils "
        "apparaissent le plus)\u00a0:",
        "unknown_more": "et {count} autres",
        "unknown_snippet": "À vérifier puis coller dans content/people.yaml\u00a0:",
        "unknown_sources_title": "Sources de chiffres clés que people.yaml ne connaît pas "
        "({count}), les plus fréquentes d'abord (valeurs, articles où elles sont écrites)\u00a0:",
        "unknown_sources_hint": "Ajoutez celles qui nomment une entrée de content/people.yaml à "
        "ses aliases\u00a0: ses valeurs rejoindront sa série.",
        "figures_read_title": "Valeurs des chiffres clés lues dans les articles ({count}), à "
        "vérifier avant de publier (date, nombre écrit, source, paragraphe)\u00a0:",
        "figures_read_none": "Aucun chiffre clé n'a pris de valeur dans les articles.",
        "figures_no_source": "source non nommée",
        # Key figures (issue 20): the first page of a dossier.
        "key_figures": "Chiffres clés",
        "according_to": "selon {name}",
        # A person page's dated roles (people.yaml `roles:`).
        "positions": "Fonctions",
        "held_since": "depuis le {date}",
        "held_until": "jusqu'au {date}",
        "provenance_unknown": "source non précisée",
        "figure_values": "Les valeurs une à une",
        "figure_date": "Date",
        "figure_value": "Valeur",
        "figure_provenance": "Selon",
        "figure_where": "Dans l'article",
        "chart": "Graphique",
        "chart_legend": "Légende",
        # A figure's page shows one value a day (a week, a month) per source; index.json has
        # them all.
        "values_of_found": "{values} sur {found} relevées",
        "figure_one_per": "Une valeur par {period} et par source, la dernière publiée\u00a0: "
        "{values} sur {found} relevées. Toutes sont dans les données du dossier (index.json).",
        "period_day": "jour",
        "period_week": "semaine",
        "period_month": "mois",
    },
    "en": {
        "skip": "Skip to content",
        "nav": "Main navigation",
        "home": "Home",
        "dossiers": "Dossiers",
        "timeline": "Timeline",
        "people": "People",
        "sources": "Sources",
        "search": "Search",
        "search_placeholder": "Search the dossiers",
        "latest": "Latest articles",
        "updated": "Updated",
        "overview": "Overview",
        "dossier_timeline": "Timeline of excerpts",
        "quotes": "Quotes",
        "speaker_unknown": "Unidentified speaker",
        "people_involved": "People mentioned",
        "related_dossiers": "Related dossiers",
        "sources_cited": "Sources cited",
        "read_in_article": "Read in the article",
        "original": "Original article",
        "source": "Source",
        "published": "Published",
        "in_dossiers": "Dossiers",
        "related_articles": "Related articles",
        "quotes_in_article": "Quotes in this article",
        "quoted": "Quote",
        "role": "Role",
        "quotes_by_dossier": "Quotes by dossier",
        "other_quotes": "Outside any dossier",
        "mentioned_in": "Mentioned in",
        "by_dossier": "Presence by dossier",
        "no_quotes": "No quotes yet.",
        "no_articles": "No articles yet.",
        "all_people": "People and institutions",
        "institution": "Institution",
        "person": "Person",
        "all_sources": "Publishers and agencies",
        "all_timeline": "Every article by date",
        "feed": "Atom feed",
        "json": "JSON data",
        "not_found": "Page not found",
        "not_found_text": "This page does not exist or has moved.",
        "back_home": "Back to the home page",
        "not_found_dossiers": "The dossiers we follow",
        "dossier_feed": "This dossier's Atom feed",
        "no_excerpts": "No excerpts yet.",
        "paragraph": "Paragraph",
        "said": "said",
        "colon": ": ",
        "search_label": "Search the site",
        "search_submit": "Search",
        "search_terms": "Search terms",
        "search_dossier": "Dossier",
        "search_all_dossiers": "All dossiers",
        "search_kind": "Type",
        "search_all_kinds": "Everything",
        "kind_article": "Article",
        "kind_dossier": "Dossier",
        "kind_quote": "Quote",
        "search_none": "No results for “{query}”.",
        "search_one": "1 result for “{query}”.",
        "search_many": "{count} results for “{query}”.",
        "search_more": "More results",
        "search_loading": "Searching…",
        "search_counting": "At least {count} results for “{query}”, still searching…",
        "search_error": "Search is unavailable at the moment.",
        "search_noscript": "Search needs JavaScript. The dossiers, the timeline and the list of "
        "people are still reachable from the menu.",
        "search_results": "Results",
        "dossier_named": "Dossier: {title}",
        "pager": "Pagination",
        "page": "Page",
        "page_of": "Page {number} of {total}",
        "previous_page": "Previous page",
        "next_page": "Next page",
        "first_page": "Back to the first page",
        "no_excerpts_on_page": "No excerpts in the articles on this page.",
        "no_quotes_on_page": "No quotes in the articles on this page.",
        "not_mentioned_on_page": "No mentions in the articles on this page.",
        "unknown_title": "People named in the articles whom people.yaml does not know ({count}), "
        "most frequent first (quotes, mentions, the articles naming them most):",
        "unknown_more": "and {count} more",
        "unknown_snippet": "To check, then paste into content/people.yaml:",
        "unknown_sources_title": "Sources of key figures people.yaml does not know ({count}), "
        "most frequent first (values, the articles writing them):",
        "unknown_sources_hint": "Add those that name an entry of content/people.yaml to its "
        "aliases: their values will join its series.",
        "figures_read_title": "Key figures' values read in the articles ({count}), to check "
        "before publishing (date, number as written, source, paragraph):",
        "figures_read_none": "No key figure took a value in the articles.",
        "figures_no_source": "no source named",
        "key_figures": "Key figures",
        "according_to": "according to {name}",
        "positions": "Positions",
        "held_since": "since {date}",
        "held_until": "until {date}",
        "provenance_unknown": "source not given",
        "figure_values": "The values one by one",
        "figure_date": "Date",
        "figure_value": "Value",
        "figure_provenance": "According to",
        "figure_where": "In the article",
        "chart": "Chart",
        "chart_legend": "Legend",
        # A figure's page shows one value a day (a week, a month) per source; index.json has
        # them all.
        "values_of_found": "{values} of {found} found",
        "figure_one_per": "One value a {period} per source, the last published: {values} of "
        "{found} found. The dossier's data (index.json) has them all.",
        "period_day": "day",
        "period_week": "week",
        "period_month": "month",
    },
}


# Counted nouns: (singular, plural); Babel's plural rules choose (French: 0 and 1 are singular).
COUNTED: dict[str, dict[str, tuple[str, str]]] = {
    "fr": {
        "articles": ("article", "articles"),
        "excerpts": ("extrait", "extraits"),
        "quotes": ("citation", "citations"),
        "mentions": ("mention", "mentions"),
        "shared_articles": ("article en commun", "articles en commun"),
        "values": ("valeur", "valeurs"),
        "provenances": ("source", "sources"),
        "other_values_day": ("autre valeur ce jour-là", "autres valeurs ce jour-là"),
        "other_values_week": ("autre valeur cette semaine-là", "autres valeurs cette semaine-là"),
        "other_values_month": ("autre valeur ce mois-là", "autres valeurs ce mois-là"),
    },
    "en": {
        "articles": ("article", "articles"),
        "excerpts": ("excerpt", "excerpts"),
        "quotes": ("quote", "quotes"),
        "mentions": ("mention", "mentions"),
        "shared_articles": ("shared article", "shared articles"),
        "values": ("value", "values"),
        "provenances": ("source", "sources"),
        "other_values_day": ("other value that day", "other values that day"),
        "other_values_week": ("other value that week", "other values that week"),
        "other_values_month": ("other value that month", "other values that month"),
    },
}


# The hedges of a figure's value (issue 20): a value read in an English article shows on a
# French page with a French qualifier, and the other way round. Each meaning, in each language...
QUALIFIERS: dict[str, dict[str, str]] = {
    "more": {"fr": "plus de", "en": "more than"},
    "just over": {"fr": "un peu plus de", "en": "just over"},
    "well over": {"fr": "bien plus de", "en": "well over"},
    "nearly": {"fr": "près de", "en": "nearly"},
    "about": {"fr": "environ", "en": "about"},
    "at least": {"fr": "au moins", "en": "at least"},
    "less": {"fr": "moins de", "en": "less than"},
    "just under": {"fr": "un peu moins de", "en": "just under"},
    "up to": {"fr": "jusqu'à", "en": "up to"},
}
# ... and the other forms that say it, by language.
_FORMS: dict[str, dict[str, str]] = {
    "fr": {
        **{forms["fr"]: key for key, forms in QUALIFIERS.items()},
        **dict.fromkeys(["pas moins de", "d'au moins"], "at least"),
        "au-delà de": "more",
        **dict.fromkeys(["largement plus de", "bien au-delà de"], "well over"),
        **dict.fromkeys(["presque", "quasiment", "près"], "nearly"),
        **dict.fromkeys(["quelque", "approximativement", "autour de", "à peu près"], "about"),
        "de l'ordre de": "about",
    },
    "en": {
        **{forms["en"]: key for key, forms in QUALIFIERS.items()},
        **dict.fromkeys(["over", "in excess of", "upwards of"], "more"),
        **dict.fromkeys(["almost", "close to"], "nearly"),
        **dict.fromkeys(["around", "some", "roughly", "approximately"], "about"),
        **dict.fromkeys(["an estimated", "estimated"], "about"),
        **dict.fromkeys(["no fewer than", "no less than"], "at least"),
        "fewer than": "less",
        "as many as": "up to",
    },
}

NBSP = "\u00a0"

_SCALES = (1e12, 1e9, 1e6, 1e3)
"""The powers of ten that have a name (thousand, million...), as Babel's compact forms use them."""


@lru_cache(maxsize=8192)
def _format_date(day: dt.date, style: str, code: str) -> str:
    # Babel is slow per call and a site repeats the same few hundred dates on every page.
    return format_date(day, format=style, locale=_locale(code))


@lru_cache(maxsize=64)
def _locale(code: str) -> Locale:
    # Parsing a locale costs as much as the formatting asked for, and pages ask thousands of times.
    return Locale.parse(code.replace("-", "_"))


@lru_cache(maxsize=8192, typed=True)
def _format_number(value: int, code: str) -> str:
    # Counts on pages are small numbers, repeated on every page that shows them.
    return format_decimal(value, locale=_locale(code))


@lru_cache(maxsize=8192, typed=True)
def _compact_long(value: float, code: str) -> str:
    # The same tolls and sums recur through a dossier's thousands of values.
    text = format_compact_decimal(
        value, format_type="long", locale=_locale(code), fraction_digits=2
    )
    return text.replace(" ", "\u00a0")


@lru_cache(maxsize=64)
def _group_symbol(code: str) -> str:
    """The symbol that groups a whole number's digits by threes in this language, when Babel
    writes whole numbers so (`22\u202f700`, `22,700`); "" when it does not (Swiss French
    leaves millions ungrouped): those numbers are left to Babel."""
    symbol, locale = get_group_symbol(_locale(code)), _locale(code)
    for value in (0, 12, 1_234, 22_700, 123_456, 1_234_567, 12_345_678_901):
        if f"{value:,}".replace(",", symbol) != format_decimal(
            value, format="#,##0.##", locale=locale
        ):
            return ""
    return symbol


@lru_cache(maxsize=8192)
def _plural_form(value: int, code: str) -> str:
    # Babel evaluates the language's plural rule anew at each call; pages count by the thousand.
    return _locale(code).plural_form(value)


@dataclass(frozen=True, slots=True)
class Language:
    """The interface language of a site: its strings, dates and numbers."""

    code: str
    """BCP 47, as written in site.yaml (`fr`, `en-GB`)."""

    @property
    def locale(self) -> Locale:
        return _locale(self.code)

    @property
    def messages(self) -> dict[str, str]:
        # Interface strings exist in French and English; other languages read English.
        return MESSAGES.get(self.code.split("-")[0].lower(), MESSAGES["en"])

    def gettext(self) -> Callable[[str], str]:
        messages = self.messages
        return lambda key: messages.get(key, MESSAGES["en"].get(key, key))

    def date(self, when: dt.date | dt.datetime, style: str = "long") -> str:
        day = when.date() if isinstance(when, dt.datetime) else when
        return _format_date(day, style, self.code)

    def datetime(self, when: dt.datetime) -> str:
        return format_datetime(when, format="long", locale=self.locale)

    def month(self, when: dt.date | dt.datetime) -> str:
        return format_date(when, format="LLLL y", locale=self.locale).capitalize()

    def number(self, value: int) -> str:
        return _format_number(value, self.code)

    def period(self, start: dt.date | None, end: dt.date | None) -> str:
        """When a role was held: `26 janv. 2021 – 20 janv. 2025`, `depuis le 21 janv. 2025`,
        `until Jan 20, 2025`, or nothing when it has no dates."""
        if start and end:
            return format_interval(start, end, "yMMMd", locale=self.locale)
        if start or end:
            key, day = ("held_since", start) if start else ("held_until", end)
            assert day is not None
            return self.gettext()(key).format(date=self.short_date(day, "yMMMd"))
        return ""

    def short_date(self, day: dt.date, skeleton: str) -> str:
        """A date as the language writes a short one: `MMMd` is `8 mars` or `Mar 8`."""
        return format_skeleton(skeleton, day, locale=self.locale)

    def decimal(self, value: float, digits: int | None = None) -> str:
        """`44 800` (with a narrow no-break space in French), `44,800`, `0,25`: `digits`
        decimals exactly, or up to two."""
        if digits is None and 0 <= value < 1e15 and value == int(value):
            # Babel would parse its pattern again for each of a dossier's thousands of values,
            # in every build: a whole number is grouped by threes where Babel does so too.
            symbol = _group_symbol(self.code)
            if symbol:
                return f"{int(value):,}".replace(",", symbol)
        places = "#" * 2 if digits is None else "0" * digits
        return format_decimal(value, format=f"#,##0.{places}", locale=self.locale)

    def compact(self, value: float, digits: int) -> str:
        """`1,5 M`, `30 Md`, `1.5M`, `30B`: for the ticks of a chart's axis."""
        text = format_compact_decimal(value, locale=self.locale, fraction_digits=digits)
        return text.replace(" ", "\u00a0")

    def qualifier(self, written: str) -> str:
        """A value's hedge as this language says it before a number in figures: as written when
        it is this language's (`plus d'` is `plus de`), translated when it is the other's
        (`more than` is `plus de` in French), as written when it is not known."""
        words = " ".join(written.replace("’", "'").split())
        words = words[:-2] + "de" if words.endswith(" d'") else words
        mine = self.code.split("-")[0].lower()
        folded = words.casefold()
        if folded in _FORMS.get(mine, {}):
            return words
        for other, forms in _FORMS.items():
            if other != mine and folded in forms:
                meaning = QUALIFIERS[forms[folded]]
                return meaning.get(mine, meaning["en"])
        return words

    def quantity(self, value: float, unit: str, qualifier: str = "") -> str:
        """A value as a reader says it, after its `qualifier` (as `qualifier` gives it): `plus de
        44\u202f800\u00a0personnes`, `1,2 million de personnes`, `60\u00a0%`, `more than 1.2
        million people`, `60%`."""
        french = self.code.split("-")[0].lower() == "fr"
        scale = next((s for s in _SCALES[:3] if abs(value) >= s), 0.0)
        if unit == "%":
            text = self.decimal(value) + ("\u00a0%" if french else "%")
        elif scale and abs(round(value / scale, 2) * scale - value) <= abs(value) * 1e-9:
            # Round millions and more in words, after which French says `de` before the unit.
            number = _compact_long(value, self.code)
            if french and unit:
                unit = ("d'" if unit[:1].casefold() in "aeiouhâéèêîôû" else "de ") + unit
            text = f"{number}{' ' if french else NBSP}{unit}" if unit else number
        else:
            text = f"{self.decimal(value)}\u00a0{unit}" if unit else self.decimal(value)
        return f"{qualifier} {text}" if qualifier else text

    def count(self, value: int, key: str) -> str:
        """`1 mention`, `3 mentions`, `0 article` in French: the noun in its plural form."""
        forms = COUNTED.get(self.code.split("-")[0].lower(), COUNTED["en"])[key]
        form = forms[0] if _plural_form(value, self.code) == "one" else forms[1]
        return f"{self.number(value)}\u00a0{form}"
