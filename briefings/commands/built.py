"""Which folder `briefings check --built DIR` checks: the output the site's last build wrote.

The publish workflow builds once and checks what it built. The check needs what the pages were
made from (to say where a broken link is written), so DIR must be the output of the last
`briefings build` of this site, recorded in `.briefings-cache/build.json` (`stamp`), with the
site's files unchanged since: otherwise the messages would point at text that is no longer the
text of the pages. The base URL and the drafts are the build's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..incremental import stamp
from ..stages.config import Overrides
from ..stages.write import MARKER


class NotBuilt(Exception):
    """The folder cannot be checked as the site's built output; the message says why and what
    to do."""


@dataclass(frozen=True, slots=True)
class Built:
    """An output folder to check, and the settings it was built with."""

    folder: Path
    """Resolved."""
    overrides: Overrides


def built_output(site_dir: Path, given: Path, base_url: str | None, drafts: bool) -> Built:
    """The output `given` as the site's last build wrote it; raises NotBuilt. `base_url` and
    `drafts`, given on the command line, must be the build's."""
    _is_an_output(given)
    last = stamp.last_build(site_dir.resolve())
    if last is None:
        raise NotBuilt(
            f"no build of the site in {site_dir} is recorded (.briefings-cache/build.json): "
            f"build it with 'briefings build', then check {given}"
        )
    if last.output != given.resolve():
        raise NotBuilt(
            f"{given} is not the output of the site's last build, which wrote {last.output}: "
            f"check that folder, or build into this one first (briefings build --out {given})"
        )
    if not last.inputs_unchanged:
        raise NotBuilt(
            f"the site's files changed since {given} was built: build again "
            "(briefings build), then check it"
        )
    built = last.options
    if base_url is not None and base_url != built.base_url:
        was = f"--base-url {built.base_url}" if built.base_url else "site.yaml's base_url"
        raise NotBuilt(
            f"{given} was built with {was}, not --base-url {base_url}: its links are checked "
            "as they were built (leave out --base-url, or build again with it)"
        )
    if drafts and not built.drafts:
        raise NotBuilt(
            f"{given} was built without drafts: build with --drafts, or check without it"
        )
    return Built(last.output, Overrides(last.output, built.base_url, built.drafts))


def _is_an_output(given: Path) -> None:
    if not given.exists():
        raise NotBuilt(f"no built output at {given}: build the site first (briefings build)")
    if not given.is_dir():
        raise NotBuilt(f"{given} is not a folder: give the output folder 'briefings build' wrote")
    if not any(given.iterdir()):
        raise NotBuilt(f"{given} is empty: nothing was built there (briefings build)")
    if not (given / MARKER).is_file():
        raise NotBuilt(
            f"{given} was not written by briefings (it has no {MARKER} marker): give the "
            "output folder 'briefings build' wrote"
        )
