"""The command line's grammar and help: each command with what it does, examples, exit codes."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
INTERNAL = "  3  an internal error: a bug in briefings, said as one with how to report it"

MAIN = """\
Build briefing dossier sites from wire copy: Markdown articles with YAML front matter in,
cross-linked topic dossiers out."""
MAIN_EPILOG = f"""\
examples:
  briefings init veille
  briefings serve --site veille
  briefings new "Trêve à Gaza" --topic gaza --source aa --site veille
  briefings check --site veille

exit status:
  0  success
  1  content errors, each named by its file, line and column
  2  a usage error: an unknown option, no site folder, a port in use
{INTERNAL}

'briefings COMMAND --help' says more of each command."""

COMMANDS: dict[str, tuple[str, str, str, str]] = {
    # name: (one line for the list of commands, description, examples, exit codes)
    "build": (
        "build the site into its output folder",
        """\
Build the site into its output folder (site.yaml's `output`, _site/ by default). Only the
files whose bytes changed are written; a build that fails leaves the previous output exactly
as it was. Content warnings are shown ten at most (-v: all, -q: none), and counted in the
summary. A progress bar shows on a terminal when a build takes more than a second.""",
        """\
  briefings build
  briefings build --site veille --base-url https://user.github.io/veille/
  briefings build --drafts --out /tmp/preview""",
        """\
  0  built (the summary says how many files were written and how many were unchanged)
  1  content errors: nothing was written
  2  a usage error: an unknown option, no site folder, an output folder briefings did not make""",
    ),
    "serve": (
        "build, serve on 127.0.0.1:8000, rebuild and reload the browser on change",
        """\
Build the site, serve it on this machine and rebuild it on every change to its files, reloading
the pages open in a browser. The pages are served under the path of base_url (open the address
it prints): their links start with that path, so the files of _site/ opened from the disk
(file://) show neither styles nor working links.""",
        """\
  briefings serve
  briefings serve --drafts --open
  briefings serve --site veille --port 0""",
        """\
  0  stopped with Ctrl-C
  1  no site.yaml in the site folder
  2  a usage error: the port is in use, an unknown option, no site folder""",
    ),
    "check": (
        "validate the content and the built site's links",
        """\
Validate the content, build the site into a temporary folder and check every internal link and
anchor of it; every warning is listed. A broken link is reported in the Markdown where it is
written, with every page it is on. --built DIR checks the output the last 'briefings build' wrote
into DIR instead, without building again (with that build's base URL and drafts), as the publish
workflow does. --external also checks the links to other sites (politely: a few requests per
host at a time). --figures lists every key figure's values with the file, line and words each
was read from, to review what the dossiers will show.""",
        """\
  briefings check
  briefings check --external
  briefings check --figures
  briefings check --site veille --base-url https://user.github.io/veille/
  briefings build --out _site && briefings check --built _site""",
        """\
  0  no error (warnings may be listed)
  1  content errors or broken links
  2  a usage error: an unknown option, no site folder; with --built, a folder that is not the
     output of the site's last build, or a site changed since""",
    ),
    "clean": (
        "remove the output folder and the build cache",
        """\
Remove the output folder (site.yaml's `output`, _site/ by default) and the build cache
(.briefings-cache/). Only folders briefings made are removed: an output folder without the
.briefings-output marker briefings writes into its own, or a cache that is a link, is left
alone and said.""",
        """\
  briefings clean
  briefings clean --site veille""",
        """\
  0  removed, or nothing to remove
  1  a folder was left alone: briefings did not make it
  2  a usage error: an unknown option, no site folder""",
    ),
    "init": (
        "a new site with example content and a GitHub Pages workflow",
        """\
Write a new site into DIR: site.yaml, example topics, articles, people and sources, a .gitignore
and the GitHub Pages workflow. Into a folder that has files, only what is missing is added: a
file that exists is never replaced (it is listed as left alone), and the example content is
added only where there is no content/ folder yet.""",
        """\
  briefings init veille
  briefings init .""",
        """\
  0  written, or nothing was missing
  2  a usage error: DIR is a file, an unknown option""",
    ),
    "new": (
        "a new article, a draft, with its front matter filled in",
        """\
Write a new article into content/articles/YYYY/YYYY-MM-DD-slug.md, its slug taken from the
title, and print its path. It is a draft (draft: true): its text is a placeholder line to
replace, which the build warns of and check refuses in a published article, and its source is
TODO, to be chosen, unless --source names one.""",
        """\
  briefings new "Trêve à Gaza"
  briefings new "Trêve à Gaza" --topic gaza --source aa
  briefings new "Sommet de l'OTAN" --site veille --topic nato""",
        """\
  0  written
  2  a usage error: an empty title, an unknown topic or source, a file or a slug that exists,
     no site.yaml""",
    ),
}


