"""Search: the Pagefind index is built into the output from the model, and `search: false` removes
it. That it answers in a browser, under the base path and offline, is tested in test_browser.py."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from briefings import build
from briefings.build import assemble
from briefings.incremental import forkpool, rerender
from briefings.incremental.searchmemo import SearchMemo
from briefings.stages import lexicon, pagefind, search
from briefings.stages.config import Overrides

from . import pagefind_index
from .conftest import MINIMAL_SITE, REPO, manifest, run, write_site
from .sites import SHARDED, WIRE


def test_the_index_and_the_search_page_are_built_into_the_output(make_site) -> None:
    site = make_site(WIRE)
    assert run("build", "--site", site) == 0
    output = site / "_site"
    assert (output / "pagefind/pagefind.js").is_file()
    assert (output / "pagefind/pagefind-entry.json").is_file()
    entry = json.loads((output / "pagefind/pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["fr"]
    assert not list(output.glob("pagefind/pagefind-ui*"))  # the page has its own interface
    page = (output / "search/index.html").read_text()
    assert 'data-bundle="/repo/pagefind/"' in page
    assert '<script src="/repo/assets/search.js" defer></script>' in page
    assert '<option value="gaza">Gaza</option>' in page
    assert '<option value="quote">Citation</option>' in page
    home = (output / "index.html").read_text()
    assert '<form class="site-search" role="search" action="/repo/search/" method="get">' in home


def test_records_are_articles_dossiers_and_quotes_with_their_dossiers(make_site) -> None:
    site = make_site(WIRE)
    corpus, _, _ = assemble(site, Overrides())
    records = search.records(corpus)
    kinds = {r.kind for r in records}
    assert kinds == {"article", "dossier", "quote"}
    article = next(r for r in records if r.url == "/repo/articles/cij-rafah/")
    assert article.title == "Gaza\u00a0: la CIJ ordonne à Israël d'arrêter son offensive à Rafah"
    assert "qualifiée de désastreuse" in article.content
    assert article.dossiers == ("gaza",)
    assert ("date", "24 mai 2024") in article.meta and ("dossiers", "Gaza") in article.meta
    quote = next(r for r in records if r.kind == "quote" and "bonnes choses" in r.content)
    assert quote.url == "/repo/articles/suede-32e-membre-otan/#p-2"
    assert quote.title == "Antony Blinken"
    assert quote.dossiers == ("nato",)
    assert ("article", "La Suède devient le 32e membre de l'OTAN") in quote.meta
    dossier = next(r for r in records if r.url == "/repo/dossiers/ukraine/")
    assert dossier.title == "Dossier\u00a0: Ukraine"
    assert "Le dossier de l'Ukraine." in dossier.content


def test_a_quote_is_a_section_of_its_articles_page_not_a_page_of_its_own(make_site) -> None:
    # A record and a file per quote cost Pagefind a third of its time on a large site: a quote
    # is a section of its article's page, under its speaker's name, with its paragraph's id.
    site = make_site(WIRE)
    assert run("build", "--site", site) == 0
    fragments = pagefind_index.fragments(site / "_site/pagefind")
    corpus, _, _ = assemble(site, Overrides())
    assert sorted(f["url"] for f in fragments) == sorted(  # type: ignore[type-var]
        r.url for r in search.records(corpus) if r.kind != "quote"
    )
    page = next(f for f in fragments if f["url"] == "/repo/articles/suede-32e-membre-otan/")
    quote = {"element": "h2", "id": "p-2", "text": "Antony Blinken"}
    assert [{k: a[k] for k in quote} for a in page["anchors"]] == [quote]  # type: ignore[index]
    assert "savent attendre" in page["content"]  # type: ignore[operator]
    filters = page["filters"]
    assert filters["type"] == ["article", "quote"]  # type: ignore[index]
    assert filters["quoted"] == ["p-2 nato"]  # type: ignore[index]


def test_search_false_leaves_out_the_index_the_page_and_the_box(make_site) -> None:
    site_yaml = MINIMAL_SITE["site.yaml"].rstrip(" ") + "        search: false\n"
    site = make_site({**WIRE, "site.yaml": site_yaml})
    assert run("build", "--site", site) == 0
    output = site / "_site"
    assert not (output / "pagefind").exists()
    assert not (output / "search").exists()
    assert 'role="search"' not in (output / "index.html").read_text()
    assert "/search/" not in (output / "sitemap.xml").read_text()


def test_without_pagefind_the_build_fails_and_says_how_to_go_on(
    make_site, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(WIRE)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(site / "no-pagefind-here"))
    assert run("build", "--site", site) == 1
    err = capsys.readouterr().err
    assert "site.yaml:1:1: error: the search index could not be built" in err
    assert "or turn search off in site.yaml: search: false" in err
    assert not (site / "_site").exists()


# ---------------------------------------------------------------- shards


@pytest.fixture
def sharded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shards of two articles: sites.SHARDED is cut into eight."""
    monkeypatch.setattr(search, "ARTICLES_PER_SHARD", 2)


