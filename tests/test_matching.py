"""Keyword and name matching on French and English wire copy."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.text.matching import (
    Named,
    NameIndex,
    Scanner,
    TopicMatcher,
    compile_substrings,
    fold,
    written_as_acronym,
)

MATCHER = TopicMatcher.build(
    {
        "gaza": ["Gaza", "Israël", "israélien*", "solution à deux États", "israélo-palestinien"],
        "ukraine": ["Ukraine", "ukrain*", "Kiev", "mer Noire", "accord céréalier"],
        "caucasus": ["Azerbaïdjan", "Arménie", "Karabagh"],
    }
)


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("Le soutien à l'Ukraine face à l'offensive.", ("ukraine",)),
        ("l’agressivité croissante d’Israël", ("gaza",)),  # curly apostrophe elision
        ("L'armée israélienne a bombardé la bande.", ("gaza",)),  # stem
        ("les ports UKRAINIENS", ("ukraine",)),  # case
        ("une solution à deux\u00a0États viable", ("gaza",)),  # phrase across a non-breaking space
        ("une solution à deux\nétats", ("gaza",)),  # across a line break, accents folded
        ("Israel and Azerbaijan", ("gaza",)),  # Israel matches Israël; Azerbaijan is not a keyword
        ("le conflit israélo-palestinien", ("gaza",)),
        ("l'accord céréalier de la mer Noire", ("ukraine",)),
        ("Le Karabagh et l'Arménie", ("caucasus",)),
        ("Gazaoui", ()),  # whole words only
        (
            "Une Ukrainienne à Kievskaïa",
            ("ukraine",),
        ),  # stem matches, Kiev does not match Kievskaïa
        ("La Syrie et la Turquie", ()),
    ],
)
def test_topics(text, topics):
    assert MATCHER.topics(text) == topics


def test_fold_keeps_length_so_offsets_hold():
    text = "L’Œuvre « Türkiye » à Bakou ß"
    assert len(fold(text)) == len(text)
    assert fold("Ministère ÉTATS") == "ministere etats"


NAMES = NameIndex.build(
    {
        "mfa-turkey": [
            "Ministère turc des Affaires étrangères",
            "ministère turc des Affaires étrangères",
        ],
        "fidan": ["Hakan Fidan", "Fidan", "ministre Fidan"],
        "blinken": ["Antony Blinken", "Blinken", "secrétaire Blinken"],
    }
)


def test_longest_alias_wins_and_matches_do_not_overlap():
    text = "Le ministère turc des Affaires étrangères et le ministre Fidan ont reçu Antony Blinken."
    found = [(text[m.start : m.end], m.id) for m in NAMES.find(text)]
    assert found == [
        ("ministère turc des Affaires étrangères", "mfa-turkey"),
        ("ministre Fidan", "fidan"),
        ("Antony Blinken", "blinken"),
    ]


def test_resolve_prefers_the_longest_alias():
    assert NAMES.resolve("a déclaré le secrétaire Blinken") == "blinken"
    assert NAMES.resolve("précise le communiqué conjoint") is None
    assert NAMES.resolve("selon FIDAN") == "fidan"


def test_an_acronym_alias_matches_only_a_word_written_as_an_acronym():
    # Issue 16: `UN` in people.yaml found the article `un` (`un partenaire`, `d'un allié`) and
    # gave the quotes around it to the United Nations.
    index = NameIndex.build({"onu": ["UN", "ONU", "Nations unies"], "otan": ["OTAN"]})
    text = "Un diplomate a cité un partenaire de l'ONU, d'un allié de l'Otan et du UN, pas l'onu."
    found = [(text[m.start : m.end], m.id) for m in index.find(text)]
    assert found == [("ONU", "onu"), ("Otan", "otan"), ("UN", "onu")]
    # An alias also given in lower case is matched in any case, as before.
    assert [m.id for m in NameIndex.build({"onu": ["UN", "un"]}).find("un partenaire")] == ["onu"]


# ---------------------------------------------------------------- the patterns, as a trie


def _listed(terms: list[str]) -> re.Pattern[str]:
    """What the terms' pattern means: every term, longest first, as whole words of folded text."""
    alternatives = []
    for term in sorted({fold(t.strip()) for t in terms}, key=len, reverse=True):
        body = r"\s+".join(re.escape(word) for word in term.rstrip("*").split())
        alternatives.append(body + (r"[^\W_]*" if term.endswith("*") else ""))
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})(?![^\W_])")


