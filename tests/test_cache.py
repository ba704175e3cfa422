"""The analysis cache is never wrong: a cached rebuild equals a cold build after any edit."""

from __future__ import annotations

import marshal
import pickle
import shutil
from pathlib import Path

import pytest

from briefings.build import BuildCache, build
from briefings.incremental import seal
from briefings.incremental.fingerprint import Fingerprints
from briefings.model import Block
from briefings.stages.config import Overrides

from .conftest import manifest, run

SECOND_ARTICLE = """\
---
title: Kiev et Ankara parlent de la mer Noire
date: 2024-04-02
source: aa
url: https://www.aa.com.tr/fr/monde/kiev-ankara/2
---
« Nous voulons que la mer Noire reste ouverte au commerce », a déclaré Hakan Fidan à Ankara.

Les deux délégations ont aussi évoqué l'Alliance atlantique et la situation à Odessa.
"""


def _edit_article(site: Path) -> None:
    path = site / "content/articles/2024/2024-03-08-fidan-blinken.md"
    path.write_text(path.read_text() + "\nLe ministre Fidan a ensuite évoqué l'Ukraine.\n")


def _edit_keywords(site: Path) -> None:
    path = site / "content/topics/ukraine.md"
    path.write_text(path.read_text().replace('"mer Noire"]', '"mer Noire", Odessa]'))


def _edit_aliases(site: Path) -> None:
    path = site / "content/people.yaml"
    path.write_text(path.read_text().replace("[Fidan, ministre Fidan]", "[ministre Fidan]"))


def _edit_template(site: Path) -> None:
    folder = site / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "footer.html").write_text(
        '<footer class="site-footer"><p>Pied modifié</p></footer>\n'
    )


def _edit_config(site: Path) -> None:
    path = site / "site.yaml"
    path.write_text(path.read_text().replace("language: fr", "language: en"))


