"""Pagination: `paginate` in site.yaml cuts dossiers, people's pages and the timeline into pages
of that many articles (`/dossiers/gaza/`, `/dossiers/gaza/page/2/`, ...), newest first, each with
a pager; index.json and the feeds stay whole.

The site is conftest's with sites.PAGINATED: eight Gaza articles by two, so four Gaza pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree, html

from briefings.stages.paginate import pagers, shown_numbers, split

from .conftest import MINIMAL_SITE, run, write_site
from .crawl import crawl_folder
from .sites import BASE_URL, PAGINATE, PAGINATED, PAGINATED_YAML

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
GAZA_PAGES = ["dossiers/gaza/", *(f"dossiers/gaza/page/{n}/" for n in (2, 3, 4))]
NEWEST_FIRST = [
    "fidan-blinken",
    "gaza-negociations-caire",
    "fidan-ankara-ukraine",
    "gaza-largages-aeriens",
    "blinken-gaza-treve",
    "gaza-distribution-farine",
    "fidan-doha-gaza",
    "gaza-convois-rafah",
]


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = write_site(tmp_path_factory.mktemp("paginated"), {**MINIMAL_SITE, **PAGINATED})
    assert run("build", "--site", site) == 0
    return site / "_site"


def page(output: Path, path: str) -> html.HtmlElement:
    return html.fromstring((output / path / "index.html").read_bytes())


def find(node: html.HtmlElement, path: str) -> list[html.HtmlElement]:
    """XPath, with `[.name]` for "has the class name": `//nav[.pager]//a[@rel='next']`."""
    has_class = r"[contains(concat(' ', normalize-space(@class), ' '), ' \1 ')]"
    return node.xpath(re.sub(r"\[\.([\w-]+)\]", has_class, path))


def slug_of(href: str) -> str:
    """`/repo/articles/gaza-convois-rafah/#p-2` → `gaza-convois-rafah`."""
    return href.removeprefix("/repo/articles/").split("/", 1)[0]


def entries(doc: html.HtmlElement) -> list[str]:
    """The articles of a dossier page's timeline, in order."""
    return [slug_of(a.get("href")) for a in find(doc, "//section[.timeline]//article[.entry]/h3/a")]


def excerpts(doc: html.HtmlElement) -> list[tuple[str, str]]:
    """(article, anchor) of each excerpt of a dossier page."""
    found = []
    for link in find(doc, "//section[.timeline]//div[.excerpt]//a[.to-article]"):
        href = link.get("href")
        found.append((slug_of(href), href.rsplit("#", 1)[1]))
    return found


def quote_articles(doc: html.HtmlElement) -> list[str]:
    return [
        slug_of(a.get("href"))
        for a in find(doc, "//figure[.quote]/figcaption/a[starts-with(@href, '/')]")
    ]


# ---------------------------------------------------------------- the pieces


