"""Key figures end to end (issue 20): a site whose topic tracks figures is built, its dossier holds
the values read in its articles, oldest first, through the analysis cache too, and `briefings
check` warns of a value that falls or jumps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefings.build import BuildCache, build
from briefings.model import Speaker

from .conftest import run, settle, write_site

GAZA = """\
---
title: Gaza
summary: Guerre à Gaza
keywords: [Gaza, Hamas, Israël, israélien*]
order: 1
figures:
  - id: tues
    label: Personnes tuées dans la bande de Gaza
    unit: personnes
    phrases: [tués, morts, killed]
  - id: camions
    label: Camions d'aide entrés en une journée
    unit: camions
    phrases: [camions, trucks]
    grows: false
    jump: 4
---
Le dossier de Gaza.
"""
PEOPLE = """\
fidan:
  name: Hakan Fidan
  role: Ministre turc des Affaires étrangères
  aliases: [Fidan]
sante-gaza:
  name: Ministère de la Santé de Gaza
  kind: institution
  aliases: [ministère de la Santé du Hamas, Gaza health ministry]
onu:
  name: Nations unies
  kind: institution
  aliases: [ONU, UN]
"""
MARCH = "content/articles/2024/2024-03-08-bilan-gaza.md"
APRIL = "content/articles/2024/2024-04-04-aide-gaza.md"
MAY = "content/articles/2024/2024-05-24-gaza-toll.md"
ARTICLES = {
    MARCH: """\
        ---
        title: Le bilan s'alourdit à Gaza
        date: 2024-03-08
        source: aa
        ---
        Plus de 30 800 Palestiniens ont été tués dans la bande de Gaza depuis le 7 octobre,
        selon le ministère de la Santé du Hamas.

        Hakan Fidan a appelé à un cessez-le-feu immédiat.
        """,
    APRIL: """\
        ---
        title: L'aide entre au compte-gouttes à Gaza
        date: 2024-04-04
        source: aa
        ---
        Le chef de la diplomatie turque s'est entretenu avec ses homologues à Bruxelles.

        Au 2 avril, 33 000 personnes avaient été tuées dans la bande de Gaza, selon le ministère
        de la Santé du Hamas. Seuls 120 camions d'aide sont entrés mardi, a indiqué l'ONU.
        """,
    MAY: """\
        ---
        title: Gaza toll passes 35,000
        date: 2024-05-24
        source: aa
        lang: en
        ---
        Israel's offensive has killed at least 29,000 Palestinians in the Gaza Strip, according
        to the Gaza health ministry.

        Some 650 aid trucks entered Gaza on Thursday, the UN said.
        """,
}


def _site(make_site) -> Path:
    site = make_site({"content/topics/gaza.md": GAZA, "content/people.yaml": PEOPLE, **ARTICLES})
    settle(site)
    return site


def _values(site: Path, cache: BuildCache | None = None) -> list[tuple]:
    result = build(site, cache=cache)
    return [
        (
            f.article,
            f.value.figure,
            f.value.value,
            f.value.qualifier,
            f.value.provenance,
            f.value.date,
            f.value.block,
        )
        for f in result.corpus.dossiers["gaza"].figures
    ]


EXPECTED = [
    (
        "bilan-gaza",
        "tues",
        30800.0,
        "plus de",
        Speaker("Ministère de la Santé de Gaza", "sante-gaza"),
        dt.date(2024, 3, 8),
        1,
    ),
    (
        "aide-gaza",
        "tues",
        33000.0,
        "",
        Speaker("Ministère de la Santé de Gaza", "sante-gaza"),
        dt.date(2024, 4, 2),
        2,
    ),
    ("aide-gaza", "camions", 120.0, "", Speaker("Nations unies", "onu"), dt.date(2024, 4, 4), 2),
    (
        "gaza-toll",
        "tues",
        29000.0,
        "at least",
        Speaker("Ministère de la Santé de Gaza", "sante-gaza"),
        dt.date(2024, 5, 24),
        1,
    ),
    (
        "gaza-toll",
        "camions",
        650.0,
        "some",
        Speaker("Nations unies", "onu"),
        dt.date(2024, 5, 24),
        2,
    ),
]


def test_the_dossier_holds_its_figures_values_oldest_first(make_site) -> None:
    site = _site(make_site)
    assert _values(site) == EXPECTED
    # Each value is also in its article's analysis, in reading order.
    result = build(site)
    assert [v.figure for v in result.corpus.analyses["aide-gaza"].figures] == ["tues", "camions"]


def test_values_come_back_from_the_analysis_cache_unchanged(make_site) -> None:
    site = _site(make_site)
    assert _values(site) == EXPECTED  # written to .briefings-cache/
    cache = BuildCache.on_disk(site)
    assert _values(site, cache) == EXPECTED
    assert cache.analyses.hits == 4  # every analysis came from the disk (one is MINIMAL_SITE's)


def test_changing_a_topic_s_figures_reads_the_articles_again(make_site) -> None:
    site = _site(make_site)
    assert _values(site) == EXPECTED
    write_site(site, {"content/topics/gaza.md": GAZA.replace("[camions, trucks]", "[convois]")})
    settle(site, recent_only=True)
    cache = BuildCache.on_disk(site)
    assert [v[1] for v in _values(site, cache)] == ["tues", "tues", "tues"]
    assert cache.analyses.hits == 0


def test_a_figure_s_label_or_widen_reads_the_articles_again(make_site) -> None:
    # The label's words tell figures apart, `widen` gives the phrases their word families:
    # both are read in the copy, so a change to either is no cache hit.
    site = _site(make_site)
    assert _values(site) == EXPECTED
    for topic in (
        GAZA.replace(
            "phrases: [tués, morts, killed]", "phrases: [tués, morts, killed]\n    widen: false"
        ),
        GAZA.replace("label: Personnes tuées dans la bande de Gaza", "label: Tués à Gaza"),
    ):
        write_site(site, {"content/topics/gaza.md": topic})
        settle(site, recent_only=True)
        cache = BuildCache.on_disk(site)
        assert _values(site, cache) and cache.analyses.hits == 0


def test_check_warns_of_a_toll_that_falls_and_a_count_that_jumps(make_site, capsys) -> None:
    site = _site(make_site)
    assert run("check", "--site", site) == 0
    err = capsys.readouterr().err
    falls = (
        f"{MAY}:7:1: warning: figure 'gaza/tues' (Personnes tuées dans la bande de Gaza) falls: "
        f"33 000 (2024-04-02, {APRIL} #p-2) then at least 29,000 (2024-05-24, {MAY} #p-1), "
        "from the same source (Ministère de la Santé de Gaza)"
    )
    jumps = (
        f"{MAY}:10:1: warning: figure 'gaza/camions' (Camions d'aide entrés en une journée) jumps "
        f"more than 4 times: 120 (2024-04-04, {APRIL} #p-2) then Some 650 (2024-05-24, "
        f"{MAY} #p-2), from the same source (Nations unies)"
    )
    lines = err.splitlines()
    assert falls in lines, err
    assert jumps in lines, err
    assert "if the figure can go down, write 'grows: false' in 'tues'" in err
    # A rise within `jump` from the same source, and values of other sources, say nothing.
    assert err.count("warning: figure") == 2


def test_check_says_nothing_of_a_series_that_only_grows(make_site, capsys) -> None:
    site = _site(make_site)
    write_site(site, {MAY: ARTICLES[MAY].replace("29,000", "35,000").replace("650", "300")})
    assert run("check", "--site", site) == 0
    assert "warning: figure" not in capsys.readouterr().err


LOCAL = "content/articles/2024/2024-03-20-gaza-autorites.md"
LOCAL_ARTICLE = """\
    ---
    title: Nouveau bilan à Gaza
    date: 2024-03-20
    source: aa
    ---
    Au moins 31 900 personnes ont été tuées dans la bande de Gaza, selon les autorités
    sanitaires locales.

    Quelque 200 camions d'aide sont entrés dimanche, selon les Autorités sanitaires locales.
    """


def test_check_lists_the_sources_of_figures_people_yaml_does_not_know(make_site, capsys) -> None:
    site = _site(make_site)
    write_site(site, {LOCAL: LOCAL_ARTICLE})
    assert run("check", "--site", site) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    title = next(i for i, line in enumerate(lines) if line.startswith("Sources de chiffres clés"))
    assert "que people.yaml ne connaît pas (1)" in lines[title]
    # The same words in other capitals are one source; known sources are not listed.
    assert (
        lines[title + 1]
        == "  les autorités sanitaires locales (2\u00a0valeurs)\u00a0: gaza-autorites"
    )
    assert lines[title + 2].startswith("Ajoutez celles qui nomment une entrée")
    assert "0 error(s)" in out
    # Once an alias names them, their values join the entry's series and the listing is gone.
    write_site(
        site,
        {
            "content/people.yaml": PEOPLE.replace(
                "aliases: [ministère", "aliases: [autorités sanitaires locales, ministère"
            )
        },
    )
    assert run("check", "--site", site) == 0
    assert "Sources de chiffres clés" not in capsys.readouterr().out
    assert run("check", "--site", site, "--quiet") == 0


def test_check_lists_each_figures_values_with_the_words_they_were_read_from(
    make_site, capsys
) -> None:
    site = _site(make_site)
    assert run("check", "--site", site) == 0
    assert "chiffres clés lues" not in capsys.readouterr().out  # only when asked
    assert run("check", "--site", site, "--figures") == 0
    lines = capsys.readouterr().out.splitlines()
    title = next(i for i, line in enumerate(lines) if line.startswith("Valeurs des chiffres"))
    assert "lues dans les articles (5), à vérifier avant de publier" in lines[title]
    # Figure by figure, oldest first: the number as written with its unit, the source, the
    # file and line of its paragraph, then the paragraph's words around the number.
    assert lines[title + 1 :] == [
        "gaza/tues (Personnes tuées dans la bande de Gaza)\u00a0: 3\u00a0valeurs",
        f"  2024-03-08  Plus de 30 800 personnes · Ministère de la Santé de Gaza · {MARCH}:6",
        "      Plus de 30 800 Palestiniens ont été tués dans la bande de Gaza depuis le 7 "
        "octobre, selon le ministère de la Santé…",
        f"  2024-04-02  33 000 personnes · Ministère de la Santé de Gaza · {APRIL}:8",
        "      Au 2 avril, 33 000 personnes avaient été tuées dans la bande de Gaza, selon le "
        "ministère de la Santé du Hamas. Seuls…",
        f"  2024-05-24  at least 29,000 personnes · Ministère de la Santé de Gaza · {MAY}:7",
        "      Israel's offensive has killed at least 29,000 Palestinians in the Gaza Strip, "
        "according to the Gaza health ministry.",
        "gaza/camions (Camions d'aide entrés en une journée)\u00a0: 2\u00a0valeurs",
        f"  2024-04-04  120 camions · Nations unies · {APRIL}:8",
        "      …de Gaza, selon le ministère de la Santé du Hamas. Seuls 120 camions d'aide sont "
        "entrés mardi, a indiqué l'ONU.",
        f"  2024-05-24  Some 650 camions · Nations unies · {MAY}:10",
        "      Some 650 aid trucks entered Gaza on Thursday, the UN said.",
    ]
    # In English, with a value whose sentence names no source.
    english = (
        (site / "site.yaml").read_text(encoding="utf-8").replace("language: fr", "language: en")
    )
    toll = "Plus de 30 800 Palestiniens ont été tués dans la bande de Gaza depuis le 7 octobre."
    write_site(
        site,
        {
            "site.yaml": english,
            MARCH: ARTICLES[MARCH].replace(
                "Plus de 30 800 Palestiniens ont été tués dans la bande de Gaza depuis le 7 "
                "octobre,\n        selon le ministère de la Santé du Hamas.",
                toll,
            ),
        },
    )
    assert run("check", "--site", site, "--figures") == 0
    out = capsys.readouterr().out
    assert "Key figures' values read in the articles (5), to check before publishing" in out
    assert "gaza/tues (Personnes tuées dans la bande de Gaza): 3\u00a0values" in out
    assert f"  2024-03-08  Plus de 30 800 personnes · no source named · {MARCH}:6\n" in out
