"""site.yaml and the command line: where the site is published (`base_url`) and where it is
written (`output`, `--out`), and the ids that name its folders.

A cloned repository chooses all of them, so none may send a reader's browser to another host,
put the output outside the site or inside its sources, or crash the build.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from briefings import build as build_module
from briefings.places import normalize_base_url

from ..conftest import MINIMAL_SITE, manifest, run, write_site
from .support import abort_text, aborts, outside, problems

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


# ---------------------------------------------------------------- output in site.yaml


def never_written(monkeypatch) -> None:
    def never(*args: object) -> int:
        raise AssertionError("write() was called for a refused output folder")

    monkeypatch.setattr(build_module, "write", never)


@pytest.mark.parametrize("written", ["../home/.config/autostart", "../../dehors", "ABSOLUTE"])
def test_an_output_outside_the_site_is_refused_at_its_line(
    site: Path, capsys, monkeypatch, tmp_path: Path, written: str
) -> None:
    written = str(tmp_path / "ailleurs") if written == "ABSOLUTE" else written
    write_site(site, {"site.yaml": CONFIG + f"output: {written}\n"})
    before = outside(tmp_path, site / "_site")
    never_written(monkeypatch)
    problems = aborts(site, capsys, {})
    message = f"the output folder '{written}' is outside the site folder"
    assert problems == [("site.yaml", 5, 9, message)]
    assert not (site / written).resolve().exists()
    assert outside(tmp_path, site / "_site") == before


def test_an_output_that_links_outside_the_site_is_refused_at_its_line(
    site: Path, capsys, monkeypatch, tmp_path: Path
) -> None:
    (site / "publie").symlink_to(tmp_path / "autostart", target_is_directory=True)
    never_written(monkeypatch)
    err = abort_text(site, capsys, {"site.yaml": CONFIG + "output: publie/_site\n"})
    message = "the output folder 'publie/_site' links outside the site folder"
    assert problems(err) == [("site.yaml", 5, 9, message)]
    assert "= hint: remove the link 'publie'; --out builds elsewhere" in err
    assert not (tmp_path / "autostart").exists()


def test_a_default_output_that_links_outside_the_site_is_refused(
    site: Path, capsys, monkeypatch, tmp_path: Path
) -> None:
    # A repository may hold `_site` itself, as a link.
    (tmp_path / "autostart").mkdir()
    shutil.rmtree(site / "_site")
    (site / "_site").symlink_to(tmp_path / "autostart", target_is_directory=True)
    never_written(monkeypatch)
    problems = aborts(site, capsys, {})
    assert problems == [
        ("site.yaml", 1, 1, "the output folder '_site' links outside the site folder")
    ]
    assert list((tmp_path / "autostart").iterdir()) == []


@pytest.mark.parametrize("source", ["static", "content", "templates", "content/articles"])
def test_an_output_inside_the_site_s_sources_is_refused_at_its_line(
    site: Path, capsys, monkeypatch, source: str
) -> None:
    (site / "static").mkdir()
    (site / "static/humans.txt").write_text("Rédaction\n")
    never_written(monkeypatch)
    problems = aborts(site, capsys, {"site.yaml": CONFIG + f"output: {source}/_site\n"})
    folder = source.split("/")[0]
    message = f"the output folder '{source}/_site' is inside the site's {folder}/ folder"
    assert problems == [("site.yaml", 5, 9, message)]
    assert not (site / source / "_site").exists()


def test_an_output_in_static_never_republishes_the_last_build(make_site, capsys) -> None:
    # Built into static/_site, each build would publish the last one: 43 → 85 → 128 files.
    site = make_site({"site.yaml": CONFIG + "output: static/_site\n"})
    (site / "static").mkdir()
    (site / "static/humans.txt").write_text("Rédaction\n")
    for _ in range(2):
        assert run("build", "--site", site) == 1
        err = capsys.readouterr().err
        assert problems(err) == [
            (
                "site.yaml",
                5,
                9,
                "the output folder 'static/_site' is inside the site's static/ folder",
            )
        ]
    assert sorted(p.name for p in (site / "static").iterdir()) == ["humans.txt"]


def test_an_output_linked_into_static_is_refused(site: Path, capsys, monkeypatch) -> None:
    (site / "static").mkdir()
    (site / "publie").symlink_to(site / "static", target_is_directory=True)
    never_written(monkeypatch)
    problems = aborts(site, capsys, {"site.yaml": CONFIG + "output: publie/_site\n"})
    message = "the output folder 'publie/_site' is inside the site's static/ folder"
    assert problems == [("site.yaml", 5, 9, message)]


# ---------------------------------------------------------------- --out


def refused_out(site: Path, capsys, out: Path, monkeypatch) -> str:
    """`build --out`: exit 2 with the reason, nothing written."""
    never_written(monkeypatch)
    assert run("build", "--site", site, "--out", out) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefings: error: ") and "Traceback" not in err
    return err


@pytest.mark.parametrize("source", ["static", "content", "templates"])
def test_out_inside_the_site_s_sources_is_refused(
    site: Path, capsys, monkeypatch, tmp_path: Path, source: str
) -> None:
    (site / source).mkdir(exist_ok=True)
    (tmp_path / "raccourci").symlink_to(site / source, target_is_directory=True)
    for out in (site / source / "_site", tmp_path / "raccourci/_site"):
        err = refused_out(site, capsys, out, monkeypatch)
        real = (site / source / "_site").resolve()
        assert f"refusing to build into {real}: it is inside the site's sources ({source}/)" in err
        assert not (site / source / "_site").exists()


def test_out_elsewhere_only_into_an_empty_missing_or_briefings_folder(
    site: Path, capsys, monkeypatch, tmp_path: Path
) -> None:
    autostart = tmp_path / "home/.config/autostart"
    autostart.mkdir(parents=True)
    (autostart / "session.desktop").write_text("[Desktop Entry]\n")
    err = refused_out(site, capsys, autostart, monkeypatch)
    assert "it is not empty and briefings did not create it" in err
    assert [p.name for p in autostart.iterdir()] == ["session.desktop"]


# ---------------------------------------------------------------- link loops


def looping(site: Path, *chain: str) -> None:
    """Replace the output by a loop of links: `_site -> chain[0] -> ... -> _site`."""
    shutil.rmtree(site / "_site")
    names = ["_site", *chain]
    for name, target in zip(names, [*chain, "_site"], strict=True):
        (site / name).symlink_to(target)


@pytest.mark.parametrize("chain", [(), ("loop2",)])
@pytest.mark.parametrize("command", ["build", "check"])
def test_an_output_folder_that_is_a_link_loop_is_a_clear_error(
    site: Path, capsys, chain: tuple[str, ...], command: str
) -> None:
    looping(site, *chain)
    assert run(command, "--site", site) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    message = "the output folder '_site' leads into a loop of links"
    assert problems(err) == [("site.yaml", 1, 1, message)]
    assert "= hint: remove the link '_site'" in err


def test_an_output_in_site_yaml_that_is_a_link_loop_is_refused_at_its_line(
    site: Path, capsys
) -> None:
    (site / "boucle").symlink_to("boucle")
    err = abort_text(site, capsys, {"site.yaml": CONFIG + "output: boucle/_site\n"})
    message = "the output folder 'boucle/_site' leads into a loop of links"
    assert problems(err) == [("site.yaml", 5, 9, message)]
    assert "= hint: remove the link 'boucle'" in err


@pytest.mark.parametrize("chain", [(), ("loop2",)])
def test_out_into_a_link_loop_is_a_usage_error(
    site: Path, capsys, monkeypatch, chain: tuple[str, ...]
) -> None:
    looping(site, *chain)
    err = refused_out(site, capsys, site / "_site", monkeypatch)
    assert f"refusing to build into {site / '_site'}: it leads into a loop of links" in err


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
