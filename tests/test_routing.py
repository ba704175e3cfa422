"""Routing blocks to dossiers: keywords, the heading rule, quotes, front-matter topics."""

from __future__ import annotations

import dataclasses

from briefings.model import Block, Quote, Speaker
from briefings.text.markdown import Markdown
from briefings.text.matching import TopicMatcher
from briefings.text.routing import quote_topics, route

MATCHER = TopicMatcher.build(
    {
        "gaza": ["Gaza", "Israël", "Hamas"],
        "ukraine": ["Ukraine", "ukrain*", "mer Noire"],
        "syria": ["Syrie", "syrien*"],
        "nato": ["OTAN"],
    }
)


def topics_of(text: str, quotes=(), article_topics=()) -> list[tuple[str, ...]]:
    blocks = Markdown().blocks(text)
    return [b.topics for b in route(blocks, MATCHER, quotes, article_topics) if b.number]


def test_keywords_route_each_paragraph():
    text = "Gaza reste sous le feu.\n\nL'OTAN se réunit.\n\nRien à signaler.\n"
    assert topics_of(text) == [("gaza",), ("nato",), ()]


def test_heading_topic_is_inherited_until_the_section_turns_elsewhere():
    text = """\
## Conflit Russie-Ukraine

La mer Noire reste au cœur des échanges.

Les routes commerciales doivent rester sûres.

Ils ont aussi discuté de la crise syrienne.

Un paragraphe sans mot-clé.

## Gaza

Un autre paragraphe sans mot-clé.
"""
    assert topics_of(text) == [("ukraine",), ("ukraine",), ("syria",), (), ("gaza",)]


def test_a_paragraph_sharing_the_section_topic_keeps_the_section_going():
    text = """\
## Ukraine

Kiev et Damas : l'Ukraine et la Syrie au menu.

Sans mot-clé.
"""
    assert topics_of(text) == [("ukraine", "syria"), ("ukraine",)]


def test_plain_line_subhead_acts_as_a_heading():
    text = """\
Premier paragraphe sur l'OTAN.

Conflit Russie-Ukraine

Les routes commerciales doivent rester sûres.
"""
    blocks = Markdown().blocks(text)
    assert [b.kind for b in blocks] == ["paragraph", "heading", "paragraph"]
    assert topics_of(text) == [("nato",), ("ukraine",)]


def test_a_quote_over_several_paragraphs_is_routed_as_a_whole():
    text = "« Nous soutenons l'Ukraine.\n\n« Et nous le redirons demain », a dit Fidan.\n"
    quote = Quote("…", Speaker("Hakan Fidan", "fidan"), 1, 2)
    assert topics_of(text) == [("ukraine",), ()]
    assert topics_of(text, [quote]) == [("ukraine",), ("ukraine",)]


def test_front_matter_topics_fill_blocks_without_any():
    text = "Gaza d'abord.\n\nUn sommet à Bruxelles.\n"
    assert topics_of(text, article_topics=("nato",)) == [("gaza",), ("nato",)]


def test_routing_keeps_every_other_field_of_a_block():
    # `route` copies the fields by hand, faster than `dataclasses.replace`: a field added to
    # Block must be copied there too.
    values = {"kind": "item", "html": "<p>x</p>", "text": "L'OTAN et la Syrie", "line": 7}
    values |= {"number": 3, "level": 2, "list_start": "<ol>", "list_end": "</ol>"}
    assert set(values) | {"topics"} == {f.name for f in dataclasses.fields(Block)}
    block = Block(**values)
    (routed,) = route([block], MATCHER)
    assert routed == dataclasses.replace(block, topics=("syria", "nato"))


def test_a_quote_goes_to_the_dossiers_its_own_words_name():
    # Issue 16, point 6: the sentence around the quote names Gaza and the OTAN, the quote itself
    # only Ukraine; a quote naming nothing takes its paragraph's topics.
    text = (
        "De retour du sommet de l'OTAN, où Gaza a dominé les débats, le ministre Kemal Dursun a "
        "jugé que « les ports ukrainiens doivent rester ouverts » et que « rien ne se fera sans "
        "nous ».\n\n"
        "« Nous verrons », a-t-il ajouté.\n"
    )
    blocks = route(Markdown().blocks(text), MATCHER, article_topics=("syria",))
    speaker = Speaker("Kemal Dursun")
    quotes = [
        Quote("les ports ukrainiens doivent rester ouverts", speaker, 1, 1),
        Quote("rien ne se fera sans nous", speaker, 1, 1),
        Quote("Nous verrons", speaker, 2, 2),
        Quote("La Syrie d'abord.", speaker, 0, 0, explicit=True),
        Quote("Patience.", speaker, 0, 0, explicit=True),
    ]
    placed = quote_topics(quotes, blocks, MATCHER)
    assert [q.topics for q in placed] == [
        ("ukraine",),
        ("gaza", "ukraine", "nato"),  # the paragraph's, the first quote's words included
        ("syria",),  # a paragraph without keyword: the front-matter topics routing gave it
        ("syria",),
        (),  # nowhere in the text, no keyword: the analysis gives it the article's topics
    ]
    assert [dataclasses.replace(q, topics=()) for q in placed] == quotes
