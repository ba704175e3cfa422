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
    # Between a paragraph on Ukraine and one on Syria, the quote's last paragraph has no topic
    # of its own and its neighbours share none: only the quote carries Ukraine to it.
    text = (
        "La Syrie d'abord.\n\n« Nous soutenons l'Ukraine.\n\n« Et nous le redirons demain », "
        "a dit Fidan.\n\nRetour à la Syrie.\n"
    )
    quote = Quote("…", Speaker("Hakan Fidan", "fidan"), 2, 3)
    assert topics_of(text) == [("syria",), ("ukraine",), (), ("syria",)]
    assert topics_of(text, [quote]) == [("syria",), ("ukraine",), ("ukraine",), ("syria",)]


def test_front_matter_topics_fill_blocks_without_any():
    # The second paragraph's neighbours share no topic: routing gives it none.
    text = "Gaza d'abord.\n\nUn sommet à Bruxelles.\n\nL'OTAN ensuite.\n"
    assert topics_of(text, article_topics=("syria",)) == [("gaza",), ("syria",), ("nato",)]


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
        "« Nous verrons », a-t-il ajouté.\n\n"
        "La Syrie reste à l'écart.\n"
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
        ("syria",),  # a paragraph without keyword, between two that share no topic: the
        # front-matter topics routing gave it
        ("syria",),
        (),  # nowhere in the text, no keyword: the analysis gives it the article's topics
    ]
    assert [dataclasses.replace(q, topics=()) for q in placed] == quotes


# Issue 16, point 5: a paragraph without a keyword follows its article's subject; a word that
# names several subjects counts only with support from its context.
CONTEXT = TopicMatcher.build(
    {
        "gaza": ["Gaza", "Hamas"],
        "ukraine": ["Ukraine", "ukrain*", "Kiev"],
        "syria": ["Syrie", "syrien*", "Damas"],
        "nato": ["OTAN"],
    },
    {"gaza": ["Israël", "israélien*"], "nato": ["Alliance", "alliés", "sommet"]},
)


def routed(text: str, title: str = "", article_topics=()) -> list[tuple[str, ...]]:
    blocks = route(Markdown().blocks(text), CONTEXT, (), article_topics, title)
    return [b.topics for b in blocks if b.number]


def test_paragraphs_without_keyword_follow_an_article_with_one_subject():
    text = """\
Le ministre a ouvert la séance par un long exposé.

Les combats se poursuivent dans le Donbass, à l'est de l'Ukraine.

Les deux délégations se reverront la semaine prochaine.

Kiev attend une réponse écrite avant la fin du mois.

Aucune date n'a été fixée pour la suite.
"""
    assert routed(text) == [("ukraine",)] * 5


def test_a_paragraph_between_two_subjects_follows_neither():
    text = """\
Gaza reste privée d'électricité depuis dix jours.

Les deux délégations se reverront la semaine prochaine.

À Damas, le gouvernement syrien a annoncé un remaniement.

La Syrie demande la levée des sanctions.

Le président a reçu les ambassadeurs dans l'après-midi.
"""
    # The second paragraph lies between Gaza and Syria; the last one follows the paragraph before
    # it only because Syria is the article's subject (named by two of its three paragraphs).
    assert routed(text) == [("gaza",), (), ("syria",), ("syria",), ("syria",)]
    # With one paragraph on Syria, the subject is the lead's, Gaza: the end follows nothing.
    shorter = text.replace("La Syrie demande la levée des sanctions.\n\n", "")
    assert routed(shorter) == [("gaza",), (), ("syria",), ()]


def test_an_article_whose_text_names_no_topic_follows_its_title():
    text = "Les discussions ont repris mardi.\n\nElles dureront trois jours.\n"
    assert routed(text, title="Reprise des pourparlers sur Gaza") == [("gaza",), ("gaza",)]
    assert routed(text) == [(), ()]
    assert routed(text, article_topics=("syria",)) == [("syria",), ("syria",)]


def test_a_label_line_follows_nothing():
    text = "L'Ukraine a reçu de nouveaux blindés.\n\nContexte :\n\nKiev en attend davantage.\n"
    assert routed(text) == [("ukraine",), (), ("ukraine",)]


