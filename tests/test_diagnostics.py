"""briefings.diagnostics: hints and the compiler-style text of problems."""

from __future__ import annotations

from briefings.diagnostics import (
    ContentError,
    Reporter,
    closest,
    format_all,
    format_diagnostic,
    suggest,
)
from briefings.model import Diagnostic

PATH = "content/articles/2024/2024-03-08-fidan-blinken.md"


def test_suggest_names_the_closest_known_word() -> None:
    assert suggest("topcis", ["title", "topics", "people"]) == "did you mean 'topics'?"
    assert closest("blinkn", {"fidan", "blinken"}) == "blinken"


def test_suggest_lists_the_known_words_when_none_is_close() -> None:
    assert suggest("afp", ["reuters", "aa", "aa"]) == "known: aa, reuters"
    assert closest("afp", ["reuters", "aa"]) is None


def test_suggest_shortens_a_long_list() -> None:
    known = [f"source-{n:02d}" for n in range(20)]
    hint = suggest("afp", known)
    assert hint == "known: " + ", ".join(known[:12]) + ", ..."


def test_suggest_offers_only_what_is_close_and_finds_ids_by_their_names() -> None:
    assert suggest("fidan", ["biden", "blinken"]) == "known: biden, blinken"
    assert suggest("ap", ["aa", "afp"]) == "known: aa, afp"  # two letters: only case and accents
    assert suggest("AA", ["aa", "afp"]) == "did you mean 'aa'?"
    assert suggest("guterez", ["guterres"]) == "did you mean 'guterres'?"
    names = {"aa": "Agence Anadolu", "afp": "Agence France-Presse"}
    assert suggest("anadolu", names, names) == "did you mean 'aa' (Agence Anadolu)?"
    assert suggest("agence-anadolou", names, names) == "did you mean 'aa' (Agence Anadolu)?"
    assert suggest("afpp", names, names) == "did you mean 'afp'?"  # by its id: no name said
    assert suggest("agence", names, names) == "known: aa, afp"  # a word both names share? none


def test_suggest_with_nothing_known_is_empty() -> None:
    assert suggest("afp", []) == ""


def test_format_shows_the_line_a_caret_under_the_column_and_the_hint() -> None:
    diagnostic = Diagnostic(
        PATH, 5, 9, "unknown source 'afp'", "known: aa", "error", "source: afp\n"
    )
    assert format_diagnostic(diagnostic).splitlines() == [
        f"{PATH}:5:9: error: unknown source 'afp'",
        "    5 | source: afp",
        "        " + " " * 8 + "^",
        "      = hint: known: aa",
    ]


def test_format_caret_counts_characters_after_accents() -> None:
    line = "summary: Trêve à Gaza : reprise"
    col = line.index(": reprise") + 1
    text = format_diagnostic(Diagnostic(PATH, 12, col, "YAML syntax error", "", "error", line))
    shown, caret = text.splitlines()[1:3]
    assert shown == "   12 | " + line
    assert caret.index("^") == shown.index(": reprise")


def test_format_without_a_line_or_hint_is_one_line() -> None:
    diagnostic = Diagnostic(PATH, 1, 1, "the file is empty", "", "warning", "")
    assert format_diagnostic(diagnostic) == f"{PATH}:1:1: warning: the file is empty"


def test_format_keeps_the_caret_under_tabs_and_control_characters() -> None:
    line = "\tsummary: Reçu\x07au ministère\r\n"
    col = line.index("\x07") + 1
    text = format_diagnostic(Diagnostic(PATH, 4, col, "bad character", "", "error", line))
    shown, caret = text.splitlines()[1:3]
    assert shown == "    4 |  summary: Reçu␇au ministère"
    assert shown[caret.index("^")] == "␇"


def test_format_all_sorts_by_file_line_and_column_and_counts() -> None:
    problems = [
        Diagnostic("site.yaml", 1, 1, "unknown key 'titel' in site.yaml"),
        Diagnostic(PATH, 7, 16, "unknown topic 'syrie'"),
        Diagnostic(PATH, 5, 9, "unknown source 'afp'"),
        Diagnostic("content/people.yaml", 3, 3, "no 'name'", severity="warning"),
    ]
    lines = format_all(problems).splitlines()
    assert lines == [
        f"{PATH}:5:9: error: unknown source 'afp'",
        f"{PATH}:7:16: error: unknown topic 'syrie'",
        "content/people.yaml:3:3: warning: no 'name'",
        "site.yaml:1:1: error: unknown key 'titel' in site.yaml",
        "3 error(s), 1 warning(s)",
    ]


def test_format_all_of_nothing_is_the_summary() -> None:
    assert format_all([]) == "0 error(s), 0 warning(s)"


def test_reporter_fills_in_the_path_and_the_offending_line() -> None:
    reporter = Reporter(PATH, "---\ntitle: Trêve\nsource: afp\n---\n")
    reporter.at(3, 9, "unknown source 'afp'", "known: aa")
    reporter.at(9, 1, "beyond the end")
    reporter.at(2, 1, "shown instead", shown="title: Tr\ufffdve")
    reporter.at(3, 1, "a warning", warning=True)
    assert reporter.found == [
        Diagnostic(PATH, 3, 9, "unknown source 'afp'", "known: aa", "error", "source: afp"),
        Diagnostic(PATH, 9, 1, "beyond the end", "", "error", ""),
        Diagnostic(PATH, 2, 1, "shown instead", "", "error", "title: Tr\ufffdve"),
        Diagnostic(PATH, 3, 1, "a warning", "", "warning", "source: afp"),
    ]


def test_content_error_carries_every_diagnostic() -> None:
    problems = [Diagnostic(PATH, 5, 9, "unknown source 'afp'"), Diagnostic("site.yaml", 1, 1, "x")]
    error = ContentError(iter(problems))
    assert error.diagnostics == tuple(problems)
    assert str(error) == "2 error(s)"
