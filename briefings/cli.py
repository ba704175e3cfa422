"""The `briefings` command: exit 0 on success, 1 on content errors, 2 on usage errors, 3 on bugs."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, stamp

if TYPE_CHECKING:
    from .config import Overrides

# The pipeline's modules are imported by the commands that use them: a build of an unchanged
# site answers before Jinja2, markdown-it and Babel would even have loaded.

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="briefings", description="Build briefing dossier sites from wire copy."
    )
    main.add_argument("--version", action="version", version=f"briefings {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")

    build_cmd = commands.add_parser("build", help="build the site into its output folder")
    _site_options(build_cmd)
    build_cmd.add_argument("--out", type=Path, help="output folder (default: site.yaml's output)")
    _quiet_option(build_cmd)
    _publishing_commands(commands)
    _serve_command(commands)
    return main


def _publishing_commands(commands: argparse._SubParsersAction) -> None:
    check_cmd = commands.add_parser("check", help="validate content and the built site's links")
    _site_options(check_cmd)
    check_cmd.add_argument(
        "--external", action="store_true", help="also check external links (needs the network)"
    )
    init_cmd = commands.add_parser("init", help="a new site with example content and a workflow")
    init_cmd.add_argument("dir", type=Path, metavar="DIR", help="the new site's folder")
    init_cmd.add_argument(
        "--force",
        action="store_true",
        help="accepted for compatibility; init never replaces a file, with or without it",
    )
    new_cmd = commands.add_parser("new", help="a new article with its front matter filled in")
    new_cmd.add_argument("title", metavar="TITLE", help="the article's title")
    new_cmd.add_argument("--topic", action="append", default=[], help="a topic id (repeatable)")
    new_cmd.add_argument(
        "--source", help="a source id of content/sources.yaml (default: TODO, to be chosen)"
    )
    new_cmd.add_argument("--site", type=Path, default=Path("."), help="the site folder (default .)")


def _serve_command(commands: argparse._SubParsersAction) -> None:
    serve_cmd = commands.add_parser(
        "serve", help="build, serve on 127.0.0.1:8000, rebuild and reload the browser on change"
    )
    _site_options(serve_cmd)
    serve_cmd.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine)"
    )
    serve_cmd.add_argument(
        "--port", type=_port, default=8000, help="port (default 8000; 0 picks a free one)"
    )
    serve_cmd.add_argument("--open", action="store_true", help="open the site in a web browser")
    _quiet_option(serve_cmd)


def _quiet_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--quiet", action="store_true", help="do not print warnings (they are still counted)"
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


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    if arguments.command is None:
        parser().print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return _run(arguments)
    except Exception as error:
        # Not the site's fault: every problem of the input is a ContentError, handled above.
        from .bugs import EXIT_INTERNAL, bug_report

        print(bug_report(error, arguments.command), file=sys.stderr)
        return EXIT_INTERNAL


def _run(arguments: argparse.Namespace) -> int:
    if arguments.command == "build":
        return run_build(arguments)
    if arguments.command == "check":
        return run_check(arguments)
    if arguments.command == "init":
        return run_init(arguments)
    if arguments.command == "new":
        return run_new(arguments)
    if arguments.command == "serve":
        return run_serve(arguments)
    return EXIT_USAGE


def _is_site_folder(site: Path) -> bool:
    """Whether `site` is a folder; says so on stderr when it is not."""
    if site.is_dir():
        return True
    print(f"briefings: error: no site folder at {site}", file=sys.stderr)
    return False


def run_build(arguments: argparse.Namespace) -> int:
    site = arguments.site
    if not _is_site_folder(site):
        return EXIT_USAGE
    started = time.perf_counter()
    out = None
    if arguments.out is not None:
        out = _out(arguments.out, site)
        if out is None:
            return EXIT_USAGE
    # The site's own place too: a copy of the site, caches and all, is not the site it records.
    options = [str(site.resolve()), str(out), str(arguments.base_url), str(arguments.drafts)]
    taken = stamp.snapshot(site.resolve(), options)
    warnings = stamp.unchanged(site.resolve(), taken)
    if warnings is not None:
        _print_warnings(warnings, arguments.quiet)
        elapsed = time.perf_counter() - started
        print(
            "nothing changed since the last build: the output is up to date "
            f"({_count(warnings)}{elapsed:.2f} s)"
        )
        return EXIT_OK
    return _full_build(site, out, arguments, taken, started)


def _out(given: Path, site: Path) -> Path | None:
    """`--out`, resolved; None, said on stderr, when it cannot be the output folder."""
    from .places import out_problem, real_folder

    problem = out_problem(given, site)
    if problem:
        print(f"briefings: error: {problem}", file=sys.stderr)
        return None
    return real_folder(given)


def _full_build(
    site: Path,
    out: Path | None,
    arguments: argparse.Namespace,
    taken: stamp.Snapshot,
    started: float,
) -> int:
    from .build import build
    from .config import Overrides
    from .diagnostics import ContentError, format_all, format_diagnostic
    from .write import OutputRefused, listing

    overrides = Overrides(output=out, base_url=arguments.base_url, drafts=arguments.drafts)
    try:
        result = build(site, overrides)
    except ContentError as error:
        print(format_all(error.diagnostics), file=sys.stderr)
        _clear_leftovers(site, overrides)
        print("build failed: the previous output was left as it was", file=sys.stderr)
        return EXIT_CONTENT
    except OutputRefused as error:
        print(f"briefings: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    warnings = [format_diagnostic(w) for w in result.warnings]
    _print_warnings(warnings, arguments.quiet)
    corpus = result.corpus
    written = listing(result.output)
    stamp.record(site.resolve(), taken, corpus.content.config.output, written, warnings)
    elapsed = time.perf_counter() - started
    print(
        f"built {len(corpus.articles)} articles into {len(corpus.dossiers)} dossiers: "
        f"{len(result.output.files) + len(result.output.kept) + len(result.output.staged)} files "
        f"({len(result.changed)} changed) in "
        f"{corpus.content.config.output} in {elapsed:.2f} s"
        + (f", {len(warnings)} warning(s)" if warnings else "")
    )
    return EXIT_OK


def _print_warnings(warnings: list[str], quiet: bool) -> None:
    from .diagnostics import shown_warnings

    if not quiet:
        for warning in shown_warnings(warnings):
            print(warning, file=sys.stderr)


def _count(warnings: list[str]) -> str:
    return f"{len(warnings)} warning(s), " if warnings else ""


def _clear_leftovers(site: Path, overrides: Overrides) -> None:
    """Finish what a killed build had committed, and remove its staging folder, even when this
    build fails: a failed build leaves the last good site, whole, and nothing else."""
    from .config import parse_config
    from .diagnostics import Reporter
    from .write import OutputRefused, check_output, clean_leftovers

    try:
        text = (site / "site.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    config = parse_config(text, site.resolve(), overrides, Reporter("site.yaml", text))
    try:
        check_output(config.output, config.site_dir)
        clean_leftovers(config.output)
    except (OutputRefused, OSError):
        return  # the build's own errors are what to report


def run_check(arguments: argparse.Namespace) -> int:
    from .check import check_site
    from .config import Overrides
    from .diagnostics import ContentError, format_all

    site = arguments.site
    if not _is_site_folder(site):
        return EXIT_USAGE
    overrides = Overrides(base_url=arguments.base_url, drafts=arguments.drafts)
    try:
        report = check_site(site, overrides, external=arguments.external)
    except ContentError as error:
        print(format_all(error.diagnostics), file=sys.stderr)
        print("check failed: the content has errors", file=sys.stderr)
        return EXIT_CONTENT
    if report.diagnostics:
        print(format_all(report.diagnostics), file=sys.stderr)
    links = report.links
    external = len(links.external)
    print(
        f"checked {links.pages} pages and {links.links} internal links; "
        f"{external} external links "
        + ("checked" if report.external_checked else "not checked (use --external)")
        + f": {report.errors} error(s), {len(report.diagnostics) - report.errors} warning(s)"
    )
    return EXIT_CONTENT if report.errors else EXIT_OK


def run_init(arguments: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, init_site

    folder = arguments.dir
    try:
        done = init_site(folder)
    except ScaffoldError as error:
        print(f"briefings: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if done.written and not done.kept:
        print(f"created a site with {len(done.written)} files in {folder}")
    elif done.written:
        print(f"added {len(done.written)} missing file(s) to {folder}:")
        print("".join(f"  {name}\n" for name in done.written), end="")
    else:
        print(f"nothing to add to {folder}: it has every file init writes")
    if done.kept:
        print("left alone, as they exist (init never replaces a file):")
        for name in done.kept:
            note = ""
            if name == "content/":
                note = " (the site's own: the example topics, articles and people are not added)"
            elif name == ".gitignore" and done.gitignore_missing:
                note = f" (it does not list {' and '.join(done.gitignore_missing)}: add them)"
            print(f"  {name}{note}")
    print(f"next: cd {folder} && briefings serve (a live preview), or briefings build")
    return EXIT_OK


def run_new(arguments: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, new_article

    try:
        path = new_article(arguments.site, arguments.title, arguments.topic, arguments.source)
    except ScaffoldError as error:
        print(f"briefings: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(path)
    steps = ["write its text in place of the placeholder line"]
    if arguments.source is None:
        steps.append("choose its source")
    print(
        f"a draft: {', '.join(steps)}, then set 'draft: false' to publish it "
        "('briefings serve --drafts' previews drafts)",
        file=sys.stderr,
    )
    return EXIT_OK


def run_serve(arguments: argparse.Namespace) -> int:
    # Imported here: the watcher and the server are not needed by the other commands.
    import errno
    import webbrowser

    from .config import Overrides
    from .content import no_config
    from .diagnostics import format_all
    from .watch import Preview

    site = arguments.site
    if not _is_site_folder(site):
        return EXIT_USAGE
    if not (site / "site.yaml").is_file():
        # Serving nothing but 404s would hide the mistake: say what `build` says, and stop.
        print(format_all([no_config(site.resolve())]), file=sys.stderr)
        return EXIT_CONTENT
    overrides = Overrides(base_url=arguments.base_url, drafts=arguments.drafts)
    try:
        preview = Preview(
            site, overrides, host=arguments.host, port=arguments.port, quiet=arguments.quiet
        )
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            print(
                f"briefings: error: port {arguments.port} is already in use on {arguments.host}; "
                "stop the other server, or choose another port with --port (--port 0 picks a "
                "free one)",
                file=sys.stderr,
            )
        else:
            print(
                f"briefings: error: cannot listen on {arguments.host}:{arguments.port}: "
                f"{error.strerror or error}",
                file=sys.stderr,
            )
        return EXIT_USAGE
    if not preview.server.hosts.loopback:
        print(
            f"briefings: warning: --host {arguments.host} makes the preview reachable from other "
            "machines on the network, drafts included, without any password",
            file=sys.stderr,
        )
    try:
        preview.start()
        print(f"serving {preview.url} (Ctrl-C to stop)", flush=True)
        if arguments.open:
            webbrowser.open(preview.url)
        preview.wait()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    except OSError as error:  # such as the system's limit on watched folders
        print(f"briefings: error: cannot watch the site's files: {error}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        preview.stop()
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
