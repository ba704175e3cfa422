"""site.yaml: the site's settings, validated."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import babel

from ..diagnostics import Reporter
from ..limits import read_limits
from ..model import Config
from ..places import (
    BASE_URL_HINT,
    DEFAULT_BASE_URL,
    normalize_base_url,
    out_problem,
    output_problem,
    real_folder,
    shown,
)
from ..text.yamlread import Fields, Value, load

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
REFUSED_OUTPUT = Path(os.devnull)
"""The output of a site whose output folder is refused: not a folder, so nothing is written
there (`check_output` refuses it) and the preview finds nothing in it."""
INTERFACES = ("fr", "en")
"""The languages the interface's text exists in (`i18n.MESSAGES`); others read English."""
PAGINATE = 20
"""Articles per page when site.yaml does not say."""
_CNAME = re.compile(r"(?=.{1,253}\Z)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


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
    elif language.split("-")[0].lower() not in INTERFACES:
        where = fields.value("language")
        assert where is not None  # the default has an interface
        reporter.at(
            where.line,
            where.col,
            "the interface's text exists in French and English only: a site in "
            f"'{language}' gets it in English, with dates and numbers in '{language}'",
            "language: fr or language: en; an article in another language says so with its "
            "own 'lang:'",
            warning=True,
        )

    base_url = _base_url(fields, overrides, reporter)

    output = _output(fields, overrides, site_dir, reporter)
    cname = fields.text("cname") or None
    if cname and not _CNAME.fullmatch(cname.lower()):
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
        output=output,
        drafts=overrides.drafts,
        cname=cname,
        search=fields.boolean("search", True),
        raw_html=fields.boolean("raw_html", False),
        author=fields.text("author"),
        paginate=fields.whole(
            "paginate", PAGINATE, per=" of articles per page", note=" (articles per page)"
        ),
        limits=read_limits(fields.value("limits"), fields.reporter),
    )


def _base_url(fields: Fields, overrides: Overrides, reporter: Reporter) -> str:
    """site.yaml's `base_url`, checked even when `--base-url` wins over it."""
    written = fields.text("base_url", default=DEFAULT_BASE_URL)
    base_url, problem = normalize_base_url(written)
    if problem:
        where = fields.value("base_url")
        reporter.at(
            where.line if where else 1,
            where.col if where else 1,
            f"base_url '{shown(written)}' {problem}",
            BASE_URL_HINT,
        )
    if not overrides.base_url:
        return base_url
    base_url, problem = normalize_base_url(overrides.base_url)
    if problem:  # the command line refuses it first, as a usage error
        raise ValueError(f"--base-url '{shown(overrides.base_url)}' {problem}")
    return base_url


def _output(fields: Fields, overrides: Overrides, site_dir: Path, reporter: Reporter) -> Path:
    """The output folder, resolved: `--out`, or site.yaml's `output` (checked even when `--out`
    wins over it), or `_site`; REFUSED_OUTPUT when site.yaml's cannot be one."""
    written = fields.text("output", default="_site")
    where = fields.value("output")
    output = Path(written) if Path(written).is_absolute() else site_dir / written
    # `_site` unwritten is checked too: the repository may hold it, as a link.
    problem, hint = output_problem(output, site_dir) if where or not overrides.output else ("", "")
    if problem:
        reporter.at(
            where.line if where else 1,
            where.col if where else 1,
            f"the output folder '{shown(written)}' {problem}",
            hint,
        )
    if overrides.output:
        given = out_problem(overrides.output, site_dir)
        if given:  # the command line refuses it first, as a usage error
            raise ValueError(given)
        return real_folder(overrides.output) or overrides.output
    return REFUSED_OUTPUT if problem else real_folder(output) or output


def is_language(code: str) -> bool:
    """Whether Babel knows the BCP 47 language `code` (fr, en, fr-CA)."""
    try:
        babel.Locale.parse(code.replace("-", "_"))
    except (ValueError, TypeError, babel.UnknownLocaleError):
        return False
    return True
