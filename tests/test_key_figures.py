"""The key figures on a dossier's first page and in its index.json (issue 20, points 3 and 6):
sites.FIGURES built as a user builds it, the latest value with its provenance, date and paragraph,
the chart and the table read back from the HTML, the values from the JSON; and the page and the
JSON made again, as a clean build makes them, when a value changes."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from pathlib import Path

import lxml.html
import pytest

from briefings.build import BuildCache, build
from briefings.model import Speaker
from briefings.stages import figures
from briefings.stages.config import Overrides
from briefings.stages.figures import provenance_key

from .browser_support import Served, serving
from .conftest import MINIMAL_SITE, run, write_site
from .sites import FIGURES
from .test_charts import FR, parse, read_value

SVG = "{http://www.w3.org/2000/svg}"
LATEST = "content/articles/2024/2024-11-25-gaza-44800-tues.md"


def site_files(
    language: str = "fr", paginate: int = 20, **more: str | None
) -> dict[str, str | bytes]:
    """MINIMAL_SITE with sites.FIGURES (Gaza's toll, displaced and trucks, four dispatches)."""
    files: dict[str, str | bytes | None] = {**MINIMAL_SITE, **FIGURES, **more}
    files["site.yaml"] = (
        MINIMAL_SITE["site.yaml"]
        .replace("language: fr", f"language: {language}")
        .replace("base_url:", f"paginate: {paginate}\n        base_url:")
    )
    return {path: text for path, text in files.items() if text is not None}


def built(tmp_path: Path, language: str = "fr", **options: object) -> dict[str, bytes]:
    """The site's output, built with the command line: output path to bytes."""
    site = write_site(tmp_path / "site", site_files(language, **options))  # type: ignore[arg-type]
    assert run("build", "--site", site) == 0
    return contents(site / "_site")


def contents(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@contextlib.contextmanager
def serve_figures(root: Path, **more: str) -> Iterator[Served]:
    """The FIGURES site (and `more` files) built under `root/served/repo/` and served (for the
    browser tests)."""
    site = write_site(root / "site", site_files(**more))  # type: ignore[arg-type]
    with serving(site, root / "served") as served:
        yield served


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
    files = built(tmp_path)
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
    files = built(tmp_path)
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
        "29 février 2024\u00a0: 24\u202f600\u00a0personnes, selon l'ONU",
        "15 août 2024\u00a0: 27\u202f000\u00a0personnes, selon l'ONU",
    ]
    # The UN's count and the ministry's are never one line: on 29 February, two heights.
    heights = {}
    for group in series:
        for marker in group.iter(f"{SVG}g"):
            if marker.get("class") == "chart-marker":
                x, y = marker.get("transform")[len("translate(") : -1].split()
                heights.setdefault(float(x), []).append(float(y))
    assert len(heights) == 4 and sorted(len(ys) for ys in heights.values()) == [1, 1, 2, 2]
    # Each marker where the axes say its value is.
    chart = parse(ET.tostring(svg, encoding="unicode"))
    read = [round(read_value(chart, m.y, FR)) for m in chart.markers]
    assert read == pytest.approx([30_000, 37_000, 40_005, 44_800, 24_600, 27_000], abs=60)
    # The legend names both, the ministry linked to its page.
    legend = select(toll, ".chart-legend li")
    assert [text(li) for li in legend] == ["Ministère de la Santé de Gaza", "l'ONU"]
    assert select(legend[0], "a")[0].get("href") == "/repo/people/sante-gaza/"
    assert select(legend[1], "svg")[0].get("aria-hidden") == "true"


def test_the_table_gives_every_value_for_screen_readers(tmp_path: Path) -> None:
    files = built(tmp_path)
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
        "24\u202f600\u00a0personnes",
        "l'ONU",
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
    # The topic has its figures, but no dispatch gives them a value.
    unsaid = {path: None for path in FIGURES if path.startswith("content/articles/")}
    site = write_site(tmp_path / "site", site_files(**unsaid))
    assert run("build", "--site", site) == 0
    dossier = (site / "_site/dossiers/gaza/index.html").read_text()
    assert "<h2" in dossier and "key-figures" not in dossier and "Chiffres clés" not in dossier
    data = json.loads((site / "_site/dossiers/gaza/index.json").read_text())
    assert [(f["id"], f["values"]) for f in data["figures"]] == [
        ("tues", []),
        ("deplaces", []),
        ("camions", []),
    ]
    # A topic with no figures at all.
    assert "key-figures" not in (site / "_site/dossiers/ukraine/index.html").read_text()


def test_only_the_first_page_of_a_long_dossier_has_them(tmp_path: Path) -> None:
    files = built(tmp_path, paginate=2)
    assert "dossiers/gaza/page/2/index.html" in files
    assert select(page(files, "dossiers/gaza/index.html"), ".key-figures")
    for path in files:
        if path.startswith("dossiers/gaza/page/"):
            assert b"key-figures" not in files[path], path


def test_an_english_site_says_them_in_english(tmp_path: Path) -> None:
    files = built(tmp_path, "en")
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


# ---------------------------------------------- one value a day, a week or a month per provenance

# Three dispatches more: on 10 June the ministry's toll again, in French, before the English one
# of the day; on 15 August its correction after the 40 005 of the day (the last of the day, though
# lower); on 25 November two earlier counts of the ministry's and the UN's of the day.
SAME_DAY = {
    "content/articles/2024/2024-06-10-gaza-bilan-juin.md": """\
        ---
        title: "Gaza : le bilan dépasse les 37 000 morts"
        date: 2024-06-10
        source: aa
        url: https://www.aa.com.tr/fr/monde/gaza-bilan-juin/1
        ---
        Plus de 37 000 Palestiniens ont été tués dans la bande de Gaza depuis le 7 octobre,
        selon le ministère de la Santé de Gaza.
        """,
    "content/articles/2024/2024-08-15-gaza-bilan-doha.md": """\
        ---
        title: "Gaza : le ministère corrige son bilan"
        date: 2024-08-15
        source: aa
        url: https://www.aa.com.tr/fr/monde/gaza-bilan-doha/1
        ---
        Plus de 39 900 personnes ont été tuées à Gaza depuis le début de la guerre, selon le
        ministère de la Santé de Gaza, qui a corrigé son décompte.
        """,
    "content/articles/2024/2024-11-25-gaza-44100-matin.md": """\
        ---
        title: "Gaza : le bilan du matin"
        date: 2024-11-25
        source: aa
        url: https://www.aa.com.tr/fr/monde/gaza-44100-matin/1
        ---
        Au moins 44 100 Palestiniens ont été tués dans la bande de Gaza depuis le 7 octobre 2023,
        selon le ministère de la Santé de Gaza.

        Plus de 44 200 Palestiniens ont été tués dans la bande de Gaza depuis le 7 octobre 2023,
        selon le ministère de la Santé de Gaza, dans un second décompte.

        Selon l'ONU, qui ne retient que les victimes identifiées, 31 000 personnes ont été tuées
        à Gaza.
        """,
}

MINISTRY = "Ministère de la Santé de Gaza"
ONE_OTHER = "(1\u00a0autre valeur cette semaine-là)"
TWO_OTHERS = "(2\u00a0autres valeurs cette semaine-là)"
# What the page shows of the toll's eleven values, in the dossier's order: the last of each week
# (the values span nine months) of each provenance, and how many other numbers it gave that week.
SHOWN = [
    ("2024-02-29", "plus de 30\u202f000", MINISTRY, "gaza-bilan-30000/#p-1", ""),
    ("2024-02-29", "24\u202f600", "l'ONU", "gaza-bilan-30000/#p-2", ""),
    ("2024-06-10", "plus de 37\u202f000", MINISTRY, "gaza-toll-37000/#p-1", ""),  # said twice
    ("2024-08-15", "27\u202f000", "l'ONU", "gaza-40000-tues/#p-3", ""),
    ("2024-08-15", "plus de 39\u202f900", MINISTRY, "gaza-bilan-doha/#p-1", ONE_OTHER),
    ("2024-11-25", "31\u202f000", "l'ONU", "gaza-44100-matin/#p-3", ""),
    ("2024-11-25", "plus de 44\u202f800", MINISTRY, "gaza-44800-tues/#p-1", TWO_OTHERS),
]


def test_the_chart_and_the_table_show_one_value_a_week_per_provenance(tmp_path: Path) -> None:
    files = built(tmp_path, **SAME_DAY)
    toll = select(page(files, "dossiers/gaza/index.html"), "#figure-tues")[0]
    # The headline is the last value of all, as before.
    assert text(select(toll, ".figure-value")[0]) == "plus de 44\u202f800\u00a0personnes"
    assert select(toll, ".figure-meta a")[-1].get("href").endswith("gaza-44800-tues/#p-1")
    # The table: the values shown, each linking to its paragraph, and what was left off.
    rows = select(toll, "details.figure-table tbody tr")
    said = []
    for row in rows:
        cells = select(row, "td")
        others = select(cells[1], ".figure-others")
        said.append(
            (
                select(cells[0], "time")[0].get("datetime"),
                text(cells[1]).split("\u00a0personnes")[0],
                text(cells[2]),
                select(cells[3], "a")[0].get("href").removeprefix("/repo/articles/"),
                text(others[0]) if others else "",
            )
        )
    assert said == SHOWN
    assert_anchor(files, select(rows[4], "a")[-1].get("href"), "Plus de 39 900 personnes")
    note = text(select(toll, "details.figure-table .figure-note")[0])
    assert note == (
        "Une valeur par semaine et par source, la dernière publiée\u00a0: 7\u00a0valeurs sur 11 "
        "relevées. Toutes sont dans les données du dossier (index.json)."
    )
    # The chart: the same values, a series per provenance, and its name says what it leaves off.
    svg = lxml.html.tostring(select(toll, "svg.chart-svg")[0], encoding="unicode")
    chart = parse(svg)
    assert chart.root.find(f"{SVG}title").text == (
        "Graphique\u00a0: Personnes tuées à Gaza depuis le 7 octobre 2023 "
        "(7\u00a0valeurs sur 11 relevées, 2\u00a0sources)"
    )
    by_series: dict[str, list[str]] = {}
    for marker in chart.markers:
        by_series.setdefault(marker.series, []).append(marker.title.split(", selon")[0])
    assert by_series == {
        "chart-s1": [
            "29 février 2024\u00a0: plus de 30\u202f000\u00a0personnes",
            "10 juin 2024\u00a0: plus de 37\u202f000\u00a0personnes",
            "15 août 2024\u00a0: plus de 39\u202f900\u00a0personnes",
            "25 novembre 2024\u00a0: plus de 44\u202f800\u00a0personnes",
        ],
        "chart-s2": [
            "29 février 2024\u00a0: 24\u202f600\u00a0personnes",
            "15 août 2024\u00a0: 27\u202f000\u00a0personnes",
            "25 novembre 2024\u00a0: 31\u202f000\u00a0personnes",
        ],
    }
    read = [round(read_value(chart, m.y, FR)) for m in chart.markers]
    expected = [30_000, 37_000, 39_900, 44_800, 24_600, 27_000, 31_000]
    assert read == pytest.approx(expected, abs=60)
    # index.json keeps every value, in the dossier's order.
    data = json.loads(files["dossiers/gaza/index.json"])
    values = [(v["date"], v["value"], v["article"]) for v in data["figures"][0]["values"]]
    assert values == [
        ("2024-02-29", 30000, "gaza-bilan-30000"),
        ("2024-02-29", 24600, "gaza-bilan-30000"),
        ("2024-06-10", 37000, "gaza-bilan-juin"),
        ("2024-06-10", 37000, "gaza-toll-37000"),
        ("2024-08-15", 40005, "gaza-40000-tues"),
        ("2024-08-15", 27000, "gaza-40000-tues"),
        ("2024-08-15", 39900, "gaza-bilan-doha"),
        ("2024-11-25", 44100, "gaza-44100-matin"),
        ("2024-11-25", 44200, "gaza-44100-matin"),
        ("2024-11-25", 31000, "gaza-44100-matin"),
        ("2024-11-25", 44800, "gaza-44800-tues"),
    ]
    # A figure whose values are all shown says nothing of it.
    displaced = select(page(files, "dossiers/gaza/index.html"), "#figure-deplaces")[0]
    assert not select(displaced, ".figure-note") and not select(displaced, ".figure-others")


# Two dispatches more, which stretch the toll over three years: a count of January 2022, and one
# of 5 November 2024, three weeks before the month's last.
OVER_YEARS = {
    **SAME_DAY,
    "content/articles/2022/2022-01-10-gaza-bilan-ancien.md": """\
        ---
        title: "Gaza : un ancien bilan"
        date: 2022-01-10
        source: aa
        url: https://www.aa.com.tr/fr/monde/gaza-bilan-ancien/1
        ---
        Plus de 250 Palestiniens ont été tués dans la bande de Gaza, selon le ministère de la
        Santé de Gaza.
        """,
    "content/articles/2024/2024-11-05-gaza-bilan-novembre.md": """\
        ---
        title: "Gaza : le bilan de début novembre"
        date: 2024-11-05
        source: aa
        url: https://www.aa.com.tr/fr/monde/gaza-bilan-novembre/1
        ---
        Plus de 43 300 Palestiniens ont été tués dans la bande de Gaza depuis le 7 octobre 2023,
        selon le ministère de la Santé de Gaza.
        """,
}


def test_a_figure_over_more_than_two_years_keeps_one_value_a_month(tmp_path: Path) -> None:
    files = built(tmp_path, **OVER_YEARS)
    toll = select(page(files, "dossiers/gaza/index.html"), "#figure-tues")[0]
    rows = []
    for row in select(toll, "details.figure-table tbody tr"):
        cells = select(row, "td")
        if text(cells[2]) == MINISTRY:
            others = select(cells[1], ".figure-others")
            rows.append(
                (
                    select(cells[0], "time")[0].get("datetime"),
                    text(cells[1]).split("\u00a0personnes")[0],
                    text(others[0]) if others else "",
                )
            )
    # November's last count stands for the month: the 43 300 of the 5th is left off with the
    # 44 100 and 44 200 of the 25th.
    assert rows == [
        ("2022-01-10", "plus de 250", ""),
        ("2024-02-29", "plus de 30\u202f000", ""),
        ("2024-06-10", "plus de 37\u202f000", ""),
        ("2024-08-15", "plus de 39\u202f900", "(1\u00a0autre valeur ce mois-là)"),
        ("2024-11-25", "plus de 44\u202f800", "(3\u00a0autres valeurs ce mois-là)"),
    ]
    assert text(select(toll, ".figure-note")[0]).startswith(
        "Une valeur par mois et par source, la dernière publiée\u00a0: 8\u00a0valeurs sur 13 "
    )
    # The chart shows what the table does.
    chart = parse(lxml.html.tostring(select(toll, "svg.chart-svg")[0], encoding="unicode"))
    assert len(chart.markers) == 8
    assert text(select(toll, ".figure-value")[0]) == "plus de 44\u202f800\u00a0personnes"


@pytest.mark.parametrize(
    ("days", "period"),
    [(0, "day"), (62, "day"), (63, "week"), (731, "week"), (732, "month"), (3000, "month")],
)
def test_the_period_follows_the_values_span(days: int, period: str) -> None:
    first = dt.date(2023, 10, 7)
    assert figures.period_of(first, first + dt.timedelta(days=days)) == period


def test_check_still_compares_every_value(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    # The ministry's 39 900 falls from its 40 005 of the same day, which the page leaves off.
    site = write_site(tmp_path / "site", site_files(**SAME_DAY))  # type: ignore[arg-type]
    assert run("check", "--site", site) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning: figure" in line]
    assert len(warnings) == 1 and "falls: Au moins 40 005 (2024-08-15" in warnings[0], warnings


def test_an_english_chart_says_how_many_values_it_shows(tmp_path: Path) -> None:
    files = built(tmp_path, "en", **SAME_DAY)
    toll = select(page(files, "dossiers/gaza/index.html"), "#figure-tues")[0]
    svg = ET.fromstring(lxml.html.tostring(select(toll, "svg.chart-svg")[0], encoding="unicode"))
    assert svg.find(f"{SVG}title").text == (
        "Chart: Personnes tuées à Gaza depuis le 7 octobre 2023 "
        "(7\u00a0values of 11 found, 2\u00a0sources)"
    )
    assert text(select(toll, ".figure-note")[0]) == (
        "One value a week per source, the last published: 7\u00a0values of 11 found. The "
        "dossier's data (index.json) has them all."
    )
    assert [text(s) for s in select(toll, ".figure-others")] == [
        "(1\u00a0other value that week)",
        "(2\u00a0other values that week)",
    ]


# ---------------------------------------------------------------- index.json


def test_the_dossier_json_has_every_figure_with_its_values(tmp_path: Path) -> None:
    files = built(tmp_path)
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
        "name": "l'ONU",
        "id": None,
    }
    assert json.loads(files["dossiers/ukraine/index.json"])["figures"] == []


# ---------------------------------------------------------------- the data behind the page


def test_values_from_one_provenance_are_one_series_however_it_is_written() -> None:
    assert provenance_key(Speaker("les autorités sanitaires locales")) == provenance_key(
        Speaker("Autorités  sanitaires locales")
    )
    assert provenance_key(Speaker("l’armée israélienne")) == provenance_key(
        Speaker("L'armée  israélienne")
    )
    assert provenance_key(Speaker("l'ONU")) != provenance_key(Speaker("l'armée israélienne"))
    assert provenance_key(Speaker("Ministère", "sante-gaza")) != provenance_key(
        Speaker("Ministère")
    )
    assert provenance_key(Speaker("")) == provenance_key(Speaker(" "))


UNSOURCED = """\
    ---
    title: "Gaza : le bilan dépasse les 45 000 morts"
    date: 2024-12-02
    source: aa
    ---
    Le bilan de la guerre à Gaza dépasse désormais les 45 000 morts.
    """


def test_a_value_without_provenance_says_so(tmp_path: Path) -> None:
    more = {"content/articles/2024/2024-12-02-gaza-45000.md": UNSOURCED}
    files = built(tmp_path, **more)
    toll = select(page(files, "dossiers/gaza/index.html"), "#figure-tues")[0]
    assert text(select(toll, ".figure-value")[0]) == "45\u202f000\u00a0personnes"
    assert text(select(toll, ".figure-meta")[0]).startswith("source non précisée · 2 décembre")
    assert select(toll, ".figure-meta .unknown")
    legend = [text(li) for li in select(toll, ".chart-legend li")]
    assert legend == ["Ministère de la Santé de Gaza", "l'ONU", "source non précisée"]
    svg = ET.fromstring(lxml.html.tostring(select(toll, "svg.chart-svg")[0], encoding="unicode"))
    assert [t.text for t in svg.iter(f"{SVG}title")][-1] == (
        "2 décembre 2024\u00a0: 45\u202f000\u00a0personnes, source non précisée"
    )


# ---------------------------------------------------------------- incremental = clean


def test_a_changed_value_changes_the_page_and_the_json_as_a_clean_build(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", site_files())
    assert run("build", "--site", site) == 0  # fills .briefings-cache
    serve = BuildCache()  # and the preview's memory, as `briefings serve` keeps it
    build(site, Overrides(), serve)
    before = contents(site / "_site")
    path = site / LATEST
    path.write_text(path.read_text().replace("Plus de 44 800", "Plus de 44 900"))
    for rebuild in ("cli", "serve"):
        if rebuild == "cli":
            assert run("build", "--site", site) == 0
        else:
            build(site, Overrides(), serve)
        after = contents(site / "_site")
        assert after == from_scratch(site, tmp_path / f"clean-{rebuild}"), rebuild
    changed = {p for p in after if after[p] != before.get(p)}
    assert {"dossiers/gaza/index.html", "dossiers/gaza/index.json"} <= changed
    assert "plus de 44\u202f900\u00a0personnes" in after["dossiers/gaza/index.html"].decode()
    data = json.loads(after["dossiers/gaza/index.json"])
    assert data["figures"][0]["values"][-1]["value"] == 44900
    assert "dossiers/ukraine/index.html" not in changed


def from_scratch(site: Path, copy: Path) -> Mapping[str, bytes]:
    """The same site built in another folder with no cache at all."""
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
    assert run("build", "--site", copy) == 0
    return contents(copy / "_site")


def test_a_value_the_page_leaves_off_changes_it_as_a_clean_build(tmp_path: Path) -> None:
    # The ministry's second count of 25 November becomes the one it gives last: the day's other
    # numbers are one fewer, the value shown is the same.
    site = write_site(tmp_path / "site", site_files(**SAME_DAY))  # type: ignore[arg-type]
    assert run("build", "--site", site) == 0
    path = site / "content/articles/2024/2024-11-25-gaza-44100-matin.md"
    path.write_text(path.read_text().replace("Plus de 44 200", "Plus de 44 800"))
    assert run("build", "--site", site) == 0
    after = contents(site / "_site")
    assert after == from_scratch(site, tmp_path / "clean")
    rows = select(page(after, "dossiers/gaza/index.html"), "#figure-tues tbody tr")
    assert [text(s) for s in select(rows[-1], ".figure-others")] == [
        "(1\u00a0autre valeur cette semaine-là)"
    ]
    assert text(select(rows[-1], "td")[1]).startswith("plus de 44\u202f800")
