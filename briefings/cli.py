"""The `briefings` command: exit 0 on success, 1 on content errors, 2 on usage errors, 3 on bugs."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .incremental import stamp
from .usage import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, parser

if TYPE_CHECKING:
    from .stages.config import Overrides

# The pipeline's modules are imported by the commands that use them: a build of an unchanged
# site answers before Jinja2, markdown-it and Babel would even have loaded.

__all__ = ["main", "parser", "run"]


def say(text: str) -> None:
    """A line of what happened, on stdout (the progress bar erased first)."""
    _pause_progress()
    print(text, flush=True)


def say_error(text: str) -> None:
    """Errors and warnings on stderr, coloured on a terminal."""
    from . import console

    _pause_progress()
    print(console.paint(text, console.colour(sys.stderr)), file=sys.stderr, flush=True)


def _pause_progress() -> None:
    # No bar can be drawn before the module is imported: a build of an unchanged site, which
    # answers in the time Python starts, does not import it.
    progress = sys.modules.get("briefings.progress")
    if progress is not None:
        progress.pause()


def main(argv: Sequence[str] | None = None) -> int:
    if list(sys.argv[1:] if argv is None else argv) in (["-V"], ["--version"]):
        from . import __version__

        print(f"briefings {__version__}")  # as argparse would, without building the grammar
        return EXIT_OK
    grammar = parser()
    arguments = grammar.parse_args(argv)
    if arguments.command is None:
        grammar.print_help(sys.stderr)
        return EXIT_USAGE
    if arguments.quiet and arguments.verbose:  # one before the command, one after it
        grammar.error("argument -v/--verbose: not allowed with argument -q/--quiet")
    try:
        return _run(arguments)
    except Exception as error:
        # Not the site's fault: every problem of the input is a ContentError, handled above.
        from .bugs import EXIT_INTERNAL, bug_report

        say_error(bug_report(error, arguments.command))
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
    if arguments.command == "clean":
        return run_clean(arguments)
    return EXIT_USAGE


def _is_site_folder(site: Path) -> bool:
    """Whether `site` is a folder; says so on stderr when it is not."""
    if site.is_dir():
        return True
    say_error(f"briefings: error: no site folder at {site}")
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
    options = stamp.Options(out, arguments.base_url, arguments.drafts).listed(site.resolve())
    taken = stamp.snapshot(site.resolve(), options)
    last = stamp.last_record(site.resolve())  # read once, for the check and the writer
    warnings = stamp.unchanged(site.resolve(), taken, last)
    if warnings is not None:
        _print_warnings(warnings, arguments)
        elapsed = time.perf_counter() - started
        say(
            "nothing changed since the last build: the output is up to date "
            f"({_count(warnings)}{elapsed:.2f} s)"
        )
        return EXIT_OK
    from . import progress

    with progress.shown(sys.stderr, enabled=not arguments.quiet):
        return _full_build(site, out, arguments, taken, started, last)


def _out(given: Path, site: Path) -> Path | None:
    """`--out`, resolved; None, said on stderr, when it cannot be the output folder."""
    from .places import out_problem, real_folder

    problem = out_problem(given, site)
    if problem:
        say_error(f"briefings: error: {problem}")
        return None
    return real_folder(given)


def _full_build(
    site: Path,
    out: Path | None,
    arguments: argparse.Namespace,
    taken: stamp.Snapshot,
    started: float,
    last: dict[str, object],
) -> int:
    from . import console
    from .build import BuildCache, build, collector_paused
    from .diagnostics import ContentError, format_all, format_diagnostic
    from .stages.config import Overrides
    from .stages.write import MARKER, OutputRefused, listing

    overrides = Overrides(output=out, base_url=arguments.base_url, drafts=arguments.drafts)
    cache = BuildCache.on_disk(site, last)
    # Off from the build to its record, not only in the build's stages: the interpreter sizes its
    # next full collection by the objects it found in its last (before the build), so the
    # record's lists alone set one off that walked the whole site (1.2 s at 20,000 articles).
    with collector_paused():
        try:
            result = build(site, overrides, cache)
        except ContentError as error:
            say_error(format_all(error.diagnostics))
            _clear_leftovers(site, overrides)
            say_error("build failed: the previous output was left as it was")
            return EXIT_CONTENT
        except OutputRefused as error:
            say_error(f"briefings: error: {error}")
            return EXIT_USAGE
        warnings = [format_diagnostic(w) for w in result.warnings]
        _print_warnings(warnings, arguments)
        corpus = result.corpus
        written = listing(result.output)
        output = corpus.content.config.output
        stamp.record(site.resolve(), taken, output, written, warnings, result.stats)
    if arguments.verbose:
        say(
            f"{cache.analyses.hits} of {len(corpus.articles)} articles' analyses came from the "
            f"cache; {cache.pages.rendered} pages were rendered again, the others reused"
        )
    files = written - {MARKER}
    say(
        console.summary(
            articles=len(corpus.articles),
            dossiers=len(corpus.dossiers),
            written=len(result.changed & files),
            unchanged=len(files - result.changed),
            removed=len(result.changed - files - {MARKER}),
            output=corpus.content.config.output,
            seconds=time.perf_counter() - started,
            warnings=len(warnings),
        )
    )
    return EXIT_OK


def _print_warnings(warnings: list[str], arguments: argparse.Namespace) -> None:
    """Ten warnings at most and the count of the rest; all with -v, none with -q."""
    from .diagnostics import shown_warnings

    if arguments.quiet:
        return
    for warning in warnings if arguments.verbose else shown_warnings(warnings):
        say_error(warning)


def _count(warnings: list[str]) -> str:
    return f"{len(warnings)} warning(s), " if warnings else ""


def _clear_leftovers(site: Path, overrides: Overrides) -> None:
    """Finish what a killed build had committed, and remove its staging folder, even when this
    build fails: a failed build leaves the last good site, whole, and nothing else."""
    from .diagnostics import Reporter
    from .stages.config import parse_config
    from .stages.write import OutputRefused, check_output, clean_leftovers

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
    from . import progress
    from .commands.check import check_built, check_site
    from .commands.figurelist import listing as figures_listing
    from .commands.figuresources import listing as sources_listing
    from .commands.unknown import listing
    from .diagnostics import ContentError, format_all
    from .i18n import Language
    from .stages.config import Overrides

    site = arguments.site
    if not _is_site_folder(site):
        return EXIT_USAGE
    built = None
    if arguments.built is not None:
        from .commands.built import NotBuilt, built_output

        try:
            built = built_output(site, arguments.built, arguments.base_url, arguments.drafts)
        except NotBuilt as error:
            say_error(f"briefings: error: {error}")
            return EXIT_USAGE
    overrides = Overrides(base_url=arguments.base_url, drafts=arguments.drafts)
    try:
        with progress.shown(sys.stderr, enabled=not arguments.quiet):
            if built is None:
                report = check_site(site, overrides, external=arguments.external)
            else:
                report = check_built(site, built, external=arguments.external)
    except ContentError as error:
        say_error(format_all(error.diagnostics))
        say_error("check failed: the content has errors")
        return EXIT_CONTENT
    shown = [d for d in report.diagnostics if d.severity == "error" or not arguments.quiet]
    if shown:
        say_error(format_all(shown))
    links = report.links
    external = len(links.external)
    say(
        f"checked {links.pages} pages and {links.links} internal links; "
        f"{external} external links "
        + ("checked" if report.external_checked else "not checked (use --external)")
        + f": {report.errors} error(s), {len(report.diagnostics) - report.errors} warning(s)"
    )
    if not arguments.quiet and report.unknown:
        say(listing(report.unknown, Language(report.language)).rstrip("\n"))
    if not arguments.quiet and report.sources:
        say(sources_listing(report.sources, Language(report.language)).rstrip("\n"))
    if arguments.figures:
        say(figures_listing(report.figures, Language(report.language)).rstrip("\n"))
    return EXIT_CONTENT if report.errors else EXIT_OK


def run_init(arguments: argparse.Namespace) -> int:
    from .commands.scaffold import ScaffoldError, init_site

    folder = arguments.dir
    try:
        done = init_site(folder)
    except ScaffoldError as error:
        say_error(f"briefings: error: {error}")
        return EXIT_USAGE
    if arguments.quiet:
        return EXIT_OK
    if done.written and not done.kept and not arguments.verbose:
        say(f"created a site with {len(done.written)} files in {folder}")
    elif done.written:
        what = "file(s)" if not done.kept else "missing file(s)"
        say(f"added {len(done.written)} {what} to {folder}:")
        for name in done.written:
            say(f"  {name}")
    else:
        say(f"nothing to add to {folder}: it has every file init writes")
    if done.kept:
        say("left alone, as they exist (init never replaces a file):")
        for name in done.kept:
            note = ""
            if name == "content/":
                note = " (the site's own: the example topics, articles and people are not added)"
            elif name == ".gitignore" and done.gitignore_missing:
                note = f" (it does not list {' and '.join(done.gitignore_missing)}: add them)"
            say(f"  {name}{note}")
    say(f"next: cd {folder} && briefings serve (a live preview), or briefings build")
    return EXIT_OK


def run_new(arguments: argparse.Namespace) -> int:
    from .commands.scaffold import ScaffoldError, new_article

    try:
        path = new_article(arguments.site, arguments.title, arguments.topic, arguments.source)
    except ScaffoldError as error:
        say_error(f"briefings: error: {error}")
        return EXIT_USAGE
    say(str(path))
    if arguments.quiet:
        return EXIT_OK
    steps = ["write its text in place of the placeholder line"]
    if arguments.source is None:
        steps.append("choose its source")
    print(
        f"a draft: {', '.join(steps)}, then set 'draft: false' to publish it "
        "('briefings serve --drafts' previews drafts)",
        file=sys.stderr,
    )
    return EXIT_OK


def run_clean(arguments: argparse.Namespace) -> int:
    from . import console
    from .commands.clean import clean_site

    site = arguments.site
    if not _is_site_folder(site):
        return EXIT_USAGE
    out = None
    if arguments.out is not None:
        out = _out(arguments.out, site)
        if out is None:
            return EXIT_USAGE
    done = clean_site(site, out)
    for reason in done.left:
        say_error(f"briefings: error: {reason}")
    if not arguments.quiet:
        if done.removed:
            removed = " and ".join(
                f"{console.shown_folder(folder)} ({console.plural(count, 'file')})"
                for folder, count in done.removed
            )
            say(f"removed {removed}")
        elif not done.left:
            say(f"nothing to clean in {site}: no output folder, no cache")
    return EXIT_CONTENT if done.left else EXIT_OK


def run_serve(arguments: argparse.Namespace) -> int:
    # Imported here: the watcher and the server are not needed by the other commands.
    import errno
    import webbrowser

    from . import progress
    from .diagnostics import format_all
    from .preview.watch import Preview
    from .stages.config import Overrides
    from .stages.content import no_config

    site = arguments.site
    if not _is_site_folder(site):
        return EXIT_USAGE
    if not (site / "site.yaml").is_file():
        # Serving nothing but 404s would hide the mistake: say what `build` says, and stop.
        say_error(format_all([no_config(site.resolve())]))
        return EXIT_CONTENT
    overrides = Overrides(base_url=arguments.base_url, drafts=arguments.drafts)
    try:
        preview = Preview(
            site,
            overrides,
            host=arguments.host,
            port=arguments.port,
            log=say,
            errors=say_error,
            quiet=arguments.quiet,
            verbose=arguments.verbose,
        )
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            say_error(
                f"briefings: error: port {arguments.port} is already in use on {arguments.host}; "
                "stop the other server, or choose another port with --port (--port 0 picks a "
                "free one)"
            )
        else:
            say_error(
                f"briefings: error: cannot listen on {arguments.host}:{arguments.port}: "
                f"{error.strerror or error}"
            )
        return EXIT_USAGE
    if not preview.server.hosts.loopback:
        say_error(
            f"briefings: warning: --host {arguments.host} makes the preview reachable from other "
            "machines on the network, drafts included, without any password"
        )
    try:
        with progress.shown(sys.stderr, enabled=not arguments.quiet):
            preview.start()  # the first build, with a progress bar if it is long
        say(f"serving {preview.url} (Ctrl-C to stop)")
        if arguments.open:
            webbrowser.open(preview.url)
        preview.wait()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    except OSError as error:  # such as the system's limit on watched folders
        say_error(f"briefings: error: cannot watch the site's files: {error}")
        return EXIT_USAGE
    finally:
        preview.stop()
    return EXIT_OK


def run() -> None:
    """The `briefings` program: `main`, then the process ends at once.

    A build leaves hundreds of thousands of objects behind (the site's pages, analyses and
    templates hold each other). The interpreter's orderly shutdown collects and frees them one
    by one, a third of a second at 4,000 articles; the system takes back the whole process in
    no time. Every file was closed and every worker process joined when `main` returned: only
    the output streams are left to flush.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`briefings build | head`)
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
