"""What the last build read and wrote, as file sizes and times: a build of an unchanged site is
skipped.

`briefings build` takes a snapshot of the site's files before it reads them and records it with
the output's files once the output is written (`.briefings-cache/build.json`). The next build
compares: same tool, same options, same input files and an output nobody touched mean the output
is already what a build would write. The output's files are known from the build, so they and
their folders are looked up one by one rather than listed: a file added to a folder changes the
folder's time, and listing thousands of article folders took half a second.

Like git, the stats of a file changed in the two seconds before the snapshot are not trusted (a
second write within the file system's time resolution would not show in them): its bytes are
hashed instead, before the build reads it, and compared with what is there at the next build.

One case this cannot see, as git cannot: a file hashed at the snapshot, changed while the build
reads it and changed back to the same bytes before the next build, within its two seconds. The
build then read the middle version, and the next one is skipped. Saving the file again, or
`briefings build` after deleting `.briefings-cache/`, brings the output back in line.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..version import code_version
from . import seal

FOLDER = ".briefings-cache"
NAME = "build.json"
FORMAT = 4
PURPOSE = "build"
RACY_NS = 2_000_000_000
"""Files modified this recently before a snapshot are not trusted to show a later change."""
INPUTS = ("site.yaml", "content", "templates", "static")
"""Everything a build reads in the site folder."""

Stats = dict[str, list[int] | str | None]
"""Path to [size, modification time in ns, inode]; for a file too recent to trust its stats,
the digest of its bytes (of a folder: of its names); None for what could not be read."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    inputs: Stats
    options: list[str]


@dataclass(frozen=True, slots=True)
class Options:
    """The command line's options of a build, which a skipped build must have had too."""

    out: Path | None
    """`--out`, resolved; None for site.yaml's `output`."""
    base_url: str | None
    """`--base-url`; None for site.yaml's."""
    drafts: bool

    def listed(self, site_dir: Path) -> list[str]:
        # The site's own place too: a copy of the site, caches and all, is not the site it records.
        return [str(site_dir), str(self.out), str(self.base_url), str(self.drafts)]

    @classmethod
    def read(cls, listed: list[str]) -> Options:
        """The options `listed` wrote; raises ValueError when `listed` is not such a list."""
        if not isinstance(listed, list) or len(listed) != 4:
            raise ValueError(f"not a build's options: {listed!r}")
        _, out, base_url, drafts = (str(item) for item in listed)
        return cls(
            None if out == "None" else Path(out),
            None if base_url == "None" else base_url,
            drafts == "True",
        )


@dataclass(frozen=True, slots=True)
class LastBuild:
    """What the site's last `briefings build` recorded (`record`)."""

    output: Path
    """The folder it wrote, resolved."""
    options: Options
    inputs_unchanged: bool
    """Whether the site's files are still as that build read them."""


def snapshot(site_dir: Path, options: list[str]) -> Snapshot:
    """The site's input files as they are now, before the build reads them."""
    now = time.time_ns()
    return Snapshot(_stats(site_dir, INPUTS, now), options)


def last_record(site_dir: Path) -> dict[str, object]:
    """The last build's record as written (empty when there is none this machine made), read
    once for `unchanged` and `last_outputs`: 1 MB of JSON at 4,000 articles."""
    try:
        return _read(site_dir)
    except (OSError, ValueError, TypeError):
        return {}


