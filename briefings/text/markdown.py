"""Markdown to HTML and to blocks, with markdown-it-py.

Raw HTML is escaped unless the site opts in, only safe link schemes reach an `href`, and the
typographer stays off (its smart quotes are quadratic; French typography is our own pass, run by
the renderer on text tokens: see `typography.py`). Headings are renumbered to fit the page they are
shown in, and an image without alt text is a content error. A text with more table cells or
paragraphs than the site's limits is refused while it is parsed, before the tokens it would make.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..limits import setting
from ..model import Block, Diagnostic, Limits
from .plainmarkdown import looks_like_subhead, plain_blocks, plain_html
from .typography import french, is_french

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

    BlockRule = Callable[[StateBlock, int, int, bool], bool]
    CoreRule = Callable[[StateCore], None]
    TextRule = Callable[[object, Sequence[Token], int, object, Any], str]

SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_EMPTY_ALT = re.compile(r"!\[[ \t]*\]")
ARTICLE_HEADINGS = 2
"""An article's own headings start at h2, under the page's h1 title."""
OVERVIEW_HEADINGS = 3
"""A dossier's overview sits under an h2: its headings start at h3."""


def safe_url(url: str) -> bool:
    """Whether a link may reach an `href`: relative, a fragment, or a safe absolute scheme."""
    cleaned = "".join(ch for ch in url if ch > " " and ch != "\x7f")
    parts = urlsplit(cleaned)
    if not parts.scheme:
        return not cleaned.lower().startswith(("javascript", "vbscript", "data"))
    return parts.scheme.lower() in SAFE_SCHEMES


class TooLarge(Exception):
    """A text has more table cells or paragraphs than allowed; raised while it is parsed."""

    def __init__(self, line: int, col: int, message: str, hint: str) -> None:
        super().__init__(line, col, message, hint)
        self.line = line
        """0-based, in the text parsed."""
        self.col = col
        self.message = message
        self.hint = hint

    def diagnostic(self, text: str, first_line: int, path: str) -> Diagnostic:
        """The error, at its line of the file whose text, from line `first_line`, was parsed."""
        lines = text.split("\n")
        shown = lines[self.line] if self.line < len(lines) else ""
        line = first_line + self.line
        return Diagnostic(path, line, self.col, self.message, self.hint, source_line=shown)


@dataclass(frozen=True, slots=True)
class Markdown:
    """A configured parser and renderer."""

    raw_html: bool = False
    limits: Limits = field(default_factory=Limits)
    """Only `table_cells` and `paragraphs` apply to a text."""
    _parser: MarkdownIt | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def parser(self) -> MarkdownIt:
        """markdown-it's parser, made when first needed: most articles are plain Markdown
        (`plain_blocks`), and an edit of one need not import markdown-it (30 ms)."""
        parser = self._parser
        if parser is None:
            parser = _parser(self.raw_html, self.limits)
            object.__setattr__(self, "_parser", parser)
        return parser

    def render(self, text: str, lang: str = "", headings: int = OVERVIEW_HEADINGS) -> str:
        """The HTML of a whole Markdown document (topic overviews), headings from `headings`.

        Raises TooLarge for a text beyond the limits."""
        plain = plain_html(text, is_french(lang), self.limits.paragraphs, headings)
        if plain is not None:
            return plain
        tokens = self.parser.parse(text)
        outline(tokens, headings)
        return self.parser.renderer.render(tokens, self.parser.options, _env(lang))

    def blocks(self, text: str, first_line: int = 1, lang: str = "") -> tuple[Block, ...]:
        """The body as blocks, each with its HTML, plain text and line in the file."""
        return self.read(text, first_line, lang)[0]

    def read(
        self, text: str, first_line: int = 1, lang: str = "", path: str = ""
    ) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
        """The body as blocks, and the problems of its Markdown (images without alt text).

        `lang` is the text's language (French gets French typography in the HTML); `path` names
        the file in the problems.
        """
        plain = plain_blocks(
            text, first_line, is_french(lang), self.limits.paragraphs, ARTICLE_HEADINGS
        )
        if plain is not None:
            return plain, ()
        try:
            tokens = self.parser.parse(text)
        except TooLarge as refused:
            return (), (refused.diagnostic(text, first_line, path),)
        problems = _missing_alt(tokens, text, first_line, path)
        outline(tokens, ARTICLE_HEADINGS)
        blocks = _Splitter(self.parser, tokens, first_line, _env(lang)).split()
        return tuple(blocks), problems