class _Help(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="briefings", description=MAIN, epilog=MAIN_EPILOG, formatter_class=_Help
    )
    main.add_argument("-V", "--version", action="version", version=f"briefings {__version__}")
    _verbosity(main, top=True)
    commands = main.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def command(name: str) -> argparse.ArgumentParser:
        line, description, examples, codes = COMMANDS[name]
        made = commands.add_parser(
            name,
            help=line,
            description=description,
            epilog=f"examples:\n{examples}\n\nexit status:\n{codes}\n{INTERNAL}",
            formatter_class=_Help,
        )
        _verbosity(made, top=False)
        return made

    build = command("build")
    _site_options(build)
    build.add_argument("--out", type=Path, help="output folder (default: site.yaml's output)")

    serve = command("serve")
    _site_options(serve)
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine)"
    )
    serve.add_argument(
        "--port", type=_port, default=8000, help="port (default 8000; 0 picks a free one)"
    )
    serve.add_argument("--open", action="store_true", help="open the site in a web browser")

    check = command("check")
    _site_options(check)
    check.add_argument(
        "--external", action="store_true", help="also check external links (needs the network)"
    )
    check.add_argument(
        "--figures",
        action="store_true",
        help="list every key figure's values with the words each was read from",
    )
    check.add_argument(
        "--built",
        type=Path,
        metavar="DIR",
        help="check the output the last build wrote into DIR, without building again",
    )

    clean = command("clean")
    clean.add_argument("--site", type=Path, default=Path("."), help="the site folder (default .)")
    clean.add_argument("--out", type=Path, help="output folder (default: site.yaml's output)")

    init = command("init")
    init.add_argument("dir", type=Path, metavar="DIR", help="the new site's folder")
    init.add_argument(
        "--force",
        action="store_true",
        help="accepted for compatibility; init never replaces a file, with or without it",
    )

    new = command("new")
    new.add_argument("title", metavar="TITLE", help="the article's title")
    new.add_argument("--topic", action="append", default=[], help="a topic id (repeatable)")
    new.add_argument(
        "--source", help="a source id of content/sources.yaml (default: TODO, to be chosen)"
    )
    new.add_argument("--site", type=Path, default=Path("."), help="the site folder (default .)")
    return main


def _verbosity(command: argparse.ArgumentParser, *, top: bool) -> None:
    """-q and -v, before the command or after it: a command's own leave the main one's value
    alone unless given."""
    default = False if top else argparse.SUPPRESS
    group = command.add_mutually_exclusive_group()
    group.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default,
        help="say less: errors and the summary, no warnings, no progress bar",
    )
    group.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default,
        help="say more: every warning, what came from the cache, every file written",
    )


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (0 to 65535)")
    return int(text)


def _base_url(text: str) -> str:
    from .places import base_url_problem, shown

    problem = base_url_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(f"'{shown(text)}' {problem}")
    return text


def _site_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--site", type=Path, default=Path("."), help="the site folder (default .)")
    command.add_argument(
        "--base-url", type=_base_url, help="the URL the site is published at (http(s)://host/path/)"
    )
    command.add_argument("--drafts", action="store_true", help="include draft articles")
