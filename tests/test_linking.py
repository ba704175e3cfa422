"""Linking's dossiers, checked against their definition on the example site's analysed articles."""

from __future__ import annotations

from collections import Counter

from briefings.incremental import batch
from briefings.model import Block, Excerpt, new_block, new_excerpt
from briefings.stages.config import Overrides
from briefings.stages.content import load_site
from briefings.stages.linking import link

from .conftest import REPO


def test_an_excerpt_made_directly_is_the_one_its_class_makes() -> None:
    # Linking makes its 90,000 excerpts (4,000 articles) with `new_excerpt`, slots set directly.
    block = new_block("paragraph", "<p>Kiev « tient »</p>\n", "Kiev « tient »", 7, 2, topics=("u",))
    made, made_by_class = new_excerpt("kiev-tient", block), Excerpt("kiev-tient", block)
    assert made == made_by_class and hash(made) == hash(made_by_class)
    assert repr(made) == repr(made_by_class) and type(made) is Excerpt
    assert (made.article, made.block, made.number, made.text) == (
        "kiev-tient",
        block,
        2,
        block.text,
    )
    assert new_excerpt("a", block) != new_excerpt("b", block)


def test_each_dossier_holds_the_paragraphs_routed_to_it_and_the_people_they_name() -> None:
    """A dossier's excerpts: each numbered paragraph routed to the dossier's topic, of each
    article filed under it, newest article first, in the article's order; its people: those
    named in those paragraphs (or in the front matter) of those articles, once per mention."""
    content, _ = load_site(REPO, Overrides(drafts=True))
    analyses, _ = batch.analyze_all(content, use_disk=False)
    corpus = link(content, analyses, {})
    dossier_ids = {t.id for t in content.topics}
    shown = 0
    for topic in content.topics:
        dossier = corpus.dossiers[topic.id]
        excerpts: list[tuple[str, Block]] = []
        people: Counter[str] = Counter()
        for article in content.articles:  # newest first
            analysis = analyses[article.slug]
            if topic.id not in analysis.topics:
                continue
            routed = [b for b in analysis.blocks if b.number and topic.id in b.topics]
            excerpts += [(article.slug, b) for b in routed]
            numbers = {b.number for b in routed}
            people.update(m.person for m in analysis.mentions if m.block in numbers or not m.block)
        assert [(e.article, e.block) for e in dossier.excerpts] == excerpts
        assert all(e.block.topics and set(e.block.topics) & dossier_ids for e in dossier.excerpts)
        assert dict(dossier.people) == dict(people)
        shown += len(excerpts)
    # The example site has paragraphs routed to two dossiers at once: each in both.
    assert shown > 50
    assert any(
        len([t for t in b.topics if t in dossier_ids]) > 1
        for a in analyses.values()
        for b in a.blocks
        if b.number
    )
