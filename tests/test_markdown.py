"""Markdown to blocks: anchors, lines, lists, and nothing unsafe reaching the HTML."""

from __future__ import annotations

import re

import pytest

from briefings.text.markdown import Markdown, safe_url


def test_blocks_carry_their_file_line_and_number():
    text = "Premier.\n\n## Titre\n\n- un\n- deux\n\n> cité\n\nDernier.\n"
    blocks = Markdown().blocks(text, first_line=7)
    assert [(b.kind, b.number, b.line) for b in blocks] == [
        ("paragraph", 1, 7),
        ("heading", 0, 9),
        ("item", 2, 11),
        ("item", 3, 12),
        ("blockquote", 4, 14),
        ("paragraph", 5, 16),
    ]
    assert blocks[2].list_start == "<ul>" and blocks[3].list_end == "</ul>"


def test_ordered_list_keeps_its_start():
    blocks = Markdown().blocks("3. trois\n4. quatre\n")
    assert blocks[0].list_start == '<ol start="3">'


def test_raw_html_is_escaped_unless_the_site_opts_in():
    text = "<script>alert(1)</script>\n\nTexte <img src=x onerror=alert(1)>.\n"
    html = "".join(b.html for b in Markdown().blocks(text))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    opted = "".join(b.html for b in Markdown(raw_html=True).blocks(text))
    assert "<script>" in opted


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox",
        "&#106;avascript:alert(1)",
    ],
)
def test_unsafe_links_never_reach_an_href(url):
    html = Markdown().render(f"[lien]({url}) et <{url}> et ![image]({url})\n")
    hrefs = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert all(safe_url(h) for h in hrefs), html
    assert not any(
        h.lower().lstrip().startswith(("javascript", "data:text", "vbscript")) for h in hrefs
    )
    assert "[lien]" in html  # the link was refused, its text stays as written


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://www.aa.com.tr/fr", True),
        ("/repo/articles/x/", True),
        ("#p-3", True),
        ("mailto:desk@example.org", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
    ],
)
def test_safe_url(url, safe):
    assert safe_url(url) is safe
