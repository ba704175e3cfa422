"""site.yaml's `limits:`: what one file and the whole output may cost, validated.

Each limit is a whole number of at least 1; an unknown key is an error with the closest known
one. The file-size limit cannot exceed the 8 MiB beyond which no file is read at all.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields

from .diagnostics import Reporter
from .model import Limits
from .sources import MAX_FILE_BYTES
from .text.yamlread import Fields, Value

DEFAULTS = Limits()
KEYS = tuple(field.name for field in dataclass_fields(Limits))
MAX_ARTICLE_KIB = MAX_FILE_BYTES // 1024


def setting(key: str) -> str:
    """How a hint names the setting of limit `key`."""
    return f"'{key}' in site.yaml's 'limits:'"


def read_limits(value: Value | None, reporter: Reporter) -> Limits:
    """The limits written under `limits:` (`value`), the defaults for those not written."""
    if value is None:
        return DEFAULTS
    fields = Fields(value, reporter, KEYS, "'limits'")
    if not fields.usable:
        return DEFAULTS
    found = {key: fields.whole(key, getattr(DEFAULTS, key)) for key in KEYS}
    article = fields.value("article_kib")
    if found["article_kib"] > MAX_ARTICLE_KIB and article is not None:
        reporter.at(
            article.line,
            article.col,
            f"'article_kib' can be at most {MAX_ARTICLE_KIB}, not {found['article_kib']}",
            f"no file larger than {MAX_FILE_BYTES // 1024 // 1024} MiB is read",
        )
        found["article_kib"] = DEFAULTS.article_kib
    return Limits(**found)
