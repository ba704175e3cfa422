"""Characters no page or feed may hold: C0 controls but tab and line ends, DEL and the C1
controls, lone surrogates and noncharacters (U+FFFE, U+FDD0, ...). XML 1.0 forbids most of them
(one made feed.xml invalid while the build said it succeeded) and HTML reports all of them.

Written in front matter or a YAML file, raw or as an escape (`"a\\x01b"`), such a character is an
ABORT at its line and column. In a Markdown body it is dropped, with a warning at its place.
"""

from __future__ import annotations

import gzip
import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ..conftest import MINIMAL_SITE, run
from ..test_validation import ARTICLE, ARTICLE_TEXT, edit, reported
from .support import abort_text, aborts

CONFIG = textwrap.dedent(MINIMAL_SITE["site.yaml"])
PEOPLE = textwrap.dedent(MINIMAL_SITE["content/people.yaml"])
SOURCES = textwrap.dedent(MINIMAL_SITE["content/sources.yaml"])
TOPIC = textwrap.dedent(MINIMAL_SITE["content/topics/gaza.md"])
WARNING = re.compile(r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+): warning: (?P<message>.*)$", re.M)


def forbidden(character: str) -> bool:
    """Whether a page or a feed must not hold `character`."""
    code = ord(character)
    return (
        (code < 0x20 and character not in "\t\n\r")
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFE == 0xFFFE
    )


def clean_output(output: Path) -> None:
    """No page, feed, data file or search record holds a forbidden character; every XML file
    parses."""
    for path in sorted(output.rglob("*")):
        if path.parent.name == "fragment":  # Pagefind's records: gzipped JSON
            text = gzip.decompress(path.read_bytes()).decode("utf-8")
        elif path.suffix in (".html", ".xml", ".json", ".txt"):
            text = path.read_text(encoding="utf-8")
        else:
            continue
        found = sorted({f"U+{ord(c):04X}" for c in text if forbidden(c)})
        assert not found, (path, found)
        if path.suffix == ".xml":
            ET.parse(path)  # expat: strict XML 1.0


# ---------------------------------------------------------------- front matter and YAML


def _line(text: str, start: str, line: str) -> str:
    """`text` with its first line starting with `start` replaced by `line`."""
    lines = text.split("\n")
    at = next(n for n, written in enumerate(lines) if written.startswith(start))
    lines[at] = line
    return "\n".join(lines)


ESCAPES = [
    (r"\x01", 0x01),
    (r"\x0b", 0x0B),
    (r"\v", 0x0B),
    (r"\0", 0x00),
    (r"\e", 0x1B),
    (r"\x7f", 0x7F),
    (r"\x9b", 0x9B),
    (r"\N", 0x85),
    (r"\uFFFE", 0xFFFE),
    (r"\uFDD0", 0xFDD0),
    (r"\U0010FFFF", 0x10FFFF),
]
TITLE = "title: Fidan et Blinken réunis à Washington"


@pytest.mark.parametrize(("escape", "code"), ESCAPES)
def test_an_escaped_character_in_front_matter_is_refused_at_its_place(
    site: Path, capsys, escape: str, code: int
) -> None:
    text = _line(ARTICLE_TEXT, "title:", f'title: "Fidan{escape} et Blinken"')
    message = f"'{escape}' writes the character U+{code:04X}, which pages and feeds cannot hold"
    assert aborts(site, capsys, {ARTICLE: text}) == [(ARTICLE, 2, 14, message)]


def test_an_escape_is_shown_with_a_hint(site: Path, capsys) -> None:
    written = 'title: "Fidan\\x01 et Blinken réunis à Washington"'
    err = abort_text(site, capsys, {ARTICLE: _line(ARTICLE_TEXT, "title:", written)})
    reported(
        err,
        f"{ARTICLE}:2:14: error: '\\x01' writes the character U+0001, "
        "which pages and feeds cannot hold",
        written,
        "delete it: it is invisible, and XML and HTML do not allow it",
    )


def test_an_escaped_backslash_is_text(make_site) -> None:
    # `"C:\\x01"` is the text C:\x01, a backslash then x01: nothing to refuse.
    site = make_site({ARTICLE: _line(ARTICLE_TEXT, "title:", 'title: "C:\\\\x01 Fidan"')})
    assert run("build", "--site", site) == 0
    page = (site / "_site/articles/fidan-blinken/index.html").read_text(encoding="utf-8")
    assert "C:\\x01 Fidan" in page


