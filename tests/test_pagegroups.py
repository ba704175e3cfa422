"""Pages kept without being planned are never stale.

The render memo records, for each page of an article, a dossier, a person and the timeline, a
digest of what the planner says it is made from (its articles, their order on the list it is
paged in, counts); at the next build a page whose digest, global reads and file are the last
build's is kept without its context made (`Page.kept`). Every edit below changes what some of
those pages show (a title on the related articles' pages, a person's or a dossier's pagination,
the count of a person's quotes on each of their pages, the timeline's order): the build after it
must equal a clean build, and keep most pages without planning them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import html

from briefings import build
from briefings.model import Page

from .conftest import manifest, run, settle
from .test_filememo import _settle_inputs

ARTICLES = "content/articles/2024"


def _article(day: int, title: str, body: str) -> str:
    url = f"https://www.aa.com.tr/fr/monde/a{day:02d}/1"
    return f"---\ntitle: {title}\ndate: 2024-03-{day:02d}\nsource: aa\nurl: {url}\n---\n{body}\n"


# Twelve articles, two a page: each dossier, person and the timeline has pages after the
# first, and each article has related articles.
FILES = {
    "site.yaml": """\
        title: Dossiers de test
        description: Un site de test
        language: fr
        base_url: https://user.github.io/repo/
        paginate: 2
        """,
    f"{ARTICLES}/a01.md": _article(
        1,
        "Fidan reçoit son homologue à Ankara",
        "Hakan Fidan a évoqué la situation à Gaza avec son homologue.",
    ),
    f"{ARTICLES}/a02.md": _article(
        2,
        "Blinken plaide pour une trêve",
        "« La trêve doit tenir à Gaza », a déclaré Antony Blinken devant la presse.",
    ),
    f"{ARTICLES}/a03.md": _article(
        3,
        "Kiev demande des défenses aériennes",
        "Kiev a demandé à l'OTAN de nouvelles défenses aériennes pour l'Ukraine.",
    ),
    f"{ARTICLES}/a04.md": _article(
        4, "Fidan en visite à Kiev", "Hakan Fidan a rencontré les autorités ukrainiennes à Kiev."
    ),
    f"{ARTICLES}/a05.md": _article(
        5,
        "L'Alliance atlantique se réunit",
        "Les ministres de l'OTAN se réunissent à Bruxelles, a indiqué Antony Blinken.",
    ),
    f"{ARTICLES}/a06.md": _article(
        6,
        "Aide humanitaire bloquée",
        "L'aide humanitaire attend à la frontière de Gaza depuis une semaine.",
    ),
    f"{ARTICLES}/a07.md": _article(
        7,
        "La mer Noire au cœur des discussions",
        "« Nous voulons une mer Noire ouverte », a déclaré Hakan Fidan à Ankara.",
    ),
    f"{ARTICLES}/a08.md": _article(
        8,
        "Washington et Ankara se concertent",
        "Antony Blinken et Hakan Fidan ont parlé de l'OTAN et de Gaza.",
    ),
    f"{ARTICLES}/a09.md": _article(
        9,
        "Les frappes reprennent",
        "Les frappes ont repris dans le sud de Gaza, selon des témoins.",
    ),
    f"{ARTICLES}/a10.md": _article(
        10,
        "Kiev salue l'aide européenne",
        "Les autorités ukrainiennes ont salué l'aide européenne à Kiev.",
    ),
    f"{ARTICLES}/a11.md": _article(
        11,
        "Un sommet de l'OTAN en préparation",
        "Le sommet de l'Alliance atlantique se prépare à Washington.",
    ),
    f"{ARTICLES}/a12.md": _article(
        12,
        "Fidan appelle au cessez-le-feu",
        "« Il faut un cessez-le-feu à Gaza », a affirmé Hakan Fidan.",
    ),
}


def _edit(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(site: Path) -> None:
        path = site / ARTICLES / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    edit.__name__ = f"{name}: {old} -> {new}"
    return edit


def _append(name: str, text: str) -> Callable[[Path], None]:
    def edit(site: Path) -> None:
        path = site / ARTICLES / name
        path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")

    edit.__name__ = f"{name} + {text}"
    return edit


def _deleted(site: Path) -> None:
    (site / ARTICLES / "a05.md").unlink()


def _added(site: Path) -> None:
    (site / ARTICLES / "a13.md").write_text(
        _article(13, "Blinken à Kiev", "Antony Blinken est arrivé à Kiev pour parler de l'OTAN."),
        encoding="utf-8",
    )


def _renamed_topic(site: Path) -> None:
    path = site / "content/topics/ukraine.md"
    path.write_text(path.read_text().replace("title: Ukraine", "title: Ukraine et mer Noire"))


EDITS = [
    # A title, shown on the related articles' pages, the dossiers', the people's, the timeline.
    _edit("a04.md", "Fidan en visite à Kiev", "Fidan reçu par les autorités de Kiev"),
    # A date: the article moves on every list it is in, pages after the first change.
    _edit("a02.md", "date: 2024-03-02", "date: 2024-03-11"),
    # A person now mentioned in an article: their pages' pagination changes.
    _append("a09.md", "Antony Blinken a demandé une enquête."),
    # A quote: the count of the person's quotes is on each of their pages.
    _append("a06.md", "« Il faut ouvrir les points de passage », a déclaré Hakan Fidan."),
    # Another quote of a person in an article on their last page: the count on each page.
    _append("a01.md", "« Nous resterons en contact », a déclaré Hakan Fidan."),
    # A person now mentioned about another dossier on their last page: where they are present,
    # on their first page.
    _append("a01.md", "Hakan Fidan a aussi parlé de l'OTAN et de l'Alliance atlantique."),
    # An article now in a dossier: its pagination and related dossiers change, and related lists.
    _append("a06.md", "Kiev a demandé une aide semblable pour l'Ukraine."),
    # Topics from the front matter: related articles change.
    _edit("a11.md", "source: aa\n", "source: aa\ntopics: [gaza]\n"),
    # A body edited, its title not: the pages listing it keep their bytes.
    _append("a01.md", "La rencontre a duré deux heures."),
    _deleted,
    _added,
    _renamed_topic,
]


def _cold_manifest(site: Path, cold: Path) -> dict[str, str]:
    shutil.rmtree(cold, ignore_errors=True)
    shutil.copytree(site, cold, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
    assert run("build", "--site", cold) == 0
    return manifest(cold / "_site")


def _planned(monkeypatch: pytest.MonkeyPatch) -> list[list[Page]]:
    """The pages each build plans, kept ones included."""
    planned: list[list[Page]] = []
    plan = build.plan_pages

    def recorded(*args: object) -> list[Page]:
        pages = plan(*args)  # type: ignore[arg-type]
        planned.append(pages)
        return pages

    monkeypatch.setattr(build, "plan_pages", recorded)
    return planned


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.__name__)
def test_pages_kept_unplanned_after_an_edit_equal_a_clean_build(
    make_site, tmp_path, monkeypatch, edit: Callable[[Path], None]
) -> None:
    site = make_site(FILES)
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    settle(site)
    assert run("build", "--site", site) == 0
    first = manifest(site / "_site")
    planned = _planned(monkeypatch)
    edit(site)
    _settle_inputs(site, 30)
    assert run("build", "--site", site) == 0
    assert manifest(site / "_site") == _cold_manifest(site, tmp_path / "cold")
    shutil.rmtree(site / ARTICLES)
    for path, data in before.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)
    _settle_inputs(site, 20)
    assert run("build", "--site", site) == 0
    assert manifest(site / "_site") == first
    # Both ways, the pages the edit did not touch were kept without being planned (a renamed
    # topic is on every page: none is).
    kept = [len([p for p in pages if p.kept]) for pages in (planned[0], planned[-1])]
    print(edit.__name__, kept, len(planned[0]))
    if edit is not _renamed_topic:
        assert min(kept) >= 10, kept


def test_an_edited_title_shows_on_the_pages_of_the_articles_related_to_it(
    make_site, monkeypatch
) -> None:
    site = make_site(FILES)
    settle(site)
    assert run("build", "--site", site) == 0
    old, new = "Fidan en visite à Kiev", "Fidan reçu par les autorités de Kiev"
    showing = [
        page
        for page in sorted((site / "_site").rglob("*.html"))
        if old in html.parse(str(page)).getroot().text_content() and "a04" not in page.as_posix()
    ]
    related = [p for p in showing if "/articles/" in p.as_posix()]
    assert related and any("/people/" in p.as_posix() for p in showing), showing
    planned = _planned(monkeypatch)
    _edit("a04.md", old, new)(site)
    _settle_inputs(site, 30)
    assert run("build", "--site", site) == 0
    for page in showing:
        text = html.parse(str(page)).getroot().text_content()
        assert new in text and old not in text, page
    kept = {p.path for p in planned[-1] if p.kept}
    assert kept and not kept & {p.relative_to(site / "_site").as_posix() for p in showing}