def test_split_cuts_in_order_and_an_empty_list_is_one_page() -> None:
    assert split([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
    assert split([1, 2], 5) == [[1, 2]]
    assert split([], 3) == [[]]
    with pytest.raises(ValueError):
        split([1], 0)


@pytest.mark.parametrize(
    ("current", "total", "shown"),
    [
        (1, 1, [1]),
        (1, 4, [1, 2, 3, 4]),
        (1, 40, [1, 2, 3, 0, 40]),
        (20, 40, [1, 0, 18, 19, 20, 21, 22, 0, 40]),
        (40, 40, [1, 0, 38, 39, 40]),
        (5, 9, [1, 2, 3, 4, 5, 6, 7, 8, 9]),  # a gap never hides a single page
    ],
)
def test_the_pager_shows_the_ends_and_the_pages_around_the_current_one(
    current: int, total: int, shown: list[int]
) -> None:
    assert shown_numbers(current, total) == shown


def test_pagers_link_each_page_to_its_neighbours() -> None:
    first, second, third = pagers("timeline/", 3)
    assert (first.url, first.previous, first.next) == ("timeline/", "", "timeline/page/2/")
    assert (second.url, second.previous, second.next) == (
        "timeline/page/2/",
        "timeline/",
        "timeline/page/3/",
    )
    assert (third.previous, third.next, third.first) == ("timeline/page/2/", "", "timeline/")
    assert [link.url for link in third.links] == [
        "timeline/",
        "timeline/page/2/",
        "timeline/page/3/",
    ]


# ---------------------------------------------------------------- dossiers


def test_a_dossier_has_one_page_per_paginate_articles(output: Path) -> None:
    for path in GAZA_PAGES:
        assert (output / path / "index.html").is_file(), path
    assert not (output / "dossiers/gaza/page/1").exists()  # page 1 is the dossier's own URL
    assert not (output / "dossiers/gaza/page/5").exists()
    assert [len(entries(page(output, path))) for path in GAZA_PAGES] == [PAGINATE] * 4
    # Two Ukraine articles fit on one page: no pager, no page/2/.
    assert not (output / "dossiers/ukraine/page").exists()
    assert find(page(output, "dossiers/ukraine/"), "//nav[.pager]") == []


def test_each_excerpt_is_on_exactly_one_page_and_an_articles_excerpts_stay_together(
    output: Path,
) -> None:
    data = json.loads((output / "dossiers/gaza/index.json").read_text(encoding="utf-8"))
    everywhere = [(path, found) for path in GAZA_PAGES for found in excerpts(page(output, path))]
    shown = [found for _, found in everywhere]
    assert len(shown) == len(set(shown))
    assert shown == [(e["article"], e["anchor"]) for e in data["excerpts"]]
    pages_of_article: dict[str, set[str]] = {}
    for path, (slug, _) in everywhere:
        pages_of_article.setdefault(slug, set()).add(path)
    assert all(len(paths) == 1 for paths in pages_of_article.values()), pages_of_article
    assert len(pages_of_article["gaza-largages-aeriens"]) == 1 and len(data["excerpts"]) == 15


def test_pages_run_newest_first(output: Path) -> None:
    order = [slug for path in GAZA_PAGES for slug in entries(page(output, path))]
    assert order == NEWEST_FIRST
    dates = [
        t.get("datetime")
        for path in GAZA_PAGES
        for t in find(page(output, path), "//article[.entry]/h3/time")
    ]
    assert dates == sorted(dates, reverse=True)
    assert entries(page(output, "dossiers/gaza/page/4/")) == [
        "fidan-doha-gaza",
        "gaza-convois-rafah",
    ]


def test_quotes_on_a_page_come_from_that_pages_articles(output: Path) -> None:
    data = json.loads((output / "dossiers/gaza/index.json").read_text(encoding="utf-8"))
    every_quote = []
    for path in GAZA_PAGES:
        doc = page(output, path)
        quoted = quote_articles(doc)
        assert set(quoted) <= set(entries(doc)), path
        every_quote.extend(quoted)
    assert every_quote == [q["article"] for q in data["quotes"]]
    assert every_quote == ["fidan-ankara-ukraine", "blinken-gaza-treve", "fidan-doha-gaza"]
    # Page 1's articles hold no quote: it says so, without claiming the dossier has none.
    first = find(page(output, "dossiers/gaza/"), "//section[.quotes]")[0].text_content()
    assert "Aucune citation dans les articles de cette page." in first


def test_page_one_has_the_overview_and_later_pages_a_short_header(output: Path) -> None:
    first = page(output, "dossiers/gaza/")
    assert find(first, "//section[.overview]") and find(first, "//aside[.secondary]")
    assert "8\u00a0articles" in find(first, "//header[.page-header]/p[.counts]")[0].text_content()
    assert find(first, "//p[.page-of]") == []
    for number, path in enumerate(GAZA_PAGES[1:], start=2):
        later = page(output, path)
        assert find(later, "//section[.overview]") == [] and find(later, "//aside") == []
        assert find(later, "//h1")[0].text_content() == "Gaza"
        header = find(later, "//p[.page-of]")[0]
        assert header.text_content().startswith(f"Page {number} sur 4")
        assert [a.get("href") for a in find(header, ".//a")] == ["/repo/dossiers/gaza/"]
        assert later.findtext(".//title") == f"Gaza — Page {number} sur 4 · Dossiers de test"
        # The menu still shows where the reader is: in Gaza, though not on its first page.
        menu = find(later, "//header[.site-header]//a[@aria-current]")
        assert [(a.text_content(), a.get("aria-current")) for a in menu] == [("Gaza", "true")]


def test_pager_links_resolve_carry_the_base_path_and_say_prev_and_next(output: Path) -> None:
    for number, path in enumerate(GAZA_PAGES, start=1):
        doc = page(output, path)
        (pager,) = find(doc, "//nav[.pager]")
        assert pager.get("aria-label") == "Pagination"
        for link in find(pager, ".//a"):
            href = link.get("href")
            assert href.startswith("/repo/dossiers/gaza/"), href
            assert (output / href.removeprefix("/repo/") / "index.html").is_file(), href
        current = find(pager, ".//a[@aria-current='page']")
        assert [a.get("href") for a in current] == [f"/repo/{path}"]
        assert [a.text_content() for a in find(pager, ".//a[not(@rel)]")] == [
            f"Page {n}" for n in range(1, 5)
        ]
        prev = f"/repo/{GAZA_PAGES[number - 2]}" if number > 1 else None
        next_ = f"/repo/{GAZA_PAGES[number]}" if number < 4 else None
        for rel, expected in (("prev", prev), ("next", next_)):
            in_pager = [a.get("href") for a in find(pager, f".//a[@rel='{rel}']")]
            in_head = [a.get("href") for a in find(doc, f"//head/link[@rel='{rel}']")]
            assert in_pager == in_head == ([expected] if expected else []), (path, rel)
        canonical = find(doc, "//link[@rel='canonical']")[0].get("href")
        assert canonical == BASE_URL + path


def test_index_json_and_the_feed_stay_whole(output: Path) -> None:
    data = json.loads((output / "dossiers/gaza/index.json").read_text(encoding="utf-8"))
    assert len({e["article"] for e in data["excerpts"]}) == 8 and len(data["quotes"]) == 3
    assert data["url"] == BASE_URL + "dossiers/gaza/"
    feed = etree.parse(str(output / "dossiers/gaza/feed.xml"))
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 8


# ---------------------------------------------------------------- people and timeline


def test_a_persons_quotes_and_articles_are_paginated_by_article(output: Path) -> None:
    first, second = page(output, "people/fidan/"), page(output, "people/fidan/page/2/")
    assert not (output / "people/fidan/page/3").exists()
    assert not (output / "people/blinken/page").exists()  # two articles: one page
    mentioned = [
        [slug_of(a.get("href")) for a in find(doc, "//ul[.article-list]//a")]
        for doc in (first, second)
    ]
    assert mentioned == [["fidan-blinken", "fidan-ankara-ukraine"], ["fidan-doha-gaza"]]
    assert quote_articles(first) == ["fidan-ankara-ukraine"]
    assert quote_articles(second) == ["fidan-doha-gaza"]
    # Role and presence by dossier on page 1 only.
    assert find(first, "//*[@id='presence-title']") and find(first, "//p[.lead]")
    assert find(second, "//*[@id='presence-title']") == [] and find(second, "//p[.lead]") == []
    assert find(second, "//p[.page-of]")[0].text_content().startswith("Page 2 sur 2")
    assert [a.get("href") for a in find(second, "//nav[.pager]//a[@rel='prev']")] == [
        "/repo/people/fidan/"
    ]
    assert find(first, "//head/link[@rel='next']")[0].get("href") == "/repo/people/fidan/page/2/"


def test_the_timeline_is_paginated_with_months_kept_within_a_page(output: Path) -> None:
    paths = ["timeline/", *(f"timeline/page/{n}/" for n in (2, 3, 4))]
    assert not (output / "timeline/page/5").exists()
    order, months = [], []
    for path in paths:
        doc = page(output, path)
        order.extend(slug_of(a.get("href")) for a in find(doc, "//ol[.timeline-list]/li/a"))
        months.append([h.text_content() for h in find(doc, "//section/h2")])
        assert find(doc, "//nav[.pager]//a[@aria-current='page']")[0].get("href") == f"/repo/{path}"
    assert order == NEWEST_FIRST
    # Page 3 runs from March into February: one heading for each, in that page.
    assert months == [["Mars 2024"], ["Mars 2024"], ["Mars 2024", "Février 2024"], ["Février 2024"]]


def test_the_sitemap_lists_every_page_with_its_newest_article(output: Path) -> None:
    tree = etree.parse(str(output / "sitemap.xml"))
    listed = {
        url.findtext("s:loc", namespaces=SITEMAP): url.findtext("s:lastmod", namespaces=SITEMAP)
        for url in tree.getroot().findall("s:url", SITEMAP)
    }
    for path in [*GAZA_PAGES, "people/fidan/page/2/", "timeline/page/4/"]:
        assert BASE_URL + path in listed, path
    assert listed[BASE_URL + "dossiers/gaza/"] == "2024-03-08"
    assert listed[BASE_URL + "dossiers/gaza/page/3/"] == "2024-03-01"
    assert listed[BASE_URL + "people/fidan/page/2/"] == "2024-02-28"
    assert listed[BASE_URL + "timeline/page/4/"] == "2024-02-28"


def test_every_page_and_pager_link_answers_under_the_base_path(output: Path) -> None:
    crawl = crawl_folder(output, BASE_URL)
    assert crawl.problems == []
    assert crawl.html_pages() == {p.relative_to(output).as_posix() for p in output.rglob("*.html")}
    assert crawl.site_url + "dossiers/gaza/page/4/" in crawl.statuses


# ---------------------------------------------------------------- the setting


def test_without_the_setting_pages_hold_twenty_articles(make_site) -> None:
    article = """\
        ---
        title: Point quotidien sur Gaza, jour {n}
        date: 2024-01-{n:02}
        source: aa
        ---
        Le point quotidien sur la situation humanitaire à Gaza, jour {n}.
        """
    files = {f"content/articles/2024/jour-{n:02}.md": article.format(n=n) for n in range(1, 22)}
    site = make_site(files)
    assert run("build", "--site", site) == 0
    out = site / "_site"
    assert (out / "dossiers/gaza/page/2/index.html").is_file()
    assert not (out / "dossiers/gaza/page/3").exists()
    last = page(out, "dossiers/gaza/page/2/")
    assert entries(last) == ["jour-02", "jour-01"]  # 22 articles: 20, then the two oldest
    assert len(entries(page(out, "dossiers/gaza/"))) == 20


def test_a_site_that_fits_on_one_page_has_no_pager(make_site) -> None:
    site = make_site()
    assert run("build", "--site", site) == 0
    out = site / "_site"
    for path in ("dossiers/gaza/", "people/fidan/", "timeline/"):
        doc = page(out, path)
        assert find(doc, "//nav[.pager]") == [] and find(doc, "//link[@rel='next']") == [], path
    assert not list(out.rglob("page"))


def test_an_english_site_names_its_pages_in_english(make_site) -> None:
    english = PAGINATED_YAML.replace("language: fr", "language: en")
    site = make_site({**PAGINATED, "site.yaml": english})
    assert run("build", "--site", site) == 0
    doc = page(site / "_site", "dossiers/gaza/page/2/")
    assert find(doc, "//nav[.pager]")[0].get("aria-label") == "Pagination"
    assert find(doc, "//a[@rel='next']")[0].text_content().strip() == "Next page →"
    assert find(doc, "//a[@rel='prev']")[0].text_content().strip() == "← Previous page"
    assert find(doc, "//p[.page-of]")[0].text_content() == "Page 2 of 4 · Back to the first page"


NOT_WHOLE = "'paginate' must be a whole number of articles per page, not"
TOO_SMALL = "'paginate' must be at least 1, not"
DEFAULT = "write 'paginate: 20'"


@pytest.mark.parametrize(
    ("value", "message", "hint"),
    [
        ("no", f"{NOT_WHOLE} 'no'", DEFAULT),
        ("0", f"{TOO_SMALL} 0", f"{DEFAULT} (articles per page)"),
        ("-5", f"{TOO_SMALL} -5", f"{DEFAULT} (articles per page)"),
        ('"x"', f"{NOT_WHOLE} 'x'", DEFAULT),
        ('"10"', f"{NOT_WHOLE} '10'", "write 'paginate: 10' without quotes"),
        ("2.5", f"{NOT_WHOLE} '2.5'", DEFAULT),
        ("[10]", f"{NOT_WHOLE} a list", DEFAULT),
    ],
)
def test_an_invalid_paginate_is_an_error_at_its_line_and_column(
    make_site, capsys, value: str, message: str, hint: str
) -> None:
    site = make_site({"site.yaml": PAGINATED_YAML.replace("paginate: 2", f"paginate: {value}")})
    assert run("build", "--site", site) == 1
    lines = capsys.readouterr().err.splitlines()
    head = f"site.yaml:5:11: error: {message}"
    assert head in lines, lines
    at = lines.index(head)
    assert lines[at + 1 : at + 4] == [
        f"    5 | paginate: {value}",
        "        " + " " * 10 + "^",
        f"      = hint: {hint}",
    ]
    assert not (site / "_site").exists()
