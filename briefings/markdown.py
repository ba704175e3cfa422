"""Markdown to HTML and to blocks, with markdown-it-py.

Raw HTML is escaped unless the site opts in, only safe link schemes reach an `href`, and the
typographer stays off (its smart quotes are quadratic; French typography is our own pass).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .model import Block

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
# A short line standing alone, no sentence punctuation at its end: wire copy's plain-line subheads.
_SUBHEAD_END = re.compile(r"[.!?:;,…»\"”’)\]]$")
_SUBHEAD_MAX_WORDS = 9


def safe_url(url: str) -> bool:
    """Whether a link may reach an `href`: relative, a fragment, or a safe absolute scheme."""
    cleaned = "".join(ch for ch in url if ch > " " and ch != "\x7f")
    parts = urlsplit(cleaned)
    if not parts.scheme:
        return not cleaned.lower().startswith(("javascript", "vbscript", "data"))
    return parts.scheme.lower() in SAFE_SCHEMES


@dataclass(frozen=True, slots=True)
class Markdown:
    """A configured parser and renderer."""

    raw_html: bool = False
    parser: MarkdownIt = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parser = MarkdownIt("commonmark", {"html": self.raw_html, "typographer": False})
        parser.enable(["table", "strikethrough"])
        parser.validateLink = safe_url  # type: ignore[method-assign]
        object.__setattr__(self, "parser", parser)

    def render(self, text: str) -> str:
        """The HTML of a whole Markdown document (topic overviews)."""
        return self.parser.render(text)

    def blocks(self, text: str, first_line: int = 1) -> tuple[Block, ...]:
        """The body as blocks, each with its HTML, plain text and line in the file."""
        tokens = self.parser.parse(text)
        return tuple(_Splitter(self.parser, tokens, first_line).split())


class _Splitter:
    def __init__(self, parser: MarkdownIt, tokens: list[Token], first_line: int) -> None:
        self.parser = parser
        self.tokens = tokens
        self.first_line = first_line
        self.number = 0
        self.out: list[Block] = []

    def render(self, tokens: list[Token]) -> str:
        return self.parser.renderer.render(tokens, self.parser.options, {})

    def line(self, token: Token) -> int:
        return self.first_line + (token.map[0] if token.map else 0)

    def next_number(self) -> int:
        self.number += 1
        return self.number

    def split(self) -> list[Block]:
        index = 0
        tokens = self.tokens
        while index < len(tokens):
            token = tokens[index]
            end = _closing(tokens, index)
            if token.type == "paragraph_open":
                self.paragraph(tokens[index : end + 1], index, end)
            elif token.type == "heading_open":
                self.out.append(
                    Block(
                        "heading",
                        self.render(tokens[index + 1 : end]),
                        plain_text(tokens[index + 1 : end]),
                        self.line(token),
                        level=int(token.tag[1]),
                    )
                )
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                self.items(tokens[index : end + 1])
            elif token.type == "blockquote_open":
                inner = tokens[index + 1 : end]
                self.out.append(
                    Block(
                        "blockquote",
                        self.render(inner),
                        _paragraphs_text(inner),
                        self.line(token),
                        self.next_number(),
                    )
                )
            else:
                self.out.append(
                    Block("other", self.render(tokens[index : end + 1]), "", self.line(token))
                )
            index = end + 1
        return self.out

    def paragraph(self, tokens: list[Token], index: int, end: int) -> None:
        text = plain_text(tokens)
        is_subhead = (
            index > 0
            and end + 1 < len(self.tokens)
            and self.tokens[end + 1].type == "paragraph_open"
            and "\n" not in tokens[1].content
            and len(text.split()) <= _SUBHEAD_MAX_WORDS
            and text[:1].isupper()
            and not _SUBHEAD_END.search(text.rstrip())
            and not any(mark in text for mark in '«»"“”')
        )
        if is_subhead:
            html = self.parser.renderer.renderInline(
                tokens[1].children or [], self.parser.options, {}
            )
            self.out.append(Block("heading", html, text, self.line(tokens[0]), level=2))
            return
        self.out.append(
            Block("paragraph", self.render(tokens), text, self.line(tokens[0]), self.next_number())
        )

    def items(self, tokens: list[Token]) -> None:
        opening = tokens[0]
        start = opening.attrGet("start")
        tag = opening.tag
        list_start = f'<{tag} start="{int(start)}">' if start and tag == "ol" else f"<{tag}>"
        items = []
        index = 1
        while index < len(tokens) - 1:
            end = _closing(tokens, index)
            inner = tokens[index + 1 : end]
            items.append((tokens[index], inner))
            index = end + 1
        for position, (item, inner) in enumerate(items):
            self.out.append(
                Block(
                    "item",
                    self.render(inner),
                    _paragraphs_text(inner),
                    self.line(item),
                    self.next_number(),
                    list_start=list_start if position == 0 else "",
                    list_end=f"</{tag}>" if position == len(items) - 1 else "",
                )
            )


def _closing(tokens: list[Token], index: int) -> int:
    """Index of the token that closes the one at `index` (itself for a self-contained token)."""
    token = tokens[index]
    if token.nesting != 1:
        return index
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    return len(tokens) - 1


def plain_text(tokens: list[Token]) -> str:
    """The visible text of inline tokens, soft breaks as spaces."""
    parts: list[str] = []
    for token in tokens:
        if token.type != "inline":
            continue
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif child.type == "image":
                parts.append(child.content)
    return "".join(parts).strip()


def _paragraphs_text(tokens: list[Token]) -> str:
    """Plain text of nested paragraphs, separated by blank lines (so quotes can span them)."""
    texts = [plain_text([t]) for t in tokens if t.type == "inline"]
    return "\n\n".join(t for t in texts if t)
