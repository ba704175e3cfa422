"""End to end: one article touching Gaza, NATO and Ukraine lands in exactly the right dossiers."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from briefings.build import assemble
from briefings.stages import search
from briefings.stages.config import Overrides

from .conftest import run

ARTICLE = """\
---
title: Fidan et Blinken font le point à Washington
date: 2024-03-08
source: aa
url: https://www.aa.com.tr/fr/monde/fidan-blinken-point/3158
people: [fidan]
---
Le ministre Fidan a plaidé pour un cessez-le-feu immédiat à Gaza et pour l'acheminement sans
entraves de l'aide humanitaire vers l'enclave.

Les deux responsables ont salué l'adhésion de la Suède, devenue le 32e membre de l'OTAN.

## Conflit Russie-Ukraine

Les deux pays ont souligné l'importance de routes commerciales sûres en mer Noire.

Ils ont aussi évoqué la sécurité des exportations de céréales, essentielles pour de nombreux pays
d'Afrique.

Le secrétaire Blinken a ensuite rappelé le soutien de Washington à l'Alliance atlantique.

Ce dernier paragraphe, sans mot-clé, n'appartient plus à la section précédente.
"""

# The blocks of the article (p-N) that each dossier must hold, and no others.
EXPECTED = {
    "gaza": {"p-1"},
    "nato": {"p-2", "p-5"},
    "ukraine": {"p-3", "p-4"},
}


def _build(make_site, tmp_path: Path) -> Path:
    site = make_site(
        {
            "content/articles/2024/2024-03-08-fidan-blinken.md": ARTICLE,
        }
    )
    assert run("build", "--site", site) == 0
    return site / "_site"


class _Anchors(HTMLParser):
    """Collects (href, id) pairs and excerpt links from a dossier page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.blocks: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        if values.get("id", "") and (values.get("id") or "").startswith("p-"):
            self.blocks[values["id"] or ""] = values.get("data-dossiers") or ""


def test_each_dossier_holds_exactly_its_paragraphs(make_site, tmp_path):
    out = _build(make_site, tmp_path)
    for topic, anchors in EXPECTED.items():
        data = json.loads((out / "dossiers" / topic / "index.json").read_text())
        found = {e["anchor"] for e in data["excerpts"] if e["article"] == "fidan-blinken"}
        assert found == anchors, topic

        page = _Anchors()
        page.feed((out / "dossiers" / topic / "index.html").read_text())
        linked = {
            h.split("#", 1)[1] for h in page.hrefs if h.startswith("/repo/articles/fidan-blinken/#")
        }
        assert linked == anchors, topic


def test_article_page_marks_each_block_with_its_dossiers(make_site, tmp_path):
    out = _build(make_site, tmp_path)
    page = _Anchors()
    page.feed((out / "articles" / "fidan-blinken" / "index.html").read_text())
    assert page.blocks == {
        "p-1": "gaza",
        "p-2": "nato",
        "p-3": "ukraine",
        "p-4": "ukraine",
        "p-5": "nato",
        "p-6": "",
    }


def test_dossier_json_has_the_documented_shape(make_site, tmp_path):
    out = _build(make_site, tmp_path)
    data = json.loads((out / "dossiers" / "nato" / "index.json").read_text())
    assert data["id"] == "nato"
    assert data["title"] == "OTAN"
    assert data["url"] == "https://user.github.io/repo/dossiers/nato/"
    assert data["updated"] == "2024-03-08"
    excerpt = data["excerpts"][0]
    assert excerpt == {
        "article": "fidan-blinken",
        "anchor": "p-2",
        "date": "2024-03-08",
        "text": "Les deux responsables ont salué l'adhésion de la Suède, "
        "devenue le 32e membre de l'OTAN.",
        "url": "https://user.github.io/repo/articles/fidan-blinken/#p-2",
        "source": {
            "name": "Agence Anadolu",
            "url": "https://www.aa.com.tr/fr/monde/fidan-blinken-point/3158",
        },
    }
    assert data["people"] == [{"id": "blinken", "name": "Antony Blinken", "mentions": 1}] or (
        {p["id"] for p in data["people"]} == {"blinken", "fidan"}
    )
    assert {r["id"]: r["shared_articles"] for r in data["related"]} == {"gaza": 1, "ukraine": 1}
    assert data["sources"] == [
        {"name": "Agence Anadolu", "url": "https://www.aa.com.tr/fr", "articles": 1}
    ]
    assert set(data) >= {"id", "title", "url", "updated", "excerpts", "quotes", "people"}


