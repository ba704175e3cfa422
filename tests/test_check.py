"""`briefings check`: content warnings, internal links and anchors, external links on request."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from briefings.commands.check import Link, check_links
from briefings.commands.external import check_external

from .conftest import MINIMAL_SITE, run
from .sites import WIRE

BASE = "https://user.github.io/repo/"


def _html(body: str) -> bytes:
    return f"<!DOCTYPE html><html><body>{body}</body></html>".encode()


# ---------------------------------------------------------------- check_links, in memory


def test_links_and_anchors_that_resolve_pass() -> None:
    files = {
        "index.html": _html(
            '<a href="/repo/articles/a/">A</a> <a href="articles/a/#p-2">§2</a>'
            ' <a href="/repo/dossiers/gaza">no slash</a> <a href="#top">haut</a>'
            ' <img src="images/carte.png" srcset="images/carte.png 1x, images/carte.png 2x">'
            ' <a href="https://www.aa.com.tr/fr">AA</a> <a href="mailto:desk@example.org">m</a>'
            ' <a href="https://user.github.io/autre-depot/#haut">un autre site du même hôte</a>'
        ),
        "articles/a/index.html": _html(
            '<div id="p-1"></div><div id="p-2"><a href="../../">accueil</a></div>'
        ),
        "dossiers/gaza/index.html": _html('<h1 id="top">Gaza</h1>'),
        "images/carte.png": b"\x89PNG",
    }
    files["index.html"] = files["index.html"].replace(b"<body>", b'<body id="top">')
    report = check_links(files, BASE)
    assert report.problems == ()
    assert report.pages == 3
    assert report.links == 8  # srcset counts twice
    assert list(report.external) == [
        "https://www.aa.com.tr/fr",
        "https://user.github.io/autre-depot/",
    ]


def test_broken_pages_anchors_and_missing_base_path_are_reported_where_written() -> None:
    files = {
        "index.html": _html('\n<a href="/repo/articles/absent/">x</a>'),
        "articles/a/index.html": _html(
            '<div id="p-1"></div>\n\n   <a href="#p-9">§9</a>\n<a href="/dossiers/gaza/">Gaza</a>'
            '\n<a href="../../../ailleurs/">hors du site</a>'
        ),
    }
    report = check_links(files, BASE, "_site/")
    messages = {(d.path, d.line, d.col, d.message) for d in report.problems}
    assert messages == {
        (
            "_site/index.html",
            2,
            1,
            "broken link '/repo/articles/absent/': no such page in the built site",
        ),
        (
            "_site/articles/a/index.html",
            3,
            4,
            "broken link '#p-9': no element with id 'p-9' in articles/a/index.html",
        ),
        (
            "_site/articles/a/index.html",
            4,
            1,
            "broken link '/dossiers/gaza/': leads out of the site's base path /repo/",
        ),
        (
            "_site/articles/a/index.html",
            5,
            1,
            "broken link '../../../ailleurs/': leads out of the site's base path /repo/",
        ),
    }
    assert all(d.severity == "error" for d in report.problems)


def test_a_broken_link_repeated_on_every_page_is_reported_once() -> None:
    nav = '<a href="/repo/timeline/">Chronologie</a>'
    files = {f"articles/a{n}/index.html": _html(nav) for n in range(5)}
    report = check_links(files, BASE)
    assert len(report.problems) == 1
    assert report.problems[0].message.endswith("(also on 4 other page(s))")


def test_404_links_are_checked_as_if_served_deep_in_the_site() -> None:
    files = {
        "index.html": _html("<p>accueil</p>"),
        "404.html": _html('<a href="/repo/">accueil</a> <a href="dossiers/">relatif</a>'),
    }
    report = check_links(files, BASE)
    assert [d.message for d in report.problems] == [
        "broken link 'dossiers/': no such page in the built site"
    ]


def test_feeds_and_sitemap_links_are_checked() -> None:
    feed = (
        f'<feed xmlns="http://www.w3.org/2005/Atom"><link rel="self" href="{BASE}feed.xml"/>'
        f'<entry><link rel="alternate" href="{BASE}articles/absent/"/>'
        f'<content type="html" xml:base="{BASE}articles/a/">&lt;a href="#p-4"&gt;§4&lt;/a&gt;'
        "</content></entry></feed>"
    )
    files = {
        "articles/a/index.html": _html('<div id="p-1"></div>'),
        "feed.xml": feed.encode(),
        "sitemap.xml": (
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{BASE}articles/a/</loc></url><url><loc>{BASE}people/x/</loc></url>"
            "</urlset>"
        ).encode(),
    }
    problems = sorted(d.message for d in check_links(files, BASE).problems)
    assert problems == [
        "broken link '#p-4': no element with id 'p-4' in articles/a/index.html",
        f"broken link '{BASE}articles/absent/': no such page in the built site",
        f"broken link '{BASE}people/x/': no such page in the built site",
    ]


# ---------------------------------------------------------------- the command


def test_a_clean_site_passes_with_a_summary(make_site, capsys) -> None:
    site = make_site(WIRE)
    assert run("check", "--site", site) == 0
    out = capsys.readouterr().out
    assert "0 error(s), 0 warning(s)" in out
    assert "checked 15 pages" in out  # 14 of content, and the search page
    assert "external links not checked (use --external)" in out
    assert not (site / "_site").exists(), "check must not write the site's output"


def test_broken_links_in_articles_fail_the_check(make_site, capsys) -> None:
    site = make_site(
        {
            "content/articles/2024/2024-03-09-suite.md": """\
                ---
                title: Suite des entretiens de Washington
                date: 2024-03-09
                source: aa
                url: https://www.aa.com.tr/fr/monde/suite/2
                ---
                Les entretiens sur Gaza se poursuivent, selon [la dépêche](../fidan-blinken/#p-7)
                de la veille et [le dossier](../../dossiers/gaz/).
                """
        }
    )
    assert run("check", "--site", site) == 1
    out, err = capsys.readouterr()
    assert "_site/articles/suite/index.html:" in err
    anchor = "no element with id 'p-7' in articles/fidan-blinken/index.html"
    assert f"broken link '../fidan-blinken/#p-7': {anchor}" in err
    assert "broken link '../../dossiers/gaz/': no such page in the built site" in err
    assert ": 2 error(s)" in out


SUITE = "content/articles/2024/2024-03-09-suite.md"
SUITE_TEXT = """\
    ---
    title: Suite des entretiens de Washington
    date: 2024-03-09
    source: aa
    url: https://www.aa.com.tr/fr/monde/suite/2
    ---
    Les entretiens sur Gaza se poursuivent, selon [la dépêche](../fidan-blinken/#p-7)
    de la veille.

    Le [dossier de l'OTAN](../../dossiers/otan/) reste ouvert.
    """


def test_a_broken_link_is_reported_where_it_is_written_with_every_page_it_is_on(
    make_site, capsys
) -> None:
    """Issue 19, point 3: `check` named `_site/articles/x/index.html:55:1`, not the Markdown."""
    site = make_site({SUITE: SUITE_TEXT})
    assert run("check", "--site", site) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    written = "Les entretiens sur Gaza se poursuivent, selon [la dépêche](../fidan-blinken/#p-7)"
    col = written.index("../fidan-blinken/") + 1
    head = f"{SUITE}:7:{col}: error: broken link '../fidan-blinken/#p-7': "
    at = next(i for i, line in enumerate(lines) if line.startswith(head))
    assert lines[at + 1] == f"    7 | {written}"
    assert lines[at + 2] == " " * (len("    7 | ") + col - 1) + "^"
    notes = []
    for line in lines[at + 3 :]:
        if not line.startswith("      = "):
            break
        notes.append(line)
    shown = "\n".join(notes)
    # Every page that shows the text with its link: the article, and the feeds that carry it.
    assert re.fullmatch(
        r"      = note: on 3 page\(s\): _site/articles/suite/index\.html:\d+:\d+, "
        r"_site/dossiers/gaza/feed\.xml:1:1, _site/feed\.xml:1:1",
        shown,
    ), shown
    # The second link, at its own line; no problem is reported at a page of the output.
    col = "Le [dossier de l'OTAN](../../dossiers/otan/)".index("../../") + 1
    assert any(
        line.startswith(f"{SUITE}:10:{col}: error: broken link '../../dossiers/otan/'")
        for line in lines
    )
    assert not [line for line in lines if line.startswith("_site/")]
    assert ": 2 error(s)" in out


def test_broken_links_of_overviews_static_pages_and_templates_are_placed_too(
    make_site, capsys
) -> None:
    site = make_site(
        {
            "content/topics/nato.md": MINIMAL_SITE["content/topics/nato.md"].replace(
                "Le dossier de l'OTAN.\n",
                "Le dossier de l'OTAN.\n\n        Voir [le sommet](../sommet/).\n",
            ),
            "static/apropos.html": '<!DOCTYPE html>\n<p><a href="equipe/">Équipe</a></p>\n',
            "templates/footer.html": '<footer><a href="/repo/mentions/">Mentions</a></footer>',
        }
    )
    assert run("check", "--site", site) == 1
    err = capsys.readouterr().err
    assert "content/topics/nato.md:9:18: error: broken link '../sommet/'" in err
    assert "      = note: on _site/dossiers/nato/index.html:" in err
    assert "static/apropos.html:2:4: error: broken link 'equipe/'" in err
    # Not written in the content: where it first appears in the output, as before.
    assert re.search(
        r"^_site/\S+:\d+:\d+: error: broken link '/repo/mentions/': no such page in the built "
        r"site \(also on \d+ other page\(s\)\)$",
        err,
        re.MULTILINE,
    )


def test_content_errors_stop_the_check_as_they_stop_the_build(make_site, capsys) -> None:
    site = make_site(
        {
            "content/articles/2024/2024-03-09-suite.md": """\
                ---
                title: Suite des entretiens
                date: 2024-03-09
                source: afp
                ---
                Texte.
                """
        }
    )
    assert run("check", "--site", site) == 1
    err = capsys.readouterr().err
    assert "content/articles/2024/2024-03-09-suite.md:4:9: error: unknown source 'afp'" in err
    assert "check failed" in err


def test_warnings_name_what_builds_but_looks_wrong(make_site, capsys) -> None:
    site = make_site(
        {
            "content/people.yaml": """\
                fidan:
                  name: Hakan Fidan
                  aliases: [Fidan]
                lavrov:
                  name: Sergueï Lavrov
                  role: Ministre russe des Affaires étrangères
                  aliases: [Lavrov]
                """,
            "content/articles/2024/2024-03-10-ble.md": """\
                ---
                title: Exportations de blé turc vers l'Afrique
                date: 2024-03-10
                source: aa
                ---
                Les exportations de blé turc vers l'Afrique ont progressé de 12 % en février, selon
                le ministère du Commerce, cité par Hakan Fidan.
                """,
        }
    )
    assert run("check", "--site", site) == 0
    out, err = capsys.readouterr()
    assert (
        "content/articles/2024/2024-03-10-ble.md:6:1: warning: article 'ble' is in no dossier"
        in err
    )
    assert "content/articles/2024/2024-03-10-ble.md:1:1: warning: article 'ble' has no 'url'" in err
    assert "content/topics/nato.md:1:1: warning: topic 'nato' has no article" in err
    assert "content/topics/ukraine.md:1:1: warning: topic 'ukraine' has no article" in err
    assert "content/people.yaml:4:1: warning: 'lavrov' (Sergueï Lavrov) is never mentioned" in err
    assert "'fidan'" not in err
    assert "topic 'gaza'" not in err
    assert "0 error(s), 5 warning(s)" in out


def test_a_missing_site_is_a_usage_error(tmp_path) -> None:
    assert run("check", "--site", tmp_path / "absent") == 2


# ---------------------------------------------------------------- check --built: no second build


def _stats(folder: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time (ns) of every file and folder below `folder`."""
    return {
        path.relative_to(folder).as_posix(): (path.lstat().st_size, path.lstat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
    }


def _checked(capsys, *argv: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    status = run("check", *argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_check_built_says_what_check_says_of_the_same_site(make_site, capsys) -> None:
    """Issue 18, point 6: the same messages and exit status as `check`, without a build."""
    site = make_site({SUITE: SUITE_TEXT})
    fresh = _checked(capsys, "--site", site)
    assert run("build", "--site", site) == 0
    built = _checked(capsys, "--site", site, "--built", site / "_site")
    assert built == fresh
    status, out, err = built
    assert status == 1 and ": 2 error(s)" in out
    assert f"{SUITE}:7:" in err and "broken link '../fidan-blinken/#p-7'" in err


def test_check_built_passes_a_good_output_and_leaves_it_and_the_caches_as_they_were(
    make_site, capsys
) -> None:
    site = make_site(WIRE)
    assert run("build", "--site", site) == 0
    # Without the analyses' cache the check analyses again: it must not write one.
    (site / ".briefings-cache" / "analysis.bin").unlink()
    before = _stats(site)
    status, out, err = _checked(capsys, "--site", site, "--built", site / "_site")
    assert status == 0, err
    assert "checked 15 pages" in out and "0 error(s), 0 warning(s)" in out
    assert _stats(site) == before, "check --built wrote into the site folder"


def test_check_built_finds_what_was_planted_in_the_built_folder(make_site, capsys) -> None:
    """It reads the folder as it is: a build, in place or in a temporary folder, would not
    have these links."""
    site = make_site(WIRE)
    assert run("build", "--site", site) == 0
    page = site / "_site" / "articles" / "cij-rafah" / "index.html"
    planted = page.read_text(encoding="utf-8").replace(
        "</main>",
        '<p><a href="/repo/articles/absent/">absent</a> '
        '<a href="/repo/dossiers/gaza/#nulle-part">nulle part</a></p></main>',
        1,
    )
    assert "/repo/articles/absent/" in planted
    page.write_text(planted, encoding="utf-8")
    before = _stats(site)
    status, out, err = _checked(capsys, "--site", site, "--built", site / "_site")
    assert status == 1
    assert re.search(
        r"^_site/articles/cij-rafah/index\.html:\d+:\d+: error: broken link "
        r"'/repo/articles/absent/': no such page in the built site$",
        err,
        re.MULTILINE,
    ), err
    assert (
        "error: broken link '/repo/dossiers/gaza/#nulle-part': no element with id 'nulle-part' "
        "in dossiers/gaza/index.html" in err
    )
    assert ": 2 error(s)" in out
    assert _stats(site) == before
    assert page.read_text(encoding="utf-8") == planted


def test_check_built_checks_with_the_builds_base_url(make_site, capsys) -> None:
    site = make_site(WIRE)
    other = "https://desk.example.org/repo/"
    fresh = _checked(capsys, "--site", site, "--base-url", other)
    assert run("build", "--site", site, "--base-url", other) == 0
    # The feeds and the sitemap hold absolute URLs: under site.yaml's base URL, another host,
    # they would be counted as external links.
    assert _checked(capsys, "--site", site, "--built", site / "_site") == fresh
    assert fresh[0] == 0 and "0 error(s)" in fresh[1]
    status, _, err = _checked(capsys, "--site", site, "--built", site / "_site", "--base-url", BASE)
    assert status == 2
    assert f"was built with --base-url {other}, not --base-url {BASE}" in err


def test_check_built_refuses_what_is_not_the_sites_last_output(make_site, capsys) -> None:
    site = make_site(WIRE)
    said = []

    def refused(folder: Path) -> str:
        status, out, err = _checked(capsys, "--site", site, "--built", folder)
        assert status == 2 and not out, (status, out, err)
        assert err.startswith("briefings: error: ") and err.count("\n") == 1, err
        said.append(err)
        return err

    assert f"no built output at {site / '_site'}" in refused(site / "_site")
    (site / "notes.txt").write_text("notes\n", encoding="utf-8")
    assert "notes.txt is not a folder" in refused(site / "notes.txt")
    (site / "vide").mkdir()
    assert "vide is empty: nothing was built there" in refused(site / "vide")
    assert "content was not written by briefings (it has no .briefings-output marker)" in (
        refused(site / "content")
    )
    assert run("build", "--site", site) == 0
    assert run("build", "--site", site, "--out", site / "autre") == 0
    assert (
        f"_site is not the output of the site's last build, which wrote {site / 'autre'}"
        in refused(site / "_site")
    )
    article = site / "content/articles/2024/2024-05-24-cij-rafah.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nUne phrase.\n", "utf-8")
    assert "the site's files changed since" in refused(site / "autre")
    (site / ".briefings-cache" / "build.json").unlink()
    assert "no build of the site" in refused(site / "autre")
    assert len(said) == 7


# ---------------------------------------------------------------- external links, on 127.0.0.1


class _Handler(BaseHTTPRequestHandler):
    seen: list[tuple[str, str]]
    active = 0
    busiest = 0
    lock = threading.Lock()

    def _answer(self, method: str) -> None:
        cls = type(self)
        with cls.lock:
            cls.seen.append((method, self.path))
            cls.active += 1
            cls.busiest = max(cls.busiest, cls.active)
        time.sleep(0.05)
        with cls.lock:
            cls.active -= 1
        if self.path == "/gone":
            self.send_response(404)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/no-head" and method == "HEAD":
            self.send_response(405)
        elif self.path == "/broken-server":
            self.send_response(503)
        else:
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, type[_Handler]]]:
    handler = type("Handler", (_Handler,), {"seen": [], "active": 0, "busiest": 0})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    httpd.shutdown()
    httpd.server_close()


def test_external_links_are_probed_once_each_and_classified(server) -> None:
    root, handler = server
    links = {
        f"{root}{path}": (Link(f"{root}{path}", "articles/a/index.html", 7, 3), count)
        for path, count in [("/ok", 3), ("/gone", 2), ("/moved", 1), ("/no-head", 1)]
    }
    links[f"{root}/broken-server"] = (Link("", "sources/index.html", 2, 5), 1)
    problems = check_external(links, "_site/", pause=0)
    found = {(d.path, d.line, d.col, d.severity, d.message) for d in problems}
    assert found == {
        (
            "_site/articles/a/index.html",
            7,
            3,
            "error",
            f"external link '{root}/gone' is broken: HTTP 404 (linked 2 times)",
        ),
        (
            "_site/sources/index.html",
            2,
            5,
            "warning",
            f"external link '{root}/broken-server' could not be checked: HTTP 503",
        ),
    }
    # HEAD first, everywhere; GET only where HEAD is refused (and after a redirect).
    assert [p for m, p in handler.seen if m == "HEAD"].count("/ok") == 1
    assert ("HEAD", "/no-head") in handler.seen and ("GET", "/no-head") in handler.seen
    assert not {p for m, p in handler.seen if m == "GET"} - {"/no-head", "/ok"}


def test_external_checks_hold_to_the_per_host_limit(server) -> None:
    root, handler = server
    links = {f"{root}/page-{n}": (Link("", "index.html", 1, 1), 1) for n in range(8)}
    assert check_external(links, workers=8, per_host=2, pause=0) == []
    assert len(handler.seen) == 8
    assert handler.busiest <= 2


def test_unreachable_hosts_are_warnings(server) -> None:
    # A port nothing listens on: bind one, then close it.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    links = {f"http://127.0.0.1:{port}/": (Link("", "index.html", 1, 1), 1)}
    [problem] = check_external(links, timeout=2, pause=0)
    assert problem.severity == "warning"
    assert "could not be checked" in problem.message


def _local_site(root: str) -> dict[str, str | None]:
    """A site whose every external link is on the local server."""
    return {
        "content/sources.yaml": f"""\
            aa:
              name: Agence Anadolu
              url: {root}/ok
            """,
        "content/articles/2024/2024-03-08-fidan-blinken.md": f"""\
            ---
            title: Fidan et Blinken réunis à Washington
            date: 2024-03-08
            source: aa
            url: {root}/gone
            ---
            Hakan Fidan et Antony Blinken ont évoqué la situation à Gaza, en Ukraine et au sein de
            l'OTAN.
            """,
    }


def test_check_external_on_the_command_line(make_site, server, capsys) -> None:
    root, handler = server
    site = make_site(_local_site(root))
    assert run("check", "--site", site) == 0
    assert handler.seen == [], "no request without --external"
    capsys.readouterr()
    assert run("check", "--site", site, "--external") == 1
    out, err = capsys.readouterr()
    assert f"error: external link '{root}/gone' is broken: HTTP 404" in err
    assert f"'{root}/ok'" not in err
    assert "2 external links checked: 1 error(s)" in out
    assert {path for _, path in handler.seen} == {"/ok", "/gone"}


def _wordy_site(make_site):  # type: ignore[no-untyped-def]
    """A site whose 12 articles have no `url`: 12 of check's warnings, and more."""
    articles = {
        f"content/articles/2024/2024-03-{day:02d}-sans-lien-{day}.md": (
            f"---\ntitle: Sans lien {day}\ndate: 2024-03-{day:02d}\nsource: aa\n---\n"
            "Les discussions sur Gaza se poursuivent.\n"
        )
        for day in range(1, 13)
    }
    return make_site(articles)


def test_build_says_check_s_warnings_ten_at_most_and_counts_them(make_site, capsys) -> None:
    site = _wordy_site(make_site)
    assert run("build", "--site", site) == 0
    out, err = capsys.readouterr()
    heads = [line for line in err.splitlines() if ": warning: " in line]
    assert len(heads) == 10
    assert any("has no 'url' linking to the original" in line for line in heads)
    total = int(out.split(", ")[-1].split()[0])  # "..., 15 warning(s)"
    assert out.rstrip().endswith(f", {total} warning(s)") and total > 12
    assert f"... and {total - 10} more warning(s): 'briefings check' lists them all" in err
    # `check` lists them all, the same ones.
    assert run("check", "--site", site) == 0
    listed = [line for line in capsys.readouterr().err.splitlines() if ": warning: " in line]
    assert len(listed) == total


def test_quiet_hides_the_warnings_but_still_counts_them(make_site, capsys) -> None:
    site = _wordy_site(make_site)
    assert run("build", "--site", site, "--quiet") == 0
    out, err = capsys.readouterr()
    assert ": warning: " not in err and "more warning(s)" not in err
    assert "warning(s)" in out
