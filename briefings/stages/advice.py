"""Advice on the content: what builds but is probably not what the editor meant.

An article in no dossier, one without the `url` of its original, a topic with no article, a person
never mentioned. Found once the corpus is linked; every build says them (at most ten, with the
count of the rest), and `briefings check` lists them all.
"""

from __future__ import annotations

from ..diagnostics import Reporter
from ..model import Corpus, Diagnostic
from ..text.yamlread import load


def content_warnings(corpus: Corpus) -> list[Diagnostic]:
    """What builds but is probably not what the editor meant."""
    found = []
    for slug, article in corpus.articles.items():
        if not corpus.analyses[slug].topics:
            found.append(
                _warning(
                    article.path,
                    article.body_line,
                    f"article '{slug}' is in no dossier: no paragraph matches a topic's keywords",
                    "add keywords to a topic, or list topics in its front matter: topics: [gaza]",
                )
            )
        if not article.url:
            found.append(
                _warning(
                    article.path,
                    1,
                    f"article '{slug}' has no 'url' linking to the original",
                    "url: https://www.aa.com.tr/fr/...",
                )
            )
    for dossier in corpus.dossiers.values():
        if not dossier.articles:
            topic = dossier.topic
            found.append(
                _warning(
                    topic.path,
                    1,
                    f"topic '{topic.id}' has no article",
                    "check its keywords against the articles' text",
                )
            )
    lines = _people_lines(corpus)
    for pid, person in corpus.content.people.items():
        if pid not in corpus.person_articles and pid not in corpus.person_quotes:
            found.append(
                _warning(
                    "content/people.yaml",
                    lines.get(pid, 1),
                    f"'{pid}' ({person.name}) is never mentioned",
                    "add the alias the articles use for them, or remove the entry",
                )
            )
    return found


def _warning(path: str, line: int, message: str, hint: str) -> Diagnostic:
    return Diagnostic(path, line, 1, message, hint, "warning")


def _people_lines(corpus: Corpus) -> dict[str, int]:
    """The line of each id in people.yaml (already validated by the content stage)."""
    path = corpus.content.config.site_dir / "content" / "people.yaml"
    try:
        value = load(path.read_text(encoding="utf-8"), Reporter("content/people.yaml"))
    except OSError:
        return {}
    if value is None or not isinstance(value.data, dict):
        return {}
    return {key: where.line for key, (where, _) in value.data.items()}
