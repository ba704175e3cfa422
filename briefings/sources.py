"""Reading the site's files as text: the only place the pipeline touches the input folder.

Everything comes out as `\\n`-separated text without a byte-order mark, so a file saved with
CRLF or a BOM builds exactly like its LF twin, and a file that is not UTF-8 is reported at its line.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Reporter

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Larger files are refused: no wire report is that long, and it bounds the work per file."""


@dataclass(frozen=True, slots=True)
class Cap:
    """A lower size limit than MAX_FILE_BYTES for one kind of file, and the hint given with it."""

    bytes: int
    hint: str


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path
    rel: str
    """Site-relative POSIX path, for messages and URLs."""
    text: str
    digest: str


def read(
    path: Path, site_dir: Path, reporter: Reporter, cap: Cap | None = None
) -> SourceFile | None:
    """Read one file as UTF-8 text; problems go to `reporter`, and None is returned.

    A file larger than MAX_FILE_BYTES, or than `cap`, is refused before it is read."""
    rel = relative(path, site_dir)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            reporter.at(
                1,
                1,
                f"file is too large ({size // 1024 // 1024} MiB)",
                f"split it: files are limited to {MAX_FILE_BYTES // 1024 // 1024} MiB",
            )
            return None
        if cap is not None and size > cap.bytes:
            # Rounded up: a file one byte over 256 KiB is not "256 KiB, more than 256 KiB".
            reporter.at(1, 1, f"file is too large ({-(-size // 1024):,} KiB)", cap.hint)
            return None
        raw = path.read_bytes()
    except OSError as error:
        reporter.at(1, 1, f"cannot read file: {error.strerror or error}")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\0")
    if nul >= 0:
        line, col, shown = _position(raw, nul)
        reporter.at(
            line,
            col,
            f"the file contains a NUL byte at line {line}, column {col}: it is not a text file",
            "save it as plain UTF-8 text",
            shown=shown,
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col, shown = _position(raw, error.start)
        reporter.at(
            line,
            col,
            f"the file is not UTF-8: byte 0x{raw[error.start]:02x} at line {line}, column {col}",
            _encoding_hint(raw),
            shown=shown,
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    return SourceFile(path, rel, text, digest)


def _position(raw: bytes, offset: int) -> tuple[int, int, str]:
    """Line, column (in characters) and text of the line holding byte `offset`."""
    start = raw.rfind(b"\n", 0, offset) + 1
    end = raw.find(b"\n", offset)
    # Bytes before `offset` on its line decode (it is the first bad one), so count characters.
    col = len(raw[start:offset].decode("utf-8", "replace")) + 1
    shown = raw[start : len(raw) if end < 0 else end].decode("utf-8", "replace")
    return raw.count(b"\n", 0, offset) + 1, col, shown


def _encoding_hint(raw: bytes) -> str:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return "re-save the file with UTF-8 encoding"
    # Latin-1 and Windows-1252 are what French text saved by older editors usually is.
    return "it looks like Latin-1 (Windows-1252): re-save the file with UTF-8 encoding"


def relative(path: Path, site_dir: Path) -> str:
    # The common case by string prefix: `relative_to` parses both paths again on every call,
    # and loading asks this for each article file several times.
    text, root = str(path), str(site_dir)
    if os.sep == "/" and root != "/" and text.startswith(root + "/") and "//" not in text:
        return text[len(root) + 1 :]
    try:
        return path.relative_to(site_dir).as_posix()
    except ValueError:
        return path.as_posix()


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, links resolved, is inside `folder`."""
    # realpath, not resolve(): it raises no RuntimeError on a link loop, which reading reports.
    real = Path(os.path.realpath(path))
    return real.is_relative_to(os.path.realpath(folder))


def linked_folders(folder: Path) -> list[Path]:
    """Links to folders below `folder`, which `walk` does not follow: the caller reports them."""
    found = []
    for root, dirs, _ in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        found.extend(Path(root) / name for name in dirs if (Path(root) / name).is_symlink())
    return found


def walk(folder: Path, suffix: str = "") -> list[Path]:
    """Files below `folder` (sorted, hidden files and editor droppings skipped)."""
    found = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        here = Path(root)  # once a folder: a `Path` made for each of 4,000 files took 6 ms
        for name in sorted(files):
            if name.startswith(".") or name.endswith("~") or (suffix and not name.endswith(suffix)):
                continue
            found.append(here / name)
    return found
