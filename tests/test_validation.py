"""Validation: every problem of the input is reported as `path:line:col: error: message`, with the
offending line, a caret under the column and a hint; the build exits 1 and leaves the previous
output byte for byte as it was.

Each test builds a valid site first, breaks one thing (or several) and builds again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from briefings.model import Output
from briefings.stages.write import MARKER, write

from .conftest import MINIMAL_SITE, manifest, run, write_site

ARTICLE = "content/articles/2024/2024-03-08-fidan-blinken.md"
SECOND = "content/articles/2024/2024-03-11-odessa-mer-noire.md"

# Line numbers matter below: each line of the front matter is named in the tests that break it.
ARTICLE_TEXT = """\
---
title: Fidan et Blinken réunis à Washington
date: 2024-03-08
summary: Le chef de la diplomatie turque reçu au département d'État
source: aa
url: https://www.aa.com.tr/fr/monde/fidan-blinken/1
topics: [gaza, nato]
people: [fidan, blinken]
---
Le ministre turc des Affaires étrangères, Hakan Fidan, s'est entretenu vendredi à Washington avec
le secrétaire d'État américain Antony Blinken, a indiqué le ministère dans un communiqué.

Les deux responsables ont évoqué la situation humanitaire à Gaza et la perspective d'une solution
à deux États.

« La Türkiye et les États-Unis partagent la volonté de renforcer l'Alliance atlantique », a
déclaré Fidan à l'issue de l'entretien.
"""

SECOND_TEXT = """\
---
title: Frappes sur le port d'Odessa
date: 2024-03-11
source: aa
url: https://www.aa.com.tr/fr/monde/odessa/2
---
Des frappes de drones ont visé dans la nuit les installations portuaires d'Odessa, sur la mer
Noire, a annoncé l'armée ukrainienne.
"""

SITE: dict[str, str] = {ARTICLE: ARTICLE_TEXT, SECOND: SECOND_TEXT}


@pytest.fixture
def site(make_site, capsys) -> Path:
    """A valid site, built once; the first build's messages are dropped."""
    folder = make_site(SITE)
    assert run("build", "--site", folder) == 0
    capsys.readouterr()
    return folder


def fails(site: Path, capsys, files: Mapping[str, str | bytes]) -> str:
    """Write `files` over the site and build: exit 1, output unchanged. Returns stderr."""
    before = manifest(site / "_site")
    write_site(site, files)
    assert run("build", "--site", site) == 1
    err = capsys.readouterr().err
    assert manifest(site / "_site") == before
    # No staging or half-swapped folder is left beside the output.
    assert sorted(p.name for p in site.iterdir() if p.name.startswith("._site")) == []
    assert "build failed: the previous output was left as it was" in err
    return err


def edit(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def reported(err: str, head: str, shown: str, hint: str) -> None:
    """`head` is printed, then the offending line, a caret under its column, then the hint."""
    lines = err.splitlines()
    assert head in lines, err
    at = lines.index(head)
    line, col = (int(n) for n in re.match(r"^[^:]+:(\d+):(\d+): ", head).groups())
    assert lines[at + 1] == f"{line:>5} | {shown}"
    assert lines[at + 2] == " " * (len(f"{line:>5} | ") + col - 1) + "^"
    assert lines[at + 3] == f"      = hint: {hint}"


def summary(err: str, errors: int) -> None:
    assert f"{errors} error(s), 0 warning(s)" in err.splitlines()
    assert len(re.findall(r"^\S+:\d+:\d+: error: ", err, re.MULTILINE)) == errors


# ---------------------------------------------------------------- unknown keys


def test_unknown_key_in_site_yaml(site: Path, capsys) -> None:
    config = edit(MINIMAL_SITE["site.yaml"], "title:", "titel:")
    err = fails(site, capsys, {"site.yaml": config})
    reported(
        err,
        "site.yaml:1:1: error: unknown key 'titel' in site.yaml",
        "titel: Dossiers de test",
        "did you mean 'title'?",
    )
    # The misspelt key explains the missing title: one error, not two.
    summary(err, 1)


def test_unknown_key_in_an_article(site: Path, capsys) -> None:
    err = fails(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "topics:", "topic:")})
    reported(
        err,
        f"{ARTICLE}:7:1: error: unknown key 'topic' in the article's front matter",
        "topic: [gaza, nato]",
        "did you mean 'topics'?",
    )
    summary(err, 1)


