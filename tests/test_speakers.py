"""People an article introduces by their role: the antecedents of pronouns (`speakers.py`).

Who says a quote is tested through `extract_quotes` in `test_quotes.py`; these are the spans
that `introduced_people` finds in one paragraph.
"""

from __future__ import annotations

import re
import time

import pytest

from briefings.text.matching import NameIndex
from briefings.text.speakers import introduced_people

NAMES = NameIndex.build({"fidan": ["Hakan Fidan", "Fidan"], "otan": ["OTAN"]})


def introduced(text: str) -> list[str]:
    return [text[start:end] for start, end in introduced_people(text, NAMES.find(text))]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Le chef de HTS, Abou Mohammed al-Joulani, s'est rendu à Damas.",
            ["Abou Mohammed al-Joulani"],
        ),
        ("Le Premier ministre Mohammed al-Jalali a démissionné.", ["Mohammed al-Jalali"]),
        ("Son homologue Ursula von der Leyen l'a reçu.", ["Ursula von der Leyen"]),
        ("Le porte-parole du ministère, Öncü Keçeli, a précisé.", ["Öncü Keçeli"]),
        (
            "Le porte-parole abou-Ali Hassan a précisé.",
            ["abou-Ali Hassan"],
        ),  # `Ali` makes it a name
        ("The Kremlin spokesman Dmitry Peskov said.", ["Dmitry Peskov"]),
        ("Le ministre s'est rendu à New York.", []),  # a place after `à`
        ("Le ministre Hakan Fidan a parlé.", []),  # people.yaml knows him
        ("Le ministre a vu Jean Dupont.", []),  # a verb between role and name
        ("Le ministre. Jean Dupont a parlé.", []),  # a sentence between them
        ("Jean Dupont a parlé au ministre.", []),  # no role before the name
        ("Le ministre İlham Əliyev a parlé.", ["İlham Əliyev"]),
    ],
)
def test_a_name_after_a_role_is_someone_introduced(text: str, names: list[str]) -> None:
    assert introduced(text) == names


def test_finding_introduced_people_takes_linear_time() -> None:
    # Every run of names tested against every alias of the paragraph was quadratic.
    # The best of three runs, and a bound halfway to quadratic: on a quiet machine ten times the
    # text takes 13 times as long (8 ms and 102 ms), but on a loaded one the best of three has
    # reached 26 times; quadratic work would take a hundred times.
    def elapsed(n: int) -> float:
        text = "le ministre Ab Cd de l'OTAN, " * n
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            assert len(introduced(text)) == n
            runs.append(time.perf_counter() - started)
        return min(runs)

    small, large = elapsed(1_000), elapsed(10_000)
    assert large < 2.0
    assert large < small * 50  # ten times the text: far from a hundred times the time


# ---------------------------------------------------------------- mentions


def test_a_role_beside_a_name_is_one_mention(make_site) -> None:
    """Issue 19, point 5: `le secrétaire d'État américain Antony Blinken` counted twice."""
    from .conftest import run

    people = """\
        fidan:
          name: Hakan Fidan
          aliases: [Fidan, Hakan Fidan, ministre turc des Affaires étrangères]
        blinken:
          name: Antony Blinken
          aliases: [Blinken, Antony Blinken, secrétaire d'État américain]
        """
    article = """\
        ---
        title: Entretien à Washington
        date: 2024-03-08
        source: aa
        url: https://www.aa.com.tr/fr/x/1
        ---
        Le ministre turc des Affaires étrangères, Hakan Fidan, s'est entretenu à Gaza avec le
        secrétaire d'État américain Antony Blinken.

        Fidan a ensuite vu Blinken, puis Fidan est reparti.
        """
    site = make_site(
        {"content/people.yaml": people, "content/articles/2024/2024-03-08-x.md": article}
    )
    assert run("build", "--site", site) == 0
    page = (site / "_site" / "articles" / "x" / "index.html").read_text(encoding="utf-8")
    counts = dict(re.findall(r">([^<>]+)</a> <span class=\"muted\">\((\d+)\u00a0mentions?\)", page))
    # Once in the first paragraph each, by role and name; then Fidan twice and Blinken once.
    assert counts == {"Hakan Fidan": "3", "Antony Blinken": "2"}
