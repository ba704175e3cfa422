"""Properties, checked by Hypothesis on generated inputs, in a few seconds for CI.

`BRIEFINGS_FUZZ_EXAMPLES=5000 pytest tests/hardening/test_fuzz.py` searches longer. Every crash
a search found is kept below as an `@example`, so that it is tried on every run.
"""

from __future__ import annotations

import os
import re
import textwrap
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefings.build import assemble
from briefings.diagnostics import ContentError
from briefings.slugs import is_id, slug_from_filename, slugify
from briefings.stages.config import Overrides
from briefings.stages.write import safe_relative
from briefings.text.frontmatter import Unclosed, split

from ..conftest import MINIMAL_SITE, write_site

EXAMPLES = int(os.environ.get("BRIEFINGS_FUZZ_EXAMPLES", "0"))
FAST = settings(
    max_examples=EXAMPLES or 300,
    deadline=None,
    database=None,  # nothing written into the repository
    suppress_health_check=[HealthCheck.too_slow],
)
SLOW = settings(FAST, max_examples=EXAMPLES or 25)
"""A whole site per example: a few seconds in all."""

# Text that Markdown, YAML and our own passes (quotes, typography) treat specially.
SPECIAL = list("[]()*_`#>-+!<>&;:«»“”\"'’ \n\t\r\\|~.=0123456789aé\u00a0\u202f\x00\x07\ufeff")
TEXT = st.text(st.sampled_from(SPECIAL) | st.characters(), max_size=300)


# ---------------------------------------------------------------- slugs


@given(st.text())
@example("../../etc/passwd")
@example("con")
@example("İstanbul")
@example("\u0301")
@example("-" * 200)
@example("a" * 79 + "-b")
@FAST
def test_slugify_is_a_safe_id(text: str) -> None:
    slug = slugify(text)
    assert slug and "/" not in slug and ".." not in slug and "\\" not in slug
    assert slug == unicodedata.normalize("NFC", slug)
    assert is_id(slug) and len(slug) <= 80
    assert slugify(slug) == slug
    assert safe_relative(f"articles/{slug}/index.html")


@given(st.text())
@example("2024-03-08-")
@example("2024-03-08")
@FAST
def test_a_file_name_always_gives_a_safe_slug(stem: str) -> None:
    slug = slug_from_filename(stem)
    assert is_id(slug) and slugify(slug) == slug
    nfd = unicodedata.normalize("NFD", stem)
    assert slug_from_filename(nfd) == slug


# ---------------------------------------------------------------- front matter


LINE = st.text(st.characters(exclude_characters="\n"), max_size=40).filter(
    lambda line: line.rstrip(" \t") not in ("---", "...")
)


@given(st.lists(LINE, max_size=8), TEXT)
@example([], "")
@example(["title: x"], "---\n")
@FAST
def test_split_gives_back_the_front_matter_and_the_body(lines: list[str], body: str) -> None:
    front = "".join(f"{line}\n" for line in lines)
    text = f"---\n{front}---\n{body}"
    parts = split(text)
    assert (parts.front, parts.body) == (front, body)
    assert parts.front_line == 2
    # The body starts on the line it says, so that its diagnostics point at the file's lines.
    assert "\n".join(text.split("\n")[parts.body_line - 1 :]) == body


@given(TEXT)
@example("---")
@example("---\n")
@example("--- \t\n...\n")
@FAST
def test_split_never_fails_but_with_unclosed(text: str) -> None:
    try:
        parts = split(text)
    except Unclosed:
        assert text.split("\n", 1)[0].rstrip(" \t") == "---"
        return
    assert text.endswith(parts.body)
    if parts.front is None:
        assert parts.body == text and parts.body_line == 1


# ---------------------------------------------------------------- one article, loaded and built


@pytest.fixture(scope="module")
def fuzz_site(tmp_path_factory) -> Iterator[Path]:
    config = textwrap.dedent(MINIMAL_SITE["site.yaml"]) + "search: false\n"
    yield write_site(tmp_path_factory.mktemp("fuzz"), {**MINIMAL_SITE, "site.yaml": config})


ARTICLE = "content/articles/2024/2024-03-08-fidan-blinken.md"
FIELD = st.text(st.sampled_from(SPECIAL) | st.characters(), max_size=60)


@st.composite
def article_bytes(draw: st.DrawFn) -> bytes:
    """An article whose front matter values are written raw, whose body is anything, and whose
    bytes may carry a BOM, CRLF or a stray byte."""
    lines = [
        f"title: {draw(FIELD)}",
        f"date: {draw(st.sampled_from(['2024-03-08', '2024-02-30', '10:00', '']) | FIELD)}",
        f"source: {draw(st.sampled_from(['aa', 'no', '{name: AFP}', '[aa']) | FIELD)}",
    ]
    optional = {
        "summary": FIELD,
        "slug": st.sampled_from(["../x", "con", "a b", "012"]) | FIELD,
        "lang": st.sampled_from(["fr", "en", "no", "xx"]) | FIELD,
        "topics": st.sampled_from(["[gaza]", "[gaza, nato]", "[[gaza]]", "gaza"]) | FIELD,
        "people": st.sampled_from(["[fidan]", "fidan", "[x]"]) | FIELD,
        "draft": st.sampled_from(["false", "no", "true"]) | FIELD,
        "url": st.sampled_from(["https://aa.com.tr/x", "javascript:x()", "//x"]) | FIELD,
        "quotes": st.sampled_from(["[{text: « Oui », by: fidan}]", "[x]", "{}"]) | FIELD,
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True)):
        lines.append(f"{key}: {draw(optional[key])}")
    text = "---\n" + "\n".join(draw(st.permutations(lines))) + "\n---\n" + draw(TEXT)
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = data.replace(b"\n", b"\r\n")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if draw(st.booleans()) and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([draw(st.integers(0x80, 0xFF))]) + data[at:]
    return data


POSITION = re.compile(r"^\S+$")
HEAD = b"---\ntitle: a\ndate: 2024-03-08\nsource: aa\n"


@given(article_bytes())
@example(HEAD + b"summary: " + b"[" * 40 + b"\n---\n")  # crashed PyYAML's composer
@example(HEAD + b"---\n" + b"`x` : " * 3000)  # quadratic French typography
@example(HEAD + b"draft: true\n---\n")  # no page at all
@SLOW
def test_any_article_builds_or_is_reported_at_a_position(fuzz_site: Path, data: bytes) -> None:
    (fuzz_site / ARTICLE).write_bytes(data)
    try:
        corpus, output, _ = assemble(fuzz_site, Overrides())
    except ContentError as error:
        assert error.diagnostics
        for problem in error.diagnostics:
            assert POSITION.match(problem.path) and problem.line >= 1 and problem.col >= 1
            assert problem.message and "\n" not in problem.message
        return
    for path in output.files:
        safe_relative(path)
    pages = [p for p in output.files if p.startswith("articles/") and p.endswith("index.html")]
    assert len(pages) == len(corpus.articles)  # none for a draft
    for page in pages:
        assert b"<script" not in output.files[page].split(b"<main", 1)[-1]