# Short words over few letters, so that terms are often prefixes of one another and of the text.
_WORDS = st.text("abÉ-.", min_size=1, max_size=3).filter(lambda w: w.strip("-."))
_TERMS = st.lists(_WORDS, min_size=1, max_size=3).map(" ".join)
_TEXTS = st.lists(st.sampled_from(["a", "b", "é", "É", "-", ".", " ", "  ", "_", "1", "\n"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_TERMS, min_size=1, max_size=6), st.lists(_TEXTS.map("".join), max_size=5))
def test_names_are_the_longest_alias_at_each_place(aliases: list[str], texts: list[str]) -> None:
    index = NameIndex.build({f"p{i}": [alias] for i, alias in enumerate(aliases)})
    listed = _listed(aliases)
    for text in [*texts, " ".join(aliases), "".join(aliases)]:
        found = [(m.start, m.end, m.id) for m in index.find(text)]
        expected = [
            (m.start(), m.end(), index.ids.get(key))
            for m in listed.finditer(fold(text))
            # An alias in capitals (`ÉÉ`) matches only text written as an acronym.
            if (key := " ".join(m.group().split())) not in index.acronyms
            or written_as_acronym(text[m.start() : m.end()])
        ]
        assert found == [m for m in expected if m[2] is not None]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(_TERMS.map(lambda t: t + "*") | _TERMS, min_size=1, max_size=4),
        min_size=1,
        max_size=4,
    ),
    st.lists(_TEXTS.map("".join), max_size=5),
)
def test_topics_are_those_whose_keywords_the_text_holds(
    keywords: list[list[str]], texts: list[str]
) -> None:
    matcher = TopicMatcher.build({f"t{i}": words for i, words in enumerate(keywords)})
    for text in [*texts, " ".join(w for words in keywords for w in words)]:
        expected = tuple(
            f"t{i}" for i, words in enumerate(keywords) if _listed(words).search(fold(text))
        )
        assert matcher.topics(text) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_TERMS, min_size=1, max_size=4),
    st.lists(st.lists(_TERMS.map(lambda t: t + "*") | _TERMS, min_size=1, max_size=3), max_size=3),
    st.lists(_TERMS, max_size=3),
    st.lists(_TEXTS.map("".join), max_size=5),
)
def test_a_scanner_shared_by_names_and_keywords_finds_what_each_finds_alone(
    aliases: list[str], keywords: list[list[str]], more: list[str], texts: list[str]
) -> None:
    scanner = Scanner.build([*aliases, *(w for words in keywords for w in words), *more])
    people = {f"p{i}": [alias] for i, alias in enumerate(aliases)}
    topics = {f"t{i}": words for i, words in enumerate(keywords)}
    context = {f"t{i}": more for i in range(len(keywords))}
    index, scanned = NameIndex.build(people), NameIndex.build(people, scanner)
    matcher, scanning = (
        TopicMatcher.build(topics, context),
        TopicMatcher.build(topics, context, scanner),
    )
    assert scanned.scanner is scanner and (not topics or scanning.scanner is scanner)
    every = [*aliases, *(w for words in keywords for w in words), *more]
    # Twice over, in both orders: what the scanned ones keep of a place is read back elsewhere.
    checked = [*texts, " ".join(every), "".join(every), "-".join(every)]
    for text in [*checked, *reversed(checked)]:
        assert scanned.find(text) == index.find(text)
        assert scanning.find(text) == matcher.find(text)


# Beyond Latin-1 too: letters (`œ`, Cyrillic, an astral letter), an apostrophe, a narrow space.
_WIDE_TEXTS = st.lists(
    st.sampled_from(["a", "b", "é", "É", "-", ".", " ", "_", "1", "\n", "œ", "д", "’", "\u202f"])
    | st.just("\U0001d400")
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_TERMS.map(lambda t: t + "*") | _TERMS, min_size=1, max_size=6),
    st.lists(_WIDE_TEXTS.map("".join), max_size=5),
)
def test_a_scanner_finds_every_place_that_starts_a_word_where_a_term_matches(
    terms: list[str], texts: list[str]
) -> None:
    # Terms may start with `-` or `.`, texts hold `_`, digits, line breaks and letters beyond
    # Latin-1: each place is the text's start or one after a character that is no letter or digit.
    scanner = Scanner.build(terms)
    assert scanner.pattern is not None
    for text in [*texts, " ".join(terms), "".join(terms), "_".join(terms)]:
        folded = fold(text)
        expected = []
        for place in range(len(folded)):
            match = scanner.pattern.match(folded, place)
            if match is not None and not (place and folded[place - 1].isalnum()):
                expected.append((place, match.end()))
        assert scanner.spans(folded) == tuple(expected)
        assert scanner.starts(folded) == tuple(place for place, _ in expected)