def test_front_matter_topics_add_the_article_as_a_whole(make_site, tmp_path):
    site = make_site(
        {
            "content/articles/2024/sommet.md": """\
                ---
                title: Un sommet sans mot-clé
                date: 2024-04-04
                source: aa
                topics: [nato]
                ---
                Les ministres se sont réunis à Bruxelles pour un anniversaire.

                Ils ont aussi parlé de l'Ukraine.
                """
        }
    )
    assert run("build", "--site", site) == 0
    nato = json.loads((site / "_site/dossiers/nato/index.json").read_text())
    ukraine = json.loads((site / "_site/dossiers/ukraine/index.json").read_text())
    assert {e["anchor"] for e in nato["excerpts"] if e["article"] == "sommet"} == {"p-1"}
    assert {e["anchor"] for e in ukraine["excerpts"] if e["article"] == "sommet"} == {"p-2"}


def test_drafts_are_built_only_with_the_flag(make_site, tmp_path):
    draft = """\
        ---
        title: Brouillon sur Gaza
        date: 2024-05-01
        source: aa
        draft: true
        ---
        Un texte sur Gaza encore en cours d'écriture.
        """
    site = make_site({"content/articles/2024/brouillon.md": draft})
    assert run("build", "--site", site) == 0
    assert not (site / "_site/articles/brouillon").exists()
    assert run("build", "--site", site, "--drafts") == 0
    assert (site / "_site/articles/brouillon/index.html").is_file()


QUOTE_TOPICS = """\
---
title: Fidan de retour du sommet
date: 2024-07-12
source: aa
---
De retour du sommet de l'OTAN, où Gaza a dominé les débats, le ministre Fidan a jugé que « les
ports ukrainiens doivent rester ouverts toute l'année », a-t-il dit, avant d'ajouter : « Rien ne
se fera sans la Turquie, et rien ne se fera vite. »
"""


def test_a_quote_is_filed_under_the_dossiers_its_own_words_name(make_site):
    # Issue 16, point 6: the paragraph names Gaza, the OTAN and Ukraine; its first quote names
    # only Ukraine and goes there alone; the second names nothing and takes the paragraph's three.
    site = make_site({"content/articles/2024/2024-07-12-retour.md": QUOTE_TOPICS})
    assert run("build", "--site", site) == 0
    filed = {}
    for topic in ("gaza", "ukraine", "nato"):
        data = json.loads((site / "_site/dossiers" / topic / "index.json").read_text())
        filed[topic] = {q["text"][:20] for q in data["quotes"] if q["article"] == "retour"}
        excerpts = {e["anchor"] for e in data["excerpts"] if e["article"] == "retour"}
        assert excerpts == {"p-1"}, topic  # the paragraph itself still goes to all three
    assert filed == {
        "gaza": {"Rien ne se fera sans"},
        "ukraine": {"les ports ukrainiens", "Rien ne se fera sans"},
        "nato": {"Rien ne se fera sans"},
    }
    corpus, _, _ = assemble(site, Overrides())
    records = [r for r in search.records(corpus) if r.kind == "quote" and "retour" in r.url]
    assert {r.content[:20]: r.dossiers for r in records} == {
        "les ports ukrainiens": ("ukraine",),
        "Rien ne se fera sans": ("gaza", "ukraine", "nato"),
    }
    person = (site / "_site/people/fidan/index.html").read_text()
    assert person.count("les ports ukrainiens") == 1


TRICKY = """\
---
title: "Gaza : l'« accord » en \\\\ barres obliques"
date: 2024-03-09
source: {name: "Le \\"Courrier\\" de Kiev"}
quotes:
  - text: "Un cessez-le-feu durable à Gaza n'est pas un \\"slogan\\""
    by: le porte-parole
---
Fidan a dit à Gaza : « Nous voulons une trêve\u2028durable », puis \\\\ est parti.

« Les corridors vers Gaza doivent rester ouverts jour et nuit », a déclaré Blinken.
"""


