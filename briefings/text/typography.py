"""French typography: non-breaking spaces where French punctuation wants them.

The rule, applied to the text of French articles and topics and to nothing else:

- inside « », the space is a no-break space (U+00A0); one is added if the writer typed none;
- the spaces typed before `:` become one no-break space (U+00A0), the spaces typed before `;`, `!`
  and `?` one narrow no-break space (U+202F), as the Imprimerie nationale's rules have it.

No space is *added* before `: ; ! ?`: a bare URL (`https://…?q=1`) or a time (`10:30`) in the text
must stay as written. In Markdown the rule runs on text tokens only, never on inline code, code
blocks, raw HTML, link targets or the text of autolinks (`markdown.py` calls it from the renderer);
the plain text the builder routes and quotes from (`Block.text`) stays as written. The search page
applies the same rule to the excerpts Pagefind returns (`theme/static/search.js`), as Pagefind
gives them back with plain spaces.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NNBSP = "\u202f"

_SPACE_CHARS = " \t\u00a0\u202f"
_SPACES = f"[{_SPACE_CHARS}]"
_OPENING = re.compile(f"«{_SPACES}*")


def is_french(lang: str) -> bool:
    """Whether a BCP 47 tag (`fr`, `fr-CA`) is French."""
    return lang.split("-")[0].lower() == "fr"


def french(text: str) -> str:
    """`text` with French non-breaking spaces (see the module's rule)."""
    # Each rule runs only where its mark is (most text tokens have none): a substring test is
    # far cheaper than a regex pass, and no rule adds or removes a mark.
    if "«" in text:
        text = _OPENING.sub("«" + NBSP, text)
    if "»" in text:
        text = _spaced(text, "»", NBSP, always=True)
    if ":" in text:
        text = _spaced(text, ":", NBSP)
    for mark in ";!?":
        if mark in text:
            text = _spaced(text, mark, NNBSP)
    return text


def _spaced(text: str, mark: str, space: str, *, always: bool = False) -> str:
    """`text` with the spaces typed before each `mark` made one `space`; with `always`, one
    added where none was typed.

    Cut at the marks rather than searched with a pattern that opens with spaces, which the regex
    engine tries at every character of the text (a third of the search records' making)."""
    pieces = text.split(mark)
    for i in range(len(pieces) - 1):
        piece = pieces[i]
        bare = piece.rstrip(_SPACE_CHARS)
        if always or len(bare) != len(piece):
            pieces[i] = bare + space
    return mark.join(pieces)


def for_language(text: str, lang: str) -> str:
    """`text` set for `lang`: French typography for French, unchanged otherwise."""
    return french(text) if is_french(lang) else text
