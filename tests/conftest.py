"""Shared fixtures: whole sites written from text, built, and read back."""

from __future__ import annotations

import hashlib
import os
import shutil
import textwrap
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from briefings.cli import main

REPO = Path(__file__).resolve().parent.parent

MINIMAL_SITE: dict[str, str] = {
    "site.yaml": """\
        title: Dossiers de test
        description: Un site de test
        language: fr
        base_url: https://user.github.io/repo/
        """,
    "content/topics/gaza.md": """\
        ---
        title: Gaza
        summary: Guerre à Gaza
        keywords: [Gaza, Hamas, Israël, israélien*, "solution à deux États"]
        order: 1
        ---
        Le dossier de Gaza.
        """,
    "content/topics/ukraine.md": """\
        ---
        title: Ukraine
        summary: Guerre en Ukraine
        keywords: [Ukraine, ukrainien*, Kiev, "mer Noire"]
        order: 2
        ---
        Le dossier de l'Ukraine.
        """,
    "content/topics/nato.md": """\
        ---
        title: OTAN
        summary: L'Alliance atlantique
        keywords: [OTAN, "Alliance atlantique"]
        order: 3
        ---
        Le dossier de l'OTAN.
        """,
    "content/people.yaml": """\
        fidan:
          name: Hakan Fidan
          role: Ministre turc des Affaires étrangères
          aliases: [Fidan, ministre Fidan]
        blinken:
          name: Antony Blinken
          role: Secrétaire d'État américain
          aliases: [Blinken, secrétaire Blinken]
        """,
    "content/sources.yaml": """\
        aa:
          name: Agence Anadolu
          url: https://www.aa.com.tr/fr
        """,
    "content/articles/2024/2024-03-08-fidan-blinken.md": """\
        ---
        title: Fidan et Blinken réunis à Washington
        date: 2024-03-08
        source: aa
        url: https://www.aa.com.tr/fr/monde/fidan-blinken/1
        ---
        Hakan Fidan et Antony Blinken ont évoqué la situation à Gaza.
        """,
}


def write_site(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write `files` (path → text, dedented, or bytes) under `root`."""
    for name, body in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(textwrap.dedent(body), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (tests/browser_support.py), shared by a module's tests."""
    from .browser_support import chromium  # here: most test modules never start a browser

    with chromium() as launched:
        yield launched


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """`make_site({path: text}, base=MINIMAL_SITE)`: a site folder; None as text drops a file."""

    def make(files: Mapping[str, str | bytes | None] | None = None, base: bool = True) -> Path:
        merged: dict[str, str | bytes | None] = dict(MINIMAL_SITE) if base else {}
        merged.update(files or {})
        site = tmp_path / "site"
        return write_site(site, {k: v for k, v in merged.items() if v is not None})

    return make


def run(*argv: str | Path) -> int:
    """Run the command line in-process; returns the exit status."""
    try:
        return main([str(a) for a in argv])
    except SystemExit as exit_:
        return int(exit_.code or 0)


def settle(site: Path, seconds_ago: float = 60, *, recent_only: bool = False) -> None:
    """Date the files of the site back, as files are when a user builds again later: the
    caches never trust the stats of a file saved in the last two seconds. `recent_only`: only
    those saved in the last ten seconds (the others keep the stats a cache may hold)."""
    now = time.time()
    for root, dirs, files in os.walk(site):
        for name in [*dirs, *files]:
            path = Path(root) / name
            if not recent_only or path.lstat().st_mtime > now - 10:
                os.utime(path, (now - seconds_ago, now - seconds_ago), follow_symlinks=False)


def manifest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file below `folder`, to compare an output before and after."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def clean_manifest(site: Path, where: Path) -> dict[str, str]:
    """`manifest` of a clean build of `site`'s input, copied to `where` without its output
    and cache: what an incremental build must equal."""
    shutil.copytree(site, where, ignore=shutil.ignore_patterns("_site", ".briefings-cache"))
    assert run("build", "--site", where) == 0
    return manifest(where / "_site")
