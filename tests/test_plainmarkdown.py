"""The blocks of plain Markdown made without markdown-it are those markdown-it makes."""

from __future__ import annotations

import random
import sys

import pytest

from briefings.model import Block, Limits, new_block
from briefings.text import markdown
from briefings.text.markdown import ARTICLE_HEADINGS, OVERVIEW_HEADINGS, Markdown
from briefings.text.plainmarkdown import plain_blocks, plain_html

from .conftest import REPO

PARSER = Markdown()


def _parsed(text: str, lang: str, parser: Markdown = PARSER) -> tuple[object, ...]:
    """`Markdown.read` with markdown-it only."""
    taken = markdown.plain_blocks
    markdown.plain_blocks = lambda *_: None  # type: ignore[assignment]
    try:
        return parser.read(text, 7, lang, "a.md")
    finally:
        markdown.plain_blocks = taken


def _fast(text: str, lang: str, paragraphs: int | None = None) -> object:
    limit = PARSER.limits.paragraphs if paragraphs is None else paragraphs
    return plain_blocks(text, 7, lang == "fr", limit, ARTICLE_HEADINGS)


def _body(path_text: str) -> str:
    parts = path_text.split("---", 2)
    return parts[2] if path_text.startswith("---") and len(parts) == 3 else path_text


def _generated(count: int) -> list[str]:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from generate import articles  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return [item.body for item in articles(count)]


def test_every_text_of_the_repository_and_the_benchmark_corpus_gives_the_same_blocks() -> None:
    files = [p for folder in ("content", "tests", "docs") for p in (REPO / folder).rglob("*.md")]
    texts = [_body(p.read_text(encoding="utf-8")) for p in sorted(files)]
    texts += _generated(300)
    taken = 0
    for text in texts:
        for lang in ("fr", "en"):
            fast = _fast(text, lang)
            if fast is not None:
                taken += 1
                assert (fast, ()) == _parsed(text, lang), text[:200]
    # The wire copy of the example site and the generated corpus is plain: most texts go fast.
    assert taken > 1.5 * len(texts)


EDGES = [
    # (text, taken without markdown-it)
    ("Un paragraphe.\n\nUn autre, « entre guillemets » : oui !\n", True),
    ("Deux lignes\nd'un même paragraphe ; fin ?\n", True),
    ("Premier paragraphe.\n\nLe point sur Gaza\n\nSuite du texte.\n", True),  # a subhead
    ("Le point sur Gaza\n\nSuite du texte.\n", True),  # the first block is never a subhead
    ("Premier.\n\nLe point sur Gaza\n", True),  # nor the last
    ("Premier.\n\nLe point\nsur deux lignes\n\nSuite.\n", True),
    # A subhead has nine words at most: nine, then ten.
    ("Premier.\n\nLes otages de Gaza et la trêve du Qatar\n\nSuite.\n", True),
    ("Premier.\n\nLes otages de Gaza et la trêve du Qatar hier\n\nSuite.\n", True),
    ('Il a parlé d\'un "accord" puis de "paix »\n\n## Le "plan"\n', True),
    ("Premier.\n\n## Titre\nTexte collé au titre.\n\n#### Plus bas\n\nFin.\n", True),
    ("# Un\n\n### Trois\n\n## Deux\n\n###### Six\n\nTexte.\n", True),
    ("Il cite C# et #hashtag au milieu.\n", True),
    ("12 morts, 2024 : un bilan.\n\n150 000 personnes.\n", True),
    ("Un saut\u2028de ligne Unicode, une espace\u00a0insécable.\n", True),
    ("\n\n\nAprès des lignes vides.\n\n\n", True),
    ("Deux espaces en fin de ligne  \nfont un saut.\n", False),
    ("\u00a0Une espace insécable en tête.\n", False),
    ("Une espace insécable en fin.\u00a0\n", False),
    ("    du code indenté\n", False),
    ("## Titre fermé ##\n", False),
    ("#Titre sans espace\n", False),
    ("##  Deux espaces\n", False),
    ("####### Sept\n", False),
    ("##\n", False),
    ("1. Un élément\n", False),
    ("2024) Une parenthèse\n", False),
    ("Un titre souligné\n===\n", False),
    ("Un titre souligné\n---\n", False),
    ("Texte\n- un élément\n", False),
    ("+ un élément\n", False),
    ("Une *emphase*.\n", False),
    ("Un [lien](https://example.org).\n", False),
    ("Une image ![](a.png).\n", False),
    ("Un <b>mot</b>.\n", False),
    ("A &amp; B.\n", False),
    ("Une \\* étoile.\n", False),
    ("Du ~~barré~~.\n", False),
    ("| a | b |\n| - | - |\n", False),
    ("> Une citation.\n", False),
    ("Ligne\r\nWindows.\n", False),
    ("Une\ttabulation.\n", False),
]


@pytest.mark.parametrize(("text", "taken"), EDGES)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_texts_at_the_edge_of_each_rule(text: str, taken: bool, lang: str) -> None:
    fast = _fast(text, lang)
    assert (fast is not None) == taken
    if fast is not None:
        assert (fast, ()) == _parsed(text, lang)


def test_a_text_beyond_the_paragraph_limit_is_refused_by_markdown_it_as_before() -> None:
    text = "Un.\n\nDeux.\n\n## Trois\n\nQuatre.\n"
    assert _fast(text, "fr", paragraphs=3) is None
    limited = Markdown(limits=Limits(paragraphs=3))
    blocks, problems = limited.read(text, 7, "fr", "a.md")
    assert blocks == () and "more than 3 paragraphs" in problems[0].message
    assert _fast(text, "fr", paragraphs=4) is not None


