"""A repository from someone else: nothing found in it moves, deletes or publishes anything.

A site is a Git repository that takes contributions. Whatever briefings left on a disk to be read
back (a staging folder and its journal beside the output, the caches in `.briefings-cache/`) can
also be committed by an attacker, and a fresh clone then holds it. Each case here commits such a
thing, builds, and checks that it was not trusted: files outside the output stay, pages carry no
script, and the site equals a clean build of the same content.
"""

from __future__ import annotations

import json
import marshal
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from briefings.build import BuildCache, build
from briefings.incremental import cache as analysis_cache
from briefings.incremental import seal
from briefings.stages import write
from briefings.stages.config import Overrides

from ..conftest import manifest, run, write_site
from ..test_validation import SECOND, SECOND_TEXT, edit

STAGING = "._site.staging-0"


@contextmanager
def machine(home: Path) -> Iterator[Path]:
    """Run as another machine: another user cache folder, so another key (made on first use)."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(home)
    seal.machine_key.cache_clear()
    try:
        yield home / "briefings" / "key"
    finally:
        if before is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = before
        seal.machine_key.cache_clear()


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A folder of the user's, next to the site: nothing may touch it."""
    folder = tmp_path / "victim"
    folder.mkdir()
    (folder / "keep").write_text("the user's file\n")
    return folder


def _journal(site: Path, name: str, changed: list[str], gone: list[str]) -> Path:
    """A staging folder committed into the repository, with a journal in the unsealed form."""
    staging = site / name
    staging.mkdir()
    (staging / write.JOURNAL).write_text(json.dumps({"changed": changed, "gone": gone}))
    return staging


# ---------------------------------------------------------------- staging folders and journals


def test_a_committed_journal_never_deletes_through_a_committed_link(
    site: Path, victim: Path, capsys
) -> None:
    os.symlink(os.path.relpath(victim, site / "_site"), site / "_site" / "x")
    staging = _journal(site, STAGING, [], ["x/keep"])
    assert run("build", "--site", site) == 0
    assert (victim / "keep").read_text() == "the user's file\n"
    assert not (site / "_site" / "x").exists()  # the link itself is not the site's: it goes
    assert staging.is_dir()  # not ours: left alone, and said
    note = f"note: {staging} was not made by briefings on this machine (or by an older version): "
    assert note + "a staging folder left alone" in capsys.readouterr().err


def test_a_failed_build_does_not_replay_a_committed_journal_either(
    site: Path, victim: Path
) -> None:
    os.symlink(os.path.relpath(victim, site / "_site"), site / "_site" / "x")
    _journal(site, STAGING, [], ["x/keep"])
    write_site(site, {SECOND: edit(SECOND_TEXT, "source: aa", "source: nowhere")})
    assert run("build", "--site", site) == 1  # the leftover sweep runs before the build fails
    assert (victim / "keep").is_file()
    assert (site / "_site" / "x").is_symlink()  # a failed build changes nothing


def test_the_preview_s_sweep_leaves_a_committed_journal_alone(site: Path, victim: Path) -> None:
    os.symlink(os.path.relpath(victim, site / "_site"), site / "_site" / "x")
    _journal(site, STAGING, [], ["x/keep"])
    write.clean_leftovers(site / "_site")  # what `serve` runs before its first build
    assert (victim / "keep").is_file()


def test_two_committed_journals_cannot_move_a_link_in_and_delete_through_it(
    site: Path, victim: Path
) -> None:
    # The first would move a committed link into the output, the second delete through it.
    first = _journal(site, "._site.staging-0", ["x"], [])
    os.symlink(os.path.relpath(victim, first), first / "x")
    _journal(site, "._site.staging-1", [], ["x/keep"])
    assert run("build", "--site", site) == 0
    assert (victim / "keep").is_file()
    assert not (site / "_site" / "x").exists()


def test_a_journal_sealed_on_another_machine_is_not_replayed(
    site: Path, victim: Path, tmp_path: Path
) -> None:
    # The attacker runs briefings too: a journal sealed with their own key is still not ours.
    os.symlink(os.path.relpath(victim, site / "_site"), site / "_site" / "x")
    with machine(tmp_path / "attacker"):
        staging = write.Staging(site / "_site")
        journal = write._sealed_journal(site / "_site", staging.path, [], ["x/keep"])
        (staging.path / write.JOURNAL).write_text(journal)
        staging.release()
    assert run("build", "--site", site) == 0
    assert (victim / "keep").is_file()
    assert staging.path.is_dir()