SCANNER = Scanner.build(
    [
        "Gaza",
        "Israël",
        "israélien*",
        "mer Noire",
        "ukrain*",
        "Fidan",
        "Hakan Fidan",
        "OTAN",
        "ministre turc des Affaires étrangères",
        "Blinken",
        "secrétaire d'État",
    ]
)


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre turc des Affaires étrangères, Hakan Fidan, a rencontré Antony Blinken.",
        "« Nous soutenons l'Ukraine », a déclaré le secrétaire d’État à Washington.",
        "L'armée israélienne a frappé Gaza ; l'OTAN appelle à la retenue en mer Noire.",
        "Fidan-Blinken : les ukrainiens et l'Otan, l’Israël de Netanyahou.",
        "Rien de tout cela ici.",
    ],
)
def test_names_and_topics_found_through_a_scanner_are_those_found_without(text: str) -> None:
    people = {"fidan": ["Fidan", "Hakan Fidan"], "nato": ["OTAN"], "blinken": ["Blinken"]}
    people["mfa"] = ["ministre turc des Affaires étrangères"]
    topics = {"gaza": ["Gaza", "Israël", "israélien*"], "ukraine": ["mer Noire", "ukrain*"]}
    context = {"gaza": ["secrétaire d'État"]}
    names = NameIndex.build(people, SCANNER)
    matcher = TopicMatcher.build(topics, context, SCANNER)
    assert names.scanner is SCANNER and matcher.scanner is SCANNER
    assert names.find(text) == NameIndex.build(people).find(text)
    assert matcher.find(text) == TopicMatcher.build(topics, context).find(text)


def test_what_is_found_where_the_scanner_matched_holds_wherever_it_matches_that_text() -> None:
    # Names and topics keep what they found at each text the scanner matched; the same words in
    # other surroundings (capitals, a longer alias, a stem going on) must give what a search gives.
    people = {
        "un": ["UN", "ONU"],
        "fidan": ["Fidan", "Hakan Fidan"],
        "mfa": ["ministre turc des Affaires étrangères", "ministre turc"],
    }
    topics = {"ukraine": ["mer Noire", "ukrain*"], "turkey": ["turc", "Ankara"]}
    context = {"ukraine": ["ministre turc"]}
    scanner = Scanner.build(
        [*(a for names in people.values() for a in names), *topics["ukraine"], *topics["turkey"]]
    )
    assert scanner.longest
    texts = [
        "Le UN a rappelé à l'ONU que Hakan Fidan, ministre turc, était à Ankara.",
        "Un ministre turc des Affaires étrangères, un autre, et Fidan en mer Noire.",
        "Les Ukrainiens, l'Ukraine et un ukrainien de la mer noire ; un Turc à l'ONU.",
        "Hakan Fidanov et le ministre turcophone, la mer Noire-Azov, l'U.N. et un UN.",
        "UN : le ministre turc des affaires étrangères Hakan  Fidan parle de l’Ukraine.",
    ]
    names, matcher = NameIndex.build(people, scanner), TopicMatcher.build(topics, context, scanner)
    alone, searching = NameIndex.build(people), TopicMatcher.build(topics, context)
    for text in [*texts, *reversed(texts), *texts]:
        assert names.find(text) == alone.find(text)
        assert matcher.find(text) == searching.find(text)
    assert names.seen and matcher.seen


def test_a_scanner_without_every_term_of_a_matcher_is_not_used() -> None:
    # `Erdogan` is not among the scanner's terms: where it starts would not be scanned.
    names = NameIndex.build({"erdogan": ["Erdogan"], "fidan": ["Fidan"]}, SCANNER)
    assert names.scanner is None
    assert [m.id for m in names.find("Fidan et Erdogan à Ankara")] == ["fidan", "erdogan"]
    matcher = TopicMatcher.build({"syria": ["Syrie"], "gaza": ["Gaza"]}, None, SCANNER)
    assert matcher.scanner is None and matcher.topics("En Syrie et à Gaza") == ("syria", "gaza")


