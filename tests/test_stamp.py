"""A build of an unchanged site is skipped, and only then: any edit, option or touched output
makes the next build run."""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from briefings import build as building
from briefings.incremental import seal, stamp

from .conftest import manifest, run, settle

ARTICLE = "content/articles/2024/2024-03-08-fidan-blinken.md"
SKIPPED = "nothing changed since the last build"


def build(site: Path, capsys: pytest.CaptureFixture[str], *options: str) -> str:
    assert run("build", "--site", site, *options) == 0
    return capsys.readouterr().out


@pytest.fixture
def built(make_site, capsys) -> Path:
    site = make_site()
    build(site, capsys)
    settle(site)
    build(site, capsys)  # records the settled output
    return site


def test_an_unchanged_site_is_not_built_again(built: Path, capsys) -> None:
    before = manifest(built / "_site")
    assert SKIPPED in build(built, capsys)
    assert manifest(built / "_site") == before


def _edit_article(site: Path) -> None:
    path = site / ARTICLE
    path.write_text(path.read_text() + "\nUn paragraphe de plus sur l'OTAN.\n")


def _same_size_edit(site: Path) -> None:
    path = site / "site.yaml"
    path.write_text(path.read_text().replace("language: fr", "language: en"))
    settle(site)  # same size and an old date: only the inode or time can tell


def _new_template(site: Path) -> None:
    (site / "templates").mkdir()
    (site / "templates/footer.html").write_text("<footer>Pied</footer>\n")


def _deleted_page(site: Path) -> None:
    (site / "_site/articles/fidan-blinken/index.html").unlink()


def _touched_page(site: Path) -> None:
    (site / "_site/index.html").write_text("<p>replaced by hand</p>")


def _new_output_file(site: Path) -> None:
    (site / "_site/stray.html").write_text("<p>not ours</p>")


def _new_file_in_a_folder(site: Path) -> None:
    (site / "_site/articles/fidan-blinken/stray.html").write_text("<p>not ours</p>")


def _new_folder(site: Path) -> None:
    (site / "_site/articles/stray").mkdir()
    (site / "_site/articles/stray/index.html").write_text("<p>not ours</p>")


@pytest.mark.parametrize(
    "change",
    [
        _edit_article,
        _same_size_edit,
        _new_template,
        _deleted_page,
        _touched_page,
        _new_output_file,
        _new_file_in_a_folder,
        _new_folder,
    ],
)
def test_any_change_of_input_or_output_builds_again(
    built: Path, capsys, change: Callable[[Path], None]
) -> None:
    change(built)
    out = build(built, capsys)
    assert SKIPPED not in out and "built 1 article into" in out
    if change is _deleted_page:
        assert (built / "_site/articles/fidan-blinken/index.html").is_file()
    if change is _touched_page:
        assert "replaced by hand" not in (built / "_site/index.html").read_text()
    if change is _new_output_file:
        assert not (built / "_site/stray.html").exists()
    if change is _new_file_in_a_folder:
        assert not (built / "_site/articles/fidan-blinken/stray.html").exists()
    if change is _new_folder:
        assert not (built / "_site/articles/stray").exists()


def test_the_record_holds_every_file_and_folder_of_the_output(built: Path, capsys) -> None:
    # The output's files are looked up by name, not listed: the record must name them all.
    _edit_article(built)
    build(built, capsys)  # an incremental build: most pages kept as they were
    sealed = (built / ".briefings-cache/build.json").read_text(encoding="utf-8")
    record = json.loads(seal.open_line(sealed, purpose=stamp.PURPOSE) or "")
    output = built / "_site"
    present = {p.relative_to(output).as_posix() + "/" * p.is_dir() for p in output.rglob("*")}
    present.add(".")
    assert set(record["outputs"]) == present
    assert None not in record["outputs"].values()
    settle(built)
    build(built, capsys)
    assert SKIPPED in build(built, capsys)


def test_other_options_build_again(built: Path, capsys) -> None:
    assert SKIPPED not in build(built, capsys, "--base-url", "https://example.org/dossiers/")
    assert "https://example.org/dossiers/" in (built / "_site/index.html").read_text()
    assert SKIPPED not in build(built, capsys)
    assert "https://user.github.io/repo/" in (built / "_site/index.html").read_text()