def test_unknown_key_in_a_topic(site: Path, capsys) -> None:
    topic = edit(MINIMAL_SITE["content/topics/gaza.md"], "keywords:", "keyword:")
    err = fails(site, capsys, {"content/topics/gaza.md": topic})
    reported(
        err,
        "content/topics/gaza.md:4:1: error: unknown key 'keyword' in the topic's front matter",
        'keyword: [Gaza, Hamas, Israël, israélien*, "solution à deux États"]',
        "did you mean 'keywords'?",
    )
    summary(err, 1)


def test_unknown_key_in_a_person(site: Path, capsys) -> None:
    people = edit(MINIMAL_SITE["content/people.yaml"], "  role: Ministre", "  rôle: Ministre")
    err = fails(site, capsys, {"content/people.yaml": people})
    reported(
        err,
        "content/people.yaml:3:3: error: unknown key 'rôle' in person 'fidan'",
        "  rôle: Ministre turc des Affaires étrangères",
        "did you mean 'role'?",
    )
    summary(err, 1)


def test_unknown_key_in_a_source_lists_the_known_keys(site: Path, capsys) -> None:
    sources = edit(MINIMAL_SITE["content/sources.yaml"], "  url:", "  lien:")
    err = fails(site, capsys, {"content/sources.yaml": sources})
    reported(
        err,
        "content/sources.yaml:3:3: error: unknown key 'lien' in source 'aa'",
        "  lien: https://www.aa.com.tr/fr",
        "known: name, url",
    )
    summary(err, 1)


# ---------------------------------------------------------------- unknown ids


def test_unknown_topic_id_lists_the_known_ids(site: Path, capsys) -> None:
    err = fails(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "[gaza, nato]", "[gaza, otan]")})
    reported(
        err,
        f"{ARTICLE}:7:16: error: unknown topic 'otan'",
        "topics: [gaza, otan]",
        # Issue 19, point 6: ids are matched with the topics' titles too (nato is "OTAN").
        "did you mean 'nato' (OTAN)? (one file per topic in content/topics/)",
    )
    summary(err, 1)


def test_misspelt_topic_id_gets_did_you_mean(site: Path, capsys) -> None:
    err = fails(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "[gaza, nato]", "[gazza, nato]")})
    reported(
        err,
        f"{ARTICLE}:7:10: error: unknown topic 'gazza'",
        "topics: [gazza, nato]",
        "did you mean 'gaza'? (one file per topic in content/topics/)",
    )


def test_unknown_person_id_lists_the_known_ids(site: Path, capsys) -> None:
    err = fails(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "[fidan, blinken]", "[fidan, lavrov]")})
    reported(
        err,
        f"{ARTICLE}:8:17: error: unknown person 'lavrov'",
        "people: [fidan, lavrov]",
        "known: blinken, fidan (people are defined in content/people.yaml)",
    )
    summary(err, 1)


def test_unknown_source_id(site: Path, capsys) -> None:
    err = fails(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "source: aa", "source: afp")})
    reported(
        err,
        f"{ARTICLE}:5:9: error: unknown source 'afp'",
        "source: afp",
        "known: aa (sources are defined in content/sources.yaml)",
    )
    summary(err, 1)


def test_unknown_related_topic_points_at_the_id(site: Path, capsys) -> None:
    topic = edit(MINIMAL_SITE["content/topics/gaza.md"], "order: 1", "related: [syrie]")
    err = fails(site, capsys, {"content/topics/gaza.md": topic})
    reported(
        err,
        "content/topics/gaza.md:5:11: error: unknown topic 'syrie' in 'related'",
        "related: [syrie]",
        "known: gaza, nato, ukraine (one file per topic in content/topics/)",
    )