def test_keywords_of_two_topics_at_one_place_give_both() -> None:
    matcher = TopicMatcher.build(
        {"ukraine": ["mer Noire"], "colours": ["noir*", "Noire"], "x": ["mer"]}
    )
    assert matcher.topics("Les ports de la mer Noire") == ("ukraine", "colours", "x")
    assert matcher.topics("Les ports de la Noire") == ("colours",)


def test_a_stem_inside_long_words_takes_linear_time() -> None:
    # A match that starts inside a word is skipped up to the word's end: resuming the search at
    # the next letter would run the stem to the word's end again from every letter.
    matcher = TopicMatcher.build({"x": ["a*", "zz"]})
    names = NameIndex.build({"p": ["a*", "Zz"]})
    text = ("b" + "a" * 100_000 + " ") * 3
    started = time.perf_counter()
    assert matcher.topics(text) == ()
    assert names.find(text) == []
    assert time.perf_counter() - started < 1.0


def test_deeply_nested_aliases_still_compile() -> None:
    # Each alias a prefix of the next: a trie that deep would make `re` recurse too far.
    names = NameIndex.build({f"p{n}": ["a " * n + "b"] for n in range(300)})
    text = "x " + "a " * 50 + "b y"
    assert [(m.start, m.end, m.id) for m in names.find(text)] == [(2, len(text) - 2, "p50")]
    # Their scanner is a list of alternatives, whose match need not be the longest: what is
    # found at a place is not kept by the text matched there.
    scanner = Scanner.build(["a " * n + "b" for n in range(300)])
    scanned = NameIndex.build({f"p{n}": ["a " * n + "b"] for n in range(300)}, scanner)
    assert not scanner.longest and scanned.find(text) == names.find(text) and not scanned.seen


def test_folding_a_text_folds_each_character_on_its_own() -> None:
    # Latin-1 goes through a table, the rest character by character: the result is the same.
    text = "".join(map(chr, range(0x3000))) + "L’Œuvre « Türkiye » à Bakou ß\u202f!"
    assert fold(text) == "".join(fold(char) for char in text)
    assert fold("L’Œuvre\u00a0à Дмитрий") == "l'œuvre a дмитрии"
    # Question marks of the text itself, with and without characters beyond Latin-1.
    for text in ["Pourquoi ? Qui ?", "Pourquoi ? L’Œuvre ?", "?’?", "’", "?", "Ça ?\u202f!"]:
        assert fold(text) == "".join(fold(char) for char in text)


def test_substrings_are_found_inside_words() -> None:
    pattern = compile_substrings(["ministre", "ministère", "chef"])
    assert pattern.search("le premier-ministre") and pattern.search("les chefs")
    assert pattern.search("le chevalier") is None


def test_an_acronym_alias_matches_only_a_word_written_with_capitals() -> None:
    # `UN` folds to the French `un`: only a word with capitals (`UN`, `U.N.`) names the UN.
    names = NameIndex.build({"onu": ["UN", "U.N."], "otan": ["OTAN", "Otan"]})
    found = names.find("Un responsable de l'UN, un autre de l'Onu, un de l'otan et de l'U.N.")
    assert [m.id for m in found] == ["onu", "otan", "onu"]
    # An alias also written in lower case (`Otan`) matches as any alias does.
    assert [m.id for m in names.find("l'otan")] == ["otan"]


def test_context_keywords_are_told_apart_from_keywords() -> None:
    # Issue 16, point 5: a topic named only by a context keyword is `context`, for routing to
    # weigh; named by a keyword too, it is `firm` alone.
    matcher = TopicMatcher.build(
        {"gaza": ["Gaza", "Hamas"], "syria": ["Syrie", "Golan"], "nato": ["OTAN"]},
        {"gaza": ["Israël", "israélien*"], "nato": ["Alliance", "sommet"]},
    )
    assert matcher.find("Israël occupe toujours le Golan.") == Named(("syria",), ("gaza",))
    assert matcher.find("L'armée israélienne à Gaza") == Named(("gaza",), ())
    assert matcher.find("Au sommet, l'Alliance a tranché.") == Named((), ("nato",))
    assert matcher.topics("Au sommet, l'Alliance a tranché.") == ()
    assert matcher.find("Rien à signaler.") == Named((), ())
    # A context keyword of a topic with no keyword is ignored, as is the topic.
    assert TopicMatcher.build({"x": []}, {"x": ["Alliance"]}).find("l'Alliance") == Named((), ())