def test_even_this_machine_s_journal_never_deletes_through_a_link(site: Path, victim: Path) -> None:
    # The one removal function opens each parent folder without following links, so the writer
    # and the replay of a genuine journal both stop at a link, wherever the link came from.
    os.symlink(os.path.relpath(victim, site / "_site"), site / "_site" / "x")
    staging = write.Staging(site / "_site")
    journal = write._sealed_journal(site / "_site", staging.path, [], ["x/keep", "x"])
    (staging.path / write.JOURNAL).write_text(journal)
    staging.release()  # as a build killed after its commit would leave it
    write.clean_leftovers(site / "_site")
    assert (victim / "keep").is_file()
    assert not (site / "_site" / "x").exists() and not staging.path.exists()


def test_a_staged_link_of_this_machine_s_journal_is_not_moved_into_the_output(
    site: Path, victim: Path
) -> None:
    staging = write.Staging(site / "_site")
    os.symlink(victim, staging.path / "x")
    journal = write._sealed_journal(site / "_site", staging.path, ["x"], [])
    (staging.path / write.JOURNAL).write_text(journal)
    staging.release()
    write.clean_leftovers(site / "_site")
    assert not (site / "_site" / "x").exists()


def test_a_killed_build_s_own_journal_is_still_finished(site: Path) -> None:
    # What the seal is for: this machine's leftovers are replayed as before.
    staging = write.Staging(site / "_site")
    (staging.path / "humans.txt").write_text("Rédaction\n")
    journal = write._sealed_journal(site / "_site", staging.path, ["humans.txt"], ["robots.txt"])
    (staging.path / write.JOURNAL).write_text(journal)
    staging.release()
    write.clean_leftovers(site / "_site")
    assert (site / "_site" / "humans.txt").read_text() == "Rédaction\n"
    assert not (site / "_site" / "robots.txt").exists()
    assert not staging.path.exists()


# ---------------------------------------------------------------- caches


def _pages(folder: Path) -> dict[str, str]:
    """The output's manifest without Pagefind's files, which are not deterministic."""
    return {path: digest for path, digest in manifest(folder).items() if "pagefind/" not in path}


def _clean_build(site: Path, tmp_path: Path) -> dict[str, str]:
    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
    assert run("build", "--site", clean) == 0
    return _pages(clean / "_site")


def test_a_forged_analysis_cache_never_puts_its_html_in_a_page(
    site: Path, tmp_path: Path, capsys
) -> None:
    # Built on the attacker's machine, the cache's HTML edited and sealed again with their key,
    # the output deleted: a clone with only the cache.
    with machine(tmp_path / "attacker"):
        shutil.rmtree(site / ".briefings-cache")
        assert run("build", "--site", site) == 0
        store = site / ".briefings-cache" / analysis_cache.NAME
        tails = site / ".briefings-cache" / analysis_cache.TAILS
        read = seal.read_records(store, purpose=analysis_cache.PURPOSE)
        assert read is not None
        header, *entries = (marshal.loads(r) for r in read[0] if r is not None)
        forged = [seal.seal_record(marshal.dumps(header), purpose=analysis_cache.PURPOSE)]
        added = bytearray(tails.read_bytes())
        script = "<p><script>alert(1)</script>"
        for digest, stored, where in entries:
            for row in stored[0][0]:  # the lead's blocks: [kind, html, ...]
                row[1] = row[1].replace("<p>", script, 1)
            if where:  # the blocks after the lead: a tail of their own, sealed with their key
                at, size, _ = where
                later = json.loads(bytes(added[at : at + size]))
                tail = json.dumps([[h.replace("<p>", script, 1), t] for h, t in later]).encode()
                mac = seal.mac(tail, purpose=analysis_cache.TAIL_PURPOSE)
                where = [len(added), len(tail), mac]
                added += tail
            entry = marshal.dumps([digest, stored, where])
            forged.append(seal.seal_record(entry, purpose=analysis_cache.PURPOSE))
        tails.write_bytes(bytes(added))
        store.write_bytes(b"".join(forged))
    shutil.rmtree(site / "_site")
    capsys.readouterr()
    assert run("build", "--site", site) == 0
    note = capsys.readouterr().err
    assert f"note: {store} was not made by briefings on this machine" in note
    for page in (site / "_site").rglob("*.html"):
        assert "<script>alert" not in page.read_text(encoding="utf-8"), page
    assert _pages(site / "_site") == _clean_build(site, tmp_path)


