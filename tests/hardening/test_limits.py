"""Size limits: one small file cannot cost gigabytes of memory, minutes of work or of disk.

Each limit is an ABORT naming the file and, where it makes sense, the line: an article or topic
file's size (`article_kib`), the cells of its tables (`table_cells`), its paragraphs
(`paragraphs`), and the whole output's size (`output_mib`). site.yaml's `limits:` sets them.
The issue's attack files are refused in seconds, in a child process whose peak memory is read.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from ..conftest import MINIMAL_SITE, run, write_site
from ..test_validation import ARTICLE, ARTICLE_TEXT, fails
from .support import abort_text, aborts, problems

CONFIG = textwrap.dedent(MINIMAL_SITE["site.yaml"])
HEAD = "---\ntitle: Attaque\ndate: 2024-03-09\nsource: aa\n{extra}---\n"
"""An article's front matter: the body starts at line 6 plus the lines of `extra`."""
NEW = "content/articles/2024/2024-03-09-attaque.md"
SENTENCE = "Hakan Fidan et Antony Blinken ont évoqué la situation humanitaire à Gaza, mardi.\n\n"
PARAGRAPH = " ".join([SENTENCE.strip()] * 5) + "\n\n"
"""About 430 bytes: a long paragraph of wire copy."""


def table(columns: int, rows: int, cell: str = "x") -> str:
    """A table of `columns` by `rows` body rows (and its header)."""
    return (
        "|"
        + "h|" * columns
        + "\n"
        + "|"
        + "-|" * columns
        + "\n"
        + ("|" + f"{cell}|" * columns + "\n") * rows
    )


# ---------------------------------------------------------------- the issue's files


def _attack_table() -> dict[str, str]:
    # 5,000,000 cells in 7.5 MB: every other cell empty. It took 57 s and 6.2 GB.
    row = "|" + "a||" * 500 + "\n"
    return {NEW: HEAD.format(extra="") + table(1_000, 0) + row * 5_000}


