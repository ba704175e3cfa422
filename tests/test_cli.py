"""The command line as a user of Hugo or MkDocs expects it (issue 19, points 7 and 8): -V, -q and
-v, colour and a progress bar on a terminal only, `briefings clean`, help with examples and exit
codes, a summary that says what it counts, and a README that tells the truth."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefings import __version__
from briefings.stages.write import MARKER

from .conftest import REPO, run
from .sites import WIRE

ANSI = re.compile(rb"\x1b\[[0-9;]*[A-Za-z]")
COMMANDS = ("build", "serve", "check", "clean", "init", "new")


def _env(**changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    env["PYTHONPATH"] = str(REPO)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def on_a_terminal(*argv: str | Path, env: dict[str, str]) -> tuple[int, bytes]:
    """`python -m briefings ARGV` with its stdout and stderr on a pseudo-terminal: the exit
    status and every byte it wrote there."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "briefings", *map(str, argv)],
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=terminal,
        env=env,
        cwd=REPO,
    )
    os.close(terminal)
    said = bytearray()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the other end is closed, the process is gone
                break
            if not chunk:
                break
            said += chunk
        elif process.poll() is not None:
            break
    os.close(controller)
    return process.wait(timeout=60), bytes(said)


def in_a_pipe(*argv: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "briefings", *map(str, argv)],
        capture_output=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )


# ---------------------------------------------------------------- -V, -q, -v


def test_dash_capital_v_says_the_version(capsys) -> None:
    assert run("-V") == 0
    assert capsys.readouterr().out == f"briefings {__version__}\n"


def test_quiet_and_verbose_on_every_command_and_before_it(make_site, capsys) -> None:
    from .test_check import _wordy_site

    site = _wordy_site(make_site)
    assert run("-q", "build", "--site", site) == 0
    out, err = capsys.readouterr()
    assert ": warning: " not in err and "warning(s)" in out
    assert run("build", "-v", "--site", site) == 0  # nothing changed: every warning, replayed
    out, err = capsys.readouterr()
    listed = [line for line in err.splitlines() if ": warning: " in line]
    assert len(listed) > 10 and "more warning(s)" not in err
    assert run("check", "-q", "--site", site) == 0
    out, err = capsys.readouterr()
    assert ": warning: " not in err and "warning(s)" in out
    assert run("-q", "-v", "build", "--site", site) == 2
    assert "not allowed with argument" in capsys.readouterr().err
    for command in COMMANDS:
        assert run(command, "--help") == 0
        help_text = capsys.readouterr().out
        assert "-q, --quiet" in help_text and "-v, --verbose" in help_text, command


# ---------------------------------------------------------------- help


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_s_help_has_a_description_examples_and_exit_codes(command, capsys) -> None:
    assert run(command, "--help") == 0
    text = capsys.readouterr().out
    assert text.startswith(f"usage: briefings {command}")
    description = text.split("\n\n")[1]
    assert len(description.split()) >= 5, description
    examples = text.split("examples:\n", 1)[1].split("\n\n")[0]
    assert all(line.startswith("  briefings ") for line in examples.splitlines()), examples
    codes = text.split("exit status:\n", 1)[1]
    for code in ("0", "2", "3"):
        assert re.search(rf"^  {code}  \S", codes, re.MULTILINE), (command, codes)


def test_the_main_help_lists_the_commands_and_exit_codes(capsys) -> None:
    assert run("--help") == 0
    text = capsys.readouterr().out
    for command in COMMANDS:
        assert re.search(rf"^    {command} ", text, re.MULTILINE), command
    assert "exit status:" in text and "-V, --version" in text


# ---------------------------------------------------------------- the summary