def test_a_file_saved_just_now_is_compared_by_its_bytes(built: Path, capsys) -> None:
    path = built / "site.yaml"
    text = path.read_text()
    path.write_text(text)  # the same bytes, saved again
    assert SKIPPED not in build(built, capsys)  # its stats changed
    assert SKIPPED in build(built, capsys)  # too recent to trust its stats: same bytes
    # A second save within the file system's time resolution: same size, same time.
    before = path.stat()
    path.write_text(text.replace("language: fr", "language: en"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert SKIPPED not in build(built, capsys)
    assert 'lang="en"' in (built / "_site/index.html").read_text()


def test_a_failed_build_is_never_followed_by_a_skip(built: Path, capsys) -> None:
    path = built / ARTICLE
    good = path.read_text()
    path.write_text(good.replace("source: aa", "source: afp"))
    assert run("build", "--site", built) == 1
    path.write_text(good)
    settle(built)
    assert SKIPPED not in build(built, capsys)


def test_a_skipped_build_repeats_the_warnings(built: Path, capsys) -> None:
    (built / "drafts").mkdir()
    (built / "content/articles/linked").symlink_to(built / "drafts")  # a warning
    assert run("build", "--site", built) == 0
    warned = capsys.readouterr().err
    assert "this folder is a link" in warned
    settle(built)
    build(built, capsys)
    assert run("build", "--site", built) == 0
    out, err = capsys.readouterr()
    assert SKIPPED in out and err == warned


def _lstats_of_the_record(monkeypatch) -> tuple[list[str], object]:
    """The paths `stamp.record` looks up, as it looks them up; and the real `stamp.record`."""
    looked: list[str] = []
    record = stamp.record

    def counted(*args, **kwargs) -> None:
        lstat = os.lstat

        def counting(path, *rest, **named):
            looked.append(str(path))
            return lstat(path, *rest, **named)

        monkeypatch.setattr(os, "lstat", counting)
        try:
            record(*args, **kwargs)
        finally:
            monkeypatch.setattr(os, "lstat", lstat)

    monkeypatch.setattr(stamp, "record", counted)
    return looked, record


def test_an_edit_records_the_output_looking_up_only_what_it_wrote(
    built: Path, capsys, monkeypatch
) -> None:
    # The files the render memo kept and the folders the writer found unchanged are not looked
    # up again: their stats were just seen. The record must still be the output's as it is.
    looked, record = _lstats_of_the_record(monkeypatch)
    _edit_article(built)
    out = build(built, capsys)
    assert "built 1 article into" in out
    sealed = (built / ".briefings-cache/build.json").read_text(encoding="utf-8")
    outputs = json.loads(seal.open_line(sealed, purpose=stamp.PURPOSE) or "")["outputs"]
    output = built / "_site"
    again = {}
    for name in outputs:
        info = (output / name.rstrip("/")).lstat() if name != "." else output.lstat()
        again[name] = [info.st_size, info.st_mtime_ns, info.st_ino]
    assert outputs == again
    names = {Path(path).relative_to(output).as_posix() for path in looked}
    assert 0 < len(names) < len(outputs)
    assert "articles/fidan-blinken" in names  # written into: its time moved
    assert "people" not in names and "sources" not in names  # found as left, nothing written
    settle(built, recent_only=True)
    monkeypatch.setattr(stamp, "record", record)
    assert SKIPPED not in build(built, capsys)  # the settled files' new times
    assert SKIPPED in build(built, capsys)


def test_an_edit_records_the_search_index_without_looking_up_the_shards_it_kept(
    built: Path, capsys, monkeypatch
) -> None:
    # The search memo checked the kept shards' files a moment before: the record takes their
    # stats from it (4,400 files at 4,000 articles), and looks up only the index files written.
    output = built / "_site"
    index = sorted(p for p in (output / "pagefind").rglob("*") if p.is_file())
    before = {p: p.lstat() for p in index}
    looked, record = _lstats_of_the_record(monkeypatch)
    _edit_article(built)
    assert "built 1 article into" in build(built, capsys)
    sealed = (built / ".briefings-cache/build.json").read_text(encoding="utf-8")
    outputs = json.loads(seal.open_line(sealed, purpose=stamp.PURPOSE) or "")["outputs"]
    for name, stats in outputs.items():
        if name.startswith("pagefind/") and not name.endswith("/"):
            info = (output / name).lstat()
            assert stats == [info.st_size, info.st_mtime_ns, info.st_ino], name
    kept = {p for p, info in before.items() if p.exists() and p.lstat() == info}
    written = {p for p in index if p.exists()} - kept
    assert kept and written  # the edited article's shard and the lexicon's parts made again
    looked_up = {Path(path) for path in looked}
    # Only the list of shards is looked up again: the build writes it itself, the writer
    # comparing its bytes; it is no Pagefind index's file.
    again = {p.relative_to(output).as_posix() for p in kept & looked_up}
    assert len(kept) > 5 and again <= {"pagefind/shards.json"}
    monkeypatch.setattr(stamp, "record", record)
    settle(built, recent_only=True)
    assert SKIPPED not in build(built, capsys)  # the settled files' new times
    assert SKIPPED in build(built, capsys)


def test_no_cycle_collection_runs_from_the_build_to_its_record(
    make_site, capsys, monkeypatch
) -> None:
    # The build's objects are data, not garbage: a collection of the oldest generation walked
    # them all (1.2 s at 20,000 articles) once the record's stats had made enough new objects.
    # With the thresholds at their lowest, any collection allowed there would run.
    site = make_site()
    collected: list[int] = []
    steps: list[str] = []
    made, record = building.build, stamp.record

    def build_noted(*args, **kwargs):
        steps.append("build")
        return made(*args, **kwargs)

    def record_noted(*args, **kwargs) -> None:
        record(*args, **kwargs)
        steps.append("record")

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and steps == ["build"]:
            collected.append(info["generation"])

    monkeypatch.setattr(building, "build", build_noted)
    monkeypatch.setattr(stamp, "record", record_noted)
    thresholds = gc.get_threshold()
    gc.callbacks.append(seen)
    gc.set_threshold(1, 1, 1)
    try:
        out = build(site, capsys)
    finally:
        gc.set_threshold(*thresholds)
        gc.callbacks.remove(seen)
    assert out.startswith("built ")
    assert steps == ["build", "record"]
    assert collected == []
    assert gc.isenabled()
