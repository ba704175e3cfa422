"""The speakers and actors people.yaml does not know, for `briefings check` to list.

What counts as one is decided in `text.actors`. Each is listed with its quotes and mentions (the
times its full name appears outside quotes), the articles where it appears most, and an entry
for people.yaml ready to paste: the id slugged from the name, the role the text gives it most
often, `kind` and `aliases`. Nothing here is an error or a warning: it is advice.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

import yaml

from ..i18n import Language
from ..model import Corpus
from ..slugs import slugify
from ..text.actors import introduced_actors, is_institution, is_name
from ..text.matching import NameIndex
from ..text.quotes import quote_spans

SHOWN = 25
"""The most frequent listed, with a count of the rest."""
TOP_ARTICLES = 3


@dataclass(frozen=True, slots=True)
class Unknown:
    """A speaker or actor the articles name and people.yaml does not know."""

    id: str
    """Slugged from the name, not taken by people.yaml or another entry."""
    name: str
    role: str
    """The role the text gives most often, first letter capitalised; "" if none."""
    kind: str
    quotes: int
    mentions: int
    articles: tuple[str, ...]
    """Slugs of the articles naming it most, most first."""


def unknown_actors(corpus: Corpus) -> tuple[Unknown, ...]:
    """Every unknown speaker and actor of the corpus, most frequent first."""
    people = corpus.content.people
    names = NameIndex.build({p.id: p.aliases for p in people.values()})
    quotes: Counter[str] = Counter()
    roles: dict[str, Counter[str]] = {}
    per_article: dict[str, Counter[str]] = {}
    for slug, analysis in corpus.analyses.items():
        for quote in analysis.quotes:
            said = quote.speaker.name
            if quote.speaker.id is None and is_name(said) and not names.find(said):
                quotes[said] += 1
                per_article.setdefault(said, Counter())[slug] += 1
        for block in analysis.blocks:
            if block.number:
                for actor in introduced_actors(block.text, names.find(block.text)):
                    if actor.role:
                        roles.setdefault(actor.name, Counter())[actor.role] += 1
                    else:
                        roles.setdefault(actor.name, Counter())
    found = set(quotes) | set(roles)
    if not found:
        return ()
    mentions = _mentions(corpus, found, per_article)
    taken = set(people)
    listed = []
    ranked = sorted(found, key=lambda n: (-(quotes[n] + mentions[n]), n))
    for name in ranked:
        role = roles.get(name, Counter()).most_common(1)
        pid = _free_id(slugify(name, "person"), taken)
        taken.add(pid)
        top = per_article.get(name, Counter()).most_common(TOP_ARTICLES)
        listed.append(
            Unknown(
                pid,
                name,
                _capitalised(role[0][0]) if role else "",
                "institution" if is_institution(name) else "person",
                quotes[name],
                mentions[name],
                tuple(slug for slug, _ in top),
            )
        )
    return tuple(listed)


def _mentions(
    corpus: Corpus, found: set[str], per_article: dict[str, Counter[str]]
) -> Counter[str]:
    """How many times each name appears in the articles outside quotes; counted per article in
    `per_article` too."""
    index = NameIndex.build({name: [name] for name in found})
    counts: Counter[str] = Counter()
    for slug, analysis in corpus.analyses.items():
        for block in analysis.blocks:
            if not block.number:
                continue
            spans = quote_spans(block.text)
            for match in index.find(block.text):
                if not any(q.start <= match.start < q.end for q in spans):
                    counts[match.id] += 1
                    per_article.setdefault(match.id, Counter())[slug] += 1
    return counts


def _free_id(pid: str, taken: set[str]) -> str:
    number, free = 1, pid
    while free in taken:
        number += 1
        free = f"{pid}-{number}"
    return free


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------- the listing

_PLAIN = re.compile(r"[^\W\d_][\w .'’()-]*[\w.)]|[^\W\d_]")


def _scalar(text: str) -> str:
    """`text` as a YAML scalar in a flow list or after `key: `: plain when YAML reads it back as
    the same text, else double-quoted."""
    if _PLAIN.fullmatch(text) and ": " not in text and " #" not in text:
        try:
            if yaml.safe_load(f"k: [{text}]") == {"k": [text]}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def _aliases(entry: Unknown) -> list[str]:
    """The full name, and for a person the surname alone when it is distinctive enough."""
    aliases = [entry.name]
    last = entry.name.split()[-1]
    if entry.kind == "person" and len(last) >= 4 and last[:1].isupper():
        aliases.append(last)
    return aliases


def snippet(entries: tuple[Unknown, ...]) -> str:
    """people.yaml entries for `entries`, in the format of content/people.yaml."""
    lines = []
    for entry in entries:
        lines.append(f"{_scalar(entry.id)}:")  # an id such as `no` or `2024` is quoted
        lines.append(f"  name: {_scalar(entry.name)}")
        if entry.role:
            lines.append(f"  role: {_scalar(entry.role)}")
        lines.append(f"  kind: {entry.kind}")
        lines.append(f"  aliases: [{', '.join(_scalar(a) for a in _aliases(entry))}]")
    return "\n".join(lines) + "\n" if lines else ""


def listing(entries: tuple[Unknown, ...], language: Language) -> str:
    """What `check` prints: the entries most frequent first, then the snippet, in the site's
    language; "" when there are none."""
    if not entries:
        return ""
    t = language.gettext()
    shown = entries[:SHOWN]
    lines = [t("unknown_title").format(count=language.number(len(entries)))]
    for entry in shown:
        quotes = language.count(entry.quotes, "quotes")
        counts = f"{quotes}, {language.count(entry.mentions, 'mentions')}"
        where = ", ".join(entry.articles)
        line = f"  {entry.name} ({counts})"
        lines.append(f"{line}{t('colon')}{where}" if where else line)
    if len(entries) > SHOWN:
        lines.append("  " + t("unknown_more").format(count=language.number(len(entries) - SHOWN)))
    lines.append(t("unknown_snippet"))
    lines.append(snippet(shown).rstrip("\n"))
    return "\n".join(lines) + "\n"
