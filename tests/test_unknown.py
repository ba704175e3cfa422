"""`briefings check` lists the speakers and actors people.yaml does not know (issue 16, point 3),
with a people.yaml snippet that the site's own loader reads back."""

from __future__ import annotations

import textwrap

import yaml

from briefings.stages.config import Overrides
from briefings.stages.content import load_site
from briefings.text.actors import Introduced, introduced_actors
from briefings.text.matching import NameIndex

from .conftest import MINIMAL_SITE, run, write_site

KNOWN = NameIndex.build({"fidan": ["Fidan", "Hakan Fidan"], "otan": ["OTAN"]})


def actors(text: str) -> list[Introduced]:
    return introduced_actors(text, KNOWN.find(text))


# ---------------------------------------------------------------- who counts, with which role


def test_a_role_then_a_name_is_an_actor_with_that_role_in_french() -> None:
    assert actors(
        "Le ministre syrien de l'Intérieur, Anas Khattab, a annoncé samedi l'arrestation de "
        "plusieurs suspects à Lattaquié."
    ) == [Introduced("Anas Khattab", "ministre syrien de l'Intérieur")]
    assert actors(
        "Hakan Fidan s'est entretenu avec le chef de la diplomatie israélienne Gideon Saar."
    ) == [Introduced("Gideon Saar", "chef de la diplomatie israélienne")]
    # A preposition, a verb or an article opens the role; `au` is `à le`.
    assert actors("Fidan a écrit au Premier ministre libanais Nawaf Salam.") == [
        Introduced("Nawaf Salam", "Premier ministre libanais")
    ]


def test_an_english_title_in_capitals_before_a_name_is_its_role() -> None:
    assert actors("Israeli Foreign Minister Gideon Saar told reporters the talks would go on.") == [
        Introduced("Gideon Saar", "Israeli Foreign Minister")
    ]
    assert actors("The talks were hosted by US Secretary of State Marco Rubio in Riyadh.") == [
        Introduced("Marco Rubio", "US Secretary of State")
    ]


def test_known_names_quotes_and_titles_alone_are_not_actors() -> None:
    # People.yaml knows him.
    assert (
        actors("Le ministre turc des Affaires étrangères Hakan Fidan est arrivé à Bruxelles.") == []
    )
    # Inside a quote, a name is the speaker's words.
    assert actors("« J'ai parlé au ministre libanais Nawaf Salam », a dit Fidan.") == []
    # Two titles joined by `and`: no name.
    assert actors("The Secretary and the Foreign Minister discussed Gaza.") == []
    # A name with no role before it.
    assert actors("Gideon Saar est arrivé mardi à Ankara.") == []


# ---------------------------------------------------------------- check's listing

PEOPLE = textwrap.dedent(MINIMAL_SITE["content/people.yaml"])

SAAR_1 = """\
    ---
    title: Fidan et Saar au téléphone
    date: 2025-02-03
    source: aa
    url: https://www.aa.com.tr/fr/monde/fidan-saar/1
    ---
    Le ministre turc des Affaires étrangères a reçu un appel du chef de la diplomatie israélienne,
    Gideon Saar, au sujet de Gaza.

    « Nous voulons que la trêve à Gaza tienne », a déclaré Gideon Saar selon un communiqué.

    « Les otages doivent tous rentrer chez eux », a ajouté Gideon Saar.
    """
SAAR_2 = """\
    ---
    title: Saar à Bruxelles
    date: 2025-02-10
    source: aa
    url: https://www.aa.com.tr/fr/monde/saar-bruxelles/2
    ---
    Gideon Saar a rencontré à Bruxelles des responsables de l'OTAN pour parler de Gaza.
    """
KHATTAB = """\
    ---
    title: Arrestations à Lattaquié
    date: 2025-03-08
    source: aa
    url: https://www.aa.com.tr/fr/monde/lattaquie/3
    ---
    Le ministre syrien de l'Intérieur, Anas Khattab, a annoncé l'arrestation de suspects, selon
    un texte publié après les violences, qui évoque aussi l'Ukraine et Gaza.
    """
