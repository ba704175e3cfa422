"""A dossier's data made again after an edit takes its unchanged articles' excerpts from the
file the last build wrote (`incremental.dossiermemo`): the output must be the clean build's,
byte for byte, whatever the edit changed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from briefings.incremental import dossiermemo

from .conftest import manifest, run

ARTICLES = "content/articles/2024"

SITE = {
    "content/sources.yaml": """\
        aa:
          name: Agence Anadolu
          url: https://www.aa.com.tr/fr
        trt:
          name: TRT Français
          url: https://www.trtfrancais.com
        """,
    f"{ARTICLES}/2024-03-01-kiev-ankara.md": """\
        ---
        title: Kiev et Ankara parlent de la mer Noire
        date: 2024-03-01
        source: aa
        url: https://www.aa.com.tr/fr/monde/kiev-ankara/1
        ---
        « Nous voulons que la mer Noire reste ouverte au commerce », a déclaré Hakan Fidan à Ankara.

        Les deux délégations ont aussi évoqué l'Alliance atlantique et la situation à Odessa.

        Kiev a demandé de nouvelles livraisons à l'OTAN avant l'hiver.
        """,
    f"{ARTICLES}/2024-03-03-gaza-treve.md": """\
        ---
        title: "Gaza : appel à la trêve"
        date: 2024-03-03
        source: aa
        url: https://www.aa.com.tr/fr/monde/gaza-treve/3
        ---
        « La trêve doit tenir à Gaza », a déclaré Antony Blinken devant la presse.

        Le Hamas a transmis sa réponse aux médiateurs, selon une source proche du dossier.

        L'Alliance atlantique suit la situation, a indiqué un diplomate.
        """,
    f"{ARTICLES}/2024-03-05-otan-munitions.md": """\
        ---
        title: L'OTAN promet des munitions à Kiev
        date: 2024-03-05
        source: aa
        url: https://www.aa.com.tr/fr/monde/otan-munitions/5
        ---
        Les alliés de l'OTAN ont promis de nouvelles munitions à l'Ukraine.

        « Nous ne laisserons pas l'Ukraine seule », a affirmé le secrétaire Blinken.
        """,
    f"{ARTICLES}/2024-03-07-rafah.md": """\
        ---
        title: L'aide attendue à Rafah
        date: 2024-03-07
        source: trt
        url: https://www.aa.com.tr/fr/monde/rafah/7
        ---
        Les camions d'aide attendent toujours à Rafah, à la frontière de Gaza.

        Hakan Fidan a appelé Israël à ouvrir les points de passage.
        """,
}


def _replace(site: Path, name: str, old: str, new: str) -> None:
    path = site / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _edit_text(site: Path) -> None:
    _replace(site, f"{ARTICLES}/2024-03-05-otan-munitions.md", "nouvelles munitions", "obus")


def _edit_topics(site: Path) -> None:
    # Its paragraphs routed to Gaza instead of the Ukraine and NATO.
    _replace(
        site,
        f"{ARTICLES}/2024-03-05-otan-munitions.md",
        "Les alliés de l'OTAN ont promis de nouvelles munitions à l'Ukraine.",
        "Les alliés ont promis de nouvelles livraisons pour Gaza.",
    )


def _edit_speaker(site: Path) -> None:
    _replace(site, f"{ARTICLES}/2024-03-03-gaza-treve.md", "Antony Blinken", "Hakan Fidan")


def _edit_date(site: Path) -> None:
    _replace(site, f"{ARTICLES}/2024-03-01-kiev-ankara.md", "date: 2024-03-01", "date: 2024-03-09")


def _edit_title(site: Path) -> None:
    _replace(site, f"{ARTICLES}/2024-03-07-rafah.md", "L'aide attendue", "L'aide bloquée")


def _delete_article(site: Path) -> None:
    (site / f"{ARTICLES}/2024-03-03-gaza-treve.md").unlink()


def _add_article(site: Path) -> None:
    (site / f"{ARTICLES}/2024-03-04-kiev-hiver.md").write_text(
        "---\ntitle: Kiev se prépare à l'hiver\ndate: 2024-03-04\nsource: aa\n---\n"
        "Kiev a demandé à l'OTAN des défenses aériennes avant l'hiver, selon Fidan.\n",
        encoding="utf-8",
    )


def _rename_publisher(site: Path) -> None:
    # No article file changes: the publisher's name in their excerpts does.
    _replace(site, "content/sources.yaml", "TRT Français", "TRT en français")


def _move_site(site: Path) -> None:
    _replace(site, "site.yaml", "https://user.github.io/repo/", "https://dossiers.example.org/")


EDITS: list[Callable[[Path], None]] = [
    _edit_text,
    _edit_topics,
    _edit_speaker,
    _edit_date,
    _edit_title,
    _delete_article,
    _add_article,
    _rename_publisher,
    _move_site,
]


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.__name__.strip("_"))
def test_a_dossiers_data_made_again_equals_a_clean_builds(
    make_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Callable[[Path], None]
) -> None:
    site = make_site(SITE)
    assert run("build", "--site", site) == 0
    assert (site / ".briefings-cache" / dossiermemo.NAME).is_file()
    taken: list[int] = []
    original = dossiermemo._Kept.__call__

    def counted(self: dossiermemo._Kept) -> object:
        found = original(self)
        taken.append(len(found))
        return found

    monkeypatch.setattr(dossiermemo._Kept, "__call__", counted)
    edit(site)
    assert run("build", "--site", site) == 0
    built = manifest(site / "_site")

    clean = tmp_path / "clean"
    shutil.copytree(site, clean, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
    assert run("build", "--site", clean) == 0
    assert manifest(clean / "_site") == built
    # The path under test was taken: a dossier's data made again from the last build's file,
    # with the excerpts of its unchanged articles (none when the site moved: every URL did).
    if edit is _move_site:
        assert not any(taken)
    else:
        assert any(taken)


def test_excerpts_are_taken_from_a_file_as_it_was_written(make_site) -> None:
    """The pieces a dossier's data is cut into are its excerpts' objects, article by article."""
    from briefings.stages.pages import excerpt_pieces

    site = make_site(SITE)
    assert run("build", "--site", site) == 0
    data = (site / "_site/dossiers/ukraine/index.json").read_bytes()
    excerpts = json.loads(data)["excerpts"]
    slugs = list(dict.fromkeys(e["article"] for e in excerpts))
    assert len(slugs) >= 2
    pieces = excerpt_pieces(data, slugs)
    for slug in slugs:
        mine = [e for e in excerpts if e["article"] == slug]
        assert json.loads(b"[" + pieces[slug] + b"]") == mine
    # A file laid out otherwise, or articles named in another order: nothing is taken.
    assert excerpt_pieces(data, list(reversed(slugs))) == {}
    assert excerpt_pieces(data.replace(b'"excerpts"', b'"extraits"'), slugs) == {}


def test_a_dossiers_data_changed_since_it_was_written_is_made_whole(make_site) -> None:
    site = make_site(SITE)
    assert run("build", "--site", site) == 0
    data = site / "_site/dossiers/ukraine/index.json"
    text = data.read_bytes()
    assert b"Ankara" in text
    data.write_bytes(text.replace(b"Ankara", b"Ankar!"))  # another file: other stats
    _edit_text(site)
    assert run("build", "--site", site) == 0
    assert b"Ankara" in data.read_bytes() and b"Ankar!" not in data.read_bytes()
