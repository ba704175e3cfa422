"""Output integrity: URLs cannot leave the output, no input is silently dropped, and the
previous site survives a crash, a kill and a failed build.

Covered in test_validation.py and not repeated here: `slug: ../x`, two files with one slug in
two folders, an explicit slug that another file has, a deleted article's page disappearing with
.nojekyll and the theme's files kept, a write that fails midway.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest

from briefings import build as build_module
from briefings.bugs import EXIT_INTERNAL
from briefings.incremental import rerender, seal, stamp
from briefings.stages import render
from briefings.stages.write import Staging, present, present_since, write_files

from ..conftest import MINIMAL_SITE, manifest, run, write_site
from ..test_validation import ARTICLE, ARTICLE_TEXT, SECOND, SECOND_TEXT, SITE, edit
from .support import abort_text, aborts, outside

CONFIG = textwrap.dedent(MINIMAL_SITE["site.yaml"])


def leftovers(site: Path) -> list[str]:
    """Staging or half-swapped folders beside the output."""
    return sorted(p.name for p in site.iterdir() if p.name.startswith("._site"))


# ---------------------------------------------------------------- slugs: JAIL


NUL = "'\\0' writes the character U+0000, which pages and feeds cannot hold"
"""A NUL escape is refused as a character before it is a slug (test_control_characters.py)."""


@pytest.mark.parametrize(
    ("written", "col", "message"),
    [
        ("../../x", 7, "slug '../../x' is not valid"),
        ("/etc/x", 7, "slug '/etc/x' is not valid"),
        ('"%2e%2e%2f"', 7, "slug '%2e%2e%2f' is not valid"),
        ("a/../../b", 7, "slug 'a/../../b' is not valid"),
        ("C:\\x", 7, "slug 'C:\\x' is not valid"),
        ('"x\\0y"', 9, NUL),
        ("con", 7, "slug 'con' is not valid"),
        ("..", 7, "slug '..' is not valid"),
        ('" "', 7, "slug ' ' is not valid"),
        ('"evil\\n"', 7, "slug 'evil␊' is not valid"),
        ('"con\\n"', 7, "slug 'con␊' is not valid"),
    ],
)
def test_a_slug_that_is_a_path_is_refused_at_its_line(
    site: Path, capsys, written: str, col: int, message: str
) -> None:
    (site.parent / "canary.txt").write_text("canary")
    write_site(site, {ARTICLE: edit(ARTICLE_TEXT, "people:", f"slug: {written}\npeople:")})
    before = outside(site.parent, site / "_site")
    problems = aborts(site, capsys, {})
    assert problems == [(ARTICLE, 8, col, message)]
    assert outside(site.parent, site / "_site") == before
    assert not Path("/etc/x").exists()


def test_a_file_name_becomes_a_safe_slug(make_site) -> None:
    site = make_site(
        {
            "content/articles/con.md": SECOND_TEXT,
            "content/articles/%2e%2e%2fx.md": SECOND_TEXT.replace("2024-03-11", "2024-03-12"),
            "content/articles/a..b.md": SECOND_TEXT.replace("2024-03-11", "2024-03-13"),
        }
    )
    assert run("build", "--site", site) == 0
    articles = sorted(p.name for p in (site / "_site/articles").iterdir())
    assert articles == ["2e-2e-2fx", "a-b", "con-1", "fidan-blinken"]


# ---------------------------------------------------------------- slugs: no silent loss


def test_files_differing_only_in_case_abort_naming_both(site: Path, capsys) -> None:
    err = abort_text(
        site,
        capsys,
        {"content/articles/Odessa.md": SECOND_TEXT, "content/articles/odessa.md": SECOND_TEXT},
    )
    assert (
        "content/articles/odessa.md:1:1: error: duplicate slug 'odessa' (taken from the file "
        "name): content/articles/Odessa.md has it too"
    ) in err


def test_nfd_and_nfc_file_names_give_nfc_urls(make_site) -> None:
    nfd = unicodedata.normalize("NFD", "réunion-à-genève")
    assert nfd != unicodedata.normalize("NFC", nfd)
    site = make_site({f"content/articles/{nfd}.md": SECOND_TEXT})
    (site / "static").mkdir()
    (site / "static" / f"{nfd}.txt").write_text("carte")
    assert run("build", "--site", site) == 0
    output = site / "_site"
    assert (output / "articles/reunion-a-geneve/index.html").is_file()
    published = [p.name for p in output.iterdir() if p.name.startswith("r")]
    assert published == [unicodedata.normalize("NFC", f"{nfd}.txt"), "robots.txt"]
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap == unicodedata.normalize("NFC", sitemap)


def test_nfd_and_nfc_twins_abort_naming_both(site: Path, capsys) -> None:
    nfc = "réunion"
    nfd = unicodedata.normalize("NFD", nfc)
    (site / "static").mkdir()
    (site / "static" / f"{nfd}.txt").write_text("une")
    (site / "static" / f"{nfc}.txt").write_text("deux")
    problems = aborts(site, capsys, {})
    [(path, _, _, message)] = problems
    assert {path, message.split()[3]} == {f"static/{nfc}.txt", f"static/{nfd}.txt"}
    assert message.endswith(f"are both published as '{nfc}.txt'")


# ---------------------------------------------------------------- links out of the site


def test_a_content_symlink_pointing_outside_the_site_is_refused(site: Path, capsys) -> None:
    secret = site.parent / "secret.md"
    secret.write_text(SECOND_TEXT.replace("Odessa", "SECRET"))
    (site / "content/articles/lien.md").symlink_to(secret)
    problems = aborts(site, capsys, {})
    assert problems == [
        ("content/articles/lien.md", 1, 1, "this file links outside the site folder")
    ]


@pytest.mark.parametrize("folder", ["content/articles", "content/topics", "static"])
def test_a_folder_symlink_pointing_outside_the_site_is_refused(
    site: Path, capsys, folder: str
) -> None:
    elsewhere = site.parent / "ailleurs"
    elsewhere.mkdir()
    (elsewhere / "x.md").write_text(SECOND_TEXT)
    (site / folder).mkdir(parents=True, exist_ok=True)
    (site / folder / "lien").symlink_to(elsewhere, target_is_directory=True)
    problems = aborts(site, capsys, {})
    assert problems == [(f"{folder}/lien", 1, 1, "this folder links outside the site folder")]


def test_a_folder_symlink_inside_the_site_is_a_warning_not_silence(make_site, capsys) -> None:
    site = make_site({"archive/2023/odessa.md": SECOND_TEXT})
    (site / "content/articles/2023").symlink_to(site / "archive/2023", target_is_directory=True)
    assert run("build", "--site", site) == 0
    assert (
        "content/articles/2023:1:1: warning: this folder is a link: the files in it are not read"
        in capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("name", "target", "message"),
    [
        ("content/articles/boucle.md", "boucle.md", "Too many levels of symbolic links"),
        ("content/articles/perdu.md", "nulle-part.md", "No such file or directory"),
        ("static/boucle.png", "boucle.png", "Too many levels of symbolic links"),
        ("static/perdu.png", "nulle-part.png", "No such file or directory"),
    ],
)
def test_a_broken_or_looping_link_is_a_clear_error(
    site: Path, capsys, name: str, target: str, message: str
) -> None:
    (site / name).parent.mkdir(parents=True, exist_ok=True)
    (site / name).symlink_to(target)
    assert aborts(site, capsys, {}) == [(name, 1, 1, f"cannot read file: {message}")]


def test_a_static_file_name_with_a_backslash_is_refused(site: Path, capsys) -> None:
    (site / "static").mkdir()
    (site / "static" / "a\\..\\b.png").write_bytes(b"x")
    problems = aborts(site, capsys, {})
    assert problems == [("static/a\\..\\b.png", 1, 1, "a file name with '\\' cannot be published")]


# ---------------------------------------------------------------- crashes and kills


def many_articles(count: int) -> dict[str, str]:
    return {
        f"content/articles/2024/depeche-{n:03}.md": SECOND_TEXT.replace(
            "title: Frappes sur le port d'Odessa", f"title: Dépêche {n}"
        )
        for n in range(count)
    }


def test_an_exception_on_page_57_of_100_leaves_the_previous_site(
    make_site, monkeypatch, capsys
) -> None:
    site = make_site(many_articles(95))
    assert run("build", "--site", site) == 0
    output = site / "_site"
    before = manifest(output)
    rendered: list[str] = []
    real = rerender._Renderer.page  # builds render through the memo

    def page(self: rerender._Renderer, page: render.Page) -> tuple[bytes | None, frozenset]:
        rendered.append(page.path)
        if len(rendered) == 57:
            raise RuntimeError("a bug on page 57")
        return real(self, page)

    monkeypatch.setattr(rerender._Renderer, "page", page)
    # A new title: every page is rendered again, so that page 57 comes.
    title = (site / "site.yaml").read_text().replace("Dossiers de test", "Dossiers retitrés")
    write_site(site, {SECOND: SECOND_TEXT, "site.yaml": title})
    # A bug, said as one (exit 3), and the previous site intact.
    assert run("build", "--site", site) == EXIT_INTERNAL
    assert "internal error: RuntimeError: a bug on page 57" in capsys.readouterr().err
    assert len(rendered) == 57 and len(before) > 100
    assert manifest(output) == before and leftovers(site) == []
    monkeypatch.undo()
    assert run("build", "--site", site) == 0
    assert (output / "articles/odessa-mer-noire/index.html").is_file()
    assert leftovers(site) == []


def test_a_search_index_that_fails_after_the_pages_are_staged_leaves_nothing(
    site: Path, monkeypatch, capsys
) -> None:
    output = site / "_site"
    before = manifest(output)

    def no_index(
        output: render.Output, corpus: object, memo: object, index: object = None
    ) -> render.Output:
        assert output.staged  # the edited pages wait in the staging folder
        raise RuntimeError("Pagefind stopped")

    monkeypatch.setattr(build_module, "with_search", no_index)
    write_site(site, {SECOND: edit(SECOND_TEXT, "Des frappes", "De nouvelles frappes")})
    assert run("build", "--site", site) == EXIT_INTERNAL
    assert "internal error: RuntimeError: Pagefind stopped" in capsys.readouterr().err
    assert manifest(output) == before and leftovers(site) == []


def test_a_template_that_raises_on_one_page_is_an_abort_at_its_line(site: Path, capsys) -> None:
    template = '{% if "odessa" in url %}{{ 1 // 0 }}{% endif %}<footer>Pied</footer>\n'
    err = abort_text(site, capsys, {"templates/footer.html": template})
    assert "templates/footer.html:1:1: error: template error while rendering" in err


KILLER = """
import os, shutil, signal, sys
from pathlib import Path

