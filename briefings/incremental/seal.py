"""Telling what this machine made from what came with the site: a key kept outside the site.

A site is a Git repository that may take contributions from anyone, and everything in its folder
may have been written by someone else: the caches in `.briefings-cache/`, a staging folder or a
journal beside the output. Whatever briefings reads back from there to skip work (cached HTML,
what a page was made from, what the output held) or to move and delete files (a journal) is
sealed with a message authentication code under a key that never enters the site folder:
`$XDG_CACHE_HOME/briefings/key` (`~/.cache/briefings/key`), made on first use, readable by its
owner only. A seal that does not verify means "not made here": the thing is ignored (a cache is
rebuilt, a staging folder left alone), never trusted.

The publish workflow keeps that folder with `.briefings-cache/` in its Actions cache, so that
its next run can trust the caches its previous run made (docs/publishing.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import sys
import weakref
from functools import lru_cache
from pathlib import Path

KEY_BYTES = 32
MAC_CHARS = 32
"""A seal is 16 bytes of keyed BLAKE2b, written in hex."""


def key_path() -> Path:
    """Where the machine's key lives: the user's cache folder, outside every site."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefings" / "key"


@lru_cache(maxsize=1)
def machine_key() -> bytes:
    """The key, made on first use. Where it cannot be kept, a key for this process only: what
    it seals is then trusted by nothing that runs later, which costs speed, never safety."""
    path = key_path()
    try:
        key = path.read_bytes()
        if len(key) == KEY_BYTES:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_name(f"key.{os.getpid()}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(key)
        try:
            os.link(temporary, path)  # never replaces a key another process made meanwhile
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
        return path.read_bytes()
    except OSError:
        return key


def mac(data: bytes | memoryview, *, purpose: str) -> str:
    """The seal of `data` for one `purpose` (a seal made for one use never passes for another)."""
    keyed = hashlib.blake2b(data, key=machine_key(), digest_size=MAC_CHARS // 2)
    keyed.update(b"\0" + purpose.encode())
    return keyed.hexdigest()


def verify(data: bytes | memoryview, seal: str, *, purpose: str) -> bool:
    return hmac.compare_digest(mac(data, purpose=purpose), seal)


def seal_line(line: str, *, purpose: str) -> str:
    """One line of a cache file (JSON, no newline), sealed: `<seal> <line>\\n`."""
    return f"{mac(line.encode(), purpose=purpose)} {line}\n"


def open_line(sealed: str, *, purpose: str) -> str | None:
    """The line `seal_line` sealed, or None when it was not made here (or was cut short)."""
    seal, _, line = sealed.rstrip("\n").partition(" ")
    if len(seal) != MAC_CHARS or not verify(line.encode(), seal, purpose=purpose):
        return None
    return line


def note_foreign(path: Path, outcome: str = "ignored, and made again") -> None:
    """Say on the console that `path` was not made here, and what becomes of it."""
    print(
        f"note: {path} was not made by briefings on this machine (or by an older version): "
        f"{outcome}",
        file=sys.stderr,
        flush=True,
    )


def read_lines(
    path: Path, *, purpose: str, say: bool = True
) -> tuple[list[bytes | None], bool] | None:
    """The lines of a file written with `seal_line`, each opened (None for one that does not
    verify: cut short by a kill, or added by someone else), as UTF-8 bytes for `json.loads`,
    and whether the file ends with a whole line. None when the file is absent, empty, or its
    first line was not sealed here: then the whole file is someone else's, and the console says
    so.

    Bytes, cut at line feeds only: decoding tens of megabytes to check each line's seal on its
    encoding again cost a fifth of reading a large site's caches, and `str.splitlines` also cut
    inside a line at a U+2028 or U+2029, which JSON leaves as it is in a string."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    raw = data.split(b"\n")
    whole = data.endswith(b"\n")
    if whole:
        raw.pop()  # what follows the last line feed: nothing
    if not raw:
        return None
    lines = [_opened(line, purpose) for line in raw]
    if lines[0] is None:
        if say:
            note_foreign(path)
        return None
    return lines, whole


def read_after(
    path: Path, *, purpose: str, header: dict[str, object]
) -> tuple[list[bytes | None], bool] | None:
    """The lines after the first of a file written with `seal_line` (`read_lines`), when that
    first line is `header` in JSON, and whether the file ends with a whole line; None when it
    is absent, someone else's, or made for another format, key or folder."""
    read = read_lines(path, purpose=purpose)
    if read is None:
        return None
    lines, whole = read
    try:
        if json.loads(lines[0] or "") != header:
            return None
    except ValueError:
        return None
    return lines[1:], whole


def seal_record(data: bytes, *, purpose: str) -> bytes:
    """`data` as a record of a binary file (`read_records`): its seal, its length in four
    bytes, and itself."""
    return mac(data, purpose=purpose).encode() + len(data).to_bytes(4, "little") + data


def read_records(
    path: Path, *, purpose: str, say: bool = True
) -> tuple[list[memoryview | None], bool] | None:
    """The records of a file written with `seal_record`, each opened (None for one that does
    not verify), as views of the file's bytes (none copied: the analysis cache's 6 MB), and
    whether the file ends with a whole record. None when the file is absent, empty, or its
    first record was not sealed here (then the console says so, as `read_lines` does)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    view = memoryview(data)
    records: list[memoryview | None] = []
    at, end, head = 0, len(data), MAC_CHARS + 4
    while at + head <= end:
        start = at + head
        stop = start + int.from_bytes(data[at + MAC_CHARS : start], "little")
        if stop > end:
            break  # cut short by a kill
        record = view[start:stop]
        sealed = mac(record, purpose=purpose).encode()
        records.append(record if hmac.compare_digest(sealed, data[at : at + MAC_CHARS]) else None)
        at = stop
    if not records or records[0] is None:
        if records and say:
            note_foreign(path)
        return None
    return records, at == end


class Pieces:
    """A file of pieces each sealed where it is pointed at (a sealed line or record holding its
    offset, length and seal): a piece is read by offset, and checked, only when asked for, so
    that a build reads and checks the few it needs rather than every byte of the file. Opened
    once (a file replaced later is not seen: its pieces would not verify anyway), read with
    `os.pread`, which forked processes share without a shared position. A piece that does not
    verify is never used: the file that points at it (`index`) is deleted, for the next build
    to write both anew, and the console says what becomes of it (`outcome`)."""

    __slots__ = ("__weakref__", "fd", "index", "outcome", "path", "size")

    def __init__(self, path: Path, index: Path, outcome: str) -> None:
        self.path = path
        self.index = index
        self.outcome = outcome
        self.fd = os.open(path, os.O_RDONLY)
        weakref.finalize(self, os.close, self.fd)
        self.size = os.fstat(self.fd).st_size

    def holds(self, at: object, size: object) -> bool:
        """Whether a piece at `at` of `size` bytes lies within the file as it was opened."""
        return isinstance(at, int) and isinstance(size, int) and 0 <= at <= self.size - size

    def read(self, at: int, size: int, sealed: str, *, purpose: str) -> bytes | None:
        """The piece, or None when it does not verify (changed since it was written): then the
        index is forgotten, and the caller makes what the piece held anew."""
        data = os.pread(self.fd, size, at)
        if len(data) == size and verify(data, sealed, purpose=purpose):
            return data
        note_foreign(self.path, self.outcome)
        with contextlib.suppress(OSError):
            self.index.unlink()
        return None


def _opened(sealed: bytes, purpose: str) -> bytes | None:
    line = sealed[MAC_CHARS + 1 :]
    if sealed[MAC_CHARS : MAC_CHARS + 1] != b" ":
        return None
    return (
        line
        if hmac.compare_digest(mac(line, purpose=purpose).encode(), sealed[:MAC_CHARS])
        else None
    )