def test_a_forged_build_record_never_keeps_a_tampered_site(site: Path, tmp_path: Path) -> None:
    # The attacker commits a tampered output with a record that vouches for it (sealed with
    # their key): the build must not say "nothing changed".
    with machine(tmp_path / "attacker"):
        assert run("build", "--site", site) == 0  # their key seals the caches and the record
        home = site / "_site" / "index.html"
        home.write_text(
            home.read_text(encoding="utf-8").replace("<main", "<script>x()</script><main")
        )
        record = site / ".briefings-cache" / "build.json"
        data = json.loads(seal.open_line(record.read_text(), purpose="build") or "")
        data["outputs"]["index.html"] = [
            home.stat().st_size,
            home.stat().st_mtime_ns,
            home.stat().st_ino,
        ]
        record.write_text(seal.seal_line(json.dumps(data), purpose="build"))
        assert run("build", "--site", site) == 0  # their own machine trusts it: nothing changed
        assert "<script>x()" in home.read_text(encoding="utf-8")
    assert run("build", "--site", site) == 0
    assert "<script>x()" not in home.read_text(encoding="utf-8")
    assert _pages(site / "_site") == _clean_build(site, tmp_path)


def test_a_forged_page_record_never_keeps_a_tampered_page(site: Path, tmp_path: Path) -> None:
    # The pages' records say what each page was made from: one vouching for a page makes the
    # build keep it unread. An edit elsewhere makes this a real (not a skipped) build.
    page = next((site / "_site" / "articles").glob("*/index.html"))
    with machine(tmp_path / "attacker"):
        shutil.rmtree(site / ".briefings-cache")
        assert run("build", "--site", site) == 0
        page.write_text(
            page.read_text(encoding="utf-8").replace("<main", "<script>y()</script><main")
        )
    write_site(site, {SECOND: edit(SECOND_TEXT, "Des frappes", "De nouvelles frappes")})
    assert run("build", "--site", site) == 0
    assert "<script>y()" not in page.read_text(encoding="utf-8")
    assert _pages(site / "_site") == _clean_build(site, tmp_path)


def test_the_caches_of_a_machine_with_the_same_key_are_used(site: Path, tmp_path: Path) -> None:
    # The publish workflow restores the key folder with `.briefings-cache/` (docs/publishing.md):
    # a new runner with the restored key reuses what the last run analysed.
    with machine(tmp_path / "runner-1") as key:
        shutil.rmtree(site / ".briefings-cache")
        assert run("build", "--site", site) == 0
    clone = tmp_path / "clone"
    shutil.copytree(site, clone, ignore=shutil.ignore_patterns("_site"))
    restored = tmp_path / "runner-2" / "briefings" / "key"
    restored.parent.mkdir(parents=True)
    shutil.copy2(key, restored)
    with machine(tmp_path / "runner-2"):
        cache = BuildCache.on_disk(clone)
        build(clone, Overrides(), cache)
        assert cache.analyses.hits == 2  # nothing analysed again
    with machine(tmp_path / "runner-3"):  # no key restored: analysed again, the same site
        cache = BuildCache.on_disk(clone)
        build(clone, Overrides(), cache)
        assert cache.analyses.hits == 0


def test_the_key_is_kept_outside_the_site_and_private(tmp_path: Path) -> None:
    with machine(tmp_path / "home-cache") as path:
        key = seal.machine_key()
        assert path.read_bytes() == key and len(key) == seal.KEY_BYTES
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        seal.machine_key.cache_clear()
        assert seal.machine_key() == key  # read back, not made anew


# ---------------------------------------------------------------- static/ beside what is generated


@pytest.mark.parametrize(
    "name", ["index.html", "assets/search.js", "pagefind/pagefind.js", "articles/x/index.html"]
)
def test_a_static_file_never_replaces_a_generated_one(site: Path, capsys, name: str) -> None:
    before = (site / "_site" / name).read_bytes() if (site / "_site" / name).exists() else None
    write_site(site, {f"static/{name}": "<script>alert('static')</script>\n"})
    assert run("build", "--site", site) == 0
    err = capsys.readouterr().err
    message = f"'{name}' is a file briefings makes: this copy is not published"
    assert f"static/{name}:1:1: warning: {message}" in err
    published = site / "_site" / name
    assert not published.exists() or b"alert('static')" not in published.read_bytes()
    if before is not None:
        assert published.read_bytes() == before


def test_static_files_may_add_and_replace_the_publishing_files(site: Path) -> None:
    # What static/ is for: files beside the site, and its own robots.txt or 404 page.
    write_site(
        site,
        {
            "static/images/carte.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
            "static/robots.txt": "User-agent: *\nDisallow: /brouillons/\n",
            "static/404.html": "<p>Page introuvable</p>\n",
        },
    )
    assert run("build", "--site", site) == 0
    output = site / "_site"
    assert (output / "images/carte.svg").is_file()
    assert "Disallow: /brouillons/" in (output / "robots.txt").read_text()
    assert (output / "404.html").read_text() == "<p>Page introuvable</p>\n"