def test_a_source_is_suggested_by_its_name_too(site: Path, capsys) -> None:
    """Issue 19, point 6: `source: anadolu` did not suggest `aa`, named "Agence Anadolu"."""
    err = fails(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "source: aa", "source: anadolu")})
    reported(
        err,
        f"{ARTICLE}:5:9: error: unknown source 'anadolu'",
        "source: anadolu",
        "did you mean 'aa' (Agence Anadolu)? (sources are defined in content/sources.yaml)",
    )
    err = fails(
        site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "[fidan, blinken]", "[hakan-fidan, blinken]")}
    )
    reported(
        err,
        f"{ARTICLE}:8:10: error: unknown person 'hakan-fidan'",
        "people: [hakan-fidan, blinken]",
        "did you mean 'fidan' (Hakan Fidan)? (people are defined in content/people.yaml)",
    )


def test_an_unrelated_id_is_not_offered_as_did_you_mean(site: Path, capsys) -> None:
    """Issue 19, point 6: `fidan` got "did you mean 'biden'?"."""
    people = """\
        biden:
          name: Joe Biden
          aliases: [Biden]
        blinken:
          name: Antony Blinken
          aliases: [Blinken]
        """
    err = fails(site, capsys, {"content/people.yaml": people})
    reported(
        err,
        f"{ARTICLE}:8:10: error: unknown person 'fidan'",
        "people: [fidan, blinken]",
        "known: biden, blinken (people are defined in content/people.yaml)",
    )


# ---------------------------------------------------------------- required fields and values


@pytest.mark.parametrize(
    ("line", "key", "shown", "example"),
    [
        ("date: 2024-03-08\n", "date", "title: Fidan et Blinken réunis à Washington", "2024-03-08"),
        ("source: aa\n", "source", "title: Fidan et Blinken réunis à Washington", "aa"),
        (
            "title: Fidan et Blinken réunis à Washington\n",
            "title",
            "date: 2024-03-08",
            "Fidan et Blinken réunis à Washington",
        ),
    ],
)
def test_missing_required_field(site: Path, capsys, line, key, shown, example) -> None:
    err = fails(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, line, "")})
    reported(
        err,
        f"{ARTICLE}:2:1: error: the article's front matter has no '{key}'",
        shown,
        f"add a line '{key}: {example}'",
    )
    summary(err, 1)


@pytest.mark.parametrize(
    ("old", "new", "head", "shown", "hint"),
    [
        (
            "title: Fidan et Blinken réunis à Washington",
            'title: ""',
            "2:8: error: 'title' is empty",
            'title: ""',
            "write it: title: Fidan et Blinken réunis à Washington",
        ),
        (
            "title: Fidan et Blinken réunis à Washington",
            "title:",
            "2:1: error: 'title' is empty",
            "title:",
            "write it: title: Fidan et Blinken réunis à Washington",
        ),
    ],
    ids=["quoted", "null"],
)
def test_an_empty_required_field_is_said_to_be_empty(site, capsys, old, new, head, shown, hint):
    """Issue 19, point 6: `title: ""` said "has no 'title'" with the hint to add the line."""
    err = fails(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, old, new)})
    reported(err, f"{ARTICLE}:{head}", shown, hint)
    summary(err, 1)


def test_empty_keywords_are_pointed_at(site: Path, capsys) -> None:
    """Issue 19, point 6: `keywords: []` put the caret on the title line."""
    topic = MINIMAL_SITE["content/topics/nato.md"]
    topic = edit(topic, 'keywords: [OTAN, "Alliance atlantique"]', "keywords: []")
    err = fails(site, capsys, {"content/topics/nato.md": topic})
    reported(
        err,
        "content/topics/nato.md:4:11: error: 'keywords' is empty",
        "keywords: []",
        "a topic needs at least one keyword: keywords: [Gaza, Hamas, israélien*]",
    )
    summary(err, 1)


