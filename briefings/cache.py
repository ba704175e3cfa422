"""The analysis cache on disk: `.briefings-cache/` in the site folder, safe to delete.

An entry is reused only when the article's bytes, the analysis inputs (topic keywords, people,
Markdown settings) and the tool's version are all unchanged, so it is never wrong. It is JSON, not
pickle: a cache file that came with a cloned repository cannot run code.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .model import Analysis, Block, Mention, Quote, Speaker

FOLDER = ".briefings-cache"
FORMAT = 2


def fingerprint(inputs: object, version: str) -> str:
    """A stable hash of everything an analysis depends on besides the article."""
    text = json.dumps([FORMAT, version, inputs], ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def load(site_dir: Path, key: str) -> dict[str, Analysis]:
    """Digest → analysis, from the cache written under `key`; empty when absent or stale."""
    path = site_dir / FOLDER / "analysis.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("key") != key:
        return {}
    try:
        return {digest: _analysis(entry) for digest, entry in data["entries"].items()}
    except (KeyError, TypeError, ValueError):
        return {}


def save(site_dir: Path, key: str, analyses: dict[str, Analysis]) -> None:
    """Write the cache atomically (a temporary file renamed over the old one)."""
    folder = site_dir / FOLDER
    try:
        folder.mkdir(exist_ok=True)
        (folder / ".gitignore").write_text("*\n")
        temporary = folder / f"analysis.json.{os.getpid()}"
        # An analysis with problems is not kept: the next build must report them again.
        entries = {
            digest: _entry(analysis)
            for digest, analysis in analyses.items()
            if not analysis.diagnostics
        }
        temporary.write_text(
            json.dumps({"key": key, "entries": entries}, ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )
        temporary.replace(folder / "analysis.json")
    except OSError:
        # A read-only site folder still builds; it just is not cached.
        return


def _entry(analysis: Analysis) -> list[Any]:
    return [
        [
            [b.kind, b.html, b.text, b.line, b.number, b.level, b.list_start, b.list_end, b.topics]
            for b in analysis.blocks
        ],
        [
            [q.text, q.speaker.name, q.speaker.id, q.first_block, q.last_block, q.explicit]
            for q in analysis.quotes
        ],
        [[m.person, m.block] for m in analysis.mentions],
        list(analysis.topics),
    ]


def _analysis(entry: list[Any]) -> Analysis:
    blocks, quotes, mentions, topics = entry
    return Analysis(
        blocks=tuple(
            Block(k, h, t, ln, n, lv, ls, le, tuple(tp))
            for k, h, t, ln, n, lv, ls, le, tp in blocks
        ),
        quotes=tuple(Quote(t, Speaker(sn, si), f, la, e) for t, sn, si, f, la, e in quotes),
        mentions=tuple(Mention(p, b) for p, b in mentions),
        topics=tuple(topics),
    )
