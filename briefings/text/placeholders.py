"""What `briefings new` writes in place of what only the editor can give, and how the build
recognises it: a source to choose, a body to write. Shared by the scaffold that writes them and
the content stage that reports them while they are there."""

from __future__ import annotations

import re

SOURCE_PLACEHOLDER = "TODO"
"""The source of an article `new` wrote without --source: not an id (ids are lower-case)."""
BODY_PLACEHOLDER = (
    "<!-- briefings new : écrivez ici le texte de l'article, à la place de cette ligne. -->",
    "<!-- briefings new: write the article's text here, in place of this line. -->",
)
"""The text of an article `new` wrote (French, English), found by `placeholder_line`."""
_PLACEHOLDER_LINE = re.compile(r"\s*<!--\s*briefings new\b")


def placeholder_line(body: str) -> int | None:
    """The 0-based line of `body` that still holds the placeholder `new` wrote, if any."""
    if "briefings new" not in body:
        return None
    return next(
        (n for n, line in enumerate(body.splitlines()) if _PLACEHOLDER_LINE.match(line)), None
    )
