"""The theme's templates compiled once for every build: Jinja2 turns a template into Python code,
a tenth of a second for the whole theme, in every process that renders pages.

The code is kept in the user's cache folder beside the machine's key (`seal.key_path`), never in
the site folder: it runs. Each file is sealed with the key, and names the tool's version, which
the environment's settings come with: a file made elsewhere, by another version or from another
template's text is compiled again, never run. Only the built-in theme's templates are kept; a
site's own (`templates/`) are compiled in each build, as they were, so that the folder holds one
file per theme template and no more.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from ..version import code_version
from . import seal

PURPOSE = "templates"
THEME = Path(__file__).resolve().parent.parent / "theme" / "templates"


def folder() -> Path:
    """Where compiled templates are kept: beside the machine's key."""
    return seal.key_path().parent / "templates"


class CompiledTemplates(jinja2.BytecodeCache):
    """A Jinja2 bytecode cache of the theme's templates, sealed with this machine's key."""

    def __init__(self, where: Path | None = None) -> None:
        self.where = where if where is not None else folder()

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        if filename is None or Path(filename).resolve().parent != THEME:
            return ""  # a site's own template: compiled in each build
        return hashlib.blake2b(name.encode(), digest_size=16).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        if not bucket.key:
            return
        try:
            data = (self.where / bucket.key).read_bytes()
        except OSError:
            return
        mark, _, body = data.partition(b"\n")
        version, _, code = body.partition(b"\n")
        if version != code_version().encode() or not hmac.compare_digest(
            mark, seal.mac(body, purpose=PURPOSE).encode()
        ):
            return  # made by another version, or not made here: compiled again
        bucket.bytecode_from_string(code)  # Jinja2 checks the template's text and its version

    def dump_bytecode(self, bucket: Bucket) -> None:
        if not bucket.key:
            return
        body = code_version().encode() + b"\n" + bucket.bytecode_to_string()
        data = seal.mac(body, purpose=PURPOSE).encode() + b"\n" + body
        temporary = self.where / f"{bucket.key}.{os.getpid()}"
        try:
            self.where.mkdir(parents=True, exist_ok=True, mode=0o700)
            temporary.write_bytes(data)
            temporary.replace(self.where / bucket.key)
        except OSError:
            return  # a cache folder that cannot be written: the templates are compiled each time
