"""The render memo of `serve`: only pages whose inputs changed are rendered, and the site is the
same, byte for byte, as a build from scratch."""

from __future__ import annotations

import dataclasses
import datetime as dt
import marshal
import re
import shutil
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from briefings.build import BuildCache, build
from briefings.diagnostics import ContentError
from briefings.incremental import rerender, seal
from briefings.model import FigureValue, Speaker
from briefings.stages import pages
from briefings.stages.config import Overrides

from .conftest import MINIMAL_SITE
from .sites import GAZA_FIGURES

SECOND = "content/articles/2024/2024-03-10-otan-ukraine.md"
SECOND_TEXT = """\
---
title: L'OTAN promet des munitions à l'Ukraine
date: 2024-03-10
source: aa
---
Les alliés de l'OTAN ont promis de nouvelles livraisons à l'Ukraine.

{extra}
"""


def _site(make_site, **files: str | None) -> Path:
    return make_site({SECOND: SECOND_TEXT.format(extra="Kiev salue la décision."), **files})


class Memoized:
    """Builds with one cache, like successive builds of `serve`."""

    def __init__(self, site: Path) -> None:
        self.site, self.cache = site, BuildCache()
        self.memo = self.cache.pages

    def files(self) -> dict[str, bytes]:
        build(self.site, Overrides(), self.cache)
        return contents(self.site / "_site")


