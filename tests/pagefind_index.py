"""What a built search index holds, read back from Pagefind's files (gzip, then CBOR): its records,
its words, each index of a bundle in shards in a stable form.

Pagefind writes its filters from a Rust HashMap, in an order of its own in each of its processes
(Pagefind/pagefind#638); the build puts them in order (`briefings.stages.pagefindfiles`), so two
builds of the same pages hold the same bytes, and this form sorts them again all the same.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def decoded(bundle: Path) -> dict[str, object]:
    """Each index in a stable form, by folder: `""` the bundle's own, `"3/"` the shard in `3/`,
    `"lexicon/a/"` a part of the lexicon."""
    indexes = {"": bundle}
    manifest = bundle / "shards.json"
    if manifest.exists():
        listed = json.loads(manifest.read_text())
        for name in [*listed["shards"], *listed.get("lexicon", [])]:
            indexes[name] = bundle / name
    return {name: _shard(folder) for name, folder in indexes.items()}


def fragments(bundle: Path) -> list[dict[str, object]]:
    """Every record of every shard (not the lexicon's pages), decoded, in a stable order."""
    found = []
    for name, shard in decoded(bundle).items():
        if not name.startswith("lexicon/"):
            found.extend(shard["fragments"].values())  # type: ignore[attr-defined]
    return sorted(found, key=lambda fragment: json.dumps(fragment, sort_keys=True))


def _shard(folder: Path) -> dict[str, object]:
    filters = {}
    for path in sorted((folder / "filter").glob("*.pf_filter")):
        name, values = _read(path)
        filters[path.stem] = [name, sorted(values)]
    entry = json.loads((folder / "pagefind-entry.json").read_text())
    (language, about), *others = entry["languages"].items()
    assert not others, "one language per index"
    meta = _read(folder / f"pagefind.{about['hash']}.pf_meta")
    version, pages, chunks, named, *rest = meta
    return {
        "language": language,
        "pages": about["page_count"],
        "meta": [version, pages, chunks, sorted(filters[hash] for _, hash in named), rest],
        "fragments": {
            path.name: json.loads(_unpacked(path))
            for path in sorted((folder / "fragment").glob("*.pf_fragment"))
        },
        "index": {
            path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted((folder / "index").glob("*.pf_index"))
        },
    }


def _unpacked(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE), path
    return data[len(SIGNATURE) :]


def _read(path: Path) -> list:  # type: ignore[type-arg]
    value, end = _cbor(_unpacked(path), 0)
    assert end == len(_unpacked(path)), path
    assert isinstance(value, list), path
    return value


def _cbor(data: bytes, at: int) -> tuple[object, int]:
    """One CBOR item (RFC 8949) from `data` at `at`: what Pagefind's index files use."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        argument = info
    elif info <= 27:
        size = 1 << (info - 24)
        argument = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise ValueError(f"unexpected CBOR byte {head:#x}")
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major in (2, 3):
        raw = data[at : at + argument]
        return (raw.hex() if major == 2 else raw.decode()), at + argument
    if major in (4, 5):
        items = []
        for _ in range(argument * (2 if major == 5 else 1)):
            item, at = _cbor(data, at)
            items.append(item)
        return (items if major == 4 else [items[0::2], items[1::2]]), at
    if major == 7 and argument in (20, 21, 22):
        return {20: False, 21: True, 22: None}[argument], at
    raise ValueError(f"unexpected CBOR item {head:#x}")


def words(index: Path) -> dict[str, set[str]]:
    """The indexed words (Pagefind's keys: stems without accents) of each page of an index, by
    the page's fragment file name."""
    *_, about = json.loads((index / "pagefind-entry.json").read_text())["languages"].items()
    pages = _read(index / f"pagefind.{about[1]['hash']}.pf_meta")[1]
    found: dict[str, set[str]] = {f"{hash}.pf_fragment": set() for hash, _ in pages}
    for path in (index / "index").glob("*.pf_index"):
        for key, where, *_ in _read(path)[0]:
            number = 0
            for step, *_ in where:
                number += step  # each page's number is given from the one before
                found[f"{pages[number][0]}.pf_fragment"].add(key)
    return found
