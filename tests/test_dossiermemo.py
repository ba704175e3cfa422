"""A dossier's data made again after an edit takes its unchanged articles' excerpts from the
file the last build wrote (`incremental.dossiermemo`): the output must be the clean build's,
byte for byte, whatever the edit changed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from briefings.incremental import dossiermemo

from .conftest import clean_manifest, manifest, run
from .sites import GAZA_FIGURES

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
        taken.append(len(found.excerpts))
        return found

    monkeypatch.setattr(dossiermemo._Kept, "__call__", counted)
    edit(site)
    assert run("build", "--site", site) == 0
    built = manifest(site / "_site")

    assert clean_manifest(site, tmp_path / "clean") == built
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


# ------------------------------------------- quotes and key figures taken as well (issue 18)

TOLL = f"{ARTICLES}/2024-03-06-gaza-deplaces.md"

FIGURES_SITE = {
    **SITE,
    "content/topics/gaza.md": GAZA_FIGURES,
    TOLL: """\
        ---
        title: Gaza, les déplacés toujours plus nombreux
        date: 2024-03-06
        source: trt
        ---
        Plus de 1 200 000 personnes ont été déplacées dans la bande de Gaza, selon l'ONU.

        « Il n'y a plus d'endroit sûr à Gaza », a affirmé Antony Blinken.
        """,
    f"{ARTICLES}/2024-03-02-gaza-abris.md": """\
        ---
        title: Gaza, les abris débordent
        date: 2024-03-02
        source: aa
        ---
        Près de 900 000 personnes ont été déplacées dans le sud de Gaza, selon l'ONU.

        « Les écoles sont pleines », a déclaré Hakan Fidan à propos de Gaza.
        """,
}


def _black_sea(site: Path) -> None:
    # run.py's edit: a paragraph that routes the article to the Ukraine's dossier as well; its
    # values and quotes stay as they were.
    with (site / TOLL).open("a", encoding="utf-8") as handle:
        handle.write("\nUn paragraphe ajouté sur la mer Noire, édition 1.\n")


def _edit_value(site: Path) -> None:
    _replace(site, TOLL, "1 200 000", "1 700 000")


def _edit_quote(site: Path) -> None:
    _replace(site, TOLL, "plus d'endroit sûr", "plus aucun endroit sûr")


def _rename_person(site: Path) -> None:
    _replace(site, "content/people.yaml", "name: Antony Blinken", "name: Tony Blinken")


def _relabel_figure(site: Path) -> None:
    _replace(site, "content/topics/gaza.md", "label: Personnes déplacées", "label: Déplacés")


def _drop_value(site: Path) -> None:
    _replace(site, f"{ARTICLES}/2024-03-02-gaza-abris.md", "Près de 900 000 personnes ont", "On a")


@pytest.mark.parametrize(
    "edit",
    [_black_sea, _edit_value, _edit_quote, _rename_person, _relabel_figure, _drop_value, *EDITS],
    ids=lambda edit: edit.__name__.strip("_"),
)
def test_a_dossiers_data_with_figures_made_again_equals_a_clean_builds(
    make_site, tmp_path: Path, edit: Callable[[Path], None]
) -> None:
    site = make_site(FIGURES_SITE)
    assert run("build", "--site", site) == 0
    edit(site)
    assert run("build", "--site", site) == 0
    built = manifest(site / "_site")
    assert clean_manifest(site, tmp_path / "clean") == built


def test_an_edit_leaving_the_values_takes_the_figures_and_quotes_from_the_last_file(
    make_site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The edit run.py times: Gaza's data is made again (its article now shares the Ukraine),
    # its values and its unchanged articles' quotes are taken as the last file has them.
    site = make_site(FIGURES_SITE)
    assert run("build", "--site", site) == 0
    before = json.loads((site / "_site/dossiers/gaza/index.json").read_bytes())
    assert [v["value"] for v in before["figures"][0]["values"]] == [900000, 1200000]
    taken: dict[str, object] = {}
    original = dossiermemo._Kept.__call__

    def seen(self: dossiermemo._Kept) -> object:
        found = original(self)
        taken[self._path.parent.name] = found
        return found

    monkeypatch.setattr(dossiermemo._Kept, "__call__", seen)
    _black_sea(site)
    assert run("build", "--site", site) == 0
    gaza = taken["gaza"]
    assert gaza.figures is not None  # type: ignore[attr-defined]
    assert json.loads(gaza.figures) == before["figures"]  # type: ignore[attr-defined]
    # The other articles' quotes are taken, the edited one's made again.
    assert sorted(gaza.quotes) == ["gaza-abris", "gaza-treve"]  # type: ignore[attr-defined]
    # A value changed: the figures' list is made again.
    taken.clear()
    _edit_value(site)
    assert run("build", "--site", site) == 0
    assert taken["gaza"].figures is None  # type: ignore[attr-defined]
    after = json.loads((site / "_site/dossiers/gaza/index.json").read_bytes())
    assert [v["value"] for v in after["figures"][0]["values"]] == [900000, 1700000]


def test_quotes_are_taken_from_a_file_as_it_was_written(make_site) -> None:
    """The pieces a dossier's data's quotes are cut into are their objects, article by article."""
    from briefings.stages.pages import figures_piece, quote_pieces

    site = make_site(FIGURES_SITE)
    assert run("build", "--site", site) == 0
    data = (site / "_site/dossiers/gaza/index.json").read_bytes()
    whole = json.loads(data)
    slugs = list(dict.fromkeys(q["article"] for q in whole["quotes"]))
    assert len(slugs) >= 2
    pieces = quote_pieces(data, slugs)
    for slug in slugs:
        mine = [q for q in whole["quotes"] if q["article"] == slug]
        assert json.loads(b"[" + pieces[slug] + b"]") == mine
    figures = figures_piece(data)
    assert figures is not None and json.loads(figures) == whole["figures"]
    # A file laid out otherwise, or articles named in another order: nothing is taken.
    assert quote_pieces(data, list(reversed(slugs))) == {}
    assert quote_pieces(data.replace(b'"quotes"', b'"citations"'), slugs) == {}
    assert figures_piece(data.replace(b'"figures"', b'"chiffres"')) is None