def contents(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def from_scratch(site: Path) -> dict[str, bytes]:
    """The same site built in another folder with no cache at all."""
    copy = site.with_name(site.name + "-scratch")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
    return contents(build(copy, Overrides(), BuildCache()).corpus.content.config.output)


def templated(files: dict[str, bytes]) -> int:
    return sum(1 for path in files if path.endswith(".html"))


def test_an_article_edit_renders_only_the_pages_that_show_it(make_site) -> None:
    site = _site(make_site)
    memo = Memoized(site)
    first = memo.files()
    assert memo.memo.rendered == templated(first)
    (site / SECOND).write_text(SECOND_TEXT.format(extra="Kiev attend les livraisons."))
    again = memo.files()
    assert 0 < memo.memo.rendered < templated(again)
    assert again == from_scratch(site)
    changed = {path for path in again if again[path] != first.get(path)}
    assert "articles/otan-ukraine/index.html" in changed
    assert "articles/fidan-blinken/index.html" not in changed


def test_nothing_changed_renders_nothing(make_site) -> None:
    memo = Memoized(_site(make_site))
    first = memo.files()
    assert memo.files() == first
    assert memo.memo.rendered == 0


def test_a_new_title_reaches_every_page_that_lists_the_article(make_site) -> None:
    site = _site(make_site)
    memo = Memoized(site)
    memo.files()
    text = SECOND_TEXT.format(extra="").replace("promet des munitions", "promet des obus")
    (site / SECOND).write_text(text)
    files = memo.files()
    assert files == from_scratch(site)
    assert b"promet des obus" in files["timeline/index.html"]
    assert b"promet des obus" in files["dossiers/nato/index.html"]


def test_a_template_or_settings_change_renders_everything(make_site) -> None:
    site = _site(make_site)
    memo = Memoized(site)
    memo.files()
    (site / "templates").mkdir()
    (site / "templates/footer.html").write_text("<footer>Rédaction</footer>\n")
    files = memo.files()
    assert memo.memo.rendered == templated(files) and files == from_scratch(site)
    yaml = (site / "site.yaml").read_text()
    (site / "site.yaml").write_text(yaml.replace("Dossiers de test", "Nouveaux dossiers"))
    files = memo.files()
    assert memo.memo.rendered == templated(files) and files == from_scratch(site)


def test_a_template_error_names_the_template_and_the_next_build_recovers(make_site) -> None:
    site = _site(make_site, **{"templates/footer.html": "<footer>Rédaction</footer>\n"})
    memo = Memoized(site)
    memo.files()
    (site / "templates/footer.html").write_text("<footer>\n{{ nowhere.to_be_found }}\n</footer>\n")
    with pytest.raises(ContentError) as raised:
        memo.files()
    (problem,) = raised.value.diagnostics
    assert (problem.path, problem.line) == ("templates/footer.html", 2)
    (site / "templates/footer.html").write_text("<footer>Rédaction réparée</footer>\n")
    assert memo.files() == from_scratch(site)


def test_a_dossier_s_data_is_made_again_only_when_what_it_holds_changes(make_site) -> None:
    site = _site(make_site)
    cache = BuildCache()
    build(site, Overrides(), cache)
    (site / SECOND).write_text(SECOND_TEXT.format(extra="Kiev attend les livraisons."))
    result = build(site, Overrides(), cache)
    assert "dossiers/gaza/index.json" in result.output.kept  # the edit is not about Gaza
    assert "dossiers/ukraine/index.json" in result.output.staged  # it is about Ukraine
    assert "dossiers/ukraine/index.json" in result.changed
    data = (site / "_site/dossiers/ukraine/index.json").read_bytes()
    assert b"Kiev attend les livraisons." in data
    assert contents(site / "_site") == from_scratch(site)


def _fresh_build(site: Path) -> tuple[dict[str, bytes], int]:
    """A build as `briefings build` runs it: a new process reading the memo from the disk."""
    cache = BuildCache.on_disk(site)
    build(site, Overrides(), cache)
    return contents(site / "_site"), cache.pages.rendered


STORE = f".briefings-cache/{rerender.NAME}"


def _batches(store: Path) -> list[tuple]:
    """The memo's batches on disk, `(reads, records, gone)` each, after its header; each
    batch's seal checked (this machine's)."""
    read = seal.read_records(store, purpose=rerender.PURPOSE)
    assert read is not None and read[1]
    assert None not in read[0]
    return [marshal.loads(batch) for batch in read[0][1:]]


def _records(store: Path) -> list[tuple]:
    """Every record of the memo on disk, in order (a page gone: its path alone); each batch
    lists the reads its records name."""
    records: list[tuple] = []
    for reads, made, gone in _batches(store):
        records += [(path,) for path in gone]
        records += made
        assert {read for row in made for read in row[3]} <= set(reads)
    return records


def test_the_memo_on_disk_grows_by_the_pages_rendered_and_is_read_back(make_site) -> None:
    site = _site(make_site)
    store = site / STORE
    _fresh_build(site)
    written = store.read_bytes()
    [(_, every, _)] = _batches(store)  # a build's records in one batch
    (site / SECOND).write_text(SECOND_TEXT.format(extra="Kiev attend les livraisons."))
    again, rendered = _fresh_build(site)
    assert 0 < rendered < templated(again)
    # Appended to, not written anew: a batch with a record per page made again (the dossiers'
    # data too).
    assert store.read_bytes().startswith(written)
    [_, (_, made, gone)] = _batches(store)
    assert rendered <= len(made) < len(every) / 2 and not gone
    assert _fresh_build(site) == (again, 0)  # the appended records were read back
    (site / SECOND).unlink()
    gone, _ = _fresh_build(site)
    assert gone == from_scratch(site)
    rows = _records(store)
    last = [row for row in rows if row[0] == "articles/otan-ukraine/index.html"][-1:]
    assert last in ([], [("articles/otan-ukraine/index.html",)])  # rewritten, or marked gone
    assert _fresh_build(site) == (gone, 0)


def test_a_memo_line_cut_short_by_a_kill_costs_a_render_not_a_stale_page(make_site) -> None:
    site = _site(make_site)
    _fresh_build(site)
    (site / SECOND).write_text(SECOND_TEXT.format(extra="Kiev attend les livraisons."))
    _fresh_build(site)
    store = site / STORE
    store.write_bytes(store.read_bytes()[:-40])
    (site / SECOND).write_text(SECOND_TEXT.format(extra="Kiev remercie les alliés."))
    files, _ = _fresh_build(site)
    assert files == from_scratch(site)
    assert _fresh_build(site)[1] == 0


def test_contexts_digested_where_pages_render_are_those_digested_to_compare(
    make_site, monkeypatch
) -> None:
    # A cold build digests each page's context in the process that renders it; the next build
    # digests them all in this process, before rendering, to compare: they must agree.
    from briefings.incremental import forkpool, rerender

    if not forkpool.workers():
        pytest.skip("one core, or no fork: there is no pool")
    records = []
    for threshold in (2, 10**9):  # rendered in workers, then in this process
        monkeypatch.setattr(rerender, "POOL_THRESHOLD", threshold)
        site = _site(make_site)
        shutil.rmtree(site / ".briefings-cache", ignore_errors=True)
        _fresh_build(site)
        rows = _records(site / STORE)
        records.append(sorted((row[0], row[2]) for row in rows))
        monkeypatch.setattr(rerender, "POOL_THRESHOLD", 10**9)
        assert _fresh_build(site)[1] == 0  # every page reused: the digests matched
    assert records[0] == records[1] and len(records[0]) > 10
    assert all(digest for _, digest in records[0])


def test_pages_rendered_by_workers_are_staged_by_them_as_rendered_in_memory(
    make_site, monkeypatch
) -> None:
    from briefings.build import assemble
    from briefings.incremental import forkpool, rerender

    if not forkpool.workers():
        pytest.skip("one core, or no fork: there is no pool")
    monkeypatch.setattr(rerender, "POOL_THRESHOLD", 2)  # every build renders in workers
    site = _site(make_site)
    _, in_memory, _ = assemble(site, Overrides())  # no cache: the pages' bytes, in memory
    made = (".html", ".json")
    pages = {p for p in in_memory.files if p.endswith(made) and not p.startswith("pagefind/")}
    assert len(pages) > 10
    cache = BuildCache()
    result = build(site, Overrides(), cache)
    # The workers wrote the pages into the staging folder: none came back as bytes.
    assert not pages & result.output.files.keys()
    assert pages <= result.output.staged
    written = contents(site / "_site")
    assert {p: written[p] for p in pages} == {p: in_memory.files[p] for p in pages}
    # The settings changed and changed back, every page is rendered again: those whose bytes
    # are what the output holds (the dossiers' JSON, which shows no setting) are kept, not staged.
    yaml = (site / "site.yaml").read_text()
    (site / "site.yaml").write_text(yaml.replace("Dossiers de test", "Nouveaux dossiers"))
    build(site, Overrides(), cache)
    (site / "site.yaml").write_text(yaml)
    result = build(site, Overrides(), cache)
    assert cache.pages.rendered == len([p for p in pages if p.endswith(".html")])
    unchanged = pages - result.output.staged
    assert unchanged and unchanged <= result.output.kept
    assert contents(site / "_site") == written


LAVROV = "content/articles/2024/2024-03-12-lavrov-gaza.md"
LAVROV_TEXT = """\
---
title: Lavrov s'alarme de la situation à Gaza
date: 2024-03-12
source: aa
people: [lavrov]
---
Le ministre russe Sergueï Lavrov s'est exprimé sur Gaza.

« La situation humanitaire à Gaza est catastrophique », a déclaré Lavrov.
"""
MINIMAL_PEOPLE = textwrap.dedent(MINIMAL_SITE["content/people.yaml"])
LAVROV_PERSON = """\
lavrov:
  name: Sergueï Lavrov
  role: Ministre russe des Affaires étrangères
  aliases: [Lavrov]
"""


def test_an_article_added_after_a_failed_build_renders_like_a_clean_build(make_site) -> None:
    # Issue 17: in `serve`, an unknown person, then the person added: every save then failed with
    # "<theme>/dossier.html:1:1: cannot render dossiers/gaza/index.html". The macros imported by
    # the dossier kept the first build's `articles`, where the new quote's article was missing.
    site = _site(make_site)
    memo = Memoized(site)
    memo.files()
    (site / LAVROV).write_text(LAVROV_TEXT, encoding="utf-8")
    with pytest.raises(ContentError) as failed:
        memo.files()
    assert [d.message for d in failed.value.diagnostics] == ["unknown person 'lavrov'"]
    people = site / "content/people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + LAVROV_PERSON, encoding="utf-8")
    assert memo.files() == from_scratch(site)
    (site / LAVROV).write_text(LAVROV_TEXT + "\nUn second paragraphe sur Gaza.\n")
    assert memo.files() == from_scratch(site)


def test_quote_cards_show_an_edited_title_in_the_same_process(make_site) -> None:
    # The same stale macros, silently: an edited title kept its old text on the dossier's cards.
    people = MINIMAL_PEOPLE + LAVROV_PERSON
    site = _site(make_site, **{LAVROV: LAVROV_TEXT, "content/people.yaml": people})
    memo = Memoized(site)
    memo.files()
    (site / LAVROV).write_text(LAVROV_TEXT.replace("s'alarme de", "alerte sur"), encoding="utf-8")
    files = memo.files()
    assert "Lavrov alerte sur la situation" in files["dossiers/gaza/index.html"].decode()
    assert files == from_scratch(site)


def _rendered(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The pages each build renders (or makes), by path."""
    builds: list[set[str]] = []
    real = rerender._render_all

    def recording(pages, *args, **kwargs):  # type: ignore[no-untyped-def]
        builds.append({page.path for page in pages})
        return real(pages, *args, **kwargs)

    monkeypatch.setattr(rerender, "_render_all", recording)
    return builds


def test_a_body_edit_leaves_the_pages_that_only_list_the_article_as_they_were(
    make_site, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(make_site)
    memo = Memoized(site)
    first = memo.files()
    rendered = _rendered(monkeypatch)
    (site / SECOND).write_text(SECOND_TEXT.format(extra="Kiev attend les livraisons."))
    again = memo.files()
    [made] = rendered
    assert "articles/otan-ukraine/index.html" in made
    assert b"Kiev attend les livraisons." in again["articles/otan-ukraine/index.html"]
    # They show its title, date and publisher, which the theme takes from the front matter.
    assert b"L&#39;OTAN promet des munitions" in first["sources/index.html"]
    assert not {"sources/index.html", "timeline/index.html"} & made
    assert again == from_scratch(site)


def test_a_sites_own_template_showing_an_articles_body_is_made_again(
    make_site, monkeypatch: pytest.MonkeyPatch
) -> None:
    shows_body = (
        "{% for key, source, listed in publisher_list %}{% for a in listed %}"
        "<pre>{{ a.body }}</pre>{% endfor %}{% endfor %}\n"
    )
    site = _site(make_site, **{"templates/sources.html": shows_body})
    memo = Memoized(site)
    memo.files()
    rendered = _rendered(monkeypatch)
    (site / SECOND).write_text(SECOND_TEXT.format(extra="Kiev attend les livraisons."))
    again = memo.files()
    [made] = rendered
    assert "sources/index.html" in made
    assert b"Kiev attend les livraisons." in again["sources/index.html"]
    assert again == from_scratch(site)


def test_the_themes_templates_never_show_what_an_articles_body_is_made_of() -> None:
    # What the memo relies on to leave an article's digest and body out of the pages' digests
    # (`Fingerprints(bodies=False)`): its text reaches a page through its analysis alone.
    theme = Path(rerender.__file__).resolve().parent.parent / "theme" / "templates"
    read = re.compile(r"\.(body|body_line|digest)\b|\[\s*['\"](body|body_line|digest)['\"]\s*\]")
    found = {
        path.name: read.findall(path.read_text(encoding="utf-8"))
        for path in theme.rglob("*")
        if path.is_file()
    }
    assert len(found) > 10
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_a_page_under_a_folder_turned_into_a_link_is_written_again(make_site, tmp_path) -> None:
    # The output's `sources/` moved elsewhere (same files, same inodes) and linked back: the
    # writer removes the link (a link in the output is not ours), so the pages that were under
    # it must be written again, not kept as the stats seen through the link vouched for.
    site = _site(make_site)
    _fresh_build(site)
    output = site / "_site"
    elsewhere = tmp_path / "elsewhere"
    shutil.move(output / "sources", elsewhere)
    (output / "sources").symlink_to(elsewhere, target_is_directory=True)
    moved = contents(elsewhere)
    (site / SECOND).write_text(SECOND_TEXT.format(extra="Kiev attend les livraisons."))
    files, _ = _fresh_build(site)
    assert not (output / "sources").is_symlink()
    assert "sources/index.html" in files
    assert files == from_scratch(site)
    assert contents(elsewhere) == moved  # nothing written through the link


def test_an_articles_folder_turned_into_a_link_has_its_page_written_again(
    make_site, tmp_path
) -> None:
    # As above, one level down, for a page the edit leaves as it was: the memo answers for the
    # articles' folders from one listing of `articles/`, which must tell a link to a folder
    # from a folder.
    site = _site(make_site)
    _fresh_build(site)
    output = site / "_site"
    folder = output / "articles" / "fidan-blinken"
    elsewhere = tmp_path / "elsewhere"
    shutil.move(folder, elsewhere)
    folder.symlink_to(elsewhere, target_is_directory=True)
    moved = contents(elsewhere)
    (site / SECOND).write_text(SECOND_TEXT.format(extra="Kiev attend les livraisons."))
    files, _ = _fresh_build(site)
    assert not folder.is_symlink()
    assert "articles/fidan-blinken/index.html" in files
    assert files == from_scratch(site)
    assert contents(elsewhere) == moved  # nothing written through the link


def test_the_pages_of_a_batch_not_made_here_are_made_again(make_site) -> None:
    # Each build appends one batch of records to the memo. One that does not verify (changed by
    # someone else) is not read: the pages it recorded are made again, not kept by the older
    # records of the batch before (their files were written since), and the store is written
    # anew, in one batch.
    site = _site(make_site)
    store = site / STORE
    _fresh_build(site)
    for extra in ("Kiev attend les livraisons.", "Kiev remercie les alliés."):
        (site / SECOND).write_text(SECOND_TEXT.format(extra=extra))
        _fresh_build(site)
    assert len(_batches(store)) == 3  # the first build's, one per edit
    data = bytearray(store.read_bytes())
    data[-20] ^= 1  # in the last batch
    store.write_bytes(bytes(data))
    files, rendered = _fresh_build(site)
    assert rendered > 0
    assert files == from_scratch(site)
    assert len(_batches(store)) == 1  # written anew
    assert _fresh_build(site) == (files, 0)


TOLL = "content/articles/2024/2024-03-12-gaza-deplaces.md"
TOLL_TEXT = """\
---
title: Gaza, les déplacés toujours plus nombreux
date: 2024-03-12
source: aa
---
Plus de 1 200 000 personnes ont été déplacées dans la bande de Gaza, selon l'ONU.
"""


def test_a_figures_value_edited_reaches_the_dossier_in_the_same_process(make_site) -> None:
    # The values stand for what they are (`_known_analyses`): an edited value reaches the
    # dossier, as in a clean build.
    site = _site(make_site, **{"content/topics/gaza.md": GAZA_FIGURES, TOLL: TOLL_TEXT})
    memo = Memoized(site)
    assert "1,2\u00a0million" in memo.files()["dossiers/gaza/index.html"].decode()
    (site / TOLL).write_text(TOLL_TEXT.replace("1 200 000", "1 700 000"), encoding="utf-8")
    files = memo.files()
    assert "1,7\u00a0million" in files["dossiers/gaza/index.html"].decode()
    assert files == from_scratch(site)


# ---------------------------------------------------------------- key figures kept (issue 18)

NEWER = "content/articles/2024/2024-03-20-gaza-caire.md"
NEWER_TEXT = """\
---
title: Gaza, les négociateurs de retour au Caire
date: 2024-03-20
source: aa
---
Les négociateurs se retrouvent au Caire pour parler de Gaza.
"""


def _one_per_page(make_site) -> Path:
    """Gaza's displaced people tracked, one article a dossier page: page 1 shows the newest
    article, the value is read in the next one (TOLL, in Ukraine's dossier too), whose excerpt
    page 1 does not show."""
    config = MINIMAL_SITE["site.yaml"].replace("base_url:", "paginate: 1\n        base_url:")
    return _site(
        make_site,
        **{
            "site.yaml": config,
            "content/topics/gaza.md": GAZA_FIGURES,
            TOLL: TOLL_TEXT + "\nKiev s'inquiète pour ses ports de la mer Noire.\n",
            NEWER: NEWER_TEXT,
        },
    )


def _edit_toll(site: Path, old: str, new: str) -> None:
    text = (site / TOLL).read_text(encoding="utf-8")
    assert old in text
    (site / TOLL).write_text(text.replace(old, new, 1), encoding="utf-8")


FIRST = "dossiers/gaza/index.html"
SENTENCE = "Plus de 1 200 000 personnes ont été déplacées dans la bande de Gaza, selon l'ONU."


@pytest.mark.parametrize("rebuild", ["build", "serve"])
@pytest.mark.parametrize(
    "added",
    [
        "\nLa mer Noire reste calme, selon les garde-côtes.\n",  # routed to Ukraine (run.py's)
        "\nLe temps était clair ce jour-là.\n",  # routed to no dossier
        " Les familles cherchent un abri.",  # in the value's own paragraph
    ],
)
def test_an_edit_leaving_an_articles_values_leaves_the_key_figures_page_unrendered(
    make_site, monkeypatch: pytest.MonkeyPatch, rebuild: str, added: str
) -> None:
    # The values stand for what they are, not for their article's text: the first page, which
    # shows thousands of them on a large site, is kept, its figures never made.
    site = _one_per_page(make_site)
    memo = Memoized(site)
    first = memo.files() if rebuild == "serve" else _fresh_build(site)[0]
    assert "1,2\u00a0million" in first[FIRST].decode()
    rendered = _rendered(monkeypatch)
    made_figures = _figures_made(monkeypatch)
    _edit_toll(site, SENTENCE, SENTENCE + added)
    files = memo.files() if rebuild == "serve" else _fresh_build(site)[0]
    [made] = rendered
    assert "articles/gaza-deplaces/index.html" in made
    assert FIRST not in made and "gaza" not in made_figures
    assert files[FIRST] == first[FIRST]
    assert files == from_scratch(site)


def _figures_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The dossiers whose key figures are made, one entry each time."""
    made: list[str] = []
    real = pages.key_figures

    def recording(dossier, *args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(dossier.topic.id)
        return real(dossier, *args, **kwargs)

    monkeypatch.setattr(pages, "key_figures", recording)
    return made


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        ("1 200 000", "1 700 000", "1,7\u00a0million"),  # a value changed
        (
            SENTENCE,
            SENTENCE + " Près de 1 400 000 personnes ont été déplacées.",
            "1,4\u00a0million",
        ),
        ("Plus de 1 200 000", "Des centaines de milliers de", None),  # the only value removed
        ("date: 2024-03-12", "date: 2024-03-14", 'datetime="2024-03-14"'),  # its date
        ("selon l'ONU", "selon l'UNRWA", "UNRWA"),  # its provenance
        ("title: Gaza, les déplacés", "title: Gaza, des déplacés", "Gaza, des déplacés"),
    ],
)
def test_an_edit_to_what_the_key_figures_show_renders_the_page_as_a_clean_build(
    make_site, monkeypatch: pytest.MonkeyPatch, old: str, new: str, shown: str | None
) -> None:
    site = _one_per_page(make_site)
    first = _fresh_build(site)[0]
    rendered = _rendered(monkeypatch)
    _edit_toll(site, old, new)
    files = _fresh_build(site)[0]
    [made] = rendered
    assert FIRST in made and files[FIRST] != first[FIRST]
    page = files[FIRST].decode()
    if shown is None:
        assert 'class="key-figures"' not in page
    else:
        assert shown in page
    assert files == from_scratch(site)


def test_every_field_of_a_figure_value_changes_its_token() -> None:
    # A field the token left out would keep a dossier's first page that shows a changed value.
    value = FigureValue(
        "gaza", "deplaces", 1_200_000.0, "personnes", "plus de", "plus de 1 200 000",
        Speaker("l'ONU", "onu"), dt.date(2024, 3, 12), 1,
    )  # fmt: skip
    others = {
        "topic": "ukraine", "figure": "tues", "value": 1_200_001.0, "unit": "dollars",
        "qualifier": "près de", "written": "plus de 1,2 million", "date": dt.date(2024, 3, 13),
        "block": 2, "provenance": Speaker("l'ONU"),
    }  # fmt: skip
    assert set(others) == {f.name for f in dataclasses.fields(FigureValue)}
    token = rerender._values_token((value,))
    for name, other in others.items():
        assert rerender._values_token((replace(value, **{name: other}),)) != token, name
    renamed = replace(value, provenance=Speaker("l'UNRWA", "onu"))
    assert rerender._values_token((renamed,)) != token
    # 2 and 2.0 are written apart on the page (`2` against `2,0`): so are they here.
    assert rerender._values_token((replace(value, value=2),)) != rerender._values_token(
        (replace(value, value=2.0),)
    )