def test_context_keywords_are_checked_where_they_are_written(site: Path, capsys) -> None:
    """Issue 16, point 5: a context keyword may be neither empty nor one of the keywords too."""
    topic = MINIMAL_SITE["content/topics/nato.md"]
    line = 'keywords: [OTAN, "Alliance atlantique"]'
    wrong = 'context_keywords: [Alliance, "", otan, sommet]'
    err = fails(
        site, capsys, {"content/topics/nato.md": edit(topic, line, f"{line}\n        {wrong}")}
    )
    reported(
        err,
        "content/topics/nato.md:5:30: error: an empty context keyword",
        wrong,
        "write a word or a phrase: context_keywords: [Israël, israélien*]",
    )
    reported(
        err,
        "content/topics/nato.md:5:34: error: 'otan' is both a keyword and a context keyword of "
        "this topic",
        wrong,
        "keep it in one list: in 'keywords' it always counts, in 'context_keywords' only with "
        "support from its context; remove 'OTAN' from one of them",
    )
    summary(err, 2)


def test_context_keywords_must_be_a_list_of_text(site: Path, capsys) -> None:
    topic = MINIMAL_SITE["content/topics/nato.md"]
    line = 'keywords: [OTAN, "Alliance atlantique"]'
    err = fails(
        site,
        capsys,
        {
            "content/topics/nato.md": edit(
                topic, line, f"{line}\n        context_keywords: [Alliance, [sommet]]"
            )
        },
    )
    reported(
        err,
        "content/topics/nato.md:5:30: error: each item of 'context_keywords' must be text, not a "
        "list",
        "context_keywords: [Alliance, [sommet]]",
        "write 'context_keywords: [first, second]'",
    )
    summary(err, 1)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2024-02-30", "2024-02 has 29 days"),
        ("2023-02-29", "2023-02 has 28 days"),
        ("2024-13-08", "there is no month 13"),
        ("hier", "a date is written year-month-day with digits"),
        ("08/03/2024", "a date is written year-month-day with digits"),
        ("2024-03-08T25:00", "the time after the date is not a valid HH:MM or HH:MM:SS time"),
    ],
)
def test_a_date_that_is_not_a_date(site: Path, capsys, value: str, why: str) -> None:
    err = fails(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "date: 2024-03-08", f"date: {value}")})
    reported(
        err,
        f"{ARTICLE}:3:7: error: 'date' is not a valid date: '{value}' ({why})",
        f"date: {value}",
        "write YYYY-MM-DD, or an ISO 8601 date-time such as 2024-03-08T14:30:00+01:00",
    )
    summary(err, 1)


def test_a_date_time_with_an_offset_is_a_date(make_site) -> None:
    text = edit(ARTICLE_TEXT, "date: 2024-03-08", "date: 2024-03-08T14:30:00+01:00")
    assert run("build", "--site", make_site({**SITE, ARTICLE: text})) == 0


def test_draft_no_is_refused_while_title_no_is_text(site: Path, capsys) -> None:
    # YAML 1.1 reads `no` as false: for a boolean field that is a trap, so it is refused...
    err = fails(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "people:", "draft: no\npeople:")})
    reported(
        err,
        f"{ARTICLE}:8:8: error: 'draft' must be true or false, not 'no'",
        "draft: no",
        "write 'draft: false' (yes/no and on/off are not booleans here)",
    )
    # ... while a text field keeps the word as written.
    title = edit(ARTICLE_TEXT, "title: Fidan et Blinken réunis à Washington", "title: no")
    write_site(site, {ARTICLE: title})
    assert run("build", "--site", site) == 0
    page = (site / "_site/articles/fidan-blinken/index.html").read_text(encoding="utf-8")
    assert "<h1>no</h1>" in page


def test_url_with_a_javascript_scheme_is_refused(site: Path, capsys) -> None:
    text = edit(
        ARTICLE_TEXT, "https://www.aa.com.tr/fr/monde/fidan-blinken/1", "javascript:alert(1)"
    )
    err = fails(site, capsys, {ARTICLE: text})
    reported(
        err,
        f"{ARTICLE}:6:6: error: 'url' must be an absolute http(s) URL, not 'javascript:alert(1)'",
        "url: javascript:alert(1)",
        "only http:// and https:// links are allowed, not javascript:",
    )


