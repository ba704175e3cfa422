"""`briefings serve`: the development server, the watcher and rebuild loop, the first pages of
an edited article, and the reload script injected into served pages.

It may import anything below it (`stages/`, `incremental/`, `text/`, the top); nothing imports it
but the command line.
"""