import briefings.stages.write as write
from briefings.cli import main

when = sys.argv[1]


def kill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


if when == "staging":  # after a few files of the new site are staged
    real_write = Path.write_bytes
    count = []

    def write_bytes(self, data):
        if ".staging-" in str(self):
            count.append(self)
            if len(count) == 5:
                kill()
        return real_write(self, data)

    Path.write_bytes = write_bytes
elif when == "before commit":  # the changes are staged, the journal not yet committed
    real_rename = Path.rename

    def rename(self, target):
        if Path(target).name == write.JOURNAL:
            kill()
        return real_rename(self, target)

    Path.rename = rename
elif when == "while applying":  # committed; one file of the output replaced, the others not yet
    real_replace = os.replace

    def replace(source, target, **where):
        real_replace(source, target, **where)
        if where.get("dst_dir_fd") is not None:  # into a folder of the output, opened by the writer
            kill()

    write.os.replace = replace
sys.exit(main(["build", "--site", sys.argv[2]]))
"""


@pytest.mark.parametrize("when", ["staging", "before commit", "while applying"])
def test_a_build_killed_midway_leaves_a_whole_site(site: Path, capsys, when: str) -> None:
    output = site / "_site"
    old = manifest(output)
    write_site(site, {SECOND: edit(SECOND_TEXT, "Des frappes", "De nouvelles frappes")})
    killed = subprocess.run([sys.executable, "-c", KILLER, when, str(site)], capture_output=True)
    assert killed.returncode == -9, killed.stderr
    assert leftovers(site) != []  # the kill left its folder behind
    if when != "while applying":
        assert manifest(output) == old  # killed before the commit: the previous site, whole
    # The next build, even a failed one, finishes what was committed and clears what was left.
    text = (site / ARTICLE).read_text(encoding="utf-8")
    write_site(site, {ARTICLE: edit(text, "source: aa", "source: afp")})
    capsys.readouterr()
    assert run("build", "--site", site) == 1
    assert "unknown source 'afp'" in capsys.readouterr().err
    assert leftovers(site) == []
    after_failure = manifest(output)
    page = (output / "articles/odessa-mer-noire/index.html").read_text(encoding="utf-8")
    if when == "while applying":
        assert after_failure != old and "De nouvelles frappes" in page  # the new site, whole
    else:
        assert after_failure == old
    write_site(site, {ARTICLE: text})
    assert run("build", "--site", site) == 0
    assert leftovers(site) == []
    page = (output / "articles/odessa-mer-noire/index.html").read_text(encoding="utf-8")
    assert "De nouvelles frappes" in page
    if when == "while applying":
        # What the journal finished is what builds. Pagefind's filter files are not the same
        # from one build to the next (Pagefind/pagefind#638), so the index is left out.
        def site_pages(files: dict[str, str]) -> dict[str, str]:
            return {p: d for p, d in files.items() if not p.startswith("pagefind/")}

        assert site_pages(manifest(output)) == site_pages(after_failure)


PREVIEW_KILLER = """
import os, signal, sys

