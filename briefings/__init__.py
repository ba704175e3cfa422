"""briefings: a static site generator for briefing dossiers."""

__version__ = "0.1.0"
"""The release's version: pyproject.toml reads it from here, and `briefings init` pins it."""