def test_an_ambiguous_keyword_counts_with_the_subject_of_its_article():
    # Israël names the Gaza war and Israel's other fronts: in a piece on Gaza it is Gaza's.
    text = """\
Le Hamas a rejeté la dernière proposition de trêve à Gaza.

L'armée israélienne a intensifié ses frappes dans la nuit.

Les médiateurs égyptiens doivent rencontrer les négociateurs d'Israël jeudi.
"""
    assert routed(text) == [("gaza",)] * 3


def test_an_ambiguous_keyword_in_a_paragraph_on_another_subject_needs_local_support():
    # In a piece on Syria, a paragraph on the Golan that names Israël stays Syria's.
    text = """\
Le président syrien a présenté mardi son plan de reconstruction.

Damas accuse Israël de poursuivre ses incursions sur le plateau du Golan.

Le gouvernement syrien dit avoir reçu l'appui de plusieurs pays arabes.
"""
    assert routed(text) == [("syria",)] * 3
    # Right after a paragraph on Gaza, the same words continue it.
    after_gaza = text.replace(
        "Le président syrien a présenté mardi son plan de reconstruction.",
        "À Gaza, le Hamas a accepté un échange de prisonniers.",
    )
    assert routed(after_gaza)[1] == ("gaza", "syria")


def test_an_ambiguous_keyword_alone_does_not_route_an_article_about_something_else():
    text = """\
Le gouvernement syrien a annoncé des élections locales.

Israël a rappelé son ambassadeur pour consultations.

La Syrie a salué la décision de la Ligue arabe.
"""
    # Not the subject (Syria is), not supported by the paragraph before: the second paragraph
    # has no keyword of its own and follows its neighbours.
    assert routed(text) == [("syria",)] * 3


def test_the_alliance_and_the_summit_are_nato_in_a_piece_about_nato():
    text = """\
Les ministres de la Défense de l'OTAN se sont réunis jeudi à Bruxelles.

Au sommet, l'article 5 a de nouveau dominé les débats de l'Alliance.

Les alliés doivent aussi s'entendre sur l'aide à Kiev.
"""
    assert routed(text) == [("nato",), ("nato",), ("ukraine", "nato")]
    elsewhere = """\
À Damas, le gouvernement syrien a reçu une délégation de la Ligue arabe.

Le sommet de l'Alliance des civilisations se tiendra en mai.

Le président syrien a salué une « nouvelle ère ».
"""
    # The Alliance and the summit are not NATO's here; the paragraph follows its neighbours.
    assert routed(elsewhere) == [("syria",)] * 3


def test_a_heading_supports_an_ambiguous_keyword_under_it():
    text = """\
La Syrie et l'Ukraine au menu.

## OTAN

Les alliés ont promis des munitions à l'Ukraine.
"""
    assert routed(text) == [("ukraine", "syria"), ("ukraine", "nato")]


def test_a_quote_counts_an_ambiguous_keyword_only_for_its_paragraphs_topics():
    text = (
        "Le président syrien a reçu mardi l'envoyé de l'ONU.\n\n"
        "« Israël doit se retirer du Golan », a déclaré le président syrien.\n"
    )
    blocks = route(Markdown().blocks(text), CONTEXT)
    speaker = Speaker("le président syrien")
    (quote,) = quote_topics(
        [Quote("Israël doit se retirer du Golan", speaker, 2, 2)], blocks, CONTEXT
    )
    assert quote.topics == ("syria",)


def test_front_matter_topics_are_the_article_s_subject():
    # One paragraph of two names Ukraine: without front matter Ukraine is the subject, and the
    # opening paragraph follows it; with `topics: [nato]` NATO is, and the opening paragraph,
    # whose only neighbour is about Ukraine, gets the front-matter topic instead.
    text = "Les ministres se sont réunis à Bruxelles.\n\nIls ont aussi parlé de l'Ukraine.\n"
    assert routed(text) == [("ukraine",), ("ukraine",)]
    assert routed(text, article_topics=("nato",)) == [("nato",), ("ukraine",)]