def _parser(raw_html: bool, limits: Limits) -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": raw_html, "typographer": False})
    parser.enable(["table", "strikethrough"])
    parser.validateLink = safe_url  # type: ignore[method-assign]
    parser.add_render_rule("text", _text_rule())
    # The table rule's `alt`: a table may still interrupt a paragraph.
    parser.block.ruler.at(
        "table", _counted_tables(limits.table_cells), {"alt": ["paragraph", "reference"]}
    )
    paragraphs = limits.paragraphs
    # Tried first at each block: stops a million paragraphs before their tokens are made.
    parser.block.ruler.before("table", "paragraph_limit", _counted_starts(paragraphs))
    # After the blocks are found and before their inline content is parsed: list items too.
    parser.core.ruler.after("block", "paragraph_limit", _counted_blocks(paragraphs))
    return parser


_CELLS = "briefings_table_cells"
"""Where the parse's `env` counts the cells of the tables met so far."""
_BLOCKS, _MADE, _START = "briefings_blocks", "briefings_tokens", "briefings_block_start"
"""Where it counts top-level blocks, with the tokens made and the line of the last one."""
_LISTS = ("bullet_list_open", "ordered_list_open")


def _counted_tables(limit: int) -> BlockRule:
    """markdown-it's table rule, which first counts the cells of a table (rows times the
    header's columns) and raises TooLarge before making their tokens when the text's tables
    would hold more than `limit`."""
    from markdown_it.rules_block import table as table_rule

    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not table_rule(state, start, end, True):
            return False
        if silent:
            return True
        cells = state.env.get(_CELLS, 0) + _columns(state, start + 1) * (
            1 + _rows(state, start, end)
        )
        if cells > limit:
            raise TooLarge(
                start,
                _column(state, start),
                f"this table brings the cells of the file's tables to {cells:,}, "
                f"more than {limit:,}",
                f"split the table, or raise {setting('table_cells')} "
                "(a short row counts as many cells as the header)",
            )
        state.env[_CELLS] = cells
        return table_rule(state, start, end, False)

    return rule


def _line_text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _column(state: StateBlock, line: int) -> int:
    """The 1-based column where `line`'s content starts (after a quote's `>`, say)."""
    start = state.bMarks[line] + state.tShift[line]
    return start - (state.src.rfind("\n", 0, start) + 1) + 1


def _columns(state: StateBlock, delimiter: int) -> int:
    """A table's columns, as its delimiter row (`|---|:-:|`) has them: the header has as many."""
    return sum(1 for cell in _line_text(state, delimiter).split("|") if cell.strip(" \t"))


def _rows(state: StateBlock, start: int, end: int) -> int:
    """The body rows the table rule takes: it stops where it does, at a blank line, a line
    indented less, code, or the start of a block that ends a quote."""
    terminators = state.md.block.ruler.getRules("blockquote")
    line = start + 2
    while line < end:
        if state.sCount[line] < state.blkIndent or state.is_code_block(line):
            break
        if not _line_text(state, line).strip(" \t"):
            break
        if any(terminator(state, line, end, True) for terminator in terminators):
            break
        line += 1
    return line - start - 2


def _counted_starts(limit: int) -> BlockRule:
    """A block rule that matches nothing: tried first at the start of each block, it counts the
    top-level blocks that made tokens (a list counting as one) and raises TooLarge at the first
    beyond `limit`, while markdown-it has made the tokens of `limit` blocks only."""

    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if state.level != 0:
            return False
        env = state.env
        made = len(state.tokens)
        if made > env.get(_MADE, 0):  # the block that started at the last call made tokens
            env[_BLOCKS] = env.get(_BLOCKS, 0) + 1
            if env[_BLOCKS] > limit:
                raise _too_many(env[_START], limit)
        env[_MADE], env[_START] = made, start
        return False

    return rule