def test_the_summary_says_what_it_counts_the_same_in_build_and_serve(make_site, capsys) -> None:
    from briefings.preview import watch
    from briefings.preview.serve import LiveState, Site
    from briefings.stages.config import Overrides

    site = make_site(WIRE)
    assert run("build", "--site", site) == 0
    first = capsys.readouterr().out.strip()
    pattern = (
        r"built (\d+) articles into (\d+) dossiers in \d+\.\d\d s: (\d+) files written to "
        r"(\S+), (\d+) unchanged(?:, (\d+) removed)?"
    )
    match = re.fullmatch(pattern, first)
    assert match, first
    total = len([p for p in (site / "_site").rglob("*") if p.is_file()]) - 1  # not the marker
    assert int(match[3]) == total and match[5] == "0"
    assert Path(match[4]).resolve() == (site / "_site").resolve()
    # One article edited: what was written, what was left as it was, what went (the search
    # index's files are named by their content), and nothing else.
    article = site / "content/articles/2024/2024-03-07-suede-32e-membre-otan.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("jeudi", "ce jeudi"), encoding="utf-8"
    )
    assert run("build", "--site", site) == 0
    again = re.fullmatch(pattern, capsys.readouterr().out.strip())
    assert again and 0 < int(again[3]) < total and int(again[3]) + int(again[5]) == total
    # The preview says the same words.
    said: list[str] = []
    state = LiveState(Site(site / "_site", "/repo/"))
    builder = watch.Builder(site, Overrides(), state, said.append, said.append)
    try:
        assert builder.build()
    finally:
        builder.close()
    assert re.fullmatch(pattern, said[-1]), said


# ---------------------------------------------------------------- colour and progress


def test_colour_on_a_terminal_only_and_never_with_no_color(make_site) -> None:
    text = "---\ntitle: X\ndate: 2024-03-08\nsource: afpp\n---\nTexte.\n"
    site = make_site({"content/articles/2024/x.md": text})
    status, said = on_a_terminal("build", "--site", site, env=_env())
    assert status == 1
    assert b"\x1b[" in said and b"unknown source 'afpp'" in ANSI.sub(b"", said)
    status, said = on_a_terminal("build", "--site", site, env=_env(NO_COLOR="1"))
    assert status == 1 and b"\x1b[" not in said
    assert b"x.md:4:9: error: unknown source 'afpp'" in said
    piped = in_a_pipe("build", "--site", site, env=_env())
    assert piped.returncode == 1 and b"\x1b[" not in piped.stderr
    assert b"x.md:4:9: error: unknown source 'afpp'" in piped.stderr


def test_a_progress_bar_on_a_terminal_and_nothing_of_it_in_a_log(make_site) -> None:
    """The bar shows once a build has taken BRIEFINGS_PROGRESS_DELAY seconds (1 by default):
    0 here, for a small site."""
    site = make_site(WIRE)
    status, said = on_a_terminal("build", "--site", site, env=_env(BRIEFINGS_PROGRESS_DELAY="0"))
    assert status == 0, said
    assert b"analysing articles" in said and b"writing pages" in said
    assert b"\r\x1b[2K" in said  # drawn in place, and cleared before the summary
    summary = said.rsplit(b"\r\x1b[2K", 1)[1]
    assert re.match(rb"built \d+ articles", summary), summary
    # In a log: no bar, no escape, no carriage return.
    for folder in ("_site", ".briefings-cache"):
        subprocess.run(["rm", "-rf", str(site / folder)], check=True)
    piped = in_a_pipe("build", "--site", site, env=_env(BRIEFINGS_PROGRESS_DELAY="0"))
    assert piped.returncode == 0
    assert b"analysing" not in piped.stderr + piped.stdout
    assert b"\r" not in piped.stderr + piped.stdout and b"\x1b" not in piped.stderr
    # On a terminal under CI, or with --quiet: none either.
    for folder in ("_site", ".briefings-cache"):
        subprocess.run(["rm", "-rf", str(site / folder)], check=True)
    status, said = on_a_terminal(
        "build", "--site", site, env=_env(BRIEFINGS_PROGRESS_DELAY="0", CI="true")
    )
    assert status == 0 and b"analysing" not in said
    status, said = on_a_terminal(
        "build", "-q", "--site", site, env=_env(BRIEFINGS_PROGRESS_DELAY="0")
    )
    assert status == 0 and b"analysing" not in said


def test_no_bar_for_a_build_shorter_than_the_delay(make_site) -> None:
    site = make_site(WIRE)
    status, said = on_a_terminal("build", "--site", site, env=_env(BRIEFINGS_PROGRESS_DELAY="60"))
    assert status == 0 and b"analysing" not in said and b"\r\x1b[2K" not in said