def unchanged(
    site_dir: Path, current: Snapshot, data: dict[str, object] | None = None
) -> list[str] | None:
    """The last build's warnings when its output is still what a build would write, else None.
    `data`: the record (`last_record`), when already read."""
    try:
        data = _read(site_dir) if data is None else data
        if data.get("format") != FORMAT or data.get("version") != code_version():
            return None
        if data["options"] != current.options or not _same_inputs(
            site_dir, data["inputs"], current.inputs
        ):
            return None
        output = Path(data["output"])
        recorded = data["outputs"]
        if not isinstance(recorded, dict) or _looked_up(output, recorded) != recorded:
            return None
        return [str(w) for w in data["warnings"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _same_inputs(site_dir: Path, recorded: Stats, current: Stats) -> bool:
    if recorded.keys() != current.keys() or None in current.values():
        return False
    for name, was in recorded.items():
        now = current[name]
        if now == was:
            continue
        # Too recent to trust when recorded: compare the bytes.
        if not isinstance(was, str) or _digest(site_dir / name) != was:
            return False
    return True


def record(
    site_dir: Path,
    taken: Snapshot,
    output: Path,
    files: Collection[str],
    warnings: list[str],
    seen: Mapping[str, object] | None = None,
) -> None:
    """The build from `taken` wrote `output`, which holds `files` (output-relative) and nothing
    else: the next build may be skipped if nothing moves. `seen`: stats of some of them that
    the build has just looked up and left alone, not looked up again (a stat older than the
    file's would only make the next build run, never skip it)."""
    folders = {"."}  # the output itself; below it, a folder's name ends with "/"
    for name in files:
        # Each folder above the file, the nearest first, up to one already met (whose own are).
        end = name.rfind("/")
        while end >= 0:
            above = name[: end + 1]
            if above in folders:
                break
            folders.add(above)
            end = name.rfind("/", 0, end)
    data = {
        "format": FORMAT,
        "version": code_version(),
        "options": taken.options,
        "inputs": taken.inputs,
        "output": str(output),
        "outputs": _looked_up(output, [*folders, *files], seen or {}),
        "warnings": warnings,
    }
    folder = site_dir / FOLDER
    try:
        folder.mkdir(exist_ok=True)
        (folder / ".gitignore").write_text("*\n")
        temporary = folder / f"{NAME}.{os.getpid()}"
        text = seal.seal_line(json.dumps(data, separators=(",", ":")), purpose=PURPOSE)
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(folder / NAME)
    except OSError:
        return  # a read-only site folder still builds; it is just never skipped


def last_build(site_dir: Path) -> LastBuild | None:
    """What the last build of the site recorded, or None when there is no record this machine
    made (no build yet, a read-only site folder, a record of another format)."""
    try:
        data = _read(site_dir, say=False)
        if data.get("format") != FORMAT:
            return None
        inputs = data["inputs"]
        if not isinstance(inputs, dict):
            return None
        current = _stats(site_dir, INPUTS, time.time_ns())
        return LastBuild(
            Path(str(data["output"])),
            Options.read(data["options"]),  # type: ignore[arg-type]
            _same_inputs(site_dir, inputs, current),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def last_outputs(
    site_dir: Path, data: dict[str, object] | None = None
) -> tuple[Path, Stats] | None:
    """The output folder of the last build and the stats of its files and folders then (`"."`
    the folder itself, `"a/"` a folder in it, `"a/b"` a file), or None. `data`: the record
    (`last_record`), when already read."""
    try:
        if data is None:
            data = _read(site_dir, say=False)  # `unchanged` read it first and said so
        outputs = data["outputs"] if data.get("format") == FORMAT else None
        if isinstance(outputs, dict):
            return Path(data["output"]), outputs
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _read(site_dir: Path, *, say: bool = True) -> dict[str, object]:
    """The last build's record, if this machine made it: a forged one could have a committed,
    attacker-made output taken for the build's own (and so kept as it is)."""
    read = seal.read_lines(site_dir / FOLDER / NAME, purpose=PURPOSE, say=say)
    if read is None or len(read[0]) != 1 or not read[1]:
        return {}
    data = json.loads(read[0][0] or "")
    return data if isinstance(data, dict) else {}


_NONE: Mapping[str, object] = {}


def _looked_up(root: Path, names: Iterable[str], seen: Mapping[str, object] = _NONE) -> Stats:
    """The stats of these files and folders of `root` (None for one that is gone), those in
    `seen` taken from it."""
    found: Stats = {}
    for name in names:
        known = seen.get(name)
        if known is not None:
            found[name] = list(known)  # type: ignore[call-overload]
            continue
        try:
            info = os.lstat(os.path.join(root, name.rstrip("/")))
        except OSError:
            found[name] = None
            continue
        found[name] = [info.st_size, info.st_mtime_ns, info.st_ino]
    return found


def _stats(root: Path, names: tuple[str, ...], now: int) -> Stats:
    found: Stats = {}
    for name in names:
        top = os.path.join(root, name)
        try:
            info = os.lstat(top)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode):
            found[name] = _entry(info, now, top)
            continue
        _walk(top, name + "/", now, found)
    return found


def _walk(folder: str, prefix: str, now: int, found: Stats) -> None:
    # Folders too: a link to a folder, or a folder made empty, is a change.
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        found[prefix] = None
        return
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            found[prefix + entry.name] = None
            continue
        found[prefix + entry.name] = _entry(info, now, entry.path)
        if stat.S_ISDIR(info.st_mode):
            _walk(entry.path, f"{prefix}{entry.name}/", now, found)


def _entry(info: os.stat_result, now: int, path: str) -> list[int] | str | None:
    if info.st_mtime_ns > now - RACY_NS:
        return _digest(Path(path))
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def _digest(path: Path) -> str | None:
    """The bytes of a file, or the names in a folder, as a digest."""
    try:
        if path.is_symlink():
            data = os.readlink(path).encode()
        elif path.is_dir():
            data = "\0".join(sorted(os.listdir(path))).encode()
        else:
            data = path.read_bytes()
    except OSError:
        return None
    return hashlib.blake2b(data, digest_size=16).hexdigest()
