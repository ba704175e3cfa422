"""site.yaml and the command line: where the site is published (`base_url`) and where it is
written (`output`, `--out`), and the ids that name its folders.

A cloned repository chooses all of them, so none may send a reader's browser to another host,
put the output outside the site or inside its sources, or crash the build.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from briefings.places import normalize_base_url

from ..conftest import MINIMAL_SITE, manifest, run, write_site
from .support import aborts, problems

CONFIG = textwrap.dedent(MINIMAL_SITE["site.yaml"])
BASE_URL = "https://user.github.io/repo/"
URL_HINT = "= hint: write an absolute URL such as https://user.github.io/repo/"


def with_base_url(written: str) -> str:
    assert BASE_URL in CONFIG
    return CONFIG.replace(BASE_URL, written)


# ---------------------------------------------------------------- base_url

REFUSED_URLS = [
    # (as written in site.yaml, as shown in the message, why)
    ("https://user.github.io//evil.example/", None, "has an empty path segment ('//')"),
    ("https://user.github.io/repo//", None, "has an empty path segment ('//')"),
    ("'http://h/\\evil.example/'", "http://h/\\evil.example/", "holds a backslash"),
    (
        "'http://h\\evil.example/'",
        "http://h\\evil.example/",
        "has an invalid host 'h\\evil.example'",
    ),
    ("https://h/repo/../x/", None, "has a '..' path segment"),
    ("https://h/./", None, "has a '.' path segment"),
    ("https://h/%2e%2e/", None, "holds a percent-encoded character ('%2e')"),
    ("https://h/a%2Fb/", None, "holds a percent-encoded character ('%2F')"),
    ("https://h/%252e/", None, "holds a percent-encoded character ('%25')"),
    ("https://user@evil.example/", None, "must not hold a user name or password (before '@')"),
    ("https://u:p@h/", None, "must not hold a user name or password (before '@')"),
    ('"https://h/a\\tb/"', "https://h/a␉b/", "must not hold spaces or control characters"),
    ('"https://h/a\\nb/"', "https://h/a␊b/", "must not hold spaces or control characters"),
    ("https://h/a b/", None, "must not hold spaces or control characters"),
    ("https://h/repo/?x=1", None, "must not have a query or fragment"),
    ("https://h/repo/#top", None, "must not have a query or fragment"),
    ("https://h:99999/", None, "has an invalid port '99999'"),
    ("https://h:/", None, "has an invalid port ''"),
    ("https://h/.well-known/", None, "has a path segment that is not a plain name: '.well-known'"),
    ("https:///evil.example/", None, "is not an absolute http(s) URL"),
    ("//evil.example/", None, "is not an absolute http(s) URL"),
    ("javascript:alert(1)//", None, "is not an absolute http(s) URL"),
]


@pytest.mark.parametrize(("written", "shown", "why"), REFUSED_URLS)
def test_a_base_url_that_is_not_host_and_plain_path_is_refused_at_its_line(
    site: Path, capsys, written: str, shown: str | None, why: str
) -> None:
    problems = aborts(site, capsys, {"site.yaml": with_base_url(written)})
    assert problems == [("site.yaml", 4, 11, f"base_url '{shown or written}' {why}")]


def test_check_reports_a_protocol_relative_base_url(site: Path, capsys) -> None:
    written = "https://user.github.io//evil.example/"
    write_site(site, {"site.yaml": with_base_url(written)})
    assert run("check", "--site", site) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert problems(err) == [("site.yaml", 4, 11, f"base_url '{written}' {REFUSED_URLS[0][2]}")]
    assert URL_HINT in err


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_bad_base_url_on_the_command_line_is_a_usage_error(
    site: Path, capsys, command: str
) -> None:
    before = manifest(site / "_site")
    written = "https://user.github.io//evil.example/"
    assert run(command, "--site", site, "--base-url", written) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"error: argument --base-url: '{written}' has an empty path segment ('//')" in err
    assert manifest(site / "_site") == before


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("https://user.github.io/my.site/", "https://user.github.io/my.site/"),
        ("https://user.github.io/repo", "https://user.github.io/repo/"),
        ("https://dossiers.example.org", "https://dossiers.example.org/"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
        ("http://[::1]:8000/a/", "http://[::1]:8000/a/"),
        ("HTTPS://Example.org/A-b_c~d/v1.2/", "https://Example.org/A-b_c~d/v1.2/"),
    ],
)
def test_a_base_url_of_plain_segments_is_accepted(written: str, normal: str) -> None:
    assert normalize_base_url(written) == (normal, "")


def test_a_path_segment_with_dots_inside_a_name_builds(site: Path) -> None:
    write_site(site, {"site.yaml": with_base_url("https://user.github.io/my.site/")})
    assert run("build", "--site", site) == 0
    page = (site / "_site/index.html").read_text(encoding="utf-8")
    assert 'href="/my.site/' in page and "//evil" not in page


# ---------------------------------------------------------------- ids


def test_a_topic_file_name_ending_in_a_newline_is_refused(site: Path, capsys) -> None:
    topic = MINIMAL_SITE["content/topics/gaza.md"].replace("Gaza", "Nl")
    problems = aborts(site, capsys, {"content/topics/nl\n.md": topic})
    message = "topic id 'nl␊' is not valid: the file name is the topic's id"
    assert problems == [("content/topics/nl␊.md", 1, 1, message)]


def test_a_person_id_ending_in_a_newline_is_refused(site: Path, capsys) -> None:
    people = textwrap.dedent(MINIMAL_SITE["content/people.yaml"]) + '"bad\\n":\n  name: Bad\n'
    problems = aborts(site, capsys, {"content/people.yaml": people})
    assert problems == [("content/people.yaml", 9, 1, "'bad␊' is not a valid id")]