@pytest.mark.parametrize(
    ("name", "text", "line", "col"),
    [
        ("site.yaml", _line(CONFIG, "description:", 'description: "Un\\x01 site"'), 2, 17),
        ("content/people.yaml", _line(PEOPLE, "  role:", '  role: "Ministre\\x0b"'), 3, 18),
        ("content/sources.yaml", _line(SOURCES, "  name:", '  name: "\\eAgence"'), 2, 10),
        ("content/topics/gaza.md", _line(TOPIC, "title:", 'title: "Gaza\\x0c"'), 2, 13),
        (ARTICLE, _line(ARTICLE_TEXT, "summary:", 'summary: "Le\\uFFFF chef"'), 4, 13),
    ],
    ids=["site.yaml", "people.yaml", "sources.yaml", "topic", "summary"],
)
def test_an_escaped_character_is_refused_in_every_yaml_file(
    site: Path, capsys, name: str, text: str, line: int, col: int
) -> None:
    [(path, at, column, message)] = aborts(site, capsys, {name: text})
    assert (path, at, column) == (name, line, col)
    assert message.endswith("which pages and feeds cannot hold")


def test_a_raw_noncharacter_that_yaml_reads_is_refused(site: Path, capsys) -> None:
    text = _line(ARTICLE_TEXT, "title:", "title: Fidan\ufdd0 et Blinken")
    assert aborts(site, capsys, {ARTICLE: text}) == [
        (ARTICLE, 2, 13, "character U+FDD0 is not allowed: pages and feeds cannot hold it")
    ]


# ---------------------------------------------------------------- Markdown bodies


@pytest.mark.parametrize(
    ("dirty", "shown"), [("\x0b", "\u240b"), ("\x01", "\u2401"), ("\x9b", "\ufffd")]
)
def test_a_control_character_in_a_body_is_dropped_with_a_warning(
    make_site, capsys, dirty: str, shown: str
) -> None:
    body = edit(ARTICLE_TEXT, "Hakan Fidan,", f"Hakan{dirty} Fidan,")
    body = edit(body, "Gaza et la", "Gaza\ufffe et\x85 la\ufdd0")
    topic = edit(TOPIC, "Le dossier de Gaza.", "Le dossier\x0c de Gaza.\x7f")
    site = make_site({ARTICLE: body, "content/topics/gaza.md": topic})
    assert run("build", "--site", site) == 0
    err = capsys.readouterr().err
    line = ARTICLE_TEXT.split("\n")[9]
    col = line.index("Hakan") + len("Hakan") + 1
    warnings = [  # the content's own advice (a topic with no article) is not what is tested
        (m["path"], int(m["line"]), int(m["col"]), m["message"])
        for m in WARNING.finditer(err)
        if "character" in m["message"]
    ]
    assert sorted(warnings) == [
        (
            ARTICLE,
            10,
            col,
            f"character U+{ord(dirty):04X} removed, and 3 more in this file: "
            "pages and feeds cannot hold them",
        ),
        (
            "content/topics/gaza.md",
            7,
            11,
            "character U+000C removed, and 1 more in this file: pages and feeds cannot hold them",
        ),
    ]
    reported(
        err,
        f"{ARTICLE}:10:{col}: warning: {sorted(warnings)[0][3]}",
        line.replace("Hakan", f"Hakan{shown}"),
        "delete them from the file: control characters are invisible in most editors",
    )
    output = site / "_site"
    assert any((output / "pagefind/fragment").iterdir())
    clean_output(output)
    page = (output / "articles/fidan-blinken/index.html").read_text(encoding="utf-8")
    assert "Hakan Fidan," in page and "Gaza et la" in page
    assert "Le dossier de Gaza." in (output / "dossiers/gaza/index.html").read_text("utf-8")
    atom = "{http://www.w3.org/2005/Atom}"
    content = ET.parse(output / "feed.xml").getroot().find(f"{atom}entry/{atom}content")
    assert content is not None and "Hakan Fidan," in (content.text or "")


def test_a_body_full_of_control_characters_gives_one_warning(make_site, capsys) -> None:
    site = make_site({ARTICLE: ARTICLE_TEXT + "\x01" * 100_000 + "\n"})
    assert run("build", "--site", site) == 0
    err = capsys.readouterr().err
    assert [int(m["line"]) for m in WARNING.finditer(err) if "character" in m["message"]] == [18]
    assert "and 99,999 more in this file" in err
    clean_output(site / "_site")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Le ministre a déclaré : « Nous refusons. »\n\nUn autre paragraphe.",
        "Un\x0bcaractère de contrôle au milieu, puis\x1fun autre.",
        "Un emoji 🕊️ puis un\x7fDEL, et un autre 🕊️.",
        "Un emoji 🕊️ puis un non-caractère \U0001fffe au-delà du plan de base.",
        "Le non-caractère \U0010ffff du dernier plan, puis \x01.",
        "Un \ufffe, un \ufdd0 et une demi-paire \ud800 seule.",
        "\x85Un contrôle C1 en tête.",
        "Tout va bien 🕊️ jusqu'à la fin.",
    ],
)
def test_the_first_forbidden_character_is_found_the_fast_way_as_by_the_whole_class(
    text: str,
) -> None:
    from briefings.text.characters import FORBIDDEN, first_forbidden

    found, expected = first_forbidden(text), FORBIDDEN.search(text)
    assert (found and (found.start(), found.group())) == (
        expected and (expected.start(), expected.group())
    )
