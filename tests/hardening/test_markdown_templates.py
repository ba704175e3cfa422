"""Markdown and templates: nothing the content says runs in a reader's browser, and no input,
however pathological, makes a build slower than linear or raise RecursionError.

test_markdown.py checks the Markdown stage alone; here every page, feed, data file and the
search index of a whole built site is parsed and checked.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import math
import textwrap
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from briefings.sources import MAX_FILE_BYTES
from briefings.stages.analysis import Analyzer
from briefings.stages.config import Overrides
from briefings.stages.content import load_site

from ..conftest import MINIMAL_SITE, run, write_site
from ..test_validation import ARTICLE, ARTICLE_TEXT, edit
from .support import abort_text, aborts, problems

EVIL = "</script><script>x()</script>\"'&<!--"
"""The issue's title: closes a script, opens one, breaks out of both quotes, opens a comment."""
CONFIG = textwrap.dedent(MINIMAL_SITE["site.yaml"])


class Scan(HTMLParser):
    """What a browser would make of a page: elements, attributes, scripts, comments, title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.comments: list[str] = []
        self.script_text: list[str] = []
        self.title = ""
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        if tag in ("script", "title", "style"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script":
            self.script_text.append(data)
        elif self._in and self._in[-1] == "title":
            self.title += data

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def urls(self) -> list[str]:
        return [
            value
            for _, attrs in self.tags
            for name, value in attrs.items()
            if name in ("href", "src", "action", "formaction", "poster", "data")
        ]


def scan(path: Path) -> Scan:
    page = Scan()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def harmless(url: str) -> bool:
    """A link a browser follows without running anything: relative, or a safe scheme."""
    cleaned = "".join(ch for ch in url if ch > " " and ch != "\x7f").lower()
    return urlsplit(cleaned).scheme in ("", "http", "https", "mailto", "tel")


def no_active_content(output: Path) -> None:
    """No inline script, event handler, iframe or object on any page; every link harmless."""
    for path in pages(output):
        page = scan(path)
        for tag, attrs in page.tags:
            assert tag not in ("iframe", "object", "embed", "frame", "base"), (path, tag)
            assert not any(name.startswith("on") for name in attrs), (path, tag, attrs)
            if tag == "script":
                assert attrs.get("src", "").startswith("/repo/"), (path, attrs)
        assert "".join(page.script_text).strip() == "", path
        assert all(harmless(url) for url in page.urls()), (path, page.urls())
        assert not any("x()" in comment for comment in page.comments), path


# ---------------------------------------------------------------- raw HTML


RAW_HTML = """\
<script>x()</script>

Une image <img src=x onerror="x()"> dans le texte, une <iframe src="https://evil.example/">.

<iframe src="https://evil.example/"></iframe>

<svg onload="x()"><a href="javascript:x()">lien</a></svg>
"""


def test_raw_html_is_escaped_on_every_page_unless_the_site_opts_in(make_site) -> None:
    overview = "---\ntitle: Gaza\nkeywords: [Gaza]\n---\n" + RAW_HTML
    files = {ARTICLE: ARTICLE_TEXT + "\n" + RAW_HTML, "content/topics/gaza.md": overview}
    site = make_site(files)
    assert run("build", "--site", site) == 0
    no_active_content(site / "_site")
    article = (site / "_site/articles/fidan-blinken/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;x()&lt;/script&gt;" in article  # shown as text, not dropped
    assert "&lt;iframe" in article
    # A site that writes its own HTML says so, and gets it.
    write_site(site, {"site.yaml": CONFIG + "raw_html: true\n"})
    assert run("build", "--site", site) == 0
    article = (site / "_site/articles/fidan-blinken/index.html").read_text(encoding="utf-8")
    assert "<script>x()</script>" in article and '<iframe src="https://evil.example/">' in article


# ---------------------------------------------------------------- links

BAD_URLS = [
    "javascript:x()",
    "JaVaScRiPt:x()",
    "&#106;avascript:x()",
    "&#x6A;&#x61;vascript:x()",
    "jav&#x09;ascript:x()",
    "javascript&colon;x()",
    "&#0000106avascript:x()",
    "data:text/html;base64,PHNjcmlwdD54KCk8L3NjcmlwdD4=",
    "DATA:text/html,x()",
    "vbscript:x()",
]


def test_a_dangerous_link_never_reaches_an_href(make_site) -> None:
    forms = "Un [lien]({0}), un [autre](<{0}>), une [référence][r{1}], <{0}> et ![carte]({0}).\n"
    body = "\n".join(forms.format(url, n) for n, url in enumerate(BAD_URLS))
    body += "\n" + "".join(f"[r{n}]: {url}\n" for n, url in enumerate(BAD_URLS))
    site = make_site({ARTICLE: ARTICLE_TEXT + "\n" + body})
    assert run("build", "--site", site) == 0
    no_active_content(site / "_site")
    page = (site / "_site/articles/fidan-blinken/index.html").read_text(encoding="utf-8")
    assert "Un [lien](javascript:x())" in page  # a refused link stays as the text written


@pytest.mark.parametrize(
    ("name", "text", "line", "col"),
    [
        (
            "content/sources.yaml",
            "aa:\n  name: AA\n  url: JaVaScRiPt:x()\n",
            3,
            8,
        ),
        (
            "content/people.yaml",
            "fidan:\n  name: Hakan Fidan\n  url: data:text/html,x()\n",
            3,
            8,
        ),
        (
            ARTICLE,
            edit(ARTICLE_TEXT, "source: aa", 'source: {name: AFP, url: " javascript:x()"}'),
            5,
            26,
        ),
    ],
    ids=["source", "person", "inline source"],
)
def test_a_dangerous_url_in_front_matter_or_yaml_is_refused(
    site: Path, capsys, name: str, text: str, line: int, col: int
) -> None:
    problems = aborts(site, capsys, {name: text})
    assert [(p, n, c) for p, n, c, m in problems if "must be an absolute http(s) URL" in m] == [
        (name, line, col)
    ], problems


# ---------------------------------------------------------------- a title that fights back


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def test_a_hostile_title_is_escaped_everywhere(make_site) -> None:
    article = f"""\
