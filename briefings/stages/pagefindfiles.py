"""Pagefind's files made the same for the same pages: its filters put in order.

Pagefind writes a filter's values, and the list of filters in its metadata, in the order of a
hash map seeded anew in each of its processes (Pagefind/pagefind#638), and names each file by a
hash of its bytes: two runs on the same pages write different bytes under different names. So
that an index made again is the index a clean build makes, byte for byte, the filters' values are
sorted, their files named by a digest of the sorted bytes, the metadata's list of filters sorted
and renamed to match, and the entry file pointed at the new metadata. Every other file (fragments,
word chunks) is already the same from run to run. The files are gzip streams of `pagefind_dcd`
and CBOR (RFC 8949); an index whose files are not as expected is left as Pagefind made it.
"""

from __future__ import annotations

import gzip
import hashlib
import json

SIGNATURE = b"pagefind_dcd"

Item = int | str | bytes | list["Item"] | bool | None


def ordered(files: dict[str, bytes]) -> dict[str, bytes]:
    """An index's files (bundle-relative) with its filters in a stable order."""
    try:
        return _ordered(files)
    except (KeyError, ValueError, TypeError, IndexError, EOFError, gzip.BadGzipFile):
        return files  # another Pagefind's format: found as it is, only not the same each time


def _ordered(files: dict[str, bytes]) -> dict[str, bytes]:
    entry = json.loads(files["pagefind-entry.json"])
    done = dict(files)
    for language, about in entry["languages"].items():
        meta_name = f"pagefind.{about['hash']}.pf_meta"
        meta = _load(files[meta_name])
        if not isinstance(meta, list) or len(meta) < 4 or not isinstance(meta[3], list):
            raise ValueError("unexpected metadata")
        renamed = []
        for name, old in meta[3]:
            path = f"filter/{old}.pf_filter"
            filtered = _load(files[path])
            if not isinstance(filtered, list) or len(filtered) != 2:
                raise ValueError("unexpected filter")
            values = filtered[1]
            assert isinstance(values, list)
            data = _pack([filtered[0], sorted(values, key=_key)])
            new = f"{language}_{hashlib.blake2b(data, digest_size=8).hexdigest()[:7]}"
            del done[path]
            done[f"filter/{new}.pf_filter"] = data
            renamed.append([name, new])
        meta[3] = sorted(renamed, key=_key)
        data = _pack(meta)
        about["hash"] = f"{language}_{hashlib.blake2b(data, digest_size=8).hexdigest()[:10]}"
        del done[meta_name]
        done[f"pagefind.{about['hash']}.pf_meta"] = data
    done["pagefind-entry.json"] = json.dumps(entry, separators=(",", ":")).encode()
    return done


def _key(item: Item) -> str:
    return json.dumps(item, default=lambda value: value.hex())


def _load(data: bytes) -> Item:
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not a Pagefind file")
    item, end = _decode(raw, len(SIGNATURE))
    if end != len(raw):
        raise ValueError("trailing bytes")
    return item


def _pack(item: Item) -> bytes:
    # A gzip stream without a time: the same bytes every time.
    return gzip.compress(SIGNATURE + _encode(item), compresslevel=9, mtime=0)


def _decode(data: bytes, at: int) -> tuple[Item, int]:
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
        if len(raw) != argument:
            raise ValueError("cut short")
        return (raw if major == 2 else raw.decode()), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 7 and argument in (20, 21, 22):
        return {20: False, 21: True, 22: None}[argument], at
    raise ValueError(f"unexpected CBOR item {head:#x}")  # maps are not in these files


def _encode(item: Item) -> bytes:
    if item is False or item is True or item is None:
        return bytes([0xF4 if item is False else 0xF5 if item is True else 0xF6])
    if isinstance(item, int):
        return _head(0, item) if item >= 0 else _head(1, -1 - item)
    if isinstance(item, str):
        raw = item.encode()
        return _head(3, len(raw)) + raw
    if isinstance(item, bytes):
        return _head(2, len(item)) + item
    return _head(4, len(item)) + b"".join(_encode(part) for part in item)


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise ValueError("too large for CBOR")
