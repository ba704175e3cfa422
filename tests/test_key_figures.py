"""The key figures on a dossier's first page and in its index.json (issue 20, points 3 and 6):
the latest value with its provenance, date and paragraph, the chart and the table, read back
from the HTML and the JSON."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import http.server
import json
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import lxml.html

from briefings.i18n import Language
from briefings.incremental.batch import analyze_all
from briefings.incremental.fingerprint import Fingerprints
from briefings.model import Corpus, FigureSpec, FigureValue, PlacedFigure, Speaker
from briefings.stages.config import Overrides
from briefings.stages.content import load_site
from briefings.stages.figures import key_figures, provenance_key
from briefings.stages.linking import link
from briefings.stages.pages import plan_pages
from briefings.stages.render import render

from .browser_support import PREFIX, Served
from .conftest import MINIMAL_SITE, write_site
from .sites import FIGURES

SVG = "{http://www.w3.org/2000/svg}"
SPECS = (
    FigureSpec("tues", "Personnes tuées à Gaza depuis le 7 octobre 2023", "personnes", ("tués",)),
    FigureSpec("deplaces", "Personnes déplacées dans la bande de Gaza", "personnes", ("déplacés",)),
    FigureSpec("camions", "Camions d'aide entrés à Gaza", "camions", ("camions",)),
)
MINISTRY = Speaker("Ministère de la Santé de Gaza", "sante-gaza")
ARMY = Speaker("L'armée israélienne")
UN = Speaker("l'ONU")


def value(
    slug: str, day: str, block: int, number: float, written: str, by: Speaker, figure: str = "tues"
) -> PlacedFigure:
    qualifier = written.rpartition(" ")[0].casefold() if not written[0].isdigit() else ""
    qualifier = qualifier.rstrip("0123456789 ,.").strip()
    return PlacedFigure(
        slug,
        FigureValue(
            "gaza",
            figure,
            number,
            "personnes",
            qualifier,
            written,
            by,
            dt.date.fromisoformat(day),
            block,
        ),
    )


# What the copy of sites.FIGURES says, as the reading of issue 20's point 2 finds it.
VALUES = (
    value("gaza-bilan-30000", "2024-02-29", 1, 30_000, "Plus de 30 000", MINISTRY),
    value("gaza-bilan-30000", "2024-02-29", 2, 10_000, "10 000", ARMY),
    value("gaza-toll-37000", "2024-06-10", 1, 37_000, "More than 37,000", MINISTRY),
    value("gaza-40000-tues", "2024-08-15", 2, 40_005, "Au moins 40 005", MINISTRY),
    value("gaza-40000-tues", "2024-08-15", 3, 17_000, "17 000", ARMY),
    value("gaza-44800-tues", "2024-11-25", 1, 44_800, "Plus de 44 800", MINISTRY),
    value(
        "gaza-44800-tues",
        "2024-11-25",
        2,
        1.9e6,
        "Près de 1,9 million",
        Speaker("l'ONU"),
        "deplaces",
    ),
)


def corpus(tmp_path: Path, language: str = "fr", values=VALUES, paginate: int = 20) -> Corpus:
    """The FIGURES site analysed and linked, its Gaza dossier given `values`."""
    files = {**MINIMAL_SITE, **FIGURES}
    files["content/topics/gaza.md"] = MINIMAL_SITE["content/topics/gaza.md"]
    files["site.yaml"] = (
        files["site.yaml"]
        .replace("language: fr", f"language: {language}")
        .replace("base_url:", f"paginate: {paginate}\n        base_url:")
    )
    site = write_site(tmp_path / "site", files)
    content, _ = load_site(site, Overrides())
    analyses, overviews = analyze_all(content, None)
    linked = link(content, analyses, overviews)
    gaza = linked.dossiers["gaza"]
    topic = dataclasses.replace(gaza.topic, figures=SPECS)
    gaza = dataclasses.replace(gaza, topic=topic, figures=tuple(values))
    return dataclasses.replace(linked, dossiers={**linked.dossiers, "gaza": gaza})


def built(corpus: Corpus) -> dict[str, bytes]:
    return render(plan_pages(corpus), corpus).files


@contextlib.contextmanager
def serve_figures(root: Path) -> Iterator[Served]:
    """The FIGURES site with VALUES, written under `root/repo/` and served (for the browser)."""
    for path, data in built(corpus(root)).items():
        target = root / PREFIX / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    try:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield Served(root, int(server.server_address[1]))
        server.shutdown()
    finally:
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


def page(files: dict[str, bytes], path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(files[path])


def select(element: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    """What a simple CSS selector finds below `element`: tags, `.class`, `#id`, `>` and
    `:last-child` (lxml's own `cssselect` needs a package the tests do not install)."""
    path, axis = ".", "//"
    for token in selector.replace(">", " > ").split():
        if token == ">":
            axis = "/"
            continue
        tag, rest, last = re.fullmatch(
            r"([a-z0-9]*)((?:[.#][\w-]+)*)(:last-child)?", token
        ).groups()
        step = tag or "*"
        for kind, name in re.findall(r"([.#])([\w-]+)", rest):
            has = f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
            step += f"[@id='{name}']" if kind == "#" else f"[{has}]"
        path += axis + step + ("[not(following-sibling::*)]" if last else "")
        axis = "//"
    return element.xpath(path)


def text(element: lxml.html.HtmlElement) -> str:
    # Only the spaces of the HTML's layout: the no-break spaces of the typography are kept.
    return re.sub(r"[ \t\r\n]+", " ", element.text_content()).strip()


# ---------------------------------------------------------------- the dossier's first page


def test_the_dossier_opens_with_its_key_figures(tmp_path: Path) -> None:
    files = built(corpus(tmp_path))
    dossier = page(files, "dossiers/gaza/index.html")
    section = select(dossier, ".primary > section")[0]  # the first thing the column shows
    assert section.get("class") == "key-figures"
    assert text(select(section, "h2")[0]) == "Chiffres clés"
    # The figures with values, in the topic's order; the trucks, never counted, are left out.
    figures = select(section, "article.key-figure")
    assert [f.get("id") for f in figures] == ["figure-tues", "figure-deplaces"]
    toll = figures[0]
    assert text(select(toll, "h3")[0]) == "Personnes tuées à Gaza depuis le 7 octobre 2023"
    assert text(select(toll, ".figure-value")[0]) == "plus de 44\u202f800\u00a0personnes"
    meta = select(toll, ".figure-meta")[0]
    assert text(meta).startswith("selon Ministère de la Santé de Gaza · 25 novembre 2024 ·")
    who, paragraph = select(meta, "a")
    assert who.get("href") == "/repo/people/sante-gaza/"
    assert select(meta, "time")[0].get("datetime") == "2024-11-25"
    assert paragraph.get("href") == "/repo/articles/gaza-44800-tues/#p-1"
    assert_anchor(files, paragraph.get("href"), "Plus de 44 800 Palestiniens ont été tués")
    displaced = figures[1]
    assert text(select(displaced, ".figure-value")[0]) == "près de 1,9\u00a0million de personnes"
    assert text(select(displaced, ".figure-meta")[0]).startswith("selon l'ONU · 25 novembre")
    assert select(displaced, ".figure-meta a")[0].get("href").endswith("#p-2")  # no person


def test_the_chart_has_a_series_per_provenance_and_a_marker_per_value(tmp_path: Path) -> None:
    files = built(corpus(tmp_path))
    toll = select(page(files, "dossiers/gaza/index.html"), "#figure-tues")[0]
    svg = ET.fromstring(lxml.html.tostring(select(toll, "svg.chart-svg")[0], encoding="unicode"))
    assert svg.get("role") == "img"
    name = svg.find(f"{SVG}title").text
    assert name == (
        "Graphique\u00a0: Personnes tuées à Gaza depuis le 7 octobre 2023 "
        "(6\u00a0valeurs, 2\u00a0sources)"
    )
    series = [g for g in svg.iter(f"{SVG}g") if "chart-series" in g.get("class", "")]
    assert [g.get("class") for g in series] == ["chart-series chart-s1", "chart-series chart-s2"]
    titles = [[t.text for t in g.iter(f"{SVG}title")] for g in series]
    ministry = ", selon Ministère de la Santé de Gaza"
    assert titles[0] == [
        f"29 février 2024\u00a0: plus de 30\u202f000\u00a0personnes{ministry}",
        # Read in an English article, said in French on a French site.
        f"10 juin 2024\u00a0: plus de 37\u202f000\u00a0personnes{ministry}",
        f"15 août 2024\u00a0: au moins 40\u202f005\u00a0personnes{ministry}",
        f"25 novembre 2024\u00a0: plus de 44\u202f800\u00a0personnes{ministry}",
    ]
    assert titles[1] == [
        "29 février 2024\u00a0: 10\u202f000\u00a0personnes, selon L'armée israélienne",
        "15 août 2024\u00a0: 17\u202f000\u00a0personnes, selon L'armée israélienne",
    ]
    # The army's count and the ministry's are never one line: on 29 February, two heights.
    heights = {}
    for group in series:
        for marker in group.iter(f"{SVG}g"):
            if marker.get("class") == "chart-marker":
                x, y = marker.get("transform")[len("translate(") : -1].split()
                heights.setdefault(float(x), []).append(float(y))
    assert len(heights) == 4 and sorted(len(ys) for ys in heights.values()) == [1, 1, 2, 2]
    # The legend names both, the ministry linked to its page.
    legend = select(toll, ".chart-legend li")
    assert [text(li) for li in legend] == ["Ministère de la Santé de Gaza", "L'armée israélienne"]
    assert select(legend[0], "a")[0].get("href") == "/repo/people/sante-gaza/"
    assert select(legend[1], "svg")[0].get("aria-hidden") == "true"


def test_the_table_gives_every_value_for_screen_readers(tmp_path: Path) -> None:
    files = built(corpus(tmp_path))
    toll = select(page(files, "dossiers/gaza/index.html"), "#figure-tues")[0]
    table = select(toll, "details.figure-table table")[0]
    assert text(select(table, "caption")[0]) == "Personnes tuées à Gaza depuis le 7 octobre 2023"
    assert [text(th) for th in select(table, "thead th")] == [
        "Date",
        "Valeur",
        "Selon",
        "Dans l'article",
    ]
    rows = [[text(td) for td in select(tr, "td")] for tr in select(table, "tbody tr")]
    assert len(rows) == 6
    assert rows[1] == [
        "29 févr. 2024",
        "10\u202f000\u00a0personnes",
        "L'armée israélienne",
        "Gaza\u00a0: le bilan dépasse les 30 000 morts (§2)",
    ]
    link = select(select(table, "tbody tr")[2], "a")
    assert link[-1].get("lang") == "en"  # the English dispatch's title is marked so
    for anchor in select(table, "tbody tr td:last-child a"):
        assert_anchor(files, anchor.get("href"))


def assert_anchor(files: dict[str, bytes], href: str, start: str = "") -> None:
    """`href` (`/repo/articles/<slug>/#p-N`) is a paragraph of an article page built."""
    path, _, anchor = href.removeprefix("/repo/").partition("#")
    target = page(files, path + "index.html").get_element_by_id(anchor)
    assert target is not None, href
    assert text(target).startswith(start), text(target)


def test_no_section_when_no_figure_has_a_value(tmp_path: Path) -> None:
    files = built(corpus(tmp_path, values=()))
    dossier = files["dossiers/gaza/index.html"].decode()
    assert "key-figures" not in dossier and "Chiffres clés" not in dossier
    assert "key-figures" not in files["dossiers/ukraine/index.html"].decode()


def test_only_the_first_page_of_a_long_dossier_has_them(tmp_path: Path) -> None:
    files = built(corpus(tmp_path, paginate=2))
    assert "dossiers/gaza/page/2/index.html" in files
    assert select(page(files, "dossiers/gaza/index.html"), ".key-figures")
    for path in files:
        if path.startswith("dossiers/gaza/page/"):
            assert b"key-figures" not in files[path], path


def test_an_english_site_says_them_in_english(tmp_path: Path) -> None:
    files = built(corpus(tmp_path, language="en"))
    toll = select(page(files, "dossiers/gaza/index.html"), ".key-figures")[0]
    assert text(select(toll, "h2")[0]) == "Key figures"
    assert text(select(toll, ".figure-value")[0]) == "more than 44,800\u00a0personnes"
    meta = text(select(toll, ".figure-meta")[0])
    assert meta.startswith("according to Ministère de la Santé de Gaza · November 25, 2024 ·")
    assert text(select(toll, "#figure-deplaces .figure-value")[0]) == (
        "nearly 1.9\u00a0million\u00a0personnes"
    )
    rows = select(toll, "#figure-tues tbody tr")
    assert text(select(rows[3], "td")[1]) == "at least 40,005\u00a0personnes"


# ---------------------------------------------------------------- index.json


def test_the_dossier_json_has_every_figure_with_its_values(tmp_path: Path) -> None:
    files = built(corpus(tmp_path))
    data = json.loads(files["dossiers/gaza/index.json"])
    assert [(f["id"], f["label"], f["unit"], len(f["values"])) for f in data["figures"]] == [
        ("tues", "Personnes tuées à Gaza depuis le 7 octobre 2023", "personnes", 6),
        ("deplaces", "Personnes déplacées dans la bande de Gaza", "personnes", 1),
        ("camions", "Camions d'aide entrés à Gaza", "camions", 0),
    ]
    assert data["figures"][0]["values"][-1] == {
        "value": 44800,
        "written": "Plus de 44 800",
        "qualifier": "plus de",
        "unit": "personnes",
        "provenance": {"name": "Ministère de la Santé de Gaza", "id": "sante-gaza"},
        "date": "2024-11-25",
        "article": "gaza-44800-tues",
        "block": 1,
        "anchor": "p-1",
        "url": "https://user.github.io/repo/articles/gaza-44800-tues/#p-1",
    }
    assert data["figures"][1]["values"][0]["value"] == 1900000
    assert data["figures"][0]["values"][1]["provenance"] == {
        "name": "L'armée israélienne",
        "id": None,
    }
    assert json.loads(files["dossiers/ukraine/index.json"])["figures"] == []


# ---------------------------------------------------------------- the data behind the page


def test_values_from_one_provenance_are_one_series_however_it_is_written() -> None:
    assert provenance_key(Speaker("les autorités sanitaires locales")) == provenance_key(
        Speaker("Autorités  sanitaires locales")
    )
    assert provenance_key(Speaker("l’armée israélienne")) == provenance_key(
        Speaker("L'armée israélienne")
    )
    assert provenance_key(Speaker("Ministère", "sante-gaza")) != provenance_key(
        Speaker("Ministère")
    )
    assert provenance_key(Speaker("")) == provenance_key(Speaker(" "))


def test_a_value_without_provenance_says_so(tmp_path: Path) -> None:
    values = (value("gaza-44800-tues", "2024-11-25", 1, 44_800, "44 800", Speaker("")),)
    files = built(corpus(tmp_path, values=values))
    toll = select(page(files, "dossiers/gaza/index.html"), "#figure-tues")[0]
    assert text(select(toll, ".figure-meta")[0]).startswith("source non précisée · 25 novembre")
    assert select(toll, ".figure-meta .unknown")
    assert not select(toll, ".chart-legend")  # one series: its name is the one above
    svg = select(toll, "svg.chart-svg")[0]
    assert [t.text for t in svg.iter("title")][1:] == [
        "25 novembre 2024\u00a0: 44\u202f800\u00a0personnes, source non précisée"
    ]


def test_a_changed_value_changes_the_pages_context(tmp_path: Path) -> None:
    # The render memo renders a page again when its context's digest changes: the figures are
    # in the context of the dossier's page and of its index.json, and their digest sees a value.
    before = corpus(tmp_path)
    changed = list(VALUES)
    changed[-2] = value("gaza-44800-tues", "2024-11-25", 1, 44_900, "Plus de 44 900", MINISTRY)
    after = dataclasses.replace(
        before,
        dossiers={
            **before.dossiers,
            "gaza": dataclasses.replace(before.dossiers["gaza"], figures=tuple(changed)),
        },
    )
    digests = []
    for each in (before, after):
        pages = {p.path: p for p in plan_pages(each)}
        prints = Fingerprints()
        digests.append(
            [
                prints.of(pages[p].context)
                for p in ("dossiers/gaza/index.html", "dossiers/gaza/index.json")
            ]
        )
        figures = key_figures(each.dossiers["gaza"], each.articles, Language("fr"))
        assert figures[0].latest.value.value in (44_800, 44_900)
    assert digests[0][0] != digests[1][0] and digests[0][1] != digests[1][1]
    assert "44\u202f900" in built(after)["dossiers/gaza/index.html"].decode()
