"""benchmarks/real_copy.py's `manifest` command: hashes set, the rest of the file as written."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import real_copy

MANIFEST = """\
# Pointers only: the text stays outside the repository.
articles:
- id: fr-exemple-bilan
  url: https://exemple.fr/gaza/bilan   # the page, as the search tool gives it
  outlet: "Exemple Info"
  lang: fr
  sha256: 0000
# heldout-9: added by hand
- id: en-example-toll
  url: https://example.com/toll
  outlet: Example News
  lang: en
"""


def test_manifest_sets_each_hash_and_keeps_the_file_as_written(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    texts = {
        "fr-exemple-bilan": "Le bilan s'élève à 22 700 morts, selon le ministère.\n",
        "en-example-toll": "The toll rose to 1,200, the ministry said.\n",
    }
    for article_id, text in texts.items():
        (copy / f"{article_id}.md").write_text(text, encoding="utf-8")
    manifest = tmp_path / "articles.yaml"
    manifest.write_text(MANIFEST, encoding="utf-8")

    assert real_copy.write_manifest(copy, manifest) == 0

    written = manifest.read_text(encoding="utf-8")
    digests = {k: hashlib.sha256(v.encode()).hexdigest() for k, v in texts.items()}
    entries = yaml.safe_load(written)["articles"]
    assert {e["id"]: e["sha256"] for e in entries} == digests
    # Every line but the hashes as it was: comments, quotes and order kept.
    expected = MANIFEST.replace("sha256: 0000", f"sha256: {digests['fr-exemple-bilan']}")
    expected = expected.replace(
        "  lang: en\n", f"  lang: en\n  sha256: {digests['en-example-toll']}\n"
    )
    assert written == expected
    assert real_copy.check(copy, entries) == 0