def _counted_blocks(limit: int) -> CoreRule:
    """A core rule that raises TooLarge at the first block beyond `limit`: paragraphs,
    headings, quotes, tables and each item of a list, as `_Splitter` makes blocks of them."""

    def rule(state: StateCore) -> None:
        count = 0
        for token in state.tokens:
            top = token.level == 0 and token.nesting >= 0 and token.type not in _LISTS
            if top or (token.level == 1 and token.type == "list_item_open"):
                count += 1
                if count > limit:
                    raise _too_many(token.map[0] if token.map else 0, limit)

    return rule


def _too_many(line: int, limit: int) -> TooLarge:
    return TooLarge(
        line,
        1,
        f"more than {limit:,} paragraphs in one file",
        f"split it into several articles, or raise {setting('paragraphs')} "
        "(headings, list items and tables count as paragraphs)",
    )


def _env(lang: str) -> dict[str, Any]:
    return {"french": is_french(lang)}


def _text_rule() -> TextRule:
    from markdown_it.common.utils import escapeHtml

    def render_text(
        self: object, tokens: Sequence[Token], idx: int, options: object, env: Any
    ) -> str:
        """Text tokens, with French typography when the text is French (never an autolink's
        URL)."""
        content = tokens[idx].content
        if env.get("french"):
            typeset = french(content)
            if typeset != content and not _in_autolink(tokens, idx):
                content = typeset
        return escapeHtml(content)

    return render_text


def _in_autolink(tokens: Sequence[Token], idx: int) -> bool:
    """Whether the text token at `idx` is the visible URL of an autolink (`<https://…>`).

    The autolink rule emits `link_open`, one `text`, `link_close`, so one look back is enough:
    scanning back through the paragraph made long French paragraphs quadratic.
    """
    previous = tokens[idx - 1] if idx > 0 else None
    return previous is not None and previous.type == "link_open" and previous.info == "auto"


def outline(tokens: Sequence[Token], top: int) -> None:
    """Renumber headings so that the first level used is `top` and none skips a level.

    The levels a writer used keep their order (`#` above `##`), but an `###` right under the page's
    heading becomes the next level down: screen readers navigate by heading level.
    """
    used = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
    rank = {level: position for position, level in enumerate(used)}
    previous, tag = top - 1, ""
    for token in tokens:
        if token.type == "heading_open":
            level = min(top + rank[int(token.tag[1])], previous + 1, 6)
            previous, tag = level, f"h{level}"
            token.tag = tag
        elif token.type == "heading_close":
            token.tag = tag


def _missing_alt(
    tokens: Sequence[Token], text: str, first_line: int, path: str
) -> tuple[Diagnostic, ...]:
    """An error for each image with no alt text, at the `![]` that opens it."""
    if "![" not in text:  # every image opens so, even inside a quote block or a table
        return ()
    lines: list[str] = []
    problems = []
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        missing = sum(1 for c in token.children if c.type == "image" and not c.content.strip())
        if not missing:
            continue
        lines = lines or text.splitlines()  # only for an article that has such an image
        start, end = token.map or (0, len(lines))
        spots = [
            (number, match.start() + 1)
            for number in range(start, min(end, len(lines)))
            for match in _EMPTY_ALT.finditer(lines[number])
        ]
        spots += [(start, 1)] * (missing - len(spots))
        for number, col in spots[:missing]:
            problems.append(
                Diagnostic(
                    path,
                    first_line + number,
                    col,
                    "image has no alt text",
                    "say what the image shows, for readers who cannot see it: "
                    "![Carte de la bande de Gaza](gaza.png)",
                    source_line=lines[number] if number < len(lines) else "",
                )
            )
    return tuple(problems)


class _Splitter:
    def __init__(
        self, parser: MarkdownIt, tokens: list[Token], first_line: int, env: dict[str, Any]
    ) -> None:
        self.parser = parser
        self.tokens = tokens
        self.first_line = first_line
        self.env = env
        self.number = 0
        self.out: list[Block] = []

    def render(self, tokens: list[Token]) -> str:
        return self.parser.renderer.render(tokens, self.parser.options, self.env)

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
            and looks_like_subhead(text)
        )
        if is_subhead:
            html = self.parser.renderer.renderInline(
                tokens[1].children or [], self.parser.options, self.env
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