@pytest.fixture
def indexed(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The shards each build has Pagefind index, by folder (`""` the bundle's own)."""
    calls: list[list[str]] = []
    real = pagefind.index_all

    def recording(
        jobs: Iterable[pagefind.Job],
        language: str,
        then: Callable[[], list[pagefind.Job]] | None = None,
        stop: threading.Event | None = None,
    ) -> dict[str, dict[str, bytes]]:
        jobs = list(jobs)
        names = [job.name for job in jobs]

        def more() -> list[pagefind.Job]:
            assert then is not None
            found = then()
            names.extend(job.name for job in found)
            return found

        made = real(jobs, language, more if then is not None else None, stop)
        calls.append(sorted(names))
        return made

    monkeypatch.setattr(pagefind, "index_all", recording)
    return calls


def shard_folder(slug: str, count: int) -> str:
    number = search.shard_of(slug, count)
    return f"{number}/" if number else ""


def files_below(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and modification time: a file written again has others."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_the_index_of_a_large_site_is_in_shards_holding_what_one_index_holds(
    make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(SHARDED)
    assert run("build", "--site", site, "--out", tmp_path / "whole") == 0
    monkeypatch.setattr(search, "ARTICLES_PER_SHARD", 2)
    assert run("build", "--site", site, "--out", tmp_path / "cut") == 0
    whole, cut = tmp_path / "whole/pagefind", tmp_path / "cut/pagefind"
    assert json.loads((whole / "shards.json").read_text()) == {
        "shards": [],
        "lexicon": [],
        "parts": {},
    }  # one index: no lexicon either
    manifest = json.loads((cut / "shards.json").read_text())
    listed = manifest["shards"]
    slugs = [p.rsplit("/", 1)[1][11:-3] for p in SHARDED if p.startswith("content/articles/")]
    slugs.append("fidan-blinken")  # conftest's
    assert listed == sorted({shard_folder(s, 8) for s in slugs} - {""}, key=lambda f: int(f[:-1]))
    assert len(listed) >= 4
    for folder in listed:
        # A shard holds its index only: the page runs the bundle's scripts and WebAssembly.
        names = {p.name for p in (cut / folder).iterdir()}
        assert {"pagefind-entry.json", "fragment", "index", "filter"} <= names
        assert not names & {"pagefind.js", "pagefind-worker.js", "wasm.fr.pagefind"}
    assert (cut / "pagefind.js").is_file() and (cut / "wasm.fr.pagefind").is_file()
    # The same records as one index, each article and its quotes in its slug's shard.
    assert pagefind_index.fragments(cut) == pagefind_index.fragments(whole)
    for folder, shard in pagefind_index.decoded(cut).items():
        if folder.startswith("lexicon/"):
            continue
        for fragment in shard["fragments"].values():  # type: ignore[attr-defined]
            url = fragment["url"]
            if "/articles/" in url:
                assert shard_folder(url.split("/")[3], 8) == folder, url
            else:
                assert folder == "", url  # the dossiers go with the bundle's own index


def test_an_edit_indexes_the_edited_articles_shard_again_and_equals_a_clean_build(
    make_site, sharded: None, indexed: list[list[str]], tmp_path: Path
) -> None:
    site = make_site(SHARDED)
    output = site / "_site/pagefind"
    assert run("build", "--site", site) == 0
    assert len(indexed[-1]) >= 5 and "" in indexed[-1] and "lexicon/s/" in indexed[-1]
    path = "content/articles/2024/2024-03-01-blinken-gaza-treve.md"
    text = textwrap.dedent(str(SHARDED[path]))
    edited_shard = shard_folder("blinken-gaza-treve", 8)
    # A paragraph of words the article already has: its shard alone is indexed again.
    before = files_below(output)
    again = text + "\n" + text.split("---\n")[-1].split("\n\n")[0] + "\n"
    write_site(site, {path: again})
    assert run("build", "--site", site) == 0
    assert indexed[-1] == [edited_shard]
    after = files_below(output)
    others = {p: v for p, v in before.items() if not p.startswith(edited_shard or "fragment/")}
    assert edited_shard and {p: after.get(p) for p in others} == others  # not even rewritten
    # New words: the parts of the lexicon of their first letters too (s to z), and no other.
    edited = text + "\nVingt zanzibariques surveillent.\n"
    write_site(site, {path: edited})
    assert run("build", "--site", site) == 0
    assert indexed[-1] == [edited_shard, "lexicon/s/"]
    assert any("zanzibariques" in str(f) for f in pagefind_index.fragments(output))
    # The same index as a clean build of the same site, shard by shard and part by part, byte
    # for byte.
    clean = write_site(tmp_path / "clean", {**MINIMAL_SITE, **SHARDED, path: edited})
    assert run("build", "--site", clean) == 0
    assert manifest(output) == manifest(clean / "_site/pagefind")


def test_an_edits_shard_is_indexed_while_its_pages_render_with_no_worker_forked_beside(
    make_site, sharded: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(SHARDED)
    assert run("build", "--site", site) == 0
    started = threading.Event()
    forked_beside: list[str] = []
    real_index, real_render, real_fork = pagefind.index_all, rerender._render_all, forkpool.fork_map

    def index_all(*args: Any, **kwargs: Any) -> dict[str, dict[str, bytes]]:
        started.set()
        return real_index(*args, **kwargs)

    def render_all(*args: Any, **kwargs: Any) -> Any:
        # Pagefind is at work before the pages are done: it was not left for after them.
        assert started.wait(10), "the index waited for the pages"
        return real_render(*args, **kwargs)

    def fork_map(*args: Any, **kwargs: Any) -> Any:
        # A worker forked while the thread holds a lock (Babel's locale data) would hang on it.
        forked_beside.extend(t.name for t in threading.enumerate() if "search" in t.name)
        return real_fork(*args, **kwargs)

    monkeypatch.setattr(pagefind, "index_all", index_all)
    monkeypatch.setattr(rerender, "_render_all", render_all)
    monkeypatch.setattr(forkpool, "fork_map", fork_map)
    monkeypatch.setattr(forkpool, "workers", lambda: 2)
    monkeypatch.setattr(rerender, "POOL_BYTES", 0)  # pages any build would fork workers for
    path = "content/articles/2024/2024-03-01-blinken-gaza-treve.md"
    edited = textwrap.dedent(str(SHARDED[path])) + "\nVingt zanzibariques surveillent Gaza.\n"
    write_site(site, {path: edited})
    assert run("build", "--site", site) == 0
    assert started.is_set() and not forked_beside
    clean = write_site(tmp_path / "clean", {**MINIMAL_SITE, **SHARDED, path: edited})
    monkeypatch.setattr(rerender, "_render_all", real_render)
    assert run("build", "--site", clean) == 0
    assert manifest(site / "_site") == manifest(clean / "_site")


def test_an_edits_index_starts_once_the_site_is_analysed_beside_its_linking(
    make_site, sharded: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The index is made from the articles and their analyses alone: an edit's shard is indexed
    # while the site is linked and its pages planned and made, not from after the linking.
    site = make_site(SHARDED)
    assert run("build", "--site", site) == 0
    linking = threading.Event()
    indexing_while_linking: list[bool] = []
    real_index, real_link = pagefind.index_all, build.link

    def index_all(*args: Any, **kwargs: Any) -> dict[str, dict[str, bytes]]:
        linking.wait(10)  # the index's thread is alive when linking begins, if it began before
        return real_index(*args, **kwargs)

    def link(*args: Any, **kwargs: Any) -> Any:
        threads = [t.name for t in threading.enumerate()]
        indexing_while_linking.append("briefings-search" in threads)
        linking.set()
        return real_link(*args, **kwargs)

    monkeypatch.setattr(pagefind, "index_all", index_all)
    monkeypatch.setattr(build, "link", link)
    path = "content/articles/2024/2024-03-01-blinken-gaza-treve.md"
    edited = textwrap.dedent(str(SHARDED[path])) + "\nVingt zanzibariques surveillent Gaza.\n"
    write_site(site, {path: edited})
    assert run("build", "--site", site) == 0
    assert indexing_while_linking == [True]
    # A clean build starts its index once the renderer's workers are forked, after linking.
    clean = write_site(tmp_path / "clean", {**MINIMAL_SITE, **SHARDED, path: edited})
    linking.clear()
    assert run("build", "--site", clean) == 0
    assert indexing_while_linking == [True, False]
    assert manifest(site / "_site") == manifest(clean / "_site")


def test_pages_go_to_pagefind_in_a_few_large_writes_through_large_pipes() -> None:
    # A write or a read of the pipes gives the GIL up, and the thread then waits up to the
    # switch interval (5 ms) to take it back while the build's thread computes beside the index:
    # a write per page made an edit's shard wait on the GIL rather than on Pagefind.
    text = "Les négociateurs se retrouvent au Caire pour une trêve à Gaza. " * 30
    pages = [
        (f"/repo/articles/a{i}/", f"<html lang=fr><body><p>{text} {i}</p></body></html>")
        for i in range(300)
    ]
    writes: list[int] = []
    with pagefind._Service(pagefind.binary(), "fr") as service:
        stdin = service._stdin

        class Counted:
            def write(self, data: bytes) -> int:
                writes.append(len(data))
                return stdin.write(data)

            def flush(self) -> None:
                stdin.flush()

        service._stdin = Counted()  # type: ignore[assignment]
        files = service.index(pages)
        service._stdin = stdin
        if hasattr(fcntl, "F_GETPIPE_SZ"):
            for pipe in (stdin, service._process.stdout):
                assert fcntl.fcntl(pipe.fileno(), fcntl.F_GETPIPE_SZ) >= pagefind.PIPE_BYTES
    assert sum(writes) > 600_000 and len(writes) <= 8, writes[:5]
    assert sum(1 for path in files if path.startswith("fragment/")) == 300


def test_a_service_whose_sender_is_slow_to_return_makes_the_next_index_too() -> None:
    # Pagefind answers the last request of an index as soon as it is read; the thread that wrote
    # it may still be waiting for the GIL. The service must not be stopped then: the build's
    # next index goes to it.
    html = "<html lang=fr><body><p>Trêve à Gaza, jour {}.</p></body></html>"
    pages = [(f"/repo/articles/a{i}/", html.format(i)) for i in range(3)]
    with pagefind._Service(pagefind.binary(), "fr") as service:
        stdin = service._stdin

        class Slow:
            def write(self, data: bytes) -> int:
                return stdin.write(data)

            def flush(self) -> None:
                stdin.flush()
                if threading.current_thread().name == "briefings-pagefind-send":
                    time.sleep(0.5)  # written, but not yet returned

        service._stdin = Slow()  # type: ignore[assignment]
        try:
            first = service.index(pages)
            second = service.index(pages[:2])
        finally:
            service._stdin = stdin
    assert sum(1 for path in first if path.startswith("fragment/")) == 3
    assert sum(1 for path in second if path.startswith("fragment/")) == 2


def test_an_edits_kept_shards_are_checked_before_its_index_starts_not_beside_linking(
    make_site, sharded: None, indexed: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # In the index's thread, each file's `lstat` gave the GIL up to the linking beside it and
    # waited to take it back: Pagefind had its pages late. The build checks them first.
    site = make_site(SHARDED)
    assert run("build", "--site", site) == 0
    checked_in: list[str] = []
    real = SearchMemo.kept

    def kept(self: SearchMemo, folder: Path, name: str, digest: str) -> Any:
        if not name.startswith(lexicon.FOLDER):
            checked_in.append(threading.current_thread().name)
        return real(self, folder, name, digest)

    monkeypatch.setattr(SearchMemo, "kept", kept)
    path = "content/articles/2024/2024-03-01-blinken-gaza-treve.md"
    edited = textwrap.dedent(str(SHARDED[path])) + "\nVingt zanzibariques surveillent.\n"
    write_site(site, {path: edited})
    assert run("build", "--site", site) == 0
    assert indexed[-1] == [shard_folder("blinken-gaza-treve", 8), "lexicon/s/"]
    assert len(checked_in) >= 5 and set(checked_in) == {"MainThread"}
    # A kept shard whose file was changed in the output is indexed again, and put back.
    bundle = site / "_site/pagefind"
    listed = json.loads((bundle / "shards.json").read_text())["shards"]
    kept_folder = next(f for f in listed if f != indexed[-1][0])
    entry = bundle / kept_folder / "pagefind-entry.json"
    original = entry.read_bytes()
    entry.write_bytes(b"{}")
    write_site(site, {path: edited + "\nVingt zanzibariques veillent.\n"})
    assert run("build", "--site", site) == 0
    assert kept_folder in indexed[-1]
    assert entry.read_bytes() == original


def test_the_lexicon_holds_each_shards_words_as_pagefind_indexed_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The example site's wire copy (curly apostrophes, « », hyphens, figures, an English report)
    # and the test copy: a word of a shard the lexicon lacked would hide that shard's pages, a
    # word it had in excess would bring the pages the lexicon is there to keep out.
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "site.yaml", site / "site.yaml")
    write_site(site, {p: t for p, t in SHARDED.items() if p.startswith("content/articles/")})
    monkeypatch.setattr(search, "ARTICLES_PER_SHARD", 4)
    assert run("build", "--site", site) == 0
    bundle = site / "_site/pagefind"
    listed = json.loads((bundle / "shards.json").read_text())
    assert len(listed["shards"]) >= 3 and len(listed["lexicon"]) == 5  # four letters' and `_`
    held: dict[str, set[str]] = {}  # shard: its keys, from its own index
    for folder in ["", *listed["shards"]]:
        held[folder[:-1] or "0"] = set().union(*pagefind_index.words(bundle / folder).values())
    told: dict[str, set[str]] = {shard: set() for shard in held}  # shard: what the lexicon says
    for folder in listed["lexicon"]:
        part = folder.split("/")[1]
        for name, keys in pagefind_index.words(bundle / folder).items():
            fragment = json.loads(pagefind_index._unpacked(bundle / folder / "fragment" / name))
            # A part answers for the words of its own letters only.
            told[fragment["filters"]["of"][0]] |= {k for k in keys if lexicon.part(k[0]) == part}
    for shard, keys in held.items():
        reachable = {k for k in keys if k[0].isalnum()}  # a search never begins with « or ’
        assert told[shard] == reachable, shard
    assert sum(len(keys) for keys in held.values()) > 3000


def test_a_retitled_dossier_indexes_again_the_shards_that_show_its_title(
    make_site, sharded: None, indexed: list[list[str]], tmp_path: Path
) -> None:
    # Articles and quotes show their dossiers' titles: the analysis, which does not read the
    # titles, has not changed, yet the shards holding an article of that dossier have.
    site = make_site(SHARDED)
    assert run("build", "--site", site) == 0
    topic = textwrap.dedent(MINIMAL_SITE["content/topics/ukraine.md"])
    retitled = topic.replace("title: Ukraine", "title: Guerre en Ukraine")
    write_site(site, {"content/topics/ukraine.md": retitled})
    assert run("build", "--site", site) == 0
    ukrainian = {"peace-summit-ukraine", "fidan-ankara-ukraine"}
    shards = [name for name in indexed[-1] if not name.startswith("lexicon/")]
    assert shards == sorted({shard_folder(s, 8) for s in ukrainian} | {""})
    assert len(shards) < len([n for n in indexed[0] if not n.startswith("lexicon/")])
    # The title's new words: "Guerre", "en".
    assert set(indexed[-1]) - set(shards) <= {"lexicon/e/", "lexicon/f/"}
    clean = write_site(
        tmp_path / "clean", {**MINIMAL_SITE, **SHARDED, "content/topics/ukraine.md": retitled}
    )
    assert run("build", "--site", clean) == 0
    assert manifest(site / "_site/pagefind") == manifest(clean / "_site/pagefind")


def test_a_change_the_records_do_not_see_indexes_nothing_again(
    make_site, sharded: None, indexed: list[list[str]]
) -> None:
    site = make_site(SHARDED)
    assert run("build", "--site", site) == 0
    before = files_below(site / "_site/pagefind")
    write_site(site, {"templates/footer.html": "<footer><p>Rédaction du desk</p></footer>\n"})
    assert run("build", "--site", site) == 0
    assert indexed[-1] == []
    assert files_below(site / "_site/pagefind") == before


def test_a_shard_file_changed_by_hand_is_made_again(
    make_site, sharded: None, indexed: list[list[str]]
) -> None:
    site = make_site(SHARDED)
    assert run("build", "--site", site) == 0
    listed = json.loads((site / "_site/pagefind/shards.json").read_text())["shards"]
    fragment = sorted((site / "_site/pagefind" / listed[0] / "fragment").iterdir())[0]
    original = fragment.read_bytes()
    fragment.write_bytes(b"pagefind_dcd{}")
    assert run("build", "--site", site) == 0
    assert indexed[-1] == [listed[0]]
    assert fragment.read_bytes() == original


def test_a_shard_whose_files_were_touched_is_made_again_once(
    make_site, sharded: None, indexed: list[list[str]]
) -> None:
    # Its files' times moved (a copy, a `touch`), their bytes the same: made again, its new
    # stats noted, and left alone by the next edit, which indexes the edited article's shard.
    site = make_site(SHARDED)
    assert run("build", "--site", site) == 0
    listed = json.loads((site / "_site/pagefind/shards.json").read_text())["shards"]
    path = "content/articles/2024/2024-03-01-blinken-gaza-treve.md"
    edited_shard = shard_folder("blinken-gaza-treve", 8)
    touched = next(folder for folder in listed if folder != edited_shard)
    for file in (site / "_site/pagefind" / touched).rglob("*"):
        os.utime(file, (1_700_000_000, 1_700_000_000))
    assert run("build", "--site", site) == 0
    assert indexed[-1] == [touched]
    text = textwrap.dedent(str(SHARDED[path]))
    write_site(site, {path: text + "\n" + text.split("---\n")[-1].split("\n\n")[0] + "\n"})
    assert run("build", "--site", site) == 0
    assert indexed[-1] == [edited_shard]


def test_the_same_pages_make_the_same_index_files(make_site) -> None:
    # Pagefind orders a filter's values anew in each of its processes: two runs on the same
    # pages wrote different filter files, metadata and entry (`pagefindfiles` orders them).
    site = make_site(SHARDED)
    corpus, _, _ = assemble(site, Overrides(), search=False)
    pages = tuple((r.url, search._record_page(r, "fr")) for r in search.records(corpus))
    runs = [pagefind.index_all([pagefind.Job("", pages)], "fr")[""] for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]
    assert sum(path.startswith("filter/") for path in runs[0]) == 3  # dossier, type, lang


def test_two_clean_builds_in_two_processes_write_the_same_bytes(make_site, tmp_path: Path) -> None:
    # The whole output, search index in shards and lexicon included, from two processes with
    # different hash seeds (Python's sets, Pagefind's own hash maps).
    site = make_site(SHARDED)
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        shutil.rmtree(site / ".briefings-cache", ignore_errors=True)
        code = (
            "import sys; from briefings.stages import search; search.ARTICLES_PER_SHARD = 2; "
            "from briefings.cli import main; sys.exit(main(sys.argv[1:]))"
        )
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-c", code, "build", "--site", str(site), "--out", str(out)]
        subprocess.run(command, env=env, check=True, capture_output=True)
        outputs.append(manifest(out))
    assert len(json.loads((tmp_path / "out-1/pagefind/shards.json").read_text())["shards"]) >= 4
    assert outputs[0] == outputs[1]


def test_pagefind_stopping_fails_the_build_with_what_it_said(
    make_site, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(WIRE)
    fake = site.parent / "pagefind-qui-plante"
    # It stops reading at once, so that briefings' first request meets a closed pipe.
    said = "echo 'thread main panicked: out of memory' >&2"
    fake.write_text(f"#!/bin/sh\nexec 0<&-\n{said}\nsleep 0.2\nexit 101\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    assert run("build", "--site", site) == 1
    err = capsys.readouterr().err
    assert "error: the search index could not be built: thread main panicked: out of memory" in err
    assert not (site / "_site").exists()


# ---------------------------------------------------------------- beside the rendering


def test_the_index_is_made_while_the_pages_are_rendered(
    make_site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its records come from the model: Pagefind indexes while the pages are rendered, on the core
    # the rendering leaves idle, not after it.
    site = make_site(WIRE)
    started = threading.Event()
    service = pagefind._Service.__init__

    def starting(self: pagefind._Service, *args: object) -> None:
        service(self, *args)  # type: ignore[arg-type]
        started.set()

    rendering = rerender._Work.page
    seen: list[bool] = []

    def page(self: rerender._Work, *args: object) -> object:
        if not seen:  # the first page waits: a Pagefind service starts before the pages are done
            seen.append(started.wait(60))
        return rendering(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pagefind._Service, "__init__", starting)
    monkeypatch.setattr(rerender._Work, "page", page)
    assert run("build", "--site", site) == 0
    assert seen == [True]
    clean = make_site(WIRE)
    monkeypatch.undo()
    assert run("build", "--site", clean) == 0
    assert manifest(site / "_site") == manifest(clean / "_site")


def test_no_worker_is_forked_while_the_index_is_made(
    make_site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A process forked while the index's thread holds a lock (Babel's locale data, a stream's)
    # inherits it held, by a thread it does not have: the renderer's workers are forked first.
    site = make_site(WIRE)
    monkeypatch.setattr(rerender, "POOL_THRESHOLD", 2)  # this small site's pages in workers
    monkeypatch.setattr(search, "FEW_SHARDS", -1)  # as many shards as a large site's first build
    fork = os.fork
    beside: list[list[str]] = []
    forked = threading.Event()

    def forking() -> int:
        beside.append([t.name for t in threading.enumerate() if t.name == "briefings-search"])
        forked.set()
        return fork()

    indexing = search.search_index

    def index(*args: object) -> object:
        forked.wait(10)  # a thread started before the fork is still there when it comes
        return indexing(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fork", forking)
    monkeypatch.setattr(search, "search_index", index)
    assert run("build", "--site", site) == 0
    assert beside  # the renderer's workers
    assert beside == [[]] * len(beside)


def test_a_build_whose_pages_fail_stops_its_index_and_says_why(
    make_site, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(WIRE)
    failing = "{{ 1 // 0 }}<footer>Pied</footer>\n"
    write_site(site, {"templates/footer.html": failing})
    alive: list[threading.Thread] = []

    def stopped(self: search.Indexing) -> None:
        cancel(self)
        alive.append(threading.current_thread())  # cancelled, by the build's thread
        alive.extend(t for t in threading.enumerate() if t.name.startswith("briefings-pagefind"))

    cancel = search.Indexing.cancel
    monkeypatch.setattr(search.Indexing, "cancel", stopped)
    assert run("build", "--site", site) == 1
    assert "templates/footer.html:1:1: error: template error while rendering" in (
        capsys.readouterr().err
    )
    assert alive == [threading.current_thread()]  # its Pagefind services stopped before the end
    assert not (site / "_site").exists()
