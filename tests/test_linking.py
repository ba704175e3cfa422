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


def test_related_articles_taken_from_the_last_build_are_those_made_anew() -> None:
    """Linking takes an article's related articles from the last build when its date, topics,
    people and its windows in their lists are unchanged (`linking.related_articles`): after
    each of a hundred random edits (a date moved, onto another article's day too, a topic or a
    person added or dropped, an article deleted or added, the order of a day's articles
    changed), the lists are those made from nothing."""
    import dataclasses
    import datetime as dt
    import random

    from briefings.model import Mention
    from briefings.stages.linking import related_articles

    content, _ = load_site(REPO, Overrides(drafts=True))
    made, _ = batch.analyze_all(content, use_disk=False)
    # The example's 25 articles eight times, a season apart: lists longer than their windows.
    copies = [
        (f"{a.slug}-{k}", a.date - dt.timedelta(days=91 * k), a)
        for k in range(8)
        for a in content.articles
    ]
    copies.sort(key=lambda c: (c[1], c[0]), reverse=True)
    articles = {s: dataclasses.replace(a, slug=s, date=d) for s, d, a in copies}
    analyses = {s: made[a.slug] for s, _, a in copies}
    topics = [t.id for t in content.topics]
    people = sorted({m.person for a in analyses.values() for m in a.mentions})
    last = related_articles(articles, analyses)
    chance = random.Random(18)
    taken = 0
    for step in range(100):
        slug = chance.choice(list(articles))
        article, analysis = articles[slug], analyses[slug]
        edit = chance.choice(["date", "same day", "topic", "person", "delete", "add", "order"])
        if edit == "date":
            article = dataclasses.replace(
                article, date=article.date + dt.timedelta(days=chance.randint(-40, 40))
            )
        elif edit == "same day":
            article = dataclasses.replace(
                article, date=articles[chance.choice(list(articles))].date
            )
        elif edit == "topic":
            chosen = chance.choice(topics)
            kept = tuple(t for t in analysis.topics if t != chosen)
            changed = kept if kept != analysis.topics else (*kept, chosen)
            analysis = dataclasses.replace(analysis, topics=changed)
        elif edit == "person":
            chosen = chance.choice(people)
            kept_mentions = tuple(m for m in analysis.mentions if m.person != chosen)
            if kept_mentions == analysis.mentions:
                kept_mentions += (Mention(chosen, 1),)
            analysis = dataclasses.replace(analysis, mentions=kept_mentions)
        elif edit == "delete":
            del articles[slug], analyses[slug]
        elif edit == "add":
            copy = f"{slug}-{step}"
            articles[copy] = dataclasses.replace(article, slug=copy)
            analyses[copy] = analysis
        if slug in articles and edit not in ("delete", "add"):
            articles[slug], analyses[slug] = article, analysis
        # Newest first, as the content gives them; a day's articles in either order.
        flip = edit == "order"
        order = sorted(articles, key=lambda s: (articles[s].date, s != slug if flip else s))
        articles = {s: articles[s] for s in reversed(order)}
        again = related_articles(articles, analyses, last)
        fresh = related_articles(articles, analyses)
        assert again == fresh and list(again[1]) == list(articles), (step, edit)
        taken += sum(again[1][s] is last[1].get(s) for s in articles)
        last = again
    # Most lists were taken, not made again.
    assert taken > 100 * len(articles) // 2


def test_the_related_articles_are_kept_for_the_next_build_and_a_changed_file_is_ignored(
    tmp_path,
) -> None:
    import shutil

    from briefings.build import BuildCache, build
    from briefings.incremental.relatedmemo import RelatedMemo

    from .conftest import manifest, run

    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    (site / "site.yaml").write_text((REPO / "site.yaml").read_text() + "search: false\n")
    corpus = build(site, Overrides(), BuildCache.on_disk(site)).corpus
    store = site / ".briefings-cache/related.jsonl"
    last = RelatedMemo(store).last()
    assert last == (corpus.related_inputs, corpus.related_articles)
    assert len(last[0]) == len(corpus.articles) > 20
    # One list changed in the file: its line no longer verifies, and every list is made anew.
    related = next(r for r in last[1].values() if len(r) > 1)
    lines = store.read_text(encoding="utf-8").split("\n")
    listed = '"' + '", "'.join(related) + '"'
    assert listed in lines[1]
    lines[1] = lines[1].replace(listed, '"' + '", "'.join(reversed(related)) + '"')
    store.write_text("\n".join(lines), encoding="utf-8")
    assert RelatedMemo(store).last() is None
    shutil.rmtree(site / "_site")
    assert run("build", "--site", site) == 0
    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
    assert run("build", "--site", clean) == 0
    assert manifest(site / "_site") == manifest(clean / "_site")
    assert RelatedMemo(store).last() == last