def test_url_without_a_scheme_gets_the_whole_address_as_hint(site: Path, capsys) -> None:
    sources = edit(
        MINIMAL_SITE["content/sources.yaml"], "https://www.aa.com.tr/fr", "www.aa.com.tr"
    )
    err = fails(site, capsys, {"content/sources.yaml": sources})
    reported(
        err,
        "content/sources.yaml:3:8: error: 'url' must be an absolute http(s) URL, "
        "not 'www.aa.com.tr'",
        "  url: www.aa.com.tr",
        "write the whole address: url: https://www.aa.com.tr",
    )


def test_unknown_article_language(site: Path, capsys) -> None:
    err = fails(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "people:", "lang: français\npeople:")})
    reported(
        err,
        f"{ARTICLE}:8:7: error: unknown language 'français'",
        "lang: français",
        "use a BCP 47 code such as fr, en, fr-CA",
    )


PEOPLE_WITH_ROLES = """\
fidan:
  name: Hakan Fidan
  roles:
    - {title: Ministre turc des Affaires étrangères, from: 2023-06-04}
    - {title: Chef des services de renseignement, from: 2010-05-26, to: 2023-06-04}
    - title: Ministre
      from: 2023-06-31
    - {title: Ministre, from: "2023", to: 2024-01-01T09:00}
    - {title: Ministre, from: 2024-05-01, to: 2024-05-01, depuis: 2024}
    - {title: Ministre, from: [2024-05-01]}
    - {aliases: [ministre turc]}
  aliases: [Fidan]
blinken:
  name: Antony Blinken
  roles: Secrétaire d'État américain
"""


def test_dated_roles_are_checked_at_their_line_and_column(site: Path, capsys) -> None:
    err = fails(site, capsys, {"content/people.yaml": PEOPLE_WITH_ROLES})
    reported(
        err,
        "content/people.yaml:7:13: error: 'from' is not a valid date: '2023-06-31' "
        "(2023-06 has 30 days)",
        "      from: 2023-06-31",
        "write 'from: 2025-01-20'",
    )
    reported(
        err,
        "content/people.yaml:8:31: error: 'from' is not a valid date: '2023' "
        "(a date is written year-month-day with digits)",
        '    - {title: Ministre, from: "2023", to: 2024-01-01T09:00}',
        "write 'from: 2025-01-20'",
    )
    reported(
        err,
        "content/people.yaml:8:43: error: 'to' must be a day without a time, not "
        "'2024-01-01T09:00'",
        '    - {title: Ministre, from: "2023", to: 2024-01-01T09:00}',
        "write 'to: 2029-01-20'",
    )
    reported(
        err,
        "content/people.yaml:9:47: error: 'to' (2024-05-01) is not after 'from' (2024-05-01)",
        "    - {title: Ministre, from: 2024-05-01, to: 2024-05-01, depuis: 2024}",
        "'to' is the day the role passes to someone else: a later date than 'from'",
    )
    reported(
        err,
        "content/people.yaml:9:59: error: unknown key 'depuis' in role 5 of person 'fidan'",
        "    - {title: Ministre, from: 2024-05-01, to: 2024-05-01, depuis: 2024}",
        "known: aliases, from, title, to",
    )
    reported(
        err,
        "content/people.yaml:10:31: error: 'from' must be a date, not a list",
        "    - {title: Ministre, from: [2024-05-01]}",
        "write 'from: 2025-01-20'",
    )
    reported(
        err,
        "content/people.yaml:11:7: error: role 7 of person 'fidan' has no 'title'",
        "    - {aliases: [ministre turc]}",
        "add a line 'title: président des États-Unis'",
    )
    reported(
        err,
        "content/people.yaml:15:10: error: 'roles' of person 'blinken' must be a list of roles",
        "  roles: Secrétaire d'État américain",
        "write 'roles: [{title: président des États-Unis, from: 2025-01-20}]'",
    )
    summary(err, 8)


# ---------------------------------------------------------------- slugs


