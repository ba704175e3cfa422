"""A deterministic generator of briefing sites in French wire style, for benchmarks.

    python benchmarks/generate.py --n 4000 --out /tmp/bench-4000

Each article is about 700 words: several topics, `##` headings, plain-line subheads, quotes in « »
and " " with attributions before and after, people named through their aliases, French numbers.
The same corpus can be written for Hugo and Pelican, to compare like with like.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

TOPICS = {
    "gaza": (
        "Gaza",
        ["Gaza", "Hamas", "Israël", "israélien*", "Rafah", "solution à deux États", "Cisjordanie"],
    ),
    "ukraine": (
        "Ukraine",
        ["Ukraine", "ukrainien*", "Kiev", "Zelensky", "mer Noire", "accord céréalier"],
    ),
    "syria": ("Syrie", ["Syrie", "syrien*", "Damas", "Alep", "Idlib", "résolution 2254"]),
    "caucasus": (
        "Caucase",
        ["Azerbaïdjan", "azerbaïdjanais*", "Arménie", "arménien*", "Karabagh", "Bakou", "Erevan"],
    ),
    "nato": ("OTAN", ["OTAN", "Alliance atlantique", "défense collective", "Stoltenberg"]),
}

PEOPLE = {
    "fidan": ("Hakan Fidan", "Ministre turc des Affaires étrangères", ["Fidan", "ministre Fidan"]),
    "blinken": ("Antony Blinken", "Secrétaire d'État américain", ["Blinken", "secrétaire Blinken"]),
    "erdogan": ("Recep Tayyip Erdogan", "Président turc", ["Erdogan", "président Erdogan"]),
    "zelensky": ("Volodymyr Zelensky", "Président ukrainien", ["Zelensky"]),
    "stoltenberg": ("Jens Stoltenberg", "Secrétaire général de l'OTAN", ["Stoltenberg"]),
    "guterres": ("António Guterres", "Secrétaire général de l'ONU", ["Guterres"]),
    "aliyev": ("Ilham Aliyev", "Président azerbaïdjanais", ["Aliyev"]),
    "pachinian": ("Nikol Pachinian", "Premier ministre arménien", ["Pachinian"]),
    "mfa": (
        "Ministère turc des Affaires étrangères",
        "Institution",
        ["ministère turc des Affaires étrangères", "diplomatie turque"],
    ),
}

SOURCES = {
    "aa": ("Agence Anadolu", "https://www.aa.com.tr/fr"),
    "afp": ("Agence France-Presse", "https://www.afp.com/fr"),
    "reuters": ("Reuters", "https://www.reuters.com"),
}

PLACES = {
    "gaza": ["la bande de Gaza", "Rafah", "la Cisjordanie", "Israël"],
    "ukraine": ["l'Ukraine", "Kiev", "la mer Noire", "Odessa"],
    "syria": ["la Syrie", "Damas", "Alep", "Idlib"],
    "caucasus": ["l'Azerbaïdjan", "l'Arménie", "le Karabagh", "Bakou"],
    "nato": ["l'OTAN", "l'Alliance atlantique", "Bruxelles", "Vilnius"],
}

FACTS = [
    "Les discussions ont porté sur {place} et sur les moyens de rétablir un dialogue durable entre "
    "les parties, alors que {n} personnes ont été déplacées depuis le début de l'année.",
    "Selon les autorités locales, plus de {n} civils ont été touchés dans {place}, où "
    "l'acheminement de l'aide reste entravé par les combats et les restrictions imposées.",
    "Les ministres ont examiné la situation à {place} et salué les efforts de médiation engagés "
    "depuis plusieurs mois, sans annoncer toutefois de calendrier précis.",
    "Un budget de {n} millions de dollars a été annoncé pour soutenir les programmes lancés à "
    "{place}, dont la mise en œuvre doit commencer avant la fin du trimestre.",
    "Les représentants se sont retrouvés à {place} pour une session de travail consacrée à la "
    "sécurité régionale, à la reconstruction et au sort des personnes détenues.",
]

NEUTRAL = [
    "La rencontre s'est tenue à huis clos et aucune conférence de presse n'a suivi les entretiens.",
    "Les deux délégations doivent se retrouver le mois prochain pour faire le point sur les "
    "engagements pris, selon un calendrier qui reste à préciser.",
    "Les observateurs notent que le ton des échanges a été plus cordial que lors des précédentes "
    "réunions, même si les divergences de fond demeurent.",
]

QUOTES = [
    "Nous devons agir ensemble et sans délai pour que la situation à {place} ne se dégrade pas "
    "davantage, car chaque jour perdu se paie en vies humaines",
    "Notre position n'a pas changé : seule une solution négociée permettra de garantir la "
    "stabilité de {place} et de toute la région",
    "Les engagements pris aujourd'hui doivent se traduire par des actes concrets sur le terrain, "
    "faute de quoi la confiance ne pourra pas être rétablie",
]

HEADINGS = {
    "gaza": "Crise humanitaire à Gaza",
    "ukraine": "Conflit Russie-Ukraine",
    "syria": "Crise syrienne",
    "caucasus": "Normalisation Arménie-Azerbaïdjan",
    "nato": "Coopération au sein de l'OTAN",
}


# Every dossier tracks the figures that FACTS give, as the example site's do: a site without
# them would leave out the key figures' reading and charts that users' sites pay for.
FIGURES = (
    "figures:\n"
    "  - id: deplaces\n    label: Personnes déplacées\n    unit: personnes\n"
    "    phrases: [déplacées, déplacés]\n"
    "  - id: civils\n    label: Civils touchés\n    unit: civils\n    phrases: [civils]\n"
    "  - id: budget\n    label: Budget des programmes annoncés\n    unit: dollars\n"
    "    phrases: [budget]\n    grows: false\n"
)


@dataclass(frozen=True, slots=True)
class GeneratedArticle:
    slug: str
    title: str
    date: dt.date
    source: str
    topics: tuple[str, ...]
    people: tuple[str, ...]
    body: str


def number(rng: random.Random) -> str:
    """A French-style number: `22 700`."""
    value = rng.choice([rng.randint(12, 950), rng.randint(1_000, 99_000)])
    return f"{value:,}".replace(",", "\u00a0")


def article(index: int, rng: random.Random) -> GeneratedArticle:
    topics = tuple(rng.sample(sorted(TOPICS), rng.randint(2, 4)))
    people = tuple(rng.sample(sorted(PEOPLE), 3))
    date = dt.date(2020, 1, 1) + dt.timedelta(days=index % 1800, hours=0)
    speakers = [PEOPLE[p][2][0] for p in people if PEOPLE[p][1] != "Institution"] or ["Fidan"]
    paragraphs = [
        f"{PEOPLE[people[0]][0]} et {PEOPLE[people[1]][0]} se sont entretenus mardi, a-t-on appris "
        f"de sources diplomatiques, au sujet de {PLACES[topics[0]][0]} et de "
        f"{PLACES[topics[1]][0]}."
    ]
    for position, topic in enumerate(topics):
        place = rng.choice(PLACES[topic])
        paragraphs.append(f"## {HEADINGS[topic]}" if position % 2 == 0 else HEADINGS[topic])
        paragraphs.append(rng.choice(FACTS).format(place=place, n=number(rng)))
        quote = rng.choice(QUOTES).format(place=place)
        speaker = rng.choice(speakers)
        if rng.random() < 0.5:
            paragraphs.append(f"« {quote} », a déclaré {speaker} devant la presse.")
        else:
            paragraphs.append(f'{speaker} a souligné : "{quote}."')
        paragraphs.append(rng.choice(NEUTRAL))
        paragraphs.append(rng.choice(FACTS).format(place=place, n=number(rng)))
        paragraphs.append(rng.choice(FACTS).format(place=rng.choice(PLACES[topic]), n=number(rng)))
        paragraphs.append(
            rng.choice(NEUTRAL) + " " + rng.choice(FACTS).format(place=place, n=number(rng))
        )
    paragraphs.append(rng.choice(NEUTRAL) + " " + rng.choice(NEUTRAL))
    paragraphs.append(rng.choice(FACTS).format(place=rng.choice(PLACES[topics[0]]), n=number(rng)))
    paragraphs.append(
        f"Le ministère turc des Affaires étrangères précise que les consultations reprendront "
        f"prochainement, {number(rng)} dossiers restant en suspens."
    )
    return GeneratedArticle(
        slug=f"depeche-{index:06d}",
        title=f"Dépêche {index} : {TOPICS[topics[0]][0]} et {TOPICS[topics[1]][0]} au menu",
        date=date,
        source=rng.choice(sorted(SOURCES)),
        topics=topics,
        people=people,
        body="\n\n".join(paragraphs) + "\n",
    )


def articles(n: int, seed: int = 2024) -> list[GeneratedArticle]:
    rng = random.Random(seed)
    return [article(i, rng) for i in range(n)]


def _yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


def write_briefings(root: Path, corpus: list[GeneratedArticle], *, search: bool = True) -> None:
    """A briefings site: site.yaml, topics, people, sources and the articles; with the default
    settings (a search index) unless `search` is False."""
    (root / "content/topics").mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(
        "title: Banc d'essai\nlanguage: fr\nbase_url: https://example.github.io/bench/\n"
        + ("" if search else "search: false\n")
    )
    for order, (tid, (title, keywords)) in enumerate(TOPICS.items(), 1):
        (root / f"content/topics/{tid}.md").write_text(
            f"---\ntitle: {title}\nkeywords: {_yaml_list(keywords)}\norder: {order}\n"
            f"{FIGURES}---\nLe dossier {title}.\n"
        )
    people = "".join(
        f"{pid}:\n  name: {name}\n  role: {role}\n  aliases: {_yaml_list(aliases)}\n"
        + ("  kind: institution\n" if role == "Institution" else "")
        for pid, (name, role, aliases) in PEOPLE.items()
    )
    (root / "content/people.yaml").write_text(people)
    (root / "content/sources.yaml").write_text(
        "".join(f"{sid}:\n  name: {name}\n  url: {url}\n" for sid, (name, url) in SOURCES.items())
    )
    for item in corpus:
        folder = root / "content/articles" / str(item.date.year)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{item.slug}.md").write_text(
            f'---\ntitle: "{item.title}"\ndate: {item.date.isoformat()}\nsource: {item.source}\n'
            f"url: https://www.example.org/depeches/{item.slug}\n---\n{item.body}"
        )


_HUGO_LAYOUTS = {
    "layouts/_default/baseof.html": (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
        '</head><body><main>{{ block "main" . }}{{ end }}</main></body></html>'
    ),
    "layouts/_default/single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}'
        '</time>{{ .Content }}<ul>{{ range .Params.topics }}<li><a href="{{ "topics/" | '
        'relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul></article>{{ end }}'
    ),
    "layouts/_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="'
        '{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}'
    ),
    "layouts/_default/taxonomy.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="'
        '{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}'
    ),
    "layouts/_default/term.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="'
        '{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}'
    ),
    "layouts/index.html": (
        '{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>{{ range first 20 .Site.RegularPages }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}'
    ),
}


def write_hugo(root: Path, corpus: list[GeneratedArticle]) -> None:
    """The same articles as a Hugo site: one page per article, a `topics` taxonomy."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.github.io/bench/"\nlanguageCode = "fr"\n'
        'title = "Banc d\'essai"\ndisableKinds = ["RSS", "sitemap", "robotsTXT"]\n'
        '[taxonomies]\n  topic = "topics"\n'
    )
    for name, text in _HUGO_LAYOUTS.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    folder = root / "content/articles"
    folder.mkdir(parents=True, exist_ok=True)
    for item in corpus:
        (folder / f"{item.slug}.md").write_text(
            f'---\ntitle: "{item.title}"\ndate: {item.date.isoformat()}\n'
            f"topics: {_yaml_list(list(item.topics))}\n---\n{item.body}"
        )