@pytest.mark.parametrize(
    "edit", [_edit_article, _edit_keywords, _edit_aliases, _edit_template, _edit_config]
)
def test_a_cached_rebuild_equals_a_cold_build(make_site, tmp_path, edit):
    site = make_site({"content/articles/2024/kiev-ankara.md": SECOND_ARTICLE})
    assert run("build", "--site", site) == 0  # fills .briefings-cache
    assert (site / ".briefings-cache/analysis.bin").is_file()
    edit(site)
    assert run("build", "--site", site) == 0  # cached rebuild
    cached = manifest(site / "_site")

    cold_site = tmp_path / "cold"
    shutil.copytree(site, cold_site, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
    assert run("build", "--site", cold_site) == 0
    assert manifest(cold_site / "_site") == cached


def test_editing_keywords_reroutes_instead_of_reusing_the_cache(make_site):
    site = make_site({"content/articles/2024/kiev-ankara.md": SECOND_ARTICLE})
    assert run("build", "--site", site) == 0
    page = site / "_site/articles/kiev-ankara/index.html"
    assert 'data-dossiers="nato"' in page.read_text()
    topic = site / "content/topics/ukraine.md"
    topic.write_text(
        topic.read_text().replace('"mer Noire"]', '"mer Noire", "Alliance atlantique"]')
    )
    assert run("build", "--site", site) == 0
    assert 'data-dossiers="ukraine nato"' in page.read_text()


def test_editing_context_keywords_reroutes_instead_of_reusing_the_cache(make_site):
    # Odessa, a context keyword of Ukraine, counts in the second paragraph (on the OTAN) because
    # the paragraph before it names Ukraine's `mer Noire`.
    site = make_site({"content/articles/2024/kiev-ankara.md": SECOND_ARTICLE})
    assert run("build", "--site", site) == 0
    page = site / "_site/articles/kiev-ankara/index.html"
    assert 'data-dossiers="nato"' in page.read_text()
    topic = site / "content/topics/ukraine.md"
    topic.write_text(
        topic.read_text().replace('"mer Noire"]', '"mer Noire"]\ncontext_keywords: [Odessa]')
    )
    assert run("build", "--site", site) == 0
    assert 'data-dossiers="ukraine nato"' in page.read_text()


def test_analyses_made_by_worker_processes_equal_those_made_in_process(monkeypatch) -> None:
    from briefings.incremental import batch
    from briefings.stages.config import Overrides
    from briefings.stages.content import load_site

    from .conftest import REPO

    content, _ = load_site(REPO, Overrides(drafts=True))
    monkeypatch.setattr(batch, "POOL_THRESHOLD", 10**9)
    alone, _ = batch.analyze_all(content, use_disk=False)
    monkeypatch.setattr(batch, "POOL_THRESHOLD", 2)
    pooled, _ = batch.analyze_all(content, use_disk=False)
    assert pooled == alone and len(pooled) == len(content.articles) > 20


def test_the_callers_own_share_of_a_pool_is_not_rebuilt_from_lists(monkeypatch) -> None:
    """The process that forks the analysis workers analyses chunks too: those analyses are
    kept as made, not turned into the lists a worker sends and back (`cache.from_entry`)."""
    from briefings.incremental import batch, forkpool
    from briefings.stages.config import Overrides
    from briefings.stages.content import load_site

    from .conftest import REPO

    content, _ = load_site(REPO, Overrides(drafts=True))
    monkeypatch.setattr(batch, "POOL_THRESHOLD", 10**9)
    alone, _ = batch.analyze_all(content, use_disk=False)
    rebuilt = []
    monkeypatch.setattr(batch, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(forkpool, "workers", lambda: 2)
    # The caller withdrawing every chunk from the pool before a worker takes one.
    monkeypatch.setattr(
        forkpool,
        "fork_map",
        lambda setup, count, chunk, forked=None: list(map(setup(), range(count))),
    )
    real = batch.disk.from_entry
    monkeypatch.setattr(batch.disk, "from_entry", lambda *a: rebuilt.append(a) or real(*a))
    pooled, _ = batch.analyze_all(content, use_disk=False)
    assert pooled == alone and len(pooled) == len(content.articles) > 20
    assert rebuilt == []


def test_the_cache_file_written_from_worker_processes_equals_the_one_written_in_process(
    monkeypatch, tmp_path, capsys
) -> None:
    """Workers send their analyses as the cache's lists: the file's records, and the site built
    from those analyses, are what one process makes; a problem found in a worker is still
    reported."""
    from briefings.incremental import batch, forkpool

    from .conftest import REPO

    if not forkpool.workers():
        pytest.skip("needs two cores and fork")
    made = {}
    for name, threshold in (("alone", 10**9), ("pooled", 2)):
        site = tmp_path / name
        shutil.copytree(REPO / "content", site / "content")
        shutil.copy(REPO / "site.yaml", site / "site.yaml")
        (site / "site.yaml").write_text((REPO / "site.yaml").read_text() + "search: false\n")
        broken = site / "content/articles/2024-zz-sans-texte-alternatif.md"
        broken.write_text(
            "---\ntitle: Une image sans texte\ndate: 2024-01-02\nsource: afp\n---\n\n![](a.png)\n"
        )
        monkeypatch.setattr(batch, "POOL_THRESHOLD", threshold)
        assert run("build", "--site", site) != 0  # the image without alt text, found either way
        assert "2024-zz-sans-texte-alternatif.md:7" in capsys.readouterr().err
        broken.unlink()
        assert run("build", "--site", site) == 0
        read = seal.read_records(site / ".briefings-cache/analysis.bin", purpose="analysis")
        assert read is not None
        # Decoded: `marshal` writes an object met twice in a record once, which the pickled
        # lists a worker sends do not share alike.
        entries = [marshal.loads(r) for r in read[0][1:] if r is not None]
        made[name] = entries, manifest(site / "_site")
    assert made["pooled"] == made["alone"] and len(made["alone"][0]) > 20


def test_an_entry_cut_short_by_a_kill_is_analysed_again_and_kept_after(make_site) -> None:
    from briefings.incremental.batch import AnalysisCache, analyze_all
    from briefings.stages.config import Overrides
    from briefings.stages.content import load_site

    site = make_site({"content/articles/2024/kiev-ankara.md": SECOND_ARTICLE})
    assert run("build", "--site", site) == 0
    store = site / ".briefings-cache/analysis.bin"
    store.write_bytes(store.read_bytes()[:-30])  # the last entry, cut short
    _edit_article(site)
    assert run("build", "--site", site) == 0
    read = seal.read_records(store, purpose="analysis")
    assert read is not None and read[1] and len(read[0]) == 3  # written whole again
    content, _ = load_site(site, Overrides())
    cache = AnalysisCache()
    analyze_all(content, cache)
    assert cache.hits == len(content.articles) == 2


def test_a_cache_carried_to_a_fresh_checkout_is_reused_and_builds_the_same_site(
    make_site, tmp_path
) -> None:
    # The Pages workflow restores `.briefings-cache/` into a new clone: new paths, new file
    # times and inodes, no output folder.
    site = make_site({"content/articles/2024/kiev-ankara.md": SECOND_ARTICLE})
    assert run("build", "--site", site) == 0
    built = manifest(site / "_site")
    clone = tmp_path / "clone"
    shutil.copytree(site, clone, ignore=shutil.ignore_patterns("_site"))
    cache = BuildCache.on_disk(clone)
    build(clone, Overrides(), cache)
    assert cache.analyses.hits == 2  # both articles taken from the cache, none analysed
    assert manifest(clone / "_site") == built


def test_an_article_with_a_line_separator_is_taken_from_the_cache(make_site) -> None:
    # JSON leaves U+2028 as it is in a string: a cache line holding one is one line all the
    # same, and the article is not analysed again at every build.
    from briefings.incremental.batch import AnalysisCache, analyze_all
    from briefings.stages.content import load_site

    text = SECOND_ARTICLE.replace("reste ouverte", "reste\u2028ouverte")
    site = make_site({"content/articles/2024/kiev-ankara.md": text})
    assert run("build", "--site", site) == 0
    content, _ = load_site(site, Overrides())
    cache = AnalysisCache()
    analyses, _ = analyze_all(content, cache)
    assert cache.hits == len(content.articles) == 2
    assert "\u2028" in "".join(b.text for b in analyses["kiev-ankara"].blocks)


def test_analyses_read_back_from_the_cache_equal_those_made(tmp_path) -> None:
    """The blocks are read back without `Block.__init__` (`cache._block`): each must be the
    block the analysis made, every field set, equal, hashed alike and still frozen."""
    import dataclasses

    from briefings.incremental import batch, cache
    from briefings.stages.content import load_site

    from .conftest import REPO

    content, _ = load_site(REPO, Overrides(drafts=True))
    made, _ = batch.analyze_all(content, use_disk=False)
    key = batch.analysis_key(content)
    by_digest = {
        content_article.digest: made[content_article.slug] for content_article in content.articles
    }
    cache.save(tmp_path, key, by_digest, cache.OnDisk())
    read, _ = cache.load(tmp_path, key)
    assert read == by_digest and len(read) > 20
    blocks = [
        (b, r) for d in read for b, r in zip(by_digest[d].blocks, read[d].blocks, strict=True)
    ]
    assert {b.kind for b, _ in blocks} >= {"paragraph", "heading"}
    # The blocks after each lead are read when first asked for (`cache._Lazy`): equal to the
    # blocks made either way round, hashed alike, copied and pickled as plain blocks.
    assert any(type(r) is not Block for _, r in blocks)
    assert all(type(r) is Block for d in read for r in read[d].blocks[:1])
    for block, again in blocks:
        assert isinstance(again, Block) and again == block and block == again
        assert dataclasses.astuple(again) == dataclasses.astuple(block)
        assert hash(again) == hash(block)
        assert Fingerprints().of(again) == Fingerprints().of(block)
        assert type(pickle.loads(pickle.dumps(again))) is Block
        assert pickle.loads(pickle.dumps(again)) == block
        moved = dataclasses.replace(again, line=again.line + 1)
        assert (moved.html, moved.text, moved.line) == (block.html, block.text, block.line + 1)
    for _, again in blocks:
        with pytest.raises(dataclasses.FrozenInstanceError):
            again.text = "réécrit"  # type: ignore[misc]


def test_the_analyses_are_written_once_the_pages_are_being_made(make_site, monkeypatch):
    """The cache's writing waits for the renderers (it ran on the one busy core before linking),
    and a build whose pages fail still keeps the analyses it made."""
    from briefings.incremental import cache as disk
    from briefings.incremental import rerender

    site = make_site({"content/articles/2024/kiev-ankara.md": SECOND_ARTICLE})
    order: list[str] = []
    save, render_all = disk.save, rerender._render_all

    def saving(*args, **kwargs):
        order.append("analyses written")
        return save(*args, **kwargs)

    def rendering(*args, **kwargs):
        order.append("pages made")
        return render_all(*args, **kwargs)

    monkeypatch.setattr(disk, "save", saving)
    monkeypatch.setattr(rerender, "_render_all", rendering)
    assert run("build", "--site", site) == 0
    assert order == ["pages made", "analyses written"]

    broken = make_site(
        {
            "content/articles/2024/kiev-ankara.md": SECOND_ARTICLE,
            "templates/footer.html": '{% include "nowhere.html" %}\n',
        }
    )
    shutil.rmtree(broken / ".briefings-cache", ignore_errors=True)
    shutil.rmtree(broken / "_site", ignore_errors=True)
    assert run("build", "--site", broken) != 0
    read = seal.read_records(broken / ".briefings-cache/analysis.bin", purpose="analysis")
    assert read is not None and len(read[0]) == 1 + 2  # the header and each analysis


def _clean_manifest(site: Path, tmp_path: Path) -> dict[str, str]:
    cold_site = tmp_path / "cold"
    shutil.copytree(site, cold_site, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
    assert run("build", "--site", cold_site) == 0
    return manifest(cold_site / "_site")


@pytest.mark.parametrize("damage", ["bytes changed", "cut short"])
def test_a_damaged_tail_is_never_put_in_a_page_its_article_is_analysed_again(
    make_site, tmp_path, capsys, damage
) -> None:
    """The blocks' text after each lead is in a file of its own, read when a page asks
    (`cache._Tails`): changed after the build that wrote it, it is never used."""
    from briefings.incremental.batch import AnalysisCache, analyze_all
    from briefings.stages.content import load_site

    site = make_site({"content/articles/2024/kiev-ankara.md": SECOND_ARTICLE})
    assert run("build", "--site", site) == 0
    tails = site / ".briefings-cache/analysis-tails.bin"
    data = tails.read_bytes()
    assert b"Alliance atlantique" in data
    if damage == "bytes changed":  # the same length: only the tail's seal can tell
        tails.write_bytes(data.replace(b"Alliance atlantique", b"Alliance ATLANTIQUE"))
    else:
        tails.write_bytes(data[: data.index(b"Alliance atlantique")])
    shutil.rmtree(site / "_site")  # every page made again, from the cache
    capsys.readouterr()
    assert run("build", "--site", site) == 0
    if damage == "bytes changed":
        assert f"note: {tails} was not made by briefings on this machine" in (
            capsys.readouterr().err
        )
    built = manifest(site / "_site")
    for page in (site / "_site").rglob("*.html"):
        assert "ATLANTIQUE" not in page.read_text(encoding="utf-8"), page
    assert built == _clean_manifest(site, tmp_path)
    # The next builds write the cache anew and take every article from it.
    _edit_article(site)
    assert run("build", "--site", site) == 0
    content, _ = load_site(site, Overrides())
    cache = AnalysisCache()
    analyses, _ = analyze_all(content, cache)
    assert cache.hits == len(content.articles) == 2
    assert "Alliance atlantique" in analyses["kiev-ankara"].blocks[-1].text


def test_a_tail_damaged_after_its_line_was_read_is_analysed_again(make_site) -> None:
    """`serve` keeps the analyses read at its first build: a tail changed on disk later is
    checked when it is first read, and the article analysed again."""
    from briefings.incremental.batch import AnalysisCache, analyze_all
    from briefings.stages.content import load_site

    site = make_site({"content/articles/2024/kiev-ankara.md": SECOND_ARTICLE})
    assert run("build", "--site", site) == 0
    content, _ = load_site(site, Overrides())
    made, _ = analyze_all(content, use_disk=False)
    cache = AnalysisCache()
    analyses, _ = analyze_all(content, cache)  # the lines read, the tails not yet
    assert cache.hits == 2
    tails = site / ".briefings-cache/analysis-tails.bin"
    tails.write_bytes(tails.read_bytes().replace(b"Odessa", b"ODESSA"))
    assert analyses == made
    assert "Odessa" in analyses["kiev-ankara"].blocks[-1].text
    assert not (site / ".briefings-cache/analysis.bin").exists()  # written anew next time
