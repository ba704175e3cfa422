"""Front matter and YAML files: every bad input is an ABORT at its line, never a surprise.

Covered in test_validation.py and not repeated here: front matter never closed, a YAML syntax
error at the file's line, a simple alias, `date: 2024-02-30`, a duplicate key in front matter,
`draft: no` refused while `title: no` is text, UTF-8 BOM and CRLF files building the same bytes
as LF, Latin-1 bytes and NUL bytes in an article. test_yamlread.py covers both PyYAML loaders.
"""

from __future__ import annotations

import json
import textwrap
import time
from pathlib import Path

import pytest

from ..conftest import MINIMAL_SITE, manifest, run
from ..test_validation import ARTICLE, ARTICLE_TEXT, SITE, edit, fails, reported, summary
from .support import aborts

PEOPLE = textwrap.dedent(MINIMAL_SITE["content/people.yaml"])
SOURCES = textwrap.dedent(MINIMAL_SITE["content/sources.yaml"])
CONFIG = textwrap.dedent(MINIMAL_SITE["site.yaml"])


def _line(text: str, start: str, value: str) -> str:
    """`text` with the value of its first line starting with `start` replaced."""
    lines = text.split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith(start))
    lines[at] = start + value
    return "\n".join(lines)


# ---------------------------------------------------------------- what YAML must not do


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        (ARTICLE, _line(ARTICLE_TEXT, "summary: ", "{payload}"), 4),
        ("site.yaml", _line(CONFIG, "description: ", "{payload}"), 2),
        ("content/people.yaml", _line(PEOPLE, "  role: ", "{payload}"), 3),
    ],
    ids=["article", "site.yaml", "people.yaml"],
)
def test_a_python_tag_is_refused_and_never_run(site: Path, capsys, name, text, line) -> None:
    canary = site.parent / "pwned"
    payload = f'!!python/object/apply:os.system ["touch {canary}"]'
    col = text.splitlines()[line - 1].index("{payload}") + 1
    problems = aborts(site, capsys, {name: text.format(payload=payload)})
    tag = "YAML tag '!!python/object/apply:os.system' is not allowed"
    assert problems == [(name, line, col, tag)]
    assert not canary.exists()


def test_an_alias_bomb_is_refused_in_under_a_second(site: Path, capsys) -> None:
    # A billion laughs: nine levels of nine aliases, 9**9 strings if it were expanded.
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 10):
        levels.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    bomb = "\n".join(levels)
    started = time.perf_counter()
    problems = aborts(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "people:", f"{bomb}\npeople:")})
    assert time.perf_counter() - started < 1.0
    assert len(problems) == 9 * 9 and all(" alias " in message for *_, message in problems)
    assert problems[0] == (ARTICLE, 9, 10, "YAML alias '*a0' is not supported")


@pytest.mark.parametrize(
    ("start", "unit", "line"), [("", "[", 4), ("", "{a: ", 4), ("\n  ", "- ", 5)]
)
def test_deep_nesting_is_refused_quickly_not_a_crash(
    site: Path, capsys, start: str, unit: str, line: int
) -> None:
    # 100,000 open lists crashed the interpreter in PyYAML's composer; 500 raised RecursionError.
    nested = f"summary: {start}{unit * 100_000}a"
    # 100,000 `{a: ` take 400 KiB: allowed here, to reach the YAML reader.
    files = {
        ARTICLE: edit(ARTICLE_TEXT, "summary:", f"{nested}\nx:"),
        "site.yaml": CONFIG + "limits:\n  article_kib: 1024\n",
    }
    started = time.perf_counter()
    problems = aborts(site, capsys, files)
    assert time.perf_counter() - started < 2.0
    [(path, at, _, message)] = problems
    assert (path, at) == (ARTICLE, line)
    assert message == "YAML lists and mappings are nested more than 32 levels deep"


# ---------------------------------------------------------------- YAML 1.1 traps


def test_yaml_1_1_words_stay_text_where_text_is_expected(make_site) -> None:
    # YAML 1.1 reads on/yes/no as booleans, 10:00 as 600 and 012 as 10: here they are text.
    article = """\
        ---
        title: on
        summary: 10:00
        slug: 012
        lang: no
        source: no
        date: 2024-03-08
        people: [off]
        ---
        Hakan Fidan et Antony Blinken ont évoqué la situation à Gaza.

        Yes, a répondu Hakan Fidan.
        """
    nato = textwrap.dedent(MINIMAL_SITE["content/topics/nato.md"])
    site = make_site(
        {
            ARTICLE: article,
            "content/topics/nato.md": nato.replace('[OTAN, "Alliance atlantique"]', "[yes, on]"),
            "content/sources.yaml": SOURCES + "no:\n  name: Norsk\n  url: https://no.example/\n",
            "content/people.yaml": PEOPLE + "off:\n  name: Yes\n  aliases: [yes, 012]\n",
        }
    )
    assert run("build", "--site", site) == 0
    page = (site / "_site/articles/012/index.html").read_text(encoding="utf-8")
    assert "<h1>on</h1>" in page and "10:00" in page
    assert 'lang="no"' in page  # Norwegian, not False
    assert "Norsk" in page and "https://no.example/" in page
    assert (site / "_site/people/off/index.html").is_file()
    # The keyword `yes` is the word yes: the paragraph that says it is in the NATO dossier.
    dossier = json.loads((site / "_site/dossiers/nato/index.json").read_text(encoding="utf-8"))
    assert [e["text"] for e in dossier["excerpts"]] == ["Yes, a répondu Hakan Fidan."]