def test_duplicate_slug_names_both_files(site: Path, capsys) -> None:
    other = edit(SECOND_TEXT, "2024-03-11", "2023-11-02")
    err = fails(
        site,
        capsys,
        {"content/articles/2024/a.md": SECOND_TEXT, "content/articles/2023/a.md": other},
    )
    reported(
        err,
        "content/articles/2024/a.md:1:1: error: duplicate slug 'a' (taken from the file name): "
        "content/articles/2023/a.md has it too",
        "---",
        "two articles cannot share a URL: rename one of the files or give it a 'slug:' line",
    )
    summary(err, 1)


def test_duplicate_explicit_slug_points_at_it(site: Path, capsys) -> None:
    text = edit(SECOND_TEXT, "source: aa", "slug: fidan-blinken\nsource: aa")
    err = fails(site, capsys, {SECOND: text})
    reported(
        err,
        f"{SECOND}:4:7: error: duplicate slug 'fidan-blinken': {ARTICLE} has it too",
        "slug: fidan-blinken",
        # Issue 19, point 6: the hint was "give it a 'slug:' line", on that very line.
        "two articles cannot share a URL: change this slug (slug: fidan-blinken-2), or remove "
        "the line to take the file name's",
    )


def test_slug_that_is_a_path_is_refused(site: Path, capsys) -> None:
    err = fails(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "people:", "slug: ../x\npeople:")})
    reported(
        err,
        f"{ARTICLE}:8:7: error: slug '../x' is not valid",
        "slug: ../x",
        "use lower-case letters, digits and '-' only, e.g. slug: fidan-blinken",
    )
    assert not (site / "x").exists()


# ---------------------------------------------------------------- YAML and file problems


def test_yaml_syntax_error_in_front_matter_is_at_the_files_line(site: Path, capsys) -> None:
    # French typography puts a space before ':', which YAML takes for a key.
    summary_line = "summary: Cessez-le-feu à Gaza : les négociations reprennent au Caire"
    err = fails(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "people:", f"{summary_line}\npeople:")})
    # Line 8 of the file (line 7 of the YAML block); the column of the parser's position.
    column = summary_line.index(": les") + 1
    reported(
        err,
        f"{ARTICLE}:8:{column}: error: YAML syntax error: "
        "mapping values are not allowed in this context",
        summary_line,
        "put quotes around a value that contains ': ' (title: \"Gaza : la trêve\")",
    )
    summary(err, 1)


def test_yaml_syntax_error_in_people_yaml(site: Path, capsys) -> None:
    people = edit(
        MINIMAL_SITE["content/people.yaml"], "[Fidan, ministre Fidan]", "[Fidan, ministre"
    )
    err = fails(site, capsys, {"content/people.yaml": people})
    reported(
        err,
        "content/people.yaml:4:12: error: YAML syntax error: the list opened here with '[' is "
        "never closed (the parser stopped at line 5, column 8: did not find expected ',' or ']')",
        "  aliases: [Fidan, ministre",
        "end the list with ']': keywords: [Gaza, Hamas]",
    )
    # The articles naming fidan are not reported on top: people.yaml's ids are unknown.
    summary(err, 1)


def test_unclosed_quote_in_a_topic_points_at_the_quote(site: Path, capsys) -> None:
    keywords = 'keywords: [Gaza, Hamas, Israël, israélien*, "solution à deux États]'
    topic = edit(
        MINIMAL_SITE["content/topics/gaza.md"],
        'keywords: [Gaza, Hamas, Israël, israélien*, "solution à deux États"]',
        keywords,
    )
    err = fails(site, capsys, {"content/topics/gaza.md": topic})
    quote = keywords.index('"') + 1
    reported(
        err,
        f"content/topics/gaza.md:4:{quote}: error: YAML syntax error: "
        "the quote opened here is never closed "
        "(the parser stopped at line 6, column 1: found unexpected end of stream)",
        keywords,
        "end the text with the quote mark it starts with",
    )
    # The article naming the broken topic (topics: [gaza, nato]) is not reported on top.
    summary(err, 1)


def test_front_matter_never_closed(site: Path, capsys) -> None:
    err = fails(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "people: [fidan, blinken]\n---\n", "")})
    reported(
        err,
        f"{ARTICLE}:1:1: error: the front matter opened here with '---' is never closed",
        "---",
        "add a line '---' after its last 'key: value' line, before the text",
    )
    summary(err, 1)