# ---------------------------------------------------------------- clean


def test_clean_removes_the_output_and_the_cache_and_nothing_else(make_site, capsys) -> None:
    site = make_site(WIRE)
    assert run("build", "--site", site) == 0
    assert (site / "_site" / MARKER).is_file() and (site / ".briefings-cache").is_dir()
    before = sorted(
        p for p in site.rglob("*") if "_site" not in p.parts and ".briefings-cache" not in p.parts
    )
    capsys.readouterr()
    assert run("clean", "--site", site) == 0
    out = capsys.readouterr().out
    assert not (site / "_site").exists() and not (site / ".briefings-cache").exists()
    assert sorted(site.rglob("*")) == before
    assert "removed" in out and "_site" in out and ".briefings-cache" in out
    assert run("clean", "--site", site) == 0
    assert "nothing to clean" in capsys.readouterr().out


def test_clean_leaves_a_folder_briefings_did_not_make(make_site, capsys, tmp_path) -> None:
    site = make_site(WIRE)
    (site / "_site").mkdir()
    (site / "_site" / "notes.txt").write_text("mine\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep\n", encoding="utf-8")
    (site / ".briefings-cache").symlink_to(elsewhere)
    assert run("clean", "--site", site) == 1
    err = capsys.readouterr().err
    assert (site / "_site" / "notes.txt").is_file() and (elsewhere / "keep.txt").is_file()
    assert "left" in err and MARKER in err
    assert ".briefings-cache" in err and "link" in err
    # A marker that is a link to a file elsewhere is no marker.
    (site / "_site" / MARKER).symlink_to(elsewhere / "keep.txt")
    assert run("clean", "--site", site) == 1
    assert (site / "_site" / "notes.txt").is_file() and MARKER in capsys.readouterr().err


def test_clean_outside_a_site_is_a_usage_error(tmp_path, capsys) -> None:
    assert run("clean", "--site", tmp_path / "absent") == 2
    assert f"no site folder at {tmp_path / 'absent'}" in capsys.readouterr().err


# ---------------------------------------------------------------- the README


def test_the_readme_says_how_to_see_the_site_truthfully() -> None:
    """Issue 19, point 8: "Open `_site/index.html`" gave an unstyled page with dead links, the
    site's links being root-relative (/briefings/...), which file:// does not resolve."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "Open `_site/index.html`" not in readme
    assert "briefings serve" in readme.split("## What you get")[0]
    # The address it gives is the one `serve` prints for the example site.
    config = (REPO / "site.yaml").read_text(encoding="utf-8")
    path = re.search(r"^base_url: https?://[^/]+(/\S*)$", config, re.MULTILINE)[1]
    assert f"http://127.0.0.1:8000{path}" in readme.split("## What you get")[0]
    assert "file://" in readme  # and it says why opening the file does not work


UNUSED_BY_AN_EDIT = (
    "markdown_it",
    "multiprocessing",
    "concurrent.futures.process",
    "ctypes",
    "briefings.text.figures",
    "briefings.text.numbers",
    "briefings.text.scope",
    "briefings.text.provenance",
)
"""Modules that only some builds need: markdown-it for a text with markup (topics and articles
of plain Markdown are read without it), the process pool for work spread over workers, and the
reading of key figures for a site whose topics track some."""


def test_an_edit_of_a_plain_article_does_not_import_what_it_never_uses(make_site, capsys) -> None:
    # Their imports were 75 ms of an edit's 0.2 s of imports, at the start of every build.
    site = make_site()
    assert run("build", "-q", "--site", site) == 0
    article = next((site / "content/articles").rglob("*.md"))
    article.write_text(article.read_text() + "\nUn paragraphe de plus sur la trêve.\n")
    script = (
        "import sys\n"
        "from briefings.cli import main\n"
        f"code = main(['build', '--site', {str(site)!r}])\n"
        f"print([m for m in {UNUSED_BY_AN_EDIT!r} if m in sys.modules])\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=_env(), check=False
    )
    assert done.returncode == 0, done.stderr
    built, imported = done.stdout.strip().split("\n")
    assert built.startswith("built 1 article into")
    assert imported == "[]"