---
title: {_quoted(EVIL)}
date: 2024-03-08
source: {{name: {_quoted(EVIL)}, url: "https://www.aa.com.tr/fr"}}
summary: {_quoted(EVIL)}
url: https://www.aa.com.tr/fr/monde/fidan-blinken/1
quotes:
  - text: {_quoted(EVIL)}
    by: {_quoted(EVIL)}
---
Hakan Fidan et Antony Blinken ont évoqué la situation à Gaza. {EVIL}
"""
    topic = textwrap.dedent(MINIMAL_SITE["content/topics/gaza.md"])
    site = make_site(
        {
            "site.yaml": edit(CONFIG, "Dossiers de test", _quoted(EVIL)),
            ARTICLE: article,
            "content/topics/gaza.md": edit(topic, "title: Gaza", f"title: {_quoted(EVIL)}"),
        }
    )
    assert run("build", "--site", site) == 0
    output = site / "_site"
    no_active_content(output)

    # HTML: the title element, attributes and text hold the title whole, as text.
    for path in pages(output):
        page = scan(path)
        assert page.title.endswith(EVIL), (path, page.title)
        values = [v for _, attrs in page.tags for v in attrs.values() if "x()" in v]
        assert all(EVIL in value for value in values), (path, values)
    article_page = scan(output / "articles/fidan-blinken/index.html")
    assert sum(1 for tag, _ in article_page.tags if tag == "title") == 1

    # JSON: every file parses, and the title comes back as the same string.
    dossier = json.loads((output / "dossiers/gaza/index.json").read_text(encoding="utf-8"))
    assert dossier["title"] == EVIL
    assert dossier["quotes"][0]["text"] == EVIL
    assert dossier["excerpts"][0]["source"]["name"] == EVIL
    for path in output.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))

    # Feeds: well-formed XML whose texts are the title, with no element the title made.
    atom = "{http://www.w3.org/2005/Atom}"
    for path in output.rglob("*.xml"):
        root = ET.parse(path).getroot()
        assert not any(element.tag.endswith("script") for element in root.iter()), path
    feed = ET.parse(output / "feed.xml").getroot()
    assert feed.findtext(f"{atom}title") == EVIL
    assert [e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")] == [EVIL]

    # The search index: Pagefind's fragments hold the title as data.
    titles = []
    for path in (output / "pagefind/fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        titles.append(json.loads(data[len(b"pagefind_dcd") :])["meta"]["title"])
    assert EVIL in titles


# ---------------------------------------------------------------- pathological Markdown

# cmark's pathological inputs (test/pathological_tests.py), each a unit repeated n times.
PATHOLOGICAL = {
    "nested strong emph": ("*a **a ", "b", " a** a*"),
    "emph closers with no openers": ("a_ ", "", ""),
    "emph openers with no closers": ("_a ", "", ""),
    "link closers with no openers": ("a]", "", ""),
    "link openers with no closers": ("[a", "", ""),
    "mismatched openers and closers": ("*a_ ", "", ""),
    "openers and closers multiple of 3": ("c* ", "", ""),
    "link openers and emph closers": ("[ a_", "", ""),
    "pattern [ (](": ("[ (](", "", ""),
    "pattern ![[]()": ("![[]()", "", ""),
    "nested brackets": ("[", "a", "]"),
    "nested emphasis markers": ("*", "a", "*"),
    "nested block quotes": ("> ", "a", ""),
    "nested lists": ("- ", "a", ""),
    "nested ordered lists": ("1. ", "a", ""),
    "unclosed links A": ("[a](<b", "", ""),
    "unclosed links B": ("[a](b", "", ""),
    "unclosed comments": ("<!--", "", ""),
    "unclosed tags": ("<a ", "", ""),
    "entities": ("&#x", "", ""),
    "hard breaks": ("a  \n", "", ""),
    # Ours: French typography around code and emphasis, quotes, headings over paragraphs.
    "typography between code spans": ("`x` : ", "", ""),
    "typography between emphasis": ("*x* ; ", "", ""),
    "quotes with attributions": ("« Gaza, a dit Fidan » ", "", ""),
    "unclosed quotes over paragraphs": ("« Gaza Fidan Blinken\n\n", "", ""),
    "headings": ("## Gaza\n\nmer Noire\n\n", "", ""),
}


@pytest.fixture(scope="module")
def analyze(tmp_path_factory) -> object:
    """Times the analysis (Markdown, quotes, routing, people) of a body in one article."""
    site = write_site(tmp_path_factory.mktemp("pathological"), MINIMAL_SITE)
    content, _ = load_site(site, Overrides())
    analyzer = Analyzer(content.topics, content.people)
    article = content.articles[0]

    def seconds(body: str, repeat: int = 2) -> float:
        best = math.inf
        for _ in range(repeat):
            started = time.perf_counter()
            analyzer.analyze(dataclasses.replace(article, body=body))
            best = min(best, time.perf_counter() - started)
        return best

    return seconds


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_markdown_takes_linear_time(analyze, name: str) -> None:
    opening, middle, closing = PATHOLOGICAL[name]

    def body(n: int) -> str:
        return opening * n + middle + closing * n

    n = max(1, 1_500 // len(opening + closing))
    small, large = analyze(body(n)), analyze(body(8 * n), repeat=3)
    # Eight times the text: linear work takes about eight times longer, quadratic sixty-four.
    # The bound sits between the two, with room for a loaded machine (the best of three runs).
    assert large < 32 * small + 0.05, (name, small, large)
    assert large < 2.0, (name, large)


def test_the_issues_sizes_build_without_recursion_error(make_site) -> None:
    bodies = {
        "crochets": "[" * 20_000 + "a" + "]" * 20_000,
        "liens": "[" * 20_000 + "a" + "](b)" * 20_000,
        "emphase": "*" * 20_000 + "a" + "*" * 20_000,
        "soulignes": "_" * 20_000 + "a" + "_" * 20_000,
        "listes": "- " * 10_000 + "a",
        "listes-indentees": "".join("  " * i + "- a\n" for i in range(1_000)),
        "citations": "> " * 10_000 + "a",
    }
    head = "---\ntitle: {name}\ndate: 2024-03-08\nsource: aa\n---\n"
    files = {f"content/articles/{n}.md": head.format(name=n) + b for n, b in bodies.items()}
    # 1,000 lists indented one more level each take 980 KiB: above the default article size.
    settings = "search: false\nlimits:\n  article_kib: 1024\n"
    site = make_site({**files, "site.yaml": CONFIG + settings})
    started = time.perf_counter()
    assert run("build", "--site", site) == 0
    assert time.perf_counter() - started < 10.0
    for name in bodies:
        assert (site / f"_site/articles/{name}/index.html").is_file()


def test_a_50_mb_file_is_refused_at_once(site: Path, capsys) -> None:
    huge = site / "content/articles/2024/enorme.md"
    with huge.open("wb") as out:  # wire copy, 50 MiB of it
        out.write(b"---\ntitle: Enorme\ndate: 2024-03-08\nsource: aa\n---\n")
        line = "Hakan Fidan et Antony Blinken ont évoqué Gaza.\n".encode()
        out.write(line * (50 * 1024 * 1024 // len(line) + 1))
    assert 51 * 1024 * 1024 > huge.stat().st_size > 50 * 1024 * 1024 > MAX_FILE_BYTES
    started = time.perf_counter()
    err = abort_text(site, capsys, {})
    assert time.perf_counter() - started < 2.0
    assert problems(err) == [
        ("content/articles/2024/enorme.md", 1, 1, "file is too large (50 MiB)")
    ]
    assert "      = hint: split it: files are limited to 8 MiB" in err