def test_random_texts_of_words_marks_and_headings() -> None:
    words = [
        *"Le ministre a déclaré « Nous refusons » : ! ? ; Gaza 2024 12 — ( ) . , … »".split(),
        *["\u00a0", "\u202f", "\u2028", '"', "“", "”", "'", "x#", "C#", "a:b", "%", "Über"],
        *["ÉTAT", "Paris", "la", "Syrie", "1.", "-", "+", "="],
    ]
    marks = ["#", "##", "###", "######", "#######"]
    rng = random.Random(18)

    def line() -> str:
        if rng.random() < 0.15:
            return rng.choice(marks) + rng.choice([" ", "  ", ""]) + rng.choice(["Titre", "Fin #"])
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
        return text + rng.choice(["", "", "", "", " "])

    taken = 0
    for _ in range(3000):
        text = "\n".join(line() if rng.random() < 0.8 else "" for _ in range(rng.randint(1, 8)))
        lang = rng.choice(["fr", "en"])
        fast = _fast(text, lang)
        if fast is not None:
            taken += 1
            assert (fast, ()) == _parsed(text, lang), repr(text)
    assert taken > 500


def test_a_block_made_directly_is_the_one_its_class_makes() -> None:
    # The readers and routing make their blocks with `new_block`, which sets the slots itself.
    fields = (
        "paragraph",
        "<p>Gaza « trêve »</p>\n",
        "Gaza « trêve »",
        12,
        3,
        0,
        "<ul>",
        "",
        ("g",),
    )
    made, made_by_class = new_block(*fields), Block(*fields)
    assert made == made_by_class and hash(made) == hash(made_by_class)
    assert repr(made) == repr(made_by_class) and type(made) is Block
    assert new_block("heading", "Un", "Un", 4, level=2) == Block("heading", "Un", "Un", 4, level=2)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Les otages de Gaza et la trêve du Qatar", "heading"),  # nine words
        ("Les otages de Gaza et la trêve du Qatar hier", "paragraph"),  # ten
        ("Les  otages\u00a0de Gaza et la trêve du Qatar", "heading"),  # any spaces between
    ],
)
def test_a_subhead_has_nine_words_at_most(line: str, kind: str) -> None:
    blocks, _ = Markdown().read(f"Premier paragraphe.\n\n{line}\n\nSuite du texte.\n", 1, "fr")
    assert [b.kind for b in blocks] == ["paragraph", kind, "paragraph"]


def _rendered(text: str, lang: str, parser: Markdown = PARSER) -> str:
    """`Markdown.render` with markdown-it only."""
    taken = markdown.plain_html
    markdown.plain_html = lambda *_: None  # type: ignore[assignment]
    try:
        return parser.render(text, lang)
    finally:
        markdown.plain_html = taken


def _overview(text: str, lang: str) -> str | None:
    return plain_html(text, lang == "fr", PARSER.limits.paragraphs, OVERVIEW_HEADINGS)


def test_the_overviews_of_plain_topics_are_markdown_its_html() -> None:
    # A topic's overview is rendered whole (`Markdown.render`), in every build: when it is
    # plain, without markdown-it; a line that reads as a subhead stays a paragraph there.
    files = [p for folder in ("content", "tests", "docs") for p in (REPO / folder).rglob("*.md")]
    texts = [_body(p.read_text(encoding="utf-8")) for p in sorted(files)]
    texts += [text for text, _ in EDGES] + _generated(100)
    taken = 0
    for text in texts:
        for lang in ("fr", "en"):
            fast = _overview(text, lang)
            if fast is not None:
                taken += 1
                assert fast == _rendered(text, lang), text[:200]
                assert PARSER.render(text, lang) == fast
    assert taken > len(texts)
    subhead = "Premier paragraphe.\n\nLe point sur Gaza\n\nSuite du texte.\n"
    assert _overview(subhead, "fr") == (
        "<p>Premier paragraphe.</p>\n<p>Le point sur Gaza</p>\n<p>Suite du texte.</p>\n"
    )
    headings = "# Un\n\n### Trois\n\nTexte « cité ».\n"
    assert _overview(headings, "fr") == (
        "<h3>Un</h3>\n<h4>Trois</h4>\n<p>Texte «\u00a0cité\u00a0».</p>\n"
    )
    assert _overview("Un *mot*.\n", "fr") is None  # markdown-it's
    assert _overview("", "fr") == _rendered("", "fr") == ""


def test_random_overviews_of_words_marks_and_headings() -> None:
    words = [*"Le ministre a déclaré « Nous refusons » : ! ? ; Gaza 2024 — ( ) . , …".split(), '"']
    rng = random.Random(8)
    taken = 0
    for _ in range(1500):
        lines = []
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.2:
                lines.append(rng.choice(["#", "##", "####"]) + " " + rng.choice(words).strip())
            elif rng.random() < 0.8:
                lines.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 9))))
            else:
                lines.append("")
        text = "\n".join(lines)
        lang = rng.choice(["fr", "en"])
        fast = _overview(text, lang)
        if fast is not None:
            taken += 1
            assert fast == _rendered(text, lang), repr(text)
    assert taken > 300


def test_a_plain_overview_beyond_the_paragraph_limit_is_refused_by_markdown_it() -> None:
    limited = Markdown(limits=Limits(paragraphs=2))
    with pytest.raises(markdown.TooLarge):
        limited.render("Un.\n\nDeux.\n\nTrois.\n", "fr")
