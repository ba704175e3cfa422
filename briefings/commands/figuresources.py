"""The sources of key figures people.yaml does not know, for `briefings check` to list.

A value's provenance that no people.yaml entry resolves keeps its own words (`les autorités
séparatistes`, `le Haut commissariat`): it is charted as a series of its own, apart from the
entry it may stand for. Listing those words, most values first, with the articles where they
are written, lets the analyst add them to the right entry's aliases. It is advice, like the
unknown speakers' listing, neither an error nor a warning.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..i18n import Language
from ..model import Corpus
from ..text.matching import fold

SHOWN = 25
"""The most frequent listed, with a count of the rest."""
TOP_ARTICLES = 3


@dataclass(frozen=True, slots=True)
class UnknownSource:
    """Words that give values of key figures and name no people.yaml entry."""

    name: str
    """As first written."""
    values: int
    articles: tuple[str, ...]
    """Slugs of the articles giving most of its values, most first."""


def unknown_sources(corpus: Corpus) -> tuple[UnknownSource, ...]:
    """Every such source of the corpus, most values first; the same words in other capitals or
    accents are one source."""
    written: dict[str, str] = {}
    counts: Counter[str] = Counter()
    per_article: dict[str, Counter[str]] = {}
    for slug in sorted(corpus.analyses):
        for value in corpus.analyses[slug].figures:
            source = value.provenance
            if source.id is not None or not source.name.strip():
                continue
            key = " ".join(fold(source.name).split())
            written.setdefault(key, " ".join(source.name.split()))
            counts[key] += 1
            per_article.setdefault(key, Counter())[slug] += 1
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    return tuple(
        UnknownSource(
            written[key],
            counts[key],
            tuple(slug for slug, _ in per_article[key].most_common(TOP_ARTICLES)),
        )
        for key in ranked
    )


def listing(entries: tuple[UnknownSource, ...], language: Language) -> str:
    """What `check` prints, in the site's language; "" when there are none."""
    if not entries:
        return ""
    t = language.gettext()
    lines = [t("unknown_sources_title").format(count=language.number(len(entries)))]
    for entry in entries[:SHOWN]:
        line = f"  {entry.name} ({language.count(entry.values, 'values')})"
        lines.append(f"{line}{t('colon')}{', '.join(entry.articles)}")
    if len(entries) > SHOWN:
        lines.append("  " + t("unknown_more").format(count=language.number(len(entries) - SHOWN)))
    lines.append(t("unknown_sources_hint"))
    return "\n".join(lines) + "\n"
