"""The real-copy evaluation set: wire articles nobody here wrote, kept outside the repository.

    python benchmarks/real_copy.py fetch DIR      # DIR/raw/*.jsonl (saved by hand) -> DIR/<id>.md
    python benchmarks/real_copy.py check DIR      # each DIR/<id>.md against its SHA-256
    python benchmarks/real_copy.py manifest DIR   # (re)write the hashes into the manifest

The articles come from the search tool's `pages` corpus, which a script cannot call: for each
entry of `benchmarks/real/articles.yaml`, run its `query` with the search tool (corpus `pages`),
take the result whose address is its `url`, and save that result as one JSON line
`{"id": ..., "url": ..., "excerpt": ...}` (the excerpt exactly as the tool returns it) in a file
`DIR/raw/<anything>.jsonl`. `fetch` then turns every saved excerpt into `DIR/<id>.md` by the rules
of `to_paragraphs` and checks it against the manifest's hash. Nothing here uses the network.

Only what we wrote is committed (the manifest, the labels, the scores); the text stays in DIR.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "benchmarks" / "real"
MANIFEST = REAL / "articles.yaml"

# The search index puts the page's date before some excerpts: it is not the page's text.
_DATE_STAMP = re.compile(r"^\s*date \d{4}-\d{2}(?:-\d{2})?\s+")
# A line that ends a sentence (or a quote, or announces one): anything else is a headline, a
# dateline or a caption, or (the last line) the excerpt cut mid-sentence.
_SENTENCE_END = tuple('.!?…:;"»”’)')
# Lines of the page that are not the article: site chrome, credits, sharing and subscription
# prompts, footers. Matched against the whole stripped line, case ignored.
_BOILERPLATE = re.compile(
    r"""(?ix)^(?:
      (?:ua\ en\ ru|se\ propager|arton\d+|show\ more|back\ to\ top\ button|related\ articles
        |leave\ a\ comment|comm|support\ the\ moscow\ times!|passer\ au\ contenu\ principal
        |press\ release|further\ information|media\ enquiries|for\ journalists
        |updates\ to\ this\ page|azertac|gabriel\ attal|voir\ plus|crédit\ photo\ ©.*)
    | (?:author|photo|source|crédit\ photo|tags)\s*:.*
    | ©.*
    | (?:published|politics)\s+\d.*
    | admin\s+\w+\s+\d{1,2},\s+\d{4}
    | follow\ the\ .*\ on\ .*
    | this\ was\ published\ under\ .*
    | this\ site\ uses\ akismet.*
    | sign\ up\ for\ .*newsletter.*
    | our\ weekly\ newsletter\ .*
    | il\ vous\ reste\ .*\ réservée\ aux\ abonnés\.
    | \(reporting\ by\ .*\)
    )$"""
)


def to_paragraphs(excerpt: str) -> str:
    """The excerpt as Markdown paragraphs separated by blank lines, one per line of the page.

    1. A leading date stamp of the search index (` date 2024-06-14 `) is removed.
    2. Each line, stripped, is one paragraph; empty lines are dropped, and so is a line equal to
       the one kept before it (pages that print their lead twice).
    3. Boilerplate lines (`_BOILERPLATE`: site chrome, bylines and photo credits, sharing,
       newsletter and paywall prompts, press-office footers) are dropped.
    4. The last line is dropped when it does not end a sentence: the excerpt (about 2,000
       characters) cut it.
    5. A line that does not end a sentence (`_SENTENCE_END`) and does not start with `- ` is a
       headline, dateline or caption: it becomes a `# ` heading, which has no paragraph number.
    """
    text = _DATE_STAMP.sub("", excerpt, count=1)
    lines: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line or (lines and line == lines[-1]) or _BOILERPLATE.match(line):
            continue
        lines.append(line)
    if lines and not lines[-1].endswith(_SENTENCE_END):
        lines.pop()
    out = []
    for line in lines:
        heading = not line.endswith(_SENTENCE_END) and not line.startswith("- ")
        out.append(f"# {line}" if heading else line)
    return "\n\n".join(out) + "\n"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_manifest(path: Path = MANIFEST) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["articles"]


def saved_excerpts(folder: Path) -> dict[str, dict]:
    """Every record saved under `folder/raw/*.jsonl`, by id."""
    records = {}
    for path in sorted((folder / "raw").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                records[record["id"]] = record
    return records


def fetch(folder: Path, manifest: Sequence[dict]) -> int:
    records = saved_excerpts(folder)
    missing = []
    for entry in manifest:
        record = records.get(entry["id"])
        if record is None:
            missing.append(entry["id"])
            continue
        if record.get("url") != entry["url"]:
            print(f"{entry['id']}: saved from {record.get('url')}, expected {entry['url']}")
        (folder / f"{entry['id']}.md").write_text(
            to_paragraphs(record["excerpt"]), encoding="utf-8"
        )
    for article_id in missing:
        entry = next(e for e in manifest if e["id"] == article_id)
        print(f"missing {article_id}: search pages for {entry['query']!r}, save {entry['url']}")
    return check(folder, manifest) or (1 if missing else 0)


def check(folder: Path, manifest: Sequence[dict]) -> int:
    bad = 0
    for entry in manifest:
        path = folder / f"{entry['id']}.md"
        if not path.is_file():
            print(f"{entry['id']}: no {path.name}")
            bad += 1
        elif sha256(path.read_text(encoding="utf-8")) != entry.get("sha256"):
            print(f"{entry['id']}: text differs from the labelled copy (SHA-256)")
            bad += 1
    print(f"{len(manifest) - bad} of {len(manifest)} articles match the manifest")
    return 1 if bad else 0


def write_manifest(folder: Path, path: Path = MANIFEST) -> int:
    """Set each entry's `sha256` from DIR/<id>.md, line by line: the file's comments, quoting and
    order stay as written (a YAML dump would rewrite all of it, and the diff would hide the hashes).
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    entry_id: str | None = None  # the entry being read, while its hash is still to be written

    def close() -> None:
        # An entry with no `sha256:` line gets one after its last key.
        if entry_id is not None:
            at = len(out)
            while at and not out[at - 1].startswith("  "):
                at -= 1
            out.insert(at, f"  sha256: {_digest(folder, entry_id)}")

    for line in lines:
        start = re.match(r"- id: *(\S+)", line)
        if start or (line and not line.startswith((" ", "#"))):
            close()
            entry_id = yaml.safe_load(start.group(1)) if start else None
        elif entry_id is not None and line.startswith("  sha256:"):
            line = f"  sha256: {_digest(folder, entry_id)}"
            entry_id = None
        out.append(line)
    close()
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return 0


def _digest(folder: Path, article_id: str) -> str:
    return sha256((folder / f"{article_id}.md").read_text(encoding="utf-8"))


def manifest_from_raw(records: Iterable[dict]) -> list[dict]:
    keys = ("id", "url", "outlet", "lang", "query")
    return [{k: r[k] for k in keys} for r in records]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["fetch", "check", "manifest"])
    parser.add_argument("dir", type=Path, help="folder of the copy, outside the repository")
    args = parser.parse_args(argv)
    folder: Path = args.dir.resolve()
    if folder == ROOT or ROOT in folder.parents:
        parser.error("keep the real copy outside the repository (it is not ours)")
    if args.command == "manifest":
        return write_manifest(folder)
    manifest = load_manifest()
    if args.command == "fetch":
        folder.mkdir(parents=True, exist_ok=True)
        return fetch(folder, manifest)
    return check(folder, manifest)


if __name__ == "__main__":
    sys.exit(main())
