"""briefings.text.yamlread: YAML read as positioned values, with what would surprise refused."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from briefings.diagnostics import Reporter
from briefings.text import yamlread
from briefings.text.yamlread import Fields, Value, load

# Both PyYAML loaders: the C one where it is built, and the pure-Python one it falls back to.
LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request, monkeypatch) -> None:
    monkeypatch.setattr(yamlread, "_Loader", request.param)


def parse(text: str, first_line: int = 1) -> tuple[Value | None, list[tuple[int, int, str, str]]]:
    reporter = Reporter("content/articles/2024/fidan.md", text)
    value = load(text, reporter, first_line)
    return value, [(d.line, d.col, d.message, d.hint) for d in reporter.found]


def entry(value: Value | None, key: str) -> Value:
    assert value is not None and isinstance(value.data, dict)
    return value.data[key][1]


# ---------------------------------------------------------------- values and positions


def test_positions_are_lines_and_columns_of_the_file(loader) -> None:
    text = "title: Trêve à Gaza\ntopics: [gaza, nato]\n"
    value, problems = parse(text, first_line=2)
    assert problems == []
    title = entry(value, "title")
    assert (title.data, title.line, title.col) == ("Trêve à Gaza", 2, 8)
    topics = entry(value, "topics")
    assert isinstance(topics.data, list)
    assert [(t.data, t.line, t.col) for t in topics.data] == [("gaza", 3, 10), ("nato", 3, 16)]
    key = value.data["topics"][0]
    assert (key.data, key.line, key.col) == ("topics", 3, 1)


def test_columns_count_characters_after_accents(loader) -> None:
    value, _ = parse("résumé: « Cessez-le-feu » à Gaza\nsource: aa\n")
    assert entry(value, "source").col == 9
    assert entry(value, "résumé").col == 9


def test_scalars_keep_their_text_as_written(loader) -> None:
    value, problems = parse('title: no\ndraft: no\nheure: 10:00\nnuméro: 010\nquoted: "yes"\n')
    assert problems == []
    assert entry(value, "title").data == "no"
    assert entry(value, "title").plain
    assert entry(value, "heure").data == "10:00"
    assert entry(value, "numéro").data == "010"
    quoted = entry(value, "quoted")
    assert (quoted.data, quoted.plain) == ("yes", False)


def test_null_is_only_an_unquoted_empty_or_tilde(loader) -> None:
    value, _ = parse('a:\nb: ~\nc: null\nd: "null"\ne: ""\n')
    assert [entry(value, k).is_null for k in "abcde"] == [True, True, True, False, False]


def test_an_empty_document_is_an_empty_mapping(loader) -> None:
    value, problems = parse("", first_line=2)
    assert problems == []
    assert value == Value({}, 2, 1)


# ---------------------------------------------------------------- refused constructs


def test_aliases_are_refused_where_they_are_written(loader) -> None:
    text = "topics: &t [gaza, nato]\nsummary: Réunion à Washington\npeople: *t\n"
    value, problems = parse(text, first_line=2)
    assert value is None
    assert problems == [
        (
            4,
            9,
            "YAML alias '*t' is not supported",
            "write the value out instead of repeating the one anchored with '&t'",
        )
    ]


def test_every_alias_of_a_billion_laughs_is_reported_once(loader) -> None:
    text = 'a: &a ["lol", "lol"]\nb: &b [*a, *a]\nc: [*b, *b, *b]\n'
    value, problems = parse(text)
    assert value is None
    assert [(line, col) for line, col, *_ in problems] == [(2, 8), (2, 12), (3, 5), (3, 9), (3, 13)]


def test_merge_keys_are_refused(loader) -> None:
    text = "aa: &aa {name: Agence Anadolu}\nagence:\n  <<: *aa\n"
    value, problems = parse(text)
    assert value is None
    assert (3, 3, "YAML merge keys (<<) are not supported", "write the keys out") in problems


@pytest.mark.parametrize(
    ("text", "col", "tag"),
    [
        ("title: !!python/object:os.system ls\n", 8, "!!python/object:os.system"),
        ('title: !!python/object/apply:os.system ["ls"]\n', 8, "!!python/object/apply:os.system"),
        ("title: !!binary aGVsbG8=\n", 8, "!!binary"),
        ("title: !include secret.yaml\n", 8, "!include"),
    ],
)
def test_non_standard_tags_are_refused_without_constructing(loader, text, col, tag) -> None:
    value, problems = parse(text)
    assert value is None
    assert problems == [
        (
            1,
            col,
            f"YAML tag '{tag}' is not allowed",
            "remove the tag: only text, lists and mappings are read",
        )
    ]


def test_standard_tags_are_accepted(loader) -> None:
    value, problems = parse('order: !!int "3"\ntitle: !!str 2024\n')
    assert problems == []
    assert entry(value, "title").data == "2024"


def test_duplicate_keys_name_the_first(loader) -> None:
    text = "title: Fidan à Washington\ndate: 2024-03-08\ntitle: Blinken reçoit Fidan\n"
    value, problems = parse(text, first_line=2)
    assert value is None
    assert problems == [(4, 1, "duplicate key 'title'", "it is already set at line 2; keep one")]


def test_duplicate_keys_in_a_nested_mapping(loader) -> None:
    text = "fidan:\n  name: Hakan Fidan\n  role: Ministre\n  name: Fidan\n"
    _, problems = parse(text)
    assert problems == [(4, 3, "duplicate key 'name'", "it is already set at line 2; keep one")]


def test_a_key_must_be_plain(loader) -> None:
    _, problems = parse("[gaza, nato]: Gaza et OTAN\n")
    assert problems == [(1, 1, "a key must be a plain name", "")]


# ---------------------------------------------------------------- syntax errors


def test_syntax_error_is_at_the_files_line(loader) -> None:
    text = "title: Trêve\nsummary: Gaza : la trêve: reprise des pourparlers\n"
    value, problems = parse(text, first_line=2)
    assert value is None
    [(line, col, message, hint)] = problems
    assert (line, col) == (3, 15)
    assert message.startswith("YAML syntax error: mapping values are not allowed")
    assert hint == "put quotes around a value that contains ': ' (title: \"Gaza : la trêve\")"


def test_unclosed_list_points_at_its_bracket(loader) -> None:
    text = "keywords: [Gaza, Hamas\nrelated: [syria]\n"
    _, problems = parse(text, first_line=2)
    [(line, col, message, hint)] = problems
    assert (line, col) == (2, 11)
    assert message.startswith(
        "YAML syntax error: the list opened here with '[' is never closed (the parser stopped at "
        "line 3, column "
    )
    assert hint == "end the list with ']': keywords: [Gaza, Hamas]"


def test_unclosed_quote_points_at_the_quote(loader) -> None:
    text = 'title: Trêve\nsummary: "Les négociations reprennent\n'
    _, problems = parse(text, first_line=2)
    [(line, col, message, hint)] = problems
    assert (line, col) == (3, 10)
    assert message.startswith("YAML syntax error: the quote opened here is never closed")
    assert hint == "end the text with the quote mark it starts with"


def test_quote_spanning_lines_with_a_bad_escape_keeps_the_parsers_position(loader) -> None:
    text = 'summary: "Réunion\n  à \\q Ankara"\n'
    _, problems = parse(text)
    [(line, _, message, _)] = problems
    assert line == 2
    assert "never closed" not in message


def test_bad_indentation(loader) -> None:
    text = "fidan:\n  name: Hakan Fidan\n role: Ministre\n"
    _, problems = parse(text)
    [(line, col, message, hint)] = problems
    assert (line, col) == (3, 2)
    assert message.startswith("YAML syntax error: ")
    assert "same column" in hint


def test_tab_indentation_gets_a_hint(loader) -> None:
    _, problems = parse("fidan:\n\tname: Hakan Fidan\n")
    [(line, _, message, hint)] = problems
    assert line == 2
    assert message.startswith("YAML syntax error: ")
    assert hint == "indent YAML with spaces, not tabs"


def test_a_second_document_is_refused(loader) -> None:
    _, problems = parse("fidan:\n  name: Hakan Fidan\n---\nblinken:\n  name: Antony Blinken\n")
    [(line, col, message, hint)] = problems
    assert (line, col) == (3, 1)
    assert "expected a single document" in message
    assert hint == "remove the '---' line: the file holds one mapping"


def test_control_character_is_reported_at_its_character(loader) -> None:
    # The C reader counts bytes: 'é', 'à', 'ç' before the character must not shift it.
    text = "title: Réunion à Ankara\nsummary: Reçu\x07 au ministère\n"
    _, problems = parse(text, first_line=2)
    assert problems == [
        (
            3,
            14,
            "character U+0007 is not allowed in YAML",
            "delete it: control characters are invisible in most editors",
        )
    ]


# ---------------------------------------------------------------- Fields


def fields(text: str, known: tuple[str, ...] = ("title", "date", "draft", "order", "topics")):
    reporter = Reporter("content/articles/2024/fidan.md", text)
    value = load(text, reporter, 2)
    assert value is not None, reporter.found
    return Fields(value, reporter, known, "the article's front matter"), reporter


def messages(reporter: Reporter) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.col, d.message, d.hint) for d in reporter.found]


def test_unknown_key_with_the_closest_known_and_no_missing_error_for_it() -> None:
    found, reporter = fields("titel: Fidan à Washington\ndate: 2024-03-08\n")
    assert found.text("title", required="Fidan à Washington") == ""
    assert messages(reporter) == [
        (2, 1, "unknown key 'titel' in the article's front matter", "did you mean 'title'?")
    ]


def test_missing_field_is_reported_at_the_mapping() -> None:
    found, reporter = fields("title: Fidan à Washington\n")
    assert found.when("date") is None
    assert messages(reporter) == [
        (2, 1, "the article's front matter has no 'date'", "add a line 'date: 2024-03-08'")
    ]


def test_a_document_that_is_not_a_mapping_is_one_error() -> None:
    found, reporter = fields("- Fidan à Washington\n- 2024-03-08\n")
    assert found.text("title", required="Fidan à Washington") == ""
    assert found.when("date") is None
    assert messages(reporter) == [
        (
            2,
            1,
            "the article's front matter must be a mapping of 'key: value' lines, not a list",
            "write each field on its own line as 'key: value', indented the same",
        )
    ]


def test_text_field_refuses_a_list() -> None:
    found, reporter = fields("title: [Fidan, Blinken]\n")
    assert found.text("title", required="Fidan à Washington") == ""
    assert messages(reporter) == [
        (2, 8, "'title' must be text, not a list", "write 'title: Fidan à Washington'")
    ]


def test_texts_takes_one_string_as_a_list_of_one() -> None:
    found, reporter = fields("topics: gaza\n")
    assert [(t, v.col) for t, v in found.texts("topics")] == [("gaza", 9)]
    assert reporter.found == []


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("no", "write 'draft: false' (yes/no and on/off are not booleans here)"),
        ("off", "write 'draft: false' (yes/no and on/off are not booleans here)"),
        ("yes", "write 'draft: true' (yes/no and on/off are not booleans here)"),
        ('"true"', "write 'draft: true' or 'draft: false'"),
        ("peut-être", "write 'draft: true' or 'draft: false'"),
    ],
)
def test_boolean_refuses_yaml_1_1_words(written: str, hint: str) -> None:
    found, reporter = fields(f"draft: {written}\n")
    assert found.boolean("draft", False) is False
    shown = written.strip('"')
    assert messages(reporter) == [(2, 8, f"'draft' must be true or false, not '{shown}'", hint)]


@pytest.mark.parametrize(
    ("written", "expected"), [("true", True), ("false", False), ("True", True)]
)
def test_boolean_reads_true_and_false(written: str, expected: bool) -> None:
    found, reporter = fields(f"draft: {written}\n")
    assert found.boolean("draft", not expected) is expected
    assert reporter.found == []


def test_integer() -> None:
    found, reporter = fields("order: 2\n")
    assert found.integer("order") == 2
    found, reporter = fields("order: deux\n")
    assert found.integer("order") is None
    assert messages(reporter) == [(2, 8, "'order' must be a whole number, not 'deux'", "order: 1")]


def test_dates_are_timezone_aware_and_comparable() -> None:
    day, _ = fields("date: 2024-03-08\n")
    timed, _ = fields("date: 2024-03-08T14:30:00+01:00\n")
    naive, _ = fields("date: 2024-03-08 09:15\n")
    assert day.when("date") == (dt.datetime(2024, 3, 8, tzinfo=dt.UTC), False)
    when, has_time = timed.when("date")
    assert has_time
    assert when.isoformat() == "2024-03-08T14:30:00+01:00"
    assert naive.when("date") == (dt.datetime(2024, 3, 8, 9, 15, tzinfo=dt.UTC), True)
    assert sorted([when, day.when("date")[0], naive.when("date")[0]])[-1] == when


def test_a_quoted_date_is_a_date() -> None:
    found, reporter = fields('date: "2024-03-08"\n')
    assert found.when("date") == (dt.datetime(2024, 3, 8, tzinfo=dt.UTC), False)
    assert reporter.found == []


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("2024-02-30", "2024-02 has 29 days"),
        ("2100-02-29", "2100-02 has 28 days"),
        ("2024-00-10", "there is no month 00"),
        ("0000-01-01", "there is no year 0000"),
        ("8 mars 2024", "a date is written year-month-day with digits"),
        ("2024-03-08T14h30", "the time after the date is not a valid HH:MM or HH:MM:SS time"),
    ],
)
def test_invalid_dates_say_why(written: str, why: str) -> None:
    found, reporter = fields(f"date: {written}\n")
    assert found.when("date") is None
    [(line, col, message, hint)] = messages(reporter)
    assert (line, col) == (2, 7)
    assert message == f"'date' is not a valid date: '{written}' ({why})"
    assert hint.startswith("write YYYY-MM-DD")


def test_a_date_that_is_a_list() -> None:
    found, reporter = fields("date: [2024-03-08]\n")
    assert found.when("date") is None
    assert messages(reporter)[0][:3] == (2, 7, "'date' must be a date, not a list")


# ---------------------------------------------------------------- nesting


class _LibyamlLimitLoader(yaml.SafeLoader):
    """The pure-Python loader with libyaml 0.2.6's limit (PyYAML 6.0.4's C loader): its scanner
    refuses a flow collection opened past 1,000 levels, before the parser gives any event."""

    def fetch_flow_collection_start(self, token_class) -> None:  # type: ignore[no-untyped-def]
        if self.flow_level >= 1000:
            raise yaml.scanner.ScannerError(
                "while increasing flow level",
                self.get_mark(),
                "exceeded maximum nesting depth",
                self.get_mark(),
            )
        super().fetch_flow_collection_start(token_class)


NESTED = "title: Gaza\nsummary: x\nkeywords: " + "[" * 5_000 + "Gaza" + "]" * 5_000 + "\n"
DEEP = (
    3,
    10 + yamlread.MAX_DEPTH,  # the mapping is level 1: the 32nd bracket, after "keywords: "
    "YAML lists and mappings are nested more than 32 levels deep",
    "write plain fields and short lists: keywords: [Gaza, Hamas]",
)


def test_deep_nesting_is_refused_at_the_first_level_too_deep(loader) -> None:
    value, problems = parse(NESTED)
    assert value is None
    assert problems == [DEEP]


def test_a_parsers_own_nesting_limit_gets_the_same_message_and_place(monkeypatch) -> None:
    # PyYAML 6.0.4's C loader raises "exceeded maximum nesting depth" at level 1,000, before
    # our own check sees an event; the message and the place must not depend on the version.
    monkeypatch.setattr(yamlread, "_Loader", _LibyamlLimitLoader)
    with pytest.raises(yaml.scanner.ScannerError, match="maximum nesting depth"):
        list(yaml.parse(NESTED, Loader=_LibyamlLimitLoader))
    value, problems = parse(NESTED)
    assert value is None
    assert problems == [DEEP]


def test_block_nesting_past_the_limit_is_refused_too(loader) -> None:
    dashes = "".join("  " * n + "-\n" for n in range(40))
    value, problems = parse(f"title: Gaza\nkeywords:\n{dashes}{'  ' * 40}a\n")
    assert value is None
    # The mapping is level 1, so the 32nd dash (line 3 + 31) opens level 33.
    assert [(line, message) for line, _, message, _ in problems] == [(34, DEEP[2])]