def _documented(data_of: dict[str, object]) -> bytes:
    """A dossier's data as `json.dumps` writes the documented shape: what the writer's hand-made
    bytes must equal."""
    return (json.dumps(data_of, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def test_dossier_json_bytes_are_those_of_json_dumps(make_site) -> None:
    # Quotes, backslashes, a line separator, an inline source with no link, an article with no
    # `url`, a free-text speaker and a front-matter quote: every escape the encoder makes.
    site = make_site({"content/articles/2024/2024-03-09-tricky.md": TRICKY})
    corpus, output, _ = assemble(site, Overrides(), search=False)
    for topic, dossier in corpus.dossiers.items():
        base = corpus.content.config.base_url

        def source(slug: str) -> dict[str, object]:
            article = corpus.articles[slug]
            return {"name": article.source.name, "url": article.url}

        def date(slug: str) -> str:
            return corpus.articles[slug].date.date().isoformat()

        people = corpus.content.people
        titles = {t.id: t.title for t in corpus.content.topics}
        publishers = {k: corpus.articles[s[0]].source for k, s in corpus.publisher_articles.items()}
        expected = {
            "id": topic,
            "title": dossier.topic.title,
            "url": f"{base}dossiers/{topic}/",
            "updated": dossier.updated.date().isoformat() if dossier.updated else None,
            "excerpts": [
                {
                    "article": e.article,
                    "anchor": f"p-{e.number}",
                    "date": date(e.article),
                    "text": e.text,
                    "url": f"{base}articles/{e.article}/#p-{e.number}",
                    "source": source(e.article),
                }
                for e in dossier.excerpts
            ],
            "quotes": [
                {
                    "text": q.quote.text,
                    "speaker": {"name": q.quote.speaker.name, "id": q.quote.speaker.id},
                    "article": q.article,
                    "anchor": f"p-{q.quote.first_block}" if q.quote.first_block else None,
                    "date": date(q.article),
                    "source": source(q.article),
                }
                for q in dossier.quotes
            ],
            "people": [
                {"id": pid, "name": people[pid].name, "mentions": n} for pid, n in dossier.people
            ],
            "related": [
                {"id": t, "title": titles[t], "shared_articles": n} for t, n in dossier.related
            ],
            "sources": [
                {"name": publishers[k].name, "url": publishers[k].url, "articles": n}
                for k, n in dossier.publishers
            ],
            "figures": [],  # the test site's topics track no figures
        }
        assert not dossier.topic.figures
        assert output.files[f"dossiers/{topic}/index.json"] == _documented(expected)
    gaza = json.loads(output.files["dossiers/gaza/index.json"])
    assert {q["speaker"]["name"] for q in gaza["quotes"]} >= {"le porte-parole", "Antony Blinken"}
    assert any(q["anchor"] is None for q in gaza["quotes"])  # found in no paragraph
    assert any("\u2028" in e["text"] and "\\" in e["text"] for e in gaza["excerpts"])
    mine = [e for e in gaza["excerpts"] if e["article"] == "tricky"]
    assert mine and all(e["source"] == {"name": 'Le "Courrier" de Kiev', "url": None} for e in mine)


GOLAN = """\
---
title: Damas réclame le retrait du Golan
date: 2024-12-20
source: aa
url: https://www.aa.com.tr/fr/monde/golan/1
---
Le nouveau pouvoir syrien a demandé vendredi au Conseil de sécurité de faire respecter l'accord
de désengagement de 1974.

Damas accuse Israël d'avoir avancé ses troupes dans la zone tampon du Golan depuis le début du
mois.

Les diplomates attendent une réponse écrite avant la fin de l'année.
"""

GAZA_TOPIC = """\
---
title: Gaza
summary: Guerre à Gaza
keywords: [Gaza, Hamas, "solution à deux États"]
context_keywords: [Israël, israélien*]
order: 1
---
Le dossier de Gaza.
"""

SYRIA_TOPIC = """\
---
title: Syrie
summary: La Syrie après Assad
keywords: [Syrie, syrien*, Damas]
order: 4
---
Le dossier de la Syrie.
"""


def test_a_context_keyword_routes_only_with_support(make_site):
    # Issue 16, point 5: Israël is a context keyword of Gaza. In an article on Syria it does not
    # file the Golan paragraph under Gaza; the last paragraph, with no keyword, follows the
    # article's subject; in the Gaza article of the site Israël still counts.
    site = make_site(
        {
            "content/topics/gaza.md": GAZA_TOPIC,
            "content/topics/syria.md": SYRIA_TOPIC,
            "content/articles/2024/2024-12-20-golan.md": GOLAN,
            "content/articles/2024/2024-12-21-treve.md": """\
                ---
                title: Trêve à Gaza
                date: 2024-12-21
                source: aa
                ---
                Le Hamas a accepté une trêve de trois jours à Gaza.

                L'armée israélienne a confirmé l'arrêt des frappes à minuit.
                """,
        }
    )
    assert run("build", "--site", site) == 0
    anchors = {}
    for topic in ("gaza", "syria"):
        data = json.loads((site / "_site/dossiers" / topic / "index.json").read_text())
        excerpts = data["excerpts"]
        anchors[topic] = sorted(
            (e["article"], e["anchor"]) for e in excerpts if e["article"] in ("golan", "treve")
        )
    assert anchors == {
        "gaza": [("treve", "p-1"), ("treve", "p-2")],
        "syria": [("golan", "p-1"), ("golan", "p-2"), ("golan", "p-3")],
    }
    page = _Anchors()
    page.feed((site / "_site/articles/golan/index.html").read_text())
    assert page.blocks == {"p-1": "syria", "p-2": "syria", "p-3": "syria"}