@pytest.mark.parametrize(
    ("line", "written", "message"),
    [
        ("order: 0x1A", "order", "'order' must be a whole number, not '0x1A'"),
        ("order: 1_000", "order", "'order' must be a whole number, not '1_000'"),
        ("order: 1.5", "order", "'order' must be a whole number, not '1.5'"),
        ("order: 10:00", "order", "'order' must be a whole number, not '10:00'"),
    ],
)
def test_yaml_1_1_numbers_are_refused_where_a_number_is_expected(
    site: Path, capsys, line: str, written: str, message: str
) -> None:
    topic = textwrap.dedent(MINIMAL_SITE["content/topics/nato.md"])
    problems = aborts(site, capsys, {"content/topics/nato.md": topic.replace("order: 3", line)})
    assert problems == [("content/topics/nato.md", 5, len(written) + 3, message)]


def test_a_date_that_yaml_1_1_reads_as_a_number_is_refused(site: Path, capsys) -> None:
    problems = aborts(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "2024-03-08", "10:00")})
    assert problems == [
        (
            ARTICLE,
            3,
            7,
            "'date' is not a valid date: '10:00' (a date is written year-month-day with digits)",
        )
    ]


# ---------------------------------------------------------------- duplicates, in every file


@pytest.mark.parametrize(
    ("name", "text", "line", "key", "first"),
    [
        ("site.yaml", CONFIG + "title: Autre titre\n", 5, "title", 1),
        # A second `fidan:` would silently replace the first person.
        ("content/people.yaml", PEOPLE + "fidan:\n  name: Autre Fidan\n", 9, "fidan", 1),
        ("content/sources.yaml", SOURCES + "aa:\n  name: Autre\n", 4, "aa", 1),
        (
            "content/people.yaml",
            edit(PEOPLE, "  role: Ministre", "  name: Fidan\n  role: Ministre"),
            3,
            "name",
            2,
        ),
    ],
    ids=["site.yaml", "person", "source", "nested"],
)
def test_a_duplicate_key_is_an_error_in_every_file(
    site: Path, capsys, name: str, text: str, line: int, key: str, first: int
) -> None:
    err = fails(site, capsys, {name: text})
    col = 3 if key == "name" else 1
    head = f"{name}:{line}:{col}: error: duplicate key '{key}'"
    reported(err, head, text.splitlines()[line - 1], f"it is already set at line {first}; keep one")
    summary(err, 1)


# ---------------------------------------------------------------- bytes


@pytest.mark.parametrize("name", ["site.yaml", "content/people.yaml", "content/topics/gaza.md"])
def test_latin1_is_not_utf8_at_its_line_in_every_file(site: Path, capsys, name: str) -> None:
    text = textwrap.dedent(MINIMAL_SITE[name]).replace("Un site de test", "Un site à Paris")
    lines = text.splitlines()
    number = next(n for n, line in enumerate(lines, 1) if not line.isascii())
    problems = aborts(site, capsys, {name: text.encode("latin-1")})
    [(path, line, _, message)] = problems
    assert (path, line) == (name, number)
    assert message.startswith("the file is not UTF-8: byte 0x") and f"at line {number}," in message


def test_a_nul_byte_in_site_yaml_is_not_text(site: Path, capsys) -> None:
    raw = CONFIG.encode().replace(b"Un site", b"Un\0site")
    problems = aborts(site, capsys, {"site.yaml": raw})
    assert problems == [
        (
            "site.yaml",
            2,
            16,
            "the file contains a NUL byte at line 2, column 16: it is not a text file",
        )
    ]


def test_cr_only_and_mixed_line_endings_build_the_same_bytes_as_lf(make_site) -> None:
    site = make_site(SITE)
    assert run("build", "--site", site) == 0
    expected = manifest(site / "_site")
    raw = (site / ARTICLE).read_bytes()
    (site / ARTICLE).write_bytes(raw.replace(b"\n", b"\r"))
    topic = site / "content/topics/gaza.md"
    lines = topic.read_bytes().split(b"\n")
    topic.write_bytes(
        b"".join(line + (b"\r\n", b"\n", b"\r")[n % 3] for n, line in enumerate(lines))
    )
    assert run("build", "--site", site) == 0
    assert manifest(site / "_site") == expected