import briefings.stages.write as write
from briefings.cli import main

real_replace = os.replace


def replace(source, target, **where):
    real_replace(source, target, **where)
    if where.get("dst_dir_fd") is not None:  # one file of the output replaced, the rest not yet
        os.kill(os.getpid(), signal.SIGKILL)


write.os.replace = replace
sys.exit(main(["serve", "--site", sys.argv[1], "--port", "0"]))
"""


def test_a_preview_killed_while_writing_then_a_build_equals_a_clean_build(
    site: Path, tmp_path: Path
) -> None:
    # `briefings serve` writes through the same journal: killed (kill -9) after its commit, with
    # one file of an edit in place, `briefings build` finishes it and builds the clean site.
    write_site(site, {SECOND: edit(SECOND_TEXT, "Des frappes", "De nouvelles frappes")})
    killed = subprocess.run(
        [sys.executable, "-c", PREVIEW_KILLER, str(site)], capture_output=True, timeout=120
    )
    assert killed.returncode == -9, killed.stderr
    assert leftovers(site) != []
    assert run("build", "--site", site) == 0
    assert leftovers(site) == []
    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
    assert run("build", "--site", clean) == 0

    def site_pages(folder: Path) -> dict[str, str]:  # Pagefind's files: Pagefind/pagefind#638
        return {p: d for p, d in manifest(folder).items() if not p.startswith("pagefind/")}

    assert site_pages(site / "_site") == site_pages(clean / "_site")
    assert (
        "De nouvelles frappes" in (site / "_site/articles/odessa-mer-noire/index.html").read_text()
    )


SWEEP = "import sys; from pathlib import Path; from briefings.stages.write import clean_leftovers; "
SWEEP += "clean_leftovers(Path(sys.argv[1]))"


def test_a_build_s_staging_folder_is_its_own_until_it_ends(site: Path) -> None:
    output = site / "_site"
    before = manifest(output)
    staging = Staging(output)  # a build rendering its pages
    assert staging.put("articles/nouvelle/index.html", b"<p>Nouvelle page</p>")
    assert not staging.put("robots.txt", (output / "robots.txt").read_bytes())  # the same bytes
    # The preview writes an edited page first, in the same process, and `briefings build`
    # runs in another: neither takes the folder for a killed build's leftover.
    write_files({"articles/odessa-mer-noire/index.html": b"<p>Vue d'abord</p>"}, output)
    swept = subprocess.run([sys.executable, "-c", SWEEP, str(output)], capture_output=True)
    assert swept.returncode == 0, swept.stderr
    assert (staging.path / "articles/nouvelle/index.html").read_bytes() == b"<p>Nouvelle page</p>"
    assert not (staging.path / "robots.txt").exists()
    assert [name for name in leftovers(site) if ".staging-" in name] == [staging.path.name]
    # Its process gone (the lock released, the folder left), the next build sweeps it.
    staging.release()
    subprocess.run([sys.executable, "-c", SWEEP, str(output)], check=True)
    assert leftovers(site) == []
    after = manifest(output)
    assert after.pop("articles/odessa-mer-noire/index.html") != before.pop(
        "articles/odessa-mer-noire/index.html"
    )
    assert after == before


def _foreign_file_deep(output: Path, elsewhere: Path) -> None:
    (output / "articles/odessa-mer-noire/notes.txt").write_text("à moi")


def _folder_removed(output: Path, elsewhere: Path) -> None:
    shutil.rmtree(output / "articles/odessa-mer-noire")


def _file_removed(output: Path, elsewhere: Path) -> None:
    (output / "articles/odessa-mer-noire/index.html").unlink()


def _folder_now_a_link(output: Path, elsewhere: Path) -> None:
    (elsewhere / "index.html").write_text("ailleurs")
    shutil.rmtree(output / "articles/odessa-mer-noire")
    (output / "articles/odessa-mer-noire").symlink_to(elsewhere)


def _new_tree(output: Path, elsewhere: Path) -> None:
    (output / "articles/a/b").mkdir(parents=True)
    (output / "articles/a/b/c.html").write_text("c")


def _file_now_a_folder(output: Path, elsewhere: Path) -> None:
    (output / "robots.txt").unlink()
    (output / "robots.txt").mkdir()
    (output / "robots.txt/x").write_text("x")


@pytest.mark.parametrize(
    "change",
    [
        None,
        _foreign_file_deep,
        _folder_removed,
        _file_removed,
        _folder_now_a_link,
        _new_tree,
        _file_now_a_folder,
    ],
)
def test_the_writer_lists_only_what_moved_and_finds_what_a_full_listing_finds(
    site: Path, tmp_path: Path, change
) -> None:
    # What the last build recorded of its output lets the writer skip the folders that did not
    # move; whatever was done to the output since, it must find the files a listing finds.
    assert run("build", "--site", site) == 0  # the copy's own record
    listed = stamp.last_outputs(site.resolve())
    assert listed is not None
    folder, recorded = listed
    assert folder == (site / "_site").resolve()
    if change is not None:
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        change(folder, elsewhere)
    assert present_since(folder, recorded) == present(folder)


def test_a_record_naming_a_folder_as_a_file_never_deletes_the_folder(site: Path) -> None:
    assert run("build", "--site", site) == 0
    record = site / ".briefings-cache/build.json"
    data = json.loads(seal.open_line(record.read_text(encoding="utf-8"), purpose="build") or "")
    # As a record of another version would: folders without their "/", taken for files.
    data["outputs"] = {name.rstrip("/") or name: value for name, value in data["outputs"].items()}
    record.write_text(seal.seal_line(json.dumps(data), purpose="build"), encoding="utf-8")
    before = manifest(site / "_site")
    write_site(site, {SECOND: edit(SECOND_TEXT, "Des frappes", "De nouvelles frappes")})
    assert run("build", "--site", site) == 0

    def pages(files: dict[str, str]) -> set[str]:  # Pagefind names its files by their content
        return {path for path in files if not path.startswith("pagefind/")}

    assert pages(manifest(site / "_site")) == pages(before)


def test_the_first_build_s_output_folder_is_as_readable_as_any_new_folder(make_site) -> None:
    # The first build's staging folder becomes the output: not a private (0700) one.
    mask = os.umask(0o022)
    try:
        site = make_site()
        assert run("build", "--site", site) == 0
    finally:
        os.umask(mask)
    assert stat.S_IMODE((site / "_site").stat().st_mode) == 0o755


# ---------------------------------------------------------------- what stays, what goes


def test_a_deleted_article_goes_while_nojekyll_and_cname_stay(make_site) -> None:
    site = make_site({**SITE, "site.yaml": CONFIG + "cname: dossiers.example.org\n"})
    (site / "static").mkdir()
    (site / "static/humans.txt").write_text("Rédaction\n")
    assert run("build", "--site", site) == 0
    output = site / "_site"
    before = manifest(output)
    (site / SECOND).unlink()
    assert run("build", "--site", site) == 0
    after = manifest(output)
    assert "articles/odessa-mer-noire/index.html" in before
    assert not (output / "articles/odessa-mer-noire").exists()
    for kept in (".nojekyll", "CNAME", "humans.txt", "robots.txt"):
        assert after[kept] == before[kept], kept


# ---------------------------------------------------------------- the output folder


def refused(site: Path, capsys, out: Path | str, monkeypatch) -> str:
    """Build into `out`: exit 2 with the reason, and nothing written or deleted anywhere."""

    def never(*args: object) -> int:
        raise AssertionError("write() was called for a refused output folder")

    monkeypatch.setattr(build_module, "write", never)
    assert run("build", "--site", site, "--out", out) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefings: error: ") and "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("out", "reason"),
    [
        (".", "it holds other files"),
        ("content", "it holds other files"),
        ("templates", "it holds other files"),
        ("static", "it holds other files"),
        ("..", "it holds other files"),
        ("content/_site", "it is inside the site's sources"),
        ("/", "it holds other files"),
        ("site.yaml", "exists and is not a folder"),
        ("notes", "it is not empty and briefings did not create it"),
    ],
)
def test_an_output_folder_that_holds_other_files_is_refused(
    site: Path, capsys, monkeypatch, out: str, reason: str
) -> None:
    (site / "templates").mkdir()
    (site / "static").mkdir()
    (site / "notes").mkdir()
    (site / "notes/brouillon.txt").write_text("à garder")
    before = outside(site.parent, site / "_site")  # the caches aside: written by design
    target = Path(out) if out == "/" else site / out
    assert reason in refused(site, capsys, target, monkeypatch)
    assert outside(site.parent, site / "_site") == before


def test_the_home_folder_is_refused_even_through_a_link(
    site: Path, capsys, monkeypatch, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents/rapport.txt").write_text("à garder")
    monkeypatch.setenv("HOME", str(home))
    (tmp_path / "raccourci").symlink_to(home, target_is_directory=True)
    before = outside(tmp_path, site / "_site")  # the caches aside: written by design
    for out in (home, tmp_path / "raccourci", tmp_path):
        assert "it holds other files" in refused(site, capsys, out, monkeypatch)
    assert outside(tmp_path, site / "_site") == before


def test_output_dot_in_site_yaml_is_refused(site: Path, capsys, monkeypatch) -> None:
    write_site(site, {"site.yaml": CONFIG + "output: .\n"})
    before = outside(site, site / "_site")

    def never(*args: object) -> int:
        raise AssertionError("write() was called for a refused output folder")

    monkeypatch.setattr(build_module, "write", never)
    assert run("build", "--site", site) == 2
    assert "it holds other files" in capsys.readouterr().err
    assert outside(site, site / "_site") == before


# ---------------------------------------------------------------- reproducible


def test_two_builds_with_different_hash_seeds_are_byte_identical(make_site, tmp_path) -> None:
    site = make_site(SITE)
    builds = []
    for seed in ("1", "4242"):
        out = tmp_path / f"out-{seed}"
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "briefings", "build", "--site", str(site)]
        builds.append((out, subprocess.Popen([*command, "--out", str(out)], env=environment)))
    for _, process in builds:
        assert process.wait(60) == 0
    first, second = (manifest(out) for out, _ in builds)
    # The search bundle too: Pagefind writes its filters in an order of its own in each of its
    # processes (Pagefind/pagefind#638), which the build puts in order (`pagefindfiles`).
    assert len(first) > 20 and any(name.startswith("pagefind/filter/") for name in first)
    assert first == second
    assert search_records(tmp_path / "out-1") == search_records(tmp_path / "out-4242")


def search_records(output: Path) -> list[object]:
    """What the search index holds: its pages' fragments, decoded, in a stable order."""
    fragments = []
    for path in sorted((output / "pagefind/fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        fragments.append(json.loads(data[len(b"pagefind_dcd") :]))
    return sorted(fragments, key=lambda fragment: json.dumps(fragment, sort_keys=True))