def write_pelican(root: Path, corpus: list[GeneratedArticle]) -> None:
    """The same articles as a Pelican site: one page per article, tags for topics."""
    folder = root / "content"
    folder.mkdir(parents=True, exist_ok=True)
    (root / "pelicanconf.py").write_text(
        'SITENAME = "Banc d\'essai"\nSITEURL = ""\nTIMEZONE = "UTC"\nDEFAULT_LANG = "fr"\n'
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\n"
        "AUTHOR_FEED_RSS = None\nTRANSLATION_FEED_ATOM = None\nDEFAULT_PAGINATION = False\n"
        "CACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n"
    )
    for item in corpus:
        (folder / f"{item.slug}.md").write_text(
            f"Title: {item.title}\nDate: {item.date.isoformat()}\nSlug: {item.slug}\n"
            f"Tags: {', '.join(item.topics)}\n\n{item.body}"
        )


def write_briefings_no_search(root: Path, corpus: list[GeneratedArticle]) -> None:
    """The same briefings site with `search: false`."""
    write_briefings(root, corpus, search=False)


CORPORA = ("briefings", "briefings-no-search", "hugo", "pelican")


def generate(n: int, out: Path, engines: tuple[str, ...] = ("briefings",)) -> dict[str, Path]:
    """Write the corpus of `n` articles for each of `engines` (among CORPORA) under `out`;
    returns their folders."""
    corpus = articles(n)
    writers = {
        "briefings": write_briefings,
        "briefings-no-search": write_briefings_no_search,
        "hugo": write_hugo,
        "pelican": write_pelican,
    }
    folders = {}
    for engine in engines:
        folder = out / engine
        shutil.rmtree(folder, ignore_errors=True)
        writers[engine](folder, corpus)
        folders[engine] = folder
    return folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--engines", default="briefings", help=f"comma-separated, among: {','.join(CORPORA)}"
    )
    arguments = parser.parse_args()
    for engine, folder in generate(
        arguments.n, arguments.out, tuple(arguments.engines.split(","))
    ).items():
        print(f"{engine}: {folder}")


if __name__ == "__main__":
    main()
