"""What makes a build incremental: the caches a build leaves to the next (parsed articles, analyses,
page records, the build's stamp), sealed with the machine's key; the fingerprints of what a page
read; the pool of forked workers.

It may import `stages/` (a cached analysis is the analysis stage's), `text/` and the top; never
`preview/` or `commands/`.
"""
