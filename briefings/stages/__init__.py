"""The build's stages, one module each, in the order `build.py` runs them.

config → content → analysis → linking (then advice) → pages → render → search → write, with
feeds, paginate and figures (with its charts) used by pages, and limits and budget bounding what
a file and the output may cost. A stage takes the data the previous one made (frozen dataclasses
of `model`) and returns its own. It may import `text/` (reading the copy), `incremental/` (what a
build keeps for the next) and the modules at the top; never `preview/` or `commands/`.
"""
