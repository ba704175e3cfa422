"""site.yaml: the site's settings, validated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import babel

from .diagnostics import Reporter
from .limits import read_limits
from .model import Config
from .yamlread import Fields, Value, load

KNOWN_KEYS = (
    "title",
    "description",
    "language",
    "base_url",
    "output",
    "cname",
    "search",
    "raw_html",
    "author",
    "paginate",
    "limits",
)
PAGINATE = 20
"""Articles per page when site.yaml does not say."""
_WHOLE = re.compile(r"[+-]?[0-9]+")
_CNAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


@dataclass(frozen=True, slots=True)
class Overrides:
    """Settings given on the command line, which win over site.yaml."""

    output: Path | None = None
    base_url: str | None = None
    drafts: bool = False


def parse_config(text: str, site_dir: Path, overrides: Overrides, reporter: Reporter) -> Config:
    """Validate site.yaml's text; problems go to `reporter`."""
    value = load(text, reporter)
    # A site.yaml that does not parse is reported once; its fields are not "missing" on top.
    fields = Fields(
        value or Value({}, 1, 1),
        reporter if value is not None else Reporter(reporter.path),
        KNOWN_KEYS,
        "site.yaml",
    )
    title = fields.text("title", required="Dossiers diplomatiques")
    language = fields.text("language", default="fr")
    if not is_language(language):
        where = fields.value("language")
        reporter.at(
            where.line if where else 1,
            where.col if where else 1,
            f"unknown language '{language}'",
            "use a BCP 47 code such as fr, en, fr-CA",
        )
        language = "fr"

    base_url = overrides.base_url or fields.text("base_url", default="http://127.0.0.1:8000/")
    base_url, problem = normalize_base_url(base_url)
    if problem:
        where = fields.value("base_url")
        reporter.at(
            where.line if where else 1,
            where.col if where else 1,
            problem,
            "write an absolute URL such as https://user.github.io/repo/",
        )

    output = overrides.output or Path(fields.text("output", default="_site"))
    output = output if output.is_absolute() else site_dir / output

    cname = fields.text("cname") or None
    if cname and not _CNAME.match(cname.lower()):
        where = fields.value("cname")
        assert where is not None
        reporter.at(
            where.line, where.col, f"'{cname}' is not a domain name", "cname: www.example.org"
        )
    return Config(
        site_dir=site_dir,
        title=title,
        description=fields.text("description"),
        language=language,
        base_url=base_url,
        base_path=urlsplit(base_url).path or "/",
        output=output.resolve(),
        drafts=overrides.drafts,
        cname=cname,
        search=fields.boolean("search", True),
        raw_html=fields.boolean("raw_html", False),
        author=fields.text("author"),
        paginate=_paginate(fields, reporter),
        limits=read_limits(fields.value("limits"), fields.reporter),
    )


def _paginate(fields: Fields, reporter: Reporter) -> int:
    """`paginate`: a whole number of articles per page, at least 1 (the default otherwise)."""
    value = fields.value("paginate")
    if value is None:
        return PAGINATE
    raw = value.data if isinstance(value.data, str) else None
    # A quoted "20" is text in YAML: refused like a quoted "true" for a boolean setting.
    if raw is not None and value.plain and _WHOLE.fullmatch(raw):
        number = int(raw)
        if number >= 1:
            return number
        reporter.at(
            value.line,
            value.col,
            f"'paginate' must be at least 1, not {number}",
            f"write 'paginate: {PAGINATE}' (articles per page)",
        )
        return PAGINATE
    shown = f"'{raw}'" if raw is not None else f"a {_kind(value.data)}"
    quoted = raw.strip() if raw is not None and _WHOLE.fullmatch(raw.strip()) else ""
    reporter.at(
        value.line,
        value.col,
        f"'paginate' must be a whole number of articles per page, not {shown}",
        f"write 'paginate: {quoted}' without quotes"
        if quoted and int(quoted) >= 1
        else f"write 'paginate: {PAGINATE}'",
    )
    return PAGINATE


def _kind(data: object) -> str:
    return "list" if isinstance(data, list) else "mapping"


def is_language(code: str) -> bool:
    """Whether Babel knows the BCP 47 language `code` (fr, en, fr-CA)."""
    try:
        babel.Locale.parse(code.replace("-", "_"))
    except (ValueError, TypeError, babel.UnknownLocaleError):
        return False
    return True


def normalize_base_url(url: str) -> tuple[str, str]:
    """The URL ending with `/`, and a problem to report (empty when fine)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "http://127.0.0.1:8000/", f"base_url '{url}' is not an absolute http(s) URL"
    if parts.query or parts.fragment:
        return url, f"base_url '{url}' must not have a query or fragment"
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}", ""
