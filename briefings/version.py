"""The version of the code that builds, for caches: a changed tool never reuses what an older one
made."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from . import __version__


@lru_cache(maxsize=1)
def code_version() -> str:
    """The package version and a digest of its code and theme."""
    digest = hashlib.blake2b(digest_size=8)
    package = Path(__file__).parent
    # The theme's templates and files are code too: a new version of them renders differently.
    # Every sub-package's modules (`stages/`, `text/`...), not only the top's.
    for source in sorted([*package.rglob("*.py"), *package.glob("theme/**/*")]):
        if source.is_file():
            digest.update(source.relative_to(package).as_posix().encode() + b"\0")
            digest.update(source.read_bytes())
    return f"{__version__}+{digest.hexdigest()}"