def _attack_paragraphs() -> dict[str, str]:
    # 8 MiB of `Gaza.`: 1.2 million excerpts, a 949 MB site with a 335 MB dossier page.
    return {NEW: HEAD.format(extra="") + "Gaza.\n\n" * ((8 * 1024 * 1024 - 100) // 7)}


def _attack_topics() -> dict[str, str]:
    # 200 KB of one-line paragraphs, each routed to 20 dossiers: 600 MB to 750 MB written.
    topics = {
        f"content/topics/t{n:02d}.md": f"---\ntitle: T{n}\nkeywords: [mot{n:02d}]\n---\nT{n}.\n"
        for n in range(20)
    }
    ids = ", ".join(f"t{n:02d}" for n in range(20))
    return {**topics, NEW: HEAD.format(extra=f"topics: [{ids}]\n") + "A.\n\n" * 50_000}


def _attack_two_tables() -> dict[str, str]:
    # Two of the tables among 300 articles, so that they are read and analysed in workers.
    files = {
        f"content/articles/2024/a{n:03d}.md": HEAD.format(extra="") + SENTENCE for n in range(300)
    }
    files["content/articles/2024/a000.md"] = _attack_table()[NEW]
    files["content/articles/2024/a299.md"] = _attack_table()[NEW]
    return files


ATTACKS = {
    "table of 5 M cells": (_attack_table, {NEW}),
    "8 MiB of paragraphs": (_attack_paragraphs, {NEW}),
    "200 KB in 20 dossiers": (_attack_topics, {NEW}),
    "two tables in workers": (
        _attack_two_tables,
        {"content/articles/2024/a000.md", "content/articles/2024/a299.md"},
    ),
}
MEMORY_BOUND = 500 * 1024 * 1024
"""The most a refused build may take, its workers included (bytes of resident memory)."""


def measured_build(site: Path, deadline: float = 60.0) -> tuple[int, str, float, int]:
    """`briefings build` of `site` in a child process: its exit status, its stderr, the seconds
    it took and its peak resident memory (the largest of its own and its workers')."""
    started = time.perf_counter()
    err = site.parent / "stderr.txt"
    with err.open("w") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "briefings", "build", "--site", str(site)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            # A safety net for the machine running the tests, far above the bound checked.
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30)),
        )
    timer = threading.Timer(deadline, child.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(child.pid, 0)  # the rusage of this child alone
    finally:
        timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, err.read_text(), time.perf_counter() - started, usage.ru_maxrss * 1024


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_issues_attack_files_are_refused_in_seconds(make_site, attack: str) -> None:
    make, paths = ATTACKS[attack]
    site = make_site({**make(), "site.yaml": CONFIG + "search: false\n"})
    status, err, seconds, peak = measured_build(site)
    assert status == 1, err[-2000:]
    assert "Traceback" not in err
    assert {path for path, *_ in problems(err)} == paths, err[-2000:]
    assert not (site / "_site").exists()
    assert seconds < 10.0, seconds
    assert peak < MEMORY_BOUND, peak


@pytest.mark.parametrize(
    ("attack", "line", "message"),
    [
        ("table of 5 M cells", 6, "this table brings the cells of the file's tables to 5,001,000"),
        ("8 MiB of paragraphs", 6 + 2 * 2_000, "more than 2,000 paragraphs in one file"),
    ],
)
def test_with_the_size_limit_raised_the_attack_files_are_still_refused_early(
    make_site, attack: str, line: int, message: str
) -> None:
    # Up to 8 MiB allowed: the cells and the paragraphs are counted before their tokens exist.
    settings = "search: false\nlimits:\n  article_kib: 8192\n"
    site = make_site({**ATTACKS[attack][0](), "site.yaml": CONFIG + settings})
    status, err, seconds, peak = measured_build(site)
    assert status == 1, err[-2000:]
    [(path, at, col, said)] = problems(err)
    assert (path, at, col) == (NEW, line, 1) and said.startswith(message)
    assert seconds < 10.0, seconds
    assert peak < MEMORY_BOUND, peak


# ---------------------------------------------------------------- article_kib


@pytest.mark.parametrize("name", [NEW, "content/topics/gaza.md"])
def test_an_article_or_topic_over_the_size_limit_is_refused_before_it_is_read(
    site: Path, capsys, name: str
) -> None:
    head = HEAD.format(extra="") if name == NEW else "---\ntitle: Gaza\nkeywords: [Gaza]\n---\n"
    text = head + SENTENCE * (257 * 1024 // len(SENTENCE.encode()) + 1)
    assert 258 * 1024 > len(text.encode()) > 257 * 1024
    err = abort_text(site, capsys, {name: text})
    assert problems(err) == [(name, 1, 1, "file is too large (258 KiB)")]
    hint = (
        "split it: articles and topics are limited to 256 KiB "
        "('article_kib' in site.yaml's 'limits:')"
    )
    assert f"      = hint: {hint}" in err


def test_an_article_at_the_size_limit_builds(make_site) -> None:
    body = PARAGRAPH * ((256 * 1024 - 200) // len(PARAGRAPH.encode()))
    text = HEAD.format(extra="") + body
    assert 255 * 1024 < len(text.encode()) <= 256 * 1024
    site = make_site({NEW: text, "site.yaml": CONFIG + "search: false\n"})
    assert run("build", "--site", site) == 0


# ---------------------------------------------------------------- table_cells


def test_a_table_over_the_cell_limit_is_refused_at_its_line(site: Path, capsys) -> None:
    # 100 columns, a header and 100 rows: 10,100 cells, one row more than the 10,000 allowed.
    text = HEAD.format(extra="") + SENTENCE + table(100, 100)
    err = abort_text(site, capsys, {NEW: text})
    message = "this table brings the cells of the file's tables to 10,100, more than 10,000"
    assert problems(err) == [(NEW, 8, 1, message)]
    hint = (
        "split the table, or raise 'table_cells' in site.yaml's 'limits:' "
        "(a short row counts as many cells as the header)"
    )
    assert f"      = hint: {hint}" in err


def test_the_cells_of_all_the_tables_of_a_file_are_counted(site: Path, capsys) -> None:
    # Ten tables of 1,010 cells: the tenth brings them to 10,100.
    text = HEAD.format(extra="") + "\n".join(table(10, 100) for _ in range(10))
    [(path, line, col, message)] = aborts(site, capsys, {NEW: text})
    assert (path, line, col) == (NEW, 6 + 9 * 103, 1)
    assert message.endswith("to 10,100, more than 10,000")


def test_cells_markdown_fills_in_for_short_rows_are_counted(site: Path, capsys) -> None:
    # A header of 1,000 columns over 20 rows of one cell each: 4 KB that make 21,000 cells.
    text = HEAD.format(extra="") + table(1_000, 0) + "x\n" * 20
    assert len(text.encode()) < 5_000
    [problem] = aborts(site, capsys, {NEW: text})
    assert problem[:3] == (NEW, 6, 1)
    assert problem[3].endswith("to 21,000, more than 10,000")


def test_a_table_in_a_list_or_a_quote_is_counted(site: Path, capsys) -> None:
    quoted = "".join(f"> {line}\n" for line in table(100, 100).splitlines())
    [problem] = aborts(site, capsys, {NEW: HEAD.format(extra="") + quoted})
    assert problem[:2] == (NEW, 6)


def test_a_table_at_the_cell_limit_builds(make_site) -> None:
    text = HEAD.format(extra="") + table(100, 99)  # the header and 99 rows: 10,000 cells
    site = make_site({NEW: text, "site.yaml": CONFIG + "search: false\n"})
    assert run("build", "--site", site) == 0
    page = (site / "_site/articles/attaque/index.html").read_text(encoding="utf-8")
    assert page.count("<td>x</td>") == 9_900


def test_a_topic_overview_over_the_cell_limit_is_refused(site: Path, capsys) -> None:
    topic = "---\ntitle: Gaza\nkeywords: [Gaza]\n---\nLe dossier.\n\n" + table(100, 100)
    [problem] = aborts(site, capsys, {"content/topics/gaza.md": topic})
    assert problem[:3] == ("content/topics/gaza.md", 7, 1)


# ---------------------------------------------------------------- paragraphs


@pytest.mark.parametrize(
    ("unit", "lines"), [("Gaza.\n\n", 2), ("- Gaza.\n", 1), ("> Gaza.\n\n", 2), ("## Gaza\n\n", 2)]
)
def test_a_file_over_the_paragraph_limit_is_refused_at_the_first_paragraph_too_many(
    site: Path, capsys, unit: str, lines: int
) -> None:
    text = HEAD.format(extra="") + unit * 2_001
    err = abort_text(site, capsys, {NEW: text})
    assert problems(err) == [(NEW, 6 + 2_000 * lines, 1, "more than 2,000 paragraphs in one file")]
    hint = (
        "split it into several articles, or raise 'paragraphs' in site.yaml's 'limits:' "
        "(headings, list items and tables count as paragraphs)"
    )
    assert f"      = hint: {hint}" in err


def test_link_reference_definitions_are_not_paragraphs(make_site) -> None:
    references = "".join(f"[r{n}]: https://www.aa.com.tr/fr/{n}\n" for n in range(3_000))
    text = HEAD.format(extra="") + references + "\nVoir [la dépêche][r7].\n"
    site = make_site({NEW: text, "site.yaml": CONFIG + "search: false\n"})
    assert run("build", "--site", site) == 0


def test_a_file_at_the_paragraph_limit_builds(make_site) -> None:
    site = make_site({NEW: HEAD.format(extra="") + "Gaza.\n\n" * 2_000, "site.yaml": CONFIG})
    assert run("build", "--site", site) == 0


# ---------------------------------------------------------------- site.yaml's limits


def test_limits_are_raised_and_lowered_in_site_yaml(make_site, capsys) -> None:
    big = HEAD.format(extra="") + SENTENCE * 4_000  # 340 KiB, 4,000 paragraphs
    settings = "limits:\n  article_kib: 512\n  paragraphs: 5000\n  table_cells: 20000\n"
    site = make_site(
        {
            NEW: big,
            "content/articles/2024/table.md": HEAD.format(extra="slug: t\n") + table(100, 150),
            "site.yaml": CONFIG + settings,
        }
    )
    assert run("build", "--site", site) == 0
    capsys.readouterr()
    lowered = CONFIG + "limits:\n  paragraphs: 2\n  article_kib: 512\n  table_cells: 20000\n"
    err = fails(site, capsys, {"site.yaml": lowered, ARTICLE: ARTICLE_TEXT})
    assert (ARTICLE, 16, 1, "more than 2 paragraphs in one file") in problems(err)


@pytest.mark.parametrize(
    ("written", "line", "col", "message", "hint"),
    [
        (
            "limits:\n  article_kb: 512\n",
            6,
            3,
            "unknown key 'article_kb' in 'limits'",
            "did you mean 'article_kib'?",
        ),
        (
            "limits:\n  paragraphs: '5000'\n",
            6,
            15,
            "'paragraphs' must be a whole number, not '5000'",
            "write 'paragraphs: 5000' without quotes",
        ),
        (
            "limits:\n  table_cells: 1e6\n",
            6,
            16,
            "'table_cells' must be a whole number, not '1e6'",
            "write 'table_cells: 10000'",
        ),
        (
            "limits:\n  output_mib: 0\n",
            6,
            15,
            "'output_mib' must be at least 1, not 0",
            "write 'output_mib: 2048'",
        ),
        (
            "limits:\n  article_kib: 9000\n",
            6,
            16,
            "'article_kib' can be at most 8192, not 9000",
            "no file larger than 8 MiB is read",
        ),
        (
            "limits: 512\n",
            5,
            9,
            "'limits' must be a mapping of 'key: value' lines, not a text",
            "write each field on its own line as 'key: value', indented the same",
        ),
    ],
)
def test_limits_in_site_yaml_are_validated(
    site: Path, capsys, written: str, line: int, col: int, message: str, hint: str
) -> None:
    err = abort_text(site, capsys, {"site.yaml": CONFIG + written})
    assert problems(err) == [("site.yaml", line, col, message)]
    assert f"      = hint: {hint}" in err


# ---------------------------------------------------------------- output_mib


def test_the_output_limit_stops_the_build_before_anything_is_written(site: Path, capsys) -> None:
    # 1,500 paragraphs about Gaza: the article's page, the dossier's page, data and feed.
    text = HEAD.format(extra="") + SENTENCE * 1_500
    err = abort_text(site, capsys, {NEW: text, "site.yaml": CONFIG + "limits:\n  output_mib: 1\n"})
    [(path, line, col, message)] = problems(err)
    assert (path, line, col, message) == (
        "site.yaml",
        6,
        15,
        "the site's files come to more than 1 MiB",
    )
    assert "      = hint: the largest file seen is " in err
    assert "raise 'output_mib' in site.yaml's 'limits:' if the site really is that large" in err


def test_the_output_limit_holds_for_a_first_build(make_site, capsys) -> None:
    text = HEAD.format(extra="") + SENTENCE * 1_500
    site = make_site({NEW: text, "site.yaml": CONFIG + "limits:\n  output_mib: 1\n"})
    assert run("build", "--site", site) == 1
    assert problems(capsys.readouterr().err)[0][:3] == ("site.yaml", 6, 15)
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(("_site", "._site"))) == []


def test_the_output_limit_counts_the_pages_an_edit_keeps(make_site, capsys) -> None:
    # 1.8 MiB of pages about Gaza, kept by the edit; the article it adds on Kiev makes 0.3.
    config = CONFIG + "search: false\nlimits:\n  output_mib: 2\n"
    site = make_site({NEW: HEAD.format(extra="") + SENTENCE * 1_500, "site.yaml": config})
    assert run("build", "--site", site) == 0
    capsys.readouterr()
    kiev = "Kiev a demandé de nouvelles livraisons de défense aérienne avant l'hiver.\n\n"
    added = "content/articles/2024/2024-03-10-kiev.md"
    head = "---\ntitle: Kiev\ndate: 2024-03-10\nsource: aa\n---\n"  # no page about Gaza changes
    write_site(site, {added: head + kiev * 400})
    assert run("build", "--site", site) == 1
    assert problems(capsys.readouterr().err)[0] == (
        "site.yaml",
        7,
        15,
        "the site's files come to more than 2 MiB",
    )
    assert not (site / "_site/articles/kiev").exists()


def test_pages_rendered_in_workers_stop_at_the_output_limit(make_site, capsys) -> None:
    # 250 articles: their pages are rendered by worker processes, which stage them themselves.
    files = {
        f"content/articles/2024/a{n:03d}.md": HEAD.format(extra="") + SENTENCE * 200
        for n in range(250)
    }
    site = make_site({**files, "site.yaml": CONFIG + "search: false\nlimits:\n  output_mib: 2\n"})
    assert run("build", "--site", site) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert problems(err) == [("site.yaml", 7, 15, "the site's files come to more than 2 MiB")]
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(("_site", "._site"))) == []