def test_fences_with_trailing_spaces_still_open_and_close(make_site) -> None:
    text = ARTICLE_TEXT.replace("---\n", "--- \t\n")
    assert text.count("--- \t\n") == 2
    assert run("build", "--site", make_site({**SITE, ARTICLE: text})) == 0


def test_duplicate_key_in_front_matter(site: Path, capsys) -> None:
    err = fails(site, capsys, {ARTICLE: edit(ARTICLE_TEXT, "people:", "date: 2024-03-09\npeople:")})
    reported(
        err,
        f"{ARTICLE}:8:1: error: duplicate key 'date'",
        "date: 2024-03-09",
        "it is already set at line 3; keep one",
    )
    summary(err, 1)


def test_yaml_alias_in_front_matter_is_refused(site: Path, capsys) -> None:
    text = edit(ARTICLE_TEXT, "topics: [gaza, nato]", "topics: &t [gaza, nato]")
    err = fails(site, capsys, {ARTICLE: edit(text, "people: [fidan, blinken]", "people: *t")})
    reported(
        err,
        f"{ARTICLE}:8:9: error: YAML alias '*t' is not supported",
        "people: *t",
        "write the value out instead of repeating the one anchored with '&t'",
    )
    summary(err, 1)


def test_latin1_file_is_reported_at_its_line(site: Path, capsys) -> None:
    err = fails(site, capsys, {SECOND: SECOND_TEXT.encode("latin-1")})
    # Line 2: "title: Frappes sur le port d'Odessa" is ASCII; the first 'é' is on line 7.
    column = SECOND_TEXT.splitlines()[6].index("é") + 1
    reported(
        err,
        f"{SECOND}:7:{column}: error: the file is not UTF-8: byte 0xe9 at line 7, column {column}",
        SECOND_TEXT.splitlines()[6].replace("é", "\N{REPLACEMENT CHARACTER}"),
        "it looks like Latin-1 (Windows-1252): re-save the file with UTF-8 encoding",
    )
    summary(err, 1)


def test_column_of_a_bad_byte_counts_characters_not_bytes(site: Path, capsys) -> None:
    # UTF-8 'é' and 'à' (two bytes each) before a Latin-1 'é' on the same line: byte 26, column 24.
    line = "Réunion à Ankara, journée chargée."
    raw = SECOND_TEXT.encode() + line.encode().replace(
        "journée".encode(), "journée".encode("latin-1")
    )
    err = fails(site, capsys, {SECOND: raw})
    assert f"{SECOND}:9:24: error: the file is not UTF-8: byte 0xe9 at line 9, column 24" in err


def test_nul_byte_is_shown_where_it_is(site: Path, capsys) -> None:
    raw = SECOND_TEXT.encode().replace(b"Des frappes", b"Des\0frappes")
    err = fails(site, capsys, {SECOND: raw})
    reported(
        err,
        f"{SECOND}:7:4: error: the file contains a NUL byte at line 7, column 4: "
        "it is not a text file",
        "Des␀frappes de drones ont visé dans la nuit les installations portuaires d'Odessa, "
        "sur la mer",
        "save it as plain UTF-8 text",
    )


def test_control_character_in_front_matter(site: Path, capsys) -> None:
    text = edit(ARTICLE_TEXT, "reçu au", "reçu\x07au")
    err = fails(site, capsys, {ARTICLE: text})
    reported(
        err,
        f"{ARTICLE}:4:46: error: character U+0007 is not allowed in YAML",
        "summary: Le chef de la diplomatie turque reçu␇au département d'État",
        "delete it: control characters are invisible in most editors",
    )


# ---------------------------------------------------------------- all at once