FILES = {
    "content/articles/2025/2025-02-03-fidan-saar.md": SAAR_1,
    "content/articles/2025/2025-02-10-saar-bruxelles.md": SAAR_2,
    "content/articles/2025/2025-03-08-lattaquie.md": KHATTAB,
}


def listing(out: str, header: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    return lines[start:]


def test_check_lists_unknown_people_most_frequent_first_with_a_snippet(make_site, capsys) -> None:
    site = make_site(FILES)
    assert run("check", "--site", site) == 0
    out = capsys.readouterr().out
    lines = listing(out, "Acteurs nommés dans les articles que people.yaml ne connaît pas (2)")
    nbsp = "\u00a0"
    assert lines[1] == (
        f"  Gideon Saar (2{nbsp}citations, 4{nbsp}mentions){nbsp}: fidan-saar, saar-bruxelles"
    )
    assert lines[2] == f"  Anas Khattab (0{nbsp}citation, 1{nbsp}mention){nbsp}: lattaquie"
    # Mentions are the times the whole name is written outside quotes, attributions included.
    assert lines[3] == f"À vérifier puis coller dans content/people.yaml{nbsp}:"
    snippet = "\n".join(lines[4:]) + "\n"
    assert yaml.safe_load(snippet) == {
        "gideon-saar": {
            "name": "Gideon Saar",
            "role": "Chef de la diplomatie israélienne",
            "kind": "person",
            "aliases": ["Gideon Saar", "Saar"],
        },
        "anas-khattab": {
            "name": "Anas Khattab",
            "role": "Ministre syrien de l'Intérieur",
            "kind": "person",
            "aliases": ["Anas Khattab", "Khattab"],
        },
    }
    # Pasted as it is, the site's loader reads it, and check no longer lists them.
    write_site(site, {"content/people.yaml": PEOPLE + snippet})
    content, _ = load_site(site, Overrides())
    assert content.people["gideon-saar"].role == "Chef de la diplomatie israélienne"
    assert content.people["anas-khattab"].aliases == ("Anas Khattab", "Khattab")
    assert run("check", "--site", site) == 0
    assert "people.yaml ne connaît pas" not in capsys.readouterr().out


def test_the_listing_is_in_the_site_s_language_and_ids_are_free(make_site, capsys) -> None:
    english = MINIMAL_SITE["site.yaml"].replace("language: fr", "language: en")
    # An id already taken by people.yaml gets a number.
    taken = PEOPLE + "gideon-saar:\n  name: Gideon Sa'ar (homonyme)\n  aliases: [G. S.]\n"
    site = make_site({**FILES, "site.yaml": english, "content/people.yaml": taken})
    assert run("check", "--site", site) == 0
    out = capsys.readouterr().out
    lines = listing(out, "People named in the articles whom people.yaml does not know (2)")
    assert lines[1] == "  Gideon Saar (2\u00a0quotes, 4\u00a0mentions): fidan-saar, saar-bruxelles"
    assert lines[3] == "To check, then paste into content/people.yaml:"
    assert list(yaml.safe_load("\n".join(lines[4:]))) == ["gideon-saar-2", "anas-khattab"]


def test_the_listing_is_advice_that_quiet_hides(make_site, capsys) -> None:
    site = make_site(FILES)
    assert run("check", "--site", site) == 0
    out = capsys.readouterr().out
    assert "people.yaml ne connaît pas (2)" in out
    assert "0 error(s), 0 warning(s)" in out  # neither an error nor a warning
    assert run("check", "--site", site, "--quiet") == 0
    assert "people.yaml ne connaît pas" not in capsys.readouterr().out


def test_a_snippet_quotes_what_yaml_would_misread(make_site) -> None:
    from briefings.commands.unknown import Unknown, snippet

    odd = Unknown("no", "No", "Chef: adjoint #2", "person", 1, 0, ())
    text = snippet((odd,))
    assert yaml.safe_load(text) == {
        "no": {"name": "No", "role": "Chef: adjoint #2", "kind": "person", "aliases": ["No"]}
    }
    site = make_site({"content/people.yaml": PEOPLE + text})
    content, _ = load_site(site, Overrides())
    assert content.people["no"].name == "No"
    assert content.people["no"].role == "Chef: adjoint #2"
