"""sitemap.xml (valid against the sitemap 0.9 schema, every HTML page once) and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from lxml import etree

from .conftest import run
from .sites import BASE_URL, WIRE

SCHEMA = Path(__file__).parent / "fixtures" / "sitemap.xsd"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


@pytest.fixture
def output(make_site) -> Path:
    site = make_site(WIRE)
    assert run("build", "--site", site) == 0
    return site / "_site"


def _entries(output: Path) -> dict[str, str | None]:
    tree = etree.parse(str(output / "sitemap.xml"))
    entries = {}
    for url in tree.getroot().findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc not in entries, f"{loc} listed twice"
        entries[loc] = url.findtext("s:lastmod", namespaces=NS)
    return entries


def test_sitemap_is_valid_against_the_schema(output: Path, schema: etree.XMLSchema) -> None:
    document = etree.parse(str(output / "sitemap.xml"))
    assert schema.validate(document), schema.error_log


def test_the_schema_rejects_what_the_protocol_forbids(schema: etree.XMLSchema) -> None:
    """The fixture schema is strict enough to catch a broken sitemap."""
    head = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    for body in (
        "<url><lastmod>2024-03-08</lastmod></url>",  # no <loc>
        "<url><loc>/repo/articles/x/</loc></url>",  # not absolute
        "<url><loc>https://user.github.io/repo/</loc><lastmod>8 mars</lastmod></url>",
        "<url><lastmod>2024-03-08</lastmod><loc>https://user.github.io/repo/</loc></url>",
    ):
        assert not schema.validate(etree.fromstring(f"{head}{body}</urlset>")), body


def test_every_html_page_but_404_is_listed_once(output: Path) -> None:
    pages = {
        p.relative_to(output).as_posix().removesuffix("index.html")
        for p in output.rglob("*.html")
        if p.name != "404.html"
    }
    listed = _entries(output)
    assert set(listed) == {BASE_URL + page for page in pages}
    assert BASE_URL + "404.html" not in listed
    assert BASE_URL in listed and BASE_URL + "articles/cij-rafah/" in listed


def test_lastmod_is_the_date_of_the_newest_article_shown(output: Path) -> None:
    listed = _entries(output)
    assert all(listed.values())
    assert listed[BASE_URL + "articles/cij-rafah/"] == "2024-05-24"
    assert listed[BASE_URL + "articles/peace-summit-ukraine/"] == "2024-06-16"
    assert listed[BASE_URL + "dossiers/gaza/"] == "2024-05-24"
    assert listed[BASE_URL + "dossiers/nato/"] == "2024-03-07"
    assert listed[BASE_URL + "people/blinken/"] == "2024-03-08"
    assert listed[BASE_URL] == "2024-06-16"
    assert listed[BASE_URL + "timeline/"] == "2024-06-16"


def test_sitemap_follows_the_base_url_given_on_the_command_line(make_site) -> None:
    site = make_site()
    assert run("build", "--site", site, "--base-url", "https://dossiers.example.org") == 0
    listed = _entries(site / "_site")
    assert "https://dossiers.example.org/articles/fidan-blinken/" in listed
    robots = (site / "_site" / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://dossiers.example.org/sitemap.xml" in robots.splitlines()


def test_robots_txt_allows_crawlers_and_points_to_the_sitemap(output: Path) -> None:
    lines = (output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /" not in lines
    assert f"Sitemap: {BASE_URL}sitemap.xml" in lines


def test_the_sitemap_is_written_as_elementtree_writes_its_tree(make_site) -> None:
    site = make_site(WIRE)
    assert run("build", "--site", site) == 0
    written = (site / "_site/sitemap.xml").read_bytes()
    entries = _entries(site / "_site")
    assert len(entries) > 5 and any(lastmod for lastmod in entries.values())
    root = ET.Element("urlset", xmlns=NS["s"])
    for loc, lastmod in entries.items():
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = loc
        if lastmod is not None:
            ET.SubElement(url, "lastmod").text = lastmod
    ET.indent(root)
    assert ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n" == written