def test_every_error_of_every_file_in_one_build(site: Path, capsys) -> None:
    err = fails(
        site,
        capsys,
        {
            "site.yaml": edit(MINIMAL_SITE["site.yaml"], "language:", "langue:"),
            "content/people.yaml": edit(MINIMAL_SITE["content/people.yaml"], "role:", "titre:"),
            "content/topics/nato.md": edit(MINIMAL_SITE["content/topics/nato.md"], "3", "trois"),
            ARTICLE: edit(
                edit(ARTICLE_TEXT, "source: aa", "source: afp"), "[gaza, nato]", "[gaza, syrie]"
            ),
            SECOND: edit(SECOND_TEXT, "2024-03-11", "2024-03-32"),
        },
    )
    heads = [line for line in err.splitlines() if ": error: " in line]
    assert heads == [
        f"{ARTICLE}:5:9: error: unknown source 'afp'",
        f"{ARTICLE}:7:16: error: unknown topic 'syrie'",
        f"{SECOND}:3:7: error: 'date' is not a valid date: '2024-03-32' (2024-03 has 31 days)",
        "content/people.yaml:3:3: error: unknown key 'titre' in person 'fidan'",
        "content/topics/nato.md:5:8: error: 'order' must be a whole number, not 'trois'",
        "site.yaml:3:1: error: unknown key 'langue' in site.yaml",
    ]
    summary(err, 6)


def test_usage_errors_exit_2(tmp_path: Path, capsys) -> None:
    assert run("build", "--site", tmp_path / "absent") == 2
    assert f"no site folder at {tmp_path / 'absent'}" in capsys.readouterr().err
    assert run("build", "--sites", tmp_path) == 2
    assert "unrecognized arguments: --sites" in capsys.readouterr().err


# ---------------------------------------------------------------- the output folder


def test_deleted_article_disappears_and_the_rest_stays(site: Path) -> None:
    output = site / "_site"
    before = manifest(output)
    assert "articles/odessa-mer-noire/index.html" in before
    (site / SECOND).unlink()
    assert run("build", "--site", site) == 0
    after = manifest(output)
    assert not (output / "articles/odessa-mer-noire").exists()
    # Every other page, feed and data file is still there (files named by a hash of their
    # content, like a search index's, are left out: their names change with the content).
    pages = {n for n in before if n.endswith((".html", ".xml", ".json", ".txt"))}
    assert pages - set(after) == {"articles/odessa-mer-noire/index.html"}
    assert MARKER in after
    # Files that do not depend on the articles keep their bytes.
    for name in ("robots.txt", ".nojekyll", *(n for n in before if n.startswith("assets/"))):
        assert after[name] == before[name], name
    assert [p.name for p in site.iterdir() if p.name.startswith("._site")] == []


def test_a_write_that_fails_midway_leaves_the_previous_output(site: Path) -> None:
    output = site / "_site"
    before = manifest(output)
    # The second path is refused once the first file is already staged.
    files = {"articles/nouveau/index.html": b"<p>Nouveau</p>", "../hors-du-site.html": b"x"}
    with pytest.raises(ValueError, match="unsafe output path"):
        write(Output(files), output)
    assert manifest(output) == before
    assert not (site / "hors-du-site.html").exists()
    assert [p.name for p in site.iterdir() if p.name.startswith("._site")] == []


def test_crlf_and_bom_build_the_same_bytes_as_lf(make_site) -> None:
    files = {**MINIMAL_SITE, **SITE}
    lf_site = make_site(SITE)
    assert run("build", "--site", lf_site) == 0
    expected = manifest(lf_site / "_site")
    for name in files:
        path = lf_site / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert (lf_site / ARTICLE).read_bytes().startswith(b"\xef\xbb\xbf---\r\n")
    assert run("build", "--site", lf_site) == 0
    assert manifest(lf_site / "_site") == expected


def test_crlf_file_reports_the_same_position(site: Path, capsys) -> None:
    text = edit(ARTICLE_TEXT, "source: aa", "source: afp")
    raw = b"\xef\xbb\xbf" + text.encode().replace(b"\n", b"\r\n")
    err = fails(site, capsys, {ARTICLE: raw})
    reported(
        err,
        f"{ARTICLE}:5:9: error: unknown source 'afp'",
        "source: afp",
        "known: aa (sources are defined in content/sources.yaml)",
    )
